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

/// Makes `a` and `b` brother and sister as the desk knows them: one mother's phone on both
/// files (a family name alone is not enough).
async fn same_household(app: &TestApp, a: i64, b: i64) {
    sqlx::query("UPDATE children SET mother_phone = '13700002222' WHERE id IN (?, ?)")
        .bind(a)
        .bind(b)
        .execute(&app.pool)
        .await
        .unwrap();
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

/// The page a family's phone comes back to after posting `body` to `path` from the family's
/// page (a browser without JavaScript: the redirect, then the page).
async fn posted_from_page(
    app: &TestApp,
    family: &reqwest::Client,
    token: &str,
    path: &str,
    body: &str,
) -> String {
    let page = format!("{}/family/{token}", app.address);
    let sent = family
        .post(format!("{}{path}", app.address))
        .header("content-type", "application/x-www-form-urlencoded")
        .header("accept", "text/html")
        .header("referer", &page)
        .body(body.to_owned())
        .send()
        .await
        .unwrap();
    let back = sent.headers()["location"].to_str().unwrap().to_owned();
    app.get_as(family, &back).await.text().await.unwrap()
}

/// The text of the element that begins at `marker` in `html`, tags and Leptos' markers
/// taken out.
/// The page at `path`, as `client` reads it.
async fn page_at(app: &TestApp, client: &reqwest::Client, path: &str) -> String {
    app.get_as(client, path).await.text().await.unwrap()
}

/// The counselor accepts the first proposal on the child's `desk`, as its button does.
async fn accept_first(app: &TestApp, counselor: &reqwest::Client, desk: &Value) {
    let accept = format!(
        "proposal={}&accept=1&file_version={}&window_version={}",
        desk["proposals"][0]["id"], desk["file_version"], desk["window_version"]
    );
    assert!(ok(app
        .post_form(counselor, "/api/family/decide", &accept)
        .await
        .status()));
}

fn text_at(html: &str, marker: &str, end: &str) -> String {
    let start = html
        .find(marker)
        .unwrap_or_else(|| panic!("{marker} in page"));
    let part = &html[start..];
    let part = &part[..part.find(end).unwrap_or(part.len())];
    let mut text = String::new();
    let mut in_tag = false;
    for c in part.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    text
}

#[tokio::test]
async fn a_household_link_shows_its_children_only_and_dies_when_revoked_or_the_child_leaves() {
    let app = spawn_app().await;
    let counselor = app.client_as(Some("counselor")).await;
    let (child, sibling) = paired_children(&app).await;
    let family = app.client_as(None).await;
    // Another family's child, though paired with the same counselor, is refused (audited):
    // a link reaches the brothers and sisters the desk offers, and no one else.
    let stranger = format!("&siblings[]={sibling}");
    let refused = app
        .post_form(
            &counselor,
            "/api/family/link",
            &format!("child={child}{stranger}"),
        )
        .await;
    assert_eq!(refused.status(), 403);
    assert_eq!(
        app.count("SELECT COUNT(*) FROM family_links").await,
        0,
        "no link made"
    );
    assert_eq!(
        app.count(&format!(
            "SELECT COUNT(*) FROM audit_log WHERE username = 'counselor'
             AND action = 'write_child_file' AND outcome = 'denied' AND record_id = {sibling}"
        ))
        .await,
        1,
        "the refusal is audited, naming the child"
    );
    // Nor does one family name: a village has whole groups of it.
    sqlx::query(
        "UPDATE children SET name = (SELECT substr(name, 1, 1) FROM children WHERE id = ?)
         || substr(name, 2) WHERE id = ?",
    )
    .bind(child)
    .bind(sibling)
    .execute(&app.pool)
    .await
    .unwrap();
    let same_name = app
        .post_form(
            &counselor,
            "/api/family/link",
            &format!("child={child}{stranger}"),
        )
        .await;
    assert_eq!(same_name.status(), 403, "a family name alone");
    same_household(&app, child, sibling).await;

    let token = new_link(&app, &counselor, child, &stranger).await;
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
    // Sent twice (Back, then send again): one message.
    for _ in 0..2 {
        assert!(ok(app
            .post_form(&family, "/api/family/message", &message)
            .await
            .status()));
    }
    assert_eq!(
        app.count(&format!(
            "SELECT COUNT(*) FROM family_messages WHERE child_id = {child}"
        ))
        .await,
        1
    );
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

    // Only the mother is away: her place is the parents' place on file.
    sqlx::query("UPDATE children SET parents_away = 'mother' WHERE id = ?")
        .bind(child)
        .execute(&app.pool)
        .await
        .unwrap();
    let before: Option<String> =
        sqlx::query_scalar("SELECT mother_phone FROM children WHERE id = ?")
            .bind(child)
            .fetch_one(&app.pool)
            .await
            .unwrap();
    let proposal = format!(
        "token={token}&child={child}&parent=mother&phone=%2B971+50+123+4567&work_city=%E8%BF%AA%E6%8B%9C\
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
    // The call window on file beside the proposed one, with the staff's note.
    let (from, note): (String, String) =
        sqlx::query_as("SELECT from_time, note FROM call_windows WHERE child_id = ?")
            .bind(child)
            .fetch_one(&app.pool)
            .await
            .unwrap();
    assert_eq!(desk["proposals"][0]["window_now"]["from"], from.as_str());
    assert_eq!(desk["proposals"][0]["window_now"]["note"], note.as_str());
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
    let (phone, province, city): (Option<String>, Option<String>, Option<String>) =
        sqlx::query_as("SELECT mother_phone, work_province, work_city FROM children WHERE id = ?")
            .bind(child)
            .fetch_one(&app.pool)
            .await
            .unwrap();
    assert_eq!(
        phone.as_deref(),
        Some("+971501234567"),
        "a mother working in Dubai gives her number there"
    );
    assert_eq!(
        (province.as_deref(), city.as_deref()),
        (None, Some("迪拜")),
        "no province left from before"
    );
    // The family sees what they sent and what became of it, in their own words only.
    let html = page_at(&app, &family, &format!("/family/{token}")).await;
    let proposed = text_at(&html, "data-testid=\"proposed\"", "</ul>");
    assert!(proposed.contains("已记入档案"), "{proposed}");
    assert!(proposed.contains("+971501234567"), "{proposed}");
    assert!(!proposed.contains("等老师确认"), "{proposed}");
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
    let note = |n: u32| format!("token={token}&child={child}&body=ok+{n}");
    for n in 0..20 {
        assert!(ok(app
            .post_form(&family, "/api/family/message", &note(n))
            .await
            .status()));
    }
    assert_eq!(
        app.post_form(&family, "/api/family/message", &note(20))
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
        assert!(html.contains("孩子的结对老师或学校"), "whom to ask");
        assert!(html.contains("tel:0759-6612345"), "the school's phone");
        assert!(!html.contains("找不到该记录"), "not a bare not-found");
        let start = html.find(r#"data-testid="link-gone""#).expect("the notice");
        pages.push(html[start..].split("</section>").next().unwrap().to_owned());
    }
    assert_eq!(pages[0], pages[1], "a revoked link reads as an unknown one");

    // A message sent from the page as the link died comes back to that notice alone.
    let html = posted_from_page(
        &app,
        &family,
        &token,
        "/api/family/message",
        &format!("token={token}&child={child}&body=%E8%80%81%E5%B8%88%E5%A5%BD"),
    )
    .await;
    assert!(html.contains("这个链接已经失效"));
    assert!(!html.contains("找不到该记录"), "one notice, not two");
}

#[tokio::test]
async fn a_work_place_from_the_family_replaces_the_whole_place_on_file() {
    let app = spawn_app().await;
    let counselor = app.client_as(Some("counselor")).await;
    let (child, _) = paired_children(&app).await;
    let family = app.client_as(None).await;
    let token = new_link(&app, &counselor, child, "").await;
    sqlx::query(
        "UPDATE children SET parents_away = 'father', work_province = '江苏', work_city = '苏州'
         WHERE id = ?",
    )
    .bind(child)
    .execute(&app.pool)
    .await
    .unwrap();

    let proposal = |place: &str| {
        serde_urlencoded::to_string([
            ("token", token.as_str()),
            ("child", &child.to_string()),
            ("parent", "father"),
            ("work_city", place),
        ])
        .unwrap()
    };
    assert!(ok(app
        .post_form(&family, "/api/family/propose", &proposal("广东 东莞"))
        .await
        .status()));
    // The counselor sees the whole place on file beside the family's words.
    let desk = json(&app, &counselor, &format!("/api/family/desk?child={child}")).await;
    assert_eq!(desk["proposals"][0]["work_place_now"], "江苏 苏州");
    let html = page_at(&app, &counselor, &format!("/family/desk/{child}")).await;
    assert!(html.contains("档案中现为：江苏 苏州"), "the province too");

    accept_first(&app, &counselor, &desk).await;
    let file = page_at(&app, &counselor, &format!("/children/{child}")).await;
    let shown = text_at(&file, "<dt>务工城市</dt>", "</dd>");
    assert_eq!(
        shown, "务工城市广东 东莞",
        "what the family said, nothing stale"
    );

    // A place with no province takes the old province away with it.
    assert!(ok(app
        .post_form(&family, "/api/family/propose", &proposal("迪拜"))
        .await
        .status()));
    let desk = json(&app, &counselor, &format!("/api/family/desk?child={child}")).await;
    assert_eq!(desk["proposals"][0]["work_place_now"], "广东 东莞");
    accept_first(&app, &counselor, &desk).await;
    let file = page_at(&app, &counselor, &format!("/children/{child}")).await;
    assert_eq!(text_at(&file, "<dt>务工城市</dt>", "</dd>"), "务工城市迪拜");

    // A place named like another province: the counselor sees how it will be filed.
    assert!(ok(app
        .post_form(
            &family,
            "/api/family/propose",
            &proposal("海南藏族自治州 共和县")
        )
        .await
        .status()));
    let html = page_at(&app, &counselor, &format!("/family/desk/{child}")).await;
    assert!(
        html.contains("记入档案为：青海 海南藏族自治州 共和县"),
        "in 青海, not the province 海南"
    );
    let desk = json(&app, &counselor, &format!("/api/family/desk?child={child}")).await;
    accept_first(&app, &counselor, &desk).await;
    let file = page_at(&app, &counselor, &format!("/children/{child}")).await;
    assert_eq!(
        text_at(&file, "<dt>务工城市</dt>", "</dd>"),
        "务工城市青海 海南藏族自治州 共和县"
    );
}

#[tokio::test]
async fn a_mothers_new_work_place_is_kept_beside_the_fathers_not_over_it() {
    let app = spawn_app().await;
    let counselor = app.client_as(Some("counselor")).await;
    let (child, _) = paired_children(&app).await;
    let family = app.client_as(None).await;
    let token = new_link(&app, &counselor, child, "").await;
    sqlx::query(
        "UPDATE children SET parents_away = 'both', work_province = '江苏', work_city = '苏州',
                mother_work_place = NULL WHERE id = ?",
    )
    .bind(child)
    .execute(&app.pool)
    .await
    .unwrap();
    let propose = |parent: &str, place: &str| {
        serde_urlencoded::to_string([
            ("token", token.as_str()),
            ("child", &child.to_string()),
            ("parent", parent),
            ("work_city", place),
        ])
        .unwrap()
    };
    let work_on_file = || async {
        let file = page_at(&app, &counselor, &format!("/children/{child}")).await;
        text_at(&file, "<dt>务工城市</dt>", "</dd>")
    };

    assert!(ok(app
        .post_form(&family, "/api/family/propose", &propose("mother", "迪拜"))
        .await
        .status()));
    let desk = json(&app, &counselor, &format!("/api/family/desk?child={child}")).await;
    assert_eq!(
        desk["proposals"][0]["work_place_now"], "江苏 苏州",
        "the mother's place on file: the parents' one"
    );
    accept_first(&app, &counselor, &desk).await;
    assert_eq!(work_on_file().await, "务工城市父亲 江苏 苏州；母亲 迪拜");

    // The father's new place leaves the mother's as it is.
    assert!(ok(app
        .post_form(
            &family,
            "/api/family/propose",
            &propose("father", "广东 东莞")
        )
        .await
        .status()));
    let desk = json(&app, &counselor, &format!("/api/family/desk?child={child}")).await;
    assert_eq!(desk["proposals"][0]["work_place_now"], "江苏 苏州");
    accept_first(&app, &counselor, &desk).await;
    assert_eq!(work_on_file().await, "务工城市父亲 广东 东莞；母亲 迪拜");
    let card = page_at(&app, &counselor, &format!("/children/cards?child={child}")).await;
    assert!(
        card.contains("父亲 广东 东莞；母亲 迪拜"),
        "the contact card too"
    );

    // The mother joins him: one place again.
    assert!(ok(app
        .post_form(
            &family,
            "/api/family/propose",
            &propose("mother", "广东东莞")
        )
        .await
        .status()));
    let desk = json(&app, &counselor, &format!("/api/family/desk?child={child}")).await;
    assert_eq!(desk["proposals"][0]["work_place_now"], "迪拜");
    accept_first(&app, &counselor, &desk).await;
    assert_eq!(work_on_file().await, "务工城市广东 东莞");
}

#[tokio::test]
async fn a_call_time_without_its_days_is_refused_with_a_question_not_dropped() {
    let app = spawn_app().await;
    let counselor = app.client_as(Some("counselor")).await;
    let (child, _) = paired_children(&app).await;
    let family = app.client_as(None).await;
    let token = new_link(&app, &counselor, child, "").await;
    let form = |extra: &str| {
        format!("token={token}&child={child}&parent=mother&from=19:00&to=19:30&zone=Asia/Shanghai{extra}")
    };

    // A phone and a new time, no day ticked: nothing is sent, and the parent is asked.
    let refused = app
        .post_form(&family, "/api/family/propose", &form("&phone=13900001111"))
        .await;
    assert_eq!(refused.status(), 400);
    let html = posted_from_page(
        &app,
        &family,
        &token,
        "/api/family/propose",
        &form("&phone=13900001111"),
    )
    .await;
    assert!(html.contains("请再勾选是星期几"), "asked which days");
    // A place to call in, no phone, no day: the same question, not "fill in one".
    let dubai =
        format!("token={token}&child={child}&parent=mother&from=20:00&to=21:00&zone=Asia/Dubai");
    let html = posted_from_page(&app, &family, &token, "/api/family/propose", &dubai).await;
    assert!(html.contains("请再勾选是星期几"), "asked which days");
    assert!(!html.contains("请至少填写一项"), "a time was filled");
    assert_eq!(
        app.count("SELECT COUNT(*) FROM family_proposals").await,
        0,
        "nothing half-sent"
    );

    // The form as it comes, the phone alone: sent, the time not read into it.
    let untouched = format!(
        "token={token}&child={child}&parent=mother&phone=13900001111&from=20:00&to=21:00&zone=Asia/Shanghai"
    );
    assert!(ok(app
        .post_form(&family, "/api/family/propose", &untouched)
        .await
        .status()));
    // With its day, the time reaches the counselor, its place in one kind of bracket.
    assert!(ok(app
        .post_form(
            &family,
            "/api/family/propose",
            &format!("{dubai}&weekday[]=5")
        )
        .await
        .status()));
    let html = page_at(&app, &counselor, &format!("/family/desk/{child}")).await;
    assert!(html.contains("周五 20:00–21:00，阿联酋（迪拜）"), "{html}");
    assert!(!html.contains("(阿联酋"), "no mixed brackets");
}

#[tokio::test]
async fn a_counselor_tells_a_childs_links_apart_and_parents_are_told_whom_to_ask() {
    let app = spawn_app().await;
    let counselor = app.client_as(Some("counselor")).await;
    let (child, _) = paired_children(&app).await;
    let family = app.client_as(None).await;
    let first = new_link(&app, &counselor, child, "").await;
    let second = new_link(&app, &counselor, child, "").await;
    assert_eq!(
        app.get_as(&family, &format!("/family/{first}"))
            .await
            .status(),
        200
    );
    let who: String =
        sqlx::query_scalar("SELECT display_name FROM users WHERE username = 'counselor'")
            .fetch_one(&app.pool)
            .await
            .unwrap();

    let html = page_at(&app, &counselor, &format!("/family/desk/{child}")).await;
    let links: Vec<String> = html
        .split("<li data-link=")
        .skip(1)
        .map(|li| text_at(li, "", "</li>"))
        .collect();
    assert_eq!(links.len(), 2, "{html}");
    assert_ne!(links[0], links[1], "each link reads differently");
    for link in &links {
        assert!(link.contains("号链接"), "{link}");
        assert!(link.contains(&format!("{who}生成于")), "{link}");
    }
    assert!(links[1].contains("打开1次"), "the one the family opened");
    assert!(links[0].contains("还没有打开过"));
    for token in [&first, &second] {
        assert!(!html.contains(token.as_str()), "a secret shown once only");
    }

    // The live page and a dead one name the same people to ask.
    let live = page_at(&app, &family, &format!("/family/{first}")).await;
    assert!(live.contains("请联系孩子的结对老师或学校"), "{live}");
    revoke_latest(&app, &counselor, child).await;
    let dead = page_at(&app, &family, &format!("/family/{second}")).await;
    assert!(dead.contains("请联系孩子的结对老师或学校"), "{dead}");
}

#[tokio::test]
async fn parents_see_their_own_last_messages_and_whether_the_teacher_read_them() {
    let app = spawn_app().await;
    let counselor = app.client_as(Some("counselor")).await;
    let (child, _) = paired_children(&app).await;
    let family = app.client_as(None).await;
    let token = new_link(&app, &counselor, child, "").await;
    let other = new_link(&app, &counselor, child, "").await;

    for body in ["one", "two", "three", "four"] {
        let sent = format!("token={token}&child={child}&body={body}");
        assert!(ok(app
            .post_form(&family, "/api/family/message", &sent)
            .await
            .status()));
    }
    let html = posted_from_page(
        &app,
        &family,
        &token,
        "/api/family/message",
        &format!("token={token}&child={child}&body=%E5%AD%A9%E5%AD%90%E6%9C%80%E8%BF%91%E5%A5%BD%E5%90%97"),
    )
    .await;
    assert!(html.contains("已发送"));
    let sent = text_at(&html, r#"data-testid="sent""#, "</ul>");
    assert!(sent.contains("孩子最近好吗"), "{sent}");
    assert!(sent.contains("老师还没看到"), "{sent}");
    assert!(
        sent.contains(&crate::helpers::school_today()),
        "dated: {sent}"
    );

    let page = json(&app, &family, &format!("/api/family/page?token={token}")).await;
    let shown: Vec<&str> = page["Page"]["children"][0]["sent"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["body"].as_str().unwrap())
        .collect();
    assert_eq!(
        shown,
        ["孩子最近好吗", "four", "three"],
        "the last few, newest first"
    );

    // Read once the counselor opens the family's page.
    json(&app, &counselor, &format!("/api/family/desk?child={child}")).await;
    let html = page_at(&app, &family, &format!("/family/{token}")).await;
    let sent = text_at(&html, r#"data-testid="sent""#, "</ul>");
    assert!(
        sent.contains("老师已读") && !sent.contains("老师还没看到"),
        "{sent}"
    );

    // Another link of the same child does not show this household's messages.
    let elsewhere = json(&app, &family, &format!("/api/family/page?token={other}")).await;
    assert_eq!(
        elsewhere["Page"]["children"][0]["sent"],
        serde_json::json!([])
    );
}

#[tokio::test]
async fn a_parents_new_number_is_proposed_once_for_each_child_of_the_household_ticked() {
    let app = spawn_app().await;
    let counselor = app.client_as(Some("counselor")).await;
    let (child, sibling) = paired_children(&app).await;
    same_household(&app, child, sibling).await;
    let token = new_link(&app, &counselor, child, &format!("&siblings[]={sibling}")).await;
    let family = app.client_as(None).await;
    let stranger = app
        .count(&format!(
            "SELECT MIN(id) FROM children WHERE id NOT IN ({child}, {sibling})"
        ))
        .await;
    let proposal = |also: &str| {
        format!("token={token}&child={child}{also}&parent=father&phone=13911112222&work_city=%E5%B9%BF%E4%B8%9C+%E4%B8%9C%E8%8E%9E")
    };

    // Another family's child among those ticked: refused, and nothing is proposed at all.
    let refused = app
        .post_form(
            &family,
            "/api/family/propose",
            &proposal(&format!("&also[]={sibling}&also[]={stranger}")),
        )
        .await;
    assert_eq!(refused.status(), 404);
    assert_eq!(app.count("SELECT COUNT(*) FROM family_proposals").await, 0);

    let sent = app
        .post_form(
            &family,
            "/api/family/propose",
            &proposal(&format!("&also[]={sibling}&also[]={child}")),
        )
        .await;
    assert!(ok(sent.status()), "{}", sent.status());
    // The phone's Back, then send again: the same proposals, not two more.
    let again = app
        .post_form(
            &family,
            "/api/family/propose",
            &proposal(&format!("&also[]={sibling}")),
        )
        .await;
    assert!(ok(again.status()), "{}", again.status());
    for id in [child, sibling] {
        let desk = json(&app, &counselor, &format!("/api/family/desk?child={id}")).await;
        let proposals = desk["proposals"].as_array().expect("proposals");
        assert_eq!(proposals.len(), 1, "one proposal on child {id}'s desk");
        assert_eq!(proposals[0]["phone"], "13911112222");
    }
    assert_eq!(
        app.count(
            "SELECT COUNT(DISTINCT action) FROM audit_log WHERE action LIKE 'family_proposal %,% link %'"
        )
        .await,
        1,
        "each send's audit row names the same two proposals"
    );

    // The parents' page offers the form once, with the brother or sister ticked.
    let html = app
        .get_as(&family, &format!("/family/{token}"))
        .await
        .text()
        .await
        .unwrap();
    assert_eq!(html.matches("action=\"/api/family/propose\"").count(), 1);
    assert!(html.contains(&format!("name=\"also[]\" value=\"{sibling}\" checked")));
}
