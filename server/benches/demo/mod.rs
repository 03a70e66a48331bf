//! The demo school served for a benchmark: a fresh database, the release server on a free
//! port, a pool on the same file, and clients signed in as the browser does (same origin).

use chrono::NaiveDate;
use server::config::Config;
use server::startup::Application;

pub struct Demo {
    pub runtime: tokio::runtime::Runtime,
    pub address: String,
    pub pool: sqlx::SqlitePool,
    _dir: tempfile::TempDir,
}

/// Seeds the demo school as of `today` (`None`: the real date) and serves it.
pub fn start(today: Option<NaiveDate>) -> Demo {
    let runtime = tokio::runtime::Runtime::new().expect("runtime");
    let dir = tempfile::tempdir().expect("temp dir");
    let database_url = format!("sqlite://{}", dir.path().join("bench.db").display());
    let (address, pool) = runtime.block_on(async {
        let config = Config {
            database_url: database_url.clone(),
            site_addr: "127.0.0.1:0".parse().unwrap(),
            site_root: "target/site".into(),
            time_zone: chrono_tz::Asia::Shanghai,
            seed_demo: Some(true),
            cookie_secure: false,
            trusted_proxies: Vec::new(),
            public_url: None,
            today,
        };
        let app = Application::build(config).await.expect("app");
        let address = format!("http://{}", app.address);
        tokio::spawn(app.run_until_stopped());
        let pool = sqlx::SqlitePool::connect(&database_url)
            .await
            .expect("pool");
        (address, pool)
    });
    Demo {
        runtime,
        address,
        pool,
        _dir: dir,
    }
}

impl Demo {
    /// A client signed in as `user` (the demo password); fails loudly if the sign-in does
    /// not take, so a benchmark never measures the sign-in page instead.
    pub fn signed_in(&self, user: &str) -> reqwest::Client {
        let client = reqwest::Client::builder()
            .cookie_store(true)
            .build()
            .unwrap();
        self.runtime.block_on(async {
            let response = client
                .post(format!("{}/api/auth/login", self.address))
                .header("origin", &self.address)
                .header("content-type", "application/x-www-form-urlencoded")
                .body(format!("username={user}&password=hopehome-demo"))
                .send()
                .await
                .unwrap();
            assert!(
                !response.url().path().starts_with("/login"),
                "{user} could not sign in: {}",
                response.status()
            );
        });
        client
    }

    /// `path` as `client` gets it: it must answer 200 and not be the sign-in page.
    pub async fn get(&self, client: &reqwest::Client, path: &str) -> usize {
        let response = client
            .get(format!("{}{path}", self.address))
            .send()
            .await
            .unwrap();
        assert!(
            response.status().is_success(),
            "{path}: {}",
            response.status()
        );
        assert!(
            !response.url().path().starts_with("/login"),
            "{path}: signed out"
        );
        response.bytes().await.unwrap().len()
    }
}
