//! The demo school of the seed report: Shenshuidong Village school, Chengnan
//! Sub-district, Lianjiang City. 395 students, 31 teachers, 94 left-behind and 120 half
//! left-behind children, six interest groups, the thematic days and the April 20 checkup.
//! Names are synthetic; a fixed random seed makes every database identical, so tests
//! can rely on it.

use chrono::{Days, NaiveDate};
use sqlx::{Sqlite, SqlitePool, Transaction};

use crate::accounts::DEMO_PASSWORD;

mod assessment;
mod calendar;
mod care;
mod funds;
mod habits;
mod meetings;
mod names;

use calendar::{seed_groups, seed_school_events};
use names::{adult_name, child_name, SplitMix64};

pub const STUDENTS: usize = 395;
pub const TEACHERS: usize = 31;
pub const LEFT_BEHIND: usize = 94;
pub const HALF_LEFT_BEHIND: usize = 120;
const CLASSES_PER_GRADE: u8 = 2;
const SEED: u64 = 0x5eed_2026_0420;

/// The demo school is in Guangdong: its events are kept in Beijing time, whatever
/// `SCHOOL_TIME_ZONE` says (a real school is not seeded).
pub const DEMO_ZONE: chrono_tz::Tz = chrono_tz::Asia::Shanghai;

/// The child whose birthday is Feb 29 (a grade-5 pupil born in 2016).
pub const LEAP_DAY_BIRTH: &str = "2016-02-29";

/// Seeds the demo school when the database holds no school yet; says whether it did. The
/// care history runs up to the day before `today`.
pub async fn seed_demo_school_if_empty(
    pool: &SqlitePool,
    today: NaiveDate,
) -> Result<bool, Box<dyn std::error::Error + Send + Sync>> {
    let schools: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM school")
        .fetch_one(pool)
        .await?;
    let users: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM users")
        .fetch_one(pool)
        .await?;
    if schools > 0 || users > 0 {
        return Ok(false);
    }
    let demo_hash = app::auth::session::hash_password(DEMO_PASSWORD.to_owned())
        .await
        .map_err(|e| format!("hashing the demo password failed: {e}"))?;
    let mut tx = pool.begin().await?;
    seed(&mut tx, &demo_hash, today).await?;
    tx.commit().await?;
    assessment::seed_assessment(pool, today).await?;
    funds::seed_funds(pool, today).await?;
    meetings::seed_meetings(pool).await?;
    Ok(true)
}

