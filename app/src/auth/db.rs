//! Account queries. `UserRow` carries the password hash and never leaves the server.

use sqlx::{SqliteConnection, SqlitePool};

use crate::school::types::SQL_NOW;

use super::types::{AssignmentChoices, Role, UserSummary, Viewer};
use crate::auth::types::Scope;
use crate::error::{AppError, ValidationError};

#[derive(sqlx::FromRow)]
pub struct LoginRow {
    pub id: i64,
    pub username: String,
    pub password_hash: String,
    pub active: bool,
    pub session_epoch: i64,
}

pub async fn find_for_login(
    pool: &SqlitePool,
    username: &str,
) -> Result<Option<LoginRow>, AppError> {
    Ok(sqlx::query_as(
        "SELECT id, username, password_hash, active, session_epoch FROM users WHERE username = ?",
    )
    .bind(username)
    .fetch_optional(pool)
    .await?)
}

#[derive(sqlx::FromRow)]
struct ViewerRow {
    username: String,
    display_name: String,
    role: String,
    must_change_password: bool,
    password_hash: String,
}

/// The outbox key of a user: derived from their password hash (salted, never sent), so it
/// is the same on every page they open and changes when their password does.
fn outbox_key(password_hash: &str) -> String {
    use sha2::{Digest, Sha256};
    hex::encode(Sha256::digest(format!(
        "hopehome outbox key\0{password_hash}"
    )))
}

/// The active user with this id whose password generation is still `epoch`.
pub async fn load_viewer(
    pool: &SqlitePool,
    user_id: i64,
    epoch: i64,
) -> Result<Option<Viewer>, AppError> {
    let row: Option<ViewerRow> = sqlx::query_as(
        "SELECT username, display_name, role, must_change_password, password_hash FROM users
         WHERE id = ? AND active = 1 AND session_epoch = ?",
    )
    .bind(user_id)
    .bind(epoch)
    .fetch_optional(pool)
    .await?;
    let Some(row) = row else { return Ok(None) };
    let role = Role::from_key(&row.role)
        .ok_or_else(|| AppError::internal(format!("user {user_id} has role {}", row.role)))?;
    let ids = |sql: &'static str| async move {
        sqlx::query_scalar::<_, i64>(sql)
            .bind(user_id)
            .fetch_all(pool)
            .await
    };
    let scope = Scope {
        user_id,
        paired_children: ids("SELECT child_id FROM counselor_children WHERE user_id = ?").await?,
        classes: ids("SELECT class_id FROM teacher_classes WHERE user_id = ?").await?,
        groups: ids("SELECT group_id FROM teacher_groups WHERE user_id = ?").await?,
    };
    Ok(Some(Viewer {
        username: row.username,
        display_name: row.display_name,
        role,
        scope,
        must_change_password: row.must_change_password,
        outbox_key: outbox_key(&row.password_hash),
    }))
}

pub async fn create_user(
    conn: &mut SqliteConnection,
    username: &str,
    display_name: &str,
    role: Role,
    password_hash: &str,
) -> Result<i64, AppError> {
    let result = sqlx::query_scalar(
        "INSERT INTO users (username, display_name, role, password_hash) VALUES (?, ?, ?, ?) RETURNING id",
    )
    .bind(username)
    .bind(display_name)
    .bind(role.key())
    .bind(password_hash)
    .fetch_one(conn)
    .await;
    match result {
        Ok(id) => Ok(id),
        Err(sqlx::Error::Database(e)) if e.is_unique_violation() => {
            Err(ValidationError::UsernameTaken.into())
        }
        Err(other) => Err(other.into()),
    }
}

pub async fn count_users(pool: &SqlitePool) -> Result<i64, AppError> {
    Ok(sqlx::query_scalar("SELECT COUNT(*) FROM users")
        .fetch_one(pool)
        .await?)
}

fn not_found_if_zero(rows: u64) -> Result<(), AppError> {
    if rows == 0 {
        Err(AppError::NotFound)
    } else {
        Ok(())
    }
}

