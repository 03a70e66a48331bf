//! The families far away over HTTP: a household's link reaches its own children's shared
//! page and nothing else, dies when revoked or when the child leaves, counts its openings;
//! a message and a proposed change reach the counselor, and the file changes only when
//! the counselor accepts.

use serde_json::Value;

use crate::helpers::{spawn_app, TestApp};

async fn json(app: &TestApp, client: &reqwest::Client, path: &str) -> Value {
    let response = app.get_as(client, path).await;
    assert_eq!(response.status(), 200, "{path}");
    serde_json::from_str(&response.text().await.unwrap()).expect("JSON")
}

fn ok(status: reqwest::StatusCode) -> bool {
    status.is_success() || status.is_redirection()
}

async fn paired_children(app: &TestApp) -> (i64, i64) {
    let first = app
        .count(
            "SELECT p.child_id FROM counselor_children p JOIN users u ON u.id = p.user_id
             WHERE u.username = 'counselor' ORDER BY p.child_id LIMIT 1",
        )
        .await;
    let second = app
        .count(
            "SELECT p.child_id FROM counselor_children p JOIN users u ON u.id = p.user_id
             WHERE u.username = 'counselor' ORDER BY p.child_id LIMIT 1 OFFSET 1",
        )
        .await;
    (first, second)
}

/// A new link for `child` made by `client`, and its secret (shown once, on the desk).
/// Revokes the newest family link (of `child`, made by `counselor`).
async fn revoke_latest(app: &TestApp, counselor: &reqwest::Client, child: i64) {
    let link = app.count("SELECT MAX(id) FROM family_links").await;
    let revoked = app
        .post_form(
            counselor,
            "/api/family/revoke",
            &format!("link={link}&child={child}"),
        )
        .await;
    assert!(ok(revoked.status()), "{}", revoked.status());
}

async fn new_link(app: &TestApp, client: &reqwest::Client, child: i64, siblings: &str) -> String {
    let made = app
        .post_form(
            client,
            "/api/family/link",
            &format!("child={child}{siblings}"),
        )
        .await;
    assert!(ok(made.status()), "{}", made.status());
    let desk = json(app, client, &format!("/api/family/desk?child={child}")).await;
    let token = desk["new_link"]
        .as_str()
        .expect("the new link, once")
        .to_owned();
    let again = json(app, client, &format!("/api/family/desk?child={child}")).await;
    assert!(again["new_link"].is_null(), "shown once");
    token
}

