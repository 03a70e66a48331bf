//! Children's files over HTTP: who sees which fields, editing with conflicts and checks,
//! the roster import's dry run and all-or-nothing commit, and the export.

use app::children::import_api::RosterCheck;
use app::children::types::{ChildFile, ChildList};

use crate::helpers::{spawn_app, TestApp};

async fn list(app: &TestApp, client: &reqwest::Client, query: &str) -> ChildList {
    let text = app
        .get_as(client, &format!("/api/children/list?{query}"))
        .await
        .text()
        .await
        .unwrap();
    serde_json::from_str(&text).unwrap_or_else(|_| panic!("{text}"))
}

/// (id, class id) of the first child of class 3-2 and of another class.
async fn children(app: &TestApp) -> ((i64, i64), (i64, i64)) {
    let own: (i64, i64) = sqlx::query_as(
        "SELECT c.id, c.class_id FROM children c JOIN classes k ON k.id = c.class_id
         WHERE k.grade = 3 AND k.number = 2 AND c.left_behind = 'full' ORDER BY c.id LIMIT 1",
    )
    .fetch_one(&app.pool)
    .await
    .unwrap();
    let other: (i64, i64) = sqlx::query_as(
        "SELECT c.id, c.class_id FROM children c JOIN classes k ON k.id = c.class_id WHERE k.grade = 5 ORDER BY c.id LIMIT 1",
    )
    .fetch_one(&app.pool)
    .await
    .unwrap();
    (own, other)
}

#[tokio::test]
async fn a_teacher_sees_their_class_name_class_and_guardian_phone_only() {
    let app = spawn_app().await;
    let teacher = app.client_as(Some("teacher")).await;
    let ((own, _), (other, _)) = children(&app).await;
    let shown = list(&app, &teacher, "").await;
    assert!(shown
        .rows
        .iter()
        .all(|r| r.class.grade == 3 && r.class.number == 2));
    assert!(shown
        .rows
        .iter()
        .all(|r| r.birth_date.is_none() && r.gender.is_none() && r.counselor.is_none()));
    assert!(!shown.full_fields && !shown.can_write);

    let text = app
        .get_as(&teacher, &format!("/api/children/get?id={own}"))
        .await
        .text()
        .await
        .unwrap();
    let file: ChildFile = serde_json::from_str(&text).unwrap();
    assert!(
        file.birth_date.is_none() && file.home_address.is_none() && file.father_phone.is_none()
    );
    assert!(file
        .guardians
        .iter()
        .all(|g| g.name.is_empty() && g.address.is_none() && g.phone.is_some()));
    assert!(
        !text.contains("深水洞村"),
        "no address reaches the teacher: {text}"
    );

    assert_eq!(
        app.get_as(&teacher, &format!("/api/children/get?id={other}"))
            .await
            .status(),
        403
    );
    assert_eq!(
        app.get_as(&teacher, &format!("/children/{other}"))
            .await
            .status(),
        403
    );
    let student = app.client_as(Some("student")).await;
    assert_eq!(
        app.get_as(&student, "/api/children/list").await.status(),
        403
    );
    assert!(
        app.count(&format!("SELECT COUNT(*) FROM audit_log WHERE action = 'read_child_file {own}' AND username = 'teacher'")).await >= 1,
        "reads are audited"
    );
}

fn form(class_id: i64, version: i64, id: i64, father_phone: &str) -> String {
    serde_urlencoded::to_string([
        ("id", id.to_string().as_str()),
        ("version", &version.to_string()),
        ("name", "王小雨"),
        ("gender", "female"),
        ("birth_date", "2017-03-09"),
        ("class_id", &class_id.to_string()),
        ("left_behind", "full"),
        ("parents_away", "both"),
        ("work_province", "广东"),
        ("work_city", "东莞"),
        ("father_phone", father_phone),
        ("g1_name", "王奶奶"),
        ("g1_relation", "grandparent"),
        ("g1_phone", "0851-2345678"),
        ("consent_date", "2026-11-20"),
    ])
    .unwrap()
}

