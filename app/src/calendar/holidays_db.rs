//! The holiday days as stored: the shipped file's, and the admin's corrections.

use chrono::NaiveDate;
use sqlx::SqliteConnection;

use super::types::{HolidayKind, HolidayRow};
use crate::error::AppError;
use crate::school::types::SQL_NOW;

/// The active days of `year`, in date order.
pub async fn of_year(conn: &mut SqliteConnection, year: i32) -> Result<Vec<HolidayRow>, AppError> {
    let rows: Vec<(NaiveDate, String, String, bool, String)> = sqlx::query_as(
        "SELECT date, kind, name, provisional, source FROM holidays
         WHERE active = 1 AND substr(date, 1, 4) = ? ORDER BY date",
    )
    .bind(format!("{year:04}"))
    .fetch_all(conn)
    .await?;
    rows.into_iter()
        .map(|(date, kind, name, provisional, source)| {
            Ok(HolidayRow {
                date,
                kind: HolidayKind::from_key(&kind)
                    .ok_or_else(|| AppError::internal(format!("holiday {date}: kind {kind:?}")))?,
                name,
                provisional,
                source,
            })
        })
        .collect()
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
