use crate::helpers::{browser_at, spawn_app, spawn_app_with};
use server::config::Config;

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
    assert_eq!(foreign.headers()["location"], "/");
}

#[tokio::test]
async fn home_leads_each_user_to_where_their_week_starts() {
    let app = spawn_app().await;
    for (user, to) in [
        ("leader", "/programme"),
        ("admin", "/programme"),
        ("counselor", "/care"),
        ("teacher", "/calendar"),
        ("student", "/calendar"),
    ] {
        let client = app.client_as(Some(user)).await;
        let response = app.get_as(&client, "/").await;
        assert_eq!(response.status(), 303, "{user}");
        assert_eq!(response.headers()["location"], to, "{user}");
    }
    assert_eq!(app.get("/").await.headers()["location"], "/calendar");
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

/// A browser that has not fetched the style sheet gets it inside the page (allowed by its
/// hash, not the nonce), with a print-only link that fetches it for later; that answer is
/// kept a year and sets the cookie, and the next page links it for the screen.
#[tokio::test]
async fn a_first_page_carries_its_style_sheet_and_later_ones_link_it() {
    use base64::Engine as _;
    use sha2::{Digest, Sha256};
    let site = tempfile::tempdir().unwrap();
    std::fs::create_dir(site.path().join("pkg")).unwrap();
    let css = ".site-header>nav{color:#123456}";
    std::fs::write(site.path().join("pkg/hopehome.css"), css).unwrap();
    let root = site.path().display().to_string();
    let app = spawn_app_with(|config| Config {
        site_root: root,
        ..config
    })
    .await;
    let browser = browser_at(&app.address);

    let first = app.get_as(&browser, "/login").await;
    let csp = first.headers()["content-security-policy"]
        .to_str()
        .unwrap()
        .to_owned();
    let hash = base64::engine::general_purpose::STANDARD.encode(Sha256::digest(css));
    assert!(csp.contains(&format!("'sha256-{hash}'")), "{csp}");
    assert!(
        csp.contains(app::site_style::BLANK_SOURCE),
        "the linked form's blank <style>: {csp}"
    );
    let html = first.text().await.unwrap();
    assert!(
        html.contains(&format!("<style>{css}</style>")),
        "the sheet, unescaped: {html}"
    );
    let version = &hex::encode(Sha256::digest(css))[..16];
    let href = format!("/pkg/hopehome.css?v={version}");
    assert!(html.contains(&format!(
        r#"<link rel="stylesheet" href="{href}" media="print">"#
    )));

    // Another build's address, or none, is asked again each time and says nothing.
    for other in ["/pkg/hopehome.css", "/pkg/hopehome.css?v=0123456789abcdef"] {
        let response = app.get(other).await;
        assert_eq!(response.status(), 200);
        assert_eq!(response.headers()["cache-control"], "no-cache");
        assert!(response.headers().get("set-cookie").is_none());
    }
    let sheet = app.get_as(&browser, &href).await;
    assert_eq!(sheet.status(), 200);
    assert_eq!(
        sheet.headers()["cache-control"],
        "public, max-age=31536000, immutable"
    );
    let cookie = sheet.headers()["set-cookie"].to_str().unwrap().to_owned();
    assert!(
        cookie.starts_with(&format!("hopehome_style={version};")),
        "{cookie}"
    );
    assert_eq!(sheet.text().await.unwrap(), css);

    let html = app.get_as(&browser, "/login").await.text().await.unwrap();
    assert!(!html.contains(css), "the sheet is not sent again");
    assert!(html.contains(&format!(
        r#"<style> </style><link rel="stylesheet" href="{href}" media="all">"#
    )));
    // A sheet the browser fetched from an older build does not count.
    let html = app
        .get_with("/login", "cookie", "hopehome_style=0123456789abcdef")
        .await
        .text()
        .await
        .unwrap();
    assert!(html.contains(css));
}

/// A form whose field is missing fails before the server function runs; it goes back to
/// its page with the error shown there, not with the page's earlier "saved".
#[tokio::test]
async fn a_form_missing_a_field_comes_back_with_its_error_not_an_old_saved() {
    let app = spawn_app().await;
    let leader = app.client_as(Some("leader")).await;
    let page = format!(
        "{}/assessment/inspections?period=2027-03&saved=1",
        app.address
    );
    let response = leader
        .post(format!("{}/api/assessment/inspect", app.address))
        .header("content-type", "application/x-www-form-urlencoded")
        .header("accept", "text/html")
        .header("referer", &page)
        .body("inspection=1&version=1&note=x")
        .send()
        .await
        .unwrap();
    assert!(response.status().is_redirection());
    let location = response.headers()["location"].to_str().unwrap().to_owned();
    assert!(location.contains("period=2027-03"), "{location}");
    assert!(
        !location.contains("saved=") && !location.contains("__err"),
        "{location}"
    );
    let html = app
        .get_as(&leader, &location.replace(&app.address, ""))
        .await
        .text()
        .await
        .unwrap();
    assert!(
        html.contains(r#"class="flash flash-error""#)
            && !html.contains(r#"class="flash flash-ok""#),
        "the error shows, no 已保存"
    );
    assert!(
        html.contains("表单没有完整送到，没有保存任何内容"),
        "it says what to do"
    );
}

/// A form the server refuses comes back as it was typed, with the reason just above it, to
/// the session that sent it and no other; the password is not put back.
#[tokio::test]
async fn a_refused_form_comes_back_as_typed_to_its_own_session_only() {
    let app = spawn_app().await;
    let admin = app.client_as(Some("admin")).await;
    let response = admin
        .post(format!("{}/api/admin/users/create", app.address))
        .header("content-type", "application/x-www-form-urlencoded")
        .header("accept", "text/html")
        .header("referer", format!("{}/admin/users", app.address))
        .body("username=teacher&display_name=%E7%8E%8B%E8%80%81%E5%B8%88+%26+co&role=counselor&password=abcdefghijk")
        .send()
        .await
        .unwrap();
    assert!(response.status().is_redirection());
    let location = response.headers()["location"].to_str().unwrap().to_owned();
    assert!(
        location.starts_with("/admin/users?refused=") && location.ends_with("#refused"),
        "no raw error in the address: {location}"
    );
    let page = location.trim_end_matches("#refused");
    let html = app.get_as(&admin, page).await.text().await.unwrap();
    let form = html
        .split(r#"<p class="flash flash-error" role="alert" id="refused">"#)
        .nth(1)
        .expect("the reason stands above the form");
    assert!(form.starts_with(
        "该用户名已被使用</p><form method=\"post\" action=\"/api/admin/users/create\""
    ));
    let form = &form[..form.find("</form>").unwrap()];
    assert!(form.contains(r#"value="teacher""#), "{form}");
    assert!(form.contains(r#"value="王老师 &amp; co""#), "{form}");
    assert!(
        form.contains(r#"<option value="counselor" selected"#),
        "{form}"
    );
    assert!(
        !html.contains("abcdefghijk"),
        "the password is not put back"
    );

    // A script that sent it (the outbox) gets the reason in the user's words, in a header.
    let scripted = admin
        .post(format!("{}/api/admin/users/create", app.address))
        .header("content-type", "application/x-www-form-urlencoded")
        .header("accept", "application/json")
        .body("username=teacher&display_name=x&role=teacher&password=abcdefghijk")
        .send()
        .await
        .unwrap();
    assert!(scripted.status().is_client_error());
    let why = scripted.headers()["x-hope-reason"].to_str().unwrap();
    let query = format!("w={why}");
    let (_, words) = url::form_urlencoded::parse(query.as_bytes())
        .next()
        .unwrap();
    assert_eq!(words, "该用户名已被使用");

    let other = app.client_as(Some("admin")).await;
    let html = app.get_as(&other, page).await.text().await.unwrap();
    assert!(!html.contains("王老师 &amp; co") && !html.contains(r#"id="refused""#));

    let saved = admin
        .post(format!("{}/api/admin/users/create", app.address))
        .header("content-type", "application/x-www-form-urlencoded")
        .header("accept", "text/html")
        .header("referer", format!("{}{page}", app.address))
        .body("username=newcounselor&display_name=X&role=counselor&password=abcdefghijk")
        .send()
        .await
        .unwrap();
    let location = saved.headers()["location"].to_str().unwrap();
    assert!(
        location.ends_with("/admin/users?saved=1"),
        "a save after a refusal no longer names it: {location}"
    );
}

/// A child's diary entry refused for its attachment comes back with what the child wrote
/// and the sticker chosen; the file is not kept.
#[tokio::test]
async fn a_refused_diary_entry_keeps_its_words_and_sticker() {
    let app = spawn_app().await;
    let student = app.client_as(Some("student")).await;
    let boundary = "----refused-diary";
    let part = |name: &str, file: Option<&str>, content: &str| {
        match file {
        Some(file) => format!("--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"; filename=\"{file}\"\r\nContent-Type: image/svg+xml\r\n\r\n{content}\r\n"),
        None => format!("--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{content}\r\n"),
    }
    };
    let body = [
        part("uid", None, "refused-diary-000000001"),
        part("body", None, "今天我喂了小鸡，\n它们跟着我跑！"),
        part("sticker", None, "proud"),
        part("file", Some("drawing.svg"), "<svg onload=alert(1)>"),
        format!("--{boundary}--\r\n"),
    ]
    .concat();
    let response = student
        .post(format!("{}/api/diary/write", app.address))
        .header(
            "content-type",
            format!("multipart/form-data; boundary={boundary}"),
        )
        .header("accept", "text/html")
        .header("referer", format!("{}/diary", app.address))
        .body(body)
        .send()
        .await
        .unwrap();
    let location = response.headers()["location"].to_str().unwrap().to_owned();
    assert!(location.starts_with("/diary?refused="), "{location}");
    let html = app
        .get_as(&student, location.trim_end_matches("#refused"))
        .await
        .text()
        .await
        .unwrap();
    let form = html
        .split(r#"id="refused">"#)
        .nth(1)
        .expect("the reason above the form");
    let form = &form[..form.find("</form>").unwrap()];
    assert!(
        form.contains(">今天我喂了小鸡，\n它们跟着我跑！</textarea>"),
        "{form}"
    );
    assert!(form.contains(r#"value="proud" checked"#), "{form}");
    assert!(!html.contains("onload=alert"));
}
