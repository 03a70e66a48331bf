//! The programme's numbers in SQLite: counts, never names.

use chrono::{Days, NaiveDate};
use sqlx::SqlitePool;

use super::types::{CheckupFigures, Counts};
use crate::error::AppError;

/// The seed's opening numbers, as they stand now.
pub async fn counts(pool: &SqlitePool) -> Result<Counts, AppError> {
    let row: (i64, i64, i64, i64, i64, i64) = sqlx::query_as(
        "SELECT COUNT(*),
                COALESCE(SUM(c.left_behind = 'full'), 0),
                COALESCE(SUM(c.left_behind = 'half'), 0),
                COALESCE(SUM(c.left_behind <> 'none' AND p.child_id IS NOT NULL), 0),
                COALESCE(SUM(c.left_behind <> 'none' AND p.child_id IS NULL), 0),
                (SELECT COUNT(DISTINCT user_id) FROM counselor_children)
         FROM children c LEFT JOIN counselor_children p ON p.child_id = c.id
         WHERE c.enrolment = 'active'",
    )
    .fetch_one(pool)
    .await?;
    let n = |v: i64| v.max(0) as u32;
    Ok(Counts {
        children: n(row.0),
        left_behind: n(row.1),
        half_left_behind: n(row.2),
        paired: n(row.3),
        unpaired: n(row.4),
        counselors: n(row.5),
    })
}

/// Concerns open now, and those of them past their address-by date.
pub async fn open_concerns(pool: &SqlitePool, today: NaiveDate) -> Result<(u32, u32), AppError> {
    let (open, overdue): (i64, i64) = sqlx::query_as(
        "SELECT COUNT(*), COALESCE(SUM(address_by < ?), 0) FROM concerns WHERE closed_at IS NULL",
    )
    .bind(today)
    .fetch_one(pool)
    .await?;
    Ok((open as u32, overdue as u32))
}

/// The checkup of `year`: attendance and the follow-ups it asked for; and the follow-ups
/// still open, of any year's checkup, as the follow-ups' list shows them (a child still at
/// school, a due date), so the figure and its list agree.
pub async fn checkup(
    pool: &SqlitePool,
    year: i32,
    today: NaiveDate,
) -> Result<CheckupFigures, AppError> {
    let row: (i64, i64, i64, i64) = sqlx::query_as(
        "SELECT COALESCE(SUM(attendance = 'examined'), 0), COALESCE(SUM(attendance = 'absent'), 0),
                COALESCE(SUM(attendance = 'excused'), 0),
                COALESCE(SUM(follow_up IS NOT NULL), 0)
         FROM checkup_results WHERE year = ?",
    )
    .bind(year)
    .fetch_one(pool)
    .await?;
    let (open, overdue): (i64, i64) = sqlx::query_as(
        "SELECT COUNT(*), COALESCE(SUM(r.follow_up_due < ?), 0)
         FROM checkup_results r JOIN children c ON c.id = r.child_id
         WHERE r.follow_up IS NOT NULL AND r.follow_up_due IS NOT NULL
           AND r.follow_up_closed_at IS NULL AND c.enrolment = 'active'",
    )
    .bind(today)
    .fetch_one(pool)
    .await?;
    let n = |v: i64| v.max(0) as u32;
    Ok(CheckupFigures {
        year,
        day: crate::checkup::db::checkup_day(pool, year).await?,
        examined: n(row.0),
        absent: n(row.1),
        excused: n(row.2),
        follow_ups: n(row.3),
        follow_ups_open: n(open),
        follow_ups_overdue: n(overdue),
    })
}

/// What the year-end summary counts beside the care work, over `first..=last` (the school
/// year `year`); the thematic days held are the calendar's to expand, in `access`.
#[derive(Debug, Default)]
pub struct YearCounts {
    pub leaders: u32,
    pub groups: u32,
    pub books: u32,
    pub calls_home: u32,
    pub awards: u32,
    pub concerns_closed: u32,
    pub sheets_closed: u32,
    pub sheets_signed: u32,
    pub inspected: u32,
    pub not_confirmed: u32,
    pub parent_links: u32,
}

