//! Meetings over HTTP: attendance, minutes (every draft kept) and practices recorded per
//! calendar occurrence, a stale save refused; the record kept by the leading group alone,
//! read by the other staff; the leading group's own meetings closed to the others; a
//! parents' meeting counting families per household, and only children the viewer may
//! read; past meetings with nothing recorded awaiting a record, holidays marked.

use crate::helpers::{spawn_app, spawn_app_with, TestApp};

const SYMPOSIUM: &str = "2027-04-28T16:30:00";
const PARENTS: &str = "2027-01-23T09:00:00";
const LEADERS: &str = "2027-03-01T16:30:00";

fn ok(status: reqwest::StatusCode) -> bool {
    status.is_success() || status.is_redirection()
}

async fn event(app: &TestApp, title: &str) -> i64 {
    app.count(&format!("SELECT id FROM events WHERE title = '{title}'"))
        .await
}

async fn user(app: &TestApp, name: &str) -> i64 {
    app.count(&format!("SELECT id FROM users WHERE username = '{name}'"))
        .await
}

async fn record(
    app: &TestApp,
    client: &reqwest::Client,
    event: i64,
    at: &str,
    extra: &str,
) -> serde_json::Value {
    app.json(
        client,
        &format!("/api/meetings/record?event={event}&at={at}{extra}"),
    )
    .await
}

#[tokio::test]
async fn a_meeting_keeps_its_attendance_every_draft_of_its_minutes_and_its_practices() {
    let app = spawn_app().await;
    let recorder = app.client_as(Some("leader")).await;
    let symposium = event(&app, "关爱留守儿童工作座谈会").await;
    let fresh = record(&app, &recorder, symposium, SYMPOSIUM, "").await;
    assert_eq!(fresh["version"], 0, "nothing recorded yet");
    assert_eq!(fresh["kind"], "Symposium", "the kind its title names");

    let (leader, teacher) = (user(&app, "leader").await, user(&app, "teacher").await);
    let keys = format!("event={symposium}&at={SYMPOSIUM}");
    let taken = app
        .post_form(
            &recorder,
            "/api/meetings/attendance",
            &format!("{keys}&version=0&present[]={leader}&present[]={teacher}"),
        )
        .await;
    assert!(ok(taken.status()), "{}", taken.status());
    let first = app
        .post_form(
            &recorder,
            "/api/meetings/minutes",
            &format!("{keys}&version=1&minutes=%E7%AC%AC%E4%B8%80%E7%A8%BF"),
        )
        .await;
    assert!(ok(first.status()));
    let second = app
        .post_form(
            &recorder,
            "/api/meetings/minutes",
            &format!("{keys}&version=2&minutes=%E7%AC%AC%E4%BA%8C%E7%A8%BF"),
        )
        .await;
    assert!(ok(second.status()));
    // A tablet that read the record before the second draft is told, and changes nothing.
    let stale = app
        .post_form(
            &recorder,
            "/api/meetings/minutes",
            &format!("{keys}&version=2&minutes=x"),
        )
        .await;
    assert_eq!(stale.status(), 409);
    let empty = app
        .post_form(
            &recorder,
            "/api/meetings/minutes",
            &format!("{keys}&version=3&minutes=%20%20"),
        )
        .await;
    assert_eq!(empty.status(), 400);

    let practice = app
        .post_form(
            &recorder,
            "/api/meetings/practice",
            &format!("{keys}&version=3&body=%E6%AF%8F%E5%91%A8%E7%94%B5%E8%AF%9D&owner={teacher}&due=2027-05-31"),
        )
        .await;
    assert!(ok(practice.status()));
    let before_the_meeting = app
        .post_form(
            &recorder,
            "/api/meetings/practice",
            &format!("{keys}&version=4&body=x&owner={teacher}&due=2027-04-01"),
        )
        .await;
    assert_eq!(before_the_meeting.status(), 400);
    let said = before_the_meeting.text().await.unwrap();
    assert!(
        said.contains("DueBeforeMeeting"),
        "said as due before the meeting, not as a malformed date: {said}"
    );
    let a_student = user(&app, "student").await;
    let student_owner = app
        .post_form(
            &recorder,
            "/api/meetings/practice",
            &format!("{keys}&version=4&body=x&owner={a_student}&due=2027-05-31"),
        )
        .await;
    assert_eq!(
        student_owner.status(),
        400,
        "a practice is carried out by staff"
    );

    let shown = record(&app, &recorder, symposium, SYMPOSIUM, "").await;
    assert_eq!(shown["version"], 4);
    assert_eq!(shown["minutes"], "第二稿");
    assert_eq!(
        shown["drafts"].as_array().unwrap().len(),
        2,
        "the first draft is kept"
    );
    let present: Vec<i64> = shown["staff"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|s| s["present"] == true)
        .map(|s| s["id"].as_i64().unwrap())
        .collect();
    assert_eq!(present.len(), 2);
    assert!(present.contains(&leader) && present.contains(&teacher));
    let practices = shown["practices"].as_array().unwrap();
    assert_eq!(practices.len(), 1);
    assert_eq!(practices[0]["owner_id"], teacher);

    // The teacher finds it among the open practices and marks it done; it stays, done.
    let teachers = app.client_as(Some("teacher")).await;
    let list = app.json(&teachers, "/api/meetings/list").await;
    let id = list["open_practices"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["owner_id"] == teacher)
        .expect("the teacher's practice")["id"]
        .as_i64()
        .unwrap();
    assert!(ok(app
        .post_form(&teachers, "/api/meetings/done", &format!("practice={id}"))
        .await
        .status()));
    assert_eq!(
        app.count(&format!("SELECT COUNT(*) FROM meeting_practices WHERE id = {id} AND done_on IS NOT NULL AND done_by = {teacher}"))
            .await,
        1
    );
    // Minutes are never changed in place.
    let rewrite = sqlx::query("UPDATE meeting_minutes SET body = 'x'")
        .execute(&app.pool)
        .await;
    assert!(rewrite.is_err(), "the database refuses to rewrite minutes");
    // Not a meeting of the calendar: nothing to record.
    let nowhere = app
        .post_form(
            &recorder,
            "/api/meetings/minutes",
            &format!("event={symposium}&at=2027-04-29T16:30:00&version=0&minutes=x"),
        )
        .await;
    assert_eq!(nowhere.status(), 404);
}

