//! Calendar feeds: made by an admin, read by a phone calendar with nothing but the link.

use chrono::{Datelike, NaiveDate};
use server::config::Config;

use crate::helpers::{spawn_app, spawn_app_with, TestApp};

/// Makes a feed as the admin and returns its secret token, read from the page that shows
/// it once (the redirect carries none).
pub async fn make_feed(app: &TestApp, child: Option<i64>) -> String {
    let admin = app.client_as(Some("admin")).await;
    let (_, page) = create_and_follow(app, &admin, child, None).await;
    token_in(&page).expect("the new link on the page")
}

/// Posts the form that makes a link, then follows the redirect as a browser would: the
/// redirect's `Location` and the page it leads to.
async fn create_and_follow(
    app: &TestApp,
    admin: &reqwest::Client,
    child: Option<i64>,
    next: Option<&str>,
) -> (String, String) {
    let mut body = format!(
        "child_id={}",
        child.map(|c| c.to_string()).unwrap_or_default()
    );
    if let Some(next) = next {
        body.push_str(&format!("&next={next}"));
    }
    let response = app.post_form(admin, "/api/admin/feeds/create", &body).await;
    assert!(response.status().as_u16() < 400, "{}", response.status());
    let location = response.headers()["location"].to_str().unwrap().to_owned();
    let page = app.get_as(admin, &location).await;
    assert_eq!(page.status(), 200, "{location}");
    (location, page.text().await.unwrap())
}

/// The secret of the first subscription link in a page, if it shows one.
fn token_in(page: &str) -> Option<String> {
    let at = page.find("/calendar.ics?token=")? + "/calendar.ics?token=".len();
    let token: String = page[at..]
        .chars()
        .take_while(char::is_ascii_hexdigit)
        .collect();
    (token.len() == 32).then_some(token)
}

pub async fn fetch(app: &TestApp, query: &str) -> reqwest::Response {
    reqwest::get(format!("{}/calendar.ics?{query}", app.address))
        .await
        .unwrap()
}

/// Each VEVENT's properties as (name, value), through the `icalendar` crate's parser.
pub fn vevents(ics: &str) -> Vec<Vec<(String, String)>> {
    let unfolded = icalendar::parser::unfold(ics);
    let calendar = icalendar::parser::read_calendar(&unfolded).expect("a valid iCalendar file");
    calendar
        .components
        .into_iter()
        .filter(|c| c.name == "VEVENT")
        .map(|c| {
            c.properties
                .iter()
                .map(|p| (p.name.to_string(), p.val.to_string()))
                .collect()
        })
        .collect()
}

pub fn prop(event: &[(String, String)], name: &str) -> Vec<String> {
    event
        .iter()
        .filter(|(n, _)| n == name)
        .map(|(_, v)| v.clone())
        .collect()
}

