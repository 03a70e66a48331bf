//! The assessment in SQLite: the scheme of a school year, the sheets with the leading
//! group's marks, and the counselors' responses (what sheets are compiled from: `facts_db`).

use std::collections::HashMap;

use chrono::NaiveDate;
use sqlx::{SqliteConnection, SqlitePool};

use super::domain::Mark;
use super::types::{Criterion, Response, ResponseKind, Scheme};
use crate::error::AppError;

pub(super) fn unreadable(what: &str, raw: &str) -> AppError {
    AppError::internal(format!("assessment: unreadable {what} {raw:?}"))
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
