//! Builds the application: database, state, routes. Returns the bound address so
//! tests can ask for port 0.

use std::net::SocketAddr;

use app::state::AppState;
use app::{shell, App};
use axum::routing::get;
use axum::Router;
use leptos::config::LeptosOptions;
use leptos_axum::{generate_route_list, LeptosRoutes};
use tokio::net::TcpListener;
use tower_http::compression::CompressionLayer;

use crate::config::Config;
use crate::{db, routes, seed};

pub struct Application {
    listener: TcpListener,
    router: Router,
    pub address: SocketAddr,
    pub seeded: bool,
}

impl Application {
    pub async fn build(config: Config) -> Result<Application, Box<dyn std::error::Error + Send + Sync>> {
        let pool = db::connect_and_migrate(&config.database_url).await?;
        let seeded = if config.seed_demo { seed::seed_demo_school_if_empty(&pool).await? } else { false };

        let listener = TcpListener::bind(config.site_addr).await?;
        let address = listener.local_addr()?;
        let leptos_options = LeptosOptions::builder()
            .output_name("hopehome")
            .site_root(config.site_root.as_str())
            .site_pkg_dir("pkg")
            .site_addr(address)
            .build();
        let state = AppState { leptos_options, pool, time_zone: config.time_zone };
        let router = router(state);
        Ok(Application { listener, router, address, seeded })
    }

    pub async fn run_until_stopped(self) -> std::io::Result<()> {
        axum::serve(self.listener, self.router.into_make_service())
            .with_graceful_shutdown(async {
                let _ = tokio::signal::ctrl_c().await;
            })
            .await
    }
}

fn router(state: AppState) -> Router {
    let routes = generate_route_list(App);
    Router::new()
        .route("/healthz", get(routes::healthz))
        .route("/lang/{tag}", get(routes::switch_language))
        .leptos_routes(&state, routes, {
            let options = state.leptos_options.clone();
            move || shell(options.clone())
        })
        .fallback(leptos_axum::file_and_error_handler::<AppState, _>(shell))
        // Brotli first: the network out there is slow.
        .layer(CompressionLayer::new().br(true).gzip(true))
        .with_state(state)
}
