//! The week and day views: a time grid of half hours, overlapping events side by side.

use chrono::{Datelike, Days, NaiveDate, NaiveDateTime, Timelike};
use leptos::prelude::*;

use super::entries::*;
// The grid: 07:00 to 20:00 in half hours, as the drag arithmetic counts it.
use crate::calendar::domain::drag::{FIRST_HOUR, LAST_HOUR, SLOTS};
use crate::calendar::types::{CalendarData, CalendarView, Occurrence};
use crate::page::use_strings;

/// Week and day: all-day entries on top, timed events placed on a half-hour grid.
#[component]
pub fn TimeGrid(data: CalendarData) -> impl IntoView {
    let t = use_strings();
    let days: Vec<NaiveDate> = (0..=(data.last - data.first).num_days())
        .map(|i| data.first + Days::new(i as u64))
        .collect();
    let hours = (FIRST_HOUR..LAST_HOUR)
        .map(|h| view! { <div class=format!("hour s-{}", (h - FIRST_HOUR) * 2)>{format!("{h:02}:00")}</div> })
        .collect_view();
    let columns = days
        .iter()
        .map(|&day| {
            let (events, birthdays) = items_on(&data, day);
            let (all_day, timed): (Vec<_>, Vec<_>) = events.into_iter().partition(|o| o.all_day || o.start.date() != o.end.date());
            let lanes = assign_lanes(&timed);
            let lane_count = lanes.iter().copied().max().map_or(1, |m| m + 1);
            let weekday = t.calendar.weekdays_short[day.weekday().num_days_from_monday() as usize];
            let mut top: Vec<AnyView> = all_day.iter().map(|o| event_item(o, day, t)).collect();
            top.extend(birthdays.iter().map(|b| birthday_item(b, t)));
            let day_href = data.query.href(CalendarView::Day, day);
            let placed = timed
                .iter()
                .zip(lanes.iter().copied())
                .map(|(o, lane)| {
                    // A phone's week has no room for lanes side by side: it shows the first
                    // lane, and there a link to the day, where the ones beside it are.
                    let beside = if lane == 0 { overlapping(&timed, &lanes, o) } else { 0 };
                    let (start, span) = slots(o.start, o.end);
                    let time = format!("{}–{}", o.start.format("%H:%M"), o.end.format("%H:%M"));
                    let tooltip = format!("{time} {}", o.title);
                    let drag = Drag::of(o, day);
                    view! {
                        <div class=format!("timed cat-{} s-{start} l-{span} lane-{lane}", o.category.key())
                            data-category=o.category.key() title=tooltip
                            data-drag=drag.on data-id=drag.id data-version=drag.version data-occurrence=drag.occurrence
                            data-end=drag.end data-day=drag.day data-series=drag.series>
                            <span class="sr-only">{o.category.label(t)}": "</span>
                            <time class="item-time">{time}</time>
                            {title_of(o)}
                            {o.location.clone().map(|l| view! { <span class="item-place">{l}</span> })}
                            {o.editable.then(|| view! { <span class="resize" data-resize="" aria-hidden="true"></span> })}
                            {(beside > 0).then(|| view! {
                                <a class="tg-beside" href=day_href.clone() aria-label=(t.calendar.more_items)(beside)>{format!("+{beside}")}</a>
                            })}
                        </div>
                    }
                })
                .collect_view();
            view! {
                <div class="tg-column" class:today=day == data.today data-date=day.format("%Y-%m-%d").to_string()
                    aria-label=(t.calendar.day_label)(day)>
                    <a class="tg-head" href=day_href>
                        <span class="tg-weekday">{weekday}</span>
                        <span class="tg-date">{day.day()}</span>
                        <span class="tg-marks">{day_marks(&data, day, t)}</span>
                    </a>
                    <ul class="items tg-allday">{top}</ul>
                    <div class=format!("tg-slots lanes-{lane_count}")>{placed}</div>
                </div>
            }
        })
        .collect_view();
    view! {
        <div class="time-grid" class:single=days.len() == 1 data-create=data.can_create.then_some("")>
            <div class="tg-hours" aria-hidden="true">
                <div class="tg-head"></div>
                <div class="tg-allday-gutter">{t.calendar.all_day}</div>
                <div class="tg-slots">{hours}</div>
            </div>
            {columns}
        </div>
        <Legend/>
    }
}

/// The half-hour slot an event starts in and how many it spans, clamped to the grid.
pub fn slots(start: NaiveDateTime, end: NaiveDateTime) -> (u32, u32) {
    let slot_of = |t: NaiveDateTime| {
        let minutes = t.hour() * 60 + t.minute();
        (minutes.saturating_sub(FIRST_HOUR * 60) / 30).min(SLOTS - 1)
    };
    let first = slot_of(start);
    let end_minutes = end.hour() * 60 + end.minute();
    let last = (end_minutes.saturating_sub(FIRST_HOUR * 60))
        .div_ceil(30)
        .clamp(first + 1, SLOTS);
    (first, last - first)
}

/// How many events in the lanes beside the first overlap `o` (which is in the first lane).
fn overlapping(timed: &[Occurrence], lanes: &[u32], o: &Occurrence) -> usize {
    timed
        .iter()
        .zip(lanes)
        .filter(|(other, lane)| **lane > 0 && other.start < o.end && o.start < other.end)
        .count()
}

/// Side-by-side lanes for overlapping events (greedy, in start order).
pub fn assign_lanes(events: &[Occurrence]) -> Vec<u32> {
    let mut lane_ends: Vec<NaiveDateTime> = Vec::new();
    events
        .iter()
        .map(|o| match lane_ends.iter().position(|end| *end <= o.start) {
            Some(lane) => {
                lane_ends[lane] = o.end;
                lane as u32
            }
            None => {
                lane_ends.push(o.end);
                (lane_ends.len() - 1).min(3) as u32
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calendar::types::Category;

    fn at(h: u32, m: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(2027, 4, 20)
            .unwrap()
            .and_hms_opt(h, m, 0)
            .unwrap()
    }

    #[test]
    fn events_take_their_half_hours_on_the_grid() {
        assert_eq!(slots(at(16, 10), at(17, 10)), (18, 3)); // 16:00 slot to 17:30
        assert_eq!(slots(at(7, 50), at(8, 30)), (1, 2));
        assert_eq!(slots(at(6, 0), at(6, 30)), (0, 1)); // before the grid: first slot
        assert_eq!(slots(at(21, 0), at(22, 0)), (25, 1)); // after it: last slot
    }

    #[test]
    fn overlapping_events_go_side_by_side() {
        let event = |start, end| Occurrence {
            event_id: 1,
            title: String::new(),
            category: Category::Activity,
            all_day: false,
            start,
            end,
            location: None,
            editable: false,
            rule: None,
            version: 1,
            link: None,
        };
        let events = [
            event(at(16, 10), at(17, 10)),
            event(at(16, 30), at(17, 0)),
            event(at(17, 10), at(18, 0)),
        ];
        assert_eq!(assign_lanes(&events), vec![0, 1, 0]);
    }
}