pub async fn set_role(
    conn: &mut SqliteConnection,
    user_id: i64,
    role: Role,
) -> Result<(), AppError> {
    let done = sqlx::query(&format!(
        "UPDATE users SET role = ?, session_epoch = session_epoch + 1, version = version + 1,
                updated_at = {SQL_NOW} WHERE id = ?"
    ))
    .bind(role.key())
    .bind(user_id)
    .execute(conn)
    .await?;
    not_found_if_zero(done.rows_affected())
}

/// Deactivating bumps the session epoch, so the user's sessions end on their next request.
pub async fn set_active(
    conn: &mut SqliteConnection,
    user_id: i64,
    active: bool,
) -> Result<(), AppError> {
    let done = sqlx::query(&format!(
        "UPDATE users SET active = ?, session_epoch = session_epoch + 1, version = version + 1,
                updated_at = {SQL_NOW} WHERE id = ?"
    ))
    .bind(active)
    .bind(user_id)
    .execute(conn)
    .await?;
    not_found_if_zero(done.rows_affected())
}

/// Sets a new password hash and returns the new session epoch.
pub async fn set_password(
    conn: &mut SqliteConnection,
    user_id: i64,
    password_hash: &str,
) -> Result<i64, AppError> {
    Ok(sqlx::query_scalar(&format!(
        "UPDATE users SET password_hash = ?, session_epoch = session_epoch + 1, version = version + 1,
                must_change_password = 0, updated_at = {SQL_NOW} WHERE id = ? RETURNING session_epoch"
    ),
    )
    .bind(password_hash)
    .bind(user_id)
    .fetch_one(conn)
    .await?)
}

/// How long a device stays known after the sign-in that made it so.
pub const KNOWN_DEVICE_DAYS: i64 = 180;
/// Devices remembered per account; the oldest are forgotten first.
const KNOWN_DEVICES_PER_USER: i64 = 20;

/// The first of `token_hashes` that is a device `user_id` signed in from, since their last
/// password change and within [`KNOWN_DEVICE_DAYS`].
pub async fn known_device(
    pool: &SqlitePool,
    user_id: i64,
    token_hashes: &[String],
) -> Result<Option<String>, AppError> {
    for hash in token_hashes {
        let found: Option<i64> = sqlx::query_scalar(&format!(
            "SELECT d.id FROM known_devices d JOIN users u ON u.id = d.user_id
              WHERE d.token_hash = ? AND d.user_id = ? AND d.session_epoch = u.session_epoch
                AND d.created_at >= strftime('%Y-%m-%dT%H:%M:%SZ', 'now', '-{KNOWN_DEVICE_DAYS} days')"
        ))
        .bind(hash)
        .bind(user_id)
        .fetch_optional(pool)
        .await?;
        if found.is_some() {
            return Ok(Some(hash.clone()));
        }
    }
    Ok(None)
}

/// Remembers a device `user_id` just signed in from, under password generation `epoch`;
/// expired devices, and the account's beyond its newest twenty, are forgotten.
pub async fn remember_device(
    pool: &SqlitePool,
    user_id: i64,
    epoch: i64,
    token_hash: &str,
) -> Result<(), AppError> {
    sqlx::query("INSERT INTO known_devices (user_id, token_hash, session_epoch) VALUES (?, ?, ?)")
        .bind(user_id)
        .bind(token_hash)
        .bind(epoch)
        .execute(pool)
        .await?;
    sqlx::query(&format!(
        "DELETE FROM known_devices
          WHERE created_at < strftime('%Y-%m-%dT%H:%M:%SZ', 'now', '-{KNOWN_DEVICE_DAYS} days')
             OR (user_id = ?1 AND id NOT IN
                 (SELECT id FROM known_devices WHERE user_id = ?1 ORDER BY id DESC LIMIT ?2))"
    ))
    .bind(user_id)
    .bind(KNOWN_DEVICES_PER_USER)
    .execute(pool)
    .await?;
    Ok(())
}

pub async fn password_hash(pool: &SqlitePool, user_id: i64) -> Result<String, AppError> {
    Ok(
        sqlx::query_scalar("SELECT password_hash FROM users WHERE id = ?")
            .bind(user_id)
            .fetch_one(pool)
            .await?,
    )
}

/// What an admin can assign: a counselor's children, a teacher's classes and groups.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AssignmentKind {
    Child,
    Class,
    Group,
}

