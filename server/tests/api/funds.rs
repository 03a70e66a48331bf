//! The money over HTTP: the ledger adds in whole fen and is only ever added to; aid for a
//! child is asked by its counselor, approved by another member of the leading group (two
//! above the threshold), paid from a fund with a bare receipt, and closes the checkup
//! follow-up it answers; the public page and the funders' report name no child and show
//! no donor's contact.

use serde_json::Value;

use crate::helpers::{school_today, spawn_app, TestApp};

fn ok(status: reqwest::StatusCode) -> bool {
    status.is_success() || status.is_redirection()
}

fn year() -> String {
    school_today()[..4].to_owned()
}

async fn ledger(app: &TestApp, client: &reqwest::Client) -> Value {
    app.json(client, &format!("/api/funds/ledger?year={}", year()))
        .await
}

fn fund_id(page: &Value, purpose: Option<&str>) -> i64 {
    page["funds"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["fund"]["purpose"].as_str() == purpose)
        .expect("the fund")["fund"]["id"]
        .as_i64()
        .unwrap()
}

fn fund_balance(page: &Value, id: i64) -> i64 {
    page["funds"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["fund"]["id"] == id)
        .unwrap()["totals"]["balance_fen"]
        .as_i64()
        .unwrap()
}

#[tokio::test]
async fn the_ledger_adds_in_fen_corrects_by_reversal_and_never_changes_a_line() {
    let app = spawn_app().await;
    let leader = app.client_as(Some("leader")).await;
    let before = ledger(&app, &leader).await;
    let general = fund_id(&before, None);
    let cash_in = |page: &Value| page["all"]["cash_in_fen"].as_i64().unwrap();
    let lines = || app.count("SELECT COUNT(*) FROM ledger");
    let count_before = lines().await;

    // 0.1 + 0.2 yuan is 30 fen exactly.
    for amount in ["0.1", "0.2"] {
        let body =
            format!("kind=gift&fund={general}&amount={amount}&description=%E6%B5%8B%E8%AF%95");
        assert!(ok(app
            .post_form(&leader, "/api/funds/entry", &body)
            .await
            .status()));
    }
    let after = ledger(&app, &leader).await;
    assert_eq!(cash_in(&after), cash_in(&before) + 30);

    // Bad amounts change nothing.
    for amount in ["12.345", "-5", "abc", "0", "99999999"] {
        let body = format!("kind=gift&fund={general}&amount={amount}");
        let response = app.post_form(&leader, "/api/funds/entry", &body).await;
        assert_eq!(response.status(), 400, "{amount}");
    }
    assert_eq!(lines().await, count_before + 2);

    // A mistake is reversed, once; a reversal is not reversed.
    let last = app.count("SELECT MAX(id) FROM ledger").await;
    let reverse = format!("entry={last}&reason=%E5%BD%95%E9%94%99");
    assert!(ok(app
        .post_form(&leader, "/api/funds/reverse", &reverse)
        .await
        .status()));
    let reversal = app.count("SELECT MAX(id) FROM ledger").await;
    assert_eq!(
        app.post_form(&leader, "/api/funds/reverse", &reverse)
            .await
            .status(),
        400
    );
    let again = format!("entry={reversal}&reason=x");
    assert_eq!(
        app.post_form(&leader, "/api/funds/reverse", &again)
            .await
            .status(),
        400
    );
    let corrected = ledger(&app, &leader).await;
    assert_eq!(
        cash_in(&corrected),
        cash_in(&before) + 10,
        "the 0.2 reversed"
    );
    assert_eq!(
        fund_balance(&corrected, general),
        fund_balance(&before, general) + 10
    );
    let lines_shown = corrected["entries"].as_array().unwrap();
    let original = lines_shown.iter().find(|e| e["id"] == last).unwrap();
    assert_eq!(
        original["reversed_by"], reversal,
        "the original stays, marked"
    );

    // No expense takes a fund below nothing.
    let balance = fund_balance(&corrected, general);
    let over = balance + 1;
    let too_much = format!(
        "kind=expense&fund={general}&amount={}.{:02}&description=x",
        over / 100,
        over % 100
    );
    assert_eq!(
        app.post_form(&leader, "/api/funds/entry", &too_much)
            .await
            .status(),
        400
    );

    // Goods and hours are counted apart, never as cash.
    let volunteer = app
        .count("SELECT id FROM donors WHERE name = '湛江师范学院青年志愿者协会'")
        .await;
    let goods = "kind=in_kind&amount=300&description=%E4%B9%A6%E5%8C%85";
    assert!(ok(app
        .post_form(&leader, "/api/funds/entry", goods)
        .await
        .status()));
    let hours = format!("kind=hours&donor={volunteer}&hours=2.5");
    assert!(ok(app
        .post_form(&leader, "/api/funds/entry", &hours)
        .await
        .status()));
    let last_page = ledger(&app, &leader).await;
    assert_eq!(cash_in(&last_page), cash_in(&corrected));
    assert_eq!(
        last_page["all"]["in_kind_fen"].as_i64().unwrap(),
        corrected["all"]["in_kind_fen"].as_i64().unwrap() + 30_000
    );
    assert_eq!(
        last_page["all"]["minutes"].as_i64().unwrap(),
        corrected["all"]["minutes"].as_i64().unwrap() + 150
    );

    // Only a donor's gift is thanked for.
    let expense = app
        .count("SELECT id FROM ledger WHERE kind = 'expense' ORDER BY id LIMIT 1")
        .await;
    assert_eq!(
        app.post_form(
            &leader,
            "/api/funds/thank",
            &format!("entry={expense}&how=x")
        )
        .await
        .status(),
        400
    );

    // The database itself refuses to change or delete a line.
    assert!(sqlx::query("UPDATE ledger SET cash_fen = 1 WHERE id = ?")
        .bind(last)
        .execute(&app.pool)
        .await
        .is_err());
    assert!(sqlx::query("DELETE FROM ledger WHERE id = ?")
        .bind(last)
        .execute(&app.pool)
        .await
        .is_err());
    // Every write is audited.
    let audited = app
        .count("SELECT COUNT(*) FROM audit_log WHERE username = 'leader' AND action LIKE 'ledger %' AND outcome = 'success'")
        .await;
    assert_eq!(audited, 5);
}