#[tokio::test]
async fn a_household_link_shows_its_children_only_and_dies_when_revoked_or_the_child_leaves() {
    let app = spawn_app().await;
    let counselor = app.client_as(Some("counselor")).await;
    let (child, sibling) = paired_children(&app).await;
    let family = app.client_as(None).await;

    let token = new_link(&app, &counselor, child, &format!("&siblings[]={sibling}")).await;
    let opened = json(&app, &family, &format!("/api/family/page?token={token}")).await;
    let page = &opened["Page"];
    let ids: Vec<i64> = page["children"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["child_id"].as_i64().unwrap())
        .collect();
    assert_eq!(ids, [child, sibling], "the household's two children");
    assert_eq!(page["school_phone"], "0759-6612345");
    // Nothing of the file: no guardian, no address, no phone of the parents.
    let (address, phone): (Option<String>, Option<String>) = sqlx::query_as(
        "SELECT g.address, g.phone FROM guardians g WHERE g.child_id = ? ORDER BY position LIMIT 1",
    )
    .bind(child)
    .fetch_one(&app.pool)
    .await
    .unwrap();
    let text = page.to_string();
    for private in [address, phone].into_iter().flatten() {
        assert!(!text.contains(&private), "{private} leaked");
    }
    assert_eq!(
        app.count("SELECT opened FROM family_links").await,
        1,
        "counted"
    );
    assert_eq!(
        app.count(
            "SELECT COUNT(*) FROM audit_log WHERE action LIKE 'open_family_page %' AND ip IS NULL"
        )
        .await,
        2,
        "audited for each child, without the address"
    );

    // A diary entry is on the page once the counselor shares it.
    assert!(page["children"][0]["diary"].as_array().unwrap().is_empty());
    let entry = app
        .count(&format!(
            "SELECT id FROM diary_entries WHERE child_id = {child} ORDER BY id LIMIT 1"
        ))
        .await;
    let body: String = sqlx::query_scalar("SELECT body FROM diary_entries WHERE id = ?")
        .bind(entry)
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert!(ok(app
        .post_form(
            &counselor,
            "/api/family/share",
            &format!("child={child}&entry={entry}&share=1")
        )
        .await
        .status()));
    let shared = json(&app, &family, &format!("/api/family/page?token={token}")).await;
    assert_eq!(shared["Page"]["children"][0]["diary"][0]["body"], body);
    // Another child's entry cannot be shared through this child.
    let other_entry = app
        .count(&format!("SELECT id FROM diary_entries WHERE child_id NOT IN ({child}, {sibling}) ORDER BY id LIMIT 1"))
        .await;
    assert_eq!(
        app.post_form(
            &counselor,
            "/api/family/share",
            &format!("child={child}&entry={other_entry}&share=1")
        )
        .await
        .status(),
        404
    );

    // Revoked: nothing.
    revoke_latest(&app, &counselor, child).await;
    assert_eq!(
        app.get_as(&family, &format!("/api/family/page?token={token}"))
            .await
            .status(),
        404
    );
    let unknown = app
        .get_as(
            &family,
            "/api/family/page?token=0123456789abcdef0123456789abcdef",
        )
        .await;
    assert_eq!(unknown.status(), 404);
    // Whom to ask for a new link, and nothing else.
    let gone: Value = serde_json::from_str(&unknown.text().await.unwrap()).expect("JSON");
    assert_eq!(
        gone,
        serde_json::json!({"Gone": {"school_phone": "0759-6612345"}})
    );

    // A child who left school: the link answers nothing.
    let alone = new_link(&app, &counselor, child, "").await;
    assert_eq!(
        app.get_as(&family, &format!("/api/family/page?token={alone}"))
            .await
            .status(),
        200
    );
    sqlx::query("UPDATE children SET enrolment = 'transferred' WHERE id = ?")
        .bind(child)
        .execute(&app.pool)
        .await
        .unwrap();
    assert_eq!(
        app.get_as(&family, &format!("/api/family/page?token={alone}"))
            .await
            .status(),
        404
    );

    // Another counselor's child cannot be put on a link.
    let unpaired = app
        .count(
            "SELECT id FROM children WHERE id NOT IN (SELECT p.child_id FROM counselor_children p
             JOIN users u ON u.id = p.user_id WHERE u.username = 'counselor') ORDER BY id LIMIT 1",
        )
        .await;
    assert_eq!(
        app.post_form(
            &counselor,
            "/api/family/link",
            &format!("child={sibling}&siblings[]={unpaired}")
        )
        .await
        .status(),
        403
    );
}

