//! The counselor's own page (我的结对儿童): each paired child with the last contact and what
//! is due, one tap to record a contact; then every task across them by due date.

use leptos::prelude::*;
use leptos_meta::Title;

use super::{date, due_badge, status_label};
use crate::auth::permissions::{access, Access, Capability};
use crate::care::api::get_my_children;
use crate::care::types::{ChildCare, MyChildren, Task, TaskKind};
use crate::outbox::{self, Outbox};
use crate::page::{page_gate, use_strings, use_viewer, Flash};
use crate::school::urls::{care_href, habits_href};

#[component]
pub fn MyChildrenPage() -> impl IntoView {
    let t = use_strings();
    if let Err(denied) = page_gate(Capability::ReadCareLog) {
        return denied;
    }
    let sees_all =
        use_viewer().is_some_and(|v| access(v.role, Capability::ReadCareLog) == Access::All);
    let mine = Resource::new(|| (), |_| get_my_children());
    view! {
        <Title text=format!("{} · {}", t.care.my_children_title, t.common.app_name)/>
        <section class="card care">
            <Flash/>
            // What was kept on this tablet without a signal is sent from here too, where the
            // counselor starts, not only from a child's page.
            <Outbox>{outbox::status(t)}</Outbox>
            <h1>{t.care.my_children_title}</h1>
            {sees_all.then(|| view! { <p class="no-print"><a class="button" href="/care/coverage">{t.care.to_coverage}</a></p> })}
            <Suspense fallback=move || view! { <crate::page::Loading/> }>
                {move || Suspend::new(async move {
                    match mine.await {
                        Ok(mine) => view! { <Mine mine/> }.into_any(),
                        Err(e) => crate::page::error_notice(t, &e),
                    }
                })}
            </Suspense>
        </section>
    }
    .into_any()
}

#[component]
fn Mine(mine: MyChildren) -> impl IntoView {
    let t = use_strings();
    if mine.children.is_empty() {
        return view! { <p>{t.care.no_children}</p> }.into_any();
    }
    let today = mine.today;
    let cards = mine
        .children
        .into_iter()
        .map(|child| view! { <ChildCard child today/> })
        .collect_view();
    let tasks = mine.tasks.into_iter().map(task_row).collect_view();
    // Both brought up to date when the outbox sends what was kept on this tablet.
    view! {
        <ul class="care-children" data-testid="my-children" data-refresh="children">{cards}</ul>
        <h2>{t.care.tasks_title}</h2>
        <div class="table-scroll" data-refresh="tasks">
            <table class="list tasks" data-testid="tasks">
                <thead><tr><th>{t.care.due}</th><th>{t.care.child}</th><th>{t.care.what}</th></tr></thead>
                <tbody>{tasks}</tbody>
            </table>
        </div>
    }
    .into_any()
}

#[component]
fn ChildCard(child: ChildCare, today: chrono::NaiveDate) -> impl IntoView {
    let t = use_strings();
    let href = care_href(child.child_id);
    let ago = |day: chrono::NaiveDate| (t.care.days_ago)((today - day).num_days());
    let last = match child.last_contact {
        Some(day) => (t.care.last_contact_on)(&date(day), &ago(day)),
        None => t.care.never_contacted.to_owned(),
    };
    // A call with the parents is a contact, not a talk: say when the child was last seen.
    let last_talk = child
        .last_talk
        .filter(|_| child.last_talk != child.last_contact)
        .map(|day| (t.care.last_talk_on)(&date(day), &ago(day)));
    view! {
        <li class="care-child" data-child=child.child_id.to_string()>
            <h3><a href=href.clone()>{child.name.clone()}</a></h3>
            <p class="muted">
                {(t.common.class_label)(child.class.grade, child.class.number)}" · "{status_label(t, child.left_behind)}
            </p>
            <p>{last}</p>
            <p>{t.care.talk_due}{t.common.colon}{due_badge(t, child.talk_due, child.talk_state)}
                {last_talk.map(|words| view! { " · "<span class="muted">{words}</span> })}</p>
            <p>{t.care.visit_due}{t.common.colon}{due_badge(t, child.visit_due, child.visit_state)}</p>
            {(child.follow_ups > 0).then(|| view! { <p class="due due-soon">{(t.care.follow_ups_open)(child.follow_ups)}</p> })}
            {(child.open_concerns > 0).then(|| view! { <p class="due due-overdue">{(t.care.concerns_open)(child.open_concerns)}</p> })}
            {(!child.others.is_empty()).then(|| view! {
                <p class="flash flash-warn">{(t.care.others_wrote)(&child.others.join(t.common.list_comma))}</p>
            })}
            {child.birthday.map(|day| view! { <p class="birthday-note">"🎂 "{t.care.birthday_on}{t.common.colon}{date(day)}</p> })}
            <p class="row-form no-print">
                <a class="button primary" href=format!("{href}#new")>{t.care.record_contact}</a>
                <a class="button" href=format!("{href}?kind=home_visit#new")>{t.care.record_visit}</a>
                <a class="button" href=habits_href(child.child_id)>{t.habits.child_title}</a>
            </p>
        </li>
    }
}

fn task_row(task: Task) -> impl IntoView {
    let t = use_strings();
    let what = match &task.kind {
        TaskKind::Talk => t.care.task_talk.to_owned(),
        TaskKind::HomeVisit => t.care.task_visit.to_owned(),
        TaskKind::PlannedVisit => t.care.task_planned_visit.to_owned(),
        TaskKind::NextStep(step) => format!("{}{}{step}", t.care.task_next_step, t.common.colon),
        TaskKind::Concern(reason) => format!(
            "{}{}{}",
            t.care.task_concern,
            t.common.colon,
            super::label(
                crate::care::types::ConcernReason::ALL,
                &t.care.reason_labels,
                *reason
            )
        ),
        TaskKind::FollowUp(what) => format!("{}{}{what}", t.care.task_follow_up, t.common.colon),
        TaskKind::MissedCalls(weeks) => (t.habits.missed_weeks_home)(*weeks),
        TaskKind::Family {
            messages,
            proposals,
        } => (t.family.task)(*messages, *proposals),
    };
    let href = match task.kind {
        TaskKind::MissedCalls(_) => habits_href(task.child_id),
        TaskKind::Family { .. } => format!("/family/desk/{}", task.child_id),
        _ => care_href(task.child_id),
    };
    view! {
        <tr data-state=format!("{:?}", task.state).to_lowercase()>
            <td>{due_badge(t, task.due, task.state)}</td>
            <td><a href=href>{task.child_name.clone()}</a></td>
            <td>{what}</td>
        </tr>
    }
}