/// A child of the counselor's with an open checkup follow-up (made so if none is).
async fn open_follow_up(app: &TestApp) -> (i64, i32) {
    let child = app
        .count(
            "SELECT p.child_id FROM pairings p JOIN users u ON u.id = p.counselor_id
             WHERE u.username = 'counselor' AND p.ended_on IS NULL
               AND NOT EXISTS (SELECT 1 FROM aid_requests q WHERE q.child_id = p.child_id)
             ORDER BY p.child_id LIMIT 1",
        )
        .await;
    sqlx::query(
        "INSERT INTO checkup_results (year, child_id, attendance, follow_up, follow_up_due)
         VALUES (2026, ?, 'examined', '复查视力，必要时配镜', '2026-06-20')
         ON CONFLICT (year, child_id) DO UPDATE SET follow_up = excluded.follow_up,
           follow_up_due = excluded.follow_up_due, follow_up_closed_at = NULL, follow_up_note = NULL",
    )
    .bind(child)
    .execute(&app.pool)
    .await
    .unwrap();
    (child, 2026)
}

/// The newest request for `child` on an aid page.
fn request_of(page: &Value, child: i64) -> Value {
    page["requests"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["child_id"] == child)
        .max_by_key(|r| r["id"].as_i64())
        .cloned()
        .expect("the request")
}

/// Pays request `id` (seen at `version`) from `fund` with a phone photo as its receipt.
async fn pay(
    app: &TestApp,
    client: &reqwest::Client,
    id: i64,
    version: i64,
    fund: i64,
    photo: &[u8],
) -> reqwest::StatusCode {
    let (id, version, fund) = (id.to_string(), version.to_string(), fund.to_string());
    let parts: [(&str, Option<&str>, &[u8]); 4] = [
        ("aid", None, id.as_bytes()),
        ("version", None, version.as_bytes()),
        ("fund", None, fund.as_bytes()),
        ("file", Some("receipt.jpg"), photo),
    ];
    app.post_parts(client, "/api/funds/aid/pay", &parts)
        .await
        .status()
}

fn version_of(request: &Value) -> i64 {
    request["version"].as_i64().unwrap()
}