#[tokio::test]
async fn the_leading_groups_meetings_are_the_leading_groups_alone() {
    let app = spawn_app().await;
    let leaders = event(&app, "关爱留守儿童工作领导小组例会").await;
    let counselor = app.client_as(Some("counselor")).await;
    let refusals = "SELECT COUNT(*) FROM audit_log WHERE outcome = 'denied'
         AND (action LIKE '%leaders_meetings%' OR action LIKE '%record_meetings%')";
    let refused_before = app.count(refusals).await;
    let read = app
        .get_as(
            &counselor,
            &format!("/api/meetings/record?event={leaders}&at={LEADERS}"),
        )
        .await;
    assert_eq!(read.status(), 403);
    let write = app
        .post_form(
            &counselor,
            "/api/meetings/minutes",
            &format!("event={leaders}&at={LEADERS}&version=1&minutes=x"),
        )
        .await;
    assert_eq!(write.status(), 403);
    // Nor can a symposium be made the leading group's by someone outside it.
    let symposium = event(&app, "关爱留守儿童工作座谈会").await;
    let claim = app
        .post_form(
            &counselor,
            "/api/meetings/kind",
            &format!("event={symposium}&at={SYMPOSIUM}&version=0&kind=leading_group"),
        )
        .await;
    assert_eq!(claim.status(), 403);
    assert_eq!(
        app.count(refusals).await,
        refused_before + 3,
        "each refusal is audited"
    );
    // Its listing leaves the leading group's meetings out, and its practices not its own.
    let list = app.json(&counselor, "/api/meetings/list").await;
    for line in ["past", "awaiting", "coming"]
        .iter()
        .flat_map(|part| list[part].as_array().unwrap())
    {
        assert_ne!(line["kind"], "LeadingGroup", "{line}");
    }
    let me = user(&app, "counselor").await;
    for p in list["open_practices"].as_array().unwrap() {
        assert_eq!(p["owner_id"], me, "{p}");
    }
    // A practice the leading group gave them names its meeting, without a link the
    // counselor could only be refused at.
    let page = app
        .get_as(&counselor, "/meetings")
        .await
        .text()
        .await
        .unwrap();
    assert!(page.contains("关爱留守儿童工作领导小组例会 2027-03-01"));
    assert!(!page.contains(&format!("/meetings/record?event={leaders}&amp;")));
    // The leader reads it: minutes, attendance, practices.
    let leader = app.client_as(Some("leader")).await;
    let shown = record(&app, &leader, leaders, LEADERS, "").await;
    assert_eq!(shown["kind"], "LeadingGroup");
    // Its editor opens at this occurrence of the monthly series, not on the whole series.
    assert_eq!(
        shown["editor"],
        format!("/calendar/event/{leaders}?occurrence={LEADERS}")
    );
    assert!(shown["minutes"].as_str().unwrap().contains("体检"));
    assert_eq!(shown["practices"].as_array().unwrap().len(), 2);
}

