//! The checkup day over HTTP: results entered one child after another, checked against
//! what is plausible for the age, conflicts, and who may read health data.

use app::checkup::types::Attendance;
use app::checkup::types::{CheckupDay, Entry};

use crate::helpers::{spawn_app, TestApp};

async fn day(app: &TestApp, client: &reqwest::Client) -> CheckupDay {
    let text = app
        .get_as(client, "/api/checkup/day?year=2027")
        .await
        .text()
        .await
        .unwrap();
    serde_json::from_str(&text).unwrap_or_else(|_| panic!("{text}"))
}

fn result(child: i64, version: i64, weight: &str, next: Option<i64>) -> String {
    let mut pairs = vec![
        ("year", "2027".to_owned()),
        ("child", child.to_string()),
        ("version", version.to_string()),
        ("attendance", "examined".to_owned()),
        ("height_cm", "136".to_owned()),
        ("weight_kg", weight.to_owned()),
        ("vision_left", "5.0".to_owned()),
        ("vision_right", "4.7".to_owned()),
        ("caries", "0".to_owned()),
        ("follow_up", "复查右眼视力".to_owned()),
        ("follow_up_due", "2027-05-20".to_owned()),
    ];
    if let Some(next) = next {
        pairs.push(("next", next.to_string()));
    }
    serde_urlencoded::to_string(pairs).unwrap()
}