#[tokio::test]
async fn aid_from_a_follow_up_is_approved_by_another_and_paid_with_a_bare_receipt() {
    let app = spawn_app().await;
    let counselor = app.client_as(Some("counselor")).await;
    let leader = app.client_as(Some("leader")).await;
    let admin = app.client_as(Some("admin")).await;
    let (child, year) = open_follow_up(&app).await;
    let name: String = sqlx::query_scalar("SELECT name FROM children WHERE id = ?")
        .bind(child)
        .fetch_one(&app.pool)
        .await
        .unwrap();

    // The form comes filled in from the follow-up.
    let form = app
        .json(
            &counselor,
            &format!("/api/funds/aid?child={child}&year={year}"),
        )
        .await;
    assert_eq!(form["prefill"]["need"], "Glasses");
    let body = format!(
        "child={child}&need=glasses&amount=180&reason=%E9%85%8D%E7%9C%BC%E9%95%9C&year={year}"
    );
    assert!(ok(app
        .post_form(&counselor, "/api/funds/aid/request", &body)
        .await
        .status()));
    assert_eq!(
        app.post_form(&counselor, "/api/funds/aid/request", &body)
            .await
            .status(),
        400,
        "one request a follow-up"
    );
    let page = app.json(&leader, "/api/funds/aid").await;
    let request = request_of(&page, child);
    assert_eq!(request["state"], "Pending");
    assert_eq!(request["approvals_needed"], 1);
    assert_eq!(request["can_decide"], true);
    let id = request["id"].as_i64().unwrap();

    // The counselor does not decide; the leader does.
    let decide = format!("aid={id}&version={}&approve=1", version_of(&request));
    assert_eq!(
        app.post_form(&counselor, "/api/funds/aid/decide", &decide)
            .await
            .status(),
        403
    );
    assert!(ok(app
        .post_form(&leader, "/api/funds/aid/decide", &decide)
        .await
        .status()));
    assert_eq!(
        app.post_form(&admin, "/api/funds/aid/decide", &decide)
            .await
            .status(),
        409,
        "decided meanwhile"
    );
    let approved = request_of(&app.json(&leader, "/api/funds/aid").await, child);
    assert_eq!(approved["state"], "Approved");

    let public_path = format!("/funds/public?year={}", year_of_today());
    let grade: i64 = sqlx::query_scalar("SELECT grade FROM aid_requests WHERE id = ?")
        .bind(id)
        .fetch_one(&app.pool)
        .await
        .unwrap();
    let lines_of = |public: &Value| {
        public["aid"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|a| a["grade"] == grade && a["need"] == "Glasses" && a["amount_fen"] == 18_000)
            .count()
    };
    let anonymous = app.client_as(None).await;
    let seeded = lines_of(&app.json(&anonymous, &format!("/api{public_path}")).await);

    // Money given for winter clothes does not pay for glasses; the glasses fund does.
    let funds = ledger(&app, &leader).await;
    let glasses = fund_id(&funds, Some("Glasses"));
    let clothes = fund_id(&funds, Some("Clothes"));
    let before = fund_balance(&funds, glasses);
    let photo = crate::care::photo_with_location();
    assert_eq!(
        pay(&app, &leader, id, version_of(&approved), clothes, &photo).await,
        400
    );
    assert!(ok(pay(
        &app,
        &leader,
        id,
        version_of(&approved),
        glasses,
        &photo
    )
    .await));
    assert_eq!(
        pay(&app, &leader, id, version_of(&approved), glasses, &photo).await,
        409,
        "paid once"
    );
    let after = ledger(&app, &leader).await;
    assert_eq!(fund_balance(&after, glasses), before - 18_000);
    assert!(
        follow_up_closed(&app, year, child).await.is_some(),
        "the follow-up closes with the payment"
    );

    // The receipt is kept small and bare, for the child's counselor.
    let receipt = app
        .get_as(&counselor, &format!("/funds/receipt/{id}"))
        .await;
    assert_eq!(receipt.status(), 200);
    let jpeg = receipt.bytes().await.unwrap();
    assert_eq!(&jpeg[..2], &[0xFF, 0xD8]);
    let kept = image::load_from_memory(&jpeg).expect("a picture");
    assert!(kept.width() <= 1280 && kept.height() <= 1280, "made small");
    for marker in [&b"Exif"[..], b"GPS", b"110.28E"] {
        assert!(!jpeg.windows(marker.len()).any(|w| w == marker));
    }

    // The public page shows the grade, the need and the amount, never the name.
    let public = app.json(&anonymous, &format!("/api{public_path}")).await;
    assert_eq!(lines_of(&public), seeded + 1);
    let html = app
        .get_as(&anonymous, &public_path)
        .await
        .text()
        .await
        .unwrap();
    assert!(html.contains("配眼镜 · ¥180"));
    assert!(!html.contains(&name), "no child's name on the public page");

    // A payment reversed: the request waits to be paid again; both receipts are kept and
    // the public page no longer counts the first.
    let line = reverse_last_payment(&app, &leader, id).await;
    let again = request_of(&app.json(&leader, "/api/funds/aid").await, child);
    assert_eq!(again["state"], "Approved");
    assert!(again["paid"].is_null());
    assert_eq!(
        follow_up_closed(&app, year, child).await,
        None,
        "the follow-up the payment closed is open again"
    );
    let public = app.json(&anonymous, &format!("/api{public_path}")).await;
    assert_eq!(lines_of(&public), seeded);
    assert!(ok(pay(
        &app,
        &leader,
        id,
        version_of(&again),
        glasses,
        &photo
    )
    .await));
    assert_eq!(
        app.count(&format!(
            "SELECT COUNT(*) FROM aid_receipts WHERE aid_id = {id}"
        ))
        .await,
        2
    );
    let reversal_audited = app
        .count(&format!(
            "SELECT COUNT(*) FROM audit_log WHERE action LIKE '% reverses {line}' AND record_type = 'child' AND record_id = {child}"
        ))
        .await;
    assert_eq!(reversal_audited, 1, "in the child's audit trail");
    assert!(
        follow_up_closed(&app, year, child).await.is_some(),
        "paid again, closed again"
    );

    // A follow-up closed for another reason (the county hospital gave the glasses) stays
    // closed when a payment is undone: only the one a payment closed opens again.
    reverse_last_payment(&app, &leader, id).await;
    assert_eq!(follow_up_closed(&app, year, child).await, None);
    sqlx::query(
        "UPDATE checkup_results SET follow_up_closed_at = '2027-04-25T08:00:00Z',
           follow_up_note = '县医院已免费配镜' WHERE year = ?1 AND child_id = ?2",
    )
    .bind(year)
    .bind(child)
    .execute(&app.pool)
    .await
    .unwrap();
    let again = request_of(&app.json(&leader, "/api/funds/aid").await, child);
    assert!(ok(pay(
        &app,
        &leader,
        id,
        version_of(&again),
        glasses,
        &photo
    )
    .await));
    reverse_last_payment(&app, &leader, id).await;
    assert_eq!(
        follow_up_closed(&app, year, child).await.as_deref(),
        Some("2027-04-25T08:00:00Z"),
        "closed by the hospital, it stays closed"
    );
}

