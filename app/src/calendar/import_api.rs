//! Importing an .ics file: upload (kept, with nothing imported), preview (every event with
//! its problem), commit (all of it in one transaction, or nothing). For those who plan
//! the whole school's calendar (admin, leading group, counselors).

use leptos::prelude::*;
use leptos::server_fn::codec::{GetUrl, MultipartData, MultipartFormData};

use super::types::Category;
use crate::error::{AppError, ValidationError};

pub use super::types::{IcsPreview, PreviewRow};

/// The largest calendar file taken.
pub const MAX_FILE_BYTES: usize = 2 * 1024 * 1024;

#[cfg(feature = "ssr")]
mod server {
    use std::collections::HashSet;

    use crate::error::AppError;

    pub struct Stored {
        pub file_name: String,
        pub content: String,
        pub category: String,
        pub audience: String,
        pub student_visible: bool,
        pub committed_at: Option<String>,
        pub committed_events: Option<i64>,
    }

    pub async fn load(pool: &sqlx::SqlitePool, id: i64) -> Result<Stored, AppError> {
        let row: (String, String, String, String, bool, Option<String>, Option<i64>) = sqlx::query_as(
            "SELECT file_name, content, category, audience, student_visible, committed_at, committed_events
             FROM calendar_imports WHERE id = ?",
        )
        .bind(id)
        .fetch_optional(pool)
        .await?
        .ok_or(AppError::NotFound)?;
        Ok(Stored {
            file_name: row.0,
            content: row.1,
            category: row.2,
            audience: row.3,
            student_visible: row.4,
            committed_at: row.5,
            committed_events: row.6,
        })
    }

    /// The source UIDs of live imported events: importing them again would double them.
    pub async fn existing(pool: &sqlx::SqlitePool) -> Result<HashSet<String>, AppError> {
        let uids: Vec<String> = sqlx::query_scalar(
            "SELECT source_uid FROM events WHERE source_uid IS NOT NULL AND archived_at IS NULL",
        )
        .fetch_all(pool)
        .await?;
        Ok(uids.into_iter().collect())
    }
}

/// Takes the uploaded file (`file`) with the `category`, `audience` (school or staff) and
/// `student_visible` it goes in under, keeps it, and shows its preview. A file that cannot
/// be read at all is refused here; nothing goes on the calendar yet.
#[server(prefix = "/api", endpoint = "calendar/import/upload", input = MultipartFormData)]
pub async fn upload_ics(data: MultipartData) -> Result<(), AppError> {
    use crate::auth::audit::{self, Outcome};
    use crate::auth::permissions::{Capability, Target};
    use crate::auth::session::require;
    use crate::frame::{client_ip, respond};
    respond(
        async {
            let (viewer, _) = require(Capability::EditEvents, Target::School).await?;
            let upload = crate::native_submit::read_upload(data, MAX_FILE_BYTES, "calendar.ics").await?;
            let field = |name: &str| upload.fields.get(name).cloned().unwrap_or_default();
            let (category, audience) = (field("category"), field("audience"));
            let student_visible = !field("student_visible").is_empty();
            let (file_name, bytes) = (upload.file_name, upload.bytes);
            let category = Category::from_key(category.trim())
                .filter(|c| *c != Category::Holiday)
                .ok_or(ValidationError::InvalidFilter)?;
            if !["school", "staff"].contains(&audience.as_str()) {
                return Err(ValidationError::InvalidFilter.into());
            }
            let content = String::from_utf8(bytes).map_err(|_| ValidationError::FileUnreadable)?;
            let state = crate::state::AppState::from_context()?;
            // The whole file must be readable before it is kept.
            super::ics_import::read(&content, &server::existing(&state.pool).await?)?;
            let id: i64 = sqlx::query_scalar(
                "INSERT INTO calendar_imports (file_name, content, category, audience, student_visible, created_by)
                 VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
            )
            .bind(&file_name)
            .bind(&content)
            .bind(category.key())
            .bind(&audience)
            .bind(student_visible && audience != "staff")
            .bind(viewer.user_id())
            .fetch_one(&state.pool)
            .await?;
            audit::record(&state.pool, Some(&viewer), &format!("upload_ics {id}"), Target::School, Outcome::Success, client_ip())
                .await;
            leptos_axum::redirect(&format!("/calendar/import/{id}"));
            Ok(())
        }
        .await,
    )
}

