//! The checkup day's pages: the day with its roster, time slots per class (printable, one
//! class at a time), the make-up list and open follow-ups; and one child's entry screen,
//! built for the day: large inputs, save and go on to the next child.

mod entry;
mod follow_ups;

pub use entry::CheckupEntryPage;
pub use follow_ups::FollowUpsPage;

use chrono::NaiveTime;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

use super::api::get_checkup_day;
use super::domain::{schedule, TooLong, DAY_ENDS, MAX_PER_SLOT};
use super::types::{Attendance, CheckupDay};
use crate::auth::permissions::Capability;
use crate::i18n::Strings;
use crate::outbox::{self, Outbox};
use crate::page::use_strings;
use crate::page::{page_gate, Flash};
use crate::school::urls::{checkup_child_href, checkup_href, checkup_schedule_href};

fn this_year() -> i32 {
    #[cfg(feature = "ssr")]
    {
        use chrono::Datelike;
        crate::state::AppState::from_context()
            .map(|s| s.today().year())
            .unwrap_or(2027)
    }
    #[cfg(not(feature = "ssr"))]
    {
        2027
    }
}

#[component]
pub fn CheckupPage() -> impl IntoView {
    let t = use_strings();
    if let Err(denied) = page_gate(Capability::ReadHealth) {
        return denied;
    }
    let year = use_params_map()
        .read_untracked()
        .get("year")
        .and_then(|y| y.parse::<i32>().ok())
        .unwrap_or_else(this_year);
    let query = use_query_map().read_untracked().clone();
    let number = |key: &str, default: u32, max: u32| {
        query
            .get(key)
            .and_then(|v| v.parse::<u32>().ok())
            .filter(|v| (1..=max).contains(v))
            .unwrap_or(default)
    };
    // Not chosen: as many a slot as the day needs (see `Day`).
    let per_slot = query
        .get("per")
        .is_some()
        .then(|| number("per", DEFAULT_PER_SLOT, MAX_PER_SLOT as u32));
    let minutes = number("minutes", 20, 120);
    let first = query
        .get("first")
        .and_then(|f| crate::calendar::domain::local_time::parse_time(&f))
        .unwrap_or(NaiveTime::from_hms_opt(8, 30, 0).expect("valid time"));
    let only = query.get("class").and_then(|c| c.parse::<i64>().ok());
    let day = Resource::new(move || year, get_checkup_day);
    view! {
        <Title text=format!("{} · {}", t.checkup.checkup_title, t.common.app_name)/>
        <section class="card checkup">
            <Flash/>
            <Outbox>{outbox::status(t)}</Outbox>
            <Suspense fallback=move || view! { <crate::page::Loading/> }>
                {move || Suspend::new(async move {
                    match day.await {
                        Ok(day) => view! { <Day day per_slot minutes first only/> }.into_any(),
                        Err(e) => crate::page::error_notice(t, &e),
                    }
                })}
            </Suspense>
        </section>
    }
    .into_any()
}

/// Why the schedule was not made (it would run past the school day), and a link for each
/// change that alone would fit it (the others as they were: per slot, minutes, start);
/// `href` makes the page for those three.
fn too_long_notice(
    t: &'static Strings,
    refused: &TooLong,
    (per, minutes, first): (usize, u32, NaiveTime),
    href: impl Fn(usize, u32, NaiveTime) -> String,
) -> impl IntoView {
    let clock = |m: u32| format!("{:02}:{:02}", m / 60 % 24, m % 60);
    let ends = if refused.ends >= 24 * 60 {
        (t.checkup.next_day)(&clock(refused.ends))
    } else {
        clock(refused.ends)
    };
    let fixes = [
        refused
            .per_slot
            .map(|p| (href(p, minutes, first), (t.checkup.fit_per_slot)(p))),
        refused
            .minutes
            .map(|m| (href(per, m, first), (t.checkup.fit_minutes)(m))),
        refused.start.map(|s| {
            (
                href(per, minutes, s),
                (t.checkup.fit_start)(&s.format("%H:%M").to_string()),
            )
        }),
    ]
    .into_iter()
    .flatten()
    .map(|(href, words)| view! { <li><a class="button" href=href>{words}</a></li> })
    .collect_view();
    view! {
        <div class="flash flash-error" role="alert" data-testid="schedule-too-long">
            <p>{(t.checkup.schedule_too_long)(refused.slots, &ends, &DAY_ENDS.format("%H:%M").to_string())}</p>
            <p>{t.checkup.schedule_fit_intro}</p>
            <ul class="inline-form fixes no-print">{fixes}</ul>
            <p>{t.checkup.fit_one_class}</p>
        </div>
    }
}

