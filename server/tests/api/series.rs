//! Changing part of a weekly series over HTTP: one occurrence, this and following, all,
//! and moving by dragging — and what the calendar and the feeds show afterwards.

use app::calendar::types::CalendarData;

use crate::feeds::{fetch, make_feed, prop, vevents};
use crate::helpers::{spawn_app, TestApp};

/// The calligraphy group's spring series (Wednesdays 16:10–17:10), the teacher's group.
async fn spring_calligraphy(app: &TestApp) -> (i64, i64, String) {
    sqlx::query_as(
        "SELECT id, group_id, rrule FROM events WHERE title = '书法兴趣小组' AND starts_at >= '2027'",
    )
    .fetch_one(&app.pool)
    .await
    .unwrap()
}

/// The editor's fields for one session of the series, as the form posts them.
#[allow(clippy::too_many_arguments)]
fn session_form(
    id: i64,
    group: i64,
    rule: &str,
    occurrence: &str,
    scope: &str,
    title: &str,
    day: &str,
    from: &str,
    to: &str,
) -> String {
    let repeat = rule
        .split(';')
        .filter(|p| !p.starts_with("UNTIL="))
        .collect::<Vec<_>>()
        .join(";");
    serde_urlencoded::to_string([
        ("id", id.to_string().as_str()),
        ("version", "1"),
        ("occurrence", occurrence),
        ("scope", scope),
        ("title", title),
        ("category", "activity"),
        ("start_date", day),
        ("start_time", from),
        ("end_date", day),
        ("end_time", to),
        ("location", "书法室"),
        ("audience", &format!("group:{group}")),
        ("student_visible", "on"),
        ("repeat", &repeat),
        ("until", "2027-07-02"),
    ])
    .unwrap()
}

/// (date, start time, title) of the month's calligraphy sessions, as the calendar lists them.
async fn sessions(app: &TestApp, month: &str) -> Vec<(String, String, String)> {
    let admin = app.client_as(Some("admin")).await;
    let data: CalendarData = serde_json::from_str(
        &app.get_as(&admin, &format!("/api/calendar/events?date={month}"))
            .await
            .text()
            .await
            .unwrap(),
    )
    .unwrap();
    data.occurrences
        .into_iter()
        .filter(|o| o.title.starts_with("书法"))
        .map(|o| {
            (
                o.start.date().to_string(),
                o.start.format("%H:%M").to_string(),
                o.title,
            )
        })
        .collect()
}

fn ok(response: &reqwest::Response) {
    assert!(
        response.status().is_success() || response.status().is_redirection(),
        "{}",
        response.status()
    );
}

fn at(day: &str, time: &str, title: &str) -> (String, String, String) {
    (day.to_owned(), time.to_owned(), title.to_owned())
}