async fn seed(
    tx: &mut Transaction<'_, Sqlite>,
    demo_hash: &str,
    today: NaiveDate,
) -> Result<(), sqlx::Error> {
    let mut rng = SplitMix64(SEED);
    sqlx::query(
        "INSERT INTO school (id, name, short_name, short_name_en, time_zone, phone)
         VALUES (1, '廉江市城南街道深水洞村小学', '深水洞村小学', 'Shenshuidong Village School', ?, '0759-6612345')",
    )
    .bind(DEMO_ZONE.name())
    .execute(&mut **tx)
    .await?;

    let mut class_ids = Vec::new();
    for grade in 1..=6u8 {
        for number in 1..=CLASSES_PER_GRADE {
            let id: i64 = sqlx::query_scalar(
                "INSERT INTO classes (grade, number) VALUES (?, ?) RETURNING id",
            )
            .bind(grade)
            .bind(number)
            .fetch_one(&mut **tx)
            .await?;
            class_ids.push((id, grade));
        }
    }

    let mut staff_ids = Vec::new();
    for i in 0..TEACHERS {
        let gender = if rng.below(3) == 0 { "male" } else { "female" };
        let name = adult_name(&mut rng, gender);
        let homeroom = class_ids.get(i).map(|(id, _)| *id);
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO staff (name, gender, homeroom_class_id) VALUES (?, ?, ?) RETURNING id",
        )
        .bind(name)
        .bind(gender)
        .bind(homeroom)
        .fetch_one(&mut **tx)
        .await?;
        staff_ids.push(id);
    }

    // Left-behind status: a deterministic shuffle picks 94 full and 120 half.
    let mut order: Vec<usize> = (0..STUDENTS).collect();
    for i in (1..order.len()).rev() {
        order.swap(i, rng.below(i as u64 + 1) as usize);
    }
    let mut status = vec!["none"; STUDENTS];
    for (rank, &student) in order.iter().enumerate() {
        status[student] = match rank {
            r if r < LEFT_BEHIND => "full",
            r if r < LEFT_BEHIND + HALF_LEFT_BEHIND => "half",
            _ => "none",
        };
    }

    let mut child_ids = Vec::new();
    let mut leap_day_done = false;
    let school_year = app::habits::types::Term::of(today).year;
    for (i, status) in status.iter().enumerate() {
        let (class_id, grade) = class_ids[i % class_ids.len()];
        let gender = if rng.below(2) == 0 { "female" } else { "male" };
        let name = child_name(&mut rng, gender);
        // School year 2026–27: grade g was born between Sep (2020 - g) and Aug (2021 - g).
        let born_from = NaiveDate::from_ymd_opt(2020 - i32::from(grade), 9, 1).expect("valid date");
        let mut birth = born_from + Days::new(rng.below(365));
        if grade == 5 && !leap_day_done {
            birth = NaiveDate::parse_from_str(LEAP_DAY_BIRTH, "%Y-%m-%d").expect("valid date");
            leap_day_done = true;
        }
        // Many families here keep the lunar birthday (农历生日): one child in twelve does.
        let calendar = if i % 12 == 5 { "lunar" } else { "solar" };
        // On file since the September they started school: the habits count from then.
        let on_file =
            NaiveDate::from_ymd_opt(school_year - i32::from(grade) + 1, 9, 1).expect("valid date");
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO children (name, gender, birth_date, birthday_calendar, class_id, left_behind, created_at)
             VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
        )
        .bind(name)
        .bind(gender)
        .bind(birth)
        .bind(calendar)
        .bind(class_id)
        .bind(status)
        .bind(format!("{on_file}T00:00:00Z"))
        .fetch_one(&mut **tx)
        .await?;
        child_ids.push(id);
    }

    seed_groups(tx, &mut rng, &staff_ids, &child_ids).await?;
    seed_school_events(tx).await?;
    seed_demo_accounts(tx, demo_hash, &staff_ids).await?;
    care::seed_care(tx, demo_hash, &staff_ids, today).await?;
    habits::seed_habits(tx, today).await?;
    seed_contact_cards(tx, &child_ids).await?;
    seed_brother_and_sister(tx).await?;
    seed_checkup_history(tx, &child_ids).await
}

/// The checkups of 2024–2026 for every child who was at school age then, so the growth
/// charts have a history: plausible heights and weights growing with age, a separate
/// random stream.
async fn seed_checkup_history(
    tx: &mut Transaction<'_, Sqlite>,
    child_ids: &[i64],
) -> Result<(), sqlx::Error> {
    let mut rng = SplitMix64(SEED ^ 0x00C4_EC0F);
    for &child in child_ids {
        let birth: NaiveDate = sqlx::query_scalar("SELECT birth_date FROM children WHERE id = ?")
            .bind(child)
            .fetch_one(&mut **tx)
            .await?;
        // Each child's own build: a little taller or heavier than the average, every year.
        let (tall, heavy) = (rng.below(13) as f64 - 6.0, rng.below(8) as f64 - 3.0);
        for year in 2024..=2026 {
            let day = NaiveDate::from_ymd_opt(year, 4, 20).expect("valid date");
            let age = app::calendar::domain::birthdays::age_on(birth, day);
            if age < 6 {
                continue;
            }
            let age = f64::from(age);
            let height = (77.0 + 6.0 * age + tall + rng.below(3) as f64).round();
            let weight = ((2.3 * age + 7.0 + heavy) * 10.0).round() / 10.0;
            let vision = |rng: &mut SplitMix64| f64::from(46 + rng.below(6) as u32) / 10.0;
            let (left, right) = (vision(&mut rng), vision(&mut rng));
            let caries = rng.below(3) as i64;
            // Last spring's checkup asked for some follow-ups; the school closed part of them.
            let follow_up = match () {
                _ if year != 2026 => None,
                _ if left <= 4.7 && right <= 4.7 => Some((
                    "复查视力，必要时配镜",
                    "2026-06-20",
                    (child % 2 == 0).then_some("已在县医院验光配镜"),
                )),
                _ if caries == 2 && child % 4 == 0 => Some((
                    "龋齿治疗",
                    "2026-07-10",
                    (child % 8 == 0).then_some("已在镇卫生院补牙"),
                )),
                _ => None,
            };
            let (what, due, note) = match follow_up {
                Some((what, due, note)) => (Some(what), Some(due), note),
                None => (None, None, None),
            };
            sqlx::query(
                "INSERT INTO checkup_results (year, child_id, attendance, height_cm, weight_kg, vision_left, vision_right, caries,
                     follow_up, follow_up_due, follow_up_note, follow_up_closed_at)
                 VALUES (?, ?, 'examined', ?, ?, ?, ?, ?, ?, ?, ?, CASE WHEN ? IS NULL THEN NULL ELSE '2026-06-15T08:00:00Z' END)",
            )
            .bind(year)
            .bind(child)
            .bind(height)
            .bind(weight)
            .bind(left)
            .bind(right)
            .bind(caries)
            .bind(what)
            .bind(due)
            .bind(note)
            .bind(note)
            .execute(&mut **tx)
            .await?;
        }
    }
    Ok(())
}

