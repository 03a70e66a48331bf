//! The growth diary in SQLite: entries, replies and the pictures children add.

use sqlx::{SqliteConnection, SqlitePool};

use super::domain::DiaryDraft;
use super::types::{DiaryItem, Sticker};
use crate::error::AppError;

type DiaryRow = (
    i64,
    bool,
    Option<i64>,
    String,
    String,
    Option<String>,
    String,
    bool,
);

/// The child's diary, the latest written first (the order they were kept in), each entry
/// with its replies (oldest reply first).
pub async fn diary(
    pool: &SqlitePool,
    child: i64,
    zone: chrono_tz::Tz,
) -> Result<Vec<DiaryItem>, AppError> {
    let rows: Vec<DiaryRow> = sqlx::query_as(
        "SELECT d.id, d.by_child, d.reply_to, u.display_name, d.body, d.sticker, d.written_at,
                EXISTS (SELECT 1 FROM diary_pictures p WHERE p.entry_id = d.id)
         FROM diary_entries d JOIN users u ON u.id = d.author_id
         WHERE d.child_id = ? ORDER BY d.id DESC",
    )
    .bind(child)
    .fetch_all(pool)
    .await?;
    let item = |r: &DiaryRow| DiaryItem {
        id: r.0,
        by_child: r.1,
        author: r.3.clone(),
        body: r.4.clone(),
        sticker: r.5.as_deref().and_then(Sticker::parse),
        written_at: crate::school::types::local_time(&r.6, zone),
        picture: r.7,
        replies: Vec::new(),
    };
    let mut items: Vec<DiaryItem> = rows.iter().filter(|r| r.2.is_none()).map(item).collect();
    for reply in rows.iter().rev().filter(|r| r.2.is_some()) {
        if let Some(parent) = items.iter_mut().find(|i| Some(i.id) == reply.2) {
            parent.replies.push(item(reply));
        }
    }
    Ok(items)
}

/// Stores a diary entry (a reply when `reply_to` is set, to an entry of the same child);
/// the same `uid` twice stores it once: `None` then, else the new entry's id.
pub async fn insert_diary(
    conn: &mut SqliteConnection,
    child: i64,
    author: i64,
    by_child: bool,
    reply_to: Option<i64>,
    draft: &DiaryDraft,
) -> Result<Option<i64>, AppError> {
    if let Some(parent) = reply_to {
        let owner: Option<i64> = sqlx::query_scalar(
            "SELECT child_id FROM diary_entries WHERE id = ? AND reply_to IS NULL",
        )
        .bind(parent)
        .fetch_optional(&mut *conn)
        .await?;
        if owner != Some(child) {
            return Err(AppError::NotFound);
        }
    }
    Ok(sqlx::query_scalar(
        "INSERT INTO diary_entries (uid, child_id, author_id, by_child, reply_to, body, sticker)
         VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (uid) DO NOTHING RETURNING id",
    )
    .bind(&draft.uid)
    .bind(child)
    .bind(author)
    .bind(by_child)
    .bind(reply_to)
    .bind(&draft.body)
    .bind(draft.sticker.map(Sticker::key))
    .fetch_optional(conn)
    .await?)
}

/// Keeps the picture of the diary entry `entry`.
pub async fn insert_picture(
    conn: &mut SqliteConnection,
    entry: i64,
    picture: &super::picture_domain::Picture,
) -> Result<(), AppError> {
    sqlx::query(
        "INSERT INTO diary_pictures (entry_id, media_type, width, height, bytes) VALUES (?, 'image/jpeg', ?, ?, ?)",
    )
    .bind(entry)
    .bind(picture.width)
    .bind(picture.height)
    .bind(&picture.jpeg)
    .execute(conn)
    .await?;
    Ok(())
}

/// The child a diary picture belongs to, and the picture (JPEG).
pub async fn picture(pool: &SqlitePool, entry: i64) -> Result<(i64, Vec<u8>), AppError> {
    sqlx::query_as(
        "SELECT d.child_id, p.bytes FROM diary_pictures p JOIN diary_entries d ON d.id = p.entry_id
         WHERE p.entry_id = ?",
    )
    .bind(entry)
    .fetch_optional(pool)
    .await?
    .ok_or(AppError::NotFound)
}

/// The child a student account belongs to.
pub async fn student_child(pool: &SqlitePool, user: i64) -> Result<Option<i64>, AppError> {
    Ok(
        sqlx::query_scalar("SELECT child_id FROM users WHERE id = ? AND role = 'student'")
            .bind(user)
            .fetch_optional(pool)
            .await?
            .flatten(),
    )
}
