//! A period's sheets (考核评价): every counselor's for the leading group, with closing the
//! period, the export and the inspections; a counselor's own otherwise.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use super::{period_label, period_picker};
use crate::assessment::api::get_assessment;
use crate::assessment::types::{AssessmentList, SheetSummary};
use crate::auth::permissions::Capability;
use crate::page::{page_gate, use_strings, Flash};
use crate::school::urls::encode_query_value;

#[component]
pub fn AssessmentPage() -> impl IntoView {
    let t = use_strings();
    if let Err(denied) = page_gate(Capability::ReadAssessment) {
        return denied;
    }
    let query = use_query_map().read_untracked().clone();
    let period = query.get("period");
    // Said once the period is closed (an error sent back to this page says its own).
    let closed = query.get("closed").is_some() && query.get("error").is_none();
    let list = Resource::new(move || period.clone(), get_assessment);
    view! {
        <Title text=format!("{} · {}", t.assessment.title, t.common.app_name)/>
        <section class="card assessment" data-native-forms="">
            <Flash/>
            <Suspense fallback=move || view! { <crate::page::Loading/> }>
                {move || Suspend::new(async move {
                    match list.await {
                        Ok(list) => view! { <List list closed/> }.into_any(),
                        Err(e) => crate::page::error_notice(t, &e),
                    }
                })}
            </Suspense>
        </section>
    }
    .into_any()
}

#[component]
fn List(list: AssessmentList, closed: bool) -> impl IntoView {
    let t = use_strings();
    let a = t.assessment;
    let key = list.period.key();
    let label = period_label(t, &list.period);
    let rows = list
        .sheets
        .iter()
        .map(|s| view! { <Row s=s.clone() period=key.clone()/> })
        .collect_view();
    view! {
        {closed.then(|| view! { <p class="flash flash-ok" role="status">{(a.period_closed)(&label)}</p> })}
        <h1>{a.title}" · "{label.clone()}</h1>
        {period_picker(t, "/assessment", &list.period, &list.periods)}
        {list.leads.then(|| view! {
            <p class="inline-form no-print">
                <a class="button" href="/assessment/scheme">{a.scheme_title}</a>
                <a class="button" href=format!("/assessment/inspections?period={}", encode_query_value(&key))>{a.inspections_title}</a>
                <a class="button" href=format!("/assessment/export.xlsx?period={}", encode_query_value(&key)) download="">{a.export}</a>
            </p>
        })}
        <p class="muted">{a.compiled_note}</p>
        {list.sheets.is_empty().then(|| view! { <p>{a.no_sheets}</p> })}
        <div class="table-scroll">
        <table class="list sheets" data-testid="sheets">
            <thead><tr>
                <th scope="col">{t.common.counselor_label}</th>
                <th scope="col">{a.children}</th>
                <th scope="col">{a.total}</th>
                <th scope="col">{a.state}</th>
                <th scope="col">{a.response}</th>
            </tr></thead>
            <tbody>{rows}</tbody>
        </table>
        </div>
        {(list.closable && list.open > 0).then(|| view! {
            <form method="post" action="/api/assessment/close" class="stack close-period no-print">
                <input type="hidden" name="period" value=key.clone()/>
                <p>{(a.close_hint)(list.open)}</p>
                <label class="check"><input type="checkbox" name="confirm" value="1" required/>{a.close_confirm}</label>
                <button type="submit" class="button primary">{(a.close_period)(&label)}</button>
            </form>
        })}
    }
}

#[component]
fn Row(s: SheetSummary, period: String) -> impl IntoView {
    let t = use_strings();
    let a = t.assessment;
    let href = format!("/assessment/sheet/{}/{}", s.counselor_id, period);
    let response = match (s.signed, s.answered) {
        (true, true) => format!("{} · {}", a.signed, a.answered),
        (true, false) => a.signed.to_owned(),
        (false, true) => a.answered.to_owned(),
        (false, false) => String::new(),
    };
    view! {
        <tr data-counselor=s.counselor_id.to_string() data-closed=s.closed.to_string()>
            <th scope="row"><a href=href>{s.counselor.clone()}</a></th>
            <td>{s.children}</td>
            <td class="total">{s.total}
                {(s.not_confirmed > 0).then(|| view! { " "<span class="tag warn">{(a.not_confirmed_n)(s.not_confirmed)}</span> })}
            </td>
            <td>{if s.closed { a.closed } else { a.open }}</td>
            <td>{response}</td>
        </tr>
    }
}
