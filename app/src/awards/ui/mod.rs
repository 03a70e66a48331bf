//! The award's pages: this term's criteria and nominations, nominating a child with its
//! evidence, and the certificate on A4.

mod certificate;
mod list;
mod nominate;

pub use certificate::CertificatePage;
pub use list::AwardsPage;
pub use nominate::NominatePage;

use leptos::prelude::*;

use super::types::{Evidence, Excerpt, NominationState};
use crate::habits::strings::{habit_label, habit_unit};
use crate::habits::types::HabitSummary;
use crate::i18n::Strings;

fn date(day: chrono::NaiveDate) -> String {
    day.format("%Y-%m-%d").to_string()
}

fn state_label(t: &'static Strings, state: NominationState) -> &'static str {
    match state {
        NominationState::Pending => t.awards.pending,
        NominationState::Approved => t.awards.approved,
        NominationState::Declined => t.awards.declined,
    }
}

/// The habit figures of a nomination: score, streak and the four weeks' trend.
fn scores(t: &'static Strings, summaries: &[HabitSummary]) -> impl IntoView {
    let rows = summaries
        .iter()
        .map(|s| {
            view! {
                <tr data-habit=s.habit.key()>
                    <th scope="row">{habit_label(t, s.habit)}</th>
                    <td>{(t.habits.score_label)(s.score)}</td>
                    <td>{(t.habits.done_of)(s.done, s.counted, habit_unit(t, s.habit))}</td>
                    <td>{(t.habits.trend)(s.trend)}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <table class="list evidence-scores"><tbody>{rows}</tbody></table>
        <p class="muted">{t.habits.score_hint}</p>
    }
}

fn excerpts(list: &[Excerpt]) -> impl IntoView {
    list.iter()
        .map(|e| view! { <li><span class="muted">{date(e.day)}</span>" "{e.text.clone()}</li> })
        .collect_view()
}

/// A nomination's evidence as it was kept.
fn evidence(t: &'static Strings, evidence: &Evidence) -> impl IntoView {
    view! {
        {scores(t, &evidence.summaries)}
        {(!evidence.diary.is_empty()).then(|| view! {
            <h4>{t.awards.diary_lines}</h4><ul class="habit-list">{excerpts(&evidence.diary)}</ul>
        })}
        {(!evidence.care.is_empty()).then(|| view! {
            <h4>{t.awards.care_notes}</h4><ul class="habit-list">{excerpts(&evidence.care)}</ul>
        })}
    }
}