/// Children a slot unless the admin says otherwise (or the day needs more to hold them all).
const DEFAULT_PER_SLOT: u32 = 10;

#[component]
fn Day(
    day: CheckupDay,
    per_slot: Option<u32>,
    minutes: u32,
    first: NaiveTime,
    only: Option<i64>,
) -> impl IntoView {
    let t = use_strings();
    let year = day.year;
    let all: Vec<_> = day.classes.iter().flat_map(|c| c.children.iter()).collect();
    let count = |a: Attendance| all.iter().filter(|c| c.attendance == Some(a)).count();
    let counts = (t.checkup.checkup_counts)(
        all.len(),
        count(Attendance::Examined),
        count(Attendance::Absent),
        count(Attendance::Excused),
    );
    let shown: Vec<_> = day
        .classes
        .iter()
        .filter(|c| only.is_none_or(|id| c.class_id == id))
        .collect();
    let classes: Vec<_> = shown
        .iter()
        .map(|c| (c.class, c.children.iter().map(|ch| ch.id).collect()))
        .collect();
    let slots = schedule(
        &classes,
        first,
        minutes,
        per_slot.unwrap_or(DEFAULT_PER_SLOT) as usize,
    );
    // Left to the page, the number a slot holds is the least that fits the school day: the
    // whole school's first sight is a schedule, not a refusal. One the admin chose is kept,
    // and refused in words when it does not fit.
    let (per_slot, slots) = match slots {
        Err(refused) if per_slot.is_none() => match refused.per_slot {
            Some(fits) => (fits as u32, schedule(&classes, first, minutes, fits)),
            None => (DEFAULT_PER_SLOT, Err(refused)),
        },
        slots => (per_slot.unwrap_or(DEFAULT_PER_SLOT), slots),
    };
    let name_of = |id: i64| {
        all.iter()
            .find(|c| c.id == id)
            .map(|c| c.name.clone())
            .unwrap_or_default()
    };
    let too_long = slots.as_ref().err().map(|refused| {
        let settings = (per_slot as usize, minutes, first);
        too_long_notice(t, refused, settings, move |per, minutes, first| {
            checkup_schedule_href(year, only, per, minutes, first)
        })
    });
    let slot_rows = slots
        .unwrap_or_default()
        .into_iter()
        .map(|slot| {
            let names = slot
                .children
                .iter()
                .map(|id| view! { <a class="slot-child" href=checkup_child_href(year, *id)>{name_of(*id)}</a> })
                .collect_view();
            view! {
                <tr>
                    <td>{format!("{}–{}", slot.start.format("%H:%M"), slot.end.format("%H:%M"))}</td>
                    <td>{(t.common.class_label)(slot.class.grade, slot.class.number)}</td>
                    <td class="slot-children">{names}</td>
                </tr>
            }
        })
        .collect_view();
    let class_options = day
        .classes
        .iter()
        .map(|c| view! { <option value=c.class_id.to_string() selected=only == Some(c.class_id)>{(t.common.class_label)(c.class.grade, c.class.number)}</option> })
        .collect_view();
    let absent: Vec<_> = all
        .iter()
        .filter(|c| c.attendance == Some(Attendance::Absent))
        .collect();
    let follow_ups: Vec<_> = all.iter().filter(|c| c.follow_up.is_some()).collect();
    let first_child = all.first().map(|c| c.id);
    view! {
        <h1>{(t.checkup.checkup_heading)(year, &day.day.map(|d| d.format("%Y-%m-%d").to_string()).unwrap_or_else(|| "—".into()))}</h1>
        <nav class="row-form no-print year-nav">
            <a class="button" rel="prev" href=checkup_href(year - 1)>{format!("← {}", year - 1)}</a>
            <a class="button" rel="next" href=checkup_href(year + 1)>{format!("{} →", year + 1)}</a>
            {day.edit_event.clone().map(|href| view! { <a class="button" href=href>{t.checkup.checkup_move_day}</a> })}
        </nav>
        <p class="import-totals" data-testid="checkup-counts">{counts}</p>
        <RosterClasses day=day.clone()/>
        {(day.can_write && first_child.is_some()).then(|| view! {
            <p class="no-print"><a class="button primary" href=checkup_child_href(year, first_child.unwrap_or_default())>{t.checkup.checkup_enter}</a></p>
        })}
        <h2>{t.checkup.checkup_schedule}</h2>
        <form method="get" action=checkup_href(year) class="inline-form no-print">
            <label>{t.common.child_class}<select name="class"><option value="">{t.common.all_classes}</option>{class_options}</select></label>
            <label>{t.checkup.checkup_per_slot}<input name="per" type="number" min="1" max=MAX_PER_SLOT.to_string() value=per_slot.to_string()/></label>
            <label>{t.checkup.checkup_slot_minutes}<input name="minutes" type="number" min="1" max="120" value=minutes.to_string()/></label>
            <label>{t.checkup.checkup_first_slot}<input name="first" type="time" value=first.format("%H:%M").to_string()/></label>
            <button type="submit" class="button">{t.checkup.checkup_make_schedule}</button>
        </form>
        // Refused: the notice in place of the schedule, not beside an empty table.
        {match too_long {
            Some(notice) => notice.into_any(),
            None => view! {
                <div class="table-scroll">
                    <table class="data-table checkup-slots">
                        <thead><tr><th scope="col">{t.common.import_when}</th><th scope="col">{t.common.child_class}</th><th scope="col">{t.checkup.checkup_roster}</th></tr></thead>
                        <tbody>{slot_rows}</tbody>
                    </table>
                </div>
            }
            .into_any(),
        }}
        <section class="no-print">
            <h2>{t.checkup.checkup_absent_list}</h2>
            {if absent.is_empty() {
                view! { <p class="hint">{t.checkup.checkup_no_absent}</p> }.into_any()
            } else {
                view! {
                    <ul class="absent-list">
                        {absent.iter().map(|c| view! { <li><a href=checkup_child_href(year, c.id)>{c.name.clone()}</a></li> }).collect_view()}
                    </ul>
                    {day.can_write.then(|| view! {
                        <form method="post" action="/api/checkup/makeup" class="inline-form">
                            <input type="hidden" name="year" value=year.to_string()/>
                            <label>{t.checkup.makeup_date}<input name="date" type="date" required min=day.today.to_string()/></label>
                            <label>{t.common.event_start_time}<input name="time" type="time" value="09:00"/></label>
                            <button type="submit" class="button">{t.checkup.makeup_schedule}</button>
                        </form>
                    })}
                }
                .into_any()
            }}
            <h2>{t.checkup.follow_ups_title}</h2>
            <p><a href="/follow-ups">{t.checkup.all_follow_ups}" →"</a></p>
            {if follow_ups.is_empty() {
                view! { <p class="hint">{t.checkup.no_follow_ups}</p> }.into_any()
            } else {
                view! {
                    <ul class="follow-ups">
                        {follow_ups.iter().map(|c| {
                            let (what, due) = c.follow_up.clone().unwrap_or_default();
                            view! { <li><a href=checkup_child_href(year, c.id)>{c.name.clone()}</a>" · "{what}" · "{due.format("%Y-%m-%d").to_string()}</li> }
                        }).collect_view()}
                    </ul>
                }
                .into_any()
            }}
        </section>
    }
}

