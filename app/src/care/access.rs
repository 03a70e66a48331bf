//! Who reaches which care record, and what each page of the care work receives: a
//! counselor their own children, the leading group every child in care, a student only its
//! own diary. Corrected versions of an entry only for the leading group and the admin.

use chrono::{Datelike, Days, NaiveDate};

use super::coverage_domain::most_urgent_first;
use super::db;
use super::domain::Rhythm;
use super::types::{
    CareRecord, ChildCare, Coverage, CoverageFilter, CoverageRow, DueFilter, MyChildren, Task,
    TaskKind,
};
use crate::auth::permissions::{Access, Capability, Target};
use crate::calendar::domain::birthdays::birthdays_of;
use crate::children::db::ChildRecord;
use crate::children::types::LeftBehind;
use crate::error::AppError;
use crate::frame::Ctx;

fn month_start(day: NaiveDate) -> NaiveDate {
    day.with_day(1).expect("the first of a month")
}

/// The student's own child record: the only diary a student reaches. A student account
/// without a child is refused (audited).
pub async fn own_child(ctx: &Ctx) -> Result<(i64, Target), AppError> {
    let Some(child) = super::diary_db::student_child(ctx.pool(), ctx.viewer.user_id()).await?
    else {
        return Err(ctx.refuse(Capability::OwnDiary, Target::Any).await);
    };
    let record = crate::children::db::one(ctx.pool(), child).await?;
    Ok((child, record.target()))
}

/// The counselor's own children with what is due for each, and every task across them by
/// due date.
pub async fn my_children(ctx: &Ctx) -> Result<MyChildren, AppError> {
    let today = ctx.today();
    let me = ctx.viewer.user_id();
    let rhythm = db::rhythm(ctx.pool()).await?;
    let children = db::care_children(ctx.pool(), Some(me), month_start(today)).await?;
    let ids: Vec<i64> = children.iter().map(|c| c.id).collect();
    let name_of = |id: i64| {
        children
            .iter()
            .find(|c| c.id == id)
            .map(|c| c.name.clone())
            .unwrap_or_default()
    };
    let concerns: Vec<_> = super::concerns_db::concerns(ctx.pool(), None, ctx.state().time_zone)
        .await?
        .into_iter()
        .filter(|c| ids.contains(&c.child_id))
        .collect();
    let follow_ups: Vec<_> = crate::checkup::db::open_follow_ups(ctx.pool(), &ctx.viewer, None)
        .await?
        .into_iter()
        .filter(|f| ids.contains(&f.child_id))
        .collect();
    let task = |child_id: i64, kind: TaskKind, due: NaiveDate| Task {
        child_id,
        child_name: name_of(child_id),
        kind,
        due,
        state: rhythm.state(due, today),
    };
    let others = db::other_authors(ctx.pool(), me, today - Days::new(14)).await?;
    let mut tasks = Vec::new();
    let mut rows = Vec::new();
    for child in &children {
        let since = child.paired_since.unwrap_or(today);
        let talk_due = Rhythm::due(rhythm.talk_days, child.last_talk, since);
        let visit_due = Rhythm::due(rhythm.visit_days, child.last_visit, since);
        tasks.push(task(child.id, TaskKind::Talk, talk_due));
        tasks.push(task(child.id, TaskKind::HomeVisit, visit_due));
        let week_end = today + Days::new(6);
        rows.push(ChildCare {
            child_id: child.id,
            name: child.name.clone(),
            class: child.class,
            left_behind: child.left_behind,
            last_contact: child.last_contact,
            last_talk: child.last_talk,
            talk_due,
            talk_state: rhythm.state(talk_due, today),
            visit_due,
            visit_state: rhythm.state(visit_due, today),
            follow_ups: follow_ups.iter().filter(|f| f.child_id == child.id).count() as i64,
            birthday: birthdays_of(child.birth_date, child.lunar_birthday, today, week_end)
                .first()
                .map(|(day, _)| *day),
            open_concerns: concerns.iter().filter(|c| c.child_id == child.id).count() as i64,
            others: others
                .iter()
                .filter(|(id, _)| *id == child.id)
                .map(|(_, name)| name.clone())
                .collect(),
        });
    }
    for (_, step, due, child) in db::open_steps(ctx.pool(), &ids).await? {
        tasks.push(task(child, TaskKind::NextStep(step), due));
    }
    for (child, at) in db::open_plans_of(ctx.pool(), me).await? {
        tasks.push(task(child, TaskKind::PlannedVisit, at.date()));
    }
    for concern in &concerns {
        tasks.push(task(
            concern.child_id,
            TaskKind::Concern(concern.reason),
            concern.address_by,
        ));
    }
    for follow_up in &follow_ups {
        tasks.push(task(
            follow_up.child_id,
            TaskKind::FollowUp(follow_up.what.clone()),
            follow_up.due,
        ));
    }
    // Two weeks in a row without a call home: due since the end of last week.
    let last_sunday = crate::habits::domain::week_start(today) - Days::new(1);
    for (child, weeks) in crate::habits::access::missed_calls(ctx, &ids).await? {
        if weeks >= 2 {
            tasks.push(task(child, TaskKind::MissedCalls(weeks), last_sunday));
        }
    }
    // What the families wrote or proposed, waiting for the counselor.
    for (child, messages, proposals) in crate::family::db::waiting(ctx.pool()).await? {
        if ids.contains(&child) {
            let kind = TaskKind::Family {
                messages: messages as u32,
                proposals: proposals as u32,
            };
            tasks.push(task(child, kind, today));
        }
    }
    tasks.sort_by(|a, b| (a.due, &a.child_name).cmp(&(b.due, &b.child_name)));
    // Who needs a contact most comes first.
    rows.sort_by_key(|r| (r.talk_due.min(r.visit_due), r.child_id));
    Ok(MyChildren {
        today,
        children: rows,
        tasks,
    })
}

