//! The way back from a form posted to a server function.
//!
//! A form that fails before the function runs (a field missing, a number that is not one)
//! comes back as leptos sends it: to the page it came from, with `__path` and `__err`
//! added, and the page's earlier `saved=1` kept, so "已保存" showed for a save that never
//! happened. Such a redirect is turned into the app's own: the error in `error=`, `saved`
//! dropped. Then any refusal (leptos' or the app's `error=`) of a form whose fields could
//! be read is kept with those fields, and the redirect names it instead (`refused=`), so
//! the page comes back with the form as it was typed ([`refused_forms`]).

use crate::refused_forms::{self, RefusedForms};
use app::i18n::Locale;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use base64::Engine as _;
use tower_sessions::Session;

/// Every form posted to a server function: its redirect back, when it carries leptos'
/// `__err`, made the app's own; when it carries a refusal, the fields kept and the page
/// asked for again with them ([`refused_forms`]).
pub async fn rewrite(
    State(forms): State<RefusedForms>,
    mut request: Request,
    next: Next,
) -> Response {
    let session = request
        .extensions()
        .get::<Session>()
        .and_then(Session::id)
        .map(|id| id.to_string());
    let browser = browser_cookie(request.headers());
    if request.method() == Method::GET {
        let refusal = refused_id(request.uri().query()).and_then(|id| {
            let owner = refused_forms::owner(browser.as_deref()?, session.as_deref());
            forms.find(&id, &owner)
        });
        let Some(refusal) = refusal else {
            return next.run(request).await;
        };
        let t = Locale::from_headers(request.headers()).strings();
        // The page as the app renders it, not one kept compressed (the compression layer
        // outside compresses the refilled one).
        request.headers_mut().remove(header::ACCEPT_ENCODING);
        let response = next.run(request).await;
        let words = refused_forms::Words {
            message: refusal.error.message(t),
            unsaved: t.common.refused_unsaved,
        };
        return refill_page(response, &refusal, &words).await;
    }
    let form_post = request.method() == Method::POST && request.uri().path().starts_with("/api/");
    if !form_post {
        return next.run(request).await;
    }
    let action = request.uri().path().to_owned();
    let (request, posted) = read_fields(request).await;
    let mut response = next.run(request).await;
    if response.status().is_redirection() {
        to_flash(&mut response);
        if let Some(fields) = posted {
            let new_browser = browser.is_none().then(refused_forms::new_browser);
            let name = browser.or_else(|| new_browser.clone()).unwrap_or_default();
            let owner = refused_forms::owner(&name, session.as_deref());
            let kept = keep_refusal(&forms, &mut response, owner, &action, fields);
            if let Some(name) = new_browser.filter(|_| kept) {
                let cookie = format!(
                    "{}={name}; Path=/; Max-Age=900; HttpOnly; SameSite=Lax{}",
                    refused_forms::BROWSER_COOKIE,
                    if forms.https { "; Secure" } else { "" }
                );
                if let Ok(value) = HeaderValue::from_str(&cookie) {
                    response.headers_mut().append(header::SET_COOKIE, value);
                }
            }
        }
    }
    response
}

/// The browser's [`refused_forms::BROWSER_COOKIE`], when it has one.
fn browser_cookie(headers: &http::HeaderMap) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, _)| *name == refused_forms::BROWSER_COOKIE)
        .map(|(_, value)| value.to_owned())
        .filter(|value| !value.is_empty() && value.len() <= 64)
}

/// What a form posted asking for a page back held, as far as it was read.
enum Posted {
    /// Its text fields.
    Fields(Vec<(String, String)>),
    /// An upload over [`refused_forms::MAX_MULTIPART`] (a large roster): not read here.
    /// Refused, its form comes back empty with the reason above it.
    TooLarge,
}

/// The text fields of a form the browser posted asking for a page back, and the request
/// with its body as it came: a URL-encoded form up to [`refused_forms::MAX_BODY`], or a
/// multipart one (a diary entry with its photo) up to [`refused_forms::MAX_MULTIPART`],
/// whose files are not kept.
async fn read_fields(request: Request) -> (Request, Option<Posted>) {
    let headers = request.headers();
    let text = |name: header::HeaderName| {
        headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_owned()
    };
    let content_type = text(header::CONTENT_TYPE);
    let limit = if content_type.starts_with("application/x-www-form-urlencoded") {
        refused_forms::MAX_BODY
    } else if content_type.starts_with("multipart/form-data") {
        refused_forms::MAX_MULTIPART
    } else {
        return (request, None);
    };
    let fits = text(header::CONTENT_LENGTH)
        .parse::<u64>()
        .is_ok_and(|length| length <= limit);
    if !text(header::ACCEPT).contains("text/html") {
        return (request, None);
    }
    if !fits {
        let upload = limit == refused_forms::MAX_MULTIPART;
        return (request, upload.then_some(Posted::TooLarge));
    }
    let (parts, body) = request.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, limit as usize).await else {
        // Longer than it said, or cut off: the function reads an empty form and refuses it.
        return (Request::from_parts(parts, Body::empty()), None);
    };
    let fields = if limit == refused_forms::MAX_BODY {
        Some(url::form_urlencoded::parse(&bytes).into_owned().collect())
    } else {
        multipart_text(&content_type, bytes.clone()).await
    };
    (
        Request::from_parts(parts, Body::from(bytes)),
        fields.map(Posted::Fields),
    )
}

