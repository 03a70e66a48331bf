//! The five ones' rules: which days count (the school calendar, illness, the parents at
//! home), how a day, a week or a month of a habit stands, the forgiving score and the
//! streak (the forms' parsers are in `forms_domain`).

use std::collections::{HashMap, HashSet};

use chrono::{Datelike, Days, Months, NaiveDate, Weekday};

use super::types::{Excuse, Habit, HabitSummary, HeatDay, Mark, Rest, Term, WeekRate};

/// Which days are school days: weekdays, less statutory and school holidays, plus the
/// make-up working days (调休).
#[derive(Debug, Default, Clone)]
pub struct SchoolDays {
    /// A statutory holiday (`true`) or a make-up working day (`false`).
    holidays: HashMap<NaiveDate, bool>,
    /// School holidays (寒假, 暑假), first and last day.
    breaks: Vec<(NaiveDate, NaiveDate)>,
}

impl SchoolDays {
    pub fn new(
        holidays: impl IntoIterator<Item = (NaiveDate, bool)>,
        breaks: Vec<(NaiveDate, NaiveDate)>,
    ) -> SchoolDays {
        SchoolDays {
            holidays: holidays.into_iter().collect(),
            breaks,
        }
    }

    pub fn is_school_day(&self, day: NaiveDate) -> bool {
        if self.breaks.iter().any(|(a, b)| (*a..=*b).contains(&day)) {
            return false;
        }
        match self.holidays.get(&day) {
            Some(holiday) => !holiday,
            None => !matches!(day.weekday(), Weekday::Sat | Weekday::Sun),
        }
    }
}

/// The days a child is excused, by reason.
#[derive(Debug, Default, Clone)]
pub struct Excused(pub Vec<(Excuse, NaiveDate, NaiveDate)>);

impl Excused {
    /// Ill or away on `day` (the parents at home do not excuse a chore).
    pub fn absent(&self, day: NaiveDate) -> Option<Excuse> {
        self.0
            .iter()
            .find(|(e, a, b)| *e != Excuse::ParentsHome && (*a..=*b).contains(&day))
            .map(|(e, _, _)| *e)
    }

    fn parents_home_within(&self, first: NaiveDate, last: NaiveDate) -> bool {
        self.0
            .iter()
            .any(|(e, a, b)| *e == Excuse::ParentsHome && *a <= last && *b >= first)
    }
}

/// Why `day` does not count for a daily habit, if it does not.
pub fn rest_on(school: &SchoolDays, excused: &Excused, day: NaiveDate) -> Option<Rest> {
    if !school.is_school_day(day) {
        return Some(Rest::NoSchool);
    }
    excused.absent(day).map(Rest::Excused)
}

fn days(first: NaiveDate, last: NaiveDate) -> impl Iterator<Item = NaiveDate> {
    first.iter_days().take_while(move |d| *d <= last)
}

/// Each day from `first` to `today` of a daily habit (the chore, the diary). Done on a day
/// that does not count still counts as done.
pub fn daily_marks(
    done: &HashSet<NaiveDate>,
    school: &SchoolDays,
    excused: &Excused,
    first: NaiveDate,
    today: NaiveDate,
) -> Vec<(NaiveDate, Mark)> {
    days(first, today)
        .map(|day| {
            let mark = if done.contains(&day) {
                Mark::Done
            } else if let Some(rest) = rest_on(school, excused, day) {
                Mark::Skip(rest)
            } else if day == today {
                Mark::Open
            } else {
                Mark::Missed
            };
            (day, mark)
        })
        .collect()
}

/// The Monday of `day`'s week.
pub fn week_start(day: NaiveDate) -> NaiveDate {
    day - Days::new(u64::from(day.weekday().num_days_from_monday()))
}

/// The first of `day`'s month.
pub fn month_start(day: NaiveDate) -> NaiveDate {
    day.with_day(1).expect("the first of a month")
}

