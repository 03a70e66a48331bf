//! What every view shows of one day and one entry: its events, birthdays and marks, and
//! the attributes the drag island reads.

use chrono::NaiveDate;
use leptos::prelude::*;

use crate::calendar::types::{
    BirthdayItem, CalendarData, Category, DayInfo, HolidayKind, Occurrence,
};
use crate::i18n::Strings;
use crate::page::use_strings;

pub fn items_on(data: &CalendarData, day: NaiveDate) -> (Vec<Occurrence>, Vec<BirthdayItem>) {
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
            let mut title = (t.calendar.holiday_name)(&holiday.name);
            if holiday.provisional {
                title = format!("{title}{}", (t.common.aside)(t.calendar.provisional_mark));
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

pub fn day_info(data: &CalendarData, day: NaiveDate) -> Option<&DayInfo> {
    data.days.iter().find(|d| d.date == day)
}

/// The badge (休 / 班), and the festival or lunar date, shown beside and under a day number.
pub fn day_marks(data: &CalendarData, day: NaiveDate, t: &'static Strings) -> impl IntoView {
    let info = day_info(data, day).cloned();
    let badge = info
        .as_ref()
        .and_then(|i| i.holiday.as_ref())
        .map(|h| match h.kind {
            HolidayKind::Holiday => {
                view! { <span class="badge rest">{t.calendar.holiday_badge}</span> }
            }
            HolidayKind::Workday => {
                view! { <span class="badge work">{t.calendar.workday_badge}</span> }
            }
        });
    let festival: Vec<&'static str> = info
        .iter()
        .flat_map(|i| i.festivals.iter())
        .map(|k| (t.calendar.festival_name)(k))
        .collect();
    let under = if !festival.is_empty() {
        Some(view! { <span class="festival">{festival.join(" ")}</span> }.into_any())
    } else if data.query.lunar {
        info.map(|i| {
            view! { <span class="lunar">{(t.calendar.lunar_label)(i.lunar.0, i.lunar.1)}</span> }
                .into_any()
        })
    } else {
        None
    };
    (badge, under)
}

/// What the drag island needs to know of an event it may move (nothing for others).
pub struct Drag {
    pub on: Option<&'static str>,
    pub id: Option<String>,
    pub version: Option<String>,
    pub occurrence: Option<String>,
    pub end: Option<String>,
    pub day: Option<String>,
    pub series: Option<&'static str>,
}

impl Drag {
    /// `day` is the day the event is shown on (a long event shows on several).
    pub fn of(o: &Occurrence, day: NaiveDate) -> Drag {
        let on = o.editable;
        let stamp = crate::school::types::stamp;
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
/// follow-up, a meeting's record), else to the editor (at this occurrence) for those who
/// may edit it.
pub fn title_of(o: &Occurrence) -> AnyView {
    if let Some(link) = &o.link {
        view! { <a class="item-title" href=link.clone()>{o.title.clone()}</a> }.into_any()
    } else if o.editable {
        view! { <a class="item-title" href=o.editor_href()>{o.title.clone()}</a> }.into_any()
    } else {
        view! { <span class="item-title">{o.title.clone()}</span> }.into_any()
    }
}

pub fn event_item(o: &Occurrence, day: NaiveDate, t: &'static Strings) -> AnyView {
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
pub fn MoveForm(next: String) -> impl IntoView {
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
            <h2 id="move-title">{t.calendar.move_title}</h2>
            <p>{(t.calendar.move_to)("")}<output class="move-target"></output></p>
            <div class="move-choices">
                // The island sends the form with the chosen scope (the islands router would
                // drop a submit button's own value).
                <button type="button" class="button primary" data-scope="this">{t.calendar.scope_this}</button>
                <button type="button" class="button" data-scope="following">{t.calendar.scope_following}</button>
                <button type="button" class="button" data-scope="all">{t.calendar.scope_all}</button>
                <button type="button" class="button" data-cancel="">{t.calendar.cancel}</button>
            </div>
        </form>
    }
}

pub fn birthday_item(b: &BirthdayItem, t: &'static Strings) -> AnyView {
    let text = match b.age {
        Some(age) => (t.calendar.birthday_item)(&b.name, age),
        None => (t.calendar.birthday_of)(&b.name),
    };
    let class = (t.common.class_label)(b.class.grade, b.class.number);
    let lunar = b.lunar.then(|| (t.common.aside)(t.calendar.lunar_mark));
    let tooltip = format!("{text}{} · {class}", lunar.clone().unwrap_or_default());
    view! {
        <li class="item cat-birthday" class:lunar-birthday=b.lunar data-category="birthday" title=tooltip>
            <span class="item-title">"🎂 "{text}{lunar}</span>
        </li>
    }
    .into_any()
}

#[component]
pub fn Legend() -> impl IntoView {
    let t = use_strings();
    view! {
        <aside class="legend" aria-label=t.calendar.legend>
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
