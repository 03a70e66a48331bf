//! A child's own five ones on the shared classroom tablet: today's chore and diary as two
//! big buttons, a book and a call to log, and its progress in words that encourage.

use leptos::prelude::*;
use leptos_meta::Title;

use super::{book_form, call_form, progress};
use crate::auth::permissions::Capability;
use crate::habits::api::get_my_habits;
use crate::habits::types::{ChildHabits, Habit};
use crate::i18n::Strings;
use crate::page::{page_gate, use_strings, Flash};

#[component]
pub fn MyHabitsPage() -> impl IntoView {
    let t = use_strings();
    if let Err(denied) = page_gate(Capability::OwnHabits) {
        return denied;
    }
    let habits = Resource::new(|| (), |_| get_my_habits());
    view! {
        <Title text=format!("{} · {}", t.habits.my_title, t.common.app_name)/>
        <section class="card habits my-habits" data-native-forms="">
            <Flash/>
            <h1>{t.habits.my_title}</h1>
            <Suspense fallback=move || view! { <crate::page::Loading/> }>
                {move || Suspend::new(async move {
                    match habits.await {
                        Ok(habits) => view! { <Mine habits/> }.into_any(),
                        Err(e) => crate::page::error_notice(t, &e),
                    }
                })}
            </Suspense>
        </section>
    }
    .into_any()
}

#[component]
fn Mine(habits: ChildHabits) -> impl IntoView {
    let t = use_strings();
    view! {
        <div class="today-ticks" data-testid="today">
            {tick(t, Habit::Chore, habits.chore_today.clone(), habits.own_today.contains(&Habit::Chore))}
            {tick(t, Habit::Diary, habits.diary_today.then(String::new), habits.own_today.contains(&Habit::Diary))}
        </div>
        {progress(t, &habits, true)}
        <div class="two-columns">
            <section>{book_form(t, "/api/habits/my-book", None, &habits.new_uid, habits.today)}</section>
            <section>{call_form(t, "/api/habits/my-call", None, &habits.new_uid, habits.today)}</section>
        </div>
    }
}

/// Today's chore or diary: a big button to say "I did it" (the chore with what it was), or
/// the done mark, with a small way to take it back when the child ticked it itself.
fn tick(t: &'static Strings, habit: Habit, done: Option<String>, own: bool) -> impl IntoView {
    let (ask, did) = match habit {
        Habit::Chore => (t.habits.did_chore, t.habits.chore_done),
        _ => (t.habits.did_diary, t.habits.diary_done),
    };
    match done {
        Some(what) => view! {
            <form method="post" action="/api/habits/my-tick" class="tick-today done" data-habit=habit.key()>
                <input type="hidden" name="habit" value=habit.key()/>
                <p class="big-done">"✓ "{did}{(!what.is_empty()).then(|| format!(" · {what}"))}</p>
                {own.then(|| view! { <button type="submit" name="undo" value="1" class="button small">{t.habits.undo}</button> })}
            </form>
        }
        .into_any(),
        None => view! {
            <form method="post" action="/api/habits/my-tick" class="tick-today" data-habit=habit.key()>
                <input type="hidden" name="habit" value=habit.key()/>
                {(habit == Habit::Chore).then(|| view! {
                    <label>{t.habits.what_chore}<input name="what" maxlength="100" placeholder=t.habits.what_chore_hint/></label>
                })}
                <button type="submit" class="button primary big">{ask}</button>
            </form>
        }
        .into_any(),
    }
}