/// Each week (by its Monday) from `first`'s to `today`'s of the weekly call home. Holidays
/// do not excuse a call (the child calls from home); the parents at home do, and so does a
/// whole week ill or away. A week begun before `first` counts only when the call was made.
pub fn weekly_marks(
    calls: &HashSet<NaiveDate>,
    excused: &Excused,
    first: NaiveDate,
    today: NaiveDate,
) -> Vec<(NaiveDate, Mark)> {
    let this_week = week_start(today);
    week_start(first)
        .iter_weeks()
        .take_while(|w| *w <= this_week)
        .map(|week| {
            let last = week + Days::new(6);
            let mark = if days(week, last).any(|d| calls.contains(&d)) {
                Mark::Done
            } else if excused.parents_home_within(week, last) {
                Mark::Skip(Rest::Excused(Excuse::ParentsHome))
            } else if let Some(e) = days(week, last)
                .map(|d| excused.absent(d))
                .reduce(|a, b| if a == b { a } else { None })
                .flatten()
            {
                Mark::Skip(Rest::Excused(e))
            } else if week == this_week {
                Mark::Open
            } else if week < first {
                // Begun before the child came (or the term began): not owed in full.
                Mark::Skip(Rest::NoSchool)
            } else {
                Mark::Missed
            };
            (week, mark)
        })
        .collect()
}

/// Each month from `first`'s to `today`'s of the monthly book; a month without a school
/// day (the summer holiday) does not count, nor one begun before `first` without a book.
pub fn monthly_marks(
    books: &HashSet<NaiveDate>,
    school: &SchoolDays,
    first: NaiveDate,
    today: NaiveDate,
) -> Vec<(NaiveDate, Mark)> {
    let this_month = month_start(today);
    let mut month = month_start(first);
    let mut marks = Vec::new();
    while month <= this_month {
        let last = month + Months::new(1) - Days::new(1);
        let mark = if days(month, last).any(|d| books.contains(&d)) {
            Mark::Done
        } else if !days(month.max(first), last).any(|d| school.is_school_day(d)) {
            Mark::Skip(Rest::NoSchool)
        } else if month == this_month {
            Mark::Open
        } else if month < first {
            // Begun before the child came: not owed in full.
            Mark::Skip(Rest::NoSchool)
        } else {
            Mark::Missed
        };
        marks.push((month, mark));
        month = month + Months::new(1);
    }
    marks
}

/// How fast a habit's score forgets, and how long a streak must be before it forgives a
/// miss: in the habit's own periods.
struct Cadence {
    half_life: f64,
    grace_after: u32,
}

fn cadence(habit: Habit) -> Cadence {
    match habit {
        Habit::Chore | Habit::Diary => Cadence {
            half_life: 13.0,
            grace_after: 7,
        },
        Habit::Call => Cadence {
            half_life: 4.0,
            grace_after: 4,
        },
        Habit::Book => Cadence {
            half_life: 2.0,
            grace_after: 3,
        },
    }
}

/// The score and the streak of a habit from its marks, oldest first.
///
/// The score is Loop Habit Tracker's: each counted period moves it part of the way to 1
/// (done) or 0 (missed), so a long run survives a missed day and a new habit grows slowly.
/// The streak counts done periods in a row; skipped ones neither break nor count it, and a
/// streak of at least `grace_after` periods forgives one miss (not adding it) if it is the
/// first since the last forgiven one that many done periods ago. A child who forgot once
/// after three good weeks does not fall back to nothing.
pub fn summarize(habit: Habit, marks: impl IntoIterator<Item = Mark>) -> HabitSummary {
    let Cadence {
        half_life,
        grace_after,
    } = cadence(habit);
    let keep = 0.5f64.powf(1.0 / half_life);
    let (mut score, mut streak, mut best, mut since_grace, mut done, mut counted) =
        (0.0f64, 0u32, 0u32, 0u32, 0u32, 0u32);
    for mark in marks {
        match mark {
            Mark::Done => {
                score = score * keep + (1.0 - keep);
                streak += 1;
                since_grace += 1;
                best = best.max(streak);
                done += 1;
                counted += 1;
            }
            Mark::Missed => {
                score *= keep;
                counted += 1;
                if streak >= grace_after && since_grace >= grace_after {
                    since_grace = 0;
                } else {
                    streak = 0;
                    since_grace = 0;
                }
            }
            Mark::Skip(_) | Mark::Open => {}
        }
    }
    HabitSummary {
        habit,
        streak,
        best,
        score: (score * 100.0).round().clamp(0.0, 100.0) as u8,
        done,
        counted,
        trend: 0,
    }
}

