//! The assessment's pages: a period's sheets, one counselor's sheet (on A4 too), the
//! year's scheme, and the inspections.

mod inspections;
mod list;
mod scheme;
mod sheet;

pub use inspections::InspectionsPage;
pub use list::AssessmentPage;
pub use scheme::SchemePage;
pub use sheet::SheetPage;

use chrono::NaiveDate;
use leptos::prelude::*;

pub use super::strings::{criterion_label, period_label};
use super::types::{ChildLine, Criterion, Figures, Period};
use crate::i18n::Strings;

/// The period picker: a plain GET form, so it works without JavaScript.
fn period_picker(
    t: &'static Strings,
    action: &'static str,
    current: &Period,
    periods: &[Period],
) -> impl IntoView {
    let key = current.key();
    let options = periods
        .iter()
        .map(|p| {
            let k = p.key();
            let selected = k == key;
            view! { <option value=k selected=selected>{period_label(t, p)}</option> }
        })
        .collect_view();
    view! {
        <form method="get" action=action class="inline-form period-picker no-print">
            <label>{t.assessment.period}<select name="period">{options}</select></label>
            <button type="submit" class="button">{t.assessment.show}</button>
        </form>
    }
}

/// What the records show for a criterion, in a sentence.
fn figure(
    t: &'static Strings,
    c: Criterion,
    f: &Figures,
    talk_days: u64,
    visit_days: u64,
) -> String {
    let a = t.assessment;
    match c {
        Criterion::Talks => (a.fig_talks)(f.talks_done, f.talks_due, talk_days),
        Criterion::Visits => (a.fig_visits)(f.visits_on_rhythm, f.children, visit_days, f.visits),
        Criterion::Coverage => (a.fig_coverage)(
            f.reached,
            f.children,
            f.contacts,
            [f.study, f.life, f.activities],
        ),
        Criterion::Diary => (a.fig_diary)(
            f.diary_children,
            f.children,
            f.diary_entries,
            f.diary_replies,
        ),
        Criterion::Habits => (a.fig_habits)(f.habits_done, f.habits_counted, f.habits_trend),
        Criterion::FollowUps => (a.fig_follow_ups)(
            f.follow_ups_on_time,
            f.follow_ups_due,
            f.follow_ups_overdue_open,
            f.follow_ups_overdue_closed,
            f.follow_ups_taken_over,
        ),
        Criterion::Concerns => (a.fig_concerns)(
            f.concerns_on_time,
            f.concerns_due,
            f.concerns_overdue_open,
            f.concerns_overdue_closed,
            f.concerns_raised,
        ),
        Criterion::Birthdays => (a.fig_birthdays)(f.birthdays_marked, f.birthdays),
    }
}

/// A child's part in a criterion, when it has one.
fn child_part(t: &'static Strings, c: Criterion, l: &ChildLine) -> Option<String> {
    let a = t.assessment;
    match c {
        Criterion::Talks => (l.talks.1 > 0).then(|| format!("{}/{}", l.talks.0, l.talks.1)),
        Criterion::Visits => Some(
            if l.visit_on_rhythm {
                a.on_rhythm
            } else {
                a.off_rhythm
            }
            .to_owned(),
        ),
        Criterion::Coverage => Some((a.contacts_n)(l.contacts)),
        Criterion::Diary => Some((a.entries_n)(l.diary)),
        Criterion::Habits => (l.habits.1 > 0).then(|| format!("{}/{}", l.habits.0, l.habits.1)),
        Criterion::FollowUps => due_part(t, l.follow_ups, &l.follow_ups_overdue),
        Criterion::Concerns => due_part(t, l.concerns, &l.concerns_overdue),
        Criterion::Birthdays => l.birthday.map(|(day, marked)| {
            format!(
                "{} {}",
                day.format("%m-%d"),
                if marked { a.marked } else { a.not_marked }
            )
        }),
    }
}

/// A child's follow-ups or concerns: done of those due in the period, then each one due
/// earlier that was overdue in it, by its due day.
fn due_part(
    t: &'static Strings,
    (done, due): (u32, u32),
    overdue: &[(NaiveDate, bool)],
) -> Option<String> {
    let mut parts: Vec<String> = Vec::new();
    if due > 0 {
        parts.push(format!("{done}/{due}"));
    }
    parts.extend(
        overdue
            .iter()
            .map(|(day, closed)| (t.assessment.overdue_item)(day, *closed)),
    );
    (!parts.is_empty()).then(|| parts.join(" · "))
}

/// A contact's kind as the care record names it.
fn kind_label(t: &'static Strings, kind: crate::care::types::CareKind) -> &'static str {
    use crate::care::types::CareKind;
    let at = CareKind::ALL.iter().position(|k| *k == kind).unwrap_or(0);
    t.care.kind_labels[at]
}
