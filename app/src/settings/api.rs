//! The school's details over HTTP: read and saved by its admin alone.

use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

use super::types::SchoolInfo;
use crate::error::AppError;

/// The school's details as they are.
#[server(prefix = "/api", endpoint = "admin/school", input = GetUrl)]
pub async fn get_school_info() -> Result<SchoolInfo, AppError> {
    use crate::auth::permissions::{Capability, Target};
    use crate::frame::serve;
    serve(Capability::ManageSchool, Target::School, |ctx| async move {
        super::db::school_info(ctx.pool()).await
    })
    .await
}

/// Saves the school's details seen at `version`; the header shows them from the next page.
#[server(prefix = "/api", endpoint = "admin/school/save")]
pub async fn save_school_info(
    name: String,
    short_name: String,
    short_name_en: String,
    phone: String,
    version: i64,
) -> Result<(), AppError> {
    use crate::auth::permissions::{Capability, Target};
    use crate::frame::serve;
    serve(Capability::ManageSchool, Target::School, |ctx| async move {
        let info = super::domain::parse(&name, &short_name, &short_name_en, &phone, version)?;
        let mut tx = ctx.begin().await?;
        super::db::save(&mut tx, &info).await?;
        let saved = super::db::school_info(&mut *tx).await?;
        tx.commit("manage_school", Target::School).await?;
        // Versions only grow: a save that finishes after a later one leaves the later.
        if let Ok(mut school) = ctx.state().school.write() {
            if saved.version > school.version {
                *school = saved;
            }
        }
        leptos_axum::redirect("/admin/school?saved=1");
        Ok(())
    })
    .await
}
