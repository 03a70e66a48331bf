//! The children's list with its counts and the chart per class.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use super::class_text;
use crate::auth::permissions::Capability;
use crate::children::api::list_children;
use crate::children::types::ChildList;
use crate::children::types::Enrolment;
use crate::children::types::LeftBehind;
use crate::page::use_strings;
use crate::page::{page_gate, Flash};
use crate::school::types::ClassLabel;

#[component]
pub fn ChildrenPage() -> impl IntoView {
    let t = use_strings();
    if let Err(denied) = page_gate(Capability::ReadChildFile) {
        return denied;
    }
    let query = use_query_map();
    let get = |key: &str| query.read_untracked().get(key).filter(|v| !v.is_empty());
    let q = get("q");
    let class = get("class").and_then(|c| c.parse::<i64>().ok());
    let status = get("status");
    let counselor = get("counselor").and_then(|c| c.parse::<i64>().ok());
    let left = get("left").is_some();
    let args = (q.clone(), class, status.clone(), counselor, left);
    let list = Resource::new(
        move || args.clone(),
        |(q, class, status, counselor, left)| {
            list_children(q, class, status, counselor, Some(left))
        },
    );
    let export_query = query.read_untracked().to_query_string();
    view! {
        <Title text=format!("{} · {}", t.children.children_title, t.common.app_name)/>
        <section class="card">
            <h1>{t.children.children_title}</h1>
            <Flash/>
            <Suspense fallback=move || view! { <crate::page::Loading/> }>
                {move || {
                    let (q, status, export_query) = (q.clone(), status.clone(), export_query.clone());
                    Suspend::new(async move {
                        match list.await {
                            Ok(list) => view! { <ChildrenList list q status class counselor left export_query/> }.into_any(),
                            Err(e) => crate::page::error_notice(t, &e),
                        }
                    })
                }}
            </Suspense>
        </section>
    }
    .into_any()
}

