//! One child's care record: the pairing and its history, the form to record a contact (it
//! works offline: the outbox keeps it until the network returns), planned visits, concerns,
//! the care log with its corrections, and the growth diary. `?print=1` is the whole record
//! without forms, for a handover.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

use super::diary::DiaryList;
use super::{date, label, status_label};
use crate::auth::permissions::Capability;
use crate::care::api::get_care_record;
use crate::care::types::{
    CareEntry, CareKind, CareRecord, Concern, ConcernReason, Urgency, WithWhom,
};
use crate::outbox::{self, Outbox};
use crate::page::{page_gate, use_strings, Flash};
use crate::school::urls::care_href;

#[component]
pub fn CareRecordPage() -> impl IntoView {
    let t = use_strings();
    if let Err(denied) = page_gate(Capability::ReadCareLog) {
        return denied;
    }
    let child = use_params_map()
        .read_untracked()
        .get("id")
        .and_then(|id| id.parse::<i64>().ok())
        .unwrap_or_default();
    let query = use_query_map().read_untracked().clone();
    let kind = query.get("kind").and_then(|k| CareKind::parse(&k));
    let correct = query.get("correct").and_then(|c| c.parse::<i64>().ok());
    let print = query.get("print").is_some();
    let record = Resource::new(move || child, get_care_record);
    view! {
        <Title text=format!("{} · {}", t.care.record_title, t.common.app_name)/>
        <section class="card care care-record">
            <Flash/>
            <Outbox>{outbox::status(t)}</Outbox>
            <Suspense fallback=move || view! { <crate::page::Loading/> }>
                {move || Suspend::new(async move {
                    match record.await {
                        Ok(record) => view! { <Record record kind correct print/> }.into_any(),
                        Err(e) => crate::page::error_notice(t, &e),
                    }
                })}
            </Suspense>
        </section>
    }
    .into_any()
}

#[component]
fn Record(
    record: CareRecord,
    kind: Option<CareKind>,
    correct: Option<i64>,
    print: bool,
) -> impl IntoView {
    let t = use_strings();
    let href = care_href(record.child_id);
    let writes = record.can_write && !print;
    let corrected = correct.and_then(|id| {
        record
            .entries
            .iter()
            .find(|e| e.id == id && !e.superseded)
            .cloned()
    });
    let open_steps: Vec<CareEntry> = record
        .entries
        .iter()
        .filter(|e| !e.superseded && e.next_due.is_some() && e.step_done.is_none())
        .cloned()
        .collect();
    let current: Vec<CareEntry> = record
        .entries
        .iter()
        .filter(|e| !e.superseded)
        .cloned()
        .collect();
    let history: Vec<CareEntry> = record
        .entries
        .iter()
        .filter(|e| e.superseded)
        .cloned()
        .collect();
    let entries = current
        .into_iter()
        .map(|entry| {
            let earlier: Vec<CareEntry> = earlier_versions(&history, &entry);
            view! { <EntryView entry earlier href=href.clone() writes/> }
        })
        .collect_view();
    let no_entries = record.entries.is_empty();
    let concerns = record
        .concerns
        .iter()
        .cloned()
        .map(|c| view! { <ConcernView concern=c writes/> })
        .collect_view();
    let plans = record
        .plans
        .iter()
        .map(|p| view! { <li>{p.planned_for.format("%Y-%m-%d %H:%M").to_string()}</li> })
        .collect_view();
    let has_plans = !record.plans.is_empty();
    let no_concerns = record.concerns.is_empty();
    let may_diary = record.can_write_diary && !print;
    view! {
        <h1>
            {record.name.clone()}" · "{t.care.record_title}
        </h1>
        <p class="muted">
            {(t.common.class_label)(record.class.grade, record.class.number)}" · "{status_label(t, record.left_behind)}
        </p>
        {(!print).then(|| view! {
            <p class="no-print row-form">
                <a class="button" href=format!("{href}?print=1")>{t.care.print}</a>
                <a class="button" href=crate::school::urls::habits_href(record.child_id)>{t.habits.child_title}</a>
                {writes.then(|| view! { <a class="button" href=format!("/family/desk/{}", record.child_id)>{t.family.desk_link}</a> })}
            </p>
        })}
        <Pairings record=record.clone() print/>
        {writes.then(|| view! {
            <ContactForm record=record.clone() kind corrected=corrected.clone() open_steps=open_steps.clone()/>
        })}
        {(has_plans).then(|| view! {
            <h2>{t.care.planned_visits}</h2>
            <ul data-testid="planned-visits">{plans}</ul>
        })}
        {writes.then(|| view! { <PlanVisit child=record.child_id today=record.today/> })}
        <h2>{t.care.concerns_heading}</h2>
        {no_concerns.then(|| view! { <p>{t.care.no_concerns}</p> })}
        <ul class="concerns" data-testid="concerns">{concerns}</ul>
        {writes.then(|| view! { <ConcernForm child=record.child_id today=record.today/> })}
        <h2>{t.care.log_title}</h2>
        // Brought up to date when the outbox sends an entry kept on this page.
        <div data-refresh="care-log">
            {no_entries.then(|| view! { <p>{t.care.no_entries}</p> })}
            <ol class="care-log" data-testid="care-log">{entries}</ol>
        </div>
        <DiaryList child=record.child_id entries=record.diary.clone() new_uid=record.new_uid.clone() writes=may_diary/>
    }
}

