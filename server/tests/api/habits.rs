//! The five ones over HTTP: a class check-in sent twice changes nothing the second time and
//! takes back only what was untapped; a check-in reaching outside the teacher's class is
//! refused whole; a child logs its own book and call once however often it sends them;
//! two weeks without a call put a task on the counselor's page; the log is kept. On the demo
//! school's Monday: this week's figure counts every child due, a day away reads as away, and
//! a past Sunday's check-in says that day had no school.

use serde_json::Value;
use server::config::Config;

use crate::helpers::{school_today, spawn_app, spawn_app_with, TestApp};

/// The demo school's Monday, the seed's log up to the Sunday before.
const MONDAY: &str = "2027-04-19";

async fn on_monday() -> TestApp {
    spawn_app_with(|config| Config {
        today: Some(MONDAY.parse().unwrap()),
        ..config
    })
    .await
}

async fn json(app: &TestApp, client: &reqwest::Client, path: &str) -> Value {
    let response = app.get_as(client, path).await;
    assert_eq!(response.status(), 200, "{path}");
    serde_json::from_str(&response.text().await.unwrap()).expect("JSON")
}

fn ids(check_in: &Value) -> Vec<i64> {
    check_in["rows"]
        .as_array()
        .expect("rows")
        .iter()
        .map(|r| r["child_id"].as_i64().unwrap())
        .collect()
}

/// A check-in body: every child shown, these ticks (`child:habit`) and what was shown ticked.
fn check_in_body(class: i64, shown: &[i64], done: &[String], was: &[String]) -> String {
    check_in_body_on(&school_today(), class, shown, done, was)
}

/// The same, for `day`.
fn check_in_body_on(
    day: &str,
    class: i64,
    shown: &[i64],
    done: &[String],
    was: &[String],
) -> String {
    let mut body = format!("class={class}&day={day}");
    for id in shown {
        body.push_str(&format!("&shown%5B%5D={id}"));
    }
    for tick in done {
        body.push_str(&format!("&done%5B%5D={}", tick.replace(':', "%3A")));
    }
    for tick in was {
        body.push_str(&format!("&was%5B%5D={}", tick.replace(':', "%3A")));
    }
    body
}

async fn live_today(app: &TestApp, habit: &str) -> i64 {
    app.count(&format!(
        "SELECT COUNT(*) FROM habit_log WHERE habit = '{habit}' AND day = '{}' AND withdrawn_at IS NULL",
        school_today()
    ))
    .await
}

