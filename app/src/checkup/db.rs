//! The checkup's records in SQLite: the yearly checkup event's day, the roster, the results
//! and their follow-ups. Statements only: who may see what is filtered here with the
//! permission matrix, the audit rows are written by the caller's transaction.

use chrono::{Datelike, NaiveDate, NaiveDateTime};
use sqlx::{SqliteConnection, SqlitePool};

use super::domain::{ResultDraft, StoredResult};
use super::types::{Attendance, ClassRoster, OpenFollowUp, RosterChild};
use crate::auth::permissions::{check, Capability, Target};
use crate::auth::types::Viewer;
use crate::children::types::GrowthPoint;
use crate::error::{AppError, ValidationError};
use crate::school::db::stored_class;
use crate::school::types::SQL_NOW;

fn may_read_health(viewer: &Viewer, id: i64, class_id: i64) -> bool {
    check(
        Some((viewer.role, &viewer.scope)),
        Capability::ReadHealth,
        Target::Child { id, class_id },
    )
    .is_ok()
}

/// The checkup day of `year`: the first occurrence that year of the school's yearly
/// `checkup` event.
pub async fn checkup_day(pool: &SqlitePool, year: i32) -> Result<Option<NaiveDate>, AppError> {
    Ok(checkup_event(pool, year)
        .await?
        .map(|(_, start)| start.date()))
}

/// The next checkup day from `today`: this year's, or next year's once it has passed.
pub async fn next_checkup_day(
    pool: &SqlitePool,
    today: NaiveDate,
) -> Result<Option<NaiveDate>, AppError> {
    match checkup_day(pool, today.year()).await? {
        Some(day) if day >= today => Ok(Some(day)),
        _ => checkup_day(pool, today.year() + 1).await,
    }
}

/// The school's `checkup` event that falls first in `year`, and when it starts.
pub async fn checkup_event(
    pool: &SqlitePool,
    year: i32,
) -> Result<Option<(i64, NaiveDateTime)>, AppError> {
    let series: Vec<(i64, NaiveDateTime, String, Option<String>)> = sqlx::query_as(
        "SELECT id, starts_at, time_zone, rrule FROM events
         WHERE category = 'checkup' AND archived_at IS NULL AND audience = 'school' AND series_id IS NULL",
    )
    .fetch_all(pool)
    .await?;
    let from = NaiveDate::from_ymd_opt(year, 1, 1).ok_or(ValidationError::InvalidDate)?;
    let to = NaiveDate::from_ymd_opt(year, 12, 31).ok_or(ValidationError::InvalidDate)?;
    let (from, to) = (
        from.and_time(chrono::NaiveTime::MIN),
        to.and_hms_opt(23, 59, 59).expect("valid time"),
    );
    let mut first: Option<(i64, NaiveDateTime)> = None;
    for (id, start, zone, rule) in series {
        let starts = match rule {
            Some(rule) => crate::calendar::domain::recurrence::series_starts(
                id, start, &zone, &rule, from, to,
            )?,
            None => vec![start]
                .into_iter()
                .filter(|s| s.year() == year)
                .collect(),
        };
        if let Some(start) = starts.first() {
            if first.is_none_or(|(_, earliest)| *start < earliest) {
                first = Some((id, *start));
            }
        }
    }
    Ok(first)
}

/// The open follow-ups of enrolled children `viewer` may read health data of, by due
/// date; only those due between two dates if `due` is given.
pub async fn open_follow_ups(
    pool: &SqlitePool,
    viewer: &Viewer,
    due: Option<(NaiveDate, NaiveDate)>,
) -> Result<Vec<OpenFollowUp>, AppError> {
    // Dates are compared as ISO text: bounds of four-digit years.
    let (from, to) = due.unwrap_or((
        NaiveDate::from_ymd_opt(1, 1, 1).expect("valid date"),
        NaiveDate::from_ymd_opt(9999, 12, 31).expect("valid date"),
    ));
    type Row = (
        i64,
        String,
        i64,
        i64,
        i64,
        i32,
        String,
        NaiveDate,
        Option<String>,
    );
    let rows: Vec<Row> = sqlx::query_as(
        "SELECT c.id, c.name, c.class_id, k.grade, k.number, r.year, r.follow_up, r.follow_up_due,
                (SELECT u.display_name FROM counselor_children cc JOIN users u ON u.id = cc.user_id
                  WHERE cc.child_id = c.id ORDER BY u.id LIMIT 1)
         FROM checkup_results r JOIN children c ON c.id = r.child_id JOIN classes k ON k.id = c.class_id
         WHERE r.follow_up IS NOT NULL AND r.follow_up_due IS NOT NULL AND r.follow_up_closed_at IS NULL
           AND c.enrolment = 'active' AND r.follow_up_due BETWEEN ? AND ?
         ORDER BY r.follow_up_due, k.grade, k.number, c.name, c.id",
    )
    .bind(from)
    .bind(to)
    .fetch_all(pool)
    .await?;
    rows.into_iter()
        .filter(|(id, _, class_id, ..)| may_read_health(viewer, *id, *class_id))
        .map(
            |(child_id, name, class_id, grade, number, year, what, due, counselor)| {
                Ok(OpenFollowUp {
                    child_id,
                    name,
                    class: stored_class(class_id, grade, number)?,
                    year,
                    what,
                    due,
                    counselor,
                })
            },
        )
        .collect()
}