/// The text fields of a multipart form (its files left out); none when it cannot be read.
async fn multipart_text(content_type: &str, bytes: bytes::Bytes) -> Option<Vec<(String, String)>> {
    let boundary = multer::parse_boundary(content_type).ok()?;
    let mut form = multer::Multipart::new(Body::from(bytes).into_data_stream(), boundary);
    let mut fields = Vec::new();
    while let Some(field) = form.next_field().await.ok()? {
        if field.file_name().is_some() {
            continue;
        }
        let name = field.name().unwrap_or_default().to_owned();
        fields.push((name, field.text().await.ok()?));
    }
    Some(fields)
}

/// A redirect back with `error=`: the fields kept, and the address names them instead;
/// whether they were kept (else the redirect keeps its `error=`).
fn keep_refusal(
    forms: &RefusedForms,
    response: &mut Response,
    owner: String,
    action: &str,
    posted: Posted,
) -> bool {
    let Some(location) = response
        .headers()
        .get(header::LOCATION)
        .and_then(|v| v.to_str().ok())
    else {
        return false;
    };
    let (page, query) = location.split_once('?').unwrap_or((location, ""));
    let error = url::form_urlencoded::parse(query.as_bytes())
        .find(|(name, _)| name == "error")
        .and_then(|(_, json)| serde_json::from_str::<app::error::AppError>(&json).ok());
    let Some(error) = error else {
        return false;
    };
    let fields = match posted {
        Posted::Fields(fields) => Some(fields),
        Posted::TooLarge => None,
    };
    let Some(id) = forms.keep(owner, action, fields, error) else {
        return false;
    };
    let back = format!(
        "{}#refused",
        app::frame::with_param(&format!("{page}?{query}"), "refused", &id)
    );
    let Ok(value) = HeaderValue::from_str(&back) else {
        return false;
    };
    response.headers_mut().insert(header::LOCATION, value);
    true
}

/// The `refused=` of a page's query.
fn refused_id(query: Option<&str>) -> Option<String> {
    url::form_urlencoded::parse(query?.as_bytes())
        .find(|(name, _)| name == "refused")
        .map(|(_, id)| id.into_owned())
}

/// The page, with the refused form filled in again.
async fn refill_page(
    response: Response,
    refusal: &refused_forms::Refusal,
    words: &refused_forms::Words<'_>,
) -> Response {
    let is_html = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"));
    let encoded = response.headers().contains_key(header::CONTENT_ENCODING);
    let too_large = response
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok()?.parse::<usize>().ok())
        .is_some_and(|length| length > refused_forms::MAX_PAGE);
    if !is_html || encoded || too_large {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, refused_forms::MAX_PAGE).await else {
        tracing::error!("a page to refill a refused form in was too large to read");
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    };
    let Ok(page) = std::str::from_utf8(&bytes) else {
        return Response::from_parts(parts, Body::from(bytes));
    };
    let page = refused_forms::refill(page, refusal, words);
    parts.headers.remove(header::CONTENT_LENGTH);
    parts.headers.remove(header::ETAG);
    parts
        .headers
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    Response::from_parts(parts, Body::from(page))
}

/// Rewrites `response`'s redirect when it carries leptos' `__err`.
fn to_flash(response: &mut Response) {
    let rewritten = response
        .headers()
        .get(header::LOCATION)
        .and_then(|v| v.to_str().ok())
        .filter(|location| location.contains("__err="))
        .and_then(flash_location);
    if let Some(value) = rewritten.and_then(|to| HeaderValue::from_str(&to).ok()) {
        response.headers_mut().insert(header::LOCATION, value);
    }
}

/// The same address with the error as `error=` (what `Flash` reads); none when the error
/// is not one of the app's.
fn flash_location(location: &str) -> Option<String> {
    let (page, query) = location.split_once('?')?;
    let mut error = None;
    let mut kept = url::form_urlencoded::Serializer::new(String::new());
    for (name, value) in url::form_urlencoded::parse(query.as_bytes()) {
        match &*name {
            "__err" => error = Some(value.into_owned()),
            "__path" => {}
            _ => {
                kept.append_pair(&name, &value);
            }
        }
    }
    let bytes = base64::engine::general_purpose::URL_SAFE
        .decode(error?)
        .ok()?;
    let json = String::from_utf8(bytes).ok()?;
    serde_json::from_str::<app::error::AppError>(&json).ok()?;
    let kept = kept.finish();
    let back = if kept.is_empty() {
        page.to_owned()
    } else {
        format!("{page}?{kept}")
    };
    Some(app::frame::with_param(&back, "error", &json))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_error_goes_to_error_and_the_earlier_saved_goes_away() {
        let error =
            base64::engine::general_purpose::URL_SAFE.encode(r#"{"Validation":"Malformed"}"#);
        let location = format!(
            "http://127.0.0.1:3000/assessment/inspections?period=2027-03&saved=1&__path=%2Fapi%2Fassessment%2Finspect&__err={}",
            error.replace('=', "%3D")
        );
        let to = flash_location(&location).unwrap();
        assert_eq!(
            to,
            "http://127.0.0.1:3000/assessment/inspections?period=2027-03&error=%7B%22Validation%22%3A%22Malformed%22%7D"
        );
    }

    #[test]
    fn an_error_that_is_not_the_apps_is_left_alone() {
        let error = base64::engine::general_purpose::URL_SAFE.encode("not json");
        assert_eq!(flash_location(&format!("/x?__err={error}")), None);
        assert_eq!(flash_location("/x?saved=1"), None);
    }
}
