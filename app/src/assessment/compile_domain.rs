//! A counselor's figures for a period, compiled from the records (server only: birthdays
//! need the lunar calendar).
//!
//! Never typed twice: a contact in which the child was seen counts against the talk rhythm
//! (a talk every `talk_days` days of the pairing in each month: 31 days at 14 is two due;
//! a semester's talks are its months' added up), a child is on the
//! home-visit rhythm when its last visit is fewer than `visit_days` before the period's end
//! (or its pairing is younger than that), a birthday is marked when the counselor saw or
//! wrote to the child within three days of it. A contact an inspection did not confirm
//! counts for nothing and costs the scheme's penalty. A follow-up or a concern counts in
//! the period it falls due, and again in every later one it stays overdue (open at the
//! period's end, or closed late within it), never twice in one sheet. A follow-up already
//! due when the pairing began falls due `TAKEOVER_DAYS` after it.

use std::collections::{HashMap, HashSet};

use chrono::{Days, NaiveDate};

use super::domain::TAKEOVER_DAYS;
use super::types::{ChildLine, Figures, Period, Scheme};
use crate::care::types::CareKind;

fn within(day: NaiveDate, a: NaiveDate, b: NaiveDate) -> bool {
    a <= day && day <= b
}

/// A pairing that may overlap the period.
#[derive(Debug, Clone)]
pub struct PairingFact {
    pub counselor: i64,
    pub child: i64,
    pub class_id: i64,
    pub name: String,
    pub from: NaiveDate,
    pub to: Option<NaiveDate>,
    pub birth: NaiveDate,
    pub lunar: bool,
}

/// A recorded contact (its current version).
#[derive(Debug, Clone)]
pub struct ContactFact {
    pub author: i64,
    pub child: i64,
    pub kind: CareKind,
    pub day: NaiveDate,
    pub study: bool,
    pub life: bool,
    pub activities: bool,
    /// An inspection found it did not happen.
    pub not_confirmed: bool,
    /// The child was seen (`crate::care::db::WITH_CHILD`): it keeps the talk rhythm.
    pub with_child: bool,
}

#[derive(Debug, Clone)]
pub struct DiaryFact {
    pub author: i64,
    pub child: i64,
    pub day: NaiveDate,
    pub reply: bool,
}

/// A checkup follow-up or a concern: due by a day, closed on a day (or not yet).
#[derive(Debug, Clone)]
pub struct DueFact {
    pub id: i64,
    pub child: i64,
    /// Who raised it (concerns).
    pub by: Option<i64>,
    pub raised: Option<NaiveDate>,
    pub due: NaiveDate,
    pub closed: Option<NaiveDate>,
}

/// A child's chore and diary days that counted, each with whether it was done.
pub type HabitDays = Vec<(NaiveDate, bool)>;

/// Everything a period's sheets are compiled from.
#[derive(Debug, Default)]
pub struct Facts {
    pub pairings: Vec<PairingFact>,
    /// Contacts from a year before the period (the visit rhythm looks back) to three days
    /// after it (a birthday on its last day).
    pub contacts: Vec<ContactFact>,
    pub diary: Vec<DiaryFact>,
    /// Due in the period, or due earlier and open or closed in it (or closed up to
    /// `TAKEOVER_DAYS` before it: one taken over may fall due in it).
    pub follow_ups: Vec<DueFact>,
    /// The same, and those raised in the period.
    pub concerns: Vec<DueFact>,
    /// From eight weeks before the period's end (the trend) or its first day.
    pub habits: HashMap<i64, HabitDays>,
}

fn pct(done: u32, of: u32) -> Option<i32> {
    crate::school::types::percent(done, of).map(i32::from)
}

/// The counselors with a pairing in the period, each once.
pub fn counselors(facts: &Facts, period: &Period, today: NaiveDate) -> Vec<i64> {
    let (first, end) = (period.first(), period.end(today));
    let mut seen = HashSet::new();
    facts
        .pairings
        .iter()
        .filter(|p| p.from <= end && p.to.is_none_or(|to| to >= first))
        .filter(|p| seen.insert(p.counselor))
        .map(|p| p.counselor)
        .collect()
}

/// How far from a birthday a contact or a diary line still marks it.
const BIRTHDAY_DAYS: i64 = 3;

/// Days done and counted of `days` within `a..=b`.
fn tally(days: &[(NaiveDate, bool)], a: NaiveDate, b: NaiveDate) -> (u32, u32) {
    days.iter()
        .filter(|(d, _)| within(*d, a, b))
        .fold((0, 0), |(done, n), (_, ok)| (done + u32::from(*ok), n + 1))
}

