//! Calendar pages kept whole (issue 17). When the staff open the calendar on Monday morning,
//! or a teacher goes back and forth between April and May, each gets the page the server
//! rendered for that very request a moment ago, instead of rendering it again (about a
//! millisecond of the server's time each).
//!
//! A page is served again only for the same request: the same signed-in user as resolved
//! for this request (every field: role, scope, name), the same URL, the same request
//! headers (cookies, language and all, bar a few that never change a page), on the same
//! school day. And
//! only while nothing it could show has changed: its version is the calendar's version
//! (bumped by triggers on every table the calendar reads, in the writing transaction) plus
//! the newest audit row's id (every write of the app is audited in its own transaction).
//! Reads of health data are audited too, so a page that showed checkup follow-ups moved
//! the version as it was made and is never served again: each view is audited anew.
//!
//! Only a 200 HTML page that sets no cookie, made while nothing was written (so never a page
//! whose making was audited), is kept. Its script nonce is replaced in every answer by the
//! answer's own (the one its CSP header names, `security::harden`), so no two share one.
//!
//! A page made ahead (`calendar::gestures::ahead`, made again every minute while a month is
//! open) carries a weak ETag: what the page says, its nonce aside. Made again, the tablet
//! names it, and an unchanged page is answered 304 with no body: no bytes over a village's
//! signal and no layout on the tablet.

use std::fmt::Write as _;
use std::sync::{Arc, OnceLock};

use app::auth::session::CurrentViewer;
use app::auth::types::Viewer;
use app::calendar::types::memo::{Memo, Weighed};
use app::calendar::types::query::MADE_AHEAD_HEADER;
use app::state::AppState;
use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use http_body_util::BodyExt;

use crate::content_coding::{none_match_hits, weight};
use crate::security::PageNonce;
use crate::stitched_gzip::Stitched;

/// The pages kept whole: the calendar's, the page the whole staff opens.
const KEPT_PATHS: [&str; 1] = ["/calendar"];
/// A page larger than this is a sign of odd data; it is served but not kept.
const LARGEST_PAGE: usize = 2 << 20;

/// The server's state and the pages it keeps (the middleware's state).
#[derive(Clone)]
pub struct KeptPages {
    pub state: AppState,
    pub memo: Arc<Memo<Arc<KeptPage>>>,
}

impl KeptPages {
    pub fn new(state: AppState) -> Self {
        KeptPages {
            state,
            memo: Arc::default(),
        }
    }
}

/// A rendered page: its headers, its HTML and the nonce it was rendered with, and the same
/// gzipped once with the nonce's places left open (when a browser first asks for it: the
/// page's first viewer does not wait for it).
#[derive(Debug)]
pub struct KeptPage {
    headers: HeaderMap,
    html: String,
    nonce: String,
    gzip: OnceLock<Option<Stitched>>,
    tag: OnceLock<String>,
}

impl Weighed for KeptPage {
    fn weight(&self) -> usize {
        self.html.len() * 5 / 4 + 1024
    }
}

impl KeptPage {
    /// The page again, with this answer's nonce; gzipped for a browser that takes gzip (all
    /// do), without compressing it again.
    fn answer(&self, accept_encoding: Option<&str>, fresh: &str) -> Response {
        let zipped = (weight(accept_encoding, "gzip") > 0.0)
            .then(|| {
                self.gzip
                    .get_or_init(|| Stitched::new(&self.html, &self.nonce).ok())
                    .as_ref()
            })
            .flatten();
        let gzip = zipped.is_some();
        let body = match zipped {
            Some(stitched) => Body::from(stitched.fill(fresh)),
            None => Body::from(self.html.replace(&self.nonce, fresh)),
        };
        let mut response = Response::new(body);
        *response.headers_mut() = self.headers.clone();
        if gzip {
            let headers = response.headers_mut();
            headers.insert(header::CONTENT_ENCODING, HeaderValue::from_static("gzip"));
            headers.append(header::VARY, HeaderValue::from_static("accept-encoding"));
        }
        response
    }

    /// The page's weak ETag, worked out once.
    fn tag(&self) -> &str {
        self.tag.get_or_init(|| tag_of(&self.html, &self.nonce))
    }
}

/// A page's weak ETag: the SHA-256 of its HTML with its nonce left out, so two answers of
/// a page that has not changed have the same (weak: their bytes differ by the nonce).
fn tag_of(html: &str, nonce: &str) -> String {
    use sha2::{Digest, Sha256};
    let mut hash = Sha256::new();
    for (i, part) in html.split(nonce).enumerate() {
        if i > 0 {
            hash.update(b"\0");
        }
        hash.update(part.as_bytes());
    }
    format!("W/\"{}\"", hex::encode(&hash.finalize()[..16]))
}

