//! Children's files over HTTP: who sees which fields, editing with conflicts and checks,
//! the roster import's dry run and all-or-nothing commit, and the export.

use app::children::import_api::{RosterCheck, RosterProblem};
use app::children::types::{ChildFile, ChildList};
use app::error::ValidationError;

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

/// A page as a browser asking for `language` gets it.
async fn page(app: &TestApp, client: &reqwest::Client, path: &str, language: &str) -> String {
    app.page_in(client, path, language).await
}

async fn page_in_english(app: &TestApp, client: &reqwest::Client, id: i64) -> String {
    page(
        app,
        client,
        &format!("/children/import/{id}"),
        "en-GB,en;q=0.9",
    )
    .await
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
    // Written right, but February has no 30th: said so, not "the format is wrong".
    assert_eq!(
        bad.problems,
        [RosterProblem {
            column: Some("birth_date".to_owned()),
            error: ValidationError::BirthDateInvalid,
            no_such_day: Some("2017-02-30".to_owned()),
        }]
    );
    let zh = page(&app, &admin, &format!("/children/import/{id}"), "zh-CN").await;
    assert!(zh.contains("出生日期：没有这一天：2017-02-30"), "{zh}");
    assert!(!zh.contains("出生日期格式不对"));
    let en = page_in_english(&app, &admin, id).await;
    assert!(
        en.contains("Date of birth: No such day: 2017-02-30"),
        "{en}"
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
    assert!(
        !page[reason..].contains("日历文件"),
        "the roster page names no calendar limit"
    );
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
        checked.lines.iter().find(|l| !l.problems.is_empty())
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

/// The walk's `badrow2.csv`: row 2 has a grade 9 and a short phone; row 3 a gender "x",
/// a class 1-7 the school does not have, and a status "不知道".
const TWO_BAD_ROWS: &str =
    "姓名,性别,出生日期,年级,班级,留守类型,外出父母,务工地,监护人,与学生关系,联系电话,家庭住址\n\
测试子,男,2019-02-03,9年级,1班,全留守,父母,广东,某人,祖母,123,村\n\
测试丑,x,2019-02-03,1年级,7班,不知道,父母,广东,某人,祖母,13800138000,村\n";

#[tokio::test]
async fn every_problem_of_a_row_is_listed_at_once_each_naming_its_column() {
    let app = spawn_app().await;
    let admin = app.client_as(Some("admin")).await;
    let id = import_id(&upload(&app, &admin, TWO_BAD_ROWS.as_bytes()).await);
    let checked = check(&app, &admin, id).await;
    assert_eq!(checked.totals, (0, 0, 2));
    let at_fault = |row: usize| -> Vec<(String, ValidationError)> {
        checked.lines[row]
            .problems
            .iter()
            .map(|p| (p.column.clone().unwrap(), p.error))
            .collect()
    };
    assert_eq!(
        at_fault(0),
        [
            ("grade".to_owned(), ValidationError::ClassInvalid),
            ("phone".to_owned(), ValidationError::PhoneInvalid),
        ]
    );
    assert_eq!(
        at_fault(1),
        [
            ("gender".to_owned(), ValidationError::GenderInvalid),
            ("class".to_owned(), ValidationError::ClassInvalid),
            ("left_behind".to_owned(), ValidationError::LeftBehindInvalid),
        ]
    );
    assert!(checked.lines.iter().all(|l| l.class_at_fault()));

    // The page: every problem, the class that does not exist marked as one.
    let zh = page(&app, &admin, &format!("/children/import/{id}"), "zh-CN").await;
    for said in [
        "年级：没有这个班级",
        "联系电话：电话号码格式不对",
        "性别：性别应为",
        "班级：没有这个班级",
        "留守类型：留守类型应为",
    ] {
        assert!(zh.contains(said), "{said}");
    }
    let cell = zh.find("1年级7班").expect("the class as read");
    let td = zh[..cell].rfind("<td").unwrap();
    assert!(
        zh[td..cell].contains("import-problem"),
        "the class cell is marked: {}",
        &zh[td..cell]
    );
    assert!(!zh.contains("确认导入"));

    // In English, the columns the importer knows are named in English.
    let en = page_in_english(&app, &admin, id).await;
    for said in [
        "Phone: Not a phone number",
        "Gender: Gender must be male or female",
        "Grade: No such class",
    ] {
        assert!(en.contains(said), "{said}");
    }
    for chinese in ["联系电话：", "性别：", "年级："] {
        assert!(!en.contains(chinese), "{chinese}");
    }

    let refused = app
        .post_form(&admin, "/api/children/import/commit", &format!("id={id}"))
        .await;
    assert_eq!(refused.status(), 400, "all or nothing");
}

#[tokio::test]
async fn an_imported_roster_says_what_was_imported_and_one_with_nothing_new_offers_no_import() {
    let app = spawn_app().await;
    let admin = app.client_as(Some("admin")).await;
    let id = import_id(&upload(&app, &admin, &roster(false)).await);
    app.post_form(&admin, "/api/children/import/commit", &format!("id={id}"))
        .await;

    // Reopened: what was imported, not its rows checked again as if they were new.
    let done = check(&app, &admin, id).await;
    assert_eq!(done.committed.as_ref().map(|(_, n)| *n), Some(2));
    assert_eq!(done.lines, []);
    let zh = page(&app, &admin, &format!("/children/import/{id}"), "zh-CN").await;
    assert!(zh.contains("导入 2 名儿童"), "{zh}");
    for not_said in ["已在档案中，跳过", "可导入", "roster-totals"] {
        assert!(!zh.contains(not_said), "{not_said}");
    }
    let en = page_in_english(&app, &admin, id).await;
    assert!(en.contains("2 children were imported on"), "{en}");

    // The same file again: nothing new, and no button that would import nothing.
    let again = import_id(&upload(&app, &admin, &roster(false)).await);
    assert_eq!(check(&app, &admin, again).await.totals, (0, 2, 0));
    let zh = page(&app, &admin, &format!("/children/import/{again}"), "zh-CN").await;
    assert!(!zh.contains("确认导入"), "no 确认导入 0 名儿童");
    assert!(zh.contains("没有需要导入的新儿童"));
    let en = page_in_english(&app, &admin, again).await;
    assert!(en.contains("There are no new children to import"));
    assert!(!en.contains("Import 0"));
}

#[tokio::test]
async fn a_roster_with_an_unknown_column_counts_its_rows() {
    let app = spawn_app().await;
    let admin = app.client_as(Some("admin")).await;
    let wrong = "名字,性别,出生日期,年级,班级\n测试戊,男,2020-03-05,1年级,1班\n";
    let id = import_id(&upload(&app, &admin, wrong.as_bytes()).await);
    let checked = check(&app, &admin, id).await;
    assert!(checked.missing_columns);
    assert_eq!(checked.rows, 1);
    let zh = page(&app, &admin, &format!("/children/import/{id}"), "zh-CN").await;
    assert!(zh.contains("共 1 行"), "{zh}");
    assert!(!zh.contains("共 0 行"));
    let en = page_in_english(&app, &admin, id).await;
    assert!(en.contains(">1 row<"), "{en}");
}

#[tokio::test]
async fn the_upload_forms_state_their_own_limits() {
    let app = spawn_app().await;
    let admin = app.client_as(Some("admin")).await;
    let roster = page(&app, &admin, "/children/import", "zh-CN").await;
    assert!(roster.contains("花名册一次最多 5000 行、4 MB"));
    assert!(!roster.contains("2000 个活动"));
    let calendar = page(&app, &admin, "/calendar/import", "zh-CN").await;
    assert!(calendar.contains("日历文件一次最多 2000 个活动、2 MB"));
    assert!(!calendar.contains("5000 行"));
}
