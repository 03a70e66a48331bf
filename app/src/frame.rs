//! The frame every server function runs in, written once: the permission gate, the request
//! context it hands out (who, the database, the school's clock, the client's address), the
//! audit log written through that context, and how the result reaches the caller.
//!
//! A server function is its permission line and its body:
//!
//! ```ignore
//! serve(Capability::ReadHealth, Target::Any, |ctx| async move {
//!     let items = db::open_follow_ups(ctx.pool(), &ctx.viewer, None).await?;
//!     ctx.read("read_health follow_ups", Target::Any).await?; // refused if not audited
//!     Ok(items)
//! })
//! .await
//! ```
//!
//! Reads of children's data are refused when their audit row cannot be written; a write
//! and its audit row commit in one transaction ([`Ctx::begin`], [`Tx::commit`]) or not at all.

use std::future::Future;
use std::net::SocketAddr;
use std::ops::{Deref, DerefMut};

use chrono::NaiveDate;
use leptos::prelude::*;
use sqlx::{Sqlite, SqliteConnection, SqlitePool, Transaction};

use crate::auth::audit::{self, Outcome};
use crate::auth::permissions::{check, Access, Capability, Denial, Target};
use crate::auth::session::current_viewer;
use crate::auth::types::Viewer;
pub use crate::client_address::{client_address, ClientAddress};
use crate::error::AppError;
use crate::state::AppState;

/// One request of a signed-in user who passed the gate.
pub struct Ctx {
    pub viewer: Viewer,
    /// How much of the gate's capability the viewer has (all, paired children, …).
    pub access: Access,
    state: AppState,
    ip: Option<String>,
}

impl Ctx {
    pub fn pool(&self) -> &SqlitePool {
        &self.state.pool
    }

    pub fn state(&self) -> &AppState {
        &self.state
    }

    /// The school's today (its configured time zone, not the server's or the browser's).
    pub fn today(&self) -> NaiveDate {
        self.state.today()
    }

    /// Whether the viewer may `capability` on `target` (nothing is audited: for what a
    /// page offers, never for what it returns).
    pub fn may(&self, capability: Capability, target: Target) -> bool {
        check(
            Some((self.viewer.role, &self.viewer.scope)),
            capability,
            target,
        )
        .is_ok()
    }

    /// The gate again, for one record the request touches; a refusal is audited.
    pub async fn require(
        &self,
        capability: Capability,
        target: Target,
    ) -> Result<Access, AppError> {
        match check(
            Some((self.viewer.role, &self.viewer.scope)),
            capability,
            target,
        ) {
            Ok(access) => Ok(access),
            Err(denial) => {
                self.refuse(capability, target).await;
                Err(denied(denial))
            }
        }
    }

    /// Refuses the request (audited) when the gate let it in but the record it asks for is
    /// not the caller's to reach (a student asking for another child's diary picture, say).
    pub async fn refuse(&self, capability: Capability, target: Target) -> AppError {
        refuse(
            &self.state,
            Some(&self.viewer),
            capability,
            target,
            self.ip.clone(),
        )
        .await;
        AppError::Forbidden
    }

    /// Audits a read. When the row cannot be written the read is refused: nobody reads a
    /// child's data without a trace.
    pub async fn read(&self, action: impl AsRef<str>, target: Target) -> Result<(), AppError> {
        let mut conn = self.state.pool.acquire().await?;
        audit::insert(
            &mut conn,
            Some(self.who()),
            action.as_ref(),
            target,
            Outcome::Allowed,
            self.ip.as_deref(),
        )
        .await
        .map_err(audit_unavailable)
    }

    /// Opens a write transaction (`BEGIN IMMEDIATE`: concurrent writers queue for the
    /// database instead of failing halfway). Nothing is written until [`Tx::commit`].
    pub async fn begin(&self) -> Result<Tx, AppError> {
        let turn = self.state.writer.clone().lock_owned().await;
        let tx = self.state.pool.begin_with("BEGIN IMMEDIATE").await?;
        Ok(Tx {
            tx,
            _turn: turn,
            who: Some((self.viewer.user_id(), self.viewer.username.clone())),
            ip: self.ip.clone(),
        })
    }

    fn who(&self) -> (i64, &str) {
        (self.viewer.user_id(), self.viewer.username.as_str())
    }
}

/// A write in progress. Use it as the connection of every statement of the write
/// (`&mut *tx`); [`Tx::commit`] adds the audit row and commits both, or neither.
pub struct Tx {
    tx: Transaction<'static, Sqlite>,
    /// This server's turn to write, given back when the transaction ends.
    _turn: tokio::sync::OwnedMutexGuard<()>,
    /// Nobody for a write through a family's link (no account; no address kept either).
    who: Option<(i64, String)>,
    ip: Option<String>,
}

/// A write through a family's link, where nobody is signed in: the same transaction and
/// audit row, without a user and without the client's address (the parent is not tracked).
pub async fn begin_open(state: &AppState) -> Result<Tx, AppError> {
    let turn = state.writer.clone().lock_owned().await;
    let tx = state.pool.begin_with("BEGIN IMMEDIATE").await?;
    Ok(Tx {
        tx,
        _turn: turn,
        who: None,
        ip: None,
    })
}

