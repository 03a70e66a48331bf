//! A form posted to a server function that fails before the function runs (a field
//! missing, a number that is not one) comes back as leptos sends it: to the page it came
//! from, with `__path` and `__err` added. The app's pages read `error=` ([`app::page::Flash`]),
//! and the page's earlier `saved=1` stayed, so "已保存" showed for a save that never happened.
//! Such a redirect is turned into the app's own: the error in `error=`, `saved` dropped.

use axum::extract::Request;
use axum::http::{header, HeaderValue, Method};
use axum::middleware::Next;
use axum::response::Response;
use base64::Engine as _;

/// Every form posted to a server function: its redirect back, when it carries leptos'
/// `__err`, made the app's own.
pub async fn rewrite(request: Request, next: Next) -> Response {
    let form_post = request.method() == Method::POST && request.uri().path().starts_with("/api/");
    let mut response = next.run(request).await;
    if form_post && response.status().is_redirection() {
        to_flash(&mut response);
    }
    response
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
