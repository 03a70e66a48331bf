//! The public ledger (爱心资助公开账目), for anyone with the address: what came in and went
//! out per fund this year, where every fen went (aid by need, other expenses by what they
//! paid for), each aid line by grade and need ("三年级学生 · 配眼镜 · ¥180"), the approved
//! needs still waiting for money with their progress, and thanks to the donors who agreed
//! to be named. Plain HTML: no sign-in, no JavaScript needed.

use leptos::prelude::*;
use leptos_meta::Title;

use super::{funds_table, totals_strip, year_nav, year_query};
use crate::funds::api::get_public;
use crate::funds::domain::yuan;
use crate::funds::strings::{aid_line, need_label, spent_label};
use crate::funds::types::{Goal, PublicLedger};
use crate::page::use_strings;

#[component]
pub fn PublicPage() -> impl IntoView {
    let t = use_strings();
    let year = year_query();
    let page = Resource::new(move || year, get_public);
    view! {
        <Title text=t.funds.to_public/>
        <section class="card funds public-ledger">
            <Suspense fallback=move || view! { <crate::page::Loading/> }>
                {move || Suspend::new(async move {
                    match page.await {
                        Ok(page) => view! { <Public page/> }.into_any(),
                        // A donor who typed a year the books do not hold: this year's page.
                        Err(e) => view! {
                            {crate::page::error_notice(t, &e)}
                            <p><a class="button" href="/funds/public">{t.funds.to_public}</a></p>
                        }
                        .into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}

#[component]
fn Public(page: PublicLedger) -> impl IntoView {
    let t = use_strings();
    let f = t.funds;
    let spent = page
        .spent
        .iter()
        .map(|s| view! { <tr><th scope="row">{spent_label(t, &s.on)}</th><td class="num">{yuan(s.fen)}</td></tr> })
        .collect_view();
    let spending = if page.spent.is_empty() {
        view! { <p data-testid="by-need">{f.no_spending}</p> }.into_any()
    } else {
        view! {
            <table class="data-table" data-testid="by-need">
                <tbody>{spent}</tbody>
                <tfoot><tr>
                    <th scope="row">{f.all_funds}</th>
                    <td class="num">{yuan(page.all.cash_out_fen)}</td>
                </tr></tfoot>
            </table>
        }
        .into_any()
    };
    let aid = page
        .aid
        .iter()
        .map(|a| view! { <li><span class="muted">{a.month.clone()}</span>" "{aid_line(t, a.grade, a.need, Some(a.amount_fen))}</li> })
        .collect_view();
    let goals = match &page.goals {
        Some(goals) if goals.is_empty() => view! { <p>{f.no_goals}</p> }.into_any(),
        Some(goals) => {
            let bars = goals
                .iter()
                .map(|g| view! { <GoalBar goal=g.clone()/> })
                .collect_view();
            view! {
                <p class="hint">{f.goals_hint}</p>
                <ul class="goals" data-testid="goals">{bars}</ul>
            }
            .into_any()
        }
        None => view! {
            <p class="hint">{f.goals_past}" "
                <a href=format!("/funds/public?year={}", page.this_year)>{(f.goals_now)(page.this_year)}</a>
            </p>
        }
        .into_any(),
    };
    let thanks = page
        .thanks
        .iter()
        .map(|name| view! { <li>{name.clone()}</li> })
        .collect_view();
    view! {
        <h1>{page.school.clone()}</h1>
        <h2>{(f.public_title)(page.year)}</h2>
        <p>{f.public_intro}</p>
        {page.school_phone.clone().map(|p| view! {
            <p>{f.school_phone}{t.common.colon}<a href=format!("tel:{p}")>{p.clone()}</a></p>
        })}
        {year_nav(t, "/funds/public", page.year, (page.first_year, page.this_year))}
        {totals_strip(t, &page.all)}
        <h2>{f.goals}</h2>
        {goals}
        <h2>{f.funds_heading}</h2>
        {funds_table(t, &page.funds)}
        <h2>{f.by_need}</h2>
        {spending}
        <h2>{f.aid_given}</h2>
        {page.aid.is_empty().then(|| view! { <p>{f.no_aid}</p> })}
        <ul class="aid-lines" data-testid="aid-lines">{aid}</ul>
        <h2>{f.thanks}</h2>
        <ul class="thanks" data-testid="thanks">{thanks}</ul>
        <p>{f.no_thanks}</p>
    }
}

#[component]
fn GoalBar(goal: Goal) -> impl IntoView {
    let t = use_strings();
    let f = t.funds;
    let pct = if goal.wanted_fen > 0 {
        (goal.raised_fen * 100 / goal.wanted_fen).clamp(0, 100)
    } else {
        100
    };
    let label = need_label(t, goal.need);
    view! {
        <li class="goal" data-need=goal.need.key()>
            <strong>{label}</strong>" "
            {if goal.earmarked {
                view! {
                    <span>{(f.goal_line)(goal.requests, &yuan(goal.raised_fen), &yuan(goal.wanted_fen))}</span>
                    <progress max="100" value=pct.to_string() aria-label=label>{format!("{pct}%")}</progress>
                }
                .into_any()
            } else {
                view! { <span>{(f.goal_no_fund)(goal.requests, &yuan(goal.wanted_fen))}</span> }.into_any()
            }}
        </li>
    }
}
