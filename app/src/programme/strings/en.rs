//! English.

use crate::programme::domain::percent;

fn pct(v: Option<u8>) -> String {
    v.map_or_else(|| "—".to_owned(), |p| format!("{p}%"))
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
            "Our school has {} pupils, {} of them left behind and {} half left behind. Caring for them is one of the school's main tasks: {} teachers are paired with {} left-behind and half left-behind children. This is what we did this school year.",
            c.children, c.left_behind, c.half_left_behind, c.counselors, c.paired
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
        "A leading group of {} runs the programme and assesses the paired teachers every month and semester: {} sheets were closed this year, {} of them signed by their teachers.",
        s.leaders, s.sheets_closed, s.sheets_signed
    )
    },
    pairing: |s| {
        let w = &s.work;
        format!(
            "The paired teachers talked with, visited and helped their children {} times, {} of them home visits; the school's rhythm asked for {} talks and {} were held ({}). The contacts served study {} times, life {} times and activities {} times. Teachers wrote {} growth-diary entries and {} replies to the children.",
            w.contacts, w.visits, w.talks_due, w.talks_done, pct(percent(w.talks_done, w.talks_due)),
            w.study, w.life, w.activities, w.diary_entries, w.diary_replies
        )
    },
    five: |s| {
        format!(
        "The paired children did their daily chore and diary on {} of the school days; the school's children read {} books and called their parents {} times this year. {} pupils were named self-improvement good youth.",
        pct(s.habits_rate), s.books, s.calls_home, s.awards
    )
    },
    files: |s| {
        format!(
        "Every child has a file and a contact card: {} pupils are on record. {} families far away follow their child's calendar through a link of their own.",
        s.counts.children, s.parent_links
    )
    },
    groups: |s| {
        format!(
            "{} interest groups met, and {} thematic days were held this year.",
            s.groups, s.thematic_days
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
            "{day}every pupil was offered a free checkup: {} were examined, {} were absent and {} excused; {} needed a follow-up, {} of which are still open.",
            c.examined, c.absent, c.excused, c.follow_ups, c.follow_ups_open
        )
    },
    concerns: |s| {
        format!(
        "Teachers raised {} concerns and {} were closed this year. Of the paired children's {} birthdays, {} were celebrated with their teacher.",
        s.work.concerns_raised, s.concerns_closed, s.work.birthdays, s.work.birthdays_marked
    )
    },
    inspection: |s| {
        format!(
        "The leading group verified {} recorded contacts; {} could not be confirmed and counted against the sheets.",
        s.inspected, s.not_confirmed
    )
    },
    difficulties: |s| {
        format!(
        "{} left-behind and half left-behind children still have no paired teacher, and {} checkup follow-ups are open. The school's funds are small: this work needs the care and support of the whole of society.",
        s.counts.unpaired, s.checkup.follow_ups_open
    )
    },
    as_of: |d| format!("Figures as of {d}"),
};
