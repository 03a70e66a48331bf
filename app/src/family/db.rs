//! The families' links, messages and shared diary entries in SQLite (their proposals are
//! in `proposals_db`).

use chrono::NaiveDate;
use sqlx::{SqliteConnection, SqlitePool};

use super::types::{LinkSummary, Message};
use crate::error::AppError;
use crate::school::types::SQL_NOW;

pub(super) fn unreadable(what: &str, raw: &str) -> AppError {
    AppError::internal(format!("family: unreadable {what} {raw:?}"))
}

/// A live link found by its secret's hash: its id and its children still at school. A
/// revoked link, and a link whose children have all left, is no link.
pub async fn live(pool: &SqlitePool, hash: &str) -> Result<Option<(i64, Vec<i64>)>, AppError> {
    let rows: Vec<(i64, i64)> = sqlx::query_as(
        "SELECT l.id, c.id FROM family_links l
         JOIN family_link_children k ON k.link_id = l.id
         JOIN children c ON c.id = k.child_id AND c.enrolment = 'active'
         WHERE l.token_hash = ? AND l.revoked_at IS NULL ORDER BY c.id",
    )
    .bind(hash)
    .fetch_all(pool)
    .await?;
    Ok(rows
        .first()
        .map(|(link, _)| (*link, rows.iter().map(|(_, c)| *c).collect())))
}

/// Counts an opening of the page (how many, and the last day: nothing about who).
pub async fn opened(
    conn: &mut SqliteConnection,
    link: i64,
    today: NaiveDate,
) -> Result<(), AppError> {
    sqlx::query("UPDATE family_links SET opened = opened + 1, last_opened_on = ? WHERE id = ?")
        .bind(today)
        .bind(link)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// A new household link for `children`; its id.
pub async fn create(
    conn: &mut SqliteConnection,
    hash: &str,
    children: &[i64],
    by: i64,
) -> Result<i64, AppError> {
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO family_links (token_hash, created_by) VALUES (?, ?) RETURNING id",
    )
    .bind(hash)
    .bind(by)
    .fetch_one(&mut *conn)
    .await?;
    for child in children {
        sqlx::query("INSERT INTO family_link_children (link_id, child_id) VALUES (?, ?)")
            .bind(id)
            .bind(child)
            .execute(&mut *conn)
            .await?;
    }
    Ok(id)
}

/// The children of link `id` (revoked or not): id, class, still at school.
pub async fn link_children(pool: &SqlitePool, id: i64) -> Result<Vec<(i64, i64, bool)>, AppError> {
    Ok(sqlx::query_as(
        "SELECT c.id, c.class_id, c.enrolment = 'active' FROM family_link_children k
         JOIN children c ON c.id = k.child_id WHERE k.link_id = ? ORDER BY c.id",
    )
    .bind(id)
    .fetch_all(pool)
    .await?)
}

/// Revokes a live link, and declines what it proposed that is still pending (a leaked
/// link's proposals never reach the file); `NotFound` when there is no live link of that id.
pub async fn revoke(conn: &mut SqliteConnection, id: i64, by: i64) -> Result<(), AppError> {
    let done = sqlx::query(&format!(
        "UPDATE family_links SET revoked_at = {SQL_NOW} WHERE id = ? AND revoked_at IS NULL"
    ))
    .bind(id)
    .execute(&mut *conn)
    .await?;
    if done.rows_affected() == 0 {
        return Err(AppError::NotFound);
    }
    sqlx::query(&format!(
        "UPDATE family_proposals SET state = 'declined', decided_by = ?, decided_at = {SQL_NOW}
         WHERE link_id = ? AND state = 'pending'"
    ))
    .bind(by)
    .bind(id)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// The links that reach `child`, live ones first.
pub async fn links_of(
    pool: &SqlitePool,
    child: i64,
    zone: chrono_tz::Tz,
) -> Result<Vec<LinkSummary>, AppError> {
    type Row = (i64, String, String, i64, Option<NaiveDate>, bool, String);
    let rows: Vec<Row> = sqlx::query_as(
        "SELECT l.id, l.created_at, u.display_name, l.opened, l.last_opened_on,
                l.revoked_at IS NOT NULL,
                (SELECT group_concat(c.name, '、') FROM family_link_children k2
                 JOIN children c ON c.id = k2.child_id WHERE k2.link_id = l.id)
         FROM family_links l JOIN family_link_children k ON k.link_id = l.id
         JOIN users u ON u.id = l.created_by
         WHERE k.child_id = ? ORDER BY l.revoked_at IS NOT NULL, l.id DESC",
    )
    .bind(child)
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(
            |(id, created_at, created_by, opened, last, revoked, names)| LinkSummary {
                id,
                children: names.split('、').map(str::to_owned).collect(),
                created_at: crate::school::types::local_time(&created_at, zone),
                created_by,
                opened,
                last_opened_on: last,
                revoked,
            },
        )
        .collect())
}

