//! What a family's link reaches (its household's children, only what the counselor chose to
//! share) and what staff see of a child's family (those who write the child's file).

use std::collections::HashSet;

use chrono::{Days, NaiveDate};

use super::types::{
    Coming, FamilyChild, FamilyDesk, FamilyPage, KeptWindow, Parent, Proposal, SentProposal,
    Shareable, SharedEntry,
};
use super::{db, proposals_db};
use crate::auth::permissions::{Capability, Target};
use crate::children::db::ChildRecord;
use crate::children::types::Enrolment;
use crate::children::work_place_domain::{ParentsPlaces, WorkPlace};
use crate::error::AppError;
use crate::frame::Ctx;
use crate::habits::db::Whose;
use crate::habits::domain::{week_start, weekly_marks, Excused};
use crate::habits::types::{Habit, Mark};
use crate::state::AppState;

/// How far ahead the family's page looks.
const AHEAD_DAYS: u64 = 45;
/// At most this many dates are shown.
const COMING_SHOWN: usize = 12;
/// At most this many children are offered as brothers and sisters.
const SIBLINGS_OFFERED: usize = 30;
/// The family's own last messages shown back to them: enough to see it arrived.
const SENT_SHOWN: i64 = 3;

/// The family's page of the household's `children`, seen through `link`.
pub async fn page(state: &AppState, link: i64, children: &[i64]) -> Result<FamilyPage, AppError> {
    let today = state.today();
    let school = state.school_info().name;
    let school_phone = school_phone(state);
    let mut out = Vec::new();
    for &child in children {
        out.push(family_child(state, link, child, today).await?);
    }
    Ok(FamilyPage {
        school,
        school_phone,
        today,
        children: out,
    })
}

/// The school's phone, when it is set: on the family's page, and for a link gone.
pub fn school_phone(state: &AppState) -> Option<String> {
    Some(state.school_info().phone).filter(|p| !p.is_empty())
}

async fn family_child(
    state: &AppState,
    link: i64,
    child: i64,
    today: NaiveDate,
) -> Result<FamilyChild, AppError> {
    let pool = &state.pool;
    let (name, class_id, birth, lunar, counselor) = db::child_basics(pool, child).await?;
    let last = today + Days::new(AHEAD_DAYS);
    // What the child's class sees of the school calendar, the birthday, the checkup day.
    let filter = crate::calendar::types::CalendarFilter {
        categories: Vec::new(),
        class_id: Some(class_id),
        group_id: None,
    };
    let holidays = crate::calendar::holidays_db::holidays_between(pool, today, last).await?;
    // The class's and the school's events, and the groups the child is in: not the others'.
    let other_groups = db::other_groups_events(pool, child).await?;
    let mut coming: Vec<Coming> =
        crate::calendar::db::occurrences_between(pool, today, last, true, &filter, &holidays, None)
            .await?
            .into_iter()
            .filter(|o| !other_groups.contains(&o.event_id))
            .map(|o| Coming {
                day: o.start.date(),
                title: o.title,
                birthday: false,
            })
            .filter(|c| c.day >= today)
            .collect();
    for (day, _age) in crate::calendar::domain::birthdays::birthdays_of(birth, lunar, today, last) {
        coming.push(Coming {
            day,
            title: String::new(),
            birthday: true,
        });
    }
    coming.sort_by(|a, b| a.day.cmp(&b.day).then(b.birthday.cmp(&a.birthday)));
    // A weekly activity once, at its next date: a short list a parent reads on a phone.
    let mut seen = HashSet::new();
    coming.retain(|c| c.birthday || seen.insert(c.title.clone()));
    coming.truncate(COMING_SHOWN);

    // The weekly call home: weeks in a row, the parents at home and illness excusing.
    let since = week_start(today) - Days::new(7 * 26);
    let calls: HashSet<NaiveDate> = crate::habits::db::log(pool, Whose::Child(child), since, today)
        .await?
        .into_iter()
        .filter(|r| r.habit == Habit::Call)
        .map(|r| r.day)
        .collect();
    let excused = Excused(
        crate::habits::excuses_db::excuses(pool, Whose::Child(child), since, today)
            .await?
            .into_iter()
            .map(|e| (e.2, e.3, e.4))
            .collect(),
    );
    let weeks = weekly_marks(&calls, &excused, since, today);
    let called_this_week = weeks.last().is_some_and(|(_, m)| *m == Mark::Done);
    let call_streak = weeks
        .iter()
        .rev()
        .skip(1)
        .take_while(|(_, m)| *m != Mark::Missed)
        .filter(|(_, m)| *m == Mark::Done)
        .count() as u32;

    let shared: HashSet<i64> = db::shared_ids(pool, child).await?.into_iter().collect();
    let diary = crate::care::diary_db::diary(pool, child, state.time_zone)
        .await?
        .into_iter()
        .filter(|d| shared.contains(&d.id))
        .filter_map(|d| {
            Some(SharedEntry {
                day: d.written_at.get(..10)?.parse().ok()?,
                body: d.body,
                by_child: d.by_child,
            })
        })
        .collect();
    // What this household sent, never what another link of the child did.
    let sent = db::sent_through(pool, link, child, SENT_SHOWN, state.time_zone).await?;
    let proposed = proposals_db::proposed_through(pool, link, child, SENT_SHOWN)
        .await?
        .into_iter()
        .map(|p| SentProposal {
            parent: p.parent,
            phone: p.phone,
            work_city: p.work_city,
            call_window: p.window,
            state: p.state,
            created_at: crate::school::types::local_time(&p.created_at, state.time_zone),
        })
        .collect();
    Ok(FamilyChild {
        child_id: child,
        name,
        coming,
        call_streak,
        called_this_week,
        diary,
        counselor,
        sent,
        proposed,
    })
}

