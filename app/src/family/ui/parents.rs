//! The parents' page (家长页面), opened from a link or a QR code on a phone, mostly inside
//! WeChat's browser: what is coming for the child, the weekly call, the diary entries the
//! counselor shared, the counselor and the school's phone; a message to the counselor and
//! a change to their own details. Plain HTML and forms: it needs no JavaScript and reads
//! on a 360 px screen.

use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::{use_params_map, use_query_map};

use super::{date, month_day};
use crate::error::AppError;
use crate::family::api::get_family_page;
use crate::family::domain::{CALL_FROM, CALL_TO, CALL_ZONE};
use crate::family::types::{FamilyChild, FamilyOpened, FamilyPage, Parent, ProposalState};
use crate::habits::forms_domain::ZONES;
use crate::page::{use_strings, Flash};

#[component]
pub fn ParentsPage() -> impl IntoView {
    let t = use_strings();
    let token = use_params_map()
        .read_untracked()
        .get("token")
        .unwrap_or_default();
    let sent = use_query_map().read_untracked().get("sent").is_some();
    let page = Resource::new(move || token.clone(), get_family_page);
    view! {
        <Title text=t.family.page_title/>
        // The link is the family's secret: no referrer carries it to another site.
        <Meta name="referrer" content="same-origin"/>
        <section class="card family-page">
            <Flash/>
            {sent.then(|| view! { <p class="flash flash-ok" role="status">{t.family.sent}</p> })}
            <Suspense fallback=move || view! { <crate::page::Loading/> }>
                {move || Suspend::new(async move {
                    match page.await {
                        Ok(FamilyOpened::Page(page)) => view! { <Family page/> }.into_any(),
                        Ok(FamilyOpened::Gone { school_phone }) => view! { <LinkGone school_phone/> }.into_any(),
                        Err(e) => crate::page::error_notice(t, &e),
                    }
                })}
            </Suspense>
        </section>
    }
}

#[component]
fn Family(page: FamilyPage) -> impl IntoView {
    let t = use_strings();
    let f = t.family;
    let children = page
        .children
        .iter()
        .map(|c| view! { <Child c=c.clone()/> })
        .collect_view();
    let named: Vec<(i64, String)> = page
        .children
        .iter()
        .map(|c| (c.child_id, c.name.clone()))
        .collect();
    view! {
        <h1>{page.school.clone()}</h1>
        <p>{f.hello}</p>
        {page.school_phone.clone().map(|p| view! {
            <p>{f.school_phone}{t.common.colon}<a href=format!("tel:{p}")>{p.clone()}</a></p>
        })}
        {children}
        <ProposalForm children=named/>
        <p class="muted">{f.private_note}</p>
    }
    .into_any()
}

/// An unknown, revoked or dead link, in the same words for each (nothing tells which):
/// whom to ask for a new one, and the school's phone when it is set.
#[component]
fn LinkGone(school_phone: Option<String>) -> impl IntoView {
    let t = use_strings();
    crate::page::keep_status(&AppError::NotFound);
    view! {
        <p class="flash flash-error" role="alert" data-testid="link-gone">{t.family.link_gone}</p>
        {school_phone.map(|p| view! {
            <p>{t.family.school_phone}{t.common.colon}<a href=format!("tel:{p}")>{p.clone()}</a></p>
        })}
    }
    .into_any()
}

