//! Every open follow-up of the checkups: who, what, by when, the overdue ones marked.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::auth::permissions::Capability;
use crate::checkup::api::list_follow_ups;
use crate::checkup::types::FollowUps;
use crate::page::{page_gate, use_strings};
use crate::school::urls::checkup_child_href;

/// Every open follow-up the user may see, by due date, overdue ones marked.
#[component]
pub fn FollowUpsPage() -> impl IntoView {
    let t = use_strings();
    if let Err(denied) = page_gate(Capability::ReadHealth) {
        return denied;
    }
    let list = Resource::new(|| (), |_| list_follow_ups());
    view! {
        <Title text=format!("{} · {}", t.checkup.all_follow_ups, t.common.app_name)/>
        <section class="card follow-ups-page">
            <h1>{t.checkup.all_follow_ups}</h1>
            <p class="hint">{t.checkup.follow_ups_hint}</p>
            <Suspense fallback=move || view! { <crate::page::Loading/> }>
                {move || Suspend::new(async move {
                    match list.await {
                        Ok(list) => view! { <FollowUpTable list/> }.into_any(),
                        Err(e) => crate::page::error_notice(t, &e),
                    }
                })}
            </Suspense>
        </section>
    }
    .into_any()
}

#[component]
fn FollowUpTable(list: FollowUps) -> impl IntoView {
    let t = use_strings();
    if list.items.is_empty() {
        return view! { <p class="hint">{t.checkup.no_follow_ups}</p> }.into_any();
    }
    // Aid answers a follow-up (glasses, treatment): for those who may ask it.
    let asks_aid = crate::page::use_viewer().is_some_and(|v| {
        crate::auth::permissions::access(v.role, Capability::RequestAid)
            != crate::auth::permissions::Access::Denied
    });
    let rows = list
        .items
        .into_iter()
        .map(|f| {
            let late = f.due < list.today;
            let aid_href = format!("/funds/aid?child={}&year={}", f.child_id, f.year);
            view! {
                <tr class:overdue=late>
                    <td>{f.due.format("%Y-%m-%d").to_string()}{late.then(|| view! { " "<span class="badge badge-late">{t.checkup.overdue}</span> })}</td>
                    <td><a href=checkup_child_href(f.year, f.child_id)>{f.name}</a></td>
                    <td>{(t.common.class_label)(f.class.grade, f.class.number)}</td>
                    <td>{f.what}</td>
                    <td>{f.year}</td>
                    <td>{f.counselor.unwrap_or_default()}</td>
                    {asks_aid.then(|| view! { <td><a class="button" href=aid_href>{t.funds.request_aid}</a></td> })}
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="table-scroll">
            <table class="data-table follow-up-table">
                <thead><tr>
                    <th scope="col">{t.checkup.follow_up_due}</th>
                    <th scope="col">{t.common.child_name}</th>
                    <th scope="col">{t.common.child_class}</th>
                    <th scope="col">{t.checkup.follow_up_what}</th>
                    <th scope="col">{t.checkup.follow_up_year}</th>
                    <th scope="col">{t.common.counselor_label}</th>
                    {asks_aid.then(|| view! { <th scope="col"><span class="sr-only">{t.funds.request_aid}</span></th> })}
                </tr></thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
    .into_any()
}
