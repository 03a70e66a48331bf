//! The leading group's view (Monday morning): the open concerns first, the most urgent at
//! the top; every figure a link to the children it counts; every paired child with
//! counselor, contacts this month and the last visit, narrowed by class, counselor, what is
//! overdue and whether reached this month (plain GET links that combine); the unpaired
//! children (paired from here).

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use super::{date, label, status_label};
use crate::auth::permissions::{Capability, Target};
use crate::care::api::get_coverage;
use crate::care::coverage_domain::{pressing, reached_key};
use crate::care::types::{
    Concern, ConcernReason, Coverage, CoverageFilter, CoverageRow, DueFilter, DueState, Urgency,
};
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
    let filter = CoverageFilter::parse(
        id("class"),
        id("counselor"),
        query.get("due").as_deref(),
        query.get("reached").as_deref(),
    );
    let coverage = Resource::new(
        move || filter,
        |f| {
            get_coverage(
                f.class,
                f.counselor,
                f.due.map(|d| d.key().to_owned()),
                f.reached.map(|r| reached_key(r).to_owned()),
            )
        },
    );
    view! {
        <Title text=format!("{} · {}", t.care.coverage_title, t.common.app_name)/>
        <section class="card care">
            <Flash/>
            <h1>{t.care.coverage_title}</h1>
            <Suspense fallback=move || view! { <crate::page::Loading/> }>
                {move || Suspend::new(async move {
                    match coverage.await {
                        Ok(coverage) => view! { <Overview coverage filter/> }.into_any(),
                        Err(e) => crate::page::error_notice(t, &e),
                    }
                })}
            </Suspense>
        </section>
    }
    .into_any()
}

#[component]
fn Overview(coverage: Coverage, filter: CoverageFilter) -> impl IntoView {
    let t = use_strings();
    let unpaired = coverage.unpaired.len();
    // Each figure opens the children it counts (the whole school's, as the figure is).
    let figures = [
        (t.care.count_left_behind, coverage.left_behind, "/children?status=full".to_owned()),
        (t.care.count_half, coverage.half_left_behind, "/children?status=half".to_owned()),
        (t.care.count_paired, coverage.paired, CoverageFilter::default().href()),
        (t.care.count_unpaired, unpaired as i64, "#unpaired".to_owned()),
        (t.care.count_overdue, coverage.overdue, CoverageFilter::overdue(DueFilter::Talk).href()),
        (t.care.count_visits_overdue, coverage.visits_overdue, CoverageFilter::overdue(DueFilter::Visit).href()),
        (t.care.count_unreached, coverage.unreached, CoverageFilter::reached(false).href()),
        (t.care.count_reached, coverage.reached, CoverageFilter::reached(true).href()),
        (t.care.concerns_title, coverage.concerns.len() as i64, "#concerns".to_owned()),
    ]
    .into_iter()
    .map(|(what, n, href)| view! { <a class="figure" href=href><strong>{n}</strong><span>{what}</span></a> })
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
    let open_concerns = coverage.concerns.len();
    let today = coverage.today;
    let concerns = coverage
        .concerns
        .into_iter()
        .map(|c| concern_row(c, today))
        .collect_view();
    view! {
        <div class="figures care-figures" data-testid="care-figures">{figures}</div>
        <p class="muted">{(t.care.contacts_made)(coverage.contacts_this_month)}</p>
        <h2 id="concerns">{t.care.concerns_title}" ("{open_concerns}")"</h2>
        {(open_concerns == 0).then(|| view! { <p>{t.care.no_concerns}</p> })}
        {(open_concerns > 0).then(|| view! {
            <div class="table-scroll">
                <table class="list coverage-concerns" data-testid="open-concerns">
                    <thead><tr>
                        <th>{t.care.address_by}</th><th>{t.care.child}</th><th>{t.care.class}</th>
                        <th>{t.care.reason}</th><th>{t.care.urgency}</th><th>{t.care.raised_by_column}</th>
                    </tr></thead>
                    <tbody>{concerns}</tbody>
                </table>
            </div>
        })}
        <h2 id="children">{t.care.paired_title}</h2>
        <FilterForm classes=coverage.classes counselors=coverage.counselors filter/>
        <p class="muted" data-testid="shown">
            {shown_line(shown, total, filter)}
            {filter.narrows().then(|| view! {
                " · "<a href=CoverageFilter::default().href()>{t.care.show_all}</a>
            })}
        </p>
        {(shown == 0).then(|| view! { <p>{t.care.none_shown}</p> })}
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
    }
}

