use crate::helpers::{spawn_app, DEMO_PASSWORD};

#[tokio::test]
async fn cross_site_calls_to_server_functions_are_refused() {
    let app = spawn_app().await;
    let admin = app.client_as(Some("admin")).await;
    let foreign = admin
        .post(format!("{}/api/admin/users/create", app.address))
        .header("origin", "https://evil.example")
        .header("content-type", "application/x-www-form-urlencoded")
        .body("username=intruder&display_name=x&role=admin&password=long-enough-password")
        .send()
        .await
        .unwrap();
    assert_eq!(foreign.status(), 403);
    let fetch_metadata = admin
        .get(format!("{}/api/admin/users/list", app.address))
        .header("sec-fetch-site", "cross-site")
        .send()
        .await
        .unwrap();
    assert_eq!(fetch_metadata.status(), 403);
    assert_refusal_is_hardened(foreign.headers());
    assert_refusal_is_hardened(fetch_metadata.headers());
    // Said in the request's language: Chinese first, English when asked for.
    assert!(foreign.text().await.unwrap().starts_with("已拒绝"));
    let in_english = admin
        .get(format!("{}/api/admin/users/list", app.address))
        .header("sec-fetch-site", "cross-site")
        .header("accept-language", "en-GB,en;q=0.9")
        .send()
        .await
        .unwrap();
    assert_eq!(in_english.status(), 403);
    assert!(in_english.text().await.unwrap().starts_with("Refused"));
    assert_eq!(
        app.count("SELECT COUNT(*) FROM users WHERE username = 'intruder'")
            .await,
        0
    );
    // Three refusals from one address within minutes: one row (anonymous noise is aggregated).
    assert_eq!(
        app.count(
            "SELECT COUNT(*) FROM audit_log WHERE action LIKE 'cross_site%' AND outcome = 'denied'"
        )
        .await,
        1
    );

    let same_origin = app
        .post_form(
            &admin,
            "/api/admin/users/role",
            "user_id=999999&role=teacher",
        )
        .await;
    assert_eq!(same_origin.status(), 404);
}

#[tokio::test]
async fn a_write_that_does_not_say_where_it_comes_from_is_refused() {
    let app = spawn_app().await;
    // Signed in as the admin, then writing with neither Origin, Referer nor Sec-Fetch-Site.
    let plain = reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let signed_in = app.login_with(&plain, "admin", DEMO_PASSWORD).await;
    assert!(signed_in.status().is_redirection() || signed_in.status().is_success());
    let create = || {
        plain
            .post(format!("{}/api/admin/users/create", app.address))
            .header("content-type", "application/x-www-form-urlencoded")
            .body("username=intruder&display_name=x&role=admin&password=long-enough-password")
    };
    assert_eq!(create().send().await.unwrap().status(), 403);
    assert_eq!(
        app.count("SELECT COUNT(*) FROM users WHERE username = 'intruder'")
            .await,
        0
    );
    // Reading needs no such proof.
    assert_eq!(app.get_as(&plain, "/calendar").await.status(), 200);
    // A page of this site as the Referer vouches for the write, as for an older browser.
    let from_page = create()
        .header("referer", format!("{}/admin/users", app.address))
        .send()
        .await
        .unwrap();
    assert!(
        from_page.status().is_success() || from_page.status().is_redirection(),
        "{}",
        from_page.status()
    );
    assert_eq!(
        app.count("SELECT COUNT(*) FROM users WHERE username = 'intruder'")
            .await,
        1
    );
}

#[tokio::test]
async fn bodies_over_one_mebibyte_are_refused() {
    let app = spawn_app().await;
    let client = app.client_as(None).await;
    let huge = format!("username=x&password={}", "a".repeat(1024 * 1024 + 1));
    let response = app.post_form(&client, "/api/auth/login", &huge).await;
    assert_eq!(response.status(), 413);
    assert_refusal_is_hardened(response.headers());
    assert_eq!(response.text().await.unwrap(), "请求太大，没有保存任何内容");
}

/// A refusal made before anything runs carries the headers every answer has.
fn assert_refusal_is_hardened(headers: &reqwest::header::HeaderMap) {
    assert_eq!(headers["x-content-type-options"], "nosniff");
    assert_eq!(headers["cache-control"], "no-store");
    assert!(headers["content-security-policy"]
        .to_str()
        .unwrap()
        .starts_with("default-src 'none'"));
}

