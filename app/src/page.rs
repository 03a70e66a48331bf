//! Pieces every page shares: the request's language and viewer, the page gate, the notice
//! for a record that cannot be shown, and the message of a form that came back.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::auth::permissions::{Capability, Target};
use crate::auth::types::Viewer;
use crate::error::AppError;
use crate::i18n::{Locale, Strings};

/// The locale of the request being rendered: the `lang` cookie, then `Accept-Language`.
pub fn request_locale() -> Locale {
    #[cfg(feature = "ssr")]
    {
        use_context::<http::request::Parts>()
            .map(|parts| Locale::from_headers(&parts.headers))
            .unwrap_or_default()
    }
    #[cfg(not(feature = "ssr"))]
    {
        Locale::default()
    }
}

/// The path of the request being rendered (on the server; none in the browser).
pub fn request_path() -> Option<String> {
    #[cfg(feature = "ssr")]
    {
        use_context::<http::request::Parts>().map(|parts| parts.uri.path().to_owned())
    }
    #[cfg(not(feature = "ssr"))]
    {
        None
    }
}

pub fn use_locale() -> Locale {
    use_context::<Locale>().unwrap_or_default()
}

pub fn use_strings() -> &'static Strings {
    use_locale().strings()
}

/// The signed-in user, for rendering; pages render only on the server.
pub fn use_viewer() -> Option<Viewer> {
    #[cfg(feature = "ssr")]
    {
        crate::auth::session::current_viewer()
    }
    #[cfg(not(feature = "ssr"))]
    {
        None
    }
}

/// The page gate: `Ok` when the signed-in user may use the page; otherwise the view to show
/// instead (a redirect to sign-in, or "not allowed" with status 403). Refusals are audited.
pub fn page_gate(capability: Capability) -> Result<(), AnyView> {
    page_gate_on(capability, Target::Any)
}

/// The page gate for a page about `target` (say, the whole school's calendar).
pub fn page_gate_on(capability: Capability, target: Target) -> Result<(), AnyView> {
    #[cfg(feature = "ssr")]
    {
        use crate::school::urls::encode_query_value;
        use leptos_router::hooks::use_location;

        let t = use_strings();
        match crate::frame::require_page_on(capability, target) {
            Ok(_) => Ok(()),
            Err(AppError::Unauthorized) => {
                let location = use_location();
                let search = location.search.get_untracked();
                let here = if search.is_empty() {
                    location.pathname.get_untracked()
                } else {
                    format!("{}?{search}", location.pathname.get_untracked())
                };
                let to = format!("/login?next={}", encode_query_value(&here));
                leptos_axum::redirect(&to);
                // An async-rendered page keeps 200 unless told: make it a real redirect.
                if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
                    response.set_status(http::StatusCode::FOUND);
                }
                Err(view! { <p class="notice"><a href=to>{t.common.sign_in}</a></p> }.into_any())
            }
            Err(_) => {
                if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
                    response.set_status(http::StatusCode::FORBIDDEN);
                }
                Err(forbidden(t))
            }
        }
    }
    #[cfg(not(feature = "ssr"))]
    {
        let _ = (capability, target);
        Ok(())
    }
}

/// A page's record could not be shown: the page keeps the status the server function
/// gave (403, 404, …) and says why in the user's language.
pub fn error_notice(t: &'static Strings, error: &AppError) -> AnyView {
    keep_status(error);
    if *error == AppError::Forbidden {
        return forbidden(t);
    }
    view! { <p class="flash flash-error" role="alert">{error.message(t)}</p> }.into_any()
}

/// A page the viewer may not see: what it is, and the way back. The same whether the page
/// or the server function behind it refused.
fn forbidden(t: &'static Strings) -> AnyView {
    view! {
        <Title text=t.common.forbidden_title/>
        <section class="notice" role="alert">
            <h1>{t.common.forbidden_title}</h1>
            <p>{t.common.error_forbidden}</p>
            <a class="button" href="/calendar">{t.common.back_to_calendar}</a>
        </section>
    }
    .into_any()
}

/// The page answers with the status the server function gave (a page saying the error in
/// its own words too).
pub fn keep_status(error: &AppError) {
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(
            http::StatusCode::from_u16(error.status())
                .unwrap_or(http::StatusCode::INTERNAL_SERVER_ERROR),
        );
    }
    #[cfg(not(feature = "ssr"))]
    let _ = error;
}

/// The message of a form that came back: `?error=…` (a serialized `AppError`) or `?saved=1`.
#[component]
pub fn Flash() -> impl IntoView {
    let t = use_strings();
    let query = use_query_map();
    let error = query
        .read_untracked()
        .get("error")
        .and_then(|raw| decode_error(&raw));
    let saved = query.read_untracked().get("saved").is_some() && error.is_none();
    view! {
        {error.map(|e| view! { <p class="flash flash-error" role="alert">{e.message(t)}</p> })}
        {saved.then(|| view! { <p class="flash flash-ok" role="status">{t.common.saved}</p> })}
    }
}

fn decode_error(raw: &str) -> Option<AppError> {
    #[cfg(feature = "ssr")]
    {
        serde_json::from_str(raw).ok()
    }
    #[cfg(not(feature = "ssr"))]
    {
        let _ = raw;
        None
    }
}

/// A page's frame while its data loads.
#[component]
pub fn Loading() -> impl IntoView {
    let t = use_strings();
    view! { <p class="loading" role="status">{t.common.loading}</p> }
}
