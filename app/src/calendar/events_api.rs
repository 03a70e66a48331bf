//! Creating, editing and deleting events: `/api/calendar/{create,update,archive}`. Each
//! checks the caller may edit events for the audience (before and after a change), runs
//! the same parser as the form, and refuses a stale edit as a conflict.

use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;
use serde::{Deserialize, Serialize};

use super::domain::event_form::EventInput;
use crate::error::AppError;

/// An event as the editor shows it, with the version a save must name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventForEdit {
    pub id: i64,
    pub version: i64,
    pub input: EventInput,
}

#[cfg(feature = "ssr")]
mod server {
    use super::super::domain::event_form::{Audience, EventDraft};
    use crate::auth::permissions::Target;
    use crate::error::{AppError, ValidationError};

    pub const TIME_ZONE: &str = "Asia/Shanghai";

    pub fn target(audience: Audience) -> Target {
        match audience {
            Audience::Class(id) => Target::Class(id),
            Audience::Group(id) => Target::Group(id),
            Audience::School | Audience::Staff => Target::School,
        }
    }

    pub fn columns(audience: Audience) -> (&'static str, Option<i64>, Option<i64>) {
        match audience {
            Audience::School => ("school", None, None),
            Audience::Staff => ("staff", None, None),
            Audience::Class(id) => ("class", Some(id), None),
            Audience::Group(id) => ("group", None, Some(id)),
        }
    }

    /// The rule must expand, and not flood a year with more than 1,000 occurrences.
    pub fn check_rule(draft: &EventDraft) -> Result<(), AppError> {
        if let Some(rule) = &draft.rrule {
            if super::super::db::occurrences_in_first_year(draft.start, TIME_ZONE, rule)? > 1000 {
                return Err(ValidationError::TooManyOccurrences.into());
            }
        }
        Ok(())
    }

    /// A staff birthday party lists left-behind children: only those who may see every
    /// child's left-behind status (admin, leading group) open it.
    pub async fn guard_left_behind_list(audience: &str, category: &str) -> Result<(), AppError> {
        use crate::auth::permissions::{Access, Capability};
        if audience == "staff" && category == "birthday" {
            let (_, access) =
                crate::auth::server::require(Capability::ReadLeftBehind, Target::Any).await?;
            if access != Access::All {
                return Err(AppError::Forbidden);
            }
        }
        Ok(())
    }

    /// Binds an event's fields in the order both the INSERT and the UPDATE name them:
    /// title, description, category, all_day, starts_at, ends_at, location, audience,
    /// class_id, group_id, student_visible, rrule.
    pub fn bind_draft<'q>(
        query: sqlx::query::Query<'q, sqlx::Sqlite, sqlx::sqlite::SqliteArguments<'q>>,
        draft: &'q EventDraft,
    ) -> sqlx::query::Query<'q, sqlx::Sqlite, sqlx::sqlite::SqliteArguments<'q>> {
        let (audience, class_id, group_id) = columns(draft.audience);
        query
            .bind(&draft.title)
            .bind(&draft.description)
            .bind(draft.category.key())
            .bind(draft.all_day)
            .bind(fmt(draft.start))
            .bind(fmt(draft.end))
            .bind(&draft.location)
            .bind(audience)
            .bind(class_id)
            .bind(group_id)
            .bind(draft.student_visible)
            .bind(&draft.rrule)
    }

    pub fn fmt(t: chrono::NaiveDateTime) -> String {
        t.format("%Y-%m-%dT%H:%M:%S").to_string()
    }
}

#[cfg(feature = "ssr")]
#[allow(clippy::too_many_arguments)]
fn input(
    title: String,
    category: String,
    all_day: Option<String>,
    start_date: String,
    start_time: Option<String>,
    end_date: Option<String>,
    end_time: Option<String>,
    location: Option<String>,
    audience: String,
    student_visible: Option<String>,
    description: Option<String>,
    repeat: Option<String>,
    until: Option<String>,
) -> EventInput {
    EventInput {
        title,
        category,
        all_day,
        start_date,
        start_time,
        end_date,
        end_time,
        location,
        audience,
        student_visible,
        description,
        repeat,
        until,
    }
}

