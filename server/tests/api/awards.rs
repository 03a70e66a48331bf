//! 自强好少年 over HTTP: a counselor nominates a paired child with the evidence chosen from
//! what they may read, the evidence is kept as it was, nobody approves their own
//! nomination, an approved award is pinned in the child's diary and has a certificate, and
//! a teacher cannot nominate outside their class.

use serde_json::Value;

use crate::helpers::{spawn_app, TestApp};

async fn json(app: &TestApp, client: &reqwest::Client, path: &str) -> Value {
    let response = app.get_as(client, path).await;
    assert_eq!(response.status(), 200, "{path}");
    serde_json::from_str(&response.text().await.unwrap()).expect("JSON")
}

async fn paired_child(app: &TestApp) -> i64 {
    app.count(
        "SELECT p.child_id FROM counselor_children p JOIN users u ON u.id = p.user_id
         WHERE u.username = 'counselor' ORDER BY p.child_id LIMIT 1",
    )
    .await
}

fn ok(status: reqwest::StatusCode) -> bool {
    status.is_success() || status.is_redirection()
}

#[tokio::test]
async fn a_nomination_keeps_its_evidence_and_is_approved_by_someone_else() {
    let _deadline = crate::helpers::deadline();
    let app = spawn_app().await;
    let leader = app.client_as(Some("leader")).await;
    let criteria = "criteria=%E6%AF%8F%E5%A4%A9%E5%9D%9A%E6%8C%81&version=0";
    assert!(ok(app
        .post_form(&leader, "/api/awards/criteria", criteria)
        .await
        .status()));
    assert_eq!(
        app.post_form(&leader, "/api/awards/criteria", criteria)
            .await
            .status(),
        409,
        "a stale edit"
    );

    let counselor = app.client_as(Some("counselor")).await;
    let child = paired_child(&app).await;
    let form = json(
        &app,
        &counselor,
        &format!("/api/awards/evidence?child={child}"),
    )
    .await;
    assert_eq!(form["criteria"], "每天坚持");
    assert_eq!(
        form["summaries"].as_array().unwrap().len(),
        4,
        "the four habits"
    );
    let care = form["care"].as_array().unwrap();
    assert!(!care.is_empty(), "a counselor is offered care notes");
    let note = care[0]["id"].as_i64().unwrap();
    let body = format!(
        "child={child}&statement=%E5%9D%9A%E6%8C%81%E5%81%9A%E5%AE%B6%E5%8A%A1&care%5B%5D={note}"
    );
    assert!(ok(app
        .post_form(&counselor, "/api/awards/nominate", &body)
        .await
        .status()));
    assert_eq!(
        app.post_form(&counselor, "/api/awards/nominate", &body)
            .await
            .status(),
        409,
        "once a term"
    );
    // Evidence that was not offered is refused.
    let other = paired_child(&app).await + 1000;
    let forged = format!("child={}&statement=xx&care%5B%5D={other}", child);
    assert!(!ok(app
        .post_form(&counselor, "/api/awards/nominate", &forged)
        .await
        .status()));

    let id = app.count("SELECT MAX(id) FROM nominations").await;
    let kept: String = sqlx::query_scalar("SELECT evidence FROM nominations WHERE id = ?")
        .bind(id)
        .fetch_one(&app.pool)
        .await
        .unwrap();
    let kept: Value = serde_json::from_str(&kept).unwrap();
    assert_eq!(
        kept["care"].as_array().unwrap().len(),
        1,
        "only the note chosen"
    );
    assert_eq!(kept["summaries"].as_array().unwrap().len(), 4);

    // The counselor sees their own nomination, and cannot decide.
    let mine = json(&app, &counselor, "/api/awards/list").await;
    assert_eq!(mine["nominations"].as_array().unwrap().len(), 1);
    let decide = format!("nomination={id}&version=1&approve=1");
    assert_eq!(
        app.post_form(&counselor, "/api/awards/decide", &decide)
            .await
            .status(),
        403
    );
    // A leader approves; the award is pinned in the child's diary; the certificate opens.
    assert!(ok(app
        .post_form(&leader, "/api/awards/decide", &decide)
        .await
        .status()));
    assert_eq!(
        app.count(&format!(
            "SELECT COUNT(*) FROM diary_entries WHERE child_id = {child} AND source = 'award'"
        ))
        .await,
        1
    );
    let certificate = json(
        &app,
        &counselor,
        &format!("/api/awards/certificate?nomination={id}"),
    )
    .await;
    assert_eq!(certificate["school"], "廉江市城南街道深水洞村小学");
    let teacher = app.client_as(Some("teacher")).await;
    assert_eq!(
        app.get_as(
            &teacher,
            &format!("/api/awards/certificate?nomination={id}")
        )
        .await
        .status(),
        403,
        "not theirs"
    );
    assert!(sqlx::query("DELETE FROM nominations")
        .execute(&app.pool)
        .await
        .is_err());
}

