//! Meetings' records in SQLite. A meeting is kept per calendar occurrence; minutes are only
//! ever added to; a practice is marked done (or opened again), never removed.

use chrono::{NaiveDate, NaiveDateTime};
use sqlx::{SqliteConnection, SqlitePool};

use super::domain::PracticeDraft;
use super::types::{Draft, MeetingKind, Practice};
use crate::error::AppError;
use crate::school::types::{parse_stamp, stamp};

fn kind(raw: &str) -> Result<MeetingKind, AppError> {
    MeetingKind::parse(raw)
        .ok_or_else(|| AppError::internal(format!("meetings: unreadable kind {raw:?}")))
}

fn at(raw: &str) -> Result<NaiveDateTime, AppError> {
    parse_stamp(raw)
        .ok_or_else(|| AppError::internal(format!("meetings: unreadable occurrence {raw:?}")))
}

/// The record of one occurrence: its id, kind and version.
pub async fn meeting(
    conn: &mut SqliteConnection,
    event: i64,
    occurrence: NaiveDateTime,
) -> Result<Option<(i64, MeetingKind, i64)>, AppError> {
    let row: Option<(i64, String, i64)> = sqlx::query_as(
        "SELECT id, kind, version FROM meetings WHERE event_id = ?1 AND occurrence = ?2",
    )
    .bind(event)
    .bind(stamp(occurrence))
    .fetch_optional(conn)
    .await?;
    row.map(|(id, k, v)| Ok((id, kind(&k)?, v))).transpose()
}

/// The kind a meeting had at its latest record: an occurrence not yet recorded takes it.
pub async fn latest_kind(
    conn: &mut SqliteConnection,
    event: i64,
) -> Result<Option<MeetingKind>, AppError> {
    let row: Option<(String,)> = sqlx::query_as(
        "SELECT kind FROM meetings WHERE event_id = ?1 ORDER BY occurrence DESC LIMIT 1",
    )
    .bind(event)
    .fetch_optional(conn)
    .await?;
    row.map(|(k,)| kind(&k)).transpose()
}

/// The kind each meeting had at its latest record (as `latest_kind`, for all at once).
pub async fn latest_kinds(pool: &SqlitePool) -> Result<Vec<(i64, MeetingKind)>, AppError> {
    let rows: Vec<(i64, String)> = sqlx::query_as(
        "SELECT event_id, kind FROM meetings m
         WHERE occurrence = (SELECT MAX(occurrence) FROM meetings WHERE event_id = m.event_id)",
    )
    .fetch_all(pool)
    .await?;
    rows.into_iter().map(|(e, k)| Ok((e, kind(&k)?))).collect()
}

/// The kind each occurrence recorded between two days was recorded as.
pub async fn kinds_between(
    pool: &SqlitePool,
    first: NaiveDate,
    last: NaiveDate,
) -> Result<Vec<(i64, NaiveDateTime, MeetingKind)>, AppError> {
    let rows: Vec<(i64, String, String)> = sqlx::query_as(
        "SELECT event_id, occurrence, kind FROM meetings
         WHERE substr(occurrence, 1, 10) BETWEEN ?1 AND ?2",
    )
    .bind(first.to_string())
    .bind(last.to_string())
    .fetch_all(pool)
    .await?;
    rows.into_iter()
        .map(|(e, occurrence, k)| Ok((e, at(&occurrence)?, kind(&k)?)))
        .collect()
}

/// What is recorded of the meetings between two days, per occurrence.
pub struct Recorded {
    pub event_id: i64,
    pub at: NaiveDateTime,
    pub kind: MeetingKind,
    pub attendees: u32,
    pub families: u32,
    pub has_minutes: bool,
    pub practices_open: u32,
}

