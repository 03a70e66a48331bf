//! The demo school's assessment of a month three months back: five of its contacts drawn
//! and verified by the leading group (one found not to have happened), every counselor's
//! sheet closed as it was, most of them signed, one answered. The months since stay open
//! for the leading group to close.

use std::collections::HashMap;

use app::assessment::access::PeriodSheets;
use app::assessment::types::{Outcome, Period, ResponseKind, Scheme};
use app::assessment::{db, inspect_db};
use chrono::{Months, NaiveDate};
use sqlx::SqlitePool;

use super::DEMO_ZONE;

type Error = Box<dyn std::error::Error + Send + Sync>;

const ANSWER: &str = "这个月有两次家访因为家长外出推迟了，已经在下个月补上，请领导小组了解。";

/// Runs after the rest of the demo school is committed: it compiles from what is stored.
pub(super) async fn seed_assessment(pool: &SqlitePool, today: NaiveDate) -> Result<(), Error> {
    let period = Period::month_of(today - Months::new(3));
    let end = period.end(today);
    let leader: i64 = sqlx::query_scalar("SELECT id FROM users WHERE username = 'leader'")
        .fetch_one(pool)
        .await?;

    let mut tx = pool.begin().await?;
    inspect_db::draw(&mut tx, &period, end, 5, leader).await?;
    tx.commit().await?;
    let drawn = inspect_db::inspections(pool, &period).await?;
    let mut tx = pool.begin().await?;
    for (n, item) in drawn.iter().enumerate() {
        let (outcome, note) = if n == 0 {
            (
                Outcome::NotConfirmed,
                "电话联系奶奶：那天老师没有来家里，是在学校门口聊的。",
            )
        } else {
            (Outcome::Confirmed, "电话联系监护人，确认老师来过。")
        };
        inspect_db::record_outcome(&mut tx, item.id, item.version, outcome, note, leader).await?;
    }
    tx.commit().await?;

    let rhythm = app::care::db::rhythm(pool).await?;
    let sheets = PeriodSheets {
        facts: app::assessment::facts_db::facts(pool, &period, today, DEMO_ZONE).await?,
        scheme: Scheme::default_for(period.school_year(), rhythm.talk_days, rhythm.visit_days),
        stored: Vec::new(),
        marks: HashMap::new(),
        inspections: inspect_db::inspections_of_days(pool, period.first(), end).await?,
        period,
    };
    let key = period.key();
    let mut tx = pool.begin().await?;
    for (n, counselor) in sheets.counselors(today).into_iter().enumerate() {
        let kept = serde_json::to_string(&sheets.compiled(counselor, today)?)?;
        let sheet = db::sheet_for(&mut tx, counselor, &key).await?;
        db::close(&mut tx, sheet.id, &kept, leader).await?;
        match n % 7 {
            // Not signed yet.
            3 => {}
            5 => db::respond(&mut tx, sheet.id, ResponseKind::Answer, ANSWER, counselor).await?,
            _ => db::respond(&mut tx, sheet.id, ResponseKind::Sign, "", counselor).await?,
        }
    }
    tx.commit().await?;
    Ok(())
}
