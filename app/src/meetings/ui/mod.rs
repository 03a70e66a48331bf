//! The meetings' pages: the school year's meetings with the practices still open, and one
//! meeting's record (attendance, families, minutes, practices), all plain forms that work
//! on a tablet without JavaScript.

mod list;
mod record;

pub use list::MeetingsPage;
pub use record::MeetingRecordPage;

use chrono::NaiveDateTime;
use leptos::prelude::*;

use super::strings::kind_label;
use super::types::{MeetingKind, Practice};
use crate::i18n::Strings;

fn when(at: NaiveDateTime) -> String {
    at.format("%Y-%m-%d %H:%M").to_string()
}

fn kind_tag(t: &'static Strings, kind: MeetingKind) -> impl IntoView {
    view! { <span class="tag" data-kind=kind.key()>{kind_label(t, kind)}</span> }
}

/// A practice agreed, with its owner and due day, and the button that marks it done.
fn practice_item(
    t: &'static Strings,
    p: &Practice,
    today: chrono::NaiveDate,
    from: bool,
) -> impl IntoView {
    let m = t.meetings;
    let overdue = p.done_on.is_none() && p.due_on < today;
    let state = match p.done_on {
        Some(day) => (m.done_on)(&day.to_string()),
        None => (m.due_on)(&p.due_on.to_string()),
    };
    view! {
        <li class="practice" data-practice=p.id.to_string() data-done=p.done_on.is_some().to_string()>
            <p><strong>{p.body.clone()}</strong></p>
            <p class="muted">{p.owner.clone()}" · "{state}
                {overdue.then(|| view! { " "<span class="tag warn">{m.overdue}</span> })}
                {from.then(|| {
                    let meeting = format!("{} {}", p.meeting, p.at.date());
                    let record = super::types::record_href(p.event_id, p.at);
                    view! {
                        " · "
                        {if p.may_open {
                            view! { <a href=record>{meeting}</a> }.into_any()
                        } else {
                            view! { <span>{meeting}</span> }.into_any()
                        }}
                    }
                })}
            </p>
            {p.can_mark.then(|| view! {
                <form method="post" action="/api/meetings/done" class="inline-form no-print">
                    <input type="hidden" name="practice" value=p.id.to_string()/>
                    <button type="submit" class="button">{m.mark_done}</button>
                </form>
            })}
        </li>
    }
}
