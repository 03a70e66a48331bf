//! The demo school's five ones: this term so far, up to yesterday. Most children tick their
//! chore and diary on most school days (each child its own diligence), call home most
//! weeks, read a book most months; the left-behind ones have their parents' call window and
//! the parents home over the Spring Festival. A child in eleven has not called for the last
//! two weeks: the ones the counselor's page asks after. The student account's child never
//! missed a chore. Generated in SQL, a statement a
//! habit, so a fresh test database is seeded in a blink.

use chrono::{Datelike, Days, NaiveDate};
use sqlx::{Sqlite, Transaction};

use app::habits::domain::week_start;
use app::habits::types::Term;

const BOOKS: [(&str, &str); 8] = [
    ("《小王子》", "狐狸说，真正重要的东西用眼睛是看不见的。"),
    ("《草房子》", "桑桑和我一样，也有好朋友。"),
    ("《稻草人》", "稻草人一直守着田，很辛苦。"),
    ("《夏洛的网》", "夏洛为了救威尔伯织了很多字。"),
    ("《没头脑和不高兴》", "看完我笑了很久。"),
    ("《窗边的小豆豆》", "小林校长真好，我也想去巴学园。"),
    ("《十万个为什么》", "原来天空是蓝色的是因为光的散射。"),
    ("《西游记》（少儿版）", "孙悟空本领大，可是也要听师父的话。"),
];
const CALLED: [&str; 3] = ["妈妈", "爸爸", "爸爸妈妈"];
const FEELINGS: [&str; 4] = ["happy", "calm", "miss_home", "proud"];

/// A number 0–99 from two SQL integer expressions, the same on every run.
fn roll(a: &str, b: &str) -> String {
    format!("((((({a}) * 1103515245 + ({b}) * 12345 + 7) % 2147483647) * 1103515245) % 2147483647 % 100)")
}

/// A SQL `CASE` choosing one of `items` by `roll`.
fn pick(roll: &str, items: &[&str]) -> String {
    let arms: String = items
        .iter()
        .enumerate()
        .map(|(i, v)| format!(" WHEN {i} THEN '{v}'"))
        .collect();
    format!("(CASE ({roll}) % {}{arms} END)", items.len())
}

/// The school days from `?1` to `?2` as `school(d, jd)`.
const SCHOOL_DAYS: &str = "WITH RECURSIVE days(d) AS (SELECT ?1 UNION ALL SELECT date(d, '+1 day') FROM days WHERE d < ?2),
    school(d, jd) AS (SELECT d, CAST(julianday(d) AS INTEGER) FROM days
        WHERE ((strftime('%w', d) NOT IN ('0', '6')
                AND d NOT IN (SELECT date FROM holidays WHERE kind = 'holiday' AND active = 1))
               OR d IN (SELECT date FROM holidays WHERE kind = 'workday' AND active = 1))
          AND NOT EXISTS (SELECT 1 FROM events e WHERE e.category = 'holiday' AND e.archived_at IS NULL
                          AND e.all_day = 1 AND d >= date(e.starts_at) AND d < date(e.ends_at)))";

