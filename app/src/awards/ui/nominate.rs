//! Nominating a child for 自强好少年: the term's criteria, the evidence gathered (habit
//! scores and trends, the child's own diary lines, care notes), the ones to keep, a
//! statement.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use super::{date, scores, state_label};
use crate::auth::permissions::Capability;
use crate::awards::api::get_nomination_form;
use crate::awards::types::{Excerpt, NominationForm};
use crate::habits::strings::term_label;
use crate::i18n::Strings;
use crate::page::{page_gate, use_strings, Flash};

#[component]
pub fn NominatePage() -> impl IntoView {
    let t = use_strings();
    if let Err(denied) = page_gate(Capability::Nominate) {
        return denied;
    }
    let child = use_params_map()
        .read_untracked()
        .get("child")
        .and_then(|id| id.parse::<i64>().ok())
        .unwrap_or_default();
    let form = Resource::new(move || child, get_nomination_form);
    view! {
        <Title text=format!("{} · {}", t.awards.nominate_title, t.common.app_name)/>
        <section class="card awards nominate" data-native-forms="">
            <Flash/>
            <Suspense fallback=move || view! { <crate::page::Loading/> }>
                {move || Suspend::new(async move {
                    match form.await {
                        Ok(form) => view! { <Nominate form/> }.into_any(),
                        Err(e) => crate::page::error_notice(t, &e),
                    }
                })}
            </Suspense>
        </section>
    }
    .into_any()
}

fn choices(t: &'static Strings, name: &'static str, list: &[Excerpt]) -> impl IntoView {
    if list.is_empty() {
        return view! { <p class="muted">{t.awards.nothing_to_choose}</p> }.into_any();
    }
    list.iter()
        .map(|e| {
            view! {
                <label class="check evidence-choice">
                    <input type="checkbox" name=name value=e.id.to_string()/>
                    <span><span class="muted">{date(e.day)}</span>" "{e.text.clone()}</span>
                </label>
            }
        })
        .collect_view()
        .into_any()
}

#[component]
fn Nominate(form: NominationForm) -> impl IntoView {
    let t = use_strings();
    let term = term_label(t, &form.term);
    let criteria = if form.criteria.is_empty() {
        t.awards.no_criteria.to_owned()
    } else {
        form.criteria.clone()
    };
    view! {
        <h1>{(t.awards.nominate_heading)(&form.name)}</h1>
        <p class="hint">{(t.common.class_label)(form.class.grade, form.class.number)}" · "{term}</p>
        <h2>{t.awards.criteria}</h2>
        <p class="criteria">{criteria}</p>
        {match form.standing {
            Some(state) => view! {
                <p class="flash flash-ok">{(t.awards.already)(state_label(t, state))}</p>
                <p><a class="button" href="/awards">{t.awards.title}</a></p>
            }.into_any(),
            None => view! {
                <form method="post" action="/api/awards/nominate" class="stack nominate-form">
                    <input type="hidden" name="child" value=form.child_id.to_string()/>
                    <h2>{t.awards.habit_scores}</h2>
                    <p class="muted">{t.awards.scores_kept}</p>
                    {scores(t, &form.summaries)}
                    <fieldset class="stack"><legend>{t.awards.choose_diary}</legend>{choices(t, "diary[]", &form.diary)}</fieldset>
                    <fieldset class="stack"><legend>{t.awards.choose_care}</legend>{choices(t, "care[]", &form.care)}</fieldset>
                    <label>{t.awards.statement}
                        <textarea name="statement" rows="4" required minlength="2" maxlength="1000"
                            placeholder=t.awards.statement_hint></textarea>
                    </label>
                    <button type="submit" class="button primary big">{t.awards.nominate}</button>
                </form>
            }.into_any(),
        }}
    }
}
