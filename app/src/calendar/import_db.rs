//! Uploaded calendar files, kept until they are imported (or not).

use std::collections::HashSet;

use sqlx::{SqliteConnection, SqlitePool};

use crate::error::AppError;
use crate::school::types::SQL_NOW;

/// An uploaded file as kept, with how it goes on the calendar.
pub struct Stored {
    pub file_name: String,
    pub content: String,
    pub category: String,
    pub audience: String,
    pub student_visible: bool,
    pub committed_at: Option<String>,
    pub committed_events: Option<i64>,
}

pub async fn load(pool: &SqlitePool, id: i64) -> Result<Stored, AppError> {
    let row: (String, String, String, String, bool, Option<String>, Option<i64>) = sqlx::query_as(
        "SELECT file_name, content, category, audience, student_visible, committed_at, committed_events
         FROM calendar_imports WHERE id = ?",
    )
    .bind(id)
    .fetch_optional(pool)
    .await?
    .ok_or(AppError::NotFound)?;
    Ok(Stored {
        file_name: row.0,
        content: row.1,
        category: row.2,
        audience: row.3,
        student_visible: row.4,
        committed_at: row.5,
        committed_events: row.6,
    })
}

/// The source UIDs of live imported events: importing them again would double them.
pub async fn existing(pool: &SqlitePool) -> Result<HashSet<String>, AppError> {
    let uids: Vec<String> = sqlx::query_scalar(
        "SELECT source_uid FROM events WHERE source_uid IS NOT NULL AND archived_at IS NULL",
    )
    .fetch_all(pool)
    .await?;
    Ok(uids.into_iter().collect())
}

/// Keeps an uploaded file (nothing goes on the calendar yet); its id.
pub async fn save_upload(
    conn: &mut SqliteConnection,
    file_name: &str,
    content: &str,
    category: &str,
    audience: &str,
    student_visible: bool,
    created_by: i64,
) -> Result<i64, AppError> {
    Ok(sqlx::query_scalar(
        "INSERT INTO calendar_imports (file_name, content, category, audience, student_visible, created_by)
         VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
    )
    .bind(file_name)
    .bind(content)
    .bind(category)
    .bind(audience)
    .bind(student_visible)
    .bind(created_by)
    .fetch_one(conn)
    .await?)
}

/// The live event imported with source UID `uid`, if any.
pub async fn event_of_source(
    conn: &mut SqliteConnection,
    uid: &str,
) -> Result<Option<i64>, AppError> {
    Ok(
        sqlx::query_scalar("SELECT id FROM events WHERE source_uid = ? AND archived_at IS NULL")
            .bind(uid)
            .fetch_optional(conn)
            .await?,
    )
}

/// Marks import `id` done with `count` events; a conflict if it already was.
pub async fn mark_committed(
    conn: &mut SqliteConnection,
    id: i64,
    count: i64,
) -> Result<(), AppError> {
    let done = sqlx::query(&format!(
        "UPDATE calendar_imports SET committed_at = {SQL_NOW}, committed_events = ?
         WHERE id = ? AND committed_at IS NULL"
    ))
    .bind(count)
    .bind(id)
    .execute(conn)
    .await?;
    crate::school::db::changed(&done)
}
