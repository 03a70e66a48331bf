use app::calendar::types::{CalendarData, Category};
use chrono::NaiveDate;

use crate::helpers::spawn_app;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

async fn month(app: &crate::helpers::TestApp, date: &str) -> CalendarData {
    fetch(app, &format!("date={date}")).await
}

async fn fetch(app: &crate::helpers::TestApp, query: &str) -> CalendarData {
    let admin = app.client_as(Some("admin")).await;
    let response = app
        .get_as(&admin, &format!("/api/calendar/events?{query}"))
        .await;
    assert_eq!(response.status(), 200);
    serde_json::from_str(&response.text().await.unwrap()).expect("CalendarData JSON")
}

#[tokio::test]
async fn april_2027_has_the_checkup_on_the_20th() {
    let app = spawn_app().await;
    let april = month(&app, "2027-04-01").await;
    assert_eq!((april.first, april.last), (d(2027, 3, 29), d(2027, 5, 2)));
    let checkups: Vec<_> = april
        .occurrences
        .iter()
        .filter(|o| o.category == Category::Checkup)
        .collect();
    assert_eq!(checkups.len(), 1);
    assert_eq!(checkups[0].start.date(), d(2027, 4, 20));
    assert!(checkups[0].all_day);
}

#[tokio::test]
async fn birthdays_are_derived_from_the_children_for_the_window() {
    let app = spawn_app().await;
    let april = month(&app, "2027-04-15").await;
    // The grid runs Monday Mar 29 to Sunday May 2.
    let expected = app
        .count(
            "SELECT COUNT(*) FROM children
             WHERE birthday_calendar = 'solar'
               AND (substr(birth_date, 6) BETWEEN '03-29' AND '03-31'
                    OR substr(birth_date, 6, 2) = '04'
                    OR substr(birth_date, 6) BETWEEN '05-01' AND '05-02')",
        )
        .await;
    assert_eq!(
        april.birthdays.iter().filter(|b| !b.lunar).count() as i64,
        expected
    );
    assert!(april
        .birthdays
        .iter()
        .all(|b| (d(2027, 3, 29)..=d(2027, 5, 2)).contains(&b.date)));
    assert!(
        app.count("SELECT COUNT(*) FROM events WHERE category = 'birthday' AND rrule IS NULL")
            .await
            == 0
    );
}

#[tokio::test]
async fn the_leap_day_child_celebrates_on_february_28_in_a_common_year() {
    let app = spawn_app().await;
    let leap_child: i64 = app
        .count("SELECT id FROM children WHERE birth_date = '2016-02-29'")
        .await;
    let february = month(&app, "2027-02-01").await;
    let birthday = february
        .birthdays
        .iter()
        .find(|b| b.child_id == Some(leap_child))
        .expect("leap-day birthday");
    assert_eq!((birthday.date, birthday.age), (d(2027, 2, 28), Some(11)));
    let leap_year = month(&app, "2028-02-01").await;
    let birthday = leap_year
        .birthdays
        .iter()
        .find(|b| b.child_id == Some(leap_child))
        .expect("leap-day birthday");
    assert_eq!(birthday.date, d(2028, 2, 29));
}

#[tokio::test]
async fn interest_groups_meet_weekly_in_term_time_only() {
    let app = spawn_app().await;
    let april = month(&app, "2027-04-01").await;
    let table_tennis: Vec<_> = april
        .occurrences
        .iter()
        .filter(|o| o.title == "乒乓球兴趣小组")
        .map(|o| o.start.date())
        .collect();
    // Mondays of the grid Mar 29 – May 2, but Apr 5 (Qingming, a statutory holiday).
    assert_eq!(
        table_tennis,
        vec![
            d(2027, 3, 29),
            d(2027, 4, 12),
            d(2027, 4, 19),
            d(2027, 4, 26)
        ]
    );
    let august = month(&app, "2027-08-01").await;
    assert!(august
        .occurrences
        .iter()
        .all(|o| o.category != Category::Activity));
}