/// The answer to a page made ahead: 304 when the tablet names the page's `tag` (it already
/// has the page), else `answer` with the tag.
fn ahead_answer(
    tag: &str,
    if_none_match: Option<&str>,
    answer: impl FnOnce() -> Response,
) -> Response {
    let etag = HeaderValue::from_str(tag).expect("a tag is hex in quotes");
    if if_none_match.is_some_and(|names| none_match_hits(names, tag.trim_start_matches("W/"))) {
        return (StatusCode::NOT_MODIFIED, [(header::ETAG, etag)]).into_response();
    }
    let mut response = answer();
    response.headers_mut().insert(header::ETAG, etag);
    response
}

/// Serves a kept page when there is one for this request at the current version; else
/// renders it and keeps it when it may be kept.
pub async fn serve(State(pages): State<KeptPages>, request: Request, next: Next) -> Response {
    let viewer = request
        .extensions()
        .get::<CurrentViewer>()
        .and_then(|current| current.0.clone());
    let kept_path = KEPT_PATHS.contains(&request.uri().path());
    let nonce = request.extensions().get::<PageNonce>().cloned();
    let (Some(viewer), Some(PageNonce(nonce))) = (
        viewer.filter(|_| request.method() == Method::GET && kept_path),
        nonce,
    ) else {
        return next.run(request).await;
    };
    let version = match crate::db::page_version(&pages.state.pool).await {
        Ok(version) => version,
        Err(error) => {
            tracing::warn!(%error, "could not read the pages' version");
            return next.run(request).await;
        }
    };
    // The header names the school as its admin last saved it: a page made before a save
    // is never served after it, even between the save's audit row and its new name.
    let school = pages.state.school.read().map_or(0, |s| s.version);
    let key = key(&request, &viewer, pages.state.today(), school);
    // Only a page made ahead is tagged (a browser never revalidates a page it may not store).
    let ahead = request.headers().contains_key(MADE_AHEAD_HEADER);
    let if_none_match = header_text(&request, header::IF_NONE_MATCH);
    if let Some(page) = pages.memo.get(&key, version) {
        let accept_encoding = header_text(&request, header::ACCEPT_ENCODING);
        let answer = || page.answer(accept_encoding.as_deref(), &nonce);
        return if ahead {
            ahead_answer(page.tag(), if_none_match.as_deref(), answer)
        } else {
            answer()
        };
    }
    let locale = app::i18n::Locale::from_headers(request.headers());
    // The calendar renders with `SsrMode::Async`: the answer is whole or an error status,
    // never a 200 whose stream fails halfway (a streamed route must not be kept).
    let response = next.run(request).await;
    if !keepable(&response) {
        return response;
    }
    let (parts, body) = response.into_parts();
    let bytes = match body.collect().await {
        Ok(collected) => collected.to_bytes(),
        Err(error) => {
            let error =
                app::error::AppError::internal(format!("a page could not be read whole: {error}"));
            let message = error.message(locale.strings());
            return (StatusCode::INTERNAL_SERVER_ERROR, message).into_response();
        }
    };
    let tag = ahead
        .then(|| {
            std::str::from_utf8(&bytes)
                .ok()
                .map(|html| tag_of(html, &nonce))
        })
        .flatten();
    keep(
        &pages,
        key,
        version,
        &parts.headers,
        &bytes,
        nonce.to_string(),
        tag.clone(),
    )
    .await;
    let answer = || Response::from_parts(parts, Body::from(bytes));
    match tag {
        Some(tag) => ahead_answer(&tag, if_none_match.as_deref(), answer),
        None => answer(),
    }
}

fn header_text(request: &Request, name: header::HeaderName) -> Option<String> {
    let value = request.headers().get(name)?;
    value.to_str().ok().map(str::to_owned)
}

/// Keeps a page made at `version`, only when nothing was written while it was made: a page
/// whose making wrote an audit row (health data shown) is never kept, so no view of it
/// goes unaudited.
async fn keep(
    pages: &KeptPages,
    key: String,
    version: i64,
    headers: &HeaderMap,
    bytes: &Bytes,
    nonce: String,
    tag: Option<String>,
) {
    let unchanged = crate::db::page_version(&pages.state.pool)
        .await
        .is_ok_and(|now| now == version);
    if !unchanged || bytes.len() > LARGEST_PAGE {
        return;
    }
    let Ok(html) = String::from_utf8(bytes.to_vec()) else {
        return;
    };
    if !html.contains(&nonce) {
        return;
    }
    let mut headers = headers.clone();
    headers.remove(header::CONTENT_LENGTH);
    let page = KeptPage {
        headers,
        html,
        nonce,
        gzip: OnceLock::new(),
        tag: tag.map(OnceLock::from).unwrap_or_default(),
    };
    pages.memo.put(key, version, Arc::new(page));
}

