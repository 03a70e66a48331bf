//! Who reaches which meeting: seminars, symposiums and parents' meetings are for all staff
//! to read; the leading group's own meetings for the leading group alone, which keeps every
//! meeting's record. A parents' meeting's families are listed only where the viewer may
//! read the child's file.

use std::collections::{HashMap, HashSet};

use chrono::{NaiveDate, NaiveDateTime};

use super::db;
use super::domain::{
    default_kind, family_counts, households, known_held, school_year, RECENTLY_DONE_DAYS,
};
use super::types::{
    record_href, FamiliesPart, Household, MeetingKind, MeetingLine, MeetingRecord, MeetingsPage,
    Practice, StaffMember,
};
use crate::auth::permissions::{Capability, Target};
use crate::calendar::types::{CalendarFilter, Category, Holiday, HolidayKind, Occurrence};
use crate::error::AppError;
use crate::frame::Ctx;

/// What reading a meeting of `kind` takes (recording one takes `RecordMeetings` too).
pub fn capability(kind: MeetingKind) -> Capability {
    match kind {
        MeetingKind::LeadingGroup => Capability::LeadersMeetings,
        _ => Capability::Meetings,
    }
}

/// Refuses (and audits) a meeting of `kind` the viewer may not reach.
pub async fn require_kind(ctx: &Ctx, kind: MeetingKind) -> Result<(), AppError> {
    let needed = capability(kind);
    if ctx.may(needed, Target::School) {
        Ok(())
    } else {
        Err(ctx.refuse(needed, Target::School).await)
    }
}

/// The meetings on the calendar between two days, and the holidays among those days.
async fn meeting_occurrences(
    ctx: &Ctx,
    first: NaiveDate,
    last: NaiveDate,
) -> Result<(Vec<Occurrence>, HashMap<NaiveDate, Holiday>), AppError> {
    let pool = ctx.pool();
    let filter = CalendarFilter {
        categories: vec![Category::Meeting],
        class_id: None,
        group_id: None,
    };
    let holidays = crate::calendar::holidays_db::holidays_between(pool, first, last).await?;
    let editor = Some((ctx.viewer.role, &ctx.viewer.scope));
    let occurrences = crate::calendar::db::occurrences_between(
        pool, first, last, false, &filter, &holidays, editor,
    )
    .await?;
    Ok((occurrences, holidays))
}

/// The occurrence of a meeting on the calendar that starts at `at`; none is NotFound.
pub async fn occurrence(ctx: &Ctx, event: i64, at: NaiveDateTime) -> Result<Occurrence, AppError> {
    meeting_occurrences(ctx, at.date(), at.date())
        .await?
        .0
        .into_iter()
        .find(|o| o.event_id == event && o.start == at)
        .ok_or(AppError::NotFound)
}

/// An occurrence's record (if any) and its kind (the record's, or the one it takes).
pub async fn current(
    ctx: &Ctx,
    o: &Occurrence,
) -> Result<(Option<(i64, i64)>, MeetingKind), AppError> {
    let mut conn = ctx.pool().acquire().await?;
    match db::meeting(&mut conn, o.event_id, o.start).await? {
        Some((id, kind, version)) => Ok((Some((id, version)), kind)),
        None => {
            let latest = db::latest_kind(&mut conn, o.event_id).await?;
            Ok((None, default_kind(latest, &o.title)))
        }
    }
}

/// Leads each meeting on a calendar page to its record, where the viewer may reach it: its
/// kind as recorded, or the one it would take. For the rest of the staff the leading
/// group's own meetings lead where they did (the editor, for those who may edit them); a
/// meeting that already leads somewhere keeps its link.
pub async fn link_records(ctx: &Ctx, occurrences: &mut [Occurrence]) -> Result<(), AppError> {
    let reaches = |kind| ctx.may(capability(kind), Target::School);
    let unlinked = |o: &Occurrence| o.category == Category::Meeting && o.link.is_none();
    // The days the meetings start on (one that began before the page's first day included).
    let starts = occurrences
        .iter()
        .filter(|o| unlinked(o))
        .map(|o| o.start.date());
    let (Some(first), Some(last)) = (starts.clone().min(), starts.max()) else {
        return Ok(());
    };
    if !(reaches(MeetingKind::Seminar) || reaches(MeetingKind::LeadingGroup)) {
        return Ok(());
    }
    let recorded: HashMap<(i64, NaiveDateTime), MeetingKind> =
        db::kinds_between(ctx.pool(), first, last)
            .await?
            .into_iter()
            .map(|(event, at, kind)| ((event, at), kind))
            .collect();
    let latest: HashMap<i64, MeetingKind> =
        db::latest_kinds(ctx.pool()).await?.into_iter().collect();
    for o in occurrences.iter_mut().filter(|o| unlinked(o)) {
        let kind = match recorded.get(&(o.event_id, o.start)) {
            Some(kind) => *kind,
            None => default_kind(latest.get(&o.event_id).copied(), &o.title),
        };
        if reaches(kind) {
            o.link = Some(record_href(o.event_id, o.start));
        }
    }
    Ok(())
}

