//! Who reaches which child's five ones, and what each page receives: the class teacher
//! their classes, a counselor their paired children, the leading group and the admin every
//! child, a student only its own.

use std::collections::{BTreeSet, HashMap, HashSet};

use chrono::{Days, NaiveDate, NaiveTime, Offset, TimeZone};

use super::db::{self, LogRow, Whose};
use super::domain::{
    counted_from, daily_marks, heat, missed_weeks, month_start, monthly_marks, period_of, rest_on,
    summarize_with_trend, week_start, weekly_marks, weekly_rates, ChildMarks, Excused,
};
use super::excuses_db;
use super::types::{
    BookItem, CallItem, CallWindow, CallWindowText, Cell, CheckInRow, ChildHabits, ClassCheckIn,
    ExcuseItem, Habit, Overview, Term,
};
use crate::auth::permissions::{Capability, Target};
use crate::children::db::ChildRecord;
use crate::error::AppError;
use crate::frame::Ctx;

/// The student's own child record: a student account without one is refused (audited).
pub async fn own_child(ctx: &Ctx) -> Result<ChildRecord, AppError> {
    let Some(child) =
        crate::care::diary_db::student_child(ctx.pool(), ctx.viewer.user_id()).await?
    else {
        return Err(ctx.refuse(Capability::OwnHabits, Target::Any).await);
    };
    crate::children::db::one(ctx.pool(), child).await
}

/// The classes the viewer may check in (a counselor's: those of their paired children).
pub async fn check_in_classes(
    ctx: &Ctx,
) -> Result<Vec<(i64, crate::school::types::ClassLabel)>, AppError> {
    let mine: BTreeSet<i64> = db::classes_of_children(ctx.pool())
        .await?
        .into_iter()
        .filter(|(id, class_id)| writes(ctx, *id, *class_id))
        .map(|(_, class_id)| class_id)
        .collect();
    Ok(crate::school::db::classes(ctx.pool())
        .await?
        .into_iter()
        .filter(|(id, _)| mine.contains(id))
        .collect())
}

fn writes(ctx: &Ctx, id: i64, class_id: i64) -> bool {
    ctx.may(Capability::WriteHabits, Target::Child { id, class_id })
}

/// The children of `class` the viewer checks in (all of them for its teacher, their own
/// for a counselor); a class with none of theirs is refused (audited).
pub async fn check_in_roster(ctx: &Ctx, class: i64) -> Result<Vec<(i64, String)>, AppError> {
    let roster: Vec<(i64, String)> = db::roster(ctx.pool(), class)
        .await?
        .into_iter()
        .filter(|(id, _)| writes(ctx, *id, class))
        .collect();
    if roster.is_empty() {
        return Err(ctx
            .refuse(Capability::WriteHabits, Target::Class(class))
            .await);
    }
    Ok(roster)
}

