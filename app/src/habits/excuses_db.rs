//! Days a child is excused and the parents' call windows in SQLite.

use chrono::NaiveDate;
use sqlx::{SqliteConnection, SqlitePool};

use super::db::{Whose, WHOSE};
use super::forms_domain::{ExcuseDraft, WindowDraft};
use super::types::{CallWindow, Excuse};
use crate::error::AppError;

/// The live excuses of `whose` touching `first..=last`: id, child, excuse, first, last, note.
pub async fn excuses(
    pool: &SqlitePool,
    whose: Whose,
    first: NaiveDate,
    last: NaiveDate,
) -> Result<Vec<(i64, i64, Excuse, NaiveDate, NaiveDate, String)>, AppError> {
    let (child, class) = whose.binds();
    let rows: Vec<(i64, i64, String, NaiveDate, NaiveDate, String)> = sqlx::query_as(&format!(
        "SELECT t.id, t.child_id, t.excuse, t.first_day, t.last_day, t.note FROM habit_excuses t
         WHERE {WHOSE} AND t.withdrawn_at IS NULL AND t.first_day <= ?4 AND t.last_day >= ?3
         ORDER BY t.first_day, t.id"
    ))
    .bind(child)
    .bind(class)
    .bind(first)
    .bind(last)
    .fetch_all(pool)
    .await?;
    rows.into_iter()
        .map(|(id, child, excuse, a, b, note)| {
            let excuse = Excuse::parse(&excuse)
                .ok_or_else(|| AppError::internal(format!("habit_excuses {id}: {excuse:?}")))?;
            Ok((id, child, excuse, a, b, note))
        })
        .collect()
}

/// The parents' call windows of `whose`, by child.
pub async fn call_windows(
    pool: &SqlitePool,
    whose: Whose,
) -> Result<Vec<(i64, CallWindow)>, AppError> {
    let (child, class) = whose.binds();
    let rows: Vec<(i64, String, String, String, String, String, i64)> = sqlx::query_as(&format!(
        "SELECT t.child_id, t.weekdays, t.from_time, t.to_time, t.time_zone, t.note, t.version
         FROM call_windows t WHERE {WHOSE}"
    ))
    .bind(child)
    .bind(class)
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(child, days, from, to, zone, note, version)| {
            let weekdays = days.bytes().map(|b| b - b'0').collect();
            let window = CallWindow {
                weekdays,
                from,
                to,
                zone,
                note,
                version,
            };
            (child, window)
        })
        .collect())
}

/// Records days a child is excused.
pub async fn add_excuse(
    conn: &mut SqliteConnection,
    child: i64,
    excuse: &ExcuseDraft,
    by: i64,
) -> Result<i64, AppError> {
    Ok(sqlx::query_scalar(
        "INSERT INTO habit_excuses (child_id, excuse, first_day, last_day, note, recorded_by)
         VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
    )
    .bind(child)
    .bind(excuse.excuse.key())
    .bind(excuse.first)
    .bind(excuse.last)
    .bind(&excuse.note)
    .bind(by)
    .fetch_one(&mut *conn)
    .await?)
}

/// Excuses `child` for one day (ill or away, from the check-in) unless already excused then.
pub async fn excuse_day(
    conn: &mut SqliteConnection,
    child: i64,
    day: NaiveDate,
    by: i64,
) -> Result<(), AppError> {
    sqlx::query(
        "INSERT INTO habit_excuses (child_id, excuse, first_day, last_day, note, recorded_by)
         SELECT ?1, 'ill', ?2, ?2, '', ?3
         WHERE NOT EXISTS (SELECT 1 FROM habit_excuses WHERE child_id = ?1 AND withdrawn_at IS NULL
                           AND excuse <> 'parents_home' AND first_day <= ?2 AND last_day >= ?2)",
    )
    .bind(child)
    .bind(day)
    .bind(by)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Takes back the excuses of `child` that are for `day` alone (marked at a check-in);
/// longer ones are withdrawn on the child's page.
pub async fn unexcuse_day(
    conn: &mut SqliteConnection,
    child: i64,
    day: NaiveDate,
    by: i64,
) -> Result<(), AppError> {
    sqlx::query(
        "UPDATE habit_excuses SET withdrawn_by = ?3, withdrawn_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
         WHERE child_id = ?1 AND first_day = ?2 AND last_day = ?2 AND excuse <> 'parents_home'
           AND withdrawn_at IS NULL",
    )
    .bind(child)
    .bind(day)
    .bind(by)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// The child an excuse is about, to check the caller may reach it.
pub async fn excuse_child(pool: &SqlitePool, id: i64) -> Result<i64, AppError> {
    sqlx::query_scalar("SELECT child_id FROM habit_excuses WHERE id = ? AND withdrawn_at IS NULL")
        .bind(id)
        .fetch_optional(pool)
        .await?
        .ok_or(AppError::NotFound)
}

pub async fn withdraw_excuse(
    conn: &mut SqliteConnection,
    id: i64,
    by: i64,
) -> Result<(), AppError> {
    let done = sqlx::query(
        "UPDATE habit_excuses SET withdrawn_by = ?, withdrawn_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
         WHERE id = ? AND withdrawn_at IS NULL",
    )
    .bind(by)
    .bind(id)
    .execute(&mut *conn)
    .await?;
    crate::school::db::changed(&done)
}

/// Saves the parents' call window seen at `version` (0: there was none); a stale one is a
/// conflict.
pub async fn save_window(
    conn: &mut SqliteConnection,
    child: i64,
    window: &WindowDraft,
    version: i64,
    by: i64,
) -> Result<(), AppError> {
    let days: String = window.weekdays.iter().map(|d| d.to_string()).collect();
    let sql = if version == 0 {
        "INSERT INTO call_windows (child_id, weekdays, from_time, to_time, time_zone, note, updated_by)
         SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7 WHERE ?8 = 0 ON CONFLICT (child_id) DO NOTHING"
    } else {
        "UPDATE call_windows SET weekdays = ?2, from_time = ?3, to_time = ?4, time_zone = ?5,
             note = ?6, updated_by = ?7, version = version + 1,
             updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
         WHERE child_id = ?1 AND version = ?8"
    };
    let done = sqlx::query(sql)
        .bind(child)
        .bind(&days)
        .bind(&window.from)
        .bind(&window.to)
        .bind(window.zone)
        .bind(&window.note)
        .bind(by)
        .bind(version)
        .execute(&mut *conn)
        .await?;
    crate::school::db::changed(&done)
}
