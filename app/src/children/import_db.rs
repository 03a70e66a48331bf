//! The uploaded rosters as stored (`roster_imports`), and what the import looks up.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;
use sqlx::{SqliteConnection, SqlitePool};

use crate::error::AppError;
use crate::school::types::SQL_NOW;

/// An uploaded roster.
pub struct Stored {
    pub file_name: String,
    pub content: Vec<u8>,
    /// When it was imported, and how many children.
    pub committed: Option<(String, i64)>,
}

pub async fn load(pool: &SqlitePool, id: i64) -> Result<Stored, AppError> {
    let row: (String, Vec<u8>, Option<String>, Option<i64>) = sqlx::query_as(
        "SELECT file_name, content, committed_at, committed_rows FROM roster_imports WHERE id = ?",
    )
    .bind(id)
    .fetch_optional(pool)
    .await?
    .ok_or(AppError::NotFound)?;
    Ok(Stored {
        file_name: row.0,
        content: row.1,
        committed: row.2.zip(row.3),
    })
}

/// Keeps an uploaded file (nothing imported yet); returns its id.
pub async fn store(
    conn: &mut SqliteConnection,
    file_name: &str,
    content: &[u8],
    created_by: i64,
) -> Result<i64, AppError> {
    Ok(sqlx::query_scalar(
        "INSERT INTO roster_imports (file_name, content, created_by) VALUES (?, ?, ?) RETURNING id",
    )
    .bind(file_name)
    .bind(content)
    .bind(created_by)
    .fetch_one(conn)
    .await?)
}

/// (name, birth date) of every child on file: a roster row matching one is already there.
pub async fn children_on_file(pool: &SqlitePool) -> Result<HashSet<(String, NaiveDate)>, AppError> {
    let rows: Vec<(String, NaiveDate)> = sqlx::query_as("SELECT name, birth_date FROM children")
        .fetch_all(pool)
        .await?;
    Ok(rows.into_iter().collect())
}

/// The school's classes: (grade, number) → class id.
pub async fn class_ids(pool: &SqlitePool) -> Result<HashMap<(u8, u8), i64>, AppError> {
    Ok(crate::school::db::classes(pool)
        .await?
        .into_iter()
        .map(|(id, class)| ((class.grade, class.number), id))
        .collect())
}

/// Marks a child as brought in by import `import`.
pub async fn mark_imported(
    conn: &mut SqliteConnection,
    child: i64,
    import: i64,
) -> Result<(), AppError> {
    sqlx::query("UPDATE children SET import_id = ? WHERE id = ?")
        .bind(import)
        .bind(child)
        .execute(conn)
        .await?;
    Ok(())
}

/// Records import `id` as done with `count` children; `Conflict` if it already was.
pub async fn finish(conn: &mut SqliteConnection, id: i64, count: i64) -> Result<(), AppError> {
    let done = sqlx::query(&format!(
        "UPDATE roster_imports SET committed_at = {SQL_NOW}, committed_rows = ?
         WHERE id = ? AND committed_at IS NULL"
    ))
    .bind(count)
    .bind(id)
    .execute(conn)
    .await?;
    crate::school::db::changed(&done)
}