/// The list's filter as a plain GET form: every part kept in the address, so it combines
/// with the others and works without script.
#[component]
fn FilterForm(
    classes: Vec<(i64, crate::school::types::ClassLabel)>,
    counselors: Vec<(i64, String)>,
    filter: CoverageFilter,
) -> impl IntoView {
    let t = use_strings();
    let class_options = classes
        .iter()
        .map(|(id, k)| view! { <option value=id.to_string() selected=filter.class == Some(*id)>{(t.common.class_label)(k.grade, k.number)}</option> })
        .collect_view();
    let counselor_options = counselors
        .into_iter()
        .map(|(id, name)| view! { <option value=id.to_string() selected=filter.counselor == Some(id)>{name}</option> })
        .collect_view();
    let due_options = DueFilter::ALL
        .iter()
        .map(|d| view! { <option value=d.key() selected=filter.due == Some(*d)>{label(DueFilter::ALL, &t.care.due_filter_labels, *d)}</option> })
        .collect_view();
    let reached_options = [true, false]
        .into_iter()
        .zip(t.care.reached_filter_labels)
        .map(|(r, words)| view! { <option value=reached_key(r) selected=filter.reached == Some(r)>{words}</option> })
        .collect_view();
    view! {
        <form method="get" action=CoverageFilter::default().href() class="inline-form no-print">
            <label>{t.care.class}<select name="class"><option value="">{t.care.all_classes}</option>{class_options}</select></label>
            <label>{t.care.counselor}<select name="counselor"><option value="">{t.care.all_counselors}</option>{counselor_options}</select></label>
            <label>{t.care.due_filter}<select name="due"><option value="">{t.care.any}</option>{due_options}</select></label>
            <label>{t.care.contacts_this_month}<select name="reached"><option value="">{t.care.any}</option>{reached_options}</select></label>
            <button type="submit" class="button">{t.care.filter}</button>
        </form>
    }
}

/// How many the list shows of how many, and what it is narrowed to beyond the class and
/// the counselor (those stand in the form above), in words.
fn shown_line(shown: usize, total: i64, filter: CoverageFilter) -> String {
    let t = use_strings();
    let due = filter
        .due
        .map(|d| label(DueFilter::ALL, &t.care.due_filter_labels, d));
    let reached = filter
        .reached
        .map(|r| t.care.reached_filter_labels[usize::from(!r)]);
    std::iter::once((t.care.shown_of)(shown, total))
        .chain(due.into_iter().chain(reached).map(str::to_owned))
        .collect::<Vec<_>>()
        .join(" · ")
}

fn concern_row(c: Concern, today: chrono::NaiveDate) -> impl IntoView {
    let t = use_strings();
    view! {
        <tr class:urgent=pressing(&c, today) data-urgency=c.urgency.key()>
            <td>{date(c.address_by)}</td>
            <td><a href=care_href(c.child_id)>{c.child_name.clone()}</a></td>
            <td>{(t.common.class_label)(c.class.grade, c.class.number)}</td>
            <td>{label(ConcernReason::ALL, &t.care.reason_labels, c.reason)}</td>
            <td>{label(Urgency::ALL, &t.care.urgency_labels, c.urgency)}</td>
            <td>{c.raised_by.clone()}</td>
        </tr>
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
    let last_visit = day(row.last_visit);
    // The list may be narrowed to overdue home visits: say which ones are.
    let visit = match row.visit_state {
        Some(DueState::Overdue) => view! {
            <span class="due due-overdue">{last_visit}" · "<strong>{t.care.overdue}</strong></span>
        }
        .into_any(),
        _ => last_visit.into_any(),
    };
    view! {
        <tr data-child=row.child_id.to_string()>
            <td><a href=care_href(row.child_id)>{row.name.clone()}</a></td>
            <td>{(t.common.class_label)(row.class.grade, row.class.number)}</td>
            <td>{status_label(t, row.left_behind)}</td>
            <td>{row.counselor.clone().unwrap_or_default()}</td>
            <td class="number">{row.contacts_this_month}</td>
            <td>{day(row.last_contact)}</td>
            <td>{visit}</td>
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
