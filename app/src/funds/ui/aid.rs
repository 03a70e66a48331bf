//! Aid for a child (资助申请): a counselor asks for one of their paired children (from a
//! checkup follow-up, the form comes filled in); another member of the leading group
//! approves (two above the threshold); the leading group pays it from a fund with the
//! receipt.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use super::{date, money_messages, need_options};
use crate::auth::permissions::Capability;
use crate::funds::aid_api::get_aid;
use crate::funds::domain::yuan;
use crate::funds::strings::{aid_state, need_label};
use crate::funds::types::{AidPage as Page, AidRequest, AidState, FundTotals, Need};
use crate::page::{page_gate, use_strings, Flash};
use crate::school::urls::care_href;

#[component]
pub fn AidPage() -> impl IntoView {
    let t = use_strings();
    if let Err(denied) = page_gate(Capability::ReadAid) {
        return denied;
    }
    let query = use_query_map().read_untracked().clone();
    let child = query.get("child").and_then(|c| c.parse::<i64>().ok());
    let year = query.get("year").and_then(|y| y.parse::<i32>().ok());
    let page = Resource::new(move || (child, year), |(child, year)| get_aid(child, year));
    view! {
        <Title text=format!("{} · {}", t.funds.aid_title, t.common.app_name)/>
        <section class="card funds aid" data-native-forms="">
            <Flash/>
            <Suspense fallback=move || view! { <crate::page::Loading/> }>
                {move || Suspend::new(async move {
                    match page.await {
                        Ok(page) => view! { <Aid page/> }.into_any(),
                        Err(e) => crate::page::error_notice(t, &e),
                    }
                })}
            </Suspense>
        </section>
    }
    .into_any()
}

#[component]
fn Aid(page: Page) -> impl IntoView {
    let t = use_strings();
    let f = t.funds;
    let cards = page
        .requests
        .iter()
        .map(|r| view! { <RequestCard request=r.clone() pays=page.pays funds=page.funds.clone() today=page.today/> })
        .collect_view();
    view! {
        <h1>{f.aid_title}</h1>
        {page.pays.then(|| view! {
            <p class="links no-print"><a href="/funds">{f.to_ledger}</a>" · "<a href="/funds/public">{f.to_public}</a></p>
        })}
        <p class="hint">{f.aid_hint}</p>
        {(!page.children.is_empty()).then(|| view! { <RequestForm page=page.clone()/> })}
        <h2>{f.nav_aid}</h2>
        {page.requests.is_empty().then(|| view! { <p class="hint">{f.no_requests}</p> })}
        <ul class="aid-requests" data-testid="aid-requests">{cards}</ul>
    }
}

#[component]
fn RequestForm(page: Page) -> impl IntoView {
    let t = use_strings();
    let f = t.funds;
    let prefill = page.prefill.clone();
    let chosen = prefill.as_ref().map(|p| p.child_id);
    let children = page
        .children
        .iter()
        .map(|(id, name, class)| {
            let label = format!(
                "{name} · {}",
                (t.common.class_label)(class.grade, class.number)
            );
            view! { <option value=id.to_string() selected=chosen == Some(*id)>{label}</option> }
        })
        .collect_view();
    let reason = prefill
        .as_ref()
        .map(|p| p.reason.clone())
        .unwrap_or_default();
    view! {
        <crate::form_check::FormCheck>
        <details class="form-card no-print" open=prefill.is_some()>
            <summary>{f.request_aid}</summary>
            <form method="post" action="/api/funds/aid/request" class="stack money-form" data-testid="aid-form">
                {money_messages(t)}
                {prefill.as_ref().map(|p| view! {
                    <p class="tag">{(f.from_follow_up)(p.checkup_year)}</p>
                    <input type="hidden" name="year" value=p.checkup_year.to_string()/>
                })}
                <label>{f.child}<select name="child" required>{children}</select></label>
                <label>{f.need}<select name="need">{need_options(t, prefill.as_ref().map(|p| p.need))}</select></label>
                <label>{f.amount_yuan}<input name="amount" inputmode="decimal" required autocomplete="off"/></label>
                <label>{f.reason}<textarea name="reason" rows="2" required maxlength="500">{reason}</textarea></label>
                <button type="submit" class="button primary">{f.ask}</button>
            </form>
        </details>
        </crate::form_check::FormCheck>
    }
}

