//! The assessment's rules, without I/O: the periods, the scheme as the leading group types
//! it, and a sheet's score from its figures (compiled in `compile_domain`).

use std::collections::HashMap;

use chrono::{Datelike, Days, Months, NaiveDate};

use super::types::{Compiled, Criterion, Figures, Period, Scheme, SchemeInput, SheetRow};
use crate::error::ValidationError;
use crate::habits::types::Term;
use crate::school::text::fold;

impl Period {
    /// `2027-03` (a month) or `2026-spring` / `2026-autumn` (a semester of the school year
    /// starting in 2026).
    pub fn parse(key: &str) -> Option<Period> {
        let key = key.trim();
        if let Some(term) = crate::awards::domain::term_of_key(key) {
            return Some(Period::Term(term));
        }
        let (y, m) = key.split_once('-')?;
        if y.len() != 4 || m.len() != 2 {
            return None;
        }
        let first = NaiveDate::from_ymd_opt(y.parse().ok()?, m.parse().ok()?, 1)?;
        crate::school::types::date_in_range(first).then_some(Period::Month(first))
    }

    pub fn key(&self) -> String {
        match self {
            Period::Month(first) => first.format("%Y-%m").to_string(),
            Period::Term(term) => crate::awards::domain::term_key(term),
        }
    }

    pub fn first(&self) -> NaiveDate {
        match self {
            Period::Month(first) => *first,
            Period::Term(term) => term.first,
        }
    }

    pub fn last(&self) -> NaiveDate {
        match self {
            Period::Month(first) => *first + Months::new(1) - Days::new(1),
            Period::Term(term) => term.last,
        }
    }

    /// The school year (its first calendar year) the period belongs to.
    pub fn school_year(&self) -> i32 {
        Term::of(self.first()).year
    }

    /// The month `day` is in.
    pub fn month_of(day: NaiveDate) -> Period {
        Period::Month(day.with_day(1).expect("day 1 exists"))
    }

    /// The periods of the school year up to `today`, the newest first: its months, then its
    /// semesters.
    pub fn so_far(today: NaiveDate) -> Vec<Period> {
        let year = Term::of(today).year;
        let start = NaiveDate::from_ymd_opt(year, 9, 1).expect("September 1");
        let mut months = Vec::new();
        let mut month = start;
        while month <= today {
            months.push(Period::Month(month));
            month = month + Months::new(1);
        }
        months.reverse();
        let autumn = Term::of(start);
        let spring = Term::of(autumn.last + Days::new(1));
        months.extend(
            [spring, autumn]
                .into_iter()
                .filter(|t| t.first <= today)
                .map(Period::Term),
        );
        months
    }

    /// The last day the period has records for, seen on `today`.
    pub fn end(&self, today: NaiveDate) -> NaiveDate {
        self.last().min(today)
    }
}

/// A follow-up already due when a counselor's pairing with the child began is due this many
/// days after it: the leading group's month to take it over.
pub const TAKEOVER_DAYS: u64 = 30;

/// The weights most schools start from: the rhythm of talks first.
pub const DEFAULT_WEIGHTS: [(Criterion, u32); 8] = [
    (Criterion::Talks, 20),
    (Criterion::Visits, 15),
    (Criterion::Coverage, 15),
    (Criterion::Diary, 10),
    (Criterion::Habits, 10),
    (Criterion::FollowUps, 10),
    (Criterion::Concerns, 10),
    (Criterion::Birthdays, 10),
];

impl SchemeInput {
    /// Each criterion's weight as typed.
    pub fn weights(&self) -> [(Criterion, &str); 8] {
        [
            (Criterion::Talks, &self.w_talks),
            (Criterion::Visits, &self.w_visits),
            (Criterion::Coverage, &self.w_coverage),
            (Criterion::Diary, &self.w_diary),
            (Criterion::Habits, &self.w_habits),
            (Criterion::FollowUps, &self.w_follow_ups),
            (Criterion::Concerns, &self.w_concerns),
            (Criterion::Birthdays, &self.w_birthdays),
        ]
    }
}

