//! The assessment in SQLite: what a period's sheets are compiled from, the scheme of a
//! year, the sheets with the leading group's marks, and the counselors' responses.

use std::collections::HashMap;

use chrono::{Days, NaiveDate};
use sqlx::{SqliteConnection, SqlitePool};

use super::compile_domain::{ContactFact, DiaryFact, DueFact, Facts, HabitDays, PairingFact};
use super::domain::Mark;
use super::types::{Criterion, Period, Response, ResponseKind, Scheme};
use crate::care::types::CareKind;
use crate::error::AppError;
use crate::habits::db::Whose;
use crate::habits::domain::{daily_marks, Excused};
use crate::habits::types::{Habit, Mark as HabitMark};

use crate::care::db::CURRENT;
use crate::school::types::local_day;

/// The contacts an inspection did not confirm, and every later version of them: a
/// correction does not wash out a finding.
pub const FAILED: &str = "WITH RECURSIVE failed(id) AS (
        SELECT entry_id FROM inspections WHERE outcome = 'not_confirmed'
        UNION SELECT n.id FROM care_entries n JOIN failed f ON n.replaces = f.id)";

fn unreadable(what: &str, raw: &str) -> AppError {
    AppError::internal(format!("assessment: unreadable {what} {raw:?}"))
}

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
type ContactRow = (i64, i64, String, String, bool, bool, bool, bool);

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
                e.id IN failed
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
    let follow_ups: Vec<(i64, i64, NaiveDate, Option<String>)> = sqlx::query_as(
        "SELECT id, child_id, follow_up_due, follow_up_closed_at FROM checkup_results
         WHERE follow_up_due BETWEEN ?1 AND ?2",
    )
    .bind(first)
    .bind(end)
    .fetch_all(pool)
    .await?;
    let concerns: Vec<(i64, i64, i64, String, NaiveDate, Option<String>)> = sqlx::query_as(
        "SELECT id, child_id, raised_by, raised_at, address_by, closed_at FROM concerns
         WHERE address_by BETWEEN ?1 AND ?2 OR raised_at BETWEEN ?3 AND ?4",
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
                |(author, child, kind, day, study, life, activities, failed)| {
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

/// Whether `counselor` was paired with a child at some time in `first..=last`.
pub async fn paired_in(
    pool: &SqlitePool,
    counselor: i64,
    first: NaiveDate,
    last: NaiveDate,
) -> Result<bool, AppError> {
    Ok(sqlx::query_scalar(
        "SELECT EXISTS (SELECT 1 FROM pairings WHERE counselor_id = ?1 AND started_on <= ?3
                        AND (ended_on IS NULL OR ended_on >= ?2))",
    )
    .bind(counselor)
    .bind(first)
    .bind(last)
    .fetch_one(pool)
    .await?)
}

/// The names of the counselors (and anyone ever paired with a child), by id.
pub async fn counselor_names(pool: &SqlitePool) -> Result<HashMap<i64, String>, AppError> {
    let rows: Vec<(i64, String)> = sqlx::query_as(
        "SELECT id, display_name FROM users
         WHERE role = 'counselor' OR id IN (SELECT counselor_id FROM pairings)",
    )
    .fetch_all(pool)
    .await?;
    Ok(rows.into_iter().collect())
}

/// The scheme the leading group set for the school year `year`.
pub async fn scheme(pool: &SqlitePool, year: i32) -> Result<Option<Scheme>, AppError> {
    let row: Option<(String, i64, i64, i64, i64)> = sqlx::query_as(
        "SELECT weights, talk_days, visit_days, penalty, version FROM assessment_schemes WHERE year = ?",
    )
    .bind(year)
    .fetch_optional(pool)
    .await?;
    row.map(|(weights, talk, visit, penalty, version)| {
        let stored: Vec<(String, u32)> =
            serde_json::from_str(&weights).map_err(|_| unreadable("weights", &weights))?;
        let weights = stored
            .into_iter()
            .map(|(key, w)| {
                Ok((
                    Criterion::parse(&key).ok_or_else(|| unreadable("criterion", &key))?,
                    w,
                ))
            })
            .collect::<Result<_, AppError>>()?;
        Ok(Scheme {
            year,
            weights,
            talk_days: talk as u64,
            visit_days: visit as u64,
            penalty: penalty as u32,
            version,
        })
    })
    .transpose()
}

/// Sets the year's scheme seen at `version` (0: none yet); a stale edit is a conflict.
pub async fn save_scheme(
    conn: &mut SqliteConnection,
    scheme: &Scheme,
    version: i64,
    by: i64,
) -> Result<(), AppError> {
    let weights: Vec<(&str, u32)> = scheme.weights.iter().map(|(c, w)| (c.key(), *w)).collect();
    let weights = serde_json::to_string(&weights).map_err(|e| AppError::internal(e.to_string()))?;
    // ?7: the version seen (0 for a new scheme, which must not exist yet).
    let sql = if version == 0 {
        "INSERT INTO assessment_schemes (year, weights, talk_days, visit_days, penalty, set_by)
         SELECT ?1, ?2, ?3, ?4, ?5, ?6 WHERE ?7 = 0 ON CONFLICT (year) DO NOTHING"
    } else {
        "UPDATE assessment_schemes SET weights = ?2, talk_days = ?3, visit_days = ?4, penalty = ?5,
                set_by = ?6, version = version + 1, set_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
         WHERE year = ?1 AND version = ?7"
    };
    let done = sqlx::query(sql)
        .bind(scheme.year)
        .bind(weights)
        .bind(scheme.talk_days as i64)
        .bind(scheme.visit_days as i64)
        .bind(scheme.penalty as i64)
        .bind(by)
        .bind(version)
        .execute(&mut *conn)
        .await?;
    crate::school::db::changed(&done)
}

/// A stored sheet: id, counselor, version, the kept JSON and who closed it when.
#[derive(Debug, Clone)]
pub struct SheetRow {
    pub id: i64,
    pub counselor_id: i64,
    pub version: i64,
    pub kept: Option<String>,
    pub closed: Option<(String, String)>,
    pub signed: bool,
    pub answered: bool,
}

type SheetTuple = (
    i64,
    i64,
    i64,
    Option<String>,
    Option<String>,
    Option<String>,
    bool,
    bool,
);

/// The stored sheets of a period (`counselor`: of one counselor only).
pub async fn sheets(
    pool: &SqlitePool,
    period: &str,
    counselor: Option<i64>,
) -> Result<Vec<SheetRow>, AppError> {
    let rows: Vec<SheetTuple> = sqlx::query_as(
        "SELECT s.id, s.counselor_id, s.version, s.kept, s.closed_at, u.display_name,
                EXISTS (SELECT 1 FROM assessment_responses r WHERE r.sheet_id = s.id AND r.kind = 'sign'),
                EXISTS (SELECT 1 FROM assessment_responses r WHERE r.sheet_id = s.id AND r.kind = 'answer')
         FROM assessment_sheets s LEFT JOIN users u ON u.id = s.closed_by
         WHERE s.period = ?1 AND (?2 IS NULL OR s.counselor_id = ?2)",
    )
    .bind(period)
    .bind(counselor)
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(
            |(id, counselor_id, version, kept, at, by, signed, answered)| SheetRow {
                id,
                counselor_id,
                version,
                kept,
                closed: at.map(|at| (at, by.unwrap_or_default())),
                signed,
                answered,
            },
        )
        .collect())
}

