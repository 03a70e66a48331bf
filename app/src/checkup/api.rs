//! The checkup day over HTTP. Health data: `ReadHealth` first (admin and leading group all,
//! a counselor the paired children), `WriteHealth` to save (the admin); every read and
//! write goes to the audit log.

use chrono::NaiveDate;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;
use serde::{Deserialize, Serialize};

use super::domain::{Attendance, ResultInput};
use crate::error::AppError;
use crate::school::types::ClassLabel;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RosterChild {
    pub id: i64,
    pub name: String,
    pub attendance: Option<Attendance>,
    /// An open follow-up: what, by when.
    pub follow_up: Option<(String, NaiveDate)>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClassRoster {
    pub class_id: i64,
    pub class: ClassLabel,
    pub children: Vec<RosterChild>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CheckupDay {
    pub year: i32,
    /// The day of the yearly checkup event (April 20 unless an admin moved it).
    pub day: Option<NaiveDate>,
    pub classes: Vec<ClassRoster>,
    /// Every class of the school, and whether it is on this year's roster.
    pub class_choices: Vec<(i64, ClassLabel, bool)>,
    /// Whether the roster is some classes only (else: every class).
    pub chosen: bool,
    pub can_write: bool,
    /// The checkup event's editor at this year's occurrence, for those who may edit it
    /// (to move the day).
    pub edit_event: Option<String>,
}

/// An open follow-up: a child to see again about something, by a date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OpenFollowUp {
    pub child_id: i64,
    pub name: String,
    pub class: ClassLabel,
    /// The checkup that asked for it.
    pub year: i32,
    pub what: String,
    pub due: NaiveDate,
    /// The child's counselor (the teacher paired with them), if any.
    pub counselor: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FollowUps {
    pub today: NaiveDate,
    pub items: Vec<OpenFollowUp>,
}

/// One child's entry screen.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entry {
    pub year: i32,
    pub child_id: i64,
    pub name: String,
    pub class: ClassLabel,
    pub age: u32,
    /// The saved result's version (0: nothing saved yet).
    pub version: i64,
    pub input: ResultInput,
    pub bmi: Option<f64>,
    pub previous: Option<i64>,
    pub next: Option<i64>,
    pub can_write: bool,
    pub today: NaiveDate,
    /// A closed follow-up: when, and the note.
    pub closed: Option<(String, String)>,
}

#[cfg(feature = "ssr")]
pub(crate) mod server {
    use chrono::{Datelike, NaiveDate};

    use super::{ClassRoster, OpenFollowUp, RosterChild};
    use crate::auth::permissions::{check, Capability, Target};
    use crate::auth::types::Viewer;
    use crate::checkup::domain::Attendance;
    use crate::error::AppError;
    use crate::school::types::ClassLabel;

    /// The checkup day of `year`: the first occurrence that year of the school's yearly
    /// `checkup` event.
    pub async fn checkup_day(
        pool: &sqlx::SqlitePool,
        year: i32,
    ) -> Result<Option<NaiveDate>, AppError> {
        Ok(checkup_event(pool, year)
            .await?
            .map(|(_, start)| start.date()))
    }

    /// The school's `checkup` event that falls first in `year`, and when it starts.
    pub async fn checkup_event(
        pool: &sqlx::SqlitePool,
        year: i32,
    ) -> Result<Option<(i64, chrono::NaiveDateTime)>, AppError> {
        let series: Vec<(i64, chrono::NaiveDateTime, String, Option<String>)> = sqlx::query_as(
            "SELECT id, starts_at, time_zone, rrule FROM events
             WHERE category = 'checkup' AND archived_at IS NULL AND audience = 'school' AND series_id IS NULL",
        )
        .fetch_all(pool)
        .await?;
        let from = NaiveDate::from_ymd_opt(year, 1, 1)
            .ok_or(crate::error::ValidationError::InvalidDate)?;
        let to = NaiveDate::from_ymd_opt(year, 12, 31)
            .ok_or(crate::error::ValidationError::InvalidDate)?;
        let (from, to) = (
            from.and_time(chrono::NaiveTime::MIN),
            to.and_hms_opt(23, 59, 59).expect("valid time"),
        );
        let mut first: Option<(i64, chrono::NaiveDateTime)> = None;
        for (id, start, zone, rule) in series {
            let starts = match rule {
                Some(rule) => {
                    crate::calendar::db::series_starts(id, start, &zone, &rule, from, to)?
                }
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
        pool: &sqlx::SqlitePool,
        viewer: &Viewer,
        due: Option<(NaiveDate, NaiveDate)>,
    ) -> Result<Vec<OpenFollowUp>, AppError> {
        // Dates are compared as ISO text: bounds of four-digit years.
        let (from, to) = due.unwrap_or((
            NaiveDate::from_ymd_opt(1, 1, 1).expect("valid date"),
            NaiveDate::from_ymd_opt(9999, 12, 31).expect("valid date"),
        ));
        let rows: Vec<(i64, String, i64, i64, i64, i32, String, NaiveDate, Option<String>)> =
            sqlx::query_as(
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
        Ok(rows
            .into_iter()
            .filter(|(id, _, class_id, ..)| {
                let target = Target::Child {
                    id: *id,
                    class_id: *class_id,
                };
                check(
                    Some((viewer.role, &viewer.scope)),
                    Capability::ReadHealth,
                    target,
                )
                .is_ok()
            })
            .map(
                |(child_id, name, _, grade, number, year, what, due, counselor)| OpenFollowUp {
                    child_id,
                    name,
                    class: ClassLabel {
                        grade: grade as u8,
                        number: number as u8,
                    },
                    year,
                    what,
                    due,
                    counselor,
                },
            )
            .collect())
    }

    /// The ids of the classes on `year`'s roster (empty: every class).
    pub async fn roster_classes(pool: &sqlx::SqlitePool, year: i32) -> Result<Vec<i64>, AppError> {
        Ok(sqlx::query_scalar(
            "SELECT class_id FROM checkup_classes WHERE year = ? ORDER BY class_id",
        )
        .bind(year)
        .fetch_all(pool)
        .await?)
    }

    /// The children on the roster `viewer` may see, class by class, with this year's status.
    pub async fn roster(
        pool: &sqlx::SqlitePool,
        viewer: &Viewer,
        year: i32,
    ) -> Result<Vec<ClassRoster>, AppError> {
        let rows: Vec<(i64, String, i64, i64, i64, Option<String>, Option<String>, Option<NaiveDate>, Option<String>)> =
            sqlx::query_as(
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
            let target = Target::Child { id, class_id };
            if check(
                Some((viewer.role, &viewer.scope)),
                Capability::ReadHealth,
                target,
            )
            .is_err()
            {
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
                    class: ClassLabel {
                        grade: grade as u8,
                        number: number as u8,
                    },
                    children: vec![child],
                }),
            }
        }
        Ok(classes)
    }
}

/// The checkup day of `year`: its date, the roster by class with each child's status.
#[server(prefix = "/api", endpoint = "checkup/day", input = GetUrl)]
pub async fn get_checkup_day(year: i32) -> Result<CheckupDay, AppError> {
    use crate::auth::audit::{self, Outcome};
    use crate::auth::permissions::{access, check, Access, Capability, Target};
    use crate::auth::session::require;
    use crate::frame::{client_ip, respond};
    respond(
        async {
            let (viewer, _) = require(Capability::ReadHealth, Target::Any).await?;
            if !(2000..=2100).contains(&year) {
                return Err(crate::error::ValidationError::InvalidDate.into());
            }
            let state = crate::state::AppState::from_context()?;
            let event = server::checkup_event(&state.pool, year).await?;
            let day = event.map(|(_, start)| start.date());
            let edit_event = event
                .filter(|_| {
                    check(
                        Some((viewer.role, &viewer.scope)),
                        Capability::EditEvents,
                        Target::School,
                    )
                    .is_ok()
                })
                .map(|(id, start)| {
                    format!(
                        "/calendar/event/{id}?occurrence={}",
                        start.format("%Y-%m-%dT%H:%M:%S")
                    )
                });
            let classes = server::roster(&state.pool, &viewer, year).await?;
            let chosen_ids = server::roster_classes(&state.pool, year).await?;
            let class_choices = crate::school::db::classes(&state.pool)
                .await?
                .into_iter()
                .map(|(id, label)| (id, label, chosen_ids.is_empty() || chosen_ids.contains(&id)))
                .collect();
            audit::record(
                &state.pool,
                Some(&viewer),
                &format!("read_health checkup_day {year}"),
                Target::Any,
                Outcome::Allowed,
                client_ip(),
            )
            .await;
            Ok(CheckupDay {
                year,
                day,
                classes,
                class_choices,
                chosen: !chosen_ids.is_empty(),
                edit_event,
                can_write: access(viewer.role, Capability::WriteHealth) == Access::All,
            })
        }
        .await,
    )
}

/// One child's result for `year`, with the children before and after on the roster.
#[server(prefix = "/api", endpoint = "checkup/entry", input = GetUrl)]
pub async fn get_entry(year: i32, child: i64) -> Result<Entry, AppError> {
    use crate::auth::audit::{self, Outcome};
    use crate::auth::permissions::{check, Capability};
    use crate::children::api::server::require_child;
    use crate::frame::{client_ip, respond};
    respond(
        async {
            let state = crate::state::AppState::from_context()?;
            let (viewer, record) = require_child(&state.pool, Capability::ReadHealth, child).await?;
            let target = record.target();
            let day = server::checkup_day(&state.pool, year).await?.unwrap_or(state.today());
            let age = crate::calendar::domain::birthdays::age_on(record.birth_date, day);
            type Saved = (i64, String, Option<f64>, Option<f64>, Option<f64>, Option<f64>, Option<i64>, String, Option<String>, Option<NaiveDate>, Option<String>, Option<String>);
            let saved: Option<Saved> = sqlx::query_as(
                "SELECT version, attendance, height_cm, weight_kg, vision_left, vision_right, caries, findings, follow_up, follow_up_due,
                        follow_up_closed_at, follow_up_note
                 FROM checkup_results WHERE year = ? AND child_id = ?",
            )
            .bind(year)
            .bind(child)
            .fetch_optional(&state.pool)
            .await?;
            let number = |v: Option<f64>| v.map(|v| v.to_string()).unwrap_or_default();
            let (version, input, bmi, closed) = match saved {
                None => (0, ResultInput { attendance: "examined".into(), ..ResultInput::default() }, None, None),
                Some((version, attendance, h, w, vl, vr, caries, findings, follow_up, due, closed_at, note)) => (
                    version,
                    ResultInput {
                        attendance,
                        height_cm: number(h),
                        weight_kg: number(w),
                        vision_left: number(vl),
                        vision_right: number(vr),
                        caries: caries.map(|c| c.to_string()).unwrap_or_default(),
                        findings,
                        follow_up: follow_up.unwrap_or_default(),
                        follow_up_due: due.map(|d| d.format("%Y-%m-%d").to_string()).unwrap_or_default(),
                    },
                    h.zip(w).map(|(h, w)| super::domain::bmi(h, w)),
                    closed_at.zip(note),
                ),
            };
            let order: Vec<i64> = server::roster(&state.pool, &viewer, year)
                .await?
                .into_iter()
                .flat_map(|c| c.children.into_iter().map(|ch| ch.id))
                .collect();
            let at = order.iter().position(|id| *id == child);
            let previous = at.and_then(|i| i.checked_sub(1)).and_then(|i| order.get(i).copied());
            let next = at.and_then(|i| order.get(i + 1).copied());
            let can_write = check(Some((viewer.role, &viewer.scope)), Capability::WriteHealth, target).is_ok();
            audit::record(&state.pool, Some(&viewer), &format!("read_health {child} {year}"), target, Outcome::Allowed, client_ip()).await;
            Ok(Entry {
                year,
                child_id: child,
                name: record.name.clone(),
                class: record.class(),
                age,
                version,
                input,
                bmi,
                previous,
                next,
                can_write,
                today: state.today(),
                closed,
            })
        }
        .await,
    )
}

/// Saves a child's result for `year` (`version` 0 for the first save; a stale save is a
/// conflict), checked against what is plausible for the child's age, then opens the next
/// child on the roster (`next`), or the roster.
#[server(prefix = "/api", endpoint = "checkup/save")]
pub async fn save_result(
    year: i32,
    child: i64,
    version: i64,
    next: Option<i64>,
    #[server(flatten)] input: ResultInput,
) -> Result<(), AppError> {
    use super::domain::ResultDraft;
    use crate::auth::audit::{self, Outcome};
    use crate::auth::permissions::Capability;
    use crate::children::api::server::require_child;
    use crate::frame::{client_ip, respond};
    respond(
        async {
            let state = crate::state::AppState::from_context()?;
            let (viewer, record) = require_child(&state.pool, Capability::WriteHealth, child).await?;
            let target = record.target();
            if !(2000..=2100).contains(&year) {
                return Err(crate::error::ValidationError::InvalidDate.into());
            }
            let day = server::checkup_day(&state.pool, year).await?.unwrap_or(state.today());
            let age = crate::calendar::domain::birthdays::age_on(record.birth_date, day);
            let draft = ResultDraft::parse(&input, age, state.today()).map_err(|(_, e)| AppError::Validation(e))?;
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
                    "UPDATE checkup_results SET {fields}, version = version + 1,
                         updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
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
                .bind(viewer.user_id())
                .bind(year)
                .bind(child)
                .bind(version)
                .execute(&state.pool)
                .await
                .map_err(|e| match e {
                    // Someone saved this child's result first.
                    sqlx::Error::Database(db) if db.is_unique_violation() => AppError::Conflict,
                    other => other.into(),
                })?;
            if done.rows_affected() == 0 {
                return Err(AppError::Conflict);
            }
            audit::record(&state.pool, Some(&viewer), &format!("write_health {child} {year}"), target, Outcome::Success, client_ip())
                .await;
            let to = match next {
                Some(next) => format!("/checkup/{year}/child/{next}?saved=1"),
                None => format!("/checkup/{year}?saved=1"),
            };
            leptos_axum::redirect(&to);
            Ok(())
        }
        .await,
    )
}

/// Puts the make-up day for the children absent on the checkup day on the calendar: a
/// staff event of category `checkup` ("体检补检（3 人）"); the names stay on the checkup page.
#[server(prefix = "/api", endpoint = "checkup/makeup")]
pub async fn schedule_makeup(
    year: i32,
    date: String,
    time: Option<String>,
) -> Result<(), AppError> {
    use crate::auth::audit::{self, Outcome};
    use crate::auth::permissions::{Capability, Target};
    use crate::auth::session::require;
    use crate::calendar::domain::local_time::{parse_date, parse_time};
    use crate::error::ValidationError;
    use crate::frame::{client_ip, respond};
    respond(
        async {
            let (viewer, _) = require(Capability::WriteHealth, Target::School).await?;
            let state = crate::state::AppState::from_context()?;
            let t = crate::page::use_strings();
            let day = parse_date(&date).ok_or(ValidationError::InvalidDate)?;
            if day < state.today() {
                return Err(ValidationError::InvalidDate.into());
            }
            let at = match time.as_deref().map(str::trim).filter(|t| !t.is_empty()) {
                Some(t) => parse_time(t).ok_or(ValidationError::InvalidTime)?,
                None => chrono::NaiveTime::from_hms_opt(9, 0, 0).expect("valid time"),
            };
            let absent: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM checkup_results WHERE year = ? AND attendance = 'absent'")
                .bind(year)
                .fetch_one(&state.pool)
                .await?;
            let start = day.and_time(at);
            let fmt = |t: chrono::NaiveDateTime| t.format("%Y-%m-%dT%H:%M:%S").to_string();
            let id: i64 = sqlx::query_scalar(
                "INSERT INTO events (title, description, category, starts_at, ends_at, location, audience, student_visible)
                 VALUES (?, ?, 'checkup', ?, ?, ?, 'staff', 0) RETURNING id",
            )
            // In the language of whoever schedules it, as if they had typed it.
            .bind((t.makeup_event_title)(absent))
            .bind((t.makeup_event_description)(year))
            .bind(fmt(start))
            .bind(fmt(start + chrono::Duration::hours(2)))
            .bind(t.makeup_event_location)
            .fetch_one(&state.pool)
            .await?;
            audit::record(&state.pool, Some(&viewer), &format!("schedule_makeup {year} -> event {id}"), Target::School, Outcome::Success, client_ip())
                .await;
            leptos_axum::redirect(&crate::school::urls::month_href(day));
            Ok(())
        }
        .await,
    )
}

/// Closes a child's follow-up for `year` with a note of what was done (required).
#[server(prefix = "/api", endpoint = "checkup/close")]
pub async fn close_follow_up(
    year: i32,
    child: i64,
    version: i64,
    note: String,
) -> Result<(), AppError> {
    use crate::auth::audit::{self, Outcome};
    use crate::auth::permissions::Capability;
    use crate::children::api::server::require_child;
    use crate::error::ValidationError;
    use crate::frame::{client_ip, respond};
    respond(
        async {
            let state = crate::state::AppState::from_context()?;
            let (viewer, record) = require_child(&state.pool, Capability::WriteHealth, child).await?;
            let target = record.target();
            let note = note.trim();
            if note.is_empty() || note.chars().count() > 200 {
                return Err(ValidationError::NoteRequired.into());
            }
            let done = sqlx::query(
                "UPDATE checkup_results SET follow_up_closed_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), follow_up_note = ?,
                        version = version + 1, updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
                 WHERE year = ? AND child_id = ? AND version = ? AND follow_up IS NOT NULL AND follow_up_closed_at IS NULL",
            )
            .bind(note)
            .bind(year)
            .bind(child)
            .bind(version)
            .execute(&state.pool)
            .await?;
            if done.rows_affected() == 0 {
                return Err(AppError::Conflict);
            }
            audit::record(&state.pool, Some(&viewer), &format!("close_follow_up {child} {year}"), target, Outcome::Success, client_ip())
                .await;
            leptos_axum::redirect(&format!("/checkup/{year}/child/{child}?saved=1"));
            Ok(())
        }
        .await,
    )
}

/// Sets `year`'s roster to the classes in `classes` (all of them: every class, including
/// classes added later). At least one class; a class that is not the school's is refused.
#[server(prefix = "/api", endpoint = "checkup/classes")]
pub async fn set_checkup_classes(
    year: i32,
    #[server(default)] classes: Vec<i64>,
) -> Result<(), AppError> {
    use crate::auth::audit::{self, Outcome};
    use crate::auth::permissions::{Capability, Target};
    use crate::auth::session::require;
    use crate::error::ValidationError;
    use crate::frame::{client_ip, respond_saved};
    respond_saved(
        async {
            let (viewer, _) = require(Capability::WriteHealth, Target::School).await?;
            if !(2000..=2100).contains(&year) {
                return Err(ValidationError::InvalidDate.into());
            }
            let state = crate::state::AppState::from_context()?;
            let school: Vec<i64> = crate::school::db::classes(&state.pool)
                .await?
                .into_iter()
                .map(|(id, _)| id)
                .collect();
            let mut chosen = classes;
            chosen.sort_unstable();
            chosen.dedup();
            if chosen.is_empty() {
                return Err(ValidationError::ClassesRequired.into());
            }
            if chosen.iter().any(|id| !school.contains(id)) {
                return Err(ValidationError::ClassInvalid.into());
            }
            let every = chosen.len() == school.len();
            let mut tx = state.pool.begin().await?;
            sqlx::query("DELETE FROM checkup_classes WHERE year = ?")
                .bind(year)
                .execute(&mut *tx)
                .await?;
            if !every {
                for id in &chosen {
                    sqlx::query("INSERT INTO checkup_classes (year, class_id) VALUES (?, ?)")
                        .bind(year)
                        .bind(id)
                        .execute(&mut *tx)
                        .await?;
                }
            }
            tx.commit().await?;
            let what = if every {
                "all".to_owned()
            } else {
                format!("{chosen:?}")
            };
            audit::record(
                &state.pool,
                Some(&viewer),
                &format!("set_checkup_classes {year} {what}"),
                Target::School,
                Outcome::Success,
                client_ip(),
            )
            .await;
            Ok(())
        }
        .await,
    )
}

/// Every open follow-up the caller may see (the admin and the leading group: all; a
/// counselor: their paired children's), by due date.
#[server(prefix = "/api", endpoint = "checkup/follow-ups", input = GetUrl)]
pub async fn list_follow_ups() -> Result<FollowUps, AppError> {
    use crate::auth::audit::{self, Outcome};
    use crate::auth::permissions::{Capability, Target};
    use crate::auth::session::require;
    use crate::frame::{client_ip, respond};
    respond(
        async {
            let (viewer, _) = require(Capability::ReadHealth, Target::Any).await?;
            let state = crate::state::AppState::from_context()?;
            let items = server::open_follow_ups(&state.pool, &viewer, None).await?;
            audit::record(
                &state.pool,
                Some(&viewer),
                &format!("read_health follow_ups ({} shown)", items.len()),
                Target::Any,
                Outcome::Allowed,
                client_ip(),
            )
            .await;
            Ok(FollowUps {
                today: state.today(),
                items,
            })
        }
        .await,
    )
}
