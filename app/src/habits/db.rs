//! The five ones in SQLite: the habit log (ticks, books, calls) and the school days they
//! count on (excuses and call windows: `excuses_db`).

use std::collections::HashMap;

use chrono::NaiveDate;
use sqlx::{SqliteConnection, SqlitePool};

use super::domain::SchoolDays;
use super::forms_domain::{BookDraft, CallDraft};
use super::types::Habit;
use crate::calendar::holidays_db::holidays_between;
use crate::calendar::types::HolidayKind;
use crate::care::types::Sticker;
use crate::error::AppError;
use crate::school::types::local_day;

/// Whose records a query reads: one child, a class, or the whole school.
#[derive(Debug, Clone, Copy)]
pub enum Whose {
    Child(i64),
    Class(i64),
    School,
}

impl Whose {
    pub(super) fn binds(self) -> (Option<i64>, Option<i64>) {
        match self {
            Whose::Child(id) => (Some(id), None),
            Whose::Class(id) => (None, Some(id)),
            Whose::School => (None, None),
        }
    }
}

/// Rows of `t` (with a `child_id` column) belonging to `?1` (a child) or `?2` (a class), or
/// every row when both are NULL.
pub(super) const WHOSE: &str = "(?1 IS NULL OR t.child_id = ?1)
     AND (?2 IS NULL OR t.child_id IN (SELECT id FROM children WHERE class_id = ?2))";

/// One live entry of the habit log.
#[derive(Debug, Clone, PartialEq)]
pub struct LogRow {
    pub id: i64,
    pub child_id: i64,
    pub habit: Habit,
    pub day: NaiveDate,
    pub title: String,
    pub note: String,
    pub feeling: Option<Sticker>,
    /// Written by the class check-in (no details).
    pub from_check_in: bool,
    /// Written by a member of staff on the child's page (a call on the school phone).
    pub by_staff: bool,
    /// Written by the child itself.
    pub by_child: bool,
}

/// The school days between `first` and `last`: weekdays, less statutory holidays and the
/// school's holiday events (all-day, school-wide), plus the make-up working days.
pub async fn school_days(
    pool: &SqlitePool,
    first: NaiveDate,
    last: NaiveDate,
) -> Result<SchoolDays, AppError> {
    let holidays = holidays_between(pool, first, last).await?;
    let breaks: Vec<(NaiveDate, NaiveDate)> = sqlx::query_as(
        "SELECT date(starts_at), CASE WHEN all_day = 1 THEN date(ends_at, '-1 day') ELSE date(ends_at) END
         FROM events
         WHERE category = 'holiday' AND archived_at IS NULL AND audience = 'school' AND rrule IS NULL
           AND date(starts_at) <= ? AND date(ends_at) >= ?",
    )
    .bind(last)
    .bind(first)
    .fetch_all(pool)
    .await?;
    Ok(SchoolDays::new(
        holidays
            .into_iter()
            .map(|(day, h)| (day, h.kind == HolidayKind::Holiday)),
        breaks,
    ))
}

/// The children of a class still at school, by name: id, name.
pub async fn roster(pool: &SqlitePool, class: i64) -> Result<Vec<(i64, String)>, AppError> {
    Ok(sqlx::query_as(
        "SELECT id, name FROM children WHERE class_id = ? AND enrolment = 'active' ORDER BY name, id",
    )
    .bind(class)
    .fetch_all(pool)
    .await?)
}

/// The day each child of `whose` came on file (`children.created_at`, on the school's
/// clock): its five ones count from then.
pub async fn on_file_since(
    pool: &SqlitePool,
    whose: Whose,
    zone: chrono_tz::Tz,
) -> Result<HashMap<i64, NaiveDate>, AppError> {
    let (child, class) = whose.binds();
    let rows: Vec<(i64, String)> = sqlx::query_as(
        "SELECT id, created_at FROM children
         WHERE (?1 IS NULL OR id = ?1) AND (?2 IS NULL OR class_id = ?2)",
    )
    .bind(child)
    .bind(class)
    .fetch_all(pool)
    .await?;
    rows.into_iter()
        .map(|(id, stamp)| {
            local_day(&stamp, zone).map(|day| (id, day)).ok_or_else(|| {
                AppError::internal(format!("children {id}: unreadable created_at {stamp:?}"))
            })
        })
        .collect()
}

