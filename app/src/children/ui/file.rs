//! A child's file: the record, the growth chart, the enrolment form.

use leptos::prelude::*;
use leptos_meta::Title;

use super::{child_id, class_text};
use crate::auth::permissions::Capability;
use crate::calendar::feeds_api::take_new_feed;
use crate::checkup::types::Attendance;
use crate::children::api::get_child;
use crate::children::types::Enrolment;
use crate::children::types::{ChildFile, ParentsAway};
use crate::page::use_strings;
use crate::page::{page_gate, Flash};

#[component]
pub fn ChildPage() -> impl IntoView {
    let t = use_strings();
    if let Err(denied) = page_gate(Capability::ReadChildFile) {
        return denied;
    }
    let id = child_id();
    let can_feed = may_make_feeds();
    // The file and, for those who make links, a parents' link just made here (taken out of
    // the session: shown this once). One resource, as on every other page: a page waiting
    // on two resources in one Suspense sometimes never finished rendering on the server
    // (seen under load in the tests; leptos-rs/leptos#4673 looks like it).
    let page = Resource::new(
        move || id,
        move |id| async move {
            let file = get_child(id).await;
            let created = match (&file, can_feed) {
                (Ok(_), true) => take_new_feed(Some(id)).await.ok().flatten(),
                _ => None,
            };
            (file, created)
        },
    );
    view! {
        <Suspense fallback=move || view! { <crate::page::Loading/> }>
            {move || Suspend::new(async move {
                match page.await {
                    (Ok(file), created) => view! { <ChildView file can_feed created/> }.into_any(),
                    (Err(e), _) => view! { <section class="card">{crate::page::error_notice(t, &e)}</section> }.into_any(),
                }
            })}
        </Suspense>
    }
    .into_any()
}

/// Whether the viewer makes subscription links (the parents' link section is theirs).
fn may_make_feeds() -> bool {
    #[cfg(feature = "ssr")]
    {
        crate::auth::session::current_viewer().is_some_and(|v| {
            crate::auth::permissions::access(v.role, Capability::ManageFeeds)
                != crate::auth::permissions::Access::Denied
        })
    }
    #[cfg(not(feature = "ssr"))]
    {
        false
    }
}

#[component]
fn ChildView(file: ChildFile, can_feed: bool, created: Option<String>) -> impl IntoView {
    let t = use_strings();
    let dash = || "—".to_owned();
    let field = move |label: &'static str, value: Option<String>| {
        view! { <div class="field"><dt>{label}</dt><dd>{value.unwrap_or_else(dash)}</dd></div> }
    };
    let work = crate::children::work_place_domain::shown(
        file.parents_away.unwrap_or(ParentsAway::None),
        &file.work_province,
        &file.work_city,
        &file.mother_work_place,
        t,
    );
    let guardians = file
        .guardians
        .iter()
        .map(|g| {
            view! {
                <li>
                    {(!g.name.is_empty()).then(|| view! { <strong>{g.name.clone()}</strong>" · "{g.relation.label(t)}" · " })}
                    {g.phone.clone().map(|p| view! { <a href=format!("tel:{p}")>{p.clone()}</a> })}
                    {g.address.clone().map(|a| view! { " · "{a} })}
                </li>
            }
        })
        .collect_view();
    let title = format!("{} · {}", file.name, t.common.app_name);
    view! {
        <Title text=title/>
        <section class="card child-file">
            <header class="child-head">
                <h1>{file.name.clone()}</h1>
                <p class="hint">{class_text(t, file.class)}" · "{file.enrolment.label(t)}</p>
                <div class="row-form no-print">
                    {file.can_write.then(|| view! {
                        <a class="button primary" href=format!("/children/{}/edit", file.id)>{t.children.edit_child}</a>
                    })}
                    {file.full_fields.then(|| view! {
                        <a class="button" href=format!("/children/cards?child={}", file.id)>{t.children.print_card}</a>
                    })}
                </div>
            </header>
            <Flash/>
            {file.full_fields.then(|| view! {
                <dl class="fields">
                    {field(t.children.child_gender, file.gender.map(|g| g.label(t).to_owned()))}
                    {field(t.children.child_birth_date, file.birth_date.map(|d| {
                        let lunar = if file.lunar_birthday == Some(true) { (t.common.aside)(t.children.child_lunar_birthday) } else { String::new() };
                        format!("{}{lunar}", d.format("%Y-%m-%d"))
                    }))}
                    {field(t.children.left_behind_label, file.left_behind.map(|s| s.label(t).to_owned()))}
                    {field(t.children.parents_away_label, file.parents_away.map(|p| p.label(t).to_owned()))}
                    {field(t.children.work_city, work.clone())}
                    {field(t.children.away_since, file.away_since.map(|d| d.format("%Y-%m-%d").to_string()))}
                    {field(t.common.counselor_label, file.counselor.clone())}
                    {field(t.children.consent_label, Some(match &file.consent {
                        Some((date, by)) => (t.children.consent_recorded)(&date.format("%Y-%m-%d").to_string(), by),
                        None => t.children.consent_missing.to_owned(),
                    }))}
                </dl>
            })}
            {(!file.full_fields).then(|| file.left_behind.map(|s| view! {
                <dl class="fields">{field(t.children.left_behind_label, Some(s.label(t).to_owned()))}</dl>
            }))}
            <h2>{t.children.contact_card}</h2>
            <h3>{t.children.guardians_label}</h3>
            <ul class="guardians">{guardians}</ul>
            {file.full_fields.then(|| view! {
                <dl class="fields">
                    {field(t.children.home_address, file.home_address.clone())}
                    {field(t.children.father_phone, file.father_phone.clone())}
                    {field(t.children.mother_phone, file.mother_phone.clone())}
                    {field(t.children.emergency_contact, match (&file.emergency_contact, &file.emergency_phone) {
                        (Some(n), Some(p)) => Some(format!("{n} {p}")),
                        (n, p) => n.clone().or(p.clone()),
                    })}
                    {field(t.children.notes_label, file.notes.clone().filter(|n| !n.is_empty()))}
                </dl>
                {(!file.awards.is_empty()).then(|| view! {
                    <h2>{t.awards.title}</h2>
                    <ul class="coming-dates" data-testid="awards">
                        {file.awards.iter().filter_map(|key| crate::awards::domain::term_of_key(key)).map(|term| view! {
                            <li>"🏅 "{crate::habits::strings::term_label(t, &term)}</li>
                        }).collect_view()}
                    </ul>
                })}
                <h2>{t.children.coming_dates}</h2>
                <ul class="coming-dates">
                    {file.birthdays.first().map(|(d, age)| view! { <li>"🎂 "{(t.children.birthday_on)(&d.format("%Y-%m-%d").to_string(), *age)}</li> })}
                    {file.checkup.map(|d| view! { <li>{t.children.checkup_day}" "{d.format("%Y-%m-%d").to_string()}</li> })}
                </ul>
            })}
            {(!file.growth.is_empty()).then(|| view! { <Growth points=file.growth.clone()/> })}
            {(can_feed && file.enrolment == Enrolment::Active).then(|| view! {
                <section class="parents-feed no-print">
                    <h2>{t.children.parents_feed}</h2>
                    <p class="hint">{t.children.parents_feed_hint}</p>
                    {created.map(|token| view! { <crate::calendar::feeds_ui::NewFeed token/> })}
                    <form method="post" action="/api/admin/feeds/create" class="row-form">
                        <input type="hidden" name="child_id" value=file.id.to_string()/>
                        <input type="hidden" name="next" value=format!("/children/{}", file.id)/>
                        <button type="submit" class="button">{t.children.make_parents_feed}</button>
                    </form>
                </section>
            })}
            {file.can_write.then(|| view! { <EnrolmentForm file=file.clone()/> })}
        </section>
    }
}