#[tokio::test]
async fn a_class_check_in_sent_twice_changes_nothing_and_untapping_withdraws() {
    let _deadline = crate::helpers::deadline();
    let app = spawn_app().await;
    let teacher = app.client_as(Some("teacher")).await;
    let check_in = json(&app, &teacher, "/api/habits/class").await;
    let class = check_in["class_id"].as_i64().unwrap();
    let children = ids(&check_in);
    assert!(children.len() >= 30, "the whole class: {}", children.len());
    assert_eq!(
        live_today(&app, "chore").await,
        0,
        "nothing ticked today yet"
    );

    let chores: Vec<String> = children
        .iter()
        .take(3)
        .map(|c| format!("{c}:chore"))
        .collect();
    let mut done = chores.clone();
    done.push(format!("{}:absent", children[3]));
    let body = check_in_body(class, &children, &done, &[]);
    for _ in 0..2 {
        let response = app.post_form(&teacher, "/api/habits/check-in", &body).await;
        assert!(
            response.status().is_success() || response.status().is_redirection(),
            "{}",
            response.status()
        );
    }
    assert_eq!(live_today(&app, "chore").await, 3, "sent twice, kept once");
    assert_eq!(
        app.count(&format!(
            "SELECT COUNT(*) FROM habit_excuses WHERE child_id = {} AND first_day = '{}' AND withdrawn_at IS NULL",
            children[3],
            school_today()
        ))
        .await,
        1
    );
    // The page now shows three ticked; the teacher untaps the third.
    let after = json(&app, &teacher, &format!("/api/habits/class?class={class}")).await;
    let ticked = after["rows"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["chore"]["done"] == true)
        .count();
    assert_eq!(ticked, 3);
    let body = check_in_body(class, &children, &chores[..2], &chores);
    app.post_form(&teacher, "/api/habits/check-in", &body).await;
    assert_eq!(live_today(&app, "chore").await, 2);
    assert_eq!(
        app.count(&format!(
            "SELECT COUNT(*) FROM habit_log WHERE habit = 'chore' AND day = '{}' AND withdrawn_at IS NOT NULL",
            school_today()
        ))
        .await,
        1,
        "taken back, kept"
    );
    // "Everyone did the diary": one tap, the whole class.
    let mut all = format!("class={class}&day={}&all=diary", school_today());
    for id in &children {
        all.push_str(&format!("&shown%5B%5D={id}"));
    }
    app.post_form(&teacher, "/api/habits/check-in", &all).await;
    assert_eq!(
        live_today(&app, "diary").await,
        children.len() as i64 - 1,
        "everyone but the child who is ill"
    );
    assert_eq!(
        live_today(&app, "chore").await,
        2,
        "the other habits as they were"
    );
    assert_eq!(
        app.count("SELECT COUNT(*) FROM audit_log WHERE action LIKE 'write_habits check_in %' AND outcome = 'success'")
            .await,
        4
    );
    // "Everyone did the chore", tapped after taking one diary back on the page: both go,
    // in one save (the button is the check-in form's own).
    let page = json(&app, &teacher, &format!("/api/habits/class?class={class}")).await;
    let diaries: Vec<String> = page["rows"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["diary"]["done"] == true)
        .map(|r| format!("{}:diary", r["child_id"]))
        .collect();
    let mut body = check_in_body(class, &children, &diaries[1..], &diaries);
    body.push_str("&all=chore");
    app.post_form(&teacher, "/api/habits/check-in", &body).await;
    assert_eq!(
        live_today(&app, "diary").await,
        children.len() as i64 - 2,
        "the diary taken back"
    );
    assert_eq!(
        live_today(&app, "chore").await,
        children.len() as i64 - 1,
        "everyone's chore but the child who is ill"
    );
    // The database keeps the log: no deleting, no rewriting.
    assert!(sqlx::query("DELETE FROM habit_log")
        .execute(&app.pool)
        .await
        .is_err());
    assert!(sqlx::query("UPDATE habit_log SET title = 'x'")
        .execute(&app.pool)
        .await
        .is_err());
}

#[tokio::test]
async fn a_check_in_reaching_outside_the_teachers_class_is_refused_whole() {
    let _deadline = crate::helpers::deadline();
    let app = spawn_app().await;
    let teacher = app.client_as(Some("teacher")).await;
    let check_in = json(&app, &teacher, "/api/habits/class").await;
    let class = check_in["class_id"].as_i64().unwrap();
    let mut children = ids(&check_in);
    let stranger = app
        .count(&format!(
            "SELECT id FROM children WHERE class_id <> {class} ORDER BY id LIMIT 1"
        ))
        .await;
    children.push(stranger);
    let done = vec![
        format!("{}:chore", children[0]),
        format!("{stranger}:chore"),
    ];
    let response = app
        .post_form(
            &teacher,
            "/api/habits/check-in",
            &check_in_body(class, &children, &done, &[]),
        )
        .await;
    assert_eq!(response.status(), 403);
    let other_class = app
        .count(&format!(
            "SELECT class_id FROM children WHERE id = {stranger}"
        ))
        .await;
    let response = app
        .get_as(&teacher, &format!("/api/habits/class?class={other_class}"))
        .await;
    assert_eq!(response.status(), 403);
    assert_eq!(live_today(&app, "chore").await, 0, "nothing was written");
    assert_eq!(
        app.count("SELECT COUNT(*) FROM audit_log WHERE username = 'teacher' AND action = 'write_habits' AND outcome = 'denied'")
            .await,
        2
    );
    // A counselor checks in their own children of a class, never the rest of it.
    let counselor = app.client_as(Some("counselor")).await;
    let theirs = json(&app, &counselor, "/api/habits/class").await;
    let their_class = theirs["class_id"].as_i64().unwrap();
    let paired = ids(&theirs);
    let in_class = app
        .count(&format!(
            "SELECT COUNT(*) FROM children WHERE class_id = {their_class} AND enrolment = 'active'"
        ))
        .await;
    assert!(
        (paired.len() as i64) < in_class,
        "only their own children are shown"
    );
    let done = vec![format!("{}:diary", paired[0])];
    let response = app
        .post_form(
            &counselor,
            "/api/habits/check-in",
            &check_in_body(their_class, &paired, &done, &[]),
        )
        .await;
    assert!(
        response.status().is_redirection() || response.status().is_success(),
        "{}",
        response.status()
    );
    assert_eq!(live_today(&app, "diary").await, 1);
    let response = app
        .post_form(
            &counselor,
            "/api/habits/check-in",
            &check_in_body(class, &[], &[], &[]),
        )
        .await;
    assert_eq!(
        response.status(),
        403,
        "the teacher's class has none of the counselor's children"
    );
    // A tick that is not `child:habit` is a clear refusal, not a crash.
    let bad = check_in_body(class, &children[..1], &["sleep".to_owned()], &[]);
    assert_eq!(
        app.post_form(&teacher, "/api/habits/check-in", &bad)
            .await
            .status(),
        400
    );
}

