//! A child's five ones for its class teacher, its counselor and the leading group: streaks,
//! scores and the term heat map; books and calls (logged here too, a call on the school
//! phone, say); the days it is excused; the parents' usual call window.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use super::{book_form, call_form, date, excuse_label, progress, window_words};
use crate::auth::permissions::Capability;
use crate::habits::api::get_child_habits;
use crate::habits::forms_domain::{EXCUSE_ERRORS, WINDOW_ERRORS, ZONES};
use crate::habits::types::{ChildHabits, Excuse};
use crate::i18n::Strings;
use crate::page::{page_gate, use_strings, Flash};

#[component]
pub fn ChildHabitsPage() -> impl IntoView {
    let t = use_strings();
    if let Err(denied) = page_gate(Capability::ReadHabits) {
        return denied;
    }
    let child = use_params_map()
        .read_untracked()
        .get("id")
        .and_then(|id| id.parse::<i64>().ok())
        .unwrap_or_default();
    let habits = Resource::new(move || child, get_child_habits);
    view! {
        <Title text=format!("{} · {}", t.habits.child_title, t.common.app_name)/>
        <section class="card habits child-habits" data-native-forms="">
            <Flash/>
            <Suspense fallback=move || view! { <crate::page::Loading/> }>
                {move || Suspend::new(async move {
                    match habits.await {
                        Ok(habits) => view! { <Habits habits/> }.into_any(),
                        Err(e) => crate::page::error_notice(t, &e),
                    }
                })}
            </Suspense>
        </section>
    }
    .into_any()
}

#[component]
fn Habits(habits: ChildHabits) -> impl IntoView {
    let t = use_strings();
    let child = habits.child_id;
    let window = habits
        .window_text
        .as_ref()
        .map(|w| window_words(t, w))
        .unwrap_or_else(|| t.habits.no_window.to_owned());
    view! {
        <h1>{habits.name.clone()}" · "{t.habits.child_title}</h1>
        <p class="hint">{(t.common.class_label)(habits.class.grade, habits.class.number)}</p>
        {habits.can_nominate.then(|| view! {
            <p class="no-print"><a class="button" href=crate::school::urls::nominate_href(child)>{t.habits.nominate}</a></p>
        })}
        {progress(t, &habits, false)}
        <h2>{t.habits.window_title}</h2>
        <p data-testid="call-window">{window}</p>
        {habits.can_write.then(|| view! {
            {window_form(t, &habits)}
            <h2>{t.habits.excuses_title}</h2>
            {excuses(t, &habits)}
            {excuse_form(t, child, habits.today)}
            <div class="two-columns">
                <section>{book_form(t, "/api/habits/book", Some(child), &habits.new_uid, habits.today)}</section>
                <section>{call_form(t, "/api/habits/call", Some(child), &habits.new_uid, habits.today)}</section>
            </div>
        })}
    }
}

fn excuses(t: &'static Strings, habits: &ChildHabits) -> impl IntoView {
    if habits.excuses.is_empty() {
        return view! { <p class="muted">{t.habits.no_excuses}</p> }.into_any();
    }
    let items = habits
        .excuses
        .iter()
        .map(|e| {
            let span = if e.first == e.last {
                date(e.first)
            } else {
                format!("{} – {}", date(e.first), date(e.last))
            };
            view! {
                <li data-excuse=e.id.to_string()>
                    <strong>{excuse_label(t, e.excuse)}</strong>" · "{span}
                    {(!e.note.is_empty()).then(|| view! { " · "{e.note.clone()} })}
                    <form method="post" action="/api/habits/excuse/withdraw" class="inline-form">
                        <input type="hidden" name="excuse" value=e.id.to_string()/>
                        <button type="submit" class="button small">{t.habits.withdraw}</button>
                    </form>
                </li>
            }
        })
        .collect_view();
    view! { <ul class="habit-list excuses">{items}</ul> }.into_any()
}

fn excuse_form(t: &'static Strings, child: i64, today: chrono::NaiveDate) -> impl IntoView {
    let reasons = Excuse::ALL
        .iter()
        .map(|e| view! { <option value=e.key()>{excuse_label(t, *e)}</option> })
        .collect_view();
    let form = view! {
        <form method="post" action="/api/habits/excuse" class="inline-form excuse-form" data-today=date(today)>
            {crate::form_check::messages(&EXCUSE_ERRORS, t)}
            <input type="hidden" name="child" value=child.to_string()/>
            <label>{t.habits.excuse}<select name="excuse">{reasons}</select></label>
            <label>{t.habits.first_day}<input type="date" name="first" required value=date(today)/></label>
            <label>{t.habits.last_day}<input type="date" name="last"/></label>
            <label>{t.habits.note}<input name="note" maxlength="100"/></label>
            <button type="submit" class="button">{t.habits.add_excuse}</button>
        </form>
    }
    .into_any();
    view! { <crate::form_check::FormCheck>{form}</crate::form_check::FormCheck> }
}

fn window_form(t: &'static Strings, habits: &ChildHabits) -> impl IntoView {
    let w = habits.window.clone();
    let has = |d: u8| w.as_ref().is_some_and(|w| w.weekdays.contains(&d));
    let days = (1..=7u8)
        .map(|d| {
            view! {
                <label class="check"><input type="checkbox" name="weekday[]" value=d.to_string() checked=has(d)/>
                    {t.habits.weekdays[usize::from(d - 1)]}</label>
            }
        })
        .collect_view();
    let zone = w
        .as_ref()
        .map(|w| w.zone.clone())
        .unwrap_or_else(|| ZONES[0].to_owned());
    let zones = ZONES
        .iter()
        .zip(t.habits.zone_labels.iter())
        .map(|(z, word)| view! { <option value=*z selected=*z == zone>{*word}</option> })
        .collect_view();
    let get = |f: fn(&crate::habits::types::CallWindow) -> String, default: &str| {
        w.as_ref().map(f).unwrap_or_else(|| default.to_owned())
    };
    let form = view! {
        <form method="post" action="/api/habits/window" class="stack window-form">
            {crate::form_check::messages(&WINDOW_ERRORS, t)}
            <input type="hidden" name="child" value=habits.child_id.to_string()/>
            <input type="hidden" name="version" value=w.as_ref().map(|w| w.version).unwrap_or(0).to_string()/>
            <fieldset class="inline-form"><legend>{t.habits.window_days}</legend>{days}</fieldset>
            <div class="inline-form">
                <label>{t.habits.window_from}<input type="time" name="from" required value=get(|w| w.from.clone(), "20:00")/></label>
                <label>{t.habits.window_to}<input type="time" name="to" required value=get(|w| w.to.clone(), "21:00")/></label>
                <label>{t.habits.window_zone}<select name="zone">{zones}</select></label>
            </div>
            <label>{t.habits.window_note}<input name="note" maxlength="100" value=get(|w| w.note.clone(), "")
                placeholder=t.habits.window_note_hint/></label>
            <button type="submit" class="button">{t.habits.save_window}</button>
        </form>
    }
    .into_any();
    view! { <crate::form_check::FormCheck>{form}</crate::form_check::FormCheck> }
}
