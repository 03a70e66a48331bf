//! The children's files over HTTP. Each function asks the permission matrix first, gives
//! only the fields the caller may see, and writes every read and write to the audit log.

use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

use super::domain::ChildForm;
use super::types::{ChildFile, ChildList};
use crate::error::AppError;
#[cfg(feature = "ssr")]
use crate::school::db::classes;

/// The school's classes, for the child editor's choice (names of classes only: no child
/// is read, so nothing is audited).
#[server(prefix = "/api", endpoint = "children/classes", input = GetUrl)]
pub async fn list_classes() -> Result<Vec<(i64, crate::school::types::ClassLabel)>, AppError> {
    use crate::auth::permissions::{Capability, Target};
    use crate::frame::serve;
    serve(Capability::WriteChildFile, Target::Any, |ctx| async move {
        classes(ctx.pool()).await
    })
    .await
}

/// The children the caller may see, filtered: `q` (part of the name), `class`, `status`
/// (none / half / full), `counselor` (a user id), `left` (include those who left).
#[server(prefix = "/api", endpoint = "children/list", input = GetUrl)]
pub async fn list_children(
    q: Option<String>,
    class: Option<i64>,
    status: Option<String>,
    counselor: Option<i64>,
    left: Option<bool>,
) -> Result<ChildList, AppError> {
    use super::access::{self, ListFilter};
    use super::types::LeftBehind;
    use crate::auth::permissions::{Capability, Target};
    use crate::error::ValidationError;
    use crate::frame::serve;
    serve(Capability::ReadChildFile, Target::Any, |ctx| async move {
        let status = match status.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
            None => None,
            Some(raw) => Some(LeftBehind::parse(raw).ok_or(ValidationError::InvalidFilter)?),
        };
        let viewer = &ctx.viewer;
        let records = super::db::all(ctx.pool()).await?;
        let filter = ListFilter {
            q,
            class,
            status,
            counselor,
            left: left == Some(true),
        };
        let rows: Vec<_> = access::visible(viewer, &records, &filter)
            .into_iter()
            .map(|(record, sight)| access::row(record, sight))
            .collect();
        let seen = |s: LeftBehind| rows.iter().filter(|r| r.left_behind == Some(s)).count();
        let (full, half) = (seen(LeftBehind::Full), seen(LeftBehind::Half));
        let sees_status = ctx.may(Capability::ReadLeftBehind, Target::Any);
        let per_class = if sees_status {
            super::domain::per_class(&rows)
        } else {
            Vec::new()
        };
        let full_fields = access::sees_whole_files(viewer);
        let counselors = if full_fields {
            super::db::counselors(ctx.pool()).await?
        } else {
            Vec::new()
        };
        let classes = classes(ctx.pool())
            .await?
            .into_iter()
            .filter(|(id, _)| {
                records
                    .iter()
                    .any(|r| r.class_id == *id && access::sight(viewer, r).is_some())
            })
            .collect();
        ctx.read(format!("list_children ({} shown)", rows.len()), Target::Any)
            .await?;
        Ok(ChildList {
            total: rows.len(),
            full,
            half,
            per_class,
            sees_status,
            classes,
            counselors,
            full_fields,
            can_write: ctx.may(Capability::WriteChildFile, Target::School),
            rows,
        })
    })
    .await
}

/// One child's file, with the coming birthdays and checkup day for those who see the file.
#[server(prefix = "/api", endpoint = "children/get", input = GetUrl)]
pub async fn get_child(id: i64) -> Result<ChildFile, AppError> {
    use super::access::{self, require_child};
    use crate::auth::permissions::{Capability, Target};
    use crate::frame::serve;
    serve(Capability::ReadChildFile, Target::Any, |ctx| async move {
        let record = require_child(&ctx, Capability::ReadChildFile, id).await?;
        let target = record.target();
        let sight = access::sight(&ctx.viewer, &record).ok_or(AppError::Forbidden)?;
        let can_write = access::can_write(&ctx.viewer, &record);
        let guardians = super::db::guardians(ctx.pool(), id).await?;
        let (birth, lunar) = (record.birth_date, record.lunar_birthday);
        let mut file = access::file(record, sight, guardians, can_write);
        if sight.is_file() {
            let today = ctx.today();
            let until = today + chrono::Days::new(366);
            file.birthdays =
                crate::calendar::domain::birthdays::birthdays_of(birth, lunar, today, until);
            file.checkup = crate::checkup::db::next_checkup_day(ctx.pool(), today).await?;
            file.awards = crate::awards::db::approved_terms(ctx.pool(), id).await?;
        }
        ctx.read(format!("read_child_file {id}"), target).await?;
        // Health data too, for those who may read it (and the read is audited as such).
        if ctx.may(Capability::ReadHealth, target) {
            file.growth = crate::checkup::db::growth(ctx.pool(), id).await?;
            ctx.read(format!("read_health {id}"), target).await?;
        }
        Ok(file)
    })
    .await
}