#[tokio::test]
async fn a_student_logs_its_own_book_and_call_once_and_reaches_no_one_elses() {
    let _deadline = crate::helpers::deadline();
    let app = spawn_app().await;
    let student = app.client_as(Some("student")).await;
    let before = app
        .count("SELECT COUNT(*) FROM habit_log WHERE habit = 'book'")
        .await;
    let book = "uid=student-book-0000000001&title=%E3%80%8A%E5%B0%8F%E7%8E%8B%E5%AD%90%E3%80%8B&sentence=good";
    for _ in 0..2 {
        app.post_form(&student, "/api/habits/my-book", book).await;
    }
    assert_eq!(
        app.count("SELECT COUNT(*) FROM habit_log WHERE habit = 'book'")
            .await,
        before + 1
    );
    // Another book under an old page's id (the back button) is a conflict, not lost quietly.
    let reused = "uid=student-book-0000000001&title=%E8%8D%89%E6%88%BF%E5%AD%90";
    assert_eq!(
        app.post_form(&student, "/api/habits/my-book", reused)
            .await
            .status(),
        409
    );
    let call = "uid=student-call-0000000001&with_whom=%E5%A6%88%E5%A6%88&feeling=happy";
    app.post_form(&student, "/api/habits/my-call", call).await;
    app.post_form(&student, "/api/habits/my-tick", "habit=chore&what=sweeping")
        .await;
    // The teacher ticked the diary at the check-in; the child cannot take that back.
    let child = app
        .count("SELECT child_id FROM users WHERE username = 'student'")
        .await;
    sqlx::query(
        "INSERT INTO habit_log (child_id, habit, day, via, recorded_by) VALUES (?, 'diary', ?, 'checkin', 1)",
    )
    .bind(child)
    .bind(school_today())
    .execute(&app.pool)
    .await
    .unwrap();
    app.post_form(&student, "/api/habits/my-tick", "habit=diary&undo=1")
        .await;
    assert_eq!(
        live_today(&app, "diary").await,
        1,
        "the teacher's tick stays"
    );
    let mine = json(&app, &student, "/api/habits/mine").await;
    assert_eq!(mine["own_today"], serde_json::json!(["Chore"]));
    assert_eq!(mine["books"][0]["title"], "《小王子》");
    assert_eq!(mine["calls"][0]["with_whom"], "妈妈");
    assert_eq!(mine["chore_today"], "sweeping");
    assert_eq!(
        mine["excuses"].as_array().unwrap().len(),
        0,
        "staff's excuses stay with staff"
    );
    // A title is required, in words.
    let refused = app
        .post_form(
            &student,
            "/api/habits/my-book",
            "uid=student-book-0000000002&title=+",
        )
        .await;
    assert_eq!(refused.status(), 400);
    // Another child's five ones: no.
    let other = app
        .count("SELECT id FROM children WHERE id NOT IN (SELECT child_id FROM users WHERE child_id IS NOT NULL) LIMIT 1")
        .await;
    let response = app
        .get_as(&student, &format!("/api/habits/child?child={other}"))
        .await;
    assert_eq!(response.status(), 403);
}