#[component]
fn ChildrenList(
    list: ChildList,
    q: Option<String>,
    status: Option<String>,
    class: Option<i64>,
    counselor: Option<i64>,
    left: bool,
    export_query: String,
) -> impl IntoView {
    let t = use_strings();
    let class_options = list
        .classes
        .iter()
        .map(|(id, label)| view! { <option value=id.to_string() selected=class == Some(*id)>{class_text(t, *label)}</option> })
        .collect_view();
    let counselor_filter = (!list.counselors.is_empty()).then(|| {
        let options = list
            .counselors
            .iter()
            .map(|(id, name)| view! { <option value=id.to_string() selected=counselor == Some(*id)>{name.clone()}</option> })
            .collect_view();
        view! {
            <label>{t.common.counselor_label}
                <select name="counselor"><option value="">{t.children.all_counselors}</option>{options}</select>
            </label>
        }
    });
    let status_filter = list.sees_status.then(|| {
        let options = LeftBehind::ALL
            .into_iter()
            .map(|s| view! { <option value=s.key() selected=status.as_deref() == Some(s.key())>{s.label(t)}</option> })
            .collect_view();
        view! {
            <label>{t.children.left_behind_label}
                <select name="status"><option value="">{t.children.all_statuses}</option>{options}</select>
            </label>
        }
    });
    let rows = list
        .rows
        .iter()
        .map(|r| {
            view! {
                <tr class:inactive=r.enrolment != Enrolment::Active>
                    <td><a href=format!("/children/{}", r.id)>{r.name.clone()}</a></td>
                    <td>{class_text(t, r.class)}</td>
                    {list.full_fields.then(|| view! {
                        <td>{r.gender.map(|g| g.label(t))}</td>
                        <td>{r.birth_date.map(|d| d.format("%Y-%m-%d").to_string())}</td>
                    })}
                    <td>{r.left_behind.map(|s| s.label(t))}</td>
                    <td>{r.guardian_phone.clone()}</td>
                    {list.full_fields.then(|| view! { <td>{r.counselor.clone()}</td> })}
                    {(r.enrolment != Enrolment::Active).then(|| view! { <td>{r.enrolment.label(t)}</td> })}
                </tr>
            }
        })
        .collect_view();
    let cards = class.filter(|_| list.full_fields).map(|c| {
        view! { <a class="button" href=format!("/children/cards?class={c}")>{t.children.print_class_cards}</a> }
    });
    let export = |ext: &str| {
        if export_query.is_empty() {
            format!("/children/export.{ext}")
        } else {
            format!("/children/export.{ext}?{export_query}")
        }
    };
    view! {
        <form method="get" action="/children" class="inline-form filters" role="search">
            <label>{t.children.search_name}<input type="search" name="q" value=q.unwrap_or_default()/></label>
            <label>{t.common.child_class}<select name="class"><option value="">{t.common.all_classes}</option>{class_options}</select></label>
            {status_filter}
            {counselor_filter}
            <label class="check"><input type="checkbox" name="left" value="1" checked=left/>{t.children.include_left}</label>
            <button type="submit" class="button">{t.common.filter}</button>
        </form>
        <p class="children-counts" data-testid="children-counts">{(t.children.children_counts)(list.total, list.full, list.half)}</p>
        {(!list.per_class.is_empty()).then(|| view! { <ClassChart per_class=list.per_class.clone()/> })}
        <div class="row-form children-actions">
            {list.can_write.then(|| view! {
                <a class="button primary" href="/children/new">{t.children.new_child}</a>
                <a class="button" href="/children/import">{t.children.import_roster}</a>
            })}
            {cards}
            {list.full_fields.then(|| view! {
                <a class="button" href=export("csv") download>{t.children.export_csv}</a>
                <a class="button" href=export("xlsx") download>{t.children.export_xlsx}</a>
            })}
        </div>
        {list.rows.is_empty().then(|| view! { <p class="notice">{t.children.no_children}</p> })}
        <div class="table-scroll">
            <table class="data-table children-table">
                <thead><tr>
                    <th scope="col">{t.common.child_name}</th>
                    <th scope="col">{t.common.child_class}</th>
                    {list.full_fields.then(|| view! {
                        <th scope="col">{t.children.child_gender}</th>
                        <th scope="col">{t.children.child_birth_date}</th>
                    })}
                    <th scope="col">{t.children.left_behind_label}</th>
                    <th scope="col">{t.children.phone_label}</th>
                    {list.full_fields.then(|| view! { <th scope="col">{t.common.counselor_label}</th> })}
                </tr></thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
}

/// Left-behind children per class as stacked bars (full, half): plain SVG, no script.
#[component]
fn ClassChart(per_class: Vec<(ClassLabel, usize, usize)>) -> impl IntoView {
    let t = use_strings();
    let most = per_class
        .iter()
        .map(|(_, f, h)| f + h)
        .max()
        .unwrap_or(1)
        .max(1);
    let (bar, gap, height) = (28.0_f64, 12.0_f64, 120.0_f64);
    let width = per_class.len() as f64 * (bar + gap) + gap;
    let bars = per_class
        .iter()
        .enumerate()
        .map(|(i, (class, full, half))| {
            let x = gap + i as f64 * (bar + gap);
            let scale = |n: usize| n as f64 / most as f64 * height;
            let (hf, hh) = (scale(*full), scale(*half));
            let label = format!("{}-{}", class.grade, class.number);
            let title = format!("{}{}{} {}{}{} {}", class_text(t, *class), t.common.colon, t.children.lb_full, full, t.common.list_comma, t.children.lb_half, half);
            view! {
                <g>
                    <title>{title}</title>
                    <rect class="bar-full" x=x y=20.0 + height - hf width=bar height=hf/>
                    <rect class="bar-half" x=x y=20.0 + height - hf - hh width=bar height=hh/>
                    <text x=x + bar / 2.0 y=20.0 + height - hf - hh - 4.0 text-anchor="middle" class="bar-value">{full + half}</text>
                    <text x=x + bar / 2.0 y=height + 36.0 text-anchor="middle">{label}</text>
                </g>
            }
        })
        .collect_view();
    view! {
        <figure class="class-chart">
            // Drawn at one and a half pixels a unit, smaller only where the screen is: one
            // class's bar stays a bar, not a wall the list waits below.
            <svg viewBox=format!("0 0 {width} {}", height + 44.0) width=(width * 1.5).round() as u32
                role="img" aria-label=t.children.per_class_chart>{bars}</svg>
            <figcaption>
                {t.children.per_class_chart}" "
                <span class="key key-full"></span>{t.children.lb_full}" "
                <span class="key key-half"></span>{t.children.lb_half}
            </figcaption>
        </figure>
    }
}
