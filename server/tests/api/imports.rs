//! Importing an .ics term calendar over HTTP: upload, preview, all-or-nothing commit.

use app::calendar::types::CalendarData;
use app::calendar::types::IcsPreview;

use crate::helpers::{spawn_app, TestApp};

/// The county bureau's autumn calendar: a start-of-term day, a weekly flag-raising with one
/// week off and one changed, and the exams — whose end comes before its start.
const BUREAU: &str = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//County Bureau//Term//ZH\r\n\
BEGIN:VEVENT\r\nUID:term-start@bureau\r\nDTSTAMP:20260801T000000Z\r\nSUMMARY:秋季学期开学\r\nDTSTART;VALUE=DATE:20260901\r\nEND:VEVENT\r\n\
BEGIN:VEVENT\r\nUID:flag@bureau\r\nDTSTAMP:20260801T000000Z\r\nSUMMARY:升旗仪式\r\nDTSTART:20260907T000000Z\r\nDURATION:PT30M\r\nRRULE:FREQ=WEEKLY;BYDAY=MO;UNTIL=20270115T160000Z\r\nEXDATE;TZID=Asia/Shanghai:20260921T080000\r\nEND:VEVENT\r\n\
BEGIN:VEVENT\r\nUID:flag@bureau\r\nRECURRENCE-ID;TZID=Asia/Shanghai:20260914T080000\r\nDTSTAMP:20260801T000000Z\r\nSUMMARY:升旗仪式（雨天改在礼堂）\r\nDTSTART;TZID=Asia/Shanghai:20260914T083000\r\nDTEND;TZID=Asia/Shanghai:20260914T090000\r\nEND:VEVENT\r\n\
BEGIN:VEVENT\r\nUID:exam@bureau\r\nDTSTAMP:20260801T000000Z\r\nSUMMARY:期末考试\r\nDTSTART;TZID=Asia/Shanghai:20270112T090000\r\nDTEND;TZID=Asia/Shanghai:20270112T080000\r\nEND:VEVENT\r\n\
END:VCALENDAR\r\n";

fn fixed() -> String {
    BUREAU.replace(
        "DTEND;TZID=Asia/Shanghai:20270112T080000",
        "DTEND;TZID=Asia/Shanghai:20270112T113000",
    )
}

async fn upload(app: &TestApp, client: &reqwest::Client, file: &str) -> reqwest::Response {
    app.post_multipart(
        client,
        "/api/calendar/import/upload",
        &[
            ("file", Some("autumn.ics"), file),
            ("category", None, "thematic"),
            ("audience", None, "school"),
            ("student_visible", None, "on"),
        ],
    )
    .await
}

/// The import the upload made, from its redirect to the preview page.
fn import_id(response: &reqwest::Response) -> i64 {
    let location = response.headers()["location"].to_str().unwrap();
    location
        .strip_prefix("/calendar/import/")
        .expect("the preview")
        .parse()
        .unwrap()
}

async fn preview(app: &TestApp, client: &reqwest::Client, id: i64) -> IcsPreview {
    let text = app
        .get_as(client, &format!("/api/calendar/import/preview?id={id}"))
        .await
        .text()
        .await
        .unwrap();
    serde_json::from_str(&text).unwrap_or_else(|_| panic!("{text}"))
}

async fn september(app: &TestApp, client: &reqwest::Client) -> Vec<(String, String)> {
    let data: CalendarData = serde_json::from_str(
        &app.get_as(client, "/api/calendar/events?date=2026-09-01&cat=thematic")
            .await
            .text()
            .await
            .unwrap(),
    )
    .unwrap();
    data.occurrences
        .into_iter()
        .filter(|o| o.title.contains("升旗") || o.title.contains("开学"))
        .map(|o| (o.start.format("%m-%d %H:%M").to_string(), o.title))
        .collect()
}

