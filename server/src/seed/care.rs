//! The demo school's care work: every left-behind and half left-behind child paired with a
//! counselor among its teachers, and a term of care behind them up to yesterday (talks,
//! study help, calls with parents, one home visit, next steps mostly done, a few concerns,
//! the growth diary), so the counselor's page and the leading group's view have data. A
//! child in nine is left without a talk for the last weeks: the overdue ones to find.

use chrono::{Days, NaiveDate, NaiveDateTime, NaiveTime};
use sqlx::{Sqlite, Transaction};

use super::names::SplitMix64;
use super::{DEMO_ZONE, SEED};

/// Counselor accounts besides the demo `counselor`: `counselor02` … `counselor21`.
const MORE_COUNSELORS: usize = 20;
/// How far back the care history goes: about a term.
const TERM_DAYS: u64 = 140;

const NOTICED: [&str; 8] = [
    "最近上课更专心了，作业按时完成。",
    "说起爸爸妈妈时有点想家，聊了聊他们过年回来的打算。",
    "和同学相处融洽，课间常和同桌一起跳绳。",
    "数学应用题还是吃力，一起做了三道题。",
    "精神不太好，说晚上看电视睡得晚。",
    "主动讲了在兴趣小组学到的新东西，很开心。",
    "奶奶说在家会帮忙做饭、扫地。",
    "作文写了《我的妈妈》，写得很认真。",
];
const AGREED: [&str; 5] = [
    "每天睡前读二十分钟书",
    "周末给妈妈打电话说说考试",
    "晚上九点前睡觉",
    "不会的题先圈出来，第二天来问",
    "每天帮奶奶做一件家务",
];
const STEPS: [&str; 4] = [
    "检查一周的阅读记录",
    "和班主任沟通作业情况",
    "提醒孩子给父母打电话",
    "送两本课外书",
];
const VISITS: [&str; 3] = [
    "家访：与奶奶交流孩子在家的作息，家里干净整洁。",
    "家访：爷爷身体不太好，孩子放学后要照顾弟弟。",
    "家访：和在外打工的父亲视频通话，约定每周通一次电话。",
];
const DIARY: [&str; 4] = [
    "这个月你进步很大，老师为你高兴！继续加油。",
    "看到你在歌唱比赛上大声唱歌，老师很感动。",
    "你帮奶奶做家务的事，老师都听说了，真懂事。",
    "新学期有新目标：每天读书二十分钟，我们一起坚持。",
];

struct Entry<'a> {
    kind: &'a str,
    with_whom: &'a str,
    minutes: u64,
    priorities: (bool, bool, bool),
    noticed: &'a str,
}

/// Counselor accounts, the pairings and a term of care work up to the day before `today`.
pub(super) async fn seed_care(
    tx: &mut Transaction<'_, Sqlite>,
    hash: &str,
    staff_ids: &[i64],
    today: NaiveDate,
) -> Result<(), sqlx::Error> {
    let mut rng = SplitMix64(SEED ^ 0x0CA2_E000);
    let start = today - Days::new(TERM_DAYS);
    let demo: i64 = sqlx::query_scalar("SELECT id FROM users WHERE username = 'counselor'")
        .fetch_one(&mut **tx)
        .await?;
    let mut counselors = vec![demo];
    for (n, staff) in staff_ids.iter().skip(4).take(MORE_COUNSELORS).enumerate() {
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO users (username, display_name, role, password_hash, staff_id)
             SELECT ?, name || '老师', 'counselor', ?, id FROM staff WHERE id = ? RETURNING id",
        )
        .bind(format!("counselor{:02}", n + 2))
        .bind(hash)
        .bind(staff)
        .fetch_one(&mut **tx)
        .await?;
        counselors.push(id);
    }
    let children: Vec<i64> = sqlx::query_scalar(
        "SELECT id FROM children WHERE left_behind IN ('full', 'half') ORDER BY left_behind = 'half', id",
    )
    .fetch_all(&mut **tx)
    .await?;
    // The demo counselor has the first ten left-behind children; the rest go round the others.
    let mut pairs: Vec<(i64, i64)> = Vec::new();
    for (i, &child) in children.iter().enumerate() {
        let counselor = match i {
            i if i < 10 => demo,
            i => counselors[1 + (i - 10) % MORE_COUNSELORS],
        };
        pairs.push((child, counselor));
    }
    for (i, &(child, counselor)) in pairs.iter().enumerate() {
        // One child in thirty was handed over a month in: the earlier pairing stays.
        if i >= 10 && i % 30 == 7 {
            let before = counselors[1 + (i + 3) % MORE_COUNSELORS];
            let handover = start + Days::new(30);
            pair(tx, child, before, start, Some(handover), "").await?;
            pair(
                tx,
                child,
                counselor,
                handover,
                None,
                "原结对老师调任，交接全部记录",
            )
            .await?;
        } else {
            pair(tx, child, counselor, start, None, "").await?;
        }
        history(tx, &mut rng, child, counselor, start, today, i).await?;
    }
    Ok(())
}