#[tokio::test]
async fn a_counselor_edits_a_paired_childs_file_and_a_stale_or_bad_save_changes_nothing() {
    let app = spawn_app().await;
    let counselor = app.client_as(Some("counselor")).await;
    let (paired, class_id): (i64, i64) = sqlx::query_as(
        "SELECT c.id, c.class_id FROM counselor_children cc JOIN children c ON c.id = cc.child_id
         JOIN users u ON u.id = cc.user_id WHERE u.username = 'counselor' ORDER BY c.id LIMIT 1",
    )
    .fetch_one(&app.pool)
    .await
    .unwrap();
    let shown = list(&app, &counselor, "").await;
    assert_eq!(shown.total, 10, "the ten paired children");

    let bad = app
        .post_form(
            &counselor,
            "/api/children/save",
            &form(class_id, 1, paired, "12345"),
        )
        .await;
    assert_eq!(bad.status(), 400);
    assert!(bad.text().await.unwrap().contains("PhoneInvalid"));
    let saved = app
        .post_form(
            &counselor,
            "/api/children/save",
            &form(class_id, 1, paired, "138 0013 8000"),
        )
        .await;
    assert!(
        saved.status().is_success() || saved.status().is_redirection(),
        "{}",
        saved.status()
    );
    let (name, phone, by): (String, String, String) = sqlx::query_as(
        "SELECT c.name, c.father_phone, u.username FROM children c JOIN users u ON u.id = c.consent_recorded_by WHERE c.id = ?",
    )
    .bind(paired)
    .fetch_one(&app.pool)
    .await
    .unwrap();
    assert_eq!(
        (name.as_str(), phone.as_str(), by.as_str()),
        ("王小雨", "13800138000", "counselor")
    );
    let stale = app
        .post_form(
            &counselor,
            "/api/children/save",
            &form(class_id, 1, paired, "13900139000"),
        )
        .await;
    assert_eq!(stale.status(), 409);

    let other = app
        .count("SELECT id FROM children WHERE id NOT IN (SELECT child_id FROM counselor_children) ORDER BY id LIMIT 1")
        .await;
    let refused = app
        .post_form(
            &counselor,
            "/api/children/save",
            &form(class_id, 1, other, "13800138000"),
        )
        .await;
    assert_eq!(refused.status(), 403);
    let new = app
        .post_form(
            &counselor,
            "/api/children/save",
            &form(class_id, 0, 0, "13800138000"),
        )
        .await;
    assert_eq!(new.status(), 403, "only the admin adds children");
}

/// A class 3-2 roster as Excel in China saves it: GBK, Chinese headers, one bad row.
fn roster(bad: bool) -> Vec<u8> {
    let birth = if bad { "2017-02-30" } else { "2017-02-28" };
    let text = format!(
        "姓名,性别,出生日期,年级,班级,留守类型,务工地,监护人,与学生关系,联系电话,家庭住址\r\n\
         赵一诺,女,2017/5/6,3,2,全留守,广东 东莞,赵奶奶,奶奶,13812345678,深水洞村二组\r\n\
         钱多多,男,{birth},3,2,非留守,,钱爸爸,父亲,0851-2345678,深水洞村三组\r\n"
    );
    encoding_rs::GBK.encode(&text).0.into_owned()
}

async fn upload(app: &TestApp, client: &reqwest::Client, bytes: &[u8]) -> reqwest::Response {
    // The test's multipart helper takes text: GBK bytes go through as Latin-1 would not, so
    // send them raw here.
    const BOUNDARY: &str = "----roster-boundary";
    let mut body = format!(
        "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"3-2.csv\"\r\nContent-Type: text/csv\r\n\r\n"
    )
    .into_bytes();
    body.extend_from_slice(bytes);
    body.extend_from_slice(format!("\r\n--{BOUNDARY}--\r\n").as_bytes());
    client
        .post(format!("{}/api/children/import/upload", app.address))
        .header(
            "content-type",
            format!("multipart/form-data; boundary={BOUNDARY}"),
        )
        .body(body)
        .send()
        .await
        .unwrap()
}

async fn check(app: &TestApp, client: &reqwest::Client, id: i64) -> RosterCheck {
    let text = app
        .get_as(client, &format!("/api/children/import/check?id={id}"))
        .await
        .text()
        .await
        .unwrap();
    serde_json::from_str(&text).unwrap_or_else(|_| panic!("{text}"))
}