/// Which classes are on the year's roster: every class, or the ones the admin chose
/// (a form for the admin; a line for the others).
#[component]
fn RosterClasses(day: CheckupDay) -> impl IntoView {
    let t = use_strings();
    let on = day.class_choices.iter().filter(|(_, _, on)| *on).count();
    let summary = if day.chosen {
        (t.checkup.checkup_chosen_classes)(on, day.class_choices.len())
    } else {
        t.checkup.checkup_every_class.to_owned()
    };
    if !day.can_write {
        return view! { <p class="hint">{t.checkup.checkup_roster_classes}{t.common.colon}{summary}</p> }
            .into_any();
    }
    let boxes = day
        .class_choices
        .iter()
        .map(|(id, class, on)| {
            view! {
                <label class="check">
                    <input type="checkbox" name="classes[]" value=id.to_string() checked=*on/>
                    {(t.common.class_label)(class.grade, class.number)}
                </label>
            }
        })
        .collect_view();
    view! {
        <details class="roster-classes no-print">
            <summary>{t.checkup.checkup_roster_classes}{t.common.colon}{summary}</summary>
            <form method="post" action="/api/checkup/classes" class="stack">
                <input type="hidden" name="year" value=day.year.to_string()/>
                <fieldset class="inline-form class-boxes">
                    <legend class="sr-only">{t.checkup.checkup_roster_classes}</legend>
                    {boxes}
                </fieldset>
                <button type="submit" class="button">{t.checkup.checkup_save_classes}</button>
            </form>
        </details>
    }
    .into_any()
}