async fn pair(
    tx: &mut Transaction<'_, Sqlite>,
    child: i64,
    counselor: i64,
    from: NaiveDate,
    to: Option<NaiveDate>,
    note: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO pairings (child_id, counselor_id, started_on, ended_on, note) VALUES (?, ?, ?, ?, ?)",
    )
    .bind(child)
    .bind(counselor)
    .bind(from)
    .bind(to)
    .bind(note)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// The care entries, next steps, concerns and diary of one child.
async fn history(
    tx: &mut Transaction<'_, Sqlite>,
    rng: &mut SplitMix64,
    child: i64,
    counselor: i64,
    start: NaiveDate,
    today: NaiveDate,
    index: usize,
) -> Result<(), sqlx::Error> {
    // The overdue ones: no contact in the last four weeks.
    let until = if index % 9 == 4 {
        today - Days::new(28 + rng.below(10))
    } else {
        today - Days::new(1)
    };
    let mut day = start + Days::new(1 + rng.below(8));
    let mut open_step: Option<i64> = None;
    let mut n = 0u32;
    let visit_on = start + Days::new(20 + rng.below(80));
    let mut visited = false;
    while day <= until {
        let roll = rng.below(10);
        let entry = if !visited && day >= visit_on {
            visited = true;
            Entry {
                kind: "home_visit",
                with_whom: "grandparent",
                minutes: 40 + rng.below(50),
                priorities: (rng.below(2) == 0, true, false),
                noticed: VISITS[rng.below(VISITS.len() as u64) as usize],
            }
        } else {
            let (kind, with_whom, priorities) = match roll {
                0..=4 => ("talk", "child", (rng.below(2) == 0, true, false)),
                5..=6 => ("study_help", "child", (true, false, false)),
                7 => ("activity", "child", (false, false, true)),
                _ => ("call", "parent_phone", (true, true, false)),
            };
            Entry {
                kind,
                with_whom,
                minutes: 10 + rng.below(30),
                priorities,
                noticed: NOTICED[rng.below(NOTICED.len() as u64) as usize],
            }
        };
        let at = day.and_time(
            NaiveTime::from_hms_opt(12 + rng.below(5) as u32, 10, 0).expect("valid time"),
        );
        let step = (rng.below(4) == 0).then(|| STEPS[rng.below(STEPS.len() as u64) as usize]);
        let id = insert_entry(tx, rng, child, counselor, n, &entry, at, step).await?;
        if let Some(done) = open_step.take() {
            sqlx::query(
                "INSERT INTO care_steps_done (entry_id, done_by, done_on) VALUES (?, ?, ?)",
            )
            .bind(done)
            .bind(id)
            .bind(day)
            .execute(&mut **tx)
            .await?;
        }
        if step.is_some() {
            open_step = Some(id);
        }
        n += 1;
        day = day + Days::new(8 + rng.below(9));
    }
    if index % 25 == 3 {
        let address_by = today + Days::new(3 + rng.below(7));
        let flag = Flag {
            reason: "lonely",
            urgency: "high",
            address_by,
            raised: today - Days::new(4),
            closed: None,
        };
        concern(tx, child, counselor, flag).await?;
    } else if index % 40 == 11 {
        let flag = Flag {
            reason: "study",
            urgency: "low",
            address_by: today - Days::new(10),
            raised: today - Days::new(30),
            closed: Some("已与班主任商定每周两次辅导"),
        };
        concern(tx, child, counselor, flag).await?;
    }
    for (k, text) in DIARY.iter().enumerate().take(1 + (index % 3)) {
        let at = local_to_utc(
            (start + Days::new(20 + 35 * k as u64))
                .and_time(NaiveTime::from_hms_opt(17, 0, 0).expect("valid time")),
        );
        sqlx::query(
            "INSERT INTO diary_entries (uid, child_id, author_id, by_child, body, written_at) VALUES (?, ?, ?, 0, ?, ?)",
        )
        .bind(format!("seed-diary-{child:05}-{k:03}"))
        .bind(child)
        .bind(counselor)
        .bind(text)
        .bind(at)
        .execute(&mut **tx)
        .await?;
    }
    Ok(())
}