impl Scheme {
    /// The scheme of a year nobody set yet: the default weights and the school's rhythm of care.
    pub fn default_for(year: i32, talk_days: u64, visit_days: u64) -> Scheme {
        Scheme {
            year,
            weights: DEFAULT_WEIGHTS.to_vec(),
            talk_days,
            visit_days,
            penalty: 5,
            version: 0,
        }
    }

    /// The scheme as typed: a weight per criterion (whole points, summing to 100), the
    /// rhythm (a talk every 1–120 days, a visit every 7–365) and the penalty (0–100).
    pub fn parse(
        year: i32,
        weights: &[(Criterion, &str)],
        talk_days: &str,
        visit_days: &str,
        penalty: &str,
    ) -> Result<Scheme, ValidationError> {
        let number = |raw: &str, max: u64, error: ValidationError| {
            fold(raw)
                .trim()
                .parse::<u64>()
                .ok()
                .filter(|n| *n <= max)
                .ok_or(error)
        };
        let mut parsed = Vec::new();
        for criterion in Criterion::ALL {
            let raw = weights
                .iter()
                .find(|(c, _)| c == criterion)
                .map(|(_, raw)| *raw)
                .unwrap_or("0");
            let raw = if raw.trim().is_empty() { "0" } else { raw };
            let weight = number(raw, 100, ValidationError::SchemeWeights)? as u32;
            parsed.push((*criterion, weight));
        }
        if parsed.iter().map(|(_, w)| w).sum::<u32>() != 100 {
            return Err(ValidationError::SchemeWeights);
        }
        let talk_days = number(talk_days, 120, ValidationError::RhythmInvalid)?;
        let visit_days = number(visit_days, 365, ValidationError::RhythmInvalid)?;
        if talk_days < 1 || visit_days < 7 {
            return Err(ValidationError::RhythmInvalid);
        }
        Ok(Scheme {
            year,
            weights: parsed,
            talk_days,
            visit_days,
            penalty: number(penalty, 100, ValidationError::SchemePenalty)? as u32,
            version: 0,
        })
    }

    pub fn weight(&self, criterion: Criterion) -> u32 {
        self.weights
            .iter()
            .find(|(c, _)| *c == criterion)
            .map_or(0, |(_, w)| *w)
    }
}

/// What of a criterion was met, of what was due (`None`: nothing was due).
pub fn met(criterion: Criterion, f: &Figures) -> Option<(u32, u32)> {
    let pair = match criterion {
        Criterion::Talks => (f.talks_done, f.talks_due),
        Criterion::Visits => (f.visits_on_rhythm, f.children),
        Criterion::Coverage => (f.reached, f.children),
        Criterion::Diary => (f.diary_children, f.children),
        Criterion::Habits => (f.habits_done, f.habits_counted),
        // What fell due earlier and stayed overdue counts as not done on time, again.
        Criterion::FollowUps => (
            f.follow_ups_on_time,
            f.follow_ups_due + f.follow_ups_overdue_open + f.follow_ups_overdue_closed,
        ),
        Criterion::Concerns => (
            f.concerns_on_time,
            f.concerns_due + f.concerns_overdue_open + f.concerns_overdue_closed,
        ),
        Criterion::Birthdays => (f.birthdays_marked, f.birthdays),
    };
    (pair.1 > 0).then_some(pair)
}

/// The leading group's mark on one criterion: a score (none: the compiled one stands) and
/// a comment.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Mark {
    pub score: Option<u32>,
    pub comment: String,
}

