//! The event editor, a plain form: it works without JavaScript, and after a save the
//! calendar shows the month of the event.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

use super::events_api::{event_audiences, get_event};
use super::types::Category;
use crate::auth::permissions::Capability;
use crate::calendar::types::EventForEdit;
use crate::calendar::types::EventInput;
use crate::error::AppError;
use crate::page::use_strings;
use crate::page::{page_gate, Flash};

#[component]
pub fn NewEventPage() -> impl IntoView {
    let t = use_strings();
    if let Err(denied) = page_gate(Capability::EditEvents) {
        return denied;
    }
    let query = use_query_map();
    let date = query.read_untracked().get("date").unwrap_or_default();
    // A drag across empty time in the week or day grid brings its start and end.
    let time = |key: &str, default: &str| {
        query
            .read_untracked()
            .get(key)
            .filter(|t| t.len() == 5 && t.as_bytes()[2] == b':')
            .unwrap_or_else(|| default.to_owned())
    };
    let input = EventInput {
        category: "activity".into(),
        start_date: date.clone(),
        end_date: Some(date),
        start_time: Some(time("start", "16:10")),
        end_time: Some(time("end", "17:10")),
        audience: "school".into(),
        student_visible: Some("on".into()),
        repeat: Some("none".into()),
        ..EventInput::default()
    };
    let choices = Resource::new(|| (), |_| event_audiences());
    view! {
        <Title text=format!("{} · {}", t.calendar.new_event, t.common.app_name)/>
        <section class="card">
            <h1>{t.calendar.new_event}</h1>
            <Flash/>
            <Suspense fallback=move || view! { <crate::page::Loading/> }>
                {move || {
                    let input = input.clone();
                    Suspend::new(async move {
                        match choices.await {
                            Ok(choices) if choices.is_empty() => view! { <p class="notice">{t.calendar.nothing_to_plan}</p> }.into_any(),
                            Ok(choices) => view! { <EventForm action="/api/calendar/create" input event=None choices/> }.into_any(),
                            Err(e) => view! { <p class="flash flash-error" role="alert">{e.message(t)}</p> }.into_any(),
                        }
                    })
                }}
            </Suspense>
        </section>
    }
    .into_any()
}

#[component]
pub fn EditEventPage() -> impl IntoView {
    let t = use_strings();
    if let Err(denied) = page_gate(Capability::EditEvents) {
        return denied;
    }
    let params = use_params_map();
    let id = params
        .read_untracked()
        .get("id")
        .and_then(|id| id.parse::<i64>().ok())
        .unwrap_or(0);
    let query = use_query_map();
    let conflict = query
        .read_untracked()
        .get("error")
        .is_some_and(|e| e.contains("Conflict"));
    let occurrence = query.read_untracked().get("occurrence");
    let event = Resource::new(
        move || (id, occurrence.clone()),
        |(id, occurrence)| async move {
            Ok::<_, AppError>((get_event(id, occurrence).await?, event_audiences().await?))
        },
    );
    view! {
        <Title text=format!("{} · {}", t.calendar.edit_event, t.common.app_name)/>
        <section class="card">
            <h1>{t.calendar.edit_event}</h1>
            <Flash/>
            {conflict.then(|| view! { <p class="flash flash-ok">{t.calendar.conflict_newer}</p> })}
            <Suspense fallback=move || view! { <crate::page::Loading/> }>
                {move || {
                    Suspend::new(async move {
                    match event.await {
                        Ok((event, choices)) => view! {
                            {event.occurrence.clone().map(|at| view! {
                                <form method="post" action="/api/calendar/skip" class="row-form occurrence-only">
                                    <input type="hidden" name="id" value=event.id.to_string()/>
                                    <input type="hidden" name="version" value=event.version.to_string()/>
                                    <input type="hidden" name="occurrence" value=at.clone()/>
                                    <span>{(t.calendar.this_occurrence)(&at.replace('T', " ")[..16.min(at.len())])}</span>
                                    <button type="submit" class="button">{t.calendar.skip_occurrence}</button>
                                </form>
                            })}
                            {event.series_id.map(|series| view! {
                                <p class="hint override-note">{t.calendar.override_note}" "
                                    <a href=format!("/calendar/event/{series}")>{t.calendar.open_series}</a>
                                </p>
                            })}
                            <p class="hint">{(event.occurrence.is_none() && event.input.repeat.as_deref().is_some_and(|r| r != "none")).then_some(t.calendar.edit_whole_series)}</p>
                            <EventForm action="/api/calendar/update" input=event.input.clone() event=Some(event.clone()) choices/>
                            <form method="post" action="/api/calendar/archive" class="row-form danger-zone">
                                <input type="hidden" name="id" value=event.id.to_string()/>
                                <input type="hidden" name="version" value=event.version.to_string()/>
                                <button type="submit" class="button">{t.calendar.event_archive}</button>
                            </form>
                        }
                        .into_any(),
                        Err(e) => crate::page::error_notice(t, &e),
                    }
                    })
                }}
            </Suspense>
        </section>
    }
    .into_any()
}

