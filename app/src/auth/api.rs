//! Account server functions, at `/api/auth/…` and `/api/admin/…`. Each checks the
//! caller's permission first. Sign-in and sign-out are also plain form posts.

use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

use super::types::{AssignmentChoices, AuditEntry, UserSummary};
#[cfg(feature = "ssr")]
use crate::auth::db::AssignmentKind;
use crate::error::AppError;

/// Signs in with `username` and `password` and goes to `next` (the calendar by default).
/// Unknown user and wrong password get the same answer. Every attempt is counted before its
/// password is checked, and only a few checks run at once; the owner's known device is not
/// held up by the account's lock (see `throttle`).
#[server(prefix = "/api", endpoint = "auth/login")]
pub async fn login(
    username: String,
    password: String,
    next: Option<String>,
) -> Result<(), AppError> {
    use super::audit::{self, Outcome};
    use super::device;
    use super::permissions::Target;
    use super::session::{dummy_hash, session, verify_password, SessionAuth, SESSION_KEY};
    use crate::frame::serve_open;
    use crate::school::urls::safe_next;
    use std::time::Instant;

    // Signing in needs no permission; throttling is its gate.
    serve_open(|state, ip| async move {
        let account = username.trim().to_lowercase();
        let found = super::db::find_for_login(&state.pool, &account).await?;
        let mut tokens = device::tokens_in_request(state.cookie_secure);
        let known_device = match &found {
            Some(user) if user.active && !tokens.is_empty() => {
                let hashes: Vec<String> = tokens.iter().map(|t| device::token_hash(t)).collect();
                super::db::known_device(&state.pool, user.id, &hashes)
                    .await?
                    .is_some()
            }
            _ => false,
        };
        let address = ip.as_deref().unwrap_or("unknown");
        let attempt = state
            .login_throttle
            .reserve(&account, address, known_device, Instant::now())
            .map_err(AppError::TooManyAttempts)?;
        let Ok(_permit) = state.password_checks.clone().try_acquire_owned() else {
            state.login_throttle.release(attempt);
            return Err(AppError::SignInBusy);
        };

        let hash = match &found {
            Some(user) if user.active => user.password_hash.clone(),
            _ => dummy_hash().await,
        };
        let verified = verify_password(password, hash).await;
        let user = match found {
            Some(user) if user.active && verified => user,
            found => {
                state.login_throttle.failed(attempt, Instant::now());
                let who = found
                    .as_ref()
                    .map(|u| (u.id, u.username.as_str()))
                    .unwrap_or((0, account.as_str()));
                audit::record_as(
                    &state.pool,
                    Some(who),
                    "sign_in",
                    Target::Any,
                    Outcome::Failure,
                    ip,
                )
                .await;
                return Err(AppError::BadCredentials);
            }
        };

        let session = session().await?;
        session.cycle_id().await.map_err(AppError::internal)?;
        let auth = SessionAuth {
            user_id: user.id,
            epoch: user.session_epoch,
            signed_in_at: chrono::Utc::now().timestamp(),
        };
        session
            .insert(SESSION_KEY, auth)
            .await
            .map_err(AppError::internal)?;
        state.login_throttle.succeeded(attempt);
        if !known_device {
            let token = device::new_token();
            let hash = device::token_hash(&token);
            // Signed in either way; without the row the device is just not known next time.
            if super::db::remember_device(&state.pool, user.id, user.session_epoch, &hash)
                .await
                .is_ok()
            {
                tokens.insert(0, token);
            }
        }
        if !tokens.is_empty() {
            device::set_cookie(&tokens, state.cookie_secure);
        }
        audit::record_as(
            &state.pool,
            Some((user.id, &user.username)),
            "sign_in",
            Target::User(user.id),
            Outcome::Success,
            ip,
        )
        .await;
        leptos_axum::redirect(&safe_next(next.as_deref()));
        Ok(())
    })
    .await
}

