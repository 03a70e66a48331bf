//! The assessment over HTTP, on the demo school as it stands on 2027-04-19: sheets compiled
//! from March's care work, a counselor sees only their own, the leading group marks and
//! closes (a closed sheet stays as it was while the records change), the counselor signs
//! and answers, an inspection's "not confirmed" costs the sheet, and the XLSX export reads
//! back with a row per counselor.

use serde_json::Value;
use server::config::Config;

use crate::helpers::{spawn_app_with, TestApp};

const MARCH: &str = "2027-03";

async fn app() -> TestApp {
    spawn_app_with(|config| Config {
        today: Some("2027-04-19".parse().unwrap()),
        ..config
    })
    .await
}

async fn json(app: &TestApp, client: &reqwest::Client, path: &str) -> Value {
    let response = app.get_as(client, path).await;
    assert_eq!(response.status(), 200, "{path}");
    serde_json::from_str(&response.text().await.unwrap()).expect("JSON")
}

async fn user(app: &TestApp, name: &str) -> i64 {
    app.count(&format!("SELECT id FROM users WHERE username = '{name}'"))
        .await
}

fn ok(status: reqwest::StatusCode) -> bool {
    status.is_success() || status.is_redirection()
}

fn sheet_path(counselor: i64) -> String {
    format!("/api/assessment/sheet?counselor={counselor}&period={MARCH}")
}

