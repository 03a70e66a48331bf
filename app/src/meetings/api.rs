//! Meetings over HTTP: the year's meetings, one occurrence's record, and its saves (kind,
//! attendance, families, minutes, practices). Every save names the version it was read at.
//! Staff read the meetings; the leading group keeps their records (DESIGN.md grants no one
//! else that), and whoever carries out a practice marks it done (or undoes that).

use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

use super::types::{MeetingRecord, MeetingsPage};
use crate::error::AppError;

/// The school year's meetings the viewer may reach, and the practices still open.
#[server(prefix = "/api", endpoint = "meetings/list", input = GetUrl)]
pub async fn get_meetings() -> Result<MeetingsPage, AppError> {
    use crate::auth::permissions::{Capability, Target};
    use crate::frame::serve;
    serve(Capability::Meetings, Target::Any, |ctx| async move {
        super::access::meetings_page(&ctx).await
    })
    .await
}

/// One occurrence's record (`at`: its local start); a parents' meeting lists the families
/// of `class`.
#[server(prefix = "/api", endpoint = "meetings/record", input = GetUrl)]
pub async fn get_meeting(
    event: i64,
    at: String,
    class: Option<i64>,
) -> Result<MeetingRecord, AppError> {
    use crate::auth::permissions::{Capability, Target};
    use crate::frame::serve;
    serve(Capability::Meetings, Target::Any, |ctx| async move {
        let at = crate::school::types::parse_stamp(&at).ok_or(AppError::NotFound)?;
        let record = super::access::record(&ctx, event, at, class).await?;
        ctx.read(format!("read_meeting {event} {at}"), Target::School)
            .await?;
        Ok(record)
    })
    .await
}

/// What kind of meeting this is. Only the leading group makes one its own, or undoes that.
#[server(prefix = "/api", endpoint = "meetings/kind")]
pub async fn set_meeting_kind(
    event: i64,
    at: String,
    version: i64,
    kind: String,
) -> Result<(), AppError> {
    use super::{access, db, types::MeetingKind};
    use crate::auth::permissions::{Capability, Target};
    use crate::error::ValidationError;
    use crate::frame::serve_saved;
    serve_saved(
        Capability::RecordMeetings,
        Target::School,
        |ctx| async move {
            let kind = MeetingKind::parse(&kind).ok_or(ValidationError::Malformed)?;
            access::require_kind(&ctx, kind).await?;
            let mut w = access::writing(&ctx, event, &at, version).await?;
            db::set_kind(&mut w.tx, w.id, kind).await?;
            w.tx.commit(
                format!("meeting_kind {} {}", w.id, kind.key()),
                Target::School,
            )
            .await
        },
    )
    .await
}

/// The attendance as taken on the tablet: these came, nobody else.
#[server(prefix = "/api", endpoint = "meetings/attendance")]
pub async fn take_attendance(
    event: i64,
    at: String,
    version: i64,
    #[server(default)] present: Vec<i64>,
) -> Result<(), AppError> {
    use super::{access, db};
    use crate::auth::permissions::{Capability, Target};
    use crate::frame::serve_saved;
    serve_saved(
        Capability::RecordMeetings,
        Target::School,
        |ctx| async move {
            let mut w = access::writing(&ctx, event, &at, version).await?;
            db::set_attendees(&mut w.tx, w.id, &present).await?;
            w.tx.commit(
                format!("meeting_attendance {} ({} present)", w.id, present.len()),
                Target::School,
            )
            .await
        },
    )
    .await
}

/// The families of a class who came to a parents' meeting (of the children the viewer may
/// read; the others are left as they were).
#[server(prefix = "/api", endpoint = "meetings/families")]
pub async fn record_families(
    event: i64,
    at: String,
    version: i64,
    class: i64,
    #[server(default)] came: Vec<i64>,
) -> Result<(), AppError> {
    use super::{access, db, types::MeetingKind};
    use crate::auth::permissions::{Capability, Target};
    use crate::error::ValidationError;
    use crate::frame::serve_saved;
    serve_saved(
        Capability::RecordMeetings,
        Target::School,
        |ctx| async move {
            let listed = access::listed_children(&ctx, class).await?;
            if came.iter().any(|c| !listed.contains(c)) {
                return Err(ctx
                    .refuse(Capability::ReadChildFile, Target::Class(class))
                    .await);
            }
            let mut w = access::writing(&ctx, event, &at, version).await?;
            if w.kind != MeetingKind::Parents {
                return Err(ValidationError::NotParentsMeeting.into());
            }
            db::set_families(&mut w.tx, w.id, &listed, &came).await?;
            w.tx.commit(
                format!(
                    "meeting_families {} class {class} ({} came)",
                    w.id,
                    came.len()
                ),
                Target::Class(class),
            )
            .await
        },
    )
    .await
}

