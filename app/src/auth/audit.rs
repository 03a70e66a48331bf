//! The audit log: who, when, what and how it ended. Rows are only ever inserted; the
//! database refuses updates and deletes (see the migration's triggers).

use sqlx::SqlitePool;

use super::permissions::Target;
use super::types::{AuditEntry, AuditFilter, Viewer};
use crate::error::AppError;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Allowed,
    Denied,
    Success,
    Failure,
}

impl Outcome {
    pub fn key(self) -> &'static str {
        match self {
            Outcome::Allowed => "allowed",
            Outcome::Denied => "denied",
            Outcome::Success => "success",
            Outcome::Failure => "failure",
        }
    }
}

fn record_of(target: Target) -> (Option<&'static str>, Option<i64>) {
    match target {
        Target::Any | Target::School => (None, None),
        Target::Child { id, .. } => (Some("child"), Some(id)),
        Target::Class(id) => (Some("class"), Some(id)),
        Target::Group(id) => (Some("group"), Some(id)),
        Target::User(id) => (Some("user"), Some(id)),
    }
}

/// Writes one row through `conn` (a transaction's, so a write and its audit row commit
/// together). The caller decides what a failure means.
pub async fn insert(
    conn: &mut sqlx::SqliteConnection,
    who: Option<(i64, &str)>,
    action: &str,
    target: Target,
    outcome: Outcome,
    ip: Option<&str>,
) -> Result<(), sqlx::Error> {
    let (record_type, record_id) = record_of(target);
    sqlx::query(
        "INSERT INTO audit_log (user_id, username, action, record_type, record_id, outcome, ip)
         VALUES (?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(who.map(|w| w.0).filter(|id| *id > 0))
    .bind(who.map(|w| w.1))
    .bind(action)
    .bind(record_type)
    .bind(record_id)
    .bind(outcome.key())
    .bind(ip)
    .execute(conn)
    .await?;
    Ok(())
}

/// Writes one row for something that happens either way (a refusal, a sign-in attempt).
/// A failure to audit is logged loudly but does not change the answer.
pub async fn record(
    pool: &SqlitePool,
    viewer: Option<&Viewer>,
    action: &str,
    target: Target,
    outcome: Outcome,
    ip: Option<String>,
) {
    record_as(
        pool,
        viewer.map(|v| (v.user_id(), v.username.as_str())),
        action,
        target,
        outcome,
        ip,
    )
    .await
}

/// As [`record`], naming the user directly (a sign-in attempt has no viewer yet).
pub async fn record_as(
    pool: &SqlitePool,
    who: Option<(i64, &str)>,
    action: &str,
    target: Target,
    outcome: Outcome,
    ip: Option<String>,
) {
    let result = async {
        let mut conn = pool.acquire().await?;
        insert(&mut conn, who, action, target, outcome, ip.as_deref()).await
    }
    .await;
    if let Err(error) = result {
        tracing::error!(%error, action, "could not write the audit log");
    }
}

/// Requests nobody signed in made (bad feed links, cross-site hits, signed-out refusals)
/// are noise an attacker can make without end, and the log cannot be pruned. Per kind
/// of request and address, the first in [`NOISE_WINDOW`] is written; the rest are
/// counted, and the count is written as one row when that address shows up again later.
pub const NOISE_WINDOW: std::time::Duration = std::time::Duration::from_secs(600);

#[derive(Debug, Default)]
pub struct AnonymousNoise {
    windows:
        std::sync::Mutex<std::collections::HashMap<(String, String), (std::time::Instant, u32)>>,
}

/// What to write for one anonymous request.
#[derive(Debug, PartialEq, Eq)]
pub enum Noise {
    /// Write its row; `earlier` more of its kind from its address went unwritten before.
    Write { earlier: u32 },
    /// Counted only.
    Quiet,
}

impl AnonymousNoise {
    pub fn admit(&self, kind: &str, ip: &str, now: std::time::Instant) -> Noise {
        let mut windows = self.windows.lock().unwrap_or_else(|e| e.into_inner());
        // An address scan cannot grow the map without bound.
        if windows.len() > 10_000 {
            windows.retain(|_, (started, _)| now.duration_since(*started) < NOISE_WINDOW);
        }
        let key = (kind.to_owned(), ip.to_owned());
        let Some(window) = windows.get_mut(&key) else {
            windows.insert(key, (now, 1));
            return Noise::Write { earlier: 0 };
        };
        if now.duration_since(window.0) >= NOISE_WINDOW {
            let earlier = window.1.saturating_sub(1);
            *window = (now, 1);
            return Noise::Write { earlier };
        }
        window.1 += 1;
        Noise::Quiet
    }
}

/// Writes the row of a request nobody signed in made, through `noise`: at most one row
/// per kind and address in [`NOISE_WINDOW`], plus one row saying how many went unwritten.
pub async fn record_anonymous(
    pool: &SqlitePool,
    noise: &AnonymousNoise,
    action: &str,
    target: Target,
    outcome: Outcome,
    ip: Option<String>,
) {
    let kind = action.split(' ').next().unwrap_or(action);
    let address = ip.as_deref().unwrap_or("unknown");
    match noise.admit(kind, address, std::time::Instant::now()) {
        Noise::Quiet => {}
        Noise::Write { earlier } => {
            if earlier > 0 {
                let summary = format!("{kind} ×{earlier} unwritten");
                record_as(pool, None, &summary, Target::Any, outcome, ip.clone()).await;
            }
            record_as(pool, None, action, target, outcome, ip).await;
        }
    }
}

#[derive(sqlx::FromRow)]
struct AuditRow {
    id: i64,
    at: String,
    username: Option<String>,
    action: String,
    record_type: Option<String>,
    record_id: Option<i64>,
    outcome: String,
    ip: Option<String>,
}

pub const AUDIT_PAGE_ROWS: i64 = 200;

/// The newest rows matching `filter`, their times on the school's clock (`zone`), as every
/// other page shows them; the filter's days are the school's days.
pub async fn list(
    pool: &SqlitePool,
    filter: &AuditFilter,
    zone: chrono_tz::Tz,
) -> Result<Vec<AuditEntry>, AppError> {
    let blank = |v: &Option<String>| {
        v.as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
    };
    // A day's rows are those from its school midnight up to the next one's.
    let day_start = |v: &Option<String>, later: u64| match blank(v) {
        None => Ok(None),
        Some(raw) => crate::calendar::domain::local_time::parse_date(&raw)
            .and_then(|day| day.checked_add_days(chrono::Days::new(later)))
            .map(|day| Some(crate::school::types::school_midnight(day, zone)))
            .ok_or(crate::error::ValidationError::InvalidDate),
    };
    let (from, to) = (day_start(&filter.from, 0)?, day_start(&filter.to, 1)?);
    let rows: Vec<AuditRow> = sqlx::query_as(
        "SELECT id, at, username, action, record_type, record_id, outcome, ip FROM audit_log
         WHERE (?1 IS NULL OR username = ?1 COLLATE NOCASE)
           AND (?2 IS NULL OR action = ?2)
           AND (?3 IS NULL OR outcome = ?3)
           AND (?4 IS NULL OR at >= ?4)
           AND (?5 IS NULL OR at < ?5)
         ORDER BY id DESC LIMIT ?6",
    )
    .bind(blank(&filter.username))
    .bind(blank(&filter.action))
    .bind(blank(&filter.outcome))
    .bind(from)
    .bind(to)
    .bind(AUDIT_PAGE_ROWS)
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| AuditEntry {
            id: r.id,
            at: crate::school::types::local_second(&r.at, zone),
            username: r.username,
            action: r.action,
            record_type: r.record_type,
            record_id: r.record_id,
            outcome: r.outcome,
            ip: r.ip,
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::{Duration, Instant};

    #[test]
    fn anonymous_noise_is_one_row_per_address_and_window_and_a_count() {
        let noise = AnonymousNoise::default();
        let start = Instant::now();
        assert_eq!(
            noise.admit("feed", "10.0.0.1", start),
            Noise::Write { earlier: 0 }
        );
        for s in 1..50 {
            assert_eq!(
                noise.admit("feed", "10.0.0.1", start + Duration::from_secs(s)),
                Noise::Quiet
            );
        }
        // Another address, another kind: their own first rows.
        assert_eq!(
            noise.admit("feed", "10.0.0.2", start),
            Noise::Write { earlier: 0 }
        );
        assert_eq!(
            noise.admit("cross_site", "10.0.0.1", start + Duration::from_secs(5)),
            Noise::Write { earlier: 0 }
        );
        // Later, the 49 unwritten ones are counted in one row.
        assert_eq!(
            noise.admit("feed", "10.0.0.1", start + NOISE_WINDOW),
            Noise::Write { earlier: 49 }
        );
    }
    #[test]
    fn the_log_is_read_on_the_schools_clock_and_by_the_schools_days() {
        let beijing = chrono_tz::Asia::Shanghai;
        assert_eq!(
            crate::school::types::local_second("2027-04-19T15:05:08.123Z", beijing),
            "2027-04-19 23:05:08"
        );
        assert_eq!(
            crate::school::types::local_second("2027-04-19T16:30:00Z", beijing),
            "2027-04-20 00:30:00"
        );
        let day = chrono::NaiveDate::from_ymd_opt(2027, 4, 19).unwrap();
        assert_eq!(
            crate::school::types::school_midnight(day, beijing),
            "2027-04-18T16:00:00.000Z"
        );
        assert_eq!(
            crate::school::types::school_midnight(day, chrono_tz::UTC),
            "2027-04-19T00:00:00.000Z"
        );
    }
}
