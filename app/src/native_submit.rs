//! File uploads must reach the server as the browser sends them (multipart). The islands
//! router takes over every form submission and re-encodes it as URL parameters, which
//! loses the file; this island hands its form back to the browser: a capturing listener on
//! the wrapper (it runs before the router's, which sits on the window) cancels the
//! router's turn and submits the form natively. Without JavaScript the form simply posts.

use leptos::prelude::*;

/// The server functions that take a file (`multipart/form-data`). The server refuses any
/// other body for them before they run: the multipart decoder would fail on it.
pub const MULTIPART_ENDPOINTS: [&str; 4] = [
    "/api/calendar/import/upload",
    "/api/children/import/upload",
    "/api/diary/write",
    "/api/funds/aid/pay",
];

/// Whether a `Content-Type` is multipart form data with its boundary.
pub fn is_multipart_with_boundary(content_type: &str) -> bool {
    let mut parts = content_type.split(';').map(str::trim);
    parts
        .next()
        .is_some_and(|kind| kind.eq_ignore_ascii_case("multipart/form-data"))
        && parts.any(|p| {
            p.split_once('=').is_some_and(|(k, v)| {
                k.trim().eq_ignore_ascii_case("boundary") && !v.trim().trim_matches('"').is_empty()
            })
        })
}

/// An uploaded form: the file (from the `file` field) and the other fields as text.
#[cfg(feature = "ssr")]
pub struct Upload {
    pub file_name: String,
    pub bytes: Vec<u8>,
    pub fields: std::collections::HashMap<String, String>,
}

/// Reads a multipart form; a file over `max` bytes is refused as too large while it
/// arrives, before it is all in memory.
#[cfg(feature = "ssr")]
pub async fn read_upload(
    data: leptos::server_fn::codec::MultipartData,
    max: usize,
    default_name: &str,
) -> Result<Upload, crate::error::AppError> {
    use crate::error::ValidationError;
    let mut form = data.into_inner().ok_or(ValidationError::Malformed)?;
    let mut upload = Upload {
        file_name: default_name.to_owned(),
        bytes: Vec::new(),
        fields: Default::default(),
    };
    while let Some(mut field) = form
        .next_field()
        .await
        .map_err(|_| ValidationError::Malformed)?
    {
        let name = field.name().unwrap_or_default().to_owned();
        if name != "file" {
            let value = field.text().await.map_err(|_| ValidationError::Malformed)?;
            upload.fields.insert(name, value);
            continue;
        }
        if let Some(file_name) = field.file_name().filter(|n| !n.is_empty()) {
            upload.file_name = file_name.chars().take(120).collect();
        }
        while let Some(chunk) = field
            .chunk()
            .await
            .map_err(|_| ValidationError::Malformed)?
        {
            upload.bytes.extend_from_slice(&chunk);
            if upload.bytes.len() > max {
                return Err(ValidationError::FileTooLarge.into());
            }
        }
    }
    Ok(upload)
}

#[island]
pub fn NativeSubmit(children: Children) -> impl IntoView {
    #[cfg(feature = "hydrate")]
    set_timeout(
        || crate::ready::mark_ready(".native-submit"),
        std::time::Duration::ZERO,
    );
    // A capturing listener on this element itself: it runs before the router's.
    let submit = |ev: leptos::ev::SubmitEvent| {
        #[cfg(feature = "hydrate")]
        {
            use wasm_bindgen::JsCast;
            if let Some(form) = ev
                .target()
                .and_then(|t| t.dyn_into::<web_sys::HtmlFormElement>().ok())
            {
                ev.prevent_default();
                // A large roster takes a few seconds to send and check: say so.
                if let Some(busy) = form.query_selector(".upload-progress").ok().flatten() {
                    busy.remove_attribute("hidden").ok();
                }
                // `submit()` sends the form as it is, without another submit event.
                form.submit().ok();
            }
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = ev;
    };
    view! { <div class="native-submit" on:submit:capture=submit>{children()}</div> }
}

/// Hands every form inside a `data-native-forms` container back to the browser (except the
/// outbox's, which keeps its entries itself). The islands router sends a form and patches
/// the page with the answer, but it leaves islands as they were: a form inside one (a
/// checked form) would keep its old hidden fields, such as the id of the book just saved,
/// and the next book sent with that id would be taken for the same one. A page whose
/// forms post back to itself loads the answer whole instead. No props, no children: one
/// listener on the document, capturing, so it runs before the router's.
#[island]
pub fn NativeForms() -> impl IntoView {
    #[cfg(feature = "hydrate")]
    {
        browser::listen_once();
        set_timeout(
            || crate::ready::mark_ready(".native-forms"),
            std::time::Duration::ZERO,
        );
    }
    view! { <span class="native-forms" hidden></span> }
}

#[cfg(feature = "hydrate")]
mod browser {
    use std::cell::Cell;

    use wasm_bindgen::prelude::*;
    use wasm_bindgen::JsCast;
    use web_sys::{HtmlButtonElement, HtmlFormElement, HtmlInputElement, SubmitEvent};

    thread_local! {
        static LISTENING: Cell<bool> = const { Cell::new(false) };
    }

    pub fn listen_once() {
        if LISTENING.with(|l| l.replace(true)) {
            return;
        }
        let Some(document) = web_sys::window().and_then(|w| w.document()) else {
            return;
        };
        let on_submit = Closure::<dyn Fn(SubmitEvent)>::new(submit_natively);
        document
            .add_event_listener_with_callback_and_bool(
                "submit",
                on_submit.as_ref().unchecked_ref(),
                true,
            )
            .ok();
        on_submit.forget();
    }

    fn submit_natively(ev: SubmitEvent) {
        let Some(form) = ev
            .target()
            .and_then(|t| t.dyn_into::<HtmlFormElement>().ok())
        else {
            return;
        };
        let inside = form.closest("[data-native-forms]").ok().flatten().is_some();
        if ev.default_prevented() || !inside || form.has_attribute("data-outbox") {
            return;
        }
        ev.prevent_default();
        // `submit()` leaves out the button that was pressed ("take back"): carry it along.
        if let Some(button) = ev
            .submitter()
            .and_then(|b| b.dyn_into::<HtmlButtonElement>().ok())
            .filter(|b| !b.name().is_empty())
        {
            let carried = web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| d.create_element("input").ok())
                .and_then(|e| e.dyn_into::<HtmlInputElement>().ok());
            if let Some(input) = carried {
                input.set_type("hidden");
                input.set_name(&button.name());
                input.set_value(&button.value());
                form.append_child(&input).ok();
            }
        }
        form.submit().ok();
    }
}

#[cfg(test)]
mod tests {
    use super::is_multipart_with_boundary;

    #[test]
    fn only_multipart_with_a_boundary_reaches_an_upload() {
        assert!(is_multipart_with_boundary(
            "multipart/form-data; boundary=----x1"
        ));
        assert!(is_multipart_with_boundary(
            "Multipart/Form-Data;boundary=\"abc\""
        ));
        assert!(!is_multipart_with_boundary("multipart/form-data"));
        assert!(!is_multipart_with_boundary(
            "multipart/form-data; boundary="
        ));
        assert!(!is_multipart_with_boundary(
            "application/x-www-form-urlencoded"
        ));
    }
}