fn add(x: (u32, u32), y: (u32, u32)) -> (u32, u32) {
    (x.0 + y.0, x.1 + y.1)
}

/// Talks kept of those due in `a..=b`, month by month: a talk is due every `talk_days`
/// days of each month's part, and extra talks in one month do not make up for another
/// (a semester adds up to its months).
fn talks(days: &[NaiveDate], (a, b): (NaiveDate, NaiveDate), talk_days: u64) -> (u32, u32) {
    let mut kept = (0, 0);
    let mut from = a;
    while from <= b {
        let to = Period::month_of(from).last().min(b);
        let due = ((to - from).num_days() as u64 + 1) / talk_days;
        let done = days.iter().filter(|d| within(**d, from, to)).count() as u32;
        kept = add(kept, (done.min(due as u32), due as u32));
        from = to + Days::new(1);
    }
    kept
}

/// A child's follow-ups or concerns in one window of its pairing.
struct Dues {
    /// Done by their date, of those due in the window.
    due: (u32, u32),
    /// Due before the window and overdue in it, by due day, each with whether it was closed
    /// in the window (late) rather than still open at its end.
    overdue: Vec<(NaiveDate, bool)>,
    /// Of all these, those already due when the pairing began.
    taken_over: u32,
}

/// A child's follow-ups or concerns in the window `a..=b` of its pairing, each counted once
/// a sheet (`seen`). With `taken_over` (the pairing's first day), an item already due then
/// falls due `TAKEOVER_DAYS` after it, and one closed before it was never this counselor's.
fn dues(
    items: &[DueFact],
    child: i64,
    (a, b): (NaiveDate, NaiveDate),
    taken_over: Option<NaiveDate>,
    seen: &mut HashSet<i64>,
) -> Dues {
    let mut out = Dues {
        due: (0, 0),
        overdue: Vec::new(),
        taken_over: 0,
    };
    for u in items.iter().filter(|u| u.child == child) {
        let inherited = taken_over.filter(|from| u.due < *from);
        if inherited.is_some_and(|from| u.closed.is_some_and(|c| c < from)) {
            continue;
        }
        let due = inherited.map_or(u.due, |from| from + Days::new(TAKEOVER_DAYS));
        if within(due, a, b) {
            if seen.insert(u.id) {
                let on_time = u.closed.is_some_and(|c| c <= due);
                out.due = add(out.due, (u32::from(on_time), 1));
                out.taken_over += u32::from(inherited.is_some());
            }
        } else if due < a && u.closed.is_none_or(|c| c >= a) && seen.insert(u.id) {
            out.overdue.push((u.due, u.closed.is_some_and(|c| c <= b)));
            out.taken_over += u32::from(inherited.is_some());
        }
    }
    out.overdue.sort();
    out
}

/// Overdue items still open, and closed late.
fn overdue(items: &[(NaiveDate, bool)]) -> (u32, u32) {
    let closed = items.iter().filter(|(_, closed)| *closed).count() as u32;
    (items.len() as u32 - closed, closed)
}

