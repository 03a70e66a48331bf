//! Forms check themselves as they are filled in, with the very parser the server runs: the
//! event editor with `EventDraft::parse`, the child's file with `ChildDraft::parse`, the
//! checkup entry screen with `ResultDraft::parse`, a care entry with `CareDraft::parse`, the
//! five ones' book, call, excuse and call-window forms with theirs, the money forms' amounts
//! with `parse_yuan`. A wrong field is marked
//! invalid with the translated message, so the browser will not send the form until it is
//! right; the server checks again anyway. The messages come from the
//! server-rendered form (a hidden list keyed by the error's number, [`key`]), so this island
//! carries no catalogue of strings, not even the errors' names, and takes no props.

use leptos::prelude::*;

use crate::error::ValidationError;
use crate::i18n::Strings;

#[island]
pub fn FormCheck(children: Children) -> impl IntoView {
    #[cfg(feature = "hydrate")]
    set_timeout(
        || crate::ready::mark_ready(".form-check"),
        std::time::Duration::ZERO,
    );
    let check = move |ev: leptos::ev::Event| {
        #[cfg(feature = "hydrate")]
        browser::check(&ev);
        #[cfg(not(feature = "hydrate"))]
        let _ = ev;
    };
    let before_sending = move |ev: leptos::ev::MouseEvent| {
        #[cfg(feature = "hydrate")]
        browser::check_before_sending(&ev);
        #[cfg(not(feature = "hydrate"))]
        let _ = ev;
    };
    view! {
        <div class="form-check" on:input=check on:change=check on:click=before_sending>
            {children()}
        </div>
    }
}

/// An error's key in the hidden list: its number, which costs the browser's code nothing
/// (its name would bring every error's name into it).
fn key(error: ValidationError) -> String {
    (error as u8).to_string()
}

/// The hidden list of messages a checked form carries, and the message line it shows.
pub fn messages(errors: &[ValidationError], t: &'static Strings) -> impl IntoView {
    let items = errors
        .iter()
        .map(|e| view! { <li data-error-key=key(*e)>{e.message(t)}</li> })
        .collect_view();
    view! {
        <ul hidden>{items}</ul>
        <p class="flash flash-error" role="alert" data-check-message hidden></p>
    }
}

/// The event editor's field a problem belongs to, given which fields hold a value of
/// their own kind.
pub fn event_field(
    error: ValidationError,
    all_day: bool,
    bad_date: Option<&'static str>,
    bad_time: Option<&'static str>,
    until_before_start: bool,
) -> &'static str {
    use ValidationError as E;
    match error {
        E::TitleInvalid => "title",
        E::InvalidDate | E::DateOutOfRange => bad_date.unwrap_or("start_date"),
        E::InvalidTime => bad_time.unwrap_or("start_time"),
        E::EndBeforeStart if until_before_start => "until",
        E::EndBeforeStart if all_day => "end_date",
        E::EndBeforeStart => "end_time",
        E::RuleInvalid | E::TooManyOccurrences => "repeat",
        _ => "audience",
    }
}

/// The child form's input a parser field names: a guardian's problem is its phone's when
/// the phone is wrong, else its name's.
pub fn child_field(field: &'static str, error: ValidationError) -> String {
    match field.strip_prefix("guardian") {
        Some(n) if error == ValidationError::PhoneInvalid => format!("g{n}_phone"),
        Some(n) => format!("g{n}_name"),
        None => field.to_owned(),
    }
}

#[cfg(feature = "hydrate")]
mod browser {
    use wasm_bindgen::JsCast;
    use web_sys::{
        Element, FormData, HtmlFormElement, HtmlInputElement, HtmlSelectElement,
        HtmlTextAreaElement,
    };

    use crate::calendar::domain::event_form::EventDraft;
    use crate::calendar::domain::local_time::{parse_date, parse_time};
    use crate::calendar::types::EventInput;
    use crate::care::domain::CareDraft;
    use crate::care::types::CareInput;
    use crate::checkup::domain::ResultDraft;
    use crate::checkup::types::ResultInput;
    use crate::children::domain::{ChildDraft, ChildForm};
    use crate::error::ValidationError;

    fn set_validity(form: &HtmlFormElement, name: &str, message: &str) {
        let Some(field) = form
            .query_selector(&format!("[name={name}]"))
            .ok()
            .flatten()
        else {
            return;
        };
        if let Some(input) = field.dyn_ref::<HtmlInputElement>() {
            input.set_custom_validity(message);
        } else if let Some(select) = field.dyn_ref::<HtmlSelectElement>() {
            select.set_custom_validity(message);
        } else if let Some(area) = field.dyn_ref::<HtmlTextAreaElement>() {
            area.set_custom_validity(message);
        }
        field
            .set_attribute(
                "aria-invalid",
                if message.is_empty() { "false" } else { "true" },
            )
            .ok();
    }

