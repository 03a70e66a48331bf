//! The calendar page, rendered on the server. Previous / next / today are plain links:
//! without JavaScript they load a page, with it the islands router swaps the content
//! in place and the URL follows.

use chrono::{Datelike, NaiveDate};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use super::api::get_month;
use super::domain::month_grid::{next_month, previous_month, MonthGrid};
use super::types::{BirthdayItem, Category, MonthData, Occurrence};
use crate::i18n::Strings;
use crate::use_strings;

/// A month cell lists this many entries before folding the rest under "+N more".
const VISIBLE_PER_DAY: usize = 3;

pub fn month_href(date: NaiveDate) -> String {
    format!("/calendar?view=month&date={}", date.format("%Y-%m-%d"))
}

#[component]
pub fn CalendarPage() -> impl IntoView {
    let t = use_strings();
    if let Err(denied) = crate::auth::ui::page_gate(crate::auth::permissions::Capability::ViewCalendar) {
        return denied;
    }
    let query = use_query_map();
    let month = Resource::new(
        move || query.read().get("date"),
        |date| async move { get_month(date).await },
    );
    view! {
        <Title text=format!("{} · {}", t.calendar_title, t.app_name)/>
        <Suspense fallback=move || view! { <p class="loading">{t.loading}</p> }>
            {move || Suspend::new(async move {
                match month.await {
                    // Keyed by month: the islands router swaps a different month's grid in
                    // wholesale instead of patching one month's cells into another's.
                    Ok(data) => view! {
                        <For
                            each=move || std::iter::once(data.clone())
                            key=|data| data.month
                            children=|data| view! { <MonthView data/> }
                        />
                    }
                    .into_any(),
                    Err(error) => view! {
                        <section class="notice" role="alert">
                            <p>{error.message(t)}</p>
                            <a class="button" href="/calendar">{t.back_to_calendar}</a>
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
fn MonthView(data: MonthData) -> impl IntoView {
    let t = use_strings();
    let grid = MonthGrid::for_date(data.month);
    let heading = (t.month_heading)(data.month.year(), data.month.month());
    let weeks: Vec<_> = grid
        .weeks()
        .map(|week| {
            let cells: Vec<_> = week
                .into_iter()
                .map(|day| {
                    let events: Vec<Occurrence> =
                        data.occurrences.iter().filter(|o| o.covers(day)).cloned().collect();
                    let birthdays: Vec<BirthdayItem> =
                        data.birthdays.iter().filter(|b| b.date == day).cloned().collect();
                    view! {
                        <DayCell
                            day
                            in_month=grid.in_month(day)
                            is_today=day == data.today
                            events
                            birthdays
                        />
                    }
                })
                .collect();
            view! { <tr>{cells}</tr> }
        })
        .collect();

    view! {
        <section class="calendar" aria-labelledby="calendar-heading">
            <header class="calendar-toolbar">
                <nav class="calendar-nav" aria-label=t.calendar_title>
                    <a class="button icon" rel="prev" href=month_href(previous_month(data.month))
                        aria-label=t.previous_month title=t.previous_month>"‹"</a>
                    <a class="button" href=month_href(data.today) data-testid="today">{t.today}</a>
                    <a class="button icon" rel="next" href=month_href(next_month(data.month))
                        aria-label=t.next_month title=t.next_month>"›"</a>
                </nav>
                <h1 id="calendar-heading" aria-live="polite">{heading.clone()}</h1>
            </header>
            <table class="month-grid" role="grid" aria-labelledby="calendar-heading"
                data-month=data.month.format("%Y-%m").to_string()>
                <thead>
                    <tr>
                        {t.weekdays_short.iter().enumerate().map(|(i, name)| view! {
                            <th scope="col" class:weekend={i >= 5}>{*name}</th>
                        }).collect_view()}
                    </tr>
                </thead>
                <tbody>{weeks}</tbody>
            </table>
            <Legend/>
        </section>
    }
}

#[component]
fn DayCell(
    day: NaiveDate,
    in_month: bool,
    is_today: bool,
    events: Vec<Occurrence>,
    birthdays: Vec<BirthdayItem>,
) -> impl IntoView {
    let t = use_strings();
    let mut items: Vec<AnyView> = events.iter().map(|o| event_item(o, t)).collect();
    items.extend(birthdays.iter().map(|b| birthday_item(b, t)));
    let hidden = items.len().saturating_sub(VISIBLE_PER_DAY);
    let rest: Vec<AnyView> = if hidden > 0 { items.split_off(VISIBLE_PER_DAY) } else { Vec::new() };
    let weekend = day.weekday().num_days_from_monday() >= 5;

    view! {
        <td
            role="gridcell"
            class="day"
            class:outside=!in_month
            class:today=is_today
            class:weekend=weekend
            data-date=day.format("%Y-%m-%d").to_string()
            aria-label=(t.day_label)(day)
            aria-current=is_today.then_some("date")
        >
            <span class="day-number">{day.day()}</span>
            <ul class="items">{items}</ul>
            {(hidden > 0).then(|| view! {
                <details class="more">
                    <summary>{(t.more_items)(hidden)}</summary>
                    <ul class="items">{rest}</ul>
                </details>
            })}
        </td>
    }
}

fn event_item(o: &Occurrence, t: &'static Strings) -> AnyView {
    let time = if o.all_day { None } else { Some(o.start.format("%H:%M").to_string()) };
    let tooltip = match (&time, &o.location) {
        (Some(time), Some(place)) => format!("{time} {} · {place}", o.title),
        (Some(time), None) => format!("{time} {}", o.title),
        (None, Some(place)) => format!("{} · {place}", o.title),
        (None, None) => o.title.clone(),
    };
    view! {
        <li class=format!("item cat-{}", o.category.key()) title=tooltip data-category=o.category.key()>
            <span class="sr-only">{o.category.label(t)}": "</span>
            {time.map(|time| view! { <time class="item-time">{time}</time> })}
            <span class="item-title">{o.title.clone()}</span>
        </li>
    }
    .into_any()
}

fn birthday_item(b: &BirthdayItem, t: &'static Strings) -> AnyView {
    let text = match b.age {
        Some(age) => (t.birthday_item)(&b.name, age),
        None => (t.birthday_of)(&b.name),
    };
    let class = (t.class_label)(b.class.grade, b.class.number);
    let tooltip = format!("{text} · {class}");
    view! {
        <li class="item cat-birthday" data-category="birthday" title=tooltip>
            <span class="item-title">"🎂 "{text}</span>
        </li>
    }
    .into_any()
}

#[component]
fn Legend() -> impl IntoView {
    let t = use_strings();
    view! {
        <aside class="legend" aria-label=t.legend>
            <ul>
                {Category::ALL.into_iter().map(|c| view! {
                    <li class=format!("legend-item cat-{}", c.key())>
                        <span class="swatch" aria-hidden="true"></span>
                        {c.label(t)}
                    </li>
                }).collect_view()}
            </ul>
        </aside>
    }
}
