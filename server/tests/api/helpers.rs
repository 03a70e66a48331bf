use std::collections::HashMap;
use std::sync::{Arc, LazyLock};

use chrono::NaiveDate;
use server::config::Config;
use server::startup::Application;
use sqlx::SqlitePool;

pub struct TestApp {
    // Dropped first: the test is over.
    _deadline: Deadline,
    pub address: String,
    pub client: reqwest::Client,
    pub pool: SqlitePool,
    pub database_url: String,
    // Dropped last: the database lives in it.
    _dir: tempfile::TempDir,
}

/// The configuration of a test server on a free port with the database at `database_url`.
pub fn config(database_url: &str, seed_demo: bool) -> Config {
    Config {
        database_url: database_url.to_owned(),
        site_addr: "127.0.0.1:0".parse().unwrap(),
        site_root: "target/site".into(),
        time_zone: chrono_tz::Asia::Shanghai,
        seed_demo: Some(seed_demo),
        cookie_secure: false,
        trusted_proxies: Vec::new(),
        public_url: None,
        today: None,
    }
}

/// Starts the app on a free port with a fresh, seeded database.
pub async fn spawn_app() -> TestApp {
    spawn_app_in(chrono_tz::Asia::Shanghai).await
}

/// The same, for a school whose `SCHOOL_TIME_ZONE` is `zone`.
pub async fn spawn_app_in(zone: chrono_tz::Tz) -> TestApp {
    spawn_app_with(|config| Config {
        time_zone: zone,
        ..config
    })
    .await
}

/// The same, with the test configuration changed by `adjust` (trusted proxies, say).
pub async fn spawn_app_with(adjust: impl FnOnce(Config) -> Config) -> TestApp {
    let deadline = deadline();
    server::telemetry::init();
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("test.db");
    let database_url = format!("sqlite://{}", file.display());
    let config = adjust(config(&database_url, true));
    // The demo school is copied into this file, for a server that would have seeded it.
    assert_eq!(
        (config.database_url.as_str(), config.seed_demo),
        (database_url.as_str(), Some(true)),
        "spawn_app_with starts on the demo school: build the app yourself for another database"
    );
    std::fs::write(&file, &*demo_school(config.today).await).expect("the demo school copied");
    let app = Application::build(config).await.expect("app builds");
    let address = format!("http://{}", app.address);
    tokio::spawn(app.run_until_stopped());
    let pool = SqlitePool::connect(&database_url).await.expect("test pool");
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .timeout(REQUEST_TIMEOUT)
        .default_headers(same_origin(&address))
        .build()
        .unwrap();
    TestApp {
        _deadline: deadline,
        address,
        client,
        pool,
        database_url,
        _dir: dir,
    }
}

/// The demo school's database as the server seeds it on a fresh start for the school day
/// `today` (the day in Beijing when none is set), seeded once per test process and day:
/// each test starts on its own copy. Seeding is most of a start (0.8 s, every write synced,
/// against 0.05 s on a seeded database), and the server's tests start 136 servers.
async fn demo_school(today: Option<NaiveDate>) -> Arc<[u8]> {
    /// A database file's bytes, by the school day it was seeded for.
    type Seeded = HashMap<NaiveDate, Arc<[u8]>>;
    static SEEDED: LazyLock<tokio::sync::Mutex<Seeded>> = LazyLock::new(Default::default);
    let day = server::startup::demo_today(today);
    let mut seeded = SEEDED.lock().await;
    if let Some(file) = seeded.get(&day) {
        return file.clone();
    }
    let (dir, database_url) = freshly_seeded(day).await;
    // One self-contained file, whatever the server's connections still hold in the log.
    let copy = dir.path().join("copy.db");
    let pool = SqlitePool::connect(&database_url)
        .await
        .expect("seeded pool");
    sqlx::query("VACUUM INTO ?")
        .bind(copy.display().to_string())
        .execute(&pool)
        .await
        .expect("the seeded database copied");
    pool.close().await;
    let file: Arc<[u8]> = std::fs::read(&copy).expect("the copy read").into();
    seeded.insert(day, file.clone());
    file
}

/// A database the server has just seeded on a fresh start for the school day `day`, with
/// no copy in between: its folder (the database goes with it) and its URL.
pub async fn freshly_seeded(day: NaiveDate) -> (tempfile::TempDir, String) {
    let dir = tempfile::tempdir().expect("temp dir");
    let database_url = format!("sqlite://{}", dir.path().join("seeded.db").display());
    let app = Application::build(Config {
        today: Some(day),
        ..config(&database_url, true)
    })
    .await
    .expect("app builds");
    assert!(app.seeded, "a fresh database gets the demo school");
    (dir, database_url)
}

