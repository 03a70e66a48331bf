//! One child's entry screen on the checkup day: large inputs, save and go on to the next
//! child; kept on the tablet when the signal drops.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use super::this_year;
use crate::auth::permissions::Capability;
use crate::checkup::api::get_entry;
use crate::checkup::types::{Attendance, Entry};
use crate::outbox::{self, Outbox};
use crate::page::{page_gate, use_strings, Flash};
use crate::school::urls::{checkup_child_href, checkup_href};

#[component]
pub fn CheckupEntryPage() -> impl IntoView {
    let t = use_strings();
    if let Err(denied) = page_gate(Capability::ReadHealth) {
        return denied;
    }
    let params = use_params_map().read_untracked().clone();
    let year = params
        .get("year")
        .and_then(|y| y.parse::<i32>().ok())
        .unwrap_or_else(this_year);
    let child = params
        .get("id")
        .and_then(|y| y.parse::<i64>().ok())
        .unwrap_or(0);
    let entry = Resource::new(
        move || (year, child),
        |(year, child)| get_entry(year, child),
    );
    view! {
        <Title text=format!("{} · {}", t.checkup.checkup_enter, t.common.app_name)/>
        <section class="card checkup-entry">
            <Flash/>
            <Outbox>{outbox::status(t)}</Outbox>
            <Suspense fallback=move || view! { <crate::page::Loading/> }>
                {move || Suspend::new(async move {
                    match entry.await {
                        Ok(entry) => view! { <EntryForm entry/> }.into_any(),
                        Err(e) => crate::page::error_notice(t, &e),
                    }
                })}
            </Suspense>
        </section>
    }
    .into_any()
}

/// The problems the entry screen can have, for its in-browser check.
const ENTRY_ERRORS: [crate::error::ValidationError; 8] = {
    use crate::error::ValidationError as E;
    [
        E::NothingMeasured,
        E::NotANumber,
        E::HeightImplausible,
        E::WeightImplausible,
        E::VisionImplausible,
        E::CariesImplausible,
        E::FollowUpDueInvalid,
        E::TextTooLong,
    ]
};

/// A saved vision as the child's file shows it, one decimal on the five-point scale: `5.0`,
/// never `5`. Anything else stays as it is.
fn vision_value(saved: &str) -> String {
    match saved.trim().parse::<f64>() {
        Ok(v) if v.fract() == 0.0 => format!("{v:.1}"),
        _ => saved.to_owned(),
    }
}

#[component]
fn EntryForm(entry: Entry) -> impl IntoView {
    let t = use_strings();
    let year = entry.year;
    let input = entry.input.clone();
    let nav = |to: Option<i64>, label: &'static str, rel: &'static str| {
        to.map(
            |id| view! { <a class="button" rel=rel href=checkup_child_href(year, id)>{label}</a> },
        )
    };
    let attendance = Attendance::ALL
        .into_iter()
        .map(|a| {
            view! {
                <label class="check big-choice">
                    <input type="radio" name="attendance" value=a.key() checked=input.attendance == a.key()/>
                    {a.label(t)}
                </label>
            }
        })
        .collect_view();
    let field = |label: &'static str, name: &'static str, value: String, mode: &'static str| {
        view! { <label>{label}<input class="big" name=name value=value inputmode=mode autocomplete="off"/></label> }
    };
    view! {
        <header class="entry-head">
            <h1>{entry.name.clone()}</h1>
            <p class="hint">{(t.common.class_label)(entry.class.grade, entry.class.number)}" · "{(t.checkup.age_years)(entry.age)}
                {entry.bmi.map(|b| view! { " · "{t.common.bmi_label}" "{b}})}</p>
        </header>
        <nav class="row-form entry-nav">
            {nav(entry.previous, t.checkup.previous_child, "prev")}
            <a class="button" href=checkup_href(year)>{t.checkup.back_to_roster}</a>
            {nav(entry.next, t.checkup.next_child, "next")}
        </nav>
        {entry.closed.clone().map(|(when, note)| view! {
            <p class="flash flash-ok">{(t.checkup.follow_up_closed)(&when, &note)}</p>
        })}
        {(entry.can_write && entry.closed.is_none() && !input.follow_up.is_empty() && entry.version > 0).then(|| view! {
            <form method="post" action="/api/checkup/close" class="inline-form close-follow-up">
                <input type="hidden" name="year" value=year.to_string()/>
                <input type="hidden" name="child" value=entry.child_id.to_string()/>
                <input type="hidden" name="version" value=entry.version.to_string()/>
                <label>{t.checkup.close_note}<input name="note" required maxlength="200"/></label>
                <button type="submit" class="button">{t.checkup.close_follow_up}</button>
            </form>
        })}
        {entry.can_write.then(|| {
            let form = view! {
            <form method="post" action="/api/checkup/save" class="stack entry-form"
                data-age=entry.age.to_string() data-today=entry.today.format("%Y-%m-%d").to_string()
                data-outbox=checkup_child_href(year, entry.child_id) data-outbox-label=entry.name.clone()>
                {crate::form_check::messages(&ENTRY_ERRORS, t)}
                <input type="hidden" name="year" value=year.to_string()/>
                <input type="hidden" name="child" value=entry.child_id.to_string()/>
                <input type="hidden" name="version" value=entry.version.to_string()/>
                {entry.next.map(|n| view! { <input type="hidden" name="next" value=n.to_string()/> })}
                <fieldset class="inline-form"><legend>{t.common.attendance_label}</legend>{attendance}</fieldset>
                <div class="inline-form">
                    {field(t.common.height_label, "height_cm", input.height_cm.clone(), "decimal")}
                    {field(t.common.weight_label, "weight_kg", input.weight_kg.clone(), "decimal")}
                    {field(t.common.vision_left_label, "vision_left", vision_value(&input.vision_left), "decimal")}
                    {field(t.common.vision_right_label, "vision_right", vision_value(&input.vision_right), "decimal")}
                    {field(t.common.caries_label, "caries", input.caries.clone(), "numeric")}
                </div>
                <label>{t.checkup.findings_label}<textarea name="findings" rows="2" maxlength="500">{input.findings.clone()}</textarea></label>
                <div class="inline-form">
                    <label>{t.checkup.follow_up_label}<input name="follow_up" maxlength="100" value=input.follow_up.clone()/></label>
                    <label>{t.checkup.follow_up_due_label}<input name="follow_up_due" type="date" value=input.follow_up_due.clone()/></label>
                </div>
                <button type="submit" class="button primary big">{t.checkup.save_and_next}</button>
            </form>
            }
            .into_any();
            view! { <crate::form_check::FormCheck>{form}</crate::form_check::FormCheck> }
        })}
    }
}

#[cfg(test)]
mod tests {
    use super::vision_value;

    #[test]
    fn a_whole_vision_reopens_with_its_decimal() {
        assert_eq!(vision_value("5"), "5.0");
        assert_eq!(vision_value("4.7"), "4.7");
        assert_eq!(vision_value(""), "");
    }
}
