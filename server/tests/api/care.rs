//! The care work over HTTP: an entry sent twice is stored once, a correction keeps what it
//! corrects, a handover moves the record to the new counselor with its history, and nobody
//! outside the pairing or the leading group receives a word of it.

use serde_json::Value;

use crate::helpers::{school_today, spawn_app, TestApp};

/// The demo counselor's first child.
async fn paired_child(app: &TestApp) -> i64 {
    app.count(
        "SELECT p.child_id FROM pairings p JOIN users u ON u.id = p.counselor_id
         WHERE u.username = 'counselor' AND p.ended_on IS NULL ORDER BY p.child_id LIMIT 1",
    )
    .await
}

fn talk(child: i64, uid: &str, minutes: u32) -> String {
    format!(
        "child={child}&uid={uid}&kind=talk&date={}&time=10:00&minutes={minutes}&with_whom=child&study=on&noticed=talked+about+exams",
        school_today()
    )
}

/// What a server function answers `client` at `path`, as JSON (it must answer 200).
async fn json(app: &TestApp, client: &reqwest::Client, path: &str) -> Value {
    let response = app.get_as(client, path).await;
    assert_eq!(response.status(), 200, "{path}");
    serde_json::from_str(&response.text().await.unwrap()).expect("JSON")
}

async fn record(app: &TestApp, client: &reqwest::Client, child: i64) -> Value {
    json(app, client, &format!("/api/care/record?child={child}")).await
}

#[tokio::test]
async fn an_entry_sent_twice_is_stored_once_with_one_audit_row_each_time() {
    let _deadline = crate::helpers::deadline();
    let app = spawn_app().await;
    let child = paired_child(&app).await;
    let counselor = app.client_as(Some("counselor")).await;
    let before = app.count("SELECT COUNT(*) FROM care_entries").await;
    for _ in 0..2 {
        let response = app
            .post_form(
                &counselor,
                "/api/care/entry",
                &talk(child, "retried-entry-000000000001", 20),
            )
            .await;
        assert!(response.status().is_success(), "{}", response.status());
    }
    assert_eq!(
        app.count("SELECT COUNT(*) FROM care_entries").await,
        before + 1
    );
    assert_eq!(
        app.count("SELECT COUNT(*) FROM audit_log WHERE action LIKE 'write_care_log %' AND outcome = 'success'")
            .await,
        2
    );
    // The form filled in again by the browser after Back, sent under a new id: still once.
    let again = app
        .post_form(
            &counselor,
            "/api/care/entry",
            &talk(child, "refilled-after-back-000001", 20),
        )
        .await;
    assert!(again.status().is_success(), "{}", again.status());
    assert_eq!(
        app.count("SELECT COUNT(*) FROM care_entries").await,
        before + 1
    );
    // Another talk, of other words, is another entry.
    let other = talk(child, "another-talk-00000000001", 20).replace("exams", "football");
    app.post_form(&counselor, "/api/care/entry", &other).await;
    assert_eq!(
        app.count("SELECT COUNT(*) FROM care_entries").await,
        before + 2
    );
    // The database itself keeps the log append-only.
    let changed =
        sqlx::query("UPDATE care_entries SET minutes = 1 WHERE uid = 'retried-entry-000000000001'")
            .execute(&app.pool)
            .await;
    assert!(changed.is_err(), "a care entry was changed in place");
    let removed = sqlx::query("DELETE FROM care_entries WHERE uid = 'retried-entry-000000000001'")
        .execute(&app.pool)
        .await;
    assert!(removed.is_err(), "a care entry was deleted");
}

