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

/// A practice agreed, with its owner and due day, and the button that marks it done (once
/// done, the one that opens it again).
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
    let button = p.can_mark.then(|| match p.done_on.zip(p.done_by) {
        None => view! {
            <form method="post" action="/api/meetings/done" class="inline-form no-print">
                <input type="hidden" name="practice" value=p.id.to_string()/>
                <button type="submit" class="button">{m.mark_done}</button>
            </form>
        }
        .into_any(),
        // The done state as shown: undone only if nobody has changed it since.
        Some((day, by)) => view! {
            <form method="post" action="/api/meetings/done" class="inline-form no-print">
                <input type="hidden" name="practice" value=p.id.to_string()/>
                <input type="hidden" name="done_on" value=day.to_string()/>
                <input type="hidden" name="done_by" value=by.to_string()/>
                <button type="submit" name="reopen" value="1" class="button">{m.reopen}</button>
            </form>
        }
        .into_any(),
    });
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
            {button}
        </li>
    }
}
