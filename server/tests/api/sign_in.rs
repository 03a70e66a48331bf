//! Sign-in under attack: addresses behind a reverse proxy.

use server::config::Config;

use crate::helpers::{spawn_app, spawn_app_with, TestApp, DEMO_PASSWORD};

/// A test server behind a reverse proxy at 127.0.0.1 (where the tests connect from).
async fn behind_proxy() -> TestApp {
    spawn_app_with(|config| Config {
        trusted_proxies: vec!["127.0.0.1".parse().unwrap()],
        ..config
    })
    .await
}

/// A sign-in as the proxy forwards it for the client at `forwarded_for`.
async fn login_from(
    app: &TestApp,
    http: &reqwest::Client,
    forwarded_for: &str,
    username: &str,
    password: &str,
) -> reqwest::Response {
    http.post(format!("{}/api/auth/login", app.address))
        .header("content-type", "application/x-www-form-urlencoded")
        .header("x-forwarded-for", forwarded_for)
        .body(
            serde_urlencoded::to_string([("username", username), ("password", password)]).unwrap(),
        )
        .send()
        .await
        .expect("login request")
}

#[tokio::test]
async fn a_forwarded_address_from_an_untrusted_peer_changes_nothing() {
    let app = spawn_app().await;
    for n in 0..10 {
        let forged = format!("198.51.100.{n}");
        let response = login_from(&app, &app.client, &forged, &format!("nobody{n}"), "x").await;
        assert_eq!(response.status(), 401);
    }
    let response = login_from(&app, &app.client, "198.51.100.99", "teacher", DEMO_PASSWORD).await;
    assert_eq!(
        response.status(),
        429,
        "the ten failures were all counted for the connection's own address"
    );
    assert_eq!(
        app.count("SELECT COUNT(*) FROM audit_log WHERE action = 'sign_in' AND ip <> '127.0.0.1'")
            .await,
        0,
        "the audit log has the address that connected"
    );
}

#[tokio::test]
async fn behind_a_trusted_proxy_each_client_address_is_throttled_on_its_own() {
    let app = behind_proxy().await;
    for n in 0..10 {
        let response = login_from(
            &app,
            &app.client,
            "198.51.100.1",
            &format!("nobody{n}"),
            "x",
        )
        .await;
        assert_eq!(response.status(), 401);
    }
    // Whatever a client puts left of the proxy's entry is not believed.
    let spoofed = login_from(
        &app,
        &app.client,
        "203.0.113.9, 198.51.100.1",
        "nobody",
        "x",
    )
    .await;
    assert_eq!(spoofed.status(), 429);
    let neighbour = login_from(&app, &app.client, "198.51.100.2", "nobody", "x").await;
    assert_eq!(
        neighbour.status(),
        401,
        "another user behind the proxy is not held up"
    );
    let teacher = app.client_as(None).await;
    let response = login_from(&app, &teacher, "198.51.100.3", "teacher", DEMO_PASSWORD).await;
    assert!(response.status().is_success(), "{}", response.status());
    assert_eq!(
        app.count(
            "SELECT COUNT(*) FROM audit_log WHERE action = 'sign_in' AND ip = '198.51.100.1'"
        )
        .await,
        10
    );
}