#[tokio::test]
async fn a_bad_entry_is_refused_with_its_reason_and_changes_nothing() {
    let _deadline = crate::helpers::deadline();
    let app = spawn_app().await;
    let child = paired_child(&app).await;
    let counselor = app.client_as(Some("counselor")).await;
    let before = app.count("SELECT COUNT(*) FROM care_entries").await;
    // No priority ticked.
    let body = talk(child, "bad-entry-00000000000001", 20).replace("&study=on", "");
    let response = app.post_form(&counselor, "/api/care/entry", &body).await;
    assert_eq!(response.status(), 400);
    assert!(response
        .text()
        .await
        .unwrap()
        .contains("PrioritiesRequired"));
    // A contact in the future.
    let body = talk(child, "bad-entry-00000000000002", 20).replace(&school_today(), "2099-01-01");
    assert_eq!(
        app.post_form(&counselor, "/api/care/entry", &body)
            .await
            .status(),
        400
    );
    assert_eq!(app.count("SELECT COUNT(*) FROM care_entries").await, before);
}

#[tokio::test]
async fn a_correction_keeps_the_old_version_for_the_leading_group_and_a_stale_one_is_a_conflict() {
    let _deadline = crate::helpers::deadline();
    let app = spawn_app().await;
    let child = paired_child(&app).await;
    let counselor = app.client_as(Some("counselor")).await;
    app.post_form(
        &counselor,
        "/api/care/entry",
        &talk(child, "original-entry-0000000001", 20),
    )
    .await;
    let original = app
        .count("SELECT id FROM care_entries WHERE uid = 'original-entry-0000000001'")
        .await;
    let correction = format!(
        "{}&replaces={original}",
        talk(child, "correction-0000000000001", 35)
    );
    assert!(app
        .post_form(&counselor, "/api/care/entry", &correction)
        .await
        .status()
        .is_success());
    // A second correction of the same version (a tablet that did not see the first).
    let stale = format!(
        "{}&replaces={original}",
        talk(child, "correction-0000000000002", 50)
    );
    assert_eq!(
        app.post_form(&counselor, "/api/care/entry", &stale)
            .await
            .status(),
        409
    );

    let minutes = |record: &Value, superseded: bool| -> Vec<i64> {
        record["entries"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|e| e["superseded"] == superseded)
            .filter(|e| e["noticed"] == "talked about exams")
            .map(|e| e["minutes"].as_i64().unwrap())
            .collect()
    };
    let seen = record(&app, &counselor, child).await;
    assert_eq!(minutes(&seen, false), vec![35]);
    assert!(
        minutes(&seen, true).is_empty(),
        "the counselor sees the current version only"
    );
    let leader = app.client_as(Some("leader")).await;
    let seen = record(&app, &leader, child).await;
    assert_eq!(minutes(&seen, false), vec![35]);
    assert_eq!(minutes(&seen, true), vec![20]);
}

#[tokio::test]
async fn a_handover_moves_the_record_to_the_new_counselor_with_its_history() {
    let _deadline = crate::helpers::deadline();
    let app = spawn_app().await;
    let child = paired_child(&app).await;
    let counselor = app.client_as(Some("counselor")).await;
    app.post_form(
        &counselor,
        "/api/care/entry",
        &talk(child, "before-handover-000000001", 20),
    )
    .await;
    let next = app
        .count("SELECT id FROM users WHERE username = 'counselor02'")
        .await;
    let leader = app.client_as(Some("leader")).await;
    // Not ahead of time: the new counselor would reach the child at once.
    let early = app
        .post_form(
            &leader,
            "/api/care/pair",
            &format!("child={child}&counselor={next}&from=2099-01-01"),
        )
        .await;
    assert_eq!(early.status(), 400);
    let said = early.text().await.unwrap();
    assert!(
        said.contains("DateAfterToday"),
        "a well-formed date, too late: {said}"
    );
    let response = app
        .post_form(
            &leader,
            "/api/care/pair",
            &format!(
                "child={child}&counselor={next}&from={}&note=moved+school",
                school_today()
            ),
        )
        .await;
    assert!(response.status().is_success(), "{}", response.status());

    // The old counselor's session no longer reaches the child; the new one's does, with
    // everything recorded before.
    let old = app.client_as(Some("counselor")).await;
    assert_eq!(
        app.get_as(&old, &format!("/api/care/record?child={child}"))
            .await
            .status(),
        403
    );
    let new = app.client_as(Some("counselor02")).await;
    let seen = record(&app, &new, child).await;
    assert!(seen["entries"]
        .as_array()
        .unwrap()
        .iter()
        .any(|e| e["noticed"] == "talked about exams"));
    let pairings = seen["pairings"].as_array().unwrap();
    assert_eq!(pairings.len(), 2, "{pairings:?}");
    assert!(pairings[0]["ended_on"].is_null());
    assert_eq!(pairings[1]["ended_on"], Value::String(school_today()));
    // Nobody is paired twice.
    assert_eq!(
        app.count(&format!(
            "SELECT COUNT(*) FROM pairings WHERE child_id = {child} AND ended_on IS NULL"
        ))
        .await,
        1
    );
}