/// Reverses the newest payment of aid request `aid` ("付错了"), and returns its ledger line.
async fn reverse_last_payment(app: &TestApp, leader: &reqwest::Client, aid: i64) -> i64 {
    let line = app
        .count(&format!(
            "SELECT MAX(id) FROM ledger WHERE aid_id = {aid} AND kind = 'aid'"
        ))
        .await;
    let reverse = format!("entry={line}&reason=%E4%BB%98%E9%94%99%E4%BA%86");
    let status = app
        .post_form(leader, "/api/funds/reverse", &reverse)
        .await
        .status();
    assert!(ok(status), "reversing line {line}: {status}");
    line
}

/// When the child's follow-up of `year` was closed, if it is.
async fn follow_up_closed(app: &TestApp, year: i32, child: i64) -> Option<String> {
    sqlx::query_scalar(
        "SELECT follow_up_closed_at FROM checkup_results WHERE year = ?1 AND child_id = ?2",
    )
    .bind(year)
    .bind(child)
    .fetch_one(&app.pool)
    .await
    .unwrap()
}

fn year_of_today() -> String {
    year()
}

#[tokio::test]
async fn aid_above_the_threshold_needs_two_others_and_nobody_approves_their_own() {
    let app = spawn_app().await;
    let admin = app.client_as(Some("admin")).await;
    let leader = app.client_as(Some("leader")).await;
    let counselor = app.client_as(Some("counselor")).await;
    let (paired, _) = open_follow_up(&app).await;

    // The counselor's ¥800 request: one approval of the two leaves it waiting; the second
    // approves it; nobody decides twice.
    let body = format!("child={paired}&need=medical&amount=800&reason=%E6%B2%BB%E7%96%97");
    assert!(ok(app
        .post_form(&counselor, "/api/funds/aid/request", &body)
        .await
        .status()));
    let request = request_of(&app.json(&leader, "/api/funds/aid").await, paired);
    assert_eq!(request["approvals_needed"], 2);
    let id = request["id"].as_i64().unwrap();
    let decide = |v: i64, approve: &str| format!("aid={id}&version={v}&approve={approve}");
    assert!(ok(app
        .post_form(
            &leader,
            "/api/funds/aid/decide",
            &decide(version_of(&request), "1")
        )
        .await
        .status()));
    let waiting = request_of(&app.json(&admin, "/api/funds/aid").await, paired);
    assert_eq!(waiting["state"], "Pending");
    assert_eq!(
        app.post_form(
            &leader,
            "/api/funds/aid/decide",
            &decide(version_of(&waiting), "1")
        )
        .await
        .status(),
        409,
        "each decides once"
    );
    assert!(ok(app
        .post_form(
            &admin,
            "/api/funds/aid/decide",
            &decide(version_of(&waiting), "1")
        )
        .await
        .status()));
    let approved = request_of(&app.json(&admin, "/api/funds/aid").await, paired);
    assert_eq!(approved["state"], "Approved");

    // The admin asks for a child; they may not approve it themselves; a refusal declines it
    // (and `approve=0` is no approval).
    let other = app
        .count("SELECT id FROM children WHERE enrolment = 'active' ORDER BY id DESC LIMIT 1")
        .await;
    let body = format!("child={other}&need=medical&amount=800&reason=%E6%B2%BB%E7%96%97");
    assert!(ok(app
        .post_form(&admin, "/api/funds/aid/request", &body)
        .await
        .status()));
    let own = request_of(&app.json(&admin, "/api/funds/aid").await, other);
    assert_eq!(own["can_decide"], false, "not on one's own request");
    let id = own["id"].as_i64().unwrap();
    let decide = |v: i64, approve: &str| format!("aid={id}&version={v}&approve={approve}");
    assert_eq!(
        app.post_form(
            &admin,
            "/api/funds/aid/decide",
            &decide(version_of(&own), "1")
        )
        .await
        .status(),
        403
    );
    let refusals = app
        .count("SELECT COUNT(*) FROM audit_log WHERE username = 'admin' AND action = 'decide_aid' AND outcome = 'denied'")
        .await;
    assert_eq!(refusals, 1, "the refusal is audited");
    assert!(ok(app
        .post_form(
            &leader,
            "/api/funds/aid/decide",
            &decide(version_of(&own), "0")
        )
        .await
        .status()));
    let declined = request_of(&app.json(&admin, "/api/funds/aid").await, other);
    assert_eq!(declined["state"], "Declined");

    // The counselor cannot ask for a child not theirs, nor read its aid or its receipt.
    assert_eq!(
        app.post_form(&counselor, "/api/funds/aid/request", &body)
            .await
            .status(),
        403
    );
    let theirs = app.json(&counselor, "/api/funds/aid").await;
    assert!(theirs["requests"]
        .as_array()
        .unwrap()
        .iter()
        .all(|r| r["child_id"] != other));
    let funds = ledger(&app, &leader).await;
    let general = fund_id(&funds, None);
    let photo = crate::care::photo_with_location();
    let glasses_for_other = format!("child={other}&need=glasses&amount=120&reason=x");
    assert!(ok(app
        .post_form(&admin, "/api/funds/aid/request", &glasses_for_other)
        .await
        .status()));
    let asked = request_of(&app.json(&admin, "/api/funds/aid").await, other);
    let decide_other = format!(
        "aid={}&version={}&approve=1",
        asked["id"],
        version_of(&asked)
    );
    assert!(ok(app
        .post_form(&leader, "/api/funds/aid/decide", &decide_other)
        .await
        .status()));
    let to_pay = request_of(&app.json(&admin, "/api/funds/aid").await, other);
    let other_id = to_pay["id"].as_i64().unwrap();
    assert!(ok(pay(
        &app,
        &admin,
        other_id,
        version_of(&to_pay),
        general,
        &photo
    )
    .await));
    assert_eq!(
        app.get_as(&admin, &format!("/funds/receipt/{other_id}"))
            .await
            .status(),
        200
    );
    assert_eq!(
        app.get_as(&counselor, &format!("/funds/receipt/{other_id}"))
            .await
            .status(),
        403,
        "not the counselor's child"
    );
    let denied = app
        .count("SELECT COUNT(*) FROM audit_log WHERE username = 'counselor' AND action = 'read_aid' AND outcome = 'denied'")
        .await;
    assert_eq!(denied, 1);
}

