//! The admin's corrections to the holiday data: `/api/admin/holidays/…`.

use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;
use serde::{Deserialize, Serialize};

use super::types::HolidayKind;
use crate::error::AppError;

/// One row of the holidays page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HolidayRow {
    pub date: chrono::NaiveDate,
    pub kind: HolidayKind,
    pub name: String,
    pub provisional: bool,
    /// `file` (shipped) or `admin` (corrected here).
    pub source: String,
}

#[server(prefix = "/api", endpoint = "admin/holidays/list", input = GetUrl)]
pub async fn list_holidays(year: i32) -> Result<Vec<HolidayRow>, AppError> {
    use crate::auth::permissions::{Capability, Target};
    use crate::auth::server::{require, respond};
    respond(
        async {
            require(Capability::ManageHolidays, Target::Any).await?;
            let state = crate::state::AppState::from_context()?;
            let rows: Vec<(chrono::NaiveDate, String, String, bool, String)> = sqlx::query_as(
                "SELECT date, kind, name, provisional, source FROM holidays
                 WHERE active = 1 AND substr(date, 1, 4) = ? ORDER BY date",
            )
            .bind(format!("{year:04}"))
            .fetch_all(&state.pool)
            .await?;
            Ok(rows
                .into_iter()
                .filter_map(|(date, kind, name, provisional, source)| {
                    Some(HolidayRow {
                        date,
                        kind: HolidayKind::from_key(&kind)?,
                        name,
                        provisional,
                        source,
                    })
                })
                .collect())
        }
        .await,
    )
}

/// Adds or corrects a day (`kind` is `holiday` or `workday`); a saved day is confirmed.
#[server(prefix = "/api", endpoint = "admin/holidays/save")]
pub async fn save_holiday(date: String, kind: String, name: String) -> Result<(), AppError> {
    use super::domain::month_grid::parse_date_param;
    use crate::auth::audit::{self, Outcome};
    use crate::auth::permissions::{Capability, Target};
    use crate::auth::server::{client_ip, require, respond_saved};
    use crate::error::ValidationError;
    respond_saved(
        async {
            let (admin, _) = require(Capability::ManageHolidays, Target::Any).await?;
            let date = parse_date_param(&date)?;
            let kind = HolidayKind::from_key(kind.trim()).ok_or(ValidationError::InvalidFilter)?;
            let name = name.trim();
            if name.is_empty() || name.chars().count() > 40 {
                return Err(ValidationError::HolidayNameInvalid.into());
            }
            let state = crate::state::AppState::from_context()?;
            sqlx::query(
                "INSERT INTO holidays (date, kind, name, provisional, source, active) VALUES (?, ?, ?, 0, 'admin', 1)
                 ON CONFLICT (date) DO UPDATE SET kind = excluded.kind, name = excluded.name, provisional = 0,
                     source = 'admin', active = 1, updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')",
            )
            .bind(date)
            .bind(kind.key())
            .bind(name)
            .execute(&state.pool)
            .await?;
            audit::record(&state.pool, Some(&admin), &format!("save_holiday {date}"), Target::Any, Outcome::Success, client_ip())
                .await;
            Ok(())
        }
        .await,
    )
}

/// Takes a day off the list. It is archived, so the shipped file does not bring it back.
#[server(prefix = "/api", endpoint = "admin/holidays/remove")]
pub async fn remove_holiday(date: String) -> Result<(), AppError> {
    use super::domain::month_grid::parse_date_param;
    use crate::auth::audit::{self, Outcome};
    use crate::auth::permissions::{Capability, Target};
    use crate::auth::server::{client_ip, require, respond_saved};
    respond_saved(
        async {
            let (admin, _) = require(Capability::ManageHolidays, Target::Any).await?;
            let date = parse_date_param(&date)?;
            let state = crate::state::AppState::from_context()?;
            let done = sqlx::query(
                "UPDATE holidays SET active = 0, source = 'admin', updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
                 WHERE date = ? AND active = 1",
            )
            .bind(date)
            .execute(&state.pool)
            .await?;
            if done.rows_affected() == 0 {
                return Err(AppError::NotFound);
            }
            audit::record(&state.pool, Some(&admin), &format!("remove_holiday {date}"), Target::Any, Outcome::Success, client_ip())
                .await;
            Ok(())
        }
        .await,
    )
}
