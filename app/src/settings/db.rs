//! The school's one row.

use sqlx::{SqliteConnection, SqliteExecutor};

use super::types::SchoolInfo;
use crate::error::AppError;

/// The school's details; the default (version 0) before the first save.
pub async fn school_info<'c>(conn: impl SqliteExecutor<'c>) -> Result<SchoolInfo, AppError> {
    type Row = (String, String, String, String, i64);
    let row: Option<Row> = sqlx::query_as(
        "SELECT name, COALESCE(short_name, ''), COALESCE(short_name_en, ''),
                COALESCE(phone, ''), version
         FROM school WHERE id = 1",
    )
    .fetch_optional(conn)
    .await?;
    Ok(row
        .map(
            |(name, short_name, short_name_en, phone, version)| SchoolInfo {
                name,
                short_name,
                short_name_en,
                phone,
                version,
            },
        )
        .unwrap_or_default())
}

/// Saves the details seen at `info.version` (0: no row yet); a stale edit is a conflict.
pub async fn save(conn: &mut SqliteConnection, info: &SchoolInfo) -> Result<(), AppError> {
    let sql = if info.version == 0 {
        "INSERT INTO school (id, name, short_name, short_name_en, phone)
         VALUES (1, ?1, ?2, ?3, ?4) ON CONFLICT (id) DO NOTHING"
    } else {
        "UPDATE school SET name = ?1, short_name = ?2, short_name_en = ?3, phone = ?4,
             version = version + 1
         WHERE id = 1 AND version = ?5"
    };
    let blank = |text: &str| (!text.is_empty()).then(|| text.to_owned());
    let done = sqlx::query(sql)
        .bind(&info.name)
        .bind(&info.short_name)
        .bind(blank(&info.short_name_en))
        .bind(blank(&info.phone))
        .bind(info.version)
        .execute(conn)
        .await?;
    crate::school::db::changed(&done)
}