/// The versions `entry` replaced, newest first.
fn earlier_versions(history: &[CareEntry], entry: &CareEntry) -> Vec<CareEntry> {
    let mut chain = Vec::new();
    let mut next = entry.replaces;
    while let Some(id) = next {
        match history.iter().find(|e| e.id == id) {
            Some(old) => {
                next = old.replaces;
                chain.push(old.clone());
            }
            None => break,
        }
    }
    chain
}

#[component]
fn Pairings(record: CareRecord, print: bool) -> impl IntoView {
    let t = use_strings();
    let current = record
        .pairings
        .iter()
        .find(|p| p.ended_on.is_none())
        .cloned();
    let past = record
        .pairings
        .iter()
        .filter(|p| p.ended_on.is_some())
        .map(|p| {
            view! {
                <li>
                    {p.counselor.clone()}{t.common.colon}{date(p.started_on)}" – "{p.ended_on.map(date).unwrap_or_default()}
                    {(!p.note.is_empty()).then(|| format!(" · {}", p.note))}
                </li>
            }
        })
        .collect_view();
    let manages = !record.counselors.is_empty() && !print;
    let has_past = record.pairings.iter().any(|p| p.ended_on.is_some());
    view! {
        <h2>{t.care.pairing_title}</h2>
        <p data-testid="pairing">{match &current {
            Some(p) => (t.care.paired_since)(&p.counselor, &date(p.started_on)),
            None => t.care.not_paired.to_owned(),
        }}</p>
        {has_past.then(|| view! {
            <details open=print><summary>{t.care.pairing_history}</summary><ul>{past}</ul></details>
        })}
        {manages.then(|| view! { <PairForm child=record.child_id paired=current.is_some() counselors=record.counselors.clone()/> })}
    }
}

#[component]
fn PairForm(child: i64, paired: bool, counselors: Vec<(i64, String)>) -> impl IntoView {
    let t = use_strings();
    let options = counselors
        .into_iter()
        .map(|(id, name)| view! { <option value=id.to_string()>{name}</option> })
        .collect_view();
    view! {
        <form method="post" action="/api/care/pair" class="inline-form no-print">
            <input type="hidden" name="child" value=child.to_string()/>
            <label>{t.care.pair_with}<select name="counselor" required>{options}</select></label>
            <label>{t.care.pair_from}<input type="date" name="from"/></label>
            <label>{t.care.pair_note}<input name="note" maxlength="200"/></label>
            <button type="submit" class="button">{t.care.pair_button}</button>
        </form>
        {paired.then(|| view! {
            <form method="post" action="/api/care/unpair" class="inline-form no-print">
                <input type="hidden" name="child" value=child.to_string()/>
                <button type="submit" class="button">{t.care.end_pairing}</button>
            </form>
        })}
    }
}