#[tokio::test]
async fn a_closed_sheet_stays_as_it_was_and_its_counselor_signs_and_answers() {
    let app = app().await;
    let leader = app.client_as(Some("leader")).await;
    let counselor = app.client_as(Some("counselor")).await;
    let me = user(&app, "counselor").await;
    let other = user(&app, "counselor02").await;

    let all = json(
        &app,
        &leader,
        &format!("/api/assessment/list?period={MARCH}"),
    )
    .await;
    assert_eq!(
        all["sheets"].as_array().unwrap().len(),
        21,
        "every counselor"
    );
    let mine = json(
        &app,
        &counselor,
        &format!("/api/assessment/list?period={MARCH}"),
    )
    .await;
    let mine = mine["sheets"].as_array().unwrap();
    assert_eq!(mine.len(), 1, "a counselor sees their own sheet only");
    assert_eq!(mine[0]["counselor_id"], me);
    assert_eq!(mine[0]["children"], 10, "the demo counselor's ten children");
    assert_eq!(
        app.get_as(&counselor, &sheet_path(other)).await.status(),
        403,
        "another counselor's sheet"
    );

    let sheet = json(&app, &counselor, &sheet_path(me)).await;
    let figures = &sheet["compiled"]["figures"];
    assert!(
        figures["contacts"].as_u64().unwrap() > 0,
        "March's contacts"
    );
    assert!(
        figures["talks_due"].as_u64().unwrap() >= 10,
        "two talks due per child"
    );

    // The leading group's score replaces the compiled one; a stale edit is a conflict.
    let mark = format!("counselor={me}&period={MARCH}&criterion=talks&version=0&score=18&comment=%E5%BE%88%E5%A5%BD");
    assert!(ok(app
        .post_form(&leader, "/api/assessment/mark", &mark)
        .await
        .status()));
    assert_eq!(
        app.post_form(&leader, "/api/assessment/mark", &mark)
            .await
            .status(),
        409
    );
    let no_why = format!("counselor={me}&period={MARCH}&criterion=talks&version=2&score=15");
    assert_eq!(
        app.post_form(&leader, "/api/assessment/mark", &no_why)
            .await
            .status(),
        400,
        "a score in place of the compiled one says why"
    );
    let too_high = format!("counselor={me}&period={MARCH}&criterion=talks&version=2&score=21");
    assert_eq!(
        app.post_form(&leader, "/api/assessment/mark", &too_high)
            .await
            .status(),
        400
    );
    assert_eq!(
        app.post_form(&counselor, "/api/assessment/mark", &mark)
            .await
            .status(),
        403,
        "a counselor does not mark"
    );
    let marked = json(&app, &leader, &sheet_path(me)).await;
    assert_eq!(marked["compiled"]["rows"][0]["given"], 18);

    // Not closed yet: nothing to sign.
    let sign = format!("period={MARCH}&sign=1");
    assert_eq!(
        app.post_form(&counselor, "/api/assessment/respond", &sign)
            .await
            .status(),
        400
    );

    assert_eq!(
        app.post_form(&leader, "/api/assessment/close", "period=2027-04")
            .await
            .status(),
        400,
        "April is not over"
    );
    // Closing is for good: without its box ticked, nothing is closed.
    let unconfirmed = app
        .post_form(&leader, "/api/assessment/close", &format!("period={MARCH}"))
        .await;
    assert_eq!(unconfirmed.status(), 400);
    assert!(unconfirmed
        .text()
        .await
        .unwrap()
        .contains("CloseNotConfirmed"));
    assert_eq!(
        app.count(&format!("SELECT COUNT(*) FROM assessment_sheets WHERE period = '{MARCH}' AND closed_at IS NOT NULL"))
            .await,
        0
    );
    assert!(ok(app
        .post_form(
            &leader,
            "/api/assessment/close",
            &format!("period={MARCH}&confirm=1")
        )
        .await
        .status()));
    let closed = json(&app, &counselor, &sheet_path(me)).await;
    assert!(closed["closed"].is_array(), "closed");
    assert_eq!(closed["compiled"], marked["compiled"], "kept as it was");
    assert_eq!(
        app.count(&format!("SELECT COUNT(*) FROM assessment_sheets WHERE period = '{MARCH}' AND closed_at IS NOT NULL"))
            .await,
        21
    );

    // The records change; the closed sheet does not.
    let child = app
        .count(&format!("SELECT child_id FROM counselor_children WHERE user_id = {me} ORDER BY child_id LIMIT 1"))
        .await;
    sqlx::query(
        "INSERT INTO care_entries (uid, child_id, author_id, kind, happened_at, minutes, with_whom, study, life, activities)
         VALUES ('assessment-test-entry-0001', ?, ?, 'talk', '2027-03-30T10:00:00', 20, 'child', 1, 0, 0)",
    )
    .bind(child)
    .bind(me)
    .execute(&app.pool)
    .await
    .unwrap();
    let later = json(&app, &counselor, &sheet_path(me)).await;
    assert_eq!(
        later["compiled"], closed["compiled"],
        "the sheet does not follow the records"
    );
    let closed_mark = format!("counselor={me}&period={MARCH}&criterion=talks&version=3&score=10&comment=%E8%A1%A5%E8%AE%B0");
    assert_eq!(
        app.post_form(&leader, "/api/assessment/mark", &closed_mark)
            .await
            .status(),
        409
    );

    // Signed once; answers are kept, every one.
    assert!(ok(app
        .post_form(&counselor, "/api/assessment/respond", &sign)
        .await
        .status()));
    assert_eq!(
        app.post_form(&counselor, "/api/assessment/respond", &sign)
            .await
            .status(),
        409
    );
    let empty = format!("period={MARCH}&answer=+");
    assert_eq!(
        app.post_form(&counselor, "/api/assessment/respond", &empty)
            .await
            .status(),
        400
    );
    let answer =
        format!("period={MARCH}&answer=%E4%B8%89%E6%9C%88%E4%BD%8F%E9%99%A2%E4%B8%A4%E5%91%A8");
    assert!(ok(app
        .post_form(&counselor, "/api/assessment/respond", &answer)
        .await
        .status()));
    let responded = json(&app, &leader, &sheet_path(me)).await;
    let kinds: Vec<&str> = responded["responses"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["kind"].as_str().unwrap())
        .collect();
    assert_eq!(kinds, ["Sign", "Answer"]);
    assert_eq!(responded["responses"][1]["body"], "三月住院两周");
    // A leader has no sheet of their own to sign.
    assert_eq!(
        app.post_form(&leader, "/api/assessment/respond", &sign)
            .await
            .status(),
        404
    );
}

fn criterion<'a>(sheet: &'a Value, key: &str) -> &'a Value {
    sheet["compiled"]["rows"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["criterion"] == key)
        .unwrap_or_else(|| panic!("{key}"))
}

async fn page(app: &TestApp, client: &reqwest::Client, path: &str) -> String {
    let response = app.get_as(client, path).await;
    assert_eq!(response.status(), 200, "{path}");
    response.text().await.unwrap()
}

