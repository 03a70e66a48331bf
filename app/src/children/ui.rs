//! The children's pages, rendered on the server: the list with its counts, a child's file
//! and contact card, the editor, and a class's contact cards to print (A6, four to an A4).

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

use super::api::{get_child, list_children};
use super::domain::{Gender, LeftBehind, ParentsAway, Relation};
use super::types::{ChildFile, ChildList};
use crate::auth::permissions::{Capability, Target};
use crate::error::AppError;
use crate::i18n::Strings;
use crate::page::use_strings;
use crate::page::{page_gate, page_gate_on, Flash};
use crate::school::types::ClassLabel;

fn class_text(t: &Strings, c: ClassLabel) -> String {
    (t.class_label)(c.grade, c.number)
}

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
        <Title text=format!("{} · {}", t.children_title, t.app_name)/>
        <section class="card">
            <h1>{t.children_title}</h1>
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
            <label>{t.counselor_label}
                <select name="counselor"><option value="">{t.all_counselors}</option>{options}</select>
            </label>
        }
    });
    let status_filter = (!list.per_class.is_empty()).then(|| {
        let options = LeftBehind::ALL
            .into_iter()
            .map(|s| view! { <option value=s.key() selected=status.as_deref() == Some(s.key())>{s.label(t)}</option> })
            .collect_view();
        view! {
            <label>{t.left_behind_label}
                <select name="status"><option value="">{t.all_statuses}</option>{options}</select>
            </label>
        }
    });
    let rows = list
        .rows
        .iter()
        .map(|r| {
            view! {
                <tr class:inactive=r.enrolment != super::domain::Enrolment::Active>
                    <td><a href=format!("/children/{}", r.id)>{r.name.clone()}</a></td>
                    <td>{class_text(t, r.class)}</td>
                    {list.full_fields.then(|| view! {
                        <td>{r.gender.map(|g| g.label(t))}</td>
                        <td>{r.birth_date.map(|d| d.format("%Y-%m-%d").to_string())}</td>
                    })}
                    <td>{r.left_behind.map(|s| s.label(t))}</td>
                    <td>{r.guardian_phone.clone()}</td>
                    {list.full_fields.then(|| view! { <td>{r.counselor.clone()}</td> })}
                    {(r.enrolment != super::domain::Enrolment::Active).then(|| view! { <td>{r.enrolment.label(t)}</td> })}
                </tr>
            }
        })
        .collect_view();
    let cards = class.filter(|_| list.full_fields).map(|c| {
        view! { <a class="button" href=format!("/children/cards?class={c}")>{t.print_class_cards}</a> }
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
            <label>{t.search_name}<input type="search" name="q" value=q.unwrap_or_default()/></label>
            <label>{t.child_class}<select name="class"><option value="">{t.all_classes}</option>{class_options}</select></label>
            {status_filter}
            {counselor_filter}
            <label class="check"><input type="checkbox" name="left" value="1" checked=left/>{t.include_left}</label>
            <button type="submit" class="button">{t.filter}</button>
        </form>
        <p class="children-counts" data-testid="children-counts">{(t.children_counts)(list.total, list.full, list.half)}</p>
        {(!list.per_class.is_empty()).then(|| view! { <ClassChart per_class=list.per_class.clone()/> })}
        <div class="row-form children-actions">
            {list.can_write.then(|| view! {
                <a class="button primary" href="/children/new">{t.new_child}</a>
                <a class="button" href="/children/import">{t.import_roster}</a>
            })}
            {cards}
            {list.full_fields.then(|| view! {
                <a class="button" href=export("csv") download>{t.export_csv}</a>
                <a class="button" href=export("xlsx") download>{t.export_xlsx}</a>
            })}
        </div>
        {list.rows.is_empty().then(|| view! { <p class="notice">{t.no_children}</p> })}
        <div class="table-scroll">
            <table class="data-table children-table">
                <thead><tr>
                    <th scope="col">{t.child_name}</th>
                    <th scope="col">{t.child_class}</th>
                    {list.full_fields.then(|| view! {
                        <th scope="col">{t.child_gender}</th>
                        <th scope="col">{t.child_birth_date}</th>
                    })}
                    <th scope="col">{t.left_behind_label}</th>
                    <th scope="col">{t.phone_label}</th>
                    {list.full_fields.then(|| view! { <th scope="col">{t.counselor_label}</th> })}
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
            let title = format!("{}{}{} {}{}{} {}", class_text(t, *class), t.colon, t.lb_full, full, t.list_comma, t.lb_half, half);
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
            <svg viewBox=format!("0 0 {width} {}", height + 44.0) role="img" aria-label=t.per_class_chart>{bars}</svg>
            <figcaption>
                {t.per_class_chart}" "
                <span class="key key-full"></span>{t.lb_full}" "
                <span class="key key-half"></span>{t.lb_half}
            </figcaption>
        </figure>
    }
}