#[tokio::test]
async fn mutating_functions_do_not_answer_get() {
    let app = spawn_app().await;
    let admin = app.client_as(Some("admin")).await;
    let response = app.get_as(&admin, "/api/admin/users/create?username=x&display_name=x&role=admin&password=long-enough-password").await;
    assert!(response.status().is_client_error(), "{}", response.status());
    assert_eq!(
        app.count("SELECT COUNT(*) FROM users WHERE username = 'x'")
            .await,
        0
    );
}

#[tokio::test]
async fn pages_carry_a_strict_content_security_policy_and_are_not_cached() {
    let app = spawn_app().await;
    let teacher = app.client_as(Some("teacher")).await;
    let response = app.get_as(&teacher, "/calendar?date=2027-04-01").await;
    let csp = response.headers()["content-security-policy"]
        .to_str()
        .unwrap()
        .to_owned();
    assert!(
        csp.contains("'wasm-unsafe-eval'") && csp.contains("frame-ancestors 'none'"),
        "{csp}"
    );
    assert!(
        !csp.contains("unsafe-inline") && !csp.contains('*'),
        "{csp}"
    );
    assert_eq!(response.headers()["cache-control"], "no-store");
    assert_eq!(response.headers()["x-content-type-options"], "nosniff");
    let _ = assert_scripts_carry_the_policys_nonce(&csp, &response.text().await.unwrap());

    // Every page, the not-found page and many at once: the header names the nonce the
    // page's scripts carry (a page whose header lost it would load bare and never run).
    const PATHS: [&str; 4] = [
        "/assessment?period=2027-03",
        "/children",
        "/no-such-page",
        "/calendar",
    ];
    let mut loads = tokio::task::JoinSet::new();
    for path in PATHS.iter().cycle().take(24) {
        let (teacher, url) = (teacher.clone(), format!("{}{path}", app.address));
        loads.spawn(async move {
            let response = teacher.get(url).send().await.unwrap();
            let csp = response.headers()["content-security-policy"]
                .to_str()
                .unwrap()
                .to_owned();
            (path, csp, response.text().await.unwrap())
        });
    }
    let mut nonces = std::collections::HashSet::new();
    for (path, csp, html) in loads.join_all().await {
        assert!(csp.starts_with("default-src 'self'"), "{path}: {csp}");
        nonces.insert(assert_scripts_carry_the_policys_nonce(&csp, &html));
    }
    assert_eq!(nonces.len(), 24, "a nonce of its own for every answer");

    let api = app
        .get_as(&teacher, "/api/calendar/events?date=2027-04-01")
        .await;
    assert_eq!(api.headers()["cache-control"], "no-store");
    assert!(api.headers()["content-security-policy"]
        .to_str()
        .unwrap()
        .starts_with("default-src 'none'"));
}

/// Every script on the page carries the one nonce the policy allows, which is returned.
fn assert_scripts_carry_the_policys_nonce(csp: &str, html: &str) -> String {
    let (_, rest) = csp.split_once("'nonce-").expect("a nonce in the CSP");
    let nonce = rest.split('\'').next().unwrap();
    let scripts = html.matches("<script").count();
    assert!(scripts > 0, "a page with scripts");
    assert_eq!(
        html.matches(&format!(" nonce=\"{nonce}\">")).count(),
        scripts,
        "the page's scripts carry this response's nonce"
    );
    nonce.to_owned()
}

#[tokio::test]
async fn the_audit_log_cannot_be_edited_or_emptied() {
    let app = spawn_app().await;
    app.client_as(Some("admin")).await;
    assert!(app.count("SELECT COUNT(*) FROM audit_log").await > 0);
    assert!(sqlx::query("UPDATE audit_log SET outcome = 'success'")
        .execute(&app.pool)
        .await
        .is_err());
    assert!(sqlx::query("DELETE FROM audit_log")
        .execute(&app.pool)
        .await
        .is_err());
}