#[tokio::test]
async fn a_follow_up_taken_over_is_due_a_month_into_the_pairing_then_costs_every_open_month() {
    let app = app().await;
    let leader = app.client_as(Some("leader")).await;
    let counselor = app.client_as(Some("counselor")).await;
    let me = user(&app, "counselor").await;
    // 潘鑫轩's eye check after last spring's checkup, due 2026-06-20, never done: paired
    // with 黄老师 since November 30, so theirs to do by December 30; on /care as overdue.
    let child = app
        .count(&format!(
            "SELECT r.child_id FROM checkup_results r JOIN pairings p ON p.child_id = r.child_id
             WHERE p.counselor_id = {me} AND p.ended_on IS NULL AND r.follow_up_closed_at IS NULL
               AND r.follow_up_due = '2026-06-20'"
        ))
        .await;
    let month = |key: &str| format!("/api/assessment/sheet?counselor={me}&period={key}");
    let november = json(&app, &counselor, &month("2026-11")).await;
    assert_eq!(
        criterion(&november, "FollowUps")["compiled"],
        10,
        "not due yet in the pairing's first days"
    );
    let december = json(&app, &counselor, &month("2026-12")).await;
    let figures = &december["compiled"]["figures"];
    assert_eq!(
        (
            &figures["follow_ups_due"],
            &figures["follow_ups_on_time"],
            &figures["follow_ups_overdue_open"]
        ),
        (&Value::from(1), &Value::from(0), &Value::from(0)),
        "due on December 30"
    );

    let march = json(&app, &counselor, &sheet_path(me)).await;
    let figures = &march["compiled"]["figures"];
    assert_eq!(
        (
            &figures["follow_ups_due"],
            &figures["follow_ups_overdue_open"]
        ),
        (&Value::from(0), &Value::from(1))
    );
    let follow_ups = criterion(&march, "FollowUps");
    assert_eq!(
        (&follow_ups["met"], &follow_ups["compiled"]),
        (&Value::from(0), &Value::from(0)),
        "no full marks while it is ten months overdue"
    );
    let line = figures["lines"]
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["child_id"] == child)
        .unwrap();
    assert_eq!(line["name"], "潘鑫轩");
    assert_eq!(
        line["follow_ups_overdue"],
        serde_json::json!([["2026-06-20", false]])
    );

    // The sheet says why, and names the item behind it; nothing deducted reads so.
    let sheet_page = format!("/assessment/sheet/{me}/{MARCH}");
    let html = page(&app, &counselor, &sheet_page).await;
    assert!(html.contains(
        "到期0项，按时完成0项；另有1项此前到期、逾期未完成；接手前已到期的1项，接手后30天内完成即算按时"
    ));
    assert!(html.contains("2026-06-20到期，逾期未完成"));
    assert!(html.contains("抽查没有发现未核实的联系，不扣分"));
    assert!(!html.contains("−0"), "no minus sign on a zero deduction");

    // March is closed; the follow-up is done on April 12. March stays as it was kept,
    // April (open) shows it closed late.
    let april_path = format!("/api/assessment/sheet?counselor={me}&period=2027-04");
    let april = json(&app, &counselor, &april_path).await;
    assert_eq!(april["compiled"]["figures"]["follow_ups_overdue_open"], 1);
    assert!(ok(app
        .post_form(
            &leader,
            "/api/assessment/close",
            &format!("period={MARCH}&confirm=1"),
        )
        .await
        .status()));
    sqlx::query(
        "UPDATE checkup_results SET follow_up_closed_at = '2027-04-12T02:00:00Z',
                follow_up_note = '已在县医院验光配镜' WHERE child_id = ? AND follow_up_due = '2026-06-20'",
    )
    .bind(child)
    .execute(&app.pool)
    .await
    .unwrap();
    let kept = json(&app, &counselor, &sheet_path(me)).await;
    assert_eq!(
        kept["compiled"], march["compiled"],
        "the closed month is kept"
    );
    let april = json(&app, &counselor, &april_path).await;
    let figures = &april["compiled"]["figures"];
    assert_eq!(
        (
            &figures["follow_ups_overdue_open"],
            &figures["follow_ups_overdue_closed"]
        ),
        (&Value::from(0), &Value::from(1))
    );
    let html = page(&app, &counselor, &format!("/assessment/sheet/{me}/2027-04")).await;
    assert!(html.contains("2026-06-20到期，本期逾期完成"));
}

