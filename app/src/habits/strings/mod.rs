//! Text of the five ones. One file per language beside this one; a missing string is a
//! compile error. Words for the child encourage; nothing on its own page reads as a failure.

mod en;
mod zh_cn;

pub use en::EN;
pub use zh_cn::ZH_CN;

/// Text of the five ones: the check-in, a child's progress, the child's own page.
pub struct Strings {
    pub check_in_invalid: &'static str,
    pub day_invalid: &'static str,
    pub check_in_day_invalid: &'static str,
    /// Said under a refused day, above the check-in shown instead.
    pub showing_today: &'static str,
    pub no_class_title: &'static str,
    /// Whom a teacher (or counselor) with no one to check in asks.
    pub no_class_body: &'static str,
    /// A class (or pairing) with no child on file yet: children come from the admin's files.
    pub no_children_title: &'static str,
    pub no_children_body: &'static str,
    pub book_title_required: &'static str,
    pub call_with_whom_required: &'static str,
    pub excuse_invalid: &'static str,
    pub excuse_day_invalid: &'static str,
    pub last_day_before_first: &'static str,
    pub call_days_required: &'static str,
    pub call_zone_invalid: &'static str,
    pub nav_check_in: &'static str,
    pub nav_mine: &'static str,
    pub check_in_title: &'static str,
    pub check_in_hint: &'static str,
    pub child_title: &'static str,
    pub my_title: &'static str,
    pub class: &'static str,
    pub day: &'static str,
    pub open: &'static str,
    pub previous_day: &'static str,
    pub today: &'static str,
    pub child: &'static str,
    pub chore: &'static str,
    pub diary: &'static str,
    pub call: &'static str,
    pub book: &'static str,
    pub call_this_week: &'static str,
    pub book_this_month: &'static str,
    pub absent: &'static str,
    pub save_check_in: &'static str,
    pub no_school_day: &'static str,
    /// A past day's check-in: that day, not today, had no school.
    pub no_school_that_day: &'static str,
    pub logged_with_details: &'static str,
    pub everyone_called: &'static str,
    pub no_window: &'static str,
    pub excuse_ill: &'static str,
    pub excuse_away: &'static str,
    pub excuse_parents_home: &'static str,
    pub unit_days: &'static str,
    pub unit_weeks: &'static str,
    pub unit_months: &'static str,
    pub streak_start: &'static str,
    pub nothing_yet: &'static str,
    /// A habit with no day (week, month) counted yet: a child new to the school.
    pub just_started: &'static str,
    /// The day the child's file began, when it began this term.
    pub on_file_since: fn(&str) -> String,
    pub heat_title: &'static str,
    pub heat_both: &'static str,
    pub heat_one: &'static str,
    pub heat_none: &'static str,
    pub heat_rest: &'static str,
    pub heat_excused: &'static str,
    pub heat_open: &'static str,
    pub no_books: &'static str,
    pub no_calls: &'static str,
    pub call_checked_in: &'static str,
    pub log_book: &'static str,
    pub book_title: &'static str,
    pub book_sentence: &'static str,
    pub save_book: &'static str,
    pub log_call: &'static str,
    pub call_with_whom: &'static str,
    pub call_with_whom_hint: &'static str,
    pub call_feeling: &'static str,
    pub call_note: &'static str,
    pub save_call: &'static str,
    pub window_title: &'static str,
    pub window_days: &'static str,
    pub window_from: &'static str,
    pub window_to: &'static str,
    pub window_zone: &'static str,
    pub window_note: &'static str,
    pub window_note_hint: &'static str,
    pub save_window: &'static str,
    pub excuses_title: &'static str,
    pub no_excuses: &'static str,
    pub excuse: &'static str,
    pub first_day: &'static str,
    pub last_day: &'static str,
    pub note: &'static str,
    pub add_excuse: &'static str,
    pub withdraw: &'static str,
    pub did_chore: &'static str,
    pub did_diary: &'static str,
    pub chore_done: &'static str,
    pub diary_done: &'static str,
    pub what_chore: &'static str,
    pub what_chore_hint: &'static str,
    pub undo: &'static str,
    pub all_did: fn(&str) -> String,
    pub not_called_title: fn(usize) -> String,
    /// Beside a child's name in the class's check-in (short: a phone's narrow table).
    pub missed_weeks: fn(u32) -> String,
    /// A counselor's task: the child's calls home, not the counselor's own.
    pub missed_weeks_home: fn(u32) -> String,
    pub streak: fn(u32, &str) -> String,
    pub best: fn(u32, &str) -> String,
    pub score_label: fn(u8) -> String,
    /// Periods done of those counted, in the habit's unit: "完成 11/12 周".
    pub done_of: fn(u32, u32, &str) -> String,
    /// Under a nomination's figures: why a habit done every time may not read 100%.
    pub score_hint: &'static str,
    pub window_abroad: fn(&str) -> String,
    pub books_title: fn(usize) -> String,
    pub calls_title: fn(usize) -> String,
    pub term_autumn: fn(i32) -> String,
    pub term_spring: fn(i32) -> String,
    /// The score's move over the last four weeks, signed.
    pub trend: fn(i16) -> String,
    pub trend_up: &'static str,
    pub nav_overview: &'static str,
    pub overview_title: &'static str,
    pub overview_hint: &'static str,
    pub rate_daily: &'static str,
    pub rate_calls: &'static str,
    pub whole_school: &'static str,
    pub as_table: &'static str,
    pub week_of: &'static str,
    /// The running week, beside its date: its figures are for the days so far.
    pub week_so_far: &'static str,
    pub nominate: &'static str,
    pub weekdays: [&'static str; 7],
    pub zone_labels: [&'static str; 9],
}

/// A term as people say it: "2026–2027 学年第二学期", "spring term 2026–2027".
pub fn term_label(t: &crate::i18n::Strings, term: &crate::habits::types::Term) -> String {
    if term.spring {
        (t.habits.term_spring)(term.year)
    } else {
        (t.habits.term_autumn)(term.year)
    }
}

/// Where the parents are, as the call-window form names it ("阿联酋（迪拜）"); a zone not
/// on the form's list by its code.
pub fn zone_label<'a>(t: &'a crate::i18n::Strings, zone: &'a str) -> &'a str {
    crate::habits::forms_domain::ZONES
        .iter()
        .position(|z| *z == zone)
        .map_or(zone, |i| t.habits.zone_labels[i])
}

/// A habit's name.
pub fn habit_label(t: &crate::i18n::Strings, habit: crate::habits::types::Habit) -> &'static str {
    use crate::habits::types::Habit;
    match habit {
        Habit::Chore => t.habits.chore,
        Habit::Diary => t.habits.diary,
        Habit::Call => t.habits.call,
        Habit::Book => t.habits.book,
    }
}

/// What a habit is counted in: days, weeks or months.
pub fn habit_unit(t: &crate::i18n::Strings, habit: crate::habits::types::Habit) -> &'static str {
    use crate::habits::types::Habit;
    match habit {
        Habit::Chore | Habit::Diary => t.habits.unit_days,
        Habit::Call => t.habits.unit_weeks,
        Habit::Book => t.habits.unit_months,
    }
}