fn import_id(response: &reqwest::Response) -> i64 {
    let location = response.headers()["location"].to_str().unwrap();
    location
        .strip_prefix("/children/import/")
        .unwrap()
        .parse()
        .unwrap()
}

#[tokio::test]
async fn a_gbk_roster_with_a_bad_row_imports_nothing_until_fixed() {
    let app = spawn_app().await;
    let admin = app.client_as(Some("admin")).await;
    let before = app.count("SELECT COUNT(*) FROM children").await;

    let id = import_id(&upload(&app, &admin, &roster(true)).await);
    let checked = check(&app, &admin, id).await;
    assert_eq!(checked.totals, (1, 0, 1));
    let bad = &checked.lines[0];
    assert_eq!(bad.number, 3, "the sheet's row 3");
    assert_eq!(bad.name, "钱多多");
    assert_eq!(
        bad.problem,
        Some((
            Some("出生日期".to_owned()),
            app::error::ValidationError::BirthDateInvalid
        ))
    );
    let refused = app
        .post_form(&admin, "/api/children/import/commit", &format!("id={id}"))
        .await;
    assert_eq!(refused.status(), 400);
    assert_eq!(
        app.count("SELECT COUNT(*) FROM children").await,
        before,
        "nothing half-imported"
    );

    let fixed = import_id(&upload(&app, &admin, &roster(false)).await);
    assert_eq!(check(&app, &admin, fixed).await.totals, (2, 0, 0));
    let done = app
        .post_form(
            &admin,
            "/api/children/import/commit",
            &format!("id={fixed}"),
        )
        .await;
    assert!(
        done.status().is_success() || done.status().is_redirection(),
        "{}",
        done.status()
    );
    assert_eq!(app.count("SELECT COUNT(*) FROM children").await, before + 2);
    let (guardian, relation): (String, String) = sqlx::query_as(
        "SELECT g.name, g.relation FROM guardians g JOIN children c ON c.id = g.child_id WHERE c.name = '赵一诺'",
    )
    .fetch_one(&app.pool)
    .await
    .unwrap();
    assert_eq!(
        (guardian.as_str(), relation.as_str()),
        ("赵奶奶", "grandparent")
    );

    // Again: the two are on file now, and a committed roster stays committed.
    assert_eq!(
        app.post_form(
            &admin,
            "/api/children/import/commit",
            &format!("id={fixed}")
        )
        .await
        .status(),
        409
    );
    let again = import_id(&upload(&app, &admin, &roster(false)).await);
    assert_eq!(check(&app, &admin, again).await.totals, (0, 2, 0));

    let teacher = app.client_as(Some("teacher")).await;
    assert_eq!(upload(&app, &teacher, &roster(false)).await.status(), 403);
}

#[tokio::test]
async fn the_export_carries_only_what_the_user_may_see() {
    let app = spawn_app().await;
    let admin = app.client_as(Some("admin")).await;
    let csv = app.get_as(&admin, "/children/export.csv?status=full").await;
    assert_eq!(csv.status(), 200);
    assert!(csv.headers()["content-disposition"]
        .to_str()
        .unwrap()
        .contains("children.csv"));
    let bytes = csv.bytes().await.unwrap();
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"), "a BOM for Excel");
    let text = String::from_utf8(bytes[3..].to_vec()).unwrap();
    let mut lines = text.lines();
    assert!(lines.next().unwrap().starts_with("姓名,性别,出生日期"));
    assert_eq!(lines.count(), 94, "the full left-behind children");

    let teacher = app.client_as(Some("teacher")).await;
    let export = app.get_as(&teacher, "/children/export.csv").await;
    assert_eq!(export.status(), 200);
    let text = export.text().await.unwrap();
    let header = text
        .trim_start_matches('\u{feff}')
        .lines()
        .next()
        .unwrap()
        .to_owned();
    assert_eq!(header, "姓名,年级,班级,留守类型,联系电话");
    let class_size = app
        .count("SELECT COUNT(*) FROM children c JOIN classes k ON k.id = c.class_id WHERE k.grade = 3 AND k.number = 2")
        .await;
    assert!(class_size > 0);
    assert_eq!(text.lines().skip(1).count() as i64, class_size);
    assert!(
        text.lines().skip(1).all(|l| l.contains(",3,2,")),
        "class 3-2 only"
    );

    // The workbook, read back as the roster import reads one: class 1's children, by name.
    let xlsx = app.get_as(&admin, "/children/export.xlsx?class=1").await;
    assert_eq!(xlsx.status(), 200);
    let bytes = xlsx.bytes().await.unwrap();
    let sheet = app::children::roster::read_sheet(&bytes, "children.xlsx").unwrap();
    assert_eq!(sheet.headers[0], "姓名");
    let mut names: Vec<String> = sheet.rows.iter().map(|(_, row)| row[0].clone()).collect();
    let mut expected: Vec<String> =
        sqlx::query_scalar("SELECT name FROM children WHERE class_id = 1")
            .fetch_all(&app.pool)
            .await
            .unwrap();
    names.sort();
    expected.sort();
    assert!(!expected.is_empty());
    assert_eq!(names, expected);

    let student = app.client_as(Some("student")).await;
    assert_eq!(
        app.get_as(&student, "/children/export.csv").await.status(),
        403
    );
}