#[tokio::test]
async fn errors_reaching_the_browser_say_nothing_of_the_database() {
    let app = spawn_app().await;
    let admin = app.client_as(Some("admin")).await;
    let response = app
        .post_form(
            &admin,
            "/api/admin/users/assign",
            "user_id=1&kind=class&item_id=424242&assigned=true",
        )
        .await;
    let body = response.text().await.unwrap().to_lowercase();
    assert!(
        !body.contains("sqlite") && !body.contains("foreign key") && !body.contains("constraint"),
        "{body}"
    );
}

#[tokio::test]
async fn served_over_https_the_session_cookie_is_host_only_and_secure_with_hsts() {
    let _deadline = crate::helpers::deadline();
    let dir = tempfile::tempdir().unwrap();
    let database_url = format!("sqlite://{}", dir.path().join("https.db").display());
    let config = server::config::Config {
        cookie_secure: true,
        ..crate::helpers::config(&database_url, true)
    };
    let app = server::startup::Application::build(config).await.unwrap();
    let address = format!("http://{}", app.address);
    tokio::spawn(app.run_until_stopped());
    let client = crate::helpers::browser_at(&address);
    let signed_in = crate::helpers::sign_in_at(&client, &address, "leader", DEMO_PASSWORD).await;
    let cookie = signed_in
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|c| c.to_str().ok())
        .find(|c| c.contains("hopehome_session="))
        .expect("a session cookie")
        .to_owned();
    assert!(cookie.starts_with("__Host-hopehome_session="), "{cookie}");
    assert!(
        cookie.contains("Secure") && cookie.contains("Path=/"),
        "{cookie}"
    );
    assert!(!cookie.contains("Domain="), "{cookie}");
    let page = client.get(format!("{address}/login")).send().await.unwrap();
    assert_eq!(
        page.headers()["strict-transport-security"],
        "max-age=31536000"
    );
    // Off by default (development over http): no HSTS.
    let plain = crate::helpers::spawn_app().await;
    assert!(!plain
        .get("/login")
        .await
        .headers()
        .contains_key("strict-transport-security"));
}

#[tokio::test]
async fn anonymous_noise_does_not_flood_the_audit_log() {
    let app = spawn_app().await;
    let before = app.count("SELECT COUNT(*) FROM audit_log").await;
    let anonymous = app.client_as(None).await;
    for _ in 0..50 {
        // Signed out: a refusal each time, and a cross-site hit each time.
        assert_eq!(
            app.get_as(&anonymous, "/api/admin/users/list")
                .await
                .status(),
            401
        );
        let foreign = anonymous
            .get(format!("{}/api/admin/users/list", app.address))
            .header("sec-fetch-site", "cross-site")
            .send()
            .await
            .unwrap();
        assert_eq!(foreign.status(), 403);
    }
    assert_eq!(
        app.count("SELECT COUNT(*) FROM audit_log").await - before,
        2,
        "one row per kind and address in ten minutes"
    );
    // A signed-in user's refusals are each kept: they are about a person.
    let student = app.client_as(Some("student")).await;
    for _ in 0..3 {
        app.get_as(&student, "/api/admin/users/list").await;
    }
    assert_eq!(
        app.count(
            "SELECT COUNT(*) FROM audit_log WHERE username = 'student' AND outcome = 'denied'"
        )
        .await,
        3
    );
}

/// Starting a server lists the app's pages, and listing them switches resource loading off
/// for the whole process: a page rendered at that moment by another server in the process
/// used to wait forever (the matrix once timed out on `/assessment` that way). The list is
/// made once per process now, so pages keep answering while servers start around them.
#[tokio::test]
async fn pages_answer_while_other_servers_list_their_routes() {
    let app = spawn_app().await;
    let leader = app.client_as(Some("leader")).await;
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let lister = {
        let stop = stop.clone();
        std::thread::spawn(move || {
            while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                drop(server::startup::route_list());
            }
        })
    };
    let mut stalled = None;
    'rounds: for round in 0..20 {
        for path in ["/assessment", "/care", "/programme"] {
            let call = app.get_as(&leader, path);
            match tokio::time::timeout(std::time::Duration::from_secs(10), call).await {
                Ok(response) => assert_eq!(response.status(), 200, "{path}"),
                Err(_) => {
                    stalled = Some(format!("round {round}: {path}"));
                    break 'rounds;
                }
            }
        }
    }
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    lister.join().expect("the lister ends");
    assert_eq!(stalled, None, "a page never answered");
}