/// Signs out: the session is deleted on the server.
#[server(prefix = "/api", endpoint = "auth/logout")]
pub async fn logout() -> Result<(), AppError> {
    use super::session::session;
    use crate::frame::serve_open;
    // Anyone may end their own session, signed in or not.
    serve_open(|_, _| async move {
        session().await?.flush().await.map_err(AppError::internal)?;
        leptos_axum::redirect("/login");
        Ok(())
    })
    .await
}

/// Changes the caller's own password; every other session of theirs ends.
#[server(prefix = "/api", endpoint = "auth/password")]
pub async fn change_password(
    current: String,
    new: String,
    confirm: String,
) -> Result<(), AppError> {
    use super::domain::NewPassword;
    use super::permissions::{Capability, Target};
    use super::session::{
        current_viewer, hash_password, session, verify_password, SessionAuth, SESSION_KEY,
    };
    use crate::error::ValidationError;
    use crate::frame::serve_saved;
    let user_id = current_viewer().map(|v| v.user_id()).unwrap_or_default();
    serve_saved(
        Capability::ChangeOwnPassword,
        Target::User(user_id),
        |ctx| async move {
            let new = NewPassword::parse(&new, &confirm)?;
            let old_hash = super::db::password_hash(ctx.pool(), user_id).await?;
            if !verify_password(current, old_hash).await {
                return Err(ValidationError::CurrentPasswordWrong.into());
            }
            let hash = hash_password(new.expose().to_owned()).await?;
            let mut tx = ctx.begin().await?;
            let epoch = super::db::set_password(&mut tx, user_id, &hash).await?;
            tx.commit("change_password", Target::User(user_id)).await?;
            // Keep this session, under the new generation; the others end.
            let session = session().await?;
            session.cycle_id().await.map_err(AppError::internal)?;
            let auth = SessionAuth {
                user_id,
                epoch,
                signed_in_at: chrono::Utc::now().timestamp(),
            };
            session
                .insert(SESSION_KEY, auth)
                .await
                .map_err(AppError::internal)
        },
    )
    .await
}

#[server(prefix = "/api", endpoint = "admin/users/list", input = GetUrl)]
pub async fn list_users() -> Result<Vec<UserSummary>, AppError> {
    use super::permissions::{Capability, Target};
    use crate::frame::serve;
    serve(Capability::ManageUsers, Target::Any, |ctx| async move {
        super::db::list_users(ctx.pool()).await
    })
    .await
}

#[server(prefix = "/api", endpoint = "admin/users/choices", input = GetUrl)]
pub async fn list_assignment_choices() -> Result<AssignmentChoices, AppError> {
    use super::permissions::{Capability, Target};
    use crate::frame::serve;
    serve(Capability::ManageUsers, Target::Any, |ctx| async move {
        super::db::assignment_choices(ctx.pool()).await
    })
    .await
}

#[server(prefix = "/api", endpoint = "admin/users/create")]
pub async fn create_user(
    username: String,
    display_name: String,
    role: String,
    password: String,
) -> Result<(), AppError> {
    use super::domain::{parse_display_name, NewPassword, Username};
    use super::permissions::{Capability, Target};
    use super::session::hash_password;
    use super::types::Role;
    use crate::error::ValidationError;
    use crate::frame::serve_saved;
    serve_saved(Capability::ManageUsers, Target::Any, |ctx| async move {
        let username = Username::parse(&username)?;
        let display_name = parse_display_name(&display_name)?;
        let role = Role::from_key(&role).ok_or(ValidationError::UnknownRole)?;
        let password = NewPassword::parse(&password, &password)?;
        let hash = hash_password(password.expose().to_owned()).await?;
        let mut tx = ctx.begin().await?;
        let id =
            super::db::create_user(&mut tx, username.as_str(), &display_name, role, &hash).await?;
        tx.commit("create_user", Target::User(id)).await
    })
    .await
}

