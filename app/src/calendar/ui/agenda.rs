//! The agenda: the days ahead as a list.

use chrono::Days;
use leptos::prelude::*;

use super::entries::*;
use crate::calendar::types::CalendarView;
use crate::calendar::types::{CalendarData, Occurrence};
use crate::i18n::Strings;
use crate::page::use_strings;

#[component]
pub fn Agenda(data: CalendarData) -> impl IntoView {
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
                    <h2><a href=data.query.href(CalendarView::Day, day)>{(t.calendar.day_label)(day)}</a></h2>
                    <ul class="items">{items}</ul>
                </section>
            })
        })
        .collect();
    let empty = days.is_empty();
    view! {
        <div class="agenda">
            {days}
            {empty.then(|| view! { <p class="notice">{t.calendar.no_items}</p> })}
        </div>
    }
}

pub fn agenda_event(o: &Occurrence, t: &'static Strings) -> AnyView {
    let time = if o.all_day {
        t.calendar.all_day.to_owned()
    } else {
        format!("{}–{}", o.start.format("%H:%M"), o.end.format("%H:%M"))
    };
    let repeat = o
        .rule
        .as_deref()
        .map(|r| crate::calendar::domain::rule_summary::summarize(r, crate::page::use_locale()));
    view! {
        <li class=format!("item agenda-item cat-{}", o.category.key()) data-category=o.category.key()>
            <time class="item-time">{time}</time>
            {title_of(o)}
            <span class="item-category">{o.category.label(t)}</span>
            {repeat.map(|r| view! { <span class="item-repeat">{r}</span> })}
            {o.location.clone().map(|l| view! { <span class="item-place">{l}</span> })}
        </li>
    }
    .into_any()
}
