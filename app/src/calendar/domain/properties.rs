//! Property tests of the calendar's rules: generated inputs by the thousand, each checked
//! against what must always hold (sorted, inside the window, nothing lost in a split, a
//! lunar date that converts back, a hand-written parser that agrees with chrono's).

use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime};
use proptest::prelude::*;

use super::birthdays::birthdays_between;
use super::local_time::{parse_date, parse_time};
use super::lunar::{lunar_birthdays_between, to_lunar, to_solar};
use super::recurrence::series_starts;
use super::series::split_rule;

const ZONE: &str = "Asia/Shanghai";

fn day(offset: i64) -> NaiveDate {
    NaiveDate::from_ymd_opt(1901, 3, 1).unwrap() + Duration::days(offset)
}

/// A start in 2026 or 2027 (day 1 to 28 of its month), at a quarter hour.
fn start() -> impl Strategy<Value = NaiveDateTime> {
    (0i64..700, 28u32..72)
        .prop_filter("day 1 to 28", |(d, _)| {
            (NaiveDate::from_ymd_opt(2026, 1, 5).unwrap() + Duration::days(*d)).day() <= 28
        })
        .prop_map(|(d, quarter)| {
            (NaiveDate::from_ymd_opt(2026, 1, 5).unwrap() + Duration::days(d))
                .and_hms_opt(quarter / 4, (quarter % 4) * 15, 0)
                .unwrap()
        })
}

/// A start, and a rule of the kinds the editor makes that ends after it. The start is one
/// of the rule's own occurrences, as the editor's presets make it (RFC 5545 leaves a start
/// the rule does not produce undefined; see the note in `split_rule`).
fn series() -> impl Strategy<Value = (NaiveDateTime, String)> {
    const DAYS: [&str; 7] = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"];
    // COUNT, or UNTIL 3 weeks to a year after the start (floating, or in UTC).
    let end = prop_oneof![
        (2u32..60).prop_map(Ok),
        (21i64..366, any::<bool>()).prop_map(Err),
    ];
    let others = proptest::sample::subsequence(vec![0usize, 1, 2, 3, 4], 0..=2);
    (start(), 0u8..3, 1u32..4, others, end).prop_map(|(start, kind, interval, others, end)| {
        let weekday = start.weekday().num_days_from_monday() as usize;
        let base = match kind {
            0 => {
                let mut days = vec![weekday];
                days.extend(others);
                days.sort();
                days.dedup();
                let days: Vec<&str> = days.into_iter().map(|d| DAYS[d]).collect();
                format!("FREQ=WEEKLY;BYDAY={}", days.join(","))
            }
            1 => format!("FREQ=DAILY;INTERVAL={interval}"),
            _ => format!("FREQ=MONTHLY;BYMONTHDAY={}", start.day().min(28)),
        };
        let end = match end {
            Ok(count) => format!("COUNT={count}"),
            Err((days, floating)) => {
                let until = start + Duration::days(days);
                if floating {
                    format!("UNTIL={}", until.format("%Y%m%dT%H%M%S"))
                } else {
                    format!(
                        "UNTIL={}Z",
                        (until - Duration::hours(8)).format("%Y%m%dT%H%M%S")
                    )
                }
            }
        };
        (start, format!("{base};{end}"))
    })
}

fn expand(start: NaiveDateTime, rule: &str) -> Vec<NaiveDateTime> {
    series_starts(1, start, ZONE, rule, start, start + Duration::days(2200)).unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn a_series_expands_sorted_and_inside_its_window((start, rule) in series(), from in 0i64..300, days in 1i64..120) {
        let from = start + Duration::days(from);
        let to = from + Duration::days(days);
        let found = series_starts(1, start, ZONE, &rule, from, to).unwrap();
        prop_assert!(found.windows(2).all(|w| w[0] < w[1]), "sorted: {found:?}");
        prop_assert!(found.iter().all(|t| from <= *t && *t <= to), "inside {from}..{to}: {found:?}");
        // And exactly the occurrences of the whole series that fall in the window.
        let whole: Vec<NaiveDateTime> = expand(start, &rule).into_iter().filter(|t| from <= *t && *t <= to).collect();
        prop_assert_eq!(found, whole);
    }

    #[test]
    fn a_series_split_at_an_occurrence_adds_up_to_the_original((start, rule) in series(), at in 1usize..40) {
        let all = expand(start, &rule);
        prop_assume!(at < all.len());
        let split = all[at];
        let (head, tail) = split_rule(&rule, &rule, split, at as u32);
        let mut joined = expand(start, &head);
        joined.extend(expand(split, &tail));
        prop_assert_eq!(joined, all);
    }

    #[test]
    fn every_lunar_date_converts_back_to_its_solar_day(offset in 0i64..72_000) {
        let date = day(offset);
        prop_assert_eq!(to_solar(to_lunar(date)), Some(date));
    }

    #[test]
    fn lunar_birthdays_land_in_the_year_shown_once_a_lunar_year(birth in 30_000i64..45_000, year in 2026i32..2100) {
        let birth = day(birth);
        prop_assume!(year > birth.year());
        let first = NaiveDate::from_ymd_opt(year, 1, 1).unwrap();
        let last = NaiveDate::from_ymd_opt(year, 12, 31).unwrap();
        let found = lunar_birthdays_between(birth, first, last);
        prop_assert!(found.iter().all(|(d, _)| d.year() == year));
        prop_assert!(found.len() <= 2);
        // Two in one solar year are a lunar year apart (354 to 385 days).
        if let [(a, _), (b, _)] = found.as_slice() {
            prop_assert!((354..=385).contains(&(*b - *a).num_days()));
        }
        // Over three years, one a lunar year: ages go up by one each time.
        let span = lunar_birthdays_between(birth, first, NaiveDate::from_ymd_opt(year + 2, 12, 31).unwrap());
        prop_assert!(span.windows(2).all(|w| w[1].1 == w[0].1 + 1 && (354..=385).contains(&(w[1].0 - w[0].0).num_days())));
    }

    #[test]
    fn a_solar_birthday_comes_once_a_year_feb_29_on_feb_28(birth in 30_000i64..45_000, year in 2026i32..2100) {
        let birth = day(birth);
        prop_assume!(year > birth.year());
        let found = birthdays_between(
            birth,
            NaiveDate::from_ymd_opt(year, 1, 1).unwrap(),
            NaiveDate::from_ymd_opt(year, 12, 31).unwrap(),
        );
        let expected = NaiveDate::from_ymd_opt(year, birth.month(), birth.day())
            .unwrap_or_else(|| NaiveDate::from_ymd_opt(year, 2, 28).unwrap());
        prop_assert_eq!(found, vec![(expected, (year - birth.year()) as u32)]);
    }

    #[test]
    fn the_hand_written_date_parser_agrees_with_chrono(y in 1000u32..3000, m in 0u32..14, d in 0u32..33, pad in any::<bool>()) {
        let text = if pad { format!("{y}-{m:02}-{d:02}") } else { format!("{y}-{m}-{d}") };
        prop_assert_eq!(parse_date(&text), NaiveDate::parse_from_str(&text, "%Y-%m-%d").ok(), "{}", text);
    }

    #[test]
    fn the_hand_written_time_parser_agrees_with_chrono(h in 0u32..26, m in 0u32..62) {
        let text = format!("{h:02}:{m:02}");
        prop_assert_eq!(parse_time(&text), chrono::NaiveTime::parse_from_str(&text, "%H:%M").ok(), "{}", text);
    }
}
