//! The database: one SQLite file that must never lose a child's record.

use std::str::FromStr;
use std::time::Duration;

use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::SqlitePool;

/// Opens (creating if missing) the database with WAL, synchronous=FULL and foreign keys,
/// then brings its schema up to date.
pub async fn connect_and_migrate(url: &str) -> Result<SqlitePool, sqlx::Error> {
    let options = SqliteConnectOptions::from_str(url)?
        .create_if_missing(true)
        .journal_mode(SqliteJournalMode::Wal)
        .synchronous(SqliteSynchronous::Full)
        .foreign_keys(true)
        .busy_timeout(Duration::from_secs(5));
    if let Some(dir) = options
        .get_filename()
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
    {
        std::fs::create_dir_all(dir).map_err(sqlx::Error::Io)?;
    }
    let pool = SqlitePoolOptions::new()
        .max_connections(8)
        .connect_with(options)
        .await?;
    sqlx::migrate!("../migrations").run(&pool).await?;
    Ok(pool)
}

/// Writes a consistent copy of the whole database to `path` while the school keeps
/// working (`VACUUM INTO`: one read transaction, so the copy is a single moment even
/// with writes going on, WAL included). `path` must not exist yet. The copy is a plain
/// SQLite file: restoring is stopping the server and putting it in place of
/// `DATABASE_URL`'s file (with no `-wal` or `-shm` file beside it).
pub async fn backup(pool: &SqlitePool, path: &std::path::Path) -> Result<(), sqlx::Error> {
    if path.exists() {
        return Err(sqlx::Error::Io(std::io::Error::new(
            std::io::ErrorKind::AlreadyExists,
            format!("{} exists: a backup never overwrites", path.display()),
        )));
    }
    sqlx::query("VACUUM INTO ?")
        .bind(path.to_string_lossy().into_owned())
        .execute(pool)
        .await?;
    Ok(())
}

/// What a kept page may show, as one number that only grows (`kept_pages`): the calendar's
/// version (triggers bump it with every change of a table the calendar reads) plus the
/// newest audit row (every write of the app, and every read of health data, adds one in
/// its own transaction; audit rows are never deleted).
pub async fn page_version(pool: &SqlitePool) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT (SELECT version FROM calendar_version) + COALESCE((SELECT MAX(id) FROM audit_log), 0)",
    )
    .fetch_one(pool)
    .await
}