#[tokio::test]
async fn a_childs_feed_carries_their_birthday_and_their_groups_and_parses() {
    let app = spawn_app().await;
    // A solar-birthday child in an interest group.
    let (child, group): (i64, String) = sqlx::query_as(
        "SELECT c.id, g.name FROM children c JOIN group_members m ON m.child_id = c.id
         JOIN interest_groups g ON g.id = m.group_id WHERE c.birthday_calendar = 'solar' ORDER BY c.id LIMIT 1",
    )
    .fetch_one(&app.pool)
    .await
    .unwrap();
    let token = make_feed(&app, Some(child)).await;
    let response = fetch(&app, &format!("token={token}")).await;
    assert_eq!(response.status(), 200);
    assert!(response.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/calendar"));
    let ics = response.text().await.unwrap();
    assert!(ics.contains("BEGIN:VTIMEZONE") && ics.contains("TZID:Asia/Shanghai"));
    let events = vevents(&ics);
    let summaries: Vec<String> = events.iter().flat_map(|e| prop(e, "SUMMARY")).collect();
    assert!(
        summaries.iter().any(|s| s.ends_with(" 生日")),
        "the child's birthday: {summaries:?}"
    );
    assert!(
        summaries.contains(&group),
        "the child's group: {summaries:?}"
    );
    assert!(summaries.contains(&"免费体检日".to_owned()));
    assert!(
        !summaries.iter().any(|s| s.contains("领导小组例会")),
        "no staff meetings"
    );
    let other_groups: i64 = app
        .count(&format!(
            "SELECT COUNT(*) FROM interest_groups WHERE id NOT IN (SELECT group_id FROM group_members WHERE child_id = {child})"
        ))
        .await;
    assert_eq!(
        events
            .iter()
            .filter(|e| prop(e, "CATEGORIES") == ["ACTIVITY"])
            .count() as i64,
        2 * (6 - other_groups)
    );

    // UIDs are stable across fetches; series keep their RRULE and skip holidays by EXDATE.
    let again = fetch(&app, &format!("token={token}"))
        .await
        .text()
        .await
        .unwrap();
    let uids = |text: &str| {
        vevents(text)
            .iter()
            .flat_map(|e| prop(e, "UID"))
            .collect::<Vec<String>>()
    };
    assert_eq!(uids(&ics), uids(&again));
    let series = events
        .iter()
        .find(|e| prop(e, "SUMMARY") == [group.clone()])
        .unwrap();
    assert!(prop(series, "RRULE")[0].starts_with("FREQ=WEEKLY;BYDAY="));
    assert!(
        app.count(&format!(
            "SELECT COUNT(*) FROM audit_log WHERE record_id = {child} AND action LIKE 'read_feed%'"
        ))
        .await
            >= 2
    );
}

#[tokio::test]
async fn weekly_groups_carry_the_holidays_they_skip_as_exdates() {
    let app = spawn_app().await;
    let token = make_feed(&app, None).await;
    let ics = fetch(&app, &format!("token={token}&cat=activity"))
        .await
        .text()
        .await
        .unwrap();
    let events = vevents(&ics);
    assert_eq!(events.len(), 12, "six groups, two semesters");
    assert!(
        !ics.contains("生日"),
        "the school feed carries no child's birthday"
    );
    // Calligraphy meets on Wednesdays; Oct 7, 2026 is National Day holiday.
    assert!(
        ics.contains("EXDATE;TZID=Asia/Shanghai:20261007T161000"),
        "{ics}"
    );

    // A session deleted by hand is an EXDATE too.
    let teacher = app.client_as(Some("teacher")).await;
    let id = app
        .count("SELECT id FROM events WHERE title = '书法兴趣小组' AND starts_at >= '2027'")
        .await;
    app.post_form(
        &teacher,
        "/api/calendar/skip",
        &format!("id={id}&version=1&occurrence=2027-04-21T16:10:00"),
    )
    .await;
    let ics = fetch(&app, &format!("token={token}&cat=activity"))
        .await
        .text()
        .await
        .unwrap();
    assert!(
        ics.contains("EXDATE;TZID=Asia/Shanghai:20270421T161000"),
        "{ics}"
    );
}

#[tokio::test]
async fn no_link_an_unknown_link_or_a_revoked_link_gets_nothing() {
    let app = spawn_app().await;
    assert_eq!(fetch(&app, "").await.status(), 401);
    assert_eq!(
        fetch(&app, "token=00000000000000000000000000000000")
            .await
            .status(),
        404
    );
    let token = make_feed(&app, None).await;
    assert_eq!(fetch(&app, &format!("token={token}")).await.status(), 200);
    let id = app.count("SELECT MAX(id) FROM feed_tokens").await;
    let admin = app.client_as(Some("admin")).await;
    assert!(app
        .post_form(&admin, "/api/admin/feeds/revoke", &format!("id={id}"))
        .await
        .status()
        .is_success());
    assert_eq!(fetch(&app, &format!("token={token}")).await.status(), 404);
    // A parent who taps the dead link in WeChat reads why, in Chinese, at a phone's width.
    let tapped = reqwest::Client::new()
        .get(format!("{}/calendar.ics?token={token}", app.address))
        .header("accept", "text/html,application/xhtml+xml")
        .header("accept-language", "zh-CN,zh;q=0.9")
        .send()
        .await
        .unwrap();
    assert_eq!(tapped.status(), 404);
    let page = tapped.text().await.unwrap();
    assert!(page.contains("width=device-width"), "{page}");
    assert!(page.contains("这个日历订阅链接已失效"), "{page}");
    let stored: String = sqlx::query_scalar("SELECT token_hash FROM feed_tokens WHERE id = ?")
        .bind(id)
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_ne!(stored, token, "only the hash is stored");
}

#[tokio::test]
async fn an_independent_parser_reads_the_feed_with_the_right_time_zone() {
    let app = spawn_app().await;
    let token = make_feed(&app, None).await;
    let ics = fetch(&app, &format!("token={token}"))
        .await
        .text()
        .await
        .unwrap();
    let file = tempfile::NamedTempFile::new().unwrap();
    std::fs::write(file.path(), &ics).unwrap();
    // Python's icalendar package (installed by scripts/install-tools.sh).
    let script = "import icalendar, sys\n\
cal = icalendar.Calendar.from_ical(open(sys.argv[1], 'rb').read())\n\
events = list(cal.walk('VEVENT'))\n\
start = [e for e in events if str(e.get('summary')) == '书法兴趣小组'][0].decoded('dtstart')\n\
print(len(events), start.isoformat())\n";
    let output = std::process::Command::new("python3")
        .arg("-c")
        .arg(script)
        .arg(file.path())
        .output()
        .expect("python3 runs");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let stdout = String::from_utf8(output.stdout).unwrap();
    let (count, start) = stdout.trim().split_once(' ').unwrap();
    assert_eq!(count.parse::<usize>().unwrap(), vevents(&ics).len());
    assert_eq!(
        start, "2026-09-02T16:10:00+08:00",
        "16:10 in Beijing, wherever the phone is"
    );
}

#[tokio::test]
async fn a_new_link_is_shown_once_on_its_page_and_never_travels_in_a_url() {
    let app = spawn_app().await;
    let admin = app.client_as(Some("admin")).await;
    let (location, page) = create_and_follow(&app, &admin, None, None).await;
    assert_eq!(
        location, "/admin/feeds",
        "nothing but the page in the redirect"
    );
    let token = token_in(&page).expect("the new link, shown on the feeds page");
    // Without PUBLIC_URL (development) the link names the address the page was asked at.
    assert!(
        page.contains(&format!("{}/calendar.ics?token={token}", app.address)),
        "{page}"
    );
    assert_eq!(fetch(&app, &format!("token={token}")).await.status(), 200);
    let again = app
        .get_as(&admin, "/admin/feeds")
        .await
        .text()
        .await
        .unwrap();
    assert_eq!(token_in(&again), None, "shown only once");

    // A parents' link made on the child's page comes back to that page, and only there.
    let child = app
        .count("SELECT MIN(id) FROM children WHERE enrolment = 'active'")
        .await;
    let page_of_child = format!("/children/{child}");
    let (location, page) = create_and_follow(&app, &admin, Some(child), Some(&page_of_child)).await;
    assert_eq!(location, page_of_child);
    let token = token_in(&page).expect("the new link, shown on the child's page");
    assert!(!location.contains(&token));
    assert_eq!(fetch(&app, &format!("token={token}")).await.status(), 200);
    let again = app
        .get_as(&admin, &page_of_child)
        .await
        .text()
        .await
        .unwrap();
    assert_eq!(token_in(&again), None, "shown only once");
}

#[tokio::test]
async fn links_are_built_from_the_configured_public_url() {
    let app = spawn_app_with(|config| Config {
        public_url: Some("https://hope.example.edu.cn".to_owned()),
        ..config
    })
    .await;
    let admin = app.client_as(Some("admin")).await;
    let (_, page) = create_and_follow(&app, &admin, None, None).await;
    let token = token_in(&page).expect("the new link");
    assert!(
        page.contains(&format!(
            "href=\"https://hope.example.edu.cn/calendar.ics?token={token}\""
        )),
        "{page}"
    );
    assert!(
        page.contains(&format!(
            "href=\"webcal://hope.example.edu.cn/calendar.ics?token={token}\""
        )),
        "{page}"
    );
    assert!(!page.contains(&format!("{}/calendar.ics", app.address)));
}

#[tokio::test]
async fn a_childs_link_dies_when_the_child_leaves_school() {
    let app = spawn_app().await;
    let children: Vec<(i64, i64)> = sqlx::query_as(
        "SELECT id, version FROM children WHERE enrolment = 'active' ORDER BY id LIMIT 2",
    )
    .fetch_all(&app.pool)
    .await
    .unwrap();
    let (child, version) = children[0];
    let token = make_feed(&app, Some(child)).await;
    assert_eq!(fetch(&app, &format!("token={token}")).await.status(), 200);
    let admin = app.client_as(Some("admin")).await;
    let left = app
        .post_form(
            &admin,
            "/api/children/enrolment",
            &format!("id={child}&version={version}&enrolment=transferred"),
        )
        .await;
    assert!(left.headers().contains_key("location"), "{}", left.status());
    assert_eq!(fetch(&app, &format!("token={token}")).await.status(), 404);
    assert_eq!(
        app.count(&format!(
            "SELECT COUNT(*) FROM feed_tokens WHERE child_id = {child} AND revoked_at IS NULL"
        ))
        .await,
        0,
        "revoked with the leaving"
    );

    // A link that escaped the revocation is refused all the same.
    let (other, _) = children[1];
    let token = make_feed(&app, Some(other)).await;
    sqlx::query("UPDATE children SET enrolment = 'graduated' WHERE id = ?")
        .bind(other)
        .execute(&app.pool)
        .await
        .unwrap();
    assert_eq!(fetch(&app, &format!("token={token}")).await.status(), 404);
}

#[tokio::test]
async fn a_childs_feed_never_tells_the_year_of_birth() {
    let app = spawn_app().await;
    for calendar in ["solar", "lunar"] {
        let (child, birth): (i64, NaiveDate) = sqlx::query_as(
            "SELECT id, birth_date FROM children WHERE birthday_calendar = ? AND enrolment = 'active'
             ORDER BY id LIMIT 1",
        )
        .bind(calendar)
        .fetch_one(&app.pool)
        .await
        .unwrap();
        let token = make_feed(&app, Some(child)).await;
        let ics = fetch(&app, &format!("token={token}&cat=birthday"))
            .await
            .text()
            .await
            .unwrap();
        // The child's own birthdays (the school's birthday-party events are not theirs).
        let events: Vec<_> = vevents(&ics)
            .into_iter()
            .filter(|e| {
                prop(e, "UID").iter().any(|uid| {
                    uid.starts_with(&format!("birthday-{child}@"))
                        || uid.starts_with(&format!("birthday-{child}-"))
                })
            })
            .collect();
        assert!(
            !events.is_empty(),
            "the {calendar} birthday is there: {ics}"
        );
        // The series begins this year: neither the birth year nor the year after it
        // (from which the birth year is one subtraction away).
        let this_year = chrono::Utc::now()
            .with_timezone(&chrono_tz::Asia::Shanghai)
            .year();
        for event in &events {
            let start = &prop(event, "DTSTART")[0];
            let year: i32 = start[..4].parse().unwrap();
            assert!(
                year >= this_year && year != birth.year(),
                "{calendar} birthday (born {birth}) starts in {year}: {start}"
            );
        }
        assert!(!ics.contains(&birth.format("%Y%m%d").to_string()), "{ics}");
        if calendar == "solar" {
            assert_eq!(events.len(), 1, "one yearly series");
            let start = &prop(&events[0], "DTSTART")[0];
            assert_eq!(
                &start[4..8],
                birth.format("%m%d").to_string(),
                "still on the birthday"
            );
        }
    }
}

#[tokio::test]
async fn an_unchanged_feed_answers_304_to_its_etag() {
    let app = spawn_app().await;
    let token = make_feed(&app, None).await;
    let query = format!("token={token}&cat=activity");
    let child = app
        .count("SELECT MIN(id) FROM children WHERE enrolment = 'active'")
        .await;
    let child_query = format!("token={}", make_feed(&app, Some(child)).await);
    let child_tag = fetch(&app, &child_query).await.headers()["etag"].clone();
    let first = fetch(&app, &query).await;
    assert_eq!(first.status(), 200);
    assert_eq!(first.headers()["cache-control"], "private, no-cache");
    let etag = first.headers()["etag"].to_str().unwrap().to_owned();
    assert!(
        etag.starts_with('"') && etag.len() == 66,
        "a strong ETag: {etag}"
    );
    // A second later (a DTSTAMP of "now" would change the body) the same tag.
    tokio::time::sleep(std::time::Duration::from_millis(1100)).await;
    let second = fetch(&app, &query).await;
    assert_eq!(second.headers()["etag"].to_str().unwrap(), etag);
    assert_eq!(
        fetch(&app, &child_query).await.headers()["etag"],
        child_tag,
        "a child's feed with its birthday is as stable"
    );

    let url = format!("{}/calendar.ics?{query}", app.address);
    let client = reqwest::Client::new();
    let cached = client
        .get(&url)
        .header("if-none-match", &etag)
        .send()
        .await
        .unwrap();
    assert_eq!(cached.status(), 304);
    assert_eq!(cached.headers()["etag"].to_str().unwrap(), etag);
    assert!(cached.bytes().await.unwrap().is_empty());
    let other = client
        .get(&url)
        .header("if-none-match", "\"something-else\"")
        .send()
        .await
        .unwrap();
    assert_eq!(other.status(), 200);

    // A change to the calendar is a new tag.
    let teacher = app.client_as(Some("teacher")).await;
    let id = app
        .count("SELECT id FROM events WHERE title = '书法兴趣小组' AND starts_at >= '2027'")
        .await;
    app.post_form(
        &teacher,
        "/api/calendar/skip",
        &format!("id={id}&version=1&occurrence=2027-04-21T16:10:00"),
    )
    .await;
    let changed = client
        .get(&url)
        .header("if-none-match", &etag)
        .send()
        .await
        .unwrap();
    assert_eq!(changed.status(), 200);
    assert_ne!(changed.headers()["etag"].to_str().unwrap(), etag);
}

#[tokio::test]
async fn a_feed_made_once_is_made_again_after_any_change_to_what_it_is_made_of() {
    let app = spawn_app().await;
    let token = make_feed(&app, None).await;
    let query = format!("token={token}&cat=activity");
    let first = fetch(&app, &query).await;
    let etag = first.headers()["etag"].to_str().unwrap().to_owned();
    let body = first.text().await.unwrap();
    let revalidate = |etag: String| {
        let url = format!("{}/calendar.ics?{query}", app.address);
        async move {
            reqwest::Client::new()
                .get(url)
                .header("If-None-Match", etag)
                .send()
                .await
                .unwrap()
        }
    };
    assert_eq!(revalidate(etag.clone()).await.status(), 304);
    assert_eq!(fetch(&app, &query).await.text().await.unwrap(), body);

    // A change made by any path, even straight in the database, shows on the next request:
    // the holiday of October 7 withdrawn gives calligraphy its Wednesday back.
    assert!(body.contains("EXDATE;TZID=Asia/Shanghai:20261007T161000"));
    sqlx::query("UPDATE holidays SET active = 0 WHERE date = '2026-10-07'")
        .execute(&app.pool)
        .await
        .unwrap();
    let changed = revalidate(etag.clone()).await;
    assert_eq!(changed.status(), 200, "the old ETag no longer matches");
    let etag2 = changed.headers()["etag"].to_str().unwrap().to_owned();
    assert_ne!(etag2, etag);
    assert!(!changed
        .text()
        .await
        .unwrap()
        .contains("EXDATE;TZID=Asia/Shanghai:20261007T161000"));

    // A group renamed: its new name is in the very next feed.
    sqlx::query("UPDATE events SET title = '书法兴趣小组（新）' WHERE title = '书法兴趣小组'")
        .execute(&app.pool)
        .await
        .unwrap();
    let renamed = revalidate(etag2).await;
    assert_eq!(renamed.status(), 200);
    assert!(renamed.text().await.unwrap().contains("书法兴趣小组（新）"));

    // Every table a feed is made of bumps the version on insert, update and delete.
    for table in [
        "events",
        "event_exdates",
        "holidays",
        "children",
        "group_members",
        "classes",
        "interest_groups",
    ] {
        let triggers = app
            .count(&format!(
                "SELECT COUNT(DISTINCT substr(sql, instr(sql, 'AFTER') + 6, 6)) FROM sqlite_master
                 WHERE type = 'trigger' AND tbl_name = '{table}' AND sql LIKE '%calendar_version%'"
            ))
            .await;
        assert_eq!(triggers, 3, "{table}: insert, update and delete");
    }

    // A child's file saved where the calendar does not look (the parents' work city) keeps
    // the kept months and feeds; a renamed child does not.
    let version = "SELECT version FROM calendar_version";
    let before = app.count(version).await;
    sqlx::query(
        "UPDATE children SET work_city = '深圳市' WHERE id = (SELECT MIN(id) FROM children)",
    )
    .execute(&app.pool)
    .await
    .unwrap();
    assert_eq!(
        app.count(version).await,
        before,
        "a work city is not the calendar's"
    );
    sqlx::query(
        "UPDATE children SET name = name || '（新）' WHERE id = (SELECT MIN(id) FROM children)",
    )
    .execute(&app.pool)
    .await
    .unwrap();
    assert_eq!(app.count(version).await, before + 1, "a name is");
}

#[tokio::test]
async fn a_phone_that_asks_gets_the_feed_compressed_as_it_was_kept() {
    use std::io::Read;
    let app = spawn_app().await;
    let token = make_feed(&app, None).await;
    let url = format!("{}/calendar.ics?token={token}", app.address);
    let plain = fetch(&app, &format!("token={token}")).await;
    assert_eq!(plain.headers().get("content-encoding"), None);
    let plain_etag = plain.headers()["etag"].to_str().unwrap().to_owned();
    let text = plain.text().await.unwrap();
    let ask = |encoding: &'static str, etag: Option<String>| {
        let url = url.clone();
        async move {
            let request = reqwest::Client::new()
                .get(url)
                .header("Accept-Encoding", encoding);
            match etag {
                Some(etag) => request.header("If-None-Match", etag),
                None => request,
            }
            .send()
            .await
            .unwrap()
        }
    };

    let br = ask("gzip, deflate, br", None).await;
    assert_eq!(br.headers()["content-encoding"], "br");
    assert_eq!(br.headers()["vary"], "accept-encoding");
    let br_etag = br.headers()["etag"].to_str().unwrap().to_owned();
    assert_ne!(
        br_etag, plain_etag,
        "another representation, another strong ETag"
    );
    let bytes = br.bytes().await.unwrap();
    assert!(
        bytes.len() < text.len() / 3,
        "{} bytes of {}",
        bytes.len(),
        text.len()
    );
    let mut unpacked = String::new();
    brotli::Decompressor::new(&bytes[..], 4096)
        .read_to_string(&mut unpacked)
        .unwrap();
    assert_eq!(unpacked, text);

    let gzip = ask("gzip", None).await;
    assert_eq!(gzip.headers()["content-encoding"], "gzip");
    let mut unpacked = String::new();
    flate2::read::GzDecoder::new(&gzip.bytes().await.unwrap()[..])
        .read_to_string(&mut unpacked)
        .unwrap();
    assert_eq!(unpacked, text);

    assert_eq!(ask("br", Some(br_etag.clone())).await.status(), 304);
    // A 304 confirms the representation the phone holds: the plain text's tag does not
    // stand for the brotli bytes.
    assert_eq!(ask("br", Some(plain_etag.clone())).await.status(), 200);
    assert_eq!(ask("identity", Some(plain_etag)).await.status(), 304);
}
