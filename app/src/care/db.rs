//! The care work in SQLite: pairings, the care log, next steps, planned visits, concerns and
//! the growth diary. Statements only: who may reach which child is decided before these
//! run (`access`), the audit rows are written by the caller's transaction.

use chrono::{NaiveDate, NaiveDateTime};
use sqlx::{SqliteConnection, SqlitePool};

use super::domain::{CareDraft, ConcernDraft, DiaryDraft, Rhythm};
use super::types::{
    CareEntry, CareKind, Concern, ConcernReason, DiaryItem, Pairing, Priorities, Sticker, Urgency,
    VisitPlan, WithWhom,
};
use crate::children::types::LeftBehind;
use crate::error::{AppError, ValidationError};
use crate::school::db::stored_class;
use crate::school::types::{ClassLabel, SQL_NOW};

/// Entries not corrected by a later version.
const CURRENT: &str = "NOT EXISTS (SELECT 1 FROM care_entries n WHERE n.replaces = e.id)";

fn unreadable(what: &str, raw: &str) -> AppError {
    AppError::internal(format!("stored {what} unreadable: {raw}"))
}

pub async fn rhythm(pool: &SqlitePool) -> Result<Rhythm, AppError> {
    let row: Option<(i64, i64, i64)> =
        sqlx::query_as("SELECT talk_days, visit_days, soon_days FROM care_rhythm WHERE id = 1")
            .fetch_optional(pool)
            .await?;
    Ok(
        row.map_or_else(Rhythm::default, |(talk, visit, soon)| Rhythm {
            talk_days: talk.unsigned_abs(),
            visit_days: visit.unsigned_abs(),
            soon_days: soon.unsigned_abs(),
        }),
    )
}

/// Sets the school's rhythm of care.
pub async fn set_rhythm(conn: &mut SqliteConnection, rhythm: Rhythm) -> Result<(), AppError> {
    sqlx::query("UPDATE care_rhythm SET talk_days = ?, visit_days = ?, soon_days = ? WHERE id = 1")
        .bind(rhythm.talk_days as i64)
        .bind(rhythm.visit_days as i64)
        .bind(rhythm.soon_days as i64)
        .execute(conn)
        .await?;
    Ok(())
}

/// Who else (than `counselor`) recorded contacts with each of `counselor`'s children on or
/// after `since`: (child, name).
pub async fn other_authors(
    pool: &SqlitePool,
    counselor: i64,
    since: NaiveDate,
) -> Result<Vec<(i64, String)>, AppError> {
    Ok(sqlx::query_as(
        "SELECT DISTINCT e.child_id, u.display_name FROM care_entries e
         JOIN pairings p ON p.child_id = e.child_id AND p.ended_on IS NULL AND p.counselor_id = ?1
         JOIN users u ON u.id = e.author_id
         WHERE e.author_id <> ?1 AND e.happened_at >= ?2
         ORDER BY e.child_id, u.display_name",
    )
    .bind(counselor)
    .bind(since.format("%Y-%m-%d").to_string())
    .fetch_all(pool)
    .await?)
}

/// A child in care, with what the pages around it need.
#[derive(Debug, Clone)]
pub struct CareChild {
    pub id: i64,
    pub name: String,
    pub class_id: i64,
    pub class: ClassLabel,
    pub left_behind: LeftBehind,
    pub birth_date: NaiveDate,
    pub lunar_birthday: bool,
    pub counselor_id: Option<i64>,
    pub counselor: Option<String>,
    pub paired_since: Option<NaiveDate>,
    pub last_contact: Option<NaiveDate>,
    pub last_visit: Option<NaiveDate>,
    pub contacts_since: i64,
}

type CareChildRow = (
    i64,
    String,
    i64,
    i64,
    i64,
    String,
    NaiveDate,
    String,
    Option<i64>,
    Option<String>,
    Option<NaiveDate>,
    Option<String>,
    Option<String>,
    i64,
);