#[tokio::test]
async fn a_parents_meeting_counts_households_and_lists_only_children_the_viewer_may_read() {
    let app = spawn_app().await;
    let parents = event(&app, "留守儿童家长会").await;
    let teacher = app.client_as(Some("teacher")).await;
    let own_class = app
        .count("SELECT class_id FROM teacher_classes WHERE user_id = (SELECT id FROM users WHERE username = 'teacher')")
        .await;
    let shown = record(&app, &teacher, parents, PARENTS, "").await;
    let classes = shown["families"]["classes"].as_array().unwrap();
    assert_eq!(classes.len(), 1, "the teacher lists their own class only");
    assert_eq!(classes[0][0], own_class);
    let other_child = app
        .count(&format!(
            "SELECT MIN(id) FROM children WHERE class_id <> {own_class}"
        ))
        .await;
    let version = shown["version"].as_i64().unwrap();
    let keys = format!("event={parents}&at={PARENTS}&version={version}");
    let outside = app
        .post_form(
            &teacher,
            "/api/meetings/families",
            &format!("{keys}&class={own_class}&came[]={other_child}"),
        )
        .await;
    assert_eq!(outside.status(), 403);
    // The leading group keeps the record: the leader ticks the families of that class.
    let leader = app.client_as(Some("leader")).await;

    // Two siblings of the class on one family link are one household: ticking one brings both.
    let pair: Vec<i64> = sqlx::query_scalar(&format!(
        "SELECT id FROM children WHERE class_id = {own_class} AND enrolment = 'active' ORDER BY name, id LIMIT 2"
    ))
    .fetch_all(&app.pool)
    .await
    .unwrap();
    let link: i64 = sqlx::query_scalar("INSERT INTO family_links (token_hash, created_by) VALUES ('meetings-test', 1) RETURNING id")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    for child in &pair {
        sqlx::query("INSERT INTO family_link_children (link_id, child_id) VALUES (?, ?)")
            .bind(link)
            .bind(child)
            .execute(&app.pool)
            .await
            .unwrap();
    }
    // Only this household of the class came.
    let saved = app
        .post_form(
            &leader,
            "/api/meetings/families",
            &format!("{keys}&class={own_class}&came[]={}", pair[0]),
        )
        .await;
    assert!(ok(saved.status()), "{}", saved.status());
    let after = record(&app, &teacher, parents, PARENTS, "").await;
    let households = after["families"]["households"].as_array().unwrap();
    let came: Vec<&serde_json::Value> = households.iter().filter(|h| h["came"] == true).collect();
    assert_eq!(came.len(), 1, "{households:?}");
    let ids: Vec<i64> = came[0]["children"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c[0].as_i64().unwrap())
        .collect();
    assert_eq!(ids, pair);
    // The other classes' families stay as they were.
    assert!(app.count(&format!("SELECT COUNT(*) FROM meeting_families f JOIN children c ON c.id = f.child_id WHERE c.class_id <> {own_class}")).await > 0);
    // A seminar has no families to record.
    let seminar = event(&app, "结对帮扶经验交流研讨会").await;
    let counselor = app.client_as(Some("counselor")).await;
    let s = record(&app, &counselor, seminar, "2026-11-20T16:30:00", "").await;
    assert!(s["families"].is_null());
    // Posting a class's families to it anyway is refused with a reason of its own, and
    // nothing is kept.
    let keys = format!(
        "event={seminar}&at=2026-11-20T16:30:00&version={}",
        s["version"].as_i64().unwrap()
    );
    let refused = app
        .post_form(
            &leader,
            "/api/meetings/families",
            &format!("{keys}&class={own_class}&came[]={}", pair[0]),
        )
        .await;
    assert_eq!(refused.status(), 400);
    assert!(refused.text().await.unwrap().contains("NotParentsMeeting"));
    let kept = app
        .count(&format!(
            "SELECT COUNT(*) FROM meeting_families f JOIN meetings m ON m.id = f.meeting_id WHERE m.event_id = {seminar}"
        ))
        .await;
    assert_eq!(kept, 0);
}