#[tokio::test]
async fn a_bad_date_is_refused_with_a_validation_error() {
    let app = spawn_app().await;
    let teacher = app.client_as(Some("teacher")).await;
    let response = app
        .get_as(&teacher, "/api/calendar/events?date=2027-02-30")
        .await;
    assert_eq!(response.status(), 400);
    let body = response.text().await.unwrap();
    assert!(body.contains("InvalidDate"), "{body}");
    assert!(!body.to_lowercase().contains("sql"), "{body}");
}

#[tokio::test]
async fn the_week_view_covers_monday_to_sunday() {
    let app = spawn_app().await;
    let week = fetch(&app, "view=week&date=2027-04-21").await;
    assert_eq!((week.first, week.last), (d(2027, 4, 19), d(2027, 4, 25)));
    let groups: Vec<_> = week
        .occurrences
        .iter()
        .filter(|o| o.category == Category::Activity)
        .collect();
    assert_eq!(groups.len(), 6, "each of the six groups meets once a week");
    assert!(week
        .occurrences
        .iter()
        .any(|o| o.category == Category::Checkup && o.start.date() == d(2027, 4, 20)));
}

#[tokio::test]
async fn filters_narrow_the_calendar() {
    let app = spawn_app().await;
    let checkups = fetch(&app, "view=month&date=2027-04-01&cat=checkup").await;
    assert_eq!(checkups.occurrences.len(), 1);
    assert!(checkups.birthdays.is_empty());

    let class_3_2 = app
        .count("SELECT id FROM classes WHERE grade = 3 AND number = 2")
        .await;
    let class = fetch(
        &app,
        &format!("view=month&date=2027-04-01&cat=birthday&class={class_3_2}"),
    )
    .await;
    // The monthly birthday party is a school-wide event of the birthday category.
    assert!(class
        .occurrences
        .iter()
        .all(|o| o.category == Category::Birthday));
    assert!(!class.birthdays.is_empty());
    assert!(class
        .birthdays
        .iter()
        .all(|b| (b.class.grade, b.class.number) == (3, 2)));

    let calligraphy = app
        .count("SELECT id FROM interest_groups WHERE key = 'calligraphy'")
        .await;
    let group = fetch(
        &app,
        &format!("view=agenda&date=2027-04-01&group={calligraphy}"),
    )
    .await;
    assert!(!group.occurrences.is_empty());
    assert!(group.occurrences.iter().all(|o| o.title == "书法兴趣小组"));
}

#[tokio::test]
async fn an_unknown_view_or_filter_is_a_clear_error() {
    let app = spawn_app().await;
    let admin = app.client_as(Some("admin")).await;
    for query in ["view=year", "cat=parties", "class=3b"] {
        let response = app
            .get_as(&admin, &format!("/api/calendar/events?{query}"))
            .await;
        assert_eq!(response.status(), 400, "{query}");
    }
}

#[tokio::test]
async fn interest_groups_skip_the_national_day_holiday() {
    let app = spawn_app().await;
    let october = month(&app, "2026-10-01").await;
    let calligraphy: Vec<_> = october
        .occurrences
        .iter()
        .filter(|o| o.title == "书法兴趣小组")
        .map(|o| o.start.date())
        .collect();
    // Wednesdays of the grid Sep 28 – Nov 1, without Oct 7 (National Day holiday).
    assert_eq!(
        calligraphy,
        vec![
            d(2026, 9, 30),
            d(2026, 10, 14),
            d(2026, 10, 21),
            d(2026, 10, 28)
        ]
    );
    let info = |day| october.days.iter().find(|i| i.date == day).unwrap();
    assert_eq!(
        info(d(2026, 10, 1)).holiday.as_ref().unwrap().name,
        "国庆节"
    );
    assert_eq!(
        info(d(2026, 10, 10)).holiday.as_ref().unwrap().kind,
        app::calendar::types::HolidayKind::Workday
    );
    assert!(info(d(2026, 10, 1))
        .festivals
        .contains(&"national_day".to_owned()));
}

