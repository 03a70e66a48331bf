//! Builds the application: database, accounts, state, routes and layers. Returns the bound
//! address so tests can ask for port 0.

use std::net::SocketAddr;
use std::sync::Arc;

use crate::refused_forms::RefusedForms;
use app::auth::session::CONCURRENT_PASSWORD_CHECKS;
use app::auth::throttle::LoginThrottle;
use app::calendar::domain::holidays::parse_holiday_file;
use app::calendar::holidays_db::load_shipped_holidays;
use app::state::AppState;
use app::{shell, App};
use axum::http::{header, HeaderValue};
use axum::middleware::from_fn_with_state;
use axum::Router;
use leptos::config::LeptosOptions;
use leptos_axum::{generate_route_list, AxumRouteListing, LeptosRoutes};
use tokio::net::TcpListener;
use tokio::sync::Semaphore;
use tower_http::compression::CompressionLayer;
use tower_http::set_header::SetResponseHeaderLayer;
use tower_sessions::cookie::SameSite;
use tower_sessions::{ExpiredDeletion, Expiry, SessionManagerLayer};
use tower_sessions_sqlx_store::SqliteStore;

use crate::config::Config;
use crate::kept_pages::{self, KeptPages};
use crate::{accounts, auth, db, routes, security, seed};

/// The statutory holidays and 调休 working days shipped with the app.
const SHIPPED_HOLIDAYS: &str = include_str!("../data/holidays-cn.txt");

/// A session ends after this long without a request (the absolute limit is in `app::auth`).
const IDLE_TIMEOUT_HOURS: i64 = 2;

pub struct Application {
    listener: TcpListener,
    router: Router,
    pub address: SocketAddr,
    pub seeded: bool,
    /// What to print once at start-up: the demo sign-ins or a new admin's password.
    pub accounts_notice: Option<String>,
}

impl Application {
    pub async fn build(
        config: Config,
    ) -> Result<Application, Box<dyn std::error::Error + Send + Sync>> {
        let pool = db::connect_and_migrate(&config.database_url).await?;
        // Before the demo is seeded: its five ones rest on the holidays.
        let holidays = parse_holiday_file(SHIPPED_HOLIDAYS)
            .map_err(|e| format!("server/data/holidays-cn.txt: {e}"))?;
        load_shipped_holidays(&pool, &holidays)
            .await
            .map_err(|e| format!("loading holidays: {e}"))?;
        let loopback = config.site_addr.ip().is_loopback();
        let seeded = if config.seed_demo.unwrap_or(loopback) {
            seed::seed_demo_school_if_empty(&pool, demo_today(config.today)).await?
        } else {
            false
        };
        // The demo password is published: the network may not reach an account that still
        // has it, unless whoever started the server asked for the demo in so many words.
        if !loopback && config.seed_demo != Some(true) {
            let exposed = accounts::with_demo_password(&pool).await?;
            if !exposed.is_empty() {
                return Err(format!(
                    "refusing to serve on {}: the accounts {} still have the published demo \
                     password. Change their passwords (or deactivate them) while serving on \
                     127.0.0.1, start on a fresh database for a real school, or set SEED_DEMO=1 \
                     to show the demo on this network knowingly.",
                    config.site_addr,
                    exposed.join(", ")
                )
                .into());
            }
        }
        let accounts_notice = accounts::ensure_first_admin(&pool).await?;

        let store = SqliteStore::new(pool.clone());
        store.migrate().await?;
        tokio::spawn(
            store
                .clone()
                .continuously_delete_expired(tokio::time::Duration::from_secs(3600)),
        );
        let cookie_name = if config.cookie_secure {
            "__Host-hopehome_session"
        } else {
            "hopehome_session"
        };
        let sessions = SessionManagerLayer::new(store)
            .with_name(cookie_name)
            .with_secure(config.cookie_secure)
            .with_http_only(true)
            .with_same_site(SameSite::Lax)
            .with_path("/")
            .with_expiry(Expiry::OnInactivity(time::Duration::hours(
                IDLE_TIMEOUT_HOURS,
            )));

        let listener = TcpListener::bind(config.site_addr).await?;
        let address = listener.local_addr()?;
        crate::precompressed::drop_stale(std::path::Path::new(&config.site_root));
        let leptos_options = LeptosOptions::builder()
            .output_name("hopehome")
            .site_root(config.site_root.as_str())
            .site_pkg_dir("pkg")
            .site_addr(address)
            .build();
        let school = app::settings::db::school_info(&pool).await?;
        let state = AppState {
            pool,
            time_zone: config.time_zone,
            public_url: config.public_url,
            fixed_today: config.today,
            login_throttle: Arc::new(LoginThrottle::default()),
            password_checks: Arc::new(Semaphore::new(CONCURRENT_PASSWORD_CHECKS)),
            trusted_proxies: config.trusted_proxies.into(),
            cookie_secure: config.cookie_secure,
            writer: Default::default(),
            anonymous_noise: Default::default(),
            feeds: Default::default(),
            calendar_windows: Default::default(),
            site_style: app::site_style::SiteStyle::read(&leptos_options).map(Arc::new),
            school: Arc::new(school.into()),
            leptos_options,
        };
        let router = router(state, sessions, config.cookie_secure);
        Ok(Application {
            listener,
            router,
            address,
            seeded,
            accounts_notice,
        })
    }

