//! `GET /children/export.csv` and `/children/export.xlsx`: the children's list as the user
//! filtered it, with only the fields they may see; `GET /assessment/export.xlsx`: a
//! period's assessment sheets for the leading group; `GET /funds/export.xlsx`: the year's
//! ledger for funders. Behind the session like every page.

use app::assessment::access::period_or_now;
use app::auth::permissions::{Capability, Target};
use app::auth::session::CurrentViewer;
use app::children::access::ListFilter;
use app::children::export::{render, table, Format};
use app::children::types::LeftBehind;
use app::error::{AppError, ValidationError};
use app::frame::{gate, ClientAddress};
use app::i18n::Locale;
use app::state::AppState;
use axum::extract::{Query, State};
use axum::http::{header, HeaderMap};
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
    address: Extension<ClientAddress>,
    headers: HeaderMap,
    viewer: Extension<CurrentViewer>,
    query: Query<ExportQuery>,
) -> Response {
    export(state, address, headers, viewer, query, Format::Csv).await
}

pub async fn xlsx(
    state: State<AppState>,
    address: Extension<ClientAddress>,
    headers: HeaderMap,
    viewer: Extension<CurrentViewer>,
    query: Query<ExportQuery>,
) -> Response {
    export(state, address, headers, viewer, query, Format::Xlsx).await
}

async fn export(
    State(state): State<AppState>,
    Extension(ClientAddress(address)): Extension<ClientAddress>,
    headers: HeaderMap,
    Extension(CurrentViewer(viewer)): Extension<CurrentViewer>,
    Query(query): Query<ExportQuery>,
    format: Format,
) -> Response {
    let t = Locale::from_headers(&headers).strings();
    let refused = |error: AppError| crate::refusal::refusal(&headers, error);
    let ip = Some(address.to_string());
    let ctx = match gate(state, viewer, ip, Capability::ReadChildFile, Target::Any).await {
        Ok(ctx) => ctx,
        Err(error) => return refused(error),
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
            None => return refused(ValidationError::InvalidFilter.into()),
        },
    };
    let filter = ListFilter {
        q: query.q.clone(),
        class: number(&query.class),
        status,
        counselor: number(&query.counselor),
        left: query.left.is_some_and(|l| !l.is_empty()),
    };
    let (columns, rows) = match table(ctx.pool(), &ctx.viewer, &filter, t).await {
        Ok(table) => table,
        Err(error) => return refused(error),
    };
    let (content_type, name) = match format {
        Format::Csv => ("text/csv; charset=utf-8", "children.csv"),
        Format::Xlsx => (XLSX, "children.xlsx"),
    };
    let bytes = match render(&columns, &rows, format) {
        Ok(bytes) => bytes,
        Err(error) => return refused(error),
    };
    // Nothing leaves unless the export is in the audit log.
    let action = format!("export_children {name} ({} rows)", rows.len());
    if let Err(error) = ctx.read(action, Target::Any).await {
        return refused(error);
    }
    attachment(content_type, name, bytes)
}

const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

fn attachment(content_type: &str, name: &str, bytes: Vec<u8>) -> Response {
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

#[derive(Deserialize, Default)]
pub struct PeriodQuery {
    period: Option<String>,
}

/// `GET /assessment/export.xlsx?period=2026-spring`: a row per counselor, for the
/// performance-pay process.
pub async fn assessment_xlsx(
    State(state): State<AppState>,
    Extension(ClientAddress(address)): Extension<ClientAddress>,
    headers: HeaderMap,
    Extension(CurrentViewer(viewer)): Extension<CurrentViewer>,
    Query(query): Query<PeriodQuery>,
) -> Response {
    let t = Locale::from_headers(&headers).strings();
    let refused = |error: AppError| crate::refusal::refusal(&headers, error);
    let ip = Some(address.to_string());
    let capability = Capability::WriteAssessment;
    let ctx = match gate(state, viewer, ip, capability, Target::School).await {
        Ok(ctx) => ctx,
        Err(error) => return refused(error),
    };
    let period = match period_or_now(&ctx, query.period.as_deref()) {
        Ok(period) => period,
        Err(error) => return refused(error),
    };
    let (columns, rows) = match app::assessment::export::table(&ctx, period, t).await {
        Ok(table) => table,
        Err(error) => return refused(error),
    };
    let bytes = match render(&columns, &rows, Format::Xlsx) {
        Ok(bytes) => bytes,
        Err(error) => return refused(error),
    };
    let name = format!("assessment-{}.xlsx", period.key());
    let action = format!("export_assessment {name} ({} rows)", rows.len());
    if let Err(error) = ctx.read(action, Target::School).await {
        return refused(error);
    }
    attachment(XLSX, &name, bytes)
}

#[derive(Deserialize, Default)]
pub struct YearQuery {
    year: Option<String>,
}

/// `GET /funds/export.xlsx?year=2027`: every line of the year's ledger (aid by grade and
/// need, never a child's name) and each fund's totals, for the funders.
pub async fn funds_xlsx(
    State(state): State<AppState>,
    Extension(ClientAddress(address)): Extension<ClientAddress>,
    headers: HeaderMap,
    Extension(CurrentViewer(viewer)): Extension<CurrentViewer>,
    Query(query): Query<YearQuery>,
) -> Response {
    let t = Locale::from_headers(&headers).strings();
    let refused = |error: AppError| crate::refusal::refusal(&headers, error);
    let ip = Some(address.to_string());
    let ctx = match gate(state, viewer, ip, Capability::ManageFunds, Target::School).await {
        Ok(ctx) => ctx,
        Err(error) => return refused(error),
    };
    let year = match query.year.as_deref().map(str::trim) {
        None | Some("") => chrono::Datelike::year(&ctx.today()),
        Some(y) => match y.parse::<i32>() {
            Ok(y) if app::school::types::year_in_range(y) => y,
            _ => return refused(ValidationError::InvalidDate.into()),
        },
    };
    let (columns, rows) = match app::funds::access::report(&ctx, year, t).await {
        Ok(table) => table,
        Err(error) => return refused(error),
    };
    let bytes = match render(&columns, &rows, Format::Xlsx) {
        Ok(bytes) => bytes,
        Err(error) => return refused(error),
    };
    let name = format!("funds-{year}.xlsx");
    let action = format!("export_funds {name} ({} rows)", rows.len());
    if let Err(error) = ctx.read(action, Target::School).await {
        return refused(error);
    }
    attachment(XLSX, &name, bytes)
}
