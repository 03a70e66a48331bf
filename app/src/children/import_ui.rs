//! Importing a class roster: the upload form, then the dry run with every problem row, a
//! mapping step for columns the app does not know, and one button that imports them all.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

use super::domain::MAX_ROSTER_ROWS;
use super::import_api::{check_roster, RosterCheck, RosterProblem, MAX_FILE_BYTES};
use crate::auth::permissions::{Capability, Target};
use crate::i18n::Strings;
use crate::native_submit::NativeSubmit;
use crate::page::use_strings;
use crate::page::{page_gate_on, Flash};

#[component]
pub fn RosterUploadPage() -> impl IntoView {
    let t = use_strings();
    if let Err(denied) = page_gate_on(Capability::WriteChildFile, Target::School) {
        return denied;
    }
    view! {
        <Title text=format!("{} · {}", t.children.roster_title, t.common.app_name)/>
        <section class="card">
            <h1>{t.children.roster_title}</h1>
            <p class="hint">{(t.children.roster_intro)(t.children.roster_headers)}</p>
            <Flash/>
            <NativeSubmit>
                <form method="post" action="/api/children/import/upload" enctype="multipart/form-data" class="stack import-form">
                    <label>{t.children.roster_file}
                        <input type="file" name="file" required aria-describedby="roster-limit"
                            accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"/>
                    </label>
                    <p class="hint" id="roster-limit">{(t.children.roster_limit)(MAX_ROSTER_ROWS, MAX_FILE_BYTES >> 20)}</p>
                    <button type="submit" class="button primary">{t.children.roster_check}</button>
                    <p class="upload-progress" role="status" hidden><progress></progress>" "{t.common.upload_busy}</p>
                </form>
            </NativeSubmit>
        </section>
    }
    .into_any()
}

/// The label of a roster column in the user's language.
fn column_label(t: &Strings, key: &str) -> &'static str {
    match key {
        "name" => t.common.child_name,
        "gender" => t.children.child_gender,
        "birth_date" => t.children.child_birth_date,
        "lunar" => t.children.child_lunar_birthday,
        "grade" => t.children.grade_label,
        "class" => t.common.child_class,
        "left_behind" => t.children.left_behind_label,
        "parents_away" => t.children.parents_away_label,
        "work_place" => t.children.work_city,
        "guardian" => t.children.guardian_name,
        "relation" => t.children.relation_label,
        "phone" => t.children.phone_label,
        "address" => t.children.home_address,
        "father_phone" => t.children.father_phone,
        "mother_phone" => t.children.mother_phone,
        "notes" => t.children.notes_label,
        _ => t.children.ignore_column,
    }
}

const COLUMN_KEYS: [&str; 16] = [
    "name",
    "gender",
    "birth_date",
    "lunar",
    "grade",
    "class",
    "left_behind",
    "parents_away",
    "work_place",
    "guardian",
    "relation",
    "phone",
    "address",
    "father_phone",
    "mother_phone",
    "notes",
];

#[component]
pub fn RosterCheckPage() -> impl IntoView {
    let t = use_strings();
    if let Err(denied) = page_gate_on(Capability::WriteChildFile, Target::School) {
        return denied;
    }
    let id = use_params_map()
        .read_untracked()
        .get("id")
        .and_then(|id| id.parse::<i64>().ok())
        .unwrap_or(0);
    // The mapping step sends `map_<column index>=<column key>`.
    let map = {
        let query = use_query_map().read_untracked().clone();
        let mut pairs: Vec<String> = (0..64)
            .filter_map(|i| {
                query
                    .get(&format!("map_{i}"))
                    .filter(|v| !v.is_empty())
                    .map(|v| format!("{i}={v}"))
            })
            .collect();
        if pairs.is_empty() {
            if let Some(saved) = query.get("map") {
                pairs.push(saved);
            }
        }
        pairs.join(",")
    };
    let check = Resource::new(
        move || (id, map.clone()),
        |(id, map)| check_roster(id, Some(map)),
    );
    view! {
        <Title text=format!("{} · {}", t.children.roster_preview_title, t.common.app_name)/>
        <section class="card">
            <h1>{t.children.roster_preview_title}</h1>
            <Flash/>
            <Suspense fallback=move || view! { <crate::page::Loading/> }>
                {move || Suspend::new(async move {
                    match check.await {
                        Ok(check) => view! { <RosterChecked check/> }.into_any(),
                        Err(e) => crate::page::error_notice(t, &e),
                    }
                })}
            </Suspense>
        </section>
    }
    .into_any()
}

/// A problem as the page says it: the column in the user's language, then what is wrong.
fn problem_text(t: &Strings, problem: &RosterProblem) -> String {
    let what = match &problem.no_such_day {
        Some(date) => (t.children.no_such_day)(date),
        None => problem.error.message(t).to_owned(),
    };
    match &problem.column {
        Some(key) => (t.children.problem_at)(column_label(t, key), &what),
        None => what,
    }
}