#[tokio::test]
async fn the_public_page_and_the_report_name_no_child_and_show_no_contact() {
    let app = spawn_app().await;
    let anonymous = app.client_as(None).await;
    let public = app
        .json(&anonymous, &format!("/api/funds/public?year={}", year()))
        .await;
    let thanks: Vec<&str> = public["thanks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n.as_str().unwrap())
        .collect();
    assert!(thanks.contains(&"廉江市团委"));
    assert!(
        !thanks.contains(&"李先生"),
        "a donor who did not agree is not named"
    );
    let text = public.to_string();
    let contacts: Vec<String> =
        sqlx::query_scalar("SELECT contact FROM donors WHERE contact <> ''")
            .fetch_all(&app.pool)
            .await
            .unwrap();
    let names: Vec<String> = sqlx::query_scalar(
        "SELECT c.name FROM aid_requests q JOIN children c ON c.id = q.child_id",
    )
    .fetch_all(&app.pool)
    .await
    .unwrap();
    assert!(!names.is_empty());
    for secret in contacts.iter().chain(&names) {
        assert!(
            !text.contains(secret.as_str()),
            "{secret} on the public page"
        );
    }
    // The seeded winter clothes wait for money: a goal with its progress.
    let goal = public["goals"]
        .as_array()
        .unwrap()
        .iter()
        .find(|g| g["need"] == "Clothes")
        .expect("the clothes goal");
    assert_eq!(goal["wanted_fen"], 15_000);
    assert_eq!(goal["raised_fen"], 10_000);

    // The funders' report: a real XLSX with every line, aid by grade and need only.
    let leader = app.client_as(Some("leader")).await;
    let response = app
        .get_as(&leader, &format!("/funds/export.xlsx?year={}", year()))
        .await;
    assert_eq!(response.status(), 200);
    let bytes = response.bytes().await.unwrap();
    use calamine::Reader;
    let mut book = calamine::Xlsx::new(std::io::Cursor::new(bytes.to_vec())).expect("an XLSX file");
    let sheet = book
        .worksheet_range_at(0)
        .expect("a sheet")
        .expect("readable");
    let cells: Vec<String> = sheet.cells().map(|(_, _, c)| c.to_string()).collect();
    assert!(cells.iter().any(|c| c.contains("配眼镜")), "the aid line");
    // Money is a number a funder's spreadsheet can add up, not text.
    let aid_line = sheet
        .rows()
        .find(|row| row[4].to_string().ends_with(" · 配眼镜"))
        .expect("the aid line");
    assert_eq!(aid_line[5], calamine::Data::Float(-180.0), "{aid_line:?}");
    assert!(
        cells.iter().any(|c| c == "东莞爱心电子厂"),
        "a donor who agreed is named"
    );
    assert!(
        !cells.iter().any(|c| c.contains("李先生")),
        "a donor who did not agree is not named to funders either"
    );
    for secret in contacts.iter().chain(&names) {
        assert!(
            !cells.iter().any(|c| c.contains(secret.as_str())),
            "{secret} in the report"
        );
    }
    let counselor = app.client_as(Some("counselor")).await;
    assert_eq!(
        app.get_as(&counselor, &format!("/funds/export.xlsx?year={}", year()))
            .await
            .status(),
        403
    );
}

/// The demo school on the day of the walk (2027-04-19): ¥5000 from the Youth League came on
/// 2026-12-30, so the year began with it; the year's gifts are ¥4900 and it paid out ¥540,
/// ¥180 for glasses and ¥360 for printing the files and contact cards.
async fn walked_app() -> TestApp {
    crate::helpers::spawn_app_with(|config| server::config::Config {
        today: Some("2027-04-19".parse().unwrap()),
        ..config
    })
    .await
}

fn fen(value: &Value) -> i64 {
    value.as_i64().expect("a whole number of fen")
}

/// A fund's row of the public page by its name.
fn fund_named<'a>(page: &'a Value, name: &str) -> &'a Value {
    page["funds"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["fund"]["name"] == name)
        .expect("the fund")
}

