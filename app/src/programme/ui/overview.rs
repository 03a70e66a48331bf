//! The Monday page (项目概览): the counts of the seed's report, this month, concerns, the
//! five ones, the checkup and birthdays, and the term by month as charts that print. Every
//! number opens the list behind it, where names show only to those who may read them.

use chrono::NaiveDate;
use leptos::prelude::*;
use leptos_meta::Title;

use crate::auth::permissions::Capability;
use crate::care::types::CoverageFilter;
use crate::habits::strings::term_label;
use crate::i18n::Strings;
use crate::page::{page_gate, use_strings};
use crate::programme::api::get_overview;
use crate::programme::domain::percent;
use crate::programme::types::{Overview, Work};

#[component]
pub fn ProgrammePage() -> impl IntoView {
    let t = use_strings();
    if let Err(denied) = page_gate(Capability::ReadProgramme) {
        return denied;
    }
    let overview = Resource::new(|| (), |_| get_overview());
    view! {
        <Title text=format!("{} · {}", t.programme.title, t.common.app_name)/>
        <section class="card programme">
            <Suspense fallback=move || view! { <crate::page::Loading/> }>
                {move || Suspend::new(async move {
                    match overview.await {
                        Ok(overview) => view! { <Page o=overview/> }.into_any(),
                        Err(e) => crate::page::error_notice(t, &e),
                    }
                })}
            </Suspense>
        </section>
    }
    .into_any()
}

/// One figure: what it counts, the number (a link to its list) and a line under it.
fn tile(
    label: impl Into<String>,
    value: String,
    href: String,
    key: &'static str,
    note: Option<String>,
) -> impl IntoView {
    view! {
        <a class="tile" href=href data-figure=key>
            <span class="tile-label">{label.into()}</span>
            <strong class="tile-value">{value}</strong>
            {note.map(|n| view! { <span class="tile-note">{n}</span> })}
        </a>
    }
}

fn pct(v: Option<u8>) -> String {
    v.map_or_else(|| "—".to_owned(), |p| format!("{p}%"))
}

#[component]
fn Page(o: Overview) -> impl IntoView {
    let t = use_strings();
    let p = t.programme;
    let c = o.counts;
    let m = o.month;
    let w = o.term_work;
    let k = o.checkup;
    let checkup = format!("/checkup/{}", k.year);
    let checkup_label = (p.checkup)(k.year);
    view! {
        <h1>{p.title}" · "{term_label(t, &o.term)}</h1>
        <p class="muted">{(p.as_of)(&o.today.format("%Y-%m-%d").to_string())}
            " · "<a href=format!("/programme/summary?year={}", o.term.year)>{p.summary_link}</a></p>
        <h2>{p.counts}</h2>
        <div class="tiles" data-testid="counts">
            {tile(p.children, c.children.to_string(), "/children".into(), "children", None)}
            {tile(p.left_behind, c.left_behind.to_string(), "/children?status=full".into(), "left_behind", None)}
            {tile(p.half_left_behind, c.half_left_behind.to_string(), "/children?status=half".into(), "half_left_behind", None)}
            {tile(p.paired, c.paired.to_string(), "/care/coverage".into(), "paired", Some(format!("{} {}", p.counselors, c.counselors)))}
            {tile(p.unpaired, c.unpaired.to_string(), "/care/coverage#unpaired".into(), "unpaired", None)}
        </div>
        <h2>{p.this_month}</h2>
        <div class="tiles" data-testid="this-month">
            // Opens the children not reached yet: those to act on.
            {tile(p.coverage, format!("{}/{}", m.reached, m.children), CoverageFilter::reached(false).href(), "coverage", Some(pct(percent(m.reached, m.children))))}
            {tile(p.contacts, m.contacts.to_string(), "/care/coverage".into(), "contacts", Some((p.by_priority)(m.study, m.life, m.activities)))}
            {tile(p.concerns_open, o.concerns_open.to_string(), "/care/coverage#concerns".into(), "concerns", Some((p.overdue_n)(o.concerns_overdue)))}
        </div>
        <h2>{p.the_term}</h2>
        <div class="tiles" data-testid="term">
            {tile(p.chore_diary, pct(o.habits_rate), "/habits/overview".into(), "habits", None)}
            {tile(p.calls_home, pct(o.calls_rate), "/habits/overview".into(), "calls", None)}
            {tile(p.birthdays, format!("{}/{}", w.birthdays_marked, w.birthdays), "/calendar?view=month".into(), "birthdays", None)}
            {match k.day.filter(|d| *d >= o.today) {
                Some(day) => tile(checkup_label, day.format("%m-%d").to_string(), checkup.clone(), "checkup", Some(p.planned.to_owned())),
                None => tile(checkup_label, k.examined.to_string(), checkup.clone(), "checkup",
                    Some(format!("{} {} · {} {}", p.absent, k.absent, p.excused, k.excused))),
            }}
            {tile(p.follow_ups_open, k.follow_ups_open.to_string(), "/follow-ups".into(), "follow_ups", Some((p.overdue_n)(k.follow_ups_overdue)))}
        </div>
        <div class="programme-charts">
            <figure class="week-chart">
                <figcaption>{p.five_ones}</figcaption>
                {crate::habits::ui::week_chart(t, &o.habits, false)}
            </figure>
            {month_chart(t, p.chart_coverage, &o.months, &[("coverage", |w: &Work| u32::from(percent(w.reached, w.children).unwrap_or(0)))], Some(100))}
            {month_chart(t, p.chart_priorities, &o.months, &[
                ("study", |w: &Work| w.study),
                ("life", |w: &Work| w.life),
                ("activities", |w: &Work| w.activities),
            ], None)}
            {month_chart(t, p.chart_birthdays, &o.months, &[("birthdays", |w: &Work| w.birthdays_marked)], None)}
        </div>
    }
}

