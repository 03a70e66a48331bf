//! Creating, editing and deleting events over HTTP, per role.

use crate::helpers::{spawn_app, spawn_app_in, TestApp};

const SESSION: &str =
    "title=%E4%B9%A6%E6%B3%95%E5%B1%95%E8%A7%88&category=thematic&start_date=2027-04-22\
&start_time=15:00&end_time=16:00&location=%E7%A4%BC%E5%A0%82&student_visible=on&repeat=none";

async fn group_id(app: &TestApp, key: &str) -> i64 {
    app.count(&format!(
        "SELECT id FROM interest_groups WHERE key = '{key}'"
    ))
    .await
}

#[tokio::test]
async fn a_teacher_plans_for_their_own_group_but_not_for_the_whole_school() {
    let app = spawn_app().await;
    let teacher = app.client_as(Some("teacher")).await;
    let calligraphy = group_id(&app, "calligraphy").await;
    let chess = group_id(&app, "chess").await;

    let own = app
        .post_form(
            &teacher,
            "/api/calendar/create",
            &format!("{SESSION}&audience=group:{calligraphy}"),
        )
        .await;
    assert!(
        own.status().is_success() || own.status().is_redirection(),
        "{}",
        own.status()
    );
    let school = app
        .post_form(
            &teacher,
            "/api/calendar/create",
            &format!("{SESSION}&audience=school"),
        )
        .await;
    assert_eq!(school.status(), 403);
    let other = app
        .post_form(
            &teacher,
            "/api/calendar/create",
            &format!("{SESSION}&audience=group:{chess}"),
        )
        .await;
    assert_eq!(other.status(), 403);
    assert_eq!(
        app.count("SELECT COUNT(*) FROM events WHERE title = '书法展览'")
            .await,
        1
    );

    let student = app.client_as(Some("student")).await;
    let refused = app
        .post_form(
            &student,
            "/api/calendar/create",
            &format!("{SESSION}&audience=school"),
        )
        .await;
    assert_eq!(refused.status(), 403);
}

#[tokio::test]
async fn bad_events_are_refused_with_a_reason_and_nothing_is_saved() {
    let app = spawn_app().await;
    let admin = app.client_as(Some("admin")).await;
    let before = app.count("SELECT COUNT(*) FROM events").await;
    for (body, reason) in [
        (
            SESSION.replace("title=%E4%B9%A6%E6%B3%95%E5%B1%95%E8%A7%88", "title=+"),
            "TitleInvalid",
        ),
        (
            SESSION.replace("end_time=16:00", "end_time=14:00"),
            "EndBeforeStart",
        ),
        (
            SESSION.replace("start_date=2027-04-22", "start_date=2027-02-30"),
            "InvalidDate",
        ),
        (
            SESSION.replace("repeat=none", "repeat=FREQ%3DMINUTELY%3BINTERVAL%3D1"),
            "TooManyOccurrences",
        ),
        (
            SESSION.replace("repeat=none", "repeat=FREQ%3DSOMETIMES"),
            "RuleInvalid",
        ),
    ] {
        let response = app
            .post_form(
                &admin,
                "/api/calendar/create",
                &format!("{body}&audience=school"),
            )
            .await;
        assert_eq!(response.status(), 400, "{reason}");
        let text = response.text().await.unwrap();
        assert!(text.contains(reason), "{reason}: {text}");
    }
    assert_eq!(app.count("SELECT COUNT(*) FROM events").await, before);
}