#[tokio::test]
async fn the_public_funds_page_says_where_every_fen_went_and_what_the_year_began_with() {
    let app = walked_app().await;
    let anonymous = app.client_as(None).await;
    let public = app.json(&anonymous, "/api/funds/public?year=2027").await;
    let all = &public["all"];
    let spent: i64 = public["spent"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| fen(&s["fen"]))
        .sum();
    assert_eq!(fen(&all["cash_out_fen"]), 54_000);
    assert_eq!(spent, 54_000, "the purposes add up to the year's spending");
    assert_eq!(fen(&all["carried_fen"]), 500_000, "last December's gift");
    assert_eq!(
        fen(&all["carried_fen"]) + fen(&all["cash_in_fen"]) - fen(&all["cash_out_fen"]),
        fen(&all["balance_fen"])
    );
    for ft in public["funds"].as_array().unwrap() {
        let t = &ft["totals"];
        assert_eq!(
            fen(&t["carried_fen"]) + fen(&t["cash_in_fen"]) - fen(&t["cash_out_fen"]),
            fen(&t["balance_fen"]),
            "{}",
            ft["fund"]["name"]
        );
    }
    let html = app
        .get_as(&anonymous, "/funds/public?year=2027")
        .await
        .text()
        .await
        .unwrap();
    for shown in [
        "其他支出",
        "资助支出 · 配眼镜",
        "上年结余",
        r#"data-testid="carried">¥5000<"#,
        r#"data-testid="balance-all">¥9360<"#,
    ] {
        assert!(html.contains(shown), "{shown} on the public page");
    }
    // Never the ledger's own words for an expense (they may name a child).
    assert!(!html.contains("打印成长档案和联系卡"));
    assert!(
        !html.contains("?year=2028"),
        "no year after the school's is offered"
    );
    assert!(html.contains("?year=2026"));

    // An expense whose words name a child is counted, as an expense and no more.
    let (child, name): (i64, String) =
        sqlx::query_as("SELECT id, name FROM children ORDER BY id LIMIT 1")
            .fetch_one(&app.pool)
            .await
            .unwrap();
    let leader = app.client_as(Some("leader")).await;
    let general = fund_id(&ledger_of(&app, &leader, 2027).await, None);
    let body = serde_urlencoded::to_string([
        ("kind", "expense"),
        ("fund", &general.to_string()),
        ("amount", "25"),
        ("day", "2027-04-18"),
        ("description", &format!("给{name}买药")),
    ])
    .unwrap();
    assert!(ok(app
        .post_form(&leader, "/api/funds/entry", &body)
        .await
        .status()));
    let public = app.json(&anonymous, "/api/funds/public?year=2027").await;
    assert!(
        !public.to_string().contains(&name),
        "child {child} named on the public page"
    );
    let spent = public["spent"].as_array().unwrap();
    assert_eq!(
        spent.iter().map(|s| fen(&s["fen"])).sum::<i64>(),
        fen(&public["all"]["cash_out_fen"])
    );
    assert!(spent
        .iter()
        .any(|s| s["on"] == "Other" && s["fen"] == 36_000 + 2_500));
    let html = app
        .get_as(&anonymous, "/funds/public?year=2027")
        .await
        .text()
        .await
        .unwrap();
    assert!(!html.contains(&name));

    // Last year's figures, which donors have read, cannot be changed by a line dated back.
    let before = app.json(&anonymous, "/api/funds/public?year=2026").await;
    let late = body.replace("2027-04-18", "2026-06-01");
    let refused = app.post_form(&leader, "/api/funds/entry", &late).await;
    assert_eq!(refused.status(), 400);
    let why = refused.text().await.unwrap();
    assert!(why.contains("LedgerYearClosed"), "{why}");
    assert_eq!(
        app.json(&anonymous, "/api/funds/public?year=2026").await,
        before
    );
    // A decimal comma typed by habit is refused, not read as ¥2500.
    let comma = body.replace("amount=25", "amount=25%2C00");
    let refused = app.post_form(&leader, "/api/funds/entry", &comma).await;
    assert_eq!(refused.status(), 400);
    let why = refused.text().await.unwrap();
    assert!(why.contains("AmountInvalid"), "{why}");
}