/// Height and weight across the years as an SVG chart (height on the left scale, weight on
/// the right), and the past results below it.
#[component]
fn Growth(points: Vec<crate::children::types::GrowthPoint>) -> impl IntoView {
    let t = use_strings();
    let measured: Vec<_> = points
        .iter()
        .filter(|p| p.height_cm.is_some() || p.weight_kg.is_some())
        .collect();
    let (w, h, pad) = (560.0_f64, 220.0_f64, 44.0_f64);
    let years: Vec<i32> = measured.iter().map(|p| p.year).collect();
    let (first, last) = (
        years.first().copied().unwrap_or(0),
        years.last().copied().unwrap_or(0),
    );
    let x = move |year: i32| {
        if last == first {
            w / 2.0
        } else {
            pad + f64::from(year - first) / f64::from(last - first) * (w - 2.0 * pad)
        }
    };
    let scale = |values: Vec<f64>| {
        let (lo, hi) = values
            .iter()
            .fold((f64::MAX, f64::MIN), |(lo, hi), v| (lo.min(*v), hi.max(*v)));
        let (lo, hi) = ((lo - 5.0).floor(), (hi + 5.0).ceil());
        move |v: f64| h - pad / 2.0 - (v - lo) / (hi - lo).max(1.0) * (h - pad)
    };
    let heights: Vec<(i32, f64)> = measured
        .iter()
        .filter_map(|p| Some((p.year, p.height_cm?)))
        .collect();
    let weights: Vec<(i32, f64)> = measured
        .iter()
        .filter_map(|p| Some((p.year, p.weight_kg?)))
        .collect();
    let height_y = scale(heights.iter().map(|(_, v)| *v).collect());
    let weight_y = scale(weights.iter().map(|(_, v)| *v).collect());
    let height_of = |year: i32| {
        heights
            .iter()
            .find(|(y, _)| *y == year)
            .map(|(_, v)| height_y(*v))
    };
    let weight_of = |year: i32| {
        weights
            .iter()
            .find(|(y, _)| *y == year)
            .map(|(_, v)| weight_y(*v))
    };
    // Each line has a scale of its own, so the two may cross or meet: in a year with both,
    // the higher dot (the smaller y) is labelled above it and the other below; on a tie the
    // height goes above.
    let label_above = |mine: f64, other: Option<f64>, is_height: bool| match other {
        Some(other) if is_height => mine <= other,
        Some(other) => mine < other,
        None => true,
    };
    let line = |series: &[(i32, f64)],
                y: &dyn Fn(f64) -> f64,
                class: &'static str,
                unit: &'static str,
                is_height: bool| {
        let path = series
            .iter()
            .map(|(year, v)| format!("{:.1},{:.1}", x(*year), y(*v)))
            .collect::<Vec<_>>()
            .join(" ");
        let dots = series
            .iter()
            .map(|(year, v)| {
                let other = if is_height { weight_of(*year) } else { height_of(*year) };
                // In the text's own ems: a phone draws it larger (style/main.css).
                let dy = if label_above(y(*v), other, is_height) { "-0.7em" } else { "1.4em" };
                view! {
                    <circle cx=format!("{:.1}", x(*year)) cy=format!("{:.1}", y(*v)) r="4" class=class/>
                    <text x=format!("{:.1}", x(*year)) y=format!("{:.1}", y(*v)) dy=dy text-anchor="middle" class=class>{format!("{v}{unit}")}</text>
                }
            })
            .collect_view();
        view! { <polyline points=path class=class fill="none"/>{dots} }
    };
    let axis = years
        .iter()
        .map(|year| view! { <text x=format!("{:.1}", x(*year)) y=h - 4.0 text-anchor="middle">{year.to_string()}</text> })
        .collect_view();
    let dash = || "—".to_owned();
    let rows = points
        .iter()
        .map(|p| {
            let n = |v: Option<f64>| v.map(|v| v.to_string()).unwrap_or_else(dash);
            // The 5-point chart is read to one decimal: 5.0, 4.8.
            let vision = |v: Option<f64>| v.map(|v| format!("{v:.1}")).unwrap_or_else(dash);
            let bmi = p
                .height_cm
                .zip(p.weight_kg)
                .map(|(h, w)| crate::checkup::domain::bmi(h, w).to_string())
                .unwrap_or_else(dash);
            view! {
                <tr>
                    <td>{p.year}</td>
                    <td>{Attendance::parse(&p.attendance).map(|a| a.label(t))}</td>
                    <td>{n(p.height_cm)}</td>
                    <td>{n(p.weight_kg)}</td>
                    <td>{bmi}</td>
                    <td>{vision(p.vision_left)}" / "{vision(p.vision_right)}</td>
                    <td>{p.caries.map(|c| c.to_string()).unwrap_or_else(dash)}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <section class="growth">
            <h2>{t.children.growth_title}</h2>
            <figure class="growth-chart">
                <svg viewBox=format!("0 0 {w} {h}") role="img" aria-label=t.children.growth_title>
                    {line(&heights, &height_y, "height", "cm", true)}
                    {line(&weights, &weight_y, "weight", "kg", false)}
                    {axis}
                </svg>
                <figcaption><span class="key key-height"></span>{t.common.height_label}" "<span class="key key-weight"></span>{t.common.weight_label}</figcaption>
            </figure>
            <div class="table-scroll">
                <table class="data-table">
                    <thead><tr>
                        <th scope="col">{t.children.grade_year}</th>
                        <th scope="col">{t.common.attendance_label}</th>
                        <th scope="col">{t.common.height_label}</th>
                        <th scope="col">{t.common.weight_label}</th>
                        <th scope="col">{t.common.bmi_label}</th>
                        <th scope="col">{t.common.vision_left_label}" / "{t.common.vision_right_label}</th>
                        <th scope="col">{t.common.caries_label}</th>
                    </tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        </section>
    }
}

#[component]
fn EnrolmentForm(file: ChildFile) -> impl IntoView {
    let t = use_strings();
    let button = |e: Enrolment| view! { <button type="submit" class="button" name="enrolment" value=e.key()>{e.label(t)}</button> };
    // Leaving the school takes the child off every list and the family's link with it: asked
    // twice.
    let choices = if file.enrolment == Enrolment::Active {
        view! {
            <details class="confirm">
                <summary class="button">{t.children.leaves}"…"</summary>
                <p>{t.children.leaving_means}</p>
                {button(Enrolment::Graduated)}" "{button(Enrolment::Transferred)}
            </details>
        }
        .into_any()
    } else {
        // Back to school in one tap; a leaving status set wrongly is corrected in place.
        let other = match file.enrolment {
            Enrolment::Graduated => Enrolment::Transferred,
            _ => Enrolment::Graduated,
        };
        view! { {button(Enrolment::Active)}" "{button(other)} }.into_any()
    };
    // The pressed button carries the new status: the islands router would drop it.
    view! {
        <form method="post" action="/api/children/enrolment" class="row-form danger-zone no-print" data-native-forms="">
            <input type="hidden" name="id" value=file.id.to_string()/>
            <input type="hidden" name="version" value=file.version.to_string()/>
            <span>{t.children.enrolment_label}{t.common.colon}{file.enrolment.label(t)}</span>
            {choices}
        </form>
    }
}