/// A class's check-in for `day`: each child the viewer checks in with today's chore and
/// diary, the week's call, the month's book, and the parents' call window.
pub async fn class_check_in(
    ctx: &Ctx,
    class: i64,
    day: NaiveDate,
) -> Result<ClassCheckIn, AppError> {
    let roster = check_in_roster(ctx, class).await?;
    let classes = check_in_classes(ctx).await?;
    let label = classes
        .iter()
        .find(|(id, _)| *id == class)
        .map(|(_, l)| *l)
        .ok_or(AppError::NotFound)?;
    let since = (week_start(day) - Days::new(28)).min(month_start(day));
    // To the end of the day's month (not past today): a past day's week and month show
    // what was ticked after it, as taking them back would withdraw it.
    let until = period_of(Habit::Book, day).1.min(ctx.today());
    let log = db::log(ctx.pool(), Whose::Class(class), since, until).await?;
    let excuses = excuses_db::excuses(ctx.pool(), Whose::Class(class), since, day).await?;
    let windows: HashMap<i64, CallWindow> =
        excuses_db::call_windows(ctx.pool(), Whose::Class(class))
            .await?
            .into_iter()
            .collect();
    let school = db::school_days(ctx.pool(), day, day).await?;
    let on_file = db::on_file_since(ctx.pool(), Whose::Class(class), ctx.state().time_zone).await?;
    let rows = roster
        .into_iter()
        .map(|(child_id, name)| {
            let mine: Vec<&LogRow> = log.iter().filter(|r| r.child_id == child_id).collect();
            let cell = |habit: Habit| {
                let (first, last) = period_of(habit, day);
                let inside: Vec<&&LogRow> = mine
                    .iter()
                    .filter(|r| r.habit == habit && (first..=last).contains(&r.day))
                    .collect();
                Cell {
                    done: !inside.is_empty(),
                    detailed: inside.iter().any(|r| !r.from_check_in),
                }
            };
            let excused = excused_of(&excuses, child_id);
            let calls: HashSet<NaiveDate> = mine
                .iter()
                .filter(|r| r.habit == Habit::Call)
                .map(|r| r.day)
                .collect();
            CheckInRow {
                child_id,
                name,
                chore: cell(Habit::Chore),
                diary: cell(Habit::Diary),
                call: cell(Habit::Call),
                book: cell(Habit::Book),
                excused: excused.absent(day),
                call_window: windows
                    .get(&child_id)
                    .map(|w| window_text(w, ctx.state().time_zone, day)),
                missed_weeks: missed_weeks(&weekly_marks(
                    &calls,
                    &excused,
                    counted_from(since, on_file.get(&child_id).copied(), day),
                    day,
                )),
            }
        })
        .collect();
    Ok(ClassCheckIn {
        class_id: class,
        class: label,
        day,
        today: ctx.today(),
        rest: rest_on(&school, &Excused::default(), day),
        rows,
        classes,
    })
}

fn excused_of(
    excuses: &[(i64, i64, super::types::Excuse, NaiveDate, NaiveDate, String)],
    child: i64,
) -> Excused {
    Excused(
        excuses
            .iter()
            .filter(|e| e.1 == child)
            .map(|e| (e.2, e.3, e.4))
            .collect(),
    )
}

/// A child's five ones over this term, for the child itself (`for_child`), its teachers and
/// its counselor.
pub async fn child_habits(ctx: &Ctx, record: &ChildRecord) -> Result<ChildHabits, AppError> {
    let today = ctx.today();
    let term = Term::of(today);
    let whose = Whose::Child(record.id);
    let school = db::school_days(ctx.pool(), term.first, today).await?;
    let log = db::log(ctx.pool(), whose, term.first, today).await?;
    let excuse_rows = excuses_db::excuses(ctx.pool(), whose, term.first, term.last).await?;
    let excused = excused_of(&excuse_rows, record.id);
    let window = excuses_db::call_windows(ctx.pool(), whose)
        .await?
        .into_iter()
        .next()
        .map(|(_, w)| w);
    let on_file = db::on_file_since(ctx.pool(), whose, ctx.state().time_zone).await?;
    let first = counted_from(term.first, on_file.get(&record.id).copied(), today);
    let days_of = |habit: Habit| -> HashSet<NaiveDate> {
        log.iter()
            .filter(|r| r.habit == habit)
            .map(|r| r.day)
            .collect()
    };
    let chore = daily_marks(&days_of(Habit::Chore), &school, &excused, first, today);
    let diary = daily_marks(&days_of(Habit::Diary), &school, &excused, first, today);
    let calls = weekly_marks(&days_of(Habit::Call), &excused, first, today);
    let books = monthly_marks(&days_of(Habit::Book), &school, first, today);
    let summaries = vec![
        summarize_with_trend(Habit::Chore, &chore, today),
        summarize_with_trend(Habit::Diary, &diary, today),
        summarize_with_trend(Habit::Call, &calls, today),
        summarize_with_trend(Habit::Book, &books, today),
    ];
    let detailed = |habit: Habit| log.iter().rev().filter(move |r| r.habit == habit);
    let today_tick = |habit: Habit| {
        log.iter()
            .find(|r| r.habit == habit && r.day == today)
            .map(|r| r.title.clone())
    };
    Ok(ChildHabits {
        child_id: record.id,
        name: record.name.clone(),
        class: record.class,
        today,
        term,
        since: (first > term.first).then_some(first),
        summaries,
        heat: heat(&chore, &diary, &school, &excused),
        chore_today: today_tick(Habit::Chore),
        diary_today: today_tick(Habit::Diary).is_some(),
        own_today: log
            .iter()
            .filter(|r| r.day == today && r.by_child && Habit::DAILY.contains(&r.habit))
            .map(|r| r.habit)
            .collect(),
        books: detailed(Habit::Book)
            .map(|r| BookItem {
                id: r.id,
                day: r.day,
                title: r.title.clone(),
                sentence: r.note.clone(),
            })
            .collect(),
        calls: detailed(Habit::Call)
            .map(|r| CallItem {
                id: r.id,
                day: r.day,
                with_whom: r.title.clone(),
                feeling: r.feeling,
                note: r.note.clone(),
                by_staff: r.by_staff,
            })
            .collect(),
        excuses: excuse_rows
            .into_iter()
            .map(|(id, _, excuse, first, last, note)| ExcuseItem {
                id,
                excuse,
                first,
                last,
                note,
            })
            .collect(),
        window_text: window
            .as_ref()
            .map(|w| window_text(w, ctx.state().time_zone, today)),
        window,
        can_write: ctx.may(Capability::WriteHabits, record.target()),
        can_nominate: ctx.may(Capability::Nominate, record.target()),
        new_uid: crate::school::ids::new_uid(),
    })
}

