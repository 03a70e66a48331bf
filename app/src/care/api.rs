//! The care work over HTTP. Care records and the diary are sensitive personal information
//! of minors: the paired counselor reads and writes their own children's, the leading group
//! reads, the admin reads and writes, a student reaches only its own diary. Every read and
//! write goes to the audit log.

use leptos::prelude::*;
use leptos::server_fn::codec::{GetUrl, MultipartData, MultipartFormData};

use super::types::{CareInput, CareRecord, Coverage, MyChildren, MyDiary};
use crate::error::AppError;

/// The counselor's own page: their children with what is due, and the tasks across them.
#[server(prefix = "/api", endpoint = "care/mine", input = GetUrl)]
pub async fn get_my_children() -> Result<MyChildren, AppError> {
    use crate::auth::permissions::{Capability, Target};
    use crate::frame::serve;
    serve(Capability::ReadCareLog, Target::Any, |ctx| async move {
        let mine = super::access::my_children(&ctx).await?;
        ctx.read(
            format!("read_care_log mine ({} children)", mine.children.len()),
            Target::Any,
        )
        .await?;
        Ok(mine)
    })
    .await
}

/// The leading group's view: every child in care with counselor and contacts, the unpaired
/// ones, the open concerns (most urgent first); filtered by class, counselor, what is
/// overdue (`due`: overdue, talk, visit) and whether reached this month (`reached`: yes, no),
/// in the page's own words.
#[server(prefix = "/api", endpoint = "care/coverage", input = GetUrl)]
pub async fn get_coverage(
    class: Option<i64>,
    counselor: Option<i64>,
    due: Option<String>,
    reached: Option<String>,
) -> Result<Coverage, AppError> {
    use super::types::CoverageFilter;
    use crate::auth::permissions::{Capability, Target};
    use crate::frame::serve;
    serve(Capability::ReadCareLog, Target::School, |ctx| async move {
        let filter = CoverageFilter::parse(class, counselor, due.as_deref(), reached.as_deref());
        let coverage = super::access::coverage(&ctx, filter).await?;
        ctx.read(
            format!("read_care_log coverage ({} shown)", coverage.rows.len()),
            Target::School,
        )
        .await?;
        Ok(coverage)
    })
    .await
}

/// One child's whole care record: pairings, the care log (with its corrections for those
/// who may see them), concerns, planned visits and the growth diary.
#[server(prefix = "/api", endpoint = "care/record", input = GetUrl)]
pub async fn get_care_record(child: i64) -> Result<CareRecord, AppError> {
    use crate::auth::permissions::{Capability, Target};
    use crate::children::access::require_child;
    use crate::frame::serve;
    serve(Capability::ReadCareLog, Target::Any, |ctx| async move {
        let record = require_child(&ctx, Capability::ReadCareLog, child).await?;
        let care = super::access::record(&ctx, &record).await?;
        ctx.read(format!("read_care_log {child}"), record.target())
            .await?;
        Ok(care)
    })
    .await
}

/// Records a contact (a correction of the version `replaces`), marks the next steps in
/// `done` as done by it, and closes a planned home visit when it is one. Sent twice (the
/// same `uid`), it is stored once.
#[server(prefix = "/api", endpoint = "care/entry")]
pub async fn record_contact(
    child: i64,
    replaces: Option<i64>,
    #[server(default)] done: Vec<i64>,
    #[server(flatten)] input: CareInput,
) -> Result<(), AppError> {
    use super::{db, domain::CareDraft, types::CareKind};
    use crate::auth::permissions::{Capability, Target};
    use crate::children::access::require_child;
    use crate::frame::serve;
    serve(Capability::WriteCareLog, Target::Any, |ctx| async move {
        let record = require_child(&ctx, Capability::WriteCareLog, child).await?;
        let draft =
            CareDraft::parse(&input, ctx.today()).map_err(|(_, e)| AppError::Validation(e))?;
        let mut tx = ctx.begin().await?;
        let stored =
            db::insert_entry(&mut tx, child, ctx.viewer.user_id(), &draft, replaces).await?;
        let action = match stored {
            Some(id) => {
                db::mark_steps_done(&mut tx, child, &done, id, draft.happened_on).await?;
                if draft.kind == CareKind::HomeVisit {
                    db::close_plans(&mut tx, child, id).await?;
                }
                format!("write_care_log {child} entry {id}")
            }
            None => format!("write_care_log {child} entry {} again", draft.uid),
        };
        tx.commit(action, record.target()).await?;
        leptos_axum::redirect(&format!(
            "{}?saved=1",
            crate::school::urls::care_href(child)
        ));
        Ok(())
    })
    .await
}