#[tokio::test]
async fn a_teacher_and_a_student_receive_nothing_of_the_care_work() {
    let _deadline = crate::helpers::deadline();
    let app = spawn_app().await;
    // A child of the teacher's own class who is in care (its file opens for the teacher).
    let child = app
        .count(
            "SELECT c.id FROM children c JOIN teacher_classes t ON t.class_id = c.class_id
             JOIN users u ON u.id = t.user_id JOIN pairings p ON p.child_id = c.id AND p.ended_on IS NULL
             WHERE u.username = 'teacher' ORDER BY c.id LIMIT 1",
        )
        .await;
    assert!(child > 0);
    let noticed: Vec<String> = sqlx::query_scalar(&format!(
        "SELECT DISTINCT noticed FROM care_entries WHERE child_id = {child} AND noticed <> ''"
    ))
    .fetch_all(&app.pool)
    .await
    .unwrap();
    assert!(!noticed.is_empty(), "the demo child has care entries");
    for (account, paths) in [
        (
            "teacher",
            vec![
                format!("/children/{child}"),
                format!("/care/child/{child}"),
                format!("/api/care/record?child={child}"),
                "/care".to_owned(),
                "/calendar?date=2027-04-01".to_owned(),
            ],
        ),
        (
            "student",
            vec![
                "/diary".to_owned(),
                "/api/diary/mine".to_owned(),
                format!("/care/child/{child}"),
                "/calendar?date=2027-04-01".to_owned(),
                "/calendar?view=agenda&date=2027-04-01".to_owned(),
            ],
        ),
    ] {
        let client = app.client_as(Some(account)).await;
        for path in paths {
            let body = app.get_as(&client, &path).await.text().await.unwrap();
            for text in &noticed {
                assert!(
                    !body.contains(text.as_str()),
                    "{account} received a care note on {path}"
                );
            }
            assert!(
                !body.contains("联系记录"),
                "{account} received the care log on {path}"
            );
            // Nothing a student sees calls a child left-behind.
            if account == "student" {
                assert!(!body.contains("留守"), "a student read 留守 on {path}");
            }
        }
    }
}

/// A phone photo: a JPEG of 3,000 × 2,000 with an Exif segment naming where it was taken.
pub(crate) fn photo_with_location() -> Vec<u8> {
    let pixels = image::RgbImage::from_fn(3000, 2000, |x, y| {
        image::Rgb([(x % 251) as u8, (y % 241) as u8, 120])
    });
    let mut jpeg = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut jpeg, 85)
        .encode_image(&pixels)
        .unwrap();
    let payload = b"Exif\0\0MM\0*\0\0\0\x08GPSLatitude 21.61N 110.28E";
    let mut segment = vec![0xFF, 0xE1];
    segment.extend_from_slice(&((payload.len() + 2) as u16).to_be_bytes());
    segment.extend_from_slice(payload);
    jpeg.splice(2..2, segment);
    jpeg
}

