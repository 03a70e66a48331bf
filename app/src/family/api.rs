//! The families far away over HTTP. The parents' page and what they send go through their
//! household's link (no account; the link is the permission, and nothing else of the
//! child's file is reachable); staff manage links, read messages, review proposed changes
//! and choose what of the diary to share, for the children whose files they write.

use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

use super::types::{FamilyDesk, FamilyOpened, ProposalInput};
use crate::error::AppError;

/// Where a new link waits in the session until its page shows it once.
#[cfg(feature = "ssr")]
const NEW_LINK_KEY: &str = "new_family_link";

#[cfg(feature = "ssr")]
#[derive(serde::Serialize, serde::Deserialize)]
struct NewLinkOnce {
    token: String,
    child_id: i64,
}

/// A family's link, found by its secret: its id and its children still at school. An
/// unknown, revoked or dead link is refused as one (audited, without the address).
#[cfg(feature = "ssr")]
async fn household(
    state: &crate::state::AppState,
    token: &str,
) -> Result<(i64, Vec<i64>), AppError> {
    use crate::auth::audit::{self, Outcome};
    use crate::auth::permissions::Target;
    let hash = crate::calendar::feeds_db::token_hash(token.trim());
    match super::db::live(&state.pool, &hash).await? {
        Some(found) => Ok(found),
        None => {
            audit::record_anonymous(
                &state.pool,
                &state.anonymous_noise,
                "open_family_page",
                Target::Any,
                Outcome::Denied,
                None,
            )
            .await;
            Err(AppError::NotFound)
        }
    }
}

/// The parents' page. Each opening is counted for the link and audited per child.
#[server(prefix = "/api", endpoint = "family/page", input = GetUrl)]
pub async fn get_family_page(token: String) -> Result<FamilyOpened, AppError> {
    use crate::auth::permissions::Target;
    use crate::frame::{begin_open, serve_open};
    serve_open(|state, _ip| async move {
        let (link, children) = match household(&state, &token).await {
            Err(AppError::NotFound) => {
                let school_phone = super::access::school_phone(&state);
                let gone = FamilyOpened::Gone { school_phone };
                return Ok(crate::frame::answer_as(&AppError::NotFound, gone));
            }
            found => found?,
        };
        let page = super::access::page(&state, link, &children).await?;
        let mut tx = begin_open(&state).await?;
        super::db::opened(&mut tx, link, state.today()).await?;
        // A row for each child read; the first goes with the commit.
        for &child in &children[1..] {
            let target = Target::Child {
                id: child,
                class_id: 0,
            };
            crate::auth::audit::insert(
                &mut tx,
                None,
                &format!("open_family_page {link}"),
                target,
                crate::auth::audit::Outcome::Allowed,
                None,
            )
            .await?;
        }
        let first = Target::Child {
            id: children[0],
            class_id: 0,
        };
        tx.commit(
            format!("open_family_page {link} ({} children)", children.len()),
            first,
        )
        .await?;
        Ok(FamilyOpened::Page(page))
    })
    .await
}

/// What a family sends through its link, as typed.
#[cfg(feature = "ssr")]
enum Sent {
    Message(String),
    /// A parent's new details, for `child` and for the brothers and sisters named with it.
    Proposal(ProposalInput, Vec<i64>),
}

/// A family's message or proposal about `child`: the link must be live and the child (and
/// each sibling a proposal names) of its household, the input is checked, the day's share
/// must not be used up (counted in the write); stored with its audit row, then back to the
/// family's page.
#[cfg(feature = "ssr")]
async fn family_sends(token: String, child: i64, sent: Sent) -> Result<(), AppError> {
    use crate::auth::permissions::Target;
    use crate::frame::{begin_open, serve_open};
    serve_open(|state, _ip| async move {
        let (link, children) = household(&state, &token).await?;
        let also = match &sent {
            Sent::Proposal(_, also) => also.as_slice(),
            Sent::Message(_) => &[],
        };
        if !children.contains(&child) || also.iter().any(|c| !children.contains(c)) {
            return Err(AppError::NotFound);
        }
        // The child first, then each sibling once.
        let mut those = vec![child];
        for sibling in also {
            if !those.contains(sibling) {
                those.push(*sibling);
            }
        }
        enum Checked {
            Message(String),
            Proposal(super::domain::ProposalDraft),
        }
        let checked = match sent {
            Sent::Message(body) => Checked::Message(super::domain::message_body(&body)?),
            Sent::Proposal(input, _) => {
                Checked::Proposal(super::domain::ProposalDraft::parse(&input)?)
            }
        };
        let mut tx = begin_open(&state).await?;
        let since = crate::school::types::school_midnight(state.today(), state.time_zone);
        if super::db::sent_since(&mut tx, link, &since).await? >= super::domain::DAILY_MAX {
            return Err(crate::error::ValidationError::TooManyToday.into());
        }
        let action = match checked {
            Checked::Message(body) => {
                let id = super::db::insert_message(&mut tx, link, child, &body).await?;
                format!("family_message {id} link {link}")
            }
            Checked::Proposal(draft) => {
                let mut ids = Vec::with_capacity(those.len());
                for child in &those {
                    ids.push(
                        super::proposals_db::insert_proposal(&mut tx, link, *child, &draft).await?,
                    );
                }
                let ids: Vec<String> = ids.iter().map(i64::to_string).collect();
                format!("family_proposal {} link {link}", ids.join(","))
            }
        };
        let target = Target::Child {
            id: child,
            class_id: 0,
        };
        tx.commit(action, target).await?;
        leptos_axum::redirect(&format!("/family/{}?sent=1", token.trim()));
        Ok(())
    })
    .await
}

