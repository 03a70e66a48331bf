//! The admin's corrections to the holiday data: `/api/admin/holidays/…`.

use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

use super::types::HolidayRow;
use crate::error::AppError;

#[server(prefix = "/api", endpoint = "admin/holidays/list", input = GetUrl)]
pub async fn list_holidays(year: i32) -> Result<Vec<HolidayRow>, AppError> {
    use crate::auth::permissions::{Capability, Target};
    use crate::frame::serve;
    serve(Capability::ManageHolidays, Target::Any, |ctx| async move {
        super::holidays_db::of_year(ctx.pool(), year).await
    })
    .await
}

/// Adds or corrects a day (`kind` is `holiday` or `workday`); a saved day is confirmed.
#[server(prefix = "/api", endpoint = "admin/holidays/save")]
pub async fn save_holiday(date: String, kind: String, name: String) -> Result<(), AppError> {
    use super::domain::holidays::HolidayEdit;
    use crate::auth::permissions::{Capability, Target};
    use crate::frame::serve_saved;
    serve_saved(Capability::ManageHolidays, Target::Any, |ctx| async move {
        let edit = HolidayEdit::parse(&date, &kind, &name)?;
        let mut tx = ctx.begin().await?;
        super::holidays_db::save(&mut tx, edit.date, edit.kind, &edit.name).await?;
        tx.commit(format!("save_holiday {}", edit.date), Target::Any)
            .await
    })
    .await
}

/// Takes a day off the list. It is archived, so the shipped file does not bring it back.
#[server(prefix = "/api", endpoint = "admin/holidays/remove")]
pub async fn remove_holiday(date: String) -> Result<(), AppError> {
    use super::domain::month_grid::parse_date_param;
    use crate::auth::permissions::{Capability, Target};
    use crate::frame::serve_saved;
    serve_saved(Capability::ManageHolidays, Target::Any, |ctx| async move {
        let date = parse_date_param(&date)?;
        let mut tx = ctx.begin().await?;
        super::holidays_db::remove(&mut tx, date).await?;
        tx.commit(format!("remove_holiday {date}"), Target::Any)
            .await
    })
    .await
}