#[allow(clippy::too_many_arguments)]
#[server(prefix = "/api", endpoint = "calendar/create")]
pub async fn create_event(
    title: String,
    category: String,
    all_day: Option<String>,
    start_date: String,
    start_time: Option<String>,
    end_date: Option<String>,
    end_time: Option<String>,
    location: Option<String>,
    audience: String,
    student_visible: Option<String>,
    description: Option<String>,
    repeat: Option<String>,
    until: Option<String>,
) -> Result<(), AppError> {
    use super::domain::event_form::EventDraft;
    use crate::auth::audit::{self, Outcome};
    use crate::auth::permissions::{Capability, Target};
    use crate::auth::server::{client_ip, require, respond};
    respond(
        async {
            require(Capability::EditEvents, Target::Any).await?;
            let fields = input(
                title, category, all_day, start_date, start_time, end_date, end_time, location, audience, student_visible,
                description, repeat, until,
            );
            let draft = EventDraft::parse(&fields)?;
            let (viewer, _) = require(Capability::EditEvents, server::target(draft.audience)).await?;
            server::check_rule(&draft)?;
            let state = crate::state::AppState::from_context()?;
            let insert = sqlx::query(
                "INSERT INTO events (title, description, category, all_day, starts_at, ends_at, location, audience,
                                     class_id, group_id, student_visible, rrule, time_zone, skip_holidays)
                 VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
            );
            let row = server::bind_draft(insert, &draft)
                .bind(server::TIME_ZONE)
                // Interest-group series skip statutory holidays by default.
                .bind(draft.rrule.is_some() && draft.category == super::types::Category::Activity)
                .fetch_one(&state.pool)
                .await?;
            let id: i64 = sqlx::Row::try_get(&row, 0)?;
            audit::record(&state.pool, Some(&viewer), &format!("create_event {id}"), Target::Any, Outcome::Success, client_ip())
                .await;
            leptos_axum::redirect(&super::ui::month_href(draft.start.date()));
            Ok(())
        }
        .await,
    )
}

/// The classes (`3-2`) and interest groups an event can be for.
#[server(prefix = "/api", endpoint = "calendar/audiences", input = GetUrl)]
pub async fn event_audiences() -> Result<(Vec<(i64, String)>, Vec<(i64, String)>), AppError> {
    use crate::auth::permissions::{Capability, Target};
    use crate::auth::server::{require, respond};
    respond(
        async {
            require(Capability::EditEvents, Target::Any).await?;
            let state = crate::state::AppState::from_context()?;
            super::db::filter_choices(&state.pool).await
        }
        .await,
    )
}

/// The event as stored, for the editor. Only for those who may edit it.
#[server(prefix = "/api", endpoint = "calendar/event", input = GetUrl)]
pub async fn get_event(id: i64) -> Result<EventForEdit, AppError> {
    use crate::auth::permissions::{Capability, Target};
    use crate::auth::server::{require, respond};
    respond(
        async {
            require(Capability::EditEvents, Target::Any).await?;
            let state = crate::state::AppState::from_context()?;
            let row = load(&state.pool, id).await?;
            require(
                Capability::EditEvents,
                super::db::audience_target(&row.audience, row.class_id, row.group_id),
            )
            .await?;
            server::guard_left_behind_list(&row.audience, &row.category).await?;
            Ok(row.into_form())
        }
        .await,
    )
}

#[cfg(feature = "ssr")]
#[derive(sqlx::FromRow)]
struct EventRecord {
    id: i64,
    version: i64,
    title: String,
    description: String,
    category: String,
    all_day: bool,
    starts_at: chrono::NaiveDateTime,
    ends_at: chrono::NaiveDateTime,
    location: Option<String>,
    audience: String,
    class_id: Option<i64>,
    group_id: Option<i64>,
    student_visible: bool,
    rrule: Option<String>,
}

