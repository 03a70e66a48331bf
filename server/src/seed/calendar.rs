//! The demo school's calendar: the six interest groups' weekly series and the thematic
//! days, all through the app's one event insert.

use chrono::{Days, NaiveDate};
use sqlx::{Sqlite, Transaction};

use app::calendar::domain::audience::from_columns;
use app::calendar::domain::event_form::EventDraft;
use app::calendar::series_db::NewEvent;
use app::calendar::types::Audience;
use app::calendar::types::Category;
use app::school::types::parse_stamp;

use super::names::SplitMix64;

/// An event of the demo school, through the app's one event INSERT.
async fn insert_event(
    tx: &mut Transaction<'_, Sqlite>,
    event: &app::calendar::series_db::NewEvent<'_>,
) -> Result<i64, sqlx::Error> {
    app::calendar::series_db::insert_event(tx, event)
        .await
        .map_err(|e| sqlx::Error::Protocol(format!("seeding an event: {e:?}")))
}

/// The six interest groups of the seed, each meeting weekly after class, one series a semester.
const GROUPS: [(&str, &str, &str, &str); 6] = [
    ("table_tennis", "乒乓球兴趣小组", "MO", "乒乓球室"),
    ("basketball", "篮球兴趣小组", "TU", "篮球场"),
    ("calligraphy", "书法兴趣小组", "WE", "书法室"),
    ("art", "美术兴趣小组", "TH", "美术室"),
    ("music", "音乐兴趣小组", "FR", "音乐室"),
    ("chess", "棋类兴趣小组", "WE", "图书室"),
];

/// (first day, UNTIL) of the semesters the demo school has planned; RFC 5545 wants UNTIL
/// in UTC when DTSTART has a time zone: 23:59:59 in Beijing is 15:59:59Z.
const SEMESTERS: [(&str, &str); 2] = [
    ("2026-09-01", "20270122T155959Z"),
    ("2027-02-22", "20270702T155959Z"),
];

pub(super) async fn seed_groups(
    tx: &mut Transaction<'_, Sqlite>,
    rng: &mut SplitMix64,
    staff_ids: &[i64],
    child_ids: &[i64],
) -> Result<(), sqlx::Error> {
    for (index, (key, name, weekday, place)) in GROUPS.iter().enumerate() {
        let leader = staff_ids[12 + index];
        let group_id: i64 = sqlx::query_scalar(
            "INSERT INTO interest_groups (key, name, leader_staff_id) VALUES (?, ?, ?) RETURNING id",
        )
        .bind(key)
        .bind(name)
        .bind(leader)
        .fetch_one(&mut **tx)
        .await?;
        for &child in child_ids {
            if rng.below(5) == 0 {
                sqlx::query("INSERT INTO group_members (group_id, child_id) VALUES (?, ?)")
                    .bind(group_id)
                    .bind(child)
                    .execute(&mut **tx)
                    .await?;
            }
        }
        for (first_day, until) in SEMESTERS {
            let first = first_weekday_on_or_after(first_day, weekday);
            let series = EventDraft {
                title: (*name).to_owned(),
                category: Category::Activity,
                all_day: false,
                start: first.and_hms_opt(16, 10, 0).expect("valid time"),
                end: first.and_hms_opt(17, 10, 0).expect("valid time"),
                location: Some((*place).to_owned()),
                audience: Audience::Group(group_id),
                student_visible: true,
                description: String::new(),
                rrule: Some(format!("FREQ=WEEKLY;BYDAY={weekday};UNTIL={until}")),
            };
            insert_event(
                tx,
                &NewEvent {
                    skip_holidays: true,
                    ..NewEvent::new(&series, super::DEMO_ZONE)
                },
            )
            .await?;
        }
    }
    Ok(())
}

struct SchoolEvent {
    title: &'static str,
    category: &'static str,
    all_day: bool,
    start: &'static str,
    end: &'static str,
    location: Option<&'static str>,
    audience: &'static str,
    student_visible: bool,
    rrule: Option<&'static str>,
    description: &'static str,
}