#[tokio::test]
async fn changing_one_session_leaves_the_others_and_the_feed_says_so() {
    let app = spawn_app().await;
    let teacher = app.client_as(Some("teacher")).await;
    let (id, group, rule) = spring_calligraphy(&app).await;
    let body = session_form(
        id,
        group,
        &rule,
        "2027-04-21T16:10:00",
        "this",
        "书法（操场写大字）",
        "2027-04-21",
        "15:00",
        "16:30",
    );
    ok(&app.post_form(&teacher, "/api/calendar/update", &body).await);

    let group_title = "书法兴趣小组";
    assert_eq!(
        sessions(&app, "2027-04-01").await,
        [
            at("2027-03-31", "16:10", group_title),
            at("2027-04-07", "16:10", group_title),
            at("2027-04-14", "16:10", group_title),
            at("2027-04-21", "15:00", "书法（操场写大字）"),
            at("2027-04-28", "16:10", group_title),
        ]
    );
    // The same change again from the stale editor is a conflict: the series moved on.
    assert_eq!(
        app.post_form(&teacher, "/api/calendar/update", &body)
            .await
            .status(),
        409
    );

    // Phone calendars get the changed session as the series' event with a RECURRENCE-ID.
    let token = make_feed(&app, None).await;
    let ics = fetch(&app, &format!("token={token}&cat=activity"))
        .await
        .text()
        .await
        .unwrap();
    let changed: Vec<_> = vevents(&ics)
        .into_iter()
        .filter(|e| !prop(e, "RECURRENCE-ID").is_empty())
        .collect();
    assert_eq!(changed.len(), 1, "{ics}");
    assert_eq!(prop(&changed[0], "UID"), [format!("event-{id}@hopehome")]);
    assert_eq!(prop(&changed[0], "RECURRENCE-ID"), ["20270421T161000"]);
    assert_eq!(prop(&changed[0], "DTSTART"), ["20270421T150000"]);

    // Deleting the changed session takes it off the calendar, and off the phones as an EXDATE.
    let override_id = app
        .count("SELECT id FROM events WHERE series_id IS NOT NULL")
        .await;
    ok(&app
        .post_form(
            &teacher,
            "/api/calendar/archive",
            &format!("id={override_id}&version=1"),
        )
        .await);
    assert_eq!(sessions(&app, "2027-04-01").await.len(), 4);
    let ics = fetch(&app, &format!("token={token}&cat=activity"))
        .await
        .text()
        .await
        .unwrap();
    assert!(
        ics.contains("EXDATE;TZID=Asia/Shanghai:20270421T161000"),
        "{ics}"
    );
    assert!(!ics.contains("RECURRENCE-ID"), "{ics}");
}

#[tokio::test]
async fn this_and_following_splits_the_series_where_it_changes() {
    let app = spawn_app().await;
    let teacher = app.client_as(Some("teacher")).await;
    let (id, group, rule) = spring_calligraphy(&app).await;
    let before = app.count("SELECT COUNT(*) FROM events").await;
    let body = session_form(
        id,
        group,
        &rule,
        "2027-04-14T16:10:00",
        "following",
        "书法兴趣小组",
        "2027-04-14",
        "17:00",
        "18:00",
    );
    ok(&app.post_form(&teacher, "/api/calendar/update", &body).await);

    let t = "书法兴趣小组";
    assert_eq!(
        sessions(&app, "2027-04-01").await,
        [
            at("2027-03-31", "16:10", t),
            at("2027-04-07", "16:10", t),
            at("2027-04-14", "17:00", t),
            at("2027-04-21", "17:00", t),
            at("2027-04-28", "17:00", t),
        ]
    );
    assert_eq!(app.count("SELECT COUNT(*) FROM events").await, before + 1);
    // The old series ends the second before 16:10 on the school's clock, the new one keeps the term's end.
    let old_rule: String = sqlx::query_scalar("SELECT rrule FROM events WHERE id = ?")
        .bind(id)
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(old_rule, "FREQ=WEEKLY;BYDAY=WE;UNTIL=20270414T160959");
    let (skips,): (bool,) =
        sqlx::query_as("SELECT skip_holidays FROM events ORDER BY id DESC LIMIT 1")
            .fetch_one(&app.pool)
            .await
            .unwrap();
    assert!(skips, "the new half still skips statutory holidays");
    // July has no sessions: the term still ends on July 2.
    assert_eq!(
        sessions(&app, "2027-06-01").await.last().unwrap().0,
        "2027-06-30"
    );
}