fn options<T: PartialEq + Copy + 'static, const N: usize>(
    all: &'static [T],
    labels: &'static [&'static str; N],
    key: fn(T) -> &'static str,
    chosen: Option<T>,
) -> impl IntoView {
    all.iter()
        .map(move |v| view! { <option value=key(*v) selected=chosen == Some(*v)>{label(all, labels, *v)}</option> })
        .collect_view()
}

#[component]
fn ContactForm(
    record: CareRecord,
    kind: Option<CareKind>,
    corrected: Option<CareEntry>,
    open_steps: Vec<CareEntry>,
) -> impl IntoView {
    let t = use_strings();
    let base = corrected.clone();
    let get = move |f: fn(&CareEntry) -> String| base.as_ref().map(f).unwrap_or_default();
    let kind = corrected
        .as_ref()
        .map(|e| e.kind)
        .or(kind)
        .unwrap_or(CareKind::Talk);
    // A home visit is mostly a talk with the grandparents who bring the child up.
    let with_whom = match (&corrected, kind) {
        (Some(e), _) => e.with_whom,
        (None, CareKind::HomeVisit) => WithWhom::Grandparent,
        (None, _) => WithWhom::Child,
    };
    let priorities = corrected.as_ref().map(|e| e.priorities).unwrap_or_default();
    let mood = corrected.as_ref().and_then(|e| e.mood);
    let today = date(record.today);
    let (day, time) = match &corrected {
        Some(e) => (
            date(e.happened_at.date()),
            if e.time_given {
                e.happened_at.format("%H:%M").to_string()
            } else {
                String::new()
            },
        ),
        None => (today.clone(), String::new()),
    };
    let page = care_href(record.child_id);
    let moods = (1..=5u8)
        .map(|m| {
            view! {
                <label class="mood">
                    <input type="radio" name="mood" value=m.to_string() checked=mood == Some(m)/>
                    {t.care.mood_labels[usize::from(m - 1)]}
                </label>
            }
        })
        .collect_view();
    let priority = |name: &'static str, label: &'static str, on: bool| {
        view! { <label class="check"><input type="checkbox" name=name value="on" checked=on/>{label}</label> }
    };
    let steps = open_steps
        .into_iter()
        .map(|e| view! {
            <label class="check">
                <input type="checkbox" name="done[]" value=e.id.to_string()/>
                {format!("{} · {} {}", e.next_step, t.care.due, e.next_due.map(date).unwrap_or_default())}
            </label>
        })
        .collect_view();
    let heading = match &corrected {
        Some(e) => (t.care.correcting)(&when(e)),
        None => t.care.new_contact.to_owned(),
    };
    let form = view! {
        <form method="post" action="/api/care/entry" class="stack care-form" id="new"
            data-today=today.clone()
            data-outbox=format!("{page}#{}", record.new_uid) data-outbox-each="" data-outbox-label=record.name.clone()>
            {crate::form_check::messages(&super::super::domain::FORM_ERRORS, t)}
            <h2>{heading}</h2>
            <p class="muted">{t.care.offline_hint}</p>
            <input type="hidden" name="child" value=record.child_id.to_string()/>
            <input type="hidden" name="uid" value=record.new_uid.clone()/>
            {corrected.as_ref().map(|e| view! { <input type="hidden" name="replaces" value=e.id.to_string()/> })}
            <div class="inline-form">
                <label>{t.care.kind}<select name="kind">{options(CareKind::ALL, &t.care.kind_labels, CareKind::key, Some(kind))}</select></label>
                <label>{t.care.date}<input type="date" name="date" required value=day max=today.clone()/></label>
                <label>{t.care.time}<input type="time" name="time" value=time/></label>
                <label>{t.care.minutes}<input name="minutes" inputmode="numeric" required size="4"
                    value=get(|e| e.minutes.to_string())/></label>
            </div>
            <div class="inline-form">
                <label>{t.care.with_whom}<select name="with_whom">{options(WithWhom::ALL, &t.care.with_whom_labels, WithWhom::key, Some(with_whom))}</select></label>
                <label>{t.care.on_behalf_of}<input name="on_behalf_of" maxlength="200" title=t.care.on_behalf_of_hint
                    value=get(|e| e.on_behalf_of.clone())/></label>
            </div>
            <fieldset class="inline-form"><legend>{t.care.priorities}</legend>
                {priority("study", t.care.priority_labels[0], priorities.study)}
                {priority("life", t.care.priority_labels[1], priorities.life)}
                {priority("activities", t.care.priority_labels[2], priorities.activities)}
            </fieldset>
            <fieldset class="inline-form moods"><legend>{t.care.mood}</legend>{moods}</fieldset>
            <label>{t.care.noticed}<textarea name="noticed" rows="3" maxlength="2000">{get(|e| e.noticed.clone())}</textarea></label>
            <label>{t.care.agreed}<input name="agreed" maxlength="200" value=get(|e| e.agreed.clone())/></label>
            <div class="inline-form">
                <label>{t.care.next_step}<input name="next_step" maxlength="200" value=get(|e| e.next_step.clone())/></label>
                <label>{t.care.next_due}<input type="date" name="next_due" value=get(|e| e.next_due.map(date).unwrap_or_default())/></label>
            </div>
            {(!steps_is_empty(&record)).then(|| view! { <fieldset class="stack"><legend>{t.care.steps_done}</legend>{steps}</fieldset> })}
            <button type="submit" class="button primary big">{t.care.save_contact}</button>
        </form>
    }
    .into_any();
    view! { <crate::form_check::FormCheck>{form}</crate::form_check::FormCheck> }
}