/// The school's children at school who are left behind or half left behind (or, with
/// `counselor`, that counselor's current children), with their pairing and the last
/// contacts; `since` counts the contacts from that day on.
pub async fn care_children(
    pool: &SqlitePool,
    counselor: Option<i64>,
    since: NaiveDate,
) -> Result<Vec<CareChild>, AppError> {
    let filter = match counselor {
        Some(_) => "p.counselor_id = ?2",
        None => "c.left_behind IN ('full', 'half') OR p.id IS NOT NULL",
    };
    let rows: Vec<CareChildRow> = sqlx::query_as(&format!(
        "SELECT c.id, c.name, c.class_id, k.grade, k.number, c.left_behind, c.birth_date, c.birthday_calendar,
                p.counselor_id, u.display_name, p.started_on,
                (SELECT MAX(substr(e.happened_at, 1, 10)) FROM care_entries e WHERE e.child_id = c.id AND {CURRENT}),
                (SELECT MAX(substr(e.happened_at, 1, 10)) FROM care_entries e
                  WHERE e.child_id = c.id AND e.kind = 'home_visit' AND {CURRENT}),
                (SELECT COUNT(*) FROM care_entries e WHERE e.child_id = c.id AND e.happened_at >= ?1 AND {CURRENT})
         FROM children c JOIN classes k ON k.id = c.class_id
         LEFT JOIN pairings p ON p.child_id = c.id AND p.ended_on IS NULL
         LEFT JOIN users u ON u.id = p.counselor_id
         WHERE c.enrolment = 'active' AND ({filter})
         ORDER BY k.grade, k.number, c.name, c.id"
    ))
    .bind(since.format("%Y-%m-%d").to_string())
    .bind(counselor)
    .fetch_all(pool)
    .await?;
    rows.into_iter()
        .map(|row| {
            let (id, name, class_id, grade, number, status, birth, calendar) =
                (row.0, row.1, row.2, row.3, row.4, row.5, row.6, row.7);
            let date = |raw: Option<String>| raw.and_then(|d| d.parse::<NaiveDate>().ok());
            Ok(CareChild {
                id,
                name,
                class_id,
                class: stored_class(class_id, grade, number)?,
                left_behind: LeftBehind::parse(&status)
                    .ok_or_else(|| unreadable("left-behind status", &status))?,
                birth_date: birth,
                lunar_birthday: calendar == "lunar",
                counselor_id: row.8,
                counselor: row.9,
                paired_since: row.10,
                last_contact: date(row.11),
                last_visit: date(row.12),
                contacts_since: row.13,
            })
        })
        .collect()
}

/// The counselors a child can be paired with: active accounts of the counselor role.
pub async fn counselors(pool: &SqlitePool) -> Result<Vec<(i64, String)>, AppError> {
    Ok(sqlx::query_as(
        "SELECT id, display_name FROM users WHERE role = 'counselor' AND active = 1 ORDER BY display_name, id",
    )
    .fetch_all(pool)
    .await?)
}

/// Pairs `child` with `counselor` from `from` on: the current pairing (with anyone else)
/// ends that day, its history stays. Pairing a child with its own counselor changes nothing.
pub async fn pair(
    conn: &mut SqliteConnection,
    child: i64,
    counselor: i64,
    from: NaiveDate,
    note: &str,
    by: i64,
) -> Result<bool, AppError> {
    let is_counselor: Option<i64> = sqlx::query_scalar(
        "SELECT id FROM users WHERE id = ? AND role = 'counselor' AND active = 1",
    )
    .bind(counselor)
    .fetch_optional(&mut *conn)
    .await?;
    if is_counselor.is_none() {
        return Err(ValidationError::PairingInvalid.into());
    }
    let current: Option<(i64, NaiveDate)> = sqlx::query_as(
        "SELECT counselor_id, started_on FROM pairings WHERE child_id = ? AND ended_on IS NULL",
    )
    .bind(child)
    .fetch_optional(&mut *conn)
    .await?;
    match current {
        Some((same, _)) if same == counselor => return Ok(false),
        Some((_, started)) if started > from => return Err(ValidationError::InvalidDate.into()),
        Some(_) => {
            end_pairing(&mut *conn, child, from).await?;
        }
        None => {}
    }
    sqlx::query(
        "INSERT INTO pairings (child_id, counselor_id, started_on, note, created_by) VALUES (?, ?, ?, ?, ?)",
    )
    .bind(child)
    .bind(counselor)
    .bind(from)
    .bind(note)
    .bind(by)
    .execute(conn)
    .await?;
    Ok(true)
}

/// Ends the child's current pairing on `on`; says whether there was one.
pub async fn end_pairing(
    conn: &mut SqliteConnection,
    child: i64,
    on: NaiveDate,
) -> Result<bool, AppError> {
    let done = sqlx::query(
        "UPDATE pairings SET ended_on = max(started_on, ?) WHERE child_id = ? AND ended_on IS NULL",
    )
    .bind(on)
    .bind(child)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() > 0)
}