#[tokio::test]
async fn the_calendar_leads_each_meeting_the_viewer_may_reach_to_its_record() {
    let app = spawn_app().await;
    let symposium = event(&app, "关爱留守儿童工作座谈会").await;
    let leaders = event(&app, "关爱留守儿童工作领导小组例会").await;
    // The link as the page writes it: its query encoded, its `&` escaped in the attribute.
    let href = |event: i64, at: &str| {
        format!(
            "href=\"/meetings/record?event={event}&amp;at={}\"",
            at.replace(':', "%3A")
        )
    };
    let page = |client: reqwest::Client, month: &'static str| {
        let app = &app;
        async move {
            let response = app
                .get_as(&client, &format!("/calendar?view=month&date={month}"))
                .await;
            assert_eq!(response.status(), 200, "{month}");
            response.text().await.expect("the month page")
        }
    };
    let counselor = app.client_as(Some("counselor")).await;
    let april = page(counselor.clone(), "2027-04-01").await;
    assert!(
        april.contains(&href(symposium, SYMPOSIUM)),
        "the symposium leads the counselor to its record"
    );
    // The leading group's meeting is on the staff's calendar, but its record is not theirs.
    let march = page(counselor, "2027-03-01").await;
    assert!(march.contains("关爱留守儿童工作领导小组例会"));
    assert!(
        !march.contains(&format!("/meetings/record?event={leaders}&amp;")),
        "no counselor is led to the leading group's record"
    );
    let leader = app.client_as(Some("leader")).await;
    let march = page(leader, "2027-03-01").await;
    assert!(
        march.contains(&href(leaders, LEADERS)),
        "the leader is led to it"
    );
}

#[tokio::test]
async fn a_new_leading_group_meeting_is_the_leading_groups_alone_before_anything_is_recorded() {
    let app = spawn_app().await;
    let admin = app.client_as(Some("admin")).await;
    let created = app
        .post_form(
            &admin,
            "/api/calendar/create",
            "title=%E9%A2%86%E5%AF%BC%E5%B0%8F%E7%BB%84%E4%B8%B4%E6%97%B6%E4%BC%9A%E8%AE%AE\
&category=meeting&start_date=2027-04-27&start_time=16:30&end_time=17:30&repeat=none\
&audience=school",
        )
        .await;
    assert!(ok(created.status()), "{}", created.status());
    let meeting = event(&app, "领导小组临时会议").await;
    let at = "2027-04-27T16:30:00";
    let counselor = app.client_as(Some("counselor")).await;
    let read = app
        .get_as(
            &counselor,
            &format!("/api/meetings/record?event={meeting}&at={at}"),
        )
        .await;
    assert_eq!(read.status(), 403, "never recorded, still not a seminar");
    let write = app
        .post_form(
            &counselor,
            "/api/meetings/minutes",
            &format!("event={meeting}&at={at}&version=0&minutes=x"),
        )
        .await;
    assert_eq!(write.status(), 403);
    let list = app.json(&counselor, "/api/meetings/list").await;
    assert!(!list.to_string().contains("领导小组临时会议"));
    let leader = app.client_as(Some("leader")).await;
    assert_eq!(
        record(&app, &leader, meeting, at, "").await["kind"],
        "LeadingGroup"
    );
}

/// What is recorded of one meeting, all of it: its kind and version, who came, the
/// families, the drafts of its minutes, its practices and which are done.
async fn everything_of(app: &TestApp, meeting: i64) -> String {
    let rows: Vec<(String,)> = sqlx::query_as(&format!(
        "SELECT kind || ' v' || version FROM meetings WHERE id = {meeting}
         UNION ALL SELECT 'came ' || COALESCE(group_concat(user_id), 'nobody') FROM meeting_attendees WHERE meeting_id = {meeting}
         UNION ALL SELECT 'families ' || COUNT(*) FROM meeting_families WHERE meeting_id = {meeting}
         UNION ALL SELECT 'drafts ' || COUNT(*) FROM meeting_minutes WHERE meeting_id = {meeting}
         UNION ALL SELECT 'practices ' || COUNT(*) || ' done ' || COUNT(done_on) FROM meeting_practices WHERE meeting_id = {meeting}"
    ))
    .fetch_all(&app.pool)
    .await
    .unwrap();
    rows.into_iter()
        .map(|(r,)| r)
        .collect::<Vec<_>>()
        .join("; ")
}

