//! Subscription links for phone calendars: `/api/admin/feeds/…`. The secret is shown once,
//! when the link is made; the database keeps only its SHA-256.

use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

use crate::error::AppError;

pub use super::types::FeedSummary;

/// SHA-256 of a feed secret, hex: what the database stores and looks up.
#[cfg(feature = "ssr")]
pub fn token_hash(token: &str) -> String {
    use sha2::{Digest, Sha256};
    hex::encode(Sha256::digest(token.as_bytes()))
}

#[server(prefix = "/api", endpoint = "admin/feeds/list", input = GetUrl)]
pub async fn list_feeds() -> Result<Vec<FeedSummary>, AppError> {
    use crate::auth::permissions::{Capability, Target};
    use crate::auth::session::require;
    use crate::frame::respond;
    respond(
        async {
            require(Capability::ManageFeeds, Target::Any).await?;
            let state = crate::state::AppState::from_context()?;
            let rows: Vec<(i64, String, String, String, Option<String>)> = sqlx::query_as(
                "SELECT id, scope, label, created_at, revoked_at FROM feed_tokens ORDER BY revoked_at IS NOT NULL, id DESC",
            )
            .fetch_all(&state.pool)
            .await?;
            Ok(rows
                .into_iter()
                .map(|(id, scope, label, created_at, revoked)| FeedSummary { id, scope, label, created_at, revoked: revoked.is_some() })
                .collect())
        }
        .await,
    )
}

/// Makes a subscription link: the school's student calendar (`child_id` empty) or one
/// child's dates for the parents. Goes back to the feeds page showing the link once.
/// Makes a link (for the school, or for one child's parents) and shows it once: on the
/// feeds page, or on the child's page when `next` is that page.
#[server(prefix = "/api", endpoint = "admin/feeds/create")]
pub async fn create_feed(child_id: Option<String>, next: Option<String>) -> Result<(), AppError> {
    use crate::auth::audit::{self, Outcome};
    use crate::auth::permissions::{Capability, Target};
    use crate::auth::session::require;
    use crate::error::ValidationError;
    use crate::frame::{client_ip, respond};
    use argon2::password_hash::rand_core::{OsRng, RngCore};
    respond(
        async {
            let (viewer, _) = require(Capability::ManageFeeds, Target::Any).await?;
            let state = crate::state::AppState::from_context()?;
            let child = match child_id.as_deref().map(str::trim).filter(|c| !c.is_empty()) {
                None => None,
                Some(raw) => {
                    let id: i64 = raw.parse().map_err(|_| ValidationError::Malformed)?;
                    let name: String = sqlx::query_scalar("SELECT name FROM children WHERE id = ? AND enrolment = 'active'")
                        .bind(id)
                        .fetch_optional(&state.pool)
                        .await?
                        .ok_or(AppError::NotFound)?;
                    Some((id, name))
                }
            };
            let mut secret = [0u8; 16];
            OsRng.fill_bytes(&mut secret);
            let token = hex::encode(secret);
            let (scope, label) = match &child {
                None => ("school", "全校学生日历".to_owned()),
                Some((_, name)) => ("child", format!("{name} 的日历（家长订阅）")),
            };
            let id: i64 = sqlx::query_scalar(
                "INSERT INTO feed_tokens (token_hash, scope, child_id, label, created_by) VALUES (?, ?, ?, ?, ?) RETURNING id",
            )
            .bind(token_hash(&token))
            .bind(scope)
            .bind(child.as_ref().map(|c| c.0))
            .bind(&label)
            .bind(viewer.user_id())
            .fetch_one(&state.pool)
            .await?;
            let target = child.as_ref().map_or(Target::Any, |c| Target::Child { id: c.0, class_id: 0 });
            audit::record(&state.pool, Some(&viewer), &format!("create_feed {id}"), target, Outcome::Success, client_ip()).await;
            let back = next
                .filter(|n| n.starts_with("/children/") && !n.contains(['?', '#']))
                .unwrap_or_else(|| "/admin/feeds".to_owned());
            leptos_axum::redirect(&format!("{back}?created={token}"));
            Ok(())
        }
        .await,
    )
}

/// Revokes a link at once: the next refresh of the phone calendar gets nothing.
#[server(prefix = "/api", endpoint = "admin/feeds/revoke")]
pub async fn revoke_feed(id: i64) -> Result<(), AppError> {
    use crate::auth::audit::{self, Outcome};
    use crate::auth::permissions::{Capability, Target};
    use crate::auth::session::require;
    use crate::frame::{client_ip, respond_saved};
    respond_saved(
        async {
            let (viewer, _) = require(Capability::ManageFeeds, Target::Any).await?;
            let state = crate::state::AppState::from_context()?;
            let done = sqlx::query(
                "UPDATE feed_tokens SET revoked_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = ? AND revoked_at IS NULL",
            )
            .bind(id)
            .execute(&state.pool)
            .await?;
            if done.rows_affected() == 0 {
                return Err(AppError::NotFound);
            }
            audit::record(&state.pool, Some(&viewer), &format!("revoke_feed {id}"), Target::Any, Outcome::Success, client_ip()).await;
            Ok(())
        }
        .await,
    )
}
