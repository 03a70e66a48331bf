//! The care log in SQLite: the children in care with their last contacts, the rhythm, the
//! entries and their versions, next steps and planned visits (pairings, concerns and the
//! diary have files of their own: `pairing_db`, `concerns_db`, `diary_db`). Statements only: who may reach which child is decided before these
//! run (`access`), the audit rows are written by the caller's transaction.

use chrono::{NaiveDate, NaiveDateTime};
use sqlx::{SqliteConnection, SqlitePool};

use super::domain::{read_when, stored_when, CareDraft, Rhythm};
use super::types::{CareEntry, CareKind, Priorities, VisitPlan, WithWhom};
use crate::children::types::LeftBehind;
use crate::error::{AppError, ValidationError};
use crate::school::db::stored_class;
use crate::school::types::ClassLabel;

/// A care entry `e`'s current version: nothing corrects it.
pub const CURRENT: &str = "NOT EXISTS (SELECT 1 FROM care_entries n WHERE n.replaces = e.id)";
/// A care entry `e` in which the counselor saw the child: a contact with the child, or a
/// visit to the home. What keeps the talk (谈心) rhythm: a call with the parents is a
/// contact, not a talk with the child.
pub const WITH_CHILD: &str = "(e.with_whom = 'child' OR e.kind = 'home_visit')";

pub(super) fn unreadable(what: &str, raw: &str) -> AppError {
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
    /// The last contact in which the child was seen ([`WITH_CHILD`]).
    pub last_talk: Option<NaiveDate>,
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
                (SELECT MAX(substr(e.happened_at, 1, 10)) FROM care_entries e
                  WHERE e.child_id = c.id AND {WITH_CHILD} AND {CURRENT}),
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
                last_talk: date(row.13),
                contacts_since: row.14,
            })
        })
        .collect()
}

#[derive(sqlx::FromRow)]
struct EntryRow {
    id: i64,
    kind: String,
    happened_at: String,
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
            let (day, time) = read_when(&row.happened_at)
                .ok_or_else(|| unreadable("contact time", &row.happened_at))?;
            Ok(CareEntry {
                id: row.id,
                kind: CareKind::parse(&row.kind)
                    .ok_or_else(|| unreadable("care kind", &row.kind))?,
                happened_at: day.and_time(time.unwrap_or_default()),
                time_given: time.is_some(),
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

/// The columns of a care entry that hold what was typed, in the order [`bind_draft`] binds.
const DRAFT_COLUMNS: &str = "kind, happened_at, minutes, with_whom, on_behalf_of, study, life, \
     activities, mood, noticed, agreed, next_step, next_due";

/// Binds a care draft's fields to `query`, in the order of [`DRAFT_COLUMNS`].
macro_rules! bind_draft {
    ($query:expr, $draft:expr, $happened_at:expr, $mood:expr) => {
        $query
            .bind($draft.kind.key())
            .bind($happened_at)
            .bind(i64::from($draft.minutes))
            .bind($draft.with_whom.key())
            .bind(&$draft.on_behalf_of)
            .bind($draft.priorities.study)
            .bind($draft.priorities.life)
            .bind($draft.priorities.activities)
            .bind($mood)
            .bind(&$draft.noticed)
            .bind(&$draft.agreed)
            .bind(&$draft.next_step)
            .bind($draft.next_due)
    };
}

/// Stores a care entry (a correction when `replaces` is set). The same `uid` twice stores
/// it once: `None` then, else the new row's id. So does a new entry with words or a time
/// that the same author saved word for word for the child in the last ten minutes under
/// another id: a form the browser filled in again after Back, sent again (two bare calls
/// of five minutes are two calls). Correcting a version already corrected
/// is a conflict; a correction belongs to the same child as what it corrects. `happened_at`
/// keeps the day alone when no time was given ([`stored_when`]): no made-up time.
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
    let happened_at = stored_when(draft.happened_on, draft.time);
    let mood = draft.mood.map(i64::from);
    let has_words = [&draft.noticed, &draft.agreed, &draft.next_step]
        .iter()
        .any(|w| !w.is_empty());
    if replaces.is_none() && (has_words || draft.time.is_some()) {
        let same: Vec<String> = DRAFT_COLUMNS
            .split(", ")
            .map(|column| format!("e.{column} IS ?"))
            .collect();
        let query = format!(
            "SELECT EXISTS (SELECT 1 FROM care_entries e
               WHERE e.child_id = ? AND e.author_id = ? AND e.replaces IS NULL AND {CURRENT}
                 AND e.recorded_at >= strftime('%Y-%m-%dT%H:%M:%SZ', 'now', '-10 minutes')
                 AND {})",
            same.join(" AND ")
        );
        let again: bool = bind_draft!(
            sqlx::query_scalar(&query).bind(child).bind(author),
            draft,
            &happened_at,
            mood
        )
        .fetch_one(&mut *conn)
        .await?;
        if again {
            return Ok(None);
        }
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
    let insert = format!(
        "INSERT INTO care_entries (uid, replaces, child_id, author_id, {DRAFT_COLUMNS})
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id"
    );
    let id = bind_draft!(
        sqlx::query_scalar(&insert)
            .bind(&draft.uid)
            .bind(replaces)
            .bind(child)
            .bind(author),
        draft,
        &happened_at,
        mood
    )
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
