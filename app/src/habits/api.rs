//! The five ones over HTTP. Habits, books and calls are the child's own data: the child,
//! its class teacher, its counselor, the leading group and the admin; every read and write
//! goes to the audit log.

use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

use super::types::{ChildHabits, ClassCheckIn};
use crate::error::AppError;

/// A class's check-in for a day (today unless `day`), the viewer's first class unless
/// `class`. `None`: the viewer has no class (or paired child) to check in yet, as a new
/// teacher before the admin gives them a class; another's class is still refused.
#[server(prefix = "/api", endpoint = "habits/class", input = GetUrl)]
pub async fn get_check_in(
    class: Option<i64>,
    day: Option<String>,
) -> Result<Option<ClassCheckIn>, AppError> {
    use crate::auth::permissions::{Capability, Target};
    use crate::frame::serve;
    serve(Capability::WriteHabits, Target::Any, |ctx| async move {
        let day = super::forms_domain::check_in_day(day.as_deref(), ctx.today())?;
        let class = match class {
            Some(class) => class,
            None => match super::access::check_in_classes(&ctx).await?.first() {
                Some((first, _)) => *first,
                None => return Ok(None),
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
        Ok(Some(check_in))
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
    use super::{access, db, domain, excuses_db, forms_domain, forms_domain::ticks, types::Habit};
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
        let day = forms_domain::check_in_day(Some(&day), ctx.today())?;
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
            // Besides the ticks made: everyone who came. A child ill or away that day, or
            // ticked absent now, is left as they were.
            let excuses =
                excuses_db::excuses(ctx.pool(), db::Whose::Class(class), day, day).await?;
            let away: HashSet<i64> = excuses
                .iter()
                .filter(|e| e.2 != super::types::Excuse::ParentsHome)
                .map(|e| e.1)
                .chain(absent.iter().copied())
                .collect();
            done.extend(
                shown
                    .iter()
                    .filter(|id| !away.contains(id))
                    .map(|id| (*id, habit)),
            );
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
        for &(child, habit) in was.difference(&done) {
            let (first, last) = domain::period_of(habit, day);
            db::untick(&mut tx, child, habit, first, last, me).await?;
        }
        for &child in absent.difference(&was_absent) {
            excuses_db::excuse_day(&mut tx, child, day, me).await?;
        }
        for &child in was_absent.difference(&absent) {
            excuses_db::unexcuse_day(&mut tx, child, day, me).await?;
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
    use super::{db, forms_domain, types::Habit};
    use crate::auth::permissions::{Capability, Target};
    use crate::error::ValidationError;
    use crate::frame::serve;
    serve(Capability::OwnHabits, Target::Any, |ctx| async move {
        let record = super::access::own_child(&ctx).await?;
        let habit = Habit::parse(&habit)
            .filter(|h| Habit::DAILY.contains(h))
            .ok_or(ValidationError::CheckInInvalid)?;
        let what = forms_domain::short_text(&what)?;
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
