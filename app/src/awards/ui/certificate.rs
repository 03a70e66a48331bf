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
    let a = t.awards;
    view! {
        <p class="no-print certificate-hint">{a.print_hint}</p>
        <article class="certificate" data-testid="certificate">
            <p class="certificate-title">{a.certificate_title}</p>
            <p class="certificate-name">{(a.certificate_name)(&c.child)}</p>
            <p class="certificate-class">{(t.common.class_label)(c.class.grade, c.class.number)}</p>
            <p class="certificate-text">{(a.certificate_text)(&term_label(t, &c.term))}{unbroken(a.certificate_named)}</p>
            <p class="certificate-award">{a.title}</p>
            <p class="certificate-school">{c.school.clone()}</p>
            <p class="certificate-date">{(a.certificate_date)(c.approved_on)}</p>
        </article>
    }
}

/// `words` that a line never breaks inside (a tablet left 为 alone on a line of its own).
/// The page's policy allows no inline style, so in place of `nowrap`: a word joiner
/// wherever Chinese may break (between any two characters), and no-break spaces.
fn unbroken(words: &str) -> String {
    let mut kept = String::with_capacity(words.len() * 2);
    let mut previous: Option<char> = None;
    for c in words.chars() {
        if previous.is_some_and(|p| !(p.is_ascii() && c.is_ascii())) {
            kept.push('\u{2060}');
        }
        kept.push(if c == ' ' { '\u{a0}' } else { c });
        previous = Some(c);
    }
    kept
}

#[cfg(test)]
mod tests {
    use super::unbroken;

    #[test]
    fn words_kept_on_one_line_have_nothing_a_line_may_break_at() {
        assert_eq!(unbroken("被评为"), "被\u{2060}评\u{2060}为");
        assert_eq!(unbroken("is named"), "is\u{a0}named");
        assert_eq!(unbroken("为 A"), "为\u{2060}\u{a0}A");
        assert_eq!(unbroken(""), "");
    }
}