/// One counselor's figures for the period, as of `today`: a line per child (a child
/// handed back within the period is one line), the totals added up from the lines.
pub fn compile(
    facts: &Facts,
    counselor: i64,
    period: &Period,
    today: NaiveDate,
    scheme: &Scheme,
) -> Figures {
    let (first, end) = (period.first(), period.end(today));
    let recent_from = end - Days::new(27);
    let before_from = recent_from - Days::new(28);
    let mut lines: Vec<ChildLine> = Vec::new();
    let (mut follow_ups_seen, mut concerns_seen) = (HashSet::new(), HashSet::new());
    let (mut recent, mut before) = ((0, 0), (0, 0));
    let mut pairings: Vec<&PairingFact> = facts
        .pairings
        .iter()
        .filter(|p| p.counselor == counselor)
        .collect();
    pairings.sort_by_key(|p| p.from);
    for p in pairings {
        let a = first.max(p.from);
        let b = end.min(p.to.unwrap_or(end));
        if a > b {
            continue;
        }
        let by_me = |c: &&ContactFact| c.child == p.child && c.author == counselor;
        let contacts: Vec<&ContactFact> = facts
            .contacts
            .iter()
            .filter(by_me)
            .filter(|c| within(c.day, a, b))
            .collect();
        let counted: Vec<&&ContactFact> = contacts.iter().filter(|c| !c.not_confirmed).collect();
        let talked: Vec<NaiveDate> = counted
            .iter()
            .filter(|c| c.with_child)
            .map(|c| c.day)
            .collect();
        let last_visit = facts
            .contacts
            .iter()
            .filter(|c| c.child == p.child && c.kind == CareKind::HomeVisit)
            .filter(|c| !c.not_confirmed && c.day <= b)
            .map(|c| c.day)
            .max();
        let horizon = b - Days::new(scheme.visit_days);
        let diary: Vec<&DiaryFact> = facts
            .diary
            .iter()
            .filter(|d| d.child == p.child && d.author == counselor && within(d.day, a, b))
            .collect();
        let none = Vec::new();
        let habit_days = facts.habits.get(&p.child).unwrap_or(&none);
        recent = add(recent, tally(habit_days, recent_from.max(a), b));
        before = add(
            before,
            tally(
                habit_days,
                before_from.max(a),
                (recent_from - Days::new(1)).min(b),
            ),
        );
        // A follow-up or a concern is this counselor's to handle while the child is theirs.
        let follow_ups = dues(
            &facts.follow_ups,
            p.child,
            (a, b),
            Some(p.from),
            &mut follow_ups_seen,
        );
        let concerns = dues(&facts.concerns, p.child, (a, b), None, &mut concerns_seen);
        let near = |day: NaiveDate, d: NaiveDate| (d - day).num_days().abs() <= BIRTHDAY_DAYS;
        let birthday = crate::calendar::domain::birthdays::birthdays_of(p.birth, p.lunar, a, b)
            .into_iter()
            .next()
            .map(|(day, _age)| {
                let marked = facts
                    .contacts
                    .iter()
                    .filter(by_me)
                    .any(|c| !c.not_confirmed && c.with_child && near(day, c.day))
                    || facts
                        .diary
                        .iter()
                        .any(|d| d.child == p.child && d.author == counselor && near(day, d.day));
                (day, marked)
            });
        let count =
            |f: &dyn Fn(&ContactFact) -> bool| counted.iter().filter(|c| f(c)).count() as u32;
        let line = ChildLine {
            child_id: p.child,
            class_id: p.class_id,
            name: p.name.clone(),
            talks: talks(&talked, (a, b), scheme.talk_days),
            visit_on_rhythm: p.from > horizon || last_visit.is_some_and(|d| d > horizon),
            contacts: counted.len() as u32,
            visits: count(&|c| c.kind == CareKind::HomeVisit),
            priorities: (
                count(&|c| c.study),
                count(&|c| c.life),
                count(&|c| c.activities),
            ),
            diary: diary.iter().filter(|d| !d.reply).count() as u32,
            replies: diary.iter().filter(|d| d.reply).count() as u32,
            habits: tally(habit_days, a, b),
            follow_ups: follow_ups.due,
            concerns: concerns.due,
            follow_ups_overdue: follow_ups.overdue,
            follow_ups_taken_over: follow_ups.taken_over,
            concerns_overdue: concerns.overdue,
            birthday,
            not_confirmed: (contacts.len() - counted.len()) as u32,
        };
        match lines.iter_mut().find(|l| l.child_id == p.child) {
            Some(earlier) => earlier.merge(line),
            None => lines.push(line),
        }
    }
    let mut f = Figures::default();
    for l in &lines {
        f.children += 1;
        f.talks_done += l.talks.0;
        f.talks_due += l.talks.1;
        f.visits += l.visits;
        f.visits_on_rhythm += u32::from(l.visit_on_rhythm);
        f.reached += u32::from(l.contacts > 0);
        f.contacts += l.contacts;
        f.study += l.priorities.0;
        f.life += l.priorities.1;
        f.activities += l.priorities.2;
        f.diary_entries += l.diary;
        f.diary_replies += l.replies;
        f.diary_children += u32::from(l.diary + l.replies > 0);
        f.habits_done += l.habits.0;
        f.habits_counted += l.habits.1;
        f.follow_ups_on_time += l.follow_ups.0;
        f.follow_ups_due += l.follow_ups.1;
        f.follow_ups_taken_over += l.follow_ups_taken_over;
        f.concerns_on_time += l.concerns.0;
        f.concerns_due += l.concerns.1;
        let (open, closed) = overdue(&l.follow_ups_overdue);
        f.follow_ups_overdue_open += open;
        f.follow_ups_overdue_closed += closed;
        let (open, closed) = overdue(&l.concerns_overdue);
        f.concerns_overdue_open += open;
        f.concerns_overdue_closed += closed;
        if let Some((_, marked)) = l.birthday {
            f.birthdays += 1;
            f.birthdays_marked += u32::from(marked);
        }
        f.not_confirmed += l.not_confirmed;
    }
    f.concerns_raised = facts
        .concerns
        .iter()
        .filter(|c| c.by == Some(counselor) && c.raised.is_some_and(|d| within(d, first, end)))
        .count() as u32;
    f.habits_trend = pct(recent.0, recent.1)
        .zip(pct(before.0, before.1))
        .map(|(r, b)| r - b);
    lines.sort_by(|x, y| x.name.cmp(&y.name).then(x.child_id.cmp(&y.child_id)));
    f.lines = lines;
    f
}