/// The five ones by week over this term: the school's for those who see every child, and
/// each class the viewer may see (a class teacher's own). Nothing to see is refused.
pub async fn overview(ctx: &Ctx) -> Result<Overview, AppError> {
    let today = ctx.today();
    let term = Term::of(today);
    let school_wide = ctx.may(Capability::ReadHabits, Target::School);
    let classes: Vec<(i64, crate::school::types::ClassLabel)> =
        crate::school::db::classes(ctx.pool())
            .await?
            .into_iter()
            .filter(|(id, _)| ctx.may(Capability::ReadHabits, Target::Class(*id)))
            .collect();
    if !school_wide && classes.is_empty() {
        return Err(ctx.refuse(Capability::ReadHabits, Target::School).await);
    }
    let school = db::school_days(ctx.pool(), term.first, today).await?;
    let mut days: HashMap<(i64, Habit), HashSet<NaiveDate>> = HashMap::new();
    for (child, habit, ticked) in db::days_by_child(ctx.pool(), term.first, today).await? {
        days.insert((child, habit), ticked.into_iter().collect());
    }
    let excuses = excuses_db::excuses(ctx.pool(), Whose::School, term.first, today).await?;
    let on_file = db::on_file_since(ctx.pool(), Whose::School, ctx.state().time_zone).await?;
    let none = HashSet::new();
    let of = |child: i64, habit: Habit| days.get(&(child, habit)).unwrap_or(&none);
    let mut marks: Vec<(i64, ChildMarks)> = Vec::new();
    for (child, class_id) in db::classes_of_children(ctx.pool()).await? {
        let excused = excused_of(&excuses, child);
        let first = counted_from(term.first, on_file.get(&child).copied(), today);
        let mut daily = daily_marks(of(child, Habit::Chore), &school, &excused, first, today);
        daily.extend(daily_marks(
            of(child, Habit::Diary),
            &school,
            &excused,
            first,
            today,
        ));
        let calls = weekly_marks(of(child, Habit::Call), &excused, first, today);
        marks.push((class_id, ChildMarks { daily, calls }));
    }
    let rates = |class: Option<i64>| {
        let group: Vec<&ChildMarks> = marks
            .iter()
            .filter(|(c, _)| class.is_none_or(|id| *c == id))
            .map(|(_, m)| m)
            .collect();
        weekly_rates(&group, term.first, today)
    };
    Ok(Overview {
        term,
        today,
        school: school_wide.then(|| rates(None)),
        classes: classes
            .into_iter()
            .map(|(id, label)| (id, label, rates(Some(id))))
            .collect(),
    })
}