#[tokio::test]
async fn a_counselor_reads_the_parents_meeting_but_only_the_leading_group_records_it() {
    let app = spawn_app().await;
    let parents = event(&app, "留守儿童家长会").await;
    let meeting = app
        .count(&format!(
            "SELECT id FROM meetings WHERE event_id = {parents} AND occurrence = '{PARENTS}'"
        ))
        .await;
    // A practice of the meeting the teacher carries out: not the counselor's to mark done.
    let leader = app.client_as(Some("leader")).await;
    let version = record(&app, &leader, parents, PARENTS, "").await["version"]
        .as_i64()
        .unwrap();
    let teacher = user(&app, "teacher").await;
    let keys = format!("event={parents}&at={PARENTS}");
    let added = app
        .post_form(
            &leader,
            "/api/meetings/practice",
            &format!("{keys}&version={version}&body=x&owner={teacher}&due=2027-05-31"),
        )
        .await;
    assert!(ok(added.status()), "{}", added.status());
    let practice = app
        .count(&format!(
            "SELECT id FROM meeting_practices WHERE meeting_id = {meeting}"
        ))
        .await;

    let counselor = app.client_as(Some("counselor")).await;
    let shown = record(&app, &counselor, parents, PARENTS, "").await;
    assert_eq!(shown["may_record"], false);
    assert!(shown["minutes"]
        .as_str()
        .unwrap()
        .contains("春节前家长返乡"));
    let version = shown["version"].as_i64().unwrap();
    let paired = app
        .count(
            "SELECT MIN(p.child_id) FROM counselor_children p JOIN users u ON u.id = p.user_id
             WHERE u.username = 'counselor'",
        )
        .await;
    let class = app
        .count(&format!(
            "SELECT class_id FROM children WHERE id = {paired}"
        ))
        .await;
    let me = user(&app, "counselor").await;
    let before = everything_of(&app, meeting).await;
    let refusals = "SELECT COUNT(*) FROM audit_log WHERE username = 'counselor'
         AND outcome = 'denied' AND action LIKE '%record_meetings%'";
    let refused_before = app.count(refusals).await;
    let keys = format!("{keys}&version={version}");
    for (path, body) in [
        ("/api/meetings/kind", format!("{keys}&kind=seminar")),
        ("/api/meetings/attendance", format!("{keys}&present[]={me}")),
        (
            "/api/meetings/families",
            format!("{keys}&class={class}&came[]={paired}"),
        ),
        ("/api/meetings/minutes", format!("{keys}&minutes=x")),
        (
            "/api/meetings/practice",
            format!("{keys}&body=x&owner={me}&due=2027-05-31"),
        ),
        ("/api/meetings/done", format!("practice={practice}")),
    ] {
        let response = app.post_form(&counselor, path, &body).await;
        assert_eq!(response.status(), 403, "{path}");
    }
    assert_eq!(
        app.count(refusals).await,
        refused_before + 6,
        "each refusal is audited"
    );
    assert_eq!(
        everything_of(&app, meeting).await,
        before,
        "nothing changed"
    );

    // The page shows the counselor the record without a form to change it; the leader
    // gets the forms.
    let html = |client: reqwest::Client| {
        let app = &app;
        async move {
            let path = format!(
                "/meetings/record?event={parents}&at={}&class={class}",
                PARENTS.replace(':', "%3A")
            );
            let response = app.get_as(&client, &path).await;
            assert_eq!(response.status(), 200);
            response.text().await.unwrap()
        }
    };
    let page = html(counselor).await;
    assert!(page.contains("春节前家长返乡"), "the minutes are shown");
    assert!(page.contains("会议记录由领导小组填写"));
    assert!(
        !page.contains("action=\"/api/meetings/"),
        "no form to save, nor to mark the teacher's practice done"
    );
    assert!(!page.contains("<textarea"));
    let page = html(leader).await;
    for form in ["kind", "attendance", "families", "minutes", "practice"] {
        assert!(
            page.contains(&format!("action=\"/api/meetings/{form}\"")),
            "{form}"
        );
    }
}