#[tokio::test]
async fn a_message_and_a_proposed_phone_reach_the_counselor_and_the_file_changes_on_accepting() {
    let app = spawn_app().await;
    let counselor = app.client_as(Some("counselor")).await;
    let (child, other) = paired_children(&app).await;
    let family = app.client_as(None).await;
    let token = new_link(&app, &counselor, child, "").await;

    let message = format!(
        "token={token}&child={child}&body=%E5%AD%A9%E5%AD%90%E6%9C%80%E8%BF%91%E5%A5%BD%E5%90%97"
    );
    assert!(ok(app
        .post_form(&family, "/api/family/message", &message)
        .await
        .status()));
    assert_eq!(
        app.post_form(
            &family,
            "/api/family/message",
            &format!("token={token}&child={child}&body=+")
        )
        .await
        .status(),
        400,
        "a blank message"
    );
    assert_eq!(
        app.post_form(
            &family,
            "/api/family/message",
            &format!("token={token}&child={other}&body=x")
        )
        .await
        .status(),
        404,
        "a child not of this household"
    );
    let desk = json(&app, &counselor, &format!("/api/family/desk?child={child}")).await;
    assert_eq!(desk["messages"][0]["body"], "孩子最近好吗");
    assert_eq!(
        desk["messages"][0]["read"], false,
        "new when the counselor opens it"
    );
    let again = json(&app, &counselor, &format!("/api/family/desk?child={child}")).await;
    assert_eq!(again["messages"][0]["read"], true);

    let before: Option<String> =
        sqlx::query_scalar("SELECT mother_phone FROM children WHERE id = ?")
            .bind(child)
            .fetch_one(&app.pool)
            .await
            .unwrap();
    let proposal = format!(
        "token={token}&child={child}&parent=mother&phone=139+1234+5678&work_city=%E8%BF%AA%E6%8B%9C\
         &weekday[]=5&weekday[]=7&from=20:30&to=21:30&zone=Asia/Dubai"
    );
    assert!(ok(app
        .post_form(&family, "/api/family/propose", &proposal)
        .await
        .status()));
    assert_eq!(
        app.post_form(
            &family,
            "/api/family/propose",
            &format!("token={token}&child={child}&parent=mother")
        )
        .await
        .status(),
        400,
        "nothing to change"
    );
    let unchanged: Option<String> =
        sqlx::query_scalar("SELECT mother_phone FROM children WHERE id = ?")
            .bind(child)
            .fetch_one(&app.pool)
            .await
            .unwrap();
    assert_eq!(unchanged, before, "the file never changes unseen");

    let desk = json(&app, &counselor, &format!("/api/family/desk?child={child}")).await;
    let id = desk["proposals"][0]["id"].as_i64().unwrap();
    assert_eq!(desk["proposals"][0]["state"], "Pending");
    let seen = format!(
        "file_version={}&window_version={}",
        desk["file_version"], desk["window_version"]
    );
    assert_eq!(
        app.post_form(
            &counselor,
            "/api/family/decide",
            &format!(
                "proposal={id}&accept=1&file_version=0&{}",
                "window_version=0"
            )
        )
        .await
        .status(),
        409,
        "against a file that changed since"
    );
    let accept = format!("proposal={id}&accept=1&{seen}");
    let other_counselor = app.client_as(Some("counselor02")).await;
    assert_eq!(
        app.post_form(&other_counselor, "/api/family/decide", &accept)
            .await
            .status(),
        403
    );
    assert!(ok(app
        .post_form(&counselor, "/api/family/decide", &accept)
        .await
        .status()));
    assert_eq!(
        app.post_form(&counselor, "/api/family/decide", &accept)
            .await
            .status(),
        409,
        "decided once"
    );
    let (phone, city): (Option<String>, Option<String>) =
        sqlx::query_as("SELECT mother_phone, work_city FROM children WHERE id = ?")
            .bind(child)
            .fetch_one(&app.pool)
            .await
            .unwrap();
    assert_eq!(phone.as_deref(), Some("13912345678"));
    assert_eq!(city.as_deref(), Some("迪拜"));
    // A revoked link's pending proposal is declined with it, never accepted.
    assert!(ok(app
        .post_form(&family, "/api/family/propose", &proposal)
        .await
        .status()));
    revoke_latest(&app, &counselor, child).await;
    assert_eq!(
        app.count("SELECT COUNT(*) FROM family_proposals WHERE state = 'pending'")
            .await,
        0
    );
    let (days, zone): (String, String) =
        sqlx::query_as("SELECT weekdays, time_zone FROM call_windows WHERE child_id = ?")
            .bind(child)
            .fetch_one(&app.pool)
            .await
            .unwrap();
    assert_eq!((days.as_str(), zone.as_str()), ("57", "Asia/Dubai"));

    // A family writes a few a day; a script is stopped at twenty.
    let token = new_link(&app, &counselor, child, "").await;
    let note = format!("token={token}&child={child}&body=ok");
    for _ in 0..20 {
        assert!(ok(app
            .post_form(&family, "/api/family/message", &note)
            .await
            .status()));
    }
    assert_eq!(
        app.post_form(&family, "/api/family/message", &note)
            .await
            .status(),
        400
    );
}