impl Tx {
    pub async fn commit(mut self, action: impl AsRef<str>, target: Target) -> Result<(), AppError> {
        audit::insert(
            &mut self.tx,
            self.who.as_ref().map(|(id, name)| (*id, name.as_str())),
            action.as_ref(),
            target,
            Outcome::Success,
            self.ip.as_deref(),
        )
        .await
        .map_err(audit_unavailable)?;
        self.tx.commit().await?;
        Ok(())
    }
}

impl Deref for Tx {
    type Target = SqliteConnection;
    fn deref(&self) -> &SqliteConnection {
        &self.tx
    }
}

impl DerefMut for Tx {
    fn deref_mut(&mut self) -> &mut SqliteConnection {
        &mut self.tx
    }
}

fn audit_unavailable(error: sqlx::Error) -> AppError {
    tracing::error!(%error, "could not write the audit log: the request is refused");
    AppError::AuditUnavailable
}

/// The permission gate, the first line of every server function: the request context when
/// the signed-in user may `capability` on `target`. Refusals are audited.
pub async fn require(capability: Capability, target: Target) -> Result<Ctx, AppError> {
    let state = AppState::from_context()?;
    gate(state, current_viewer(), client_ip(), capability, target).await
}

/// The gate for a route outside the server functions (an export, say), given what the
/// route extracted itself.
pub async fn gate(
    state: AppState,
    viewer: Option<Viewer>,
    ip: Option<String>,
    capability: Capability,
    target: Target,
) -> Result<Ctx, AppError> {
    match check(
        viewer.as_ref().map(|v| (v.role, &v.scope)),
        capability,
        target,
    ) {
        Ok(access) => Ok(Ctx {
            viewer: viewer.expect("checked above"),
            access,
            state,
            ip,
        }),
        Err(denial) => {
            refuse(&state, viewer.as_ref(), capability, target, ip).await;
            Err(denied(denial))
        }
    }
}

/// A server function's whole frame: the gate, then `body` with the request context, then
/// the answer as [`respond`] gives it.
pub async fn serve<T, F, Fut>(
    capability: Capability,
    target: Target,
    body: F,
) -> Result<T, AppError>
where
    F: FnOnce(Ctx) -> Fut,
    Fut: Future<Output = Result<T, AppError>>,
{
    respond(gated(capability, target, body).await)
}

/// [`serve`] for a settings form: on success a plain form post goes back to its page
/// with `saved=1`.
pub async fn serve_saved<T, F, Fut>(
    capability: Capability,
    target: Target,
    body: F,
) -> Result<T, AppError>
where
    F: FnOnce(Ctx) -> Fut,
    Fut: Future<Output = Result<T, AppError>>,
{
    respond_saved(gated(capability, target, body).await)
}

async fn gated<T, F, Fut>(capability: Capability, target: Target, body: F) -> Result<T, AppError>
where
    F: FnOnce(Ctx) -> Fut,
    Fut: Future<Output = Result<T, AppError>>,
{
    body(require(capability, target).await?).await
}

/// The frame of the two functions that need nobody signed in (signing in and out): the
/// school's state and the client's address, then the answer as [`respond`] gives it.
pub async fn serve_open<T, F, Fut>(body: F) -> Result<T, AppError>
where
    F: FnOnce(AppState, Option<String>) -> Fut,
    Fut: Future<Output = Result<T, AppError>>,
{
    respond(
        async {
            let state = AppState::from_context()?;
            body(state, client_ip()).await
        }
        .await,
    )
}

/// A refusal in the audit log. Best effort: the request is refused either way.
async fn refuse(
    state: &AppState,
    viewer: Option<&Viewer>,
    capability: Capability,
    target: Target,
    ip: Option<String>,
) {
    match viewer {
        Some(_) => {
            audit::record(
                &state.pool,
                viewer,
                capability.key(),
                target,
                Outcome::Denied,
                ip,
            )
            .await
        }
        None => {
            audit::record_anonymous(
                &state.pool,
                &state.anonymous_noise,
                capability.key(),
                target,
                Outcome::Denied,
                ip,
            )
            .await
        }
    }
}

fn denied(denial: Denial) -> AppError {
    match denial {
        Denial::SignedOut => AppError::Unauthorized,
        Denial::Forbidden => AppError::Forbidden,
    }
}

/// The same gate for a page rendered on the server; the audit write runs in the background.
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
                    refuse(&state, viewer.as_ref(), capability, target, ip).await;
                });
            }
            Err(denied(denial))
        }
    }
}

/// The address the request came from, as the server's middleware resolved it (see
/// [`client_address`]).
pub fn client_ip() -> Option<String> {
    let parts = use_context::<http::request::Parts>()?;
    if let Some(ClientAddress(ip)) = parts.extensions.get::<ClientAddress>() {
        return Some(ip.to_string());
    }
    let info = parts
        .extensions
        .get::<axum::extract::ConnectInfo<SocketAddr>>()?;
    Some(info.0.ip().to_string())
}

