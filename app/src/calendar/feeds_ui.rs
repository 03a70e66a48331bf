//! The subscriptions page: make a link for the school's student calendar or for one child's
//! parents, show it once with a QR code to send, revoke it. The new link comes out of the
//! server-side session as the page renders (see `feeds_api`), so a reload no longer shows it.

use leptos::prelude::*;
use leptos_meta::Title;

use super::feeds_api::{list_feeds, take_new_feed};
use crate::auth::api::list_assignment_choices;
use crate::auth::permissions::Capability;
use crate::calendar::types::FeedSummary;
use crate::error::AppError;
use crate::page::use_strings;
use crate::page::{page_gate, Flash};
use crate::school::urls::{feed_links, FeedLinks};

#[component]
pub fn FeedsPage() -> impl IntoView {
    let t = use_strings();
    if let Err(denied) = page_gate(Capability::ManageFeeds) {
        return denied;
    }
    // One resource for the page (see `ChildPage`): the link just made, and the lists.
    let page = Resource::new(
        || (),
        |_| async {
            let created = take_new_feed(None).await;
            let data = async {
                Ok::<_, AppError>((list_feeds().await?, list_assignment_choices().await?))
            };
            (created, data.await)
        },
    );
    view! {
        <Title text=format!("{} · {}", t.calendar.feeds_title, t.common.app_name)/>
        <section class="card">
            <h1>{t.calendar.feeds_title}</h1>
            <Flash/>
            <Suspense fallback=move || view! { <crate::page::Loading/> }>
                {move || Suspend::new(async move {
                    let (created, data) = page.await;
                    let created = match created {
                        Ok(token) => token.map(|token| view! { <NewFeed token/> }.into_any()),
                        Err(e) => Some(view! { <p class="flash flash-error" role="alert">{e.message(t)}</p> }.into_any()),
                    };
                    match data {
                        Ok((feeds, choices)) => view! {
                            {created}
                            <form method="post" action="/api/admin/feeds/create" class="inline-form">
                                <label>{t.calendar.feed_for_child}
                                    <select name="child_id">
                                        <option value="">{t.calendar.feed_school}</option>
                                        {choices.left_behind_children.into_iter().map(|(id, name)| view! {
                                            <option value=id.to_string()>{name}</option>
                                        }).collect_view()}
                                    </select>
                                </label>
                                <button type="submit" class="button primary">{t.calendar.feed_create}</button>
                            </form>
                            <FeedTable feeds/>
                        }
                        .into_any(),
                        Err(e) => view! { <p class="flash flash-error" role="alert">{e.message(t)}</p> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
    .into_any()
}

/// The new link, shown once: to paste into a phone calendar or scan from the screen, or
/// (`webcal://`) to subscribe on the device showing it.
#[component]
pub fn NewFeed(token: String) -> impl IntoView {
    let t = use_strings();
    let FeedLinks { web, webcal } = links_of(&token);
    let qr = qr_svg(&web);
    view! {
        <div class="new-feed" role="status">
            <p>{t.calendar.feed_created}</p>
            <p><a class="feed-link" href=web.clone()>{web.clone()}</a></p>
            <p><a class="feed-webcal" href=webcal>{t.calendar.feed_subscribe}</a></p>
            <div class="qr" inner_html=qr></div>
        </div>
    }
}

fn links_of(token: &str) -> FeedLinks {
    feed_links(&public_base(), token)
}

/// The site's address for links given out (a feed, a family's page): the configured public
/// address; without one (development), `http://` and the `Host` the page was asked for.
pub fn public_base() -> String {
    #[cfg(feature = "ssr")]
    {
        let configured = use_context::<crate::state::AppState>().and_then(|s| s.public_url);
        configured.unwrap_or_else(|| {
            let host = use_context::<http::request::Parts>()
                .and_then(|p| {
                    p.headers
                        .get(http::header::HOST)
                        .and_then(|h| h.to_str().ok())
                        .map(str::to_owned)
                })
                .unwrap_or_else(|| "127.0.0.1:3000".to_owned());
            format!("http://{host}")
        })
    }
    #[cfg(not(feature = "ssr"))]
    {
        String::new()
    }
}

/// `text` as a QR code (SVG) for a phone to scan off the screen; rendered on the server.
pub fn qr_svg(text: &str) -> String {
    #[cfg(feature = "ssr")]
    {
        use qrcode::render::svg;
        qrcode::QrCode::new(text.as_bytes())
            .map(|code| code.render::<svg::Color>().min_dimensions(200, 200).build())
            .unwrap_or_default()
    }
    #[cfg(not(feature = "ssr"))]
    {
        let _ = text;
        String::new()
    }
}

#[component]
fn FeedTable(feeds: Vec<FeedSummary>) -> impl IntoView {
    let t = use_strings();
    view! {
        <div class="table-scroll">
            <table class="data-table feeds">
                <thead><tr><th>{t.calendar.feed_label}</th><th>{t.common.audit_at}</th><th>{t.common.status}</th><th><span class="sr-only">{t.common.actions}</span></th></tr></thead>
                <tbody>
                    {feeds.into_iter().map(|f| view! {
                        <tr class:inactive=f.revoked data-feed=f.id.to_string()>
                            <td>{f.label}</td>
                            <td>{f.created_at.replace('T', " ").trim_end_matches('Z').to_owned()}</td>
                            <td>{if f.revoked { t.calendar.feed_revoked } else { t.common.status_active }}</td>
                            <td>
                                {(!f.revoked).then(|| view! {
                                    <form method="post" action="/api/admin/feeds/revoke" class="row-form">
                                        <input type="hidden" name="id" value=f.id.to_string()/>
                                        <button type="submit" class="button small">{t.calendar.feed_revoke}</button>
                                    </form>
                                })}
                            </td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}