/// Raises a concern about a child: a reason, an urgency, a note, an address-by date.
#[server(prefix = "/api", endpoint = "care/concern")]
pub async fn raise_concern(
    child: i64,
    reason: String,
    urgency: String,
    note: String,
    address_by: String,
) -> Result<(), AppError> {
    use super::{concerns_db, domain::ConcernDraft};
    use crate::auth::permissions::{Capability, Target};
    use crate::children::access::require_child;
    use crate::frame::serve;
    serve(Capability::WriteCareLog, Target::Any, |ctx| async move {
        let record = require_child(&ctx, Capability::WriteCareLog, child).await?;
        let draft = ConcernDraft::parse(&reason, &urgency, &note, &address_by, ctx.today())
            .map_err(|(_, e)| AppError::Validation(e))?;
        let mut tx = ctx.begin().await?;
        let id = concerns_db::insert_concern(&mut tx, child, ctx.viewer.user_id(), &draft).await?;
        tx.commit(
            format!("raise_concern {child} concern {id}"),
            record.target(),
        )
        .await?;
        leptos_axum::redirect(&format!(
            "{}?saved=1",
            crate::school::urls::care_href(child)
        ));
        Ok(())
    })
    .await
}

/// Closes a concern seen at `version`, with a note of what was done (required).
#[server(prefix = "/api", endpoint = "care/concern/close")]
pub async fn close_concern(concern: i64, version: i64, note: String) -> Result<(), AppError> {
    use super::{concerns_db, domain};
    use crate::auth::permissions::{Capability, Target};
    use crate::children::access::require_child;
    use crate::frame::serve;
    serve(Capability::WriteCareLog, Target::Any, |ctx| async move {
        let child = concerns_db::concern_child(ctx.pool(), concern).await?;
        let record = require_child(&ctx, Capability::WriteCareLog, child).await?;
        let note = domain::closing_note(&note)?;
        let mut tx = ctx.begin().await?;
        concerns_db::close_concern(&mut tx, concern, version, ctx.viewer.user_id(), &note).await?;
        tx.commit(
            format!("close_concern {child} concern {concern}"),
            record.target(),
        )
        .await?;
        leptos_axum::redirect(&format!(
            "{}?saved=1",
            crate::school::urls::care_href(child)
        ));
        Ok(())
    })
    .await
}

/// Plans a home visit: an event on the calendar (family, staff only; the child's name stays
/// on the care record), closed when the visit is recorded.
#[server(prefix = "/api", endpoint = "care/plan-visit")]
pub async fn plan_visit(child: i64, date: String, time: String) -> Result<(), AppError> {
    use super::db;
    use crate::auth::permissions::{Capability, Target};
    use crate::calendar::domain::event_form::EventDraft;
    use crate::calendar::domain::local_time::{parse_date, parse_time};
    use crate::calendar::series_db::{insert_event, NewEvent};
    use crate::calendar::types::Audience;
    use crate::calendar::types::Category;
    use crate::children::access::require_child;
    use crate::error::ValidationError;
    use crate::frame::serve;
    use crate::school::text::fold;
    serve(Capability::WriteCareLog, Target::Any, |ctx| async move {
        let record = require_child(&ctx, Capability::WriteCareLog, child).await?;
        let t = crate::page::use_strings();
        let day = parse_date(&fold(&date)).ok_or(ValidationError::InvalidDate)?;
        let day = crate::school::types::planned_day(day, ctx.today())?;
        let at = parse_time(&fold(&time)).ok_or(ValidationError::InvalidTime)?;
        let start = day.and_time(at);
        let draft = EventDraft {
            title: (t.care.visit_event_title)(&ctx.viewer.display_name),
            category: Category::Family,
            all_day: false,
            start,
            end: start + chrono::Duration::hours(1),
            location: None,
            audience: Audience::Staff,
            student_visible: false,
            description: String::new(),
            rrule: None,
        };
        let mut tx = ctx.begin().await?;
        let event = insert_event(&mut tx, &NewEvent::new(&draft, ctx.state().time_zone)).await?;
        db::insert_plan(&mut tx, child, ctx.viewer.user_id(), event, start).await?;
        tx.commit(format!("plan_visit {child} event {event}"), record.target())
            .await?;
        leptos_axum::redirect(&format!(
            "{}?saved=1",
            crate::school::urls::care_href(child)
        ));
        Ok(())
    })
    .await
}

