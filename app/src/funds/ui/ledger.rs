//! The ledger (账目) for the leading group: each fund's year, the forms to record a gift,
//! goods, volunteer hours or an expense, and every line of the year, each reversible once.

use leptos::prelude::*;
use leptos_meta::Title;

use super::{date, funds_table, money_messages, need_options, totals_strip, year_nav, year_query};
use crate::auth::permissions::Capability;
use crate::funds::api::get_ledger;
use crate::funds::domain::{hours, yuan};
use crate::funds::strings::{aid_line, entry_kind};
use crate::funds::types::{Entry, LedgerPage as Page};
use crate::i18n::Strings;
use crate::page::{page_gate, use_strings, Flash};

#[component]
pub fn LedgerPage() -> impl IntoView {
    let t = use_strings();
    if let Err(denied) = page_gate(Capability::ManageFunds) {
        return denied;
    }
    let year = year_query();
    let page = Resource::new(move || year, get_ledger);
    view! {
        <Title text=format!("{} · {}", t.funds.nav, t.common.app_name)/>
        <section class="card funds" data-native-forms="">
            <Flash/>
            <Suspense fallback=move || view! { <crate::page::Loading/> }>
                {move || Suspend::new(async move {
                    match page.await {
                        Ok(page) => view! { <Ledger page/> }.into_any(),
                        Err(e) => crate::page::error_notice(t, &e),
                    }
                })}
            </Suspense>
        </section>
    }
    .into_any()
}

#[component]
fn Ledger(page: Page) -> impl IntoView {
    let t = use_strings();
    let f = t.funds;
    view! {
        <h1>{(f.ledger_title)(page.year)}</h1>
        <p class="links no-print">
            <a href=format!("/funds/public?year={}", page.year)>{f.to_public}</a>" · "
            <a href="/funds/donors">{f.to_donors}</a>" · "
            <a href="/funds/aid">{f.to_aid}</a>" · "
            <a href=format!("/funds/export.xlsx?year={}", page.year) rel="external" download="">{f.export}</a>
        </p>
        {year_nav(t, "/funds", page.year, (page.first_year, chrono::Datelike::year(&page.today)))}
        {totals_strip(t, &page.all)}
        <h2>{f.funds_heading}</h2>
        {funds_table(t, &page.funds)}
        <Forms page=page.clone()/>
        <h2>{f.entries}</h2>
        <Entries entries=page.entries/>
    }
}

fn donor_options(page: &Page, none: &'static str) -> impl IntoView {
    let options = page
        .donors
        .iter()
        .map(|(id, name)| view! { <option value=id.to_string()>{name.clone()}</option> })
        .collect_view();
    view! { <option value="">{none}</option>{options} }
}

fn fund_options(page: &Page) -> impl IntoView {
    page.funds
        .iter()
        .map(|ft| view! { <option value=ft.fund.id.to_string()>{ft.fund.name.clone()}</option> })
        .collect_view()
}

/// The four kinds of line a person types, and a new fund; each a form of its own.
#[component]
fn Forms(page: Page) -> impl IntoView {
    let t = use_strings();
    let f = t.funds;
    let today = date(page.today);
    let day = move || {
        view! { <label>{f.day}<input type="date" name="day" value=today.clone() max=today.clone()/></label> }
    };
    let pledges = page
        .pledges
        .iter()
        .map(|p| view! { <option value=p.id.to_string()>{p.label.clone()}</option> })
        .collect_view();
    view! {
        <crate::form_check::FormCheck>
        <div class="funds-forms no-print">
            <details class="form-card" open>
                <summary>{f.record_gift}</summary>
                <form method="post" action="/api/funds/entry" class="stack money-form" data-testid="gift-form">
                    {money_messages(t)}
                    <input type="hidden" name="kind" value="gift"/>
                    <label>{f.donor}<select name="donor">{donor_options(&page, f.anonymous)}</select></label>
                    <label>{f.fund}<select name="fund">{fund_options(&page)}</select></label>
                    <label>{f.pledge}<select name="pledge"><option value="">{f.no_pledge}</option>{pledges}</select></label>
                    <label>{f.amount_yuan}<input name="amount" inputmode="decimal" required autocomplete="off"/></label>
                    {day()}
                    <label>{f.description}<input name="description" maxlength="500"/></label>
                    <button type="submit" class="button primary">{f.save}</button>
                </form>
            </details>
            <details class="form-card">
                <summary>{f.record_goods}</summary>
                <form method="post" action="/api/funds/entry" class="stack money-form" data-testid="goods-form">
                    {money_messages(t)}
                    <input type="hidden" name="kind" value="in_kind"/>
                    <label>{f.donor}<select name="donor">{donor_options(&page, f.anonymous)}</select></label>
                    <label>{f.what_goods}<input name="description" required maxlength="500"/></label>
                    <label>{f.value_yuan}<input name="amount" inputmode="decimal" required autocomplete="off"/></label>
                    {day()}
                    <button type="submit" class="button">{f.save}</button>
                </form>
            </details>
            <details class="form-card">
                <summary>{f.record_hours}</summary>
                <form method="post" action="/api/funds/entry" class="stack money-form" data-testid="hours-form">
                    {money_messages(t)}
                    <input type="hidden" name="kind" value="hours"/>
                    <label>{f.volunteer}<select name="donor" required>{donor_options(&page, "—")}</select></label>
                    <label>{f.hours_label}<input name="hours" inputmode="decimal" required autocomplete="off"/></label>
                    {day()}
                    <label>{f.description}<input name="description" maxlength="500"/></label>
                    <button type="submit" class="button">{f.save}</button>
                </form>
            </details>
            <details class="form-card">
                <summary>{f.record_expense}</summary>
                <form method="post" action="/api/funds/entry" class="stack money-form" data-testid="expense-form">
                    {money_messages(t)}
                    <input type="hidden" name="kind" value="expense"/>
                    <label>{f.fund}<select name="fund">{fund_options(&page)}</select></label>
                    <label>{f.amount_yuan}<input name="amount" inputmode="decimal" required autocomplete="off"/></label>
                    <label>{f.what_for}<input name="description" required maxlength="500"/></label>
                    {day()}
                    <button type="submit" class="button">{f.save}</button>
                </form>
            </details>
            <details class="form-card">
                <summary>{f.new_fund}</summary>
                <form method="post" action="/api/funds/fund" class="stack" data-testid="fund-form">
                    <label>{f.fund_name}<input name="name" required maxlength="40"/></label>
                    <label>{f.purpose}<select name="purpose"><option value="">{f.any_purpose}</option>{need_options(t, None)}</select></label>
                    <button type="submit" class="button">{f.save}</button>
                </form>
            </details>
        </div>
        </crate::form_check::FormCheck>
    }
}

