//! What families propose to change in the child's file, in SQLite: stored as sent,
//! decided by staff, and written into the file when accepted.

use sqlx::{SqliteConnection, SqlitePool};

use super::db::unreadable;
use super::domain::ProposalDraft;
use super::types::{KeptWindow, Parent, ProposalState};
use crate::children::work_place_domain::WorkPlace;
use crate::error::AppError;
use crate::school::types::SQL_NOW;

/// Stores what a family proposed about `child` through `link`; its id. The same proposal
/// still waiting for the teacher (the phone's Back, then send again) is not stored twice:
/// its id.
pub async fn insert_proposal(
    conn: &mut SqliteConnection,
    link: i64,
    child: i64,
    draft: &ProposalDraft,
) -> Result<i64, AppError> {
    let window = draft
        .window
        .as_ref()
        .map(|w| serde_json::to_string(&KeptWindow::of(w)))
        .transpose()
        .map_err(|e| AppError::internal(e.to_string()))?;
    let waiting: Option<i64> = sqlx::query_scalar(
        "SELECT id FROM family_proposals
         WHERE link_id = ?1 AND child_id = ?2 AND parent = ?3 AND phone IS ?4 AND work_city IS ?5
           AND call_window IS ?6 AND state = 'pending'",
    )
    .bind(link)
    .bind(child)
    .bind(draft.parent.key())
    .bind(&draft.phone)
    .bind(&draft.work_city)
    .bind(&window)
    .fetch_optional(&mut *conn)
    .await?;
    if let Some(id) = waiting {
        return Ok(id);
    }
    Ok(sqlx::query_scalar(
        "INSERT INTO family_proposals (link_id, child_id, parent, phone, work_city, call_window)
         VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
    )
    .bind(link)
    .bind(child)
    .bind(draft.parent.key())
    .bind(&draft.phone)
    .bind(&draft.work_city)
    .bind(window)
    .fetch_one(&mut *conn)
    .await?)
}

/// A stored proposal.
#[derive(Debug, Clone)]
pub struct ProposalRow {
    pub id: i64,
    /// Its link was revoked since.
    pub link_revoked: bool,
    pub child_id: i64,
    pub parent: Parent,
    pub phone: Option<String>,
    pub work_city: Option<String>,
    pub window: Option<KeptWindow>,
    pub state: ProposalState,
    pub created_at: String,
}

type Row = (
    i64,
    i64,
    String,
    Option<String>,
    Option<String>,
    Option<String>,
    String,
    String,
    bool,
);

fn proposal(r: Row) -> Result<ProposalRow, AppError> {
    Ok(ProposalRow {
        id: r.0,
        link_revoked: r.8,
        child_id: r.1,
        parent: Parent::parse(&r.2).ok_or_else(|| unreadable("parent", &r.2))?,
        phone: r.3,
        work_city: r.4,
        window: r
            .5
            .as_deref()
            .map(|w| serde_json::from_str(w).map_err(|_| unreadable("call window", w)))
            .transpose()?,
        state: ProposalState::parse(&r.6).ok_or_else(|| unreadable("state", &r.6))?,
        created_at: r.7,
    })
}

const PROPOSAL: &str =
    "SELECT p.id, p.child_id, p.parent, p.phone, p.work_city, p.call_window, p.state,
        p.created_at, l.revoked_at IS NOT NULL
    FROM family_proposals p JOIN family_links l ON l.id = p.link_id";

/// The proposals about `child`, pending first, the newest first.
pub async fn proposals(pool: &SqlitePool, child: i64) -> Result<Vec<ProposalRow>, AppError> {
    let rows: Vec<Row> = sqlx::query_as(&format!(
        "{PROPOSAL} WHERE p.child_id = ? ORDER BY p.state <> 'pending', p.id DESC"
    ))
    .bind(child)
    .fetch_all(pool)
    .await?;
    rows.into_iter().map(proposal).collect()
}

/// The last `limit` proposals about `child` sent through `link`, the newest first.
pub async fn proposed_through(
    pool: &SqlitePool,
    link: i64,
    child: i64,
    limit: i64,
) -> Result<Vec<ProposalRow>, AppError> {
    let rows: Vec<Row> = sqlx::query_as(&format!(
        "{PROPOSAL} WHERE p.link_id = ? AND p.child_id = ? ORDER BY p.id DESC LIMIT ?"
    ))
    .bind(link)
    .bind(child)
    .bind(limit)
    .fetch_all(pool)
    .await?;
    rows.into_iter().map(proposal).collect()
}

pub async fn proposal_by_id(pool: &SqlitePool, id: i64) -> Result<ProposalRow, AppError> {
    let row: Option<Row> = sqlx::query_as(&format!("{PROPOSAL} WHERE p.id = ?"))
        .bind(id)
        .fetch_optional(pool)
        .await?;
    proposal(row.ok_or(AppError::NotFound)?)
}

/// Decides a pending proposal; a decided one is a conflict.
pub async fn decide(
    conn: &mut SqliteConnection,
    id: i64,
    state: ProposalState,
    by: i64,
) -> Result<(), AppError> {
    let done = sqlx::query(&format!(
        "UPDATE family_proposals SET state = ?, decided_by = ?, decided_at = {SQL_NOW}
         WHERE id = ? AND state = 'pending'"
    ))
    .bind(state.key())
    .bind(by)
    .bind(id)
    .execute(&mut *conn)
    .await?;
    crate::school::db::changed(&done)
}

/// Writes an accepted phone number and the parents' places of work (`ParentsPlaces::stored`:
/// the parents' province and city, the mother's own) into the child's file seen at
/// `version` (a file changed since is a conflict).
pub async fn apply_to_file(
    conn: &mut SqliteConnection,
    child: i64,
    version: i64,
    parent: Parent,
    phone: Option<&str>,
    places: Option<&(WorkPlace, Option<String>)>,
) -> Result<(), AppError> {
    let column = match parent {
        Parent::Father => "father_phone",
        Parent::Mother => "mother_phone",
    };
    let done = sqlx::query(&format!(
        "UPDATE children SET {column} = COALESCE(?1, {column}),
                work_province = CASE WHEN ?2 THEN ?3 ELSE work_province END,
                work_city = CASE WHEN ?2 THEN ?4 ELSE work_city END,
                mother_work_place = CASE WHEN ?2 THEN ?5 ELSE mother_work_place END,
                version = version + 1, updated_at = {SQL_NOW}
                  WHERE id = ?6 AND version = ?7"
    ))
    .bind(phone)
    .bind(places.is_some())
    .bind(places.and_then(|(w, _)| w.province.as_deref()))
    .bind(places.and_then(|(w, _)| w.city.as_deref()))
    .bind(places.and_then(|(_, m)| m.as_deref()))
    .bind(child)
    .bind(version)
    .execute(&mut *conn)
    .await?;
    crate::school::db::changed(&done)
}