type Series = (&'static str, fn(&Work) -> u32);

/// Bars a month, one per series side by side (a legend and a table for screen readers);
/// `top`: the scale's top (else the largest value).
fn month_chart(
    t: &'static Strings,
    caption: &'static str,
    months: &[(NaiveDate, Work)],
    series: &[Series],
    top: Option<u32>,
) -> impl IntoView {
    let p = t.programme;
    let name = |key: &str| match key {
        "study" => p.study,
        "life" => p.life,
        "activities" => p.activities,
        _ => caption,
    };
    let (height, bar) = (120i64, 14i64);
    let group = bar * series.len() as i64 + 10;
    let width = group * months.len() as i64 + 4;
    let max = top
        .unwrap_or_else(|| {
            months
                .iter()
                .flat_map(|(_, w)| series.iter().map(move |(_, f)| f(w)))
                .max()
                .unwrap_or(0)
        })
        .max(1) as i64;
    let y = |v: u32| height - i64::from(v) * height / max;
    let label = |d: &NaiveDate| d.format("%Y-%m").to_string();
    let bars = months
        .iter()
        .enumerate()
        .map(|(i, (month, w))| {
            let x0 = i as i64 * group + 2;
            let words = series
                .iter()
                .map(|(k, f)| format!("{} {}", name(k), f(w)))
                .collect::<Vec<_>>()
                .join(" · ");
            let rects = series
                .iter()
                .enumerate()
                .map(|(j, (k, f))| {
                    let v = f(w);
                    view! { <rect class=format!("bar-{k}") x=(x0 + j as i64 * bar).to_string() y=y(v).to_string()
                        width=(bar - 2).to_string() height=(height - y(v)).to_string()/> }
                })
                .collect_view();
            view! {
                <g data-month=label(month)>
                    <title>{format!("{} · {words}", label(month))}</title>
                    {rects}
                    <text class="chart-label" x=(x0 + group / 2 - 5).to_string() y=(height + 14).to_string() text-anchor="middle">{month.format("%-m").to_string()}</text>
                </g>
            }
        })
        .collect_view();
    let legend = (series.len() > 1).then(|| {
        series
            .iter()
            .map(|(k, _)| view! { <span class="legend"><span class=format!("swatch bar-{k}")></span>{name(k)}</span> })
            .collect_view()
    });
    let head = series
        .iter()
        .map(|(k, _)| view! { <th scope="col">{name(k)}</th> })
        .collect_view();
    let rows = months
        .iter()
        .map(|(month, w)| {
            let cells = series
                .iter()
                .map(|(_, f)| view! { <td>{f(w)}</td> })
                .collect_view();
            view! { <tr><th scope="row">{label(month)}</th>{cells}</tr> }
        })
        .collect_view();
    view! {
        <figure class="month-chart">
            <figcaption>{caption}</figcaption>
            <svg viewBox=format!("0 0 {width} {}", height + 18) width=width.to_string() height=(height + 18).to_string() role="img" aria-label=caption>
                <line class="chart-base" x1="0" x2=width.to_string() y1=height.to_string() y2=height.to_string()/>
                {bars}
            </svg>
            <p class="chart-legend">{legend}</p>
            <details class="chart-table">
                <summary>{p.as_table}</summary>
                <table class="list">
                    <thead><tr><th scope="col">{p.month}</th>{head}</tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </details>
        </figure>
    }
}
