//! The funds' pages: the ledger and the registry for the leading group, aid requests for
//! counselors and the leading group, and the public page for everyone.

mod aid;
mod donors;
mod ledger;
mod public;

pub use aid::AidPage;
pub use donors::DonorsPage;
pub use ledger::LedgerPage;
pub use public::PublicPage;

use leptos::prelude::*;

use super::domain::{hours, yuan};
use super::strings::need_label;
use super::types::{Fund, FundTotals, Need};
use crate::i18n::Strings;

/// A money form's hidden messages: its amount, hours and instalments are checked as they
/// are typed, with the parsers the server runs (`form_check`, class `money-form`).
fn money_messages(t: &'static Strings) -> impl IntoView {
    use crate::error::ValidationError as E;
    crate::form_check::messages(
        &[E::AmountInvalid, E::HoursInvalid, E::InstalmentsInvalid],
        t,
    )
}

fn date(day: chrono::NaiveDate) -> String {
    day.format("%Y-%m-%d").to_string()
}

/// The year asked for in the query (`?year=2027`), if any.
/// The `year` asked for; one that is no year ("abc") is a year the books do not hold (the
/// page says so), not this year's page shown without a word.
fn year_query() -> Option<i32> {
    leptos_router::hooks::use_query_map()
        .read_untracked()
        .get("year")
        .map(|y| y.trim().parse().unwrap_or(0))
}

fn purpose_label(t: &'static Strings, fund: &Fund) -> &'static str {
    fund.purpose
        .map(|n| need_label(t, n))
        .unwrap_or(t.funds.general)
}

/// Each fund's year: carried over, in, out, balance (goods and hours are shown apart,
/// never as cash). What a fund is for sits under its name, so that the five columns fit
/// a 360 px phone.
fn funds_table(t: &'static Strings, funds: &[FundTotals]) -> impl IntoView {
    let f = t.funds;
    let rows = funds
        .iter()
        .map(|ft| {
            view! {
                <tr data-fund=ft.fund.id.to_string()>
                    <th scope="row">
                        {ft.fund.name.clone()}" "
                        <span class="purpose">{purpose_label(t, &ft.fund)}</span>
                    </th>
                    <td class="num">{yuan(ft.totals.carried_fen)}</td>
                    <td class="num">{yuan(ft.totals.cash_in_fen)}</td>
                    <td class="num">{yuan(ft.totals.cash_out_fen)}</td>
                    <td class="num" data-testid="balance">{yuan(ft.totals.balance_fen)}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="table-scroll">
            <table class="data-table funds-table" data-testid="funds">
                <thead><tr>
                    <th scope="col">{f.fund}</th>
                    <th scope="col" class="num">{f.carried}</th>
                    <th scope="col" class="num">{f.cash_in}</th>
                    <th scope="col" class="num">{f.cash_out}</th>
                    <th scope="col" class="num">{f.balance}</th>
                </tr></thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
}

/// The whole school's year: the cash figures in the order they add up (carried over, in,
/// out, balance), then goods and hours apart.
fn totals_strip(t: &'static Strings, all: &super::types::Totals) -> impl IntoView {
    let f = t.funds;
    view! {
        <div class="figures" data-testid="totals">
            <p class="figure"><strong data-testid="carried">{yuan(all.carried_fen)}</strong><span>{f.carried}</span></p>
            <p class="figure"><strong data-testid="cash-in">{yuan(all.cash_in_fen)}</strong><span>{f.cash_in}</span></p>
            <p class="figure"><strong data-testid="cash-out">{yuan(all.cash_out_fen)}</strong><span>{f.cash_out}</span></p>
            <p class="figure"><strong data-testid="balance-all">{yuan(all.balance_fen)}</strong><span>{f.balance}</span></p>
            <p class="figure"><strong data-testid="in-kind">{yuan(all.in_kind_fen)}</strong><span>{f.in_kind}</span></p>
            <p class="figure"><strong data-testid="hours">{hours(all.minutes)}</strong><span>{f.hours}</span></p>
        </div>
        <p class="hint">{f.balance_hint}" "{f.not_cash_hint}</p>
    }
}

fn need_options(t: &'static Strings, chosen: Option<Need>) -> impl IntoView {
    Need::ALL
        .iter()
        .map(|n| {
            view! { <option value=n.key() selected=chosen == Some(*n)>{need_label(t, *n)}</option> }
        })
        .collect_view()
}

/// The year before and after `year`, within the school's years and never past `this_year`
/// (the school's current year: a year to come has nothing in it yet).
fn year_nav(
    t: &'static Strings,
    base: &'static str,
    year: i32,
    (first, this_year): (i32, i32),
) -> impl IntoView {
    let link = move |to: i32, label: &'static str| {
        view! { <a class="button" href=format!("{base}?year={to}")>{label}</a> }
    };
    let before = year > first && crate::school::types::year_in_range(year - 1);
    let after = year < this_year && crate::school::types::year_in_range(year + 1);
    view! {
        <nav class="year-nav no-print">
            {before.then(|| link(year - 1, t.funds.year_before))}
            {after.then(|| link(year + 1, t.funds.year_after))}
        </nav>
    }
}
