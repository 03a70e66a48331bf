//! What a period's sheets are compiled from, read from SQLite: the pairings, the contacts
//! (with the inspections' findings), the diary, follow-ups, concerns and the five ones.

use std::collections::HashMap;

use chrono::{Days, NaiveDate};
use sqlx::SqlitePool;

use super::compile_domain::{ContactFact, DiaryFact, DueFact, Facts, HabitDays, PairingFact};
use super::db::unreadable;
use super::domain::TAKEOVER_DAYS;
use super::types::Period;
use crate::care::db::{CURRENT, WITH_CHILD};
use crate::care::types::CareKind;
use crate::error::AppError;
use crate::habits::db::Whose;
use crate::habits::domain::{daily_marks, Excused};
use crate::habits::types::{Habit, Mark as HabitMark};
use crate::school::types::local_day;

/// The contacts an inspection did not confirm, and every later version of them: a
/// correction does not wash out a finding.
pub const FAILED: &str = "WITH RECURSIVE failed(id) AS (
        SELECT entry_id FROM inspections WHERE outcome = 'not_confirmed'
        UNION SELECT n.id FROM care_entries n JOIN failed f ON n.replaces = f.id)";

type PairingRow = (
    i64,
    i64,
    i64,
    String,
    NaiveDate,
    Option<NaiveDate>,
    NaiveDate,
    String,
);
type ContactRow = (i64, i64, String, String, bool, bool, bool, bool, bool);

/// Everything the sheets of `period` are compiled from, as of `today`.
pub async fn facts(
    pool: &SqlitePool,
    period: &Period,
    today: NaiveDate,
    zone: chrono_tz::Tz,
) -> Result<Facts, AppError> {
    let (first, end) = (period.first(), period.end(today));
    // A birthday on the period's last day is marked by a contact up to three days later.
    let after = (end + Days::new(3)).min(today.max(end));
    let pairings: Vec<PairingRow> = sqlx::query_as(
        "SELECT p.counselor_id, p.child_id, c.class_id, c.name, p.started_on, p.ended_on, c.birth_date, c.birthday_calendar
         FROM pairings p JOIN children c ON c.id = p.child_id
         WHERE p.started_on <= ?2 AND (p.ended_on IS NULL OR p.ended_on >= ?1)
         ORDER BY p.counselor_id, c.name, c.id",
    )
    .bind(first)
    .bind(end)
    .fetch_all(pool)
    .await?;
    let contacts: Vec<ContactRow> = sqlx::query_as(&format!(
        "{FAILED}
         SELECT e.author_id, e.child_id, e.kind, substr(e.happened_at, 1, 10), e.study, e.life, e.activities,
                e.id IN failed, {WITH_CHILD}
         FROM care_entries e
         WHERE {CURRENT} AND substr(e.happened_at, 1, 10) BETWEEN ?1 AND ?2"
    ))
    .bind(first - Days::new(366))
    .bind(after)
    .fetch_all(pool)
    .await?;
    // Stamps are UTC: a day either side, then the school's day decides.
    let diary: Vec<(i64, i64, String, bool)> = sqlx::query_as(
        "SELECT author_id, child_id, written_at, reply_to IS NOT NULL FROM diary_entries
         WHERE by_child = 0 AND source IS NULL AND written_at BETWEEN ?1 AND ?2",
    )
    .bind((first - Days::new(4)).to_string())
    .bind((after + Days::new(2)).to_string())
    .fetch_all(pool)
    .await?;
    // Due in the period, or due earlier and overdue in it: still open, or closed in it; or
    // taken over with a pairing and due in it, closed since the pairing began (the stamps
    // are UTC: a day more, then the school's day decides).
    let follow_ups: Vec<(i64, i64, NaiveDate, Option<String>)> = sqlx::query_as(
        "SELECT id, child_id, follow_up_due, follow_up_closed_at FROM checkup_results
         WHERE follow_up IS NOT NULL AND follow_up_due <= ?2
           AND (follow_up_due >= ?1 OR follow_up_closed_at IS NULL OR follow_up_closed_at >= ?3)",
    )
    .bind(first)
    .bind(end)
    .bind((first - Days::new(TAKEOVER_DAYS + 1)).to_string())
    .fetch_all(pool)
    .await?;
    let concerns: Vec<(i64, i64, i64, String, NaiveDate, Option<String>)> = sqlx::query_as(
        "SELECT id, child_id, raised_by, raised_at, address_by, closed_at FROM concerns
         WHERE address_by BETWEEN ?1 AND ?2 OR raised_at BETWEEN ?3 AND ?4
            OR (address_by < ?1 AND (closed_at IS NULL OR closed_at >= ?3))",
    )
    .bind(first)
    .bind(end)
    .bind((first - Days::new(1)).to_string())
    .bind((end + Days::new(2)).to_string())
    .fetch_all(pool)
    .await?;
    let children: Vec<i64> = pairings.iter().map(|p| p.1).collect();
    Ok(Facts {
        pairings: pairings
            .into_iter()
            .map(
                |(counselor, child, class_id, name, from, to, birth, calendar)| PairingFact {
                    counselor,
                    child,
                    class_id,
                    name,
                    from,
                    to,
                    birth,
                    lunar: calendar == "lunar",
                },
            )
            .collect(),
        contacts: contacts
            .into_iter()
            .map(
                |(author, child, kind, day, study, life, activities, failed, with_child)| {
                    Ok(ContactFact {
                        author,
                        child,
                        kind: CareKind::parse(&kind)
                            .ok_or_else(|| unreadable("care kind", &kind))?,
                        day: day.parse().map_err(|_| unreadable("contact day", &day))?,
                        study,
                        life,
                        activities,
                        not_confirmed: failed,
                        with_child,
                    })
                },
            )
            .collect::<Result<_, AppError>>()?,
        diary: diary
            .into_iter()
            .filter_map(|(author, child, at, reply)| {
                let day = local_day(&at, zone)?;
                (first <= day && day <= after).then_some(DiaryFact {
                    author,
                    child,
                    day,
                    reply,
                })
            })
            .collect(),
        follow_ups: follow_ups
            .into_iter()
            .map(|(id, child, due, closed)| DueFact {
                id,
                child,
                by: None,
                raised: None,
                due,
                closed: closed.as_deref().and_then(|c| local_day(c, zone)),
            })
            .collect(),
        concerns: concerns
            .into_iter()
            .map(|(id, child, by, raised, due, closed)| DueFact {
                id,
                child,
                by: Some(by),
                raised: local_day(&raised, zone),
                due,
                closed: closed.as_deref().and_then(|c| local_day(c, zone)),
            })
            .collect(),
        habits: habits(pool, &children, first, end).await?,
    })
}