#[tokio::test]
async fn lunar_birthdays_are_converted_for_the_year_shown() {
    let app = spawn_app().await;
    let (child, birth): (i64, NaiveDate) = sqlx::query_as(
        "SELECT id, birth_date FROM children WHERE birthday_calendar = 'lunar' ORDER BY id LIMIT 1",
    )
    .fetch_one(&app.pool)
    .await
    .unwrap();
    // Worked out apart from the app (the `lunardate` almanac): born 2018-03-05, the
    // 18th of the first lunar month, whose 2027 date is February 23; nine years old.
    assert_eq!(
        birth,
        d(2018, 3, 5),
        "the demo school's first lunar birthday"
    );
    let shown = month(&app, "2027-02-01").await;
    let birthday = shown
        .birthdays
        .iter()
        .find(|b| b.child_id == Some(child))
        .expect("the lunar birthday is shown");
    assert_eq!(
        (birthday.date, birthday.age, birthday.lunar),
        (d(2027, 2, 23), Some(9), true)
    );
}

#[tokio::test]
async fn the_days_carry_the_lunar_date_and_festivals() {
    let app = spawn_app().await;
    let september = month(&app, "2027-09-01").await;
    let mid_autumn = september
        .days
        .iter()
        .find(|i| i.date == d(2027, 9, 15))
        .unwrap();
    assert_eq!(mid_autumn.lunar, (8, 15));
    assert!(mid_autumn.festivals.contains(&"mid_autumn".to_owned()));
    let teachers = september
        .days
        .iter()
        .find(|i| i.date == d(2027, 9, 10))
        .unwrap();
    assert!(teachers.festivals.contains(&"teachers_day".to_owned()));
}

#[test]
fn the_shipped_2027_festival_holidays_fall_on_their_lunar_dates() {
    use app::calendar::domain::holidays::parse_holiday_file;
    use app::calendar::domain::lunar::festival_on;
    let lines = parse_holiday_file(include_str!("../../data/holidays-cn.txt")).unwrap();
    let first_day = |name: &str, year: i32| {
        lines
            .iter()
            .filter(|l| l.name == name && chrono::Datelike::year(&l.date) == year)
            .map(|l| l.date)
            .min()
            .unwrap()
    };
    assert_eq!(festival_on(first_day("春节", 2027)), Some("new_years_eve"));
    assert_eq!(festival_on(first_day("端午节", 2027)), Some("dragon_boat"));
    assert_eq!(festival_on(first_day("中秋节", 2027)), Some("mid_autumn"));
    assert_eq!(festival_on(d(2026, 2, 17)), Some("spring_festival"));
}

#[tokio::test]
async fn an_admin_corrects_the_holidays_and_the_correction_survives_a_restart() {
    let _deadline = crate::helpers::deadline();
    use server::startup::Application;
    let app = spawn_app().await;
    let admin = app.client_as(Some("admin")).await;
    // The State Council adds Feb 9, 2027 and the admin removes the provisional Labour Day 2nd.
    let saved = app
        .post_form(
            &admin,
            "/api/admin/holidays/save",
            "date=2027-02-09&kind=holiday&name=%E6%98%A5%E8%8A%82",
        )
        .await;
    assert!(saved.status().is_success(), "{}", saved.status());
    let removed = app
        .post_form(&admin, "/api/admin/holidays/remove", "date=2027-05-02")
        .await;
    assert!(removed.status().is_success(), "{}", removed.status());
    let bad = app
        .post_form(
            &admin,
            "/api/admin/holidays/save",
            "date=2027-02-30&kind=holiday&name=x",
        )
        .await;
    assert_eq!(bad.status(), 400);

    let config = crate::helpers::config(&app.database_url, true);
    Application::build(config)
        .await
        .expect("restart reloads the shipped file");
    let february = month(&app, "2027-02-01").await;
    let feb9 = february
        .days
        .iter()
        .find(|i| i.date == d(2027, 2, 9))
        .unwrap();
    assert_eq!(
        feb9.holiday
            .as_ref()
            .map(|h| (h.name.as_str(), h.provisional)),
        Some(("春节", false))
    );
    let may = month(&app, "2027-05-01").await;
    assert!(may
        .days
        .iter()
        .find(|i| i.date == d(2027, 5, 2))
        .unwrap()
        .holiday
        .is_none());
    assert_eq!(
        app.count("SELECT COUNT(*) FROM audit_log WHERE action LIKE '%_holiday 2027-%'")
            .await,
        2
    );
}

