//! The month view: a table of weeks, each day with its first entries.

use chrono::{Datelike, Days, NaiveDate};
use leptos::prelude::*;

use super::entries::*;
use crate::calendar::domain::month_grid::MonthGrid;
use crate::calendar::types::CalendarView;
use crate::calendar::types::{BirthdayItem, CalendarData, Occurrence};
use crate::page::use_strings;

/// A month cell lists this many entries before folding the rest under "+N more".
pub const VISIBLE_PER_DAY: usize = 3;

#[component]
pub fn MonthTable(data: CalendarData) -> impl IntoView {
    let t = use_strings();
    let grid = MonthGrid::for_date(data.query.date);
    let weeks: Vec<_> = grid
        .weeks()
        .map(|week| {
            let cells: Vec<_> = week
                .into_iter()
                .map(|day| {
                    let (events, birthdays) = items_on(&data, day);
                    let day_href = data.query.href(CalendarView::Day, day);
                    let add = data.can_create.then(|| view! {
                        <a class="add-event" href=format!("/calendar/new?date={}", day.format("%Y-%m-%d"))
                            aria-label=t.calendar.add_event_here title=t.calendar.add_event_here>"+"</a>
                    });
                    let marks = view! { {day_marks(&data, day, t)}{add} }.into_any();
                    let focus_day = if grid.in_month(data.today) { data.today } else { grid.month };
                    let focusable = day == focus_day;
                    view! {
                        <DayCell day day_href in_month=grid.in_month(day) is_today=day == data.today events birthdays marks focusable/>
                    }
                })
                .collect();
            view! { <tr>{cells}</tr> }
        })
        .collect();
    view! {
        <table class="month-grid" role="grid" aria-labelledby="calendar-heading"
            data-month=grid.month.format("%Y-%m").to_string()>
            <thead>
                <tr>
                    {t.calendar.weekdays_short.iter().enumerate().map(|(i, name)| view! {
                        <th scope="col" class:weekend={i >= 5}>{*name}</th>
                    }).collect_view()}
                </tr>
            </thead>
            <tbody>{weeks}</tbody>
        </table>
        {data.can_celebrate.then(|| view! { <CelebrateForm month=grid.month/> })}
        <Legend/>
    }
}

/// One step to the month's group birthday party, on the month's last Friday by default.
#[component]
pub fn CelebrateForm(month: NaiveDate) -> impl IntoView {
    let t = use_strings();
    let last = crate::calendar::domain::month_grid::next_month(month) - Days::new(1);
    let back = (last.weekday().num_days_from_monday() + 7 - 4) % 7;
    let friday = last - Days::new(u64::from(back));
    view! {
        <form method="post" action="/api/calendar/celebrate" class="inline-form celebrate">
            <label>{t.calendar.celebrate_date}<input name="date" type="date" required value=friday.format("%Y-%m-%d").to_string()/></label>
            <label>{t.common.event_start_time}<input name="time" type="time" value="15:00"/></label>
            <button type="submit" class="button">{t.calendar.celebrate}</button>
        </form>
    }
}

#[component]
pub fn DayCell(
    day: NaiveDate,
    day_href: String,
    in_month: bool,
    is_today: bool,
    events: Vec<Occurrence>,
    birthdays: Vec<BirthdayItem>,
    marks: AnyView,
    /// The one cell reached by Tab; the arrow keys move from there.
    focusable: bool,
) -> impl IntoView {
    let t = use_strings();
    let mut items: Vec<AnyView> = events.iter().map(|o| event_item(o, day, t)).collect();
    items.extend(birthdays.iter().map(|b| birthday_item(b, t)));
    let hidden = items.len().saturating_sub(VISIBLE_PER_DAY);
    let rest: Vec<AnyView> = if hidden > 0 {
        items.split_off(VISIBLE_PER_DAY)
    } else {
        Vec::new()
    };
    let weekend = day.weekday().num_days_from_monday() >= 5;
    view! {
        <td
            role="gridcell"
            class="day"
            class:outside=!in_month
            class:today=is_today
            class:weekend=weekend
            data-date=day.format("%Y-%m-%d").to_string()
            aria-label=(t.calendar.day_label)(day)
            aria-current=is_today.then_some("date")
            tabindex=if focusable { "0" } else { "-1" }
        >
            <div class="day-head">
                <a class="day-number" href=day_href>{day.day()}</a>
                {marks}
            </div>
            <ul class="items">{items}</ul>
            {(hidden > 0).then(|| view! {
                <details class="more">
                    <summary data-more=format!("+{hidden}")>{(t.calendar.more_items)(hidden)}</summary>
                    <ul class="items">{rest}</ul>
                </details>
            })}
        </td>
    }
}
