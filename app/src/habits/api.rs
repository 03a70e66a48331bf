//! The five ones over HTTP. Habits, books and calls are the child's own data: the child,
//! its class teacher, its counselor, the leading group and the admin; every read and write
//! goes to the audit log.

use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

use super::types::{ChildHabits, ClassCheckIn};
use crate::error::AppError;

/// A class's check-in for a day (today unless `day`), the viewer's first class unless
/// `class`.
#[server(prefix = "/api", endpoint = "habits/class", input = GetUrl)]
pub async fn get_check_in(
    class: Option<i64>,
    day: Option<String>,
) -> Result<ClassCheckIn, AppError> {
    use crate::auth::permissions::{Capability, Target};
    use crate::frame::serve;
    serve(Capability::WriteHabits, Target::Any, |ctx| async move {
        let day = super::domain::check_in_day(day.as_deref(), ctx.today())?;
        let class = match class {
            Some(class) => class,
            None => match super::access::check_in_classes(&ctx).await?.first() {
                Some((first, _)) => *first,
                None => return Err(ctx.refuse(Capability::WriteHabits, Target::Any).await),
            },
        };
        let check_in = super::access::class_check_in(&ctx, class, day).await?;
        ctx.read(
            format!(
                "read_habits class {class} {day} ({} children)",
                check_in.rows.len()
            ),
            Target::Class(class),
        )
        .await?;
        Ok(check_in)
    })
    .await
}

/// Saves a class's check-in: what was ticked (`done`) against what the page showed ticked
/// (`was`), so two teachers checking in at once do not undo each other and a check-in sent
/// twice changes nothing the second time (`child:absent`: ill or away that day). With `all`
/// (a daily habit) it only ticks that habit for every child shown.
#[server(prefix = "/api", endpoint = "habits/check-in")]
pub async fn save_check_in(
    class: i64,
    day: String,
    #[server(default)] shown: Vec<i64>,
    #[server(default)] done: Vec<String>,
    #[server(default)] was: Vec<String>,
    all: Option<String>,
) -> Result<(), AppError> {
    use super::{access, db, domain, domain::ticks, types::Habit};
    use crate::auth::permissions::{Capability, Target};
    use crate::error::ValidationError;
    use crate::frame::serve;
    use std::collections::HashSet;
    serve(Capability::WriteHabits, Target::Any, |ctx| async move {
        let roster: HashSet<i64> = access::check_in_roster(&ctx, class)
            .await?
            .into_iter()
            .map(|(id, _)| id)
            .collect();
        if shown.iter().any(|id| !roster.contains(id)) {
            return Err(ctx
                .refuse(Capability::WriteHabits, Target::Class(class))
                .await);
        }
        let day = domain::check_in_day(Some(&day), ctx.today())?;
        let shown: HashSet<i64> = shown.into_iter().collect();
        let ((mut done, absent), (was, was_absent)) = (ticks(&done)?, ticks(&was)?);
        let all = match all.as_deref() {
            None => None,
            Some(key) => Some(
                Habit::parse(key)
                    .filter(|h| Habit::DAILY.contains(h))
                    .ok_or(ValidationError::CheckInInvalid)?,
            ),
        };
        if let Some(habit) = all {
            // Everyone who came: a child ill or away that day is left as it was.
            let excuses = db::excuses(ctx.pool(), db::Whose::Class(class), day, day).await?;
            let away: HashSet<i64> = excuses
                .iter()
                .filter(|e| e.2 != super::types::Excuse::ParentsHome)
                .map(|e| e.1)
                .collect();
            done = shown
                .iter()
                .filter(|id| !away.contains(id))
                .map(|id| (*id, habit))
                .collect();
        }
        let outside = |id: &i64| !shown.contains(id);
        if done.iter().chain(&was).any(|(id, _)| outside(id))
            || absent.iter().chain(&was_absent).any(outside)
        {
            return Err(ValidationError::CheckInInvalid.into());
        }
        let me = ctx.viewer.user_id();
        let mut tx = ctx.begin().await?;
        for &(child, habit) in done.difference(&was) {
            db::tick(&mut tx, child, habit, day, "checkin", me, "").await?;
        }
        for &(child, habit) in was.difference(&done).filter(|_| all.is_none()) {
            let (first, last) = domain::period_of(habit, day);
            db::untick(&mut tx, child, habit, first, last, me).await?;
        }
        for &child in absent.difference(&was_absent).filter(|_| all.is_none()) {
            db::excuse_day(&mut tx, child, day, me).await?;
        }
        for &child in was_absent.difference(&absent).filter(|_| all.is_none()) {
            db::unexcuse_day(&mut tx, child, day, me).await?;
        }
        let daily = |set: &HashSet<(i64, Habit)>| {
            set.iter().filter(|(_, h)| Habit::DAILY.contains(h)).count()
        };
        tx.commit(
            format!(
                "write_habits check_in class {class} {day} ({} children, {} daily ticks)",
                shown.len(),
                daily(&done)
            ),
            Target::Class(class),
        )
        .await?;
        leptos_axum::redirect(&format!(
            "{}&saved=1",
            crate::school::urls::check_in_href(class, day)
        ));
        Ok(())
    })
    .await
}

/// A child's five ones over the term.
#[server(prefix = "/api", endpoint = "habits/child", input = GetUrl)]
pub async fn get_child_habits(child: i64) -> Result<ChildHabits, AppError> {
    use crate::auth::permissions::{Capability, Target};
    use crate::children::access::require_child;
    use crate::frame::serve;
    serve(Capability::ReadHabits, Target::Any, |ctx| async move {
        let record = require_child(&ctx, Capability::ReadHabits, child).await?;
        let habits = super::access::child_habits(&ctx, &record).await?;
        ctx.read(format!("read_habits {child}"), record.target())
            .await?;
        Ok(habits)
    })
    .await
}

