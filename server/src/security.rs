//! Request hardening: the client's address is resolved through the trusted proxies only,
//! cross-site calls to server functions are refused, and every response carries the
//! security headers: a page's CSP names the script nonce made here, before anything renders,
//! and handed to the render ([`provide_page_nonce`]), so the header never depends on it.

use app::auth::audit::{self, Outcome};
use app::auth::permissions::Target;
use app::frame::{client_address, ClientAddress};
use app::i18n::Locale;
use app::site_style::{SiteStyle, BLANK_SOURCE};
use app::state::AppState;
use axum::extract::{ConnectInfo, Request, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use leptos::nonce::Nonce;
use leptos::prelude::{provide_context, use_context};
use std::net::SocketAddr;
use std::sync::Arc;

/// The calendar feed's route (see `routes::plain_routes`).
const FEED_PATH: &str = "/calendar.ics";

/// Responses that are not pages may load nothing at all.
const STRICT_CSP: &str =
    "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";
/// The service worker (`public/sw.js`), whose own policy is the one it runs under: it
/// fetches the pages it is asked for, from this site alone.
const WORKER_PATH: &str = "/sw.js";
const WORKER_CSP: &str = "default-src 'none'; connect-src 'self'";

/// This request's script nonce, in its extensions: one per answer, made by [`harden`].
#[derive(Clone, Debug)]
pub struct PageNonce(pub Arc<str>);

/// A page's Content-Security-Policy: its own scripts (by this answer's nonce), its own wasm,
/// its own style sheet, linked or inside it (by its hash, see `app::site_style`), nothing
/// foreign, never framed.
fn page_policy(nonce: &str, style: Option<&SiteStyle>) -> String {
    let inline = style.map(SiteStyle::source).unwrap_or_default();
    format!(
        "default-src 'self'; script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'; \
         style-src 'self' {BLANK_SOURCE} {inline}; \
         img-src 'self' data:; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; \
         form-action 'self'; frame-ancestors 'none'"
    )
}

/// Leptos' context for a page: the nonce [`harden`] made for this request, which its CSP
/// header names, in place of one of the render's own. (A static file served by the fallback
/// runs this too, without a request to read: there is nothing to render.)
pub fn provide_page_nonce() {
    let Some(parts) = use_context::<http::request::Parts>() else {
        return;
    };
    match parts.extensions.get::<PageNonce>() {
        Some(PageNonce(nonce)) => provide_context(Nonce::from_value(Arc::clone(nonce))),
        None => tracing::error!("a page was rendered without its request's nonce"),
    }
}

/// Resolves the client's address once, for every handler after it: the TCP peer, or behind
/// a configured proxy the address the proxy saw (see [`client_address`]).
pub async fn resolve_client(
    State(state): State<AppState>,
    mut request: Request,
    next: Next,
) -> Response {
    if let Some(ConnectInfo(peer)) = request.extensions().get::<ConnectInfo<SocketAddr>>() {
        let ip = client_address(peer.ip(), request.headers(), &state.trusted_proxies);
        request.extensions_mut().insert(ClientAddress(ip));
    }
    next.run(request).await
}

/// Every request: its script nonce made ([`PageNonce`]), what must be refused refused before
/// anything runs ([`Refusal`]), and every answer, refusals included, given its security
/// headers: the page CSP with that nonce for HTML, the strict one for the rest; and how it
/// may be kept: pages and data never, the site's files after asking again, this build's
/// style sheet a year (it sets the cookie saying the browser has it, `app::site_style`).
pub async fn harden(State(state): State<AppState>, mut request: Request, next: Next) -> Response {
    let nonce = Nonce::new().as_inner().clone();
    request
        .extensions_mut()
        .insert(PageNonce(Arc::clone(&nonce)));
    let path = request.uri().path().to_owned();
    let this_builds_sheet = state
        .site_style
        .as_deref()
        .filter(|style| style.path() == path && style.is_this_build(request.uri().query()));
    // Said in the request's language.
    let words = |request: &Request| Locale::from_headers(request.headers()).strings().common;
    // A refusal here carries the same headers as any other answer.
    let mut response = match refusal(&request, &path) {
        None => next.run(request).await,
        Some(Refusal::CrossSite { ip }) => {
            let action = format!("cross_site {path}");
            audit::record_anonymous(
                &state.pool,
                &state.anonymous_noise,
                &action,
                Target::Any,
                Outcome::Denied,
                ip,
            )
            .await;
            (StatusCode::FORBIDDEN, words(&request).refused_cross_site).into_response()
        }
        Some(Refusal::NotMultipart) => (
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            words(&request).refused_not_multipart,
        )
            .into_response(),
    };
    let served = matches!(response.status(), StatusCode::OK | StatusCode::NOT_MODIFIED);
    let headers = response.headers_mut();
    let static_asset = path.starts_with("/pkg/") || path == "/favicon.svg";
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    headers.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("same-origin"),
    );
    let html = headers
        .get(header::CONTENT_TYPE)
        .and_then(|t| t.to_str().ok())
        .is_some_and(|t| t.starts_with("text/html"));
    let policy = if html {
        HeaderValue::from_str(&page_policy(&nonce, state.site_style.as_deref()))
            .expect("a nonce and a hash are base64, a valid header")
    } else if path == WORKER_PATH {
        HeaderValue::from_static(WORKER_CSP)
    } else {
        HeaderValue::from_static(STRICT_CSP)
    };
    headers.insert(header::CONTENT_SECURITY_POLICY, policy);
    // Pages and API answers carry children's data: never stored by a shared tablet's browser.
    // A calendar feed is the exception: a phone polls it and revalidates by ETag, so the
    // feed says its own caching (`private, no-cache`); its refusals still get `no-store`.
    if let Some(style) = this_builds_sheet.filter(|s| served && s.unchanged_on_disk()) {
        // Its address names its build: kept a year, never asked for again; and the browser
        // is told it has it, so its next pages link it (`app::site_style`).
        headers.insert(
            header::CACHE_CONTROL,
            HeaderValue::from_static("public, max-age=31536000, immutable"),
        );
        if let Ok(cookie) = HeaderValue::from_str(&style.cookie(state.cookie_secure)) {
            headers.append(header::SET_COOKIE, cookie);
        }
    } else if static_asset {
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    } else if path == FEED_PATH {
        headers
            .entry(header::CACHE_CONTROL)
            .or_insert(HeaderValue::from_static("no-store"));
    } else {
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    // Sent compressed as built (`precompressed`), which no layer marks as varying.
    if static_asset && !headers.contains_key(header::VARY) {
        headers.insert(header::VARY, HeaderValue::from_static("accept-encoding"));
    }
    response
}

/// What [`harden`] refuses before anything runs.
enum Refusal {
    /// A server function called from another site, or written to without saying where
    /// from (audited, from this address).
    CrossSite { ip: Option<String> },
    /// An upload that is not multipart form data with its boundary.
    NotMultipart,
}

fn refusal(request: &Request, path: &str) -> Option<Refusal> {
    if path.starts_with("/api/") && (is_cross_site(request) || is_unvouched_write(request)) {
        let ip = request
            .extensions()
            .get::<ClientAddress>()
            .map(|c| c.0.to_string());
        return Some(Refusal::CrossSite { ip });
    }
    let upload = app::native_submit::MULTIPART_ENDPOINTS.contains(&path);
    let content_type = request
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    (upload && !app::native_submit::is_multipart_with_boundary(content_type))
        .then_some(Refusal::NotMultipart)
}

/// Bodies are limited to 1 MiB, uploads to 8 MiB. An upload form whose file is larger
/// goes back to its page with the error in the user's language instead of a bare 413.
pub async fn limit_body(request: Request, next: Next) -> Response {
    use crate::limits::{MAX_BODY_BYTES, MAX_DRAINED_BYTES, MAX_UPLOAD_BYTES};
    let upload = app::native_submit::MULTIPART_ENDPOINTS.contains(&request.uri().path());
    let limit = if upload {
        MAX_UPLOAD_BYTES
    } else {
        MAX_BODY_BYTES
    };
    let length = request
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<usize>().ok());
    if length.is_some_and(|l| l > limit) {
        if upload {
            if let Some(back) = app::school::urls::same_site_referer(request.headers()) {
                let path = request.uri().path();
                let error = app::error::AppError::Validation(app::native_submit::too_large(path));
                let code = serde_json::to_string(&error).unwrap_or_default();
                let to = app::frame::with_param(&back, "error", &code);
                // The browser is still sending the file: answered before it is done, it
                // shows a cut connection, not the answer. A photo's worth is read to its
                // end and dropped (a page with scripts makes photos small before sending).
                if length.is_some_and(|l| l <= MAX_DRAINED_BYTES) {
                    drain(request.into_body()).await;
                }
                return (StatusCode::SEE_OTHER, [(header::LOCATION, to)]).into_response();
            }
        }
        let words = Locale::from_headers(request.headers()).strings().common;
        return (StatusCode::PAYLOAD_TOO_LARGE, words.refused_too_large).into_response();
    }
    let request =
        request.map(|body| axum::body::Body::new(http_body_util::Limited::new(body, limit)));
    next.run(request).await
}

