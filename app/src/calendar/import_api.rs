//! Importing an .ics file: upload (kept, with nothing imported), preview (every event with
//! its problem), commit (all of it in one transaction, or nothing). For those who plan
//! the whole school's calendar (admin, leading group, counselors).

use leptos::prelude::*;
use leptos::server_fn::codec::{GetUrl, MultipartData, MultipartFormData};

#[cfg(feature = "ssr")]
use super::types::Category;
use crate::calendar::types::IcsPreview;
#[cfg(feature = "ssr")]
use crate::calendar::types::PreviewRow;
use crate::error::AppError;
#[cfg(feature = "ssr")]
use crate::error::ValidationError;

/// The largest calendar file taken.
pub const MAX_FILE_BYTES: usize = 2 * 1024 * 1024;
/// The most events one file may hold, as the upload form says (the reader's limit).
pub const MAX_EVENTS: usize = 2000;

/// Takes the uploaded file (`file`) with the `category`, `audience` (school or staff) and
/// `student_visible` it goes in under, keeps it, and shows its preview. A file that cannot
/// be read at all is refused here; nothing goes on the calendar yet.
#[server(prefix = "/api", endpoint = "calendar/import/upload", input = MultipartFormData)]
pub async fn upload_ics(data: MultipartData) -> Result<(), AppError> {
    use super::domain::ics_import;
    use super::import_db;
    use crate::auth::permissions::{Capability, Target};
    use crate::frame::serve;
    serve(Capability::EditEvents, Target::School, |ctx| async move {
        let upload =
            crate::native_submit::read_upload(data, MAX_FILE_BYTES, "calendar.ics").await?;
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
        // The whole file must be readable before it is kept.
        ics_import::read(
            &content,
            &import_db::existing(ctx.pool()).await?,
            ctx.state().time_zone,
        )?;
        let mut tx = ctx.begin().await?;
        let id = import_db::save_upload(
            &mut tx,
            &file_name,
            &content,
            category.key(),
            &audience,
            student_visible && audience != "staff",
            ctx.viewer.user_id(),
        )
        .await?;
        tx.commit(format!("upload_ics {id}"), Target::School)
            .await?;
        leptos_axum::redirect(&format!("/calendar/import/{id}"));
        Ok(())
    })
    .await
}

/// The preview of an uploaded file: every event with its time, rule and problem.
#[server(prefix = "/api", endpoint = "calendar/import/preview", input = GetUrl)]
pub async fn import_preview(id: i64) -> Result<IcsPreview, AppError> {
    use super::domain::ics_import;
    use super::import_db;
    use crate::auth::permissions::{Capability, Target};
    use crate::frame::serve;
    use crate::school::types::local_time;
    serve(Capability::EditEvents, Target::School, |ctx| async move {
        let stored = import_db::load(ctx.pool(), id).await?;
        // Once imported, the page says what was: the file is not read again as if new.
        let rows = match stored.committed_at {
            Some(_) => Vec::new(),
            None => ics_import::read(
                &stored.content,
                &import_db::existing(ctx.pool()).await?,
                ctx.state().time_zone,
            )?,
        };
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
            committed: stored
                .committed_at
                .map(|when| local_time(&when, ctx.state().time_zone))
                .zip(stored.committed_events),
        })
    })
    .await
}

/// Puts every new event of the file on the calendar in one transaction. Refused while any
/// row has a problem, and for a file already imported.
#[server(prefix = "/api", endpoint = "calendar/import/commit")]
pub async fn commit_import(id: i64) -> Result<(), AppError> {
    use std::collections::HashMap;

    use super::domain::event_form::EventDraft;
    use super::domain::ics_import;
    use super::import_db;
    use super::series_db::{add_exdate, insert_event, NewEvent};
    use super::types::Audience;
    use crate::auth::permissions::{Capability, Target};
    use crate::frame::serve;
    serve(Capability::EditEvents, Target::School, |ctx| async move {
        let stored = import_db::load(ctx.pool(), id).await?;
        if stored.committed_at.is_some() {
            return Err(AppError::Conflict);
        }
        let rows = ics_import::read(
            &stored.content,
            &import_db::existing(ctx.pool()).await?,
            ctx.state().time_zone,
        )?;
        if rows.iter().any(|r| r.problem.is_some()) {
            return Err(ValidationError::ImportHasProblems.into());
        }
        let category =
            Category::from_key(&stored.category).ok_or(ValidationError::InvalidFilter)?;
        let audience = if stored.audience == "staff" {
            Audience::Staff
        } else {
            Audience::School
        };
        let mut tx = ctx.begin().await?;
        let mut series: HashMap<String, i64> = HashMap::new();
        let mut first_day = None;
        let mut count = 0_i64;
        // Series and single events first, then the occurrences changed on their own.
        let (changed, plain): (Vec<_>, Vec<_>) = rows
            .into_iter()
            .filter(|r| !r.already)
            .partition(|r| r.recurrence_of.is_some());
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
                        None => import_db::event_of_source(&mut tx, uid).await?,
                    };
                    known.map(|id| (id, *at))
                }
                None => None,
            };
            let event = insert_event(
                &mut tx,
                &NewEvent {
                    skip_holidays: draft.rrule.is_some() && category == Category::Activity,
                    series: master,
                    source: Some((id, &row.source_uid)),
                    ..NewEvent::new(&draft, ctx.state().time_zone)
                },
            )
            .await?;
            for exdate in &row.exdates {
                add_exdate(&mut tx, event, *exdate, ctx.viewer.user_id()).await?;
            }
            if row.recurrence_of.is_none() {
                series.insert(row.source_uid.clone(), event);
            }
            let day = row.start.date();
            first_day = Some(first_day.map_or(day, |first: chrono::NaiveDate| first.min(day)));
            count += 1;
        }
        import_db::mark_committed(&mut tx, id, count).await?;
        tx.commit(
            format!("commit_import {id} ({count} events)"),
            Target::School,
        )
        .await?;
        let month =
            first_day.map_or_else(|| "/calendar".to_owned(), crate::school::urls::month_href);
        leptos_axum::redirect(&crate::frame::with_param(&month, "saved", "1"));
        Ok(())
    })
    .await
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    #[test]
    fn the_form_states_the_limit_the_reader_keeps() {
        assert_eq!(
            super::MAX_EVENTS,
            super::super::domain::ics_import::MAX_EVENTS
        );
    }
}
