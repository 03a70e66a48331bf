//! Server-only side of accounts: the session and its user, and password hashing. (The
//! permission gate and the answer of a server function live in the frame module, which
//! builds on this one, never the other way.)

use std::sync::OnceLock;

use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{PasswordHash, SaltString};
use argon2::{Argon2, PasswordHasher, PasswordVerifier};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use tower_sessions::Session;

use super::db;
use super::types::Viewer;
use crate::error::AppError;
use crate::state::AppState;

pub const SESSION_KEY: &str = "auth";
/// However active, a session ends this long after sign-in.
pub const ABSOLUTE_TIMEOUT_SECS: i64 = 12 * 60 * 60;
/// Password hashes computed at once (argon2id, 19 MiB each); sign-ins beyond are asked to
/// retry in a moment.
pub const CONCURRENT_PASSWORD_CHECKS: usize = 4;

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
        match db::load_viewer(&state.pool, auth.user_id, auth.epoch).await {
            Ok(viewer) => viewer,
            // A busy moment of the database is not a reason to sign anyone out.
            Err(error) => {
                tracing::warn!(%error, "could not read the session's user");
                return None;
            }
        }
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