    /// Clears every field's mark, then marks `problem` (field, error) if there is one.
    fn show(form: &HtmlFormElement, problem: Option<(String, ValidationError)>) {
        if let Ok(marked) = form.query_selector_all("[aria-invalid=true]") {
            for i in 0..marked.length() {
                if let Some(name) = marked
                    .item(i)
                    .and_then(|n| n.dyn_into::<Element>().ok())
                    .and_then(|e| e.get_attribute("name"))
                {
                    set_validity(form, &name, "");
                }
            }
        }
        let message = form.query_selector("[data-check-message]").ok().flatten();
        let Some((field, error)) = problem else {
            if let Some(m) = message {
                m.set_attribute("hidden", "").ok();
            }
            return;
        };
        let words = form
            .query_selector(&format!("[data-error-key=\"{}\"]", super::key(error)))
            .ok()
            .flatten()
            .and_then(|m| m.text_content())
            .unwrap_or_default();
        set_validity(form, &field, &words);
        if let Some(m) = message {
            m.set_text_content(Some(&words));
            m.remove_attribute("hidden").ok();
        }
    }

    /// A money form's amount, hours and instalments, each with its parser (the rest of the
    /// line is the server's to check: which fund, which donor).
    fn money_form(data: &FormData) -> Option<(String, ValidationError)> {
        use crate::funds::domain::{parse_hours, parse_instalments, parse_yuan};
        type Parser = fn(&str) -> Result<i64, ValidationError>;
        let checks: [(&str, Parser); 3] = [
            ("amount", parse_yuan),
            ("hours", parse_hours),
            ("instalments", parse_instalments),
        ];
        checks.into_iter().find_map(|(name, parse)| {
            let raw = data.get(name).as_string()?;
            // An empty field is the browser's to ask for (`required`).
            (!raw.trim().is_empty())
                .then(|| parse(&raw).err())
                .flatten()
                .map(|error| (name.to_owned(), error))
        })
    }

    /// The five ones' forms (a book, a call, an excused day, the call window), checked with
    /// their parsers; `None` for any other form.
    fn habit_form(
        form: &HtmlFormElement,
        data: &FormData,
    ) -> Option<Option<(String, ValidationError)>> {
        use crate::habits::forms_domain::{BookDraft, CallDraft, ExcuseDraft, WindowDraft};
        use crate::habits::types::CallWindowInput;
        let text = |name: &str| data.get(name).as_string().unwrap_or_default();
        let classes = form.class_list();
        let today = form
            .get_attribute("data-today")
            .and_then(|d| parse_date(&d));
        let problem = if classes.contains("book-form") {
            BookDraft::parse(&text("title"), &text("sentence"), &text("day"), today?).err()
        } else if classes.contains("call-form") {
            CallDraft::parse(
                &text("with_whom"),
                &text("feeling"),
                &text("note"),
                &text("day"),
                today?,
            )
            .err()
        } else if classes.contains("excuse-form") {
            ExcuseDraft::parse(
                &text("excuse"),
                &text("first"),
                &text("last"),
                &text("note"),
                today?,
            )
            .err()
        } else if classes.contains("window-form") {
            let weekday = data
                .get_all("weekday[]")
                .iter()
                .filter_map(|v| v.as_string())
                .collect();
            let input = CallWindowInput {
                weekday,
                from: text("from"),
                to: text("to"),
                zone: text("zone"),
                note: text("note"),
            };
            WindowDraft::parse(&input).err()
        } else {
            return None;
        };
        Some(problem.map(|(field, error)| (field.to_owned(), error)))
    }

