use crate::helpers::spawn_app;

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
    assert_eq!(
        app.count("SELECT COUNT(*) FROM users WHERE username = 'intruder'")
            .await,
        0
    );
    assert!(
        app.count(
            "SELECT COUNT(*) FROM audit_log WHERE action LIKE 'cross_site%' AND outcome = 'denied'"
        )
        .await
            >= 2
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
async fn bodies_over_one_mebibyte_are_refused() {
    let app = spawn_app().await;
    let client = app.client_as(None).await;
    let huge = format!("username=x&password={}", "a".repeat(1024 * 1024 + 1));
    let response = app.post_form(&client, "/api/auth/login", &huge).await;
    assert_eq!(response.status(), 413);
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
    let html = response.text().await.unwrap();
    let nonce = csp
        .split("'nonce-")
        .nth(1)
        .unwrap()
        .split('\'')
        .next()
        .unwrap();
    assert!(
        html.contains(&format!("nonce=\"{nonce}\"")),
        "the page's scripts carry this response's nonce"
    );

    let api = app
        .get_as(&teacher, "/api/calendar/events?date=2027-04-01")
        .await;
    assert_eq!(api.headers()["cache-control"], "no-store");
    assert!(api.headers()["content-security-policy"]
        .to_str()
        .unwrap()
        .starts_with("default-src 'none'"));
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