pub async fn pairings(pool: &SqlitePool, child: i64) -> Result<Vec<Pairing>, AppError> {
    let rows: Vec<(String, NaiveDate, Option<NaiveDate>, String)> = sqlx::query_as(
        "SELECT u.display_name, p.started_on, p.ended_on, p.note FROM pairings p
         JOIN users u ON u.id = p.counselor_id WHERE p.child_id = ? ORDER BY p.started_on DESC, p.id DESC",
    )
    .bind(child)
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(counselor, started_on, ended_on, note)| Pairing {
            counselor,
            started_on,
            ended_on,
            note,
        })
        .collect())
}

#[derive(sqlx::FromRow)]
struct EntryRow {
    id: i64,
    kind: String,
    happened_at: NaiveDateTime,
    minutes: i64,
    with_whom: String,
    on_behalf_of: String,
    study: bool,
    life: bool,
    activities: bool,
    mood: Option<i64>,
    noticed: String,
    agreed: String,
    next_step: String,
    next_due: Option<NaiveDate>,
    step_done: Option<NaiveDate>,
    author: String,
    recorded_at: String,
    replaces: Option<i64>,
    superseded: bool,
}

/// Every version of the child's care entries, the latest contact first (`with_history`:
/// corrected versions too).
pub async fn entries(
    pool: &SqlitePool,
    child: i64,
    with_history: bool,
    zone: chrono_tz::Tz,
) -> Result<Vec<CareEntry>, AppError> {
    let rows: Vec<EntryRow> = sqlx::query_as(&format!(
        "SELECT e.id, e.kind, e.happened_at, e.minutes, e.with_whom, e.on_behalf_of, e.study, e.life,
                e.activities, e.mood, e.noticed, e.agreed, e.next_step, e.next_due,
                (SELECT d.done_on FROM care_steps_done d WHERE d.entry_id = e.id) AS step_done,
                u.display_name AS author, e.recorded_at, e.replaces, NOT ({CURRENT}) AS superseded
         FROM care_entries e JOIN users u ON u.id = e.author_id
         WHERE e.child_id = ? AND (? OR {CURRENT})
         ORDER BY e.happened_at DESC, e.id DESC"
    ))
    .bind(child)
    .bind(with_history)
    .fetch_all(pool)
    .await?;
    rows.into_iter()
        .map(|row| {
            Ok(CareEntry {
                id: row.id,
                kind: CareKind::parse(&row.kind)
                    .ok_or_else(|| unreadable("care kind", &row.kind))?,
                happened_at: row.happened_at,
                minutes: row.minutes,
                with_whom: WithWhom::parse(&row.with_whom)
                    .ok_or_else(|| unreadable("with whom", &row.with_whom))?,
                on_behalf_of: row.on_behalf_of,
                priorities: Priorities {
                    study: row.study,
                    life: row.life,
                    activities: row.activities,
                },
                mood: row.mood.and_then(|m| u8::try_from(m).ok()),
                noticed: row.noticed,
                agreed: row.agreed,
                next_step: row.next_step,
                next_due: row.next_due,
                step_done: row.step_done,
                author: row.author,
                recorded_at: crate::school::types::local_time(&row.recorded_at, zone),
                replaces: row.replaces,
                superseded: row.superseded,
            })
        })
        .collect()
}