#[component]
fn Child(c: FamilyChild) -> impl IntoView {
    let t = use_strings();
    let f = t.family;
    let token = use_params_map()
        .read_untracked()
        .get("token")
        .unwrap_or_default();
    let coming = c
        .coming
        .iter()
        .map(|e| {
            let what = if e.birthday {
                f.birthday.to_owned()
            } else {
                e.title.clone()
            };
            view! { <li><span class="muted">{month_day(e.day)}</span>" "{what}</li> }
        })
        .collect_view();
    let diary = c
        .diary
        .iter()
        .map(|d| view! { <li><span class="muted">{date(d.day)}</span>" "{d.body.clone()}</li> })
        .collect_view();
    let sent = c
        .sent
        .iter()
        .map(|m| {
            let read = if m.read { f.sent_read } else { f.sent_unread };
            view! {
                <li data-read=m.read.to_string()>
                    <span class="muted">{m.sent_at.clone()}" · "{read}</span>
                    <p>{m.body.clone()}</p>
                </li>
            }
        })
        .collect_view();
    let proposed = c
        .proposed
        .iter()
        .map(|p| {
            let state = match p.state {
                ProposalState::Pending => f.proposal_pending,
                ProposalState::Accepted => f.accepted,
                ProposalState::Declined => f.proposal_declined,
            };
            let who = match p.parent {
                Parent::Father => f.father,
                Parent::Mother => f.mother,
            };
            let what = [
                p.phone
                    .as_ref()
                    .map(|v| format!("{}{}{v}", f.phone, t.common.colon)),
                p.work_city
                    .as_ref()
                    .map(|v| format!("{}{}{v}", f.work_city, t.common.colon)),
                p.call_window.as_ref().map(|w| {
                    format!(
                        "{}{}{}",
                        f.call_window,
                        t.common.colon,
                        crate::family::strings::window_words(t, w)
                    )
                }),
            ]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(t.common.list_comma);
            view! {
                <li data-state=p.state.key()>
                    <span class="muted">{p.created_at.clone()}" · "{who}" · "{state}</span>
                    <p>{what}</p>
                </li>
            }
        })
        .collect_view();
    let calls = if c.called_this_week {
        f.called_this_week.to_owned()
    } else if c.call_streak > 0 {
        (f.call_streak)(c.call_streak)
    } else {
        f.call_fresh.to_owned()
    };
    let id = c.child_id.to_string();
    let anchor = format!("child-{id}");
    let for_message = id.clone();
    view! {
        <section class="family-child" id=anchor data-child=id>
            <h2>{c.name.clone()}</h2>
            {c.counselor.clone().map(|who| view! { <p class="muted">{(f.counselor)(&who)}</p> })}
            <h3>{f.coming}</h3>
            {c.coming.is_empty().then(|| view! { <p class="muted">{f.nothing_coming}</p> })}
            <ul class="coming">{coming}</ul>
            <h3>{f.calls}</h3>
            <p data-testid="calls">{calls}</p>
            {(!c.diary.is_empty()).then(|| view! { <h3>{f.diary}</h3><ul class="shared-diary">{diary}</ul> })}
            <h3>{f.write}</h3>
            {(!c.sent.is_empty()).then(|| view! {
                <p class="muted">{f.sent_title}</p>
                <ul class="family-sent" data-testid="sent">{sent}</ul>
            })}
            <MessageForm token=token.clone() child=for_message/>
            {(!c.proposed.is_empty()).then(|| view! {
                <p class="muted">{f.proposed_title}</p>
                <ul class="family-sent" data-testid="proposed">{proposed}</ul>
            })}
        </section>
    }
    .into_any()
}

/// A message to the counselor about this child.
#[component]
fn MessageForm(token: String, child: String) -> impl IntoView {
    let f = use_strings().family;
    view! {
        <form method="post" action="/api/family/message" class="stack message-form">
            <input type="hidden" name="token" value=token/>
            <input type="hidden" name="child" value=child/>
            <label>{f.message_label}<textarea name="body" rows="3" required maxlength="500"></textarea></label>
            <button type="submit" class="button primary">{f.send}</button>
        </form>
    }
    .into_any()
}

/// A change to the parent's own phone, work place and call window, for staff to review:
/// once for the household, for the first child and the brothers and sisters ticked (all at
/// first: a parent's new number is new for each of them).
#[component]
fn ProposalForm(children: Vec<(i64, String)>) -> impl IntoView {
    let t = use_strings();
    let f = t.family;
    let token = use_params_map()
        .read_untracked()
        .get("token")
        .unwrap_or_default();
    let Some((child, first)) = children.first().cloned() else {
        return ().into_any();
    };
    let siblings = (children.len() > 1).then(|| {
        let also = children[1..]
            .iter()
            .map(|(id, name)| view! { <label><input type="checkbox" name="also[]" value=id.to_string() checked/>{name.clone()}</label> })
            .collect_view();
        view! {
            <fieldset class="ticks"><legend>{f.details_for}</legend>
                <label><input type="checkbox" checked disabled/>{first}</label>
                {also}
            </fieldset>
        }
    });
    let days = f
        .weekdays
        .iter()
        .enumerate()
        .map(|(i, d)| view! { <label class="day"><input type="checkbox" name="weekday[]" value=(i + 1).to_string()/>{*d}</label> })
        .collect_view();
    // Named as a parent says them ("北京时间（中国）"), not by their code.
    let zones = ZONES
        .iter()
        .zip(t.habits.zone_labels.iter())
        .map(|(z, word)| view! { <option value=*z selected={*z == CALL_ZONE}>{*word}</option> })
        .collect_view();
    view! {
        <details class="details-form">
            <summary>{f.my_details}</summary>
            <form method="post" action="/api/family/propose" class="stack proposal-form">
                <input type="hidden" name="token" value=token/>
                <input type="hidden" name="child" value=child.to_string()/>
                <p class="muted">{f.details_hint}</p>
                {siblings}
                <label>{f.parent}<select name="parent" required>
                    <option value="mother">{f.mother}</option>
                    <option value="father">{f.father}</option>
                </select></label>
                <label>{f.phone}<input name="phone" type="tel" inputmode="tel" autocomplete="tel" maxlength="30"/></label>
                <label>{f.work_city}<input name="work_city" maxlength="20"/></label>
                <fieldset class="call-window"><legend>{f.call_window}</legend>
                    <div class="days">{days}</div>
                    <label>{f.from}<input name="from" type="time" value=CALL_FROM/></label>
                    <label>{f.to}<input name="to" type="time" value=CALL_TO/></label>
                    <label>{f.zone}<select name="zone">{zones}</select></label>
                </fieldset>
                <button type="submit" class="button">{f.propose}</button>
            </form>
        </details>
    }
    .into_any()
}