#[tokio::test]
async fn an_oversized_upload_goes_back_to_its_form_with_a_clear_error() {
    let app = spawn_app().await;
    let admin = app.client_as(Some("admin")).await;
    let huge = "姓名,性别\n".to_owned() + &"王小雨,女\n".repeat(700_000);
    let response = admin
        .post(format!("{}/api/children/import/upload", app.address))
        .header("content-type", "multipart/form-data; boundary=xyz")
        .header("accept", "text/html")
        .header("referer", format!("{}/children/import", app.address))
        .body(format!("--xyz\r\nContent-Disposition: form-data; name=\"file\"; filename=\"big.csv\"\r\n\r\n{huge}\r\n--xyz--\r\n"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 303);
    // Back to the upload's form, the reason just above it (not the error in the address).
    let to = response.headers()["location"].to_str().unwrap().to_owned();
    assert!(
        to.starts_with("/children/import?refused=") && to.ends_with("#refused"),
        "{to}"
    );
    let page = app.get_as(&admin, &to).await.text().await.unwrap();
    let reason = page
        .find(r#"id="refused""#)
        .expect("the reason on the page");
    assert!(page[reason..].contains("文件太大"), "{}", &page[reason..]);
    let form = page
        .find(r#"action="/api/children/import/upload""#)
        .expect("its form");
    assert!(reason < form, "the reason stands above the form");
    assert_eq!(app.count("SELECT COUNT(*) FROM roster_imports").await, 0);
}

#[tokio::test]
async fn a_search_that_finds_nobody_keeps_its_status_filter() {
    let app = spawn_app().await;
    let leader = app.client_as(Some("leader")).await;
    let nobody = list(&app, &leader, "q=%E6%97%A0%E6%AD%A4%E4%BA%BA").await;
    assert_eq!(nobody.total, 0);
    assert!(nobody.sees_status, "the leading group may filter by status");
    let page = app
        .get_as(&leader, "/children?q=%E6%97%A0%E6%AD%A4%E4%BA%BA")
        .await
        .text()
        .await
        .unwrap();
    assert!(
        page.contains("name=\"status\""),
        "the status filter is still offered"
    );
}

#[tokio::test]
async fn the_schools_own_export_imports_back_as_the_same_children() {
    let app = spawn_app().await;
    let admin = app.client_as(Some("admin")).await;
    let export = app.get_as(&admin, "/children/export.xlsx").await;
    assert_eq!(export.status(), 200);
    let bytes = export.bytes().await.unwrap();
    let uploaded = app
        .post_file(
            &admin,
            "/api/children/import/upload",
            "children.xlsx",
            &bytes,
        )
        .await;
    let id = import_id(&uploaded);
    let checked = check(&app, &admin, id).await;
    // Every exported child is recognised as already on file, none has a problem.
    assert_eq!(
        checked.totals,
        (0, 395, 0),
        "{:?}",
        checked.lines.iter().find(|l| l.problem.is_some())
    );

    // The CSV (formulas made inert, a BOM for Excel) comes back the same way.
    let csv = app
        .get_as(&admin, "/children/export.csv")
        .await
        .bytes()
        .await
        .unwrap();
    let id = import_id(&upload(&app, &admin, &csv).await);
    assert_eq!(check(&app, &admin, id).await.totals, (0, 395, 0));
}