#[tokio::test]
async fn a_terms_talks_are_its_months_added_up_and_its_sheet_says_how_the_rest_is_counted() {
    let app = app().await;
    let leader = app.client_as(Some("leader")).await;
    let talks = |sheet: &Value| {
        let f = &sheet["compiled"]["figures"];
        (
            f["talks_done"].as_u64().unwrap(),
            f["talks_due"].as_u64().unwrap(),
        )
    };
    let months = ["2026-09", "2026-10", "2026-11", "2026-12", "2027-01"];
    let term = json(&app, &leader, "/api/assessment/list?period=2026-autumn").await;
    for row in term["sheets"].as_array().unwrap() {
        let counselor = &row["counselor_id"];
        let path = |key: &str| format!("/api/assessment/sheet?counselor={counselor}&period={key}");
        let mut summed = (0, 0);
        for key in months {
            let response = app.get_as(&leader, &path(key)).await;
            if response.status() == 404 {
                continue; // not paired yet that month
            }
            let sheet: Value = serde_json::from_str(&response.text().await.unwrap()).unwrap();
            let (done, due) = talks(&sheet);
            summed = (summed.0 + done, summed.1 + due);
        }
        let sheet = json(&app, &leader, &path("2026-autumn")).await;
        assert_eq!(talks(&sheet), summed, "{}", row["counselor"]);
    }

    // 何欣怡: 11 of 14 in December and 20 of 20 in January make 31 of 34; 叶妍芳's one talk
    // of two in December is not made up by January.
    let hxy = app
        .count("SELECT id FROM users WHERE display_name = '何欣怡老师'")
        .await;
    let path = format!("/api/assessment/sheet?counselor={hxy}&period=2026-autumn");
    let sheet = json(&app, &leader, &path).await;
    assert_eq!(talks(&sheet), (31, 34));
    let line = sheet["compiled"]["figures"]["lines"]
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["name"] == "叶妍芳")
        .unwrap();
    assert_eq!(line["talks"], serde_json::json!([3, 4]));
    let note = "学期表：谈心为各月之和；其余各项按整个学期统计";
    let html = page(
        &app,
        &leader,
        &format!("/assessment/sheet/{hxy}/2026-autumn"),
    )
    .await;
    assert!(html.contains("应谈心34次（每14天一次），完成31次"));
    assert!(html.contains(note), "the term sheet says how it is counted");
    let html = page(&app, &leader, &format!("/assessment/sheet/{hxy}/2026-12")).await;
    assert!(!html.contains(note), "a month's does not need to");
}

#[tokio::test]
async fn a_contact_an_inspection_does_not_confirm_costs_its_counselors_sheet() {
    let app = app().await;
    let leader = app.client_as(Some("leader")).await;
    let draw = format!("period={MARCH}&count=3");
    assert!(ok(app
        .post_form(&leader, "/api/assessment/draw", &draw)
        .await
        .status()));
    assert_eq!(
        app.post_form(
            &leader,
            "/api/assessment/draw",
            &format!("period={MARCH}&count=0")
        )
        .await
        .status(),
        400
    );
    let list = json(
        &app,
        &leader,
        &format!("/api/assessment/inspections?period={MARCH}"),
    )
    .await;
    let items = list["items"].as_array().unwrap();
    assert_eq!(items.len(), 3);
    assert_eq!(items[0]["kind"], "HomeVisit", "home visits are drawn first");
    assert!(
        items[0]["phone"].is_string(),
        "the guardian's phone to call"
    );
    let id = items[0]["id"].as_i64().unwrap();
    let counselor = app
        .count(&format!("SELECT e.author_id FROM inspections i JOIN care_entries e ON e.id = i.entry_id WHERE i.id = {id}"))
        .await;
    let before = json(&app, &leader, &sheet_path(counselor)).await;

    let bad = format!("inspection={id}&version=1&outcome=maybe");
    assert_eq!(
        app.post_form(&leader, "/api/assessment/inspect", &bad)
            .await
            .status(),
        400
    );
    let not_confirmed =
        format!("inspection={id}&version=1&outcome=not_confirmed&note=%E7%94%B5%E8%AF%9D");
    assert!(ok(app
        .post_form(&leader, "/api/assessment/inspect", &not_confirmed)
        .await
        .status()));
    assert_eq!(
        app.post_form(&leader, "/api/assessment/inspect", &not_confirmed)
            .await
            .status(),
        409,
        "a stale outcome"
    );
    let after = json(&app, &leader, &sheet_path(counselor)).await;
    assert_eq!(after["compiled"]["figures"]["not_confirmed"], 1);
    assert_eq!(after["compiled"]["penalty"], 5);
    assert!(
        after["compiled"]["total"].as_u64().unwrap()
            < before["compiled"]["total"].as_u64().unwrap(),
        "the total drops"
    );
    // The draw is random: the counselor may have had more than one contact drawn.
    let found = after["compiled"]["inspections"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["id"] == id)
        .expect("the sheet lists the inspection");
    assert_eq!(found["outcome"], "NotConfirmed");

    // Correcting the contact does not wash the finding out.
    let entry = app
        .count(&format!("SELECT entry_id FROM inspections WHERE id = {id}"))
        .await;
    sqlx::query(
        "INSERT INTO care_entries (uid, replaces, child_id, author_id, kind, happened_at, minutes, with_whom,
                                   study, life, activities, noticed)
         SELECT 'assessment-test-correction', id, child_id, author_id, kind, happened_at, minutes, with_whom,
                study, life, activities, '补记' FROM care_entries WHERE id = ?",
    )
    .bind(entry)
    .execute(&app.pool)
    .await
    .unwrap();
    let corrected = json(&app, &leader, &sheet_path(counselor)).await;
    assert_eq!(corrected["compiled"]["figures"]["not_confirmed"], 1);
    assert_eq!(corrected["compiled"]["total"], after["compiled"]["total"]);

    // Its counselor sees the finding, not the contacts still to be verified.
    let username: String = sqlx::query_scalar("SELECT username FROM users WHERE id = ?")
        .bind(counselor)
        .fetch_one(&app.pool)
        .await
        .unwrap();
    let own = app.client_as(Some(&username)).await;
    let seen = json(&app, &own, &sheet_path(counselor)).await;
    let outcomes: Vec<&Value> = seen["compiled"]["inspections"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| &i["outcome"])
        .collect();
    assert_eq!(outcomes, [&Value::from("NotConfirmed")], "{username}");

    let teacher = app.client_as(Some("teacher")).await;
    assert_eq!(
        app.get_as(
            &teacher,
            &format!("/api/assessment/inspections?period={MARCH}")
        )
        .await
        .status(),
        403
    );
}

