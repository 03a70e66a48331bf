//! A child's family as the counselor sees it (`/family/desk/{child}`): the household's
//! links (a new one shown once, with its QR code), the family's messages, the changes they
//! proposed (accepted into the file, or declined), and which diary entries they see.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use super::date;
use crate::auth::permissions::Capability;
use crate::family::api::get_desk;
use crate::family::strings::window_words;
use crate::family::types::{FamilyDesk, Parent, Proposal, ProposalState};
use crate::page::{page_gate, use_strings, Flash};

#[component]
pub fn DeskPage() -> impl IntoView {
    let t = use_strings();
    if let Err(denied) = page_gate(Capability::WriteChildFile) {
        return denied;
    }
    let child = use_params_map()
        .read_untracked()
        .get("child")
        .and_then(|c| c.parse::<i64>().ok())
        .unwrap_or_default();
    let desk = Resource::new(move || child, get_desk);
    view! {
        <Title text=format!("{} · {}", t.family.desk_link, t.common.app_name)/>
        <section class="card family-desk" data-native-forms="">
            <Flash/>
            <Suspense fallback=move || view! { <crate::page::Loading/> }>
                {move || Suspend::new(async move {
                    match desk.await {
                        Ok(desk) => view! { <Desk desk/> }.into_any(),
                        Err(e) => crate::page::error_notice(t, &e),
                    }
                })}
            </Suspense>
        </section>
    }
    .into_any()
}

#[component]
fn Desk(desk: FamilyDesk) -> impl IntoView {
    let t = use_strings();
    let f = t.family;
    let child = desk.child_id.to_string();
    let new_link = desk.new_link.clone().map(|token| {
        let url = format!(
            "{}/family/{token}",
            crate::calendar::feeds_ui::public_base()
        );
        let qr = crate::calendar::feeds_ui::qr_svg(&url);
        view! {
            <div class="new-feed" role="status" data-testid="new-link">
                <p>{f.new_link}</p>
                <p><a class="family-link" href=url.clone()>{url.clone()}</a></p>
                <p class="muted">{f.new_link_hint}</p>
                <div class="qr" inner_html=qr></div>
            </div>
        }
    });
    let links = desk
        .links
        .iter()
        .map(|l| {
            let last = l.last_opened_on.map(|d| d.format("%Y-%m-%d").to_string());
            view! {
                <li data-link=l.id.to_string() data-revoked=l.revoked.to_string()>
                    <strong>{(f.link_label)(l.id)}</strong>" · "{l.children.join("、")}" · "
                    <span class="muted">{(f.made)(&l.created_by, &l.created_at)}" · "
                        {(f.opened)(l.opened, last.as_deref())}</span>
                    {if l.revoked {
                        view! { " · "<span class="tag">{f.revoked}</span> }.into_any()
                    } else {
                        view! {
                            <form method="post" action="/api/family/revoke" class="inline-form">
                                <input type="hidden" name="link" value=l.id.to_string()/>
                                <input type="hidden" name="child" value=child.clone()/>
                                <details class="confirm">
                                    <summary class="button">{f.revoke}"…"</summary>
                                    <p>{f.revoke_means}</p>
                                    <button type="submit" class="button danger">{f.revoke_confirm}</button>
                                </details>
                            </form>
                        }
                        .into_any()
                    }}
                </li>
            }
        })
        .collect_view();
    let siblings = desk
        .siblings
        .iter()
        .map(|(id, name)| view! { <label><input type="checkbox" name="siblings[]" value=id.to_string()/>{name.clone()}</label> })
        .collect_view();
    let messages = desk
        .messages
        .iter()
        .map(|m| {
            view! {
                <li class="family-message" data-read=m.read.to_string()>
                    <span class="muted">{m.sent_at.clone()}</span>
                    {(!m.read).then(|| view! { " "<span class="tag warn">{f.new_badge}</span> })}
                    <p>{m.body.clone()}</p>
                </li>
            }
        })
        .collect_view();
    let proposals = desk
        .proposals
        .iter()
                .map(|p| view! { <ProposalItem p=p.clone() file_version=desk.file_version window_version=desk.window_version/> })
        .collect_view();
    let diary = desk
        .diary
        .iter()
        .map(|d| view! {
            <li data-entry=d.id.to_string() data-shared=d.shared.to_string()>
                <span class="muted">{date(d.day)}{d.by_child.then(|| format!(" · {}", f.by_child))}</span>
                " "{d.body.clone()}
                {desk.can_share.then(|| view! {
                    <form method="post" action="/api/family/share" class="inline-form">
                        <input type="hidden" name="child" value=child.clone()/>
                        <input type="hidden" name="entry" value=d.id.to_string()/>
                        {if d.shared {
                            view! { <span class="tag">{f.shared}</span><button type="submit" class="button">{f.unshare}</button> }.into_any()
                        } else {
                            view! { <button type="submit" name="share" value="1" class="button">{f.share}</button> }.into_any()
                        }}
                    </form>
                })}
            </li>
        })
        .collect_view();
    view! {
        <h1>{(f.desk_title)(&desk.name)}</h1>
        <p><a href=format!("/care/child/{child}")>{desk.name.clone()}</a></p>
        <h2>{f.links}</h2>
        {new_link}
        <ul class="family-links" data-testid="links">{links}</ul>
        <form method="post" action="/api/family/link" class="stack no-print">
            <input type="hidden" name="child" value=child.clone()/>
            {(!desk.siblings.is_empty()).then(|| view! {
                <fieldset class="ticks"><legend>{f.with_siblings}</legend>{siblings}</fieldset>
            })}
            {if desk.links.iter().all(|l| l.revoked) {
                view! { <button type="submit" class="button primary">{f.make_link}</button> }.into_any()
            } else {
                view! {
                    <p class="muted">{f.another_link_hint}</p>
                    <button type="submit" class="button">{f.make_another_link}</button>
                }
                .into_any()
            }}
        </form>
        <h2>{f.messages}</h2>
        {desk.messages.is_empty().then(|| view! { <p class="muted">{f.no_messages}</p> })}
        <ul class="family-messages" data-testid="messages">{messages}</ul>
        <h2>{f.proposals}</h2>
        {desk.proposals.is_empty().then(|| view! { <p class="muted">{f.no_proposals}</p> })}
        <ul class="family-proposals" data-testid="proposals">{proposals}</ul>
        {(!desk.diary.is_empty()).then(|| view! {
            <h2>{f.share_diary}</h2>
            <ul class="family-diary" data-testid="diary">{diary}</ul>
        })}
    }
    .into_any()
}