#[tokio::test]
async fn a_student_writes_only_in_its_own_diary_and_its_photo_is_kept_small_and_bare() {
    let _deadline = crate::helpers::deadline();
    let app = spawn_app().await;
    let own = app
        .count("SELECT child_id FROM users WHERE username = 'student'")
        .await;
    let student = app.client_as(Some("student")).await;
    let photo = photo_with_location();
    assert!(photo.len() > 1024 * 1024 / 4);
    let response = app
        .post_parts(
            &student,
            "/api/diary/write",
            &[
                ("uid", None, b"student-diary-00000000001"),
                ("body", None, "I fed the chickens".as_bytes()),
                ("sticker", None, b"proud"),
                ("file", Some("IMG_2041.jpg"), &photo),
            ],
        )
        .await;
    assert!(response.status().is_success(), "{}", response.status());
    let entry = app
        .count(&format!(
            "SELECT id FROM diary_entries WHERE child_id = {own} AND by_child = 1 AND sticker = 'proud'"
        ))
        .await;
    assert!(entry > 0);
    let diary = json(&app, &student, "/api/diary/mine").await;
    assert_eq!(diary["entries"][0]["body"], "I fed the chickens");
    assert_eq!(diary["entries"][0]["picture"], true);

    // The picture as the child's page shows it: smaller, a JPEG, nothing of where it was taken.
    let picture = app
        .get_as(&student, &format!("/diary/picture/{entry}"))
        .await;
    assert_eq!(picture.status(), 200);
    assert_eq!(picture.headers()["content-type"], "image/jpeg");
    let kept = picture.bytes().await.unwrap();
    assert!(kept.len() <= 1024 * 1024);
    for marker in [&b"Exif"[..], b"GPS", b"110.28E"] {
        assert!(
            !kept.windows(marker.len()).any(|w| w == marker),
            "{marker:?} kept"
        );
    }
    let shown = image::load_from_memory(&kept).unwrap();
    assert_eq!(shown.width(), 1280);
    assert!((853..=854).contains(&shown.height()), "{}", shown.height());

    // Its counselor sees it; a teacher and another counselor do not.
    let paired: String = sqlx::query_scalar(&format!(
        "SELECT u.username FROM pairings p JOIN users u ON u.id = p.counselor_id
         WHERE p.child_id = {own} AND p.ended_on IS NULL"
    ))
    .fetch_one(&app.pool)
    .await
    .unwrap();
    let path = format!("/diary/picture/{entry}");
    let counselor = app.client_as(Some(&paired)).await;
    assert_eq!(app.get_as(&counselor, &path).await.status(), 200);
    for other in ["teacher", "counselor"] {
        let client = app.client_as(Some(other)).await;
        assert_eq!(app.get_as(&client, &path).await.status(), 403, "{other}");
    }

    // Not a picture: refused with its reason, nothing written.
    let before = app.count("SELECT COUNT(*) FROM diary_entries").await;
    let response = app
        .post_parts(
            &student,
            "/api/diary/write",
            &[
                ("uid", None, b"student-diary-00000000002"),
                ("body", None, b"a drawing"),
                ("file", Some("drawing.svg"), b"<svg onload=alert(1)>"),
            ],
        )
        .await;
    assert_eq!(response.status(), 400);
    assert_eq!(
        app.count("SELECT COUNT(*) FROM diary_entries").await,
        before
    );

    // Another child's diary, through the staff's endpoint: refused.
    let response = app
        .post_form(
            &student,
            "/api/care/diary",
            &format!("child={}&uid=student-diary-00000000003&body=x", own + 1),
        )
        .await;
    assert_eq!(response.status(), 403);
}