/// The preview of an uploaded file: every event with its time, rule and problem.
#[server(prefix = "/api", endpoint = "calendar/import/preview", input = GetUrl)]
pub async fn import_preview(id: i64) -> Result<IcsPreview, AppError> {
    use crate::auth::permissions::{Capability, Target};
    use crate::auth::session::require;
    use crate::frame::respond;
    respond(
        async {
            require(Capability::EditEvents, Target::School).await?;
            let state = crate::state::AppState::from_context()?;
            let stored = server::load(&state.pool, id).await?;
            // Once imported, its own events are not "already in the calendar".
            let existing = match stored.committed_at {
                Some(_) => Default::default(),
                None => server::existing(&state.pool).await?,
            };
            let rows = super::ics_import::read(&stored.content, &existing)?;
            Ok(IcsPreview {
                id,
                file_name: stored.file_name,
                category: Category::from_key(&stored.category).unwrap_or(Category::Thematic),
                staff_only: stored.audience == "staff",
                rows: rows
                    .into_iter()
                    .map(|r| PreviewRow {
                        number: r.number,
                        title: r.title,
                        all_day: r.all_day,
                        start: r.start,
                        end: r.end,
                        rule: r.rrule,
                        changed_occurrence: r.recurrence_of.is_some(),
                        problem: r.problem,
                        already: r.already,
                    })
                    .collect(),
                committed: stored.committed_at.zip(stored.committed_events),
            })
        }
        .await,
    )
}

/// Puts every new event of the file on the calendar in one transaction. Refused while any
/// row has a problem, and for a file already imported.
#[server(prefix = "/api", endpoint = "calendar/import/commit")]
pub async fn commit_import(id: i64) -> Result<(), AppError> {
    use std::collections::HashMap;

    use super::domain::event_form::{Audience, EventDraft};
    use super::series_db::{fmt, insert};
    use crate::auth::audit::{self, Outcome};
    use crate::auth::permissions::{Capability, Target};
    use crate::auth::session::require;
    use crate::frame::{client_ip, respond};
    respond(
        async {
            let (viewer, _) = require(Capability::EditEvents, Target::School).await?;
            let state = crate::state::AppState::from_context()?;
            let stored = server::load(&state.pool, id).await?;
            if stored.committed_at.is_some() {
                return Err(AppError::Conflict);
            }
            let rows = super::ics_import::read(&stored.content, &server::existing(&state.pool).await?)?;
            if rows.iter().any(|r| r.problem.is_some()) {
                return Err(ValidationError::ImportHasProblems.into());
            }
            let category = Category::from_key(&stored.category).ok_or(ValidationError::InvalidFilter)?;
            let audience = if stored.audience == "staff" { Audience::Staff } else { Audience::School };
            let mut tx = state.pool.begin().await?;
            let mut series: HashMap<String, i64> = HashMap::new();
            let mut first_day = None;
            let mut count = 0_i64;
            // Series and single events first, then the occurrences changed on their own.
            let (changed, plain): (Vec<_>, Vec<_>) = rows.into_iter().filter(|r| !r.already).partition(|r| r.recurrence_of.is_some());
            for row in plain.into_iter().chain(changed) {
                let draft = EventDraft {
                    title: row.title.clone(),
                    category,
                    all_day: row.all_day,
                    start: row.start,
                    end: row.end,
                    location: row.location.clone(),
                    audience,
                    student_visible: stored.student_visible,
                    description: row.description.clone(),
                    rrule: row.rrule.clone(),
                };
                let master = match &row.recurrence_of {
                    Some((uid, at)) => {
                        let known = match series.get(uid) {
                            Some(id) => Some(*id),
                            None => sqlx::query_scalar("SELECT id FROM events WHERE source_uid = ? AND archived_at IS NULL")
                                .bind(uid)
                                .fetch_optional(&mut *tx)
                                .await?,
                        };
                        known.map(|id| (id, *at))
                    }
                    None => None,
                };
                let skip_holidays = draft.rrule.is_some() && category == Category::Activity;
                let event = insert(&mut tx, &draft, skip_holidays, master).await?;
                sqlx::query("UPDATE events SET import_id = ?, source_uid = ? WHERE id = ?")
                    .bind(id)
                    .bind(&row.source_uid)
                    .bind(event)
                    .execute(&mut *tx)
                    .await?;
                for exdate in &row.exdates {
                    sqlx::query("INSERT OR IGNORE INTO event_exdates (event_id, occurrence_start, created_by) VALUES (?, ?, ?)")
                        .bind(event)
                        .bind(fmt(*exdate))
                        .bind(viewer.user_id())
                        .execute(&mut *tx)
                        .await?;
                }
                if row.recurrence_of.is_none() {
                    series.insert(row.source_uid.clone(), event);
                }
                let day = row.start.date();
                first_day = Some(first_day.map_or(day, |first: chrono::NaiveDate| first.min(day)));
                count += 1;
            }
            let done = sqlx::query(
                "UPDATE calendar_imports SET committed_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), committed_events = ?
                 WHERE id = ? AND committed_at IS NULL",
            )
            .bind(count)
            .bind(id)
            .execute(&mut *tx)
            .await?;
            if done.rows_affected() == 0 {
                return Err(AppError::Conflict);
            }
            tx.commit().await?;
            audit::record(&state.pool, Some(&viewer), &format!("commit_import {id} ({count} events)"), Target::School, Outcome::Success, client_ip())
                .await;
            let month = first_day.map_or_else(|| "/calendar".to_owned(), crate::school::urls::month_href);
            leptos_axum::redirect(&format!("{month}&saved=1"));
            Ok(())
        }
        .await,
    )
}
