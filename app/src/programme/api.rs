//! The programme's overview and year-end summary over HTTP: for the leading group and the
//! admin.

use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

use super::types::{Overview, YearSummary};
use crate::error::AppError;

/// The Monday page's numbers.
#[server(prefix = "/api", endpoint = "programme/overview", input = GetUrl)]
pub async fn get_overview() -> Result<Overview, AppError> {
    use crate::auth::permissions::{Capability, Target};
    use crate::frame::serve;
    serve(
        Capability::ReadProgramme,
        Target::School,
        |ctx| async move {
            let overview = super::access::overview(&ctx).await?;
            ctx.read("read_programme_overview", Target::School).await?;
            Ok(overview)
        },
    )
    .await
}

/// The year-end summary of the school year starting in `year` (none: this one).
#[server(prefix = "/api", endpoint = "programme/summary", input = GetUrl)]
pub async fn get_summary(year: Option<i32>) -> Result<YearSummary, AppError> {
    use crate::auth::permissions::{Capability, Target};
    use crate::frame::serve;
    serve(
        Capability::ReadProgramme,
        Target::School,
        |ctx| async move {
            let year = year.unwrap_or(crate::habits::types::Term::of(ctx.today()).year);
            if !crate::school::types::year_in_range(year) {
                return Err(crate::error::ValidationError::PeriodInvalid.into());
            }
            let summary = super::access::summary(&ctx, year).await?;
            ctx.read(format!("read_programme_summary {year}"), Target::School)
                .await?;
            Ok(summary)
        },
    )
    .await
}
