//! Text of the assessment (考核评价). One file per language beside this one; a missing
//! string is a compile error.

mod en;
mod zh_cn;

pub use en::EN;
pub use zh_cn::ZH_CN;

use chrono::NaiveDate;

use super::types::{Criterion, Outcome, Period};

/// Text of the assessment: sheets, the scheme, inspections.
pub struct Strings {
    pub scheme_weights: &'static str,
    pub scheme_penalty: &'static str,
    pub mark_invalid: &'static str,
    pub mark_needs_comment: &'static str,
    pub answer_required: &'static str,
    pub sheet_open: &'static str,
    pub period_invalid: &'static str,
    pub period_not_over: &'static str,
    pub sample_invalid: &'static str,
    pub outcome_invalid: &'static str,
    pub nav: &'static str,
    pub title: &'static str,
    pub month_label: fn(&NaiveDate) -> String,
    pub period: &'static str,
    pub show: &'static str,
    pub c_talks: &'static str,
    pub c_visits: &'static str,
    pub c_coverage: &'static str,
    pub c_diary: &'static str,
    pub c_habits: &'static str,
    pub c_follow_ups: &'static str,
    pub c_concerns: &'static str,
    pub c_birthdays: &'static str,
    pub fig_talks: fn(u32, u32, u64) -> String,
    pub fig_visits: fn(u32, u32, u64, u32) -> String,
    pub fig_coverage: fn(u32, u32, u32, [u32; 3]) -> String,
    pub fig_diary: fn(u32, u32, u32, u32) -> String,
    pub fig_habits: fn(u32, u32, Option<i32>) -> String,
    /// Done on time, due in the period, due earlier and still open, due earlier and closed
    /// late in the period, and how many of all these were already due when the pairing
    /// began (due `TAKEOVER_DAYS` after it).
    pub fig_follow_ups: fn(u32, u32, u32, u32, u32) -> String,
    /// The same, and how many the counselor raised.
    pub fig_concerns: fn(u32, u32, u32, u32, u32) -> String,
    /// An item due earlier, overdue in the period: its due day, whether closed in it.
    pub overdue_item: fn(&NaiveDate, bool) -> String,
    pub fig_birthdays: fn(u32, u32) -> String,
    pub on_rhythm: &'static str,
    pub off_rhythm: &'static str,
    pub contacts_n: fn(u32) -> String,
    pub entries_n: fn(u32) -> String,
    pub marked: &'static str,
    pub not_marked: &'static str,
    pub a_child: &'static str,
    pub compiled_note: &'static str,
    pub no_sheets: &'static str,
    pub children: &'static str,
    pub children_n: fn(u32) -> String,
    pub total: &'static str,
    pub sum: &'static str,
    pub state: &'static str,
    pub response: &'static str,
    pub open: &'static str,
    pub closed: &'static str,
    pub open_live: &'static str,
    pub closed_by: fn(&str, &str) -> String,
    pub signed: &'static str,
    pub answered: &'static str,
    pub yes: &'static str,
    pub not_confirmed_n: fn(u32) -> String,
    pub close_hint: fn(u32) -> String,
    /// The box that makes closing a deliberate act (closing is final).
    pub close_confirm: &'static str,
    pub close_not_confirmed: &'static str,
    pub close_period: fn(&str) -> String,
    /// After closing: the period (its label) is closed.
    pub period_closed: fn(&str) -> String,
    pub close_sheet_hint: &'static str,
    pub export: &'static str,
    pub sheet_title: &'static str,
    pub print_hint: &'static str,
    pub rhythm_line: fn(u64, u64) -> String,
    /// How a semester's sheet is compiled, beside its months'.
    pub term_note: &'static str,
    pub criterion: &'static str,
    pub records_show: &'static str,
    pub weight: &'static str,
    pub compiled: &'static str,
    pub given: &'static str,
    pub nothing_due: &'static str,
    pub score: &'static str,
    pub comment: &'static str,
    pub save_mark: &'static str,
    /// Contacts not confirmed, and the points they cost.
    pub penalty_line: fn(u32, u32) -> String,
    pub penalty_short: &'static str,
    pub responses: &'static str,
    pub signed_at: fn(&str, &str) -> String,
    pub not_signed: &'static str,
    pub sign: &'static str,
    pub answer_label: &'static str,
    pub send_answer: &'static str,
    pub sign_counselor: &'static str,
    pub sign_leader: &'static str,
    pub scheme_title: &'static str,
    pub scheme_hint: &'static str,
    pub weights: &'static str,
    pub rhythm: &'static str,
    pub talk_days: &'static str,
    pub visit_days: &'static str,
    pub penalty: &'static str,
    pub save_scheme: &'static str,
    pub back: &'static str,
    pub inspections_title: &'static str,
    pub inspection_hint: &'static str,
    pub no_inspections: &'static str,
    pub sample_size: &'static str,
    pub draw: &'static str,
    pub undrawn_n: fn(u32) -> String,
    pub recorded_by: fn(&str) -> String,
    pub how_verified: &'static str,
    pub confirm: &'static str,
    pub mark_not_confirmed: &'static str,
    pub confirmed: &'static str,
    pub not_confirmed: &'static str,
    pub unchecked: &'static str,
}

