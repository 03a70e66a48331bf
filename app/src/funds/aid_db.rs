//! Aid for a child in SQLite: the requests, each leader's decision, the payment's receipt,
//! and what the public page may say of them (the grade and the need, never the child).

use chrono::NaiveDate;
use sqlx::{SqliteConnection, SqlitePool};

use super::types::{AidState, Decision, Need, Payment, PublicAid};
use crate::error::AppError;
use crate::school::db::stored_class;
use crate::school::types::ClassLabel;

fn unreadable(what: &str, raw: &str) -> AppError {
    AppError::internal(format!("aid: unreadable {what} {raw:?}"))
}

/// A request as stored, with its child's name and class and the requester.
#[derive(Debug, Clone)]
pub struct StoredRequest {
    pub id: i64,
    pub version: i64,
    pub child_id: i64,
    pub child_name: String,
    pub class_id: i64,
    pub class: ClassLabel,
    pub need: Need,
    pub amount_fen: i64,
    pub reason: String,
    pub checkup_year: Option<i32>,
    pub requested_by: i64,
    pub requester: String,
    pub requested_on: NaiveDate,
    pub state: AidState,
}

type RequestRow = (
    i64,
    i64,
    i64,
    String,
    i64,
    i64,
    i64,
    String,
    i64,
    String,
    Option<i32>,
    i64,
    String,
    NaiveDate,
    String,
);

const REQUEST_SELECT: &str =
    "SELECT q.id, q.version, c.id, c.name, c.class_id, k.grade, k.number, q.need, q.amount_fen,
        q.reason, q.checkup_year, q.requested_by, u.display_name, q.requested_on, q.state
 FROM aid_requests q JOIN children c ON c.id = q.child_id JOIN classes k ON k.id = c.class_id
 JOIN users u ON u.id = q.requested_by";

fn request(r: RequestRow) -> Result<StoredRequest, AppError> {
    Ok(StoredRequest {
        id: r.0,
        version: r.1,
        child_id: r.2,
        child_name: r.3,
        class_id: r.4,
        class: stored_class(r.4, r.5, r.6)?,
        need: Need::parse(&r.7).ok_or_else(|| unreadable("need", &r.7))?,
        amount_fen: r.8,
        reason: r.9,
        checkup_year: r.10,
        requested_by: r.11,
        requester: r.12,
        requested_on: r.13,
        state: AidState::parse(&r.14).ok_or_else(|| unreadable("state", &r.14))?,
    })
}

/// Every request, open ones first, then the newest.
pub async fn requests(pool: &SqlitePool) -> Result<Vec<StoredRequest>, AppError> {
    let rows: Vec<RequestRow> = sqlx::query_as(&format!(
        "{REQUEST_SELECT} ORDER BY q.state NOT IN ('pending', 'approved'), q.requested_on DESC, q.id DESC"
    ))
    .fetch_all(pool)
    .await?;
    rows.into_iter().map(request).collect()
}

pub async fn one(conn: &mut SqliteConnection, id: i64) -> Result<StoredRequest, AppError> {
    let row: Option<RequestRow> = sqlx::query_as(&format!("{REQUEST_SELECT} WHERE q.id = ?"))
        .bind(id)
        .fetch_optional(conn)
        .await?;
    request(row.ok_or(AppError::NotFound)?)
}

pub struct NewRequest<'a> {
    pub child: i64,
    pub need: Need,
    pub amount_fen: i64,
    pub reason: &'a str,
    pub checkup_year: Option<i32>,
    pub day: NaiveDate,
}

pub async fn insert_request(
    conn: &mut SqliteConnection,
    new: &NewRequest<'_>,
    by: i64,
) -> Result<i64, AppError> {
    sqlx::query_scalar(
        "INSERT INTO aid_requests (child_id, need, amount_fen, reason, grade, checkup_year, requested_by, requested_on)
         SELECT ?1, ?2, ?3, ?4, k.grade, ?5, ?6, ?7 FROM children c JOIN classes k ON k.id = c.class_id WHERE c.id = ?1
         RETURNING id",
    )
    .bind(new.child)
    .bind(new.need.key())
    .bind(new.amount_fen)
    .bind(new.reason)
    .bind(new.checkup_year)
    .bind(by)
    .bind(new.day)
    .fetch_optional(conn)
    .await?
    .ok_or(AppError::NotFound)
}