/// A message from the family to the counselor about one of its children.
#[server(prefix = "/api", endpoint = "family/message")]
pub async fn send_message(token: String, child: i64, body: String) -> Result<(), AppError> {
    family_sends(token, child, Sent::Message(body)).await
}

/// A change a parent proposes to their own details, for `child` and the brothers and sisters
/// ticked beside it (`also`); staff review it for each before a file changes.
#[server(prefix = "/api", endpoint = "family/propose")]
pub async fn propose(
    token: String,
    child: i64,
    #[server(default)] also: Vec<i64>,
    #[server(flatten)] input: ProposalInput,
) -> Result<(), AppError> {
    family_sends(token, child, Sent::Proposal(input, also)).await
}

/// A child's family as staff see it: its links, the family's messages (read now), the
/// changes it proposed, the diary to share.
#[server(prefix = "/api", endpoint = "family/desk", input = GetUrl)]
pub async fn get_desk(child: i64) -> Result<FamilyDesk, AppError> {
    use crate::auth::permissions::{Capability, Target};
    use crate::children::access::require_child;
    use crate::frame::serve;
    serve(Capability::WriteChildFile, Target::Any, |ctx| async move {
        let record = require_child(&ctx, Capability::WriteChildFile, child).await?;
        let session = crate::auth::session::session().await?;
        let waiting: Option<NewLinkOnce> = session
            .get(NEW_LINK_KEY)
            .await
            .map_err(AppError::internal)?;
        let new_link = match waiting {
            Some(new) if new.child_id == child => {
                session
                    .remove::<NewLinkOnce>(NEW_LINK_KEY)
                    .await
                    .map_err(AppError::internal)?;
                Some(new.token)
            }
            _ => None,
        };
        let desk = super::access::desk(&ctx, &record, new_link).await?;
        let mut tx = ctx.begin().await?;
        // Read once the paired counselor opens them (an admin's visit leaves them new).
        let read = if ctx.viewer.scope.paired_children.contains(&child) {
            super::db::mark_read(&mut tx, child, ctx.viewer.user_id()).await?
        } else {
            0
        };
        tx.commit(
            format!("read_family {child} ({read} new messages)"),
            record.target(),
        )
        .await?;
        Ok(desk)
    })
    .await
}

/// Makes a household link for `child` and the `siblings` chosen among those the desk offers
/// (another family's child is refused, audited); its secret is shown once, on the child's
/// family page.
#[server(prefix = "/api", endpoint = "family/link")]
pub async fn create_link(
    child: i64,
    #[server(default)] siblings: Vec<i64>,
) -> Result<(), AppError> {
    use crate::auth::permissions::{Capability, Target};
    use crate::children::access::require_child;
    use crate::frame::serve;
    use argon2::password_hash::rand_core::{OsRng, RngCore};
    serve(Capability::WriteChildFile, Target::Any, |ctx| async move {
        let record = require_child(&ctx, Capability::WriteChildFile, child).await?;
        let offered = super::access::siblings_of(&ctx, &record).await?;
        let mut children = vec![child];
        for sibling in siblings {
            if !children.contains(&sibling) {
                let other = require_child(&ctx, Capability::WriteChildFile, sibling).await?;
                if !offered.iter().any(|c| c.id == other.id) {
                    return Err(ctx.refuse(Capability::WriteChildFile, other.target()).await);
                }
                children.push(other.id);
            }
        }
        let mut secret = [0u8; 16];
        OsRng.fill_bytes(&mut secret);
        let token = hex::encode(secret);
        let hash = crate::calendar::feeds_db::token_hash(&token);
        let mut tx = ctx.begin().await?;
        let id = super::db::create(&mut tx, &hash, &children, ctx.viewer.user_id()).await?;
        tx.commit(
            format!("create_family_link {id} ({} children)", children.len()),
            record.target(),
        )
        .await?;
        crate::auth::session::session()
            .await?
            .insert(
                NEW_LINK_KEY,
                NewLinkOnce {
                    token,
                    child_id: child,
                },
            )
            .await
            .map_err(AppError::internal)?;
        leptos_axum::redirect(&format!("/family/desk/{child}"));
        Ok(())
    })
    .await
}

