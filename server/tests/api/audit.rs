//! Nothing of a child is read or changed without a trace: when the audit log cannot be
//! written, reads of children's data are refused and writes leave nothing behind; a write
//! and its audit row commit together, also under concurrent saves.

use crate::helpers::{spawn_app, TestApp};

/// Makes every insert into the audit log fail, as a full disk or a broken table would.
async fn break_the_audit_log(app: &TestApp) {
    sqlx::query(
        "CREATE TRIGGER audit_broken BEFORE INSERT ON audit_log
         BEGIN SELECT RAISE(ABORT, 'audit log unavailable'); END",
    )
    .execute(&app.pool)
    .await
    .expect("trigger");
}

fn checkup_result(child: i64) -> String {
    serde_urlencoded::to_string([
        ("year", "2027".to_owned()),
        ("child", child.to_string()),
        ("version", "0".to_owned()),
        ("attendance", "examined".to_owned()),
        ("height_cm", "136".to_owned()),
        ("weight_kg", "31".to_owned()),
        ("vision_left", "5.0".to_owned()),
        ("vision_right", "4.9".to_owned()),
        ("caries", "0".to_owned()),
    ])
    .unwrap()
}

#[tokio::test]
async fn without_an_audit_row_a_childs_file_and_health_record_stay_closed_and_nothing_is_saved() {
    let app = spawn_app().await;
    let admin = app.client_as(Some("admin")).await;
    let child = app
        .count("SELECT id FROM children WHERE class_id = (SELECT id FROM classes WHERE grade = 4 LIMIT 1) ORDER BY id LIMIT 1")
        .await;
    // While the log works, all three succeed (the positive control).
    let file = app
        .get_as(&admin, &format!("/api/children/get?id={child}"))
        .await;
    assert_eq!(file.status(), 200);

    break_the_audit_log(&app).await;

    let file = app
        .get_as(&admin, &format!("/api/children/get?id={child}"))
        .await;
    assert_eq!(
        file.status(),
        503,
        "a child's file is refused without its audit row"
    );
    let body = file.text().await.unwrap();
    assert!(
        !body.contains("guardian"),
        "nothing of the file is sent: {body}"
    );

    let health = app
        .get_as(
            &admin,
            &format!("/api/checkup/entry?year=2027&child={child}"),
        )
        .await;
    assert_eq!(
        health.status(),
        503,
        "a health record is refused without its audit row"
    );

    let saved = app
        .post_form(&admin, "/api/checkup/save", &checkup_result(child))
        .await;
    assert_eq!(saved.status(), 503);
    assert_eq!(
        app.count(&format!(
            "SELECT COUNT(*) FROM checkup_results WHERE child_id = {child} AND year = 2027"
        ))
        .await,
        0,
        "a save whose audit row fails writes nothing"
    );

    let page = app.get_as(&admin, &format!("/children/{child}")).await;
    let html = page.text().await.unwrap();
    let name: String = sqlx::query_scalar("SELECT name FROM children WHERE id = ?")
        .bind(child)
        .fetch_one(&app.pool)
        .await
        .unwrap();
    let guardian_phone: String =
        sqlx::query_scalar("SELECT phone FROM guardians WHERE child_id = ? LIMIT 1")
            .bind(child)
            .fetch_one(&app.pool)
            .await
            .unwrap();
    assert!(
        !html.contains(&guardian_phone),
        "the file page shows nothing of {name} without an audit row"
    );
}

#[tokio::test]
async fn sixteen_events_saved_at_once_all_arrive_each_with_its_audit_row() {
    let app = spawn_app().await;
    let admin = app.client_as(Some("admin")).await;
    let before = app
        .count("SELECT COUNT(*) FROM audit_log WHERE action LIKE 'create_event %'")
        .await;
    let mut saves = Vec::new();
    for n in 0..16 {
        let (admin, url) = (
            admin.clone(),
            format!("{}/api/calendar/create", app.address),
        );
        saves.push(tokio::spawn(async move {
            let body = serde_urlencoded::to_string([
                ("title", format!("家长会 {n}")),
                ("category", "meeting".to_owned()),
                ("start_date", "2027-03-10".to_owned()),
                ("start_time", "15:00".to_owned()),
                ("end_time", "16:00".to_owned()),
                ("location", "礼堂".to_owned()),
                ("audience", "staff".to_owned()),
                ("repeat", "none".to_owned()),
            ])
            .unwrap();
            admin
                .post(url)
                .header("content-type", "application/x-www-form-urlencoded")
                .body(body)
                .send()
                .await
                .expect("request")
                .status()
        }));
    }
    let mut statuses = Vec::new();
    for save in saves {
        statuses.push(save.await.expect("task"));
    }
    for status in &statuses {
        assert!(
            status.is_success() || status.is_redirection(),
            "every save succeeds: {statuses:?}"
        );
    }
    assert_eq!(
        app.count("SELECT COUNT(*) FROM events WHERE title LIKE '家长会 %'")
            .await,
        16
    );
    assert_eq!(
        app.count("SELECT COUNT(*) FROM audit_log WHERE action LIKE 'create_event %'")
            .await
            - before,
        16
    );
}

#[tokio::test]
async fn the_audit_page_shows_the_schools_clock_and_filters_by_the_schools_days() {
    let app = spawn_app().await;
    // Two rows of the school's April 19 (Beijing, UTC+8) on either side of UTC's midnight,
    // and one of its April 20 that is still April 19 in UTC.
    for (at, action) in [
        ("2027-04-18T17:00:00.000Z", "clock_test early"),
        ("2027-04-19T15:05:08.000Z", "clock_test late"),
        ("2027-04-19T16:30:00.000Z", "clock_test next"),
    ] {
        sqlx::query("INSERT INTO audit_log (at, action, outcome) VALUES (?, ?, 'success')")
            .bind(at)
            .bind(action)
            .execute(&app.pool)
            .await
            .unwrap();
    }
    let admin = app.client_as(Some("admin")).await;
    let rows = app
        .json(
            &admin,
            "/api/admin/audit/list?from=2027-04-19&to=2027-04-19",
        )
        .await;
    let shown: Vec<(String, String)> = rows
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["at"].as_str().unwrap().to_owned(),
                r["action"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    assert_eq!(
        shown,
        [
            (
                "2027-04-19 23:05:08".to_owned(),
                "clock_test late".to_owned()
            ),
            (
                "2027-04-19 01:00:00".to_owned(),
                "clock_test early".to_owned()
            ),
        ]
    );
    let html = app
        .get_as(&admin, "/admin/audit?event=clock_test+late")
        .await
        .text()
        .await
        .unwrap();
    assert!(
        html.contains("2027-04-19 23:05:08"),
        "school time on the page"
    );
    assert!(!html.contains("15:05:08"), "not UTC");
}
