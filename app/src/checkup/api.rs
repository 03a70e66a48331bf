//! The checkup day over HTTP. Health data: `ReadHealth` first (admin and leading group all,
//! a counselor the paired children), `WriteHealth` to save (the admin); every read and
//! write goes to the audit log.

use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

use super::types::{CheckupDay, Entry, FollowUps, ResultInput};
use crate::error::AppError;

/// The checkup day of `year`: its date, the roster by class with each child's status.
#[server(prefix = "/api", endpoint = "checkup/day", input = GetUrl)]
pub async fn get_checkup_day(year: i32) -> Result<CheckupDay, AppError> {
    use super::{db, domain};
    use crate::auth::permissions::{Capability, Target};
    use crate::frame::serve;
    use crate::school::urls::event_occurrence_href;
    serve(Capability::ReadHealth, Target::Any, |ctx| async move {
        let year = domain::check_year(year)?;
        let event = db::checkup_event(ctx.pool(), year).await?;
        let edit_event = event
            .filter(|_| ctx.may(Capability::EditEvents, Target::School))
            .map(|(id, start)| event_occurrence_href(id, start));
        let classes = db::roster(ctx.pool(), &ctx.viewer, year).await?;
        let chosen_ids = db::roster_classes(ctx.pool(), year).await?;
        let class_choices = crate::school::db::classes(ctx.pool())
            .await?
            .into_iter()
            .map(|(id, label)| (id, label, chosen_ids.is_empty() || chosen_ids.contains(&id)))
            .collect();
        ctx.read(format!("read_health checkup_day {year}"), Target::Any)
            .await?;
        Ok(CheckupDay {
            year,
            day: event.map(|(_, start)| start.date()),
            classes,
            class_choices,
            chosen: !chosen_ids.is_empty(),
            edit_event,
            can_write: ctx.may(Capability::WriteHealth, Target::School),
            today: ctx.today(),
        })
    })
    .await
}

/// One child's result for `year`, with the children before and after on the roster.
#[server(prefix = "/api", endpoint = "checkup/entry", input = GetUrl)]
pub async fn get_entry(year: i32, child: i64) -> Result<Entry, AppError> {
    use super::{db, domain};
    use crate::auth::permissions::{Capability, Target};
    use crate::children::access::require_child;
    use crate::frame::serve;
    use crate::school::types::local_time;
    serve(Capability::ReadHealth, Target::Any, |ctx| async move {
        let record = require_child(&ctx, Capability::ReadHealth, child).await?;
        let target = record.target();
        let day = db::checkup_day(ctx.pool(), year)
            .await?
            .unwrap_or(ctx.today());
        let age = crate::calendar::domain::birthdays::age_on(record.birth_date, day);
        let saved = db::result(ctx.pool(), year, child).await?;
        let (version, input, bmi, closed) = match saved {
            None => (0, domain::blank_input(), None, None),
            Some(saved) => (
                saved.version,
                saved.input(),
                saved.bmi(),
                saved
                    .closed
                    .map(|(when, note)| (local_time(&when, ctx.state().time_zone), note)),
            ),
        };
        let order: Vec<i64> = db::roster(ctx.pool(), &ctx.viewer, year)
            .await?
            .into_iter()
            .flat_map(|c| c.children.into_iter().map(|ch| ch.id))
            .collect();
        let at = order.iter().position(|id| *id == child);
        let previous = at
            .and_then(|i| i.checked_sub(1))
            .and_then(|i| order.get(i).copied());
        let next = at.and_then(|i| order.get(i + 1).copied());
        ctx.read(format!("read_health {child} {year}"), target)
            .await?;
        Ok(Entry {
            year,
            child_id: child,
            name: record.name.clone(),
            class: record.class,
            age,
            version,
            input,
            bmi,
            previous,
            next,
            can_write: ctx.may(Capability::WriteHealth, target),
            today: ctx.today(),
            closed,
        })
    })
    .await
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
    use super::db;
    use super::domain::{check_year, ResultDraft};
    use crate::auth::permissions::{Capability, Target};
    use crate::children::access::require_child;
    use crate::frame::serve;
    use crate::school::urls::{checkup_child_href, checkup_href};
    serve(Capability::WriteHealth, Target::Any, |ctx| async move {
        let record = require_child(&ctx, Capability::WriteHealth, child).await?;
        let year = check_year(year)?;
        let day = db::checkup_day(ctx.pool(), year)
            .await?
            .unwrap_or(ctx.today());
        let age = crate::calendar::domain::birthdays::age_on(record.birth_date, day);
        let draft = ResultDraft::parse(&input, age, ctx.today())
            .map_err(|(_, e)| AppError::Validation(e))?;
        let mut tx = ctx.begin().await?;
        db::save_result(&mut tx, year, child, version, &draft, ctx.viewer.user_id()).await?;
        tx.commit(format!("write_health {child} {year}"), record.target())
            .await?;
        let to = match next {
            Some(next) => checkup_child_href(year, next),
            None => checkup_href(year),
        };
        leptos_axum::redirect(&format!("{to}?saved=1"));
        Ok(())
    })
    .await
}