/// A message from the family about `child`, sent through `link`; the same words sent again
/// within ten minutes are the one message (its id).
pub async fn insert_message(
    conn: &mut SqliteConnection,
    link: i64,
    child: i64,
    body: &str,
) -> Result<i64, AppError> {
    // The same words sent again within minutes (Back, then send): stored once.
    let again: Option<i64> = sqlx::query_scalar(
        "SELECT id FROM family_messages WHERE link_id = ? AND child_id = ? AND body = ?
           AND sent_at >= strftime('%Y-%m-%dT%H:%M:%SZ', 'now', '-10 minutes')",
    )
    .bind(link)
    .bind(child)
    .bind(body)
    .fetch_optional(&mut *conn)
    .await?;
    if let Some(id) = again {
        return Ok(id);
    }
    Ok(sqlx::query_scalar(
        "INSERT INTO family_messages (link_id, child_id, body) VALUES (?, ?, ?) RETURNING id",
    )
    .bind(link)
    .bind(child)
    .bind(body)
    .fetch_one(&mut *conn)
    .await?)
}

/// Messages and proposals a link sent since `since` (the school's midnight, as a UTC
/// stamp), counted inside the write that would add one.
pub async fn sent_since(
    conn: &mut SqliteConnection,
    link: i64,
    since: &str,
) -> Result<i64, AppError> {
    Ok(sqlx::query_scalar(
        "SELECT (SELECT COUNT(*) FROM family_messages WHERE link_id = ?1 AND sent_at >= ?2)
              + (SELECT COUNT(*) FROM family_proposals WHERE link_id = ?1 AND created_at >= ?2)",
    )
    .bind(link)
    .bind(since)
    .fetch_one(&mut *conn)
    .await?)
}

fn message((id, body, at, read): (i64, String, String, bool), zone: chrono_tz::Tz) -> Message {
    Message {
        id,
        body,
        sent_at: crate::school::types::local_time(&at, zone),
        read,
    }
}

/// The family's messages about `child`, the newest first.
pub async fn messages(
    pool: &SqlitePool,
    child: i64,
    zone: chrono_tz::Tz,
) -> Result<Vec<Message>, AppError> {
    let rows: Vec<(i64, String, String, bool)> = sqlx::query_as(
        "SELECT id, body, sent_at, read_at IS NOT NULL FROM family_messages WHERE child_id = ? ORDER BY id DESC",
    )
    .bind(child)
    .fetch_all(pool)
    .await?;
    Ok(rows.into_iter().map(|r| message(r, zone)).collect())
}

/// The last `limit` messages about `child` sent through `link`, the newest first.
pub async fn sent_through(
    pool: &SqlitePool,
    link: i64,
    child: i64,
    limit: i64,
    zone: chrono_tz::Tz,
) -> Result<Vec<Message>, AppError> {
    let rows: Vec<(i64, String, String, bool)> = sqlx::query_as(
        "SELECT id, body, sent_at, read_at IS NOT NULL FROM family_messages
         WHERE link_id = ? AND child_id = ? ORDER BY id DESC LIMIT ?",
    )
    .bind(link)
    .bind(child)
    .bind(limit)
    .fetch_all(pool)
    .await?;
    Ok(rows.into_iter().map(|r| message(r, zone)).collect())
}