#[allow(clippy::too_many_arguments)]
async fn insert_entry(
    tx: &mut Transaction<'_, Sqlite>,
    rng: &mut SplitMix64,
    child: i64,
    counselor: i64,
    n: u32,
    entry: &Entry<'_>,
    at: NaiveDateTime,
    step: Option<&str>,
) -> Result<i64, sqlx::Error> {
    let (study, life, activities) = entry.priorities;
    let agreed = (rng.below(3) == 0).then(|| AGREED[rng.below(AGREED.len() as u64) as usize]);
    sqlx::query_scalar(
        "INSERT INTO care_entries (uid, child_id, author_id, kind, happened_at, minutes, with_whom, on_behalf_of,
             study, life, activities, mood, noticed, agreed, next_step, next_due, recorded_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
    )
    .bind(format!("seed-care-{child:05}-{n:05}"))
    .bind(child)
    .bind(counselor)
    .bind(entry.kind)
    .bind(at.format("%Y-%m-%dT%H:%M:%S").to_string())
    .bind(entry.minutes as i64)
    .bind(entry.with_whom)
    .bind(if entry.kind == "home_visit" && rng.below(3) == 0 { "奶奶" } else { "" })
    .bind(study || !(life || activities))
    .bind(life)
    .bind(activities)
    .bind(2 + rng.below(4) as i64)
    .bind(entry.noticed)
    .bind(agreed.unwrap_or(""))
    .bind(step.unwrap_or(""))
    .bind(step.map(|_| at.date() + Days::new(7)))
    .bind(local_to_utc(at + chrono::Duration::hours(3)))
    .fetch_one(&mut **tx)
    .await
}

/// A concern raised on `raised`, open or closed with a note.
struct Flag<'a> {
    reason: &'a str,
    urgency: &'a str,
    address_by: NaiveDate,
    raised: NaiveDate,
    closed: Option<&'a str>,
}

async fn concern(
    tx: &mut Transaction<'_, Sqlite>,
    child: i64,
    by: i64,
    flag: Flag<'_>,
) -> Result<(), sqlx::Error> {
    let note = match flag.reason {
        "lonely" => "最近常一个人坐在教室里，不愿和同学玩，说想妈妈。",
        _ => "期中考试数学退步明显，作业常空着。",
    };
    sqlx::query(
        "INSERT INTO concerns (child_id, raised_by, reason, urgency, note, address_by, raised_at, closed_at, closed_by,
             closing_note)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?8, CASE WHEN ?7 IS NULL THEN NULL ELSE ?8 END,
                 CASE WHEN ?7 IS NULL THEN NULL ELSE ?2 END, ?7)",
    )
    .bind(child)
    .bind(by)
    .bind(flag.reason)
    .bind(flag.urgency)
    .bind(note)
    .bind(flag.address_by)
    .bind(flag.closed)
    .bind(local_to_utc(flag.raised.and_time(NaiveTime::from_hms_opt(16, 40, 0).expect("valid time"))))
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// A stamp as the database keeps it (UTC) for a time on the school's clock.
fn local_to_utc(local: NaiveDateTime) -> String {
    use chrono::TimeZone;
    DEMO_ZONE
        .from_local_datetime(&local)
        .earliest()
        .map(|t| t.naive_utc())
        .unwrap_or(local)
        .format("%Y-%m-%dT%H:%M:%SZ")
        .to_string()
}