pub async fn recorded_between(
    pool: &SqlitePool,
    first: NaiveDate,
    last: NaiveDate,
) -> Result<Vec<Recorded>, AppError> {
    let rows: Vec<(i64, String, String, i64, i64, i64, i64)> = sqlx::query_as(
        "SELECT m.event_id, m.occurrence, m.kind,
                (SELECT COUNT(*) FROM meeting_attendees WHERE meeting_id = m.id),
                (SELECT COUNT(*) FROM meeting_families WHERE meeting_id = m.id),
                (SELECT COUNT(*) FROM meeting_minutes WHERE meeting_id = m.id),
                (SELECT COUNT(*) FROM meeting_practices WHERE meeting_id = m.id AND done_on IS NULL)
         FROM meetings m
         WHERE substr(m.occurrence, 1, 10) BETWEEN ?1 AND ?2",
    )
    .bind(first.to_string())
    .bind(last.to_string())
    .fetch_all(pool)
    .await?;
    rows.into_iter()
        .map(
            |(event_id, occurrence, k, attendees, families, minutes, open)| {
                Ok(Recorded {
                    event_id,
                    at: at(&occurrence)?,
                    kind: kind(&k)?,
                    attendees: attendees as u32,
                    families: families as u32,
                    has_minutes: minutes > 0,
                    practices_open: open as u32,
                })
            },
        )
        .collect()
}

/// The record of an occurrence, made at its first save (`version` 0) or checked against
/// the version the form was read at; either way its version moves on. Its id.
pub async fn claim(
    conn: &mut SqliteConnection,
    event: i64,
    occurrence: NaiveDateTime,
    kind: MeetingKind,
    version: i64,
    me: i64,
) -> Result<i64, AppError> {
    if version == 0 {
        return sqlx::query_scalar(
            "INSERT INTO meetings (event_id, occurrence, kind, created_by) VALUES (?1, ?2, ?3, ?4)
             RETURNING id",
        )
        .bind(event)
        .bind(stamp(occurrence))
        .bind(kind.key())
        .bind(me)
        .fetch_one(conn)
        .await
        .map_err(|e| match e {
            // Someone else recorded it first.
            sqlx::Error::Database(db) if db.is_unique_violation() => AppError::Conflict,
            other => other.into(),
        });
    }
    sqlx::query_scalar(
        "UPDATE meetings SET version = version + 1
         WHERE event_id = ?1 AND occurrence = ?2 AND version = ?3 RETURNING id",
    )
    .bind(event)
    .bind(stamp(occurrence))
    .bind(version)
    .fetch_optional(conn)
    .await?
    .ok_or(AppError::Conflict)
}

pub async fn set_kind(
    conn: &mut SqliteConnection,
    id: i64,
    kind: MeetingKind,
) -> Result<(), AppError> {
    sqlx::query("UPDATE meetings SET kind = ?2 WHERE id = ?1")
        .bind(id)
        .bind(kind.key())
        .execute(conn)
        .await?;
    Ok(())
}

/// Active staff (everyone but students), the leading group first: (id, name, leads).
pub async fn staff(pool: &SqlitePool) -> Result<Vec<(i64, String, bool)>, AppError> {
    Ok(sqlx::query_as(
        "SELECT id, display_name, role IN ('admin', 'leader') AS leads FROM users
         WHERE active = 1 AND role <> 'student'
         ORDER BY leads DESC, role = 'teacher', display_name, id",
    )
    .fetch_all(pool)
    .await?)
}

pub async fn is_staff(conn: &mut SqliteConnection, user: i64) -> Result<bool, AppError> {
    Ok(sqlx::query_scalar::<_, i64>(
        "SELECT COUNT(*) FROM users WHERE id = ? AND active = 1 AND role <> 'student'",
    )
    .bind(user)
    .fetch_one(conn)
    .await?
        > 0)
}

pub async fn attendees(pool: &SqlitePool, meeting: i64) -> Result<Vec<i64>, AppError> {
    Ok(
        sqlx::query_scalar("SELECT user_id FROM meeting_attendees WHERE meeting_id = ?")
            .bind(meeting)
            .fetch_all(pool)
            .await?,
    )
}