#[tokio::test]
async fn past_meetings_with_nothing_recorded_await_a_record_and_a_holiday_is_marked() {
    let app = spawn_app_with(|config| server::config::Config {
        today: Some("2027-04-19".parse().unwrap()),
        ..config
    })
    .await;
    let leaders = event(&app, "关爱留守儿童工作领导小组例会").await;
    let qingming = "2027-04-05T16:30:00";
    let leader = app.client_as(Some("leader")).await;
    let list = app.json(&leader, "/api/meetings/list").await;
    let line = |list: &serde_json::Value, part: &str, at: &str| {
        list[part]
            .as_array()
            .unwrap()
            .iter()
            .find(|l| l["event_id"] == leaders && l["at"] == at)
            .cloned()
    };
    assert!(
        line(&list, "past", qingming).is_none(),
        "not known to be held"
    );
    let waiting = line(&list, "awaiting", qingming).expect("awaits a record");
    assert_eq!(waiting["holiday"], "清明节");
    assert!(
        line(&list, "past", LEADERS).is_some(),
        "the March meeting has its minutes"
    );
    for held in list["past"].as_array().unwrap() {
        assert!(
            held["attendees"].as_u64().unwrap_or(0) > 0 || held["has_minutes"] == true,
            "{held}"
        );
    }
    let page = app.get_as(&leader, "/meetings").await.text().await.unwrap();
    assert!(page.contains("待记录"));
    assert!(page.contains("清明节放假"));

    // Its kind chosen, it still awaits a record; its minutes written, it was held.
    let keys = format!("event={leaders}&at={qingming}");
    let kind = app
        .post_form(
            &leader,
            "/api/meetings/kind",
            &format!("{keys}&version=0&kind=leading_group"),
        )
        .await;
    assert!(ok(kind.status()), "{}", kind.status());
    let list = app.json(&leader, "/api/meetings/list").await;
    assert!(line(&list, "awaiting", qingming).is_some());
    let minutes = app
        .post_form(
            &leader,
            "/api/meetings/minutes",
            &format!("{keys}&version=1&minutes=%E8%A1%A5%E5%BC%80"),
        )
        .await;
    assert!(ok(minutes.status()), "{}", minutes.status());
    let list = app.json(&leader, "/api/meetings/list").await;
    assert!(line(&list, "awaiting", qingming).is_none());
    assert!(line(&list, "past", qingming).is_some());
}

/// The households of the children at school (and of any child whose family came since
/// left): children who share a family link are one household. The number of them, and of
/// those any child of which is among `came`.
async fn households(app: &TestApp, came: &[i64]) -> (usize, usize) {
    let mut children: Vec<i64> =
        sqlx::query_scalar("SELECT id FROM children WHERE enrolment = 'active'")
            .fetch_all(&app.pool)
            .await
            .unwrap();
    let left: Vec<i64> = came
        .iter()
        .filter(|c| !children.contains(c))
        .copied()
        .collect();
    children.extend(left);
    let links: Vec<(i64, i64)> = sqlx::query_as(
        "SELECT c.link_id, c.child_id FROM family_link_children c
         JOIN family_links l ON l.id = c.link_id WHERE l.revoked_at IS NULL",
    )
    .fetch_all(&app.pool)
    .await
    .unwrap();
    // Each child's household, named by one of its children; joined link by link.
    let mut household: std::collections::HashMap<i64, i64> =
        children.iter().map(|c| (*c, *c)).collect();
    let mut by_link: std::collections::HashMap<i64, i64> = Default::default();
    for (link, child) in links {
        let Some(mine) = household.get(&child).copied() else {
            continue;
        };
        let first = *by_link.entry(link).or_insert(child);
        let theirs = household[&first];
        for h in household.values_mut() {
            if *h == mine {
                *h = theirs;
            }
        }
    }
    let all: std::collections::HashSet<i64> = household.values().copied().collect();
    let came: std::collections::HashSet<i64> = came.iter().map(|c| household[c]).collect();
    (came.len(), all.len())
}

#[tokio::test]
async fn a_parents_meeting_says_how_many_of_the_schools_households_came_and_how_many_per_class() {
    let app = spawn_app().await;
    let parents = event(&app, "留守儿童家长会").await;
    let leader = app.client_as(Some("leader")).await;
    let shown = record(&app, &leader, parents, PARENTS, "").await;
    let class = shown["families"]["classes"][1][0].as_i64().unwrap();
    let page = |client: reqwest::Client, lang: &'static str| {
        let app = &app;
        async move {
            let path = format!(
                "{}/meetings/record?event={parents}&at={}&class={class}",
                app.address,
                PARENTS.replace(':', "%3A")
            );
            let response = client
                .get(path)
                .header("accept-language", lang)
                .send()
                .await
                .unwrap();
            assert_eq!(response.status(), 200);
            response.text().await.unwrap()
        }
    };
    // Two more households of the class tick in.
    let shown = record(&app, &leader, parents, PARENTS, &format!("&class={class}")).await;
    let listed = shown["families"]["households"].as_array().unwrap().clone();
    let first_child = |h: &serde_json::Value| h["children"][0][0].as_i64().unwrap();
    let mut ticked: Vec<i64> = listed
        .iter()
        .filter(|h| h["came"] == true)
        .map(first_child)
        .collect();
    ticked.extend(
        listed
            .iter()
            .filter(|h| h["came"] == false)
            .take(2)
            .map(first_child),
    );
    let came_in_class = ticked.len();
    let body = ticked
        .iter()
        .map(|c| format!("&came[]={c}"))
        .collect::<String>();
    let saved = app
        .post_form(
            &leader,
            "/api/meetings/families",
            &format!(
                "event={parents}&at={PARENTS}&version={}&class={class}{body}",
                shown["version"]
            ),
        )
        .await;
    assert!(ok(saved.status()), "{}", saved.status());

    let came: Vec<i64> = sqlx::query_scalar(&format!(
        "SELECT f.child_id FROM meeting_families f JOIN meetings m ON m.id = f.meeting_id
         WHERE m.event_id = {parents} AND m.occurrence = '{PARENTS}'"
    ))
    .fetch_all(&app.pool)
    .await
    .unwrap();
    let (came, all) = households(&app, &came).await;
    assert!(all > 300 && came < all, "{came} of {all}");
    let html = page(leader.clone(), "zh-CN,zh;q=0.9").await;
    assert!(
        html.contains(&format!("全校到会 {came} 户（共 {all} 户）")),
        "the families who came, of the school's households"
    );
    assert!(
        html.contains(&format!("{came_in_class}/{} 户到会", listed.len())),
        "the class's households ticked, of those listed"
    );
    let html = page(leader, "en-GB,en;q=0.9").await;
    assert!(html.contains(&format!("{came} of {all} families, whole school")));
    assert!(html.contains(&format!(
        "{came_in_class} of {} families came",
        listed.len()
    )));
}