/// Finishes a server function: the error's HTTP status for scripts, and for a plain HTML
/// form post (no JavaScript) a redirect back to the form with the error in its URL.
pub fn respond<T>(result: Result<T, AppError>) -> Result<T, AppError> {
    if let Err(error) = &result {
        if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
            set_status(&response, error);
            if let Some(seconds) = error.retry_after() {
                if let Ok(value) = http::HeaderValue::from_str(&seconds.to_string()) {
                    response.insert_header(http::header::RETRY_AFTER, value);
                }
            }
            // The reason in the user's words, for a script that sent the form (the outbox
            // of a tablet that kept an entry): percent-encoded, as a header must be ASCII.
            if let Some(parts) = use_context::<http::request::Parts>() {
                let t = crate::i18n::Locale::from_headers(&parts.headers).strings();
                let words = crate::school::urls::encode_query_value(error.message(t));
                if let Ok(value) = http::HeaderValue::from_str(&words) {
                    response.insert_header(
                        http::HeaderName::from_static(crate::error::REASON_HEADER),
                        value,
                    );
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

/// An answer that keeps a refusal's status: a dead family link answers 404 with whom to
/// ask for a new one, to the page that shows it and to a script alike.
pub fn answer_as<T>(error: &AppError, answer: T) -> T {
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        set_status(&response, error);
    }
    answer
}

fn set_status(response: &leptos_axum::ResponseOptions, error: &AppError) {
    response.set_status(
        http::StatusCode::from_u16(error.status())
            .unwrap_or(http::StatusCode::INTERNAL_SERVER_ERROR),
    );
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
    crate::school::urls::same_site_referer(&parts.headers)
}

/// `path?query` with `name` set to `value` (and the other flash parameters dropped: a form
/// saved after a refusal no longer names it).
pub fn with_param(path_and_query: &str, name: &str, value: &str) -> String {
    let (path, query) = path_and_query
        .split_once('?')
        .unwrap_or((path_and_query, ""));
    let mut kept: Vec<String> = query
        .split('&')
        .filter(|p| {
            !p.is_empty()
                && !p.starts_with("error=")
                && !p.starts_with("saved=")
                && !p.starts_with("refused=")
        })
        .map(str::to_owned)
        .collect();
    kept.push(format!(
        "{name}={}",
        crate::school::urls::encode_query_value(value)
    ));
    format!("{path}?{}", kept.join("&"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::net::IpAddr;

    fn headers(pairs: &[(&'static str, &str)]) -> http::HeaderMap {
        let mut map = http::HeaderMap::new();
        for (name, value) in pairs {
            map.append(*name, value.parse().unwrap());
        }
        map
    }

    fn ip(s: &str) -> IpAddr {
        s.parse().unwrap()
    }

    #[test]
    fn forwarded_addresses_from_an_untrusted_peer_are_ignored() {
        let forged = headers(&[("x-forwarded-for", "10.1.1.1"), ("x-real-ip", "10.2.2.2")]);
        assert_eq!(
            client_address(ip("203.0.113.7"), &forged, &[]),
            ip("203.0.113.7")
        );
        assert_eq!(
            client_address(ip("203.0.113.7"), &forged, &[ip("192.168.1.1")]),
            ip("203.0.113.7")
        );
    }

    #[test]
    fn behind_a_trusted_proxy_the_right_most_untrusted_address_is_the_client() {
        let proxy = ip("192.168.1.1");
        let trusted = [proxy, ip("192.168.1.2")];
        // The client prepended a forged address; the proxies appended the real ones.
        let chain = headers(&[("x-forwarded-for", "6.6.6.6, 203.0.113.7, 192.168.1.2")]);
        assert_eq!(client_address(proxy, &chain, &trusted), ip("203.0.113.7"));
        let split = headers(&[
            ("x-forwarded-for", "6.6.6.6"),
            ("x-forwarded-for", "203.0.113.7:51000"),
        ]);
        assert_eq!(client_address(proxy, &split, &trusted), ip("203.0.113.7"));
        let real_ip = headers(&[("x-real-ip", "203.0.113.8")]);
        assert_eq!(client_address(proxy, &real_ip, &trusted), ip("203.0.113.8"));
        assert_eq!(
            client_address(proxy, &headers(&[]), &trusted),
            proxy,
            "a request from the proxy itself"
        );
        let garbage = headers(&[("x-forwarded-for", "203.0.113.7, not-an-address")]);
        assert_eq!(client_address(proxy, &garbage, &trusted), proxy);
        let mapped = headers(&[("x-forwarded-for", "::ffff:203.0.113.9")]);
        assert_eq!(client_address(proxy, &mapped, &trusted), ip("203.0.113.9"));
    }

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
            with_param("/admin/users?refused=ab12", "saved", "1"),
            "/admin/users?saved=1"
        );
        assert_eq!(
            with_param("/account/password", "error", "\"A\""),
            "/account/password?error=%22A%22"
        );
    }
}
