//! The registry of donors and volunteers (people, companies, the Youth League, other
//! bodies): their contacts (staff only), what they gave, their pledges paid in instalments,
//! and the gifts still to thank them for.

use leptos::prelude::*;
use leptos_meta::Title;

use super::{date, money_messages};
use crate::auth::permissions::Capability;
use crate::funds::api::get_donors;
use crate::funds::domain::{hours, yuan};
use crate::funds::strings::donor_kind;
use crate::funds::types::{Donor, DonorKind, DonorsPage as Page};
use crate::page::{page_gate, use_strings, Flash};

#[component]
pub fn DonorsPage() -> impl IntoView {
    let t = use_strings();
    if let Err(denied) = page_gate(Capability::ManageFunds) {
        return denied;
    }
    let page = Resource::new(|| (), |_| get_donors());
    view! {
        <Title text=format!("{} · {}", t.funds.donors_title, t.common.app_name)/>
        <section class="card funds registry" data-native-forms="">
            <Flash/>
            <Suspense fallback=move || view! { <crate::page::Loading/> }>
                {move || Suspend::new(async move {
                    match page.await {
                        Ok(page) => view! { <Registry page/> }.into_any(),
                        Err(e) => crate::page::error_notice(t, &e),
                    }
                })}
            </Suspense>
        </section>
    }
    .into_any()
}

#[component]
fn Registry(page: Page) -> impl IntoView {
    let t = use_strings();
    let f = t.funds;
    let today = date(page.today);
    let kinds = DonorKind::ALL
        .iter()
        .map(|k| view! { <option value=k.key()>{donor_kind(t, *k)}</option> })
        .collect_view();
    let donor_choices = page
        .donors
        .iter()
        .map(|d| view! { <option value=d.id.to_string()>{d.name.clone()}</option> })
        .collect_view();
    let fund_choices = page
        .funds
        .iter()
        .map(|fund| view! { <option value=fund.id.to_string()>{fund.name.clone()}</option> })
        .collect_view();
    let cards = page
        .donors
        .iter()
        .map(|d| view! { <DonorCard donor=d.clone() today=page.today/> })
        .collect_view();
    let no_donors = page.donors.is_empty();
    view! {
        <h1>{f.donors_title}</h1>
        <p class="links no-print"><a href="/funds">{f.to_ledger}</a>" · "<a href="/funds/public">{f.to_public}</a></p>
        <p class="hint">{f.donors_hint}</p>
        <crate::form_check::FormCheck>
        <div class="funds-forms no-print">
            <details class="form-card">
                <summary>{f.add_donor}</summary>
                <form method="post" action="/api/funds/donor" class="stack" data-testid="donor-form">
                    <label>{f.donor_kind}<select name="kind">{kinds}</select></label>
                    <label>{f.donor_name}<input name="name" required maxlength="60"/></label>
                    <label>{f.contact}<input name="contact" maxlength="120" autocomplete="off"/></label>
                    <label class="check"><input type="checkbox" name="named" value="1"/>{f.named_publicly}</label>
                    <label>{f.note}<input name="note" maxlength="500"/></label>
                    <button type="submit" class="button primary">{f.save}</button>
                </form>
            </details>
            {(!no_donors).then(|| view! {
                <details class="form-card">
                    <summary>{f.add_pledge}</summary>
                    <form method="post" action="/api/funds/pledge" class="stack money-form" data-testid="pledge-form">
                        {money_messages(t)}
                        <label>{f.donor}<select name="donor">{donor_choices}</select></label>
                        <label>{f.fund}<select name="fund">{fund_choices}</select></label>
                        <label>{f.amount_yuan}<input name="amount" inputmode="decimal" required autocomplete="off"/></label>
                        <label>{f.instalments}<input name="instalments" type="number" min="1" max="24" value="1"/></label>
                        <label>{f.day}<input type="date" name="day" value=today.clone() max=today/></label>
                        <button type="submit" class="button">{f.save}</button>
                    </form>
                </details>
            })}
        </div>
        </crate::form_check::FormCheck>
        {no_donors.then(|| view! { <p class="hint">{f.no_donors}</p> })}
        <ul class="donors" data-testid="donors">{cards}</ul>
    }
}

#[component]
fn DonorCard(donor: Donor, today: chrono::NaiveDate) -> impl IntoView {
    let t = use_strings();
    let f = t.funds;
    let d = donor;
    let pledges = d
        .pledges
        .iter()
        .map(|p| {
            let line = (f.pledge_line)(
                &p.fund,
                &yuan(p.paid_fen),
                &yuan(p.amount_fen),
                p.paid_instalments,
                p.instalments,
            );
            let pct = (p.paid_fen * 100 / p.amount_fen).clamp(0, 100);
            view! {
                <li>
                    <span>{line}</span>
                    <progress max="100" value=pct.to_string() aria-label=f.pledges>{format!("{pct}%")}</progress>
                </li>
            }
        })
        .collect_view();
    let today = date(today);
    let unthanked = d
        .unthanked
        .iter()
        .map(|e| {
            let what = if e.cash_fen != 0 {
                yuan(e.cash_fen)
            } else {
                format!("{} {}", e.description, yuan(e.in_kind_fen))
            };
            view! {
                <li data-entry=e.id.to_string()>
                    <span>{date(e.day)}" · "{what}</span>
                    <form method="post" action="/api/funds/thank" class="inline-form">
                        <input type="hidden" name="entry" value=e.id.to_string()/>
                        <label>{f.thank_how}<input name="how" required maxlength="60"/></label>
                        <input type="hidden" name="day" value=today.clone()/>
                        <button type="submit" class="button">{f.thank}</button>
                    </form>
                </li>
            }
        })
        .collect_view();
    view! {
        <li class="donor" data-donor=d.id.to_string()>
            <h2>{d.name.clone()}" "<span class="tag">{donor_kind(t, d.kind)}</span>
                {d.named_publicly.then(|| view! { " "<span class="tag tag-ok">{f.named_tag}</span> })}</h2>
            {(!d.contact.is_empty()).then(|| view! { <p>{f.contact}{t.common.colon}{d.contact.clone()}</p> })}
            {(!d.note.is_empty()).then(|| view! { <p class="muted">{d.note.clone()}</p> })}
            <p>{(f.given)(&yuan(d.given_fen), &yuan(d.in_kind_fen), &hours(d.minutes))}</p>
            {(!d.pledges.is_empty()).then(|| view! { <h3>{f.pledges}</h3><ul class="pledges">{pledges}</ul> })}
            {(!d.unthanked.is_empty()).then(|| view! { <h3>{f.to_thank}</h3><ul class="unthanked">{unthanked}</ul> })}
        </li>
    }
}
