//! The demo school's help from society this school year: the Youth League committee, the
//! village committee, a company paying a pledge in instalments, a private donor, student
//! volunteers' hours and winter clothes given in kind; a mistaken gift and its reversal;
//! aid paid for a pair of glasses, winter clothes approved and waiting for money, and a
//! medical request above the threshold with one approval of the two it needs.

use app::funds::aid_db::{self, NewRequest};
use app::funds::db::{self, NewDonor, NewEntry};
use app::funds::types::{AidState, DonorKind, EntryKind, Need};
use chrono::{Days, NaiveDate};
use sqlx::SqlitePool;

type Error = Box<dyn std::error::Error + Send + Sync>;

pub(super) async fn seed_funds(pool: &SqlitePool, today: NaiveDate) -> Result<(), Error> {
    let user = |name: &'static str| async move {
        sqlx::query_scalar::<_, i64>("SELECT id FROM users WHERE username = ?")
            .bind(name)
            .fetch_one(pool)
            .await
    };
    let (admin, leader, counselor) = (
        user("admin").await?,
        user("leader").await?,
        user("counselor").await?,
    );
    let ago = |days: u64| today - Days::new(days);
    let mut tx = pool.begin().await?;
    let general: i64 =
        sqlx::query_scalar("SELECT id FROM funds WHERE purpose IS NULL ORDER BY id LIMIT 1")
            .fetch_one(&mut *tx)
            .await?;
    let glasses = db::insert_fund(&mut tx, "眼镜专项", Some(Need::Glasses)).await?;
    let clothes = db::insert_fund(&mut tx, "冬衣专项", Some(Need::Clothes)).await?;

    let donors = [
        (
            DonorKind::League,
            "廉江市团委",
            "青少年工作部 0759-6613001",
            true,
            "",
        ),
        (
            DonorKind::Body,
            "深水洞村委会",
            "村委会办公室 0759-6612208",
            true,
            "",
        ),
        (
            DonorKind::Company,
            "东莞爱心电子厂",
            "工会 王主席 13800000001",
            true,
            "分三期捐助",
        ),
        (
            DonorKind::Person,
            "李先生",
            "13800000002",
            false,
            "不愿公开姓名",
        ),
        (
            DonorKind::Body,
            "湛江师范学院青年志愿者协会",
            "带队老师 13800000003",
            true,
            "周末辅导作业、陪伴阅读",
        ),
    ];
    let mut ids = Vec::new();
    for (kind, name, contact, named_publicly, note) in donors {
        let donor = NewDonor {
            kind,
            name: name.to_owned(),
            contact: contact.to_owned(),
            named_publicly,
            note: note.to_owned(),
        };
        ids.push(db::insert_donor(&mut tx, &donor, admin).await?);
    }
    let [league, village, company, person, volunteers] = ids[..] else {
        return Err("five donors".into());
    };
    let pledge = db::insert_pledge(&mut tx, company, general, 600_000, 3, ago(120), admin).await?;
    let line = |kind, day, fund, donor, cash_fen, description: &str| NewEntry {
        kind: Some(kind),
        day: Some(day),
        fund,
        donor,
        cash_fen,
        description: description.to_owned(),
        ..Default::default()
    };
    let mut entries = vec![
        line(
            EntryKind::Gift,
            ago(110),
            Some(general),
            Some(league),
            500_000,
            "关爱留守儿童专项经费",
        ),
        NewEntry {
            pledge: Some(pledge),
            ..line(
                EntryKind::Gift,
                ago(100),
                Some(general),
                Some(company),
                200_000,
                "第一期",
            )
        },
        line(
            EntryKind::Gift,
            ago(90),
            Some(glasses),
            Some(person),
            80_000,
            "给需要配眼镜的孩子",
        ),
        line(
            EntryKind::Gift,
            ago(60),
            Some(clothes),
            Some(village),
            10_000,
            "",
        ),
        line(
            EntryKind::Expense,
            ago(40),
            Some(general),
            None,
            -36_000,
            "打印成长档案和联系卡",
        ),
        NewEntry {
            pledge: Some(pledge),
            ..line(
                EntryKind::Gift,
                ago(20),
                Some(general),
                Some(company),
                200_000,
                "第二期",
            )
        },
        NewEntry {
            in_kind_fen: 480_000,
            ..line(
                EntryKind::InKind,
                ago(70),
                None,
                Some(village),
                0,
                "冬衣 60 件",
            )
        },
        NewEntry {
            minutes: 12 * 60,
            ..line(
                EntryKind::Hours,
                ago(30),
                None,
                Some(volunteers),
                0,
                "周末作业辅导",
            )
        },
        NewEntry {
            minutes: 390,
            ..line(
                EntryKind::Hours,
                ago(9),
                None,
                Some(volunteers),
                0,
                "陪伴阅读",
            )
        },
    ];
    // A gift typed twice, and its correction.
    entries.push(line(
        EntryKind::Gift,
        ago(89),
        Some(glasses),
        Some(person),
        80_000,
        "给需要配眼镜的孩子",
    ));
    for entry in &entries {
        db::insert_entry(&mut tx, entry, admin).await?;
    }
    let twice: i64 = sqlx::query_scalar("SELECT MAX(id) FROM ledger")
        .fetch_one(&mut *tx)
        .await?;
    let reversal = NewEntry {
        reverses: Some(twice),
        pledge: None,
        ..line(
            EntryKind::Reversal,
            ago(88),
            Some(glasses),
            Some(person),
            -80_000,
            "重复录入",
        )
    };
    db::insert_entry(&mut tx, &reversal, admin).await?;

    // Aid for the counselor's children: glasses paid, clothes waiting for money, medical
    // care waiting for its second approval.
    let children: Vec<i64> = sqlx::query_scalar(
        "SELECT child_id FROM pairings WHERE counselor_id = ? AND ended_on IS NULL ORDER BY child_id LIMIT 3",
    )
    .bind(counselor)
    .fetch_all(&mut *tx)
    .await?;
    let requests = [
        (
            Need::Glasses,
            18_000,
            "视力下降，看不清黑板，家里一时拿不出配镜的钱。",
            50,
        ),
        (
            Need::Clothes,
            15_000,
            "奶奶独自照看三个孩子，冬天只有一件薄外套。",
            25,
        ),
        (
            Need::Medical,
            80_000,
            "龋齿多颗需要治疗，监护人无力承担。",
            5,
        ),
    ];
    for (n, (child, (need, amount_fen, reason, days))) in children.iter().zip(requests).enumerate()
    {
        let new = NewRequest {
            child: *child,
            need,
            amount_fen,
            reason,
            checkup_year: None,
            day: ago(days),
        };
        let id = aid_db::insert_request(&mut tx, &new, counselor).await?;
        let (approvals, refusals) =
            aid_db::decide(&mut tx, id, 1, leader, true, "", ago(days - 2)).await?;
        let state =
            app::funds::domain::state_after(amount_fen, approvals as usize, refusals as usize);
        aid_db::set_state(&mut tx, id, state).await?;
        if n == 0 && state == AidState::Approved {
            let version: i64 = sqlx::query_scalar("SELECT version FROM aid_requests WHERE id = ?")
                .bind(id)
                .fetch_one(&mut *tx)
                .await?;
            aid_db::mark_paid(&mut tx, id, version).await?;
            let paid = NewEntry {
                aid: Some(id),
                ..line(
                    EntryKind::Aid,
                    ago(days - 5),
                    Some(glasses),
                    None,
                    -amount_fen,
                    "配眼镜",
                )
            };
            db::insert_entry(&mut tx, &paid, admin).await?;
        }
    }
    tx.commit().await?;
    Ok(())
}