/// The ids of the classes on `year`'s roster (empty: every class).
pub async fn roster_classes(pool: &SqlitePool, year: i32) -> Result<Vec<i64>, AppError> {
    Ok(
        sqlx::query_scalar("SELECT class_id FROM checkup_classes WHERE year = ? ORDER BY class_id")
            .bind(year)
            .fetch_all(pool)
            .await?,
    )
}

/// Sets `year`'s roster to `classes` (`None`: every class, including classes added later).
pub async fn set_roster_classes(
    conn: &mut SqliteConnection,
    year: i32,
    classes: Option<&[i64]>,
) -> Result<(), AppError> {
    sqlx::query("DELETE FROM checkup_classes WHERE year = ?")
        .bind(year)
        .execute(&mut *conn)
        .await?;
    for id in classes.unwrap_or_default() {
        sqlx::query("INSERT INTO checkup_classes (year, class_id) VALUES (?, ?)")
            .bind(year)
            .bind(id)
            .execute(&mut *conn)
            .await?;
    }
    Ok(())
}

/// The children on the roster `viewer` may see, class by class, with this year's status.
pub async fn roster(
    pool: &SqlitePool,
    viewer: &Viewer,
    year: i32,
) -> Result<Vec<ClassRoster>, AppError> {
    type Row = (
        i64,
        String,
        i64,
        i64,
        i64,
        Option<String>,
        Option<String>,
        Option<NaiveDate>,
        Option<String>,
    );
    let rows: Vec<Row> = sqlx::query_as(
        "SELECT c.id, c.name, c.class_id, k.grade, k.number, r.attendance, r.follow_up, r.follow_up_due,
                r.follow_up_closed_at
         FROM children c JOIN classes k ON k.id = c.class_id
         LEFT JOIN checkup_results r ON r.child_id = c.id AND r.year = ?1
         WHERE c.enrolment = 'active'
           AND (NOT EXISTS (SELECT 1 FROM checkup_classes WHERE year = ?1)
                OR c.class_id IN (SELECT class_id FROM checkup_classes WHERE year = ?1))
         ORDER BY k.grade, k.number, c.name, c.id",
    )
    .bind(year)
    .fetch_all(pool)
    .await?;
    let mut classes: Vec<ClassRoster> = Vec::new();
    for (id, name, class_id, grade, number, attendance, follow_up, due, closed) in rows {
        if !may_read_health(viewer, id, class_id) {
            continue;
        }
        let child = RosterChild {
            id,
            name,
            attendance: attendance.as_deref().and_then(Attendance::parse),
            follow_up: match (follow_up, due, closed) {
                (Some(what), Some(due), None) => Some((what, due)),
                _ => None,
            },
        };
        match classes.last_mut() {
            Some(last) if last.class_id == class_id => last.children.push(child),
            _ => classes.push(ClassRoster {
                class_id,
                class: stored_class(class_id, grade, number)?,
                children: vec![child],
            }),
        }
    }
    Ok(classes)
}

/// A saved result as stored.
#[derive(sqlx::FromRow)]
struct ResultRow {
    version: i64,
    attendance: String,
    height_cm: Option<f64>,
    weight_kg: Option<f64>,
    vision_left: Option<f64>,
    vision_right: Option<f64>,
    caries: Option<i64>,
    findings: String,
    follow_up: Option<String>,
    follow_up_due: Option<NaiveDate>,
    follow_up_closed_at: Option<String>,
    follow_up_note: Option<String>,
}

/// The child's saved result of `year`, if any.
pub async fn result(
    pool: &SqlitePool,
    year: i32,
    child: i64,
) -> Result<Option<StoredResult>, AppError> {
    let row: Option<ResultRow> = sqlx::query_as(
        "SELECT version, attendance, height_cm, weight_kg, vision_left, vision_right, caries, findings, follow_up, follow_up_due,
                follow_up_closed_at, follow_up_note
         FROM checkup_results WHERE year = ? AND child_id = ?",
    )
    .bind(year)
    .bind(child)
    .fetch_optional(pool)
    .await?;
    Ok(row.map(|r| StoredResult {
        version: r.version,
        attendance: r.attendance,
        height_cm: r.height_cm,
        weight_kg: r.weight_kg,
        vision_left: r.vision_left,
        vision_right: r.vision_right,
        caries: r.caries,
        findings: r.findings,
        follow_up: r.follow_up,
        follow_up_due: r.follow_up_due,
        closed: r.follow_up_closed_at.zip(r.follow_up_note),
    }))
}