#[tokio::test]
async fn the_admin_enters_results_child_after_child_and_typing_errors_are_caught() {
    let app = spawn_app().await;
    let admin = app.client_as(Some("admin")).await;
    let shown = day(&app, &admin).await;
    assert_eq!(shown.day.unwrap().to_string(), "2027-04-20");
    assert_eq!(
        shown
            .classes
            .iter()
            .map(|c| c.children.len())
            .sum::<usize>(),
        395
    );
    // A ten-year-old of class 5-1? Take a fourth-grader: about ten on April 20, 2027.
    let class = shown.classes.iter().find(|c| c.class.grade == 4).unwrap();
    let (first, second) = (class.children[0].id, class.children[1].id);

    let typo = app
        .post_form(
            &admin,
            "/api/checkup/save",
            &result(first, 0, "12", Some(second)),
        )
        .await;
    assert_eq!(typo.status(), 400);
    assert!(typo.text().await.unwrap().contains("WeightImplausible"));
    assert_eq!(
        app.count("SELECT COUNT(*) FROM checkup_results WHERE year = 2027")
            .await,
        0
    );

    let saved = app
        .post_form(
            &admin,
            "/api/checkup/save",
            &result(first, 0, "31.5", Some(second)),
        )
        .await;
    assert!(
        saved.status().is_success() || saved.status().is_redirection(),
        "{}",
        saved.status()
    );
    let entry: Entry = serde_json::from_str(
        &app.get_as(
            &admin,
            &format!("/api/checkup/entry?year=2027&child={first}"),
        )
        .await
        .text()
        .await
        .unwrap(),
    )
    .unwrap();
    assert_eq!(entry.version, 1);
    assert_eq!(entry.bmi, Some(17.0));
    assert_eq!(entry.next, Some(second));
    assert_eq!(
        app.post_form(&admin, "/api/checkup/save", &result(first, 0, "31.5", None))
            .await
            .status(),
        409
    );

    let shown = day(&app, &admin).await;
    let child = shown
        .classes
        .iter()
        .flat_map(|c| &c.children)
        .find(|c| c.id == first)
        .unwrap();
    assert_eq!(child.attendance, Some(Attendance::Examined));
    assert_eq!(child.follow_up.as_ref().unwrap().0, "复查右眼视力");
    assert_eq!(
        app.count("SELECT COUNT(*) FROM audit_log WHERE action LIKE 'write_health%'")
            .await,
        1
    );

    // The follow-up is on the calendar on its due date — for those who may read it only.
    let may = app
        .get_as(&admin, "/api/calendar/events?date=2027-05-01&cat=checkup")
        .await
        .text()
        .await
        .unwrap();
    assert!(may.contains("复查右眼视力"), "{may}");
    let teacher = app.client_as(Some("teacher")).await;
    let may_not = app
        .get_as(&teacher, "/api/calendar/events?date=2027-05-01&cat=checkup")
        .await
        .text()
        .await
        .unwrap();
    assert!(!may_not.contains("复查"), "{may_not}");

    // Closing the follow-up needs a note; then it leaves the calendar.
    let no_note = app
        .post_form(
            &admin,
            "/api/checkup/close",
            &format!("year=2027&child={first}&version=1&note=+"),
        )
        .await;
    assert_eq!(no_note.status(), 400);
    assert!(no_note.text().await.unwrap().contains("NoteRequired"));
    let closed = app
        .post_form(
            &admin,
            "/api/checkup/close",
            &format!("year=2027&child={first}&version=1&note=%E5%B7%B2%E9%85%8D%E7%9C%BC%E9%95%9C"),
        )
        .await;
    assert!(
        closed.status().is_success() || closed.status().is_redirection(),
        "{}",
        closed.status()
    );
    let after = app
        .get_as(&admin, "/api/calendar/events?date=2027-05-01&cat=checkup")
        .await
        .text()
        .await
        .unwrap();
    assert!(!after.contains("复查右眼视力"), "{after}");

    // A make-up day already past, or beyond the school's years, is told as such.
    let today: chrono::NaiveDate = crate::helpers::school_today().parse().unwrap();
    for (date, why) in [
        (today - chrono::Days::new(1), "DateBeforeToday"),
        ("2200-04-27".parse().unwrap(), "DateOutOfRange"),
    ] {
        let refused = app
            .post_form(
                &admin,
                "/api/checkup/makeup",
                &format!("year=2027&date={date}&time=09:00"),
            )
            .await;
        assert_eq!(refused.status(), 400, "{date}");
        let said = refused.text().await.unwrap();
        assert!(said.contains(why), "{date}: {said}");
    }
    // The make-up day goes on the calendar as a staff event.
    let makeup = app
        .post_form(
            &admin,
            "/api/checkup/makeup",
            "year=2027&date=2027-04-27&time=09:00",
        )
        .await;
    assert!(
        makeup.status().is_success() || makeup.status().is_redirection(),
        "{}",
        makeup.status()
    );
    assert_eq!(
        app.count("SELECT COUNT(*) FROM events WHERE category = 'checkup' AND audience = 'staff' AND starts_at = '2027-04-27T09:00:00'").await,
        1
    );
}

#[tokio::test]
async fn a_childs_file_carries_the_growth_history_for_those_who_may_read_health_data() {
    let app = spawn_app().await;
    let child = app
        .count("SELECT c.id FROM children c JOIN classes k ON k.id = c.class_id WHERE k.grade = 3 AND k.number = 2 ORDER BY c.id LIMIT 1")
        .await;
    let admin = app.client_as(Some("admin")).await;
    let file: app::children::types::ChildFile = serde_json::from_str(
        &app.get_as(&admin, &format!("/api/children/get?id={child}"))
            .await
            .text()
            .await
            .unwrap(),
    )
    .unwrap();
    assert!(file.growth.len() >= 2, "{:?}", file.growth);
    assert!(
        file.growth
            .windows(2)
            .all(|w| w[1].height_cm >= w[0].height_cm),
        "children grow"
    );
    let teacher = app.client_as(Some("teacher")).await;
    let file: app::children::types::ChildFile = serde_json::from_str(
        &app.get_as(&teacher, &format!("/api/children/get?id={child}"))
            .await
            .text()
            .await
            .unwrap(),
    )
    .unwrap();
    assert!(file.growth.is_empty(), "a teacher reads no health data");
}

