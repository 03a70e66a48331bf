//! The leading group's view (Monday morning): how many children are in care and paired,
//! every paired child with counselor, contacts this month and the last visit, filterable by
//! class and counselor; the unpaired children (paired from here); the open concerns.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use super::{date, label, status_label};
use crate::auth::permissions::{Capability, Target};
use crate::care::api::get_coverage;
use crate::care::types::{ConcernReason, Coverage, CoverageRow, DueState, Urgency};
use crate::page::{page_gate_on, use_strings, Flash};
use crate::school::urls::care_href;

#[component]
pub fn CoveragePage() -> impl IntoView {
    let t = use_strings();
    if let Err(denied) = page_gate_on(Capability::ReadCareLog, Target::School) {
        return denied;
    }
    let query = use_query_map().read_untracked().clone();
    let id = |key: &str| query.get(key).and_then(|v| v.parse::<i64>().ok());
    let (class, counselor) = (id("class"), id("counselor"));
    let coverage = Resource::new(move || (class, counselor), |(c, u)| get_coverage(c, u));
    view! {
        <Title text=format!("{} · {}", t.care.coverage_title, t.common.app_name)/>
        <section class="card care">
            <Flash/>
            <h1>{t.care.coverage_title}</h1>
            <Suspense fallback=move || view! { <crate::page::Loading/> }>
                {move || Suspend::new(async move {
                    match coverage.await {
                        Ok(coverage) => view! { <Overview coverage class counselor/> }.into_any(),
                        Err(e) => crate::page::error_notice(t, &e),
                    }
                })}
            </Suspense>
        </section>
    }
    .into_any()
}