fn steps_is_empty(record: &CareRecord) -> bool {
    !record
        .entries
        .iter()
        .any(|e| !e.superseded && e.next_due.is_some() && e.step_done.is_none())
}

#[component]
fn EntryView(
    entry: CareEntry,
    earlier: Vec<CareEntry>,
    href: String,
    writes: bool,
) -> impl IntoView {
    let t = use_strings();
    let id = entry.id;
    let earlier = (!earlier.is_empty()).then(|| {
        let versions = earlier
            .into_iter()
            .map(|old| view! { <div class="superseded">{entry_body(&old)}</div> })
            .collect_view();
        view! { <details class="history"><summary>{t.care.corrected_version}</summary>{versions}</details> }
    });
    view! {
        <li class="care-entry" data-entry=id.to_string() data-kind=entry.kind.key()>
            {entry_body(&entry)}
            {earlier}
            {writes.then(|| view! {
                <a class="button no-print" href=format!("{href}?correct={id}#new")>{t.care.correct}</a>
            })}
        </li>
    }
}

/// When a contact happened: its day, and its time only when one was given.
fn when(entry: &CareEntry) -> String {
    let format = if entry.time_given {
        "%Y-%m-%d %H:%M"
    } else {
        "%Y-%m-%d"
    };
    entry.happened_at.format(format).to_string()
}

