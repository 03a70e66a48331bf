//! Creating, editing and deleting events: `/api/calendar/{create,update,archive}`. Each
//! checks the caller may edit events for the audience (before and after a change), runs
//! the same parser as the form, and refuses a stale edit as a conflict.

use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

#[cfg(feature = "ssr")]
use crate::calendar::domain::recurrence::check_rule;
use crate::calendar::types::EventForEdit;
use crate::calendar::types::EventInput;
use crate::error::AppError;

#[cfg(feature = "ssr")]
mod server {
    use crate::auth::permissions::{Access, Capability, Target};
    use crate::error::{AppError, ValidationError};
    use crate::frame::Ctx;

    /// A staff birthday party lists left-behind children: only those who may see every
    /// child's left-behind status (admin, leading group) open it.
    pub async fn guard_left_behind_list(
        ctx: &Ctx,
        audience: &str,
        category: &str,
    ) -> Result<(), AppError> {
        if audience == "staff" && category == "birthday" {
            let access = ctx.require(Capability::ReadLeftBehind, Target::Any).await?;
            if access != Access::All {
                return Err(AppError::Forbidden);
            }
        }
        Ok(())
    }

    /// An occurrence's start as links and forms carry it: `2026-12-09T16:10:00`.
    pub fn parse_occurrence(raw: &str) -> Result<chrono::NaiveDateTime, AppError> {
        crate::school::types::parse_stamp(raw).ok_or_else(|| ValidationError::InvalidDate.into())
    }
}

/// Creates an event from the editor's fields, read by the parser the form runs too.
#[server(prefix = "/api", endpoint = "calendar/create")]
pub async fn create_event(#[server(flatten)] fields: EventInput) -> Result<(), AppError> {
    use super::domain::audience::target;
    use super::domain::event_form::EventDraft;
    use super::series_db::{insert_event, NewEvent};
    use crate::auth::permissions::{Capability, Target};
    use crate::frame::serve;
    serve(Capability::EditEvents, Target::Any, |ctx| async move {
        let draft = EventDraft::parse(&fields)?;
        ctx.require(Capability::EditEvents, target(draft.audience))
            .await?;
        let zone = ctx.state().time_zone;
        check_rule(draft.start, zone, draft.rrule.as_deref())?;
        let mut tx = ctx.begin().await?;
        let event = NewEvent {
            // Interest-group series skip statutory holidays by default.
            skip_holidays: draft.rrule.is_some()
                && draft.category == super::types::Category::Activity,
            ..NewEvent::new(&draft, zone)
        };
        let id = insert_event(&mut tx, &event).await?;
        tx.commit(format!("create_event {id}"), Target::Any).await?;
        leptos_axum::redirect(&crate::school::urls::month_href(draft.start.date()));
        Ok(())
    })
    .await
}

/// What the viewer may plan an event for: the school, and which classes (`3-2`) and groups.
#[server(prefix = "/api", endpoint = "calendar/audiences", input = GetUrl)]
pub async fn event_audiences() -> Result<super::types::AudienceChoices, AppError> {
    use crate::auth::permissions::{Capability, Target};
    use crate::frame::serve;
    serve(Capability::EditEvents, Target::Any, |ctx| async move {
        let (classes, groups) = super::db::filter_choices(ctx.pool()).await?;
        let who = (ctx.viewer.role, &ctx.viewer.scope);
        Ok(super::domain::audience::offered(who, classes, groups))
    })
    .await
}