const SCHOOL_EVENTS: [SchoolEvent; 13] = [
    SchoolEvent {
        title: "免费体检日",
        category: "checkup",
        all_day: true,
        start: "2026-04-20T00:00:00",
        end: "2026-04-21T00:00:00",
        location: Some("学校卫生室"),
        audience: "school",
        student_visible: true,
        rrule: Some("FREQ=YEARLY;BYMONTH=4;BYMONTHDAY=20"),
        description: "全校学生免费全面体检，及早发现、及时治疗。",
    },
    SchoolEvent {
        // The Friday before Mother's Day (the 2nd Sunday of May).
        title: "母亲节书信比赛「爸爸妈妈，我想对你说」",
        category: "thematic",
        all_day: false,
        start: "2026-05-08T14:30:00",
        end: "2026-05-08T16:00:00",
        location: Some("各班教室"),
        audience: "school",
        student_visible: true,
        rrule: Some("FREQ=YEARLY;BYMONTH=5;BYDAY=FR;BYMONTHDAY=6,7,8,9,10,11,12"),
        description: "感恩教育：给远方的爸爸妈妈写一封信。",
    },
    SchoolEvent {
        // The Friday before Father's Day (the 3rd Sunday of June).
        title: "父亲节书信比赛「爸爸妈妈，我想对你说」",
        category: "thematic",
        all_day: false,
        start: "2026-06-19T14:30:00",
        end: "2026-06-19T16:00:00",
        location: Some("各班教室"),
        audience: "school",
        student_visible: true,
        rrule: Some("FREQ=YEARLY;BYMONTH=6;BYDAY=FR;BYMONTHDAY=13,14,15,16,17,18,19"),
        description: "感恩教育：给远方的爸爸妈妈写一封信。",
    },
    SchoolEvent {
        title: "国庆歌唱比赛「歌唱祖国」",
        category: "thematic",
        all_day: false,
        start: "2026-09-29T14:30:00",
        end: "2026-09-29T16:30:00",
        location: Some("操场"),
        audience: "school",
        student_visible: true,
        rrule: Some("FREQ=YEARLY;BYMONTH=9;BYMONTHDAY=29"),
        description: "迎国庆，唱响祖国，唱响党。",
    },
    SchoolEvent {
        title: "经典诵读「与经典同行，与圣贤为友」",
        category: "thematic",
        all_day: false,
        start: "2026-09-04T07:50:00",
        end: "2026-09-04T08:30:00",
        location: Some("各班教室"),
        audience: "school",
        student_visible: true,
        rrule: Some("FREQ=MONTHLY;BYDAY=1FR"),
        description: "传统文化教育：每月第一个星期五晨读经典。",
    },
    SchoolEvent {
        title: "集体生日会",
        category: "birthday",
        all_day: false,
        start: "2026-09-25T15:00:00",
        end: "2026-09-25T16:00:00",
        location: Some("希望之家活动室"),
        audience: "school",
        student_visible: true,
        rrule: Some("FREQ=MONTHLY;BYDAY=-1FR"),
        description: "每月最后一个星期五，为本月过生日的同学集体庆祝。",
    },
    SchoolEvent {
        title: "关爱留守儿童工作领导小组例会",
        category: "meeting",
        all_day: false,
        start: "2026-09-07T16:30:00",
        end: "2026-09-07T17:30:00",
        location: Some("校长室"),
        audience: "staff",
        student_visible: false,
        rrule: Some("FREQ=MONTHLY;BYDAY=1MO"),
        description: "领导小组每月例会：结对帮扶进展、家访安排、考核评价。",
    },
    // Seminars to exchange experience (seed §8), one a term, and the parents' meeting held
    // before the Spring Festival, when the parents working far away are home.
    SchoolEvent {
        title: "结对帮扶经验交流研讨会",
        category: "meeting",
        all_day: false,
        start: "2026-11-20T16:30:00",
        end: "2026-11-20T17:40:00",
        location: Some("会议室"),
        audience: "staff",
        student_visible: false,
        rrule: None,
        description: "结对帮扶老师交流谈心、家访和成长日记的做法。",
    },
    SchoolEvent {
        title: "留守儿童家长会",
        category: "meeting",
        all_day: false,
        start: "2027-01-23T09:00:00",
        end: "2027-01-23T11:00:00",
        location: Some("各班教室"),
        audience: "school",
        student_visible: true,
        rrule: None,
        description: "春节前家长返乡，学校与家长面对面交流孩子的学习和生活。",
    },
    SchoolEvent {
        title: "关爱留守儿童工作座谈会",
        category: "meeting",
        all_day: false,
        start: "2027-04-28T16:30:00",
        end: "2027-04-28T17:30:00",
        location: Some("会议室"),
        audience: "staff",
        student_visible: false,
        rrule: None,
        description: "邀请村委会、团市委和家长代表座谈关爱留守儿童工作。",
    },
    // School holidays: the five ones rest on them (a streak is not broken by the winter).
    SchoolEvent {
        title: "寒假",
        category: "holiday",
        all_day: true,
        start: "2027-01-25T00:00:00",
        end: "2027-02-22T00:00:00",
        location: None,
        audience: "school",
        student_visible: true,
        rrule: None,
        description: "寒假：2月22日开学报到。",
    },
    SchoolEvent {
        title: "暑假",
        category: "holiday",
        all_day: true,
        start: "2027-07-10T00:00:00",
        end: "2027-09-01T00:00:00",
        location: None,
        audience: "school",
        student_visible: true,
        rrule: None,
        description: "暑假：9月1日开学。",
    },
    SchoolEvent {
        title: "希望之家成立纪念日",
        category: "thematic",
        all_day: true,
        start: "2026-06-01T00:00:00",
        end: "2026-06-02T00:00:00",
        location: Some("希望之家"),
        audience: "school",
        student_visible: true,
        rrule: Some("FREQ=YEARLY;BYMONTH=6;BYMONTHDAY=1"),
        description: "希望之家于六月一日正式成立。",
    },
];

pub(super) async fn seed_school_events(
    tx: &mut Transaction<'_, Sqlite>,
) -> Result<(), sqlx::Error> {
    for e in &SCHOOL_EVENTS {
        let stamp = |raw: &str| parse_stamp(raw).expect("seed times are stamps");
        let event = EventDraft {
            title: e.title.to_owned(),
            category: Category::from_key(e.category).expect("seed categories are known"),
            all_day: e.all_day,
            start: stamp(e.start),
            end: stamp(e.end),
            location: e.location.map(str::to_owned),
            audience: from_columns(e.audience, None, None),
            student_visible: e.student_visible,
            description: e.description.to_owned(),
            rrule: e.rrule.map(str::to_owned),
        };
        insert_event(tx, &NewEvent::new(&event, super::DEMO_ZONE)).await?;
    }
    Ok(())
}

fn first_weekday_on_or_after(date: &str, weekday: &str) -> NaiveDate {
    use chrono::Datelike;
    let target = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]
        .iter()
        .position(|d| *d == weekday)
        .expect("weekday") as u32;
    let date = NaiveDate::parse_from_str(date, "%Y-%m-%d").expect("valid date");
    let ahead = (7 + target - date.weekday().num_days_from_monday()) % 7;
    date + Days::new(u64::from(ahead))
}
