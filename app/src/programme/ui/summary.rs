//! The year-end summary (学年工作总结): the school's own report, written from the data in
//! the language of the page, printed on A4 for the Youth League committee and the
//! education bureau.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::auth::permissions::Capability;
use crate::page::{page_gate, use_strings};
use crate::programme::api::get_summary;
use crate::programme::types::YearSummary;

#[component]
pub fn SummaryPage() -> impl IntoView {
    let t = use_strings();
    if let Err(denied) = page_gate(Capability::ReadProgramme) {
        return denied;
    }
    let year = use_query_map()
        .read_untracked()
        .get("year")
        .and_then(|y| y.trim().parse::<i32>().ok());
    let summary = Resource::new(move || year, get_summary);
    view! {
        <Title text=format!("{} · {}", t.programme.summary_link, t.common.app_name)/>
        <Suspense fallback=move || view! { <crate::page::Loading/> }>
            {move || Suspend::new(async move {
                match summary.await {
                    Ok(s) => view! { <Report s/> }.into_any(),
                    Err(e) => crate::page::error_notice(t, &e),
                }
            })}
        </Suspense>
    }
    .into_any()
}

#[component]
fn Report(s: YearSummary) -> impl IntoView {
    let t = use_strings();
    let p = t.programme;
    let sections = [
        p.leading,
        p.pairing,
        p.five,
        p.files,
        p.groups,
        p.checkup_text,
        p.concerns,
        p.inspection,
        p.difficulties,
    ];
    let body = p
        .headings
        .iter()
        .zip(sections)
        .map(|(heading, text)| view! { <section><h2>{*heading}</h2><p>{text(&s)}</p></section> })
        .collect_view();
    view! {
        <p class="no-print print-hint">{p.print_hint}</p>
        <article class="year-summary" data-testid="summary">
            <h1>{(p.summary_title)(&s.school, s.year)}</h1>
            <p class="intro">{(p.intro)(&s)}</p>
            {body}
            <p class="signed-off">{s.school.clone()}<br/>{(p.as_of)(&s.today.format("%Y-%m-%d").to_string())}</p>
        </article>
    }
}
