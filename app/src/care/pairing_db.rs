//! Pairings in SQLite: who may be paired, pairing and handing over, the history.

use chrono::NaiveDate;
use sqlx::{SqliteConnection, SqlitePool};

use super::types::Pairing;
use crate::error::{AppError, ValidationError};

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
    let is_child: Option<i64> = sqlx::query_scalar("SELECT id FROM children WHERE id = ?")
        .bind(child)
        .fetch_optional(&mut *conn)
        .await?;
    if is_child.is_none() {
        return Err(AppError::NotFound);
    }
    let current: Option<(i64, NaiveDate)> = sqlx::query_as(
        "SELECT counselor_id, started_on FROM pairings WHERE child_id = ? AND ended_on IS NULL",
    )
    .bind(child)
    .fetch_optional(&mut *conn)
    .await?;
    match current {
        Some((same, _)) if same == counselor => return Ok(false),
        Some((_, started)) if started > from => {
            return Err(ValidationError::PairingBeforeCurrent.into())
        }
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

/// Ends the child's current pairing with `counselor` on `on`; says whether there was one
/// (a pairing with someone else stays).
pub async fn end_pairing_with(
    conn: &mut SqliteConnection,
    child: i64,
    counselor: i64,
    on: NaiveDate,
) -> Result<bool, AppError> {
    let done = sqlx::query(
        "UPDATE pairings SET ended_on = max(started_on, ?)
         WHERE child_id = ? AND counselor_id = ? AND ended_on IS NULL",
    )
    .bind(on)
    .bind(child)
    .bind(counselor)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() > 0)
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