#[tokio::test]
async fn the_leading_group_sets_the_rhythm_and_every_due_date_follows() {
    let _deadline = crate::helpers::deadline();
    let app = spawn_app().await;
    let leader = app.client_as(Some("leader")).await;
    let bad = app
        .post_form(&leader, "/api/care/rhythm", "talk_days=0&visit_days=90")
        .await;
    assert_eq!(bad.status(), 400);
    let saved = app
        .post_form(&leader, "/api/care/rhythm", "talk_days=7&visit_days=90")
        .await;
    assert!(saved.status().is_success(), "{}", saved.status());

    let counselor = app.client_as(Some("counselor")).await;
    let mine = json(&app, &counselor, "/api/care/mine").await;
    let children = mine["children"].as_array().unwrap();
    assert_eq!(children.len(), 10);
    // A week after the child was last seen: talked with, or visited at home. A call with
    // the parents is a contact, not a talk with the child.
    for child in children {
        let id = child["child_id"].as_i64().unwrap();
        let (seen, any): (String, String) = sqlx::query_as(
            "SELECT MAX(CASE WHEN with_whom = 'child' OR kind = 'home_visit'
                             THEN substr(happened_at, 1, 10) END),
                    MAX(substr(happened_at, 1, 10))
             FROM care_entries e WHERE child_id = ? AND NOT EXISTS
               (SELECT 1 FROM care_entries n WHERE n.replaces = e.id)",
        )
        .bind(id)
        .fetch_one(&app.pool)
        .await
        .expect("every demo child was seen");
        assert_eq!(child["last_contact"], any.as_str(), "{child}");
        let day = |s: &str| chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        let due = day(child["talk_due"].as_str().unwrap());
        assert_eq!(due - day(&seen), chrono::Duration::days(7), "{child}");
    }

    // A call with the parents today leaves the talk due where it was.
    let child = children[0]["child_id"].as_i64().unwrap();
    let due = children[0]["talk_due"].clone();
    let call = talk(child, "parents-call-0000000000001", 10)
        .replace("kind=talk", "kind=call")
        .replace("with_whom=child", "with_whom=parent_phone");
    let saved = app.post_form(&counselor, "/api/care/entry", &call).await;
    assert!(saved.status().is_success(), "{}", saved.status());
    let mine = json(&app, &counselor, "/api/care/mine").await;
    let again = mine["children"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["child_id"] == child)
        .unwrap();
    assert_eq!(again["last_contact"], school_today().to_string());
    assert_eq!(again["talk_due"], due);
    // The card says when the child was last seen, beside the call of today.
    let page = app.get_as(&counselor, "/care").await.text().await.unwrap();
    let card = &page[page.find(&format!("data-child=\"{child}\"")).unwrap()..];
    let card = &card[..card.find("</li>").unwrap()];
    assert!(
        card.contains(&format!("上次联系：{}", school_today())),
        "{card}"
    );
    assert!(card.contains("上次见到孩子："), "{card}");
}

#[tokio::test]
async fn a_concern_without_words_is_refused_as_a_concern_raised_or_closed() {
    let _deadline = crate::helpers::deadline();
    let app = spawn_app().await;
    let child = paired_child(&app).await;
    let counselor = app.client_as(Some("counselor")).await;
    let raise = |note: &str| {
        format!(
            "child={child}&reason=lonely&urgency=high&note={note}&address_by={}",
            school_today()
        )
    };
    let blank = app
        .post_form(&counselor, "/api/care/concern", &raise("+++"))
        .await;
    assert_eq!(blank.status(), 400);
    let said = blank.text().await.unwrap();
    assert!(said.contains("ConcernNoteRequired"), "{said}");
    assert_eq!(
        app.count("SELECT COUNT(*) FROM concerns WHERE note = ''")
            .await,
        0
    );

    // As long as the form allows: more than a closing note's 200 characters.
    let long = "%E5%AD%97".repeat(1500);
    let raised = app
        .post_form(&counselor, "/api/care/concern", &raise(&long))
        .await;
    assert!(
        raised.status().is_success() || raised.status().is_redirection(),
        "{}",
        raised.status()
    );
    let concern = app
        .count(&format!(
            "SELECT MAX(id) FROM concerns WHERE child_id = {child}"
        ))
        .await;
    let closing = app
        .post_form(
            &counselor,
            "/api/care/concern/close",
            &format!("concern={concern}&version=1&note=+"),
        )
        .await;
    assert_eq!(closing.status(), 400);
    let said = closing.text().await.unwrap();
    assert!(said.contains("ConcernClosingNoteRequired"), "{said}");
}

