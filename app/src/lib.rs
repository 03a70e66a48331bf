#![recursion_limit = "512"]
//! Hope Home (希望之家): the care programme of a rural school for its left-behind
//! children, as one Leptos app rendered on the server with small interactive islands.

pub mod assessment;
pub mod auth;
pub mod awards;
pub mod calendar;
pub mod care;
pub mod checkup;
pub mod children;
#[cfg(feature = "ssr")]
pub mod client_address;
pub mod cookies;
pub mod error;
pub mod family;
pub mod form_check;
#[cfg(feature = "ssr")]
pub mod frame;
pub mod funds;
#[cfg(all(test, feature = "ssr"))]
mod fuzz;
pub mod habits;
pub mod i18n;
pub mod meetings;
pub mod native_submit;
pub mod outbox;
pub mod page;
pub mod programme;
pub mod ready;
pub mod school;
pub mod settings;
pub mod site_style;
#[cfg(feature = "ssr")]
pub mod state;

use leptos::nonce::use_nonce;
use leptos::prelude::*;
use leptos_meta::{provide_meta_context, MetaTags, Title};
use leptos_router::{
    components::{Route, Router, Routes},
    hooks::use_location,
    path, SsrMode,
};

use crate::assessment::ui::{AssessmentPage, InspectionsPage, SchemePage, SheetPage};
use crate::auth::permissions::{access, reaches_children, Access, Capability};
use crate::auth::types::Viewer;
use crate::auth::ui::{AuditPage, LoginPage, PasswordPage, UsersPage};
use crate::awards::ui::{AwardsPage, CertificatePage, NominatePage};
use crate::calendar::events_ui::{EditEventPage, NewEventPage};
use crate::calendar::feeds_ui::FeedsPage;
use crate::calendar::holidays_ui::HolidaysPage;
use crate::calendar::import_ui::{ImportPage, ImportPreviewPage};
use crate::calendar::ui::CalendarPage;
use crate::care::ui::{CareRecordPage, CoveragePage, MyChildrenPage, MyDiaryPage};
use crate::checkup::ui::{CheckupEntryPage, CheckupPage, FollowUpsPage};
use crate::children::import_ui::{RosterCheckPage, RosterUploadPage};
use crate::children::ui::{CardsPage, ChildPage, ChildrenPage, EditChildPage};
use crate::family::ui::{DeskPage, ParentsPage};
use crate::funds::ui::{AidPage, DonorsPage, LedgerPage, PublicPage};
use crate::habits::ui::{CheckInPage, ChildHabitsPage, MyHabitsPage, OverviewPage};
use crate::meetings::ui::{MeetingRecordPage, MeetingsPage};
use crate::native_submit::{KEPT_FORMS_SCRIPT, NATIVE_FORMS_SCRIPT};
use crate::page::{request_locale, request_path, use_locale, use_strings, use_viewer};
use crate::programme::ui::{ProgrammePage, SummaryPage};
use crate::school::urls::encode_query_value;
use crate::settings::ui::SchoolPage;
use crate::site_style::InHead;

/// The pages that have no island and are read outside the school, on a phone's weak signal:
/// the parents' page (not the counselor's desk for it) and the public funds page. They are
/// sent without the app's scripts (about 100 KB that would change nothing on them).
fn without_scripts(path: &str) -> bool {
    (path.starts_with("/family/") && !path.starts_with("/family/desk/")) || path == "/funds/public"
}

/// The HTML document around every page; runs on the server only. Its scripts carry the
/// request's nonce, which the server made and its CSP header names (`security::harden`).
pub fn shell(options: LeptosOptions) -> impl IntoView {
    let locale = request_locale();
    provide_context(locale);
    let scripts = !request_path().as_deref().is_some_and(without_scripts);
    view! {
        <!DOCTYPE html>
        <html lang=locale.tag()>
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <meta name="color-scheme" content="light"/>
                <SheetInHead options=options.clone()/>
                <link rel="icon" href="/favicon.svg" type="image/svg+xml"/>
                {scripts.then(|| view! {
                    // For the script's line when a form or a link is tapped with no network.
                    <meta name="hope-offline" content=locale.strings().common.offline_not_sent
                        data-link=locale.strings().common.offline_no_page
                        data-signout=locale.strings().common.offline_no_sign_out/>
                    <script nonce=use_nonce() inner_html=NATIVE_FORMS_SCRIPT></script>
                    <HydrationScripts options islands=true islands_router=true/>
                })}
                {(!scripts).then(|| view! {
                    <meta name="hope-offline" content=locale.strings().common.offline_not_sent_yet
                        data-restored=locale.strings().common.offline_restored/>
                    <script nonce=use_nonce() inner_html=KEPT_FORMS_SCRIPT></script>
                })}
                <MetaTags/>
            </head>
            <body>
                <App/>
            </body>
        </html>
    }
}