/// Stores a care entry (a correction when `replaces` is set). The same `uid` twice stores
/// it once: `None` then, else the new row's id. Correcting a version already corrected is
/// a conflict; a correction belongs to the same child as what it corrects.
pub async fn insert_entry(
    conn: &mut SqliteConnection,
    child: i64,
    author: i64,
    draft: &CareDraft,
    replaces: Option<i64>,
) -> Result<Option<i64>, AppError> {
    let known: Option<i64> = sqlx::query_scalar("SELECT child_id FROM care_entries WHERE uid = ?")
        .bind(&draft.uid)
        .fetch_optional(&mut *conn)
        .await?;
    match known {
        Some(same) if same == child => return Ok(None),
        Some(_) => return Err(ValidationError::EntryIdInvalid.into()),
        None => {}
    }
    if let Some(old) = replaces {
        let owner: Option<i64> =
            sqlx::query_scalar("SELECT child_id FROM care_entries WHERE id = ?")
                .bind(old)
                .fetch_optional(&mut *conn)
                .await?;
        if owner != Some(child) {
            return Err(AppError::NotFound);
        }
    }
    let p = draft.priorities;
    let id = sqlx::query_scalar(
        "INSERT INTO care_entries (uid, replaces, child_id, author_id, kind, happened_at, minutes, with_whom,
             on_behalf_of, study, life, activities, mood, noticed, agreed, next_step, next_due)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
    )
    .bind(&draft.uid)
    .bind(replaces)
    .bind(child)
    .bind(author)
    .bind(draft.kind.key())
    .bind(draft.happened_at.format("%Y-%m-%dT%H:%M:%S").to_string())
    .bind(i64::from(draft.minutes))
    .bind(draft.with_whom.key())
    .bind(&draft.on_behalf_of)
    .bind(p.study)
    .bind(p.life)
    .bind(p.activities)
    .bind(draft.mood.map(i64::from))
    .bind(&draft.noticed)
    .bind(&draft.agreed)
    .bind(&draft.next_step)
    .bind(draft.next_due)
    .fetch_one(&mut *conn)
    .await
    .map_err(|e| match e {
        // Someone corrected this version first.
        sqlx::Error::Database(db) if db.is_unique_violation() => AppError::Conflict,
        other => other.into(),
    })?;
    Ok(Some(id))
}

/// Marks the child's open next steps in `steps` done by the entry `by`, on `on`.
pub async fn mark_steps_done(
    conn: &mut SqliteConnection,
    child: i64,
    steps: &[i64],
    by: i64,
    on: NaiveDate,
) -> Result<(), AppError> {
    for step in steps {
        sqlx::query(
            "INSERT OR IGNORE INTO care_steps_done (entry_id, done_by, done_on)
             SELECT id, ?, ? FROM care_entries WHERE id = ? AND child_id = ? AND next_due IS NOT NULL",
        )
        .bind(by)
        .bind(on)
        .bind(step)
        .bind(child)
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

/// An open next step: the entry it belongs to, what, when due, the child.
pub type OpenStep = (i64, String, NaiveDate, i64);

/// The open next steps of the children in `children` (current versions only).
pub async fn open_steps(pool: &SqlitePool, children: &[i64]) -> Result<Vec<OpenStep>, AppError> {
    let rows: Vec<OpenStep> = sqlx::query_as(&format!(
        "SELECT e.id, e.next_step, e.next_due, e.child_id FROM care_entries e
         WHERE e.next_due IS NOT NULL AND {CURRENT}
           AND NOT EXISTS (SELECT 1 FROM care_steps_done d WHERE d.entry_id = e.id)
         ORDER BY e.next_due, e.id"
    ))
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .filter(|(_, _, _, child)| children.contains(child))
        .collect())
}

/// Plans a home visit of `child` by `counselor` as the calendar event `event`.
pub async fn insert_plan(
    conn: &mut SqliteConnection,
    child: i64,
    counselor: i64,
    event: i64,
    at: NaiveDateTime,
) -> Result<(), AppError> {
    sqlx::query(
        "INSERT INTO care_visit_plans (child_id, counselor_id, event_id, planned_for) VALUES (?, ?, ?, ?)",
    )
    .bind(child)
    .bind(counselor)
    .bind(event)
    .bind(at.format("%Y-%m-%dT%H:%M:%S").to_string())
    .execute(conn)
    .await?;
    Ok(())
}

/// The child's planned visits not yet recorded, earliest first.
pub async fn open_plans(pool: &SqlitePool, child: i64) -> Result<Vec<VisitPlan>, AppError> {
    let rows: Vec<(i64, NaiveDateTime)> = sqlx::query_as(
        "SELECT id, planned_for FROM care_visit_plans WHERE child_id = ? AND closed_by IS NULL ORDER BY planned_for",
    )
    .bind(child)
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(id, planned_for)| VisitPlan { id, planned_for })
        .collect())
}

/// Every open planned visit of `counselor`: (child, when).
pub async fn open_plans_of(
    pool: &SqlitePool,
    counselor: i64,
) -> Result<Vec<(i64, NaiveDateTime)>, AppError> {
    Ok(sqlx::query_as(
        "SELECT child_id, planned_for FROM care_visit_plans WHERE counselor_id = ? AND closed_by IS NULL
         ORDER BY planned_for",
    )
    .bind(counselor)
    .fetch_all(pool)
    .await?)
}