#[tokio::test]
async fn a_parents_message_reaches_the_counselor_with_their_punctuation() {
    let app = spawn_app().await;
    let counselor = app.client_as(Some("counselor")).await;
    let (child, _) = paired_children(&app).await;
    let family = app.client_as(None).await;
    let token = new_link(&app, &counselor, child, "").await;

    let written = "老师您好，孩子最近身体怎么样？（奶奶说她有点咳嗽）";
    let message = serde_urlencoded::to_string([
        ("token", token.as_str()),
        ("child", &child.to_string()),
        ("body", &format!("\u{3000}{written} ")),
    ])
    .unwrap();
    assert!(ok(app
        .post_form(&family, "/api/family/message", &message)
        .await
        .status()));
    let desk = json(&app, &counselor, &format!("/api/family/desk?child={child}")).await;
    assert_eq!(desk["messages"][0]["body"], written);
}

#[tokio::test]
async fn the_desk_shows_the_year_of_diary_entries_from_two_years() {
    let app = spawn_app().await;
    let counselor = app.client_as(Some("counselor")).await;
    let (child, _) = paired_children(&app).await;
    for (uid, at) in [
        ("desk-year-entry-0000000001", "2025-12-20T02:00:00Z"),
        ("desk-year-entry-0000000002", "2026-01-24T02:00:00Z"),
    ] {
        sqlx::query(
            "INSERT INTO diary_entries (uid, child_id, author_id, by_child, body, written_at)
             VALUES (?, ?, (SELECT id FROM users WHERE username = 'counselor'), 0, '写了一篇日记', ?)",
        )
        .bind(uid)
        .bind(child)
        .bind(at)
        .execute(&app.pool)
        .await
        .unwrap();
    }
    let page = app
        .get_as(&counselor, &format!("/family/desk/{child}"))
        .await;
    assert_eq!(page.status(), 200);
    let html = page.text().await.unwrap();
    for day in ["2025-12-20", "2026-01-24"] {
        assert!(html.contains(day), "{day} with its year");
    }
}

#[tokio::test]
async fn an_unknown_or_revoked_link_says_so_in_the_same_words_with_the_schools_phone() {
    let app = spawn_app().await;
    let counselor = app.client_as(Some("counselor")).await;
    let (child, _) = paired_children(&app).await;
    let family = app.client_as(None).await;
    let token = new_link(&app, &counselor, child, "").await;
    revoke_latest(&app, &counselor, child).await;

    let mut pages = Vec::new();
    for token in [token.as_str(), "0123456789abcdef0123456789abcdef"] {
        let page = app.get_as(&family, &format!("/family/{token}")).await;
        assert_eq!(page.status(), 404, "{token}");
        let html = page.text().await.unwrap();
        assert!(html.contains("这个链接已经失效"), "{html}");
        assert!(html.contains("班主任或学校"), "whom to ask");
        assert!(html.contains("tel:0759-6612345"), "the school's phone");
        assert!(!html.contains("找不到该记录"), "not a bare not-found");
        let start = html.find(r#"data-testid="link-gone""#).expect("the notice");
        pages.push(html[start..].split("</section>").next().unwrap().to_owned());
    }
    assert_eq!(pages[0], pages[1], "a revoked link reads as an unknown one");

    // A message sent from the page as the link died comes back to that notice alone.
    let page = format!("{}/family/{token}", app.address);
    let sent = family
        .post(format!("{}/api/family/message", app.address))
        .header("content-type", "application/x-www-form-urlencoded")
        .header("accept", "text/html")
        .header("referer", &page)
        .body(format!(
            "token={token}&child={child}&body=%E8%80%81%E5%B8%88%E5%A5%BD"
        ))
        .send()
        .await
        .unwrap();
    let back = sent.headers()["location"].to_str().unwrap().to_owned();
    let html = app.get_as(&family, &back).await.text().await.unwrap();
    assert!(html.contains("这个链接已经失效"));
    assert!(!html.contains("找不到该记录"), "one notice, not two");
}
