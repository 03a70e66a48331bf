//! The event editor checks itself as it is filled in, with the very parser the server runs
//! (`EventDraft::parse`): a wrong field is marked invalid with the translated message, so
//! the browser will not send the form until it is right. The server checks again anyway.
//! The messages come from the server-rendered form (a hidden list keyed by `data-error-key`),
//! so this island carries no catalogue of strings and takes no props.

use leptos::prelude::*;

#[island]
pub fn EventFormCheck(children: Children) -> impl IntoView {
    let check = move |ev: leptos::ev::Event| {
        #[cfg(feature = "hydrate")]
        browser::check(&ev);
        #[cfg(not(feature = "hydrate"))]
        let _ = ev;
    };
    view! {
        <div class="form-check" on:input=check on:change=check>
            {children()}
        </div>
    }
}

/// The field a problem belongs to, given which fields hold a value of their own kind.
pub fn field_of(
    error: crate::error::ValidationError,
    all_day: bool,
    bad_date: Option<&'static str>,
    bad_time: Option<&'static str>,
    until_before_start: bool,
) -> &'static str {
    use crate::error::ValidationError as E;
    match error {
        E::TitleInvalid => "title",
        E::InvalidDate => bad_date.unwrap_or("start_date"),
        E::InvalidTime => bad_time.unwrap_or("start_time"),
        E::EndBeforeStart if until_before_start => "until",
        E::EndBeforeStart if all_day => "end_date",
        E::EndBeforeStart => "end_time",
        E::RuleInvalid | E::TooManyOccurrences => "repeat",
        _ => "audience",
    }
}

#[cfg(feature = "hydrate")]
mod browser {
    use wasm_bindgen::JsCast;
    use web_sys::{Element, FormData, HtmlFormElement, HtmlInputElement, HtmlSelectElement};

    use crate::calendar::domain::event_form::{error_key, EventDraft, EventInput};
    use crate::calendar::domain::local_time::{parse_date, parse_time};

    const FIELDS: [&str; 8] = [
        "title",
        "start_date",
        "start_time",
        "end_date",
        "end_time",
        "until",
        "repeat",
        "audience",
    ];

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
        }
        field
            .set_attribute(
                "aria-invalid",
                if message.is_empty() { "false" } else { "true" },
            )
            .ok();
    }

    pub fn check(ev: &web_sys::Event) {
        let Some(form) = ev
            .target()
            .and_then(|t| t.dyn_into::<Element>().ok())
            .and_then(|el| el.closest("form.event-form").ok().flatten())
            .and_then(|f| f.dyn_into::<HtmlFormElement>().ok())
        else {
            return;
        };
        let Ok(data) = FormData::new_with_form(&form) else {
            return;
        };
        let get = |name: &str| data.get(name).as_string();
        let text = |name: &str| get(name).unwrap_or_default();
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
        for name in FIELDS {
            set_validity(&form, name, "");
        }
        let message = form.query_selector("[data-check-message]").ok().flatten();
        let Err(error) = EventDraft::parse(&input) else {
            if let Some(m) = message {
                m.set_attribute("hidden", "").ok();
            }
            return;
        };
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
        let until_before_start = match (parse_date(&text("until")), parse_date(&text("start_date")))
        {
            (Some(until), Some(start)) => until < start,
            _ => false,
        };
        let field = super::field_of(
            error,
            input.all_day.is_some(),
            bad_date,
            bad_time,
            until_before_start,
        );
        let words = form
            .query_selector(&format!("[data-error-key={}]", error_key(error)))
            .ok()
            .flatten()
            .and_then(|m| m.text_content())
            .unwrap_or_default();
        set_validity(&form, field, &words);
        if let Some(m) = message {
            m.set_text_content(Some(&words));
            m.remove_attribute("hidden").ok();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ValidationError as E;

    #[test]
    fn each_problem_marks_the_field_it_belongs_to() {
        assert_eq!(field_of(E::TitleInvalid, false, None, None, false), "title");
        assert_eq!(
            field_of(E::EndBeforeStart, false, None, None, false),
            "end_time"
        );
        assert_eq!(
            field_of(E::EndBeforeStart, true, None, None, false),
            "end_date"
        );
        assert_eq!(
            field_of(E::EndBeforeStart, false, None, None, true),
            "until"
        );
        assert_eq!(
            field_of(E::InvalidDate, false, Some("until"), None, false),
            "until"
        );
        assert_eq!(
            field_of(E::InvalidTime, false, None, Some("end_time"), false),
            "end_time"
        );
        assert_eq!(field_of(E::RuleInvalid, false, None, None, false), "repeat");
    }
}