/// A recorded home visit closes the child's open planned visits (the earliest first).
pub async fn close_plans(
    conn: &mut SqliteConnection,
    child: i64,
    by_entry: i64,
) -> Result<(), AppError> {
    sqlx::query(
        "UPDATE care_visit_plans SET closed_by = ?
         WHERE id = (SELECT id FROM care_visit_plans WHERE child_id = ? AND closed_by IS NULL
                     ORDER BY planned_for LIMIT 1)",
    )
    .bind(by_entry)
    .bind(child)
    .execute(conn)
    .await?;
    Ok(())
}

type ConcernRow = (
    i64,
    i64,
    String,
    i64,
    i64,
    i64,
    String,
    String,
    String,
    NaiveDate,
    String,
    String,
    Option<String>,
    Option<String>,
    i64,
);

/// Concerns, newest first: the child's (`child`), or every open one (`None`).
pub async fn concerns(
    pool: &SqlitePool,
    child: Option<i64>,
    zone: chrono_tz::Tz,
) -> Result<Vec<Concern>, AppError> {
    let filter = match child {
        Some(_) => "q.child_id = ?",
        None => "q.closed_at IS NULL AND c.enrolment = 'active' AND ? IS NULL",
    };
    let rows: Vec<ConcernRow> = sqlx::query_as(&format!(
        "SELECT q.id, q.child_id, c.name, c.class_id, k.grade, k.number, q.reason, q.urgency, q.note,
                q.address_by, u.display_name, q.raised_at, q.closed_at, q.closing_note, q.version
         FROM concerns q JOIN children c ON c.id = q.child_id JOIN classes k ON k.id = c.class_id
         JOIN users u ON u.id = q.raised_by
         WHERE {filter}
         ORDER BY q.closed_at IS NOT NULL, q.address_by, q.id DESC"
    ))
    .bind(child)
    .fetch_all(pool)
    .await?;
    rows.into_iter()
        .map(|r| {
            let raised_on = chrono::DateTime::parse_from_rfc3339(&r.11)
                .map(|t| t.with_timezone(&zone).date_naive())
                .map_err(|_| unreadable("concern time", &r.11))?;
            Ok(Concern {
                id: r.0,
                child_id: r.1,
                child_name: r.2,
                class: stored_class(r.3, r.4, r.5)?,
                reason: ConcernReason::parse(&r.6).ok_or_else(|| unreadable("reason", &r.6))?,
                urgency: Urgency::parse(&r.7).ok_or_else(|| unreadable("urgency", &r.7))?,
                note: r.8,
                address_by: r.9,
                raised_by: r.10,
                raised_on,
                closed: r
                    .12
                    .map(|at| crate::school::types::local_time(&at, zone))
                    .map(|at| (at, r.13.unwrap_or_default())),
                version: r.14,
            })
        })
        .collect()
}

pub async fn insert_concern(
    conn: &mut SqliteConnection,
    child: i64,
    by: i64,
    draft: &ConcernDraft,
) -> Result<i64, AppError> {
    Ok(sqlx::query_scalar(
        "INSERT INTO concerns (child_id, raised_by, reason, urgency, note, address_by)
         VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
    )
    .bind(child)
    .bind(by)
    .bind(draft.reason.key())
    .bind(draft.urgency.key())
    .bind(&draft.note)
    .bind(draft.address_by)
    .fetch_one(conn)
    .await?)
}

/// The child a concern is about.
pub async fn concern_child(pool: &SqlitePool, concern: i64) -> Result<i64, AppError> {
    sqlx::query_scalar("SELECT child_id FROM concerns WHERE id = ?")
        .bind(concern)
        .fetch_optional(pool)
        .await?
        .ok_or(AppError::NotFound)
}

/// Closes an open concern seen at `version` (else a conflict).
pub async fn close_concern(
    conn: &mut SqliteConnection,
    concern: i64,
    version: i64,
    by: i64,
    note: &str,
) -> Result<(), AppError> {
    let done = sqlx::query(&format!(
        "UPDATE concerns SET closed_at = {SQL_NOW}, closed_by = ?, closing_note = ?, version = version + 1
         WHERE id = ? AND version = ? AND closed_at IS NULL"
    ))
    .bind(by)
    .bind(note)
    .bind(concern)
    .bind(version)
    .execute(conn)
    .await?;
    crate::school::db::changed(&done)
}

/// The number of open concerns per child.
pub async fn open_concern_counts(pool: &SqlitePool) -> Result<Vec<(i64, i64)>, AppError> {
    Ok(sqlx::query_as(
        "SELECT child_id, COUNT(*) FROM concerns WHERE closed_at IS NULL GROUP BY child_id",
    )
    .fetch_all(pool)
    .await?)
}