#[tokio::test]
async fn the_scheme_needs_weights_making_100_and_the_sheets_follow_it() {
    let app = app().await;
    let leader = app.client_as(Some("leader")).await;
    let weights = |talks: u32| {
        format!(
            "year=2026&version=0&w_talks={talks}&w_visits=10&w_coverage=10&w_diary=10&w_habits=10\
             &w_follow_ups=10&w_concerns=10&w_birthdays=10&talk_days=7&visit_days=90&penalty=10"
        )
    };
    assert_eq!(
        app.post_form(&leader, "/api/assessment/scheme/save", &weights(31))
            .await
            .status(),
        400
    );
    assert_eq!(
        app.count("SELECT COUNT(*) FROM assessment_schemes").await,
        0
    );
    assert!(ok(app
        .post_form(&leader, "/api/assessment/scheme/save", &weights(30))
        .await
        .status()));
    assert_eq!(
        app.post_form(&leader, "/api/assessment/scheme/save", &weights(30))
            .await
            .status(),
        409,
        "a stale scheme"
    );
    let counselor = app.client_as(Some("counselor")).await;
    let scheme = json(&app, &counselor, "/api/assessment/scheme").await;
    assert_eq!(scheme["talk_days"], 7, "counselors read the scheme");
    let me = user(&app, "counselor").await;
    let sheet = json(&app, &counselor, &sheet_path(me)).await;
    assert_eq!(sheet["compiled"]["rows"][0]["weight"], 30);
    assert_eq!(sheet["compiled"]["talk_days"], 7);
}

#[tokio::test]
async fn the_xlsx_export_reads_back_with_a_row_per_counselor() {
    use calamine::Reader;
    let app = app().await;
    let leader = app.client_as(Some("leader")).await;
    let response = app
        .get_as(&leader, &format!("/assessment/export.xlsx?period={MARCH}"))
        .await;
    assert_eq!(response.status(), 200);
    let bytes = response.bytes().await.unwrap();
    let mut book = calamine::Xlsx::new(std::io::Cursor::new(bytes.to_vec())).expect("an XLSX file");
    let sheet = book
        .worksheet_range_at(0)
        .expect("a sheet")
        .expect("readable");
    let rows: Vec<Vec<String>> = sheet
        .rows()
        .map(|r| r.iter().map(|c| c.to_string()).collect())
        .collect();
    assert_eq!(rows[0][0], "结对教师");
    assert_eq!(rows[0].last().unwrap(), "有答复");
    assert_eq!(rows.len(), 22, "a header and 21 counselors");
    let demo = rows
        .iter()
        .find(|r| r[0] == "黄老师")
        .expect("the demo counselor");
    assert_eq!(demo[1], "2027年3月");
    assert_eq!(demo[2], "10");
    assert_eq!(
        app.count("SELECT COUNT(*) FROM audit_log WHERE action LIKE 'export_assessment %'")
            .await,
        1
    );
    let counselor = app.client_as(Some("counselor")).await;
    assert_eq!(
        app.get_as(&counselor, "/assessment/export.xlsx")
            .await
            .status(),
        403
    );
}