/// A page that may be kept: a 200 HTML answer that sets no cookie.
fn keepable(response: &Response) -> bool {
    let headers = response.headers();
    let html = headers
        .get(header::CONTENT_TYPE)
        .and_then(|t| t.to_str().ok())
        .is_some_and(|t| t.starts_with("text/html"));
    response.status() == StatusCode::OK && html && !headers.contains_key(header::SET_COOKIE)
}

/// Headers that never change what a page shows; every other header is part of the key.
fn ignored(name: &str) -> bool {
    matches!(
        name,
        "accept-encoding"
            | "cache-control"
            | "connection"
            | "if-modified-since"
            | "if-none-match"
            | "pragma"
            | "priority"
            | "referer"
            | "upgrade-insecure-requests"
    ) || name.starts_with("sec-fetch-")
}

/// Everything the page may depend on in the request, written out whole (never a hash:
/// two requests share a page only when they are the same request).
fn key(request: &Request, viewer: &Viewer, today: chrono::NaiveDate, school: i64) -> String {
    let mut headers: Vec<(&str, &[u8])> = request
        .headers()
        .iter()
        .filter(|(name, _)| !ignored(name.as_str()))
        .map(|(name, value)| (name.as_str(), value.as_bytes()))
        .collect();
    // By name only, and stable: the values of a repeated header keep their order (the
    // language is read from the first cookie header that names it).
    headers.sort_by(|a, b| a.0.cmp(b.0));
    let Viewer {
        username,
        display_name,
        role,
        scope,
        must_change_password,
        outbox_key,
    } = viewer;
    let mut key = format!(
        "{today} {school}\n{}\n{username}\n{display_name}\n{}\n{} {:?} {:?} {:?}\n{must_change_password}\n{outbox_key}\n",
        request.uri(),
        role.key(),
        scope.user_id,
        scope.paired_children,
        scope.classes,
        scope.groups,
    );
    for (name, value) in headers {
        let _ = writeln!(key, "{name}: {}", value.escape_ascii());
    }
    key
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(status: StatusCode, headers: &[(&str, &str)]) -> Response {
        let mut response = Response::new(Body::empty());
        *response.status_mut() = status;
        for (name, value) in headers {
            response.headers_mut().append(
                header::HeaderName::from_bytes(name.as_bytes()).unwrap(),
                HeaderValue::from_str(value).unwrap(),
            );
        }
        response
    }

    #[test]
    fn only_a_plain_html_page_is_kept() {
        let html = ("content-type", "text/html; charset=utf-8");
        assert!(keepable(&page(StatusCode::OK, &[html])));
        assert!(!keepable(&page(
            StatusCode::OK,
            &[html, ("set-cookie", "a=b")]
        )));
        assert!(!keepable(&page(StatusCode::SEE_OTHER, &[html])));
        assert!(!keepable(&page(
            StatusCode::OK,
            &[("content-type", "application/json")]
        )));
    }

    #[test]
    fn every_answer_of_a_kept_page_has_its_own_nonce() {
        let nonce = "zCl9OAR2OeHmN-ddL8GYtQ";
        let html =
            format!(r#"<script nonce="{nonce}">a</script><script nonce="{nonce}">b</script>"#);
        let kept = KeptPage {
            headers: HeaderMap::new(),
            gzip: OnceLock::new(),
            tag: OnceLock::new(),
            html,
            nonce: nonce.into(),
        };
        let fresh = "Qm9va3NBbmRDaGlsZHJlbg";
        let body = String::from_utf8(body_of(kept.answer(None, fresh)).to_vec()).unwrap();
        assert_eq!(body.matches(&format!(r#"nonce="{fresh}""#)).count(), 2);
        assert!(!body.contains(nonce));

        // To a browser that takes gzip: the same page, gzipped, with its answer's nonce too.
        let plain = kept.answer(Some("gzip;q=0, br"), fresh);
        assert!(!plain.headers().contains_key(header::CONTENT_ENCODING));
        let zipped = kept.answer(Some("gzip, deflate, br"), fresh);
        assert_eq!(zipped.headers()[header::CONTENT_ENCODING], "gzip");
        assert_eq!(zipped.headers()[header::VARY], "accept-encoding");
        let bytes = body_of(zipped);
        let mut text = String::new();
        std::io::Read::read_to_string(&mut flate2::read::GzDecoder::new(&bytes[..]), &mut text)
            .unwrap();
        assert_eq!(text, kept.html.replace(nonce, fresh));
    }

    #[test]
    fn a_page_made_ahead_is_unchanged_whatever_its_nonce_and_changed_by_a_word() {
        let page =
            |nonce: &str, title: &str| format!(r#"<script nonce="{nonce}"></script>{title}"#);
        let tag = tag_of(&page("first", "四月"), "first");
        assert!(
            tag.starts_with("W/\"") && tag.ends_with('"'),
            "a weak tag: {tag}"
        );
        assert_eq!(tag_of(&page("second", "四月"), "second"), tag);
        assert_ne!(tag_of(&page("second", "五月"), "second"), tag);

        let page_again = || Response::new(Body::from("the page"));
        let unchanged = ahead_answer(&tag, Some(&tag), page_again);
        assert_eq!(unchanged.status(), StatusCode::NOT_MODIFIED);
        assert_eq!(unchanged.headers()[header::ETAG], tag.as_str());
        assert!(body_of(unchanged).is_empty());
        for names in [None, Some(r#"W/"0123""#), Some("")] {
            let answer = ahead_answer(&tag, names, page_again);
            assert_eq!(answer.status(), StatusCode::OK, "{names:?}");
            assert_eq!(answer.headers()[header::ETAG], tag.as_str());
            assert_eq!(body_of(answer), "the page");
        }
    }

    fn body_of(response: Response) -> Bytes {
        tokio::runtime::Builder::new_current_thread()
            .build()
            .unwrap()
            .block_on(response.into_body().collect())
            .unwrap()
            .to_bytes()
    }

    #[test]
    fn requests_differing_in_anything_but_the_ignored_headers_get_their_own_page() {
        let viewer = |name: &str| Viewer {
            username: name.into(),
            display_name: name.into(),
            role: app::auth::types::Role::Teacher,
            scope: app::auth::types::Scope {
                user_id: 2,
                paired_children: vec![],
                classes: vec![1],
                groups: vec![],
            },
            must_change_password: false,
            outbox_key: String::new(),
        };
        let today = chrono::NaiveDate::from_ymd_opt(2027, 4, 19).unwrap();
        let request = |uri: &str, headers: &[(&str, &str)]| {
            let mut builder = Request::builder().uri(uri);
            for (name, value) in headers {
                builder = builder.header(*name, *value);
            }
            builder.body(Body::empty()).unwrap()
        };
        let teacher = viewer("teacher");
        let base = key(
            &request(
                "/calendar?date=2027-04-19",
                &[("cookie", "s=1"), ("accept-language", "zh-CN")],
            ),
            &teacher,
            today,
            1,
        );
        let same = key(
            &request(
                "/calendar?date=2027-04-19",
                &[
                    ("accept-language", "zh-CN"),
                    ("cookie", "s=1"),
                    ("sec-fetch-mode", "navigate"),
                    ("referer", "/x"),
                ],
            ),
            &teacher,
            today,
            1,
        );
        assert_eq!(
            base, same,
            "header order and navigation headers do not matter"
        );
        for other in [
            key(
                &request(
                    "/calendar?date=2027-05-19",
                    &[("cookie", "s=1"), ("accept-language", "zh-CN")],
                ),
                &teacher,
                today,
                1,
            ),
            key(
                &request(
                    "/calendar?date=2027-04-19",
                    &[("cookie", "s=2"), ("accept-language", "zh-CN")],
                ),
                &teacher,
                today,
                1,
            ),
            key(
                &request(
                    "/calendar?date=2027-04-19",
                    &[("cookie", "s=1"), ("accept-language", "en")],
                ),
                &teacher,
                today,
                1,
            ),
            key(
                &request(
                    "/calendar?date=2027-04-19",
                    &[("cookie", "s=1"), ("accept-language", "zh-CN")],
                ),
                &viewer("other"),
                today,
                1,
            ),
            key(
                &request(
                    "/calendar?date=2027-04-19",
                    &[("cookie", "s=1"), ("accept-language", "zh-CN")],
                ),
                &teacher,
                today.succ_opt().unwrap(),
                1,
            ),
            // The school's details saved since.
            key(
                &request(
                    "/calendar?date=2027-04-19",
                    &[("cookie", "s=1"), ("accept-language", "zh-CN")],
                ),
                &teacher,
                today,
                2,
            ),
        ] {
            assert_ne!(base, other);
        }
    }
}
