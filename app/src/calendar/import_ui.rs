//! Importing an .ics file: the upload form, then the preview with every event and its
//! problem, and one button that imports them all.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use super::import_api::{import_preview, MAX_EVENTS, MAX_FILE_BYTES};
use super::types::Category;
use crate::auth::permissions::Capability;
use crate::auth::permissions::Target;
use crate::calendar::types::IcsPreview;
use crate::native_submit::NativeSubmit;
use crate::page::use_strings;
use crate::page::{page_gate_on, Flash};

#[component]
pub fn ImportPage() -> impl IntoView {
    let t = use_strings();
    if let Err(denied) = page_gate_on(Capability::EditEvents, Target::School) {
        return denied;
    }
    view! {
        <Title text=format!("{} · {}", t.calendar.import_title, t.common.app_name)/>
        <section class="card">
            <h1>{t.calendar.import_title}</h1>
            <p class="hint">{t.calendar.import_intro}</p>
            <Flash/>
            <NativeSubmit>
                <form method="post" action="/api/calendar/import/upload" enctype="multipart/form-data" class="stack import-form">
                    <label>{t.calendar.import_file}<input type="file" name="file" accept=".ics,text/calendar" required aria-describedby="import-limit"/></label>
                    <p class="hint" id="import-limit">{(t.calendar.import_limit)(MAX_EVENTS, MAX_FILE_BYTES >> 20)}</p>
                    <div class="inline-form">
                        <label>{t.calendar.import_category}
                            <select name="category">
                                {Category::ALL.into_iter().filter(|c| *c != Category::Holiday).map(|c| view! {
                                    <option value=c.key() selected=c == Category::Thematic>{c.label(t)}</option>
                                }).collect_view()}
                            </select>
                        </label>
                        <label>{t.calendar.event_audience}
                            <select name="audience">
                                <option value="school">{t.calendar.audience_school}</option>
                                <option value="staff">{t.calendar.audience_staff}</option>
                            </select>
                        </label>
                        <label class="check"><input type="checkbox" name="student_visible" value="on" checked/>{t.calendar.event_student_visible}</label>
                    </div>
                    <button type="submit" class="button primary">{t.calendar.import_upload}</button>
                    <p class="upload-progress" role="status" hidden><progress></progress>" "{t.common.upload_busy}</p>
                </form>
            </NativeSubmit>
        </section>
    }
    .into_any()
}

#[component]
pub fn ImportPreviewPage() -> impl IntoView {
    let t = use_strings();
    if let Err(denied) = page_gate_on(Capability::EditEvents, Target::School) {
        return denied;
    }
    let params = use_params_map();
    let id = params
        .read_untracked()
        .get("id")
        .and_then(|id| id.parse::<i64>().ok())
        .unwrap_or(0);
    let preview = Resource::new(move || id, import_preview);
    view! {
        <Title text=format!("{} · {}", t.calendar.import_preview_title, t.common.app_name)/>
        <section class="card">
            <h1>{t.calendar.import_preview_title}</h1>
            <Flash/>
            <Suspense fallback=move || view! { <crate::page::Loading/> }>
                {move || Suspend::new(async move {
                    match preview.await {
                        Ok(preview) => view! { <Preview preview/> }.into_any(),
                        Err(e) => crate::page::error_notice(t, &e),
                    }
                })}
            </Suspense>
        </section>
    }
    .into_any()
}

#[component]
fn Preview(preview: IcsPreview) -> impl IntoView {
    let t = use_strings();
    let heading = view! {
        <p><strong>{preview.file_name.clone()}</strong>" · "{preview.category.label(t)}
            {preview.staff_only.then(|| view! { " · "{t.calendar.audience_staff} })}</p>
    };
    // Imported: what was, and nothing read again as if it were new.
    if let Some((when, count)) = &preview.committed {
        return view! {
            {heading}
            <p class="flash flash-ok">{(t.calendar.import_done)(*count as usize, when)}</p>
            <a class="button" href="/calendar">{t.common.back_to_calendar}</a>
        }
        .into_any();
    }
    let locale = crate::page::use_locale();
    let (new, already, problems) = preview.totals();
    let rows = preview
        .rows
        .iter()
        .map(|row| {
            let when = if row.all_day {
                let last = row.end - chrono::Duration::days(1);
                if last.date() == row.start.date() {
                    row.start.format("%Y-%m-%d").to_string()
                } else {
                    format!("{} – {}", row.start.format("%Y-%m-%d"), last.format("%Y-%m-%d"))
                }
            } else {
                format!("{}–{}", row.start.format("%Y-%m-%d %H:%M"), row.end.format("%H:%M"))
            };
            let repeat = row.rule.as_deref().map(|r| super::domain::rule_summary::summarize(r, locale));
            let status = match (row.problem, row.already) {
                (Some(problem), _) => view! { <span class="import-problem">{problem.message(t)}</span> }.into_any(),
                (None, true) => view! { <span class="muted">{t.calendar.import_already}</span> }.into_any(),
                (None, false) => view! { <span class="import-ok">{t.common.import_ok}</span> }.into_any(),
            };
            view! {
                <tr class:problem=row.problem.is_some()>
                    <td>{row.number}</td>
                    <td>{row.title.clone()}{row.changed_occurrence.then_some(t.calendar.import_changed_occurrence)}</td>
                    <td>{when}{repeat.map(|r| view! { <br/><span class="item-repeat">{r}</span> })}</td>
                    <td>{status}</td>
                </tr>
            }
        })
        .collect_view();
    let action = match (problems, new) {
        (0, 0) => view! {
            <p class="flash flash-ok" role="status">{t.calendar.import_nothing_new}</p>
            <a class="button" href="/calendar">{t.common.back_to_calendar}</a>
        }
        .into_any(),
        (0, _) => view! {
            <form method="post" action="/api/calendar/import/commit" class="row-form">
                <input type="hidden" name="id" value=preview.id.to_string()/>
                <button type="submit" class="button primary">{(t.calendar.import_confirm)(new)}</button>
                <a class="button" href="/calendar/import">{t.common.import_cancel}</a>
            </form>
        }
        .into_any(),
        _ => view! {
            <p class="flash flash-error" role="alert">{t.common.import_has_problems}</p>
            <a class="button" href="/calendar/import">{t.common.import_again}</a>
        }
        .into_any(),
    };
    view! {
        {heading}
        <p class="import-totals" data-testid="import-totals">{(t.calendar.import_totals)(new, already, problems)}</p>
        {action}
        <div class="table-scroll">
            <table class="data-table import-table">
                <thead><tr>
                    <th scope="col">{t.common.import_row}</th>
                    <th scope="col">{t.calendar.event_title}</th>
                    <th scope="col">{t.common.import_when}</th>
                    <th scope="col">{t.common.import_problem}</th>
                </tr></thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
    .into_any()
}
