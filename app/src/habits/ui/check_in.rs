//! The class check-in (每日打卡) on the class tablet: the whole class on one screen, a tap per
//! child per habit, one save. Without JavaScript it is a plain form; with a weak network the
//! outbox keeps it on the tablet until it can be sent. Below it, who has not called home this
//! week and when their parents can take a call.

use chrono::{Datelike, Days};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use super::{date, excuse_label, habit_label, window_words};
use crate::auth::permissions::{reaches_children, Capability};
use crate::error::{AppError, ValidationError};
use crate::habits::api::get_check_in;
use crate::habits::forms_domain::check_in_earliest;
use crate::habits::types::{Cell, CheckInRow, ClassCheckIn, Habit};
use crate::outbox::{self, Outbox};
use crate::page::{page_gate, use_strings, use_viewer, Flash};
use crate::school::urls::{check_in_href, habits_href};

#[component]
pub fn CheckInPage() -> impl IntoView {
    let t = use_strings();
    if let Err(denied) = page_gate(Capability::WriteHabits) {
        return denied;
    }
    let has_class =
        use_viewer().is_some_and(|v| reaches_children(v.role, &v.scope, Capability::WriteHabits));
    let query = use_query_map().read_untracked().clone();
    let class = query.get("class").and_then(|c| c.parse::<i64>().ok());
    let day = query.get("day");
    let check_in = Resource::new(
        move || (class, day.clone()),
        |(c, d)| check_in_or_today(c, d),
    );
    view! {
        <Title text=format!("{} · {}", t.habits.check_in_title, t.common.app_name)/>
        <section class="card habits check-in-page" data-native-forms="">
            <Flash/>
            <Outbox>{outbox::status(t)}</Outbox>
            <Suspense fallback=move || view! { <crate::page::Loading/> }>
                {move || Suspend::new(async move {
                    match check_in.await {
                        Ok((Some(check_in), refused)) => view! {
                            {refused.map(|e| view! {
                                <p class="flash flash-error" role="alert" data-testid="day-refused">
                                    {e.message(t)}<br/>{t.habits.showing_today}
                                </p>
                            })}
                            <CheckIn check_in/>
                        }.into_any(),
                        Ok((None, _)) => {
                            // Given a class (or paired children) with no child on file yet, or none.
                            let (title, body, testid) = if has_class {
                                (t.habits.no_children_title, t.habits.no_children_body, "no-children")
                            } else {
                                (t.habits.no_class_title, t.habits.no_class_body, "no-class")
                            };
                            view! {
                                <h1>{t.habits.check_in_title}</h1>
                                <div class="notice" data-testid=testid>
                                    <h2>{title}</h2>
                                    <p>{body}</p>
                                </div>
                            }.into_any()
                        }
                        Err(e) => crate::page::error_notice(t, &e),
                    }
                })}
            </Suspense>
        </section>
    }
    .into_any()
}

/// The check-in asked for; a day it cannot be made for (too far back, ahead, unreadable)
/// opens today's instead, with why above it, so the teacher is never left without a form.
async fn check_in_or_today(
    class: Option<i64>,
    day: Option<String>,
) -> Result<(Option<ClassCheckIn>, Option<ValidationError>), AppError> {
    match get_check_in(class, day).await {
        Err(AppError::Validation(
            refused @ (ValidationError::CheckInDayInvalid | ValidationError::InvalidDate),
        )) => {
            let today = get_check_in(class, None).await?;
            // The refused call set the page's status; the page shown is today's, whole.
            #[cfg(feature = "ssr")]
            if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
                response.set_status(http::StatusCode::OK);
            }
            Ok((today, Some(refused)))
        }
        other => other.map(|check_in| (check_in, None)),
    }
}