impl ChildLine {
    /// The same child's later window with the same counselor (handed back within the
    /// period): counts add up, the visit rhythm is the later window's.
    fn merge(&mut self, later: ChildLine) {
        self.talks = add(self.talks, later.talks);
        self.visit_on_rhythm = later.visit_on_rhythm;
        self.contacts += later.contacts;
        self.visits += later.visits;
        self.priorities = (
            self.priorities.0 + later.priorities.0,
            self.priorities.1 + later.priorities.1,
            self.priorities.2 + later.priorities.2,
        );
        self.diary += later.diary;
        self.replies += later.replies;
        self.habits = add(self.habits, later.habits);
        self.follow_ups = add(self.follow_ups, later.follow_ups);
        self.concerns = add(self.concerns, later.concerns);
        self.follow_ups_overdue.extend(later.follow_ups_overdue);
        self.follow_ups_taken_over += later.follow_ups_taken_over;
        self.concerns_overdue.extend(later.concerns_overdue);
        self.birthday = self.birthday.or(later.birthday);
        self.not_confirmed += later.not_confirmed;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assessment::domain::score;
    use crate::assessment::types::{Compiled, Criterion};

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn scheme() -> Scheme {
        Scheme::default_for(2026, 14, 120)
    }

    fn pairing(child: i64, from: &str) -> PairingFact {
        PairingFact {
            counselor: 7,
            child,
            class_id: 1,
            name: format!("孩子{child}"),
            from: d(from),
            to: None,
            birth: d("2017-03-15"),
            lunar: false,
        }
    }

    fn contact(child: i64, day: &str, kind: CareKind) -> ContactFact {
        ContactFact {
            author: 7,
            child,
            kind,
            day: d(day),
            study: true,
            life: false,
            activities: false,
            not_confirmed: false,
            with_child: true,
        }
    }

    fn march() -> Period {
        Period::parse("2027-03").unwrap()
    }

    #[test]
    fn the_talk_rhythm_counts_whole_intervals_and_caps_extra_talks() {
        let facts = Facts {
            pairings: vec![pairing(1, "2026-09-01"), pairing(2, "2027-03-20")],
            contacts: vec![
                contact(1, "2027-03-02", CareKind::Talk),
                contact(1, "2027-03-03", CareKind::Call),
                contact(1, "2027-03-04", CareKind::StudyHelp),
                contact(2, "2027-03-25", CareKind::Talk),
            ],
            ..Facts::default()
        };
        let f = compile(&facts, 7, &march(), d("2027-04-19"), &scheme());
        // 31 days at 14: two due for the first child (three done count as two); twelve
        // days of pairing: none due for the second, its talk still reaches it.
        assert_eq!((f.talks_done, f.talks_due), (2, 2));
        assert_eq!((f.reached, f.children, f.contacts), (2, 2, 4));
        assert_eq!((f.study, f.life), (4, 0));
    }

    #[test]
    fn a_call_with_the_parents_is_a_contact_not_a_talk_with_the_child() {
        let parents = |day| ContactFact {
            with_child: false,
            ..contact(1, day, CareKind::Call)
        };
        let facts = Facts {
            pairings: vec![pairing(1, "2026-09-01")],
            contacts: vec![
                parents("2027-03-02"),
                parents("2027-03-16"),
                contact(1, "2027-03-20", CareKind::Talk),
            ],
            ..Facts::default()
        };
        let f = compile(&facts, 7, &march(), d("2027-04-19"), &scheme());
        assert_eq!((f.talks_done, f.talks_due), (1, 2));
        assert_eq!((f.reached, f.contacts), (1, 3));
    }

    #[test]
    fn a_period_still_running_counts_only_up_to_today() {
        let facts = Facts {
            pairings: vec![pairing(1, "2026-09-01")],
            ..Facts::default()
        };
        let f = compile(&facts, 7, &march(), d("2027-03-10"), &scheme());
        assert_eq!(f.talks_due, 0, "ten days at 14");
    }

    #[test]
    fn the_visit_rhythm_looks_back_from_the_period_end() {
        let facts = Facts {
            pairings: vec![
                pairing(1, "2026-09-01"),
                pairing(2, "2026-09-01"),
                pairing(3, "2027-02-01"),
            ],
            contacts: vec![
                contact(1, "2026-12-10", CareKind::HomeVisit),
                contact(2, "2026-11-01", CareKind::HomeVisit),
            ],
            ..Facts::default()
        };
        let f = compile(&facts, 7, &march(), d("2027-04-19"), &scheme());
        // 111 days before March 31: on rhythm; 150: not; paired 58 days ago: not due yet.
        let on: Vec<bool> = f.lines.iter().map(|l| l.visit_on_rhythm).collect();
        assert_eq!(on, [true, false, true]);
        assert_eq!(f.visits, 0, "no visit in March itself");
    }

    #[test]
    fn a_contact_not_confirmed_counts_for_nothing_and_costs_the_penalty() {
        let mut visit = contact(1, "2027-03-12", CareKind::HomeVisit);
        visit.not_confirmed = true;
        let facts = Facts {
            pairings: vec![pairing(1, "2027-01-01")],
            contacts: vec![visit],
            ..Facts::default()
        };
        let f = compile(&facts, 7, &march(), d("2027-04-19"), &scheme());
        assert_eq!((f.visits, f.reached, f.not_confirmed), (0, 0, 1));
        let sheet = score(&scheme(), f, &HashMap::new());
        assert_eq!(sheet.penalty, 5);
        let without = score(
            &scheme(),
            compile(
                &Facts {
                    pairings: vec![pairing(1, "2027-01-01")],
                    ..Facts::default()
                },
                7,
                &march(),
                d("2027-04-19"),
                &scheme(),
            ),
            &HashMap::new(),
        );
        assert_eq!(sheet.total + 5, without.total);
    }

    #[test]
    fn priorities_add_up_per_contact() {
        let mut both = contact(1, "2027-03-05", CareKind::Talk);
        both.life = true;
        let mut play = contact(1, "2027-03-20", CareKind::Activity);
        (play.study, play.activities) = (false, true);
        let facts = Facts {
            pairings: vec![pairing(1, "2026-09-01")],
            contacts: vec![both, play, contact(1, "2027-03-28", CareKind::StudyHelp)],
            ..Facts::default()
        };
        let f = compile(&facts, 7, &march(), d("2027-04-19"), &scheme());
        assert_eq!((f.study, f.life, f.activities), (2, 1, 1));
    }

    #[test]
    fn birthdays_are_marked_by_a_contact_or_a_diary_line_near_them() {
        let facts = Facts {
            pairings: vec![pairing(1, "2026-09-01"), pairing(2, "2026-09-01")],
            contacts: vec![
                contact(1, "2027-03-17", CareKind::Talk),
                // A call with the parents the day after: the child was not reached.
                ContactFact {
                    with_child: false,
                    ..contact(2, "2027-03-16", CareKind::Call)
                },
            ],
            diary: vec![DiaryFact {
                author: 7,
                child: 2,
                day: d("2027-03-25"),
                reply: false,
            }],
            ..Facts::default()
        };
        let f = compile(&facts, 7, &march(), d("2027-04-19"), &scheme());
        assert_eq!(
            (f.birthdays_marked, f.birthdays),
            (1, 2),
            "two days after; the parents' call and a line ten days after do not"
        );
        assert_eq!((f.diary_entries, f.diary_children), (1, 1));
    }

    #[test]
    fn follow_ups_and_concerns_count_when_due_and_on_time_when_closed_by_then() {
        let due = |id, due: &str, closed: Option<&str>| DueFact {
            id,
            child: 1,
            by: Some(7),
            raised: Some(d("2027-03-01")),
            due: d(due),
            closed: closed.map(d),
        };
        let facts = Facts {
            pairings: vec![pairing(1, "2026-09-01")],
            follow_ups: vec![
                due(1, "2027-03-10", Some("2027-03-09")),
                due(2, "2027-03-20", Some("2027-03-22")),
                due(3, "2027-04-20", None),
            ],
            // Two concerns raised the same day with the same date are two.
            concerns: vec![
                due(4, "2027-03-15", None),
                due(5, "2027-03-15", Some("2027-03-14")),
            ],
            ..Facts::default()
        };
        let f = compile(&facts, 7, &march(), d("2027-04-19"), &scheme());
        assert_eq!((f.follow_ups_on_time, f.follow_ups_due), (1, 2));
        assert_eq!(
            (f.concerns_raised, f.concerns_on_time, f.concerns_due),
            (2, 1, 2)
        );
    }

    fn item(id: i64, due: &str, closed: Option<&str>) -> DueFact {
        DueFact {
            id,
            child: 1,
            by: Some(8),
            raised: Some(d("2026-05-01")),
            due: d(due),
            closed: closed.map(d),
        }
    }

    fn row(sheet: &Compiled, criterion: Criterion) -> &crate::assessment::types::SheetRow {
        sheet
            .rows
            .iter()
            .find(|r| r.criterion == criterion)
            .unwrap()
    }

    #[test]
    fn a_follow_up_taken_over_overdue_costs_every_month_it_stays_open_once_its_month_is_up() {
        // Paired on November 30 with a child whose June follow-up was never done: it is
        // theirs to do by December 30.
        let facts = Facts {
            pairings: vec![pairing(1, "2026-11-30")],
            follow_ups: vec![item(1, "2026-06-20", None)],
            ..Facts::default()
        };
        let month = |key: &str| {
            let f = compile(
                &facts,
                7,
                &Period::parse(key).unwrap(),
                d("2027-04-19"),
                &scheme(),
            );
            let sheet = score(&scheme(), f.clone(), &HashMap::new());
            let follow_ups = row(&sheet, Criterion::FollowUps);
            (f, (follow_ups.met, follow_ups.compiled))
        };
        let (november, points) = month("2026-11");
        assert_eq!(november.follow_ups_taken_over, 0, "not due yet");
        assert_eq!(points, (None, 10));
        let (december, points) = month("2026-12");
        assert_eq!(
            (
                december.follow_ups_on_time,
                december.follow_ups_due,
                december.follow_ups_taken_over
            ),
            (0, 1, 1),
            "due on December 30, not done"
        );
        assert_eq!(points, (Some(0), 0));
        for key in ["2027-01", "2027-03", "2027-04"] {
            let (f, points) = month(key);
            assert_eq!(
                (f.follow_ups_due, f.follow_ups_overdue_open),
                (0, 1),
                "{key}"
            );
            assert_eq!(f.lines[0].follow_ups_overdue, [(d("2026-06-20"), false)]);
            assert_eq!(f.follow_ups_taken_over, 1, "{key}");
            assert_eq!(points, (Some(0), 0), "{key}");
        }
    }

    #[test]
    fn a_follow_up_due_before_the_pairing_is_on_time_within_a_month_of_it() {
        // Paired on March 10: what was already due is due on April 9.
        let facts = Facts {
            pairings: vec![pairing(1, "2027-03-10")],
            follow_ups: vec![
                // Done on April 9: on time.
                item(1, "2026-06-20", Some("2027-04-09")),
                // Due before the pairing by a week, done three days after the month: late.
                item(2, "2027-03-03", Some("2027-04-12")),
                // Done before the pairing: never this counselor's.
                item(3, "2026-07-10", Some("2027-02-20")),
                // Due within the pairing: by its own date.
                item(4, "2027-03-20", Some("2027-03-18")),
            ],
            ..Facts::default()
        };
        let march = compile(&facts, 7, &march(), d("2027-04-19"), &scheme());
        assert_eq!(
            (
                march.follow_ups_on_time,
                march.follow_ups_due,
                march.follow_ups_overdue_open,
                march.follow_ups_taken_over
            ),
            (1, 1, 0, 0),
            "the two taken over are not due in March"
        );
        let april = Period::parse("2027-04").unwrap();
        let f = compile(&facts, 7, &april, d("2027-04-19"), &scheme());
        assert_eq!(
            (
                f.follow_ups_on_time,
                f.follow_ups_due,
                f.follow_ups_overdue_open,
                f.follow_ups_taken_over
            ),
            (1, 2, 0, 2)
        );
        let sheet = score(&scheme(), f, &HashMap::new());
        let follow_ups = row(&sheet, Criterion::FollowUps);
        assert_eq!((follow_ups.met, follow_ups.compiled), (Some(50), 5));
    }

    #[test]
    fn a_semesters_talks_are_its_months_added_up() {
        // Paired on November 20: eleven days of November owe no talk, December and January
        // two each (73 days in one piece would owe five). One talk in December, three in
        // January: January's third does not make up for December.
        let talk = |day| contact(1, day, CareKind::Talk);
        let facts = Facts {
            pairings: vec![pairing(1, "2026-11-20")],
            contacts: ["2026-12-10", "2027-01-05", "2027-01-15", "2027-01-25"]
                .map(talk)
                .to_vec(),
            ..Facts::default()
        };
        let talks = |key: &str| {
            let f = compile(
                &facts,
                7,
                &Period::parse(key).unwrap(),
                d("2027-04-19"),
                &scheme(),
            );
            (f.talks_done, f.talks_due)
        };
        let months: Vec<(u32, u32)> = ["2026-11", "2026-12", "2027-01"]
            .into_iter()
            .map(talks)
            .collect();
        assert_eq!(months, [(0, 0), (1, 2), (2, 2)]);
        assert_eq!(talks("2026-autumn"), (3, 4));
    }

    #[test]
    fn an_overdue_item_counts_while_open_at_the_end_or_closed_late_within_the_period() {
        let facts = Facts {
            pairings: vec![pairing(1, "2026-09-01")],
            follow_ups: vec![
                // Due in March, closed by then: on time.
                item(1, "2027-03-10", Some("2027-03-09")),
                // Due in February, closed in March: late, in March too.
                item(2, "2027-02-10", Some("2027-03-05")),
                // Due in January, closed in February: done before March began.
                item(3, "2027-01-10", Some("2027-02-20")),
                // Due in February, closed in April: still open at March's end.
                item(4, "2027-02-15", Some("2027-04-02")),
                // Closed on March's first day: it was overdue that day.
                item(5, "2027-02-27", Some("2027-03-01")),
            ],
            ..Facts::default()
        };
        let f = compile(&facts, 7, &march(), d("2027-04-19"), &scheme());
        assert_eq!((f.follow_ups_on_time, f.follow_ups_due), (1, 1));
        assert_eq!(
            (f.follow_ups_overdue_open, f.follow_ups_overdue_closed),
            (1, 2)
        );
        assert_eq!(
            f.lines[0].follow_ups_overdue,
            [
                (d("2027-02-10"), true),
                (d("2027-02-15"), false),
                (d("2027-02-27"), true)
            ],
            "by due day"
        );
        let sheet = score(&scheme(), f, &HashMap::new());
        // One of four on time: 10 × 1/4 rounds to 3 (2.5 half up).
        let follow_ups = row(&sheet, Criterion::FollowUps);
        assert_eq!((follow_ups.met, follow_ups.compiled), (Some(25), 3));
        // April: the item closed on April 2 is the only one still overdue in it.
        let april = Period::parse("2027-04").unwrap();
        let f = compile(&facts, 7, &april, d("2027-04-19"), &scheme());
        assert_eq!(
            (f.follow_ups_overdue_open, f.follow_ups_overdue_closed),
            (0, 1)
        );
    }

    #[test]
    fn an_overdue_concern_counts_once_a_sheet_even_for_a_child_handed_back() {
        let mut before = pairing(1, "2026-09-01");
        before.to = Some(d("2027-03-10"));
        let facts = Facts {
            pairings: vec![before, pairing(1, "2027-03-20")],
            concerns: vec![
                item(1, "2027-02-01", None),
                // Fell due while the child was with someone else: overdue when it came back.
                item(2, "2027-03-15", None),
            ],
            ..Facts::default()
        };
        let f = compile(&facts, 7, &march(), d("2027-04-19"), &scheme());
        assert_eq!(f.lines.len(), 1);
        assert_eq!(
            (
                f.concerns_due,
                f.concerns_overdue_open,
                f.concerns_overdue_closed
            ),
            (0, 2, 0)
        );
        assert_eq!(f.concerns_raised, 0, "raised by someone else, long ago");
        let sheet = score(&scheme(), f, &HashMap::new());
        assert_eq!(row(&sheet, Criterion::Concerns).compiled, 0);
    }

    #[test]
    fn an_item_closed_before_the_period_or_not_due_yet_leaves_it_alone() {
        let facts = Facts {
            pairings: vec![pairing(1, "2026-09-01")],
            follow_ups: vec![
                item(1, "2026-06-20", Some("2026-06-15")),
                item(2, "2026-06-20", Some("2027-02-28")),
                item(3, "2027-05-01", None),
            ],
            ..Facts::default()
        };
        let sheet = score(
            &scheme(),
            compile(&facts, 7, &march(), d("2027-04-19"), &scheme()),
            &HashMap::new(),
        );
        let follow_ups = row(&sheet, Criterion::FollowUps);
        assert_eq!((follow_ups.met, follow_ups.compiled), (None, 10));
    }

    #[test]
    fn a_child_handed_back_within_the_period_is_one_child() {
        let mut before = pairing(1, "2026-09-01");
        before.to = Some(d("2027-03-10"));
        let facts = Facts {
            pairings: vec![before, pairing(1, "2027-03-20")],
            contacts: vec![
                contact(1, "2027-03-05", CareKind::Talk),
                contact(1, "2027-03-25", CareKind::Talk),
            ],
            habits: HashMap::from([(
                1,
                vec![
                    (d("2027-03-02"), true),
                    // Between the pairings: not this counselor's.
                    (d("2027-03-15"), false),
                    (d("2027-03-22"), true),
                ],
            )]),
            ..Facts::default()
        };
        let f = compile(&facts, 7, &march(), d("2027-04-19"), &scheme());
        assert_eq!((f.children, f.reached, f.contacts), (1, 1, 2));
        assert_eq!(f.lines.len(), 1);
        assert_eq!((f.habits_done, f.habits_counted), (2, 2));
    }

    #[test]
    fn a_birthday_on_the_last_day_is_marked_by_a_visit_just_after() {
        let mut child = pairing(1, "2026-09-01");
        child.birth = d("2017-03-31");
        let facts = Facts {
            pairings: vec![child],
            contacts: vec![contact(1, "2027-04-02", CareKind::HomeVisit)],
            ..Facts::default()
        };
        let f = compile(&facts, 7, &march(), d("2027-04-19"), &scheme());
        assert_eq!((f.birthdays_marked, f.birthdays), (1, 1));
        assert_eq!(f.contacts, 0, "April's visit is not March's contact");
    }

    #[test]
    fn a_closed_sheet_reads_back_exactly_as_it_was_kept() {
        let facts = Facts {
            pairings: vec![pairing(1, "2026-09-01")],
            contacts: vec![contact(1, "2027-03-02", CareKind::Talk)],
            ..Facts::default()
        };
        let sheet = score(
            &scheme(),
            compile(&facts, 7, &march(), d("2027-04-19"), &scheme()),
            &HashMap::new(),
        );
        let kept = serde_json::to_string(&sheet).unwrap();
        let back: Compiled = serde_json::from_str(&kept).unwrap();
        assert_eq!(back, sheet);
        // The records change later; the kept sheet does not.
        let mut later = facts;
        later
            .contacts
            .push(contact(1, "2027-03-20", CareKind::Talk));
        let now = score(
            &scheme(),
            compile(&later, 7, &march(), d("2027-04-19"), &scheme()),
            &HashMap::new(),
        );
        assert_ne!(now.figures, back.figures);
        assert_eq!(serde_json::from_str::<Compiled>(&kept).unwrap(), sheet);
    }

    #[test]
    fn a_sheet_kept_before_overdue_items_counted_reads_back_with_its_scores() {
        let facts = Facts {
            pairings: vec![pairing(1, "2026-11-30")],
            follow_ups: vec![item(1, "2027-03-20", None)],
            ..Facts::default()
        };
        let sheet = score(
            &scheme(),
            compile(&facts, 7, &march(), d("2027-04-19"), &scheme()),
            &HashMap::new(),
        );
        // As an earlier version kept it: without the overdue items' fields.
        let mut kept = serde_json::to_value(&sheet).unwrap();
        let figures = kept["figures"].as_object_mut().unwrap();
        for key in [
            "follow_ups_overdue_open",
            "follow_ups_overdue_closed",
            "concerns_overdue_open",
            "concerns_overdue_closed",
        ] {
            figures.remove(key).unwrap();
        }
        for line in figures["lines"].as_array_mut().unwrap() {
            let line = line.as_object_mut().unwrap();
            line.remove("follow_ups_overdue").unwrap();
            line.remove("concerns_overdue").unwrap();
        }
        let back: Compiled = serde_json::from_value(kept).unwrap();
        assert_eq!(back, sheet);
        assert_eq!(row(&back, Criterion::FollowUps).compiled, 0);
    }
}
