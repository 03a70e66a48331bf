//! The demo school's meetings this school year: the leading group's monthly meetings of
//! September and March with their minutes and practices (one done, one overdue, one the
//! demo counselor carries out), the autumn seminar of the paired teachers, and the parents'
//! meeting before the Spring Festival with the families who came. The spring symposium is
//! still to come, unrecorded.

use app::meetings::db;
use app::meetings::domain::PracticeDraft;
use app::meetings::types::MeetingKind;
use chrono::{NaiveDate, NaiveDateTime};
use sqlx::SqlitePool;

type Error = Box<dyn std::error::Error + Send + Sync>;

fn at(raw: &str) -> NaiveDateTime {
    app::school::types::parse_stamp(raw).expect("seed times are stamps")
}

fn day(raw: &str) -> NaiveDate {
    raw.parse().expect("seed days are dates")
}

struct Held {
    title: &'static str,
    at: &'static str,
    kind: MeetingKind,
    minutes: &'static str,
    /// (what, owner's username, due, done on).
    practices: &'static [(
        &'static str,
        &'static str,
        &'static str,
        Option<&'static str>,
    )],
}

const HELD: [Held; 4] = [
    Held {
        title: "关爱留守儿童工作领导小组例会",
        at: "2026-09-07T16:30:00",
        kind: MeetingKind::LeadingGroup,
        minutes: "一、通报本学期留守儿童摸底情况：留守儿童 94 人，半留守儿童 120 人。\n二、落实结对帮扶：每位结对老师联系 3 至 10 名留守儿童，每两周谈心一次，每学期家访一次。\n三、9 月底前完成留守儿童档案和联系卡。",
        practices: &[("9 月底前完成各班留守儿童档案和联系卡", "admin", "2026-09-30", Some("2026-09-29"))],
    },
    Held {
        title: "结对帮扶经验交流研讨会",
        at: "2026-11-20T16:30:00",
        kind: MeetingKind::Seminar,
        minutes: "黄老师介绍用成长日记和孩子交流的做法；几位老师谈家访中遇到的困难：爷爷奶奶听不懂普通话，可请本村老师同去。\n大家商定：谈心记录当天写进关爱记录，家访前先电话约好时间。",
        practices: &[("家访前先电话约好时间，并写进关爱记录", "counselor", "2026-12-31", Some("2026-12-18"))],
    },
    Held {
        title: "留守儿童家长会",
        at: "2027-01-23T09:00:00",
        kind: MeetingKind::Parents,
        minutes: "春节前家长返乡。校长介绍“五个一”和结对帮扶；各班主任与家长交流孩子一学期的学习和生活；请家长每周给孩子打一次电话。",
        practices: &[],
    },
    Held {
        title: "关爱留守儿童工作领导小组例会",
        at: "2027-03-01T16:30:00",
        kind: MeetingKind::LeadingGroup,
        minutes: "一、布置 4 月 20 日免费体检：各班核对名单，结对老师通知监护人。\n二、本学期举办一次结对帮扶经验交流。\n三、资助经费不足，请团市委和村委会继续支持。",
        practices: &[
            ("4 月 15 日前核对各班体检名单", "leader", "2027-04-15", None),
            ("4 月底前组织一次结对经验交流", "counselor", "2027-04-30", None),
        ],
    },
];

pub(super) async fn seed_meetings(pool: &SqlitePool) -> Result<(), Error> {
    let user = |name: &'static str| async move {
        sqlx::query_scalar::<_, i64>("SELECT id FROM users WHERE username = ?")
            .bind(name)
            .fetch_one(pool)
            .await
    };
    let admin = user("admin").await?;
    // The leading group and every counselor came to their meetings; a parents' meeting has
    // the class teachers.
    let leading: Vec<i64> =
        sqlx::query_scalar("SELECT id FROM users WHERE role IN ('admin', 'leader') ORDER BY id")
            .fetch_all(pool)
            .await?;
    let counselors: Vec<i64> =
        sqlx::query_scalar("SELECT id FROM users WHERE role = 'counselor' ORDER BY id")
            .fetch_all(pool)
            .await?;
    let teachers: Vec<i64> =
        sqlx::query_scalar("SELECT id FROM users WHERE role = 'teacher' ORDER BY id")
            .fetch_all(pool)
            .await?;
    let mut tx = pool.begin().await?;
    for held in &HELD {
        let event: i64 =
            sqlx::query_scalar("SELECT id FROM events WHERE title = ? AND category = 'meeting'")
                .bind(held.title)
                .fetch_one(&mut *tx)
                .await?;
        let id = db::claim(&mut tx, event, at(held.at), held.kind, 0, admin).await?;
        let came: Vec<i64> = match held.kind {
            MeetingKind::LeadingGroup => leading.clone(),
            MeetingKind::Parents => leading.iter().chain(&teachers).copied().collect(),
            _ => leading.iter().chain(&counselors).copied().collect(),
        };
        db::set_attendees(&mut tx, id, &came).await?;
        if held.kind == MeetingKind::Parents {
            // Two families in three of the left-behind children came home for the festival.
            let children: Vec<i64> = sqlx::query_scalar(
                "SELECT id FROM children WHERE left_behind <> 'none' AND enrolment = 'active'
                 AND id % 3 <> 0 ORDER BY id",
            )
            .fetch_all(&mut *tx)
            .await?;
            db::set_families(&mut tx, id, &children, &children).await?;
        }
        db::add_minutes(&mut tx, id, held.minutes, admin).await?;
        for (body, owner, due, done) in held.practices {
            let draft = PracticeDraft {
                body: (*body).to_owned(),
                owner: user(owner).await?,
                due_on: day(due),
            };
            let practice = db::add_practice(&mut tx, id, &draft, admin).await?;
            if let Some(done) = done {
                db::mark_done(&mut tx, practice, draft.owner, day(done)).await?;
            }
        }
    }
    tx.commit().await?;
    Ok(())
}