#[tokio::test]
async fn a_goal_shows_what_its_fund_holds_on_the_page_of_the_year_it_waits_in() {
    let app = walked_app().await;
    let anonymous = app.client_as(None).await;
    let clothes_goal = |page: &Value| {
        page["goals"]
            .as_array()
            .expect("goals this year")
            .iter()
            .find(|g| g["need"] == "Clothes")
            .cloned()
            .expect("the clothes goal")
    };
    // This year: the goal has raised what the clothes fund holds, as its row says.
    let now = app.json(&anonymous, "/api/funds/public?year=2027").await;
    let held = fen(&fund_named(&now, "冬衣专项")["totals"]["balance_fen"]);
    assert_eq!(held, 10_000);
    assert_eq!(clothes_goal(&now)["raised_fen"], held);

    // A year with no gift at all: the fund held nothing, and no goal counts today's money.
    let past = app.json(&anonymous, "/api/funds/public?year=2019").await;
    assert_eq!(
        fen(&fund_named(&past, "冬衣专项")["totals"]["balance_fen"]),
        0
    );
    assert!(past["goals"].is_null(), "{}", past["goals"]);
    let html = app
        .get_as(&anonymous, "/funds/public?year=2019")
        .await
        .text()
        .await
        .unwrap();
    assert!(!html.contains("已筹"), "no goal's progress in 2019");
    assert!(html.contains("这一年没有支出"), "no spending said so");
    assert!(
        html.contains("/funds/public?year=2027"),
        "today's goals a link away"
    );
    assert!(
        html.contains("?year=2020"),
        "the year after 2019 is offered"
    );

    // A year the school keeps no books for, or one to come, is refused in words about
    // the year; the first year with a line offers no year before it.
    for year in [1900, 2028] {
        let response = app
            .get_as(&anonymous, &format!("/funds/public?year={year}"))
            .await;
        assert_eq!(response.status(), 400, "{year}");
        let html = response.text().await.unwrap();
        assert!(html.contains("请检查年份"), "a message about the year");
        assert!(!html.contains("年-月-日"), "not about a date's format");
        assert!(
            html.contains("href=\"/funds/public\" class=\"button\""),
            "this year's page a tap away"
        );
    }
    let first: String = sqlx::query_scalar("SELECT MIN(substr(on_day, 1, 4)) FROM ledger")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    let html = app
        .get_as(&anonymous, &format!("/funds/public?year={first}"))
        .await
        .text()
        .await
        .unwrap();
    let before = first.parse::<i32>().unwrap() - 1;
    assert!(
        !html.contains(&format!("?year={before}")),
        "nothing before {first}"
    );
}

async fn ledger_of(app: &TestApp, client: &reqwest::Client, year: i32) -> Value {
    app.json(client, &format!("/api/funds/ledger?year={year}"))
        .await
}

#[tokio::test]
async fn a_public_year_that_is_no_year_is_said_so_not_shown_as_this_year() {
    let app = spawn_app().await;
    let anonymous = app.client_as(None).await;
    let html = app
        .get_as(&anonymous, "/funds/public?year=abc")
        .await
        .text()
        .await
        .unwrap();
    assert!(
        html.contains("日期超出学校可记录的范围"),
        "the year is refused in words"
    );
    assert!(
        html.contains("href=\"/funds/public\""),
        "with the way to this year's page"
    );
}