pub(super) async fn seed_habits(
    tx: &mut Transaction<'_, Sqlite>,
    today: NaiveDate,
) -> Result<(), sqlx::Error> {
    let yesterday = today - Days::new(1);
    let first = Term::of(today).first;
    if yesterday < first {
        return Ok(());
    }
    let admin: i64 = sqlx::query_scalar("SELECT id FROM users WHERE username = 'admin'")
        .fetch_one(&mut **tx)
        .await?;
    // Chores and diaries, ticked at the class check-in.
    let ticked = roll("c.id * 2 + h.k", "s.jd");
    sqlx::query(&format!(
        "{SCHOOL_DAYS}
         INSERT INTO habit_log (child_id, habit, day, via, recorded_by)
         SELECT c.id, h.habit, s.d, 'checkin', ?3
         FROM children c CROSS JOIN school s
              CROSS JOIN (SELECT 'chore' AS habit, 0 AS k UNION ALL SELECT 'diary', 1) h
         WHERE c.enrolment = 'active' AND {ticked} < 62 + c.id % 37 - h.k * 8"
    ))
    .bind(first)
    .bind(yesterday)
    .bind(admin)
    .execute(&mut **tx)
    .await?;

    // The student account's child has done a chore every school day of the term: a streak
    // the winter holiday and Qingming leave intact.
    sqlx::query(&format!(
        "{SCHOOL_DAYS}
         INSERT INTO habit_log (child_id, habit, day, via, recorded_by)
         SELECT u.child_id, 'chore', s.d, 'checkin', ?3 FROM users u CROSS JOIN school s
         WHERE u.username = 'student' AND NOT EXISTS (
             SELECT 1 FROM habit_log h WHERE h.child_id = u.child_id AND h.habit = 'chore'
               AND h.day = s.d AND h.withdrawn_at IS NULL)"
    ))
    .bind(first)
    .bind(yesterday)
    .bind(admin)
    .execute(&mut **tx)
    .await?;

    // A call home most weeks, logged by the counselor (or at the check-in).
    let weekly = roll("c.id", "w.jd");
    let last_week = week_start(today) - Days::new(7);
    let quiet_from = week_start(today) - Days::new(14);
    sqlx::query(&format!(
        "WITH RECURSIVE weeks(w) AS (SELECT ?1 UNION ALL SELECT date(w, '+7 days') FROM weeks WHERE w < ?2),
              wk(w, jd) AS (SELECT w, CAST(julianday(w) AS INTEGER) FROM weeks)
         INSERT INTO habit_log (child_id, habit, day, title, feeling, via, recorded_by)
         SELECT c.id, 'call', min(date(w.w, '+' || ({weekly} % 7) || ' days'), ?4),
                {called}, {feeling},
                CASE WHEN p.user_id IS NULL THEN 'checkin' ELSE 'staff' END, coalesce(p.user_id, ?5)
         FROM children c CROSS JOIN wk w LEFT JOIN counselor_children p ON p.child_id = c.id
         WHERE c.enrolment = 'active' AND {weekly} < 70 + c.id % 30
           AND NOT (c.id % 11 = 1 AND w.w >= ?3)",
        called = pick(&weekly, &CALLED),
        feeling = pick(&weekly, &FEELINGS),
    ))
    .bind(week_start(first))
    .bind(last_week)
    .bind(quiet_from)
    .bind(yesterday)
    .bind(admin)
    .execute(&mut **tx)
    .await?;

    // A book most months, on the 15th (or yesterday, this month).
    let monthly = roll("c.id + 3", "m.jd");
    let this_month = today.with_day(1).expect("the first of a month");
    let titles: Vec<&str> = BOOKS.iter().map(|(t, _)| *t).collect();
    let sentences: Vec<&str> = BOOKS.iter().map(|(_, s)| *s).collect();
    sqlx::query(&format!(
        "WITH RECURSIVE months(m) AS (SELECT ?1 UNION ALL SELECT date(m, '+1 month') FROM months WHERE m < ?2),
              mo(m, jd) AS (SELECT m, CAST(julianday(m) AS INTEGER) FROM months)
         INSERT INTO habit_log (child_id, habit, day, title, note, via, recorded_by)
         SELECT c.id, 'book', min(date(m.m, '+14 days'), ?3), {title}, {sentence}, 'checkin', ?4
         FROM children c CROSS JOIN mo m
         WHERE c.enrolment = 'active' AND {monthly} < 55 + c.id % 40",
        title = pick(&monthly, &titles),
        sentence = pick(&monthly, &sentences),
    ))
    .bind(first.with_day(1).expect("the first of a month"))
    .bind(this_month)
    .bind(yesterday)
    .bind(admin)
    .execute(&mut **tx)
    .await?;

    // The parents home over the Spring Festival; a few children ill for two days.
    let festival = (
        NaiveDate::from_ymd_opt(2027, 2, 1).expect("a date"),
        NaiveDate::from_ymd_opt(2027, 2, 17).expect("a date"),
    );
    if festival.0 <= yesterday && festival.0 >= first {
        sqlx::query(
            "INSERT INTO habit_excuses (child_id, excuse, first_day, last_day, note, recorded_by)
             SELECT id, 'parents_home', ?1, ?2, '春节回家', ?3 FROM children
             WHERE left_behind <> 'none' AND enrolment = 'active' AND id % 4 <> 0",
        )
        .bind(festival.0)
        .bind(festival.1)
        .bind(admin)
        .execute(&mut **tx)
        .await?;
    }
    let ill = first + Days::new(40);
    if ill + Days::new(1) <= yesterday {
        sqlx::query(
            "INSERT INTO habit_excuses (child_id, excuse, first_day, last_day, note, recorded_by)
             SELECT id, 'ill', ?1, ?2, '感冒', ?3 FROM children WHERE id % 29 = 5 AND enrolment = 'active'",
        )
        .bind(ill)
        .bind(ill + Days::new(1))
        .bind(admin)
        .execute(&mut **tx)
        .await?;
    }

    // The parents' call windows: weekend evenings in China mostly, a few abroad.
    sqlx::query(
        "INSERT INTO call_windows (child_id, weekdays, from_time, to_time, time_zone, note, updated_by)
         SELECT id,
                CASE id % 3 WHEN 0 THEN '67' WHEN 1 THEN '37' ELSE '12345' END,
                CASE WHEN id % 17 = 4 THEN '19:00' ELSE '20:00' END,
                CASE WHEN id % 17 = 4 THEN '20:30' ELSE '21:00' END,
                CASE WHEN id % 17 = 4 THEN 'Asia/Dubai' ELSE 'Asia/Shanghai' END,
                CASE id % 3 WHEN 0 THEN '周末晚上不加班' WHEN 1 THEN '工厂两班倒，晚班前' ELSE '下班后' END,
                ?1
         FROM children WHERE left_behind <> 'none' AND enrolment = 'active'",
    )
    .bind(admin)
    .execute(&mut **tx)
    .await?;
    Ok(())
}
