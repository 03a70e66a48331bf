//! Server-only side of accounts: sessions, password hashing, the permission gate every
//! server function calls first, and how errors reach scripts and plain HTML forms.

use std::net::SocketAddr;
use std::sync::OnceLock;

use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{PasswordHash, SaltString};
use argon2::{Argon2, PasswordHasher, PasswordVerifier};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use tower_sessions::Session;

use super::audit::{self, Outcome};
use super::db;
use super::permissions::{check, Access, Capability, Denial, Target};
use super::types::Viewer;
use crate::error::AppError;
use crate::state::AppState;

pub const SESSION_KEY: &str = "auth";
/// However active, a session ends this long after sign-in.
pub const ABSOLUTE_TIMEOUT_SECS: i64 = 12 * 60 * 60;

/// What the session stores: who signed in, when, and which password generation.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SessionAuth {
    pub user_id: i64,
    pub epoch: i64,
    pub signed_in_at: i64,
}

/// Request extension set by the server's middleware: the signed-in user, if any.
#[derive(Debug, Clone)]
pub struct CurrentViewer(pub Option<Viewer>);

/// Resolves a session to its user; ends sessions that are too old, of deactivated
/// users, or from before the last password change.
pub async fn resolve_viewer(session: &Session, state: &AppState) -> Option<Viewer> {
    let auth: SessionAuth = session.get(SESSION_KEY).await.ok().flatten()?;
    let too_old = chrono::Utc::now().timestamp() - auth.signed_in_at > ABSOLUTE_TIMEOUT_SECS;
    let viewer = if too_old {
        None
    } else {
        db::load_viewer(&state.pool, auth.user_id, auth.epoch)
            .await
            .ok()
            .flatten()
    };
    if viewer.is_none() {
        let _ = session.flush().await;
    }
    viewer
}

/// The signed-in user of the request being handled.
pub fn current_viewer() -> Option<Viewer> {
    use_context::<http::request::Parts>()?
        .extensions
        .get::<CurrentViewer>()?
        .0
        .clone()
}

pub fn client_ip() -> Option<String> {
    let parts = use_context::<http::request::Parts>()?;
    let info = parts
        .extensions
        .get::<axum::extract::ConnectInfo<SocketAddr>>()?;
    Some(info.0.ip().to_string())
}

/// The permission gate: the first line of every server function. Refusals are audited.
pub async fn require(capability: Capability, target: Target) -> Result<(Viewer, Access), AppError> {
    let viewer = current_viewer();
    match check(
        viewer.as_ref().map(|v| (v.role, &v.scope)),
        capability,
        target,
    ) {
        Ok(access) => Ok((viewer.expect("checked above"), access)),
        Err(denial) => {
            let state = AppState::from_context()?;
            audit::record(
                &state.pool,
                viewer.as_ref(),
                capability.key(),
                target,
                Outcome::Denied,
                client_ip(),
            )
            .await;
            Err(match denial {
                Denial::SignedOut => AppError::Unauthorized,
                Denial::Forbidden => AppError::Forbidden,
            })
        }
    }
}

/// The same gate for a page rendered on the server; the audit write runs in the background.
pub fn require_page(capability: Capability) -> Result<Viewer, AppError> {
    require_page_on(capability, Target::Any)
}

/// The page gate for a page about `target`.
pub fn require_page_on(capability: Capability, target: Target) -> Result<Viewer, AppError> {
    let viewer = current_viewer();
    match check(
        viewer.as_ref().map(|v| (v.role, &v.scope)),
        capability,
        target,
    ) {
        Ok(_) => Ok(viewer.expect("checked above")),
        Err(denial) => {
            if let Ok(state) = AppState::from_context() {
                let ip = client_ip();
                tokio::spawn(async move {
                    audit::record(
                        &state.pool,
                        viewer.as_ref(),
                        capability.key(),
                        target,
                        Outcome::Denied,
                        ip,
                    )
                    .await;
                });
            }
            Err(match denial {
                Denial::SignedOut => AppError::Unauthorized,
                Denial::Forbidden => AppError::Forbidden,
            })
        }
    }
}

pub async fn session() -> Result<Session, AppError> {
    leptos_axum::extract::<Session>()
        .await
        .map_err(AppError::internal)
}

/// argon2id with the crate's defaults (m = 19456 KiB, t = 2, p = 1), off the async runtime.
pub async fn hash_password(password: String) -> Result<String, AppError> {
    tokio::task::spawn_blocking(move || {
        let salt = SaltString::generate(&mut OsRng);
        Argon2::default()
            .hash_password(password.as_bytes(), &salt)
            .map(|h| h.to_string())
    })
    .await
    .map_err(AppError::internal)?
    .map_err(AppError::internal)
}