/// Saves the child's result of `year`: the first save (`version` 0) inserts it, a later
/// one updates it if still at `version`. A stale save is a `Conflict`.
pub async fn save_result(
    conn: &mut SqliteConnection,
    year: i32,
    child: i64,
    version: i64,
    draft: &ResultDraft,
    recorded_by: i64,
) -> Result<(), AppError> {
    let (follow_up, due) = draft.follow_up.clone().unzip();
    let fields = "attendance = ?1, height_cm = ?2, weight_kg = ?3, vision_left = ?4, vision_right = ?5, caries = ?6,
                  findings = ?7, follow_up = ?8, follow_up_due = ?9, recorded_by = ?10";
    let sql = if version == 0 {
        "INSERT INTO checkup_results (attendance, height_cm, weight_kg, vision_left, vision_right, caries, findings,
             follow_up, follow_up_due, recorded_by, year, child_id)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)"
            .to_owned()
    } else {
        format!(
            "UPDATE checkup_results SET {fields}, version = version + 1, updated_at = {SQL_NOW}
             WHERE year = ?11 AND child_id = ?12 AND version = ?13"
        )
    };
    let done = sqlx::query(&sql)
        .bind(draft.attendance.key())
        .bind(draft.height_cm)
        .bind(draft.weight_kg)
        .bind(draft.vision_left)
        .bind(draft.vision_right)
        .bind(draft.caries.map(i64::from))
        .bind(&draft.findings)
        .bind(follow_up)
        .bind(due)
        .bind(recorded_by)
        .bind(year)
        .bind(child)
        .bind(version)
        .execute(conn)
        .await
        .map_err(|e| match e {
            // Someone saved this child's result first.
            sqlx::Error::Database(db) if db.is_unique_violation() => AppError::Conflict,
            other => other.into(),
        })?;
    crate::school::db::changed(&done)
}

/// Closes the child's open follow-up of `year` with `note`, if the result is still at
/// `version` (else `Conflict`).
pub async fn close_follow_up(
    conn: &mut SqliteConnection,
    year: i32,
    child: i64,
    version: i64,
    note: &str,
) -> Result<(), AppError> {
    let done = sqlx::query(&format!(
        "UPDATE checkup_results SET follow_up_closed_at = {SQL_NOW}, follow_up_note = ?,
                version = version + 1, updated_at = {SQL_NOW}
         WHERE year = ? AND child_id = ? AND version = ? AND follow_up IS NOT NULL AND follow_up_closed_at IS NULL"
    ))
    .bind(note)
    .bind(year)
    .bind(child)
    .bind(version)
    .execute(conn)
    .await?;
    crate::school::db::changed(&done)
}

/// Closes the open follow-up of `year` that the payment of aid request `aid` answers, noting
/// the payment.
pub async fn close_follow_up_paid_by(
    conn: &mut SqliteConnection,
    year: i32,
    child: i64,
    aid: i64,
    note: &str,
) -> Result<(), AppError> {
    sqlx::query(&format!(
        "UPDATE checkup_results SET follow_up_closed_at = {SQL_NOW}, follow_up_note = ?1,
                follow_up_paid_by_aid = ?2, version = version + 1, updated_at = {SQL_NOW}
         WHERE year = ?3 AND child_id = ?4 AND follow_up IS NOT NULL AND follow_up_closed_at IS NULL"
    ))
    .bind(note)
    .bind(aid)
    .bind(year)
    .bind(child)
    .execute(conn)
    .await?;
    Ok(())
}

/// Opens again the follow-up that the payment of aid request `aid` closed, the payment being
/// undone (a follow-up closed for another reason stays closed).
pub async fn reopen_follow_up_paid_by(
    conn: &mut SqliteConnection,
    aid: i64,
) -> Result<(), AppError> {
    sqlx::query(&format!(
        "UPDATE checkup_results SET follow_up_closed_at = NULL, follow_up_note = NULL,
                follow_up_paid_by_aid = NULL, version = version + 1, updated_at = {SQL_NOW}
         WHERE follow_up_paid_by_aid = ?1 AND follow_up_closed_at IS NOT NULL"
    ))
    .bind(aid)
    .execute(conn)
    .await?;
    Ok(())
}

/// How many children were absent on the checkup day of `year`.
pub async fn absent_count(pool: &SqlitePool, year: i32) -> Result<i64, AppError> {
    Ok(sqlx::query_scalar(
        "SELECT COUNT(*) FROM checkup_results WHERE year = ? AND attendance = 'absent'",
    )
    .bind(year)
    .fetch_one(pool)
    .await?)
}

/// A child's results of every year, oldest first: the growth chart on the child's page.
pub async fn growth(pool: &SqlitePool, child: i64) -> Result<Vec<GrowthPoint>, AppError> {
    Ok(sqlx::query_as(
        "SELECT year, attendance, height_cm, weight_kg, vision_left, vision_right, caries
         FROM checkup_results WHERE child_id = ? ORDER BY year",
    )
    .bind(child)
    .fetch_all(pool)
    .await?)
}