/// The event as stored, for the editor. Only for those who may edit it.
#[server(prefix = "/api", endpoint = "calendar/event", input = GetUrl)]
pub async fn get_event(id: i64, occurrence: Option<String>) -> Result<EventForEdit, AppError> {
    use crate::auth::permissions::{Capability, Target};
    use crate::frame::serve;
    use server::{guard_left_behind_list, parse_occurrence};
    serve(Capability::EditEvents, Target::Any, |ctx| async move {
        let row = super::series_db::load(ctx.pool(), id).await?;
        ctx.require(Capability::EditEvents, row.target()).await?;
        guard_left_behind_list(&ctx, &row.audience, &row.category).await?;
        // An occurrence that is not one of this series is ignored: the editor shows the series.
        let occurrence = match occurrence.as_deref().map(parse_occurrence).transpose()? {
            Some(at) if row.rrule.is_some() && row.occurs_at(at)? => Some(at),
            _ => None,
        };
        Ok(row.into_form(occurrence))
    })
    .await
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
    use super::domain::audience::target;
    use super::domain::event_form::EventDraft;
    use super::domain::recurrence::rule_without_until;
    use super::domain::series::{shift_rule, Scope};
    use crate::auth::permissions::{Capability, Target};
    use crate::frame::serve;
    use server::{guard_left_behind_list, parse_occurrence};
    serve(Capability::EditEvents, Target::Any, |ctx| async move {
        let old = super::series_db::load(ctx.pool(), id).await?;
        ctx.require(Capability::EditEvents, old.target()).await?;
        guard_left_behind_list(&ctx, &old.audience, &old.category).await?;
        let scope = Scope::parse(scope.as_deref())?;
        let occurrence = occurrence
            .as_deref()
            .map(str::trim)
            .filter(|o| !o.is_empty())
            .map(parse_occurrence)
            .transpose()?;
        let mut draft = EventDraft::parse(&fields)?;
        ctx.require(Capability::EditEvents, target(draft.audience))
            .await?;
        // An occurrence moved to another day with its rule untouched: the rule moves along.
        if let (Some(at), Some(rule), Some(old_rule)) = (occurrence, &draft.rrule, &old.rrule) {
            if rule_without_until(rule) == rule_without_until(old_rule) {
                let days = (draft.start.date() - at.date()).num_days();
                draft.rrule = Some(shift_rule(rule, days));
            }
        }
        let mut tx = ctx.begin().await?;
        let changed =
            super::series_db::apply_change(&mut tx, &old, version, occurrence, scope, &draft)
                .await?;
        tx.commit(
            format!("{} {id} -> {}", changed.what, changed.event_id),
            Target::Any,
        )
        .await?;
        leptos_axum::redirect(&crate::school::urls::month_href(draft.start.date()));
        Ok(())
    })
    .await
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
    use crate::auth::permissions::{Capability, Target};
    use crate::error::ValidationError;
    use crate::frame::serve;
    use crate::school::types::date_in_range;
    use server::{guard_left_behind_list, parse_occurrence};
    serve(Capability::EditEvents, Target::Any, |ctx| async move {
        let old = super::series_db::load(ctx.pool(), id).await?;
        ctx.require(Capability::EditEvents, old.target()).await?;
        guard_left_behind_list(&ctx, &old.audience, &old.category).await?;
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
        if !date_in_range(to.date()) {
            return Err(ValidationError::InvalidDate.into());
        }
        let occurrence = old.rrule.as_ref().map(|_| at);
        if old.rrule.is_none() && at != old.starts_at {
            return Err(ValidationError::InvalidDate.into());
        }
        if let Some(rule) = &old.rrule {
            draft.rrule = Some(shift_rule(rule, (to.date() - at.date()).num_days()));
        }
        let mut tx = ctx.begin().await?;
        let changed =
            super::series_db::apply_change(&mut tx, &old, version, occurrence, scope, &draft)
                .await?;
        tx.commit(
            format!("move_event {} {id} -> {}", changed.what, changed.event_id),
            Target::Any,
        )
        .await?;
        let back = next.filter(|n| {
            crate::school::urls::local_path(n).is_some_and(|n| n.starts_with("/calendar"))
        });
        leptos_axum::redirect(&back.unwrap_or_else(|| crate::school::urls::month_href(to.date())));
        Ok(())
    })
    .await
}

/// Deletes an event by archiving it (it stays in the database, off the calendar).
#[server(prefix = "/api", endpoint = "calendar/archive")]
pub async fn archive_event(id: i64, version: i64) -> Result<(), AppError> {
    use crate::auth::permissions::{Capability, Target};
    use crate::frame::serve;
    use server::guard_left_behind_list;
    serve(Capability::EditEvents, Target::Any, |ctx| async move {
        let old = super::series_db::load(ctx.pool(), id).await?;
        ctx.require(Capability::EditEvents, old.target()).await?;
        guard_left_behind_list(&ctx, &old.audience, &old.category).await?;
        let mut tx = ctx.begin().await?;
        super::series_db::archive(&mut tx, id, version).await?;
        tx.commit(format!("archive_event {id}"), Target::Any)
            .await?;
        leptos_axum::redirect(&crate::school::urls::month_href(old.starts_at.date()));
        Ok(())
    })
    .await
}