pub async fn verify_password(password: String, hash: String) -> bool {
    tokio::task::spawn_blocking(move || {
        PasswordHash::new(&hash)
            .map(|parsed| {
                Argon2::default()
                    .verify_password(password.as_bytes(), &parsed)
                    .is_ok()
            })
            .unwrap_or(false)
    })
    .await
    .unwrap_or(false)
}

/// A hash to verify against when the username is unknown, so both cases take as long.
pub async fn dummy_hash() -> String {
    static DUMMY: OnceLock<String> = OnceLock::new();
    if let Some(hash) = DUMMY.get() {
        return hash.clone();
    }
    let hash = hash_password("not-a-real-password".to_owned())
        .await
        .unwrap_or_default();
    DUMMY.get_or_init(|| hash).clone()
}

/// Finishes a server function: the error's HTTP status for scripts, and for a plain HTML
/// form post (no JavaScript) a redirect back to the form with the error in its URL.
pub fn respond<T>(result: Result<T, AppError>) -> Result<T, AppError> {
    if let Err(error) = &result {
        if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
            response.set_status(
                http::StatusCode::from_u16(error.status())
                    .unwrap_or(http::StatusCode::INTERNAL_SERVER_ERROR),
            );
            if let AppError::TooManyAttempts(seconds) = error {
                if let Ok(value) = http::HeaderValue::from_str(&seconds.to_string()) {
                    response.insert_header(http::header::RETRY_AFTER, value);
                }
            }
        }
        if let Some(back) = form_referer() {
            let code = serde_json::to_string(error).unwrap_or_default();
            leptos_axum::redirect(&with_param(&back, "error", &code));
        }
    }
    result
}

/// Like [`respond`], and on success a form post goes back to its page with `saved=1`.
pub fn respond_saved<T>(result: Result<T, AppError>) -> Result<T, AppError> {
    if result.is_ok() {
        if let Some(back) = form_referer() {
            leptos_axum::redirect(&with_param(&back, "saved", "1"));
        }
    }
    respond(result)
}

/// For a plain form POST to `/api/…` from a page of this site: that page's path and query.
fn form_referer() -> Option<String> {
    let parts = use_context::<http::request::Parts>()?;
    let is_form_post = parts.method == http::Method::POST
        && parts.uri.path().starts_with("/api/")
        && parts
            .headers
            .get(http::header::ACCEPT)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.contains("text/html"));
    if !is_form_post {
        return None;
    }
    same_site_referer(&parts.headers)
}

/// The path and query of the page on this site that sent a request (its `Referer`, when
/// that is this host).
pub fn same_site_referer(headers: &http::HeaderMap) -> Option<String> {
    let referer = headers.get(http::header::REFERER)?.to_str().ok()?;
    let host = headers.get(http::header::HOST)?.to_str().ok()?;
    let path = referer.split_once("://")?.1.strip_prefix(host)?;
    path.starts_with('/').then(|| path.to_owned())
}

/// `path?query` with `name` set to `value` (and the other flash parameter dropped).
pub fn with_param(path_and_query: &str, name: &str, value: &str) -> String {
    let (path, query) = path_and_query
        .split_once('?')
        .unwrap_or((path_and_query, ""));
    let mut kept: Vec<String> = query
        .split('&')
        .filter(|p| !p.is_empty() && !p.starts_with("error=") && !p.starts_with("saved="))
        .map(str::to_owned)
        .collect();
    kept.push(format!("{name}={}", crate::encode_query_value(value)));
    format!("{path}?{}", kept.join("&"))
}

/// Where to go after signing in: a path on this site, else the calendar.
pub fn safe_next(next: Option<&str>) -> String {
    match next {
        Some(n) if n.starts_with('/') && !n.starts_with("//") && !n.contains('\\') => n.to_owned(),
        _ => "/calendar".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flash_parameters_replace_each_other() {
        assert_eq!(
            with_param("/login?next=%2Fcalendar", "error", "x"),
            "/login?next=%2Fcalendar&error=x"
        );
        assert_eq!(
            with_param("/admin/users?error=old", "saved", "1"),
            "/admin/users?saved=1"
        );
        assert_eq!(
            with_param("/account/password", "error", "\"A\""),
            "/account/password?error=%22A%22"
        );
    }

    #[test]
    fn sign_in_only_returns_to_this_site() {
        assert_eq!(safe_next(Some("/admin/audit")), "/admin/audit");
        assert_eq!(safe_next(Some("//evil.example")), "/calendar");
        assert_eq!(safe_next(Some("https://evil.example")), "/calendar");
        assert_eq!(safe_next(None), "/calendar");
    }
}
