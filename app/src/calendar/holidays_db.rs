//! The holiday days as stored: the shipped file's, and the admin's corrections.

use std::collections::HashMap;

use chrono::NaiveDate;
use sqlx::{SqliteConnection, SqlitePool};

use super::domain::holidays::HolidayLine;
use super::types::{Holiday, HolidayKind, HolidayRow};
use crate::error::AppError;
use crate::school::types::SQL_NOW;

/// The active days of `year`, in date order.
pub async fn of_year(pool: &SqlitePool, year: i32) -> Result<Vec<HolidayRow>, AppError> {
    let rows: Vec<(NaiveDate, String, String, bool, String)> = sqlx::query_as(
        "SELECT date, kind, name, provisional, source FROM holidays
         WHERE active = 1 AND substr(date, 1, 4) = ? ORDER BY date",
    )
    .bind(format!("{year:04}"))
    .fetch_all(pool)
    .await?;
    rows.into_iter()
        .map(|(date, kind, name, provisional, source)| {
            Ok(HolidayRow {
                date,
                kind: parse_kind(date, &kind)?,
                name,
                provisional,
                source,
            })
        })
        .collect()
}

/// The school's holidays and make-up working days within `first..=last`.
pub async fn holidays_between(
    pool: &SqlitePool,
    first: NaiveDate,
    last: NaiveDate,
) -> Result<HashMap<NaiveDate, Holiday>, AppError> {
    let rows: Vec<(NaiveDate, String, String, bool)> = sqlx::query_as(
        "SELECT date, kind, name, provisional FROM holidays WHERE active = 1 AND date BETWEEN ? AND ?",
    )
    .bind(first)
    .bind(last)
    .fetch_all(pool)
    .await?;
    rows.into_iter()
        .map(|(date, kind, name, provisional)| {
            Ok((
                date,
                Holiday {
                    kind: parse_kind(date, &kind)?,
                    name,
                    provisional,
                },
            ))
        })
        .collect()
}

/// Loads the shipped holiday file; days an admin has corrected or removed stay as they are.
pub async fn load_shipped_holidays(
    pool: &SqlitePool,
    lines: &[HolidayLine],
) -> Result<(), AppError> {
    let mut tx = pool.begin().await?;
    for line in lines {
        sqlx::query("INSERT OR IGNORE INTO holidays (date, kind, name, provisional, source) VALUES (?, ?, ?, ?, 'file')")
            .bind(line.date)
            .bind(line.kind.key())
            .bind(&line.name)
            .bind(line.provisional)
            .execute(&mut *tx)
            .await?;
    }
    tx.commit().await?;
    Ok(())
}

fn parse_kind(date: NaiveDate, kind: &str) -> Result<HolidayKind, AppError> {
    HolidayKind::from_key(kind)
        .ok_or_else(|| AppError::internal(format!("holiday {date}: kind {kind:?}")))
}

/// Adds or corrects a day; a day the admin saved is confirmed (no longer provisional).
pub async fn save(
    conn: &mut SqliteConnection,
    date: NaiveDate,
    kind: HolidayKind,
    name: &str,
) -> Result<(), AppError> {
    sqlx::query(&format!(
        "INSERT INTO holidays (date, kind, name, provisional, source, active) VALUES (?, ?, ?, 0, 'admin', 1)
         ON CONFLICT (date) DO UPDATE SET kind = excluded.kind, name = excluded.name, provisional = 0,
             source = 'admin', active = 1, updated_at = {SQL_NOW}"
    ))
    .bind(date)
    .bind(kind.key())
    .bind(name)
    .execute(conn)
    .await?;
    Ok(())
}

/// Archives a day (the shipped file does not bring it back); `NotFound` if it was not on the list.
pub async fn remove(conn: &mut SqliteConnection, date: NaiveDate) -> Result<(), AppError> {
    let done = sqlx::query(&format!(
        "UPDATE holidays SET active = 0, source = 'admin', updated_at = {SQL_NOW}
         WHERE date = ? AND active = 1"
    ))
    .bind(date)
    .execute(conn)
    .await?;
    if done.rows_affected() == 0 {
        return Err(AppError::NotFound);
    }
    Ok(())
}
