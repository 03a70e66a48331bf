//! English.

use crate::i18n::words::count_en;
use crate::programme::domain::percent;

fn pct(v: Option<u8>) -> String {
    v.map_or_else(|| "—".to_owned(), |p| format!("{p}%"))
}

/// A count with its noun, one or many ("1 pupil", "3 pupils").
fn nouns(count: u32, one: &str, many: &str) -> String {
    count_en(count.into(), one, many)
}

/// The verb after a count: "1 was", "3 were".
fn were(count: u32) -> &'static str {
    if count == 1 {
        "was"
    } else {
        "were"
    }
}

pub static EN: super::Strings = super::Strings {
    nav: "Programme",
    title: "The care programme at a glance",
    counts: "The school",
    children: "Pupils",
    left_behind: "Left behind",
    half_left_behind: "Half left behind",
    paired: "Paired",
    unpaired: "Not paired",
    counselors: "Counselors",
    this_month: "This month",
    coverage: "Paired children reached this month",
    contacts: "Contacts this month",
    by_priority: |s, l, a| format!("study {s} · life {l} · activities {a}"),
    concerns_open: "Open concerns",
    overdue_n: |n| format!("{n} overdue"),
    five_ones: "The five ones (this term)",
    chore_diary: "Chore and diary days done",
    calls_home: "A call home every week",
    checkup: |y| format!("{y} free checkup"),
    absent: "Absent",
    excused: "Excused",
    planned: "still to come",
    follow_ups_open: "Follow-ups still open",
    birthdays: "Birthdays celebrated this term",
    the_term: "This term",
    chart_coverage: "Paired children reached, by month (%)",
    chart_priorities: "Contacts by month, by priority",
    chart_birthdays: "Birthdays celebrated, by month",
    month: "Month",
    study: "Study",
    life: "Life",
    activities: "Activities",
    as_table: "As a table",
    summary_link: "Year-end summary",
    summary_title: |school, y| format!("{school}: caring for left-behind children, {y}–{}", y + 1),
    print_hint:
        "Print it from the browser on A4 for the Youth League committee and the education bureau.",
    intro: |s| {
        let c = &s.counts;
        format!(
            "Our school has {}, {} of them left behind and {} half left behind. Caring for them is one of the school's main tasks: {} paired with {}. This is what we did this school year.",
            nouns(c.children, "pupil", "pupils"),
            c.left_behind,
            c.half_left_behind,
            nouns(c.counselors, "teacher is", "teachers are"),
            nouns(c.paired, "left-behind or half left-behind child", "left-behind and half left-behind children")
        )
    },
    headings: [
        "1. Leadership and a working system",
        "2. Teachers paired with children",
        "3. The five ones",
        "4. Files, contact cards and the families",
        "5. Interest groups and thematic days",
        "6. The free checkup",
        "7. Concerns and birthdays",
        "8. Inspection and assessment",
        "9. Difficulties",
    ],
    leading: |s| {
        format!(
            "A leading group of {} runs the programme and assesses the paired teachers every month and semester: {} {} closed this year, {} of them signed by their teachers.",
            nouns(s.leaders, "member", "members"),
            nouns(s.sheets_closed, "sheet", "sheets"),
            were(s.sheets_closed),
            s.sheets_signed
        )
    },
    pairing: |s| {
        let w = &s.work;
        let times = |count| nouns(count, "time", "times");
        format!(
            "The paired teachers talked with, visited and helped their children {}, including {}; the school's rhythm asked for {} and {} {} held ({}). The contacts served study {}, life {} and activities {}. Teachers wrote {} and {} to the children.",
            times(w.contacts),
            nouns(w.visits, "home visit", "home visits"),
            nouns(w.talks_due, "talk", "talks"),
            w.talks_done,
            were(w.talks_done),
            pct(percent(w.talks_done, w.talks_due)),
            times(w.study),
            times(w.life),
            times(w.activities),
            nouns(w.diary_entries, "growth-diary entry", "growth-diary entries"),
            nouns(w.diary_replies, "reply", "replies")
        )
    },
    five: |s| {
        format!(
            "The paired children did their daily chore and diary on {} of the school days; the school's children read {} and called their parents {} this year. {} {} named self-improvement good youth.",
            pct(s.habits_rate),
            nouns(s.books, "book", "books"),
            nouns(s.calls_home, "time", "times"),
            nouns(s.awards, "pupil", "pupils"),
            were(s.awards)
        )
    },
    files: |s| {
        format!(
            "Every child has a file and a contact card: {} on record. {} their child's calendar through a link of their own.",
            nouns(s.counts.children, "pupil is", "pupils are"),
            nouns(s.parent_links, "family far away follows", "families far away follow")
        )
    },
    groups: |s| {
        format!(
            "{} met, and {} {} held this year.",
            nouns(s.groups, "interest group", "interest groups"),
            nouns(s.thematic_days, "thematic day", "thematic days"),
            were(s.thematic_days)
        )
    },
    checkup_text: |s| {
        let c = &s.checkup;
        if let Some(day) = c.day.filter(|d| *d >= s.today) {
            return format!(
                "This year's free checkup for every pupil is planned for {}.",
                day.format("%-d %B")
            );
        }
        let day = c
            .day
            .map_or_else(String::new, |d| format!("On {}, ", d.format("%-d %B")));
        format!(
            "{day}every pupil was offered a free checkup: {} {} examined, {} {} absent and {} excused; {} needed a follow-up, and {} still open.",
            c.examined,
            were(c.examined),
            c.absent,
            were(c.absent),
            c.excused,
            c.follow_ups,
            nouns(c.follow_ups_open, "follow-up is", "follow-ups are")
        )
    },
    concerns: |s| {
        let w = &s.work;
        format!(
            "Teachers raised {} and {} {} closed this year. Of the paired children's {}, {} {} celebrated with their teacher.",
            nouns(w.concerns_raised, "concern", "concerns"),
            s.concerns_closed,
            were(s.concerns_closed),
            nouns(w.birthdays, "birthday", "birthdays"),
            w.birthdays_marked,
            were(w.birthdays_marked)
        )
    },
    inspection: |s| {
        format!(
            "The leading group verified {}; {} could not be confirmed and counted against the sheets.",
            nouns(s.inspected, "recorded contact", "recorded contacts"),
            s.not_confirmed
        )
    },
    difficulties: |s| {
        format!(
            "{} no paired teacher, and {} open. The school's funds are small: this work needs the care and support of the whole of society.",
            nouns(
                s.counts.unpaired,
                "left-behind or half left-behind child still has",
                "left-behind and half left-behind children still have"
            ),
            nouns(s.checkup.follow_ups_open, "checkup follow-up is", "checkup follow-ups are")
        )
    },
    as_of: |d| format!("Figures as of {d}"),
};