async fn fetch_as(app: &crate::helpers::TestApp, user: &str, query: &str) -> CalendarData {
    let client = app.client_as(Some(user)).await;
    let response = app
        .get_as(&client, &format!("/api/calendar/events?{query}"))
        .await;
    assert_eq!(response.status(), 200, "{user}: {query}");
    serde_json::from_str(&response.text().await.unwrap()).expect("CalendarData JSON")
}

#[tokio::test]
async fn a_month_worked_out_once_is_cut_for_each_viewer_as_before() {
    let app = spawn_app().await;
    let query = "view=month&date=2027-04-19";
    // The admin works April out first; the others are served from what was kept.
    let admin = fetch_as(&app, "admin", query).await;
    let teacher = fetch_as(&app, "teacher", query).await;
    let student = fetch_as(&app, "student", query).await;

    assert!(admin
        .occurrences
        .iter()
        .all(|o| o.editable || o.event_id == 0));
    // The school's events (follow-ups, id 0, are for those who read health records).
    let ids = |data: &CalendarData| {
        data.occurrences
            .iter()
            .map(|o| o.event_id)
            .filter(|id| *id != 0)
            .collect::<Vec<_>>()
    };
    assert_eq!(ids(&teacher), ids(&admin), "staff see the same events");
    let teacher_edits = teacher.occurrences.iter().filter(|o| o.editable).count();
    assert!(
        teacher_edits < admin.occurrences.len(),
        "the teacher may not move the whole school's events ({teacher_edits} editable)"
    );
    assert!(teacher.birthdays.iter().all(|b| b.age.is_some()));

    let staff_only = app
        .count(
            "SELECT COUNT(*) FROM events WHERE student_visible = 0 AND archived_at IS NULL
               AND starts_at < '2027-05-03' AND ends_at > '2027-03-29'",
        )
        .await;
    assert!(staff_only > 0, "April has staff-only events to leave out");
    assert!(student.occurrences.len() < admin.occurrences.len());
    assert!(student.occurrences.iter().all(|o| !o.editable));
    assert_eq!(student.birthdays.len(), admin.birthdays.len());
    assert!(student
        .birthdays
        .iter()
        .all(|b| b.age.is_none() && b.child_id.is_none()));
}

