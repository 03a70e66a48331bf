//! What every server function reaches through context: the pool, the school's clock, and
//! what sign-in needs to hold up under attack.

use axum::extract::FromRef;
use chrono::{NaiveDate, Utc};
use leptos::config::LeptosOptions;
use sqlx::SqlitePool;

use crate::error::AppError;

#[derive(Clone, Debug)]
pub struct AppState {
    pub leptos_options: LeptosOptions,
    pub pool: SqlitePool,
    /// The school's time zone: "today" and event times are the school's, not the browser's.
    pub time_zone: chrono_tz::Tz,
    /// "Today" held on one date (`SCHOOL_TODAY`), for the browser tests and demonstrations;
    /// `None` is the school's clock.
    pub fixed_today: Option<NaiveDate>,
    /// The school's public address (`PUBLIC_URL`, no trailing `/`): subscription links are
    /// built from it, never from a request's `Host`. `None` in development.
    pub public_url: Option<String>,
    pub login_throttle: std::sync::Arc<crate::auth::throttle::LoginThrottle>,
    /// Password checks running at once. Each argon2 hash takes 19 MiB and a core's worth of
    /// time: a burst of sign-ins beyond this is told to retry instead of exhausting the server.
    pub password_checks: std::sync::Arc<tokio::sync::Semaphore>,
    /// Reverse proxies whose `X-Forwarded-For` is believed (`TRUSTED_PROXIES`); none by default.
    pub trusted_proxies: std::sync::Arc<[std::net::IpAddr]>,
    /// Served over https: cookies get `Secure` and the `__Host-` prefix.
    pub cookie_secure: bool,
    /// One write transaction at a time from this server (SQLite has one writer anyway):
    /// writers queue here instead of each holding a pooled connection while the database
    /// is busy, which starved the pool under concurrent saves.
    pub writer: std::sync::Arc<tokio::sync::Mutex<()>>,
    /// Anonymous requests reach the audit log through this, so it stays about people.
    pub anonymous_noise: std::sync::Arc<crate::auth::audit::AnonymousNoise>,
    /// The calendar feeds already made, served again until the calendar changes.
    pub feeds: std::sync::Arc<crate::calendar::types::FeedMemo>,
    /// The calendar's windows (a month, a week…) as they are for everyone, cut per viewer
    /// on each request, worked out again only once the calendar changed.
    pub calendar_windows: std::sync::Arc<crate::calendar::types::WindowMemo>,
    /// The build's style sheet, put inside the first pages a browser gets; none when the
    /// build made none.
    pub site_style: Option<std::sync::Arc<crate::site_style::SiteStyle>>,
    /// The school's details as its admin set them (the header shows its short name on
    /// every page): read at start, replaced by each save.
    pub school: std::sync::Arc<std::sync::RwLock<crate::settings::types::SchoolInfo>>,
}

impl AppState {
    pub fn today(&self) -> NaiveDate {
        self.fixed_today
            .unwrap_or_else(|| Utc::now().with_timezone(&self.time_zone).date_naive())
    }

    /// The school's details as last read or saved: no query (the header shows them on every
    /// page, the certificates and the families' and donors' pages too).
    pub fn school_info(&self) -> crate::settings::types::SchoolInfo {
        self.school.read().map(|s| s.clone()).unwrap_or_default()
    }

    /// The state, from inside a server function or a server-rendered component.
    pub fn from_context() -> Result<AppState, AppError> {
        leptos::prelude::use_context::<AppState>()
            .ok_or_else(|| AppError::internal("AppState missing from context"))
    }
}

impl FromRef<AppState> for LeptosOptions {
    fn from_ref(state: &AppState) -> Self {
        state.leptos_options.clone()
    }
}