/// A student's own five ones.
#[server(prefix = "/api", endpoint = "habits/mine", input = GetUrl)]
pub async fn get_my_habits() -> Result<ChildHabits, AppError> {
    use super::types::{Mark, Rest};
    use crate::auth::permissions::{Capability, Target};
    use crate::frame::serve;
    serve(Capability::OwnHabits, Target::Any, |ctx| async move {
        let record = super::access::own_child(&ctx).await?;
        let mut habits = super::access::child_habits(&ctx, &record).await?;
        // The child's page shows its own ticks, books and calls; why staff excused a day,
        // and what staff noted about a call, stay with staff.
        habits.excuses.clear();
        for day in &mut habits.heat {
            if let Mark::Skip(Rest::Excused(_)) = day.mark {
                day.mark = Mark::Skip(Rest::NoSchool);
            }
        }
        for call in habits.calls.iter_mut().filter(|c| c.by_staff) {
            call.note.clear();
        }
        ctx.read(format!("read_habits {} own", record.id), record.target())
            .await?;
        Ok(habits)
    })
    .await
}

/// A student ticks (or, `undo`, takes back) today's chore or diary; `what`: the chore.
#[server(prefix = "/api", endpoint = "habits/my-tick")]
pub async fn tick_my_habit(
    habit: String,
    undo: Option<String>,
    #[server(default)] what: String,
) -> Result<(), AppError> {
    use super::{db, domain, types::Habit};
    use crate::auth::permissions::{Capability, Target};
    use crate::error::ValidationError;
    use crate::frame::serve;
    serve(Capability::OwnHabits, Target::Any, |ctx| async move {
        let record = super::access::own_child(&ctx).await?;
        let habit = Habit::parse(&habit)
            .filter(|h| Habit::DAILY.contains(h))
            .ok_or(ValidationError::CheckInInvalid)?;
        let what = domain::short_text(&what)?;
        let today = ctx.today();
        let me = ctx.viewer.user_id();
        let mut tx = ctx.begin().await?;
        if undo.is_some() {
            // Only its own tick: what the teacher ticked at the check-in stays.
            db::untick_own(&mut tx, record.id, habit, today, me).await?;
        } else {
            db::tick(&mut tx, record.id, habit, today, "child", me, &what).await?;
        }
        let verb = if undo.is_some() { "untick" } else { "tick" };
        tx.commit(
            format!("write_habits {} own {verb} {}", record.id, habit.key()),
            record.target(),
        )
        .await?;
        leptos_axum::redirect("/habits/mine?saved=1");
        Ok(())
    })
    .await
}

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
    use super::{db, domain, types::Habit};
    let uid = crate::care::domain::entry_uid(&uid)?;
    let today = ctx.today();
    let me = ctx.viewer.user_id();
    let invalid = |(_, e): domain::FieldError| AppError::Validation(e);
    let mut tx = ctx.begin().await?;
    let (what, kept, habit, title) = match detail {
        Detail::Book { title, sentence } => {
            let book = domain::BookDraft::parse(&title, &sentence, &day, today).map_err(invalid)?;
            let kept = db::add_book(&mut tx, &uid, record.id, &book, via, me).await?;
            ("book", kept, Habit::Book, book.title)
        }
        Detail::Call {
            with_whom,
            feeling,
            note,
        } => {
            let call = domain::CallDraft::parse(&with_whom, &feeling, &note, &day, today)
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
    use super::{db, domain::ExcuseDraft};
    use crate::auth::permissions::{Capability, Target};
    use crate::children::access::require_child;
    use crate::frame::serve;
    serve(Capability::WriteHabits, Target::Any, |ctx| async move {
        let record = require_child(&ctx, Capability::WriteHabits, child).await?;
        let draft = ExcuseDraft::parse(&excuse, &first, &last, &note, ctx.today())
            .map_err(|(_, e)| AppError::Validation(e))?;
        let mut tx = ctx.begin().await?;
        let id = db::add_excuse(&mut tx, child, &draft, ctx.viewer.user_id()).await?;
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
    use super::db;
    use crate::auth::permissions::{Capability, Target};
    use crate::children::access::require_child;
    use crate::frame::serve;
    serve(Capability::WriteHabits, Target::Any, |ctx| async move {
        let child = db::excuse_child(ctx.pool(), excuse).await?;
        let record = require_child(&ctx, Capability::WriteHabits, child).await?;
        let mut tx = ctx.begin().await?;
        db::withdraw_excuse(&mut tx, excuse, ctx.viewer.user_id()).await?;
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
    use super::{db, domain::WindowDraft, types::CallWindowInput};
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
        db::save_window(&mut tx, child, &draft, version, ctx.viewer.user_id()).await?;
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

/// The five ones by week over the term: the school and each class the viewer may see.
#[server(prefix = "/api", endpoint = "habits/overview", input = GetUrl)]
pub async fn get_overview() -> Result<super::types::Overview, AppError> {
    use crate::auth::permissions::{Capability, Target};
    use crate::frame::serve;
    serve(Capability::ReadHabits, Target::Any, |ctx| async move {
        let overview = super::access::overview(&ctx).await?;
        ctx.read(
            format!("read_habits overview ({} classes)", overview.classes.len()),
            Target::Any,
        )
        .await?;
        Ok(overview)
    })
    .await
}