#[tokio::test]
async fn nobody_approves_their_own_nomination() {
    let _deadline = crate::helpers::deadline();
    let app = spawn_app().await;
    let leader = app.client_as(Some("leader")).await;
    let child = paired_child(&app).await;
    let body = format!("child={child}&statement=%E8%BF%9B%E6%AD%A5%E5%BE%88%E5%A4%A7");
    assert!(ok(app
        .post_form(&leader, "/api/awards/nominate", &body)
        .await
        .status()));
    let id = app.count("SELECT MAX(id) FROM nominations").await;
    let listed = json(&app, &leader, "/api/awards/list").await;
    assert_eq!(listed["nominations"][0]["can_decide"], false);
    let decide = format!("nomination={id}&version=1&approve=1");
    assert_eq!(
        app.post_form(&leader, "/api/awards/decide", &decide)
            .await
            .status(),
        403
    );
    assert_eq!(
        app.count("SELECT COUNT(*) FROM audit_log WHERE username = 'leader' AND action = 'decide_awards' AND outcome = 'denied'").await,
        1
    );
    // The database refuses it too.
    assert!(
        sqlx::query("UPDATE nominations SET state = 'approved', decided_by = nominated_by")
            .execute(&app.pool)
            .await
            .is_err()
    );
    let admin = app.client_as(Some("admin")).await;
    assert!(ok(app
        .post_form(&admin, "/api/awards/decide", &decide)
        .await
        .status()));
    assert_eq!(
        app.post_form(&admin, "/api/awards/decide", &decide)
            .await
            .status(),
        409,
        "decided already"
    );
}

#[tokio::test]
async fn a_teacher_nominates_in_their_class_only_and_is_offered_no_care_notes() {
    let _deadline = crate::helpers::deadline();
    let app = spawn_app().await;
    let teacher = app.client_as(Some("teacher")).await;
    let mine = app
        .count(
            "SELECT c.id FROM children c JOIN teacher_classes t ON t.class_id = c.class_id
             JOIN users u ON u.id = t.user_id WHERE u.username = 'teacher' ORDER BY c.id LIMIT 1",
        )
        .await;
    let form = json(
        &app,
        &teacher,
        &format!("/api/awards/evidence?child={mine}"),
    )
    .await;
    assert_eq!(form["care"].as_array().unwrap().len(), 0);
    assert_eq!(form["diary"].as_array().unwrap().len(), 0);
    let other = app
        .count(&format!("SELECT id FROM children WHERE class_id <> (SELECT class_id FROM children WHERE id = {mine}) LIMIT 1"))
        .await;
    assert_eq!(
        app.get_as(&teacher, &format!("/api/awards/evidence?child={other}"))
            .await
            .status(),
        403
    );
    let body = format!("child={other}&statement=xx");
    assert_eq!(
        app.post_form(&teacher, "/api/awards/nominate", &body)
            .await
            .status(),
        403
    );
    assert_eq!(app.count("SELECT COUNT(*) FROM nominations").await, 0);
}

#[tokio::test]
async fn blank_criteria_are_refused_as_criteria_and_written_ones_keep_their_punctuation() {
    let _deadline = crate::helpers::deadline();
    let app = spawn_app().await;
    let leader = app.client_as(Some("leader")).await;
    let blank = app
        .post_form(&leader, "/api/awards/criteria", "criteria=+++&version=0")
        .await;
    assert_eq!(blank.status(), 400);
    let said = blank.text().await.unwrap();
    assert!(
        said.contains("CriteriaRequired"),
        "not the nomination's: {said}"
    );

    let written = "自强、自立（每天坚持）：做家务，写日记！";
    let form = serde_urlencoded::to_string([("criteria", written), ("version", "0")]).unwrap();
    assert!(ok(app
        .post_form(&leader, "/api/awards/criteria", &form)
        .await
        .status()));
    let counselor = app.client_as(Some("counselor")).await;
    let child = paired_child(&app).await;
    let shown = json(
        &app,
        &counselor,
        &format!("/api/awards/evidence?child={child}"),
    )
    .await;
    assert_eq!(shown["criteria"], written);
}