#[tokio::test]
async fn a_stale_edit_is_a_conflict_and_overwrites_nothing() {
    let app = spawn_app().await;
    let admin = app.client_as(Some("admin")).await;
    let leader = app.client_as(Some("leader")).await;
    let id = app
        .count("SELECT id FROM events WHERE category = 'checkup'")
        .await;
    let edit = |title: &str, version: i64| {
        format!("id={id}&version={version}&title={title}&category=checkup&all_day=on&start_date=2027-04-21&end_date=2027-04-21&audience=school&student_visible=on&repeat=yearly")
    };
    // Both opened version 1; the leader saves first.
    let first = app
        .post_form(&leader, "/api/calendar/update", &edit("checkup-moved", 1))
        .await;
    assert!(
        first.status().is_success() || first.status().is_redirection(),
        "{}",
        first.status()
    );
    let second = app
        .post_form(&admin, "/api/calendar/update", &edit("stale", 1))
        .await;
    assert_eq!(second.status(), 409);
    let (title, version): (String, i64) =
        sqlx::query_as("SELECT title, version FROM events WHERE id = ?")
            .bind(id)
            .fetch_one(&app.pool)
            .await
            .unwrap();
    assert_eq!((title.as_str(), version), ("checkup-moved", 2));
    // The checkup is now yearly on April 21.
    let rule: String = sqlx::query_scalar("SELECT rrule FROM events WHERE id = ?")
        .bind(id)
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(rule, "FREQ=YEARLY;BYMONTH=4;BYMONTHDAY=21");

    let gone = app
        .post_form(
            &admin,
            "/api/calendar/archive",
            &format!("id={id}&version=2"),
        )
        .await;
    assert!(gone.status().is_success() || gone.status().is_redirection());
    assert_eq!(
        app.count(&format!(
            "SELECT COUNT(*) FROM events WHERE id = {id} AND archived_at IS NOT NULL"
        ))
        .await,
        1
    );
    assert!(app.count("SELECT COUNT(*) FROM audit_log WHERE action LIKE 'update_event%' OR action LIKE 'archive_event%'").await >= 2);
}

#[tokio::test]
async fn one_step_makes_the_months_birthday_party_for_the_staff() {
    let app = spawn_app().await;
    let leader = app.client_as(Some("leader")).await;
    let response = app
        .post_form(
            &leader,
            "/api/calendar/celebrate",
            "date=2027-04-30&time=15:00",
        )
        .await;
    assert!(
        response.status().is_success() || response.status().is_redirection(),
        "{}",
        response.status()
    );
    let (title, description, visible): (String, String, bool) = sqlx::query_as(
        "SELECT title, description, student_visible FROM events WHERE title LIKE '4月集体生日会%'",
    )
    .fetch_one(&app.pool)
    .await
    .unwrap();
    // Counted apart from the app, from the demo school's birth dates: the left-behind
    // children born in April, and those whose lunar birthday falls in April 2027 (the
    // `lunardate` almanac; a 30th missing in 2027's month is kept on the 29th): 14.
    let expected = 14;
    assert!(expected > 0);
    assert_eq!(title, format!("4月集体生日会（{expected}位留守儿童）"));
    assert_eq!(description.split('、').count(), expected);
    assert!(!visible, "the list says who is left behind: staff only");
    // Sent again, or for a day gone by: refused, still one party.
    for again in ["date=2027-04-23", "date=2026-01-30"] {
        assert_eq!(
            app.post_form(&leader, "/api/calendar/celebrate", again)
                .await
                .status(),
            400,
            "{again}"
        );
    }
    assert_eq!(
        app.count("SELECT COUNT(*) FROM events WHERE title LIKE '4月集体生日会%'")
            .await,
        1
    );
    let teacher = app.client_as(Some("teacher")).await;
    assert_eq!(
        app.post_form(&teacher, "/api/calendar/celebrate", "date=2027-04-30")
            .await
            .status(),
        403
    );
    // A counselor sees only their paired children's status: not this list, not even in the editor.
    let counselor = app.client_as(Some("counselor")).await;
    assert_eq!(
        app.post_form(&counselor, "/api/calendar/celebrate", "date=2027-04-30")
            .await
            .status(),
        403
    );
    let party = app
        .count("SELECT id FROM events WHERE title LIKE '4月集体生日会%'")
        .await;
    assert_eq!(
        app.get_as(&counselor, &format!("/api/calendar/event?id={party}"))
            .await
            .status(),
        403
    );
    assert_eq!(
        app.get_as(&leader, &format!("/api/calendar/event?id={party}"))
            .await
            .status(),
        200
    );
}

