//! The children's files over HTTP. Each function asks the permission matrix first, gives
//! only the fields the caller may see, and writes every read and write to the audit log.

use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

use super::domain::ChildForm;
use super::types::{ChildFile, ChildList};
use crate::error::AppError;

#[cfg(feature = "ssr")]
pub mod server {
    use crate::auth::permissions::{access, check, Access, Capability, Target};
    use crate::auth::types::Viewer;

    use super::super::db::{ChildRecord, Sight};
    use crate::error::AppError;

    /// The caller, if they may `capability` on child `id`, and the child's record: refused
    /// before the child is read when the caller may do it to no child at all.
    pub async fn require_child(
        pool: &sqlx::SqlitePool,
        capability: Capability,
        id: i64,
    ) -> Result<(Viewer, ChildRecord), AppError> {
        crate::auth::session::require(capability, Target::Any).await?;
        let record = super::super::db::one(pool, id).await?;
        let (viewer, _) = crate::auth::session::require(capability, record.target()).await?;
        Ok((viewer, record))
    }

    /// What `viewer` may see of `child`, or `None` for nothing at all.
    pub fn sight(viewer: &Viewer, child: &ChildRecord) -> Option<Sight> {
        let target = Target::Child {
            id: child.id,
            class_id: child.class_id,
        };
        let who = Some((viewer.role, &viewer.scope));
        check(who, Capability::ReadChildFile, target).ok()?;
        let full = matches!(
            access(viewer.role, Capability::ReadChildFile),
            Access::All | Access::Paired
        );
        let left_behind = check(who, Capability::ReadLeftBehind, target).is_ok();
        Some(Sight { full, left_behind })
    }

    /// The list's filters.
    #[derive(Debug, Clone, Default)]
    pub struct ListFilter {
        pub q: Option<String>,
        pub class: Option<i64>,
        pub status: Option<super::super::domain::LeftBehind>,
        pub counselor: Option<i64>,
        pub left: bool,
    }

    /// The children `viewer` may see that pass `filter`, with what may be seen of each.
    pub fn visible<'a>(
        viewer: &Viewer,
        records: &'a [ChildRecord],
        filter: &ListFilter,
    ) -> Vec<(&'a ChildRecord, Sight)> {
        let needle = filter
            .q
            .as_deref()
            .map(str::trim)
            .unwrap_or_default()
            .to_lowercase();
        records
            .iter()
            .filter_map(|record| Some((record, sight(viewer, record)?)))
            .filter(|(record, sight)| {
                let left_school = record.enrolment() != super::super::domain::Enrolment::Active;
                !((left_school && !filter.left)
                    || (!needle.is_empty() && !record.name.to_lowercase().contains(&needle))
                    || filter.class.is_some_and(|c| c != record.class_id)
                    || filter
                        .counselor
                        .is_some_and(|c| !sight.full || record.counselor_id != Some(c))
                    || filter
                        .status
                        .is_some_and(|s| !sight.left_behind || record.left_behind() != s))
            })
            .collect()
    }

    pub fn can_write(viewer: &Viewer, child: &ChildRecord) -> bool {
        let target = Target::Child {
            id: child.id,
            class_id: child.class_id,
        };
        check(
            Some((viewer.role, &viewer.scope)),
            Capability::WriteChildFile,
            target,
        )
        .is_ok()
    }
}

