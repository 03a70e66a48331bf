//! Account pages, rendered on the server as plain HTML forms: they work without JavaScript,
//! and with it the islands router submits them in place.

use std::collections::HashMap;

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use super::api::{list_assignment_choices, list_audit, list_users};
use super::permissions::Capability;
use super::types::{AssignmentChoices, AuditEntry, Role, UserSummary};
use crate::error::AppError;
use crate::i18n::Strings;
use crate::page::{page_gate, Flash};
use crate::page::{use_strings, use_viewer};

#[component]
pub fn LoginPage() -> impl IntoView {
    let t = use_strings();
    let query = use_query_map();
    let next = query
        .read_untracked()
        .get("next")
        .unwrap_or_else(|| "/".to_owned());
    view! {
        <Title text=format!("{} · {}", t.auth.sign_in_title, t.common.app_name)/>
        <section class="card narrow">
            <h1>{t.auth.sign_in_title}</h1>
            <Flash/>
            <form method="post" action="/api/auth/login" class="stack">
                <input type="hidden" name="next" value=next/>
                <label>{t.auth.username}
                    <input name="username" autocomplete="username" required minlength="2" maxlength="40"
                        autocapitalize="none" spellcheck="false"/>
                </label>
                <label>{t.auth.password}
                    <input name="password" type="password" autocomplete="current-password" required/>
                </label>
                <button type="submit" class="button primary">{t.common.sign_in}</button>
            </form>
        </section>
    }
}

#[component]
pub fn PasswordPage() -> impl IntoView {
    let t = use_strings();
    if let Err(denied) = page_gate(Capability::ChangeOwnPassword) {
        return denied;
    }
    let first_sign_in = use_viewer().is_some_and(|v| v.must_change_password);
    view! {
        <Title text=format!("{} · {}", t.common.change_password_title, t.common.app_name)/>
        <section class="card narrow">
            <h1>{t.common.change_password_title}</h1>
            {first_sign_in.then(|| view! { <p class="notice" role="status">{t.auth.choose_own_password}</p> })}
            <Flash/>
            <form method="post" action="/api/auth/password" class="stack">
                <label>{t.auth.current_password}
                    <input name="current" type="password" autocomplete="current-password" required/>
                </label>
                <label>{t.auth.new_password}
                    <input name="new" type="password" autocomplete="new-password" required minlength="10" maxlength="128"/>
                </label>
                <label>{t.auth.confirm_password}
                    <input name="confirm" type="password" autocomplete="new-password" required minlength="10" maxlength="128"/>
                </label>
                <button type="submit" class="button primary">{t.common.save}</button>
            </form>
        </section>
    }
    .into_any()
}

#[component]
pub fn UsersPage() -> impl IntoView {
    let t = use_strings();
    if let Err(denied) = page_gate(Capability::ManageUsers) {
        return denied;
    }
    let data = Resource::new(
        || (),
        |_| async { Ok::<_, AppError>((list_users().await?, list_assignment_choices().await?)) },
    );
    view! {
        <Title text=format!("{} · {}", t.auth.users_title, t.common.app_name)/>
        <section class="card">
            <h1>{t.auth.users_title}</h1>
            <Flash/>
            <Suspense fallback=move || view! { <crate::page::Loading/> }>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok((users, choices)) => view! { <UsersTable users choices/> }.into_any(),
                        Err(e) => view! { <p class="flash flash-error" role="alert">{e.message(t)}</p> }.into_any(),
                    }
                })}
            </Suspense>
            <h2>{t.auth.create_user}</h2>
            <form method="post" action="/api/admin/users/create" class="stack inline-form">
                <label>{t.auth.username}<input name="username" required minlength="2" maxlength="40" autocapitalize="none"/></label>
                <label>{t.auth.display_name}<input name="display_name" required maxlength="40"/></label>
                <label>{t.auth.role}<RoleSelect selected=Role::Teacher/></label>
                <label>{t.auth.initial_password}<input name="password" type="password" autocomplete="new-password" required minlength="10"/></label>
                <button type="submit" class="button primary">{t.auth.create_user}</button>
            </form>
        </section>
    }
    .into_any()
}

#[component]
fn RoleSelect(selected: Role) -> impl IntoView {
    let t = use_strings();
    view! {
        // Named for a screen reader even where it stands alone in a table row.
        <select name="role" aria-label=t.auth.role>
            {Role::ALL.into_iter().map(|r| view! {
                <option value=r.key() selected=r == selected>{r.label(t)}</option>
            }).collect_view()}
        </select>
    }
}