#[tokio::test]
async fn the_programme_overview_and_summary_give_the_seeds_own_numbers() {
    let app = app().await;
    let leader = app.client_as(Some("leader")).await;
    let overview = json(&app, &leader, "/api/programme/overview").await;
    let counts = &overview["counts"];
    // The school's report: 395 pupils, 94 left behind, 120 half left behind, all paired.
    assert_eq!(
        (
            &counts["children"],
            &counts["left_behind"],
            &counts["half_left_behind"]
        ),
        (&Value::from(395), &Value::from(94), &Value::from(120))
    );
    assert_eq!(
        counts["paired"].as_u64().unwrap() + counts["unpaired"].as_u64().unwrap(),
        214
    );
    let month = &overview["month"];
    assert!(month["reached"].as_u64().unwrap() <= month["children"].as_u64().unwrap());
    assert_eq!(
        overview["months"].as_array().unwrap().len(),
        3,
        "February to April"
    );
    // The open follow-ups are the list's, whichever year's checkup asked for them.
    let listed = json(&app, &leader, "/api/checkup/follow-ups").await;
    let listed = listed["items"].as_array().unwrap();
    assert!(!listed.is_empty(), "the seed has follow-ups still open");
    assert_eq!(overview["checkup"]["follow_ups_open"], listed.len());
    let summary = json(&app, &leader, "/api/programme/summary?year=2026").await;
    assert_eq!(summary["counts"], overview["counts"]);
    assert_eq!(summary["checkup"]["day"], "2027-04-20");
    let counselor = app.client_as(Some("counselor")).await;
    assert_eq!(
        app.get_as(&counselor, "/api/programme/overview")
            .await
            .status(),
        403,
        "numbers for the leading group"
    );
}

/// The close form as a browser without JavaScript sends it from the list: the answer's
/// redirect, then the page it leads to.
async fn close_from_page(app: &TestApp, leader: &reqwest::Client, body: &str) -> String {
    let page = format!("{}/assessment?period={MARCH}", app.address);
    let sent = leader
        .post(format!("{}/api/assessment/close", app.address))
        .header("content-type", "application/x-www-form-urlencoded")
        .header("accept", "text/html")
        .header("referer", &page)
        .body(body.to_owned())
        .send()
        .await
        .unwrap();
    assert!(sent.status().is_redirection(), "{}", sent.status());
    let back = sent.headers()["location"].to_str().unwrap().to_owned();
    app.get_as(leader, &back).await.text().await.unwrap()
}

#[tokio::test]
async fn closing_a_month_is_a_deliberate_final_act_and_says_the_month_is_closed() {
    let app = app().await;
    let leader = app.client_as(Some("leader")).await;
    let closed = format!(
        "SELECT COUNT(*) FROM assessment_sheets WHERE period = '{MARCH}' AND closed_at IS NOT NULL"
    );
    // Before closing, the page says it is final and asks for the box to be ticked.
    let before = app
        .get_as(&leader, &format!("/assessment?period={MARCH}"))
        .await
        .text()
        .await
        .unwrap();
    assert!(
        before.contains("不能重新打开"),
        "closing is said to be final"
    );
    assert!(before.contains(r#"name="confirm""#));
    assert!(before.contains("我已核对，关闭后不能再改"));

    // Sent without the box ticked: back on the page with the reason, nothing closed.
    let refused = close_from_page(&app, &leader, &format!("period={MARCH}")).await;
    assert!(refused.contains("关闭前请勾选"), "the reason is given");
    assert!(!refused.contains("2027年3月的考核已关闭"));
    assert_eq!(app.count(&closed).await, 0);

    // Ticked: every sheet closed, and the page says the month is (not merely "saved").
    let done = close_from_page(&app, &leader, &format!("period={MARCH}&confirm=1")).await;
    assert!(done.contains("2027年3月的考核已关闭"), "said as closed");
    assert!(!done.contains("已保存"));
    assert_eq!(app.count(&closed).await, 21);
    assert!(
        !done.contains(r#"action="/api/assessment/close""#),
        "nothing left to close"
    );
}
