//! Text of the programme's overview and year-end summary. One file per language beside
//! this one; a missing string is a compile error.

mod en;
mod zh_cn;

pub use en::EN;
pub use zh_cn::ZH_CN;

use super::types::YearSummary;

/// Text of the overview and of the year-end summary (each section a function of the year's
/// numbers: the summary writes itself).
pub struct Strings {
    pub nav: &'static str,
    pub title: &'static str,
    pub counts: &'static str,
    pub children: &'static str,
    pub left_behind: &'static str,
    pub half_left_behind: &'static str,
    pub paired: &'static str,
    pub unpaired: &'static str,
    pub counselors: &'static str,
    pub this_month: &'static str,
    pub coverage: &'static str,
    pub contacts: &'static str,
    pub by_priority: fn(u32, u32, u32) -> String,
    pub concerns_open: &'static str,
    pub overdue_n: fn(u32) -> String,
    pub five_ones: &'static str,
    pub chore_diary: &'static str,
    pub calls_home: &'static str,
    pub checkup: fn(i32) -> String,
    pub absent: &'static str,
    pub excused: &'static str,
    pub planned: &'static str,
    pub follow_ups_open: &'static str,
    pub birthdays: &'static str,
    pub the_term: &'static str,
    pub chart_coverage: &'static str,
    pub chart_priorities: &'static str,
    pub chart_birthdays: &'static str,
    pub month: &'static str,
    pub study: &'static str,
    pub life: &'static str,
    pub activities: &'static str,
    pub as_table: &'static str,
    pub summary_link: &'static str,
    pub summary_title: fn(&str, i32) -> String,
    pub print_hint: &'static str,
    pub intro: fn(&YearSummary) -> String,
    pub headings: [&'static str; 9],
    pub leading: fn(&YearSummary) -> String,
    pub pairing: fn(&YearSummary) -> String,
    pub five: fn(&YearSummary) -> String,
    pub files: fn(&YearSummary) -> String,
    pub groups: fn(&YearSummary) -> String,
    pub checkup_text: fn(&YearSummary) -> String,
    pub concerns: fn(&YearSummary) -> String,
    pub inspection: fn(&YearSummary) -> String,
    pub difficulties: fn(&YearSummary) -> String,
    pub as_of: fn(&str) -> String,
}