#[tokio::test]
async fn a_leading_group_meeting_counts_who_came_against_the_leading_group_and_a_symposium_against_all_staff(
) {
    let app = spawn_app().await;
    let leaders = event(&app, "关爱留守儿童工作领导小组例会").await;
    let symposium = event(&app, "关爱留守儿童工作座谈会").await;
    let leader = app.client_as(Some("leader")).await;
    let html = |at: &'static str, event: i64| {
        let app = &app;
        let leader = leader.clone();
        async move {
            let path = format!(
                "/meetings/record?event={event}&at={}",
                at.replace(':', "%3A")
            );
            let response = app.get_as(&leader, &path).await;
            assert_eq!(response.status(), 200);
            response.text().await.unwrap()
        }
    };
    let group = app
        .count("SELECT COUNT(*) FROM users WHERE active = 1 AND role IN ('admin', 'leader')")
        .await;
    let staff = app
        .count("SELECT COUNT(*) FROM users WHERE active = 1 AND role <> 'student'")
        .await;
    assert!(staff > group);
    // The March meeting: the whole leading group came.
    let shown = record(&app, &leader, leaders, LEADERS, "").await;
    let present = shown["staff"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|s| s["present"] == true && s["leads"] == true)
        .count() as i64;
    assert_eq!(present, group, "the demo's March meeting: all of the group");
    let page = html(LEADERS, leaders).await;
    assert!(
        page.contains(&format!("出席 {group} / {group} 人")),
        "counted against the leading group, not all {staff} staff"
    );
    // A member of staff who sat in is counted apart.
    let teacher = user(&app, "teacher").await;
    let ids: Vec<String> = shown["staff"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|s| s["present"] == true)
        .map(|s| format!("&present[]={}", s["id"]))
        .collect();
    let saved = app
        .post_form(
            &leader,
            "/api/meetings/attendance",
            &format!(
                "event={leaders}&at={LEADERS}&version={}{}&present[]={teacher}",
                shown["version"],
                ids.concat()
            ),
        )
        .await;
    assert!(ok(saved.status()), "{}", saved.status());
    let page = html(LEADERS, leaders).await;
    assert!(
        page.contains(&format!("出席 {group} / {group} 人")),
        "still the group's"
    );
    assert!(page.contains("另有列席 1 人"));
    // A symposium is all the staff's.
    let page = html(SYMPOSIUM, symposium).await;
    assert!(page.contains(&format!("出席 0 / {staff} 人")));
}