/// A browser at `address` (a server the test started itself): keeps cookies, follows no
/// redirect, and says which site it is on, as a page's form does.
pub fn browser_at(address: &str) -> reqwest::Client {
    reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .timeout(REQUEST_TIMEOUT)
        .default_headers(same_origin(address))
        .build()
        .unwrap()
}

/// Signs in at `address` through the sign-in form.
pub async fn sign_in_at(
    client: &reqwest::Client,
    address: &str,
    username: &str,
    password: &str,
) -> reqwest::Response {
    client
        .post(format!("{address}/api/auth/login"))
        .header("origin", address)
        .header("content-type", "application/x-www-form-urlencoded")
        .body(
            serde_urlencoded::to_string([("username", username), ("password", password)]).unwrap(),
        )
        .send()
        .await
        .expect("sign-in request")
}

/// `PRAGMA integrity_check` of a database: "ok" when the file is whole.
pub async fn integrity(pool: &SqlitePool) -> String {
    sqlx::query_scalar("PRAGMA integrity_check")
        .fetch_one(pool)
        .await
        .unwrap()
}

/// No HTTP test runs longer than this; one that does is named and the run stops, instead
/// of sitting idle until CI gives up (the whole suite takes about two minutes).
pub const TEST_DEADLINE: std::time::Duration = std::time::Duration::from_secs(240);

/// The watch over one test: dropped when the test ends (passing or failing).
pub struct Deadline(std::sync::Arc<std::sync::atomic::AtomicBool>);

impl Drop for Deadline {
    fn drop(&mut self) {
        self.0.store(true, std::sync::atomic::Ordering::SeqCst);
    }
}

/// Starts the watch over the calling test (libtest names each test's thread after it).
/// Past [`TEST_DEADLINE`] it prints the test's name and ends the run with status 124.
pub fn deadline() -> Deadline {
    use std::sync::atomic::{AtomicBool, Ordering};
    let name = std::thread::current()
        .name()
        .unwrap_or("an unnamed test")
        .to_owned();
    let over = std::sync::Arc::new(AtomicBool::new(false));
    let watched = over.clone();
    std::thread::spawn(move || {
        let started = std::time::Instant::now();
        while started.elapsed() < TEST_DEADLINE {
            std::thread::sleep(std::time::Duration::from_millis(250));
            if watched.load(Ordering::SeqCst) {
                return;
            }
        }
        eprintln!(
            "\n{name}: still running after {} s, past its deadline: the run stops here",
            TEST_DEADLINE.as_secs()
        );
        std::process::exit(124);
    });
    Deadline(over)
}

/// What a browser on one of our pages sends with every write: its origin.
pub fn same_origin(address: &str) -> reqwest::header::HeaderMap {
    let mut headers = reqwest::header::HeaderMap::new();
    headers.insert(reqwest::header::ORIGIN, address.parse().expect("an origin"));
    headers
}

/// No request of these tests takes more than a second or two; one that hangs fails with
/// its URL instead of stopping the whole run.
const REQUEST_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(60);

pub const DEMO_PASSWORD: &str = "hopehome-demo";

/// The roles of the permission matrix, with the demo account of each (None: signed out).
pub const ROLES: [(&str, Option<&str>); 6] = [
    ("anonymous", None),
    ("student", Some("student")),
    ("teacher", Some("teacher")),
    ("counselor", Some("counselor")),
    ("leader", Some("leader")),
    ("admin", Some("admin")),
];

impl TestApp {
    /// A teacher the admin has just added, with no class and no group yet, signed in.
    pub async fn new_teacher(&self) -> reqwest::Client {
        let admin = self.client_as(Some("admin")).await;
        let made = self
            .post_form(
                &admin,
                "/api/admin/users/create",
                "username=new.teacher&display_name=%E6%96%B0%E8%80%81%E5%B8%88&role=teacher&password=long-enough-password",
            )
            .await;
        assert!(
            made.status().is_success() || made.status().is_redirection(),
            "{}",
            made.status()
        );
        let newcomer = browser_at(&self.address);
        self.login_with(&newcomer, "new.teacher", "long-enough-password")
            .await;
        newcomer
    }

    /// A client that keeps cookies, signed in as `username` (or signed out for `None`).
    pub async fn client_as(&self, username: Option<&str>) -> reqwest::Client {
        let client = browser_at(&self.address);
        if let Some(username) = username {
            let response = self.login_with(&client, username, DEMO_PASSWORD).await;
            assert!(
                response.status().is_redirection() || response.status().is_success(),
                "sign in as {username}: {}",
                response.status()
            );
        }
        client
    }