fn child_id() -> i64 {
    use_params_map()
        .read_untracked()
        .get("id")
        .and_then(|id| id.parse::<i64>().ok())
        .unwrap_or(0)
}

#[component]
pub fn ChildPage() -> impl IntoView {
    let t = use_strings();
    if let Err(denied) = page_gate(Capability::ReadChildFile) {
        return denied;
    }
    let id = child_id();
    let created = use_query_map().read_untracked().get("created");
    let file = Resource::new(move || id, get_child);
    view! {
        <Suspense fallback=move || view! { <crate::page::Loading/> }>
            {move || {
                let created = created.clone();
                Suspend::new(async move {
                    match file.await {
                        Ok(file) => view! { <ChildView file created/> }.into_any(),
                        Err(e) => view! { <section class="card">{crate::page::error_notice(t, &e)}</section> }.into_any(),
                    }
                })
            }}
        </Suspense>
    }
    .into_any()
}

#[component]
fn ChildView(file: ChildFile, created: Option<String>) -> impl IntoView {
    let t = use_strings();
    let dash = || "—".to_owned();
    let field = move |label: &'static str, value: Option<String>| {
        view! { <div class="field"><dt>{label}</dt><dd>{value.unwrap_or_else(dash)}</dd></div> }
    };
    let work = match (&file.work_province, &file.work_city) {
        (Some(p), Some(c)) => Some(format!("{p} {c}")),
        (p, c) => p.clone().or(c.clone()),
    };
    let can_feed = {
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
    };
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
    let title = format!("{} · {}", file.name, t.app_name);
    view! {
        <Title text=title/>
        <section class="card child-file">
            <header class="child-head">
                <h1>{file.name.clone()}</h1>
                <p class="hint">{class_text(t, file.class)}" · "{file.enrolment.label(t)}</p>
                <div class="row-form no-print">
                    {file.can_write.then(|| view! {
                        <a class="button primary" href=format!("/children/{}/edit", file.id)>{t.edit_child}</a>
                    })}
                    {file.full_fields.then(|| view! {
                        <a class="button" href=format!("/children/cards?child={}", file.id)>{t.print_card}</a>
                    })}
                </div>
            </header>
            <Flash/>
            {file.full_fields.then(|| view! {
                <dl class="fields">
                    {field(t.child_gender, file.gender.map(|g| g.label(t).to_owned()))}
                    {field(t.child_birth_date, file.birth_date.map(|d| {
                        let lunar = if file.lunar_birthday == Some(true) { (t.aside)(t.child_lunar_birthday) } else { String::new() };
                        format!("{}{lunar}", d.format("%Y-%m-%d"))
                    }))}
                    {field(t.left_behind_label, file.left_behind.map(|s| s.label(t).to_owned()))}
                    {field(t.parents_away_label, file.parents_away.map(|p| p.label(t).to_owned()))}
                    {field(t.work_city, work.clone())}
                    {field(t.away_since, file.away_since.map(|d| d.format("%Y-%m-%d").to_string()))}
                    {field(t.counselor_label, file.counselor.clone())}
                    {field(t.consent_label, Some(match &file.consent {
                        Some((date, by)) => (t.consent_recorded)(&date.format("%Y-%m-%d").to_string(), by),
                        None => t.consent_missing.to_owned(),
                    }))}
                </dl>
            })}
            {(!file.full_fields).then(|| file.left_behind.map(|s| view! {
                <dl class="fields">{field(t.left_behind_label, Some(s.label(t).to_owned()))}</dl>
            }))}
            <h2>{t.contact_card}</h2>
            <h3>{t.guardians_label}</h3>
            <ul class="guardians">{guardians}</ul>
            {file.full_fields.then(|| view! {
                <dl class="fields">
                    {field(t.home_address, file.home_address.clone())}
                    {field(t.father_phone, file.father_phone.clone())}
                    {field(t.mother_phone, file.mother_phone.clone())}
                    {field(t.emergency_contact, match (&file.emergency_contact, &file.emergency_phone) {
                        (Some(n), Some(p)) => Some(format!("{n} {p}")),
                        (n, p) => n.clone().or(p.clone()),
                    })}
                    {field(t.notes_label, file.notes.clone().filter(|n| !n.is_empty()))}
                </dl>
                <h2>{t.coming_dates}</h2>
                <ul class="coming-dates">
                    {file.birthdays.first().map(|(d, age)| view! { <li>"🎂 "{(t.birthday_on)(&d.format("%Y-%m-%d").to_string(), *age)}</li> })}
                    {file.checkup.map(|d| view! { <li>{t.checkup_day}" "{d.format("%Y-%m-%d").to_string()}</li> })}
                </ul>
            })}
            {(!file.growth.is_empty()).then(|| view! { <Growth points=file.growth.clone()/> })}
            {can_feed.then(|| view! {
                <section class="parents-feed no-print">
                    <h2>{t.parents_feed}</h2>
                    <p class="hint">{t.parents_feed_hint}</p>
                    {created.map(|token| view! { <crate::calendar::feeds_ui::NewFeed token/> })}
                    <form method="post" action="/api/admin/feeds/create" class="row-form">
                        <input type="hidden" name="child_id" value=file.id.to_string()/>
                        <input type="hidden" name="next" value=format!("/children/{}", file.id)/>
                        <button type="submit" class="button">{t.make_parents_feed}</button>
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
fn Growth(points: Vec<super::types::GrowthPoint>) -> impl IntoView {
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
    let line = |series: &[(i32, f64)], class: &'static str, unit: &'static str| {
        let y = scale(series.iter().map(|(_, v)| *v).collect());
        let path = series
            .iter()
            .map(|(year, v)| format!("{:.1},{:.1}", x(*year), y(*v)))
            .collect::<Vec<_>>()
            .join(" ");
        let dots = series
            .iter()
            .map(|(year, v)| {
                view! {
                    <circle cx=format!("{:.1}", x(*year)) cy=format!("{:.1}", y(*v)) r="4" class=class/>
                    <text x=format!("{:.1}", x(*year)) y=format!("{:.1}", y(*v) - 8.0) text-anchor="middle" class=class>{format!("{v}{unit}")}</text>
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
                    <td>{crate::checkup::domain::Attendance::parse(&p.attendance).map(|a| match a {
                        crate::checkup::domain::Attendance::Examined => t.att_examined,
                        crate::checkup::domain::Attendance::Absent => t.att_absent,
                        crate::checkup::domain::Attendance::Excused => t.att_excused,
                    })}</td>
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
            <h2>{t.growth_title}</h2>
            <figure class="growth-chart">
                <svg viewBox=format!("0 0 {w} {h}") role="img" aria-label=t.growth_title>
                    {line(&heights, "height", "cm")}
                    {line(&weights, "weight", "kg")}
                    {axis}
                </svg>
                <figcaption><span class="key key-height"></span>{t.height_label}" "<span class="key key-weight"></span>{t.weight_label}</figcaption>
            </figure>
            <div class="table-scroll">
                <table class="data-table">
                    <thead><tr>
                        <th scope="col">{t.grade_year}</th>
                        <th scope="col">{t.attendance_label}</th>
                        <th scope="col">{t.height_label}</th>
                        <th scope="col">{t.weight_label}</th>
                        <th scope="col">{t.bmi_label}</th>
                        <th scope="col">{t.vision_left_label}" / "{t.vision_right_label}</th>
                        <th scope="col">{t.caries_label}</th>
                    </tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        </section>
    }
}

#[component]
fn EnrolmentForm(file: ChildFile) -> impl IntoView {
    use super::domain::Enrolment;
    let t = use_strings();
    let choices = [Enrolment::Active, Enrolment::Graduated, Enrolment::Transferred]
        .into_iter()
        .filter(|e| *e != file.enrolment)
        .map(|e| view! { <button type="submit" class="button" name="enrolment" value=e.key()>{e.label(t)}</button> })
        .collect_view();
    view! {
        <form method="post" action="/api/children/enrolment" class="row-form danger-zone no-print">
            <input type="hidden" name="id" value=file.id.to_string()/>
            <input type="hidden" name="version" value=file.version.to_string()/>
            <span>{t.enrolment_label}": "</span>
            {choices}
        </form>
    }
}

#[component]
pub fn EditChildPage() -> impl IntoView {
    let t = use_strings();
    if let Err(denied) = page_gate(Capability::WriteChildFile) {
        return denied;
    }
    let id = child_id();
    let file = Resource::new(
        move || id,
        |id| async move {
            let classes = super::api::list_classes().await?;
            let file = if id == 0 {
                None
            } else {
                Some(get_child(id).await?)
            };
            Ok::<_, AppError>((file, classes))
        },
    );
    view! {
        <Title text=format!("{} · {}", if id == 0 { t.new_child } else { t.edit_child }, t.app_name)/>
        <section class="card">
            <h1>{if id == 0 { t.new_child } else { t.edit_child }}</h1>
            <Flash/>
            <Suspense fallback=move || view! { <crate::page::Loading/> }>
                {move || Suspend::new(async move {
                    match file.await {
                        Ok((file, classes)) => view! { <ChildForm file classes/> }.into_any(),
                        Err(e) => crate::page::error_notice(t, &e),
                    }
                })}
            </Suspense>
        </section>
    }
    .into_any()
}

#[component]
fn ChildForm(file: Option<ChildFile>, classes: Vec<(i64, ClassLabel)>) -> impl IntoView {
    let t = use_strings();
    let f = file.clone();
    let text = |v: Option<String>| v.unwrap_or_default();
    let date = |v: Option<chrono::NaiveDate>| {
        v.map(|d| d.format("%Y-%m-%d").to_string())
            .unwrap_or_default()
    };
    let (id, version) = f.as_ref().map_or((0, 0), |f| (f.id, f.version));
    let class_id = f.as_ref().map(|f| f.class_id);
    let gender = f.as_ref().and_then(|f| f.gender);
    let status = f
        .as_ref()
        .and_then(|f| f.left_behind)
        .unwrap_or(LeftBehind::None);
    let away = f
        .as_ref()
        .and_then(|f| f.parents_away)
        .unwrap_or(ParentsAway::None);
    let guardian = |i: usize| f.as_ref().and_then(|f| f.guardians.get(i).cloned());
    let guardian_fields = move |i: usize| {
        let g = guardian(i);
        let prefix = format!("g{}", i + 1);
        let relation = g.as_ref().map(|g| g.relation);
        view! {
            <fieldset class="inline-form guardian">
                <legend>{t.guardians_label}" "{i + 1}</legend>
                <label>{t.guardian_name}<input name=format!("{prefix}_name") maxlength="20" value=g.as_ref().map(|g| g.name.clone()).unwrap_or_default()/></label>
                <label>{t.relation_label}
                    <select name=format!("{prefix}_relation")>
                        {Relation::ALL.into_iter().map(|r| view! { <option value=r.key() selected=relation == Some(r)>{r.label(t)}</option> }).collect_view()}
                    </select>
                </label>
                <label>{t.phone_label}<input name=format!("{prefix}_phone") type="tel" inputmode="tel" value=g.as_ref().and_then(|g| g.phone.clone()).unwrap_or_default()/></label>
                <label>{t.address_label}<input name=format!("{prefix}_address") maxlength="100" value=g.as_ref().and_then(|g| g.address.clone()).unwrap_or_default()/></label>
            </fieldset>
        }
    };
    // Mainland mobile or landline: the browser's own check; the server parses again.
    let phone_pattern =
        r"(\+?86)?[ -]?1[3-9][0-9 -]{9,12}|[(（]?0[0-9]{2,3}[)）]?[ -]?[1-9][0-9]{6,7}";
    let messages = crate::form_check::messages(&CHILD_FORM_ERRORS, t);
    #[cfg(feature = "ssr")]
    let today = crate::state::AppState::from_context()
        .map(|s| s.today().format("%Y-%m-%d").to_string())
        .unwrap_or_default();
    #[cfg(not(feature = "ssr"))]
    let today = String::new();
    let form = view! {
        <form method="post" action="/api/children/save" class="stack child-form" data-today=today>
            {messages}
            <input type="hidden" name="id" value=id.to_string()/>
            <input type="hidden" name="version" value=version.to_string()/>
            <div class="inline-form">
                <label>{t.child_name}<input name="name" required maxlength="20" value=text(f.as_ref().map(|f| f.name.clone()))/></label>
                <label>{t.child_gender}
                    <select name="gender" required>
                        <option value="female" selected=gender == Some(Gender::Female)>{t.gender_female}</option>
                        <option value="male" selected=gender == Some(Gender::Male)>{t.gender_male}</option>
                    </select>
                </label>
                <label>{t.child_birth_date}<input name="birth_date" type="date" required value=date(f.as_ref().and_then(|f| f.birth_date))/></label>
                <label class="check"><input type="checkbox" name="lunar_birthday" value="lunar" checked=f.as_ref().and_then(|f| f.lunar_birthday) == Some(true)/>{t.child_lunar_birthday}</label>
                <label>{t.child_class}
                    <select name="class_id" required>
                        {classes.into_iter().map(|(cid, label)| view! { <option value=cid.to_string() selected=class_id == Some(cid)>{class_text(t, label)}</option> }).collect_view()}
                    </select>
                </label>
            </div>
            <div class="inline-form">
                <label>{t.left_behind_label}
                    <select name="left_behind">
                        {LeftBehind::ALL.into_iter().map(|s| view! { <option value=s.key() selected=s == status>{s.label(t)}</option> }).collect_view()}
                    </select>
                </label>
                <label>{t.parents_away_label}
                    <select name="parents_away">
                        {ParentsAway::ALL.into_iter().map(|p| view! { <option value=p.key() selected=p == away>{p.label(t)}</option> }).collect_view()}
                    </select>
                </label>
                <label>{t.work_province}<input name="work_province" maxlength="20" value=text(f.as_ref().and_then(|f| f.work_province.clone()))/></label>
                <label>{t.work_city}<input name="work_city" maxlength="20" value=text(f.as_ref().and_then(|f| f.work_city.clone()))/></label>
                <label>{t.away_since}<input name="away_since" type="date" value=date(f.as_ref().and_then(|f| f.away_since))/></label>
            </div>
            {guardian_fields(0)}
            {guardian_fields(1)}
            <h2>{t.contact_card}</h2>
            <label>{t.home_address}<input name="home_address" maxlength="100" value=text(f.as_ref().and_then(|f| f.home_address.clone()))/></label>
            <div class="inline-form">
                <label>{t.father_phone}<input name="father_phone" type="tel" inputmode="tel" pattern=phone_pattern value=text(f.as_ref().and_then(|f| f.father_phone.clone()))/></label>
                <label>{t.mother_phone}<input name="mother_phone" type="tel" inputmode="tel" pattern=phone_pattern value=text(f.as_ref().and_then(|f| f.mother_phone.clone()))/></label>
                <label>{t.emergency_contact}<input name="emergency_contact" maxlength="20" value=text(f.as_ref().and_then(|f| f.emergency_contact.clone()))/></label>
                <label>{t.emergency_phone}<input name="emergency_phone" type="tel" inputmode="tel" pattern=phone_pattern value=text(f.as_ref().and_then(|f| f.emergency_phone.clone()))/></label>
            </div>
            <label>{t.notes_label}<textarea name="notes" rows="3" maxlength="500">{text(f.as_ref().and_then(|f| f.notes.clone()))}</textarea></label>
            <label>{t.consent_date}<input name="consent_date" type="date" value=date(f.as_ref().and_then(|f| f.consent.as_ref().map(|c| c.0)))/></label>
            <button type="submit" class="button primary">{t.save}</button>
        </form>
    }
    .into_any();
    view! { <crate::form_check::FormCheck>{form}</crate::form_check::FormCheck> }
}

/// The problems the child's form can have, for its in-browser check.
const CHILD_FORM_ERRORS: [crate::error::ValidationError; 9] = {
    use crate::error::ValidationError as E;
    [
        E::NameInvalid,
        E::GenderInvalid,
        E::BirthDateInvalid,
        E::InvalidDate,
        E::LeftBehindInvalid,
        E::LeftBehindMismatch,
        E::RelationInvalid,
        E::PhoneInvalid,
        E::TextTooLong,
    ]
};

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
        <Title text=format!("{} · {}", t.class_cards_title, t.app_name)/>
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
                (t.aside)(g.relation.label(t)),
                g.phone.clone().unwrap_or_default()
            );
            line(t.guardians_label, Some(text))
        })
        .collect_view();
    view! {
        <article class="contact-card">
            <header>
                <h2>{file.name.clone()}</h2>
                <span>{class_text(t, file.class)}</span>
                {file.left_behind.filter(|s| *s != LeftBehind::None).map(|s| view! { <span class="badge">{s.label(t)}</span> })}
            </header>
            {line(t.child_birth_date, file.birth_date.map(|d| d.format("%Y-%m-%d").to_string()))}
            {guardians}
            {line(t.home_address, file.home_address.clone())}
            {line(t.father_phone, file.father_phone.clone())}
            {line(t.mother_phone, file.mother_phone.clone())}
            {line(t.work_city, match (&file.work_province, &file.work_city) {
                (Some(p), Some(c)) => Some(format!("{p} {c}")),
                (p, c) => p.clone().or(c.clone()),
            })}
            {line(t.emergency_contact, match (&file.emergency_contact, &file.emergency_phone) {
                (Some(n), Some(p)) => Some(format!("{n} {p}")),
                (n, p) => n.clone().or(p.clone()),
            })}
            {line(t.counselor_label, file.counselor.clone())}
        </article>
    }
}
