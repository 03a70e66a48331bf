use server::config::Config;
use server::startup::Application;
use sqlx::SqlitePool;

pub struct TestApp {
    pub address: String,
    pub client: reqwest::Client,
    pub pool: SqlitePool,
    pub database_url: String,
    // Dropped last: the database lives in it.
    _dir: tempfile::TempDir,
}

/// Starts the app on a free port with a fresh, seeded database.
pub async fn spawn_app() -> TestApp {
    server::telemetry::init();
    let dir = tempfile::tempdir().expect("temp dir");
    let database_url = format!("sqlite://{}", dir.path().join("test.db").display());
    let config = Config {
        database_url: database_url.clone(),
        site_addr: "127.0.0.1:0".parse().unwrap(),
        site_root: "target/site".into(),
        time_zone: chrono_tz::Asia::Shanghai,
        seed_demo: true,
    };
    let app = Application::build(config).await.expect("app builds");
    assert!(app.seeded, "a fresh database gets the demo school");
    let address = format!("http://{}", app.address);
    tokio::spawn(app.run_until_stopped());
    let pool = SqlitePool::connect(&database_url).await.expect("test pool");
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    TestApp { address, client, pool, database_url, _dir: dir }
}

impl TestApp {
    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.client.get(format!("{}{path}", self.address)).send().await.expect("request")
    }

    pub async fn get_with(&self, path: &str, header: &str, value: &str) -> reqwest::Response {
        self.client
            .get(format!("{}{path}", self.address))
            .header(header, value)
            .send()
            .await
            .expect("request")
    }

    pub async fn count(&self, sql: &str) -> i64 {
        sqlx::query_scalar(sql).fetch_one(&self.pool).await.expect("count")
    }
}