pub async fn set_assignment(
    conn: &mut SqliteConnection,
    user_id: i64,
    kind: AssignmentKind,
    item_id: i64,
    assigned: bool,
) -> Result<(), AppError> {
    let (table, column) = match kind {
        // A child's pairing keeps its history: the care area's `pairing_db` writes it.
        AssignmentKind::Child => return Err(crate::error::ValidationError::Malformed.into()),
        AssignmentKind::Class => ("teacher_classes", "class_id"),
        AssignmentKind::Group => ("teacher_groups", "group_id"),
    };
    let sql = if assigned {
        format!("INSERT OR IGNORE INTO {table} (user_id, {column}) VALUES (?, ?)")
    } else {
        format!("DELETE FROM {table} WHERE user_id = ? AND {column} = ?")
    };
    match sqlx::query(&sql)
        .bind(user_id)
        .bind(item_id)
        .execute(conn)
        .await
    {
        Ok(_) => Ok(()),
        Err(sqlx::Error::Database(e)) if e.is_foreign_key_violation() => Err(AppError::NotFound),
        Err(other) => Err(other.into()),
    }
}

#[derive(sqlx::FromRow)]
struct SummaryRow {
    id: i64,
    username: String,
    display_name: String,
    role: String,
    active: bool,
}

const CLASS_LABEL_SQL: &str = "k.grade || '-' || k.number";

pub async fn list_users(pool: &SqlitePool) -> Result<Vec<UserSummary>, AppError> {
    let rows: Vec<SummaryRow> =
        sqlx::query_as("SELECT id, username, display_name, role, active FROM users ORDER BY active DESC, role, username")
            .fetch_all(pool)
            .await?;
    let pairs = |sql: String| async move {
        sqlx::query_as::<_, (i64, i64, String)>(&sql)
            .fetch_all(pool)
            .await
    };
    let children = pairs(format!(
        "SELECT cc.user_id, c.id, c.name || ' (' || {CLASS_LABEL_SQL} || ')' FROM counselor_children cc
         JOIN children c ON c.id = cc.child_id JOIN classes k ON k.id = c.class_id ORDER BY c.name"
    ))
    .await?;
    let classes = pairs(format!(
        "SELECT tc.user_id, k.id, {CLASS_LABEL_SQL} FROM teacher_classes tc JOIN classes k ON k.id = tc.class_id
         ORDER BY k.grade, k.number"
    ))
    .await?;
    let groups = pairs(
        "SELECT tg.user_id, g.id, g.name FROM teacher_groups tg JOIN interest_groups g ON g.id = tg.group_id ORDER BY g.id"
            .to_owned(),
    )
    .await?;
    let of = |list: &[(i64, i64, String)], user: i64| -> Vec<(i64, String)> {
        list.iter()
            .filter(|(u, _, _)| *u == user)
            .map(|(_, id, label)| (*id, label.clone()))
            .collect()
    };
    rows.into_iter()
        .map(|row| {
            let role = Role::from_key(&row.role)
                .ok_or_else(|| AppError::internal(format!("bad role {}", row.role)))?;
            Ok(UserSummary {
                id: row.id,
                username: row.username,
                display_name: row.display_name,
                role,
                active: row.active,
                paired: of(&children, row.id),
                classes: of(&classes, row.id),
                groups: of(&groups, row.id),
            })
        })
        .collect()
}

pub async fn assignment_choices(pool: &SqlitePool) -> Result<AssignmentChoices, AppError> {
    let left_behind_children = sqlx::query_as(&format!(
        "SELECT c.id, c.name || ' (' || {CLASS_LABEL_SQL} || ')' FROM children c JOIN classes k ON k.id = c.class_id
         WHERE c.enrolment = 'active' AND c.left_behind <> 'none' ORDER BY k.grade, k.number, c.name"
    ))
    .fetch_all(pool)
    .await?;
    let classes = sqlx::query_as(&format!(
        "SELECT k.id, {CLASS_LABEL_SQL} FROM classes k ORDER BY k.grade, k.number"
    ))
    .fetch_all(pool)
    .await?;
    let groups = sqlx::query_as("SELECT id, name FROM interest_groups ORDER BY id")
        .fetch_all(pool)
        .await?;
    Ok(AssignmentChoices {
        left_behind_children,
        classes,
        groups,
    })
}
