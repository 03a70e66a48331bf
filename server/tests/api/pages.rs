use crate::helpers::spawn_app;

#[tokio::test]
async fn health_answers_ok() {
    let app = spawn_app().await;
    assert_eq!(app.get("/healthz").await.status(), 200);
}

#[tokio::test]
async fn the_month_page_is_rendered_on_the_server_in_chinese() {
    let app = spawn_app().await;
    let teacher = app.client_as(Some("teacher")).await;
    let response = app
        .get_as(&teacher, "/calendar?view=month&date=2027-04-01")
        .await;
    assert_eq!(response.status(), 200);
    let html = response.text().await.unwrap();
    assert!(html.contains(r#"<html lang="zh-CN""#), "lang");
    assert!(html.contains("2027年4月"));
    assert!(html.contains(r#"data-date="2027-04-20""#));
    assert!(html.contains("免费体检日"));
    assert!(html.contains("岁生日"));
}

#[tokio::test]
async fn an_english_browser_gets_english_and_the_cookie_wins() {
    let app = spawn_app().await;
    let html = app
        .get_with("/login", "accept-language", "en-GB,en;q=0.9")
        .await
        .text()
        .await
        .unwrap();
    assert!(html.contains(r#"<html lang="en""#));
    assert!(html.contains("Sign in"));
    let html = app
        .get_with("/login", "accept-language", "zh-CN,zh;q=0.9")
        .await
        .text()
        .await
        .unwrap();
    assert!(html.contains("登录"));
    let html = app
        .get_with("/login", "cookie", "lang=en")
        .await
        .text()
        .await
        .unwrap();
    assert!(html.contains("Sign in"));
}

#[tokio::test]
async fn the_language_switch_sets_a_cookie_and_goes_back() {
    let app = spawn_app().await;
    let response = app
        .get("/lang/en?next=%2Fcalendar%3Fdate%3D2027-04-01")
        .await;
    assert_eq!(response.status(), 303);
    assert_eq!(response.headers()["location"], "/calendar?date=2027-04-01");
    let cookie = response.headers()["set-cookie"].to_str().unwrap();
    assert!(
        cookie.starts_with("lang=en;") && cookie.contains("SameSite=Lax"),
        "{cookie}"
    );

    let foreign = app.get("/lang/en?next=//evil.example/").await;
    assert_eq!(foreign.headers()["location"], "/calendar");
}

#[tokio::test]
async fn an_unknown_page_is_a_404_in_the_users_language() {
    let app = spawn_app().await;
    let response = app.get("/no-such-page").await;
    assert_eq!(response.status(), 404);
    assert!(response.text().await.unwrap().contains("页面不存在"));
}

#[tokio::test]
async fn a_signed_out_visitor_is_sent_to_sign_in_and_back() {
    let app = spawn_app().await;
    let response = app.get("/calendar?view=month&date=2027-04-01").await;
    assert_eq!(response.status(), 302);
    assert_eq!(
        response.headers()["location"],
        "/login?next=/calendar%3Fview%3Dmonth%26date%3D2027-04-01"
    );
    assert!(!response.text().await.unwrap().contains("免费体检日"));
}

#[tokio::test]
async fn pages_load_the_wasm_that_the_build_makes() {
    let app = spawn_app().await;
    let html = app.get("/login").await.text().await.unwrap();
    assert!(
        html.contains("/pkg/hopehome.wasm"),
        "the islands' wasm is /pkg/hopehome.wasm"
    );
    assert!(html.contains("/pkg/hopehome.js") && html.contains("/pkg/hopehome.css"));
}