    pub async fn run_until_stopped(self) -> std::io::Result<()> {
        axum::serve(
            self.listener,
            self.router
                .into_make_service_with_connect_info::<SocketAddr>(),
        )
        .with_graceful_shutdown(async {
            let _ = tokio::signal::ctrl_c().await;
        })
        .await
    }
}

/// The app's pages, listed once per process. Listing them renders the app with resource
/// loading switched off for the whole process (leptos_server's `SuppressResourceLoad` is a
/// global flag), so a page rendered at that moment by a server already running in the same
/// process would wait forever (leptos#4773); listing once keeps that to the first start.
pub fn route_list() -> Vec<AxumRouteListing> {
    static ROUTES: std::sync::OnceLock<Vec<AxumRouteListing>> = std::sync::OnceLock::new();
    ROUTES.get_or_init(|| generate_route_list(App)).clone()
}

/// The routes and their layers. Served over https (`COOKIE_SECURE=1`), every answer also
/// tells the browser to use nothing else for a year (HSTS).
fn router(state: AppState, sessions: SessionManagerLayer<SqliteStore>, https: bool) -> Router {
    let leptos_routes = route_list();
    let mut router = Router::new();
    for (path, route) in routes::plain_routes() {
        router = router.route(path, route);
    }
    let router = router
        .leptos_routes_with_context(&state, leptos_routes, security::provide_page_nonce, {
            let options = state.leptos_options.clone();
            move || shell(options.clone())
        })
        .fallback(leptos_axum::file_and_error_handler_with_context::<
            AppState,
            _,
        >(security::provide_page_nonce, shell))
        // Inside the viewer's layer: a kept page is only ever served to the user it was for.
        .layer(from_fn_with_state(
            KeptPages::new(state.clone()),
            kept_pages::serve,
        ))
        .layer(from_fn_with_state(state.clone(), auth::viewer))
        // Inside the hardening: a body refused as too large gets its headers too. Inside the
        // refused forms: an upload refused as too large comes back to its form, the reason
        // above it, as any refusal does.
        .layer(axum::middleware::from_fn(security::limit_body))
        .layer(from_fn_with_state(
            RefusedForms::new(https),
            crate::form_redirects::rewrite,
        ))
        .layer(sessions)
        .layer(from_fn_with_state(state.clone(), security::harden))
        .layer(from_fn_with_state(state.clone(), security::resolve_client))
        // Brotli first: the network out there is slow.
        .layer(CompressionLayer::new().br(true).gzip(true))
        .with_state(state);
    if https {
        router.layer(SetResponseHeaderLayer::overriding(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static("max-age=31536000"),
        ))
    } else {
        router
    }
}

/// The demo school's today, the day it is seeded for: the configured one, else today on its
/// own clock.
pub fn demo_today(configured: Option<chrono::NaiveDate>) -> chrono::NaiveDate {
    configured.unwrap_or_else(|| {
        chrono::Utc::now()
            .with_timezone(&seed::DEMO_ZONE)
            .date_naive()
    })
}