/// The minutes, saved as a new draft (the earlier ones are kept).
#[server(prefix = "/api", endpoint = "meetings/minutes")]
pub async fn save_minutes(
    event: i64,
    at: String,
    version: i64,
    minutes: String,
) -> Result<(), AppError> {
    use super::{access, db, domain};
    use crate::auth::permissions::{Capability, Target};
    use crate::frame::serve_saved;
    serve_saved(
        Capability::RecordMeetings,
        Target::School,
        |ctx| async move {
            let minutes = domain::parse_minutes(&minutes)?;
            let mut w = access::writing(&ctx, event, &at, version).await?;
            db::add_minutes(&mut w.tx, w.id, &minutes, ctx.viewer.user_id()).await?;
            w.tx.commit(format!("meeting_minutes {}", w.id), Target::School)
                .await
        },
    )
    .await
}

/// A practice the meeting agreed: what, who carries it out, by when.
#[server(prefix = "/api", endpoint = "meetings/practice")]
pub async fn add_practice(
    event: i64,
    at: String,
    version: i64,
    body: String,
    owner: String,
    due: String,
) -> Result<(), AppError> {
    use super::{access, db, domain::PracticeDraft};
    use crate::auth::permissions::{Capability, Target};
    use crate::error::ValidationError;
    use crate::frame::serve_saved;
    serve_saved(
        Capability::RecordMeetings,
        Target::School,
        |ctx| async move {
            let mut w = access::writing(&ctx, event, &at, version).await?;
            let draft = PracticeDraft::parse(&body, &owner, &due, w.day)?;
            if !db::is_staff(&mut w.tx, draft.owner).await? {
                return Err(ValidationError::PracticeOwnerInvalid.into());
            }
            let id = db::add_practice(&mut w.tx, w.id, &draft, ctx.viewer.user_id()).await?;
            w.tx.commit(
                format!("meeting_practice {id} meeting {}", w.id),
                Target::School,
            )
            .await
        },
    )
    .await
}

/// A practice carried out: by its owner, or by one who records its meeting. With `reopen`,
/// the same hands open it again (a tap by mistake), if it is still done as the form saw it
/// (`done_on`, `done_by`); one done again since, or already open, is a Conflict.
#[server(prefix = "/api", endpoint = "meetings/done")]
pub async fn mark_practice_done(
    practice: i64,
    reopen: Option<String>,
    done_on: Option<String>,
    done_by: Option<i64>,
) -> Result<(), AppError> {
    use super::{access, db};
    use crate::auth::permissions::{Capability, Target};
    use crate::calendar::domain::local_time::parse_date;
    use crate::error::ValidationError;
    use crate::frame::serve_saved;
    serve_saved(Capability::Meetings, Target::Any, |ctx| async move {
        access::require_hand(&ctx, practice).await?;
        if reopen.is_none() {
            let mut tx = ctx.begin().await?;
            db::mark_done(&mut tx, practice, ctx.viewer.user_id(), ctx.today()).await?;
            return tx
                .commit(format!("meeting_practice_done {practice}"), Target::School)
                .await;
        }
        let seen = done_on.as_deref().and_then(|d| parse_date(d.trim()));
        let (Some(day), Some(by)) = (seen, done_by) else {
            return Err(ValidationError::Malformed.into());
        };
        let mut tx = ctx.begin().await?;
        if !db::reopen(&mut tx, practice, day, by).await? {
            return Err(AppError::Conflict);
        }
        tx.commit(
            format!("meeting_practice_reopened {practice}"),
            Target::School,
        )
        .await
    })
    .await
}