/// Weeks in a row without a call home before this one, for each of `children` that has
/// missed at least one (the counselor's page asks after two).
pub async fn missed_calls(ctx: &Ctx, children: &[i64]) -> Result<HashMap<i64, u32>, AppError> {
    let today = ctx.today();
    let since = week_start(today) - Days::new(28);
    let mut calls: HashMap<i64, HashSet<NaiveDate>> = HashMap::new();
    let mut excused: HashMap<i64, Excused> = HashMap::new();
    let mut first: HashMap<i64, NaiveDate> = HashMap::new();
    for &child in children {
        let whose = Whose::Child(child);
        let on_file = db::on_file_since(ctx.pool(), whose, ctx.state().time_zone).await?;
        first.insert(
            child,
            counted_from(since, on_file.get(&child).copied(), today),
        );
        calls.insert(
            child,
            db::log(ctx.pool(), whose, since, today)
                .await?
                .into_iter()
                .filter(|r| r.habit == Habit::Call)
                .map(|r| r.day)
                .collect(),
        );
        let rows = excuses_db::excuses(ctx.pool(), whose, since, today).await?;
        excused.insert(child, excused_of(&rows, child));
    }
    Ok(children
        .iter()
        .map(|c| {
            let weeks = weekly_marks(&calls[c], &excused[c], first[c], today);
            (*c, missed_weeks(&weeks))
        })
        .filter(|(_, n)| *n > 0)
        .collect())
}

/// The parents' call window on the school's clock (on `day`'s offsets), with their own
/// zone named when it is not the school's; a window crossing midnight moves its weekdays.
pub fn window_text(window: &CallWindow, school: chrono_tz::Tz, day: NaiveDate) -> CallWindowText {
    let theirs: chrono_tz::Tz = window.zone.parse().unwrap_or(school);
    let noon = day.and_hms_opt(12, 0, 0).expect("noon");
    let offset = |zone: chrono_tz::Tz| {
        i64::from(zone.offset_from_utc_datetime(&noon).fix().local_minus_utc()) / 60
    };
    let shift = offset(school) - offset(theirs);
    let moved = |hhmm: &str| -> (String, i64) {
        let t = NaiveTime::parse_from_str(hhmm, "%H:%M").unwrap_or_default();
        let minutes = i64::from(t.hour_minute()) + shift;
        let day_shift = minutes.div_euclid(24 * 60);
        let m = minutes.rem_euclid(24 * 60);
        (format!("{:02}:{:02}", m / 60, m % 60), day_shift)
    };
    let (from, day_shift) = moved(&window.from);
    let (to, _) = moved(&window.to);
    let weekdays = window
        .weekdays
        .iter()
        .map(|d| ((i64::from(*d) - 1 + day_shift).rem_euclid(7) + 1) as u8)
        .collect::<BTreeSet<u8>>()
        .into_iter()
        .collect();
    CallWindowText {
        weekdays,
        from,
        to,
        abroad: (theirs != school).then(|| window.zone.clone()),
        note: window.note.clone(),
    }
}

trait HourMinute {
    fn hour_minute(&self) -> u32;
}

impl HourMinute for NaiveTime {
    fn hour_minute(&self) -> u32 {
        use chrono::Timelike;
        self.hour() * 60 + self.minute()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_call_window_in_dubai_is_shown_on_beijing_time() {
        let window = CallWindow {
            weekdays: vec![5, 7],
            from: "20:30".into(),
            to: "21:30".into(),
            zone: "Asia/Dubai".into(),
            note: String::new(),
            version: 1,
        };
        let day = NaiveDate::from_ymd_opt(2027, 4, 19).unwrap();
        let shown = window_text(&window, chrono_tz::Asia::Shanghai, day);
        assert_eq!((shown.from.as_str(), shown.to.as_str()), ("00:30", "01:30"));
        assert_eq!(
            shown.weekdays,
            vec![1, 6],
            "Friday and Sunday evening there: Saturday and Monday here"
        );
        assert_eq!(shown.abroad.as_deref(), Some("Asia/Dubai"));
        let home = CallWindow {
            zone: "Asia/Shanghai".into(),
            ..window
        };
        let shown = window_text(&home, chrono_tz::Asia::Shanghai, day);
        assert_eq!((shown.from.as_str(), shown.abroad), ("20:30", None));
        assert_eq!(shown.weekdays, vec![5, 7]);
    }
}