/// The style sheet in the `<head>`: inside the page on a browser's first visit, linked
/// after that (see `site_style`).
#[component]
fn SheetInHead(options: LeptosOptions) -> impl IntoView {
    #[cfg(feature = "ssr")]
    let InHead { text, href, media } = {
        let style = use_context::<state::AppState>().and_then(|s| s.site_style);
        let parts = use_context::<http::request::Parts>();
        InHead::for_request(
            style.as_deref(),
            parts.as_ref().map(|p| &p.headers),
            &options,
        )
    };
    // Never rendered in the browser: the islands have no `<head>`.
    #[cfg(not(feature = "ssr"))]
    let InHead { text, href, media } = InHead::linked(site_style::sheet_path(&options));
    view! {
        <style inner_html=text></style>
        <link rel="stylesheet" href=href media=media/>
    }
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    let t = use_strings();
    view! {
        <Title text=t.common.app_name/>
        <Router>
            <Page/>
        </Router>
    }
}

/// Header and content, keyed by the URL and the answer's nonce: the islands router diffs
/// server HTML node by node, which is only safe between renders of the same shape, and
/// never looks inside an island (a form, the calendar's grid). So every navigation swaps
/// the page body wholesale (still without a page load), even to the same URL: a form saved
/// twice on one page, or the month tab on the month open, shows the page as the server made
/// it, not the island as it was. The nonce is each answer's own, kept pages included.
#[component]
fn Page() -> impl IntoView {
    let location = use_location();
    let answer = use_nonce()
        .map(|nonce| nonce.to_string())
        .unwrap_or_default();
    view! {
        <For
            each=move || std::iter::once(format!("{}?{} {answer}", location.pathname.get(), location.search.get()))
            key=|url| url.clone()
            children=|_| view! {
                <SiteHeader/>
                <main id="main">
                    <Routes fallback=NotFound>
                        <Route path=path!("calendar") view=CalendarPage ssr=SsrMode::Async/>
                        <Route path=path!("calendar/new") view=NewEventPage ssr=SsrMode::Async/>
                        <Route path=path!("calendar/event/:id") view=EditEventPage ssr=SsrMode::Async/>
                        <Route path=path!("calendar/import") view=ImportPage ssr=SsrMode::Async/>
                        <Route path=path!("checkup") view=CheckupPage ssr=SsrMode::Async/>
                        <Route path=path!("checkup/:year") view=CheckupPage ssr=SsrMode::Async/>
                        <Route path=path!("checkup/:year/child/:id") view=CheckupEntryPage ssr=SsrMode::Async/>
                        <Route path=path!("follow-ups") view=FollowUpsPage ssr=SsrMode::Async/>
                        <Route path=path!("care") view=MyChildrenPage ssr=SsrMode::Async/>
                        <Route path=path!("care/coverage") view=CoveragePage ssr=SsrMode::Async/>
                        <Route path=path!("care/child/:id") view=CareRecordPage ssr=SsrMode::Async/>
                        <Route path=path!("diary") view=MyDiaryPage ssr=SsrMode::Async/>
                        <Route path=path!("habits") view=CheckInPage ssr=SsrMode::Async/>
                        <Route path=path!("habits/child/:id") view=ChildHabitsPage ssr=SsrMode::Async/>
                        <Route path=path!("habits/mine") view=MyHabitsPage ssr=SsrMode::Async/>
                        <Route path=path!("habits/overview") view=OverviewPage ssr=SsrMode::Async/>
                        <Route path=path!("awards") view=AwardsPage ssr=SsrMode::Async/>
                        <Route path=path!("awards/nominate/:child") view=NominatePage ssr=SsrMode::Async/>
                        <Route path=path!("awards/certificate/:id") view=CertificatePage ssr=SsrMode::Async/>
                        <Route path=path!("assessment") view=AssessmentPage ssr=SsrMode::Async/>
                        <Route path=path!("assessment/sheet/:counselor/:period") view=SheetPage ssr=SsrMode::Async/>
                        <Route path=path!("assessment/scheme") view=SchemePage ssr=SsrMode::Async/>
                        <Route path=path!("assessment/inspections") view=InspectionsPage ssr=SsrMode::Async/>
                        <Route path=path!("family/desk/:child") view=DeskPage ssr=SsrMode::Async/>
                        <Route path=path!("family/:token") view=ParentsPage ssr=SsrMode::Async/>
                        <Route path=path!("funds") view=LedgerPage ssr=SsrMode::Async/>
                        <Route path=path!("funds/donors") view=DonorsPage ssr=SsrMode::Async/>
                        <Route path=path!("funds/aid") view=AidPage ssr=SsrMode::Async/>
                        <Route path=path!("funds/public") view=PublicPage ssr=SsrMode::Async/>
                        <Route path=path!("meetings") view=MeetingsPage ssr=SsrMode::Async/>
                        <Route path=path!("meetings/record") view=MeetingRecordPage ssr=SsrMode::Async/>
                        <Route path=path!("programme") view=ProgrammePage ssr=SsrMode::Async/>
                        <Route path=path!("programme/summary") view=SummaryPage ssr=SsrMode::Async/>
                        <Route path=path!("children") view=ChildrenPage ssr=SsrMode::Async/>
                        <Route path=path!("children/new") view=EditChildPage ssr=SsrMode::Async/>
                        <Route path=path!("children/cards") view=CardsPage ssr=SsrMode::Async/>
                        <Route path=path!("children/import") view=RosterUploadPage ssr=SsrMode::Async/>
                        <Route path=path!("children/import/:id") view=RosterCheckPage ssr=SsrMode::Async/>
                        <Route path=path!("children/:id") view=ChildPage ssr=SsrMode::Async/>
                        <Route path=path!("children/:id/edit") view=EditChildPage ssr=SsrMode::Async/>
                        <Route path=path!("calendar/import/:id") view=ImportPreviewPage ssr=SsrMode::Async/>
                        <Route path=path!("login") view=LoginPage ssr=SsrMode::Async/>
                        <Route path=path!("account/password") view=PasswordPage ssr=SsrMode::Async/>
                        <Route path=path!("admin/users") view=UsersPage ssr=SsrMode::Async/>
                        <Route path=path!("admin/audit") view=AuditPage ssr=SsrMode::Async/>
                        <Route path=path!("admin/school") view=SchoolPage ssr=SsrMode::Async/>
                        <Route path=path!("admin/holidays") view=HolidaysPage ssr=SsrMode::Async/>
                        <Route path=path!("admin/feeds") view=FeedsPage ssr=SsrMode::Async/>
                    </Routes>
                </main>
            }
        />
    }
}

