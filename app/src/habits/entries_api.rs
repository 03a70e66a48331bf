//! The five ones' entries over HTTP: books and calls (logged by the child or by staff),
//! excused days and the parents' call window. A child's own data: every write checks the
//! caller may reach the child first and is audited with it.

use leptos::prelude::*;

use crate::error::AppError;

/// A book the child read, logged by the child itself.
#[server(prefix = "/api", endpoint = "habits/my-book")]
pub async fn log_my_book(
    uid: String,
    title: String,
    #[server(default)] sentence: String,
    #[server(default)] day: String,
) -> Result<(), AppError> {
    use crate::auth::permissions::{Capability, Target};
    use crate::frame::serve;
    serve(Capability::OwnHabits, Target::Any, |ctx| async move {
        let record = super::access::own_child(&ctx).await?;
        keep(
            &ctx,
            &record,
            Detail::Book { title, sentence },
            uid,
            day,
            "child",
        )
        .await?;
        leptos_axum::redirect("/habits/mine?saved=1");
        Ok(())
    })
    .await
}

/// A call home, logged by the child itself: with whom, how it felt.
#[server(prefix = "/api", endpoint = "habits/my-call")]
pub async fn log_my_call(
    uid: String,
    with_whom: String,
    #[server(default)] feeling: String,
    #[server(default)] note: String,
    #[server(default)] day: String,
) -> Result<(), AppError> {
    use crate::auth::permissions::{Capability, Target};
    use crate::frame::serve;
    serve(Capability::OwnHabits, Target::Any, |ctx| async move {
        let record = super::access::own_child(&ctx).await?;
        let call = Detail::Call {
            with_whom,
            feeling,
            note,
        };
        keep(&ctx, &record, call, uid, day, "child").await?;
        leptos_axum::redirect("/habits/mine?saved=1");
        Ok(())
    })
    .await
}

/// A book a child read, logged by its teacher or counselor.
#[server(prefix = "/api", endpoint = "habits/book")]
pub async fn log_book(
    child: i64,
    uid: String,
    title: String,
    #[server(default)] sentence: String,
    #[server(default)] day: String,
) -> Result<(), AppError> {
    use crate::auth::permissions::{Capability, Target};
    use crate::children::access::require_child;
    use crate::frame::serve;
    serve(Capability::WriteHabits, Target::Any, |ctx| async move {
        let record = require_child(&ctx, Capability::WriteHabits, child).await?;
        keep(
            &ctx,
            &record,
            Detail::Book { title, sentence },
            uid,
            day,
            "staff",
        )
        .await?;
        leptos_axum::redirect(&format!(
            "{}?saved=1",
            crate::school::urls::habits_href(child)
        ));
        Ok(())
    })
    .await
}

/// A call home of a child (on the school phone, say), logged by its teacher or counselor.
#[server(prefix = "/api", endpoint = "habits/call")]
pub async fn log_call(
    child: i64,
    uid: String,
    with_whom: String,
    #[server(default)] feeling: String,
    #[server(default)] note: String,
    #[server(default)] day: String,
) -> Result<(), AppError> {
    use crate::auth::permissions::{Capability, Target};
    use crate::children::access::require_child;
    use crate::frame::serve;
    serve(Capability::WriteHabits, Target::Any, |ctx| async move {
        let record = require_child(&ctx, Capability::WriteHabits, child).await?;
        let call = Detail::Call {
            with_whom,
            feeling,
            note,
        };
        keep(&ctx, &record, call, uid, day, "staff").await?;
        leptos_axum::redirect(&format!(
            "{}?saved=1",
            crate::school::urls::habits_href(child)
        ));
        Ok(())
    })
    .await
}

/// A book or a call as the form sent it.
#[cfg(feature = "ssr")]
enum Detail {
    Book {
        title: String,
        sentence: String,
    },
    Call {
        with_whom: String,
        feeling: String,
        note: String,
    },
}