/// One child's marks over the term, as `weekly_rates` adds them up.
pub struct ChildMarks {
    pub daily: Vec<(NaiveDate, Mark)>,
    pub calls: Vec<(NaiveDate, Mark)>,
}

/// A group's completion by week from `first`'s week to `today`'s: the chore and diary days
/// done of those that counted, and the children who called of those asked to. In the running
/// week today and the week's call count as not done until they are: counting only what was
/// ticked made a class that had ticked a few children today read 100%, and the classes that
/// had not checked in yet vanish from the school's figure.
pub fn weekly_rates(children: &[&ChildMarks], first: NaiveDate, today: NaiveDate) -> Vec<WeekRate> {
    let start = week_start(first);
    let weeks = ((week_start(today) - start).num_days() / 7 + 1) as usize;
    // Per week: daily done, daily counted, calls done, calls counted.
    let mut sums = vec![(0u32, 0u32, 0u32, 0u32); weeks];
    let slot = |day: NaiveDate| ((week_start(day) - start).num_days() / 7) as usize;
    for child in children {
        for (day, mark) in &child.daily {
            if let Some(s) = sums.get_mut(slot(*day)) {
                match mark {
                    Mark::Done => (s.0, s.1) = (s.0 + 1, s.1 + 1),
                    Mark::Missed | Mark::Open => s.1 += 1,
                    Mark::Skip(_) => {}
                }
            }
        }
        for (week, mark) in &child.calls {
            if let Some(s) = sums.get_mut(slot(*week)) {
                match mark {
                    Mark::Done => (s.2, s.3) = (s.2 + 1, s.3 + 1),
                    Mark::Missed | Mark::Open => s.3 += 1,
                    Mark::Skip(_) => {}
                }
            }
        }
    }
    let pct = |done: u32, counted: u32| {
        (counted > 0).then(|| ((done * 100 + counted / 2) / counted) as u8)
    };
    let this_week = week_start(today);
    sums.into_iter()
        .enumerate()
        .map(|(i, (dd, dc, cd, cc))| {
            let week = start + Days::new(7 * i as u64);
            WeekRate {
                week,
                daily: pct(dd, dc),
                calls: pct(cd, cc),
                so_far: week == this_week,
            }
        })
        .collect()
}

/// How far back a habit's trend looks.
pub const TREND_DAYS: u64 = 28;

/// The habit's summary with its trend: the score now against the score `TREND_DAYS` ago.
pub fn summarize_with_trend(
    habit: Habit,
    marks: &[(NaiveDate, Mark)],
    today: NaiveDate,
) -> HabitSummary {
    let then = today - Days::new(TREND_DAYS);
    let before = summarize(
        habit,
        marks.iter().filter(|(d, _)| *d <= then).map(|(_, m)| *m),
    );
    let now = summarize(habit, marks.iter().map(|(_, m)| *m));
    HabitSummary {
        trend: i16::from(now.score) - i16::from(before.score),
        ..now
    }
}

/// Weeks in a row without a call, up to last week (this week is still open). A week the
/// parents were home ends the run.
pub fn missed_weeks(weeks: &[(NaiveDate, Mark)]) -> u32 {
    weeks
        .iter()
        .rev()
        .skip_while(|(_, m)| *m == Mark::Open)
        .take_while(|(_, m)| *m == Mark::Missed)
        .count() as u32
}

/// The term heat map: per day, how many daily habits were done, or why the day rests. A
/// school day the child was ill or away reads as such even with ticks left from before it
/// was marked, as the check-in shows it (the ticks still count for the streak and score).
pub fn heat(
    chore: &[(NaiveDate, Mark)],
    diary: &[(NaiveDate, Mark)],
    school: &SchoolDays,
    excused: &Excused,
) -> Vec<HeatDay> {
    chore
        .iter()
        .zip(diary)
        .map(|((day, c), (_, d))| {
            let done = u8::from(*c == Mark::Done) + u8::from(*d == Mark::Done);
            let mark = match rest_on(school, excused, *day) {
                Some(away @ Rest::Excused(_)) => Mark::Skip(away),
                _ if done > 0 => Mark::Done,
                _ => *c,
            };
            HeatDay {
                day: *day,
                done,
                mark,
            }
        })
        .collect()
}