/// A sheet's rows and total: each criterion's compiled score is its weight times the share
/// met (full when nothing was due); the leading group's own score replaces it; each contact
/// not confirmed takes the penalty off the total (never below zero).
pub fn score(scheme: &Scheme, figures: Figures, marks: &HashMap<Criterion, Mark>) -> Compiled {
    let rows: Vec<SheetRow> = scheme
        .weights
        .iter()
        .map(|&(criterion, weight)| {
            let share = met(criterion, &figures);
            let compiled = match share {
                Some((done, due)) => (weight * done.min(due) * 2 + due) / (2 * due),
                None => weight,
            };
            let mark = marks.get(&criterion).cloned().unwrap_or_default();
            SheetRow {
                criterion,
                weight,
                met: share.map(|(done, due)| (done.min(due) * 100 + due / 2) / due),
                compiled,
                given: mark.score.map(|s| s.min(weight)),
                comment: mark.comment,
            }
        })
        .collect();
    let sum: u32 = rows.iter().map(|r| r.given.unwrap_or(r.compiled)).sum();
    let penalty = scheme.penalty * figures.not_confirmed;
    Compiled {
        total: sum.saturating_sub(penalty),
        sum,
        penalty,
        inspections: Vec::new(),
        rows,
        figures,
        talk_days: scheme.talk_days,
        visit_days: scheme.visit_days,
    }
}

/// A score the leading group gives: whole points from 0 to the criterion's weight; empty
/// leaves the compiled score standing.
pub fn given_score(raw: &str, weight: u32) -> Result<Option<u32>, ValidationError> {
    let raw = fold(raw);
    let raw = raw.trim();
    if raw.is_empty() {
        return Ok(None);
    }
    raw.parse::<u32>()
        .ok()
        .filter(|s| *s <= weight)
        .map(Some)
        .ok_or(ValidationError::MarkInvalid)
}

/// The leading group's mark of one criterion: a score (blank: the compiled one stands) and
/// its comment; a score given in place of the compiled one says why.
pub fn mark(score: &str, comment: &str, weight: u32) -> Result<Mark, ValidationError> {
    let mark = Mark {
        score: given_score(score, weight)?,
        comment: note(comment, NOTE_MAX)?,
    };
    if mark.score.is_some() && mark.comment.is_empty() {
        return Err(ValidationError::MarkNeedsComment);
    }
    Ok(mark)
}

/// Free text of a comment, an answer or an inspection note, as written (trimmed): at most
/// `max` characters.
pub fn note(raw: &str, max: usize) -> Result<String, ValidationError> {
    let text = raw.trim().to_owned();
    if text.chars().count() > max {
        return Err(ValidationError::TextTooLong);
    }
    Ok(text)
}

pub const NOTE_MAX: usize = 500;