    pub fn check(ev: &web_sys::Event) {
        let Some(form) = ev
            .target()
            .and_then(|t| t.dyn_into::<Element>().ok())
            .and_then(|el| el.closest("form").ok().flatten())
            .and_then(|f| f.dyn_into::<HtmlFormElement>().ok())
        else {
            return;
        };
        let Ok(data) = FormData::new_with_form(&form) else {
            return;
        };
        let get = |name: &str| data.get(name).as_string();
        let text = |name: &str| get(name).unwrap_or_default();
        let problem = if form.class_list().contains("entry-form") {
            let number = |name: &str| form.get_attribute(name).unwrap_or_default();
            let (Ok(age), Some(today)) = (
                number("data-age").parse::<u32>(),
                parse_date(&number("data-today")),
            ) else {
                return;
            };
            let input = ResultInput {
                attendance: text("attendance"),
                height_cm: text("height_cm"),
                weight_kg: text("weight_kg"),
                vision_left: text("vision_left"),
                vision_right: text("vision_right"),
                caries: text("caries"),
                findings: text("findings"),
                follow_up: text("follow_up"),
                follow_up_due: text("follow_up_due"),
            };
            ResultDraft::parse(&input, age, today)
                .err()
                .map(|(field, error)| (field.to_owned(), error))
        } else if form.class_list().contains("child-form") {
            let Some(today) = form
                .get_attribute("data-today")
                .and_then(|d| parse_date(&d))
            else {
                return;
            };
            let input = ChildForm {
                name: text("name"),
                gender: text("gender"),
                birth_date: text("birth_date"),
                lunar_birthday: text("lunar_birthday"),
                class_id: text("class_id"),
                left_behind: text("left_behind"),
                parents_away: text("parents_away"),
                work_city: text("work_city"),
                work_province: text("work_province"),
                mother_work_place: text("mother_work_place"),
                away_since: text("away_since"),
                home_address: text("home_address"),
                father_phone: text("father_phone"),
                mother_phone: text("mother_phone"),
                emergency_contact: text("emergency_contact"),
                emergency_phone: text("emergency_phone"),
                notes: text("notes"),
                consent_date: text("consent_date"),
                g1_name: text("g1_name"),
                g1_relation: text("g1_relation"),
                g1_phone: text("g1_phone"),
                g1_address: text("g1_address"),
                g2_name: text("g2_name"),
                g2_relation: text("g2_relation"),
                g2_phone: text("g2_phone"),
                g2_address: text("g2_address"),
            }
            .input();
            ChildDraft::parse(&input, today)
                .err()
                .map(|e| (crate::form_check::child_field(e.field, e.error), e.error))
        } else if form.class_list().contains("money-form") {
            money_form(&data)
        } else if let Some(problem) = habit_form(&form, &data) {
            problem
        } else if form.class_list().contains("care-form") {
            let Some(today) = form
                .get_attribute("data-today")
                .and_then(|d| parse_date(&d))
            else {
                return;
            };
            let input = CareInput {
                uid: text("uid"),
                kind: text("kind"),
                date: text("date"),
                time: text("time"),
                minutes: text("minutes"),
                with_whom: text("with_whom"),
                on_behalf_of: text("on_behalf_of"),
                study: get("study"),
                life: get("life"),
                activities: get("activities"),
                mood: text("mood"),
                noticed: text("noticed"),
                agreed: text("agreed"),
                next_step: text("next_step"),
                next_due: text("next_due"),
            };
            CareDraft::parse(&input, today)
                .err()
                .map(|(field, error)| (field.to_owned(), error))
        } else if form.class_list().contains("event-form") {
            let input = EventInput {
                title: text("title"),
                category: text("category"),
                all_day: get("all_day"),
                start_date: text("start_date"),
                start_time: get("start_time"),
                end_date: get("end_date"),
                end_time: get("end_time"),
                location: get("location"),
                audience: text("audience"),
                student_visible: get("student_visible"),
                description: get("description"),
                repeat: get("repeat"),
                until: get("until"),
            };
            EventDraft::parse(&input).err().map(|error| {
                let filled_but_bad = |name: &'static str, ok: &dyn Fn(&str) -> bool| {
                    let value = text(name);
                    (!value.trim().is_empty() && !ok(&value)).then_some(name)
                };
                let bad_date = ["start_date", "end_date", "until"]
                    .into_iter()
                    .find_map(|n| filled_but_bad(n, &|v| parse_date(v).is_some()));
                let bad_time = ["start_time", "end_time"]
                    .into_iter()
                    .find_map(|n| filled_but_bad(n, &|v| parse_time(v).is_some()));
                let until_before_start =
                    match (parse_date(&text("until")), parse_date(&text("start_date"))) {
                        (Some(until), Some(start)) => until < start,
                        _ => false,
                    };
                let field = crate::form_check::event_field(
                    error,
                    input.all_day.is_some(),
                    bad_date,
                    bad_time,
                    until_before_start,
                );
                (field.to_owned(), error)
            })
        } else {
            return;
        };
        show(&form, problem);
    }

    /// A tap on a form's send button checks the form first, typed in or not: a problem
    /// marks its field, so the browser will not send it (an untouched form has had no
    /// input to check: the checkup screen's "examined" with nothing written).
    pub fn check_before_sending(ev: &web_sys::Event) {
        let sends = ev
            .target()
            .and_then(|t| t.dyn_into::<Element>().ok())
            .and_then(|el| el.closest("[type=submit]").ok().flatten())
            .is_some();
        if sends {
            check(ev);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ValidationError as E;

    #[test]
    fn each_event_problem_marks_the_field_it_belongs_to() {
        assert_eq!(
            event_field(E::TitleInvalid, false, None, None, false),
            "title"
        );
        assert_eq!(
            event_field(E::EndBeforeStart, false, None, None, false),
            "end_time"
        );
        assert_eq!(
            event_field(E::EndBeforeStart, true, None, None, false),
            "end_date"
        );
        assert_eq!(
            event_field(E::EndBeforeStart, false, None, None, true),
            "until"
        );
        assert_eq!(
            event_field(E::InvalidDate, false, Some("until"), None, false),
            "until"
        );
        assert_eq!(
            event_field(E::InvalidTime, false, None, Some("end_time"), false),
            "end_time"
        );
        assert_eq!(
            event_field(E::RuleInvalid, false, None, None, false),
            "repeat"
        );
    }

    #[test]
    fn a_guardians_problem_marks_its_phone_or_its_name() {
        assert_eq!(child_field("guardian1", E::PhoneInvalid), "g1_phone");
        assert_eq!(child_field("guardian2", E::NameInvalid), "g2_name");
        assert_eq!(child_field("father_phone", E::PhoneInvalid), "father_phone");
    }
}