#[tokio::test]
async fn a_ceremony_before_today_or_beyond_the_years_is_told_why() {
    let _deadline = crate::helpers::deadline();
    let app = spawn_app().await;
    let leader = app.client_as(Some("leader")).await;
    let today: chrono::NaiveDate = crate::helpers::school_today().parse().unwrap();
    let events = app.count("SELECT COUNT(*) FROM events").await;
    for (date, why) in [
        (today - chrono::Days::new(1), "DateBeforeToday"),
        ("2200-06-01".parse().unwrap(), "DateOutOfRange"),
    ] {
        let refused = app
            .post_form(
                &leader,
                "/api/awards/ceremony",
                &format!("date={date}&time=15:00"),
            )
            .await;
        assert_eq!(refused.status(), 400, "{date}");
        let said = refused.text().await.unwrap();
        assert!(said.contains(why), "{date}: {said}");
    }
    assert_eq!(app.count("SELECT COUNT(*) FROM events").await, events);
    let today_is_fine = app
        .post_form(
            &leader,
            "/api/awards/ceremony",
            &format!("date={today}&time=15:00"),
        )
        .await;
    assert!(ok(today_is_fine.status()), "{}", today_is_fine.status());
}

/// A page as `client` sees it in the language `lang` asks for.
async fn html(app: &TestApp, client: &reqwest::Client, path: &str, lang: &str) -> String {
    let response = client
        .get(format!("{}{path}", app.address))
        .header("accept-language", lang)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200, "{path}");
    response.text().await.unwrap()
}

const ZH: &str = "zh-CN,zh;q=0.9";
const EN: &str = "en-GB,en;q=0.9";

#[tokio::test]
async fn a_leader_is_told_why_their_own_nomination_has_no_buttons() {
    let _deadline = crate::helpers::deadline();
    let app = spawn_app().await;
    let leader = app.client_as(Some("leader")).await;
    let child = paired_child(&app).await;
    let body = format!("child={child}&statement=%E8%BF%9B%E6%AD%A5%E5%BE%88%E5%A4%A7");
    assert!(ok(app
        .post_form(&leader, "/api/awards/nominate", &body)
        .await
        .status()));
    let page = html(&app, &leader, "/awards", ZH).await;
    assert!(page.contains("待审批"));
    assert!(!page.contains("action=\"/api/awards/decide\""));
    assert!(
        page.contains("由您提名，需由另一位领导小组成员审批"),
        "the reason, where the buttons would be"
    );
    let page = html(&app, &leader, "/awards", EN).await;
    assert!(page.contains("You nominated this child: another member of the leading group decides."));
    // The admin, who may decide on it, gets the buttons and no such line.
    let admin = app.client_as(Some("admin")).await;
    let page = html(&app, &admin, "/awards", ZH).await;
    assert!(page.contains("action=\"/api/awards/decide\""));
    assert!(!page.contains("由你提名"));
}

#[tokio::test]
async fn the_certificate_says_tongxue_dates_itself_in_words_and_keeps_its_award_phrase_on_one_line()
{
    let _deadline = crate::helpers::deadline();
    let app = crate::helpers::spawn_app_with(|config| server::config::Config {
        today: Some("2027-04-19".parse().unwrap()),
        ..config
    })
    .await;
    let counselor = app.client_as(Some("counselor")).await;
    let child = paired_child(&app).await;
    let name: String = sqlx::query_scalar("SELECT name FROM children WHERE id = ?")
        .bind(child)
        .fetch_one(&app.pool)
        .await
        .unwrap();
    let body = format!("child={child}&statement=%E8%BF%9B%E6%AD%A5%E5%BE%88%E5%A4%A7");
    assert!(ok(app
        .post_form(&counselor, "/api/awards/nominate", &body)
        .await
        .status()));
    let id = app.count("SELECT MAX(id) FROM nominations").await;
    let leader = app.client_as(Some("leader")).await;
    assert!(ok(app
        .post_form(
            &leader,
            "/api/awards/decide",
            &format!("nomination={id}&version=1&approve=1")
        )
        .await
        .status()));
    let path = format!("/awards/certificate/{id}");
    let page = html(&app, &counselor, &path, ZH).await;
    assert!(page.contains(&format!("{name}同学")), "{name} 同学");
    assert!(page.contains("2027年4月19日"));
    assert!(!page.contains("2027-04-19"));
    // 被评为 stays on one line with nothing to break it (a word joiner between its
    // characters: the page's policy allows no inline style).
    assert!(page.contains("被\u{2060}评\u{2060}为"));
    let page = html(&app, &counselor, &path, EN).await;
    assert!(page.contains("19 April 2027"));
    assert!(page.contains("is\u{a0}named"));
}
