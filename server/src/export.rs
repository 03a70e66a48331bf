//! `GET /children/export.csv` and `/children/export.xlsx`: the children's list as the user
//! filtered it, with only the fields they may see. Behind the session like every page.

use app::auth::audit::{self, Outcome};
use app::auth::permissions::{check, Capability, Target};
use app::auth::session::CurrentViewer;
use app::children::access::ListFilter;
use app::children::export::{audit_export, render, table, Format};
use app::children::types::LeftBehind;
use app::i18n::Locale;
use app::state::AppState;
use axum::extract::{Query, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Extension;
use serde::Deserialize;

#[derive(Deserialize, Default)]
pub struct ExportQuery {
    q: Option<String>,
    class: Option<String>,
    status: Option<String>,
    counselor: Option<String>,
    left: Option<String>,
}

pub async fn csv(
    state: State<AppState>,
    headers: HeaderMap,
    viewer: Extension<CurrentViewer>,
    query: Query<ExportQuery>,
) -> Response {
    export(state, headers, viewer, query, Format::Csv).await
}

pub async fn xlsx(
    state: State<AppState>,
    headers: HeaderMap,
    viewer: Extension<CurrentViewer>,
    query: Query<ExportQuery>,
) -> Response {
    export(state, headers, viewer, query, Format::Xlsx).await
}

async fn export(
    State(state): State<AppState>,
    headers: HeaderMap,
    Extension(CurrentViewer(viewer)): Extension<CurrentViewer>,
    Query(query): Query<ExportQuery>,
    format: Format,
) -> Response {
    let who = viewer.as_ref().map(|v| (v.role, &v.scope));
    if check(who, Capability::ReadChildFile, Target::Any).is_err() {
        audit::record(
            &state.pool,
            viewer.as_ref(),
            "export_children",
            Target::Any,
            Outcome::Denied,
            None,
        )
        .await;
        let status = if viewer.is_none() {
            StatusCode::UNAUTHORIZED
        } else {
            StatusCode::FORBIDDEN
        };
        return (status, "not allowed").into_response();
    }
    let Some(viewer) = viewer else {
        return StatusCode::UNAUTHORIZED.into_response();
    };
    let number = |v: &Option<String>| v.as_deref().and_then(|s| s.trim().parse::<i64>().ok());
    let status = match query
        .status
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
    {
        None => None,
        Some(raw) => match LeftBehind::parse(raw) {
            Some(s) => Some(s),
            None => return (StatusCode::BAD_REQUEST, "unknown status").into_response(),
        },
    };
    let filter = ListFilter {
        q: query.q.clone(),
        class: number(&query.class),
        status,
        counselor: number(&query.counselor),
        left: query.left.is_some_and(|l| !l.is_empty()),
    };
    let t = Locale::from_headers(&headers).strings();
    let (columns, rows) = match table(&state.pool, &viewer, &filter, t).await {
        Ok(table) => table,
        Err(error) => {
            tracing::error!(?error, "export failed");
            return (
                StatusCode::INTERNAL_SERVER_ERROR,
                "the export could not be made",
            )
                .into_response();
        }
    };
    let count = rows.len();
    let (content_type, name) = match format {
        Format::Csv => ("text/csv; charset=utf-8", "children.csv"),
        Format::Xlsx => (
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "children.xlsx",
        ),
    };
    match render(&columns, &rows, format) {
        Ok(bytes) => {
            // Nothing leaves unless the export is in the audit log.
            if let Err(error) = audit_export(&state.pool, &viewer, name, count, None).await {
                let status = StatusCode::from_u16(error.status())
                    .unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
                return (status, "the export could not be made").into_response();
            }
            (
                [
                    (header::CONTENT_TYPE, content_type.to_owned()),
                    (
                        header::CONTENT_DISPOSITION,
                        format!("attachment; filename=\"{name}\""),
                    ),
                ],
                bytes,
            )
                .into_response()
        }
        Err(error) => {
            tracing::error!(?error, "export failed");
            (
                StatusCode::INTERNAL_SERVER_ERROR,
                "the export could not be made",
            )
                .into_response()
        }
    }
}
