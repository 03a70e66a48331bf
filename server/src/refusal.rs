//! The answer of a route beside the server functions (an export, a diary picture, a
//! calendar feed) that cannot serve the request: the error's status and its message in the
//! user's language.

use app::error::AppError;
use app::i18n::Locale;
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{Html, IntoResponse, Response};

pub fn refusal(headers: &HeaderMap, error: AppError) -> Response {
    let t = Locale::from_headers(headers).strings();
    let status = StatusCode::from_u16(error.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    say(headers, status, error.message(t))
}

/// `words` as the answer: to a browser (a parent who opened a link in WeChat) a page of its
/// own, read at a phone's width; to anything else (a calendar app) plain text.
pub fn say(headers: &HeaderMap, status: StatusCode, words: &str) -> Response {
    let browser = headers
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.contains("text/html"));
    if !browser {
        return (status, words.to_owned()).into_response();
    }
    let locale = Locale::from_headers(headers);
    let page = format!(
        "<!DOCTYPE html><html lang=\"{}\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{}</title></head><body><p role=\"alert\">{}</p></body></html>",
        locale.tag(),
        locale.strings().common.app_name,
        html_escape::encode_text(words)
    );
    (status, Html(page)).into_response()
}