#[tokio::test]
async fn a_kept_month_shows_any_change_on_the_very_next_request() {
    let app = spawn_app().await;
    let query = "view=month&date=2027-04-19";
    let before = fetch(&app, query).await;
    let again = |sql: &'static str| {
        let app = &app;
        async move {
            // Straight in the database: no code path of the app is needed to be seen.
            sqlx::query(sql).execute(&app.pool).await.unwrap();
            fetch(app, query).await
        }
    };
    let day = |data: &CalendarData, date: NaiveDate| {
        data.days.iter().find(|d| d.date == date).unwrap().clone()
    };

    assert!(day(&before, d(2027, 4, 5)).holiday.is_some(), "清明节");
    let after = again("UPDATE holidays SET active = 0 WHERE date = '2027-04-05'").await;
    assert!(
        day(&after, d(2027, 4, 5)).holiday.is_none(),
        "a holiday withdrawn"
    );

    let after = again("UPDATE events SET title = '体检日（改）' WHERE category = 'checkup'").await;
    assert!(
        after.occurrences.iter().any(|o| o.title == "体检日（改）"),
        "an event renamed"
    );

    let child = app
        .count("SELECT MIN(id) FROM children WHERE substr(birth_date, 6, 2) = '09' AND birthday_calendar = 'solar' AND enrolment = 'active'")
        .await;
    assert!(!before.birthdays.iter().any(|b| b.child_id == Some(child)));
    sqlx::query("UPDATE children SET birth_date = '2017-04-21' WHERE id = ?")
        .bind(child)
        .execute(&app.pool)
        .await
        .unwrap();
    let after = fetch(&app, query).await;
    let birthday = after.birthdays.iter().find(|b| b.child_id == Some(child));
    assert_eq!(
        birthday.map(|b| (b.date, b.age)),
        Some((d(2027, 4, 21), Some(10))),
        "a birth date corrected"
    );

    let after = again("UPDATE interest_groups SET name = '书法社' WHERE key = 'calligraphy'").await;
    assert!(
        after.groups.iter().any(|(_, name)| name == "书法社"),
        "a group renamed"
    );

    let group = app
        .count(&format!(
            "SELECT MIN(id) FROM interest_groups
             WHERE id NOT IN (SELECT group_id FROM group_members WHERE child_id = {child})"
        ))
        .await;
    let in_group = |data: &CalendarData| data.birthdays.iter().any(|b| b.child_id == Some(child));
    let group_query = format!("{query}&group={group}");
    assert!(!in_group(&fetch(&app, &group_query).await));
    sqlx::query("INSERT INTO group_members (group_id, child_id) VALUES (?, ?)")
        .bind(group)
        .bind(child)
        .execute(&app.pool)
        .await
        .unwrap();
    assert!(
        in_group(&fetch(&app, &group_query).await),
        "a child joins a group"
    );

    let after = again("UPDATE classes SET number = 9 WHERE grade = 3 AND number = 2").await;
    assert!(
        after.classes.iter().any(|(_, label)| label == "3-9"),
        "a class renamed"
    );
    assert!(after
        .birthdays
        .iter()
        .any(|b| (b.class.grade, b.class.number) == (3, 9)));
}

/// The month page as rendered, and the CSP nonce it came with.
async fn month_page(app: &crate::helpers::TestApp, client: &reqwest::Client) -> (String, String) {
    let response = app
        .get_as(client, "/calendar?view=month&date=2027-04-19")
        .await;
    assert_eq!(response.status(), 200);
    let nonce = nonce_of(&response);
    (nonce, response.text().await.unwrap())
}

/// The nonce the answer's Content-Security-Policy allows scripts by.
fn nonce_of(response: &reqwest::Response) -> String {
    let policy = response.headers()["content-security-policy"]
        .to_str()
        .unwrap();
    let (_, rest) = policy.split_once("'nonce-").expect("a nonce in the CSP");
    rest.split_once('\'').unwrap().0.to_owned()
}

