//! Subscription links as stored: the SHA-256 of each secret, never the secret.

use sqlx::{SqliteConnection, SqlitePool};

use super::types::FeedSummary;
use crate::error::AppError;
use crate::school::types::SQL_NOW;

/// SHA-256 of a feed secret, hex: what the database stores and looks up.
pub fn token_hash(token: &str) -> String {
    use sha2::{Digest, Sha256};
    hex::encode(Sha256::digest(token.as_bytes()))
}

/// The calendar's version: every change to what a feed is made of moves it (triggers on
/// events, their deleted occurrences, holidays, children and group members).
pub async fn calendar_version(pool: &SqlitePool) -> Result<i64, AppError> {
    Ok(
        sqlx::query_scalar("SELECT version FROM calendar_version WHERE id = 1")
            .fetch_one(pool)
            .await?,
    )
}

/// Every link, live ones first, newest first.
pub async fn list(pool: &SqlitePool) -> Result<Vec<FeedSummary>, AppError> {
    let rows: Vec<(i64, String, String, String, Option<String>)> = sqlx::query_as(
        "SELECT id, scope, label, created_at, revoked_at FROM feed_tokens ORDER BY revoked_at IS NOT NULL, id DESC",
    )
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(id, scope, label, created_at, revoked)| FeedSummary {
            id,
            scope,
            label,
            created_at,
            revoked: revoked.is_some(),
        })
        .collect())
}

/// The name of enrolled child `id`; `NotFound` otherwise.
pub async fn active_child_name(pool: &SqlitePool, id: i64) -> Result<String, AppError> {
    sqlx::query_scalar("SELECT name FROM children WHERE id = ? AND enrolment = 'active'")
        .bind(id)
        .fetch_optional(pool)
        .await?
        .ok_or(AppError::NotFound)
}

/// A live link found by its secret's hash: (id, scope, child). A child's link is live only
/// while the child is enrolled: leaving school revokes it (`revoke_child`), and this is the
/// second line should a link have been missed.
pub async fn live(
    pool: &SqlitePool,
    hash: &str,
) -> Result<Option<(i64, String, Option<i64>)>, AppError> {
    Ok(sqlx::query_as(
        "SELECT f.id, f.scope, f.child_id FROM feed_tokens f
         LEFT JOIN children c ON c.id = f.child_id
         WHERE f.token_hash = ? AND f.revoked_at IS NULL
           AND (f.scope <> 'child' OR c.enrolment = 'active')",
    )
    .bind(hash)
    .fetch_optional(pool)
    .await?)
}

/// Stores a new link (by its secret's hash); its id.
pub async fn create(
    conn: &mut SqliteConnection,
    hash: &str,
    scope: &str,
    child_id: Option<i64>,
    label: &str,
    created_by: i64,
) -> Result<i64, AppError> {
    Ok(sqlx::query_scalar(
        "INSERT INTO feed_tokens (token_hash, scope, child_id, label, created_by) VALUES (?, ?, ?, ?, ?) RETURNING id",
    )
    .bind(hash)
    .bind(scope)
    .bind(child_id)
    .bind(label)
    .bind(created_by)
    .fetch_one(conn)
    .await?)
}

/// Revokes link `id`; `NotFound` if there is no live link of that id.
pub async fn revoke(conn: &mut SqliteConnection, id: i64) -> Result<(), AppError> {
    let done = sqlx::query(&format!(
        "UPDATE feed_tokens SET revoked_at = {SQL_NOW} WHERE id = ? AND revoked_at IS NULL"
    ))
    .bind(id)
    .execute(conn)
    .await?;
    if done.rows_affected() == 0 {
        return Err(AppError::NotFound);
    }
    Ok(())
}

/// Revokes every live link of child `child_id` (the child left school); how many.
pub async fn revoke_child(conn: &mut SqliteConnection, child_id: i64) -> Result<u64, AppError> {
    let done = sqlx::query(&format!(
        "UPDATE feed_tokens SET revoked_at = {SQL_NOW} WHERE child_id = ? AND revoked_at IS NULL"
    ))
    .bind(child_id)
    .execute(conn)
    .await?;
    Ok(done.rows_affected())
}