/// Where the parents of the left-behind children work, as the seed's county reports it.
const WORK_PLACES: [(&str, &str); 6] = [
    ("广东", "东莞"),
    ("广东", "深圳"),
    ("浙江", "宁波"),
    ("福建", "泉州"),
    ("贵州", "贵阳"),
    ("江苏", "苏州"),
];
const GUARDIANS: [(&str, &str); 4] = [
    ("奶奶", "grandparent"),
    ("爷爷", "grandparent"),
    ("外婆", "grandparent"),
    ("姑姑", "relative"),
];

/// Every child's contact card: who is away and where, the guardian at home, phones. A
/// separate random stream, so the rest of the demo school stays as it was.
async fn seed_contact_cards(
    tx: &mut Transaction<'_, Sqlite>,
    child_ids: &[i64],
) -> Result<(), sqlx::Error> {
    let mut rng = SplitMix64(SEED ^ 0xC0A7_AC7C_A2D5);
    let mobile = |rng: &mut SplitMix64| {
        format!(
            "1{}{:09}",
            [3, 5, 8, 9][rng.below(4) as usize],
            rng.below(1_000_000_000)
        )
    };
    for &child in child_ids {
        let (name, status): (String, String) =
            sqlx::query_as("SELECT name, left_behind FROM children WHERE id = ?")
                .bind(child)
                .fetch_one(&mut **tx)
                .await?;
        let surname: String = name.chars().take(1).collect();
        let away = match status.as_str() {
            "full" => "both",
            "half" if rng.below(3) == 0 => "mother",
            "half" => "father",
            _ => "none",
        };
        let (province, city) = WORK_PLACES[rng.below(WORK_PLACES.len() as u64) as usize];
        let (province, city) = if away == "none" {
            (None, None)
        } else {
            (Some(province), Some(city))
        };
        // Some mothers work elsewhere than the fathers (the child's id chooses, so that the
        // random numbers drawn, and so the rest of the demo, stay as they were).
        let mother_place = (away == "both" && child % 5 == 0)
            .then(|| WORK_PLACES[child as usize % WORK_PLACES.len()])
            .filter(|&(_, c)| Some(c) != city)
            .map(|(p, c)| format!("{p} {c}"));
        let away_since = (away != "none")
            .then(|| format!("20{:02}-{:02}-01", 18 + rng.below(7), 1 + rng.below(12)));
        let father = (away != "mother").then(|| mobile(&mut rng));
        let mother = (away != "father").then(|| mobile(&mut rng));
        sqlx::query(
            "UPDATE children SET parents_away = ?, work_province = ?, work_city = ?, mother_work_place = ?,
                    away_since = ?, home_address = ?,
                    father_phone = ?, mother_phone = ?, consent_date = '2026-09-01',
                    consent_recorded_by = (SELECT id FROM users WHERE username = 'admin')
             WHERE id = ?",
        )
        .bind(away)
        .bind(province)
        .bind(city)
        .bind(mother_place)
        .bind(away_since)
        .bind(format!("深水洞村{}组", 1 + rng.below(9)))
        .bind(father)
        .bind(mother)
        .bind(child)
        .execute(&mut **tx)
        .await?;
        if away != "none" {
            let (title, relation) = GUARDIANS[rng.below(GUARDIANS.len() as u64) as usize];
            sqlx::query("INSERT INTO guardians (child_id, position, name, relation, phone) VALUES (?, 1, ?, ?, ?)")
                .bind(child)
                .bind(format!("{surname}{title}"))
                .bind(relation)
                .bind(mobile(&mut rng))
                .execute(&mut **tx)
                .await?;
        }
    }
    Ok(())
}

