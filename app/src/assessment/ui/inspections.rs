//! Inspections (检查): the leading group draws recorded contacts of a period at random,
//! calls to verify them, and records what it found; a contact not confirmed counts
//! against its counselor's sheet.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use super::{kind_label, period_label, period_picker};
use crate::assessment::api::get_inspections;
use crate::assessment::types::{Inspection, InspectionList};
use crate::auth::permissions::Capability;
use crate::page::{page_gate, use_strings, Flash};

#[component]
pub fn InspectionsPage() -> impl IntoView {
    let t = use_strings();
    if let Err(denied) = page_gate(Capability::WriteAssessment) {
        return denied;
    }
    let period = use_query_map().read_untracked().get("period");
    let list = Resource::new(move || period.clone(), get_inspections);
    view! {
        <Title text=format!("{} · {}", t.assessment.inspections_title, t.common.app_name)/>
        <section class="card inspections-page" data-native-forms="">
            <Flash/>
            <Suspense fallback=move || view! { <crate::page::Loading/> }>
                {move || Suspend::new(async move {
                    match list.await {
                        Ok(list) => view! { <List list/> }.into_any(),
                        Err(e) => crate::page::error_notice(t, &e),
                    }
                })}
            </Suspense>
        </section>
    }
    .into_any()
}

#[component]
fn List(list: InspectionList) -> impl IntoView {
    let t = use_strings();
    let a = t.assessment;
    let key = list.period.key();
    let items = list
        .items
        .iter()
        .map(|i| view! { <Item i=i.clone()/> })
        .collect_view();
    view! {
        <h1>{a.inspections_title}" · "{period_label(t, &list.period)}</h1>
        {period_picker(t, "/assessment/inspections", &list.period, &list.periods)}
        <p class="muted">{a.inspection_hint}</p>
        <form method="post" action="/api/assessment/draw" class="inline-form draw-form no-print">
            <input type="hidden" name="period" value=key/>
            <label>{a.sample_size}<input name="count" inputmode="numeric" size="3" required value="5"/></label>
            <button type="submit" class="button primary" disabled=list.undrawn == 0>{a.draw}</button>
            <span class="muted">{(a.undrawn_n)(list.undrawn)}</span>
        </form>
        {list.items.is_empty().then(|| view! { <p>{a.no_inspections}</p> })}
        <ol class="inspections" data-testid="inspections">{items}</ol>
        <p><a href="/assessment">{a.back}</a></p>
    }
}

#[component]
fn Item(i: Inspection) -> impl IntoView {
    let t = use_strings();
    let a = t.assessment;
    let who = if i.child.is_empty() {
        a.a_child.to_owned()
    } else {
        i.child.clone()
    };
    let with_at = crate::care::types::WithWhom::ALL
        .iter()
        .position(|w| *w == i.with_whom)
        .unwrap_or(0);
    let state = crate::assessment::strings::outcome_label(t, i.outcome);
    view! {
        <li class="inspection" data-kind=i.kind.key() data-outcome=i.outcome.map_or("open", |o| o.key())>
            <h3>{i.day.format("%Y-%m-%d").to_string()}" · "{kind_label(t, i.kind)}" · "{who}</h3>
            <p>{(a.recorded_by)(&i.counselor)}" · "{t.care.with_whom_labels[with_at]}
                {i.phone.clone().map(|p| view! { " · "<a href=format!("tel:{p}")>{p.clone()}</a> })}
            </p>
            <p><strong>{state}</strong>{(!i.note.is_empty()).then(|| view! { " · "{i.note.clone()} })}</p>
            <form method="post" action="/api/assessment/inspect" class="inline-form inspect-form no-print">
                <input type="hidden" name="inspection" value=i.id.to_string()/>
                <input type="hidden" name="version" value=i.version.to_string()/>
                <label>{a.how_verified}<input name="note" maxlength="500" value=i.note.clone()/></label>
                <button type="submit" name="outcome" value="confirmed" class="button">{a.confirm}</button>
                <button type="submit" name="outcome" value="not_confirmed" class="button danger">{a.mark_not_confirmed}</button>
            </form>
        </li>
    }
}
