//! The matrix's record dimension: for every endpoint that reads or writes one record, the
//! scoped roles call it with a record in their scope and one outside it. Inside is exactly
//! a success (2xx, or a page's own redirect after a save), outside exactly 403, and every
//! refusal leaves its row in the audit log.

use crate::helpers::{school_today, spawn_app, TestApp};

/// One call about one record: `{id}` and `{version}` are filled in per record.
struct RecordCall {
    role: &'static str,
    method: &'static str,
    path: &'static str,
    body: Option<&'static str>,
    inside: i64,
    outside: i64,
}

async fn version_of(app: &TestApp, table: &str, id: i64) -> i64 {
    app.count(&format!("SELECT version FROM {table} WHERE id = {id}"))
        .await
}

#[tokio::test]
async fn a_record_inside_the_callers_scope_answers_2xx_and_one_outside_403() {
    let app = spawn_app().await;
    // The teacher's class (3-2) and a child of another class.
    let class_child = app
        .count(
            "SELECT c.id FROM children c JOIN teacher_classes t ON t.class_id = c.class_id
         JOIN users u ON u.id = t.user_id WHERE u.username = 'teacher' ORDER BY c.id LIMIT 1",
        )
        .await;
    let other_child = app.count("SELECT id FROM children WHERE class_id NOT IN (SELECT t.class_id FROM teacher_classes t
         JOIN users u ON u.id = t.user_id WHERE u.username = 'teacher') ORDER BY id LIMIT 1",
    )
    .await;
    // The counselor's paired children, and a child nobody paired with them.
    let paired = app
        .count(
            "SELECT p.child_id FROM counselor_children p JOIN users u ON u.id = p.user_id
         WHERE u.username = 'counselor' ORDER BY p.child_id LIMIT 1",
        )
        .await;
    let paired_too = app
        .count(
            "SELECT p.child_id FROM counselor_children p JOIN users u ON u.id = p.user_id
         WHERE u.username = 'counselor' ORDER BY p.child_id DESC LIMIT 1",
        )
        .await;
    let unpaired = app
        .count(
            "SELECT id FROM children WHERE id NOT IN (SELECT p.child_id FROM counselor_children p
         JOIN users u ON u.id = p.user_id WHERE u.username = 'counselor') ORDER BY id LIMIT 1",
        )
        .await;
    // The demo counselor's account, and another counselor's.
    let counselor = app
        .count("SELECT id FROM users WHERE username = 'counselor'")
        .await;
    let counselor02 = app
        .count("SELECT id FROM users WHERE username = 'counselor02'")
        .await;
    // The teacher's calligraphy series, and an event for the whole school.
    let own_event = app
        .count(
            "SELECT e.id FROM events e JOIN interest_groups g ON g.id = e.group_id
         WHERE g.key = 'calligraphy' ORDER BY e.id LIMIT 1",
        )
        .await;
    let school_event = app
        .count("SELECT id FROM events WHERE audience = 'school' ORDER BY id LIMIT 1")
        .await;
    assert!(
        [
            class_child,
            other_child,
            paired,
            paired_too,
            unpaired,
            own_event,
            school_event
        ]
        .iter()
        .all(|id| *id > 0),
        "the demo school has records on both sides of every scope"
    );

    let calls = [
        // Reads.
        RecordCall {
            role: "teacher",
            method: "GET",
            path: "/api/children/get?id={id}",
            body: None,
            inside: class_child,
            outside: other_child,
        },
        RecordCall {
            role: "teacher",
            method: "GET",
            path: "/children/{id}",
            body: None,
            inside: class_child,
            outside: other_child,
        },
        RecordCall {
            role: "counselor",
            method: "GET",
            path: "/api/children/get?id={id}",
            body: None,
            inside: paired,
            outside: unpaired,
        },
        RecordCall {
            role: "counselor",
            method: "GET",
            path: "/children/{id}",
            body: None,
            inside: paired,
            outside: unpaired,
        },
        RecordCall {
            role: "counselor",
            method: "GET",
            path: "/children/{id}/edit",
            body: None,
            inside: paired,
            outside: unpaired,
        },
        RecordCall {
            role: "counselor",
            method: "GET",
            path: "/api/checkup/entry?year=2027&child={id}",
            body: None,
            inside: paired,
            outside: unpaired,
        },
        RecordCall {
            role: "counselor",
            method: "GET",
            path: "/checkup/2027/child/{id}",
            body: None,
            inside: paired,
            outside: unpaired,
        },
        RecordCall {
            role: "teacher",
            method: "GET",
            path: "/api/calendar/event?id={id}",
            body: None,
            inside: own_event,
            outside: school_event,
        },
        RecordCall {
            role: "teacher",
            method: "GET",
            path: "/calendar/event/{id}",
            body: None,
            inside: own_event,
            outside: school_event,
        },
        // The care work: the paired counselor's children only (a teacher is refused them
        // all: the permission matrix).
        RecordCall {
            role: "counselor",
            method: "GET",
            path: "/api/care/record?child={id}",
            body: None,
            inside: paired,
            outside: unpaired,
        },
        RecordCall {
            role: "counselor",
            method: "GET",
            path: "/care/child/{id}",
            body: None,
            inside: paired,
            outside: unpaired,
        },
        RecordCall {
            role: "counselor",
            method: "POST",
            path: "/api/care/entry",
            body: Some("child={id}&uid=records-entry-{id}-000001&kind=talk&date={today}&minutes=15&with_whom=child&study=on"),
            inside: paired,
            outside: unpaired,
        },
        RecordCall {
            role: "counselor",
            method: "POST",
            path: "/api/care/concern",
            body: Some("child={id}&reason=lonely&urgency=medium&note=x&address_by={today}"),
            inside: paired,
            outside: unpaired,
        },
        RecordCall {
            role: "counselor",
            method: "POST",
            path: "/api/care/plan-visit",
            body: Some("child={id}&date={today}&time=23:00"),
            inside: paired,
            outside: unpaired,
        },
        RecordCall {
            role: "counselor",
            method: "POST",
            path: "/api/care/diary",
            body: Some("child={id}&uid=records-diary-{id}-000001&body=hello"),
            inside: paired,
            outside: unpaired,
        },
        // The five ones: the class teacher's class, the counselor's paired children.
        RecordCall {
            role: "teacher",
            method: "GET",
            path: "/api/habits/child?child={id}",
            body: None,
            inside: class_child,
            outside: other_child,
        },
        RecordCall {
            role: "teacher",
            method: "GET",
            path: "/habits/child/{id}",
            body: None,
            inside: class_child,
            outside: other_child,
        },
        RecordCall {
            role: "teacher",
            method: "POST",
            path: "/api/habits/book",
            body: Some("child={id}&uid=records-book-{id}-0000001&title=x&day={today}"),
            inside: class_child,
            outside: other_child,
        },
        RecordCall {
            role: "counselor",
            method: "GET",
            path: "/api/habits/child?child={id}",
            body: None,
            inside: paired,
            outside: unpaired,
        },
        RecordCall {
            role: "counselor",
            method: "POST",
            path: "/api/habits/call",
            body: Some("child={id}&uid=records-call-{id}-0000001&with_whom=x&day={today}"),
            inside: paired,
            outside: unpaired,
        },
        RecordCall {
            role: "counselor",
            method: "POST",
            path: "/api/habits/excuse",
            body: Some("child={id}&excuse=away&first={today}"),
            inside: paired,
            outside: unpaired,
        },
        // 自强好少年: the evidence of a child the nominator may nominate.
        RecordCall {
            role: "teacher",
            method: "GET",
            path: "/api/awards/evidence?child={id}",
            body: None,
            inside: class_child,
            outside: other_child,
        },
        RecordCall {
            role: "counselor",
            method: "GET",
            path: "/awards/nominate/{id}",
            body: None,
            inside: paired,
            outside: unpaired,
        },
        // A child's family: its counselor's, no one else's.
        RecordCall {
            role: "counselor",
            method: "GET",
            path: "/api/family/desk?child={id}",
            body: None,
            inside: paired,
            outside: unpaired,
        },
        // A counselor's assessment sheet: their own, not another counselor's.
        RecordCall {
            role: "counselor",
            method: "GET",
            path: "/api/assessment/sheet?counselor={id}&period=2027-03",
            body: None,
            inside: counselor,
            outside: counselor02,
        },
        RecordCall {
            role: "counselor",
            method: "GET",
            path: "/assessment/sheet/{id}/2027-03",
            body: None,
            inside: counselor,
            outside: counselor02,
        },
        // Writes (last, and each on its own record: they change it).
        RecordCall {
            role: "teacher",
            method: "POST",
            path: "/api/calendar/skip",
            body: Some("id={id}&version={version}&occurrence=2026-11-04T16:10:00"),
            inside: own_event,
            outside: school_event,
        },
        RecordCall {
            role: "teacher",
            method: "POST",
            path: "/api/calendar/move",
            body: Some("id={id}&version={version}&occurrence=2026-11-11T16:10:00&start=2026-11-12T16:10"),
            inside: own_event,
            outside: school_event,
        },
        RecordCall {
            role: "counselor",
            method: "POST",
            path: "/api/family/link",
            body: Some("child={id}"),
            inside: paired,
            outside: unpaired,
        },
        RecordCall {
            role: "counselor",
            method: "POST",
            path: "/api/funds/aid/request",
            body: Some("child={id}&need=glasses&amount=180&reason=Cannot+read+the+blackboard"),
            inside: paired,
            outside: unpaired,
        },
        RecordCall {
            role: "counselor",
            method: "POST",
            path: "/api/awards/nominate",
            body: Some("child={id}&statement=Reads+to+the+younger+ones+every+evening+and+helps+at+home"),
            inside: paired,
            outside: unpaired,
        },
        // Last: a child who leaves is no longer in anyone's scope.
        RecordCall {
            role: "counselor",
            method: "POST",
            path: "/api/children/enrolment",
            body: Some("id={id}&version={version}&enrolment=transferred"),
            inside: paired_too,
            outside: unpaired,
        },
    ];

    let mut failures = Vec::new();
    for call in &calls {
        let client = app.client_as(Some(call.role)).await;
        for (side, id) in [("inside", call.inside), ("outside", call.outside)] {
            let table = if call.path.contains("calendar") {
                "events"
            } else {
                "children"
            };
            let version = version_of(&app, table, id).await;
            let path = call.path.replace("{id}", &id.to_string());
            let body = call.body.map(|body| {
                body.replace("{id}", &id.to_string())
                    .replace("{today}", &school_today())
                    .replace("{version}", &version.to_string())
            });
            assert_eq!(call.method, if body.is_some() { "POST" } else { "GET" });
            failures.extend(probe(&app, &client, call.role, side, &path, body.as_deref()).await);
        }
    }
    assert!(
        failures.is_empty(),
        "the record dimension was not honoured:\n{}",
        failures.join("\n")
    );
}

