//! Sign-in under attack: attempts in parallel, a flood of password checks, addresses behind
//! a reverse proxy, and an account locked by someone else while its owner needs to get in.

use app::error::AppError;
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

async fn failed_sign_ins(app: &TestApp) -> i64 {
    app.count("SELECT COUNT(*) FROM audit_log WHERE action = 'sign_in' AND outcome = 'failure'")
        .await
}

/// `(status, body)` of sign-ins sent all at once, each `(X-Forwarded-For, username)`.
async fn all_at_once(
    app: &TestApp,
    attempts: Vec<(Option<String>, String)>,
    password: &str,
) -> Vec<(u16, String)> {
    let mut running = tokio::task::JoinSet::new();
    for (forwarded_for, username) in attempts {
        let (address, http) = (app.address.clone(), app.client.clone());
        let password = password.to_owned();
        running.spawn(async move {
            let mut request = http
                .post(format!("{address}/api/auth/login"))
                .header("content-type", "application/x-www-form-urlencoded");
            if let Some(forwarded_for) = forwarded_for {
                request = request.header("x-forwarded-for", forwarded_for);
            }
            let response = request
                .body(
                    serde_urlencoded::to_string([
                        ("username", username.as_str()),
                        ("password", password.as_str()),
                    ])
                    .unwrap(),
                )
                .send()
                .await
                .expect("login request");
            (response.status().as_u16(), response.text().await.unwrap())
        });
    }
    running.join_all().await
}

#[tokio::test]
async fn twenty_wrong_passwords_at_once_reach_the_password_check_at_most_ten_times() {
    let app = spawn_app().await;
    let attempts = (0..20).map(|_| (None, "counselor".to_owned())).collect();
    let answers = all_at_once(&app, attempts, "wrong-password").await;
    let refused = answers.iter().filter(|(status, _)| *status == 401).count();
    let held = answers.iter().filter(|(status, _)| *status == 429).count();
    assert_eq!(refused + held, 20, "{answers:?}");
    assert!((1..=10).contains(&refused), "{answers:?}");
    assert_eq!(failed_sign_ins(&app).await, refused as i64);
}

#[tokio::test]
async fn a_flood_of_sign_ins_is_told_to_retry_instead_of_hashing_them_all() {
    let app = behind_proxy().await;
    // Twenty people, each from their own address, none over any limit.
    let attempts = (0..20)
        .map(|n| (Some(format!("198.51.100.{n}")), format!("nobody{n}")))
        .collect();
    let answers = all_at_once(&app, attempts, "wrong-password").await;
    let busy: Vec<&(u16, String)> = answers.iter().filter(|(s, _)| *s == 429).collect();
    assert!(!busy.is_empty(), "{answers:?}");
    for (_, body) in &busy {
        let error: AppError = serde_json::from_str(body).unwrap();
        assert_eq!(error, AppError::SignInBusy);
    }
    let checked = answers.iter().filter(|(s, _)| *s == 401).count();
    assert_eq!(checked + busy.len(), 20, "{answers:?}");
    assert_eq!(
        failed_sign_ins(&app).await,
        checked as i64,
        "no password was checked for a busy answer"
    );

    // A form post goes back to the sign-in page, which says why in the user's language.
    let code = app::school::urls::encode_query_value("\"SignInBusy\"");
    for (language, words) in [
        ("zh-CN", "同时登录的人太多"),
        ("en", "signing in right now"),
    ] {
        let page = app
            .get_with(&format!("/login?error={code}"), "accept-language", language)
            .await
            .text()
            .await
            .unwrap();
        assert!(page.contains(words), "{language}: {page}");
    }
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

#[tokio::test]
async fn the_owner_on_a_known_device_signs_in_while_the_account_is_locked() {
    let app = behind_proxy().await;
    let owner = app.client_as(None).await;
    let first = login_from(&app, &owner, "198.51.100.7", "teacher", DEMO_PASSWORD).await;
    let device_cookie = first
        .headers()
        .get_all("set-cookie")
        .iter()
        .map(|v| v.to_str().unwrap().to_owned())
        .find(|c| c.starts_with("hopehome_device="))
        .expect("a known-device cookie");
    for attribute in ["HttpOnly", "SameSite=Lax", "Path=/", "Max-Age="] {
        assert!(device_cookie.contains(attribute), "{device_cookie}");
    }
    let token = device_cookie
        .trim_start_matches("hopehome_device=")
        .split(';')
        .next()
        .unwrap()
        .to_owned();
    assert_eq!(
        app.count("SELECT COUNT(*) FROM known_devices").await,
        1,
        "one device remembered"
    );
    assert_eq!(
        app.count(&format!(
            "SELECT COUNT(*) FROM known_devices WHERE token_hash = '{token}'"
        ))
        .await,
        0,
        "only the token's hash is stored"
    );
    app.post_form(&owner, "/api/auth/logout", "").await;

    // Someone else guesses at the account from two addresses until it is locked.
    for n in 0..10 {
        let from = format!("203.0.113.{}", n % 2);
        let response = login_from(&app, &app.client, &from, "teacher", "guess").await;
        assert_eq!(response.status(), 401);
    }
    let stranger = login_from(&app, &app.client, "203.0.113.50", "teacher", DEMO_PASSWORD).await;
    assert_eq!(stranger.status(), 429, "a fresh client waits");
    let forged = app
        .client
        .post(format!("{}/api/auth/login", app.address))
        .header("content-type", "application/x-www-form-urlencoded")
        .header("x-forwarded-for", "203.0.113.51")
        .header("cookie", format!("hopehome_device={}", "ab".repeat(32)))
        .body(format!("username=teacher&password={DEMO_PASSWORD}"))
        .send()
        .await
        .unwrap();
    assert_eq!(forged.status(), 429, "a made-up device token is no key");

    let again = login_from(&app, &owner, "198.51.100.7", "teacher", DEMO_PASSWORD).await;
    assert!(again.status().is_success(), "{}", again.status());
    assert_eq!(app.get_as(&owner, "/calendar").await.status(), 200);
    assert_eq!(
        app.count("SELECT COUNT(*) FROM known_devices").await,
        1,
        "a known device is not remembered twice"
    );
}

#[tokio::test]
async fn a_known_device_of_one_account_does_not_open_another() {
    let app = behind_proxy().await;
    let tablet = app.client_as(Some("teacher")).await;
    for n in 0..10 {
        let from = format!("203.0.113.{n}");
        login_from(&app, &app.client, &from, "counselor", "guess").await;
    }
    let response = login_from(&app, &tablet, "198.51.100.7", "counselor", DEMO_PASSWORD).await;
    assert_eq!(response.status(), 429);
}

#[tokio::test]
async fn a_password_change_forgets_the_known_devices() {
    let app = behind_proxy().await;
    let tablet = app.client_as(Some("teacher")).await;
    let new = "a-brand-new-password";
    let changed = app
        .post_form(
            &tablet,
            "/api/auth/password",
            &format!("current={DEMO_PASSWORD}&new={new}&confirm={new}"),
        )
        .await;
    assert!(changed.status().is_success(), "{}", changed.status());
    for n in 0..10 {
        let from = format!("203.0.113.{n}");
        login_from(&app, &app.client, &from, "teacher", "guess").await;
    }
    let response = login_from(&app, &tablet, "198.51.100.7", "teacher", new).await;
    assert_eq!(
        response.status(),
        429,
        "a device from before the change (a stolen cookie, say) no longer passes the lock"
    );
}
