//! Awards in SQLite: the term's criteria and the nominations with their evidence.

use sqlx::{SqliteConnection, SqlitePool};

use super::types::{Evidence, NominationState};
use crate::error::AppError;
use crate::school::types::ClassLabel;

/// The criteria of a term and their version (`None`: not set yet).
pub async fn criteria(pool: &SqlitePool, term: &str) -> Result<Option<(String, i64)>, AppError> {
    Ok(
        sqlx::query_as("SELECT criteria, version FROM award_terms WHERE term = ?")
            .bind(term)
            .fetch_optional(pool)
            .await?,
    )
}

/// Sets a term's criteria seen at `version` (0: none yet); a stale edit is a conflict.
pub async fn save_criteria(
    conn: &mut SqliteConnection,
    term: &str,
    criteria: &str,
    version: i64,
    by: i64,
) -> Result<(), AppError> {
    let sql = if version == 0 {
        "INSERT INTO award_terms (term, criteria, set_by) SELECT ?1, ?2, ?3 WHERE ?4 = 0
         ON CONFLICT (term) DO NOTHING"
    } else {
        "UPDATE award_terms SET criteria = ?2, set_by = ?3, version = version + 1,
             set_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
         WHERE term = ?1 AND version = ?4"
    };
    let done = sqlx::query(sql)
        .bind(term)
        .bind(criteria)
        .bind(by)
        .bind(version)
        .execute(conn)
        .await?;
    crate::school::db::changed(&done)
}

/// A nomination as stored, with the names it shows.
#[derive(Debug, Clone)]
pub struct NominationRow {
    pub id: i64,
    pub version: i64,
    /// The term's key ("2026-spring").
    pub term: String,
    pub child_id: i64,
    pub child_name: String,
    pub class_id: i64,
    pub class: ClassLabel,
    pub nominated_by: i64,
    pub nominator: String,
    pub statement: String,
    pub evidence: Evidence,
    pub state: NominationState,
    pub decided_by: Option<String>,
    pub decided_on: Option<chrono::NaiveDate>,
    pub decision_note: String,
}

/// A nomination's columns as selected.
#[derive(sqlx::FromRow)]
struct Stored {
    id: i64,
    version: i64,
    term: String,
    child_id: i64,
    child_name: String,
    class_id: i64,
    grade: i64,
    number: i64,
    nominated_by: i64,
    nominator: String,
    statement: String,
    evidence: String,
    state: String,
    decider: Option<String>,
    decided_on: Option<chrono::NaiveDate>,
    decision_note: String,
}

const SELECT: &str = "SELECT n.id, n.version, n.term, n.child_id, c.name AS child_name, c.class_id,
        k.grade, k.number, n.nominated_by, u.display_name AS nominator, n.statement, n.evidence,
        n.state, d.display_name AS decider, n.decided_on, n.decision_note
     FROM nominations n JOIN children c ON c.id = n.child_id JOIN classes k ON k.id = c.class_id
     JOIN users u ON u.id = n.nominated_by LEFT JOIN users d ON d.id = n.decided_by";

fn read(row: Stored) -> Result<NominationRow, AppError> {
    let id = row.id;
    let evidence = serde_json::from_str(&row.evidence)
        .map_err(|e| AppError::internal(format!("nomination {id}: evidence unreadable: {e}")))?;
    let state = NominationState::parse(&row.state)
        .ok_or_else(|| AppError::internal(format!("nomination {id}: state {:?}", row.state)))?;
    Ok(NominationRow {
        id,
        version: row.version,
        term: row.term,
        child_id: row.child_id,
        child_name: row.child_name,
        class_id: row.class_id,
        class: crate::school::db::stored_class(row.class_id, row.grade, row.number)?,
        nominated_by: row.nominated_by,
        nominator: row.nominator,
        statement: row.statement,
        evidence,
        state,
        decided_by: row.decider,
        decided_on: row.decided_on,
        decision_note: row.decision_note,
    })
}