/// The leading group's marks on the stored sheets of a period, by sheet.
pub async fn marks(
    pool: &SqlitePool,
    period: &str,
) -> Result<HashMap<i64, HashMap<Criterion, Mark>>, AppError> {
    let rows: Vec<(i64, String, Option<i64>, String)> = sqlx::query_as(
        "SELECT m.sheet_id, m.criterion, m.score, m.comment
         FROM assessment_marks m JOIN assessment_sheets s ON s.id = m.sheet_id WHERE s.period = ?",
    )
    .bind(period)
    .fetch_all(pool)
    .await?;
    let mut out: HashMap<i64, HashMap<Criterion, Mark>> = HashMap::new();
    for (sheet, key, score, comment) in rows {
        let criterion = Criterion::parse(&key).ok_or_else(|| unreadable("criterion", &key))?;
        let mark = Mark {
            score: score.map(|s| s as u32),
            comment,
        };
        out.entry(sheet).or_default().insert(criterion, mark);
    }
    Ok(out)
}

/// A counselor's signature and answers on a sheet, the oldest first.
pub async fn responses(
    pool: &SqlitePool,
    sheet: i64,
    zone: chrono_tz::Tz,
) -> Result<Vec<Response>, AppError> {
    let rows: Vec<(String, String, String)> = sqlx::query_as(
        "SELECT kind, body, at FROM assessment_responses WHERE sheet_id = ? ORDER BY id",
    )
    .bind(sheet)
    .fetch_all(pool)
    .await?;
    rows.into_iter()
        .map(|(kind, body, at)| {
            Ok(Response {
                kind: ResponseKind::parse(&kind).ok_or_else(|| unreadable("response", &kind))?,
                body,
                at: crate::school::types::local_time(&at, zone),
            })
        })
        .collect()
}

