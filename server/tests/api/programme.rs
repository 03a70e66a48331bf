//! The year-end summary over HTTP, on the demo school as it stands on 2027-04-19: the page
//! the leading group prints for the Youth League and the education bureau.

use server::config::Config;

use crate::helpers::{spawn_app_with, TestApp};

async fn app() -> TestApp {
    spawn_app_with(|config| Config {
        today: Some("2027-04-19".parse().unwrap()),
        ..config
    })
    .await
}

fn ok(status: reqwest::StatusCode) -> bool {
    status.is_success() || status.is_redirection()
}

/// The thematic activities section five says were held this school year.
async fn thematic_held(app: &TestApp, leader: &reqwest::Client) -> u32 {
    let response = app.get_as(leader, "/programme/summary?year=2026").await;
    assert_eq!(response.status(), 200);
    let page = response.text().await.unwrap();
    let (_, after) = page
        .split_once("本学年举办主题活动")
        .unwrap_or_else(|| panic!("section five on the page: {page}"));
    let figure = after.split_once('次').expect("a number of times").0;
    figure
        .parse()
        .unwrap_or_else(|_| panic!("a number: {figure:?}"))
}

async fn create(app: &TestApp, client: &reqwest::Client, fields: &[(&str, &str)]) {
    let body = serde_urlencoded::to_string(fields).unwrap();
    let created = app.post_form(client, "/api/calendar/create", &body).await;
    assert!(ok(created.status()), "{}: {body}", created.status());
}

#[tokio::test]
async fn the_summary_counts_each_thematic_day_held_so_far_and_none_to_come() {
    let app = app().await;
    let leader = app.client_as(Some("leader")).await;
    // The demo's own: the National Day singing (29 September) once, and the classics read
    // aloud on the first Friday of each month, September to April: eight times. Next
    // month's letters for Mother's Day are still to come.
    assert_eq!(thematic_held(&app, &leader).await, 9);

    // The staff's reading circle on the 14th of each month since October (seven times by
    // today), for the staff only; March's was called off.
    create(
        &app,
        &leader,
        &[
            ("title", "教师读书分享会"),
            ("category", "thematic"),
            ("start_date", "2026-10-14"),
            ("start_time", "16:30"),
            ("end_time", "17:30"),
            ("audience", "staff"),
            ("repeat", "monthly"),
            ("until", "2027-07-14"),
        ],
    )
    .await;
    let circle = app
        .count("SELECT id FROM events WHERE title = '教师读书分享会'")
        .await;
    let called_off = app
        .post_form(
            &leader,
            "/api/calendar/skip",
            &format!("id={circle}&version=1&occurrence=2027-03-14T16:30:00"),
        )
        .await;
    assert!(ok(called_off.status()), "{}", called_off.status());
    // Today's, held this afternoon; and two in May, as the .ics the walk imported had.
    for (title, day) in [
        ("书法展览", "2027-04-19"),
        ("劳动实践周", "2027-05-10"),
        ("母亲节感恩活动", "2027-05-07"),
    ] {
        create(
            &app,
            &leader,
            &[
                ("title", title),
                ("category", "thematic"),
                ("start_date", day),
                ("start_time", "15:00"),
                ("end_time", "16:00"),
                ("audience", "school"),
                ("student_visible", "on"),
                ("repeat", "none"),
            ],
        )
        .await;
    }
    assert_eq!(thematic_held(&app, &leader).await, 9 + 6 + 1);

    // The year just ended counts its own, all held: June's founding day and the two
    // letters, Mother's Day's and Father's Day's.
    let response = app.get_as(&leader, "/programme/summary?year=2025").await;
    let page = response.text().await.unwrap();
    assert!(page.contains("本学年举办主题活动3次"), "{page}");
}
