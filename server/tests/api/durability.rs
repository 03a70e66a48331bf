//! Nothing acknowledged is lost: the server killed with SIGKILL in the middle of saves
//! comes back with an intact database holding every save it answered; thirty tablets
//! saving at once all succeed.

use std::process::{Child, Command, Stdio};
use std::time::Duration;

use crate::helpers::{browser_at, integrity, sign_in_at, spawn_app, DEMO_PASSWORD};

/// Kill-and-restart rounds: a few in `make test`, more with `DURABILITY_ROUNDS=50`.
fn rounds() -> usize {
    std::env::var("DURABILITY_ROUNDS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(3)
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// The real server binary, as `make run` starts it.
fn start(database: &std::path::Path, port: u16) -> Child {
    Command::new(env!("CARGO_BIN_EXE_server"))
        .env("DATABASE_URL", format!("sqlite://{}", database.display()))
        .env("LEPTOS_SITE_ADDR", format!("127.0.0.1:{port}"))
        .env("LEPTOS_SITE_ROOT", "target/site")
        .env("SEED_DEMO", "1")
        .env("RUST_LOG", "error")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("the server starts")
}

async fn wait_until_up(address: &str) {
    let client = reqwest::Client::new();
    for _ in 0..600 {
        if let Ok(answer) = client.get(format!("{address}/healthz")).send().await {
            if answer.status().is_success() {
                return;
            }
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("the server at {address} did not come up in a minute");
}

async fn signed_in(address: &str) -> reqwest::Client {
    let client = browser_at(address);
    let answer = sign_in_at(&client, address, "leader", DEMO_PASSWORD).await;
    assert!(answer.status().is_redirection() || answer.status().is_success());
    client
}

#[tokio::test]
async fn a_server_killed_during_saves_keeps_every_save_it_acknowledged() {
    let _deadline = crate::helpers::deadline();
    let dir = tempfile::tempdir().unwrap();
    let database = dir.path().join("durable.db");
    let mut acknowledged: Vec<String> = Vec::new();
    for round in 0..rounds() {
        let port = free_port();
        let address = format!("http://127.0.0.1:{port}");
        let mut server = start(&database, port);
        wait_until_up(&address).await;
        let client = signed_in(&address).await;
        // Saves from four tablets at once, until the power goes.
        let mut tablets = Vec::new();
        for tablet in 0..4 {
            let (client, address) = (client.clone(), address.clone());
            tablets.push(tokio::spawn(async move {
                let mut saved = Vec::new();
                for n in 0.. {
                    let title = format!("断电测试-{round}-{tablet}-{n}");
                    let body = serde_urlencoded::to_string([
                        ("title", title.as_str()),
                        ("category", "activity"),
                        ("start_date", "2027-06-01"),
                        ("start_time", "10:00"),
                        ("end_time", "11:00"),
                        ("audience", "school"),
                        ("repeat", "none"),
                    ])
                    .unwrap();
                    let answer = client
                        .post(format!("{address}/api/calendar/create"))
                        .header("content-type", "application/x-www-form-urlencoded")
                        .body(body)
                        .send()
                        .await;
                    match answer {
                        Ok(a) if a.status().is_success() || a.status().is_redirection() => {
                            saved.push(title)
                        }
                        _ => return saved,
                    }
                }
                saved
            }));
        }
        tokio::time::sleep(Duration::from_millis(400 + 150 * round as u64)).await;
        server.kill().expect("SIGKILL");
        server.wait().unwrap();
        for tablet in tablets {
            acknowledged.extend(tablet.await.unwrap());
        }
    }
    assert!(!acknowledged.is_empty(), "saves were made before each kill");

    // After the last kill: the file is whole, and every acknowledged save is in it.
    let port = free_port();
    let address = format!("http://127.0.0.1:{port}");
    let mut server = start(&database, port);
    wait_until_up(&address).await;
    let pool = sqlx::SqlitePool::connect(&format!("sqlite://{}", database.display()))
        .await
        .unwrap();
    assert_eq!(integrity(&pool).await, "ok");
    let stored: Vec<String> =
        sqlx::query_scalar("SELECT title FROM events WHERE title LIKE '断电测试-%'")
            .fetch_all(&pool)
            .await
            .unwrap();
    let lost: Vec<&String> = acknowledged
        .iter()
        .filter(|t| !stored.contains(t))
        .collect();
    assert!(lost.is_empty(), "acknowledged and lost: {lost:?}");
    eprintln!(
        "durability: {} saves acknowledged over {} kills, {} stored, none lost",
        acknowledged.len(),
        rounds(),
        stored.len()
    );
    // Every stored save has its audit row, written in the same transaction.
    let audited: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM audit_log WHERE action LIKE 'create_event %' AND outcome = 'success'",
    )
    .fetch_one(&pool)
    .await
    .unwrap();
    assert!(audited >= stored.len() as i64);
    server.kill().unwrap();
    server.wait().unwrap();
}

#[tokio::test]
async fn thirty_tablets_saving_checkup_results_at_once_lose_nothing() {
    let app = spawn_app().await;
    let children: Vec<i64> = sqlx::query_scalar(
        "SELECT id FROM children WHERE left_behind <> 'none' ORDER BY id LIMIT 30",
    )
    .fetch_all(&app.pool)
    .await
    .unwrap();
    assert_eq!(children.len(), 30);
    let mut tablets = Vec::new();
    for child in children {
        let client = app.client_as(Some("admin")).await;
        let address = app.address.clone();
        tablets.push(tokio::spawn(async move {
            let body = serde_urlencoded::to_string([
                ("year", "2027".to_owned()),
                ("child", child.to_string()),
                ("version", "0".to_owned()),
                ("attendance", "examined".to_owned()),
                ("height_cm", "131".to_owned()),
                ("weight_kg", "27.5".to_owned()),
                ("vision_left", "5.0".to_owned()),
                ("vision_right", "5.0".to_owned()),
                ("caries", "0".to_owned()),
                ("follow_up", String::new()),
                ("follow_up_due", String::new()),
            ])
            .unwrap();
            client
                .post(format!("{address}/api/checkup/save"))
                .header("content-type", "application/x-www-form-urlencoded")
                .header("accept", "application/json")
                .body(body)
                .send()
                .await
                .map(|a| a.status().as_u16())
        }));
    }
    let mut answers = Vec::new();
    for tablet in tablets {
        answers.push(tablet.await.unwrap());
    }
    assert!(
        answers.iter().all(|a| matches!(a, Ok(200..=399))),
        "every tablet saved: {answers:?}"
    );
    assert_eq!(
        app.count("SELECT COUNT(*) FROM checkup_results WHERE year = 2027 AND weight_kg = 27.5")
            .await,
        30
    );
}
