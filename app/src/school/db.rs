//! The school's classes as stored, and what every area's writes share.

use sqlx::sqlite::SqliteQueryResult;
use sqlx::SqlitePool;

use super::types::ClassLabel;
use crate::error::AppError;

/// Every class of the school, by grade and number.
pub async fn classes(pool: &SqlitePool) -> Result<Vec<(i64, ClassLabel)>, AppError> {
    let rows: Vec<(i64, i64, i64)> =
        sqlx::query_as("SELECT id, grade, number FROM classes ORDER BY grade, number")
            .fetch_all(pool)
            .await?;
    Ok(rows
        .into_iter()
        .map(|(id, grade, number)| {
            (
                id,
                ClassLabel {
                    grade: grade as u8,
                    number: number as u8,
                },
            )
        })
        .collect())
}

/// An update guarded by the version the editor saw: it changed a row, or someone saved
/// first and it is a conflict (never an overwrite).
pub fn changed(done: &SqliteQueryResult) -> Result<(), AppError> {
    if done.rows_affected() == 0 {
        Err(AppError::Conflict)
    } else {
        Ok(())
    }
}