#[component]
fn SiteHeader() -> impl IntoView {
    let locale = use_locale();
    let t = locale.strings();
    let location = use_location();
    let other = locale.other();
    let viewer = use_viewer();
    // Switching language is a full page load: the server renders everything in the new language.
    let switch_href = move || {
        let search = location.search.get();
        let here = if search.is_empty() {
            location.pathname.get()
        } else {
            format!("{}?{search}", location.pathname.get())
        };
        format!("/lang/{}?next={}", other.tag(), encode_query_value(&here))
    };
    let may = |viewer: &Viewer, capability| access(viewer.role, capability) != Access::Denied;
    // The school's short name as its admin set it (none until then).
    let school = crate::settings::ui::header_name(locale);
    let brand = move || {
        view! {
            <span class="brand-name">{t.common.app_name}</span>
            {school.clone().map(|name| view! { <span class="brand-school">{name}</span> })}
        }
    };
    // Home is the calendar for the staff and the children; a parent on a family link has
    // no account, and the calendar would only ask them to sign in.
    let brand = match viewer {
        // Home: each user's own start (`permissions::home`).
        Some(_) => view! { <a class="brand" href="/">{brand()}</a> }.into_any(),
        None => view! { <span class="brand">{brand()}</span> }.into_any(),
    };
    view! {
        <header class="site-header">
            {brand}
            <nav class="site-nav" aria-label=t.common.nav_label>
                {viewer.as_ref().map(|v| view! {
                    <a href="/calendar">{t.common.nav_calendar}</a>
                    {may(v, Capability::ReadChildFile).then(|| view! { <a href="/children">{t.common.nav_children}</a> })}
                    {(access(v.role, Capability::ReadCareLog) == Access::Paired).then(|| view! { <a href="/care">{t.care.nav_care}</a> })}
                    {(access(v.role, Capability::ReadCareLog) == Access::All).then(|| view! { <a href="/care/coverage">{t.care.nav_coverage}</a> })}
                    {may(v, Capability::OwnDiary).then(|| view! { <a href="/diary">{t.care.nav_diary}</a> })}
                    {reaches_children(v.role, &v.scope, Capability::WriteHabits)
                        .then(|| view! { <a href="/habits">{t.habits.nav_check_in}</a> })}
                    {(access(v.role, Capability::ReadHabits) == Access::All).then(|| view! { <a href="/habits/overview">{t.habits.nav_overview}</a> })}
                    {may(v, Capability::OwnHabits).then(|| view! { <a href="/habits/mine">{t.habits.nav_mine}</a> })}
                    {may(v, Capability::Nominate).then(|| view! { <a href="/awards">{t.awards.nav}</a> })}
                    {may(v, Capability::ReadProgramme).then(|| view! { <a href="/programme">{t.programme.nav}</a> })}
                    {may(v, Capability::Meetings).then(|| view! { <a href="/meetings">{t.meetings.nav}</a> })}
                    {may(v, Capability::ManageFunds).then(|| view! { <a href="/funds">{t.funds.nav}</a> })}
                    {(access(v.role, Capability::RequestAid) == Access::Paired).then(|| view! { <a href="/funds/aid">{t.funds.nav_aid}</a> })}
                    {may(v, Capability::ReadAssessment).then(|| view! { <a href="/assessment">{t.assessment.nav}</a> })}
                    {may(v, Capability::ReadHealth).then(|| view! { <a href="/checkup">{t.common.nav_checkup}</a> })}
                    {may(v, Capability::ReadHealth).then(|| view! { <a href="/follow-ups">{t.common.nav_follow_ups}</a> })}
                    {may(v, Capability::ManageUsers).then(|| view! { <a href="/admin/users">{t.common.nav_users}</a> })}
                    {may(v, Capability::ManageHolidays).then(|| view! { <a href="/admin/holidays">{t.common.nav_holidays}</a> })}
                    {may(v, Capability::ManageFeeds).then(|| view! { <a href="/admin/feeds">{t.common.nav_feeds}</a> })}
                    {may(v, Capability::ReadAudit).then(|| view! { <a href="/admin/audit">{t.common.nav_audit}</a> })}
                    {may(v, Capability::ManageSchool).then(|| view! { <a href="/admin/school">{t.settings.nav}</a> })}
                })}
            </nav>
            {viewer.map(|v| view! {
                <details class="user-menu" aria-label=t.common.user_menu_label>
                    <summary data-testid="user-menu">
                        <span class="user-name">{v.display_name.clone()}</span>
                        <span class="user-role">{v.role.label(t)}</span>
                    </summary>
                    <div class="user-menu-panel">
                        <a href="/account/password">{t.common.change_password_title}</a>
                        <form method="post" action="/api/auth/logout">
                            <button type="submit" class="button">{t.common.sign_out}</button>
                        </form>
                    </div>
                </details>
            })}
            <a class="language-switch" href=switch_href rel="external" hreflang=other.tag()
                lang=other.tag() title=t.common.switch_language_label data-testid="language-switch">
                {other.strings().common.language_name}
            </a>
        </header>
    }
}

#[component]
fn NotFound() -> impl IntoView {
    let t = use_strings();
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(http::StatusCode::NOT_FOUND);
    }
    view! {
        <Title text=t.common.not_found_title/>
        <section class="notice">
            <h1>{t.common.not_found_title}</h1>
            <p>{t.common.not_found_body}</p>
            <a class="button" href="/calendar">{t.common.back_to_calendar}</a>
        </section>
    }
}
