//! Concerns in SQLite: raised with a reason, an urgency and an address-by date, closed
//! with a note.

use chrono::NaiveDate;
use sqlx::{SqliteConnection, SqlitePool};

use super::db::unreadable;
use super::domain::ConcernDraft;
use super::types::{Concern, ConcernReason, Urgency};
use crate::error::AppError;
use crate::school::db::stored_class;
use crate::school::types::SQL_NOW;

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
            let raised_on = crate::school::types::local_day(&r.11, zone)
                .ok_or_else(|| unreadable("concern time", &r.11))?;
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