impl Term {
    /// The term `day` falls in: September to January, or February to August.
    pub fn of(day: NaiveDate) -> Term {
        let date = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).expect("a valid date");
        let y = day.year();
        match day.month() {
            9..=12 => Term {
                year: y,
                spring: false,
                first: date(y, 9, 1),
                last: date(y + 1, 1, 31),
            },
            1 => Term {
                year: y - 1,
                spring: false,
                first: date(y - 1, 9, 1),
                last: date(y, 1, 31),
            },
            _ => Term {
                year: y - 1,
                spring: true,
                first: date(y, 2, 1),
                last: date(y, 8, 31),
            },
        }
    }
}

/// The first day a child's five ones count from: the term's first day, or the day the
/// child's file began when that is later (a child new to the school is not behind on the
/// days before it came), never after today.
pub fn counted_from(
    term_first: NaiveDate,
    on_file: Option<NaiveDate>,
    today: NaiveDate,
) -> NaiveDate {
    on_file.map_or(term_first, |d| d.max(term_first)).min(today)
}

/// The week and month `day` is in: the call and the book of a check-in.
pub fn period_of(habit: Habit, day: NaiveDate) -> (NaiveDate, NaiveDate) {
    match habit {
        Habit::Chore | Habit::Diary => (day, day),
        Habit::Call => (week_start(day), week_start(day) + Days::new(6)),
        Habit::Book => {
            let first = month_start(day);
            (first, first + Months::new(1) - Days::new(1))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn run(marks: &str) -> Vec<Mark> {
        marks
            .chars()
            .map(|c| match c {
                'x' => Mark::Done,
                '.' => Mark::Missed,
                's' => Mark::Skip(Rest::NoSchool),
                _ => Mark::Open,
            })
            .collect()
    }

    #[test]
    fn a_child_new_today_is_behind_on_nothing() {
        let today = d("2027-04-21"); // a Wednesday
        let term = Term::of(today);
        let first = counted_from(term.first, Some(today), today);
        assert_eq!(first, today);
        let school = SchoolDays::default();
        let chore = daily_marks(&HashSet::new(), &school, &Excused::default(), first, today);
        let summary = summarize(Habit::Chore, chore.iter().map(|(_, m)| *m));
        assert_eq!(
            (summary.done, summary.counted),
            (0, 0),
            "nothing counts before the file began, and today is still open"
        );
        let calls = weekly_marks(&HashSet::new(), &Excused::default(), first, today);
        assert_eq!(missed_weeks(&calls), 0);
        // Come on a Thursday: that week's call and that month's book are not owed in full.
        let thursday = d("2027-03-11");
        let calls = weekly_marks(&HashSet::new(), &Excused::default(), thursday, today);
        assert_eq!(calls[0], (d("2027-03-08"), Mark::Skip(Rest::NoSchool)));
        assert_eq!(
            calls[1],
            (d("2027-03-15"), Mark::Missed),
            "the next week is"
        );
        let called = HashSet::from([d("2027-03-13")]);
        let calls = weekly_marks(&called, &Excused::default(), thursday, today);
        assert_eq!(calls[0].1, Mark::Done, "a call made that week still counts");
        let books = monthly_marks(&HashSet::new(), &school, thursday, today);
        assert_eq!(books[0], (d("2027-03-01"), Mark::Skip(Rest::NoSchool)));
        assert_eq!(books[1], (d("2027-04-01"), Mark::Open));
        // Since Monday: two school days missed, not the whole term.
        let first = counted_from(term.first, Some(d("2027-04-19")), today);
        let chore = daily_marks(&HashSet::new(), &school, &Excused::default(), first, today);
        let summary = summarize(Habit::Chore, chore.iter().map(|(_, m)| *m));
        assert_eq!((summary.done, summary.counted), (0, 2));
        // On file since before the term (or not known): the whole term counts.
        assert_eq!(
            counted_from(term.first, Some(d("2025-09-01")), today),
            term.first
        );
        assert_eq!(counted_from(term.first, None, today), term.first);
        // A clock ahead of the school's "today" never empties the page.
        assert_eq!(
            counted_from(term.first, Some(d("2027-05-01")), today),
            today
        );
    }

    #[test]
    fn weekends_and_holidays_rest_and_make_up_days_count() {
        // 2027-04-05 Qingming (a Monday); 2027-04-11 a make-up working Sunday (made up).
        let school = SchoolDays::new(
            [(d("2027-04-05"), true), (d("2027-04-11"), false)],
            vec![(d("2027-01-25"), d("2027-02-21"))],
        );
        assert!(!school.is_school_day(d("2027-04-05")));
        assert!(!school.is_school_day(d("2027-04-10")), "a Saturday");
        assert!(
            school.is_school_day(d("2027-04-11")),
            "a make-up working day"
        );
        assert!(school.is_school_day(d("2027-04-06")));
        assert!(!school.is_school_day(d("2027-02-01")), "the winter holiday");
        assert!(school.is_school_day(d("2027-02-22")));
    }

    #[test]
    fn a_holiday_week_leaves_a_streak_intact() {
        // Chores done every school day of two weeks around a week of holiday.
        let school = SchoolDays::new([], vec![(d("2027-04-12"), d("2027-04-18"))]);
        let done: HashSet<_> = days(d("2027-04-05"), d("2027-04-09"))
            .chain(days(d("2027-04-19"), d("2027-04-23")))
            .collect();
        let marks = daily_marks(
            &done,
            &school,
            &Excused::default(),
            d("2027-04-05"),
            d("2027-04-23"),
        );
        let summary = summarize(Habit::Chore, marks.iter().map(|(_, m)| *m));
        assert_eq!(summary.streak, 10);
        assert_eq!(summary.counted, 10);
        assert!(marks.iter().all(|(_, m)| *m != Mark::Missed));
    }

    #[test]
    fn illness_is_excused_and_today_is_still_open() {
        let school = SchoolDays::default();
        let excused = Excused(vec![(Excuse::Ill, d("2027-04-13"), d("2027-04-14"))]);
        let done: HashSet<_> = [d("2027-04-12"), d("2027-04-15")].into();
        let marks = daily_marks(&done, &school, &excused, d("2027-04-12"), d("2027-04-16"));
        let only: Vec<Mark> = marks.iter().map(|(_, m)| *m).collect();
        assert_eq!(
            only,
            vec![
                Mark::Done,
                Mark::Skip(Rest::Excused(Excuse::Ill)),
                Mark::Skip(Rest::Excused(Excuse::Ill)),
                Mark::Done,
                Mark::Open
            ]
        );
        assert_eq!(summarize(Habit::Diary, only).streak, 2);
    }

    #[test]
    fn a_missed_day_after_a_long_streak_is_forgiven_once() {
        let long = summarize(Habit::Chore, run("xxxxxxxxxx.xx"));
        assert_eq!(long.streak, 12, "ten days, one forgiven miss, two more");
        assert_eq!(long.best, 12);
        let again = summarize(Habit::Chore, run("xxxxxxxxxx.xx.x"));
        assert_eq!(again.streak, 1, "a second miss within a week breaks it");
        assert_eq!(again.best, 12);
        let short = summarize(Habit::Chore, run("xxx.x"));
        assert_eq!(short.streak, 1, "a short run forgives nothing");
        let twice = summarize(Habit::Chore, run("xxxxxxxx..x"));
        assert_eq!(twice.streak, 1, "two misses in a row break it");
    }

    #[test]
    fn the_score_forgives_and_grows_slowly() {
        let month = summarize(Habit::Chore, run(&"x".repeat(30)));
        let missed_once = summarize(Habit::Chore, run(&format!("{}.", "x".repeat(30))));
        assert!(month.score >= 75, "{}", month.score);
        assert!(
            month.score - missed_once.score <= 5,
            "one miss costs little"
        );
        assert_eq!(summarize(Habit::Chore, run("")).score, 0);
        assert!(
            summarize(Habit::Chore, run("x")).score < 10,
            "one day is a start"
        );
        let skipping = summarize(Habit::Chore, run(&"xs".repeat(15)));
        assert_eq!(skipping.counted, 15, "skipped days do not count");
        assert_eq!(skipping.streak, 15);
        assert_eq!(summarize(Habit::Chore, run(&".".repeat(20))).score, 0);
    }

    #[test]
    fn the_trend_compares_the_score_with_four_weeks_ago() {
        let today = d("2027-04-19");
        let marks: Vec<(NaiveDate, Mark)> = days(d("2027-03-01"), today)
            .map(|day| {
                (
                    day,
                    if day < d("2027-03-22") {
                        Mark::Missed
                    } else {
                        Mark::Done
                    },
                )
            })
            .collect();
        let rising = summarize_with_trend(Habit::Chore, &marks, today);
        assert!(rising.trend > 40, "{}", rising.trend);
        let flat: Vec<(NaiveDate, Mark)> = marks.iter().map(|(d, _)| (*d, Mark::Missed)).collect();
        assert_eq!(summarize_with_trend(Habit::Chore, &flat, today).trend, 0);
    }

    #[test]
    fn weekly_rates_add_up_what_counted() {
        // Two children over the week of 2027-04-12: one did everything, one half; today
        // (Friday the 16th) is still open and counts as not done yet.
        let week: Vec<NaiveDate> = days(d("2027-04-12"), d("2027-04-16")).collect();
        let all = ChildMarks {
            daily: week.iter().map(|d| (*d, Mark::Done)).collect(),
            calls: vec![(d("2027-04-12"), Mark::Done)],
        };
        let half = ChildMarks {
            daily: week
                .iter()
                .enumerate()
                .map(|(i, d)| {
                    let mark = match i {
                        4 => Mark::Open,
                        i if i % 2 == 0 => Mark::Done,
                        _ => Mark::Missed,
                    };
                    (*d, mark)
                })
                .collect(),
            calls: vec![(
                d("2027-04-12"),
                Mark::Skip(Rest::Excused(Excuse::ParentsHome)),
            )],
        };
        let rates = weekly_rates(&[&all, &half], d("2027-04-12"), d("2027-04-16"));
        assert_eq!(rates.len(), 1);
        // 5 + 2 done of 5 + 5 counted; one call of one asked.
        assert_eq!(rates[0].daily, Some(70));
        assert_eq!(rates[0].calls, Some(100));
        assert!(rates[0].so_far);
        assert_eq!(
            weekly_rates(&[], d("2027-04-12"), d("2027-04-16"))[0].daily,
            None
        );
    }

    #[test]
    fn on_monday_morning_the_week_is_what_was_ticked_of_everyone_due() {
        // Monday 2027-04-19, last week all done: one class of 32 has ticked every chore and
        // two diaries today; another class of 32 has not checked in yet.
        let today = d("2027-04-19");
        let first = d("2027-04-12");
        let school = SchoolDays::default();
        let none = Excused::default();
        let last_week: HashSet<NaiveDate> = days(first, d("2027-04-16")).collect();
        let child = |chore: bool, diary: bool| {
            let with_today = |done: bool| {
                let mut days = last_week.clone();
                if done {
                    days.insert(today);
                }
                days
            };
            let mut daily = daily_marks(&with_today(chore), &school, &none, first, today);
            daily.extend(daily_marks(
                &with_today(diary),
                &school,
                &none,
                first,
                today,
            ));
            let calls = weekly_marks(&HashSet::from([first]), &none, first, today);
            ChildMarks { daily, calls }
        };
        let checked_in: Vec<ChildMarks> = (0..32).map(|i| child(true, i < 2)).collect();
        let not_yet: Vec<ChildMarks> = (0..32).map(|_| child(false, false)).collect();
        let class: Vec<&ChildMarks> = checked_in.iter().collect();
        let rates = weekly_rates(&class, first, today);
        assert_eq!(rates[0].daily, Some(100), "last week as it was");
        assert!(!rates[0].so_far);
        assert_eq!(
            (rates[1].daily, rates[1].so_far),
            (Some(53), true),
            "32 chores and 2 diaries of 64, not 100%"
        );
        assert_eq!(rates[1].calls, Some(0), "no one has called this week yet");
        let school_wide: Vec<&ChildMarks> = checked_in.iter().chain(&not_yet).collect();
        assert_eq!(
            weekly_rates(&school_wide, first, today)[1].daily,
            Some(27),
            "the class not checked in counts as not done yet"
        );
    }

    #[test]
    fn a_day_away_reads_as_away_though_its_ticks_stay() {
        // Ticked at the check-in on Tuesday, then marked ill that day; Saturday inside the
        // illness stays a day without school.
        let school = SchoolDays::default();
        let excused = Excused(vec![(Excuse::Ill, d("2027-04-13"), d("2027-04-17"))]);
        let ticked: HashSet<_> = [d("2027-04-12"), d("2027-04-13")].into();
        let (first, today) = (d("2027-04-12"), d("2027-04-19"));
        let chore = daily_marks(&ticked, &school, &excused, first, today);
        let diary = daily_marks(&ticked, &school, &excused, first, today);
        let map = heat(&chore, &diary, &school, &excused);
        let on = |day: &str| map.iter().find(|h| h.day == d(day)).unwrap().mark;
        assert_eq!(on("2027-04-12"), Mark::Done);
        assert_eq!(on("2027-04-13"), Mark::Skip(Rest::Excused(Excuse::Ill)));
        assert_eq!(on("2027-04-14"), Mark::Skip(Rest::Excused(Excuse::Ill)));
        assert_eq!(on("2027-04-17"), Mark::Skip(Rest::NoSchool));
        assert_eq!(on("2027-04-19"), Mark::Open);
        // The streak and the score keep the ticks, as before.
        let summary = summarize(Habit::Chore, chore.iter().map(|(_, m)| *m));
        assert_eq!((summary.done, summary.streak), (2, 2));
    }

    #[test]
    fn parents_at_home_skip_the_weekly_call_and_holidays_do_not() {
        // Weeks of 2027-01-25, -02-01 (parents home for Spring Festival), -02-08, -02-15.
        let excused = Excused(vec![(
            Excuse::ParentsHome,
            d("2027-02-03"),
            d("2027-02-10"),
        )]);
        let calls: HashSet<_> = [d("2027-01-27")].into();
        let weeks = weekly_marks(&calls, &excused, d("2027-01-25"), d("2027-02-24"));
        let only: Vec<Mark> = weeks.iter().map(|(_, m)| *m).collect();
        let home = Mark::Skip(Rest::Excused(Excuse::ParentsHome));
        assert_eq!(only, vec![Mark::Done, home, home, Mark::Missed, Mark::Open]);
        assert_eq!(missed_weeks(&weeks), 1);
    }

    #[test]
    fn two_missed_weeks_are_counted_before_this_one() {
        let calls: HashSet<_> = [d("2027-03-29")].into();
        let weeks = weekly_marks(
            &calls,
            &Excused::default(),
            d("2027-03-29"),
            d("2027-04-19"),
        );
        assert_eq!(weeks.len(), 4);
        assert_eq!(missed_weeks(&weeks), 2);
        let called_now: HashSet<_> = [d("2027-03-29"), d("2027-04-19")].into();
        let weeks = weekly_marks(
            &called_now,
            &Excused::default(),
            d("2027-03-29"),
            d("2027-04-19"),
        );
        assert_eq!(missed_weeks(&weeks), 0, "a call this week ends the run");
    }

    #[test]
    fn a_month_without_school_does_not_ask_for_a_book() {
        let school = SchoolDays::new([], vec![(d("2027-07-10"), d("2027-08-31"))]);
        let books: HashSet<_> = [d("2027-06-03")].into();
        let months = monthly_marks(&books, &school, d("2027-06-01"), d("2027-09-02"));
        let only: Vec<Mark> = months.iter().map(|(_, m)| *m).collect();
        assert_eq!(
            only,
            vec![
                Mark::Done,
                Mark::Missed,
                Mark::Skip(Rest::NoSchool),
                Mark::Open
            ]
        );
    }

    #[test]
    fn terms_run_september_to_january_and_february_to_august() {
        let autumn = Term::of(d("2027-01-20"));
        assert_eq!((autumn.year, autumn.spring), (2026, false));
        assert_eq!(
            (autumn.first, autumn.last),
            (d("2026-09-01"), d("2027-01-31"))
        );
        let spring = Term::of(d("2027-04-19"));
        assert_eq!(
            (spring.year, spring.spring, spring.first),
            (2026, true, d("2027-02-01"))
        );
        assert_eq!(Term::of(d("2026-11-30")).first, d("2026-09-01"));
    }
}
