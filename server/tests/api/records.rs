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

async fn scalar(app: &TestApp, sql: &str) -> i64 {
    app.count(sql).await
}

async fn version_of(app: &TestApp, table: &str, id: i64) -> i64 {
    scalar(app, &format!("SELECT version FROM {table} WHERE id = {id}")).await
}

#[tokio::test]
async fn a_record_inside_the_callers_scope_answers_2xx_and_one_outside_403() {
    let app = spawn_app().await;
    // The teacher's class (3-2) and a child of another class.
    let class_child = scalar(
        &app,
        "SELECT c.id FROM children c JOIN teacher_classes t ON t.class_id = c.class_id
         JOIN users u ON u.id = t.user_id WHERE u.username = 'teacher' ORDER BY c.id LIMIT 1",
    )
    .await;
    let other_child = scalar(
        &app,
        "SELECT id FROM children WHERE class_id NOT IN (SELECT t.class_id FROM teacher_classes t
         JOIN users u ON u.id = t.user_id WHERE u.username = 'teacher') ORDER BY id LIMIT 1",
    )
    .await;
    // The counselor's paired children, and a child nobody paired with them.
    let paired = scalar(
        &app,
        "SELECT p.child_id FROM counselor_children p JOIN users u ON u.id = p.user_id
         WHERE u.username = 'counselor' ORDER BY p.child_id LIMIT 1",
    )
    .await;
    let paired_too = scalar(
        &app,
        "SELECT p.child_id FROM counselor_children p JOIN users u ON u.id = p.user_id
         WHERE u.username = 'counselor' ORDER BY p.child_id DESC LIMIT 1",
    )
    .await;
    let unpaired = scalar(
        &app,
        "SELECT id FROM children WHERE id NOT IN (SELECT p.child_id FROM counselor_children p
         JOIN users u ON u.id = p.user_id WHERE u.username = 'counselor') ORDER BY id LIMIT 1",
    )
    .await;
    // The demo counselor's account, and another counselor's.
    let counselor = scalar(&app, "SELECT id FROM users WHERE username = 'counselor'").await;
    let counselor02 = scalar(&app, "SELECT id FROM users WHERE username = 'counselor02'").await;
    // The teacher's calligraphy series, and an event for the whole school.
    let own_event = scalar(
        &app,
        "SELECT e.id FROM events e JOIN interest_groups g ON g.id = e.group_id
         WHERE g.key = 'calligraphy' ORDER BY e.id LIMIT 1",
    )
    .await;
    let school_event = scalar(
        &app,
        "SELECT id FROM events WHERE audience = 'school' ORDER BY id LIMIT 1",
    )
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
            let denied_before = scalar(
                &app,
                &format!(
                    "SELECT COUNT(*) FROM audit_log WHERE username = '{}' AND outcome = 'denied'",
                    call.role
                ),
            )
            .await;
            let response = match call.body {
                Some(body) => {
                    let body = body
                        .replace("{id}", &id.to_string())
                        .replace("{today}", &school_today())
                        .replace("{version}", &version.to_string());
                    app.post_form(&client, &path, &body).await
                }
                None => app.get_as(&client, &path).await,
            };
            let status = response.status().as_u16();
            let denied = scalar(
                &app,
                &format!(
                    "SELECT COUNT(*) FROM audit_log WHERE username = '{}' AND outcome = 'denied'",
                    call.role
                ),
            )
            .await
                - denied_before;
            let ok = match side {
                "inside" => (200..300).contains(&status) && denied == 0,
                _ => status == 403 && denied == 1,
            };
            if !ok {
                failures.push(format!(
                    "{} {} {path} ({side} the scope) -> {status}, {denied} refusal row(s)",
                    call.role, call.method
                ));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "the record dimension was not honoured:\n{}",
        failures.join("\n")
    );
}