#[tokio::test]
async fn a_kept_month_page_is_its_viewers_alone_has_a_nonce_of_its_own_and_is_never_stale() {
    let app = spawn_app().await;
    let teacher = app.client_as(Some("teacher")).await;
    let (first_nonce, first) = month_page(&app, &teacher).await;
    let (nonce, again) = month_page(&app, &teacher).await;
    assert_ne!(nonce, first_nonce, "every answer has a nonce of its own");
    assert!(!again.contains(&first_nonce));
    assert!(again.contains(&format!("nonce=\"{nonce}\"")));
    assert_eq!(again.replace(&nonce, &first_nonce), first, "the same page");
    assert!(first.contains("张老师"));
    // To a browser (they all take gzip): gzipped once, its nonce still its own.
    let zipped = teacher
        .get(format!(
            "{}/calendar?view=month&date=2027-04-19",
            app.address
        ))
        .header("accept-encoding", "gzip, deflate, br")
        .send()
        .await
        .unwrap();
    assert_eq!(zipped.headers()["content-encoding"], "gzip");
    let zipped_nonce = nonce_of(&zipped);
    let bytes = zipped.bytes().await.unwrap();
    let mut unpacked = String::new();
    std::io::Read::read_to_string(&mut flate2::read::GzDecoder::new(&bytes[..]), &mut unpacked)
        .unwrap();
    assert_eq!(unpacked.replace(&zipped_nonce, &first_nonce), first);
    assert!(bytes.len() < first.len() / 5, "{} bytes", bytes.len());

    // Another user on the same URL gets their own page, never the teacher's.
    let admin = app.client_as(Some("admin")).await;
    let (_, admins) = month_page(&app, &admin).await;
    assert!(!admins.contains("张老师") && admins.contains("管理员"));

    // The page is kept: a follow-up written straight into the database (no audit row, no
    // calendar trigger: no code path of the app writes so) is not on the admin's next page...
    let child = app
        .count("SELECT MIN(id) FROM children WHERE enrolment = 'active'")
        .await;
    let name: String = sqlx::query_scalar("SELECT name FROM children WHERE id = ?")
        .bind(child)
        .fetch_one(&app.pool)
        .await
        .unwrap();
    let shown = format!("复查：{name} · 复查视力");
    assert!(!admins.contains(&shown));
    sqlx::query(
        "INSERT INTO checkup_results (year, child_id, attendance, follow_up, follow_up_due)
         VALUES (2027, ?, 'examined', '复查视力', '2027-04-26')",
    )
    .bind(child)
    .execute(&app.pool)
    .await
    .unwrap();
    let (_, kept) = month_page(&app, &admin).await;
    assert!(!kept.contains(&shown), "served as kept");
    // ...and any new audit row, of whatever area, makes every kept page old: here the
    // teacher's refused attempt to plan for the whole school.
    let rows = app.count("SELECT COUNT(*) FROM audit_log").await;
    let refused = app
        .post_form(
            &teacher,
            "/api/calendar/create",
            "title=x&category=thematic&start_date=2027-04-22&start_time=15:00&end_time=16:00\
&repeat=none&audience=school",
        )
        .await;
    assert_eq!(refused.status(), 403);
    assert_eq!(app.count("SELECT COUNT(*) FROM audit_log").await, rows + 1);
    let audited = "SELECT COUNT(*) FROM audit_log WHERE action LIKE '%follow_ups on calendar%'";
    assert_eq!(app.count(audited).await, 0);
    let (_, fresh) = month_page(&app, &admin).await;
    assert!(fresh.contains(&shown), "made again after the write");

    // Health data on a page: each view is read afresh and audited, never served kept, even
    // when many come at once (none may find a page kept by another in flight).
    assert_eq!(app.count(audited).await, 1);
    let mut views = tokio::task::JoinSet::new();
    for _ in 0..12 {
        let (admin, url) = (
            admin.clone(),
            format!("{}/calendar?view=month&date=2027-04-19", app.address),
        );
        views.spawn(async move { admin.get(url).send().await.unwrap().text().await.unwrap() });
    }
    for page in views.join_all().await {
        assert!(page.contains(&shown));
    }
    assert_eq!(app.count(audited).await, 13, "every view audited");
    // The same month fetched ahead of the user (the calendar's neighbouring period, made
    // before it is asked for) carries no follow-up, and so reads nothing to audit.
    let ahead = admin
        .get(format!(
            "{}/calendar?view=month&date=2027-04-19",
            app.address
        ))
        .header("hope-made-ahead", "1")
        .send()
        .await
        .unwrap();
    assert_eq!(ahead.status(), 200);
    let ahead = ahead.text().await.unwrap();
    assert!(ahead.contains("month-grid") && !ahead.contains(&shown));
    assert_eq!(app.count(audited).await, 13, "nothing read to audit");
    // The teacher, who may not read health records, still sees none.
    let (_, teachers) = month_page(&app, &teacher).await;
    assert!(!teachers.contains("复查："));

    // An event the admin adds shows on the teacher's very next page.
    let created = app
        .post_form(
            &admin,
            "/api/calendar/create",
            "title=%E4%B9%A6%E6%B3%95%E5%B1%95%E8%A7%88&category=thematic&start_date=2027-04-22\
&start_time=15:00&end_time=16:00&location=%E7%A4%BC%E5%A0%82&student_visible=on&repeat=none\
&audience=school",
        )
        .await;
    assert!(created.status().is_success() || created.status().is_redirection());
    let (_, after) = month_page(&app, &teacher).await;
    assert!(after.contains("书法展览"));

    // Signed out, the same cookie gets the sign-in page, never the kept calendar.
    let out = app.post_form(&teacher, "/api/auth/logout", "").await;
    assert!(out.status().is_redirection() || out.status().is_success());
    let signed_out = app
        .get_as(&teacher, "/calendar?view=month&date=2027-04-19")
        .await;
    assert!(!signed_out.text().await.unwrap().contains("张老师"));
}

