//! What the five-ones pages receive, and the forms' fields as typed: plain data, no rules.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::care::types::Sticker;
use crate::school::types::{keyed, ClassLabel};

keyed!(
    /// The four habits of the five ones the school tracks (the fifth, the birthday, is on
    /// the calendar): a chore and the diary every day, a call home every week, a book a month.
    Habit {
        Chore = "chore",
        Diary = "diary",
        Call = "call",
        Book = "book",
    }
);

impl Habit {
    pub const DAILY: [Habit; 2] = [Habit::Chore, Habit::Diary];
}

keyed!(
    /// Why a child is excused: the days neither break a streak nor count. With the parents
    /// home (Spring Festival, a visit) only the weekly call is not needed.
    Excuse {
        Ill = "ill",
        Away = "away",
        ParentsHome = "parents_home",
    }
);

/// Why a day, a week or a month does not count.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Rest {
    /// A weekend, a statutory holiday or a school holiday; or a week or month begun before
    /// the child came to the school.
    NoSchool,
    Excused(Excuse),
}

/// How one period (a day, a week, a month) of a habit stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Mark {
    Done,
    /// Not done, and it counted.
    Missed,
    /// Neither counts nor breaks a streak.
    Skip(Rest),
    /// Today, this week or this month: still to do.
    Open,
}

/// A habit's standing over the term.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct HabitSummary {
    pub habit: Habit,
    /// Periods in a row up to now (a long streak forgives one miss, see the domain).
    pub streak: u32,
    pub best: u32,
    /// The forgiving score, 0–100: recent periods weigh most (Loop Habit Tracker's).
    pub score: u8,
    pub done: u32,
    pub counted: u32,
    /// How the score moved in the last four weeks (points).
    pub trend: i16,
}

/// One cell of the class check-in.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Cell {
    pub done: bool,
    /// Done with details the child or a counselor wrote (a book's title, how a call felt):
    /// the check-in shows it, and cannot take it back.
    pub detailed: bool,
}

/// One child on the class check-in screen.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CheckInRow {
    pub child_id: i64,
    pub name: String,
    pub chore: Cell,
    pub diary: Cell,
    pub call: Cell,
    pub book: Cell,
    /// Ill or away today.
    pub excused: Option<Excuse>,
    /// When the parents can take a call, on the school's clock ("周三 20:00–21:00").
    pub call_window: Option<CallWindowText>,
    /// Weeks in a row without a call, before this one.
    pub missed_weeks: u32,
}

/// A class's check-in for one day.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ClassCheckIn {
    pub class_id: i64,
    pub class: ClassLabel,
    pub day: NaiveDate,
    pub today: NaiveDate,
    /// Why the day does not count (a weekend, a holiday), if it does not.
    pub rest: Option<Rest>,
    pub rows: Vec<CheckInRow>,
    /// The classes the viewer may check in.
    pub classes: Vec<(i64, ClassLabel)>,
}

/// The parents' usual call window as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CallWindow {
    /// ISO weekdays, Monday 1 … Sunday 7.
    pub weekdays: Vec<u8>,
    /// "HH:MM" on the parents' clock.
    pub from: String,
    pub to: String,
    /// The IANA zone where the parents work ("Asia/Dubai"); the school's when at home.
    pub zone: String,
    /// Their shift, in their words ("工厂两班倒，晚班下班后").
    pub note: String,
    pub version: i64,
}

/// A call window said on the school's clock, ready to show.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CallWindowText {
    pub weekdays: Vec<u8>,
    pub from: String,
    pub to: String,
    /// The parents' own zone, when it is not the school's.
    pub abroad: Option<String>,
    pub note: String,
}

/// The call window form as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CallWindowInput {
    #[serde(default)]
    pub weekday: Vec<String>,
    pub from: String,
    pub to: String,
    pub zone: String,
    #[serde(default)]
    pub note: String,
}

/// A book the child read.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BookItem {
    pub id: i64,
    pub day: NaiveDate,
    pub title: String,
    pub sentence: String,
}

/// A call home.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CallItem {
    pub id: i64,
    pub day: NaiveDate,
    pub with_whom: String,
    pub feeling: Option<Sticker>,
    pub note: String,
    /// Logged by staff (its note is for staff).
    pub by_staff: bool,
}

/// Days a child is excused.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExcuseItem {
    pub id: i64,
    pub excuse: Excuse,
    pub first: NaiveDate,
    pub last: NaiveDate,
    pub note: String,
}

/// One day of the term heat map: how many of the daily habits were done, or why it rests.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct HeatDay {
    pub day: NaiveDate,
    pub done: u8,
    pub mark: Mark,
}

/// A child's five ones over the term, for the child, its teachers and its counselor.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ChildHabits {
    pub child_id: i64,
    pub name: String,
    pub class: ClassLabel,
    pub today: NaiveDate,
    pub term: Term,
    /// The day the child's file began, when it began this term: nothing before it counts.
    pub since: Option<NaiveDate>,
    pub summaries: Vec<HabitSummary>,
    pub heat: Vec<HeatDay>,
    /// Today's chore and diary (with the chore's note).
    pub chore_today: Option<String>,
    pub diary_today: bool,
    /// Today's ticks the child made itself (the ones it may take back).
    pub own_today: Vec<Habit>,
    pub books: Vec<BookItem>,
    pub calls: Vec<CallItem>,
    pub excuses: Vec<ExcuseItem>,
    pub window: Option<CallWindow>,
    pub window_text: Option<CallWindowText>,
    pub can_write: bool,
    /// The viewer may nominate the child for 自强好少年.
    pub can_nominate: bool,
    /// A fresh id for the next book or call written on this page.
    pub new_uid: String,
}

/// One week of a group's five ones: the share of counted chore and diary days that were
/// done, and of the children asked to call home who did (percent; `None`: nothing counted).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct WeekRate {
    pub week: NaiveDate,
    pub daily: Option<u8>,
    pub calls: Option<u8>,
    /// The running week: its school days up to today, today's ticks and the week's call
    /// counted as not done until they are.
    pub so_far: bool,
}

/// The five ones by week over the term: the school's (for the leading group) and each class
/// the viewer may see.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Overview {
    pub term: Term,
    pub today: NaiveDate,
    pub school: Option<Vec<WeekRate>>,
    pub classes: Vec<(i64, ClassLabel, Vec<WeekRate>)>,
}

/// A school term: the autumn one runs from September to January, the spring one from
/// February to August.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Term {
    /// The calendar year the school year starts in (2026 for 2026–2027).
    pub year: i32,
    pub spring: bool,
    pub first: NaiveDate,
    pub last: NaiveDate,
}