#[server(prefix = "/api", endpoint = "admin/users/role")]
pub async fn set_user_role(user_id: i64, role: String) -> Result<(), AppError> {
    use super::permissions::{Capability, Target};
    use super::types::Role;
    use crate::error::ValidationError;
    use crate::frame::serve_saved;
    serve_saved(Capability::ManageUsers, Target::Any, |ctx| async move {
        let role = Role::from_key(&role).ok_or(ValidationError::UnknownRole)?;
        if user_id == ctx.viewer.user_id() {
            return Err(ValidationError::CannotChangeSelf.into());
        }
        let mut tx = ctx.begin().await?;
        super::db::set_role(&mut tx, user_id, role).await?;
        tx.commit("set_role", Target::User(user_id)).await
    })
    .await
}

/// Deactivates (their sessions end at once) or reactivates a user. Users are never deleted.
#[server(prefix = "/api", endpoint = "admin/users/active")]
pub async fn set_user_active(user_id: i64, active: bool) -> Result<(), AppError> {
    use super::permissions::{Capability, Target};
    use crate::error::ValidationError;
    use crate::frame::serve_saved;
    serve_saved(Capability::ManageUsers, Target::Any, |ctx| async move {
        if user_id == ctx.viewer.user_id() {
            return Err(ValidationError::CannotChangeSelf.into());
        }
        let mut tx = ctx.begin().await?;
        super::db::set_active(&mut tx, user_id, active).await?;
        let action = if active {
            "reactivate_user"
        } else {
            "deactivate_user"
        };
        tx.commit(action, Target::User(user_id)).await
    })
    .await
}

/// Pairs a counselor with a child, or gives a teacher a class or a group (`assigned=false`
/// takes it away). `kind` is `child`, `class` or `group`.
#[server(prefix = "/api", endpoint = "admin/users/assign")]
pub async fn set_assignment(
    user_id: i64,
    kind: String,
    item_id: i64,
    assigned: bool,
) -> Result<(), AppError> {
    use super::permissions::{Capability, Target};
    use crate::care::pairing_db;
    use crate::error::ValidationError;
    use crate::frame::serve_saved;
    serve_saved(Capability::ManageUsers, Target::Any, |ctx| async move {
        let kind = match kind.as_str() {
            "child" => AssignmentKind::Child,
            "class" => AssignmentKind::Class,
            "group" => AssignmentKind::Group,
            _ => return Err(ValidationError::Malformed.into()),
        };
        let mut tx = ctx.begin().await?;
        let (today, me) = (ctx.today(), ctx.viewer.user_id());
        match (kind, assigned) {
            // A child's pairing keeps its history, dated by the school's day, as a handover
            // on the child's record is, and the audit names the child.
            (AssignmentKind::Child, true) => {
                pairing_db::pair(&mut tx, item_id, user_id, today, "", me).await?;
                let action = format!("set_assignment pair {item_id} with {user_id} from {today}");
                return tx.commit(action, Target::User(user_id)).await;
            }
            (AssignmentKind::Child, false) => {
                // Already handed over (a page left open): nothing of this counselor's to end.
                if !pairing_db::end_pairing_with(&mut tx, item_id, user_id, today).await? {
                    return Err(AppError::Conflict);
                }
                let action = format!("set_assignment unpair {item_id} from {user_id} on {today}");
                return tx.commit(action, Target::User(user_id)).await;
            }
            _ => super::db::set_assignment(&mut tx, user_id, kind, item_id, assigned).await?,
        }
        tx.commit("set_assignment", Target::User(user_id)).await
    })
    .await
}

#[server(prefix = "/api", endpoint = "admin/audit/list", input = GetUrl)]
pub async fn list_audit(
    username: Option<String>,
    event: Option<String>,
    outcome: Option<String>,
    from: Option<String>,
    to: Option<String>,
) -> Result<Vec<AuditEntry>, AppError> {
    use super::permissions::{Capability, Target};
    use super::types::AuditFilter;
    use crate::frame::serve;
    serve(Capability::ReadAudit, Target::Any, |ctx| async move {
        let filter = AuditFilter {
            username,
            action: event,
            outcome,
            from,
            to,
        };
        super::audit::list(ctx.pool(), &filter, ctx.state().time_zone).await
    })
    .await
}