/// Each parent's place of work as the file knows it.
fn places_on_file(record: &ChildRecord) -> ParentsPlaces {
    ParentsPlaces::read(
        record.parents_away,
        WorkPlace::of(&record.work_province, &record.work_city),
        record.mother_work_place.as_deref(),
    )
}

/// The file's places of work once `parent`'s is the one they `typed`: the other parent's
/// stays as it is (a mother's 迪拜 never replaces the father's 江苏 苏州).
pub fn accepted_places(
    record: &ChildRecord,
    parent: Parent,
    typed: &str,
) -> (WorkPlace, Option<String>) {
    let mut places = places_on_file(record);
    let place = Some(WorkPlace::parse(typed));
    match parent {
        Parent::Father => places.father = place,
        Parent::Mother => places.mother = place,
    }
    places.stored(record.parents_away)
}

/// The staff's family page of `child`: for those who write the child's file.
pub async fn desk(
    ctx: &Ctx,
    record: &ChildRecord,
    new_link: Option<String>,
) -> Result<FamilyDesk, AppError> {
    let pool = ctx.pool();
    let zone = ctx.state().time_zone;
    let places = places_on_file(record);
    let place_of = |parent| {
        match parent {
            Parent::Father => &places.father,
            Parent::Mother => &places.mother,
        }
        .as_ref()
        .and_then(WorkPlace::words)
    };
    // The window on file: beside each proposed one, and its version for accepting one.
    let window = crate::habits::excuses_db::call_windows(pool, Whose::Child(record.id))
        .await?
        .into_iter()
        .next()
        .map(|(_, w)| w);
    let window_version = window.as_ref().map_or(0, |w| w.version);
    let window_now = window.map(KeptWindow::on_file);
    let proposals = proposals_db::proposals(pool, record.id)
        .await?
        .into_iter()
        .map(|p| Proposal {
            id: p.id,
            parent: p.parent,
            phone_now: match p.parent {
                Parent::Father => record.father_phone.clone(),
                Parent::Mother => record.mother_phone.clone(),
            },
            work_place_now: place_of(p.parent),
            window_now: window_now.clone(),
            phone: p.phone,
            work_place_filed: p
                .work_city
                .as_deref()
                .and_then(|typed| WorkPlace::parse(typed).words().filter(|w| w != typed)),
            work_city: p.work_city,
            call_window: p.window,
            state: p.state,
            created_at: crate::school::types::local_time(&p.created_at, zone),
        })
        .collect();
    let shared: HashSet<i64> = db::shared_ids(pool, record.id).await?.into_iter().collect();
    let can_share = ctx.may(Capability::WriteDiary, record.target());
    let diary = if ctx.may(Capability::ReadDiary, record.target()) {
        crate::care::diary_db::diary(pool, record.id, zone)
            .await?
            .into_iter()
            .filter_map(|d| {
                Some(Shareable {
                    day: d.written_at.get(..10)?.parse().ok()?,
                    shared: shared.contains(&d.id),
                    id: d.id,
                    body: d.body,
                    by_child: d.by_child,
                })
            })
            .collect()
    } else {
        Vec::new()
    };
    let siblings = siblings_of(ctx, record)
        .await?
        .into_iter()
        .take(SIBLINGS_OFFERED)
        .map(|c| (c.id, c.name))
        .collect();
    Ok(FamilyDesk {
        file_version: record.version,
        window_version,
        child_id: record.id,
        name: record.name.clone(),
        links: db::links_of(pool, record.id, zone).await?,
        new_link,
        messages: db::messages(pool, record.id, zone).await?,
        proposals,
        diary,
        siblings,
        can_share,
    })
}

/// Brothers and sisters a link for `record` may also reach (the desk offers the first
/// [`SIBLINGS_OFFERED`]): children at school whose files the viewer writes too, whose file
/// has a phone of this child's household (the guardian's, the father's or the mother's).
/// A family name alone is not enough: a village has whole groups of one name. A link is
/// made for these alone (`create_link`).
pub async fn siblings_of(ctx: &Ctx, record: &ChildRecord) -> Result<Vec<ChildRecord>, AppError> {
    let phones = |c: &ChildRecord| {
        [&c.guardian_phone, &c.father_phone, &c.mother_phone]
            .into_iter()
            .flatten()
            .cloned()
            .collect::<Vec<String>>()
    };
    let ours = phones(record);
    Ok(crate::children::db::all(ctx.pool())
        .await?
        .into_iter()
        .filter(|c| c.id != record.id && c.enrolment == Enrolment::Active)
        .filter(|c| ctx.may(Capability::WriteChildFile, c.target()))
        .filter(|c| phones(c).iter().any(|p| ours.contains(p)))
        .collect())
}

/// A link the viewer may revoke: it reaches a child at school whose file they write (a
/// link also reaching a child who left, or a sibling with another counselor, may still be
/// taken away by either). Refused, audited, otherwise.
pub async fn require_link_of(ctx: &Ctx, link: i64) -> Result<Target, AppError> {
    let children = db::link_children(ctx.pool(), link).await?;
    let Some(&(first, class_id, _)) = children.first() else {
        return Err(AppError::NotFound);
    };
    let writable = children
        .iter()
        .filter(|(_, _, active)| *active)
        .map(|&(id, class_id, _)| Target::Child { id, class_id })
        .find(|t| ctx.may(Capability::WriteChildFile, *t));
    match writable {
        Some(target) => Ok(target),
        None => {
            let target = Target::Child {
                id: first,
                class_id,
            };
            Err(ctx.refuse(Capability::WriteChildFile, target).await)
        }
    }
}