#[tokio::test]
async fn dragging_a_session_asks_which_and_moves_one_or_all() {
    let app = spawn_app().await;
    let teacher = app.client_as(Some("teacher")).await;
    let (id, _, _) = spring_calligraphy(&app).await;
    let t = "书法兴趣小组";

    // One session dragged from Wednesday to Thursday, 30 minutes later.
    let one = format!("id={id}&version=1&occurrence=2027-04-07T16:10:00&start=2027-04-08T16:40&scope=this&next=/calendar?date=2027-04-01");
    let moved = app.post_form(&teacher, "/api/calendar/move", &one).await;
    assert_eq!(moved.headers()["location"], "/calendar?date=2027-04-01");
    let april = sessions(&app, "2027-04-01").await;
    assert!(april.contains(&at("2027-04-08", "16:40", t)), "{april:?}");
    assert!(!april.iter().any(|s| s.0 == "2027-04-07"), "{april:?}");
    assert_eq!(april.len(), 5);

    // A stale drag (version 1 again) changes nothing.
    let stale = format!(
        "id={id}&version=1&occurrence=2027-04-14T16:10:00&start=2027-04-15T16:10&scope=all"
    );
    assert_eq!(
        app.post_form(&teacher, "/api/calendar/move", &stale)
            .await
            .status(),
        409
    );

    // The whole series dragged a day later: every session is on Thursday, and the one moved
    // on its own moves along with the others (still 30 minutes later).
    let all = format!(
        "id={id}&version=2&occurrence=2027-04-14T16:10:00&start=2027-04-15T16:10&scope=all"
    );
    ok(&app.post_form(&teacher, "/api/calendar/move", &all).await);
    let april = sessions(&app, "2027-04-01").await;
    let days: Vec<&str> = april.iter().map(|s| s.0.as_str()).collect();
    assert_eq!(
        days,
        [
            "2027-04-01",
            "2027-04-08",
            "2027-04-15",
            "2027-04-22",
            "2027-04-29"
        ]
    );
    let rule: String = sqlx::query_scalar("SELECT rrule FROM events WHERE id = ?")
        .bind(id)
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert!(rule.starts_with("FREQ=WEEKLY;BYDAY=TH"), "{rule}");
}

#[tokio::test]
async fn a_single_event_moves_and_resizes_and_only_its_editors_may() {
    let app = spawn_app().await;
    let admin = app.client_as(Some("admin")).await;
    let create =
        "title=%E5%AE%B6%E9%95%BF%E4%BC%9A&category=meeting&start_date=2027-05-07&start_time=15:00\
&end_time=16:00&audience=school&student_visible=on&repeat=none";
    ok(&app.post_form(&admin, "/api/calendar/create", create).await);
    let (id, start): (i64, String) =
        sqlx::query_as("SELECT id, starts_at FROM events WHERE title = '家长会'")
            .fetch_one(&app.pool)
            .await
            .unwrap();
    for (who, status) in [(Some("teacher"), 403), (Some("student"), 403), (None, 401)] {
        let client = app.client_as(who).await;
        let refused = app
            .post_form(
                &client,
                "/api/calendar/move",
                &format!("id={id}&version=1&occurrence={start}&start=2027-05-10T09:00"),
            )
            .await;
        assert_eq!(refused.status(), status, "{who:?}");
    }
    assert_eq!(
        app.count(&format!("SELECT version FROM events WHERE id = {id}"))
            .await,
        1
    );
    let bad = app
        .post_form(
            &admin,
            "/api/calendar/move",
            &format!(
                "id={id}&version=1&occurrence={start}&start=2027-05-10T09:00&end=2027-05-10T08:00"
            ),
        )
        .await;
    assert_eq!(bad.status(), 400);
    ok(&app
        .post_form(
            &admin,
            "/api/calendar/move",
            &format!(
                "id={id}&version=1&occurrence={start}&start=2027-05-10T09:00&end=2027-05-10T11:30"
            ),
        )
        .await);
    let (starts, ends): (String, String) =
        sqlx::query_as("SELECT starts_at, ends_at FROM events WHERE id = ?")
            .bind(id)
            .fetch_one(&app.pool)
            .await
            .unwrap();
    assert_eq!(
        (starts.as_str(), ends.as_str()),
        ("2027-05-10T09:00:00", "2027-05-10T11:30:00")
    );
    assert_eq!(
        app.count(&format!(
            "SELECT COUNT(*) FROM audit_log WHERE action LIKE 'move_event update_event {id}%'"
        ))
        .await,
        1
    );
}
