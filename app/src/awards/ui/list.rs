//! This term's 自强好少年: the criteria (the leading group sets them), the nominations with
//! their evidence (the leading group decides, never on its own), the ceremony.

use leptos::prelude::*;
use leptos_meta::Title;

use super::{evidence, state_label};
use crate::auth::permissions::Capability;
use crate::awards::api::get_awards;
use crate::awards::types::{AwardsPage as Page, Nomination, NominationState};
use crate::habits::strings::term_label;
use crate::page::{page_gate, use_strings, Flash};

#[component]
pub fn AwardsPage() -> impl IntoView {
    let t = use_strings();
    if let Err(denied) = page_gate(Capability::Nominate) {
        return denied;
    }
    let page = Resource::new(|| (), |_| get_awards());
    view! {
        <Title text=format!("{} · {}", t.awards.title, t.common.app_name)/>
        <section class="card awards" data-native-forms="">
            <Flash/>
            <Suspense fallback=move || view! { <crate::page::Loading/> }>
                {move || Suspend::new(async move {
                    match page.await {
                        Ok(page) => view! { <Awards page/> }.into_any(),
                        Err(e) => crate::page::error_notice(t, &e),
                    }
                })}
            </Suspense>
        </section>
    }
    .into_any()
}

#[component]
fn Awards(page: Page) -> impl IntoView {
    let t = use_strings();
    let term = term_label(t, &page.term);
    let criteria = if page.criteria.is_empty() {
        t.awards.no_criteria.to_owned()
    } else {
        page.criteria.clone()
    };
    let items = page
        .nominations
        .iter()
        .map(|n| view! { <NominationCard nomination=n.clone() leads=page.leads/> })
        .collect_view();
    let today = super::date(page.today);
    view! {
        <h1>{t.awards.title}" · "{term}</h1>
        <h2>{t.awards.criteria}</h2>
        <p class="criteria" data-testid="criteria">{criteria}</p>
        {page.leads.then(|| view! {
            <form method="post" action="/api/awards/criteria" class="stack criteria-form no-print">
                <input type="hidden" name="version" value=page.criteria_version.to_string()/>
                <label>{t.awards.set_criteria}
                    <textarea name="criteria" rows="3" required maxlength="2000">{page.criteria.clone()}</textarea>
                </label>
                <button type="submit" class="button">{t.awards.save_criteria}</button>
            </form>
        })}
        <h2>{(t.awards.nominations)(page.nominations.len())}</h2>
        <p class="muted">{t.awards.how_to_nominate}</p>
        {page.nominations.is_empty().then(|| view! { <p>{t.awards.no_nominations}</p> })}
        <ol class="nominations" data-testid="nominations">{items}</ol>
        {page.leads.then(|| view! {
            <h2>{t.awards.ceremony}</h2>
            <form method="post" action="/api/awards/ceremony" class="inline-form no-print">
                <label>{t.awards.ceremony_date}<input type="date" name="date" required min=today.clone() value=today/></label>
                <label>{t.awards.ceremony_time}<input type="time" name="time" required value="15:00"/></label>
                <button type="submit" class="button">{t.awards.put_on_calendar}</button>
            </form>
        })}
    }
}

/// A nomination with its evidence; pending, the buttons that decide it, or where they would
/// be, why the viewer has none.
#[component]
fn NominationCard(nomination: Nomination, leads: bool) -> impl IntoView {
    let t = use_strings();
    let n = nomination;
    let pending = n.state == NominationState::Pending;
    let why_not = (pending && !n.can_decide).then_some(if leads && n.own {
        t.awards.own_nomination
    } else {
        t.awards.awaiting_decision
    });
    let decided = n.decided_by.clone().map(|who| {
        let mut line = (t.awards.decided_by)(&who);
        if !n.decision_note.is_empty() {
            line.push_str(" · ");
            line.push_str(&n.decision_note);
        }
        line
    });
    view! {
        <li class="nomination" data-state=n.state.key() data-child=n.child_id.to_string()>
            <h3>{n.child_name.clone()}" · "{(t.common.class_label)(n.class.grade, n.class.number)}
                " "<span class="tag" data-state=n.state.key()>{state_label(t, n.state)}</span></h3>
            <p class="muted">{(t.awards.nominated_by)(&n.nominator)}</p>
            <p class="statement">{n.statement.clone()}</p>
            <details>
                <summary>{t.awards.evidence}</summary>
                {evidence(t, &n.evidence)}
            </details>
            {decided.map(|d| view! { <p class="muted">{d}</p> })}
            {(n.state == NominationState::Approved).then(|| view! {
                <p><a class="button" href=format!("/awards/certificate/{}", n.id)>{t.awards.certificate}</a></p>
            })}
            {why_not.map(|why| view! { <p class="muted no-print" data-testid="why-no-decision">{why}</p> })}
            {(n.can_decide && pending).then(|| view! {
                <form method="post" action="/api/awards/decide" class="inline-form decide no-print">
                    <input type="hidden" name="nomination" value=n.id.to_string()/>
                    <input type="hidden" name="version" value=n.version.to_string()/>
                    <label>{t.awards.decision_note}<input name="note" maxlength="100"/></label>
                    <button type="submit" name="approve" value="1" class="button primary">{t.awards.approve}</button>
                    <button type="submit" class="button">{t.awards.decline}</button>
                </form>
            })}
        </li>
    }
}