#[tokio::test]
async fn a_visit_or_a_handover_on_a_day_out_of_reach_is_told_why_not_told_the_format() {
    let _deadline = crate::helpers::deadline();
    let app = spawn_app().await;
    let child = paired_child(&app).await;
    let today: chrono::NaiveDate = school_today().parse().unwrap();
    let counselor = app.client_as(Some("counselor")).await;
    let visits = app.count("SELECT COUNT(*) FROM care_visit_plans").await;
    for (date, why) in [
        (today - chrono::Days::new(1), "DateBeforeToday"),
        ("2200-05-01".parse().unwrap(), "DateOutOfRange"),
    ] {
        let refused = app
            .post_form(
                &counselor,
                "/api/care/plan-visit",
                &format!("child={child}&date={date}&time=16:30"),
            )
            .await;
        assert_eq!(refused.status(), 400, "{date}");
        let said = refused.text().await.unwrap();
        assert!(said.contains(why), "{date}: {said}");
    }
    assert_eq!(
        app.count("SELECT COUNT(*) FROM care_visit_plans").await,
        visits,
        "nothing planned"
    );
    // The words differ from the format's: the user knows what to change.
    let zh = app::i18n::Locale::ZhCn.strings();
    assert_eq!(
        app::error::ValidationError::DateBeforeToday.message(zh),
        "日期不能早于今天"
    );

    // A handover dated before the current pairing began.
    let started: chrono::NaiveDate = sqlx::query_scalar(
        "SELECT started_on FROM pairings WHERE child_id = ? AND ended_on IS NULL",
    )
    .bind(child)
    .fetch_one(&app.pool)
    .await
    .unwrap();
    let next = app
        .count("SELECT id FROM users WHERE username = 'counselor02'")
        .await;
    let leader = app.client_as(Some("leader")).await;
    for (from, why) in [
        (started - chrono::Days::new(1), "PairingBeforeCurrent"),
        ("1900-01-01".parse().unwrap(), "DateOutOfRange"),
    ] {
        let refused = app
            .post_form(
                &leader,
                "/api/care/pair",
                &format!("child={child}&counselor={next}&from={from}"),
            )
            .await;
        assert_eq!(refused.status(), 400, "{from}");
        let said = refused.text().await.unwrap();
        assert!(said.contains(why), "{from}: {said}");
    }
    assert_eq!(
        app.count(&format!(
            "SELECT COUNT(*) FROM pairings WHERE child_id = {child} AND ended_on IS NULL AND counselor_id = {next}"
        ))
        .await,
        0,
        "no handover"
    );
}

