//! The calendar pages, rendered on the server: month, week, day and agenda. Every control
//! is a link or a GET form, so it works without JavaScript; with it the islands router
//! swaps the page in place and the URL follows.

use chrono::Datelike;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

mod agenda;
mod entries;
mod month;
mod time_grid;

use agenda::Agenda;
use entries::MoveForm;
use month::MonthTable;
use time_grid::TimeGrid;

use super::api::get_calendar;
use super::types::{CalendarData, Category};
use crate::calendar::types::CalendarFilter;
use crate::calendar::types::CalendarView;
use crate::page::use_strings;

#[component]
pub fn CalendarPage() -> impl IntoView {
    let t = use_strings();
    if let Err(denied) = crate::page::page_gate(crate::auth::permissions::Capability::ViewCalendar)
    {
        return denied;
    }
    let query = use_query_map();
    let data = Resource::new(
        move || {
            let q = query.read();
            (
                q.get("view"),
                q.get("date"),
                q.get("cat"),
                q.get("class"),
                q.get("group"),
                q.get("lunar"),
            )
        },
        |(view, date, cat, class, group, lunar)| get_calendar(view, date, cat, class, group, lunar),
    );
    view! {
        <Title text=format!("{} · {}", t.calendar.calendar_title, t.common.app_name)/>
        <Suspense fallback=move || view! { <crate::page::Loading/> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(data) => view! { <CalendarBody data/> }.into_any(),
                    Err(error) => view! {
                        <section class="notice" role="alert">
                            <p>{error.message(t)}</p>
                            <a class="button" href="/calendar">{t.common.back_to_calendar}</a>
                        </section>
                    }
                    .into_any(),
                }
            })}
        </Suspense>
    }
    .into_any()
}

#[component]
fn CalendarBody(data: CalendarData) -> impl IntoView {
    let t = use_strings();
    let q = data.query.clone();
    let heading = match q.view {
        CalendarView::Month => (t.calendar.month_heading)(q.date.year(), q.date.month()),
        CalendarView::Week => (t.calendar.week_heading)(data.first, data.last),
        CalendarView::Day => (t.calendar.day_label)(q.date),
        CalendarView::Agenda => (t.calendar.agenda_heading)(data.first, data.last),
    };
    let body = match q.view {
        CalendarView::Month => view! { <MonthTable data=data.clone()/> }.into_any(),
        CalendarView::Week | CalendarView::Day => {
            view! { <TimeGrid data=data.clone()/> }.into_any()
        }
        CalendarView::Agenda => view! { <Agenda data=data.clone()/> }.into_any(),
    };
    let view_label = |v: CalendarView| match v {
        CalendarView::Month => t.calendar.view_month,
        CalendarView::Week => t.calendar.view_week,
        CalendarView::Day => t.calendar.view_day,
        CalendarView::Agenda => t.calendar.view_agenda,
    };
    let (previous, next) = match q.view {
        CalendarView::Month => (t.calendar.previous_month, t.calendar.next_month),
        _ => (t.calendar.previous_period, t.calendar.next_period),
    };
    let move_form = data
        .occurrences
        .iter()
        .any(|o| o.editable)
        .then(|| view! { <MoveForm next=q.href(q.view, q.date)/> });
    let drag_hint = (data.can_create && q.view != CalendarView::Agenda)
        .then(|| view! { <p class="hint drag-hint">{t.calendar.drag_hint}</p> });
    let import = data
        .can_import
        .then(|| view! { <p class="import-link"><a class="button" href="/calendar/import">{t.calendar.import_link}</a></p> });
    view! {
        <section class="calendar" aria-labelledby="calendar-heading" data-view=q.view.key()>
            <header class="calendar-toolbar">
                <nav class="calendar-nav" aria-label=t.calendar.calendar_title>
                    <a class="button icon" rel="prev" href=q.href(q.view, q.step(-1)) aria-label=previous title=previous>"‹"</a>
                    <a class="button" href=q.href(q.view, data.today) data-testid="today">{t.calendar.today}</a>
                    <a class="button icon" rel="next" href=q.href(q.view, q.step(1)) aria-label=next title=next>"›"</a>
                </nav>
                <h1 id="calendar-heading" aria-live="polite">{heading}</h1>
                <nav class="view-switch" aria-label=t.calendar.views_label>
                    {CalendarView::ALL.into_iter().map(|v| view! {
                        <a class="button" class:selected=v == q.view href=q.href(v, q.date)
                            aria-current=(v == q.view).then_some("page")>{view_label(v)}</a>
                    }).collect_view()}
                </nav>
            </header>
            <FilterBar data=data.clone()/>
            <super::gestures::CalendarGestures>
                {body}
                {move_form}
            </super::gestures::CalendarGestures>
            // Never the section's last child: the islands router skips an island by going
            // to its next sibling, and the months made ahead live in the island's element.
            {drag_hint}
            {import}
        </section>
    }
}

/// Category chips (links that switch a category on or off) and a class / group form.
#[component]
fn FilterBar(data: CalendarData) -> impl IntoView {
    let t = use_strings();
    let q = data.query.clone();
    let chips = Category::ALL
        .into_iter()
        .map(|c| {
            let on = q.filter.categories.contains(&c);
            view! {
                <a class=format!("chip cat-{}", c.key()) class:on=on href=q.toggled(c)
                    aria-current=on.then_some("true") data-category-filter=c.key()>
                    <span class="swatch" aria-hidden="true"></span>{c.label(t)}
                </a>
            }
        })
        .collect_view();
    let class_options = data
        .classes
        .iter()
        .map(|(id, label)| {
            let (grade, number) = label.split_once('-').unwrap_or((label, ""));
            let text = (t.common.class_label)(grade.parse().unwrap_or(0), number.parse().unwrap_or(0));
            view! { <option value=id.to_string() selected=q.filter.class_id == Some(*id)>{text}</option> }
        })
        .collect_view();
    let group_options = data
        .groups
        .iter()
        .map(|(id, name)| view! { <option value=id.to_string() selected=q.filter.group_id == Some(*id)>{name.clone()}</option> })
        .collect_view();
    let cats: Vec<&str> = q.filter.categories.iter().map(|c| c.key()).collect();
    view! {
        <div class="filters" role="group" aria-label=t.calendar.filters_label>
            <div class="chips-row">
                <a class="chip" class:on=q.filter.categories.is_empty()
                    href=q.href_with(q.view, q.date, &CalendarFilter { categories: vec![], ..q.filter.clone() })>
                    {t.calendar.all_categories}
                </a>
                {chips}
                <a class="chip lunar-toggle" class:on=q.lunar href=q.lunar_toggled() aria-current=q.lunar.then_some("true")>
                    {t.calendar.lunar_toggle}
                </a>
            </div>
            <form method="get" action="/calendar" class="inline-form">
                <input type="hidden" name="view" value=q.view.key()/>
                <input type="hidden" name="date" value=q.date.format("%Y-%m-%d").to_string()/>
                <input type="hidden" name="cat" value=cats.join(",")/>
                <label>{t.calendar.class_filter}
                    <select name="class"><option value="">{t.common.all_classes}</option>{class_options}</select>
                </label>
                <label>{t.calendar.group_filter}
                    <select name="group"><option value="">{t.calendar.all_groups}</option>{group_options}</select>
                </label>
                <button type="submit" class="button">{t.common.filter}</button>
            </form>
        </div>
    }
}
