//! `/meetings/record?event=&at=`: one meeting as it is held. Attendance is ticked on the
//! tablet at the door; a parents' meeting ticks the families who came, class by class; the
//! minutes keep every draft; the practices agreed get an owner and a day. The leading group
//! keeps the record; the rest of the staff read it, without its forms.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use super::{kind_tag, practice_item, when};
use crate::auth::permissions::Capability;
use crate::meetings::api::get_meeting;
use crate::meetings::domain::turnout;
use crate::meetings::strings::kind_label;
use crate::meetings::types::{FamiliesPart, Household, MeetingKind, MeetingRecord, StaffMember};
use crate::page::{page_gate, use_strings, Flash};
use crate::school::types::stamp;

#[component]
pub fn MeetingRecordPage() -> impl IntoView {
    let t = use_strings();
    if let Err(denied) = page_gate(Capability::Meetings) {
        return denied;
    }
    let query = use_query_map().read_untracked().clone();
    let event = query
        .get("event")
        .and_then(|e| e.parse::<i64>().ok())
        .unwrap_or(0);
    let at = query.get("at").unwrap_or_default();
    let class = query.get("class").and_then(|c| c.parse::<i64>().ok());
    let record = Resource::new(
        move || (event, at.clone(), class),
        |(event, at, class)| get_meeting(event, at, class),
    );
    view! {
        <Title text=format!("{} · {}", t.meetings.title, t.common.app_name)/>
        <section class="card meetings meeting-record" data-native-forms="">
            <p class="links no-print"><a href="/meetings">{t.meetings.back}</a></p>
            <Flash/>
            <Suspense fallback=move || view! { <crate::page::Loading/> }>
                {move || Suspend::new(async move {
                    match record.await {
                        Ok(r) => view! { <Record r/> }.into_any(),
                        Err(e) => crate::page::error_notice(t, &e),
                    }
                })}
            </Suspense>
        </section>
    }
    .into_any()
}

/// The hidden fields every save of this record carries.
fn keys(r: &MeetingRecord) -> impl IntoView {
    view! {
        <input type="hidden" name="event" value=r.event_id.to_string()/>
        <input type="hidden" name="at" value=stamp(r.at)/>
        <input type="hidden" name="version" value=r.version.to_string()/>
    }
}

#[component]
fn Record(r: MeetingRecord) -> impl IntoView {
    let t = use_strings();
    let m = t.meetings;
    let place = r
        .location
        .clone()
        .map(|l| format!(" · {l}"))
        .unwrap_or_default();
    let span = format!("{}–{}{place}", when(r.at), r.end.format("%H:%M"));
    view! {
        <h1>{r.title.clone()}</h1>
        <p class="muted" data-testid="meeting-when">{span}" "{kind_tag(t, r.kind)}
            {r.editor.clone().map(|href| view! { " · "<a class="no-print" href=href>{m.edit_event}</a> })}
        </p>
        {if r.may_record {
            kind_form(&r).into_any()
        } else {
            view! { <p class="hint" data-testid="read-only">{m.read_only}</p> }.into_any()
        }}
        <Attendance r=r.clone()/>
        {r.families.clone().map(|f| view! { <Families r=r.clone() f/> })}
        <Minutes r=r.clone()/>
        {r.may_record.then(|| view! { <p class="hint">{m.minutes_hint}</p> })}
        <Practices r/>
    }
    .into_any()
}

fn kind_form(r: &MeetingRecord) -> impl IntoView {
    let t = use_strings();
    let m = t.meetings;
    let options = MeetingKind::ALL
        .iter()
        .filter(|k| r.may_lead || **k != MeetingKind::LeadingGroup)
        .map(|k| view! { <option value=k.key() selected=*k == r.kind>{kind_label(t, *k)}</option> })
        .collect_view();
    view! {
        <form method="post" action="/api/meetings/kind" class="inline-form no-print" data-testid="kind">
            {keys(r)}
            <label>{m.kind}<select name="kind">{options}</select></label>
            <button type="submit" class="button">{m.save_kind}</button>
        </form>
    }
}

