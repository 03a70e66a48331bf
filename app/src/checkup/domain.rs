//! The checkup day's rules, pure: the schedule of time slots per class, and a child's
//! results checked against what is plausible for their age (a 12 kg ten-year-old is a
//! typing error), with the BMI computed. The entry form and the server use this one parser.

use chrono::{Duration, NaiveTime, Timelike};
use serde::{Deserialize, Serialize};

use crate::checkup::types::Attendance;
use crate::checkup::types::ResultInput;
use crate::error::ValidationError;
use crate::school::types::ClassLabel;

/// One time slot of the day: a class's children, `per_slot` at a time.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Slot {
    pub class: ClassLabel,
    pub start: NaiveTime,
    pub end: NaiveTime,
    /// Child ids in the order they are called.
    pub children: Vec<i64>,
}

/// When the school day is over: no child is called for the checkup after it.
pub const DAY_ENDS: NaiveTime = match NaiveTime::from_hms_opt(18, 0, 0) {
    Some(t) => t,
    None => panic!("a valid time"),
};
/// The earliest the checkup day may start: the school opens.
pub const DAY_BEGINS: NaiveTime = match NaiveTime::from_hms_opt(7, 30, 0) {
    Some(t) => t,
    None => panic!("a valid time"),
};
/// The most children one slot may hold (the schedule form's limit).
pub const MAX_PER_SLOT: usize = 60;
/// A slot shorter than this is no checkup: never suggested.
const MIN_SLOT_MINUTES: u32 = 5;

/// A day's schedule that would run past [`DAY_ENDS`], with what alone would make it fit
/// (each with the other settings as they were; `None` where that change alone cannot).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TooLong {
    pub slots: usize,
    /// When the last slot would end, in minutes after midnight (from 1440: the next day).
    pub ends: u32,
    pub per_slot: Option<usize>,
    pub minutes: Option<u32>,
    pub start: Option<NaiveTime>,
}

fn minutes_of(time: NaiveTime) -> u32 {
    time.hour() * 60 + time.minute()
}

fn slots_needed(classes: &[(ClassLabel, Vec<i64>)], per_slot: usize) -> usize {
    classes
        .iter()
        .map(|(_, children)| children.len().div_ceil(per_slot))
        .sum()
}

/// The day's slots: classes one after another in the order given, each class starting a
/// slot of its own, `per_slot` children to a slot of `minutes`. A schedule running past the
/// end of the school day is refused with what would make it fit, never run into the night.
pub fn schedule(
    classes: &[(ClassLabel, Vec<i64>)],
    first: NaiveTime,
    minutes: u32,
    per_slot: usize,
) -> Result<Vec<Slot>, TooLong> {
    let per_slot = per_slot.max(1);
    let minutes = minutes.max(1);
    let (begin, end) = (minutes_of(first), minutes_of(DAY_ENDS));
    let ends = |slots: usize, minutes: u32| begin + slots as u32 * minutes;
    let slots = slots_needed(classes, per_slot);
    if slots > 0 && ends(slots, minutes) > end {
        let start = end
            .checked_sub(slots as u32 * minutes)
            .filter(|s| *s >= minutes_of(DAY_BEGINS))
            .and_then(|s| NaiveTime::from_hms_opt(s / 60, s % 60, 0));
        return Err(TooLong {
            slots,
            ends: ends(slots, minutes),
            per_slot: (per_slot + 1..=MAX_PER_SLOT)
                .find(|p| ends(slots_needed(classes, *p), minutes) <= end),
            minutes: Some(end.saturating_sub(begin) / slots as u32)
                .filter(|m| *m >= MIN_SLOT_MINUTES),
            start,
        });
    }
    let step = Duration::minutes(i64::from(minutes));
    let mut at = first;
    let mut slots = Vec::new();
    for (class, children) in classes {
        for group in children.chunks(per_slot) {
            slots.push(Slot {
                class: *class,
                start: at,
                end: at + step,
                children: group.to_vec(),
            });
            at += step;
        }
    }
    Ok(slots)
}