#[tokio::test]
async fn a_practice_marked_done_by_mistake_is_opened_again_by_whoever_may_mark_it_and_a_stale_undo_is_refused(
) {
    let app = spawn_app().await;
    let teacher = user(&app, "teacher").await;
    let leader_id = user(&app, "leader").await;
    let leader = app.client_as(Some("leader")).await;
    let symposium = event(&app, "关爱留守儿童工作座谈会").await;
    let added = app
        .post_form(
            &leader,
            "/api/meetings/practice",
            &format!("event={symposium}&at={SYMPOSIUM}&version=0&body=%E5%AE%B6%E8%AE%BF&owner={teacher}&due=2027-05-31"),
        )
        .await;
    assert!(ok(added.status()), "{}", added.status());
    let id = app.count("SELECT MAX(id) FROM meeting_practices").await;
    let state = |app: &TestApp| {
        let sql = format!("SELECT COALESCE(done_on || ' by ' || done_by, 'open') FROM meeting_practices WHERE id = {id}");
        let pool = app.pool.clone();
        async move {
            sqlx::query_scalar::<_, String>(&sql)
                .fetch_one(&pool)
                .await
                .unwrap()
        }
    };

    // The teacher taps "done" by mistake: the practice leaves the open ones, and is offered
    // back on /meetings with a way to undo it.
    let teachers = app.client_as(Some("teacher")).await;
    let done = app
        .post_form(&teachers, "/api/meetings/done", &format!("practice={id}"))
        .await;
    assert!(ok(done.status()), "{}", done.status());
    let list = app.json(&teachers, "/api/meetings/list").await;
    assert!(!list["open_practices"].to_string().contains("家访"));
    let recent = list["recently_done"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["id"] == id)
        .cloned()
        .expect("just marked done");
    assert_eq!(recent["can_mark"], true);
    let done_on = recent["done_on"].as_str().unwrap().to_owned();
    assert_eq!(recent["done_by"], teacher);
    let page = app
        .get_as(&teachers, "/meetings")
        .await
        .text()
        .await
        .unwrap();
    assert!(page.contains("最近标为已落实"));
    assert!(page.contains("name=\"reopen\""), "a button to undo it");
    let undo = format!("practice={id}&reopen=1&done_on={done_on}&done_by={teacher}");

    // Someone who may not mark it done may not undo it either (audited), nor anyone with a
    // form that names no done state.
    let counselor = app.client_as(Some("counselor")).await;
    let refusals =
        "SELECT COUNT(*) FROM audit_log WHERE username = 'counselor' AND outcome = 'denied'";
    let refused_before = app.count(refusals).await;
    assert_eq!(
        app.post_form(&counselor, "/api/meetings/done", &undo)
            .await
            .status(),
        403
    );
    assert_eq!(app.count(refusals).await, refused_before + 1);
    assert_eq!(
        app.post_form(
            &teachers,
            "/api/meetings/done",
            &format!("practice={id}&reopen=1")
        )
        .await
        .status(),
        400
    );
    assert_eq!(state(&app).await, format!("{done_on} by {teacher}"));

    // The teacher undoes it: open again, and the audit log says so.
    let reopened = app.post_form(&teachers, "/api/meetings/done", &undo).await;
    assert!(ok(reopened.status()), "{}", reopened.status());
    assert_eq!(state(&app).await, "open");
    assert_eq!(
        app.count(&format!(
            "SELECT COUNT(*) FROM audit_log WHERE username = 'teacher' AND action = 'meeting_practice_reopened {id}' AND outcome = 'success'"
        ))
        .await,
        1
    );
    let list = app.json(&teachers, "/api/meetings/list").await;
    assert!(list["open_practices"].to_string().contains("家访"));

    // The leader marks it done on the record; the teacher's tablet, still showing the
    // teacher's own tick, undoes nothing: a conflict, the leader's tick kept.
    assert!(ok(app
        .post_form(&leader, "/api/meetings/done", &format!("practice={id}"))
        .await
        .status()));
    let stale = app.post_form(&teachers, "/api/meetings/done", &undo).await;
    assert_eq!(stale.status(), 409);
    assert_eq!(state(&app).await, format!("{done_on} by {leader_id}"));
    // The record lists it done with the same way back, for those who keep the record.
    let page = app
        .get_as(
            &leader,
            &format!(
                "/meetings/record?event={symposium}&at={}",
                SYMPOSIUM.replace(':', "%3A")
            ),
        )
        .await
        .text()
        .await
        .unwrap();
    assert!(page.contains("撤销"));
    let shown = record(&app, &leader, symposium, SYMPOSIUM, "").await;
    let practice = &shown["practices"][0];
    assert_eq!(practice["done_by"], leader_id);
    assert_eq!(practice["can_mark"], true);
    assert!(ok(app
        .post_form(
            &leader,
            "/api/meetings/done",
            &format!("practice={id}&reopen=1&done_on={done_on}&done_by={leader_id}")
        )
        .await
        .status()));
    assert_eq!(state(&app).await, "open");
    // Undoing what is already open is a conflict, not a silent success.
    assert_eq!(
        app.post_form(
            &leader,
            "/api/meetings/done",
            &format!("practice={id}&reopen=1&done_on={done_on}&done_by={leader_id}")
        )
        .await
        .status(),
        409
    );
}
