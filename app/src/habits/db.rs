//! The five ones in SQLite: the habit log (ticks, books, calls), excuses, call windows,
//! and the school days they count on.

use chrono::NaiveDate;
use sqlx::{SqliteConnection, SqlitePool};

use super::domain::{BookDraft, CallDraft, ExcuseDraft, SchoolDays, WindowDraft};
use super::types::{CallWindow, Excuse, Habit};
use crate::calendar::holidays_db::holidays_between;
use crate::calendar::types::HolidayKind;
use crate::care::types::Sticker;
use crate::error::AppError;

/// Whose records a query reads: one child, a class, or the whole school.
#[derive(Debug, Clone, Copy)]
pub enum Whose {
    Child(i64),
    Class(i64),
    School,
}

impl Whose {
    fn binds(self) -> (Option<i64>, Option<i64>) {
        match self {
            Whose::Child(id) => (Some(id), None),
            Whose::Class(id) => (None, Some(id)),
            Whose::School => (None, None),
        }
    }
}

/// Rows of `t` (with a `child_id` column) belonging to `?1` (a child) or `?2` (a class), or
/// every row when both are NULL.
const WHOSE: &str = "(?1 IS NULL OR t.child_id = ?1)
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

/// The live excuses of `whose` touching `first..=last`: id, child, excuse, first, last, note.
pub async fn excuses(
    pool: &SqlitePool,
    whose: Whose,
    first: NaiveDate,
    last: NaiveDate,
) -> Result<Vec<(i64, i64, Excuse, NaiveDate, NaiveDate, String)>, AppError> {
    let (child, class) = whose.binds();
    let rows: Vec<(i64, i64, String, NaiveDate, NaiveDate, String)> = sqlx::query_as(&format!(
        "SELECT t.id, t.child_id, t.excuse, t.first_day, t.last_day, t.note FROM habit_excuses t
         WHERE {WHOSE} AND t.withdrawn_at IS NULL AND t.first_day <= ?4 AND t.last_day >= ?3
         ORDER BY t.first_day, t.id"
    ))
    .bind(child)
    .bind(class)
    .bind(first)
    .bind(last)
    .fetch_all(pool)
    .await?;
    rows.into_iter()
        .map(|(id, child, excuse, a, b, note)| {
            let excuse = Excuse::parse(&excuse)
                .ok_or_else(|| AppError::internal(format!("habit_excuses {id}: {excuse:?}")))?;
            Ok((id, child, excuse, a, b, note))
        })
        .collect()
}

/// The parents' call windows of `whose`, by child.
pub async fn call_windows(
    pool: &SqlitePool,
    whose: Whose,
) -> Result<Vec<(i64, CallWindow)>, AppError> {
    let (child, class) = whose.binds();
    let rows: Vec<(i64, String, String, String, String, String, i64)> = sqlx::query_as(&format!(
        "SELECT t.child_id, t.weekdays, t.from_time, t.to_time, t.time_zone, t.note, t.version
         FROM call_windows t WHERE {WHOSE}"
    ))
    .bind(child)
    .bind(class)
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(child, days, from, to, zone, note, version)| {
            let weekdays = days.bytes().map(|b| b - b'0').collect();
            let window = CallWindow {
                weekdays,
                from,
                to,
                zone,
                note,
                version,
            };
            (child, window)
        })
        .collect())
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

/// Records days a child is excused.
pub async fn add_excuse(
    conn: &mut SqliteConnection,
    child: i64,
    excuse: &ExcuseDraft,
    by: i64,
) -> Result<i64, AppError> {
    Ok(sqlx::query_scalar(
        "INSERT INTO habit_excuses (child_id, excuse, first_day, last_day, note, recorded_by)
         VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
    )
    .bind(child)
    .bind(excuse.excuse.key())
    .bind(excuse.first)
    .bind(excuse.last)
    .bind(&excuse.note)
    .bind(by)
    .fetch_one(&mut *conn)
    .await?)
}

/// Excuses `child` for one day (ill or away, from the check-in) unless already excused then.
pub async fn excuse_day(
    conn: &mut SqliteConnection,
    child: i64,
    day: NaiveDate,
    by: i64,
) -> Result<(), AppError> {
    sqlx::query(
        "INSERT INTO habit_excuses (child_id, excuse, first_day, last_day, note, recorded_by)
         SELECT ?1, 'ill', ?2, ?2, '', ?3
         WHERE NOT EXISTS (SELECT 1 FROM habit_excuses WHERE child_id = ?1 AND withdrawn_at IS NULL
                           AND excuse <> 'parents_home' AND first_day <= ?2 AND last_day >= ?2)",
    )
    .bind(child)
    .bind(day)
    .bind(by)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Takes back the excuses of `child` that are for `day` alone (marked at a check-in);
/// longer ones are withdrawn on the child's page.
pub async fn unexcuse_day(
    conn: &mut SqliteConnection,
    child: i64,
    day: NaiveDate,
    by: i64,
) -> Result<(), AppError> {
    sqlx::query(
        "UPDATE habit_excuses SET withdrawn_by = ?3, withdrawn_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
         WHERE child_id = ?1 AND first_day = ?2 AND last_day = ?2 AND excuse <> 'parents_home'
           AND withdrawn_at IS NULL",
    )
    .bind(child)
    .bind(day)
    .bind(by)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// The child an excuse is about, to check the caller may reach it.
pub async fn excuse_child(pool: &SqlitePool, id: i64) -> Result<i64, AppError> {
    sqlx::query_scalar("SELECT child_id FROM habit_excuses WHERE id = ? AND withdrawn_at IS NULL")
        .bind(id)
        .fetch_optional(pool)
        .await?
        .ok_or(AppError::NotFound)
}

pub async fn withdraw_excuse(
    conn: &mut SqliteConnection,
    id: i64,
    by: i64,
) -> Result<(), AppError> {
    let done = sqlx::query(
        "UPDATE habit_excuses SET withdrawn_by = ?, withdrawn_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
         WHERE id = ? AND withdrawn_at IS NULL",
    )
    .bind(by)
    .bind(id)
    .execute(&mut *conn)
    .await?;
    crate::school::db::changed(&done)
}

/// Saves the parents' call window seen at `version` (0: there was none); a stale one is a
/// conflict.
pub async fn save_window(
    conn: &mut SqliteConnection,
    child: i64,
    window: &WindowDraft,
    version: i64,
    by: i64,
) -> Result<(), AppError> {
    let days: String = window.weekdays.iter().map(|d| d.to_string()).collect();
    let sql = if version == 0 {
        "INSERT INTO call_windows (child_id, weekdays, from_time, to_time, time_zone, note, updated_by)
         SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7 WHERE ?8 = 0 ON CONFLICT (child_id) DO NOTHING"
    } else {
        "UPDATE call_windows SET weekdays = ?2, from_time = ?3, to_time = ?4, time_zone = ?5,
             note = ?6, updated_by = ?7, version = version + 1,
             updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
         WHERE child_id = ?1 AND version = ?8"
    };
    let done = sqlx::query(sql)
        .bind(child)
        .bind(&days)
        .bind(&window.from)
        .bind(&window.to)
        .bind(window.zone)
        .bind(&window.note)
        .bind(by)
        .bind(version)
        .execute(&mut *conn)
        .await?;
    crate::school::db::changed(&done)
}
