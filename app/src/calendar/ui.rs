//! The calendar pages, rendered on the server: month, week, day and agenda. Every control
//! is a link or a GET form, so it works without JavaScript; with it the islands router
//! swaps the page in place and the URL follows.

use chrono::{Datelike, Days, NaiveDate, NaiveDateTime, Timelike};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use super::api::get_calendar;
use super::domain::month_grid::MonthGrid;
use super::domain::query::CalendarView;
use super::types::{BirthdayItem, CalendarData, Category, DayInfo, HolidayKind, Occurrence};
use crate::i18n::Strings;
use crate::page::use_strings;

/// A month cell lists this many entries before folding the rest under "+N more".
const VISIBLE_PER_DAY: usize = 3;
/// The week and day views' time grid: 07:00 to 20:00 in half hours.
use super::domain::drag::{FIRST_HOUR as GRID_FIRST_HOUR, LAST_HOUR as GRID_LAST_HOUR, SLOTS};

pub use crate::school::urls::month_href;

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
        <Title text=format!("{} · {}", t.calendar_title, t.app_name)/>
        <Suspense fallback=move || view! { <crate::page::Loading/> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(data) => view! { <CalendarBody data/> }.into_any(),
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
fn CalendarBody(data: CalendarData) -> impl IntoView {
    let t = use_strings();
    let q = data.query.clone();
    let heading = match q.view {
        CalendarView::Month => (t.month_heading)(q.date.year(), q.date.month()),
        CalendarView::Week => (t.week_heading)(data.first, data.last),
        CalendarView::Day => (t.day_label)(q.date),
        CalendarView::Agenda => (t.agenda_heading)(data.first, data.last),
    };
    let body = match q.view {
        CalendarView::Month => view! { <MonthTable data=data.clone()/> }.into_any(),
        CalendarView::Week | CalendarView::Day => {
            view! { <TimeGrid data=data.clone()/> }.into_any()
        }
        CalendarView::Agenda => view! { <Agenda data=data.clone()/> }.into_any(),
    };
    let view_label = |v: CalendarView| match v {
        CalendarView::Month => t.view_month,
        CalendarView::Week => t.view_week,
        CalendarView::Day => t.view_day,
        CalendarView::Agenda => t.view_agenda,
    };
    let (previous, next) = match q.view {
        CalendarView::Month => (t.previous_month, t.next_month),
        _ => (t.previous_period, t.next_period),
    };
    let move_form = data
        .occurrences
        .iter()
        .any(|o| o.editable)
        .then(|| view! { <MoveForm next=q.href(q.view, q.date)/> });
    let drag_hint = (data.can_create && q.view != CalendarView::Agenda)
        .then(|| view! { <p class="hint drag-hint">{t.drag_hint}</p> });
    let import = data
        .can_import
        .then(|| view! { <p class="import-link"><a class="button" href="/calendar/import">{t.import_link}</a></p> });
    view! {
        <section class="calendar" aria-labelledby="calendar-heading" data-view=q.view.key()>
            <header class="calendar-toolbar">
                <nav class="calendar-nav" aria-label=t.calendar_title>
                    <a class="button icon" rel="prev" href=q.href(q.view, q.step(-1)) aria-label=previous title=previous>"‹"</a>
                    <a class="button" href=q.href(q.view, data.today) data-testid="today">{t.today}</a>
                    <a class="button icon" rel="next" href=q.href(q.view, q.step(1)) aria-label=next title=next>"›"</a>
                </nav>
                <h1 id="calendar-heading" aria-live="polite">{heading}</h1>
                <nav class="view-switch" aria-label=t.views_label>
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
            let text = (t.class_label)(grade.parse().unwrap_or(0), number.parse().unwrap_or(0));
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
        <div class="filters" role="group" aria-label=t.filters_label>
            <div class="chips-row">
                <a class="chip" class:on=q.filter.categories.is_empty()
                    href=q.href_with(q.view, q.date, &super::domain::query::CalendarFilter { categories: vec![], ..q.filter.clone() })>
                    {t.all_categories}
                </a>
                {chips}
                <a class="chip lunar-toggle" class:on=q.lunar href=q.lunar_toggled() aria-current=q.lunar.then_some("true")>
                    {t.lunar_toggle}
                </a>
            </div>
            <form method="get" action="/calendar" class="inline-form">
                <input type="hidden" name="view" value=q.view.key()/>
                <input type="hidden" name="date" value=q.date.format("%Y-%m-%d").to_string()/>
                <input type="hidden" name="cat" value=cats.join(",")/>
                <label>{t.class_filter}
                    <select name="class"><option value="">{t.all_classes}</option>{class_options}</select>
                </label>
                <label>{t.group_filter}
                    <select name="group"><option value="">{t.all_groups}</option>{group_options}</select>
                </label>
                <button type="submit" class="button">{t.filter}</button>
            </form>
        </div>
    }
}

fn items_on(data: &CalendarData, day: NaiveDate) -> (Vec<Occurrence>, Vec<BirthdayItem>) {
    let mut events: Vec<Occurrence> = data
        .occurrences
        .iter()
        .filter(|o| o.covers(day))
        .cloned()
        .collect();
    // A holiday or a make-up working day shows as an all-day entry of the holiday category.
    if let Some(holiday) = day_info(data, day).and_then(|d| d.holiday.clone()) {
        if data.query.filter.shows(Category::Holiday) {
            let t = use_strings();
            let mut title = (t.holiday_name)(&holiday.name);
            if holiday.provisional {
                title = format!("{title}{}", (t.aside)(t.provisional_mark));
            }
            events.insert(0, Occurrence::marker(day, title, Category::Holiday, None));
        }
    }
    let birthdays = data
        .birthdays
        .iter()
        .filter(|b| b.date == day)
        .cloned()
        .collect();
    (events, birthdays)
}

fn day_info(data: &CalendarData, day: NaiveDate) -> Option<&DayInfo> {
    data.days.iter().find(|d| d.date == day)
}

/// The badge (休 / 班), and the festival or lunar date, shown beside and under a day number.
fn day_marks(data: &CalendarData, day: NaiveDate, t: &'static Strings) -> impl IntoView {
    let info = day_info(data, day).cloned();
    let badge = info
        .as_ref()
        .and_then(|i| i.holiday.as_ref())
        .map(|h| match h.kind {
            HolidayKind::Holiday => view! { <span class="badge rest">{t.holiday_badge}</span> },
            HolidayKind::Workday => view! { <span class="badge work">{t.workday_badge}</span> },
        });
    let festival: Vec<&'static str> = info
        .iter()
        .flat_map(|i| i.festivals.iter())
        .map(|k| (t.festival_name)(k))
        .collect();
    let under = if !festival.is_empty() {
        Some(view! { <span class="festival">{festival.join(" ")}</span> }.into_any())
    } else if data.query.lunar {
        info.map(|i| {
            view! { <span class="lunar">{(t.lunar_label)(i.lunar.0, i.lunar.1)}</span> }.into_any()
        })
    } else {
        None
    };
    (badge, under)
}

#[component]
fn MonthTable(data: CalendarData) -> impl IntoView {
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
                            aria-label=t.add_event_here title=t.add_event_here>"+"</a>
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
                    {t.weekdays_short.iter().enumerate().map(|(i, name)| view! {
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
fn CelebrateForm(month: NaiveDate) -> impl IntoView {
    let t = use_strings();
    let last = super::domain::month_grid::next_month(month) - Days::new(1);
    let back = (last.weekday().num_days_from_monday() + 7 - 4) % 7;
    let friday = last - Days::new(u64::from(back));
    view! {
        <form method="post" action="/api/calendar/celebrate" class="inline-form celebrate">
            <label>{t.celebrate_date}<input name="date" type="date" required value=friday.format("%Y-%m-%d").to_string()/></label>
            <label>{t.event_start_time}<input name="time" type="time" value="15:00"/></label>
            <button type="submit" class="button">{t.celebrate}</button>
        </form>
    }
}

#[component]
fn DayCell(
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
            aria-label=(t.day_label)(day)
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
                    <summary>{(t.more_items)(hidden)}</summary>
                    <ul class="items">{rest}</ul>
                </details>
            })}
        </td>
    }
}

/// Week and day: all-day entries on top, timed events placed on a half-hour grid.
#[component]
fn TimeGrid(data: CalendarData) -> impl IntoView {
    let t = use_strings();
    let days: Vec<NaiveDate> = (0..=(data.last - data.first).num_days())
        .map(|i| data.first + Days::new(i as u64))
        .collect();
    let hours = (GRID_FIRST_HOUR..GRID_LAST_HOUR)
        .map(|h| view! { <div class=format!("hour s-{}", (h - GRID_FIRST_HOUR) * 2)>{format!("{h:02}:00")}</div> })
        .collect_view();
    let columns = days
        .iter()
        .map(|&day| {
            let (events, birthdays) = items_on(&data, day);
            let (all_day, timed): (Vec<_>, Vec<_>) = events.into_iter().partition(|o| o.all_day || o.start.date() != o.end.date());
            let lanes = assign_lanes(&timed);
            let lane_count = lanes.iter().copied().max().map_or(1, |m| m + 1);
            let weekday = t.weekdays_short[day.weekday().num_days_from_monday() as usize];
            let mut top: Vec<AnyView> = all_day.iter().map(|o| event_item(o, day, t)).collect();
            top.extend(birthdays.iter().map(|b| birthday_item(b, t)));
            let placed = timed
                .iter()
                .zip(lanes)
                .map(|(o, lane)| {
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
                        </div>
                    }
                })
                .collect_view();
            view! {
                <div class="tg-column" class:today=day == data.today data-date=day.format("%Y-%m-%d").to_string()
                    aria-label=(t.day_label)(day)>
                    <a class="tg-head" href=data.query.href(CalendarView::Day, day)>
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
                <div class="tg-allday-gutter">{t.all_day}</div>
                <div class="tg-slots">{hours}</div>
            </div>
            {columns}
        </div>
        <Legend/>
    }
}

/// The half-hour slot an event starts in and how many it spans, clamped to the grid.
fn slots(start: NaiveDateTime, end: NaiveDateTime) -> (u32, u32) {
    let slot_of = |t: NaiveDateTime| {
        let minutes = t.hour() * 60 + t.minute();
        (minutes.saturating_sub(GRID_FIRST_HOUR * 60) / 30).min(SLOTS - 1)
    };
    let first = slot_of(start);
    let end_minutes = end.hour() * 60 + end.minute();
    let last = (end_minutes.saturating_sub(GRID_FIRST_HOUR * 60))
        .div_ceil(30)
        .clamp(first + 1, SLOTS);
    (first, last - first)
}

/// Side-by-side lanes for overlapping events (greedy, in start order).
fn assign_lanes(events: &[Occurrence]) -> Vec<u32> {
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

#[component]
fn Agenda(data: CalendarData) -> impl IntoView {
    let t = use_strings();
    let days: Vec<_> = (0..=(data.last - data.first).num_days())
        .map(|i| data.first + Days::new(i as u64))
        .filter_map(|day| {
            let (events, birthdays) = items_on(&data, day);
            if events.is_empty() && birthdays.is_empty() {
                return None;
            }
            let mut items: Vec<AnyView> = events.iter().map(|o| agenda_event(o, t)).collect();
            items.extend(birthdays.iter().map(|b| birthday_item(b, t)));
            Some(view! {
                <section class="agenda-day" class:today=day == data.today data-date=day.format("%Y-%m-%d").to_string()>
                    <h2><a href=data.query.href(CalendarView::Day, day)>{(t.day_label)(day)}</a></h2>
                    <ul class="items">{items}</ul>
                </section>
            })
        })
        .collect();
    let empty = days.is_empty();
    view! {
        <div class="agenda">
            {days}
            {empty.then(|| view! { <p class="notice">{t.no_items}</p> })}
        </div>
    }
}

fn agenda_event(o: &Occurrence, t: &'static Strings) -> AnyView {
    let time = if o.all_day {
        t.all_day.to_owned()
    } else {
        format!("{}–{}", o.start.format("%H:%M"), o.end.format("%H:%M"))
    };
    let repeat = o
        .rule
        .as_deref()
        .map(|r| super::domain::rule_summary::summarize(r, crate::page::use_locale()));
    view! {
        <li class=format!("item agenda-item cat-{}", o.category.key()) data-category=o.category.key()>
            <time class="item-time">{time}</time>
            <span class="item-title">{o.title.clone()}</span>
            <span class="item-category">{o.category.label(t)}</span>
            {repeat.map(|r| view! { <span class="item-repeat">{r}</span> })}
            {o.location.clone().map(|l| view! { <span class="item-place">{l}</span> })}
        </li>
    }
    .into_any()
}

/// What the drag island needs to know of an event it may move (nothing for others).
struct Drag {
    on: Option<&'static str>,
    id: Option<String>,
    version: Option<String>,
    occurrence: Option<String>,
    end: Option<String>,
    day: Option<String>,
    series: Option<&'static str>,
}

impl Drag {
    /// `day` is the day the event is shown on (a long event shows on several).
    fn of(o: &Occurrence, day: NaiveDate) -> Drag {
        let on = o.editable;
        let stamp = |t: NaiveDateTime| t.format("%Y-%m-%dT%H:%M:%S").to_string();
        Drag {
            on: on.then_some(""),
            id: on.then(|| o.event_id.to_string()),
            version: on.then(|| o.version.to_string()),
            occurrence: on.then(|| stamp(o.start)),
            end: on.then(|| stamp(o.end)),
            day: on.then(|| day.format("%Y-%m-%d").to_string()),
            series: (on && o.rule.is_some()).then_some(""),
        }
    }
}

/// The event's title: a link to where it leads (the checkup day's page, a child's
/// follow-up), else to the editor (at this occurrence) for those who may edit it.
fn title_of(o: &Occurrence) -> AnyView {
    if let Some(link) = &o.link {
        view! { <a class="item-title" href=link.clone()>{o.title.clone()}</a> }.into_any()
    } else if o.editable {
        let href = match o.rule {
            Some(_) => format!(
                "/calendar/event/{}?occurrence={}",
                o.event_id,
                o.start.format("%Y-%m-%dT%H:%M:%S")
            ),
            None => format!("/calendar/event/{}", o.event_id),
        };
        view! { <a class="item-title" href=href>{o.title.clone()}</a> }.into_any()
    } else {
        view! { <span class="item-title">{o.title.clone()}</span> }.into_any()
    }
}

fn event_item(o: &Occurrence, day: NaiveDate, t: &'static Strings) -> AnyView {
    let time = if o.all_day {
        None
    } else {
        Some(o.start.format("%H:%M").to_string())
    };
    let tooltip = match (&time, &o.location) {
        (Some(time), Some(place)) => format!("{time} {} · {place}", o.title),
        (Some(time), None) => format!("{time} {}", o.title),
        (None, Some(place)) => format!("{} · {place}", o.title),
        (None, None) => o.title.clone(),
    };
    let drag = Drag::of(o, day);
    view! {
        <li class=format!("item cat-{}", o.category.key()) title=tooltip data-category=o.category.key()
            data-drag=drag.on data-id=drag.id data-version=drag.version data-occurrence=drag.occurrence
            data-end=drag.end data-day=drag.day data-series=drag.series>
            <span class="sr-only">{o.category.label(t)}": "</span>
            {time.map(|time| view! { <time class="item-time">{time}</time> })}
            {title_of(o)}
        </li>
    }
    .into_any()
}

/// The form a drop fills in. For a repeating event it opens as a dialog asking which
/// occurrences move; a single event is saved without asking.
#[component]
fn MoveForm(next: String) -> impl IntoView {
    let t = use_strings();
    view! {
        <form id="move-form" class="move-dialog" method="post" action="/api/calendar/move" hidden
            role="dialog" aria-labelledby="move-title">
            <input type="hidden" name="id"/>
            <input type="hidden" name="version"/>
            <input type="hidden" name="occurrence"/>
            <input type="hidden" name="start"/>
            <input type="hidden" name="end"/>
            <input type="hidden" name="next" value=next/>
            <input type="hidden" name="scope"/>
            <h2 id="move-title">{t.move_title}</h2>
            <p>{(t.move_to)("")}<output class="move-target"></output></p>
            <div class="move-choices">
                // The island sends the form with the chosen scope (the islands router would
                // drop a submit button's own value).
                <button type="button" class="button primary" data-scope="this">{t.scope_this}</button>
                <button type="button" class="button" data-scope="following">{t.scope_following}</button>
                <button type="button" class="button" data-scope="all">{t.scope_all}</button>
                <button type="button" class="button" data-cancel="">{t.cancel}</button>
            </div>
        </form>
    }
}

fn birthday_item(b: &BirthdayItem, t: &'static Strings) -> AnyView {
    let text = match b.age {
        Some(age) => (t.birthday_item)(&b.name, age),
        None => (t.birthday_of)(&b.name),
    };
    let class = (t.class_label)(b.class.grade, b.class.number);
    let lunar = b.lunar.then(|| (t.aside)(t.lunar_mark));
    let tooltip = format!("{text}{} · {class}", lunar.clone().unwrap_or_default());
    view! {
        <li class="item cat-birthday" class:lunar-birthday=b.lunar data-category="birthday" title=tooltip>
            <span class="item-title">"🎂 "{text}{lunar}</span>
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

#[cfg(test)]
mod tests {
    use super::*;

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