/// Saves a file: a new child (`id` 0, admin only) or an edit of child `id` seen at
/// `version` (a stale save is a conflict). The same parser as the import checks it.
#[server(prefix = "/api", endpoint = "children/save")]
pub async fn save_child(
    id: i64,
    version: i64,
    #[server(flatten)] form: ChildForm,
) -> Result<(), AppError> {
    use super::domain::ChildDraft;
    use crate::auth::permissions::{Capability, Target};
    use crate::error::ValidationError;
    use crate::frame::serve;
    serve(Capability::WriteChildFile, Target::Any, |ctx| async move {
        let existing = match id {
            0 => None,
            id => Some(super::db::one(ctx.pool(), id).await?),
        };
        match &existing {
            Some(old) => {
                ctx.require(Capability::WriteChildFile, old.target())
                    .await?
            }
            // Only those who write every file add one.
            None => {
                ctx.require(Capability::WriteChildFile, Target::School)
                    .await?
            }
        };
        let draft = ChildDraft::parse(&form.input(), ctx.today())
            .map_err(|e| AppError::Validation(e.error))?;
        let class_id: i64 = form
            .class_id
            .trim()
            .parse()
            .map_err(|_| ValidationError::ClassInvalid)?;
        if !super::db::class_exists(ctx.pool(), class_id).await? {
            return Err(ValidationError::ClassInvalid.into());
        }
        if existing.is_some() {
            // Moving a child to another class must be allowed there too.
            ctx.require(Capability::WriteChildFile, Target::Child { id, class_id })
                .await?;
        }
        let mut tx = ctx.begin().await?;
        let child = super::db::write(
            &mut tx,
            existing.as_ref().map(|_| (id, version)),
            &draft,
            class_id,
            ctx.viewer.user_id(),
        )
        .await?;
        tx.commit(
            format!("write_child_file {child}"),
            Target::Child {
                id: child,
                class_id,
            },
        )
        .await?;
        leptos_axum::redirect(&format!("/children/{child}?saved=1"));
        Ok(())
    })
    .await
}

/// A child leaves (graduated, transferred) or comes back (active). The file is kept; the
/// parents' calendar links die with the leaving, in the same transaction (coming back
/// does not revive them: a new link is made and sent).
#[server(prefix = "/api", endpoint = "children/enrolment")]
pub async fn set_enrolment(id: i64, version: i64, enrolment: String) -> Result<(), AppError> {
    use super::access::require_child;
    use super::types::Enrolment;
    use crate::auth::permissions::{Capability, Target};
    use crate::error::ValidationError;
    use crate::frame::serve;
    serve(Capability::WriteChildFile, Target::Any, |ctx| async move {
        let record = require_child(&ctx, Capability::WriteChildFile, id).await?;
        let enrolment = Enrolment::parse(&enrolment).ok_or(ValidationError::InvalidFilter)?;
        let mut tx = ctx.begin().await?;
        super::db::set_enrolment(&mut tx, id, version, enrolment).await?;
        let revoked = if enrolment == Enrolment::Active {
            0
        } else {
            crate::calendar::feeds_db::revoke_child(&mut tx, id).await?
        };
        let action = match revoked {
            0 => format!("set_enrolment {id} {}", enrolment.key()),
            n => format!("set_enrolment {id} {} revoke_feeds {n}", enrolment.key()),
        };
        tx.commit(action, record.target()).await?;
        leptos_axum::redirect(&format!("/children/{id}?saved=1"));
        Ok(())
    })
    .await
}