#[tokio::test]
async fn health_data_is_for_the_admin_the_leading_group_and_the_paired_counselor() {
    let app = spawn_app().await;
    let counselor = app.client_as(Some("counselor")).await;
    let shown = day(&app, &counselor).await;
    assert_eq!(
        shown
            .classes
            .iter()
            .map(|c| c.children.len())
            .sum::<usize>(),
        10,
        "the paired children only"
    );
    assert!(!shown.can_write);
    let other = app
        .count("SELECT id FROM children WHERE id NOT IN (SELECT child_id FROM counselor_children) ORDER BY id LIMIT 1")
        .await;
    assert_eq!(
        app.get_as(
            &counselor,
            &format!("/api/checkup/entry?year=2027&child={other}")
        )
        .await
        .status(),
        403
    );
    let paired = shown.classes[0].children[0].id;
    assert_eq!(
        app.post_form(
            &counselor,
            "/api/checkup/save",
            &result(paired, 0, "30", None)
        )
        .await
        .status(),
        403
    );
    let teacher = app.client_as(Some("teacher")).await;
    assert_eq!(
        app.get_as(&teacher, "/api/checkup/day?year=2027")
            .await
            .status(),
        403
    );
    assert_eq!(app.get_as(&teacher, "/checkup").await.status(), 403);
}

fn follow_up_only(child: i64, what: &str, due: &str) -> String {
    serde_urlencoded::to_string([
        ("year", "2027".to_owned()),
        ("child", child.to_string()),
        ("version", "0".to_owned()),
        ("attendance", "examined".to_owned()),
        ("follow_up", what.to_owned()),
        ("follow_up_due", due.to_owned()),
    ])
    .unwrap()
}

async fn follow_ups(app: &TestApp, client: &reqwest::Client) -> Vec<(i64, String)> {
    let text = app
        .get_as(client, "/api/checkup/follow-ups")
        .await
        .text()
        .await
        .unwrap();
    let list: app::checkup::types::FollowUps =
        serde_json::from_str(&text).unwrap_or_else(|_| panic!("{text}"));
    list.items
        .into_iter()
        .map(|f| (f.child_id, f.what))
        .collect()
}

#[tokio::test]
async fn open_follow_ups_are_listed_for_the_paired_counselor_and_the_leading_group() {
    let app = spawn_app().await;
    let admin = app.client_as(Some("admin")).await;
    let paired = app
        .count("SELECT cc.child_id FROM counselor_children cc JOIN users u ON u.id = cc.user_id WHERE u.username = 'counselor' ORDER BY cc.child_id LIMIT 1")
        .await;
    let other = app
        .count("SELECT id FROM children WHERE id NOT IN (SELECT child_id FROM counselor_children) AND enrolment = 'active' ORDER BY id LIMIT 1")
        .await;
    for (child, what, due) in [
        (paired, "配镜复查", "2027-05-10"),
        (other, "龋齿治疗", "2027-05-03"),
    ] {
        let saved = app
            .post_form(
                &admin,
                "/api/checkup/save",
                &follow_up_only(child, what, due),
            )
            .await;
        assert!(saved.status().is_success(), "{}", saved.status());
    }

    // The leading group sees both, the earlier due date first.
    let leader = app.client_as(Some("leader")).await;
    let seen = follow_ups(&app, &leader).await;
    let at = |list: &[(i64, String)], child: i64| list.iter().position(|(id, _)| *id == child);
    assert!(
        at(&seen, other).unwrap() < at(&seen, paired).unwrap(),
        "{seen:?}"
    );

    // The counselor: the paired child's only.
    let counselor = app.client_as(Some("counselor")).await;
    let theirs = follow_ups(&app, &counselor).await;
    assert!(
        theirs.contains(&(paired, "配镜复查".to_owned())),
        "{theirs:?}"
    );
    assert_eq!(at(&theirs, other), None, "{theirs:?}");

    // A teacher may not see the list.
    let teacher = app.client_as(Some("teacher")).await;
    assert_eq!(
        app.get_as(&teacher, "/api/checkup/follow-ups")
            .await
            .status(),
        403
    );

    // Closed with a note, it leaves the list.
    let closed = app
        .post_form(
            &admin,
            "/api/checkup/close",
            &format!("year=2027&child={paired}&version=1&note=%E5%B7%B2%E9%85%8D%E9%95%9C"),
        )
        .await;
    assert!(closed.status().is_success() || closed.status().is_redirection());
    assert_eq!(at(&follow_ups(&app, &counselor).await, paired), None);
    assert_eq!(
        app.count("SELECT COUNT(*) FROM audit_log WHERE action LIKE 'read_health follow_ups%' AND outcome = 'allowed'").await,
        3,
        "every read of the list is audited"
    );
}

