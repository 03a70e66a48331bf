//! The 自强好少年 certificate: one A4 page with the school's name, the child's name and
//! class, the term and the date; printed from the browser.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use crate::auth::permissions::Capability;
use crate::awards::api::get_certificate;
use crate::awards::types::Certificate;
use crate::habits::strings::term_label;
use crate::page::{page_gate, use_strings};

#[component]
pub fn CertificatePage() -> impl IntoView {
    let t = use_strings();
    if let Err(denied) = page_gate(Capability::Nominate) {
        return denied;
    }
    let id = use_params_map()
        .read_untracked()
        .get("id")
        .and_then(|id| id.parse::<i64>().ok())
        .unwrap_or_default();
    let certificate = Resource::new(move || id, get_certificate);
    view! {
        <Title text=format!("{} · {}", t.awards.certificate, t.common.app_name)/>
        <Suspense fallback=move || view! { <crate::page::Loading/> }>
            {move || Suspend::new(async move {
                match certificate.await {
                    Ok(c) => view! { <Sheet c/> }.into_any(),
                    Err(e) => crate::page::error_notice(t, &e),
                }
            })}
        </Suspense>
    }
    .into_any()
}

#[component]
fn Sheet(c: Certificate) -> impl IntoView {
    let t = use_strings();
    view! {
        <p class="no-print certificate-hint">{t.awards.print_hint}</p>
        <article class="certificate" data-testid="certificate">
            <p class="certificate-title">{t.awards.certificate_title}</p>
            <p class="certificate-name">{c.child.clone()}</p>
            <p class="certificate-class">{(t.common.class_label)(c.class.grade, c.class.number)}</p>
            <p class="certificate-text">{(t.awards.certificate_text)(&term_label(t, &c.term))}</p>
            <p class="certificate-award">{t.awards.title}</p>
            <p class="certificate-school">{c.school.clone()}</p>
            <p class="certificate-date">{c.approved_on.format("%Y-%m-%d").to_string()}</p>
        </article>
    }
}
