//! English.

use crate::assessment::domain::TAKEOVER_DAYS;
use crate::school::types::percent;

fn trend(t: Option<i32>) -> String {
    match t {
        Some(t) if t > 0 => format!(", up {t} points over four weeks"),
        Some(t) if t < 0 => format!(", down {} points over four weeks", -t),
        Some(_) => ", level over four weeks".to_owned(),
        None => String::new(),
    }
}

fn plural(n: u32, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// What fell due before the period and stayed overdue in it (`done`: closed or handled).
fn earlier(open: u32, closed: u32, done: &str) -> String {
    let mut s = String::new();
    if open > 0 {
        s += &format!("; besides, {open} due earlier still open");
    }
    if closed > 0 {
        s += &format!("; besides, {closed} due earlier {done} late this period");
    }
    s
}

pub static EN: super::Strings = super::Strings {
    scheme_weights: "Each weight is a whole number from 0 to 100, and together they make 100",
    scheme_penalty: "The penalty is a whole number from 0 to 100",
    mark_invalid: "A score is a whole number from 0 to the criterion's weight",
    mark_needs_comment: "A score given in place of the compiled one needs a comment, so the teacher knows why",
    answer_required: "Please write your answer",
    sheet_open: "A sheet can be signed or answered once it is closed",
    period_invalid: "Please choose a month or a semester",
    period_not_over: "This period is not over yet: it can be closed once it is",
    sample_invalid: "Draw between 1 and 50 contacts",
    outcome_invalid: "Please choose what the verification found",
    nav: "Assessment",
    title: "Assessment",
    month_label: |d| d.format("%B %Y").to_string(),
    period: "Period",
    show: "Show",
    c_talks: "Talks on rhythm",
    c_visits: "Home visits on rhythm",
    c_coverage: "Every child reached (three priorities)",
    c_diary: "Growth diary",
    c_habits: "The children's five ones",
    c_follow_ups: "Checkup follow-ups on time",
    c_concerns: "Concerns handled in time",
    c_birthdays: "Birthdays celebrated",
    fig_talks: |done, due, days| format!("{done} of {due} talks due (one every {days} days)"),
    fig_visits: |on, of, days, n| {
        format!("{on} of {of} children visited within {days} days; {} this period", plural(n, "visit", "visits"))
    },
    fig_coverage: |reached, of, n, [s, l, a]| {
        format!("{reached} of {of} children reached, {}: study {s}, life {l}, activities {a}", plural(n, "contact", "contacts"))
    },
    fig_diary: |children, of, entries, replies| {
        format!("wrote to {children} of {of} children: {}, {}", plural(entries, "entry", "entries"), plural(replies, "reply", "replies"))
    },
    fig_habits: |done, counted, t| match percent(done, counted) {
        None => "no counted days this period".to_owned(),
        Some(p) => format!("{done} of {counted} days done ({p}%){}", trend(t)),
    },
    fig_follow_ups: |on, due, open, closed, taken_over| {
        let mut s = format!("{on} of {due} due closed on time{}", earlier(open, closed, "closed"));
        if taken_over > 0 {
            let counts = if taken_over == 1 { "counts" } else { "count" };
            s += &format!("; {taken_over} already due when paired {counts} as on time if closed within {TAKEOVER_DAYS} days of the pairing");
        }
        s
    },
    fig_concerns: |on, due, open, closed, raised| {
        format!("{on} of {due} due handled in time{}; {raised} raised", earlier(open, closed, "handled"))
    },
    overdue_item: |day, closed| {
        let day = day.format("%Y-%m-%d");
        if closed {
            format!("due {day}, closed late this period")
        } else {
            format!("due {day}, overdue and still open")
        }
    },
    fig_birthdays: |marked, n| format!("{marked} of {n} birthdays celebrated"),
    on_rhythm: "on rhythm",
    off_rhythm: "behind",
    contacts_n: |n| plural(n, "contact", "contacts"),
    entries_n: |n| plural(n, "entry", "entries"),
    marked: "celebrated",
    not_marked: "missed",
    a_child: "(a child no longer yours)",
    compiled_note: "Sheets are compiled from the care records: nothing is typed twice. Open a line to see the records behind it.",
    no_sheets: "No counselor was paired in this period.",
    children: "Children",
    children_n: |n| plural(n, "child", "children"),
    total: "Total",
    sum: "Sum of criteria",
    state: "State",
    response: "Signed / answered",
    open: "Open",
    closed: "Closed",
    open_live: "Open: the figures follow the records",
    closed_by: |by, at| format!("Closed by {by} on {at}, kept as the records were then"),
    signed: "Signed",
    answered: "Answered",
    yes: "yes",
    not_confirmed_n: |n| format!("{n} not confirmed"),
    close_hint: |n| format!("Closing keeps {} as the records are now; later changes to the records do not change them. Closing is final: no more marks and no reopening; the counselors then sign or answer their sheets.", plural(n, "sheet", "sheets")),
    close_confirm: "I have checked; it cannot be changed once closed",
    close_not_confirmed: "Tick “I have checked; it cannot be changed once closed” before closing",
    close_period: |p| format!("Close the assessment of {p}"),
    period_closed: |p| format!("The assessment of {p} is closed"),
    close_sheet_hint: "Closing keeps every counselor's sheet of this period; it cannot be changed or reopened afterwards.",
    export: "Export XLSX",
    sheet_title: "Pairing assessment sheet",
    print_hint: "Print it from the browser to get it on A4.",
    rhythm_line: |talk, visit| format!("Rhythm: a talk every {talk} days, a home visit every {visit} days"),
    term_note: "Term sheet: talks are the sum of its months; the rest is counted over the whole term (a child reached or written to once in it counts, an overdue item once), so the total is not the months' average.",
    criterion: "Criterion",
    records_show: "What the records show",
    weight: "Weight",
    compiled: "Compiled",
    given: "Given",
    nothing_due: "nothing due",
    score: "Score",
    comment: "Comment",
    save_mark: "Save",
    penalty_line: |n, points| match (n, points) {
        (0, _) => "No contact failed inspection: nothing deducted".to_owned(),
        (n, 0) => format!("Contacts not confirmed by inspection: {n}; the scheme deducts nothing"),
        (n, points) => format!("Contacts not confirmed by inspection: {n}, {points} points off"),
    },
    penalty_short: "Penalty",
    responses: "Signature and answers",
    signed_at: |who, at| format!("Signed by {who} on {at}"),
    not_signed: "Not signed yet",
    sign: "Sign",
    answer_label: "My answer (it is kept)",
    send_answer: "Send answer",
    sign_counselor: "Counselor's signature:",
    sign_leader: "Assessment group's signature:",
    scheme_title: "Assessment scheme",
    scheme_hint: "Set by the leading group once a school year: the weights (making 100) and what 'on rhythm' means.",
    weights: "Weights (making 100)",
    rhythm: "Rhythm",
    talk_days: "A talk every … days",
    visit_days: "A home visit every … days",
    penalty: "Points off per contact not confirmed",
    save_scheme: "Save scheme",
    back: "Back to the assessment",
    inspections_title: "Inspection",
    inspection_hint: "Draw recorded contacts at random (home visits first), call the guardian to verify, and record what you found. A contact not confirmed counts for nothing and costs the scheme's penalty.",
    no_inspections: "Nothing drawn for this period yet.",
    sample_size: "How many",
    draw: "Draw at random",
    undrawn_n: |n| format!("{n} recorded contacts not drawn yet"),
    recorded_by: |who| format!("Recorded by {who}"),
    how_verified: "How it was verified",
    confirm: "Confirmed",
    mark_not_confirmed: "Not confirmed",
    confirmed: "Confirmed",
    not_confirmed: "Not confirmed: the contact could not be verified",
    unchecked: "To verify",
};
