//! `GET /diary/picture/{id}`: a drawing or photo in a child's growth diary, for whoever may
//! read that diary (the paired counselor, the leading group, the admin; the child itself);
//! `GET /funds/receipt/{aid}`: the receipt of an aid payment, for those who read the child's aid.
//! Behind the session like every page; every picture shown is in the audit log.

use app::auth::permissions::{Capability, Target};
use app::auth::session::CurrentViewer;
use app::auth::types::Role;
use app::error::AppError;
use app::frame::{gate, ClientAddress};
use app::state::AppState;
use axum::extract::{Path, State};
use axum::http::{header, HeaderMap};
use axum::response::{IntoResponse, Response};
use axum::Extension;

pub async fn diary_picture(
    State(state): State<AppState>,
    Extension(ClientAddress(address)): Extension<ClientAddress>,
    headers: HeaderMap,
    Extension(CurrentViewer(viewer)): Extension<CurrentViewer>,
    Path(entry): Path<i64>,
) -> Response {
    let refused = |error: AppError| crate::refusal::refusal(&headers, error);
    // A student reaches its own diary; staff a child's diary through its care record.
    let capability = match viewer.as_ref().map(|v| v.role) {
        Some(Role::Student) => Capability::OwnDiary,
        _ => Capability::ReadDiary,
    };
    let ip = Some(address.to_string());
    let ctx = match gate(state, viewer, ip, capability, Target::Any).await {
        Ok(ctx) => ctx,
        Err(error) => return refused(error),
    };
    match app::care::access::picture(&ctx, entry).await {
        Ok(jpeg) => inline_jpeg(jpeg),
        Err(error) => refused(error),
    }
}

/// A kept picture, shown in the page rather than downloaded.
fn inline_jpeg(jpeg: Vec<u8>) -> Response {
    (
        [
            (header::CONTENT_TYPE, "image/jpeg"),
            (header::CONTENT_DISPOSITION, "inline"),
        ],
        jpeg,
    )
        .into_response()
}

/// `GET /funds/receipt/{aid}`: the receipt of an aid payment, for those who may read that
/// child's aid (its counselor, the leading group, the admin); each showing audited.
pub async fn aid_receipt(
    State(state): State<AppState>,
    Extension(ClientAddress(address)): Extension<ClientAddress>,
    headers: HeaderMap,
    Extension(CurrentViewer(viewer)): Extension<CurrentViewer>,
    Path(aid): Path<i64>,
) -> Response {
    let refused = |error: AppError| crate::refusal::refusal(&headers, error);
    let ip = Some(address.to_string());
    let ctx = match gate(state, viewer, ip, Capability::ReadAid, Target::Any).await {
        Ok(ctx) => ctx,
        Err(error) => return refused(error),
    };
    match app::funds::access::receipt(&ctx, aid).await {
        Ok(jpeg) => inline_jpeg(jpeg),
        Err(error) => refused(error),
    }
}