/// Every child in care (the leading group and the admin): the school's figures, the paired
/// children `filter` keeps, the unpaired ones (of its class), the open concerns.
pub async fn coverage(ctx: &Ctx, filter: CoverageFilter) -> Result<Coverage, AppError> {
    let today = ctx.today();
    let rhythm = db::rhythm(ctx.pool()).await?;
    let children = db::care_children(ctx.pool(), None, month_start(today)).await?;
    let row = |c: &db::CareChild| {
        let since = c.paired_since.unwrap_or(today);
        let state = |every: u64, last: Option<NaiveDate>| {
            c.counselor_id
                .map(|_| rhythm.state(Rhythm::due(every, last, since), today))
        };
        CoverageRow {
            child_id: c.id,
            name: c.name.clone(),
            class_id: c.class_id,
            class: c.class,
            left_behind: c.left_behind,
            counselor_id: c.counselor_id,
            counselor: c.counselor.clone(),
            contacts_this_month: c.contacts_since,
            last_contact: c.last_contact,
            last_visit: c.last_visit,
            talk_state: state(rhythm.talk_days, c.last_talk),
            visit_state: state(rhythm.visit_days, c.last_visit),
        }
    };
    let count = |f: &dyn Fn(&db::CareChild) -> bool| children.iter().filter(|c| f(c)).count();
    let (paired, unpaired): (Vec<CoverageRow>, Vec<CoverageRow>) = children
        .iter()
        .filter(|c| c.counselor_id.is_some() || c.left_behind != LeftBehind::None)
        .map(row)
        .partition(|r| r.counselor_id.is_some());
    let among_paired = |f: CoverageFilter| paired.iter().filter(|r| f.keeps(r)).count();
    let mut concerns =
        super::concerns_db::concerns(ctx.pool(), None, ctx.state().time_zone).await?;
    most_urgent_first(&mut concerns, today);
    Ok(Coverage {
        today,
        left_behind: count(&|c| c.left_behind == LeftBehind::Full) as i64,
        half_left_behind: count(&|c| c.left_behind == LeftBehind::Half) as i64,
        paired: paired.len() as i64,
        overdue: among_paired(CoverageFilter::overdue(DueFilter::Talk)) as i64,
        visits_overdue: among_paired(CoverageFilter::overdue(DueFilter::Visit)) as i64,
        unreached: among_paired(CoverageFilter::reached(false)) as i64,
        reached: among_paired(CoverageFilter::reached(true)) as i64,
        contacts_this_month: children.iter().map(|c| c.contacts_since).sum(),
        rows: paired.into_iter().filter(|r| filter.keeps(r)).collect(),
        unpaired: unpaired
            .into_iter()
            .filter(|r| filter.class.is_none_or(|k| k == r.class_id))
            .collect(),
        concerns,
        counselors: super::pairing_db::counselors(ctx.pool()).await?,
        classes: crate::school::db::classes(ctx.pool()).await?,
        can_pair: ctx.may(Capability::ManagePairings, Target::School),
        talk_days: rhythm.talk_days,
        visit_days: rhythm.visit_days,
    })
}

/// One child's care record, for someone who may read it.
pub async fn record(ctx: &Ctx, child: &ChildRecord) -> Result<CareRecord, AppError> {
    let target = child.target();
    let zone = ctx.state().time_zone;
    // Corrected versions: for the leading group and the admin (who read every record).
    let sees_history = ctx.access == Access::All;
    let diary = if ctx.may(Capability::ReadDiary, target) {
        super::diary_db::diary(ctx.pool(), child.id, zone).await?
    } else {
        Vec::new()
    };
    Ok(CareRecord {
        child_id: child.id,
        name: child.name.clone(),
        class: child.class,
        left_behind: child.left_behind,
        pairings: super::pairing_db::pairings(ctx.pool(), child.id).await?,
        entries: db::entries(ctx.pool(), child.id, sees_history, zone).await?,
        concerns: super::concerns_db::concerns(ctx.pool(), Some(child.id), zone).await?,
        diary,
        plans: db::open_plans(ctx.pool(), child.id).await?,
        can_write: ctx.may(Capability::WriteCareLog, target),
        can_write_diary: ctx.may(Capability::WriteDiary, target),
        sees_history,
        counselors: if ctx.may(Capability::ManagePairings, Target::School) {
            super::pairing_db::counselors(ctx.pool()).await?
        } else {
            Vec::new()
        },
        new_uid: crate::school::ids::new_uid(),
        today: ctx.today(),
    })
}

/// A diary picture, for whoever may read the child's diary (a student: only its own).
pub async fn picture(ctx: &Ctx, entry: i64) -> Result<Vec<u8>, AppError> {
    let (child, bytes) = super::diary_db::picture(ctx.pool(), entry).await?;
    let target = crate::children::db::one(ctx.pool(), child).await?.target();
    if ctx.access == Access::Own {
        let own = super::diary_db::student_child(ctx.pool(), ctx.viewer.user_id()).await?;
        if own != Some(child) {
            return Err(ctx.refuse(Capability::OwnDiary, target).await);
        }
    } else {
        ctx.require(Capability::ReadDiary, target).await?;
    }
    ctx.read(format!("read_diary {child} picture {entry}"), target)
        .await?;
    Ok(bytes)
}
