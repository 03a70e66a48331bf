//! The year's scheme: a weight per criterion (summing to 100), what "on rhythm" means, and
//! what a contact not confirmed costs. The leading group edits it; others read it.

use leptos::prelude::*;
use leptos_meta::Title;

use super::criterion_label;
use crate::assessment::api::get_scheme;
use crate::assessment::types::Scheme;
use crate::auth::permissions::{access, Access, Capability};
use crate::page::{page_gate, use_strings, Flash};

#[component]
pub fn SchemePage() -> impl IntoView {
    let t = use_strings();
    if let Err(denied) = page_gate(Capability::ReadAssessment) {
        return denied;
    }
    let scheme = Resource::new(|| (), |_| get_scheme(None));
    let leads = crate::page::use_viewer()
        .is_some_and(|v| access(v.role, Capability::WriteAssessment) == Access::All);
    view! {
        <Title text=format!("{} · {}", t.assessment.scheme_title, t.common.app_name)/>
        <section class="card assessment-scheme" data-native-forms="">
            <Flash/>
            <Suspense fallback=move || view! { <crate::page::Loading/> }>
                {move || Suspend::new(async move {
                    match scheme.await {
                        Ok(scheme) => view! { <SchemeForm scheme leads/> }.into_any(),
                        Err(e) => crate::page::error_notice(t, &e),
                    }
                })}
            </Suspense>
        </section>
    }
    .into_any()
}

#[component]
fn SchemeForm(scheme: Scheme, leads: bool) -> impl IntoView {
    let t = use_strings();
    let a = t.assessment;
    let weights = scheme
        .weights
        .iter()
        .map(|(c, w)| {
            view! {
                <label>{criterion_label(t, *c)}
                    <input name=format!("w_{}", c.key()) inputmode="numeric" size="3" required value=w.to_string() disabled=!leads/>
                </label>
            }
        })
        .collect_view();
    let year = format!("{}–{}", scheme.year, scheme.year + 1);
    view! {
        <h1>{a.scheme_title}" · "{year}</h1>
        <p class="muted">{a.scheme_hint}</p>
        <form method="post" action="/api/assessment/scheme/save" class="stack scheme-form">
            <input type="hidden" name="year" value=scheme.year.to_string()/>
            <input type="hidden" name="version" value=scheme.version.to_string()/>
            <fieldset class="weights"><legend>{a.weights}</legend>{weights}</fieldset>
            <fieldset><legend>{a.rhythm}</legend>
                <label>{a.talk_days}<input name="talk_days" inputmode="numeric" size="3" required value=scheme.talk_days.to_string() disabled=!leads/></label>
                <label>{a.visit_days}<input name="visit_days" inputmode="numeric" size="3" required value=scheme.visit_days.to_string() disabled=!leads/></label>
            </fieldset>
            <label>{a.penalty}<input name="penalty" inputmode="numeric" size="3" required value=scheme.penalty.to_string() disabled=!leads/></label>
            {leads.then(|| view! { <button type="submit" class="button primary">{a.save_scheme}</button> })}
        </form>
        <p><a href="/assessment">{a.back}</a></p>
    }
}