/// Two of the demo counselor's children of one family name (符锦 and 符琪婷) are brother
/// and sister: the second's file takes the first's home and the grandparent they live with,
/// whose phone tells the family desk they are one household.
async fn seed_brother_and_sister(tx: &mut Transaction<'_, Sqlite>) -> Result<(), sqlx::Error> {
    let pair: Option<(i64, i64)> = sqlx::query_as(
        "SELECT a.id, b.id FROM counselor_children pa JOIN counselor_children pb ON pb.user_id = pa.user_id
           JOIN children a ON a.id = pa.child_id JOIN children b ON b.id = pb.child_id
           JOIN users u ON u.id = pa.user_id
         WHERE u.username = 'counselor' AND a.id < b.id AND substr(a.name, 1, 1) = substr(b.name, 1, 1)
           AND EXISTS (SELECT 1 FROM guardians WHERE child_id = a.id)
           AND EXISTS (SELECT 1 FROM guardians WHERE child_id = b.id)
         ORDER BY a.id, b.id LIMIT 1",
    )
    .fetch_optional(&mut **tx)
    .await?;
    let Some((first, second)) = pair else {
        return Ok(());
    };
    sqlx::query(
        "UPDATE children SET home_address = (SELECT home_address FROM children WHERE id = ?1) WHERE id = ?2",
    )
    .bind(first)
    .bind(second)
    .execute(&mut **tx)
    .await?;
    sqlx::query(
        "UPDATE guardians SET (name, relation, phone) =
             (SELECT name, relation, phone FROM guardians WHERE child_id = ?1 AND position = 1)
         WHERE child_id = ?2 AND position = 1",
    )
    .bind(first)
    .bind(second)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// One account per role, all with the password `hopehome-demo` (the counselor is paired
/// with ten left-behind children by `care`), the teacher has class 3-2 and the calligraphy group, the
/// student is a pupil of class 3-2.
async fn seed_demo_accounts(
    tx: &mut Transaction<'_, Sqlite>,
    hash: &str,
    staff_ids: &[i64],
) -> Result<(), sqlx::Error> {
    let class_3_2: i64 =
        sqlx::query_scalar("SELECT id FROM classes WHERE grade = 3 AND number = 2")
            .fetch_one(&mut **tx)
            .await?;
    let pupil: i64 = sqlx::query_scalar("SELECT MIN(id) FROM children WHERE class_id = ?")
        .bind(class_3_2)
        .fetch_one(&mut **tx)
        .await?;
    let accounts = [
        ("admin", "陈校长", "admin", Some(staff_ids[0]), None),
        ("leader", "李主任", "leader", Some(staff_ids[1]), None),
        ("counselor", "黄老师", "counselor", Some(staff_ids[2]), None),
        ("teacher", "张老师", "teacher", Some(staff_ids[3]), None),
        ("student", "学生账号", "student", None, Some(pupil)),
    ];
    let mut ids = Vec::new();
    for (username, name, role, staff, child) in accounts {
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO users (username, display_name, role, password_hash, staff_id, child_id)
             VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
        )
        .bind(username)
        .bind(name)
        .bind(role)
        .bind(hash)
        .bind(staff)
        .bind(child)
        .fetch_one(&mut **tx)
        .await?;
        ids.push(id);
    }
    sqlx::query("INSERT INTO teacher_classes (user_id, class_id) VALUES (?, ?)")
        .bind(ids[3])
        .bind(class_3_2)
        .execute(&mut **tx)
        .await?;
    sqlx::query("INSERT INTO teacher_groups (user_id, group_id) SELECT ?, id FROM interest_groups WHERE key = 'calligraphy'")
        .bind(ids[3])
        .execute(&mut **tx)
        .await?;
    Ok(())
}
