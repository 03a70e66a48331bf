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
    rows.into_iter()
        .map(|(id, grade, number)| Ok((id, stored_class(id, grade, number)?)))
        .collect()
}

/// A stored class's label; a value no class can have is an error, never a wrong class.
pub fn stored_class(id: i64, grade: i64, number: i64) -> Result<ClassLabel, AppError> {
    ClassLabel::from_stored(grade, number)
        .ok_or_else(|| AppError::internal(format!("class {id} is stored as {grade}-{number}")))
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