#[tokio::test]
async fn two_weeks_without_a_call_put_a_task_on_the_counselors_page() {
    let _deadline = crate::helpers::deadline();
    let app = spawn_app().await;
    let counselor = app.client_as(Some("counselor")).await;
    let child = app
        .count(
            "SELECT p.child_id FROM counselor_children p JOIN users u ON u.id = p.user_id
             WHERE u.username = 'counselor' ORDER BY p.child_id LIMIT 1",
        )
        .await;
    // Whatever the seed says, this child called in neither of the last two weeks.
    let today: chrono::NaiveDate = school_today().parse().unwrap();
    let monday = app::habits::domain::week_start(today);
    sqlx::query(
        "UPDATE habit_log SET withdrawn_by = 1, withdrawn_at = '2027-01-01T00:00:00Z'
         WHERE child_id = ? AND habit = 'call' AND day >= ? AND withdrawn_at IS NULL",
    )
    .bind(child)
    .bind(monday - chrono::Days::new(14))
    .execute(&app.pool)
    .await
    .unwrap();
    sqlx::query("UPDATE habit_excuses SET withdrawn_by = 1, withdrawn_at = '2027-01-01T00:00:00Z' WHERE child_id = ?")
        .bind(child)
        .execute(&app.pool)
        .await
        .unwrap();
    let mine = json(&app, &counselor, "/api/care/mine").await;
    let task = mine["tasks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["child_id"] == child && t["kind"].get("MissedCalls").is_some())
        .cloned();
    assert!(task.is_some(), "no call task for child {child}");
    assert!(task.unwrap()["kind"]["MissedCalls"].as_u64().unwrap() >= 2);
    // A call logged by the counselor ends it.
    let body = format!(
        "child={child}&uid=counselor-call-{child:010}&with_whom=%E7%88%B8%E7%88%B8&day={}",
        school_today()
    );
    app.post_form(&counselor, "/api/habits/call", &body).await;
    let mine = json(&app, &counselor, "/api/care/mine").await;
    assert!(!mine["tasks"]
        .as_array()
        .unwrap()
        .iter()
        .any(|t| t["child_id"] == child && t["kind"].get("MissedCalls").is_some()));
}

#[tokio::test]
async fn a_stale_call_window_is_a_conflict_and_an_excuse_is_withdrawn_not_deleted() {
    let _deadline = crate::helpers::deadline();
    let app = spawn_app().await;
    let teacher = app.client_as(Some("teacher")).await;
    let child = app
        .count(
            "SELECT c.id FROM children c JOIN teacher_classes t ON t.class_id = c.class_id
             JOIN users u ON u.id = t.user_id WHERE u.username = 'teacher'
               AND c.id NOT IN (SELECT child_id FROM call_windows) ORDER BY c.id LIMIT 1",
        )
        .await;
    let window = |version: i64| {
        format!("child={child}&version={version}&weekday%5B%5D=6&weekday%5B%5D=7&from=20:00&to=21:00&zone=Asia%2FDubai&note=night+shift")
    };
    let first = app
        .post_form(&teacher, "/api/habits/window", &window(0))
        .await;
    assert!(
        first.status().is_success() || first.status().is_redirection(),
        "{}",
        first.status()
    );
    assert_eq!(
        app.post_form(&teacher, "/api/habits/window", &window(0))
            .await
            .status(),
        409
    );
    let second = app
        .post_form(&teacher, "/api/habits/window", &window(1))
        .await;
    assert!(second.status().is_success() || second.status().is_redirection());
    let habits = json(&app, &teacher, &format!("/api/habits/child?child={child}")).await;
    assert_eq!(habits["window"]["version"], 2);
    assert_eq!(
        habits["window_text"]["from"], "00:00",
        "Dubai's 20:00 is midnight at school"
    );
    assert_eq!(habits["window_text"]["abroad"], "Asia/Dubai");
    // The page names the place as the family page does, never by its zone's code.
    let page = app
        .get_as(&teacher, &format!("/habits/child/{child}"))
        .await
        .text()
        .await
        .unwrap();
    assert!(
        page.contains("父母在阿联酋（迪拜）"),
        "the place by its name"
    );
    assert!(!page.contains("父母在 Asia/Dubai"), "not the zone's code");

    let excuse = format!("child={child}&excuse=ill&first={}&note=flu", school_today());
    app.post_form(&teacher, "/api/habits/excuse", &excuse).await;
    let id = app
        .count(&format!(
            "SELECT MAX(id) FROM habit_excuses WHERE child_id = {child}"
        ))
        .await;
    app.post_form(
        &teacher,
        "/api/habits/excuse/withdraw",
        &format!("excuse={id}"),
    )
    .await;
    assert_eq!(
        app.count(&format!(
            "SELECT COUNT(*) FROM habit_excuses WHERE id = {id} AND withdrawn_at IS NOT NULL"
        ))
        .await,
        1
    );
    let bad_zone = format!("child={child}&version=2&weekday%5B%5D=6&from=20:00&to=21:00&zone=Mars");
    assert_eq!(
        app.post_form(&teacher, "/api/habits/window", &bad_zone)
            .await
            .status(),
        400
    );
}

#[tokio::test]
async fn a_check_in_day_out_of_reach_says_the_rule_and_opens_todays_check_in() {
    let _deadline = crate::helpers::deadline();
    let app = spawn_app().await;
    let teacher = app.client_as(Some("teacher")).await;
    let today: chrono::NaiveDate = school_today().parse().unwrap();
    let day = |back: u64| (today - chrono::Days::new(back)).to_string();
    // Seven days back is one too many: the API says so in its own words.
    let refused = app
        .get_as(&teacher, &format!("/api/habits/class?day={}", day(7)))
        .await;
    assert_eq!(refused.status(), 400);
    assert!(refused.text().await.unwrap().contains("CheckInDayInvalid"));
    // The page says the rule and gives today's check-in instead of a dead end.
    let page = app
        .get_as(&teacher, &format!("/habits?day={}", day(7)))
        .await;
    assert_eq!(page.status(), 200);
    let html = page.text().await.unwrap();
    assert!(
        html.contains("只能补记最近 7 天内（含今天）的打卡"),
        "the real rule"
    );
    assert!(!html.contains("日期应在本学期内"), "not the term's rule");
    assert!(
        html.contains(r#"data-testid="check-in""#),
        "a form to go on with"
    );
    assert!(
        html.contains(&format!(r#"name="day" value="{}""#, day(0))),
        "today's"
    );
    // The picker stops where the rule does.
    assert!(
        html.contains(&format!(r#"min="{}""#, day(6))),
        "the picker's lower limit"
    );
    assert!(html.contains(&format!(r#"max="{}""#, day(0))));
    // Six days back is still open, without a word of refusal.
    let html = app
        .get_as(&teacher, &format!("/habits?day={}", day(6)))
        .await
        .text()
        .await
        .unwrap();
    assert!(html.contains(&format!(r#"name="day" value="{}""#, day(6))));
    assert!(!html.contains("只能补记"));
}

#[tokio::test]
async fn a_teacher_without_a_class_is_told_whom_to_ask_and_another_class_stays_refused() {
    let _deadline = crate::helpers::deadline();
    let app = spawn_app().await;
    let newcomer = app.new_teacher().await;

    let page = app.get_as(&newcomer, "/habits").await;
    assert_eq!(page.status(), 200, "not a refusal: there is no class yet");
    let html = page.text().await.unwrap();
    assert!(html.contains("您还没有任教的班级"), "says why");
    assert!(html.contains("结对与任教"), "and whom to ask, where");
    assert!(!html.contains("您没有权限"));
    let api = app.get_as(&newcomer, "/api/habits/class").await;
    assert_eq!(api.status(), 200);
    assert_eq!(api.text().await.unwrap(), "null");
    // The nav offers the check-in to a teacher with a class only.
    let nav = |html: &str| html.contains(r#"href="/habits""#);
    let calendar = app
        .get_as(&newcomer, "/calendar")
        .await
        .text()
        .await
        .unwrap();
    assert!(!nav(&calendar), "no check-in link without a class");
    let teacher = app.client_as(Some("teacher")).await;
    let calendar = app
        .get_as(&teacher, "/calendar")
        .await
        .text()
        .await
        .unwrap();
    assert!(nav(&calendar), "the class teacher keeps it");

    // Another teacher's class is still refused, and audited.
    let class = app
        .count(
            "SELECT t.class_id FROM teacher_classes t JOIN users u ON u.id = t.user_id
             WHERE u.username = 'teacher' ORDER BY t.class_id LIMIT 1",
        )
        .await;
    let theirs = format!("/api/habits/class?class={class}");
    assert_eq!(app.get_as(&newcomer, &theirs).await.status(), 403);
    let theirs = format!("/habits?class={class}");
    assert_eq!(app.get_as(&newcomer, &theirs).await.status(), 403);
    assert!(
        app.count(
            "SELECT COUNT(*) FROM audit_log WHERE username = 'new.teacher' AND outcome = 'denied'"
        )
        .await
            >= 2
    );

    // Given a class with no child on file yet, the page says where the children come from.
    sqlx::query("INSERT INTO classes (grade, number) VALUES (6, 9)")
        .execute(&app.pool)
        .await
        .unwrap();
    sqlx::query(
        "INSERT INTO teacher_classes (user_id, class_id)
         SELECT u.id, c.id FROM users u, classes c
         WHERE u.username = 'new.teacher' AND c.grade = 6 AND c.number = 9",
    )
    .execute(&app.pool)
    .await
    .unwrap();
    let html = app.get_as(&newcomer, "/habits").await.text().await.unwrap();
    assert!(html.contains("您的班级里还没有学生"), "not 'no class'");
    assert!(
        html.contains("“儿童档案”"),
        "and where the children are added"
    );
    assert!(!html.contains("您还没有任教的班级"));
}

#[tokio::test]
async fn a_child_added_today_is_behind_on_nothing() {
    let _deadline = crate::helpers::deadline();
    let app = spawn_app().await;
    let admin = app.client_as(Some("admin")).await;
    let class = app.count("SELECT MIN(id) FROM classes").await;
    let body = serde_urlencoded::to_string([
        ("id", "0"),
        ("version", "0"),
        ("name", "新来的"),
        ("gender", "female"),
        ("birth_date", "2018-03-09"),
        ("class_id", &class.to_string()),
        ("left_behind", "none"),
        ("parents_away", "none"),
        ("g1_name", "王奶奶"),
        ("g1_relation", "grandparent"),
        ("g1_phone", "0851-2345678"),
    ])
    .unwrap();
    let saved = app.post_form(&admin, "/api/children/save", &body).await;
    assert!(
        saved.status().is_success() || saved.status().is_redirection(),
        "{}: {}",
        saved.status(),
        saved.text().await.unwrap()
    );
    let child = app
        .count("SELECT id FROM children WHERE name = '新来的'")
        .await;
    let habits = json(&app, &admin, &format!("/api/habits/child?child={child}")).await;
    for summary in habits["summaries"].as_array().unwrap() {
        assert_eq!(
            (summary["done"].as_u64(), summary["counted"].as_u64()),
            (Some(0), Some(0)),
            "nothing before today counts, and today is still open: {summary}"
        );
    }
    let heat = habits["heat"].as_array().unwrap();
    assert_eq!(heat.len(), 1, "the heat map starts today");
    assert_eq!(heat[0]["day"], school_today());
    let html = app
        .get_as(&admin, &format!("/habits/child/{child}"))
        .await
        .text()
        .await
        .unwrap();
    assert!(html.contains("刚开始记录"), "a beginning, not a failure");
    assert!(!html.contains("完成 0/"), "no 0 of anything");
    assert!(!html.contains("习惯养成 0%"));
    // A child at school all term is counted over the term, as before.
    let old = app
        .count(&format!(
            "SELECT MIN(id) FROM children WHERE class_id = {class}"
        ))
        .await;
    let habits = json(&app, &admin, &format!("/api/habits/child?child={old}")).await;
    assert!(habits["since"].is_null(), "{}", habits["since"]);
}

#[tokio::test]
async fn on_monday_morning_the_weeks_figure_counts_every_child_due() {
    let _deadline = crate::helpers::deadline();
    let app = on_monday().await;
    let teacher = app.client_as(Some("teacher")).await;
    let check_in = json(&app, &teacher, "/api/habits/class").await;
    let class = check_in["class_id"].as_i64().unwrap();
    let children = ids(&check_in);
    // The class checks in every chore and two diaries; no other class has checked in.
    let mut done: Vec<String> = children.iter().map(|c| format!("{c}:chore")).collect();
    done.extend(children.iter().take(2).map(|c| format!("{c}:diary")));
    let saved = app
        .post_form(
            &teacher,
            "/api/habits/check-in",
            &check_in_body_on(MONDAY, class, &children, &done, &[]),
        )
        .await;
    assert!(
        saved.status().is_success() || saved.status().is_redirection(),
        "{}",
        saved.status()
    );
    let leader = app.client_as(Some("leader")).await;
    let overview = json(&app, &leader, "/api/habits/overview").await;
    let this_week = |weeks: &Value| {
        weeks
            .as_array()
            .unwrap()
            .iter()
            .find(|w| w["week"] == MONDAY)
            .cloned()
            .expect("this week")
    };
    // Percent as the overview rounds it: the chore and diary days done of two a child.
    let share = |done: i64, children: i64| (done * 100 + children) / (2 * children);
    let ticked = children.len() as i64 + 2;
    let ours = overview["classes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c[0] == class)
        .map(|c| this_week(&c[2]))
        .expect("the class's chart");
    assert_eq!(
        ours["daily"],
        share(ticked, children.len() as i64),
        "every chore and two diaries of the class, not 100%"
    );
    assert_eq!(ours["so_far"], true);
    let everyone = app
        .count("SELECT COUNT(*) FROM children WHERE enrolment = 'active'")
        .await;
    let school = this_week(&overview["school"]);
    assert_eq!(
        school["daily"],
        share(ticked, everyone),
        "the classes not checked in yet count as not done yet"
    );
    // The page says the week is counted so far.
    let html = app
        .get_as(&leader, "/habits/overview")
        .await
        .text()
        .await
        .unwrap();
    assert!(
        html.contains(&format!("{MONDAY} · 本周至今")),
        "this week so far"
    );
}

#[tokio::test]
async fn a_day_a_child_was_away_reads_as_away_on_its_page() {
    let _deadline = crate::helpers::deadline();
    let app = on_monday().await;
    let teacher = app.client_as(Some("teacher")).await;
    let check_in = json(&app, &teacher, "/api/habits/class").await;
    let class = check_in["class_id"].as_i64().unwrap();
    let children = ids(&check_in);
    let child = children[0];
    // Ticked at the check-in, then marked ill: the ticks stay.
    let ticks = [format!("{child}:chore"), format!("{child}:diary")];
    app.post_form(
        &teacher,
        "/api/habits/check-in",
        &check_in_body_on(MONDAY, class, &children, &ticks, &[]),
    )
    .await;
    let mut away = ticks.to_vec();
    away.push(format!("{child}:absent"));
    app.post_form(
        &teacher,
        "/api/habits/check-in",
        &check_in_body_on(MONDAY, class, &children, &away, &ticks),
    )
    .await;
    let habits = json(&app, &teacher, &format!("/api/habits/child?child={child}")).await;
    let today = habits["heat"]
        .as_array()
        .unwrap()
        .iter()
        .find(|h| h["day"] == MONDAY)
        .cloned()
        .expect("today on the heat map");
    assert_eq!(
        today["mark"],
        serde_json::json!({ "Skip": { "Excused": "Ill" } })
    );
    let html = app
        .get_as(&teacher, &format!("/habits/child/{child}"))
        .await
        .text()
        .await
        .unwrap();
    let cell = html
        .split("<rect")
        .find(|r| r.contains(&format!(r#"data-day="{MONDAY}""#)))
        .expect("today's cell");
    assert!(cell.contains("heat-excused"), "away, not done: {cell}");
}

#[tokio::test]
async fn a_past_sundays_check_in_says_that_day_had_no_school() {
    let _deadline = crate::helpers::deadline();
    let app = on_monday().await;
    let teacher = app.client_as(Some("teacher")).await;
    let html = app
        .get_as(&teacher, "/habits?day=2027-04-18")
        .await
        .text()
        .await
        .unwrap();
    assert!(html.contains("这天不上课"), "that day");
    assert!(
        !html.contains("今天不上课"),
        "not today: today is a school day"
    );
    let english = teacher
        .get(format!("{}/habits?day=2027-04-18", app.address))
        .header("accept-language", "en-GB,en;q=0.9")
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(english.contains("No school that day"), "in English too");
    let monday = app
        .get_as(&teacher, &format!("/habits?day={MONDAY}"))
        .await
        .text()
        .await
        .unwrap();
    assert!(!monday.contains("不上课"), "a school day says nothing");
}

#[tokio::test]
async fn a_counselor_refused_the_overview_gets_the_refusal_page_with_its_way_back() {
    let app = spawn_app().await;
    let counselor = app.client_as(Some("counselor")).await;
    let response = app.get_as(&counselor, "/habits/overview").await;
    assert_eq!(response.status(), 403);
    let html = response.text().await.unwrap();
    assert!(html.contains("<h1>无权访问</h1>"), "{html}");
    assert!(
        html.contains("href=\"/calendar\" class=\"button\""),
        "the way back"
    );
}