#[tokio::test]
async fn deleting_one_occurrence_leaves_the_rest_of_the_series() {
    let app = spawn_app().await;
    let teacher = app.client_as(Some("teacher")).await;
    // Event 7 is the calligraphy group's spring series (Wednesdays), the teacher's group.
    let (id, title): (i64, String) = sqlx::query_as(
        "SELECT id, title FROM events WHERE title = '书法兴趣小组' AND starts_at >= '2027'",
    )
    .fetch_one(&app.pool)
    .await
    .unwrap();
    let not_an_occurrence = app
        .post_form(
            &teacher,
            "/api/calendar/skip",
            &format!("id={id}&version=1&occurrence=2027-04-22T16:10:00"),
        )
        .await;
    assert_eq!(not_an_occurrence.status(), 400, "Apr 22 is a Thursday");
    let skipped = app
        .post_form(
            &teacher,
            "/api/calendar/skip",
            &format!("id={id}&version=1&occurrence=2027-04-21T16:10:00"),
        )
        .await;
    assert!(
        skipped.status().is_success() || skipped.status().is_redirection(),
        "{}",
        skipped.status()
    );
    let stale = app
        .post_form(
            &teacher,
            "/api/calendar/skip",
            &format!("id={id}&version=1&occurrence=2027-04-28T16:10:00"),
        )
        .await;
    assert_eq!(stale.status(), 409, "the series changed since version 1");

    let admin = app.client_as(Some("admin")).await;
    let april: app::calendar::types::CalendarData = serde_json::from_str(
        &app.get_as(&admin, "/api/calendar/events?date=2027-04-01")
            .await
            .text()
            .await
            .unwrap(),
    )
    .unwrap();
    let days: Vec<String> = april
        .occurrences
        .iter()
        .filter(|o| o.title == title)
        .map(|o| o.start.date().to_string())
        .collect();
    assert_eq!(
        days,
        ["2027-03-31", "2027-04-07", "2027-04-14", "2027-04-28"]
    );
}

#[tokio::test]
async fn a_new_series_is_kept_in_the_configured_school_time_zone() {
    // A school abroad (SCHOOL_TIME_ZONE=Europe/Berlin): its events keep its wall times.
    let app = spawn_app_in(chrono_tz::Europe::Berlin).await;
    let leader = app.client_as(Some("leader")).await;
    let created = app
        .post_form(
            &leader,
            "/api/calendar/create",
            "title=Elternabend&category=thematic&start_date=2027-03-22&start_time=18:00\
&end_time=19:00&audience=school&repeat=weekly&until=2027-04-05",
        )
        .await;
    assert!(
        created.status().is_success() || created.status().is_redirection(),
        "{}",
        created.status()
    );
    let zone: String =
        sqlx::query_scalar("SELECT time_zone FROM events WHERE title = 'Elternabend'")
            .fetch_one(&app.pool)
            .await
            .unwrap();
    assert_eq!(zone, "Europe/Berlin");
    // Berlin changes to summer time on March 28: the meeting stays at 18:00 on the wall.
    let april = app
        .get_as(&leader, "/calendar?view=week&date=2027-03-29")
        .await
        .text()
        .await
        .unwrap();
    assert!(
        april.contains(r#"title="18:00–19:00 Elternabend""#)
            && april.contains(r#"data-occurrence="2027-03-29T18:00:00""#),
        "the meeting after the change to summer time is at 18:00"
    );
}

/// What the event editor offers: a teacher their own class and group, chosen from the start
/// (never the whole school, which they may not plan for); a teacher with neither, nothing,
/// and their calendar no + on its days.
#[tokio::test]
async fn the_editor_offers_each_teacher_only_what_they_may_plan_for() {
    let app = spawn_app().await;
    let teacher = app.client_as(Some("teacher")).await;
    let offered = app.json(&teacher, "/api/calendar/audiences").await;
    assert_eq!(offered["school"], false, "{offered}");
    let names = |list: &serde_json::Value| -> Vec<String> {
        list.as_array()
            .unwrap()
            .iter()
            .map(|pair| pair[1].as_str().unwrap().to_owned())
            .collect()
    };
    assert_eq!(names(&offered["classes"]), ["3-2"]);
    assert_eq!(names(&offered["groups"]), ["书法兴趣小组"]);
    let leader = app.client_as(Some("leader")).await;
    let everything = app.json(&leader, "/api/calendar/audiences").await;
    assert_eq!(everything["school"], true);
    assert_eq!(everything["classes"].as_array().unwrap().len(), 12);

    let newcomer = app.new_teacher().await;
    let nothing = app.json(&newcomer, "/api/calendar/audiences").await;
    assert_eq!(nothing["school"], false);
    assert!(nothing["classes"].as_array().unwrap().is_empty());
    assert!(nothing["groups"].as_array().unwrap().is_empty());
    let month = app
        .get_as(&newcomer, "/calendar?view=month&date=2027-04-01")
        .await;
    assert_eq!(month.status(), 200);
    let html = month.text().await.unwrap();
    assert!(html.contains("2027年4月"), "the month is shown");
    assert!(!html.contains("add-event"), "no + on the days");
    let page = app.get_as(&newcomer, "/calendar/new?date=2027-04-22").await;
    let html = page.text().await.unwrap();
    assert!(html.contains("您还没有任教的班级或兴趣小组"), "{html}");
    assert!(!html.contains("event-form"));
}
