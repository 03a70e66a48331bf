//! Creating, editing and deleting events: `/api/calendar/{create,update,archive}`. Each
//! checks the caller may edit events for the audience (before and after a change), runs
//! the same parser as the form, and refuses a stale edit as a conflict.

use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

use super::domain::event_form::EventInput;
use crate::error::AppError;

pub use super::types::EventForEdit;

#[cfg(feature = "ssr")]
mod server {
    use super::super::domain::event_form::Audience;
    use crate::auth::permissions::Target;
    use crate::error::AppError;

    pub fn target(audience: Audience) -> Target {
        match audience {
            Audience::Class(id) => Target::Class(id),
            Audience::Group(id) => Target::Group(id),
            Audience::School | Audience::Staff => Target::School,
        }
    }

    /// A staff birthday party lists left-behind children: only those who may see every
    /// child's left-behind status (admin, leading group) open it.
    pub async fn guard_left_behind_list(audience: &str, category: &str) -> Result<(), AppError> {
        use crate::auth::permissions::{Access, Capability};
        if audience == "staff" && category == "birthday" {
            let (_, access) =
                crate::auth::session::require(Capability::ReadLeftBehind, Target::Any).await?;
            if access != Access::All {
                return Err(AppError::Forbidden);
            }
        }
        Ok(())
    }
}

/// Creates an event from the editor's fields, read by the parser the form runs too.
#[server(prefix = "/api", endpoint = "calendar/create")]
pub async fn create_event(#[server(flatten)] fields: EventInput) -> Result<(), AppError> {
    use super::domain::event_form::EventDraft;
    use crate::auth::audit::{self, Outcome};
    use crate::auth::permissions::{Capability, Target};
    use crate::auth::session::require;
    use crate::frame::{client_ip, respond};
    respond(
        async {
            require(Capability::EditEvents, Target::Any).await?;
            let draft = EventDraft::parse(&fields)?;
            let (viewer, _) =
                require(Capability::EditEvents, server::target(draft.audience)).await?;
            super::series_db::check_rule(draft.start, draft.rrule.as_deref())?;
            let state = crate::state::AppState::from_context()?;
            let mut conn = state.pool.acquire().await?;
            // Interest-group series skip statutory holidays by default.
            let skip_holidays =
                draft.rrule.is_some() && draft.category == super::types::Category::Activity;
            let id = super::series_db::insert(&mut conn, &draft, skip_holidays, None).await?;
            audit::record(
                &state.pool,
                Some(&viewer),
                &format!("create_event {id}"),
                Target::Any,
                Outcome::Success,
                client_ip(),
            )
            .await;
            leptos_axum::redirect(&crate::school::urls::month_href(draft.start.date()));
            Ok(())
        }
        .await,
    )
}

