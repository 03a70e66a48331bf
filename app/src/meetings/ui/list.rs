//! `/meetings` (会议与座谈): the practices still open (and those just marked done, to undo
//! a tap by mistake), the meetings coming, those past with nothing recorded (not known to
//! be held) and those held this school year, each opening its record; one on a statutory
//! holiday says so.

use leptos::prelude::*;
use leptos_meta::Title;

use super::{kind_tag, practice_item, when};
use crate::auth::permissions::Capability;
use crate::meetings::api::get_meetings;
use crate::meetings::types::{MeetingKind, MeetingLine, MeetingsPage as Page};
use crate::page::{page_gate, use_strings, Flash};

#[component]
pub fn MeetingsPage() -> impl IntoView {
    let t = use_strings();
    if let Err(denied) = page_gate(Capability::Meetings) {
        return denied;
    }
    let page = Resource::new(|| (), |_| get_meetings());
    view! {
        <Title text=format!("{} · {}", t.meetings.title, t.common.app_name)/>
        <section class="card meetings" data-native-forms="">
            <Flash/>
            <Suspense fallback=move || view! { <crate::page::Loading/> }>
                {move || Suspend::new(async move {
                    match page.await {
                        Ok(page) => view! { <Meetings page/> }.into_any(),
                        Err(e) => crate::page::error_notice(t, &e),
                    }
                })}
            </Suspense>
        </section>
    }
    .into_any()
}

#[component]
fn Meetings(page: Page) -> impl IntoView {
    let t = use_strings();
    let m = t.meetings;
    let practices = page
        .open_practices
        .iter()
        .map(|p| practice_item(t, p, page.today, true))
        .collect_view();
    let done = page
        .recently_done
        .iter()
        .map(|p| practice_item(t, p, page.today, true))
        .collect_view();
    view! {
        <h1>{m.title}</h1>
        <p class="hint">{m.hint}</p>
        <h2>{m.open_practices}</h2>
        {page.open_practices.is_empty().then(|| view! { <p class="hint">{m.no_open_practices}</p> })}
        <ul class="practices" data-testid="open-practices">{practices}</ul>
        {(!page.recently_done.is_empty()).then(|| view! {
            <h2>{m.recently_done}</h2>
            <p class="hint">{m.recently_done_hint}</p>
            <ul class="practices" data-testid="recently-done">{done}</ul>
        })}
        <h2>{m.coming}</h2>
        {table(page.coming)}
        {(!page.awaiting.is_empty()).then(|| view! {
            <h2>{m.awaiting}</h2>
            <p class="hint">{m.awaiting_hint}</p>
            {table(page.awaiting)}
        })}
        <h2>{m.past}</h2>
        {table(page.past)}
    }
    .into_any()
}

fn table(lines: Vec<MeetingLine>) -> impl IntoView {
    let t = use_strings();
    let m = t.meetings;
    if lines.is_empty() {
        return view! { <p class="hint">{m.no_meetings}</p> }.into_any();
    }
    let rows = lines
        .into_iter()
        .map(|l| {
            let came = match l.attendees {
                None => m.not_recorded.to_owned(),
                Some(n) if l.kind == MeetingKind::Parents => {
                    format!("{} · {}", (m.attendees_count)(n), (m.families_count)(l.families))
                }
                Some(n) => (m.attendees_count)(n),
            };
            view! {
                <tr data-event=l.event_id.to_string()>
                    <td>{when(l.at)}
                        {l.holiday.as_deref().map(|h| view! { " "<span class="tag warn">{(m.on_holiday)(h)}</span> })}
                    </td>
                    <th scope="row"><a href=crate::meetings::types::record_href(l.event_id, l.at)>{l.title.clone()}</a></th>
                    <td>{kind_tag(t, l.kind)}</td>
                    <td>{came}</td>
                    <td>{if l.has_minutes { m.yes } else { "—" }}</td>
                    <td class="num">{l.practices_open}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="table-scroll">
            <table class="data-table meetings-table" data-testid="meetings">
                <thead><tr>
                    <th scope="col">{m.col_when}</th>
                    <th scope="col">{m.col_meeting}</th>
                    <th scope="col">{m.col_kind}</th>
                    <th scope="col">{m.col_attendance}</th>
                    <th scope="col">{m.col_minutes}</th>
                    <th scope="col">{m.col_practices}</th>
                </tr></thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
    .into_any()
}