#[tokio::test]
async fn a_month_made_ahead_again_is_unchanged_until_the_calendar_changes() {
    let app = spawn_app().await;
    let teacher = app.client_as(Some("teacher")).await;
    let ahead = |tag: Option<&str>| {
        let request = teacher
            .get(format!(
                "{}/calendar?view=month&date=2027-05-01",
                app.address
            ))
            .header("hope-made-ahead", "1");
        match tag {
            Some(tag) => request.header("if-none-match", tag),
            None => request,
        }
        .send()
    };
    let first = ahead(None).await.unwrap();
    assert_eq!(first.status(), 200);
    let tag = first.headers()["etag"].to_str().unwrap().to_owned();
    assert!(
        tag.starts_with("W/"),
        "weak: each answer has its own nonce ({tag})"
    );
    assert!(first.text().await.unwrap().contains("month-grid"));

    // Made again, unchanged: nothing but "unchanged" ...
    let again = ahead(Some(&tag)).await.unwrap();
    assert_eq!(again.status(), 304);
    assert_eq!(again.headers()["etag"], tag.as_str());
    assert!(again.bytes().await.unwrap().is_empty());
    // ... also when something else was audited meanwhile (the kept page is made afresh).
    let audited = app.count("SELECT MAX(id) FROM audit_log").await;
    assert_eq!(
        app.get_as(&teacher, "/api/admin/school").await.status(),
        403
    );
    assert!(app.count("SELECT MAX(id) FROM audit_log").await > audited);
    assert_eq!(ahead(Some(&tag)).await.unwrap().status(), 304);
    // Another month, or no tag named: the page.
    let other = ahead(Some(r#"W/"00000000000000000000000000000000""#))
        .await
        .unwrap();
    assert_eq!(other.status(), 200);
    assert_eq!(other.headers()["etag"], tag.as_str());

    // A page opened by the user is never tagged, nor answered "unchanged".
    let opened = teacher
        .get(format!(
            "{}/calendar?view=month&date=2027-05-01",
            app.address
        ))
        .header("if-none-match", &tag)
        .send()
        .await
        .unwrap();
    assert_eq!(opened.status(), 200);
    assert!(!opened.headers().contains_key("etag"));

    // The admin adds a meeting in May: the next making gets the new May, with a new tag.
    let admin = app.client_as(Some("admin")).await;
    let created = app
        .post_form(
            &admin,
            "/api/calendar/create",
            "title=%E5%AE%B6%E8%AE%BF%E7%BB%8F%E9%AA%8C%E4%BA%A4%E6%B5%81%E4%BC%9A&category=meeting\
&start_date=2027-05-12&start_time=15:00&end_time=16:00&repeat=none&audience=school",
        )
        .await;
    assert!(created.status().is_success() || created.status().is_redirection());
    let changed = ahead(Some(&tag)).await.unwrap();
    assert_eq!(changed.status(), 200);
    assert_ne!(changed.headers()["etag"], tag.as_str());
    assert!(changed.text().await.unwrap().contains("家访经验交流会"));
}