/// A checked result. Measurements are only for an examined child.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ResultDraft {
    pub attendance: Attendance,
    pub height_cm: Option<f64>,
    pub weight_kg: Option<f64>,
    pub vision_left: Option<f64>,
    pub vision_right: Option<f64>,
    pub caries: Option<u32>,
    pub findings: String,
    /// What needs following up, and by when.
    pub follow_up: Option<(String, chrono::NaiveDate)>,
}

/// Body mass index, kg/m², to one decimal.
pub fn bmi(height_cm: f64, weight_kg: f64) -> f64 {
    let m = height_cm / 100.0;
    (weight_kg / (m * m) * 10.0).round() / 10.0
}

/// The heights (cm) and weights (kg) that are plausible for a child of `age` years: wide
/// on purpose (they catch typing errors, not small or tall children), after China's growth
/// references for ages 6–12 with a margin.
pub fn plausible(age: u32) -> ((f64, f64), (f64, f64)) {
    let age = f64::from(age.clamp(3, 16));
    let height = (70.0 + 5.0 * age, 100.0 + 7.5 * age);
    let weight = (1.3 * age + 7.0, 5.5 * age + 20.0);
    (height, weight)
}

/// A measurement as typed: `138`, `138.5`, `4.8` (at most two decimals; a comma is taken
/// for the point). Read by hand: the float parser of the standard library would cost the
/// browser's bundle several kilobytes for the same answers.
fn number(raw: &str) -> Result<Option<f64>, ()> {
    let raw = crate::school::text::fold(raw).replace(',', ".");
    if raw.is_empty() {
        return Ok(None);
    }
    let (whole, fraction) = raw.split_once('.').unwrap_or((&raw, ""));
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if whole.is_empty()
        || whole.len() > 4
        || fraction.len() > 2
        || !digits(whole)
        || !digits(fraction)
    {
        return Err(());
    }
    let whole = whole
        .bytes()
        .fold(0_u32, |n, b| n * 10 + u32::from(b - b'0'));
    let hundredths = fraction
        .bytes()
        .chain(std::iter::repeat(b'0'))
        .take(2)
        .fold(0_u32, |n, b| n * 10 + u32::from(b - b'0'));
    Ok(Some(f64::from(whole * 100 + hundredths) / 100.0))
}

/// The field at fault and what is wrong.
pub type ResultError = (&'static str, ValidationError);

impl ResultDraft {
    /// Checks a result for a child of `age`; `today` bounds the follow-up date.
    pub fn parse(
        input: &ResultInput,
        age: u32,
        today: chrono::NaiveDate,
    ) -> Result<ResultDraft, ResultError> {
        let attendance = Attendance::parse(&input.attendance)
            .ok_or(("attendance", ValidationError::InvalidFilter))?;
        let findings = input.findings.trim().to_owned();
        if findings.chars().count() > 500 {
            return Err(("findings", ValidationError::TextTooLong));
        }
        let follow_up = match input.follow_up.trim() {
            "" => None,
            what if what.chars().count() > 100 => {
                return Err(("follow_up", ValidationError::TextTooLong))
            }
            what => {
                let due = crate::children::domain::read_date(&input.follow_up_due)
                    .filter(|d| *d >= today - Duration::days(1))
                    .ok_or(("follow_up_due", ValidationError::FollowUpDueInvalid))?;
                Some((what.to_owned(), due))
            }
        };
        if attendance != Attendance::Examined {
            return Ok(ResultDraft {
                attendance,
                height_cm: None,
                weight_kg: None,
                vision_left: None,
                vision_right: None,
                caries: None,
                findings,
                follow_up,
            });
        }
        let ((h_min, h_max), (w_min, w_max)) = plausible(age);
        let measure =
            |field: &'static str, raw: &str, min: f64, max: f64, error: ValidationError| {
                match number(raw) {
                    Err(()) => Err((field, ValidationError::NotANumber)),
                    Ok(Some(v)) if !(min..=max).contains(&v) => Err((field, error)),
                    Ok(v) => Ok(v),
                }
            };
        let height_cm = measure(
            "height_cm",
            &input.height_cm,
            h_min,
            h_max,
            ValidationError::HeightImplausible,
        )?;
        let weight_kg = measure(
            "weight_kg",
            &input.weight_kg,
            w_min,
            w_max,
            ValidationError::WeightImplausible,
        )?;
        if let (Some(h), Some(w)) = (height_cm, weight_kg) {
            // Each alone may pass and the pair still be a typing error.
            if !(10.0..=35.0).contains(&bmi(h, w)) {
                return Err(("weight_kg", ValidationError::WeightImplausible));
            }
        }
        // Vision on the standard logarithmic chart used in Chinese schools (五分记录, 4.0–5.3).
        let vision_left = measure(
            "vision_left",
            &input.vision_left,
            3.0,
            5.3,
            ValidationError::VisionImplausible,
        )?;
        let vision_right = measure(
            "vision_right",
            &input.vision_right,
            3.0,
            5.3,
            ValidationError::VisionImplausible,
        )?;
        let caries = match number(&input.caries) {
            Err(()) => return Err(("caries", ValidationError::NotANumber)),
            Ok(None) => None,
            Ok(Some(n)) if n.fract() == 0.0 && (0.0..=20.0).contains(&n) => Some(n as u32),
            Ok(Some(_)) => return Err(("caries", ValidationError::CariesImplausible)),
        };
        // Examined with nothing written is a tap too soon, not a result: it would count the
        // child as seen and leave the file a row of dashes. A finding or a follow-up alone
        // is a result (the dentist's look, say).
        let written = [height_cm, weight_kg, vision_left, vision_right]
            .iter()
            .any(Option::is_some)
            || caries.is_some()
            || !findings.is_empty()
            || follow_up.is_some();
        if !written {
            return Err(("height_cm", ValidationError::NothingMeasured));
        }
        Ok(ResultDraft {
            attendance,
            height_cm,
            weight_kg,
            vision_left,
            vision_right,
            caries,
            findings,
            follow_up,
        })
    }
}