#[component]
fn Entries(entries: Vec<Entry>) -> impl IntoView {
    let t = use_strings();
    let f = t.funds;
    if entries.is_empty() {
        return view! { <p class="hint">{f.no_entries}</p> }.into_any();
    }
    let rows = entries.into_iter().map(|e| entry_row(t, e)).collect_view();
    view! {
        <div class="table-scroll">
            <table class="data-table ledger" data-testid="ledger">
                <thead><tr>
                    <th scope="col">{f.col_line}</th>
                    <th scope="col">{f.col_day}</th>
                    <th scope="col">{f.col_kind}</th>
                    <th scope="col">{f.col_fund}</th>
                    <th scope="col">{f.col_from}</th>
                    <th scope="col">{f.col_what}</th>
                    <th scope="col" class="num">{f.col_cash}</th>
                    <th scope="col" class="num not-cash">{f.col_not_cash}</th>
                    <th scope="col"><span class="sr-only">{t.common.actions}</span></th>
                </tr></thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
    .into_any()
}

fn entry_row(t: &'static Strings, e: Entry) -> impl IntoView {
    let f = t.funds;
    let what = match e.aid {
        Some((grade, need)) => aid_line(t, grade, need, None),
        None => e.description.clone(),
    };
    let status = match (e.reverses, e.reversed_by) {
        (Some(original), _) => Some(format!("{} #{original}", f.reverses)),
        (_, Some(by)) => Some((f.reversed_by)(by)),
        _ => None,
    };
    let reversible = e.reverses.is_none() && e.reversed_by.is_none();
    let amount = |fen: i64| if fen == 0 { String::new() } else { yuan(fen) };
    // Goods and hours share a column (a line carries one or the other), so that the ledger
    // fits an 800 px tablet; hours say they are hours.
    let not_cash = [
        (e.in_kind_fen != 0).then(|| yuan(e.in_kind_fen)),
        (e.minutes != 0).then(|| (f.hours_value)(&hours(e.minutes))),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join(" · ");
    view! {
        <tr data-entry=e.id.to_string() data-kind=e.kind.key() class:reversed=e.reversed_by.is_some()>
            <td>"#"{e.id}</td>
            <td>{date(e.day)}</td>
            <td class="kind">{entry_kind(t, e.kind)}</td>
            <td>{e.fund.clone().unwrap_or_default()}</td>
            <td>{e.donor.clone().unwrap_or_default()}</td>
            <td>{what}{status.map(|s| view! { " "<span class="tag">{s}</span> })}</td>
            <td class="num">{amount(e.cash_fen)}</td>
            <td class="num">{not_cash}</td>
            <td class="no-print">
                {reversible.then(|| view! {
                    <details class="reverse">
                        <summary>{f.reverse}</summary>
                        <form method="post" action="/api/funds/reverse" class="stack">
                            <input type="hidden" name="entry" value=e.id.to_string()/>
                            <label>{f.reverse_reason}<input name="reason" required maxlength="500"/></label>
                            <button type="submit" class="button">{f.reverse}</button>
                        </form>
                    </details>
                })}
            </td>
        </tr>
    }
}