#[tokio::test]
async fn a_contact_saved_without_a_time_shows_its_day_and_no_made_up_time() {
    let _deadline = crate::helpers::deadline();
    let app = spawn_app().await;
    let child = paired_child(&app).await;
    let counselor = app.client_as(Some("counselor")).await;
    let today = school_today();
    let untimed = talk(child, "no-time-given-00000000001", 15)
        .replace("&time=10:00", "&time=")
        .replace("talked+about+exams", "met+at+the+gate");
    // Sent twice, as the outbox does when the answer was lost: stored once.
    let before = app.count("SELECT COUNT(*) FROM care_entries").await;
    for _ in 0..2 {
        let response = app.post_form(&counselor, "/api/care/entry", &untimed).await;
        assert!(response.status().is_success(), "{}", response.status());
    }
    assert_eq!(
        app.count("SELECT COUNT(*) FROM care_entries").await,
        before + 1
    );
    app.post_form(
        &counselor,
        "/api/care/entry",
        &talk(child, "timed-contact-00000000001", 20),
    )
    .await;

    let seen = record(&app, &counselor, child).await;
    let entry = |noticed: &str| {
        seen["entries"]
            .as_array()
            .unwrap()
            .iter()
            .find(|e| e["noticed"] == noticed)
            .unwrap_or_else(|| panic!("{noticed} recorded"))
            .clone()
    };
    assert_eq!(entry("met at the gate")["time_given"], false);
    assert_eq!(entry("talked about exams")["time_given"], true);

    let page = app
        .get_as(&counselor, &format!("/care/child/{child}"))
        .await
        .text()
        .await
        .unwrap();
    assert!(
        page.contains(&format!("<strong>{today} 10:00</strong>")),
        "the time given is shown"
    );
    assert!(
        page.contains(&format!("<strong>{today}</strong>")),
        "the day alone is shown"
    );
    assert!(
        !page.contains(&format!("{today} 12:00")),
        "no noon was made up for the contact without a time"
    );
    // Corrected, it keeps no time unless one is typed.
    let id = entry("met at the gate")["id"].as_i64().unwrap();
    let correcting = app
        .get_as(&counselor, &format!("/care/child/{child}?correct={id}"))
        .await
        .text()
        .await
        .unwrap();
    assert!(
        correcting.contains(&format!("正在更正 {today} 的记录")),
        "the heading names the day only"
    );
    assert!(!correcting.contains("value=\"12:00\""));
    // Its day still counts everywhere a day is counted: this month's contacts, the last one.
    let coverage = json(
        &app,
        &app.client_as(Some("leader")).await,
        "/api/care/coverage",
    )
    .await;
    let row = coverage["rows"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["child_id"] == child)
        .unwrap()
        .clone();
    assert_eq!(row["last_contact"], Value::String(today));
}

/// The rows of the leading group's list with `query`.
async fn coverage_rows(app: &TestApp, client: &reqwest::Client, query: &str) -> Vec<Value> {
    json(app, client, &format!("/api/care/coverage{query}")).await["rows"]
        .as_array()
        .unwrap()
        .clone()
}