pub fn criterion_label(t: &'static crate::i18n::Strings, c: Criterion) -> &'static str {
    let a = t.assessment;
    match c {
        Criterion::Talks => a.c_talks,
        Criterion::Visits => a.c_visits,
        Criterion::Coverage => a.c_coverage,
        Criterion::Diary => a.c_diary,
        Criterion::Habits => a.c_habits,
        Criterion::FollowUps => a.c_follow_ups,
        Criterion::Concerns => a.c_concerns,
        Criterion::Birthdays => a.c_birthdays,
    }
}

/// "2027年3月", or a semester's name.
pub fn period_label(t: &'static crate::i18n::Strings, period: &Period) -> String {
    match period {
        Period::Month(first) => (t.assessment.month_label)(first),
        Period::Term(term) => crate::habits::strings::term_label(t, term),
    }
}

/// How a drawn contact stands: verified, not confirmed, or still to verify.
pub fn outcome_label(t: &'static crate::i18n::Strings, outcome: Option<Outcome>) -> &'static str {
    match outcome {
        Some(Outcome::Confirmed) => t.assessment.confirmed,
        Some(Outcome::NotConfirmed) => t.assessment.not_confirmed,
        None => t.assessment.unchecked,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_follow_up_overdue_from_earlier_is_said_on_the_line() {
        for (s, line) in [
            (&ZH_CN, "到期0项，按时完成0项；另有1项此前到期、逾期未完成"),
            (
                &EN,
                "0 of 0 due closed on time; besides, 1 due earlier still open",
            ),
        ] {
            assert_eq!((s.fig_follow_ups)(0, 0, 1, 0, 0), line);
        }
        assert_eq!(
            (ZH_CN.fig_follow_ups)(2, 3, 0, 0, 0),
            "到期3项，按时完成2项"
        );
        assert_eq!(
            (ZH_CN.fig_concerns)(1, 1, 0, 2, 3),
            "到期1项，按时处理1项；另有2项此前到期、本期逾期处理；本期提出3项"
        );
        let day = NaiveDate::from_ymd_opt(2026, 6, 20).unwrap();
        assert_eq!(
            (ZH_CN.overdue_item)(&day, false),
            "2026-06-20到期，逾期未完成"
        );
        assert_eq!(
            (EN.overdue_item)(&day, true),
            "due 2026-06-20, closed late this period"
        );
    }

    #[test]
    fn a_follow_up_taken_over_says_it_had_a_month_from_the_pairing() {
        assert_eq!(
            (ZH_CN.fig_follow_ups)(0, 0, 2, 0, 2),
            "到期0项，按时完成0项；另有2项此前到期、逾期未完成；接手前已到期的2项，接手后30天内完成即算按时"
        );
        assert_eq!(
            (EN.fig_follow_ups)(1, 1, 0, 0, 1),
            "1 of 1 due closed on time; 1 already due when paired counts as on time if closed within 30 days of the pairing"
        );
    }

    #[test]
    fn nothing_deducted_reads_as_nothing_deducted() {
        for s in [&ZH_CN, &EN] {
            for (n, points) in [(0, 0), (2, 0)] {
                let line = (s.penalty_line)(n, points);
                assert!(!line.contains('−') && !line.contains('-'), "{line}");
            }
        }
        assert_eq!(
            (ZH_CN.penalty_line)(0, 0),
            "抽查没有发现未核实的联系，不扣分"
        );
        assert_eq!((ZH_CN.penalty_line)(1, 5), "抽查未核实1次，扣5分");
    }
}