/// "Celebrate this month's birthdays": one step makes the month's group birthday party
/// (集体生日会) for the left-behind children born that month, as the seed's school does,
/// listing them. It is a staff event: the list tells who is left behind.
#[server(prefix = "/api", endpoint = "calendar/celebrate")]
pub async fn celebrate_birthdays(date: String, time: Option<String>) -> Result<(), AppError> {
    use super::domain::birthdays::birthdays_of;
    use super::domain::event_form::EventDraft;
    use super::domain::month_grid::{first_of_month, next_month, parse_date_param};
    use super::series_db::{insert_event, NewEvent};
    use super::types::Audience;
    use super::types::Category;
    use crate::auth::permissions::{Capability, Target};
    use crate::error::ValidationError;
    use crate::frame::serve;
    use server::guard_left_behind_list;
    serve(Capability::EditEvents, Target::School, |ctx| async move {
        guard_left_behind_list(&ctx, "staff", "birthday").await?;
        let day = parse_date_param(&date)?;
        let start_time = match time.as_deref().map(str::trim).filter(|t| !t.is_empty()) {
            Some(t) => chrono::NaiveTime::parse_from_str(t, "%H:%M")
                .map_err(|_| ValidationError::InvalidTime)?,
            None => chrono::NaiveTime::from_hms_opt(15, 0, 0).expect("valid time"),
        };
        if day < ctx.today() {
            return Err(ValidationError::DateBeforeToday.into());
        }
        let (first, last) = (first_of_month(day), next_month(day) - chrono::Days::new(1));
        let children = super::db::left_behind_children(ctx.pool()).await?;
        let mut names: Vec<(chrono::NaiveDate, String)> = children
            .into_iter()
            .filter_map(|(name, birth, calendar)| {
                let days = birthdays_of(birth, calendar == "lunar", first, last);
                days.first().map(|(d, _)| (*d, name))
            })
            .collect();
        names.sort();
        let month = chrono::Datelike::month(&day);
        let listed: Vec<String> = names
            .iter()
            .map(|(d, n)| format!("{n}（{}日）", chrono::Datelike::day(d)))
            .collect();
        let start = day.and_time(start_time);
        let party = EventDraft {
            title: format!("{month}月集体生日会（{}位留守儿童）", names.len()),
            category: Category::Birthday,
            all_day: false,
            start,
            end: start + chrono::Duration::hours(1),
            location: Some("希望之家活动室".to_owned()),
            audience: Audience::Staff,
            student_visible: false,
            description: listed.join("、"),
            rrule: None,
        };
        let mut tx = ctx.begin().await?;
        // Sent twice (a slow network, a second tap): one party a month.
        if super::db::birthday_party_between(&mut tx, first, last)
            .await?
            .is_some()
        {
            return Err(ValidationError::PartyAlreadyPlanned.into());
        }
        let id = insert_event(&mut tx, &NewEvent::new(&party, ctx.state().time_zone)).await?;
        tx.commit(format!("celebrate_birthdays {id}"), Target::Any)
            .await?;
        leptos_axum::redirect(&crate::school::urls::month_href(day));
        Ok(())
    })
    .await
}

/// Deletes one occurrence of a series ("this occurrence"): it becomes an EXDATE and the
/// rest of the series stays as it is.
#[server(prefix = "/api", endpoint = "calendar/skip")]
pub async fn skip_occurrence(id: i64, version: i64, occurrence: String) -> Result<(), AppError> {
    use crate::auth::permissions::{Capability, Target};
    use crate::error::ValidationError;
    use crate::frame::serve;
    use server::guard_left_behind_list;
    serve(Capability::EditEvents, Target::Any, |ctx| async move {
        let old = super::series_db::load(ctx.pool(), id).await?;
        ctx.require(Capability::EditEvents, old.target()).await?;
        guard_left_behind_list(&ctx, &old.audience, &old.category).await?;
        let start = server::parse_occurrence(&occurrence)?;
        old.rrule.as_deref().ok_or(ValidationError::RuleInvalid)?;
        // Only a real occurrence of this series can be skipped.
        if !old.occurs_at(start)? {
            return Err(ValidationError::InvalidDate.into());
        }
        let mut tx = ctx.begin().await?;
        super::series_db::skip_occurrence(&mut tx, id, version, start, ctx.viewer.user_id())
            .await?;
        tx.commit(format!("skip_occurrence {id} {start}"), Target::Any)
            .await?;
        leptos_axum::redirect(&crate::school::urls::month_href(start.date()));
        Ok(())
    })
    .await
}