/// Revokes a household link at once: the page answers nothing from then on.
#[server(prefix = "/api", endpoint = "family/revoke")]
pub async fn revoke_link(link: i64, child: i64) -> Result<(), AppError> {
    use crate::auth::permissions::{Capability, Target};
    use crate::frame::serve;
    serve(Capability::WriteChildFile, Target::Any, |ctx| async move {
        let target = super::access::require_link_of(&ctx, link).await?;
        let mut tx = ctx.begin().await?;
        super::db::revoke(&mut tx, link, ctx.viewer.user_id()).await?;
        tx.commit(format!("revoke_family_link {link}"), target)
            .await?;
        leptos_axum::redirect(&format!("/family/desk/{child}?saved=1"));
        Ok(())
    })
    .await
}

/// Accepts (`accept`) or declines a proposed change; an accepted one is written into the
/// child's file (the phone, the work place) and the call window, checked again, against the
/// versions the counselor saw (`file_version`, `window_version`: a file changed since is a
/// conflict). A revoked link's proposal is never accepted.
#[server(prefix = "/api", endpoint = "family/decide")]
pub async fn decide(
    proposal: i64,
    accept: Option<String>,
    #[server(default)] file_version: i64,
    #[server(default)] window_version: i64,
) -> Result<(), AppError> {
    use super::types::ProposalState;
    use crate::auth::permissions::{Capability, Target};
    use crate::children::access::require_child;
    use crate::frame::serve;
    serve(Capability::WriteChildFile, Target::Any, |ctx| async move {
        let row = super::proposals_db::proposal_by_id(ctx.pool(), proposal).await?;
        let record = require_child(&ctx, Capability::WriteChildFile, row.child_id).await?;
        let state = if accept.is_some() {
            ProposalState::Accepted
        } else {
            ProposalState::Declined
        };
        if state == ProposalState::Accepted && row.link_revoked {
            return Err(AppError::Conflict);
        }
        // The staff's note on the window stays as it is.
        let (_, note) = super::db::current_window(ctx.pool(), row.child_id).await?;
        let window = match (&row.window, state) {
            (Some(w), ProposalState::Accepted) => {
                let mut draft = crate::habits::forms_domain::WindowDraft::parse(&w.input())
                    .map_err(|(_, e)| e)?;
                draft.note = note;
                Some(draft)
            }
            _ => None,
        };
        let me = ctx.viewer.user_id();
        let mut tx = ctx.begin().await?;
        super::proposals_db::decide(&mut tx, proposal, state, me).await?;
        if state == ProposalState::Accepted {
            super::proposals_db::apply_to_file(
                &mut tx,
                row.child_id,
                file_version,
                row.parent,
                row.phone.as_deref(),
                row.work_city
                    .as_deref()
                    .map(|typed| super::access::accepted_places(&record, row.parent, typed))
                    .as_ref(),
            )
            .await?;
            if let Some(window) = &window {
                crate::habits::excuses_db::save_window(
                    &mut tx,
                    row.child_id,
                    window,
                    window_version,
                    me,
                )
                .await?;
            }
        }
        tx.commit(
            format!("family_proposal {proposal} {}", state.key()),
            record.target(),
        )
        .await?;
        leptos_axum::redirect(&format!("/family/desk/{}?saved=1", row.child_id));
        Ok(())
    })
    .await
}

/// Shares a diary entry of `child` with the family (`share`), or takes it back.
#[server(prefix = "/api", endpoint = "family/share")]
pub async fn share(child: i64, entry: i64, share: Option<String>) -> Result<(), AppError> {
    use crate::auth::permissions::{Capability, Target};
    use crate::children::access::require_child;
    use crate::frame::serve;
    serve(Capability::WriteDiary, Target::Any, |ctx| async move {
        let record = require_child(&ctx, Capability::WriteDiary, child).await?;
        let shared = share.is_some();
        let mut tx = ctx.begin().await?;
        super::db::share(&mut tx, entry, child, shared, ctx.viewer.user_id()).await?;
        let action = if shared {
            "share_diary"
        } else {
            "unshare_diary"
        };
        tx.commit(format!("{action} {entry}"), record.target())
            .await?;
        leptos_axum::redirect(&format!("/family/desk/{child}?saved=1"));
        Ok(())
    })
    .await
}