#[component]
fn EventForm(
    action: &'static str,
    input: EventInput,
    event: Option<EventForEdit>,
    choices: super::types::AudienceChoices,
) -> impl IntoView {
    let t = use_strings();
    let super::types::AudienceChoices {
        school,
        classes,
        groups,
    } = choices;
    let repeat = input.repeat.clone().unwrap_or_else(|| "none".into());
    let custom = !["none", "weekly", "monthly", "yearly"].contains(&repeat.as_str());
    // Only what the viewer may plan for; an audience not among them (a new event's default,
    // the whole school, for a teacher) gives way to the first that is.
    let school_wide = school.then(|| {
        [
            ("school".to_owned(), t.calendar.audience_school.to_owned()),
            ("staff".to_owned(), t.calendar.audience_staff.to_owned()),
        ]
    });
    let audiences: Vec<(String, String)> = school_wide
        .into_iter()
        .flatten()
        .chain(classes.into_iter().map(|(id, label)| {
            let (grade, number) = label.split_once('-').unwrap_or(("0", "0"));
            (
                format!("class:{id}"),
                (t.common.class_label)(grade.parse().unwrap_or(0), number.parse().unwrap_or(0)),
            )
        }))
        .chain(
            groups
                .into_iter()
                .map(|(id, name)| (format!("group:{id}"), name)),
        )
        .collect();
    let audience = audiences
        .iter()
        .find(|(value, _)| *value == input.audience)
        .or(audiences.first())
        .map(|(value, _)| value.clone())
        .unwrap_or_default();
    let audience_options = audiences
        .into_iter()
        .map(|(value, label)| {
            let selected = value == audience;
            view! { <option value=value selected=selected>{label}</option> }
        })
        .collect_view();
    let repeat_options = [
        ("none", t.calendar.repeat_none),
        ("weekly", t.calendar.repeat_weekly),
        ("monthly", t.calendar.repeat_monthly),
        ("yearly", t.calendar.repeat_yearly),
    ]
    .into_iter()
    .map(|(value, label)| view! { <option value=value selected=repeat == value>{label}</option> })
    .collect_view();
    let messages = crate::form_check::messages(&super::domain::event_form::FORM_ERRORS, t);
    view! {
        <crate::form_check::FormCheck>
        <form method="post" action=action class="stack event-form">
            {messages}
            {event.map(|e| view! {
                <input type="hidden" name="id" value=e.id.to_string()/>
                <input type="hidden" name="version" value=e.version.to_string()/>
                {e.occurrence.map(|at| view! {
                    <input type="hidden" name="occurrence" value=at/>
                    <fieldset class="scope-choice">
                        <legend>{t.calendar.scope_label}</legend>
                        <label class="check"><input type="radio" name="scope" value="this" checked=true/>{t.calendar.scope_this}</label>
                        <label class="check"><input type="radio" name="scope" value="following"/>{t.calendar.scope_following}</label>
                        <label class="check"><input type="radio" name="scope" value="all"/>{t.calendar.scope_all}</label>
                    </fieldset>
                })}
            })}
            <label>{t.calendar.event_title}<input name="title" required maxlength="60" value=input.title/></label>
            <div class="inline-form">
                <label>{t.calendar.event_category}
                    <select name="category">
                        {Category::ALL.into_iter().filter(|c| *c != Category::Holiday).map(|c| view! {
                            <option value=c.key() selected=input.category == c.key()>{c.label(t)}</option>
                        }).collect_view()}
                    </select>
                </label>
                <label class="check"><input type="checkbox" name="all_day" checked=input.all_day.is_some()/>{t.calendar.event_all_day}</label>
            </div>
            <div class="inline-form">
                <label>{t.calendar.event_start_date}<input name="start_date" type="date" required value=input.start_date/></label>
                <label>{t.common.event_start_time}<input name="start_time" type="time" value=input.start_time.unwrap_or_default()/></label>
                <label>{t.calendar.event_end_date}<input name="end_date" type="date" value=input.end_date.unwrap_or_default()/></label>
                <label>{t.calendar.event_end_time}<input name="end_time" type="time" value=input.end_time.unwrap_or_default()/></label>
            </div>
            <label>{t.calendar.event_location}<input name="location" maxlength="60" value=input.location.unwrap_or_default()/></label>
            <div class="inline-form">
                <label>{t.calendar.event_audience}<select name="audience">{audience_options}</select></label>
                <label class="check"><input type="checkbox" name="student_visible" checked=input.student_visible.is_some()/>{t.calendar.event_student_visible}</label>
            </div>
            <div class="inline-form">
                <label>{t.calendar.event_repeat}
                    <select name="repeat">
                        {repeat_options}
                        {custom.then(|| {
                            let label = super::domain::rule_summary::summarize(&repeat, crate::page::use_locale());
                            view! { <option value=repeat.clone() selected=true>{label}</option> }
                        })}
                    </select>
                </label>
                <label>{t.calendar.event_until}<input name="until" type="date" value=input.until.unwrap_or_default()/></label>
            </div>
            <label>{t.calendar.event_description}<textarea name="description" rows="3">{input.description.unwrap_or_default()}</textarea></label>
            <button type="submit" class="button primary">{t.common.save}</button>
        </form>
        </crate::form_check::FormCheck>
    }
}