/// One school year's counts: `first..=last` are its days, `year` its first calendar year.
pub async fn year_counts(
    pool: &SqlitePool,
    year: i32,
    first: NaiveDate,
    last: NaiveDate,
    zone: chrono_tz::Tz,
) -> Result<YearCounts, AppError> {
    // A period key of the year: its semesters, or a month from September to August.
    const OF_YEAR: &str = "(period IN (?3 || '-autumn', ?3 || '-spring')
                             OR period BETWEEN (?3 || '-09') AND ((?3 + 1) || '-08'))";
    type Row = (i64, i64, i64, i64, i64, i64, i64, i64, i64, i64);
    let r: Row = sqlx::query_as(&format!(
        "SELECT
            (SELECT COUNT(*) FROM users WHERE role IN ('leader', 'admin') AND active = 1),
            (SELECT COUNT(*) FROM interest_groups),
            (SELECT COUNT(*) FROM habit_log WHERE habit = 'book' AND withdrawn_at IS NULL AND day BETWEEN ?1 AND ?2),
            (SELECT COUNT(*) FROM habit_log WHERE habit = 'call' AND withdrawn_at IS NULL AND day BETWEEN ?1 AND ?2),
            (SELECT COUNT(*) FROM nominations WHERE state = 'approved' AND term IN (?3 || '-autumn', ?3 || '-spring')),
            (SELECT COUNT(*) FROM assessment_sheets WHERE closed_at IS NOT NULL AND {OF_YEAR}),
            (SELECT COUNT(*) FROM assessment_responses r JOIN assessment_sheets ON assessment_sheets.id = r.sheet_id
                WHERE r.kind = 'sign' AND {OF_YEAR}),
            (SELECT COUNT(*) FROM inspections i JOIN care_entries e ON e.id = i.entry_id
                WHERE i.outcome IS NOT NULL AND substr(e.happened_at, 1, 10) BETWEEN ?1 AND ?2),
            (SELECT COUNT(*) FROM inspections i JOIN care_entries e ON e.id = i.entry_id
                WHERE i.outcome = 'not_confirmed' AND substr(e.happened_at, 1, 10) BETWEEN ?1 AND ?2),
            (SELECT COUNT(*) FROM feed_tokens WHERE scope = 'child' AND revoked_at IS NULL)"
    ))
    .bind(first)
    .bind(last)
    .bind(year)
    .fetch_one(pool)
    .await?;
    let n = |v: i64| v.max(0) as u32;
    Ok(YearCounts {
        leaders: n(r.0),
        groups: n(r.1),
        books: n(r.2),
        calls_home: n(r.3),
        awards: n(r.4),
        concerns_closed: concerns_closed(pool, first, last, zone).await?,
        sheets_closed: n(r.5),
        sheets_signed: n(r.6),
        inspected: n(r.7),
        not_confirmed: n(r.8),
        parent_links: n(r.9),
    })
}

/// Concerns closed on the school's days `first..=last` (stamps are UTC: a day either side,
/// then the school's day decides).
async fn concerns_closed(
    pool: &SqlitePool,
    first: NaiveDate,
    last: NaiveDate,
    zone: chrono_tz::Tz,
) -> Result<u32, AppError> {
    let stamps: Vec<String> =
        sqlx::query_scalar("SELECT closed_at FROM concerns WHERE closed_at BETWEEN ? AND ?")
            .bind((first - Days::new(1)).to_string())
            .bind((last + Days::new(2)).to_string())
            .fetch_all(pool)
            .await?;
    Ok(stamps
        .iter()
        .filter_map(|s| crate::school::types::local_day(s, zone))
        .filter(|d| first <= *d && *d <= last)
        .count() as u32)
}