/// Puts the make-up day for the children absent on the checkup day on the calendar: a
/// staff event of category `checkup` ("体检补检（3 人）"); the names stay on the checkup page.
#[server(prefix = "/api", endpoint = "checkup/makeup")]
pub async fn schedule_makeup(
    year: i32,
    date: String,
    time: Option<String>,
) -> Result<(), AppError> {
    use super::db;
    use crate::auth::permissions::{Capability, Target};
    use crate::calendar::domain::event_form::EventDraft;
    use crate::calendar::domain::local_time::{parse_date, parse_time};
    use crate::calendar::series_db::{insert_event, NewEvent};
    use crate::calendar::types::Audience;
    use crate::calendar::types::Category;
    use crate::error::ValidationError;
    use crate::frame::serve;
    serve(Capability::WriteHealth, Target::School, |ctx| async move {
        let t = crate::page::use_strings();
        let day = parse_date(&date).ok_or(ValidationError::InvalidDate)?;
        let day = crate::school::types::planned_day(day, ctx.today())?;
        let at = match time.as_deref().map(str::trim).filter(|t| !t.is_empty()) {
            Some(t) => parse_time(t).ok_or(ValidationError::InvalidTime)?,
            None => chrono::NaiveTime::from_hms_opt(9, 0, 0).expect("valid time"),
        };
        let absent = db::absent_count(ctx.pool(), year).await?;
        let mut tx = ctx.begin().await?;
        // In the language of whoever schedules it, as if they had typed it.
        let start = day.and_time(at);
        let draft = EventDraft {
            title: (t.checkup.makeup_event_title)(absent),
            category: Category::Checkup,
            all_day: false,
            start,
            end: start + chrono::Duration::hours(2),
            location: Some(t.checkup.makeup_event_location.to_owned()),
            audience: Audience::Staff,
            student_visible: false,
            description: (t.checkup.makeup_event_description)(year),
            rrule: None,
        };
        let id = insert_event(&mut tx, &NewEvent::new(&draft, ctx.state().time_zone)).await?;
        tx.commit(
            format!("schedule_makeup {year} -> event {id}"),
            Target::School,
        )
        .await?;
        leptos_axum::redirect(&crate::school::urls::month_href(day));
        Ok(())
    })
    .await
}

/// Closes a child's follow-up for `year` with a note of what was done (required).
#[server(prefix = "/api", endpoint = "checkup/close")]
pub async fn close_follow_up(
    year: i32,
    child: i64,
    version: i64,
    note: String,
) -> Result<(), AppError> {
    use super::{db, domain};
    use crate::auth::permissions::{Capability, Target};
    use crate::children::access::require_child;
    use crate::frame::serve;
    use crate::school::urls::checkup_child_href;
    serve(Capability::WriteHealth, Target::Any, |ctx| async move {
        let record = require_child(&ctx, Capability::WriteHealth, child).await?;
        let note = domain::follow_up_note(&note)?;
        let mut tx = ctx.begin().await?;
        db::close_follow_up(&mut tx, year, child, version, note).await?;
        tx.commit(format!("close_follow_up {child} {year}"), record.target())
            .await?;
        leptos_axum::redirect(&format!("{}?saved=1", checkup_child_href(year, child)));
        Ok(())
    })
    .await
}

/// Sets `year`'s roster to the classes in `classes` (all of them: every class, including
/// classes added later). At least one class; a class that is not the school's is refused.
#[server(prefix = "/api", endpoint = "checkup/classes")]
pub async fn set_checkup_classes(
    year: i32,
    #[server(default)] classes: Vec<i64>,
) -> Result<(), AppError> {
    use super::{db, domain};
    use crate::auth::permissions::{Capability, Target};
    use crate::frame::serve_saved;
    serve_saved(Capability::WriteHealth, Target::School, |ctx| async move {
        let year = domain::check_year(year)?;
        let school: Vec<i64> = crate::school::db::classes(ctx.pool())
            .await?
            .into_iter()
            .map(|(id, _)| id)
            .collect();
        let chosen = domain::roster_choice(classes, &school)?;
        let mut tx = ctx.begin().await?;
        db::set_roster_classes(&mut tx, year, chosen.as_deref()).await?;
        let what = match &chosen {
            None => "all".to_owned(),
            Some(chosen) => format!("{chosen:?}"),
        };
        tx.commit(format!("set_checkup_classes {year} {what}"), Target::School)
            .await
    })
    .await
}

/// Every open follow-up the caller may see (the admin and the leading group: all; a
/// counselor: their paired children's), by due date.
#[server(prefix = "/api", endpoint = "checkup/follow-ups", input = GetUrl)]
pub async fn list_follow_ups() -> Result<FollowUps, AppError> {
    use crate::auth::permissions::{Capability, Target};
    use crate::frame::serve;
    serve(Capability::ReadHealth, Target::Any, |ctx| async move {
        let items = super::db::open_follow_ups(ctx.pool(), &ctx.viewer, None).await?;
        ctx.read(
            format!("read_health follow_ups ({} shown)", items.len()),
            Target::Any,
        )
        .await?;
        Ok(FollowUps {
            today: ctx.today(),
            items,
        })
    })
    .await
}
