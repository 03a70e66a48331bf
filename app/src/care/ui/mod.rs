//! The care work's pages: the counselor's own page, the leading group's overview, a child's
//! care record (printable as one record for a handover), a student's own diary.

mod coverage;
mod diary;
mod mine;
mod record;

pub use coverage::CoveragePage;
pub use diary::MyDiaryPage;
pub use mine::MyChildrenPage;
pub use record::CareRecordPage;

use chrono::NaiveDate;
use leptos::prelude::*;

use super::types::{DueState, Sticker};
use crate::children::types::LeftBehind;
use crate::i18n::Strings;

/// The label of `value` among `all`, from a catalogue's labels in the same order.
fn label<T: PartialEq + Copy, const N: usize>(
    all: &[T],
    labels: &[&'static str; N],
    value: T,
) -> &'static str {
    all.iter()
        .position(|v| *v == value)
        .and_then(|i| labels.get(i).copied())
        .unwrap_or("")
}

fn date(day: NaiveDate) -> String {
    day.format("%Y-%m-%d").to_string()
}

/// A due date with how it stands: overdue in one colour, soon in another.
fn due_badge(t: &'static Strings, due: NaiveDate, state: DueState) -> impl IntoView {
    let (class, word) = match state {
        DueState::Overdue => ("due due-overdue", Some(t.care.overdue)),
        DueState::Soon => ("due due-soon", Some(t.care.due_soon)),
        DueState::Later => ("due due-later", None),
    };
    view! {
        <span class=class data-state=format!("{state:?}").to_lowercase()>
            <span class="due-date">{date(due)}</span>{word.map(|w| view! { " · "<strong>{w}</strong> })}
        </span>
    }
}

fn status_label(t: &'static Strings, status: LeftBehind) -> &'static str {
    match status {
        LeftBehind::Full => t.children.lb_full,
        LeftBehind::Half => t.children.lb_half,
        LeftBehind::None => t.children.lb_none,
    }
}

/// The diary's mood stickers, as radio buttons (none chosen: no sticker).
fn sticker_choice(t: &'static Strings) -> impl IntoView {
    Sticker::ALL
        .iter()
        .map(|s| {
            view! {
                <label class="sticker">
                    <input type="radio" name="sticker" value=s.key()/>
                    {label(Sticker::ALL, &t.care.sticker_labels, *s)}
                </label>
            }
        })
        .collect_view()
}