/// The classes (`3-2`) and interest groups an event can be for.
#[server(prefix = "/api", endpoint = "calendar/audiences", input = GetUrl)]
pub async fn event_audiences() -> Result<(Vec<(i64, String)>, Vec<(i64, String)>), AppError> {
    use crate::auth::permissions::{Capability, Target};
    use crate::auth::session::require;
    use crate::frame::respond;
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
pub async fn get_event(id: i64, occurrence: Option<String>) -> Result<EventForEdit, AppError> {
    use crate::auth::permissions::{Capability, Target};
    use crate::auth::session::require;
    use crate::frame::respond;
    respond(
        async {
            require(Capability::EditEvents, Target::Any).await?;
            let state = crate::state::AppState::from_context()?;
            let row = super::series_db::load(&state.pool, id).await?;
            require(Capability::EditEvents, row.target()).await?;
            server::guard_left_behind_list(&row.audience, &row.category).await?;
            // An occurrence that is not one of this series is ignored: the editor shows the series.
            let occurrence = match occurrence.as_deref().map(parse_occurrence).transpose()? {
                Some(at) if row.rrule.is_some() && row.occurs_at(at)? => Some(at),
                _ => None,
            };
            Ok(row.into_form(occurrence))
        }
        .await,
    )
}

/// Saves an edit. `version` is the one the editor showed: if someone saved since, nothing
/// is written and the answer is a conflict. For one `occurrence` of a series the fields hold
/// that occurrence's times and `scope` says which occurrences change: `this` (an override),
/// `following` (the series is split there) or `all` (the series moves by as much).
#[server(prefix = "/api", endpoint = "calendar/update")]
pub async fn update_event(
    id: i64,
    version: i64,
    occurrence: Option<String>,
    scope: Option<String>,
    #[server(flatten)] fields: EventInput,
) -> Result<(), AppError> {
    use super::domain::event_form::EventDraft;
    use super::domain::series::{shift_rule, Scope};
    use super::series_db::rule_without_until;
    use crate::auth::audit::{self, Outcome};
    use crate::auth::permissions::{Capability, Target};
    use crate::auth::session::require;
    use crate::frame::{client_ip, respond};
    respond(
        async {
            require(Capability::EditEvents, Target::Any).await?;
            let state = crate::state::AppState::from_context()?;
            let old = super::series_db::load(&state.pool, id).await?;
            require(Capability::EditEvents, old.target()).await?;
            server::guard_left_behind_list(&old.audience, &old.category).await?;
            let scope = Scope::parse(scope.as_deref())?;
            let occurrence = occurrence
                .as_deref()
                .map(str::trim)
                .filter(|o| !o.is_empty())
                .map(parse_occurrence)
                .transpose()?;
            let mut draft = EventDraft::parse(&fields)?;
            let (viewer, _) =
                require(Capability::EditEvents, server::target(draft.audience)).await?;
            // An occurrence moved to another day with its rule untouched: the rule moves along.
            if let (Some(at), Some(rule), Some(old_rule)) = (occurrence, &draft.rrule, &old.rrule) {
                if rule_without_until(rule) == rule_without_until(old_rule) {
                    let days = (draft.start.date() - at.date()).num_days();
                    draft.rrule = Some(shift_rule(rule, days));
                }
            }
            let changed = super::series_db::apply_change(
                &state.pool,
                &old,
                version,
                occurrence,
                scope,
                &draft,
            )
            .await?;
            audit::record(
                &state.pool,
                Some(&viewer),
                &format!("{} {id} -> {}", changed.what, changed.event_id),
                Target::Any,
                Outcome::Success,
                client_ip(),
            )
            .await;
            leptos_axum::redirect(&crate::school::urls::month_href(draft.start.date()));
            Ok(())
        }
        .await,
    )
}

/// An occurrence's start as links and forms carry it: `2026-12-09T16:10:00`.
#[cfg(feature = "ssr")]
fn parse_occurrence(raw: &str) -> Result<chrono::NaiveDateTime, AppError> {
    let raw = raw.trim();
    chrono::NaiveDateTime::parse_from_str(raw, "%Y-%m-%dT%H:%M:%S")
        .or_else(|_| chrono::NaiveDateTime::parse_from_str(raw, "%Y-%m-%dT%H:%M"))
        .map_err(|_| crate::error::ValidationError::InvalidDate.into())
}

/// Moves (or resizes) an event by dragging: the occurrence that started at `occurrence`
/// now starts at `start` (and ends at `end`, or keeps its length). For a series, `scope`
/// says which occurrences move. Afterwards the calendar shows `next`.
#[allow(clippy::too_many_arguments)]
#[server(prefix = "/api", endpoint = "calendar/move")]
pub async fn move_event(
    id: i64,
    version: i64,
    occurrence: String,
    start: String,
    end: Option<String>,
    scope: Option<String>,
    next: Option<String>,
) -> Result<(), AppError> {
    use super::domain::series::{shift_rule, Scope};
    use crate::auth::audit::{self, Outcome};
    use crate::auth::permissions::{Capability, Target};
    use crate::auth::session::require;
    use crate::error::ValidationError;
    use crate::frame::{client_ip, respond};
    respond(
        async {
            require(Capability::EditEvents, Target::Any).await?;
            let state = crate::state::AppState::from_context()?;
            let old = super::series_db::load(&state.pool, id).await?;
            let (viewer, _) = require(Capability::EditEvents, old.target()).await?;
            server::guard_left_behind_list(&old.audience, &old.category).await?;
            let scope = Scope::parse(scope.as_deref())?;
            let at = parse_occurrence(&occurrence)?;
            let to = parse_occurrence(&start)?;
            let until = end
                .as_deref()
                .map(str::trim)
                .filter(|e| !e.is_empty())
                .map(parse_occurrence)
                .transpose()?;
            if let Some(until) = until {
                if until <= to {
                    return Err(ValidationError::EndBeforeStart.into());
                }
            }
            let mut draft = old.moved(to, until);
            if !(1990..=2100).contains(&chrono::Datelike::year(&to)) {
                return Err(ValidationError::InvalidDate.into());
            }
            let occurrence = old.rrule.as_ref().map(|_| at);
            if old.rrule.is_none() && at != old.starts_at {
                return Err(ValidationError::InvalidDate.into());
            }
            if let Some(rule) = &old.rrule {
                draft.rrule = Some(shift_rule(rule, (to.date() - at.date()).num_days()));
            }
            let changed = super::series_db::apply_change(
                &state.pool,
                &old,
                version,
                occurrence,
                scope,
                &draft,
            )
            .await?;
            audit::record(
                &state.pool,
                Some(&viewer),
                &format!("move_event {} {id} -> {}", changed.what, changed.event_id),
                Target::Any,
                Outcome::Success,
                client_ip(),
            )
            .await;
            let back = next.filter(|n| n.starts_with("/calendar") && !n.starts_with("//"));
            leptos_axum::redirect(
                &back.unwrap_or_else(|| crate::school::urls::month_href(to.date())),
            );
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
    use crate::auth::session::require;
    use crate::frame::{client_ip, respond};
    respond(
        async {
            require(Capability::EditEvents, Target::Any).await?;
            let state = crate::state::AppState::from_context()?;
            let old = super::series_db::load(&state.pool, id).await?;
            let (viewer, _) = require(Capability::EditEvents, old.target()).await?;
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
            leptos_axum::redirect(&crate::school::urls::month_href(old.starts_at.date()));
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
    use crate::auth::session::require;
    use crate::error::ValidationError;
    use crate::frame::{client_ip, respond};
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
            .bind(super::series_db::fmt(start))
            .bind(super::series_db::fmt(start + chrono::Duration::hours(1)))
            .fetch_one(&state.pool)
            .await?;
            audit::record(&state.pool, Some(&viewer), &format!("celebrate_birthdays {id}"), Target::Any, Outcome::Success, client_ip())
                .await;
            leptos_axum::redirect(&crate::school::urls::month_href(day));
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
    use crate::auth::session::require;
    use crate::error::ValidationError;
    use crate::frame::{client_ip, respond};
    respond(
        async {
            require(Capability::EditEvents, Target::Any).await?;
            let state = crate::state::AppState::from_context()?;
            let old = super::series_db::load(&state.pool, id).await?;
            let (viewer, _) = require(Capability::EditEvents, old.target()).await?;
            server::guard_left_behind_list(&old.audience, &old.category).await?;
            if old.version != version {
                return Err(AppError::Conflict);
            }
            let start = chrono::NaiveDateTime::parse_from_str(occurrence.trim(), "%Y-%m-%dT%H:%M:%S")
                .map_err(|_| ValidationError::InvalidDate)?;
            old.rrule.as_deref().ok_or(ValidationError::RuleInvalid)?;
            // Only a real occurrence of this series can be skipped.
            if !old.occurs_at(start)? {
                return Err(ValidationError::InvalidDate.into());
            }
            let mut tx = state.pool.begin().await?;
            sqlx::query("INSERT OR IGNORE INTO event_exdates (event_id, occurrence_start, created_by) VALUES (?, ?, ?)")
                .bind(id)
                .bind(super::series_db::fmt(start))
                .bind(viewer.user_id())
                .execute(&mut *tx)
                .await?;
            // The series changed: an editor still holding the old version must reload.
            sqlx::query("UPDATE events SET version = version + 1 WHERE id = ?").bind(id).execute(&mut *tx).await?;
            tx.commit().await?;
            audit::record(&state.pool, Some(&viewer), &format!("skip_occurrence {id} {start}"), Target::Any, Outcome::Success, client_ip())
                .await;
            leptos_axum::redirect(&crate::school::urls::month_href(start.date()));
            Ok(())
        }
        .await,
    )
}