#[tokio::test]
async fn the_roster_can_be_chosen_classes_and_stays_so_for_that_year() {
    let app = spawn_app().await;
    let admin = app.client_as(Some("admin")).await;
    let class = |grade: i64, number: i64| {
        format!("SELECT id FROM classes WHERE grade = {grade} AND number = {number}")
    };
    let (a, b) = (app.count(&class(3, 1)).await, app.count(&class(3, 2)).await);

    // None chosen: refused, nothing changes.
    let none = app
        .post_form(&admin, "/api/checkup/classes", "year=2027")
        .await;
    assert_eq!(none.status(), 400);
    assert!(!day(&app, &admin).await.chosen);

    let chosen = app
        .post_form(
            &admin,
            "/api/checkup/classes",
            &format!("year=2027&classes%5B%5D={a}&classes%5B%5D={b}"),
        )
        .await;
    assert!(chosen.status().is_success(), "{}", chosen.status());
    let shown = day(&app, &admin).await;
    assert!(shown.chosen);
    assert_eq!(
        shown.classes.iter().map(|c| c.class_id).collect::<Vec<_>>(),
        vec![a, b]
    );
    assert_eq!(
        shown.class_choices.iter().filter(|(_, _, on)| *on).count(),
        2
    );
    // Next / previous stay within the roster: the last child of 3-1 leads to 3-2.
    let last = shown.classes[0].children.last().unwrap().id;
    let entry: Entry = serde_json::from_str(
        &app.get_as(
            &admin,
            &format!("/api/checkup/entry?year=2027&child={last}"),
        )
        .await
        .text()
        .await
        .unwrap(),
    )
    .unwrap();
    assert_eq!(entry.next, Some(shown.classes[1].children[0].id));

    // The leading group sees the same roster; another year keeps every class.
    let leader = app.client_as(Some("leader")).await;
    assert_eq!(day(&app, &leader).await.classes.len(), 2);
    let next_year: CheckupDay = serde_json::from_str(
        &app.get_as(&admin, "/api/checkup/day?year=2028")
            .await
            .text()
            .await
            .unwrap(),
    )
    .unwrap();
    assert_eq!(next_year.classes.len(), 12);

    // Every class chosen again: back to the whole school.
    let every: Vec<String> = shown
        .class_choices
        .iter()
        .map(|(id, _, _)| format!("classes%5B%5D={id}"))
        .collect();
    let all = app
        .post_form(
            &admin,
            "/api/checkup/classes",
            &format!("year=2027&{}", every.join("&")),
        )
        .await;
    assert!(all.status().is_success());
    let back = day(&app, &admin).await;
    assert!(!back.chosen);
    assert_eq!(back.classes.len(), 12);
}

