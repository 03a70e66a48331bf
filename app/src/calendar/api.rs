//! Calendar server functions: thin, each at a stable `/api/calendar/<verb>` endpoint.

use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

use super::types::CalendarData;
use crate::error::AppError;

/// The events and birthdays of one view (`month`, `week`, `day`, `agenda`; month when
/// absent) around `date` (`YYYY-MM-DD`; today in the school's time zone when absent),
/// filtered by categories (`cat=activity,checkup`), class and interest group.
#[server(prefix = "/api", endpoint = "calendar/events", input = GetUrl)]
pub async fn get_calendar(
    view: Option<String>,
    date: Option<String>,
    cat: Option<String>,
    class: Option<String>,
    group: Option<String>,
    lunar: Option<String>,
) -> Result<CalendarData, AppError> {
    crate::frame::respond(calendar(view, date, cat, class, group, lunar).await)
}

/// Students see only events meant for them, and birthdays with name and class only.
#[cfg(feature = "ssr")]
async fn calendar(
    view: Option<String>,
    date: Option<String>,
    cat: Option<String>,
    class: Option<String>,
    group: Option<String>,
    lunar: Option<String>,
) -> Result<CalendarData, AppError> {
    use chrono::Datelike;

    use super::db;
    use super::domain::query::{parse_anchor, CalendarFilter, CalendarQuery, CalendarView};
    use crate::auth::permissions::{Access, Capability, Target};
    use crate::auth::session::require;
    use crate::state::AppState;

    let (viewer, calendar) = require(Capability::ViewCalendar, Target::Any).await?;
    let (_, birthdays) = require(Capability::ViewBirthdays, Target::Any).await?;
    let state = AppState::from_context()?;
    let today = state.today();
    let view = match view.as_deref().map(str::trim).filter(|v| !v.is_empty()) {
        Some(raw) => CalendarView::parse(raw)?,
        None => CalendarView::Month,
    };
    let query = CalendarQuery {
        view,
        date: parse_anchor(date.as_deref(), today)?,
        filter: CalendarFilter::parse(cat.as_deref(), class.as_deref(), group.as_deref())?,
        lunar: lunar.as_deref() != Some("off"),
    };
    let (first, last) = query.window();
    let students_only = calendar == Access::StudentVisible;
    let holidays = db::holidays_between(&state.pool, first, last).await?;
    let mut occurrences = db::occurrences_between(
        &state.pool,
        first,
        last,
        students_only,
        &query.filter,
        &holidays,
        Some((viewer.role, &viewer.scope)),
    )
    .await?;
    // Open checkup follow-ups, for those who may read the child's health record; the
    // checkup day itself leads them to its roster.
    let reads_health =
        crate::auth::permissions::access(viewer.role, Capability::ReadHealth) != Access::Denied;
    if reads_health {
        for o in occurrences
            .iter_mut()
            .filter(|o| o.category == super::types::Category::Checkup)
        {
            o.link = Some(format!("/checkup/{}", o.start.year()));
        }
    }
    if query.filter.shows(super::types::Category::Checkup) {
        occurrences.extend(db::follow_ups_between(&state.pool, first, last, &viewer).await?);
        occurrences.sort_by(|a, b| (a.start, a.event_id).cmp(&(b.start, b.event_id)));
    }
    let birthdays = db::birthdays_within(
        &state.pool,
        first,
        last,
        birthdays == Access::All,
        &query.filter,
    )
    .await?;
    let (classes, groups) = db::filter_choices(&state.pool).await?;
    let days = day_infos(first, last, holidays);
    let can_create =
        crate::auth::permissions::access(viewer.role, Capability::EditEvents) != Access::Denied;
    let can_import =
        crate::auth::permissions::access(viewer.role, Capability::EditEvents) == Access::All;
    let can_celebrate = can_import
        && crate::auth::permissions::access(viewer.role, Capability::ReadLeftBehind) == Access::All;
    Ok(CalendarData {
        query,
        first,
        last,
        today,
        occurrences,
        birthdays,
        days,
        classes,
        groups,
        can_create,
        can_celebrate,
        can_import,
    })
}

/// Lunar date, festivals and holiday status of every day shown.
#[cfg(feature = "ssr")]
fn day_infos(
    first: chrono::NaiveDate,
    last: chrono::NaiveDate,
    mut holidays: std::collections::HashMap<chrono::NaiveDate, super::types::Holiday>,
) -> Vec<super::types::DayInfo> {
    use super::domain::holidays::solar_festival_on;
    use super::domain::lunar::{festival_on, to_lunar};

    first
        .iter_days()
        .take_while(|day| *day <= last)
        .map(|date| {
            let lunar = to_lunar(date);
            let festivals = [solar_festival_on(date), festival_on(date)]
                .into_iter()
                .flatten()
                .map(str::to_owned)
                .collect();
            super::types::DayInfo {
                date,
                lunar: (lunar.month, lunar.day),
                festivals,
                holiday: holidays.remove(&date),
            }
        })
        .collect()
}