/// The chore and diary days of `children` that counted from eight weeks before `end` (the
/// trend) or `first`, whichever is earlier, to `end`. Days count from the first the school
/// recorded one: a school that starts mid-year is not shown months of misses.
async fn habits(
    pool: &SqlitePool,
    children: &[i64],
    first: NaiveDate,
    end: NaiveDate,
) -> Result<HashMap<i64, HabitDays>, AppError> {
    let since: Option<NaiveDate> =
        sqlx::query_scalar("SELECT MIN(day) FROM habit_log WHERE withdrawn_at IS NULL")
            .fetch_one(pool)
            .await?;
    let Some(since) = since else {
        return Ok(HashMap::new());
    };
    let from = first.min(end - Days::new(55)).max(since);
    if from > end {
        return Ok(HashMap::new());
    }
    let school = crate::habits::db::school_days(pool, from, end).await?;
    let mut ticked: HashMap<(i64, Habit), std::collections::HashSet<NaiveDate>> = HashMap::new();
    for (child, habit, days) in crate::habits::db::days_by_child(pool, from, end).await? {
        ticked.insert((child, habit), days.into_iter().collect());
    }
    let excuses = crate::habits::excuses_db::excuses(pool, Whose::School, from, end).await?;
    let none = Default::default();
    let mut out = HashMap::new();
    for &child in children {
        let excused = Excused(
            excuses
                .iter()
                .filter(|e| e.1 == child)
                .map(|e| (e.2, e.3, e.4))
                .collect(),
        );
        let mut days = HabitDays::new();
        for habit in [Habit::Chore, Habit::Diary] {
            let done = ticked.get(&(child, habit)).unwrap_or(&none);
            days.extend(
                daily_marks(done, &school, &excused, from, end)
                    .into_iter()
                    .filter_map(|(day, mark)| match mark {
                        HabitMark::Done => Some((day, true)),
                        HabitMark::Missed => Some((day, false)),
                        HabitMark::Skip(_) | HabitMark::Open => None,
                    }),
            );
        }
        out.insert(child, days);
    }
    Ok(out)
}