/// The years a checkup can be of.
pub fn check_year(year: i32) -> Result<i32, ValidationError> {
    if crate::school::types::year_in_range(year) {
        Ok(year)
    } else {
        Err(ValidationError::InvalidDate)
    }
}

/// A result as saved.
#[derive(Debug, Clone, PartialEq)]
pub struct StoredResult {
    pub version: i64,
    pub attendance: String,
    pub height_cm: Option<f64>,
    pub weight_kg: Option<f64>,
    pub vision_left: Option<f64>,
    pub vision_right: Option<f64>,
    pub caries: Option<i64>,
    pub findings: String,
    pub follow_up: Option<String>,
    pub follow_up_due: Option<chrono::NaiveDate>,
    /// A closed follow-up: when, and the note.
    pub closed: Option<(String, String)>,
}

impl StoredResult {
    /// The entry form's fields for this result.
    pub fn input(&self) -> ResultInput {
        let number = |v: Option<f64>| v.map(|v| v.to_string()).unwrap_or_default();
        ResultInput {
            attendance: self.attendance.clone(),
            height_cm: number(self.height_cm),
            weight_kg: number(self.weight_kg),
            vision_left: number(self.vision_left),
            vision_right: number(self.vision_right),
            caries: self.caries.map(|c| c.to_string()).unwrap_or_default(),
            findings: self.findings.clone(),
            follow_up: self.follow_up.clone().unwrap_or_default(),
            follow_up_due: self
                .follow_up_due
                .map(|d| d.format("%Y-%m-%d").to_string())
                .unwrap_or_default(),
        }
    }

    pub fn bmi(&self) -> Option<f64> {
        self.height_cm.zip(self.weight_kg).map(|(h, w)| bmi(h, w))
    }
}

/// The entry form of a child with nothing saved yet.
pub fn blank_input() -> ResultInput {
    ResultInput {
        attendance: "examined".into(),
        ..ResultInput::default()
    }
}

/// The classes chosen for the roster, checked against the school's: at least one, each
/// the school's. `None` when every class is chosen (the roster then follows the school).
pub fn roster_choice(
    chosen: Vec<i64>,
    school: &[i64],
) -> Result<Option<Vec<i64>>, ValidationError> {
    let mut chosen = chosen;
    chosen.sort_unstable();
    chosen.dedup();
    if chosen.is_empty() {
        return Err(ValidationError::ClassesRequired);
    }
    if chosen.iter().any(|id| !school.contains(id)) {
        return Err(ValidationError::ClassInvalid);
    }
    Ok((chosen.len() != school.len()).then_some(chosen))
}