/// Keeps a book or a call of `record`'s child with its audit row; the same `uid` twice
/// keeps it once.
#[cfg(feature = "ssr")]
async fn keep(
    ctx: &crate::frame::Ctx,
    record: &crate::children::db::ChildRecord,
    detail: Detail,
    uid: String,
    day: String,
    via: &str,
) -> Result<(), AppError> {
    use super::{db, forms_domain, types::Habit};
    let uid = crate::care::domain::entry_uid(&uid)?;
    let today = ctx.today();
    let me = ctx.viewer.user_id();
    let invalid = |(_, e): forms_domain::FieldError| AppError::Validation(e);
    let mut tx = ctx.begin().await?;
    let (what, kept, habit, title) = match detail {
        Detail::Book { title, sentence } => {
            let book =
                forms_domain::BookDraft::parse(&title, &sentence, &day, today).map_err(invalid)?;
            let kept = db::add_book(&mut tx, &uid, record.id, &book, via, me).await?;
            ("book", kept, Habit::Book, book.title)
        }
        Detail::Call {
            with_whom,
            feeling,
            note,
        } => {
            let call = forms_domain::CallDraft::parse(&with_whom, &feeling, &note, &day, today)
                .map_err(invalid)?;
            let kept = db::add_call(&mut tx, &uid, record.id, &call, via, me).await?;
            ("call", kept, Habit::Call, call.with_whom)
        }
    };
    let action = match kept {
        Some(id) => format!("write_habits {} {what} {id}", record.id),
        // Sent again: the same entry. Another entry under an old page's id (the browser's
        // back button) is a conflict, not a silent loss.
        None if db::same_entry(&mut tx, &uid, record.id, habit, &title).await? => {
            format!("write_habits {} {what} {uid} again", record.id)
        }
        None => return Err(AppError::Conflict),
    };
    tx.commit(action, record.target()).await
}

/// Excuses a child for some days: ill, away, or the parents home.
#[server(prefix = "/api", endpoint = "habits/excuse")]
pub async fn add_excuse(
    child: i64,
    excuse: String,
    first: String,
    #[server(default)] last: String,
    #[server(default)] note: String,
) -> Result<(), AppError> {
    use super::{excuses_db, forms_domain::ExcuseDraft};
    use crate::auth::permissions::{Capability, Target};
    use crate::children::access::require_child;
    use crate::frame::serve;
    serve(Capability::WriteHabits, Target::Any, |ctx| async move {
        let record = require_child(&ctx, Capability::WriteHabits, child).await?;
        let draft = ExcuseDraft::parse(&excuse, &first, &last, &note, ctx.today())
            .map_err(|(_, e)| AppError::Validation(e))?;
        let mut tx = ctx.begin().await?;
        let id = excuses_db::add_excuse(&mut tx, child, &draft, ctx.viewer.user_id()).await?;
        tx.commit(format!("write_habits {child} excuse {id}"), record.target())
            .await?;
        leptos_axum::redirect(&format!(
            "{}?saved=1",
            crate::school::urls::habits_href(child)
        ));
        Ok(())
    })
    .await
}

/// Withdraws an excuse entered by mistake (kept, marked withdrawn).
#[server(prefix = "/api", endpoint = "habits/excuse/withdraw")]
pub async fn withdraw_excuse(excuse: i64) -> Result<(), AppError> {
    use super::excuses_db;
    use crate::auth::permissions::{Capability, Target};
    use crate::children::access::require_child;
    use crate::frame::serve;
    serve(Capability::WriteHabits, Target::Any, |ctx| async move {
        let child = excuses_db::excuse_child(ctx.pool(), excuse).await?;
        let record = require_child(&ctx, Capability::WriteHabits, child).await?;
        let mut tx = ctx.begin().await?;
        excuses_db::withdraw_excuse(&mut tx, excuse, ctx.viewer.user_id()).await?;
        tx.commit(
            format!("write_habits {child} withdraw excuse {excuse}"),
            record.target(),
        )
        .await?;
        leptos_axum::redirect(&format!(
            "{}?saved=1",
            crate::school::urls::habits_href(child)
        ));
        Ok(())
    })
    .await
}

/// Saves the parents' usual call window seen at `version` (0: none yet).
#[server(prefix = "/api", endpoint = "habits/window")]
pub async fn save_call_window(
    child: i64,
    version: i64,
    #[server(default)] weekday: Vec<String>,
    from: String,
    to: String,
    zone: String,
    #[server(default)] note: String,
) -> Result<(), AppError> {
    use super::{excuses_db, forms_domain::WindowDraft, types::CallWindowInput};
    use crate::auth::permissions::{Capability, Target};
    use crate::children::access::require_child;
    use crate::frame::serve;
    serve(Capability::WriteHabits, Target::Any, |ctx| async move {
        let record = require_child(&ctx, Capability::WriteHabits, child).await?;
        let input = CallWindowInput {
            weekday,
            from,
            to,
            zone,
            note,
        };
        let draft = WindowDraft::parse(&input).map_err(|(_, e)| AppError::Validation(e))?;
        let mut tx = ctx.begin().await?;
        excuses_db::save_window(&mut tx, child, &draft, version, ctx.viewer.user_id()).await?;
        tx.commit(format!("write_habits {child} call window"), record.target())
            .await?;
        leptos_axum::redirect(&format!(
            "{}?saved=1",
            crate::school::urls::habits_href(child)
        ));
        Ok(())
    })
    .await
}