#[component]
fn RequestCard(
    request: AidRequest,
    pays: bool,
    funds: Vec<FundTotals>,
    today: chrono::NaiveDate,
) -> impl IntoView {
    let t = use_strings();
    let f = t.funds;
    let r = request;
    let decisions = r
        .decisions
        .iter()
        .map(|d| {
            let day = date(d.day);
            let mut line = if d.approve {
                (f.approved_by)(&d.who, &day)
            } else {
                (f.declined_by)(&d.who, &day)
            };
            if !d.note.is_empty() {
                line.push_str(" · ");
                line.push_str(&d.note);
            }
            view! { <li>{line}</li> }
        })
        .collect_view();
    let paid = r.paid.clone().map(|p| {
        view! {
            <p data-testid="paid">{(f.paid_line)(&p.fund, &date(p.day))}
                {p.receipt.then(|| view! { " · "<a href=format!("/funds/receipt/{}", r.id) rel="external">{f.see_receipt}</a> })}
            </p>
        }
    });
    let can_pay = pays && r.state == AidState::Approved;
    view! {
        <li class="aid-request" data-aid=r.id.to_string() data-state=r.state.key() data-child=r.child_id.to_string()>
            <h3><a href=care_href(r.child_id)>{r.child_name.clone()}</a>" · "{(t.common.class_label)(r.class.grade, r.class.number)}
                " · "{need_label(t, r.need)}" · "<span class="amount">{yuan(r.amount_fen)}</span>
                " "<span class="tag" data-state=r.state.key()>{aid_state(t, r.state)}</span></h3>
            <p>{r.reason.clone()}</p>
            <p class="muted">{(f.asked_by)(&r.requested_by, &date(r.requested_on))}" · "{(f.approvals_needed)(r.approvals_needed)}
                {r.checkup_year.map(|y| view! { " · "{(f.from_follow_up)(y)} })}</p>
            <ul class="decisions">{decisions}</ul>
            {paid}
            {r.can_decide.then(|| view! {
                <form method="post" action="/api/funds/aid/decide" class="inline-form no-print" data-testid="decide">
                    <input type="hidden" name="aid" value=r.id.to_string()/>
                    <input type="hidden" name="version" value=r.version.to_string()/>
                    <label>{f.decision_note}<input name="note" maxlength="120"/></label>
                    <button type="submit" name="approve" value="1" class="button primary">{f.approve}</button>
                    <button type="submit" class="button">{f.decline}</button>
                </form>
            })}
            {can_pay.then(|| view! { <PayForm id=r.id version=r.version need=r.need funds=funds.clone() today/> })}
        </li>
    }
}

#[component]
fn PayForm(
    id: i64,
    version: i64,
    need: Need,
    funds: Vec<FundTotals>,
    today: chrono::NaiveDate,
) -> impl IntoView {
    let t = use_strings();
    let f = t.funds;
    // The general funds, and the one earmarked for this need.
    let options = funds
        .iter()
        .filter(|ft| ft.fund.purpose.is_none_or(|p| p == need))
        .map(|ft| {
            let label = format!(
                "{} · {} {}",
                ft.fund.name,
                f.balance,
                yuan(ft.totals.balance_fen)
            );
            view! { <option value=ft.fund.id.to_string()>{label}</option> }
        })
        .collect_view();
    let today = date(today);
    view! {
        <form method="post" action="/api/funds/aid/pay" enctype="multipart/form-data" class="stack pay-form no-print" data-testid="pay">
            <input type="hidden" name="aid" value=id.to_string()/>
            <input type="hidden" name="version" value=version.to_string()/>
            <label>{f.pay_from}<select name="fund">{options}</select></label>
            <label>{f.day}<input type="date" name="day" value=today.clone() max=today/></label>
            <label>{f.receipt}{crate::native_submit::picture_input(true, t.care.picture_too_large)}</label>
            <p class="hint">{f.receipt_hint}</p>
            <button type="submit" class="button primary">{f.pay}</button>
        </form>
    }
}