/// Whether aid was already asked for the child's follow-up of `year` and is not declined.
pub async fn asked_for_follow_up(
    conn: &mut SqliteConnection,
    child: i64,
    year: i32,
) -> Result<bool, AppError> {
    Ok(sqlx::query_scalar::<_, i64>(
        "SELECT COUNT(*) FROM aid_requests WHERE child_id = ? AND checkup_year = ? AND state <> 'declined'",
    )
    .bind(child)
    .bind(year)
    .fetch_one(conn)
    .await?
        > 0)
}

/// Every decision, with the decider's id and name, by request.
pub async fn decisions(pool: &SqlitePool) -> Result<Vec<(i64, i64, Decision)>, AppError> {
    let rows: Vec<(i64, i64, String, bool, String, NaiveDate)> = sqlx::query_as(
        "SELECT d.aid_id, d.user_id, u.display_name, d.approve, d.note, d.decided_on
         FROM aid_decisions d JOIN users u ON u.id = d.user_id ORDER BY d.decided_on, d.rowid",
    )
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(aid, user, who, approve, note, day)| {
            (
                aid,
                user,
                Decision {
                    who,
                    approve,
                    note,
                    day,
                },
            )
        })
        .collect())
}

/// Records `user`'s decision on a request seen at `version` and says how many approved and
/// refused it so far (the caller sets its state from them); a request decided meanwhile
/// (or already decided by `user`) is a conflict.
pub async fn decide(
    conn: &mut SqliteConnection,
    id: i64,
    version: i64,
    user: i64,
    approve: bool,
    note: &str,
    day: NaiveDate,
) -> Result<(i64, i64), AppError> {
    let moved = sqlx::query(
        "UPDATE aid_requests SET version = version + 1 WHERE id = ? AND version = ? AND state = 'pending'",
    )
    .bind(id)
    .bind(version)
    .execute(&mut *conn)
    .await?;
    crate::school::db::changed(&moved)?;
    sqlx::query(
        "INSERT INTO aid_decisions (aid_id, user_id, approve, note, decided_on) VALUES (?, ?, ?, ?, ?)",
    )
    .bind(id)
    .bind(user)
    .bind(approve)
    .bind(note)
    .bind(day)
    .execute(&mut *conn)
    .await
    .map_err(|e| match e {
        sqlx::Error::Database(db) if db.is_unique_violation() => AppError::Conflict,
        other => other.into(),
    })?;
    Ok(sqlx::query_as(
        "SELECT COALESCE(SUM(approve), 0), COALESCE(SUM(1 - approve), 0) FROM aid_decisions WHERE aid_id = ?",
    )
    .bind(id)
    .fetch_one(conn)
    .await?)
}

/// Sets a request's state (after its decisions, or once paid, or back to approved when its
/// payment was reversed).
pub async fn set_state(
    conn: &mut SqliteConnection,
    id: i64,
    state: AidState,
) -> Result<(), AppError> {
    sqlx::query("UPDATE aid_requests SET state = ?, version = version + 1 WHERE id = ?")
        .bind(state.key())
        .bind(id)
        .execute(conn)
        .await?;
    Ok(())
}

/// Marks an approved request seen at `version` paid; anything else is a conflict.
pub async fn mark_paid(conn: &mut SqliteConnection, id: i64, version: i64) -> Result<(), AppError> {
    let done = sqlx::query(
        "UPDATE aid_requests SET state = 'paid', version = version + 1
         WHERE id = ? AND version = ? AND state = 'approved'",
    )
    .bind(id)
    .bind(version)
    .execute(conn)
    .await?;
    crate::school::db::changed(&done)
}

/// Keeps the receipt of the payment `entry` of request `aid`.
pub async fn insert_receipt(
    conn: &mut SqliteConnection,
    entry: i64,
    aid: i64,
    picture: &crate::care::picture_domain::Picture,
) -> Result<(), AppError> {
    sqlx::query(
        "INSERT INTO aid_receipts (entry_id, aid_id, jpeg, width, height) VALUES (?, ?, ?, ?, ?)",
    )
    .bind(entry)
    .bind(aid)
    .bind(&picture.jpeg)
    .bind(picture.width)
    .bind(picture.height)
    .execute(conn)
    .await?;
    Ok(())
}

/// The receipt of the request's latest payment.
pub async fn receipt(pool: &SqlitePool, aid: i64) -> Result<Option<Vec<u8>>, AppError> {
    Ok(sqlx::query_scalar(
        "SELECT jpeg FROM aid_receipts WHERE aid_id = ? ORDER BY entry_id DESC LIMIT 1",
    )
    .bind(aid)
    .fetch_optional(pool)
    .await?)
}