#[component]
fn UsersTable(users: Vec<UserSummary>, choices: AssignmentChoices) -> impl IntoView {
    let t = use_strings();
    let me = crate::page::use_viewer().map(|v| v.user_id());
    // Each paired child's counselor, to say whom a child in the "add" list is paired with.
    let paired_with: HashMap<i64, String> = users
        .iter()
        .flat_map(|u| {
            u.paired
                .iter()
                .map(|(child, _)| (*child, u.display_name.clone()))
        })
        .collect();
    let rows = users
        .into_iter()
        .map(|user| {
            let id = user.id.to_string();
            let assignments = assignment_cells(&user, &choices, &paired_with, t);
            // An admin cannot demote or deactivate themselves; the server refuses it too.
            let is_me = me == Some(user.id);
            view! {
                <tr class:inactive=!user.active data-username=user.username.clone()>
                    <td>{user.username.clone()}</td>
                    <td>{user.display_name.clone()}</td>
                    <td data-label=format!("{}{}", t.auth.role, t.common.colon)>
                        {if is_me {
                            view! { <span>{user.role.label(t)}</span> }.into_any()
                        } else {
                            view! {
                                <form method="post" action="/api/admin/users/role" class="row-form">
                                    <input type="hidden" name="user_id" value=id.clone()/>
                                    <RoleSelect selected=user.role/>
                                    <button type="submit" class="button">{t.auth.set_role}</button>
                                </form>
                            }
                            .into_any()
                        }}
                    </td>
                    <td data-label=format!("{}{}", t.common.status, t.common.colon)>
                        <form method="post" action="/api/admin/users/active" class="row-form">
                            <input type="hidden" name="user_id" value=id.clone()/>
                            <input type="hidden" name="active" value=(!user.active).to_string()/>
                            <span>{if user.active { t.common.status_active } else { t.auth.status_inactive }}</span>
                            {(!is_me).then(|| view! {
                                <button type="submit" class="button">{if user.active { t.auth.deactivate } else { t.auth.reactivate }}</button>
                            })}
                        </form>
                    </td>
                    <td>{assignments}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="table-scroll">
            <table class="data-table users-table">
                <thead><tr>
                    <th>{t.auth.username}</th><th>{t.auth.display_name}</th><th>{t.auth.role}</th><th>{t.common.status}</th><th>{t.auth.assignments}</th>
                </tr></thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
}

/// A counselor's paired children, a teacher's classes and groups: each removable, and an
/// "add" form with the choices left.
fn assignment_cells(
    user: &UserSummary,
    choices: &AssignmentChoices,
    paired_with: &HashMap<i64, String>,
    t: &'static Strings,
) -> AnyView {
    // (kind, heading, what the user has, what could be assigned)
    type Items = Vec<(i64, String)>;
    let lists: Vec<(&'static str, &'static str, &Items, &Items)> = match user.role {
        Role::Counselor => vec![(
            "child",
            t.auth.paired_children,
            &user.paired,
            &choices.left_behind_children,
        )],
        Role::Teacher => vec![
            ("class", t.auth.classes, &user.classes, &choices.classes),
            ("group", t.auth.groups, &user.groups, &choices.groups),
        ],
        _ => vec![],
    };
    lists
        .into_iter()
        .map(|(kind, label, current, all)| {
            let user_id = user.id.to_string();
            let current_items = current
                .iter()
                .map(|(item, name)| {
                    view! {
                        <li>
                            <form method="post" action="/api/admin/users/assign" class="row-form">
                                <input type="hidden" name="user_id" value=user_id.clone()/>
                                <input type="hidden" name="kind" value=kind/>
                                <input type="hidden" name="item_id" value=item.to_string()/>
                                <input type="hidden" name="assigned" value="false"/>
                                <span>{name.clone()}</span>
                                <button type="submit" class="button small" aria-label=format!("{} {name}", t.common.remove)>"×"</button>
                            </form>
                        </li>
                    }
                })
                .collect_view();
            let left: Vec<&(i64, String)> = all
                .iter()
                .filter(|(item, _)| !current.iter().any(|(c, _)| c == item))
                .collect();
            let option = |(item, name): &(i64, String), label: String| {
                view! { <option value=item.to_string() data-name=name.clone()>{label}</option> }
            };
            // A child is offered apart when paired with someone else: adding them is a handover,
            // and the list says from whom.
            let options = if kind == "child" {
                let (elsewhere, free): (Vec<_>, Vec<_>) =
                    left.into_iter().partition(|(item, _)| paired_with.contains_key(item));
                let free: Vec<_> = free.into_iter().map(|c| option(c, c.1.clone())).collect();
                let elsewhere: Vec<_> = elsewhere
                    .into_iter()
                    .map(|c| option(c, (t.auth.with_counselor)(&c.1, &paired_with[&c.0])))
                    .collect();
                view! {
                    {(!free.is_empty()).then(|| view! { <optgroup label=t.auth.unpaired_children>{free}</optgroup> })}
                    {(!elsewhere.is_empty()).then(|| view! { <optgroup label=t.auth.paired_elsewhere>{elsewhere}</optgroup> })}
                }
                .into_any()
            } else {
                left.into_iter().map(|c| option(c, c.1.clone())).collect_view().into_any()
            };
            view! {
                <div class="assignments">
                    <strong>{label}</strong>
                    <ul class="chips">{current_items}</ul>
                    <form method="post" action="/api/admin/users/assign" class="row-form">
                        <input type="hidden" name="user_id" value=user_id.clone()/>
                        <input type="hidden" name="kind" value=kind/>
                        <input type="hidden" name="assigned" value="true"/>
                        <select name="item_id" aria-label=label required>
                            <option value="" selected>{t.auth.choose}</option>
                            {options}
                        </select>
                        <button type="submit" class="button small">{t.auth.add}</button>
                    </form>
                </div>
            }
        })
        .collect_view()
        .into_any()
}

#[component]
pub fn AuditPage() -> impl IntoView {
    let t = use_strings();
    if let Err(denied) = page_gate(Capability::ReadAudit) {
        return denied;
    }
    let query = use_query_map();
    let param = move |name: &str| {
        query
            .read_untracked()
            .get(name)
            .filter(|v| !v.trim().is_empty())
    };
    // `event`, not `action`: a field named "action" would shadow the form's own action.
    let (username, event, outcome, from, to) = (
        param("username"),
        param("event"),
        param("outcome"),
        param("from"),
        param("to"),
    );
    let filter = (
        username.clone(),
        event.clone(),
        outcome.clone(),
        from.clone(),
        to.clone(),
    );
    let entries = Resource::new(
        move || filter.clone(),
        |(username, event, outcome, from, to)| list_audit(username, event, outcome, from, to),
    );
    let outcomes = [
        ("allowed", t.auth.outcome_allowed),
        ("denied", t.auth.outcome_denied),
        ("success", t.auth.outcome_success),
        ("failure", t.auth.outcome_failure),
    ];
    view! {
        <Title text=format!("{} · {}", t.auth.audit_title, t.common.app_name)/>
        <section class="card">
            <h1>{t.auth.audit_title}</h1>
            <form method="get" action="/admin/audit" class="inline-form filters">
                <label>{t.auth.audit_user}<input name="username" value=username.unwrap_or_default()/></label>
                <label>{t.auth.audit_action}<input name="event" value=event.unwrap_or_default()/></label>
                <label>{t.auth.audit_outcome}
                    <select name="outcome">
                        <option value="">{t.auth.any}</option>
                        {outcomes.into_iter().map(|(key, label)| view! {
                            <option value=key selected=outcome.as_deref() == Some(key)>{label}</option>
                        }).collect_view()}
                    </select>
                </label>
                <label>{t.auth.from_date}<input name="from" type="date" value=from.unwrap_or_default()/></label>
                <label>{t.auth.to_date}<input name="to" type="date" value=to.unwrap_or_default()/></label>
                <button type="submit" class="button">{t.common.filter}</button>
            </form>
            <Suspense fallback=move || view! { <crate::page::Loading/> }>
                {move || Suspend::new(async move {
                    match entries.await {
                        Ok(rows) => view! { <AuditTable rows/> }.into_any(),
                        Err(e) => view! { <p class="flash flash-error" role="alert">{e.message(t)}</p> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
    .into_any()
}

/// `code`'s word in `words`, or the code itself.
fn word_for(words: &[(&'static str, &'static str)], code: &str) -> String {
    words
        .iter()
        .find(|(c, _)| *c == code)
        .map_or_else(|| code.to_owned(), |(_, word)| (*word).to_owned())
}

/// An audit row's action in the reader's language, with the row as written beneath it (the
/// words after its code are the record's own: ids, dates, counts).
fn action_cell(t: &'static crate::i18n::Strings, action: String) -> impl IntoView {
    let code = action.split(' ').next().unwrap_or_default();
    let word = t
        .auth
        .audit_actions
        .iter()
        .find(|(c, _)| *c == code)
        .map(|(_, word)| *word);
    view! {
        {word.map(|w| view! { <span class="audit-word">{w}</span> })}
        // Small under its words; a code with none stands as the action itself.
        <code class="audit-code" class:unnamed=word.is_none()>{action}</code>
    }
}

#[component]
fn AuditTable(rows: Vec<AuditEntry>) -> impl IntoView {
    let t = use_strings();
    let outcome_label = move |o: &str| match o {
        "allowed" => t.auth.outcome_allowed,
        "denied" => t.auth.outcome_denied,
        "success" => t.auth.outcome_success,
        _ => t.auth.outcome_failure,
    };
    view! {
        <div class="table-scroll">
            <table class="data-table audit">
                <thead><tr>
                    <th>{t.common.audit_at}</th><th>{t.auth.audit_user}</th><th>{t.auth.audit_action}</th>
                    <th>{t.auth.audit_record}</th><th>{t.auth.audit_outcome}</th><th>{t.auth.audit_ip}</th>
                </tr></thead>
                <tbody>
                    {rows.into_iter().map(|r| view! {
                        <tr class=format!("outcome-{}", r.outcome)>
                            <td><time>{r.at}</time></td>
                            <td>{r.username.unwrap_or_default()}</td>
                            <td>{action_cell(t, r.action)}</td>
                            <td>{r.record_type.map(|kind| format!("{} #{}", word_for(t.auth.record_kinds.as_slice(), &kind), r.record_id.unwrap_or_default())).unwrap_or_default()}</td>
                            <td>{outcome_label(&r.outcome)}</td>
                            <td>{r.ip.unwrap_or_default()}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}