/// The note that closes a follow-up: required, at most 200 characters.
pub fn follow_up_note(note: &str) -> Result<&str, ValidationError> {
    let note = note.trim();
    if note.is_empty() || note.chars().count() > 200 {
        return Err(ValidationError::NoteRequired);
    }
    Ok(note)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn at(h: u32, m: u32) -> NaiveTime {
        NaiveTime::from_hms_opt(h, m, 0).unwrap()
    }

    fn class(grade: u8, number: u8) -> ClassLabel {
        ClassLabel { grade, number }
    }

    #[test]
    fn each_class_gets_its_own_slots_in_turn() {
        let classes = vec![
            (class(3, 1), (1..=23).collect::<Vec<i64>>()),
            (class(3, 2), (30..=34).collect()),
        ];
        let slots = schedule(&classes, at(8, 30), 20, 10).unwrap();
        assert_eq!(slots.len(), 4, "3-1 needs three slots, 3-2 one");
        assert_eq!((slots[0].start, slots[0].end), (at(8, 30), at(8, 50)));
        assert_eq!(slots[2].children, vec![21, 22, 23]);
        assert_eq!(slots[3].class, class(3, 2));
        assert_eq!(slots[3].start, at(9, 30));
        assert_eq!(schedule(&[], at(8, 30), 20, 10), Ok(vec![]));
    }

    #[test]
    fn a_schedule_past_the_school_day_is_refused_with_what_would_fit() {
        // The whole school with the form's defaults: twelve classes of 33.
        let school: Vec<(ClassLabel, Vec<i64>)> = (0..12)
            .map(|i| {
                (
                    class(i / 2 + 1, i % 2 + 1),
                    (0..33).map(|c| i64::from(i) * 100 + c).collect(),
                )
            })
            .collect();
        let refused = schedule(&school, at(8, 30), 20, 10).unwrap_err();
        assert_eq!(refused.slots, 48);
        assert_eq!(refused.ends, 24 * 60 + 30, "00:30 the next day");
        assert_eq!(
            refused.per_slot,
            Some(17),
            "two slots a class: 24 slots of 20 minutes end at 16:30"
        );
        assert_eq!(
            refused.minutes,
            Some(11),
            "48 slots of 11 minutes end at 17:18"
        );
        assert_eq!(refused.start, None, "no start after the school opens fits");
        let fits = schedule(&school, at(8, 30), 20, 17).unwrap();
        assert_eq!(fits.last().map(|s| s.end), Some(at(16, 30)));
        let fits = schedule(&school, at(8, 30), 11, 10).unwrap();
        assert!(fits.last().is_some_and(|s| s.end <= DAY_ENDS));
        // Ending exactly at the end of the day fits; a minute more does not.
        let one = vec![(class(1, 1), (0..30).collect::<Vec<i64>>())];
        assert_eq!(schedule(&one, at(17, 0), 20, 10).unwrap().len(), 3);
        let late = schedule(&one, at(17, 1), 20, 10).unwrap_err();
        assert_eq!(late.start, Some(at(17, 0)), "an earlier start fits");
        assert_eq!(late.per_slot, Some(15), "two slots of 15");
        assert_eq!(late.minutes, Some(19));
        // One class at a time fits where the school does not: no slot ever past 18:00.
        for (label, children) in &school {
            let slots = schedule(&[(*label, children.clone())], at(8, 30), 20, 10).unwrap();
            assert!(slots.iter().all(|s| s.start < s.end && s.end <= DAY_ENDS));
        }
    }

    fn input() -> ResultInput {
        ResultInput {
            attendance: "examined".into(),
            height_cm: "138.5".into(),
            weight_kg: "31.2".into(),
            vision_left: "5.0".into(),
            vision_right: "4.8".into(),
            caries: "1".into(),
            ..ResultInput::default()
        }
    }

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2027, 4, 20).unwrap()
    }

    #[test]
    fn a_ten_year_olds_results_with_the_bmi() {
        let draft = ResultDraft::parse(&input(), 10, today()).unwrap();
        assert_eq!(draft.height_cm, Some(138.5));
        assert_eq!(bmi(138.5, 31.2), 16.3);
        assert_eq!(draft.caries, Some(1));
    }

    #[test]
    fn examined_needs_a_result_and_absent_needs_none() {
        let blank = ResultInput {
            attendance: "examined".into(),
            ..ResultInput::default()
        };
        assert_eq!(
            ResultDraft::parse(&blank, 10, today()).unwrap_err(),
            ("height_cm", ValidationError::NothingMeasured)
        );
        let caries_only = ResultInput {
            caries: "0".into(),
            ..blank.clone()
        };
        assert_eq!(
            ResultDraft::parse(&caries_only, 10, today())
                .unwrap()
                .caries,
            Some(0)
        );
        let a_finding = ResultInput {
            findings: "牙龈出血".into(),
            ..blank.clone()
        };
        assert!(ResultDraft::parse(&a_finding, 10, today()).is_ok());
        let absent = ResultInput {
            attendance: "absent".into(),
            ..ResultInput::default()
        };
        assert!(ResultDraft::parse(&absent, 10, today()).is_ok());
    }

    #[test]
    fn typing_errors_are_named_by_field() {
        let err = |change: fn(&mut ResultInput)| {
            let mut i = input();
            change(&mut i);
            ResultDraft::parse(&i, 10, today()).unwrap_err()
        };
        assert_eq!(
            err(|i| i.weight_kg = "12".into()),
            ("weight_kg", ValidationError::WeightImplausible)
        );
        assert_eq!(
            err(|i| i.height_cm = "13.85".into()),
            ("height_cm", ValidationError::HeightImplausible)
        );
        assert_eq!(
            err(|i| i.height_cm = "一三八".into()),
            ("height_cm", ValidationError::NotANumber)
        );
        // 125 cm and 60 kg each pass for a ten-year-old; together (BMI 38) they do not.
        assert_eq!(
            err(|i| {
                i.height_cm = "125".into();
                i.weight_kg = "60".into()
            }),
            ("weight_kg", ValidationError::WeightImplausible)
        );
        assert_eq!(
            err(|i| i.vision_left = "0.8".into()),
            ("vision_left", ValidationError::VisionImplausible)
        );
        assert_eq!(
            err(|i| i.caries = "2.5".into()),
            ("caries", ValidationError::CariesImplausible)
        );
        assert_eq!(
            err(|i| i.follow_up = "复查视力".into()),
            ("follow_up_due", ValidationError::FollowUpDueInvalid)
        );
    }

    #[test]
    fn an_absent_child_has_no_measurements_and_may_need_a_follow_up() {
        let draft = ResultDraft::parse(
            &ResultInput {
                attendance: "absent".into(),
                height_cm: "999".into(),
                follow_up: "补检".into(),
                follow_up_due: "2027-04-27".into(),
                ..ResultInput::default()
            },
            10,
            today(),
        )
        .unwrap();
        assert_eq!(draft.height_cm, None);
        assert_eq!(
            draft.follow_up,
            Some((
                "补检".to_owned(),
                NaiveDate::from_ymd_opt(2027, 4, 27).unwrap()
            ))
        );
    }

    #[test]
    fn measurements_are_read_as_typed() {
        assert_eq!(number("138.5"), Ok(Some(138.5)));
        assert_eq!(number(" 31,2 "), Ok(Some(31.2)));
        assert_eq!(number("4.75"), Ok(Some(4.75)));
        assert_eq!(number("136"), Ok(Some(136.0)));
        assert_eq!(number(""), Ok(None));
        for bad in ["一三八", "1.2.3", ".5", "12.345", "-3", "1e3", "99999"] {
            assert_eq!(number(bad), Err(()), "{bad}");
        }
    }

    #[test]
    fn plausible_ranges_grow_with_age() {
        let ((h6, _), (w6, _)) = plausible(6);
        let ((h12, _), (w12, _)) = plausible(12);
        assert!(h12 > h6 && w12 > w6);
        let (_, (w10_min, _)) = plausible(10);
        assert!(12.0 < w10_min, "12 kg is never a ten-year-old's weight");
    }
}
