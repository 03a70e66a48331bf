//! The admin's holidays page: the year's days off and make-up working days, correctable.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use super::holidays_api::list_holidays;
use super::types::HolidayKind;
use super::types::HolidayRow;
use crate::auth::permissions::Capability;
use crate::page::use_strings;
use crate::page::{page_gate, Flash};

#[component]
pub fn HolidaysPage() -> impl IntoView {
    let t = use_strings();
    if let Err(denied) = page_gate(Capability::ManageHolidays) {
        return denied;
    }
    let query = use_query_map();
    let this_year = query
        .read_untracked()
        .get("year")
        .and_then(|y| y.parse::<i32>().ok())
        .filter(|y| crate::school::types::year_in_range(*y));
    #[cfg(feature = "ssr")]
    let default_year = {
        use chrono::Datelike;
        crate::state::AppState::from_context()
            .map(|s| s.today().year())
            .unwrap_or(2026)
    };
    #[cfg(not(feature = "ssr"))]
    let default_year = 2026;
    let year = this_year.unwrap_or(default_year);
    let rows = Resource::new(move || year, list_holidays);
    view! {
        <Title text=format!("{} · {}", t.calendar.holidays_title, t.common.app_name)/>
        <section class="card">
            <header class="calendar-toolbar">
                <nav class="calendar-nav">
                    <a class="button icon" rel="prev" href=format!("/admin/holidays?year={}", year - 1) aria-label=t.calendar.previous_period>"‹"</a>
                    <a class="button icon" rel="next" href=format!("/admin/holidays?year={}", year + 1) aria-label=t.calendar.next_period>"›"</a>
                </nav>
                <h1>{(t.calendar.holidays_heading)(year)}</h1>
            </header>
            <Flash/>
            <Suspense fallback=move || view! { <crate::page::Loading/> }>
                {move || Suspend::new(async move {
                    match rows.await {
                        Ok(rows) => view! { <HolidayTable rows/> }.into_any(),
                        Err(e) => view! { <p class="flash flash-error" role="alert">{e.message(t)}</p> }.into_any(),
                    }
                })}
            </Suspense>
            <h2>{t.calendar.holiday_add}</h2>
            <form method="post" action="/api/admin/holidays/save" class="inline-form">
                <label>{t.calendar.holiday_date}<input name="date" type="date" required/></label>
                <label>{t.calendar.holiday_kind}
                    <select name="kind">
                        <option value="holiday">{t.calendar.holiday_kind_holiday}</option>
                        <option value="workday">{t.calendar.holiday_kind_workday}</option>
                    </select>
                </label>
                <label>{t.calendar.holiday_name_label}<input name="name" required maxlength="40"/></label>
                <button type="submit" class="button primary">{t.common.save}</button>
            </form>
        </section>
    }
    .into_any()
}

#[component]
fn HolidayTable(rows: Vec<HolidayRow>) -> impl IntoView {
    let t = use_strings();
    let body = rows
        .into_iter()
        .map(|row| {
            let date = row.date.format("%Y-%m-%d").to_string();
            let field = date.clone();
            let kind = match row.kind {
                HolidayKind::Holiday => t.calendar.holiday_kind_holiday,
                HolidayKind::Workday => t.calendar.holiday_kind_workday,
            };
            view! {
                <tr data-date=date class:provisional=row.provisional>
                    <td>{(t.calendar.day_label)(row.date)}</td>
                    <td>{kind}</td>
                    <td>{(t.calendar.holiday_name)(&row.name)}</td>
                    <td>{if row.provisional { t.calendar.provisional_mark } else if row.source == "admin" { t.calendar.holiday_corrected } else { "" }}</td>
                    <td>
                        <form method="post" action="/api/admin/holidays/remove" class="row-form">
                            <input type="hidden" name="date" value=field/>
                            <button type="submit" class="button small">{t.common.remove}</button>
                        </form>
                    </td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="table-scroll">
            <table class="data-table holidays">
                <thead><tr><th>{t.calendar.holiday_date}</th><th>{t.calendar.holiday_kind}</th><th>{t.calendar.holiday_name_label}</th><th>{t.common.status}</th><th><span class="sr-only">{t.common.actions}</span></th></tr></thead>
                <tbody>{body}</tbody>
            </table>
        </div>
    }
}