/// A practice as the viewer sees it: its owner, or one who records its meeting, may mark
/// it done, and open it again.
fn practice(ctx: &Ctx, (p, kind): (Practice, MeetingKind)) -> Practice {
    let may_open = ctx.may(capability(kind), Target::School);
    let records = may_open && ctx.may(Capability::RecordMeetings, Target::School);
    let can_mark = p.owner_id == ctx.viewer.user_id() || records;
    Practice {
        can_mark,
        may_open,
        ..p
    }
}

/// Refuses (and audits) a viewer who may not mark `practice` done, nor open it again: only
/// its owner, or one who records its meeting, may. NotFound when there is no such practice.
pub async fn require_hand(ctx: &Ctx, practice: i64) -> Result<(), AppError> {
    let mut conn = ctx.pool().acquire().await?;
    let (owner, kind, _done) = db::practice(&mut conn, practice)
        .await?
        .ok_or(AppError::NotFound)?;
    drop(conn);
    if owner != ctx.viewer.user_id() {
        ctx.require(Capability::RecordMeetings, Target::School)
            .await?;
        require_kind(ctx, kind).await?;
    }
    Ok(())
}

/// `/meetings`: the school year's meetings the viewer may reach — coming, held, and past
/// with nothing recorded (not known to be held) — each marked when it falls on a statutory
/// holiday, and the practices still open among them (and the viewer's own, whatever
/// meeting agreed them), with those marked done lately that the viewer may open again.
pub async fn meetings_page(ctx: &Ctx) -> Result<MeetingsPage, AppError> {
    let today = ctx.today();
    let (first, last) = school_year(today);
    let recorded: HashMap<(i64, NaiveDateTime), db::Recorded> =
        db::recorded_between(ctx.pool(), first, last)
            .await?
            .into_iter()
            .map(|r| ((r.event_id, r.at), r))
            .collect();
    let latest: HashMap<i64, MeetingKind> =
        db::latest_kinds(ctx.pool()).await?.into_iter().collect();
    let (mut coming, mut past, mut awaiting) = (Vec::new(), Vec::new(), Vec::new());
    let (occurrences, holidays) = meeting_occurrences(ctx, first, last).await?;
    for o in occurrences {
        let holiday = holidays
            .get(&o.start.date())
            .filter(|h| h.kind == HolidayKind::Holiday)
            .map(|h| h.name.clone());
        let line = match recorded.get(&(o.event_id, o.start)) {
            Some(r) => MeetingLine {
                event_id: o.event_id,
                at: o.start,
                title: o.title,
                kind: r.kind,
                attendees: Some(r.attendees),
                families: r.families,
                has_minutes: r.has_minutes,
                practices_open: r.practices_open,
                holiday,
            },
            None => MeetingLine {
                kind: default_kind(latest.get(&o.event_id).copied(), &o.title),
                event_id: o.event_id,
                at: o.start,
                title: o.title,
                attendees: None,
                families: 0,
                has_minutes: false,
                practices_open: 0,
                holiday,
            },
        };
        if !ctx.may(capability(line.kind), Target::School) {
            continue;
        }
        if line.at.date() >= today {
            coming.push(line);
        } else if known_held(&line) {
            past.push(line);
        } else {
            awaiting.push(line);
        }
    }
    past.reverse();
    awaiting.reverse();
    let me = ctx.viewer.user_id();
    let open_practices = db::open_practices(ctx.pool())
        .await?
        .into_iter()
        .filter(|(p, kind)| p.owner_id == me || ctx.may(capability(*kind), Target::School))
        .map(|p| practice(ctx, p))
        .collect();
    let since = today - chrono::Days::new(RECENTLY_DONE_DAYS);
    let recently_done = db::done_since(ctx.pool(), since)
        .await?
        .into_iter()
        .map(|p| practice(ctx, p))
        .filter(|p| p.can_mark)
        .collect();
    Ok(MeetingsPage {
        today,
        coming,
        past,
        awaiting,
        open_practices,
        recently_done,
        me,
    })
}

/// Of the children at school (id, name, class), those the viewer may read: what a
/// parents' meeting lists.
fn readable(ctx: &Ctx, children: Vec<(i64, String, i64)>) -> Vec<(i64, String, i64)> {
    children
        .into_iter()
        .filter(|(id, _, class_id)| {
            ctx.may(
                Capability::ReadChildFile,
                Target::Child {
                    id: *id,
                    class_id: *class_id,
                },
            )
        })
        .collect()
}

/// The children of `class` the viewer may read: the only ones a families' save touches.
pub async fn listed_children(ctx: &Ctx, class: i64) -> Result<Vec<i64>, AppError> {
    Ok(readable(ctx, db::children(ctx.pool()).await?)
        .into_iter()
        .filter(|c| c.2 == class)
        .map(|c| c.0)
        .collect())
}

/// Every child of a household one of whose children's families came (siblings on one link
/// came together, whichever class they were ticked in).
fn came_with_siblings(came: &[i64], links: &[(i64, i64)]) -> HashSet<i64> {
    let came: HashSet<i64> = came.iter().copied().collect();
    let links_that_came: HashSet<i64> = links
        .iter()
        .filter(|(_, c)| came.contains(c))
        .map(|(l, _)| *l)
        .collect();
    links
        .iter()
        .filter(|(l, _)| links_that_came.contains(l))
        .map(|(_, c)| *c)
        .chain(came.iter().copied())
        .collect()
}