fn entry_body(entry: &CareEntry) -> impl IntoView {
    let t = use_strings();
    let p = entry.priorities;
    let chips = [(p.study, 0), (p.life, 1), (p.activities, 2)]
        .into_iter()
        .filter(|(on, _)| *on)
        .map(|(_, i)| view! { <span class="tag">{t.care.priority_labels[i]}</span> })
        .collect_view();
    let line = |what: &'static str, text: &str| {
        (!text.is_empty())
            .then(|| view! { <p><strong>{what}{t.common.colon}</strong>{text.to_owned()}</p> })
    };
    view! {
        <p class="entry-head">
            <strong>{when(entry)}</strong>" · "
            {label(CareKind::ALL, &t.care.kind_labels, entry.kind)}" · "
            {(t.care.minutes_short)(entry.minutes)}" · "
            {label(WithWhom::ALL, &t.care.with_whom_labels, entry.with_whom)}
            {(!entry.on_behalf_of.is_empty()).then(|| format!(" · {}{}{}", t.care.on_behalf_of, t.common.colon, entry.on_behalf_of))}
            " "{chips}
        </p>
        {entry.mood.map(|m| view! { <p>{t.care.mood}{t.common.colon}{t.care.mood_labels[usize::from(m.clamp(1, 5) - 1)]}</p> })}
        {line(t.care.noticed, &entry.noticed)}
        {line(t.care.agreed, &entry.agreed)}
        {(!entry.next_step.is_empty()).then(|| view! {
            <p>
                <strong>{t.care.next_step}{t.common.colon}</strong>{entry.next_step.clone()}
                {entry.next_due.map(|d| format!(" · {} {}", t.care.due, date(d)))}
                {entry.step_done.map(|d| view! { " · "<span class="tag tag-done">{t.care.step_done_on}" "{date(d)}</span> })}
            </p>
        })}
        <p class="muted">{(t.care.recorded_by)(&entry.author, &entry.recorded_at)}</p>
    }
}

#[component]
fn ConcernView(concern: Concern, writes: bool) -> impl IntoView {
    let t = use_strings();
    let open = concern.closed.is_none();
    view! {
        <li class="concern" class:open=open data-concern=concern.id.to_string()>
            <p>
                <strong>{label(ConcernReason::ALL, &t.care.reason_labels, concern.reason)}</strong>" · "
                {label(Urgency::ALL, &t.care.urgency_labels, concern.urgency)}" · "
                {t.care.address_by}" "{date(concern.address_by)}
            </p>
            <p>{concern.note.clone()}</p>
            <p class="muted">{(t.care.raised_by)(&concern.raised_by, &date(concern.raised_on))}</p>
            {concern.closed.clone().map(|(when, note)| view! { <p class="flash flash-ok">{(t.care.closed)(&when, &note)}</p> })}
            {(open && writes).then(|| view! {
                <form method="post" action="/api/care/concern/close" class="inline-form no-print">
                    <input type="hidden" name="concern" value=concern.id.to_string()/>
                    <input type="hidden" name="version" value=concern.version.to_string()/>
                    <label>{t.care.close_note}<input name="note" required maxlength="200"/></label>
                    <button type="submit" class="button">{t.care.close_concern}</button>
                </form>
            })}
        </li>
    }
}

#[component]
fn ConcernForm(child: i64, today: chrono::NaiveDate) -> impl IntoView {
    let t = use_strings();
    view! {
        <details class="no-print">
            <summary class="button">{t.care.raise_concern}</summary>
            <form method="post" action="/api/care/concern" class="stack">
                <input type="hidden" name="child" value=child.to_string()/>
                <div class="inline-form">
                    <label>{t.care.reason}<select name="reason">{options(ConcernReason::ALL, &t.care.reason_labels, ConcernReason::key, None)}</select></label>
                    <label>{t.care.urgency}<select name="urgency">{options(Urgency::ALL, &t.care.urgency_labels, Urgency::key, Some(Urgency::Medium))}</select></label>
                    <label>{t.care.address_by}<input type="date" name="address_by" required min=date(today)/></label>
                </div>
                <label>{t.care.note}<textarea name="note" rows="2" required maxlength="2000"></textarea></label>
                <button type="submit" class="button">{t.care.raise_button}</button>
            </form>
        </details>
    }
}

#[component]
fn PlanVisit(child: i64, today: chrono::NaiveDate) -> impl IntoView {
    let t = use_strings();
    view! {
        <details class="no-print">
            <summary class="button">{t.care.plan_visit}</summary>
            <form method="post" action="/api/care/plan-visit" class="inline-form">
                <input type="hidden" name="child" value=child.to_string()/>
                <label>{t.care.date}<input type="date" name="date" required min=date(today)/></label>
                <label>{t.care.time}<input type="time" name="time" required value="16:30"/></label>
                <button type="submit" class="button">{t.care.plan_button}</button>
            </form>
        </details>
    }
}