#[cfg(feature = "ssr")]
impl EventRecord {
    fn into_form(self) -> EventForEdit {
        let last_day = if self.all_day {
            self.ends_at - chrono::Duration::days(1)
        } else {
            self.ends_at
        };
        let audience = match (self.audience.as_str(), self.class_id, self.group_id) {
            ("class", Some(id), _) => format!("class:{id}"),
            ("group", _, Some(id)) => format!("group:{id}"),
            (other, _, _) => other.to_owned(),
        };
        let (repeat, until) = match &self.rrule {
            None => ("none".to_owned(), None),
            Some(rule) => {
                let until = rule
                    .split(';')
                    .find_map(|p| p.strip_prefix("UNTIL="))
                    .and_then(|u| {
                        chrono::NaiveDate::parse_from_str(&u[..8.min(u.len())], "%Y%m%d")
                            .ok()
                            .map(|d| d.format("%Y-%m-%d").to_string())
                    });
                let without_until: Vec<&str> = rule
                    .split(';')
                    .filter(|p| !p.starts_with("UNTIL="))
                    .collect();
                (without_until.join(";"), until)
            }
        };
        EventForEdit {
            id: self.id,
            version: self.version,
            input: EventInput {
                title: self.title,
                category: self.category,
                all_day: self.all_day.then(|| "on".to_owned()),
                start_date: self.starts_at.format("%Y-%m-%d").to_string(),
                start_time: (!self.all_day).then(|| self.starts_at.format("%H:%M").to_string()),
                end_date: Some(last_day.format("%Y-%m-%d").to_string()),
                end_time: (!self.all_day).then(|| self.ends_at.format("%H:%M").to_string()),
                location: self.location,
                audience,
                student_visible: self.student_visible.then(|| "on".to_owned()),
                description: Some(self.description),
                repeat: Some(repeat),
                until,
            },
        }
    }
}

#[cfg(feature = "ssr")]
async fn load(pool: &sqlx::SqlitePool, id: i64) -> Result<EventRecord, AppError> {
    Ok(sqlx::query_as(
        "SELECT id, version, title, description, category, all_day, starts_at, ends_at, location, audience, class_id,
                group_id, student_visible, rrule
         FROM events WHERE id = ? AND archived_at IS NULL",
    )
    .bind(id)
    .fetch_optional(pool)
    .await?
    .ok_or(AppError::NotFound)?)
}

/// Saves an edit of the whole event (all occurrences of a series). `version` is the one the
/// editor showed: if someone saved since, nothing is written and the answer is a conflict.
#[allow(clippy::too_many_arguments)]
#[server(prefix = "/api", endpoint = "calendar/update")]
pub async fn update_event(
    id: i64,
    version: i64,
    title: String,
    category: String,
    all_day: Option<String>,
    start_date: String,
    start_time: Option<String>,
    end_date: Option<String>,
    end_time: Option<String>,
    location: Option<String>,
    audience: String,
    student_visible: Option<String>,
    description: Option<String>,
    repeat: Option<String>,
    until: Option<String>,
) -> Result<(), AppError> {
    use super::domain::event_form::EventDraft;
    use crate::auth::audit::{self, Outcome};
    use crate::auth::permissions::{Capability, Target};
    use crate::auth::server::{client_ip, require, respond};
    respond(
        async {
            require(Capability::EditEvents, Target::Any).await?;
            let state = crate::state::AppState::from_context()?;
            let old = load(&state.pool, id).await?;
            require(Capability::EditEvents, super::db::audience_target(&old.audience, old.class_id, old.group_id)).await?;
            server::guard_left_behind_list(&old.audience, &old.category).await?;
            let fields = input(
                title, category, all_day, start_date, start_time, end_date, end_time, location, audience, student_visible,
                description, repeat, until,
            );
            let draft = EventDraft::parse(&fields)?;
            let (viewer, _) = require(Capability::EditEvents, server::target(draft.audience)).await?;
            server::check_rule(&draft)?;
            let update = sqlx::query(
                "UPDATE events SET title = ?, description = ?, category = ?, all_day = ?, starts_at = ?, ends_at = ?,
                        location = ?, audience = ?, class_id = ?, group_id = ?, student_visible = ?, rrule = ?,
                        version = version + 1, updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
                 WHERE id = ? AND version = ? AND archived_at IS NULL",
            );
            let done = server::bind_draft(update, &draft).bind(id).bind(version).execute(&state.pool).await?;
            if done.rows_affected() == 0 {
                return Err(AppError::Conflict);
            }
            audit::record(&state.pool, Some(&viewer), &format!("update_event {id}"), Target::Any, Outcome::Success, client_ip())
                .await;
            leptos_axum::redirect(&super::ui::month_href(draft.start.date()));
            Ok(())
        }
        .await,
    )
}