#[component]
fn Attendance(r: MeetingRecord) -> impl IntoView {
    let t = use_strings();
    let m = t.meetings;
    let turnout = turnout(r.kind, &r.staff);
    let boxes = |people: Vec<StaffMember>| {
        people
            .into_iter()
            .map(|s| {
                view! {
                    <label>
                        <input type="checkbox" name="present[]" value=s.id.to_string() checked=s.present/>
                        {s.name}
                    </label>
                }
            })
            .collect_view()
    };
    let (leads, others): (Vec<_>, Vec<_>) = r.staff.iter().cloned().partition(|s| s.leads);
    // The leading group's own meeting is the group's: the other staff fold away, open when
    // one of them sat in.
    let others = if r.kind == MeetingKind::LeadingGroup {
        let open = others.iter().any(|s| s.present);
        view! {
            <details open=open>
                <summary>{m.guests_legend}</summary>
                <fieldset class="ticks"><legend class="sr-only">{m.guests_legend}</legend>{boxes(others)}</fieldset>
            </details>
        }
        .into_any()
    } else {
        view! { <fieldset class="ticks"><legend>{m.other_staff}</legend>{boxes(others)}</fieldset> }
            .into_any()
    };
    let taken = if r.may_record {
        view! {
            <form method="post" action="/api/meetings/attendance" class="stack" data-testid="attendance">
                {keys(&r)}
                <fieldset class="ticks"><legend>{m.leading_group}</legend>{boxes(leads)}</fieldset>
                {others}
                <button type="submit" class="button primary">{m.save_attendance}</button>
            </form>
        }
        .into_any()
    } else {
        let names = r
            .staff
            .iter()
            .filter(|s| s.present)
            .map(|s| s.name.as_str())
            .collect::<Vec<_>>()
            .join("、");
        if names.is_empty() {
            view! { <p class="hint" data-testid="attendance">{m.none_present}</p> }.into_any()
        } else {
            view! { <p data-testid="attendance">{names}</p> }.into_any()
        }
    };
    let guests = (turnout.guests > 0).then(|| format!(" · {}", (m.guests)(turnout.guests)));
    view! {
        <section class="meeting-part">
            <h2>{m.attendance}" · "<span data-testid="present">{(m.present_of)(turnout.present, turnout.expected)}{guests}</span></h2>
            {taken}
        </section>
    }
}

/// A household's children, as one line.
fn names(h: &Household) -> String {
    h.children
        .iter()
        .map(|(_, n)| n.as_str())
        .collect::<Vec<_>>()
        .join("、")
}

#[component]
fn Families(r: MeetingRecord, f: FamiliesPart) -> impl IntoView {
    let t = use_strings();
    let m = t.meetings;
    let class_options = f
        .classes
        .iter()
        .map(|(id, label)| {
            view! { <option value=id.to_string() selected=f.class_id == Some(*id)>{(t.common.class_label)(label.grade, label.number)}</option> }
        })
        .collect_view();
    let came = f
        .households
        .iter()
        .filter(|h| h.came)
        .map(|h| view! { <li>{names(h)}</li> })
        .collect_view();
    let none_came = !f.households.iter().any(|h| h.came);
    let class_came = f
        .class_id
        .filter(|_| !f.households.is_empty())
        .map(|class| {
            let label = f
                .classes
                .iter()
                .find(|(id, _)| *id == class)
                .map(|(_, l)| (t.common.class_label)(l.grade, l.number))
                .unwrap_or_default();
            let came = f.households.iter().filter(|h| h.came).count() as u32;
            let of = f.households.len() as u32;
            view! { <p data-testid="class-families">{label}" · "{(m.class_came)(came, of)}</p> }
        });
    let households = f
        .households
        .iter()
        .map(|h| {
            let ids = h
                .children
                .iter()
                .map(|(id, _)| id.to_string())
                .collect::<Vec<_>>();
            // A household is ticked by its first child; its siblings came with it.
            view! {
                <label data-household=ids.join(",")>
                    <input type="checkbox" name="came[]" value=ids[0].clone() checked=h.came/>
                    {names(h)}
                </label>
            }
        })
        .collect_view();
    view! {
        <section class="meeting-part">
            <h2>{m.families}" · "<span data-testid="families-total">{(m.families_total)(f.came_total, f.households_total)}</span></h2>
            <form method="get" action="/meetings/record" class="inline-form no-print">
                <input type="hidden" name="event" value=r.event_id.to_string()/>
                <input type="hidden" name="at" value=stamp(r.at)/>
                <label>{m.class}<select name="class">{class_options}</select></label>
                <button type="submit" class="button">{m.show_class}</button>
            </form>
            {class_came}
            {f.households.is_empty().then(|| view! { <p class="hint">{m.no_children}</p> })}
            {(!r.may_record && !f.households.is_empty()).then(|| if none_came {
                view! { <p class="hint" data-testid="families">{m.no_families}</p> }.into_any()
            } else {
                view! { <ul data-testid="families">{came}</ul> }.into_any()
            })}
            {f.class_id.filter(|_| r.may_record).map(|class| view! {
                <form method="post" action="/api/meetings/families" class="stack" data-testid="families">
                    {keys(&r)}
                    <input type="hidden" name="class" value=class.to_string()/>
                    <fieldset class="ticks"><legend>{m.families_hint}</legend>{households}</fieldset>
                    <button type="submit" class="button primary">{m.save_families}</button>
                </form>
            })}
        </section>
    }
}