#[tokio::test]
async fn the_leading_group_sees_the_open_concerns_first_and_each_figure_opens_its_children() {
    let _deadline = crate::helpers::deadline();
    let app = spawn_app().await;
    let leader = app.client_as(Some("leader")).await;
    let child = paired_child(&app).await;
    // Beside the demo's urgent ones: a medium concern not yet due, a low one already late.
    let counselor = app.client_as(Some("counselor")).await;
    let tomorrow =
        (school_today().parse::<chrono::NaiveDate>().unwrap() + chrono::Days::new(1)).to_string();
    app.post_form(
        &counselor,
        "/api/care/concern",
        &format!("child={child}&reason=study&urgency=medium&note=homework&address_by={tomorrow}"),
    )
    .await;
    sqlx::query(
        "INSERT INTO concerns (child_id, raised_by, reason, urgency, note, address_by)
         SELECT ?, id, 'health', 'low', 'glasses', date('now', '-20 days') FROM users WHERE username = 'counselor'",
    )
    .bind(child)
    .execute(&app.pool)
    .await
    .unwrap();

    let all = json(&app, &leader, "/api/care/coverage").await;
    let urgencies: Vec<&str> = all["concerns"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["urgency"].as_str().unwrap())
        .collect();
    let high = urgencies.iter().filter(|u| **u == "High").count();
    assert!(high > 0, "the demo has urgent concerns");
    let mut expected = vec!["High"; high];
    expected.extend(["Low", "Medium"]);
    assert_eq!(
        urgencies, expected,
        "the urgent, then the late, then the rest"
    );

    let page = app
        .get_as(&leader, "/care/coverage")
        .await
        .text()
        .await
        .unwrap();
    let at = |marker: &str| {
        page.find(marker)
            .unwrap_or_else(|| panic!("{marker} on the page"))
    };
    assert!(
        at("data-testid=\"open-concerns\"") < at("data-testid=\"coverage\""),
        "the open concerns come before the list of children"
    );
    // Every figure about the paired children opens its list, and the list holds that many.
    let figure = |n: &Value| n.as_u64().unwrap() as usize;
    for (query, count) in [
        ("?due=talk", figure(&all["overdue"])),
        ("?due=visit", figure(&all["visits_overdue"])),
        ("?reached=no", figure(&all["unreached"])),
        ("?reached=yes", figure(&all["reached"])),
    ] {
        assert!(
            page.contains(&format!("href=\"/care/coverage{query}\"")),
            "{query} is a link on the page"
        );
        assert_eq!(
            coverage_rows(&app, &leader, query).await.len(),
            count,
            "{query}"
        );
    }
    let paired = figure(&all["paired"]);
    assert!(figure(&all["overdue"]) > 0 && figure(&all["unreached"]) > 0);
    let overdue = coverage_rows(&app, &leader, "?due=overdue").await;
    assert!(overdue.len() >= figure(&all["overdue"]) && overdue.len() < paired);
    assert!(overdue
        .iter()
        .all(|r| r["talk_state"] == "Overdue" || r["visit_state"] == "Overdue"));
    let reached = coverage_rows(&app, &leader, "?reached=yes").await;
    assert_eq!(reached.len() + figure(&all["unreached"]), paired);
    assert!(reached.iter().all(|r| r["contacts_this_month"] != 0));

    // The filters combine with the counselor's.
    let me = app
        .count("SELECT id FROM users WHERE username = 'counselor'")
        .await;
    let mine = coverage_rows(&app, &leader, &format!("?counselor={me}")).await;
    let mine_overdue = coverage_rows(&app, &leader, &format!("?counselor={me}&due=overdue")).await;
    assert_eq!(
        mine_overdue.len(),
        mine.iter()
            .filter(|r| r["talk_state"] == "Overdue" || r["visit_state"] == "Overdue")
            .count()
    );
    assert!(mine_overdue.iter().all(|r| r["counselor_id"] == me));

    // The narrowed page says how many it shows and how to see everyone, without script.
    let unreached = figure(&all["unreached"]);
    let narrowed = app
        .get_as(&leader, "/care/coverage?reached=no")
        .await
        .text()
        .await
        .unwrap();
    assert!(narrowed.contains(&format!("显示 {unreached} 人，共 {paired} 人 · 本月未联系")));
    assert!(narrowed.contains("<a href=\"/care/coverage\">显示全部</a>"));
    assert_eq!(narrowed.matches("<tr data-child=").count(), unreached);
    assert!(narrowed.contains("<option value=\"no\" selected"));
    // The whole list offers no way back to itself.
    assert!(!page.contains("显示全部"));
}

#[tokio::test]
async fn the_programme_figure_of_children_reached_opens_the_ones_not_reached() {
    let _deadline = crate::helpers::deadline();
    let app = spawn_app().await;
    let leader = app.client_as(Some("leader")).await;
    let month = json(&app, &leader, "/api/programme/overview").await["month"].clone();
    let not_reached = month["children"].as_u64().unwrap() - month["reached"].as_u64().unwrap();
    assert!(not_reached > 0, "the demo has children not reached yet");
    let page = app
        .get_as(&leader, "/programme")
        .await
        .text()
        .await
        .unwrap();
    let tile = page
        .split("data-figure=\"coverage\"")
        .next()
        .and_then(|before| before.rsplit("<a").next())
        .expect("the figure is a link");
    assert!(
        tile.contains("href=\"/care/coverage?reached=no\""),
        "{tile}"
    );
    assert_eq!(
        coverage_rows(&app, &leader, "?reached=no").await.len() as u64,
        not_reached,
        "the list holds the children the figure says are not reached"
    );
}