#[cfg(test)]
pub(super) mod tests {
    use chrono::NaiveDate;

    use super::EN;
    use crate::programme::types::{CheckupFigures, Counts, Work, YearSummary};

    /// A year in which everything the summary counts happened `n` times.
    pub(in crate::programme::strings) fn year_of(n: u32) -> YearSummary {
        YearSummary {
            school: "希望小学".to_owned(),
            year: 2026,
            today: NaiveDate::from_ymd_opt(2027, 4, 19).unwrap(),
            counts: Counts {
                children: n,
                left_behind: n,
                half_left_behind: n,
                paired: n,
                unpaired: n,
                counselors: n,
            },
            work: Work {
                children: n,
                reached: n,
                contacts: n,
                study: n,
                life: n,
                activities: n,
                talks_done: n,
                talks_due: n,
                visits: n,
                diary_entries: n,
                diary_replies: n,
                birthdays: n,
                birthdays_marked: n,
                follow_ups_due: n,
                follow_ups_on_time: n,
                concerns_raised: n,
            },
            leaders: n,
            groups: n,
            thematic_days: n,
            habits_rate: Some(90),
            books: n,
            calls_home: n,
            awards: n,
            checkup: CheckupFigures {
                year: 2027,
                day: NaiveDate::from_ymd_opt(2027, 4, 2),
                examined: n,
                absent: n,
                excused: n,
                follow_ups: n,
                follow_ups_open: n,
                follow_ups_overdue: n,
            },
            concerns_closed: n,
            sheets_closed: n,
            sheets_signed: n,
            inspected: n,
            not_confirmed: n,
            parent_links: n,
        }
    }

    fn report(s: &YearSummary) -> String {
        [
            EN.intro,
            EN.leading,
            EN.pairing,
            EN.five,
            EN.files,
            EN.groups,
            EN.checkup_text,
            EN.concerns,
            EN.inspection,
            EN.difficulties,
        ]
        .map(|section| section(s))
        .join("\n")
    }

    #[test]
    fn one_of_anything_reads_as_one() {
        let one = report(&year_of(1));
        for wrong in [
            "1 pupils",
            "1 times",
            "1 were",
            "1 teachers",
            "1 children",
            "1 sheets",
            "1 books",
            "1 families",
            "1 interest groups",
            "1 thematic days",
            "1 follow-ups",
            "1 concerns",
            "1 birthdays",
            "1 recorded contacts",
        ] {
            assert!(!one.contains(wrong), "{wrong:?} in {one}");
        }
        for right in [
            "1 pupil was named self-improvement good youth",
            "1 interest group met, and 1 thematic day was held this year",
            "helped their children 1 time, including 1 home visit",
            "1 family far away follows their child's calendar",
            "1 left-behind or half left-behind child still has no paired teacher",
        ] {
            assert!(one.contains(right), "{right:?} not in {one}");
        }
    }

    #[test]
    fn more_than_one_reads_as_many() {
        let many = report(&year_of(8));
        for right in [
            "8 pupils were named self-improvement good youth",
            "8 interest groups met, and 8 thematic days were held this year",
            "helped their children 8 times, including 8 home visits",
            "8 families far away follow their child's calendar",
            "8 left-behind and half left-behind children still have no paired teacher",
        ] {
            assert!(many.contains(right), "{right:?} not in {many}");
        }
        let none = report(&year_of(0));
        assert!(none.contains("0 thematic days were held"), "{none}");
    }
}