/// The school's classes, for the child editor's choice (names of classes only: no child
/// is read, so nothing is audited).
#[server(prefix = "/api", endpoint = "children/classes", input = GetUrl)]
pub async fn list_classes() -> Result<Vec<(i64, crate::school::types::ClassLabel)>, AppError> {
    use crate::auth::permissions::{Capability, Target};
    use crate::auth::session::require;
    use crate::frame::respond;
    respond(
        async {
            require(Capability::WriteChildFile, Target::Any).await?;
            let state = crate::state::AppState::from_context()?;
            super::db::classes(&state.pool).await
        }
        .await,
    )
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
    use super::domain::LeftBehind;
    use crate::auth::audit::{self, Outcome};
    use crate::auth::permissions::{access, Access, Capability, Target};
    use crate::auth::session::require;
    use crate::error::ValidationError;
    use crate::frame::{client_ip, respond};
    respond(
        async {
            let (viewer, _) = require(Capability::ReadChildFile, Target::Any).await?;
            let state = crate::state::AppState::from_context()?;
            let status = match status.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
                None => None,
                Some(raw) => Some(LeftBehind::parse(raw).ok_or(ValidationError::InvalidFilter)?),
            };
            let records = super::db::all(&state.pool).await?;
            let filter = server::ListFilter { q, class, status, counselor, left: left == Some(true) };
            let rows: Vec<_> = server::visible(&viewer, &records, &filter)
                .into_iter()
                .map(|(record, sight)| (record.row(sight), record.class()))
                .collect();
            let seen = |s: LeftBehind| rows.iter().filter(|(r, _)| r.left_behind == Some(s)).count();
            let (full, half) = (seen(LeftBehind::Full), seen(LeftBehind::Half));
            let sees_status = access(viewer.role, Capability::ReadLeftBehind) != Access::Denied;
            let mut per_class: Vec<(crate::school::types::ClassLabel, usize, usize)> = Vec::new();
            if sees_status {
                for (row, class) in &rows {
                    let at = match per_class.iter().position(|(c, _, _)| c == class) {
                        Some(at) => at,
                        None => {
                            per_class.push((*class, 0, 0));
                            per_class.len() - 1
                        }
                    };
                    match row.left_behind {
                        Some(LeftBehind::Full) => per_class[at].1 += 1,
                        Some(LeftBehind::Half) => per_class[at].2 += 1,
                        _ => {}
                    }
                }
            }
            let full_fields = matches!(access(viewer.role, Capability::ReadChildFile), Access::All | Access::Paired);
            let counselors: Vec<(i64, String)> = if full_fields {
                sqlx::query_as("SELECT id, display_name FROM users WHERE role = 'counselor' AND active = 1 ORDER BY display_name")
                    .fetch_all(&state.pool)
                    .await?
            } else {
                Vec::new()
            };
            let classes = super::db::classes(&state.pool)
                .await?
                .into_iter()
                .filter(|(id, _)| records.iter().any(|r| r.class_id == *id && server::sight(&viewer, r).is_some()))
                .collect();
            audit::record(
                &state.pool,
                Some(&viewer),
                &format!("list_children ({} shown)", rows.len()),
                Target::Any,
                Outcome::Allowed,
                client_ip(),
            )
            .await;
            Ok(ChildList {
                total: rows.len(),
                full,
                half,
                per_class,
                classes,
                counselors,
                full_fields,
                can_write: access(viewer.role, Capability::WriteChildFile) == Access::All,
                rows: rows.into_iter().map(|(r, _)| r).collect(),
            })
        }
        .await,
    )
}

/// One child's file, with the coming birthdays and checkup day for those who see the file.
#[server(prefix = "/api", endpoint = "children/get", input = GetUrl)]
pub async fn get_child(id: i64) -> Result<ChildFile, AppError> {
    use crate::auth::audit::{self, Outcome};
    use crate::auth::permissions::Capability;
    use crate::frame::{client_ip, respond};
    respond(
        async {
            let state = crate::state::AppState::from_context()?;
            let (viewer, record) =
                server::require_child(&state.pool, Capability::ReadChildFile, id).await?;
            let target = record.target();
            let sight = server::sight(&viewer, &record).ok_or(AppError::Forbidden)?;
            let can_write = server::can_write(&viewer, &record);
            let guardians = super::db::guardians(&state.pool, id).await?;
            let (birth, lunar) = (record.birth_date, record.birthday_calendar == "lunar");
            let mut file = record.file(sight, guardians, can_write);
            if sight.full {
                let today = state.today();
                let until = today + chrono::Days::new(366);
                file.birthdays = crate::calendar::db::birthdays_of(birth, lunar, today, until);
                file.checkup = next_checkup(&state.pool, today).await?;
            }
            audit::record(
                &state.pool,
                Some(&viewer),
                &format!("read_child_file {id}"),
                target,
                Outcome::Allowed,
                client_ip(),
            )
            .await;
            // Health data too, for those who may read it (and the read is audited as such).
            let who = Some((viewer.role, &viewer.scope));
            if crate::auth::permissions::check(who, Capability::ReadHealth, target).is_ok() {
                file.growth = super::db::growth(&state.pool, id).await?;
                audit::record(
                    &state.pool,
                    Some(&viewer),
                    &format!("read_health {id}"),
                    target,
                    Outcome::Allowed,
                    client_ip(),
                )
                .await;
            }
            Ok(file)
        }
        .await,
    )
}

