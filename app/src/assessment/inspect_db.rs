//! Inspections (检查) in SQLite: recorded contacts drawn at random to be verified, and what
//! the verification found.

use chrono::NaiveDate;
use sqlx::{SqliteConnection, SqlitePool};

use super::types::{Outcome, Period};
use crate::care::types::{CareKind, WithWhom};
use crate::error::AppError;

use crate::care::db::CURRENT;

/// The contacts drawn already, and every later version of them (a correction is not a new
/// contact to draw).
const DRAWN: &str = "WITH RECURSIVE drawn(id) AS (
        SELECT entry_id FROM inspections
        UNION SELECT n.id FROM care_entries n JOIN drawn d ON n.replaces = d.id)";

/// A drawn contact with what a page needs to verify it.
#[derive(Debug, Clone)]
pub struct InspectionRow {
    pub id: i64,
    pub version: i64,
    pub entry_id: i64,
    pub child_id: i64,
    pub class_id: i64,
    pub child: String,
    pub counselor_id: i64,
    pub counselor: String,
    pub kind: CareKind,
    pub day: NaiveDate,
    pub with_whom: WithWhom,
    pub phone: Option<String>,
    pub outcome: Option<Outcome>,
    pub note: String,
    /// The period it was drawn for.
    pub period: String,
}

type Row = (
    i64,
    i64,
    i64,
    i64,
    i64,
    String,
    i64,
    String,
    String,
    String,
    String,
    Option<String>,
    Option<String>,
    String,
    String,
);

const SELECT: &str = "SELECT i.id, i.version, e.id, c.id, c.class_id, c.name, e.author_id, u.display_name,
        e.kind, substr(e.happened_at, 1, 10), e.with_whom,
        (SELECT g.phone FROM guardians g WHERE g.child_id = c.id AND g.phone IS NOT NULL ORDER BY g.position LIMIT 1),
        i.outcome, i.note, i.period
    FROM inspections i JOIN care_entries e ON e.id = i.entry_id
    JOIN children c ON c.id = e.child_id JOIN users u ON u.id = e.author_id";

fn unreadable(id: i64, what: &str, raw: &str) -> AppError {
    AppError::internal(format!("inspection {id}: unreadable {what} {raw:?}"))
}

fn row(r: Row) -> Result<InspectionRow, AppError> {
    let id = r.0;
    Ok(InspectionRow {
        id,
        version: r.1,
        entry_id: r.2,
        child_id: r.3,
        class_id: r.4,
        child: r.5,
        counselor_id: r.6,
        counselor: r.7,
        kind: CareKind::parse(&r.8).ok_or_else(|| unreadable(id, "kind", &r.8))?,
        day: r.9.parse().map_err(|_| unreadable(id, "day", &r.9))?,
        with_whom: WithWhom::parse(&r.10).ok_or_else(|| unreadable(id, "with whom", &r.10))?,
        phone: r.11,
        outcome: match r.12 {
            Some(o) => Some(Outcome::parse(&o).ok_or_else(|| unreadable(id, "outcome", &o))?),
            None => None,
        },
        note: r.13,
        period: r.14,
    })
}

/// The contacts drawn for a period, in the order drawn.
pub async fn inspections(
    pool: &SqlitePool,
    period: &Period,
) -> Result<Vec<InspectionRow>, AppError> {
    let rows: Vec<Row> = sqlx::query_as(&format!("{SELECT} WHERE i.period = ? ORDER BY i.id"))
        .bind(period.key())
        .fetch_all(pool)
        .await?;
    rows.into_iter().map(row).collect()
}

/// The contacts drawn (for any period) that happened in `first..=last`: what a sheet of that
/// period shows.
pub async fn inspections_of_days(
    pool: &SqlitePool,
    first: NaiveDate,
    last: NaiveDate,
) -> Result<Vec<InspectionRow>, AppError> {
    let rows: Vec<Row> = sqlx::query_as(&format!(
        "{SELECT} WHERE substr(e.happened_at, 1, 10) BETWEEN ? AND ? ORDER BY e.happened_at, i.id"
    ))
    .bind(first)
    .bind(last)
    .fetch_all(pool)
    .await?;
    rows.into_iter().map(row).collect()
}

pub async fn inspection(pool: &SqlitePool, id: i64) -> Result<InspectionRow, AppError> {
    let found: Option<Row> = sqlx::query_as(&format!("{SELECT} WHERE i.id = ?"))
        .bind(id)
        .fetch_optional(pool)
        .await?;
    row(found.ok_or(AppError::NotFound)?)
}

/// Contacts recorded in the period (current versions) not drawn yet.
pub async fn undrawn(
    pool: &SqlitePool,
    first: NaiveDate,
    last: NaiveDate,
) -> Result<u32, AppError> {
    let n: i64 = sqlx::query_scalar(&format!(
        "{DRAWN}
         SELECT COUNT(*) FROM care_entries e
         WHERE {CURRENT} AND substr(e.happened_at, 1, 10) BETWEEN ? AND ? AND e.id NOT IN drawn"
    ))
    .bind(first)
    .bind(last)
    .fetch_one(pool)
    .await?;
    Ok(n as u32)
}

/// Draws up to `count` contacts of the period at random (home visits first: they are what
/// a school most needs to verify); how many were drawn.
pub async fn draw(
    conn: &mut SqliteConnection,
    period: &Period,
    last: NaiveDate,
    count: u32,
    by: i64,
) -> Result<u64, AppError> {
    let done = sqlx::query(&format!(
        "{DRAWN}
         INSERT INTO inspections (entry_id, period, drawn_by)
         SELECT e.id, ?1, ?2 FROM care_entries e
         WHERE {CURRENT} AND substr(e.happened_at, 1, 10) BETWEEN ?3 AND ?4 AND e.id NOT IN drawn
         ORDER BY e.kind <> 'home_visit', random() LIMIT ?5"
    ))
    .bind(period.key())
    .bind(by)
    .bind(period.first())
    .bind(last)
    .bind(count as i64)
    .execute(&mut *conn)
    .await?;
    Ok(done.rows_affected())
}

/// Records what the verification found, seen at `version`.
pub async fn record_outcome(
    conn: &mut SqliteConnection,
    id: i64,
    version: i64,
    outcome: Outcome,
    note: &str,
    by: i64,
) -> Result<(), AppError> {
    let done = sqlx::query(
        "UPDATE inspections SET outcome = ?, note = ?, checked_by = ?, version = version + 1,
                checked_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
         WHERE id = ? AND version = ?",
    )
    .bind(outcome.key())
    .bind(note)
    .bind(by)
    .bind(id)
    .bind(version)
    .execute(&mut *conn)
    .await?;
    crate::school::db::changed(&done)
}