/// Deletes an event by archiving it (it stays in the database, off the calendar).
#[server(prefix = "/api", endpoint = "calendar/archive")]
pub async fn archive_event(id: i64, version: i64) -> Result<(), AppError> {
    use crate::auth::audit::{self, Outcome};
    use crate::auth::permissions::{Capability, Target};
    use crate::auth::server::{client_ip, require, respond};
    respond(
        async {
            require(Capability::EditEvents, Target::Any).await?;
            let state = crate::state::AppState::from_context()?;
            let old = load(&state.pool, id).await?;
            let (viewer, _) =
                require(Capability::EditEvents, super::db::audience_target(&old.audience, old.class_id, old.group_id)).await?;
            server::guard_left_behind_list(&old.audience, &old.category).await?;
            let done = sqlx::query(
                "UPDATE events SET archived_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), version = version + 1
                 WHERE id = ? AND version = ? AND archived_at IS NULL",
            )
            .bind(id)
            .bind(version)
            .execute(&state.pool)
            .await?;
            if done.rows_affected() == 0 {
                return Err(AppError::Conflict);
            }
            audit::record(&state.pool, Some(&viewer), &format!("archive_event {id}"), Target::Any, Outcome::Success, client_ip())
                .await;
            leptos_axum::redirect(&super::ui::month_href(old.starts_at.date()));
            Ok(())
        }
        .await,
    )
}