/// The attendance as taken now: these people came, nobody else.
pub async fn set_attendees(
    conn: &mut SqliteConnection,
    meeting: i64,
    users: &[i64],
) -> Result<(), AppError> {
    sqlx::query("DELETE FROM meeting_attendees WHERE meeting_id = ?")
        .bind(meeting)
        .execute(&mut *conn)
        .await?;
    for user in users {
        sqlx::query(
            "INSERT INTO meeting_attendees (meeting_id, user_id)
             SELECT ?1, id FROM users WHERE id = ?2 AND active = 1 AND role <> 'student'",
        )
        .bind(meeting)
        .bind(user)
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

/// The children still at school, by class and name: (id, name, class).
pub async fn children(pool: &SqlitePool) -> Result<Vec<(i64, String, i64)>, AppError> {
    Ok(sqlx::query_as(
        "SELECT id, name, class_id FROM children WHERE enrolment = 'active' ORDER BY class_id, name, id",
    )
    .fetch_all(pool)
    .await?)
}

/// (link, child) for every live family link: siblings on one link are one household.
pub async fn household_links(pool: &SqlitePool) -> Result<Vec<(i64, i64)>, AppError> {
    Ok(sqlx::query_as(
        "SELECT c.link_id, c.child_id FROM family_link_children c
         JOIN family_links l ON l.id = c.link_id WHERE l.revoked_at IS NULL",
    )
    .fetch_all(pool)
    .await?)
}

/// The children whose family came to a meeting.
pub async fn families(pool: &SqlitePool, meeting: i64) -> Result<Vec<i64>, AppError> {
    Ok(
        sqlx::query_scalar("SELECT child_id FROM meeting_families WHERE meeting_id = ?")
            .bind(meeting)
            .fetch_all(pool)
            .await?,
    )
}

/// Of the children `listed`, the families of `came` came and the others did not.
pub async fn set_families(
    conn: &mut SqliteConnection,
    meeting: i64,
    listed: &[i64],
    came: &[i64],
) -> Result<(), AppError> {
    for child in listed {
        sqlx::query("DELETE FROM meeting_families WHERE meeting_id = ?1 AND child_id = ?2")
            .bind(meeting)
            .bind(child)
            .execute(&mut *conn)
            .await?;
    }
    for child in came.iter().filter(|c| listed.contains(c)) {
        sqlx::query("INSERT INTO meeting_families (meeting_id, child_id) VALUES (?1, ?2)")
            .bind(meeting)
            .bind(child)
            .execute(&mut *conn)
            .await?;
    }
    Ok(())
}

pub async fn add_minutes(
    conn: &mut SqliteConnection,
    meeting: i64,
    body: &str,
    me: i64,
) -> Result<(), AppError> {
    sqlx::query("INSERT INTO meeting_minutes (meeting_id, body, written_by) VALUES (?1, ?2, ?3)")
        .bind(meeting)
        .bind(body)
        .bind(me)
        .execute(conn)
        .await?;
    Ok(())
}

/// The minutes (the newest draft) and every draft, newest first.
pub async fn minutes(
    pool: &SqlitePool,
    meeting: i64,
    zone: chrono_tz::Tz,
) -> Result<(String, Vec<Draft>), AppError> {
    let rows: Vec<(String, String, String)> = sqlx::query_as(
        "SELECT m.body, u.display_name, m.written_at FROM meeting_minutes m
         JOIN users u ON u.id = m.written_by WHERE m.meeting_id = ? ORDER BY m.id DESC",
    )
    .bind(meeting)
    .fetch_all(pool)
    .await?;
    let current = rows.first().map(|r| r.0.clone()).unwrap_or_default();
    let drafts = rows
        .into_iter()
        .map(|(_, by, written)| Draft {
            by,
            at: crate::school::types::local_time(&written, zone),
        })
        .collect();
    Ok((current, drafts))
}

pub async fn add_practice(
    conn: &mut SqliteConnection,
    meeting: i64,
    draft: &PracticeDraft,
    me: i64,
) -> Result<i64, AppError> {
    Ok(sqlx::query_scalar(
        "INSERT INTO meeting_practices (meeting_id, body, owner_id, due_on, created_by)
         VALUES (?1, ?2, ?3, ?4, ?5) RETURNING id",
    )
    .bind(meeting)
    .bind(&draft.body)
    .bind(draft.owner)
    .bind(draft.due_on.to_string())
    .bind(me)
    .fetch_one(conn)
    .await?)
}

type PracticeTuple = (
    i64,
    String,
    i64,
    String,
    NaiveDate,
    Option<NaiveDate>,
    Option<i64>,
    i64,
    String,
    String,
    String,
);

const PRACTICES: &str = "SELECT p.id, p.body, p.owner_id, u.display_name, p.due_on, p.done_on,
        p.done_by, m.event_id, m.occurrence, e.title, m.kind
    FROM meeting_practices p
    JOIN meetings m ON m.id = p.meeting_id
    JOIN events e ON e.id = m.event_id
    JOIN users u ON u.id = p.owner_id";

/// Practices as stored, each with its meeting's kind; whether the viewer may mark one
/// done is for the access layer to say.
fn practice_rows(rows: Vec<PracticeTuple>) -> Result<Vec<(Practice, MeetingKind)>, AppError> {
    rows.into_iter()
        .map(
            |(
                id,
                body,
                owner_id,
                owner,
                due_on,
                done_on,
                done_by,
                event_id,
                occurrence,
                meeting,
                k,
            )| {
                let practice = Practice {
                    id,
                    body,
                    owner_id,
                    owner,
                    due_on,
                    done_on,
                    done_by,
                    event_id,
                    at: at(&occurrence)?,
                    meeting,
                    can_mark: false,
                    may_open: false,
                };
                Ok((practice, kind(&k)?))
            },
        )
        .collect()
}

/// A meeting's practices, in the order agreed.
pub async fn practices_of(
    pool: &SqlitePool,
    meeting: i64,
) -> Result<Vec<(Practice, MeetingKind)>, AppError> {
    let rows = sqlx::query_as(&format!("{PRACTICES} WHERE p.meeting_id = ? ORDER BY p.id"))
        .bind(meeting)
        .fetch_all(pool)
        .await?;
    practice_rows(rows)
}

/// Every practice not yet done, the soonest due first.
pub async fn open_practices(pool: &SqlitePool) -> Result<Vec<(Practice, MeetingKind)>, AppError> {
    let rows = sqlx::query_as(&format!(
        "{PRACTICES} WHERE p.done_on IS NULL ORDER BY p.due_on, p.id"
    ))
    .fetch_all(pool)
    .await?;
    practice_rows(rows)
}

/// Every practice marked done on or after `since`, the latest first.
pub async fn done_since(
    pool: &SqlitePool,
    since: NaiveDate,
) -> Result<Vec<(Practice, MeetingKind)>, AppError> {
    let rows = sqlx::query_as(&format!(
        "{PRACTICES} WHERE p.done_on >= ? ORDER BY p.done_on DESC, p.id DESC"
    ))
    .bind(since.to_string())
    .fetch_all(pool)
    .await?;
    practice_rows(rows)
}

/// One practice: its owner, its meeting's kind, and whether it is done.
pub async fn practice(
    conn: &mut SqliteConnection,
    id: i64,
) -> Result<Option<(i64, MeetingKind, bool)>, AppError> {
    let row: Option<(i64, String, bool)> = sqlx::query_as(
        "SELECT p.owner_id, m.kind, p.done_on IS NOT NULL FROM meeting_practices p
         JOIN meetings m ON m.id = p.meeting_id WHERE p.id = ?",
    )
    .bind(id)
    .fetch_optional(conn)
    .await?;
    row.map(|(owner, k, done)| Ok((owner, kind(&k)?, done)))
        .transpose()
}

pub async fn mark_done(
    conn: &mut SqliteConnection,
    id: i64,
    me: i64,
    day: NaiveDate,
) -> Result<(), AppError> {
    sqlx::query(
        "UPDATE meeting_practices SET done_on = ?2, done_by = ?3 WHERE id = ?1 AND done_on IS NULL",
    )
    .bind(id)
    .bind(day.to_string())
    .bind(me)
    .execute(conn)
    .await?;
    Ok(())
}

/// Opens a practice again, if it is still done as the form saw it (on `done_on`, by
/// `done_by`); whether it was.
pub async fn reopen(
    conn: &mut SqliteConnection,
    id: i64,
    done_on: NaiveDate,
    done_by: i64,
) -> Result<bool, AppError> {
    let reopened = sqlx::query(
        "UPDATE meeting_practices SET done_on = NULL, done_by = NULL
         WHERE id = ?1 AND done_on = ?2 AND done_by = ?3",
    )
    .bind(id)
    .bind(done_on.to_string())
    .bind(done_by)
    .execute(conn)
    .await?;
    Ok(reopened.rows_affected() == 1)
}