async fn families_part(
    ctx: &Ctx,
    meeting: Option<i64>,
    class: Option<i64>,
) -> Result<FamiliesPart, AppError> {
    let at_school = db::children(ctx.pool()).await?;
    let everyone: Vec<i64> = at_school.iter().map(|c| c.0).collect();
    let children = readable(ctx, at_school);
    let labels: HashMap<i64, crate::school::types::ClassLabel> =
        crate::school::db::classes(ctx.pool())
            .await?
            .into_iter()
            .collect();
    let mut classes: Vec<(i64, crate::school::types::ClassLabel)> = Vec::new();
    for (_, _, class_id) in &children {
        if classes.last().is_none_or(|(c, _)| c != class_id) {
            if let Some(label) = labels.get(class_id) {
                classes.push((*class_id, *label));
            }
        }
    }
    let class_id = class
        .filter(|c| classes.iter().any(|(id, _)| id == c))
        .or(classes.first().map(|c| c.0));
    let links = db::household_links(ctx.pool()).await?;
    let came = match meeting {
        Some(id) => db::families(ctx.pool(), id).await?,
        None => Vec::new(),
    };
    // Counts of the whole school's households: no child's name or file in them.
    let (came_total, households_total) = family_counts(&everyone, &came, &links);
    let came = came_with_siblings(&came, &links);
    let shown: Vec<(i64, String)> = children
        .into_iter()
        .filter(|c| Some(c.2) == class_id)
        .map(|(id, name, _)| (id, name))
        .collect();
    let households = households(&shown, &links)
        .into_iter()
        .map(|children| Household {
            came: children.iter().any(|(id, _)| came.contains(id)),
            children,
        })
        .collect();
    if let Some(class) = class_id {
        ctx.read(
            format!(
                "read_meeting_families {} class {class}",
                meeting.unwrap_or(0)
            ),
            Target::Class(class),
        )
        .await?;
    }
    Ok(FamiliesPart {
        classes,
        class_id,
        households,
        came_total,
        households_total,
    })
}

/// `/meetings/record`: one occurrence with what is recorded of it.
pub async fn record(
    ctx: &Ctx,
    event: i64,
    at: NaiveDateTime,
    class: Option<i64>,
) -> Result<MeetingRecord, AppError> {
    let o = occurrence(ctx, event, at).await?;
    let (stored, kind) = current(ctx, &o).await?;
    require_kind(ctx, kind).await?;
    let pool = ctx.pool();
    let meeting = stored.map(|(id, _)| id);
    let present: HashSet<i64> = match meeting {
        Some(id) => db::attendees(pool, id).await?.into_iter().collect(),
        None => HashSet::new(),
    };
    let staff = db::staff(pool)
        .await?
        .into_iter()
        .map(|(id, name, leads)| StaffMember {
            id,
            name,
            leads,
            present: present.contains(&id),
        })
        .collect();
    let families = match kind {
        MeetingKind::Parents => Some(families_part(ctx, meeting, class).await?),
        _ => None,
    };
    let (minutes, drafts) = match meeting {
        Some(id) => db::minutes(pool, id, ctx.state().time_zone).await?,
        None => (String::new(), Vec::new()),
    };
    let practices = match meeting {
        Some(id) => db::practices_of(pool, id)
            .await?
            .into_iter()
            .map(|p| practice(ctx, p))
            .collect(),
        None => Vec::new(),
    };
    let editor = o.editable.then(|| o.editor_href());
    Ok(MeetingRecord {
        event_id: event,
        at,
        end: o.end,
        title: o.title,
        location: o.location,
        editor,
        kind,
        version: stored.map_or(0, |(_, v)| v),
        may_lead: ctx.may(Capability::LeadersMeetings, Target::School),
        may_record: ctx.may(Capability::RecordMeetings, Target::School),
        staff,
        families,
        minutes,
        drafts,
        practices,
        today: ctx.today(),
    })
}

/// A save to one occurrence's record under way: the transaction, the record's id (made at
/// the first save) and its kind. The viewer may reach that kind (the server function's
/// gate asked `RecordMeetings`), and the form's version is the record's (else Conflict).
pub struct Writing {
    pub tx: crate::frame::Tx,
    pub id: i64,
    pub kind: MeetingKind,
    pub day: NaiveDate,
}

pub async fn writing(ctx: &Ctx, event: i64, at: &str, version: i64) -> Result<Writing, AppError> {
    let at = crate::school::types::parse_stamp(at).ok_or(AppError::NotFound)?;
    let o = occurrence(ctx, event, at).await?;
    let (_, kind) = current(ctx, &o).await?;
    require_kind(ctx, kind).await?;
    let mut tx = ctx.begin().await?;
    let id = db::claim(&mut tx, event, at, kind, version, ctx.viewer.user_id()).await?;
    Ok(Writing {
        tx,
        id,
        kind,
        day: at.date(),
    })
}
