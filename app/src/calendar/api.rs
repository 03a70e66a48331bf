//! Calendar server functions: thin, each at a stable `/api/calendar/<verb>` endpoint.

use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

use super::types::MonthData;
use crate::error::AppError;

/// The month around `date` (`YYYY-MM-DD`; today in the school's time zone when absent):
/// the events and birthdays of every day shown in its Monday-first grid.
#[server(prefix = "/api", endpoint = "calendar/month", input = GetUrl)]
pub async fn get_month(date: Option<String>) -> Result<MonthData, AppError> {
    use super::db;
    use super::domain::month_grid::{parse_date_param, MonthGrid};
    use crate::state::AppState;

    // Public until accounts land (issue #3); the permission check goes first here.
    let state = AppState::from_context()?;
    let today = state.today();
    let anchor = match date.as_deref().filter(|d| !d.trim().is_empty()) {
        Some(raw) => parse_date_param(raw)?,
        None => today,
    };
    let grid = MonthGrid::for_date(anchor);
    let (first, last) = (grid.first_shown, grid.last_shown());
    let occurrences = db::occurrences_between(&state.pool, first, last).await?;
    let birthdays = db::birthdays_within(&state.pool, first, last).await?;
    Ok(MonthData { month: grid.month, today, occurrences, birthdays })
}