#[component]
fn ProposalItem(p: Proposal, file_version: i64, window_version: i64) -> impl IntoView {
    let t = use_strings();
    let f = t.family;
    let who = match p.parent {
        Parent::Father => f.father,
        Parent::Mother => f.mother,
    };
    let state = match p.state {
        ProposalState::Pending => None,
        ProposalState::Accepted => Some(f.accepted),
        ProposalState::Declined => Some(f.declined),
    };
    view! {
        <li class="family-proposal" data-state=p.state.key()>
            <p><strong>{who}</strong>" · "<span class="muted">{p.created_at.clone()}</span>
                {state.map(|s| view! { " · "<span class="tag">{s}</span> })}</p>
            {p.phone.clone().map(|v| view! {
                <p>{f.phone}{t.common.colon}<strong>{v}</strong>" "
                    <span class="muted">{(f.now_on_file)(p.phone_now.as_deref().unwrap_or("—"))}</span></p>
            })}
            {p.work_city.clone().map(|v| view! {
                <p>{f.work_city}{t.common.colon}<strong>{v}</strong>" "
                    {p.work_place_filed.clone().map(|w| view! { <span class="muted">{(f.filed_as)(&w)}</span>" · " })}
                    <span class="muted">{(f.now_on_file)(p.work_place_now.as_deref().unwrap_or("—"))}</span></p>
            })}
            {p.call_window.as_ref().map(|w| {
                // What is on file, with the staff's note on it (kept when this is accepted).
                let now = p.window_now.as_ref().map_or_else(
                    || "—".to_owned(),
                    |n| [window_words(t, n), n.note.clone()].join(" ").trim().to_owned(),
                );
                view! {
                    <p>{f.call_window}{t.common.colon}<strong>{window_words(t, w)}</strong>" "
                        <span class="muted">{(f.now_on_file)(&now)}</span></p>
                }
            })}
            {(p.state == ProposalState::Pending).then(|| view! {
                <form method="post" action="/api/family/decide" class="inline-form">
                                        <input type="hidden" name="proposal" value=p.id.to_string()/>
                    <input type="hidden" name="file_version" value=file_version.to_string()/>
                    <input type="hidden" name="window_version" value=window_version.to_string()/>
                    <button type="submit" name="accept" value="1" class="button primary">{f.accept}</button>
                    <button type="submit" class="button">{f.decline}</button>
                </form>
            })}
        </li>
    }
    .into_any()
}
