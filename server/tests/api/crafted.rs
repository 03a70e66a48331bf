//! Crafted files at the upload forms: refused with a message, and the server stays up.

use crate::helpers::spawn_app;

const CORNERS: &[u8] = include_bytes!("../../../fixtures/rosters/corners.xlsx");
const BOMB: &[u8] = include_bytes!("../../../fixtures/rosters/bomb.xlsx");
const FULL_WIDTH: &[u8] = include_bytes!("../../../fixtures/rosters/fullwidth.xlsx");

#[tokio::test]
async fn a_crafted_roster_is_refused_and_everyone_else_carries_on() {
    let app = spawn_app().await;
    let admin = app.client_as(Some("admin")).await;
    let before = app.count("SELECT COUNT(*) FROM roster_imports").await;
    for (name, bytes) in [("corners.xlsx", CORNERS), ("bomb.xlsx", BOMB)] {
        let refused = app
            .post_file(&admin, "/api/children/import/upload", name, bytes)
            .await;
        assert_eq!(refused.status(), 400, "{name}");
        assert!(
            refused.text().await.unwrap().contains("FileTooLarge"),
            "{name}: 文件太大"
        );
    }
    assert_eq!(
        app.count("SELECT COUNT(*) FROM roster_imports").await,
        before,
        "nothing stored"
    );
    // The server is still there for the next user.
    let teacher = app.client_as(Some("teacher")).await;
    assert_eq!(app.get_as(&teacher, "/calendar").await.status(), 200);
}

#[tokio::test]
async fn a_roster_typed_with_full_width_digits_imports() {
    let app = spawn_app().await;
    let admin = app.client_as(Some("admin")).await;
    let uploaded = app
        .post_file(
            &admin,
            "/api/children/import/upload",
            "三年级二班.xlsx",
            FULL_WIDTH,
        )
        .await;
    assert!(
        uploaded.status().is_success() || uploaded.status().is_redirection(),
        "{}",
        uploaded.status()
    );
    let preview = uploaded.headers()["location"].to_str().unwrap().to_owned();
    let page = app.get_as(&admin, &preview).await.text().await.unwrap();
    assert!(page.contains("王小明"));
    assert!(!page.contains("import-problem"), "no row has a problem");
}

#[tokio::test]
async fn a_calendar_nested_seventy_thousand_deep_is_refused_and_the_server_stays_up() {
    let app = spawn_app().await;
    let leader = app.client_as(Some("leader")).await;
    let deep = format!(
        "BEGIN:VCALENDAR\r\n{}{}END:VCALENDAR\r\n",
        "BEGIN:VEVENT\r\n".repeat(70_000),
        "END:VEVENT\r\n".repeat(70_000)
    );
    let refused = app
        .post_multipart(
            &leader,
            "/api/calendar/import/upload",
            &[
                ("file", Some("deep.ics"), &deep),
                ("category", None, "thematic"),
                ("audience", None, "school"),
            ],
        )
        .await;
    assert_eq!(refused.status(), 400);
    assert!(refused.text().await.unwrap().contains("FileUnreadable"));
    assert_eq!(app.get_as(&leader, "/calendar").await.status(), 200);
}