#[component]
fn CheckIn(check_in: ClassCheckIn) -> impl IntoView {
    let t = use_strings();
    let ClassCheckIn {
        class_id,
        class,
        day,
        today,
        rest,
        rows,
        classes,
    } = check_in;
    let class_name = (t.common.class_label)(class.grade, class.number);
    let class_options = classes
        .iter()
        .map(|(id, label)| {
            view! { <option value=id.to_string() selected=*id == class_id>{(t.common.class_label)(label.grade, label.number)}</option> }
        })
        .collect_view();
    let weekday = t.habits.weekdays[day.weekday().num_days_from_monday() as usize];
    let previous = day - Days::new(1);
    let can_go_back = previous >= check_in_earliest(today);
    let not_called: Vec<CheckInRow> = rows.iter().filter(|r| !r.call.done).cloned().collect();
    let body = rows
        .iter()
        .map(|row| view! { <Row row=row.clone()/> })
        .collect_view();
    // "Everyone did it": one tap ticks a daily habit for the whole class, then the teacher
    // takes back the few who did not. A button of the check-in's own form: the ticks already
    // made go with it, and with no signal it is kept on the device like the save. With
    // scripts it also ticks the class on screen (`data-ticks`, in `native_forms.js`), so a
    // save after it, kept offline in its place, still holds the whole class.
    let all_button = |habit: Habit| {
        view! {
            <button type="submit" name="all" value=habit.key() data-ticks=habit.key() class="button">{(t.habits.all_did)(habit_label(t, habit))}</button>
        }
    };
    view! {
        <h1>{t.habits.check_in_title}" · "{class_name.clone()}</h1>
        <form method="get" action="/habits" class="inline-form no-print check-in-pick">
            <label>{t.habits.class}<select name="class">{class_options}</select></label>
            <label>{t.habits.day}<input type="date" name="day" value=date(day)
                min=date(check_in_earliest(today)) max=date(today)/></label>
            <button type="submit" class="button">{t.habits.open}</button>
            {can_go_back.then(|| view! { <a class="button" href=check_in_href(class_id, previous)>{t.habits.previous_day}</a> })}
            {(day < today).then(|| view! { <a class="button" href=check_in_href(class_id, today)>{t.habits.today}</a> })}
        </form>
        <p class="check-in-day"><strong>{date(day)}" "{weekday}</strong>
            {rest.map(|_| view! { " · "<span class="tag tag-rest" data-rest="">{
                // A past day is made up on another: "today" would be the day it is opened.
                if day == today { t.habits.no_school_day } else { t.habits.no_school_that_day }
            }</span> })}
        </p>
        <p class="muted">{t.habits.check_in_hint}</p>
        <form method="post" action="/api/habits/check-in" class="check-in" data-testid="check-in"
            data-outbox=check_in_href(class_id, day) data-outbox-label=class_name>
            <input type="hidden" name="class" value=class_id.to_string()/>
            <input type="hidden" name="day" value=date(day)/>
            <div class="inline-form no-print all-did">{all_button(Habit::Chore)}{all_button(Habit::Diary)}</div>
            <div class="table-scroll">
                <table class="list check-in-table">
                    <thead><tr>
                        <th>{t.habits.child}</th>
                        <th>{t.habits.chore}</th>
                        <th>{t.habits.diary}</th>
                        <th>{t.habits.call_this_week}</th>
                        <th>{t.habits.book_this_month}</th>
                        <th>{t.habits.absent}</th>
                    </tr></thead>
                    <tbody>{body}</tbody>
                </table>
            </div>
            <button type="submit" class="button primary big check-in-save">{t.habits.save_check_in}</button>
        </form>
        <h2>{(t.habits.not_called_title)(not_called.len())}</h2>
        <NotCalled rows=not_called/>
    }
}

/// One child's row: a big tap target per habit, and what the page showed (`was`), so the
/// save changes only what was tapped.
#[component]
fn Row(row: CheckInRow) -> impl IntoView {
    let t = use_strings();
    let id = row.child_id;
    let cell = |habit: Habit, cell: Cell| {
        let value = format!("{id}:{}", habit.key());
        let label = format!("{} · {}", row.name, habit_label(t, habit));
        view! {
            <td class="tap">
                {cell.done.then(|| view! { <input type="hidden" name="was[]" value=value.clone()/> })}
                {if cell.detailed {
                    // Logged with details by the child or staff: shown, kept as it is.
                    view! {
                        <input type="hidden" name="done[]" value=value.clone()/>
                        <span class="tick tick-kept" title=t.habits.logged_with_details>"✓"</span>
                    }.into_any()
                } else {
                    view! {
                        <label class="tick">
                            <input type="checkbox" name="done[]" value=value.clone() checked=cell.done aria-label=label/>
                            <span aria-hidden="true"></span>
                        </label>
                    }.into_any()
                }}
            </td>
        }
    };
    view! {
        <tr data-child=id.to_string()>
            <th scope="row">
                <input type="hidden" name="shown[]" value=id.to_string()/>
                <a href=habits_href(id)>{row.name.clone()}</a>
                {(row.missed_weeks >= 2).then(|| view! { " "<span class="tag tag-soon">{(t.habits.missed_weeks)(row.missed_weeks)}</span> })}
            </th>
            {cell(Habit::Chore, row.chore)}
            {cell(Habit::Diary, row.diary)}
            {cell(Habit::Call, row.call)}
            {cell(Habit::Book, row.book)}
            <td class="tap">
                {row.excused.is_some().then(|| view! { <input type="hidden" name="was[]" value=format!("{id}:absent")/> })}
                <label class="tick tick-absent" title=row.excused.map(|e| excuse_label(t, e)).unwrap_or(t.habits.absent)>
                    <input type="checkbox" name="done[]" value=format!("{id}:absent") checked=row.excused.is_some() data-away=""
                        aria-label=format!("{} · {}", row.name, t.habits.absent)/>
                    <span aria-hidden="true"></span>
                </label>
            </td>
        </tr>
    }
}

/// Who has not called home this week, with the hours their parents can take a call (on the
/// school's clock), those with a window today first.
#[component]
fn NotCalled(rows: Vec<CheckInRow>) -> impl IntoView {
    let t = use_strings();
    if rows.is_empty() {
        return view! { <p class="flash flash-ok">{t.habits.everyone_called}</p> }.into_any();
    }
    let items = rows
        .into_iter()
        .map(|r| {
            let window = r
                .call_window
                .as_ref()
                .map(|w| window_words(t, w))
                .unwrap_or_else(|| t.habits.no_window.to_owned());
            view! {
                <li data-child=r.child_id.to_string()>
                    <a href=habits_href(r.child_id)>{r.name.clone()}</a>" · "{window}
                    {(r.missed_weeks >= 1).then(|| view! { " · "<span class="tag tag-soon">{(t.habits.missed_weeks)(r.missed_weeks)}</span> })}
                </li>
            }
        })
        .collect_view();
    view! { <ul class="habit-list not-called" data-testid="not-called">{items}</ul> }.into_any()
}
