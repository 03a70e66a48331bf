//! The answer of a route beside the server functions (an export, a diary picture) that
//! cannot serve the request: the error's status and its message in the user's language.

use app::error::AppError;
use app::i18n::Locale;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};

pub fn refusal(headers: &HeaderMap, error: AppError) -> Response {
    let t = Locale::from_headers(headers).strings();
    let status = StatusCode::from_u16(error.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    (status, error.message(t)).into_response()
}
