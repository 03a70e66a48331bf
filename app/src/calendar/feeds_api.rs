//! Subscription links for phone calendars: `/api/admin/feeds/…`. The secret is shown once,
//! when the link is made; the database keeps only its SHA-256. Between the form's POST and
//! the page that shows it, the secret waits in the server-side session, never in a URL
//! (a redirect's query lands in the browser's history and in every log on the way).

use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

#[cfg(feature = "ssr")]
use crate::calendar::feeds_db::token_hash;
use crate::calendar::types::FeedSummary;
use crate::error::AppError;

/// Where a new link waits in the session until its page takes it out.
#[cfg(feature = "ssr")]
const NEW_FEED_KEY: &str = "new_feed";

/// A link just made, waiting to be shown once: its secret and whose it is.
#[cfg(feature = "ssr")]
#[derive(serde::Serialize, serde::Deserialize)]
struct NewFeedOnce {
    token: String,
    child_id: Option<i64>,
}

#[server(prefix = "/api", endpoint = "admin/feeds/list", input = GetUrl)]
pub async fn list_feeds() -> Result<Vec<FeedSummary>, AppError> {
    use crate::auth::permissions::{Capability, Target};
    use crate::frame::serve;
    serve(Capability::ManageFeeds, Target::Any, |ctx| async move {
        super::feeds_db::list(ctx.pool()).await
    })
    .await
}

/// Makes a link (for the school, or for one child's parents) and shows it once: on the
/// feeds page, or on the child's page when `next` is that page. The secret goes to the
/// session, and the redirect carries nothing but the page.
#[server(prefix = "/api", endpoint = "admin/feeds/create")]
pub async fn create_feed(child_id: Option<String>, next: Option<String>) -> Result<(), AppError> {
    use super::feeds_db;
    use crate::auth::permissions::{Capability, Target};
    use crate::error::ValidationError;
    use crate::frame::serve;
    use argon2::password_hash::rand_core::{OsRng, RngCore};
    serve(Capability::ManageFeeds, Target::Any, |ctx| async move {
        let child = match child_id.as_deref().map(str::trim).filter(|c| !c.is_empty()) {
            None => None,
            Some(raw) => {
                let id: i64 = raw.parse().map_err(|_| ValidationError::Malformed)?;
                Some((id, feeds_db::active_child_name(ctx.pool(), id).await?))
            }
        };
        let mut secret = [0u8; 16];
        OsRng.fill_bytes(&mut secret);
        let token = hex::encode(secret);
        let (scope, label) = match &child {
            None => ("school", "全校学生日历".to_owned()),
            Some((_, name)) => ("child", format!("{name} 的日历（家长订阅）")),
        };
        let mut tx = ctx.begin().await?;
        let id = feeds_db::create(
            &mut tx,
            &token_hash(&token),
            scope,
            child.as_ref().map(|c| c.0),
            &label,
            ctx.viewer.user_id(),
        )
        .await?;
        let target = child.as_ref().map_or(Target::Any, |c| Target::Child {
            id: c.0,
            class_id: 0,
        });
        tx.commit(format!("create_feed {id}"), target).await?;
        let waiting = NewFeedOnce {
            token,
            child_id: child.as_ref().map(|c| c.0),
        };
        crate::auth::session::session()
            .await?
            .insert(NEW_FEED_KEY, waiting)
            .await
            .map_err(AppError::internal)?;
        let back = next
            .filter(|n| {
                crate::school::urls::local_path(n)
                    .is_some_and(|n| n.starts_with("/children/") && !n.contains(['?', '#']))
            })
            .unwrap_or_else(|| "/admin/feeds".to_owned());
        leptos_axum::redirect(&back);
        Ok(())
    })
    .await
}

/// The secret of the link this session made last, taken out of the session so that it is
/// shown once. The feeds page (`child_id` None) takes any; a child's page only that child's.
#[server(prefix = "/api", endpoint = "admin/feeds/new")]
pub async fn take_new_feed(child_id: Option<i64>) -> Result<Option<String>, AppError> {
    use crate::auth::permissions::{Capability, Target};
    use crate::frame::serve;
    serve(Capability::ManageFeeds, Target::Any, |_ctx| async move {
        let session = crate::auth::session::session().await?;
        let waiting: Option<NewFeedOnce> = session
            .get(NEW_FEED_KEY)
            .await
            .map_err(AppError::internal)?;
        match waiting {
            Some(new) if child_id.is_none() || new.child_id == child_id => {
                session
                    .remove::<NewFeedOnce>(NEW_FEED_KEY)
                    .await
                    .map_err(AppError::internal)?;
                Ok(Some(new.token))
            }
            _ => Ok(None),
        }
    })
    .await
}

/// Revokes a link at once: the next refresh of the phone calendar gets nothing.
#[server(prefix = "/api", endpoint = "admin/feeds/revoke")]
pub async fn revoke_feed(id: i64) -> Result<(), AppError> {
    use crate::auth::permissions::{Capability, Target};
    use crate::frame::serve_saved;
    serve_saved(Capability::ManageFeeds, Target::Any, |ctx| async move {
        let mut tx = ctx.begin().await?;
        super::feeds_db::revoke(&mut tx, id).await?;
        tx.commit(format!("revoke_feed {id}"), Target::Any).await
    })
    .await
}
