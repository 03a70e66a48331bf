//! Calendar server functions: thin, each at a stable `/api/calendar/<verb>` endpoint.

use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

use super::types::MonthData;
use crate::error::AppError;

/// The month around `date` (`YYYY-MM-DD`; today in the school's time zone when absent):
/// the events and birthdays of every day shown in its Monday-first grid.
#[server(prefix = "/api", endpoint = "calendar/month", input = GetUrl)]
pub async fn get_month(date: Option<String>) -> Result<MonthData, AppError> {
    crate::auth::server::respond(month(date).await)
}

/// Students see only events meant for them, and birthdays with name and class only.
#[cfg(feature = "ssr")]
async fn month(date: Option<String>) -> Result<MonthData, AppError> {
    use super::db;
    use super::domain::month_grid::{parse_date_param, MonthGrid};
    use crate::auth::permissions::{Access, Capability, Target};
    use crate::auth::server::require;
    use crate::state::AppState;

    let (_, calendar) = require(Capability::ViewCalendar, Target::Any).await?;
    let (_, birthdays) = require(Capability::ViewBirthdays, Target::Any).await?;
    let state = AppState::from_context()?;
    let today = state.today();
    let anchor = match date.as_deref().filter(|d| !d.trim().is_empty()) {
        Some(raw) => parse_date_param(raw)?,
        None => today,
    };
    let grid = MonthGrid::for_date(anchor);
    let (first, last) = (grid.first_shown, grid.last_shown());
    let occurrences = db::occurrences_between(&state.pool, first, last, calendar == Access::StudentVisible).await?;
    let birthdays = db::birthdays_within(&state.pool, first, last, birthdays == Access::All).await?;
    Ok(MonthData { month: grid.month, today, occurrences, birthdays })
}
