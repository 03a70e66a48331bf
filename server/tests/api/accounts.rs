use server::startup::Application;

use crate::helpers::{spawn_app, DEMO_PASSWORD};

#[tokio::test]
async fn a_wrong_password_and_an_unknown_user_get_the_same_answer() {
    let app = spawn_app().await;
    let client = app.client_as(None).await;
    let wrong = app.login_with(&client, "teacher", "not-the-password").await;
    let (wrong_status, wrong_body) = (wrong.status(), wrong.text().await.unwrap());
    let unknown = app
        .login_with(&client, "nobody-here", "not-the-password")
        .await;
    assert_eq!(wrong_status, 401);
    assert_eq!(unknown.status(), 401);
    assert_eq!(unknown.text().await.unwrap(), wrong_body);
    assert_eq!(
        app.count(
            "SELECT COUNT(*) FROM audit_log WHERE action = 'sign_in' AND outcome = 'failure'"
        )
        .await,
        2
    );
}

#[tokio::test]
async fn sign_in_is_throttled_after_ten_failures_a_minute() {
    let app = spawn_app().await;
    let client = app.client_as(None).await;
    for attempt in 1..=10 {
        let response = app.login_with(&client, "counselor", "wrong-password").await;
        assert_eq!(response.status(), 401, "attempt {attempt}");
    }
    let response = app.login_with(&client, "counselor", DEMO_PASSWORD).await;
    assert_eq!(response.status(), 429, "even the right password waits");
    let retry: u64 = response.headers()["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((1..=60).contains(&retry));
}

#[tokio::test]
async fn signing_in_gives_a_fresh_http_only_session_and_signing_out_ends_it() {
    let app = spawn_app().await;
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let response = app.login_with(&client, "leader", DEMO_PASSWORD).await;
    // The session cookie, among others (the known-device cookie).
    let cookie = response
        .headers()
        .get_all("set-cookie")
        .iter()
        .map(|v| v.to_str().unwrap().to_owned())
        .find(|c| c.starts_with("hopehome_session="))
        .expect("a session cookie");
    assert!(
        cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"),
        "{cookie}"
    );
    let session = cookie.split(';').next().unwrap().to_owned();
    let page = client
        .get(format!("{}/calendar", app.address))
        .header("cookie", &session)
        .send()
        .await
        .unwrap();
    assert_eq!(page.status(), 200);

    let out = client
        .post(format!("{}/api/auth/logout", app.address))
        .header("origin", &app.address)
        .header("cookie", &session)
        .send()
        .await
        .unwrap();
    assert!(out.status().is_redirection() || out.status().is_success());
    let page = client
        .get(format!("{}/calendar", app.address))
        .header("cookie", &session)
        .send()
        .await
        .unwrap();
    assert_eq!(page.status(), 302, "the old session no longer works");
}

#[tokio::test]
async fn a_deactivated_user_is_signed_out_at_once() {
    let app = spawn_app().await;
    let teacher = app.client_as(Some("teacher")).await;
    assert_eq!(app.get_as(&teacher, "/calendar").await.status(), 200);
    let admin = app.client_as(Some("admin")).await;
    let teacher_id = app
        .count("SELECT id FROM users WHERE username = 'teacher'")
        .await;
    let response = app
        .post_form(
            &admin,
            "/api/admin/users/active",
            &format!("user_id={teacher_id}&active=false"),
        )
        .await;
    assert!(response.status().is_success(), "{}", response.status());
    assert_eq!(app.get_as(&teacher, "/calendar").await.status(), 302);
    let again = app
        .login_with(&app.client_as(None).await, "teacher", DEMO_PASSWORD)
        .await;
    assert_eq!(again.status(), 401);
}

#[tokio::test]
async fn changing_the_password_keeps_this_session_and_ends_the_others() {
    let app = spawn_app().await;
    let here = app.client_as(Some("counselor")).await;
    let elsewhere = app.client_as(Some("counselor")).await;
    let new = "a-new-password-2027";
    let short = app
        .post_form(
            &here,
            "/api/auth/password",
            &format!("current={DEMO_PASSWORD}&new=short&confirm=short"),
        )
        .await;
    assert_eq!(short.status(), 400);
    let body = format!("current={DEMO_PASSWORD}&new={new}&confirm={new}");
    let response = app.post_form(&here, "/api/auth/password", &body).await;
    assert!(response.status().is_success(), "{}", response.status());
    assert_eq!(app.get_as(&here, "/calendar").await.status(), 200);
    assert_eq!(app.get_as(&elsewhere, "/calendar").await.status(), 302);
    let client = app.client_as(None).await;
    assert_eq!(
        app.login_with(&client, "counselor", DEMO_PASSWORD)
            .await
            .status(),
        401
    );
    assert!(app
        .login_with(&client, "counselor", new)
        .await
        .headers()
        .contains_key("set-cookie"));
}

#[tokio::test]
async fn passwords_are_stored_as_argon2id_hashes() {
    let app = spawn_app().await;
    let hash: String =
        sqlx::query_scalar("SELECT password_hash FROM users WHERE username = 'admin'")
            .fetch_one(&app.pool)
            .await
            .unwrap();
    assert!(
        hash.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"),
        "{hash}"
    );
}

#[tokio::test]
async fn a_new_school_gets_one_admin_with_a_password_printed_once() {
    let _deadline = crate::helpers::deadline();
    let dir = tempfile::tempdir().unwrap();
    let database_url = format!("sqlite://{}", dir.path().join("empty.db").display());
    let config = || crate::helpers::config(&database_url, false);
    let app = Application::build(config()).await.unwrap();
    let notice = app.accounts_notice.clone().expect("a first admin");
    let password = printed_password(&notice);
    assert!(password.len() >= 16);
    let address = format!("http://{}", app.address);
    tokio::spawn(app.run_until_stopped());
    let client = crate::helpers::browser_at(&address);
    let response = crate::helpers::sign_in_at(&client, &address, "admin", &password).await;
    assert!(
        response.status().is_success() || response.status().is_redirection(),
        "{}",
        response.status()
    );
    assert!(response.headers().contains_key("set-cookie"));
    let again = Application::build(config()).await.unwrap();
    assert!(
        again.accounts_notice.is_none(),
        "the password is printed only once"
    );
}

#[tokio::test]
async fn the_first_admin_chooses_a_password_before_anything_else() {
    let _deadline = crate::helpers::deadline();
    let dir = tempfile::tempdir().unwrap();
    let database_url = format!("sqlite://{}", dir.path().join("new-school.db").display());
    let app = Application::build(crate::helpers::config(&database_url, false))
        .await
        .unwrap();
    let notice = app.accounts_notice.clone().unwrap();
    let once = printed_password(&notice);
    let address = format!("http://{}", app.address);
    tokio::spawn(app.run_until_stopped());
    let admin = crate::helpers::browser_at(&address);
    let post = |path: &str, body: String| {
        admin
            .post(format!("{address}{path}"))
            .header("content-type", "application/x-www-form-urlencoded")
            .body(body)
            .send()
    };
    let signed_in = post("/api/auth/login", format!("username=admin&password={once}"))
        .await
        .unwrap();
    assert!(signed_in.status().is_redirection() || signed_in.status().is_success());
    // Every page leads to the password form, which says why; the API refuses.
    let page = admin
        .get(format!("{address}/admin/users"))
        .send()
        .await
        .unwrap();
    assert_eq!(page.status(), 303);
    assert_eq!(page.headers()["location"], "/account/password");
    let form = admin
        .get(format!("{address}/account/password"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(form.contains("第一次登录"), "{form}");
    let api = admin
        .get(format!("{address}/api/admin/users/list"))
        .send()
        .await
        .unwrap();
    assert_eq!(api.status(), 403);
    // Their own password, and the school is theirs.
    let chosen = post(
        "/api/auth/password",
        format!("current={once}&new=our-own-school-2026&confirm=our-own-school-2026"),
    )
    .await
    .unwrap();
    assert!(chosen.status().is_redirection() || chosen.status().is_success());
    let signed_in = post(
        "/api/auth/login",
        "username=admin&password=our-own-school-2026".into(),
    )
    .await
    .unwrap();
    assert!(signed_in.status().is_redirection() || signed_in.status().is_success());
    let page = admin
        .get(format!("{address}/admin/users"))
        .send()
        .await
        .unwrap();
    assert_eq!(page.status(), 200);
}

#[tokio::test]
async fn a_server_the_network_can_reach_gets_no_demo_school() {
    let _deadline = crate::helpers::deadline();
    let dir = tempfile::tempdir().unwrap();
    let database_url = format!("sqlite://{}", dir.path().join("school.db").display());
    let on_the_network = || server::config::Config {
        site_addr: "0.0.0.0:0".parse().unwrap(),
        seed_demo: None,
        ..crate::helpers::config(&database_url, false)
    };
    let app = Application::build(on_the_network()).await.unwrap();
    assert!(!app.seeded, "not seeded without being asked");
    assert!(app.accounts_notice.unwrap().contains("admin / "));
    let pool = sqlx::SqlitePool::connect(&database_url).await.unwrap();
    let children: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM children")
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(children, 0);
}

#[tokio::test]
async fn demo_accounts_are_not_served_to_the_network() {
    let _deadline = crate::helpers::deadline();
    let dir = tempfile::tempdir().unwrap();
    let database_url = format!("sqlite://{}", dir.path().join("demo.db").display());
    // Seeded on a developer's machine (loopback) ...
    let on_loopback = server::config::Config {
        seed_demo: None,
        ..crate::helpers::config(&database_url, false)
    };
    assert!(Application::build(on_loopback).await.unwrap().seeded);
    // ... then started where the network can reach it: refused, with the reason.
    let on_the_network = || server::config::Config {
        site_addr: "0.0.0.0:0".parse().unwrap(),
        seed_demo: None,
        ..crate::helpers::config(&database_url, false)
    };
    let refused = Application::build(on_the_network())
        .await
        .err()
        .expect("refuses to start")
        .to_string();
    assert!(refused.contains("demo password"), "{refused}");
    assert!(refused.contains("admin"), "{refused}");
    // Asked for in so many words, the demo may be shown on the school's network.
    let asked = server::config::Config {
        seed_demo: Some(true),
        ..on_the_network()
    };
    assert!(Application::build(asked).await.is_ok());
}

/// The one-time password in the start-up notice ("… admin / <password>").
fn printed_password(notice: &str) -> String {
    notice
        .split("admin / ")
        .nth(1)
        .and_then(|rest| rest.lines().next())
        .expect("a printed password")
        .trim()
        .to_owned()
}

#[tokio::test]
async fn a_child_added_to_a_counselor_on_the_accounts_page_is_handed_over_on_the_schools_day() {
    let app = spawn_app().await;
    let admin = app.client_as(Some("admin")).await;
    let (child, before): (i64, i64) = sqlx::query_as(
        "SELECT child_id, counselor_id FROM pairings WHERE ended_on IS NULL ORDER BY child_id LIMIT 1",
    )
    .fetch_one(&app.pool)
    .await
    .unwrap();
    let other: i64 = sqlx::query_scalar(
        "SELECT id FROM users WHERE role = 'counselor' AND active = 1 AND id <> ? ORDER BY id LIMIT 1",
    )
    .bind(before)
    .fetch_one(&app.pool)
    .await
    .unwrap();
    let assign =
        |assigned: bool| format!("user_id={other}&kind=child&item_id={child}&assigned={assigned}");
    let added = app
        .post_form(&admin, "/api/admin/users/assign", &assign(true))
        .await;
    assert!(added.status().is_success() || added.status().is_redirection());
    // The history: the earlier pairing ends and the new one begins on the school's day, not
    // the server clock's (UTC, a day behind before 08:00 in China).
    let today = crate::helpers::school_today();
    let rows: Vec<(i64, String, Option<String>)> = sqlx::query_as(
        "SELECT counselor_id, started_on, ended_on FROM pairings WHERE child_id = ? ORDER BY id",
    )
    .bind(child)
    .fetch_all(&app.pool)
    .await
    .unwrap();
    let (last, earlier) = rows.split_last().unwrap();
    assert_eq!(last, &(other, today.clone(), None));
    assert_eq!(earlier.last().unwrap().0, before);
    assert_eq!(earlier.last().unwrap().2.as_deref(), Some(today.as_str()));
    // Taken away again: the pairing ends, kept.
    app.post_form(&admin, "/api/admin/users/assign", &assign(false))
        .await;
    let open: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM pairings WHERE child_id = ? AND ended_on IS NULL")
            .bind(child)
            .fetch_one(&app.pool)
            .await
            .unwrap();
    assert_eq!(open, 0);
    // The audit names the child, each way; a second removal (a page left open) is a conflict.
    let audited = app
        .count(&format!(
            "SELECT COUNT(*) FROM audit_log WHERE action LIKE 'set_assignment %pair {child} %'"
        ))
        .await;
    assert_eq!(audited, 2);
    let again = app
        .post_form(&admin, "/api/admin/users/assign", &assign(false))
        .await;
    assert_eq!(again.status(), 409);
    // A child that does not exist is not found, not a database error.
    let nobody = app
        .post_form(
            &admin,
            "/api/admin/users/assign",
            &format!("user_id={other}&kind=child&item_id=999999&assigned=true"),
        )
        .await;
    assert_eq!(nobody.status(), 404);
}