type DiaryRow = (
    i64,
    bool,
    Option<i64>,
    String,
    String,
    Option<String>,
    String,
    bool,
);

/// The child's diary, the latest written first (the order they were kept in), each entry
/// with its replies (oldest reply first).
pub async fn diary(
    pool: &SqlitePool,
    child: i64,
    zone: chrono_tz::Tz,
) -> Result<Vec<DiaryItem>, AppError> {
    let rows: Vec<DiaryRow> = sqlx::query_as(
        "SELECT d.id, d.by_child, d.reply_to, u.display_name, d.body, d.sticker, d.written_at,
                EXISTS (SELECT 1 FROM diary_pictures p WHERE p.entry_id = d.id)
         FROM diary_entries d JOIN users u ON u.id = d.author_id
         WHERE d.child_id = ? ORDER BY d.id DESC",
    )
    .bind(child)
    .fetch_all(pool)
    .await?;
    let item = |r: &DiaryRow| DiaryItem {
        id: r.0,
        by_child: r.1,
        author: r.3.clone(),
        body: r.4.clone(),
        sticker: r.5.as_deref().and_then(Sticker::parse),
        written_at: crate::school::types::local_time(&r.6, zone),
        picture: r.7,
        replies: Vec::new(),
    };
    let mut items: Vec<DiaryItem> = rows.iter().filter(|r| r.2.is_none()).map(item).collect();
    for reply in rows.iter().rev().filter(|r| r.2.is_some()) {
        if let Some(parent) = items.iter_mut().find(|i| Some(i.id) == reply.2) {
            parent.replies.push(item(reply));
        }
    }
    Ok(items)
}

/// Stores a diary entry (a reply when `reply_to` is set, to an entry of the same child);
/// the same `uid` twice stores it once: `None` then, else the new entry's id.
pub async fn insert_diary(
    conn: &mut SqliteConnection,
    child: i64,
    author: i64,
    by_child: bool,
    reply_to: Option<i64>,
    draft: &DiaryDraft,
) -> Result<Option<i64>, AppError> {
    if let Some(parent) = reply_to {
        let owner: Option<i64> = sqlx::query_scalar(
            "SELECT child_id FROM diary_entries WHERE id = ? AND reply_to IS NULL",
        )
        .bind(parent)
        .fetch_optional(&mut *conn)
        .await?;
        if owner != Some(child) {
            return Err(AppError::NotFound);
        }
    }
    Ok(sqlx::query_scalar(
        "INSERT INTO diary_entries (uid, child_id, author_id, by_child, reply_to, body, sticker)
         VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (uid) DO NOTHING RETURNING id",
    )
    .bind(&draft.uid)
    .bind(child)
    .bind(author)
    .bind(by_child)
    .bind(reply_to)
    .bind(&draft.body)
    .bind(draft.sticker.map(Sticker::key))
    .fetch_optional(conn)
    .await?)
}

/// Keeps the picture of the diary entry `entry`.
pub async fn insert_picture(
    conn: &mut SqliteConnection,
    entry: i64,
    picture: &super::picture_domain::Picture,
) -> Result<(), AppError> {
    sqlx::query(
        "INSERT INTO diary_pictures (entry_id, media_type, width, height, bytes) VALUES (?, 'image/jpeg', ?, ?, ?)",
    )
    .bind(entry)
    .bind(picture.width)
    .bind(picture.height)
    .bind(&picture.jpeg)
    .execute(conn)
    .await?;
    Ok(())
}

/// The child a diary picture belongs to, and the picture (JPEG).
pub async fn picture(pool: &SqlitePool, entry: i64) -> Result<(i64, Vec<u8>), AppError> {
    sqlx::query_as(
        "SELECT d.child_id, p.bytes FROM diary_pictures p JOIN diary_entries d ON d.id = p.entry_id
         WHERE p.entry_id = ?",
    )
    .bind(entry)
    .fetch_optional(pool)
    .await?
    .ok_or(AppError::NotFound)
}

/// The child a student account belongs to.
pub async fn student_child(pool: &SqlitePool, user: i64) -> Result<Option<i64>, AppError> {
    Ok(
        sqlx::query_scalar("SELECT child_id FROM users WHERE id = ? AND role = 'student'")
            .bind(user)
            .fetch_optional(pool)
            .await?
            .flatten(),
    )
}