/// Marks the family's unread messages about `child` read by `by`; how many.
pub async fn mark_read(conn: &mut SqliteConnection, child: i64, by: i64) -> Result<u64, AppError> {
    let done = sqlx::query(&format!(
        "UPDATE family_messages SET read_by = ?, read_at = {SQL_NOW} WHERE child_id = ? AND read_at IS NULL"
    ))
    .bind(by)
    .bind(child)
    .execute(&mut *conn)
    .await?;
    Ok(done.rows_affected())
}

/// Unread messages and pending proposals, by child: child, messages, proposals.
pub async fn waiting(pool: &SqlitePool) -> Result<Vec<(i64, i64, i64)>, AppError> {
    Ok(sqlx::query_as(
        "SELECT child_id, SUM(kind = 'message'), SUM(kind = 'proposal') FROM (
             SELECT child_id, 'message' AS kind FROM family_messages WHERE read_at IS NULL
             UNION ALL SELECT child_id, 'proposal' FROM family_proposals WHERE state = 'pending')
         GROUP BY child_id",
    )
    .fetch_all(pool)
    .await?)
}

/// Shares (`true`) or withdraws a diary entry of `child`; `NotFound` for another child's.
pub async fn share(
    conn: &mut SqliteConnection,
    entry: i64,
    child: i64,
    shared: bool,
    by: i64,
) -> Result<(), AppError> {
    let belongs: bool = sqlx::query_scalar(
        "SELECT EXISTS (SELECT 1 FROM diary_entries WHERE id = ? AND child_id = ? AND reply_to IS NULL)",
    )
    .bind(entry)
    .bind(child)
    .fetch_one(&mut *conn)
    .await?;
    if !belongs {
        return Err(AppError::NotFound);
    }
    let query = if shared {
        sqlx::query(
            "INSERT INTO diary_shared (entry_id, shared_by) VALUES (?1, ?2)
             ON CONFLICT (entry_id) DO UPDATE SET shared_by = ?2,
                 shared_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), withdrawn_at = NULL",
        )
        .bind(entry)
        .bind(by)
    } else {
        sqlx::query(
            "UPDATE diary_shared SET withdrawn_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE entry_id = ?",
        )
        .bind(entry)
    };
    query.execute(&mut *conn).await?;
    Ok(())
}

/// The ids of `child`'s diary entries shared with the family now.
pub async fn shared_ids(pool: &SqlitePool, child: i64) -> Result<Vec<i64>, AppError> {
    Ok(sqlx::query_scalar(
        "SELECT s.entry_id FROM diary_shared s JOIN diary_entries d ON d.id = s.entry_id
         WHERE d.child_id = ? AND s.withdrawn_at IS NULL",
    )
    .bind(child)
    .fetch_all(pool)
    .await?)
}

/// The child's name, class, birth, calendar and current counselor's name.
pub async fn child_basics(
    pool: &SqlitePool,
    child: i64,
) -> Result<(String, i64, NaiveDate, bool, Option<String>), AppError> {
    let row: (String, i64, NaiveDate, String, Option<String>) = sqlx::query_as(
        "SELECT c.name, c.class_id, c.birth_date, c.birthday_calendar, u.display_name
         FROM children c LEFT JOIN counselor_children p ON p.child_id = c.id
         LEFT JOIN users u ON u.id = p.user_id WHERE c.id = ?",
    )
    .bind(child)
    .fetch_one(pool)
    .await?;
    Ok((row.0, row.1, row.2, row.3 == "lunar", row.4))
}

/// The child's call window now: its version (0: none yet) and the staff's note on it.
pub async fn current_window(pool: &SqlitePool, child: i64) -> Result<(i64, String), AppError> {
    Ok(
        sqlx::query_as("SELECT version, note FROM call_windows WHERE child_id = ?")
            .bind(child)
            .fetch_optional(pool)
            .await?
            .unwrap_or((0, String::new())),
    )
}

/// The events of interest groups `child` is not in (the family's page leaves them out).
pub async fn other_groups_events(
    pool: &SqlitePool,
    child: i64,
) -> Result<std::collections::HashSet<i64>, AppError> {
    let ids: Vec<i64> = sqlx::query_scalar(
        "SELECT id FROM events WHERE audience = 'group'
           AND group_id NOT IN (SELECT group_id FROM group_members WHERE child_id = ?)",
    )
    .bind(child)
    .fetch_all(pool)
    .await?;
    Ok(ids.into_iter().collect())
}