/// A counselor's (or the admin's) diary entry for a child, or a reply to one of its entries.
#[server(prefix = "/api", endpoint = "care/diary")]
pub async fn write_diary(
    child: i64,
    uid: String,
    body: String,
    #[server(default)] sticker: String,
    reply_to: Option<i64>,
) -> Result<(), AppError> {
    use super::{diary_db, domain::DiaryDraft};
    use crate::auth::permissions::{Capability, Target};
    use crate::children::access::require_child;
    use crate::frame::serve;
    serve(Capability::WriteDiary, Target::Any, |ctx| async move {
        let record = require_child(&ctx, Capability::WriteDiary, child).await?;
        let draft =
            DiaryDraft::parse(&uid, &body, &sticker).map_err(|(_, e)| AppError::Validation(e))?;
        let mut tx = ctx.begin().await?;
        diary_db::insert_diary(
            &mut tx,
            child,
            ctx.viewer.user_id(),
            false,
            reply_to,
            &draft,
        )
        .await?;
        tx.commit(format!("write_diary {child}"), record.target())
            .await?;
        leptos_axum::redirect(&format!(
            "{}?saved=1#diary",
            crate::school::urls::care_href(child)
        ));
        Ok(())
    })
    .await
}

/// A student's own growth diary: its entries and the counselor's replies, nothing else.
#[server(prefix = "/api", endpoint = "diary/mine", input = GetUrl)]
pub async fn get_my_diary() -> Result<MyDiary, AppError> {
    use crate::auth::permissions::{Capability, Target};
    use crate::frame::serve;
    serve(Capability::OwnDiary, Target::Any, |ctx| async move {
        let (child, target) = super::access::own_child(&ctx).await?;
        let entries = super::diary_db::diary(ctx.pool(), child, ctx.state().time_zone).await?;
        ctx.read(format!("read_diary {child} own"), target).await?;
        Ok(MyDiary {
            name: ctx.viewer.display_name.clone(),
            entries,
            new_uid: crate::school::ids::new_uid(),
        })
    })
    .await
}

/// A student writes in its own diary, with a drawing or photo if it likes (`file`: kept
/// small and without its metadata).
#[server(prefix = "/api", endpoint = "diary/write", input = MultipartFormData)]
pub async fn write_own_diary(data: MultipartData) -> Result<(), AppError> {
    use super::{diary_db, domain::DiaryDraft, picture_domain};
    use crate::auth::permissions::{Capability, Target};
    use crate::frame::serve;
    serve(Capability::OwnDiary, Target::Any, |ctx| async move {
        let (child, target) = super::access::own_child(&ctx).await?;
        let upload = crate::native_submit::read_upload(data, UPLOAD_MAX, "picture")
            .await
            .map_err(crate::native_submit::as_picture)?;
        let field = |name: &str| {
            upload
                .fields
                .get(name)
                .map(String::as_str)
                .unwrap_or_default()
        };
        let draft = DiaryDraft::parse(field("uid"), field("body"), field("sticker"))
            .map_err(|(_, e)| AppError::Validation(e))?;
        let picture = match upload.bytes {
            bytes if bytes.is_empty() => None,
            bytes => Some(
                tokio::task::spawn_blocking(move || picture_domain::clean(&bytes))
                    .await
                    .map_err(|e| AppError::internal(format!("diary picture: {e}")))??,
            ),
        };
        let mut tx = ctx.begin().await?;
        let stored =
            diary_db::insert_diary(&mut tx, child, ctx.viewer.user_id(), true, None, &draft)
                .await?;
        if let (Some(entry), Some(picture)) = (stored, &picture) {
            diary_db::insert_picture(&mut tx, entry, picture).await?;
        }
        tx.commit(format!("write_diary {child} own"), target)
            .await?;
        leptos_axum::redirect("/diary?saved=1");
        Ok(())
    })
    .await
}