/// The nominations of a term, the newest first.
pub async fn nominations(pool: &SqlitePool, term: &str) -> Result<Vec<NominationRow>, AppError> {
    let rows: Vec<Stored> = sqlx::query_as(&format!(
        "{SELECT} WHERE n.term = ? ORDER BY n.state = 'pending' DESC, n.id DESC"
    ))
    .bind(term)
    .fetch_all(pool)
    .await?;
    rows.into_iter().map(read).collect()
}

pub async fn nomination(pool: &SqlitePool, id: i64) -> Result<NominationRow, AppError> {
    let row: Stored = sqlx::query_as(&format!("{SELECT} WHERE n.id = ?"))
        .bind(id)
        .fetch_optional(pool)
        .await?
        .ok_or(AppError::NotFound)?;
    read(row)
}

/// The state of the child's standing nomination this term (a declined one does not stand).
pub async fn standing(
    pool: &SqlitePool,
    term: &str,
    child: i64,
) -> Result<Option<NominationState>, AppError> {
    let state: Option<String> = sqlx::query_scalar(
        "SELECT state FROM nominations WHERE term = ? AND child_id = ? AND state <> 'declined'",
    )
    .bind(term)
    .bind(child)
    .fetch_optional(pool)
    .await?;
    Ok(state.as_deref().and_then(NominationState::parse))
}

/// The terms the child was named 自强好少年, the latest first ("2026-spring").
pub async fn approved_terms(pool: &SqlitePool, child: i64) -> Result<Vec<String>, AppError> {
    Ok(sqlx::query_scalar(
        "SELECT term FROM nominations WHERE child_id = ? AND state = 'approved' ORDER BY term DESC",
    )
    .bind(child)
    .fetch_all(pool)
    .await?)
}

/// Keeps a nomination; a child already nominated this term is a conflict.
pub async fn insert_nomination(
    conn: &mut SqliteConnection,
    term: &str,
    child: i64,
    by: i64,
    statement: &str,
    evidence: &Evidence,
) -> Result<i64, AppError> {
    let evidence = serde_json::to_string(evidence)
        .map_err(|e| AppError::internal(format!("evidence: {e}")))?;
    let id: Option<i64> = sqlx::query_scalar(
        "INSERT INTO nominations (term, child_id, nominated_by, statement, evidence)
         VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING RETURNING id",
    )
    .bind(term)
    .bind(child)
    .bind(by)
    .bind(statement)
    .bind(evidence)
    .fetch_optional(conn)
    .await?;
    id.ok_or(AppError::Conflict)
}

/// Approves or declines a pending nomination seen at `version` on the school's `today`; a
/// stale or decided one is a conflict. The database refuses a decision by the nominator too.
pub async fn decide(
    conn: &mut SqliteConnection,
    id: i64,
    version: i64,
    state: NominationState,
    by: i64,
    note: &str,
    today: chrono::NaiveDate,
) -> Result<(), AppError> {
    let done = sqlx::query(
        "UPDATE nominations SET state = ?, decided_by = ?, decision_note = ?, decided_on = ?,
             version = version + 1, decided_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
         WHERE id = ? AND version = ? AND state = 'pending'",
    )
    .bind(state.key())
    .bind(by)
    .bind(note)
    .bind(today)
    .bind(id)
    .bind(version)
    .execute(conn)
    .await?;
    crate::school::db::changed(&done)
}

/// Pins the award in the child's growth diary (a moment from the school, not a reply).
pub async fn pin_in_diary(
    conn: &mut SqliteConnection,
    child: i64,
    by: i64,
    nomination: i64,
    body: &str,
) -> Result<(), AppError> {
    sqlx::query(
        "INSERT INTO diary_entries (uid, child_id, author_id, by_child, body, sticker, source)
         VALUES (?, ?, ?, 0, ?, 'proud', 'award') ON CONFLICT (uid) DO NOTHING",
    )
    .bind(format!("award-nomination-{nomination:010}"))
    .bind(child)
    .bind(by)
    .bind(body)
    .execute(conn)
    .await?;
    Ok(())
}