#[tokio::test]
async fn a_saved_vision_of_five_reopens_as_five_point_oh() {
    let app = spawn_app().await;
    let admin = app.client_as(Some("admin")).await;
    let shown = day(&app, &admin).await;
    // A fourth-grader, whom the result's height and weight fit.
    let class = shown.classes.iter().find(|c| c.class.grade == 4).unwrap();
    let child = class.children[0].id;
    let saved = app
        .post_form(&admin, "/api/checkup/save", &result(child, 0, "31.5", None))
        .await;
    assert!(
        saved.status().is_success() || saved.status().is_redirection(),
        "{}",
        saved.status()
    );
    let html = app
        .get_as(&admin, &format!("/checkup/2027/child/{child}"))
        .await
        .text()
        .await
        .unwrap();
    let input = |name: &str| {
        let at = html
            .find(&format!(r#"name="{name}""#))
            .unwrap_or_else(|| panic!("the {name} field"));
        html[at..].split('>').next().unwrap().to_owned()
    };
    assert!(
        input("vision_left").contains(r#"value="5.0""#),
        "{}",
        input("vision_left")
    );
    assert!(
        input("vision_right").contains(r#"value="4.7""#),
        "{}",
        input("vision_right")
    );
}

/// The `HH:MM–HH:MM` of each slot on a checkup page, in minutes after midnight.
fn slot_times(html: &str) -> Vec<(u32, u32)> {
    let minutes = |s: &str| -> Option<u32> {
        let (h, m) = s.split_once(':')?;
        Some(h.parse::<u32>().ok()? * 60 + m.parse::<u32>().ok()?)
    };
    html.match_indices("<td>")
        .filter_map(|(at, _)| {
            let cell = html[at + 4..].split("</td>").next()?;
            let (from, to) = cell.split_once('–')?;
            Some((minutes(from)?, minutes(to)?))
        })
        .collect()
}

#[tokio::test]
async fn a_schedule_past_the_school_day_is_refused_with_ways_to_fit_it() {
    let app = spawn_app().await;
    let admin = app.client_as(Some("admin")).await;
    // Nothing chosen: the whole school's day holds as many a slot as it needs to end by 18:00.
    let first_sight = app
        .get_as(&admin, "/checkup/2027")
        .await
        .text()
        .await
        .unwrap();
    let slots = slot_times(&first_sight);
    assert!(!slots.is_empty(), "a schedule, not a refusal");
    assert!(slots.iter().all(|(_, to)| *to <= 18 * 60), "{slots:?}");
    assert!(!first_sight.contains(r#"data-testid="schedule-too-long""#));
    // The whole school, ten a slot of twenty minutes from 08:30: past midnight.
    let page = app
        .get_as(&admin, "/checkup/2027?class=&per=10&minutes=20&first=08:30")
        .await;
    assert_eq!(page.status(), 200);
    let html = page.text().await.unwrap();
    assert!(html.contains(r#"data-testid="schedule-too-long""#));
    assert!(html.contains("晚于放学时间 18:00"), "says why");
    assert!(html.contains("次日"), "and how late it would run");
    assert!(
        slot_times(&html).is_empty(),
        "no slot at midnight: {:?}",
        slot_times(&html)
    );
    // Each way offered makes a schedule that ends within the school day.
    let fixes: Vec<String> = html
        .match_indices(r#"href="/checkup/2027?class="#)
        .map(|(at, _)| {
            let href = &html[at + 6..];
            href[..href.find('"').unwrap()].replace("&amp;", "&")
        })
        .collect();
    assert!(fixes.len() >= 2, "more a slot, shorter slots: {fixes:?}");
    for fix in fixes {
        let html = app.get_as(&admin, &fix).await.text().await.unwrap();
        let slots = slot_times(&html);
        assert!(!slots.is_empty(), "{fix} makes a schedule");
        assert!(
            slots.iter().all(|(from, to)| from < to && *to <= 18 * 60),
            "{fix}: {slots:?}"
        );
        assert!(
            !html.contains(r#"data-testid="schedule-too-long""#),
            "{fix}"
        );
    }
    // One class at a time fits with the same settings.
    let class = app.count("SELECT MIN(id) FROM classes").await;
    let html = app
        .get_as(
            &admin,
            &format!("/checkup/2027?class={class}&per=10&minutes=20&first=08:30"),
        )
        .await
        .text()
        .await
        .unwrap();
    assert_eq!(slot_times(&html).first(), Some(&(8 * 60 + 30, 8 * 60 + 50)));
}
