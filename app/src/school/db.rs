//! The school's classes and groups as stored.

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