/// Calls `path` as `role` (a form POST when there is a body, else a GET) about a record
/// `side` ("inside" or "outside") the caller's scope, and says what went wrong, if anything:
/// inside must succeed with no refusal, outside must be exactly 403 with one refusal row.
async fn probe(
    app: &TestApp,
    client: &reqwest::Client,
    role: &str,
    side: &str,
    path: &str,
    body: Option<&str>,
) -> Option<String> {
    let refusals =
        format!("SELECT COUNT(*) FROM audit_log WHERE username = '{role}' AND outcome = 'denied'");
    let denied_before = app.count(&refusals).await;
    let response = match body {
        Some(body) => app.post_form(client, path, body).await,
        None => app.get_as(client, path).await,
    };
    let status = response.status().as_u16();
    let denied = app.count(&refusals).await - denied_before;
    let ok = match side {
        "inside" => (200..300).contains(&status) && denied == 0,
        _ => status == 403 && denied == 1,
    };
    let method = if body.is_some() { "POST" } else { "GET" };
    (!ok).then(|| {
        format!("{role} {method} {path} ({side} the scope) -> {status}, {denied} refusal row(s)")
    })
}

/// The records that are not a child or an event but belong to one: a concern, an excuse,
/// a nomination, a family's link and its proposal, a diary entry and its picture, an aid
/// receipt, a meeting's practice. The record in scope is the paired counselor's (or, for a
/// practice, the one the counselor carries out); the one outside is another child's (or
/// the leader's).
#[tokio::test]
async fn a_record_that_belongs_to_a_child_or_a_meeting_is_scoped_like_its_owner() {
    let app = spawn_app().await;
    let paired_set = "(SELECT p.child_id FROM counselor_children p JOIN users u ON u.id = p.user_id
         WHERE u.username = 'counselor')";
    let first = |sql: &str| format!("{sql} ORDER BY 1 LIMIT 1");
    let paired = app
        .count(&first(&format!("SELECT child_id FROM {paired_set} p")))
        .await;
    let unpaired = app
        .count(&first(&format!(
            "SELECT id FROM children WHERE enrolment = 'active' AND id NOT IN {paired_set}"
        )))
        .await;
    let user = |name: &str| format!("SELECT id FROM users WHERE username = '{name}'");
    let admin = app.count(&user("admin")).await;
    let counselor = app.client_as(Some("counselor")).await;
    let leader = app.client_as(Some("leader")).await;
    let mut failures = Vec::new();
    // Runs one call inside the scope and one outside, as `$role` with `$client`.
    macro_rules! both {
        ($client:expr, $role:expr, $inside:expr, $outside:expr) => {{
            let (inside, outside): ((String, Option<String>), (String, Option<String>)) =
                ($inside, $outside);
            for (side, (path, body)) in [("inside", inside), ("outside", outside)] {
                failures.extend(probe(&app, $client, $role, side, &path, body.as_deref()).await);
            }
        }};
    }
    let post = |path: &str, body: String| (path.to_string(), Some(body));
    let get = |path: String| (path, None::<String>);

    // A concern closed with what was done.
    let concern = |set: &str| {
        first(&format!(
            "SELECT id FROM concerns WHERE closed_at IS NULL AND child_id {set} {paired_set}"
        ))
    };
    let (mine, other) = (
        app.count(&concern("IN")).await,
        app.count(&concern("NOT IN")).await,
    );
    let close = |id: i64, version: i64| {
        post(
            "/api/care/concern/close",
            format!("concern={id}&version={version}&note=Talked+with+the+grandmother"),
        )
    };
    both!(
        &counselor,
        "counselor",
        close(mine, version_of(&app, "concerns", mine).await),
        close(other, version_of(&app, "concerns", other).await)
    );

    // An excuse withdrawn (one for each child, whatever the seed's days hold).
    for child in [paired, unpaired] {
        sqlx::query(
            "INSERT INTO habit_excuses (child_id, excuse, first_day, last_day, recorded_by)
             VALUES (?1, 'ill', '2027-04-12', '2027-04-13', ?2)",
        )
        .bind(child)
        .bind(admin)
        .execute(&app.pool)
        .await
        .unwrap();
    }
    let excuse = |set: &str| {
        first(&format!(
            "SELECT id FROM habit_excuses WHERE withdrawn_at IS NULL AND child_id {set} {paired_set}"
        ))
    };
    let (mine, other) = (
        app.count(&excuse("IN")).await,
        app.count(&excuse("NOT IN")).await,
    );
    let withdraw = |id: i64| post("/api/habits/excuse/withdraw", format!("excuse={id}"));
    both!(&counselor, "counselor", withdraw(mine), withdraw(other));

    // The parents' call window (the child's own record; 0: none yet).
    let window_version = |child: i64| {
        format!("SELECT COALESCE((SELECT version FROM call_windows WHERE child_id = {child}), 0)")
    };
    let window = |child: i64, version: i64| {
        post(
            "/api/habits/window",
            format!("child={child}&version={version}&weekday%5B%5D=6&from=20:00&to=21:00&zone=Asia%2FShanghai"),
        )
    };
    both!(
        &counselor,
        "counselor",
        window(paired, app.count(&window_version(paired)).await),
        window(unpaired, app.count(&window_version(unpaired)).await)
    );

    // A diary entry shared with the family, and a picture in the diary.
    let entry = |child: i64| {
        first(&format!(
            "SELECT id FROM diary_entries WHERE child_id = {child}"
        ))
    };
    let (mine, other) = (
        app.count(&entry(paired)).await,
        app.count(&entry(unpaired)).await,
    );
    let share = |child: i64, entry: i64| {
        post(
            "/api/family/share",
            format!("child={child}&entry={entry}&share=on"),
        )
    };
    both!(
        &counselor,
        "counselor",
        share(paired, mine),
        share(unpaired, other)
    );
    for entry in [mine, other] {
        sqlx::query(
            "INSERT INTO diary_pictures (entry_id, media_type, width, height, bytes)
             VALUES (?1, 'image/jpeg', 1, 1, x'FFD8FFD9')",
        )
        .bind(entry)
        .execute(&app.pool)
        .await
        .unwrap();
    }
    let picture = |entry: i64| get(format!("/diary/picture/{entry}"));
    both!(&counselor, "counselor", picture(mine), picture(other));

    // A family's link revoked, and a change the family proposed decided (declined: the file
    // stays as it is). The paired child's link is made by its counselor; the other child's
    // by the admin, as the school's own.
    assert!(app
        .post_form(&counselor, "/api/family/link", &format!("child={paired}"))
        .await
        .status()
        .is_success());
    sqlx::query("INSERT INTO family_links (token_hash, created_by) VALUES ('records-other', ?1)")
        .bind(admin)
        .execute(&app.pool)
        .await
        .unwrap();
    let link_of = |child: i64| {
        format!("SELECT link_id FROM family_link_children WHERE child_id = {child} ORDER BY link_id DESC LIMIT 1")
    };
    let other_link = app
        .count("SELECT id FROM family_links WHERE token_hash = 'records-other'")
        .await;
    sqlx::query("INSERT INTO family_link_children (link_id, child_id) VALUES (?1, ?2)")
        .bind(other_link)
        .bind(unpaired)
        .execute(&app.pool)
        .await
        .unwrap();
    let my_link = app.count(&link_of(paired)).await;
    for (link, child) in [(my_link, paired), (other_link, unpaired)] {
        sqlx::query(
            "INSERT INTO family_proposals (link_id, child_id, parent, phone)
             VALUES (?1, ?2, 'father', '13800138000')",
        )
        .bind(link)
        .bind(child)
        .execute(&app.pool)
        .await
        .unwrap();
    }
    let proposal = |child: i64| {
        first(&format!(
            "SELECT id FROM family_proposals WHERE child_id = {child}"
        ))
    };
    let decide_proposal = |id: i64| post("/api/family/decide", format!("proposal={id}"));
    both!(
        &counselor,
        "counselor",
        decide_proposal(app.count(&proposal(paired)).await),
        decide_proposal(app.count(&proposal(unpaired)).await)
    );
    let revoke =
        |link: i64, child: i64| post("/api/family/revoke", format!("link={link}&child={child}"));
    both!(
        &counselor,
        "counselor",
        revoke(my_link, paired),
        revoke(other_link, unpaired)
    );

    // An aid payment's receipt: the paired child's paid request, and a request for a child the
    // counselor is not paired with.
    let paid = app
        .count(&first(&format!(
            "SELECT id FROM aid_requests WHERE state = 'paid' AND child_id IN {paired_set}"
        )))
        .await;
    sqlx::query(
        "INSERT INTO aid_receipts (entry_id, aid_id, jpeg, width, height)
         SELECT id, aid_id, x'FFD8FFD9', 1, 1 FROM ledger WHERE kind = 'aid' AND aid_id = ?1",
    )
    .bind(paid)
    .execute(&app.pool)
    .await
    .unwrap();
    sqlx::query(
        "INSERT INTO aid_requests (child_id, need, amount_fen, reason, grade, requested_by, requested_on)
         VALUES (?1, 'glasses', 18000, 'x', 3, ?2, '2027-04-01')",
    )
    .bind(unpaired)
    .bind(admin)
    .execute(&app.pool)
    .await
    .unwrap();
    let others = app
        .count(&format!(
            "SELECT MAX(id) FROM aid_requests WHERE child_id = {unpaired}"
        ))
        .await;
    let receipt = |aid: i64| get(format!("/funds/receipt/{aid}"));
    both!(&counselor, "counselor", receipt(paid), receipt(others));

    // 自强好少年: the leading group decides nominations, never its own; the certificate is
    // for the nominator and the leading group.
    let nominate = |child: i64| {
        format!("child={child}&statement=Reads+to+the+younger+ones+every+evening+and+helps+at+home")
    };
    assert!(app
        .post_form(&counselor, "/api/awards/nominate", &nominate(paired))
        .await
        .status()
        .is_success());
    assert!(app
        .post_form(&leader, "/api/awards/nominate", &nominate(unpaired))
        .await
        .status()
        .is_success());
    let nomination = |by: &str| {
        format!("SELECT n.id FROM nominations n JOIN users u ON u.id = n.nominated_by WHERE u.username = '{by}' ORDER BY n.id LIMIT 1")
    };
    let (counselors, leaders) = (
        app.count(&nomination("counselor")).await,
        app.count(&nomination("leader")).await,
    );
    let decide_award = |id: i64| {
        post(
            "/api/awards/decide",
            format!("nomination={id}&version=1&approve=on"),
        )
    };
    both!(
        &leader,
        "leader",
        decide_award(counselors),
        decide_award(leaders)
    );
    sqlx::query(
        "UPDATE nominations SET state = 'approved', decided_by = ?1, decided_on = '2027-04-19'
         WHERE id = ?2",
    )
    .bind(admin)
    .bind(leaders)
    .execute(&app.pool)
    .await
    .unwrap();
    let certificate = |id: i64| get(format!("/api/awards/certificate?nomination={id}"));
    both!(
        &counselor,
        "counselor",
        certificate(counselors),
        certificate(leaders)
    );

    // A meeting's practice: the counselor marks done their own, not the leader's (only the
    // leading group keeps a meeting's record).
    let practice = |owner: &str| {
        format!(
            "SELECT p.id FROM meeting_practices p JOIN users u ON u.id = p.owner_id
             WHERE u.username = '{owner}' AND p.done_on IS NULL ORDER BY p.id LIMIT 1"
        )
    };
    let done = |id: i64| post("/api/meetings/done", format!("practice={id}"));
    both!(
        &counselor,
        "counselor",
        done(app.count(&practice("counselor")).await),
        done(app.count(&practice("leader")).await)
    );

    assert!(
        failures.is_empty(),
        "the record dimension was not honoured:\n{}",
        failures.join("\n")
    );
}