#[component]
fn RosterChecked(check: RosterCheck) -> impl IntoView {
    let t = use_strings();
    // Imported: what was, and nothing checked again as if it were new.
    if let Some((when, count)) = &check.committed {
        return view! {
            <p><strong>{check.file_name.clone()}</strong></p>
            <p class="flash flash-ok">{(t.children.roster_done)(*count as usize, when)}</p>
            <a class="button" href="/children">{t.children.children_title}</a>
        }
        .into_any();
    }
    let (ok, already, problems) = check.totals;
    let unknown: Vec<(usize, String)> = check
        .headers
        .iter()
        .enumerate()
        .filter(|(_, (_, column))| column.is_none())
        .map(|(i, (header, _))| (i, header.clone()))
        .collect();
    let mapping = (!unknown.is_empty()).then(|| {
        let selects = unknown
            .into_iter()
            .map(|(i, header)| {
                view! {
                    <label>{header}
                        <select name=format!("map_{i}")>
                            <option value="ignore">{t.children.ignore_column}</option>
                            {COLUMN_KEYS.iter().map(|key| view! { <option value=*key>{column_label(t, key)}</option> }).collect_view()}
                        </select>
                    </label>
                }
            })
            .collect_view();
        view! {
            <form method="get" action=format!("/children/import/{}", check.id) class="stack roster-mapping">
                <p>{t.children.roster_unknown}</p>
                <div class="inline-form">{selects}</div>
                <button type="submit" class="button">{t.children.roster_apply_mapping}</button>
            </form>
        }
    });
    let action = match (check.missing_columns, problems, ok) {
        (true, _, _) => view! { <p class="flash flash-error" role="alert">{t.children.roster_missing}</p> }.into_any(),
        (false, 0, 0) => view! {
            <p class="flash flash-ok" role="status">{t.children.roster_nothing_new}</p>
            <a class="button" href="/children">{t.children.children_title}</a>
        }
        .into_any(),
        (false, 0, _) => view! {
            <form method="post" action="/api/children/import/commit" class="row-form">
                <input type="hidden" name="id" value=check.id.to_string()/>
                <input type="hidden" name="map" value=check.map.clone()/>
                <button type="submit" class="button primary">{(t.children.roster_confirm)(ok)}</button>
                <a class="button" href="/children/import">{t.common.import_cancel}</a>
            </form>
        }
        .into_any(),
        (false, _, _) => view! {
            <p class="flash flash-error" role="alert">{t.common.import_has_problems}</p>
            <a class="button" href="/children/import">{t.common.import_again}</a>
        }
        .into_any(),
    };
    let totals = if check.missing_columns {
        (t.children.roster_rows)(check.rows)
    } else {
        (t.children.roster_totals)(ok, already, problems)
    };
    let lines = check
        .lines
        .iter()
        .map(|line| {
            let status = match (line.problems.is_empty(), line.already) {
                (false, _) => line
                    .problems
                    .iter()
                    .enumerate()
                    .map(|(i, problem)| {
                        view! {
                            {(i > 0).then(|| view! { <br/> })}
                            <span class="import-problem">{problem_text(t, problem)}</span>
                        }
                    })
                    .collect_view()
                    .into_any(),
                (true, true) => {
                    view! { <span class="muted">{t.children.roster_already}</span> }.into_any()
                }
                (true, false) => {
                    view! { <span class="import-ok">{t.common.import_ok}</span> }.into_any()
                }
            };
            let class = line
                .class
                .map(|c| (t.common.class_label)(c.grade, c.number))
                .or_else(|| line.class_typed.clone());
            view! {
                <tr class:problem=!line.problems.is_empty()>
                    <td>{line.number}</td>
                    <td>{line.name.clone()}</td>
                    <td class:import-problem=line.class_at_fault()>{class}</td>
                    <td>{status}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <p><strong>{check.file_name.clone()}</strong></p>
        <p class="import-totals" data-testid="roster-totals">{totals}</p>
        {mapping}
        {action}
        {(!check.lines.is_empty()).then(|| view! {
            <div class="table-scroll">
                <table class="data-table import-table">
                    <thead><tr>
                        <th scope="col">{t.common.import_row}</th>
                        <th scope="col">{t.common.child_name}</th>
                        <th scope="col">{t.common.child_class}</th>
                        <th scope="col">{t.common.import_problem}</th>
                    </tr></thead>
                    <tbody>{lines}</tbody>
                </table>
            </div>
        })}
        {(ok > 30).then(|| view! { <p class="hint">{t.children.roster_more_ok}</p> })}
    }
    .into_any()
}
