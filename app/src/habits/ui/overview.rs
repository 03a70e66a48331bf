//! The five ones by week for the leading group on Monday morning and for class teachers:
//! the school's completion over the term and each class's, as charts that print.

use leptos::prelude::*;
use leptos_meta::Title;

use super::date;
use crate::auth::permissions::Capability;
use crate::habits::api::get_overview;
use crate::habits::strings::term_label;
use crate::habits::types::{Overview, WeekRate};
use crate::i18n::Strings;
use crate::page::{page_gate, use_strings};

#[component]
pub fn OverviewPage() -> impl IntoView {
    let t = use_strings();
    if let Err(denied) = page_gate(Capability::ReadHabits) {
        return denied;
    }
    let overview = Resource::new(|| (), |_| get_overview());
    view! {
        <Title text=format!("{} · {}", t.habits.overview_title, t.common.app_name)/>
        <section class="card habits overview">
            <Suspense fallback=move || view! { <crate::page::Loading/> }>
                {move || Suspend::new(async move {
                    match overview.await {
                        Ok(overview) => view! { <Charts overview/> }.into_any(),
                        Err(e) => crate::page::error_notice(t, &e),
                    }
                })}
            </Suspense>
        </section>
    }
    .into_any()
}

#[component]
fn Charts(overview: Overview) -> impl IntoView {
    let t = use_strings();
    let classes = overview
        .classes
        .iter()
        .map(|(id, label, weeks)| {
            view! {
                <figure class="week-chart class-chart" data-class=id.to_string()>
                    <figcaption>{(t.common.class_label)(label.grade, label.number)}</figcaption>
                    {week_chart(t, weeks, false)}
                </figure>
            }
        })
        .collect_view();
    view! {
        <h1>{t.habits.overview_title}" · "{term_label(t, &overview.term)}</h1>
        <p class="muted">{t.habits.overview_hint}</p>
        <ul class="legend">
            <li><svg width="12" height="12" aria-hidden="true"><rect class="bar-daily" width="12" height="12"/></svg>" "{t.habits.rate_daily}</li>
            <li><svg width="12" height="12" aria-hidden="true"><circle class="dot-calls" cx="6" cy="6" r="5"/></svg>" "{t.habits.rate_calls}</li>
        </ul>
        {overview.school.map(|weeks| view! {
            <figure class="week-chart school-chart" data-testid="school-chart">
                <figcaption>{t.habits.whole_school}</figcaption>
                {week_chart(t, &weeks, true)}
            </figure>
        })}
        <div class="class-charts">{classes}</div>
    }
}

/// Bars for the chore and diary days done, dots for the calls home, a week a column; each
/// week's figures in its tooltip and in a table for screen readers.
pub fn week_chart(t: &'static Strings, weeks: &[WeekRate], large: bool) -> impl IntoView {
    let (step, height) = if large { (28i64, 140i64) } else { (14, 70) };
    let width = weeks.len() as i64 * step + 4;
    let y = |pct: u8| height - i64::from(pct) * height / 100;
    let columns = weeks
        .iter()
        .enumerate()
        .map(|(i, w)| {
            let x = i as i64 * step + 2;
            // The running week is paler and says so: its figures rise as classes check in.
            let faint = w.so_far.then_some("0.5");
            let words = format!(
                "{} · {} {} · {} {}",
                week_label(t, w),
                t.habits.rate_daily,
                w.daily.map(|p| format!("{p}%")).unwrap_or_else(|| "—".into()),
                t.habits.rate_calls,
                w.calls.map(|p| format!("{p}%")).unwrap_or_else(|| "—".into()),
            );
            view! {
                <g data-week=date(w.week) data-daily=w.daily.map(|p| p.to_string()).unwrap_or_default()
                    data-so-far=w.so_far.then_some("")>
                    <title>{words}</title>
                    {w.daily.map(|p| view! {
                        <rect class="bar-daily" x=x.to_string() y=y(p).to_string() fill-opacity=faint
                            width=(step - 3).to_string() height=(height - y(p)).to_string()/>
                    })}
                    {w.calls.map(|p| view! {
                        <circle class="dot-calls" cx=(x + (step - 3) / 2).to_string() cy=y(p).to_string() r=(step / 5).to_string()
                            fill-opacity=faint/>
                    })}
                </g>
            }
        })
        .collect_view();
    let rows = weeks
        .iter()
        .map(|w| {
            let cell = |p: Option<u8>| p.map(|p| format!("{p}%")).unwrap_or_else(|| "—".into());
            view! { <tr><th scope="row">{week_label(t, w)}</th><td>{cell(w.daily)}</td><td>{cell(w.calls)}</td></tr> }
        })
        .collect_view();
    view! {
        <svg viewBox=format!("0 0 {width} {}", height + 2) width=width.to_string() height=(height + 2).to_string()
            role="img" aria-label=t.habits.overview_title>
            <line class="chart-base" x1="0" x2=width.to_string() y1=height.to_string() y2=height.to_string()/>
            <line class="chart-half" x1="0" x2=width.to_string() y1=(height / 2).to_string() y2=(height / 2).to_string()/>
            {columns}
        </svg>
        <details class="chart-table">
            <summary>{t.habits.as_table}</summary>
            <table class="list">
                <thead><tr><th>{t.habits.week_of}</th><th>{t.habits.rate_daily}</th><th>{t.habits.rate_calls}</th></tr></thead>
                <tbody>{rows}</tbody>
            </table>
        </details>
    }
}

/// A week by its Monday, the running one marked as counted so far.
fn week_label(t: &'static Strings, w: &WeekRate) -> String {
    if w.so_far {
        format!("{} · {}", date(w.week), t.habits.week_so_far)
    } else {
        date(w.week)
    }
}