#[component]
fn Overview(coverage: Coverage, class: Option<i64>, counselor: Option<i64>) -> impl IntoView {
    let t = use_strings();
    let unpaired = coverage.unpaired.len();
    let figures = [
        (t.care.count_left_behind, coverage.left_behind),
        (t.care.count_half, coverage.half_left_behind),
        (t.care.count_paired, coverage.paired),
        (t.care.count_unpaired, unpaired as i64),
        (t.care.count_overdue, coverage.overdue),
        (t.care.count_contacts, coverage.contacts_this_month),
    ]
    .into_iter()
    .map(|(what, n)| view! { <div class="figure"><strong>{n}</strong><span>{what}</span></div> })
    .collect_view();
    let class_options = coverage
        .classes
        .iter()
        .map(|(id, k)| view! { <option value=id.to_string() selected=class == Some(*id)>{(t.common.class_label)(k.grade, k.number)}</option> })
        .collect_view();
    let counselor_options = coverage
        .counselors
        .iter()
        .map(|(id, name)| view! { <option value=id.to_string() selected=counselor == Some(*id)>{name.clone()}</option> })
        .collect_view();
    let total = coverage.paired;
    let shown = coverage.rows.len();
    let rows = coverage.rows.into_iter().map(paired_row).collect_view();
    let counselors = coverage.counselors.clone();
    let can_pair = coverage.can_pair;
    let (talk_days, visit_days) = (coverage.talk_days, coverage.visit_days);
    let unpaired_rows = coverage
        .unpaired
        .into_iter()
        .map(|row| unpaired_row(row, &counselors, can_pair))
        .collect_view();
    let no_concerns = coverage.concerns.is_empty();
    let concerns = coverage
        .concerns
        .into_iter()
        .map(|c| {
            let urgent = c.urgency == Urgency::High || c.address_by < coverage.today;
            view! {
                <tr class:urgent=urgent>
                    <td>{date(c.address_by)}</td>
                    <td><a href=care_href(c.child_id)>{c.child_name.clone()}</a></td>
                    <td>{(t.common.class_label)(c.class.grade, c.class.number)}</td>
                    <td>{label(ConcernReason::ALL, &t.care.reason_labels, c.reason)}</td>
                    <td>{label(Urgency::ALL, &t.care.urgency_labels, c.urgency)}</td>
                    <td>{c.raised_by.clone()}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="figures" data-testid="care-figures">{figures}</div>
        <form method="get" action="/care/coverage" class="inline-form no-print">
            <label>{t.care.class}<select name="class"><option value="">{t.care.all_classes}</option>{class_options}</select></label>
            <label>{t.care.counselor}<select name="counselor"><option value="">{t.care.all_counselors}</option>{counselor_options}</select></label>
            <button type="submit" class="button">{t.care.filter}</button>
        </form>
        <p class="muted">{(t.care.shown_of)(shown, total)}</p>
        <div class="table-scroll">
            <table class="list coverage" data-testid="coverage">
                <thead><tr>
                    <th>{t.care.child}</th><th>{t.care.class}</th><th>{t.care.status}</th><th>{t.care.counselor}</th>
                    <th>{t.care.contacts_this_month}</th><th>{t.care.last_contact}</th><th>{t.care.last_visit}</th><th>{t.care.talk_state}</th>
                </tr></thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
        {can_pair.then(|| view! {
            <details class="no-print">
                <summary class="button">{t.care.rhythm_title}</summary>
                <form method="post" action="/api/care/rhythm" class="inline-form">
                    <label>{t.care.rhythm_talk_days}<input name="talk_days" inputmode="numeric" required size="4" value=talk_days.to_string()/></label>
                    <label>{t.care.rhythm_visit_days}<input name="visit_days" inputmode="numeric" required size="4" value=visit_days.to_string()/></label>
                    <button type="submit" class="button">{t.care.rhythm_save}</button>
                </form>
            </details>
        })}
        <h2 id="unpaired">{t.care.unpaired_title}" ("{unpaired}")"</h2>
        {(unpaired == 0).then(|| view! { <p>{t.care.all_paired}</p> })}
        <ul class="unpaired" data-testid="unpaired">{unpaired_rows}</ul>
        <h2>{t.care.concerns_title}</h2>
        {no_concerns.then(|| view! { <p>{t.care.no_concerns}</p> })}
        <div class="table-scroll">
            <table class="list" data-testid="open-concerns">
                <thead><tr>
                    <th>{t.care.address_by}</th><th>{t.care.child}</th><th>{t.care.class}</th>
                    <th>{t.care.reason}</th><th>{t.care.urgency}</th><th>{t.care.counselor}</th>
                </tr></thead>
                <tbody>{concerns}</tbody>
            </table>
        </div>
    }
}

fn paired_row(row: CoverageRow) -> impl IntoView {
    let t = use_strings();
    let state = row.talk_state.map(|s| match s {
        DueState::Overdue => ("due due-overdue", t.care.overdue),
        DueState::Soon => ("due due-soon", t.care.due_soon),
        DueState::Later => ("due due-later", "✓"),
    });
    let day = |d: Option<chrono::NaiveDate>| d.map(date).unwrap_or_else(|| "—".into());
    view! {
        <tr data-child=row.child_id.to_string()>
            <td><a href=care_href(row.child_id)>{row.name.clone()}</a></td>
            <td>{(t.common.class_label)(row.class.grade, row.class.number)}</td>
            <td>{status_label(t, row.left_behind)}</td>
            <td>{row.counselor.clone().unwrap_or_default()}</td>
            <td class="number">{row.contacts_this_month}</td>
            <td>{day(row.last_contact)}</td>
            <td>{day(row.last_visit)}</td>
            <td>{state.map(|(class, word)| view! { <span class=class>{word}</span> })}</td>
        </tr>
    }
}

fn unpaired_row(row: CoverageRow, counselors: &[(i64, String)], can_pair: bool) -> impl IntoView {
    let t = use_strings();
    let options = counselors
        .iter()
        .map(|(id, name)| view! { <option value=id.to_string()>{name.clone()}</option> })
        .collect_view();
    view! {
        <li data-child=row.child_id.to_string()>
            <a href=care_href(row.child_id)>{row.name.clone()}</a>
            " · "{(t.common.class_label)(row.class.grade, row.class.number)}" · "{status_label(t, row.left_behind)}
            {can_pair.then(|| view! {
                <form method="post" action="/api/care/pair" class="inline-form no-print">
                    <input type="hidden" name="child" value=row.child_id.to_string()/>
                    <input type="hidden" name="next" value="/care/coverage#unpaired"/>
                    <label>{t.care.pair_with}<select name="counselor" required>{options}</select></label>
                    <button type="submit" class="button">{t.care.pair_button}</button>
                </form>
            })}
        </li>
    }
}