#[tokio::test]
async fn a_file_with_a_bad_row_imports_nothing_until_it_is_fixed() {
    let app = spawn_app().await;
    let counselor = app.client_as(Some("counselor")).await;
    let before = app.count("SELECT COUNT(*) FROM events").await;

    let bad = upload(&app, &counselor, BUREAU).await;
    assert!(
        bad.status().is_success() || bad.status().is_redirection(),
        "kept for the preview: {}",
        bad.status()
    );
    let id = import_id(&bad);
    let shown = preview(&app, &counselor, id).await;
    assert_eq!(shown.rows.len(), 4);
    assert_eq!(shown.totals(), (3, 0, 1));
    assert_eq!(
        shown.rows[3].problem,
        Some(app::error::ValidationError::EndBeforeStart)
    );
    let refused = app
        .post_form(
            &counselor,
            "/api/calendar/import/commit",
            &format!("id={id}"),
        )
        .await;
    assert_eq!(refused.status(), 400);
    assert!(refused.text().await.unwrap().contains("ImportHasProblems"));
    assert_eq!(
        app.count("SELECT COUNT(*) FROM events").await,
        before,
        "nothing imported"
    );

    let good = upload(&app, &counselor, &fixed()).await;
    let id = import_id(&good);
    assert_eq!(preview(&app, &counselor, id).await.totals(), (4, 0, 0));
    let done = app
        .post_form(
            &counselor,
            "/api/calendar/import/commit",
            &format!("id={id}"),
        )
        .await;
    assert_eq!(
        done.headers()["location"],
        "/calendar?view=month&date=2026-09-01&saved=1"
    );
    assert_eq!(app.count("SELECT COUNT(*) FROM events").await, before + 4);

    // In Beijing time; Sept 21 off; Sept 14 changed on its own.
    let student = app.client_as(Some("student")).await;
    assert_eq!(
        september(&app, &student).await,
        [
            ("09-01 00:00".to_owned(), "秋季学期开学".to_owned()),
            ("09-07 08:00".to_owned(), "升旗仪式".to_owned()),
            (
                "09-14 08:30".to_owned(),
                "升旗仪式（雨天改在礼堂）".to_owned()
            ),
            ("09-28 08:00".to_owned(), "升旗仪式".to_owned()),
        ]
    );

    // The same import twice is a conflict; the same file again adds nothing.
    let twice = app
        .post_form(
            &counselor,
            "/api/calendar/import/commit",
            &format!("id={id}"),
        )
        .await;
    assert_eq!(twice.status(), 409);
    let again = import_id(&upload(&app, &counselor, &fixed()).await);
    assert_eq!(preview(&app, &counselor, again).await.totals(), (0, 4, 0));
    app.post_form(
        &counselor,
        "/api/calendar/import/commit",
        &format!("id={again}"),
    )
    .await;
    assert_eq!(app.count("SELECT COUNT(*) FROM events").await, before + 4);
    assert_eq!(
        app.count("SELECT COUNT(*) FROM audit_log WHERE action LIKE 'commit_import%' AND outcome = 'success'").await,
        2
    );
}

#[tokio::test]
async fn uploads_are_for_the_schools_planners_and_only_calendar_files() {
    let app = spawn_app().await;
    let teacher = app.client_as(Some("teacher")).await;
    assert_eq!(upload(&app, &teacher, &fixed()).await.status(), 403);
    let admin = app.client_as(Some("admin")).await;
    let csv = upload(&app, &admin, "姓名,性别\n张三,男\n").await;
    assert_eq!(csv.status(), 400);
    assert!(csv.text().await.unwrap().contains("FileUnreadable"));
    // Not a file upload at all: refused before the function runs.
    let plain = app
        .post_form(&admin, "/api/calendar/import/upload", "category=thematic")
        .await;
    assert_eq!(plain.status(), 415);
    assert_eq!(app.count("SELECT COUNT(*) FROM calendar_imports").await, 0);
}

/// A page as a browser asking for `language` gets it.
async fn page(app: &TestApp, client: &reqwest::Client, path: &str, language: &str) -> String {
    app.page_in(client, path, language).await
}

const ONE_EVENT: &str = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//County Bureau//Term//ZH\r\n\
BEGIN:VEVENT\r\nUID:open-day@bureau\r\nDTSTAMP:20260801T000000Z\r\nSUMMARY:开放日\r\nDTSTART;VALUE=DATE:20261015\r\nEND:VEVENT\r\n\
END:VCALENDAR\r\n";

#[tokio::test]
async fn one_event_is_counted_as_one_in_english() {
    let app = spawn_app().await;
    let leader = app.client_as(Some("leader")).await;
    let id = import_id(&upload(&app, &leader, ONE_EVENT).await);
    let en = page(
        &app,
        &leader,
        &format!("/calendar/import/{id}"),
        "en-GB,en;q=0.9",
    )
    .await;
    assert!(en.contains(">1 entry: 1 new,"), "{en}");
    assert!(en.contains(">Import 1 event<"), "{en}");
    assert!(!en.contains("1 entries") && !en.contains("1 events"));
    app.post_form(&leader, "/api/calendar/import/commit", &format!("id={id}"))
        .await;
    let en = page(
        &app,
        &leader,
        &format!("/calendar/import/{id}"),
        "en-GB,en;q=0.9",
    )
    .await;
    assert!(en.contains("1 event was imported on"), "{en}");
}

#[tokio::test]
async fn an_imported_file_says_what_was_imported_and_one_with_nothing_new_offers_no_import() {
    let app = spawn_app().await;
    let counselor = app.client_as(Some("counselor")).await;
    let id = import_id(&upload(&app, &counselor, &fixed()).await);
    app.post_form(
        &counselor,
        "/api/calendar/import/commit",
        &format!("id={id}"),
    )
    .await;

    // Reopened: what was imported, not its rows read again as if they were new.
    let done = preview(&app, &counselor, id).await;
    assert_eq!(done.committed.as_ref().map(|(_, n)| *n), Some(4));
    assert_eq!(done.rows, []);
    let zh = page(&app, &counselor, &format!("/calendar/import/{id}"), "zh-CN").await;
    assert!(zh.contains("导入 4 个活动"), "{zh}");
    for not_said in ["将导入", "import-totals", "确认导入"] {
        assert!(!zh.contains(not_said), "{not_said}");
    }

    // The same file again: nothing new, and no button that would import nothing.
    let again = import_id(&upload(&app, &counselor, &fixed()).await);
    assert_eq!(preview(&app, &counselor, again).await.totals(), (0, 4, 0));
    let zh = page(
        &app,
        &counselor,
        &format!("/calendar/import/{again}"),
        "zh-CN",
    )
    .await;
    assert!(!zh.contains("确认导入"), "no 确认导入 0 个活动");
    assert!(zh.contains("没有需要导入的新活动"));
}