/// The sheet of `counselor` for `period`, stored open when it was not yet.
pub struct StoredSheet {
    pub id: i64,
    pub version: i64,
    pub closed: bool,
    /// Stored by this call.
    pub new: bool,
}

pub async fn sheet_for(
    conn: &mut SqliteConnection,
    counselor: i64,
    period: &str,
) -> Result<StoredSheet, AppError> {
    let inserted = sqlx::query(
        "INSERT INTO assessment_sheets (counselor_id, period) VALUES (?, ?)
         ON CONFLICT (counselor_id, period) DO NOTHING",
    )
    .bind(counselor)
    .bind(period)
    .execute(&mut *conn)
    .await?;
    let (id, version, closed): (i64, i64, bool) = sqlx::query_as(
        "SELECT id, version, closed_at IS NOT NULL FROM assessment_sheets WHERE counselor_id = ? AND period = ?",
    )
    .bind(counselor)
    .bind(period)
    .fetch_one(&mut *conn)
    .await?;
    Ok(StoredSheet {
        id,
        version,
        closed,
        new: inserted.rows_affected() == 1,
    })
}

/// The leading group's mark on one criterion of an open sheet seen at `seen` (0: a sheet
/// not stored yet, which this write has just stored).
pub async fn save_mark(
    conn: &mut SqliteConnection,
    sheet: &StoredSheet,
    seen: i64,
    criterion: Criterion,
    mark: &Mark,
    by: i64,
) -> Result<(), AppError> {
    let id = sheet.id;
    let expected = match (sheet.new, seen) {
        (true, 0) => sheet.version,
        // Seen as not stored, and someone stored it since: a conflict.
        (false, 0) | (true, _) => return Err(AppError::Conflict),
        (false, seen) => seen,
    };
    let done = sqlx::query(
        "UPDATE assessment_sheets SET version = version + 1 WHERE id = ? AND version = ? AND closed_at IS NULL",
    )
    .bind(id)
    .bind(expected)
    .execute(&mut *conn)
    .await?;
    crate::school::db::changed(&done)?;
    sqlx::query(
        "INSERT INTO assessment_marks (sheet_id, criterion, score, comment, marked_by) VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT (sheet_id, criterion) DO UPDATE SET score = ?3, comment = ?4, marked_by = ?5,
             marked_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')",
    )
    .bind(id)
    .bind(criterion.key())
    .bind(mark.score.map(i64::from))
    .bind(&mark.comment)
    .bind(by)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Closes a sheet, keeping `kept` as it is now; a closed one stays as it was.
pub async fn close(
    conn: &mut SqliteConnection,
    sheet: i64,
    kept: &str,
    by: i64,
) -> Result<bool, AppError> {
    let done = sqlx::query(
        "UPDATE assessment_sheets SET kept = ?, closed_by = ?, version = version + 1,
                closed_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
         WHERE id = ? AND closed_at IS NULL",
    )
    .bind(kept)
    .bind(by)
    .bind(sheet)
    .execute(&mut *conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// The counselor's signature (once; a second is a conflict) or a written answer.
pub async fn respond(
    conn: &mut SqliteConnection,
    sheet: i64,
    kind: ResponseKind,
    body: &str,
    by: i64,
) -> Result<(), AppError> {
    let done = sqlx::query(
        "INSERT INTO assessment_responses (sheet_id, kind, body, by_user) VALUES (?, ?, ?, ?)
         ON CONFLICT DO NOTHING",
    )
    .bind(sheet)
    .bind(kind.key())
    .bind(body)
    .bind(by)
    .execute(&mut *conn)
    .await?;
    crate::school::db::changed(&done)
}