/// The next checkup day from `today`: this year's, or next year's once it has passed.
#[cfg(feature = "ssr")]
async fn next_checkup(
    pool: &sqlx::SqlitePool,
    today: chrono::NaiveDate,
) -> Result<Option<chrono::NaiveDate>, AppError> {
    use crate::checkup::api::server::checkup_day;
    use chrono::Datelike;
    match checkup_day(pool, today.year()).await? {
        Some(day) if day >= today => Ok(Some(day)),
        _ => checkup_day(pool, today.year() + 1).await,
    }
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
    use crate::auth::audit::{self, Outcome};
    use crate::auth::permissions::{Capability, Target};
    use crate::auth::session::require;
    use crate::error::ValidationError;
    use crate::frame::{client_ip, respond};
    respond(
        async {
            require(Capability::WriteChildFile, Target::Any).await?;
            let state = crate::state::AppState::from_context()?;
            let existing = match id {
                0 => None,
                id => Some(super::db::one(&state.pool, id).await?),
            };
            let (viewer, _) = match &existing {
                Some(old) => {
                    require(
                        Capability::WriteChildFile,
                        Target::Child {
                            id,
                            class_id: old.class_id,
                        },
                    )
                    .await?
                }
                // Only those who write every file add one.
                None => require(Capability::WriteChildFile, Target::School).await?,
            };
            let draft = ChildDraft::parse(&form.input(), state.today())
                .map_err(|e| AppError::Validation(e.error))?;
            let class_id: i64 = form
                .class_id
                .trim()
                .parse()
                .map_err(|_| ValidationError::ClassInvalid)?;
            let known: Option<i64> = sqlx::query_scalar("SELECT id FROM classes WHERE id = ?")
                .bind(class_id)
                .fetch_optional(&state.pool)
                .await?;
            known.ok_or(ValidationError::ClassInvalid)?;
            if existing.is_some() {
                // Moving a child to another class must be allowed there too.
                require(Capability::WriteChildFile, Target::Child { id, class_id }).await?;
            }
            let mut tx = state.pool.begin().await?;
            let child = super::db::write(
                &mut tx,
                existing.as_ref().map(|_| (id, version)),
                &draft,
                class_id,
                viewer.user_id(),
            )
            .await?;
            tx.commit().await?;
            audit::record(
                &state.pool,
                Some(&viewer),
                &format!("write_child_file {child}"),
                Target::Child {
                    id: child,
                    class_id,
                },
                Outcome::Success,
                client_ip(),
            )
            .await;
            leptos_axum::redirect(&format!("/children/{child}?saved=1"));
            Ok(())
        }
        .await,
    )
}

/// A child leaves (graduated, transferred) or comes back (active). The file is kept.
#[server(prefix = "/api", endpoint = "children/enrolment")]
pub async fn set_enrolment(id: i64, version: i64, enrolment: String) -> Result<(), AppError> {
    use super::domain::Enrolment;
    use crate::auth::audit::{self, Outcome};
    use crate::auth::permissions::Capability;
    use crate::error::ValidationError;
    use crate::frame::{client_ip, respond};
    respond(
        async {
            let state = crate::state::AppState::from_context()?;
            let (viewer, record) = server::require_child(&state.pool, Capability::WriteChildFile, id).await?;
            let target = record.target();
            let enrolment = Enrolment::parse(&enrolment).ok_or(ValidationError::InvalidFilter)?;
            let done = sqlx::query(
                "UPDATE children SET enrolment = ?, version = version + 1, updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
                 WHERE id = ? AND version = ?",
            )
            .bind(enrolment.key())
            .bind(id)
            .bind(version)
            .execute(&state.pool)
            .await?;
            if done.rows_affected() == 0 {
                return Err(AppError::Conflict);
            }
            audit::record(&state.pool, Some(&viewer), &format!("set_enrolment {id} {}", enrolment.key()), target, Outcome::Success, client_ip())
                .await;
            leptos_axum::redirect(&format!("/children/{id}?saved=1"));
            Ok(())
        }
        .await,
    )
}