#[component]
fn Minutes(r: MeetingRecord) -> impl IntoView {
    let t = use_strings();
    let m = t.meetings;
    let count = r.drafts.len();
    let drafts = r
        .drafts
        .iter()
        .enumerate()
        .map(|(i, d)| view! { <li>{(m.draft_line)(count - i, &d.by, &d.at)}</li> })
        .collect_view();
    let minutes = if r.may_record {
        view! {
            <form method="post" action="/api/meetings/minutes" class="stack" data-testid="minutes">
                {keys(&r)}
                <label class="sr-only" for="minutes">{m.minutes}</label>
                <textarea id="minutes" name="minutes" rows="8" maxlength="5000" required>{r.minutes.clone()}</textarea>
                <button type="submit" class="button primary">{m.save_minutes}</button>
            </form>
        }
        .into_any()
    } else if r.minutes.is_empty() {
        view! { <p class="hint" data-testid="minutes">{m.no_minutes}</p> }.into_any()
    } else {
        let lines = r
            .minutes
            .lines()
            .map(|line| view! { <p>{line.to_owned()}</p> })
            .collect_view();
        view! { <div data-testid="minutes">{lines}</div> }.into_any()
    };
    view! {
        <section class="meeting-part">
            <h2>{m.minutes}</h2>
            {minutes}
            {(count > 0).then(|| view! {
                <details><summary>{(m.drafts)(count)}</summary><ul class="drafts">{drafts}</ul></details>
            })}
        </section>
    }
}

#[component]
fn Practices(r: MeetingRecord) -> impl IntoView {
    let t = use_strings();
    let m = t.meetings;
    let items = r
        .practices
        .iter()
        .map(|p| practice_item(t, p, r.today, false))
        .collect_view();
    let owners = r
        .staff
        .iter()
        .map(|s| view! { <option value=s.id.to_string()>{s.name.clone()}</option> })
        .collect_view();
    let day = r.at.date().to_string();
    view! {
        <section class="meeting-part">
            <h2>{m.practices}</h2>
            {r.practices.is_empty().then(|| view! { <p class="hint">{m.no_practices}</p> })}
            <ul class="practices" data-testid="practices">{items}</ul>
            {r.may_record.then(|| view! {
                <form method="post" action="/api/meetings/practice" class="stack form-card no-print" data-testid="add-practice">
                    {keys(&r)}
                    <label>{m.practice}<input name="body" maxlength="200" required autocomplete="off"/></label>
                    <label>{m.owner}<select name="owner" required>{owners}</select></label>
                    <label>{m.due}<input type="date" name="due" min=day required/></label>
                    <button type="submit" class="button primary">{m.add_practice}</button>
                </form>
            })}
        </section>
    }
}