    pub async fn login_with(
        &self,
        client: &reqwest::Client,
        username: &str,
        password: &str,
    ) -> reqwest::Response {
        sign_in_at(client, &self.address, username, password).await
    }

    pub async fn get_as(&self, client: &reqwest::Client, path: &str) -> reqwest::Response {
        client
            .get(format!("{}{path}", self.address))
            .send()
            .await
            .expect("request")
    }

    pub async fn post_form(
        &self,
        client: &reqwest::Client,
        path: &str,
        body: &str,
    ) -> reqwest::Response {
        client
            .post(format!("{}{path}", self.address))
            .header("content-type", "application/x-www-form-urlencoded")
            .body(body.to_owned())
            .send()
            .await
            .expect("request")
    }

    /// A browser's file upload: `fields` as (name, file name if a file, content).
    pub async fn post_multipart(
        &self,
        client: &reqwest::Client,
        path: &str,
        fields: &[(&str, Option<&str>, &str)],
    ) -> reqwest::Response {
        let parts: Vec<(&str, Option<&str>, &[u8])> = fields
            .iter()
            .map(|(name, file, content)| (*name, *file, content.as_bytes()))
            .collect();
        self.post_parts(client, path, &parts).await
    }

    /// Uploads the bytes of a file (a spreadsheet, say) as the form's `file` field.
    pub async fn post_file(
        &self,
        client: &reqwest::Client,
        path: &str,
        file_name: &str,
        bytes: &[u8],
    ) -> reqwest::Response {
        self.post_parts(client, path, &[("file", Some(file_name), bytes)])
            .await
    }

    /// A multipart form of raw parts: (name, file name if a file, bytes).
    pub async fn post_parts(
        &self,
        client: &reqwest::Client,
        path: &str,
        fields: &[(&str, Option<&str>, &[u8])],
    ) -> reqwest::Response {
        const BOUNDARY: &str = "----hopehome-test-boundary";
        let mut body: Vec<u8> = Vec::new();
        for (name, file, content) in fields {
            body.extend(format!("--{BOUNDARY}\r\n").bytes());
            match file {
                Some(file) => body.extend(format!(
                    "Content-Disposition: form-data; name=\"{name}\"; filename=\"{file}\"\r\nContent-Type: application/octet-stream\r\n\r\n"
                ).bytes()),
                None => body.extend(format!("Content-Disposition: form-data; name=\"{name}\"\r\n\r\n").bytes()),
            }
            body.extend_from_slice(content);
            body.extend(b"\r\n");
        }
        body.extend(format!("--{BOUNDARY}--\r\n").bytes());
        client
            .post(format!("{}{path}", self.address))
            .header(
                "content-type",
                format!("multipart/form-data; boundary={BOUNDARY}"),
            )
            .body(body)
            .send()
            .await
            .expect("request")
    }

    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.client
            .get(format!("{}{path}", self.address))
            .send()
            .await
            .expect("request")
    }

    /// A page's HTML as `client` gets it in a browser asking for `language`.
    pub async fn page_in(&self, client: &reqwest::Client, path: &str, language: &str) -> String {
        client
            .get(format!("{}{path}", self.address))
            .header("accept-language", language)
            .send()
            .await
            .expect("request")
            .text()
            .await
            .expect("page")
    }

    pub async fn get_with(&self, path: &str, header: &str, value: &str) -> reqwest::Response {
        self.client
            .get(format!("{}{path}", self.address))
            .header(header, value)
            .send()
            .await
            .expect("request")
    }

    /// A GET answered 200 with JSON, as `client`.
    pub async fn json(&self, client: &reqwest::Client, path: &str) -> serde_json::Value {
        let response = self.get_as(client, path).await;
        assert_eq!(response.status(), 200, "{path}");
        serde_json::from_str(&response.text().await.unwrap()).expect("JSON")
    }

    /// The one number `sql` answers; a query that fails or finds nothing names itself.
    pub async fn count(&self, sql: &str) -> i64 {
        sqlx::query_scalar(sql)
            .fetch_one(&self.pool)
            .await
            .unwrap_or_else(|e| panic!("{sql}: {e}"))
    }
}

/// Today on the demo school's clock (Beijing time, which keeps no summer time).
pub fn school_today() -> String {
    let beijing = chrono::FixedOffset::east_opt(8 * 3600).expect("a valid offset");
    chrono::Utc::now()
        .with_timezone(&beijing)
        .format("%Y-%m-%d")
        .to_string()
}