/// Every active child with its class: child id, class id (read a row per class: a school's
/// children one by one cost milliseconds on every check-in).
pub async fn classes_of_children(pool: &SqlitePool) -> Result<Vec<(i64, i64)>, AppError> {
    let rows: Vec<(i64, String)> = sqlx::query_as(
        "SELECT class_id, group_concat(id) FROM children WHERE enrolment = 'active' GROUP BY class_id",
    )
    .fetch_all(pool)
    .await?;
    rows.into_iter()
        .flat_map(|(class, ids)| {
            ids.split(',')
                .map(|id| {
                    id.parse::<i64>()
                        .map(|id| (id, class))
                        .map_err(|_| unreadable(class, "child id", id))
                })
                .collect::<Vec<_>>()
        })
        .collect()
}

type Row = (
    i64,
    i64,
    String,
    NaiveDate,
    String,
    String,
    Option<String>,
    String,
);

/// The live habit log of `whose` between `first` and `last`, oldest first.
pub async fn log(
    pool: &SqlitePool,
    whose: Whose,
    first: NaiveDate,
    last: NaiveDate,
) -> Result<Vec<LogRow>, AppError> {
    let (child, class) = whose.binds();
    let rows: Vec<Row> = sqlx::query_as(&format!(
        "SELECT t.id, t.child_id, t.habit, t.day, t.title, t.note, t.feeling, t.via
         FROM habit_log t
         WHERE {WHOSE} AND t.withdrawn_at IS NULL AND t.day BETWEEN ?3 AND ?4
         ORDER BY t.day, t.id"
    ))
    .bind(child)
    .bind(class)
    .bind(first)
    .bind(last)
    .fetch_all(pool)
    .await?;
    rows.into_iter()
        .map(|(id, child_id, habit, day, title, note, feeling, via)| {
            Ok(LogRow {
                id,
                child_id,
                habit: Habit::parse(&habit).ok_or_else(|| unreadable(id, "habit", &habit))?,
                day,
                title,
                note,
                feeling: feeling.as_deref().and_then(Sticker::parse),
                from_check_in: via == "checkin",
                by_staff: via == "staff",
                by_child: via == "child",
            })
        })
        .collect()
}

/// The days each child of the school ticked each habit between `first` and `last`: one row
/// per child and habit (a term of the whole school is tens of thousands of ticks; read one
/// by one they took a quarter of a second).
pub async fn days_by_child(
    pool: &SqlitePool,
    first: NaiveDate,
    last: NaiveDate,
) -> Result<Vec<(i64, Habit, Vec<NaiveDate>)>, AppError> {
    let rows: Vec<(i64, String, String)> = sqlx::query_as(
        "SELECT child_id, habit, group_concat(day) FROM habit_log
         WHERE withdrawn_at IS NULL AND day BETWEEN ? AND ? GROUP BY child_id, habit",
    )
    .bind(first)
    .bind(last)
    .fetch_all(pool)
    .await?;
    rows.into_iter()
        .map(|(child, habit, days)| {
            let parsed = Habit::parse(&habit).ok_or_else(|| unreadable(child, "habit", &habit));
            let days = days
                .split(',')
                .map(|d| d.parse().map_err(|_| unreadable(child, "day", d)))
                .collect::<Result<Vec<NaiveDate>, AppError>>()?;
            Ok((child, parsed?, days))
        })
        .collect()
}

fn unreadable(id: i64, what: &str, raw: &str) -> AppError {
    AppError::internal(format!("habit_log {id}: unreadable {what} {raw:?}"))
}