/// How many contacts one draw samples: 1 to 50.
pub fn sample_size(raw: &str) -> Result<u32, ValidationError> {
    fold(raw)
        .trim()
        .parse::<u32>()
        .ok()
        .filter(|n| (1..=50).contains(n))
        .ok_or(ValidationError::SampleInvalid)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn scheme() -> Scheme {
        Scheme::default_for(2026, 14, 120)
    }

    fn march() -> Period {
        Period::parse("2027-03").unwrap()
    }

    #[test]
    fn periods_read_and_write_the_same_keys() {
        for key in ["2027-03", "2026-autumn", "2026-spring"] {
            assert_eq!(Period::parse(key).unwrap().key(), key);
        }
        assert_eq!(march().last(), d("2027-03-31"));
        assert_eq!(
            Period::parse("2026-spring").unwrap().first(),
            d("2027-02-01")
        );
        for bad in ["2027-13", "2027-3", "march", "", "2026-summer", "0001-01"] {
            assert_eq!(Period::parse(bad), None, "{bad}");
        }
        let so_far = Period::so_far(d("2027-04-19"));
        assert_eq!(so_far[0].key(), "2027-04");
        assert_eq!(so_far[7].key(), "2026-09");
        assert_eq!(
            so_far[8..].iter().map(Period::key).collect::<Vec<_>>(),
            ["2026-spring", "2026-autumn"]
        );
    }

    #[test]
    fn the_score_weighs_what_was_met_and_the_leading_groups_mark_replaces_it() {
        let f = Figures {
            children: 4,
            talks_done: 3,
            talks_due: 4,
            visits_on_rhythm: 4,
            reached: 2,
            diary_children: 4,
            ..Figures::default()
        };
        let sheet = score(&scheme(), f.clone(), &HashMap::new());
        let compiled: Vec<u32> = sheet.rows.iter().map(|r| r.compiled).collect();
        // talks 20×3/4, visits 15, coverage 15×2/4 rounds half up, diary 10, nothing due
        // for the rest: full.
        assert_eq!(compiled, [15, 15, 8, 10, 10, 10, 10, 10]);
        assert_eq!(sheet.total, 88);
        assert_eq!(sheet.rows[2].met, Some(50));
        assert_eq!(sheet.rows[4].met, None);
        let marks = HashMap::from([(
            Criterion::Coverage,
            Mark {
                score: Some(12),
                comment: "两个孩子由班主任代为联系".into(),
            },
        )]);
        assert_eq!(score(&scheme(), f, &marks).total, 92);
    }

    #[test]
    fn items_overdue_from_earlier_weigh_as_not_done_on_time() {
        let f = Figures {
            follow_ups_due: 2,
            follow_ups_on_time: 2,
            follow_ups_overdue_open: 1,
            concerns_overdue_closed: 1,
            ..Figures::default()
        };
        assert_eq!(met(Criterion::FollowUps, &f), Some((2, 3)));
        assert_eq!(met(Criterion::Concerns, &f), Some((0, 1)));
        let sheet = score(&scheme(), f, &HashMap::new());
        let compiled: Vec<u32> = sheet.rows.iter().map(|r| r.compiled).collect();
        // Follow-ups 10 × 2/3 rounds to 7; concerns: the only one was late.
        assert_eq!(compiled[5..7], [7, 0]);
    }

    #[test]
    fn a_scheme_needs_weights_summing_to_100_and_a_sane_rhythm() {
        let w = |v: [&'static str; 8]| -> Vec<(Criterion, &'static str)> {
            Criterion::ALL.iter().copied().zip(v).collect()
        };
        let ok = w(["30", "20", "10", "10", "10", "10", "５", "5"]);
        let s = Scheme::parse(2026, &ok, "14", "90", "10").unwrap();
        assert_eq!(s.weight(Criterion::Talks), 30);
        assert_eq!(s.weight(Criterion::Concerns), 5, "full-width digits");
        assert_eq!(
            Scheme::parse(
                2026,
                &w(["30", "20", "10", "10", "10", "10", "5", "6"]),
                "14",
                "90",
                "10"
            ),
            Err(ValidationError::SchemeWeights)
        );
        assert_eq!(
            Scheme::parse(
                2026,
                &w(["-1", "20", "10", "10", "10", "10", "5", "6"]),
                "14",
                "90",
                "10"
            ),
            Err(ValidationError::SchemeWeights)
        );
        assert_eq!(
            Scheme::parse(2026, &ok, "0", "90", "10"),
            Err(ValidationError::RhythmInvalid)
        );
        assert_eq!(
            Scheme::parse(2026, &ok, "14", "90", "101"),
            Err(ValidationError::SchemePenalty)
        );
        assert_eq!(given_score("21", 20), Err(ValidationError::MarkInvalid));
        assert_eq!(given_score(" ", 20), Ok(None));
        assert_eq!(given_score("１８", 20), Ok(Some(18)));
        assert_eq!(sample_size("0"), Err(ValidationError::SampleInvalid));
    }

    #[test]
    fn a_comment_is_kept_as_written_and_bounded() {
        assert_eq!(
            note(" 家访记录详细，建议：下次带上作业本！ ", NOTE_MAX).unwrap(),
            "家访记录详细，建议：下次带上作业本！"
        );
        assert_eq!(
            note(&"好".repeat(NOTE_MAX + 1), NOTE_MAX),
            Err(ValidationError::TextTooLong)
        );
    }

    #[test]
    fn a_score_given_in_place_of_the_compiled_one_says_why() {
        assert_eq!(mark("15", " ", 20), Err(ValidationError::MarkNeedsComment));
        assert_eq!(
            mark("15", "两次谈心没有记录内容", 20),
            Ok(Mark {
                score: Some(15),
                comment: "两次谈心没有记录内容".into()
            })
        );
        // A comment alone leaves the compiled score standing.
        assert_eq!(mark("", "继续保持", 20).map(|m| m.score), Ok(None));
        assert_eq!(mark("21", "", 20), Err(ValidationError::MarkInvalid));
    }
}
