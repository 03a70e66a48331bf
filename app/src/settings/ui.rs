//! `/admin/school`: the admin sets the school's names and phone.

use leptos::prelude::*;
use leptos_meta::Title;

use super::api::get_school_info;
use super::domain::{NAME_MAX, PHONE_MAX, SHORT_NAME_EN_MAX, SHORT_NAME_MAX};
use super::types::SchoolInfo;
use crate::auth::permissions::Capability;
use crate::page::{page_gate, use_strings, Flash};

#[component]
pub fn SchoolPage() -> impl IntoView {
    let t = use_strings();
    if let Err(denied) = page_gate(Capability::ManageSchool) {
        return denied;
    }
    let info = Resource::new(|| (), |_| get_school_info());
    view! {
        <Title text=format!("{} · {}", t.settings.title, t.common.app_name)/>
        <section class="card" data-native-forms="">
            <h1>{t.settings.title}</h1>
            <Flash/>
            <Suspense fallback=move || view! { <crate::page::Loading/> }>
                {move || Suspend::new(async move {
                    match info.await {
                        Ok(info) => view! { <SchoolForm info/> }.into_any(),
                        Err(e) => crate::page::error_notice(t, &e),
                    }
                })}
            </Suspense>
        </section>
    }
    .into_any()
}

#[component]
fn SchoolForm(info: SchoolInfo) -> impl IntoView {
    let s = use_strings().settings;
    // A new school; or one upgraded from before short names, whose header names nobody.
    let unset = if info.name.is_empty() {
        Some(s.unset)
    } else {
        info.short_name.is_empty().then_some(s.unset_short)
    };
    view! {
        {unset.map(|words| view! { <p class="flash flash-warn" role="status">{words}</p> })}
        <form method="post" action="/api/admin/school/save" class="stack school-form">
            <input type="hidden" name="version" value=info.version.to_string()/>
            <label>{s.name}<input name="name" required maxlength=NAME_MAX value=info.name aria-describedby="name-hint"/></label>
            <p class="hint" id="name-hint">{s.name_hint}</p>
            <label>{s.short_name}<input name="short_name" required maxlength=SHORT_NAME_MAX value=info.short_name aria-describedby="short-name-hint"/></label>
            <label>{s.short_name_en}<input name="short_name_en" maxlength=SHORT_NAME_EN_MAX lang="en" value=info.short_name_en aria-describedby="short-name-hint"/></label>
            <p class="hint" id="short-name-hint">{s.short_name_hint}</p>
            <label>{s.phone}<input name="phone" type="tel" inputmode="tel" maxlength=PHONE_MAX value=info.phone aria-describedby="phone-hint"/></label>
            <p class="hint" id="phone-hint">{s.phone_hint}</p>
            <button type="submit" class="button primary">{use_strings().common.save}</button>
        </form>
    }
}

/// The short name the header shows in `locale`: the English one when set, else the Chinese;
/// none until the admin has set it (and never in the browser: the header is the server's).
pub fn header_name(locale: crate::i18n::Locale) -> Option<String> {
    #[cfg(feature = "ssr")]
    {
        let state = leptos::prelude::use_context::<crate::state::AppState>()?;
        let school = state.school.read().ok()?;
        let english = (locale == crate::i18n::Locale::En).then_some(&school.short_name_en);
        let name = english
            .filter(|n| !n.is_empty())
            .unwrap_or(&school.short_name);
        (!name.is_empty()).then(|| name.clone())
    }
    #[cfg(not(feature = "ssr"))]
    {
        let _ = locale;
        None
    }
}
