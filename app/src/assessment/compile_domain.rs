//! A counselor's figures for a period, compiled from the records (server only: birthdays
//! need the lunar calendar).
//!
//! Never typed twice: a contact counts against the talk rhythm (a talk every `talk_days`
//! days of the pairing in the period: 31 days at 14 is two due), a child is on the
//! home-visit rhythm when its last visit is fewer than `visit_days` before the period's end
//! (or its pairing is younger than that), a birthday is marked when the counselor saw or
//! wrote to the child within three days of it. A contact an inspection did not confirm
//! counts for nothing and costs the scheme's penalty.

use std::collections::{HashMap, HashSet};

use chrono::{Days, NaiveDate};

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
    pub child: i64,
    /// Who raised it (concerns).
    pub by: Option<i64>,
    pub raised: Option<NaiveDate>,
    pub due: NaiveDate,
    pub closed: Option<NaiveDate>,
}

/// A child's five ones in a period: daily marks done and counted, over the whole period,
/// the last four weeks and the four before.
#[derive(Debug, Clone, Copy, Default)]
pub struct HabitFact {
    pub done: u32,
    pub counted: u32,
    pub recent: (u32, u32),
    pub before: (u32, u32),
}

/// Everything a period's sheets are compiled from.
#[derive(Debug, Default)]
pub struct Facts {
    pub pairings: Vec<PairingFact>,
    /// Contacts from a year before the period to its end (the visit rhythm looks back).
    pub contacts: Vec<ContactFact>,
    pub diary: Vec<DiaryFact>,
    pub follow_ups: Vec<DueFact>,
    pub concerns: Vec<DueFact>,
    pub habits: HashMap<i64, HabitFact>,
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

/// One counselor's figures for the period, as of `today`.
pub fn compile(
    facts: &Facts,
    counselor: i64,
    period: &Period,
    today: NaiveDate,
    scheme: &Scheme,
) -> Figures {
    let (first, end) = (period.first(), period.end(today));
    let mut f = Figures::default();
    let mut concerns_seen = HashSet::new();
    let mut recent = (0, 0);
    let mut before = (0, 0);
    for p in facts.pairings.iter().filter(|p| p.counselor == counselor) {
        let a = first.max(p.from);
        let b = end.min(p.to.unwrap_or(end));
        if a > b {
            continue;
        }
        let days = (b - a).num_days() as u64 + 1;
        let mine =
            |c: &&ContactFact| c.child == p.child && c.author == counselor && within(c.day, a, b);
        let contacts: Vec<&ContactFact> = facts.contacts.iter().filter(mine).collect();
        let counted: Vec<&&ContactFact> = contacts.iter().filter(|c| !c.not_confirmed).collect();
        let due = (days / scheme.talk_days) as u32;
        let last_visit = facts
            .contacts
            .iter()
            .filter(|c| c.child == p.child && c.kind == CareKind::HomeVisit)
            .filter(|c| !c.not_confirmed && c.day <= b)
            .map(|c| c.day)
            .max();
        let horizon = b - Days::new(scheme.visit_days);
        let visit_on_rhythm = p.from > horizon || last_visit.is_some_and(|d| d > horizon);
        let diary: Vec<&DiaryFact> = facts
            .diary
            .iter()
            .filter(|d| d.child == p.child && d.author == counselor && within(d.day, a, b))
            .collect();
        let habits = facts.habits.get(&p.child).copied().unwrap_or_default();
        let follow_ups: Vec<&DueFact> = facts
            .follow_ups
            .iter()
            .filter(|u| u.child == p.child && within(u.due, a, b))
            .collect();
        let on_time = |u: &&&DueFact| u.closed.is_some_and(|c| c <= u.due);
        let birthday = crate::calendar::domain::birthdays::birthdays_of(p.birth, p.lunar, a, b)
            .into_iter()
            .next()
            .map(|(day, _age)| {
                let near = |d: NaiveDate| (d - day).num_days().abs() <= 3;
                let marked = contacts.iter().any(|c| !c.not_confirmed && near(c.day))
                    || facts
                        .diary
                        .iter()
                        .any(|d| d.child == p.child && d.author == counselor && near(d.day));
                (day, marked)
            });
        let line = ChildLine {
            child_id: p.child,
            class_id: p.class_id,
            name: p.name.clone(),
            talks: ((counted.len() as u32).min(due), due),
            visit_on_rhythm,
            contacts: counted.len() as u32,
            diary: diary.len() as u32,
            habits: (habits.done, habits.counted),
            follow_ups: (
                follow_ups.iter().filter(on_time).count() as u32,
                follow_ups.len() as u32,
            ),
            birthday,
            not_confirmed: (contacts.len() - counted.len()) as u32,
        };
        f.talks_done += line.talks.0;
        f.talks_due += line.talks.1;
        f.visits += counted
            .iter()
            .filter(|c| c.kind == CareKind::HomeVisit)
            .count() as u32;
        f.visits_on_rhythm += u32::from(visit_on_rhythm);
        f.reached += u32::from(line.contacts > 0);
        f.contacts += line.contacts;
        f.study += counted.iter().filter(|c| c.study).count() as u32;
        f.life += counted.iter().filter(|c| c.life).count() as u32;
        f.activities += counted.iter().filter(|c| c.activities).count() as u32;
        f.diary_replies += diary.iter().filter(|d| d.reply).count() as u32;
        f.diary_entries += diary.iter().filter(|d| !d.reply).count() as u32;
        f.diary_children += u32::from(!diary.is_empty());
        f.habits_done += habits.done;
        f.habits_counted += habits.counted;
        recent = (recent.0 + habits.recent.0, recent.1 + habits.recent.1);
        before = (before.0 + habits.before.0, before.1 + habits.before.1);
        f.follow_ups_due += line.follow_ups.1;
        f.follow_ups_on_time += line.follow_ups.0;
        for c in facts.concerns.iter().filter(|c| c.child == p.child) {
            // A concern is this counselor's to handle while the child is theirs.
            if within(c.due, a, b) && concerns_seen.insert((c.child, c.due, c.raised)) {
                f.concerns_due += 1;
                f.concerns_on_time += u32::from(c.closed.is_some_and(|d| d <= c.due));
            }
        }
        if let Some((_, marked)) = line.birthday {
            f.birthdays += 1;
            f.birthdays_marked += u32::from(marked);
        }
        f.not_confirmed += line.not_confirmed;
        // The same child twice (handed back) is one child.
        if !f.lines.iter().any(|l| l.child_id == p.child) {
            f.children += 1;
        }
        f.lines.push(line);
    }
    f.concerns_raised = facts
        .concerns
        .iter()
        .filter(|c| c.by == Some(counselor) && c.raised.is_some_and(|d| within(d, first, end)))
        .count() as u32;
    f.habits_trend = pct(recent.0, recent.1)
        .zip(pct(before.0, before.1))
        .map(|(r, b)| r - b);
    f.lines
        .sort_by(|x, y| x.name.cmp(&y.name).then(x.child_id.cmp(&y.child_id)));
    f
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assessment::domain::score;
    use crate::assessment::types::Compiled;

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
            contacts: vec![contact(1, "2027-03-17", CareKind::Talk)],
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
            "two days after; ten days after"
        );
        assert_eq!((f.diary_entries, f.diary_children), (1, 1));
    }

    #[test]
    fn follow_ups_and_concerns_count_when_due_and_on_time_when_closed_by_then() {
        let due = |child, due: &str, closed: Option<&str>| DueFact {
            child,
            by: Some(7),
            raised: Some(d("2027-03-01")),
            due: d(due),
            closed: closed.map(d),
        };
        let facts = Facts {
            pairings: vec![pairing(1, "2026-09-01")],
            follow_ups: vec![
                due(1, "2027-03-10", Some("2027-03-09")),
                due(1, "2027-03-20", Some("2027-03-22")),
                due(1, "2027-04-20", None),
            ],
            concerns: vec![due(1, "2027-03-15", None)],
            ..Facts::default()
        };
        let f = compile(&facts, 7, &march(), d("2027-04-19"), &scheme());
        assert_eq!((f.follow_ups_on_time, f.follow_ups_due), (1, 2));
        assert_eq!(
            (f.concerns_raised, f.concerns_on_time, f.concerns_due),
            (1, 0, 1)
        );
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
}