/// The standing payment of each paid request (its line not reversed).
pub async fn payments(pool: &SqlitePool) -> Result<Vec<(i64, Payment)>, AppError> {
    let rows: Vec<(i64, i64, String, NaiveDate, bool)> = sqlx::query_as(
        "SELECT l.aid_id, l.id, f.name, l.on_day, EXISTS (SELECT 1 FROM aid_receipts r WHERE r.entry_id = l.id)
         FROM ledger l JOIN funds f ON f.id = l.fund_id
         WHERE l.kind = 'aid' AND NOT EXISTS (SELECT 1 FROM ledger r WHERE r.reverses = l.id)",
    )
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(aid, entry, fund, day, receipt)| {
            (
                aid,
                Payment {
                    entry,
                    fund,
                    day,
                    receipt,
                },
            )
        })
        .collect())
}

/// The aid paid in `year` as the public sees it: day, the grade when asked, need, amount.
/// A line reversed within the same year is left out (it adds up to nothing in the year's
/// totals too); one reversed in a later year stays in its year, and the reversal counts in
/// the later one.
pub async fn public_aid(pool: &SqlitePool, year: i32) -> Result<Vec<PublicAid>, AppError> {
    let rows: Vec<(String, i64, String, i64)> = sqlx::query_as(
        "SELECT substr(l.on_day, 1, 7), q.grade, q.need, -l.cash_fen
         FROM ledger l JOIN aid_requests q ON q.id = l.aid_id
         WHERE l.kind = 'aid' AND substr(l.on_day, 1, 4) = ?1
           AND NOT EXISTS (SELECT 1 FROM ledger r WHERE r.reverses = l.id AND substr(r.on_day, 1, 4) = ?1)
         ORDER BY l.on_day, l.id",
    )
    .bind(format!("{year:04}"))
    .fetch_all(pool)
    .await?;
    rows.into_iter()
        .map(|(month, grade, need, amount_fen)| {
            Ok(PublicAid {
                month,
                grade,
                need: Need::parse(&need).ok_or_else(|| unreadable("need", &need))?,
                amount_fen,
            })
        })
        .collect()
}

/// Approved needs not yet paid, by need: how many requests and the fen they want.
pub async fn waiting_needs(pool: &SqlitePool) -> Result<Vec<(Need, i64, i64)>, AppError> {
    let rows: Vec<(String, i64, i64)> = sqlx::query_as(
        "SELECT need, COUNT(*), SUM(amount_fen) FROM aid_requests
         WHERE state = 'approved' GROUP BY need ORDER BY need",
    )
    .fetch_all(pool)
    .await?;
    rows.into_iter()
        .map(|(need, requests, wanted_fen)| {
            Ok((
                Need::parse(&need).ok_or_else(|| unreadable("need", &need))?,
                requests,
                wanted_fen,
            ))
        })
        .collect()
}

/// Cash paid out in `year` per need (aid lines, reversals taken off).
pub async fn out_by_need(pool: &SqlitePool, year: i32) -> Result<Vec<(Need, i64)>, AppError> {
    let rows: Vec<(String, i64)> = sqlx::query_as(
        "SELECT q.need, -SUM(l.cash_fen)
         FROM ledger l LEFT JOIN ledger o ON o.id = l.reverses
         JOIN aid_requests q ON q.id = COALESCE(l.aid_id, o.aid_id)
         WHERE substr(l.on_day, 1, 4) = ? GROUP BY q.need HAVING SUM(l.cash_fen) <> 0 ORDER BY q.need",
    )
    .bind(format!("{year:04}"))
    .fetch_all(pool)
    .await?;
    rows.into_iter()
        .map(|(need, fen)| {
            Ok((
                Need::parse(&need).ok_or_else(|| unreadable("need", &need))?,
                fen,
            ))
        })
        .collect()
}

/// Children at school the viewer might ask aid for: id, name, class id and label.
pub async fn active_children(
    pool: &SqlitePool,
) -> Result<Vec<(i64, String, i64, ClassLabel)>, AppError> {
    let rows: Vec<(i64, String, i64, i64, i64)> = sqlx::query_as(
        "SELECT c.id, c.name, c.class_id, k.grade, k.number FROM children c JOIN classes k ON k.id = c.class_id
         WHERE c.enrolment = 'active' ORDER BY k.grade, k.number, c.name, c.id",
    )
    .fetch_all(pool)
    .await?;
    rows.into_iter()
        .map(|(id, name, class_id, grade, number)| {
            Ok((id, name, class_id, stored_class(class_id, grade, number)?))
        })
        .collect()
}