/// "Celebrate this month's birthdays": one step makes the month's group birthday party
/// (集体生日会) for the left-behind children born that month, as the seed's school does,
/// listing them. It is a staff event: the list tells who is left behind.
#[server(prefix = "/api", endpoint = "calendar/celebrate")]
pub async fn celebrate_birthdays(date: String, time: Option<String>) -> Result<(), AppError> {
    use super::domain::month_grid::{first_of_month, next_month, parse_date_param};
    use crate::auth::audit::{self, Outcome};
    use crate::auth::permissions::{Capability, Target};
    use crate::auth::server::{client_ip, require, respond};
    use crate::error::ValidationError;
    respond(
        async {
            let (viewer, _) = require(Capability::EditEvents, Target::School).await?;
            server::guard_left_behind_list("staff", "birthday").await?;
            let day = parse_date_param(&date)?;
            let start_time = match time.as_deref().map(str::trim).filter(|t| !t.is_empty()) {
                Some(t) => chrono::NaiveTime::parse_from_str(t, "%H:%M").map_err(|_| ValidationError::InvalidTime)?,
                None => chrono::NaiveTime::from_hms_opt(15, 0, 0).expect("valid time"),
            };
            let (first, last) = (first_of_month(day), next_month(day) - chrono::Days::new(1));
            let state = crate::state::AppState::from_context()?;
            let children: Vec<(String, chrono::NaiveDate, String)> = sqlx::query_as(
                "SELECT name, birth_date, birthday_calendar FROM children
                 WHERE enrolment = 'active' AND left_behind <> 'none' ORDER BY name",
            )
            .fetch_all(&state.pool)
            .await?;
            let mut names: Vec<(chrono::NaiveDate, String)> = children
                .into_iter()
                .filter_map(|(name, birth, calendar)| {
                    let days = super::db::birthdays_of(birth, calendar == "lunar", first, last);
                    days.first().map(|(d, _)| (*d, name))
                })
                .collect();
            names.sort();
            let month = chrono::Datelike::month(&day);
            let listed: Vec<String> = names.iter().map(|(d, n)| format!("{n}（{}日）", chrono::Datelike::day(d))).collect();
            let start = day.and_time(start_time);
            let id: i64 = sqlx::query_scalar(
                "INSERT INTO events (title, description, category, starts_at, ends_at, location, audience, student_visible)
                 VALUES (?, ?, 'birthday', ?, ?, '希望之家活动室', 'staff', 0) RETURNING id",
            )
            .bind(format!("{month}月集体生日会（{}位留守儿童）", names.len()))
            .bind(listed.join("、"))
            .bind(server::fmt(start))
            .bind(server::fmt(start + chrono::Duration::hours(1)))
            .fetch_one(&state.pool)
            .await?;
            audit::record(&state.pool, Some(&viewer), &format!("celebrate_birthdays {id}"), Target::Any, Outcome::Success, client_ip())
                .await;
            leptos_axum::redirect(&super::ui::month_href(day));
            Ok(())
        }
        .await,
    )
}

/// Deletes one occurrence of a series ("this occurrence"): it becomes an EXDATE and the
/// rest of the series stays as it is.
#[server(prefix = "/api", endpoint = "calendar/skip")]
pub async fn skip_occurrence(id: i64, version: i64, occurrence: String) -> Result<(), AppError> {
    use crate::auth::audit::{self, Outcome};
    use crate::auth::permissions::{Capability, Target};
    use crate::auth::server::{client_ip, require, respond};
    use crate::error::ValidationError;
    respond(
        async {
            require(Capability::EditEvents, Target::Any).await?;
            let state = crate::state::AppState::from_context()?;
            let old = load(&state.pool, id).await?;
            let (viewer, _) =
                require(Capability::EditEvents, super::db::audience_target(&old.audience, old.class_id, old.group_id)).await?;
            server::guard_left_behind_list(&old.audience, &old.category).await?;
            if old.version != version {
                return Err(AppError::Conflict);
            }
            let start = chrono::NaiveDateTime::parse_from_str(occurrence.trim(), "%Y-%m-%dT%H:%M:%S")
                .map_err(|_| ValidationError::InvalidDate)?;
            let rule = old.rrule.as_deref().ok_or(ValidationError::RuleInvalid)?;
            // Only a real occurrence of this series can be skipped.
            let found = super::db::series_starts(id, old.starts_at, server::TIME_ZONE, rule, start, start)?;
            if found != [start] {
                return Err(ValidationError::InvalidDate.into());
            }
            let mut tx = state.pool.begin().await?;
            sqlx::query("INSERT OR IGNORE INTO event_exdates (event_id, occurrence_start, created_by) VALUES (?, ?, ?)")
                .bind(id)
                .bind(server::fmt(start))
                .bind(viewer.user_id())
                .execute(&mut *tx)
                .await?;
            // The series changed: an editor still holding the old version must reload.
            sqlx::query("UPDATE events SET version = version + 1 WHERE id = ?").bind(id).execute(&mut *tx).await?;
            tx.commit().await?;
            audit::record(&state.pool, Some(&viewer), &format!("skip_occurrence {id} {start}"), Target::Any, Outcome::Success, client_ip())
                .await;
            leptos_axum::redirect(&super::ui::month_href(start.date()));
            Ok(())
        }
        .await,
    )
}
