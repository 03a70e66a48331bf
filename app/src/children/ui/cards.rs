//! A class's contact cards to print (A6, four to an A4).

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use super::class_text;
use crate::auth::permissions::{Capability, Target};
use crate::children::api::{get_child, list_children};
use crate::children::types::ChildFile;
use crate::children::types::{LeftBehind, ParentsAway};
use crate::error::AppError;
use crate::page::page_gate_on;
use crate::page::use_strings;

/// Contact cards to print: one child's (`?child=`) or a whole class's (`?class=`), A6 each,
/// four to an A4 page.
#[component]
pub fn CardsPage() -> impl IntoView {
    let t = use_strings();
    if let Err(denied) = page_gate_on(Capability::ReadChildFile, Target::Any) {
        return denied;
    }
    let query = use_query_map();
    let child = query
        .read_untracked()
        .get("child")
        .and_then(|c| c.parse::<i64>().ok());
    let class = query
        .read_untracked()
        .get("class")
        .and_then(|c| c.parse::<i64>().ok());
    let cards = Resource::new(
        move || (child, class),
        |(child, class)| async move {
            let ids: Vec<i64> = match (child, class) {
                (Some(id), _) => vec![id],
                (None, Some(class)) => list_children(None, Some(class), None, None, None)
                    .await?
                    .rows
                    .into_iter()
                    .map(|r| r.id)
                    .collect(),
                _ => Vec::new(),
            };
            let mut files = Vec::new();
            for id in ids {
                files.push(get_child(id).await?);
            }
            Ok::<_, AppError>(files)
        },
    );
    view! {
        <Title text=format!("{} · {}", t.children.class_cards_title, t.common.app_name)/>
        // The sheet is only cards on paper; its heading is for a screen reader.
        <h1 class="sr-only">{t.children.class_cards_title}</h1>
        <Suspense fallback=move || view! { <crate::page::Loading/> }>
            {move || Suspend::new(async move {
                match cards.await {
                    Ok(files) => {
                        let cards = files.into_iter().filter(|f| f.full_fields).map(|f| view! { <ContactCard file=f/> }).collect_view();
                        view! { <div class="cards-sheet">{cards}</div> }.into_any()
                    }
                    Err(e) => crate::page::error_notice(t, &e),
                }
            })}
        </Suspense>
    }
    .into_any()
}

#[component]
fn ContactCard(file: ChildFile) -> impl IntoView {
    let t = use_strings();
    let line = move |label: &'static str, value: Option<String>| {
        value.map(
            |v| view! { <div class="card-line"><span>{label}</span><strong>{v}</strong></div> },
        )
    };
    let guardians = file
        .guardians
        .iter()
        .map(|g| {
            let text = format!(
                "{}{} {}",
                g.name,
                (t.common.aside)(g.relation.label(t)),
                g.phone.clone().unwrap_or_default()
            );
            line(t.children.guardians_label, Some(text))
        })
        .collect_view();
    view! {
        <article class="contact-card">
            <header>
                <h2>{file.name.clone()}</h2>
                <span>{class_text(t, file.class)}</span>
                {file.left_behind.filter(|s| *s != LeftBehind::None).map(|s| view! { <span class="badge">{s.label(t)}</span> })}
            </header>
            {line(t.children.child_birth_date, file.birth_date.map(|d| d.format("%Y-%m-%d").to_string()))}
            {guardians}
            {line(t.children.home_address, file.home_address.clone())}
            {line(t.children.father_phone, file.father_phone.clone())}
            {line(t.children.mother_phone, file.mother_phone.clone())}
            {line(t.children.work_city, crate::children::work_place_domain::shown(
                file.parents_away.unwrap_or(ParentsAway::None),
                &file.work_province,
                &file.work_city,
                &file.mother_work_place,
                t,
            ))}
            {line(t.children.emergency_contact, match (&file.emergency_contact, &file.emergency_phone) {
                (Some(n), Some(p)) => Some(format!("{n} {p}")),
                (n, p) => n.clone().or(p.clone()),
            })}
            {line(t.common.counselor_label, file.counselor.clone())}
        </article>
    }
}