/// The largest picture a child may send (a phone's photo); what is kept is far smaller.
pub const UPLOAD_MAX: usize = 8 * 1024 * 1024;

/// Pairs a child with a counselor from `from` (today when empty, never later): a handover
/// when the child has one already; the history is kept.
#[server(prefix = "/api", endpoint = "care/pair")]
pub async fn pair_child(
    child: i64,
    counselor: i64,
    #[server(default)] from: String,
    #[server(default)] note: String,
    next: Option<String>,
) -> Result<(), AppError> {
    use super::{domain, pairing_db};
    use crate::auth::permissions::{Capability, Target};
    use crate::calendar::domain::local_time::parse_date;
    use crate::error::ValidationError;
    use crate::frame::serve;
    serve(
        Capability::ManagePairings,
        Target::School,
        |ctx| async move {
            let record = crate::children::db::one(ctx.pool(), child).await?;
            // A handover happens today or is recorded after the fact, never ahead of time:
            // the new counselor reaches the child as soon as it is saved.
            let from = match from.trim() {
                "" => ctx.today(),
                d => match parse_date(d).ok_or(ValidationError::InvalidDate)? {
                    d if d > ctx.today() => return Err(ValidationError::DateAfterToday.into()),
                    d if !crate::school::types::date_in_range(d) => {
                        return Err(ValidationError::DateOutOfRange.into())
                    }
                    d => d,
                },
            };
            let note = domain::text(&note, domain::SHORT_MAX)?;
            let mut tx = ctx.begin().await?;
            pairing_db::pair(&mut tx, child, counselor, from, &note, ctx.viewer.user_id()).await?;
            tx.commit(
                format!("pair {child} with {counselor} from {from}"),
                record.target(),
            )
            .await?;
            let to = next
                .as_deref()
                .and_then(crate::school::urls::local_path)
                .map_or_else(|| crate::school::urls::care_href(child), str::to_owned);
            leptos_axum::redirect(&crate::frame::with_param(&to, "saved", "1"));
            Ok(())
        },
    )
    .await
}

/// Ends a child's pairing (the child left the programme, say); the history is kept.
#[server(prefix = "/api", endpoint = "care/unpair")]
pub async fn end_pairing(child: i64) -> Result<(), AppError> {
    use super::pairing_db;
    use crate::auth::permissions::{Capability, Target};
    use crate::frame::serve;
    serve(
        Capability::ManagePairings,
        Target::School,
        |ctx| async move {
            let record = crate::children::db::one(ctx.pool(), child).await?;
            let mut tx = ctx.begin().await?;
            if !pairing_db::end_pairing(&mut tx, child, ctx.today()).await? {
                return Err(AppError::NotFound);
            }
            tx.commit(format!("unpair {child}"), record.target())
                .await?;
            leptos_axum::redirect(&format!(
                "{}?saved=1",
                crate::school::urls::care_href(child)
            ));
            Ok(())
        },
    )
    .await
}

/// Sets the school's rhythm of care: a talk every `talk_days`, a home visit every
/// `visit_days` (the leading group and the admin).
#[server(prefix = "/api", endpoint = "care/rhythm")]
pub async fn set_rhythm(talk_days: String, visit_days: String) -> Result<(), AppError> {
    use super::{db, domain::Rhythm};
    use crate::auth::permissions::{Capability, Target};
    use crate::frame::serve_saved;
    serve_saved(
        Capability::ManagePairings,
        Target::School,
        |ctx| async move {
            let soon = db::rhythm(ctx.pool()).await?.soon_days;
            let rhythm = Rhythm::parse(&talk_days, &visit_days, soon)?;
            let mut tx = ctx.begin().await?;
            db::set_rhythm(&mut tx, rhythm).await?;
            tx.commit(
                format!(
                    "set_care_rhythm talk {} visit {}",
                    rhythm.talk_days, rhythm.visit_days
                ),
                Target::School,
            )
            .await
        },
    )
    .await
}