/// Ticks a daily habit (or, from the check-in, a call or a book without details) on `day`;
/// a chore or diary already ticked stays as it is.
pub async fn tick(
    conn: &mut SqliteConnection,
    child: i64,
    habit: Habit,
    day: NaiveDate,
    via: &str,
    by: i64,
    title: &str,
) -> Result<(), AppError> {
    sqlx::query(
        "INSERT INTO habit_log (child_id, habit, day, title, via, recorded_by)
         SELECT ?1, ?2, ?3, ?4, ?5, ?6
         WHERE NOT EXISTS (SELECT 1 FROM habit_log WHERE child_id = ?1 AND habit = ?2 AND day = ?3
                           AND withdrawn_at IS NULL AND habit IN ('chore', 'diary'))",
    )
    .bind(child)
    .bind(habit.key())
    .bind(day)
    .bind(title)
    .bind(via)
    .bind(by)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Takes back the ticks of `habit` between `first` and `last`: every one of a daily habit,
/// only the check-in's own of a call or a book (a child's book stays the child's).
pub async fn untick(
    conn: &mut SqliteConnection,
    child: i64,
    habit: Habit,
    first: NaiveDate,
    last: NaiveDate,
    by: i64,
) -> Result<(), AppError> {
    sqlx::query(
        "UPDATE habit_log SET withdrawn_by = ?5, withdrawn_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
         WHERE child_id = ?1 AND habit = ?2 AND day BETWEEN ?3 AND ?4 AND withdrawn_at IS NULL
           AND (habit IN ('chore', 'diary') OR via = 'checkin')",
    )
    .bind(child)
    .bind(habit.key())
    .bind(first)
    .bind(last)
    .bind(by)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Takes back what the child itself ticked today (a teacher's tick stays).
pub async fn untick_own(
    conn: &mut SqliteConnection,
    child: i64,
    habit: Habit,
    day: NaiveDate,
    by: i64,
) -> Result<(), AppError> {
    sqlx::query(
        "UPDATE habit_log SET withdrawn_by = ?4, withdrawn_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
         WHERE child_id = ?1 AND habit = ?2 AND day = ?3 AND via = 'child' AND recorded_by = ?4
           AND withdrawn_at IS NULL",
    )
    .bind(child)
    .bind(habit.key())
    .bind(day)
    .bind(by)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Whether the entry kept under `uid` is this one (the same child, habit and title): a form
/// sent again, not another entry reusing an old page's id.
pub async fn same_entry(
    conn: &mut SqliteConnection,
    uid: &str,
    child: i64,
    habit: Habit,
    title: &str,
) -> Result<bool, AppError> {
    let found: Option<i64> = sqlx::query_scalar(
        "SELECT 1 FROM habit_log WHERE uid = ? AND child_id = ? AND habit = ? AND title = ?",
    )
    .bind(uid)
    .bind(child)
    .bind(habit.key())
    .bind(title)
    .fetch_optional(&mut *conn)
    .await?;
    Ok(found.is_some())
}

/// Keeps a book read; `None` when this `uid` was kept before.
pub async fn add_book(
    conn: &mut SqliteConnection,
    uid: &str,
    child: i64,
    book: &BookDraft,
    via: &str,
    by: i64,
) -> Result<Option<i64>, AppError> {
    add_detailed(
        conn,
        uid,
        child,
        Habit::Book,
        book.day,
        (&book.title, &book.sentence, None),
        via,
        by,
    )
    .await
}

/// Keeps a call home; `None` when this `uid` was kept before.
pub async fn add_call(
    conn: &mut SqliteConnection,
    uid: &str,
    child: i64,
    call: &CallDraft,
    via: &str,
    by: i64,
) -> Result<Option<i64>, AppError> {
    let feeling = call.feeling.map(Sticker::key);
    add_detailed(
        conn,
        uid,
        child,
        Habit::Call,
        call.day,
        (&call.with_whom, &call.note, feeling),
        via,
        by,
    )
    .await
}

#[allow(clippy::too_many_arguments)]
async fn add_detailed(
    conn: &mut SqliteConnection,
    uid: &str,
    child: i64,
    habit: Habit,
    day: NaiveDate,
    (title, note, feeling): (&str, &str, Option<&str>),
    via: &str,
    by: i64,
) -> Result<Option<i64>, AppError> {
    Ok(sqlx::query_scalar(
        "INSERT INTO habit_log (uid, child_id, habit, day, title, note, feeling, via, recorded_by)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (uid) DO NOTHING RETURNING id",
    )
    .bind(uid)
    .bind(child)
    .bind(habit.key())
    .bind(day)
    .bind(title)
    .bind(note)
    .bind(feeling)
    .bind(via)
    .bind(by)
    .fetch_optional(&mut *conn)
    .await?)
}