/// How many oversized uploads are read to their end at once, and for how long each (a
/// 9 MB photo over a village's 1.6 Mbit/s takes about 50 s): past either, the answer comes
/// at once, as before (a sender cannot hold the server's connections with slow bodies).
static DRAINING: tokio::sync::Semaphore = tokio::sync::Semaphore::const_new(4);
const DRAIN_FOR: std::time::Duration = std::time::Duration::from_secs(120);

/// Reads a body to its end, keeping nothing, within [`DRAINING`]'s bounds.
async fn drain(body: axum::body::Body) {
    use http_body_util::BodyExt;
    let Ok(_reading) = DRAINING.try_acquire() else {
        return;
    };
    let mut body = body;
    let to_the_end = async { while let Some(Ok(_)) = body.frame().await {} };
    let _ = tokio::time::timeout(DRAIN_FOR, to_the_end).await;
}

/// A state change that says nothing of where it comes from: no `Sec-Fetch-Site`, no
/// `Origin`, no `Referer` of this site. Every browser we serve sends at least one of them
/// with a POST, so a write without any is not one of our pages' forms.
fn is_unvouched_write(request: &Request) -> bool {
    use axum::http::Method;
    if matches!(
        *request.method(),
        Method::GET | Method::HEAD | Method::OPTIONS
    ) {
        return false;
    }
    let headers = request.headers();
    let fetch_site = headers.get("sec-fetch-site").and_then(|v| v.to_str().ok());
    let vouched = matches!(fetch_site, Some("same-origin" | "none"))
        || headers.contains_key(header::ORIGIN)
        || app::school::urls::same_site_referer(headers).is_some();
    !vouched
}

/// A request another site made the browser send: `Sec-Fetch-Site: cross-site`, or an
/// `Origin` that is not this host.
fn is_cross_site(request: &Request) -> bool {
    let header = |name| {
        request
            .headers()
            .get(name)
            .and_then(|v: &HeaderValue| v.to_str().ok())
    };
    if header("sec-fetch-site") == Some("cross-site") {
        return true;
    }
    match (header("origin"), header("host")) {
        (None, _) => false,
        (Some(origin), Some(host)) => {
            origin != format!("http://{host}") && origin != format!("https://{host}")
        }
        (Some(_), None) => true,
    }
}
