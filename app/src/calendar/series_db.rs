//! Stored events and the changes that touch part of a series: an override for one
//! occurrence, a split for "this and following", a rule change for "all". Each change is
//! one transaction guarded by the version the editor saw.

use chrono::{Duration, NaiveDateTime};
use sqlx::{SqliteConnection, SqlitePool};

use super::domain::audience::{columns, from_columns, target};
use super::domain::event_form::EventDraft;
use super::domain::recurrence::series_starts;
use super::domain::series::{self, Scope};
use super::types::Audience;
use super::types::{Category, EventForEdit, EventInput};
use crate::calendar::domain::recurrence::check_rule;
use crate::calendar::domain::recurrence::rule_without_until;
use crate::error::{AppError, ValidationError};
use crate::school::types::{stamp, SQL_NOW};

#[derive(sqlx::FromRow)]
pub struct EventRecord {
    pub id: i64,
    pub version: i64,
    pub title: String,
    pub description: String,
    pub category: String,
    pub all_day: bool,
    pub starts_at: NaiveDateTime,
    pub ends_at: NaiveDateTime,
    pub location: Option<String>,
    pub audience: String,
    pub class_id: Option<i64>,
    pub group_id: Option<i64>,
    pub student_visible: bool,
    pub rrule: Option<String>,
    pub skip_holidays: bool,
    pub series_id: Option<i64>,
    /// The zone the series is kept in (the school's when it was written).
    pub time_zone: String,
}

pub async fn load(pool: &SqlitePool, id: i64) -> Result<EventRecord, AppError> {
    sqlx::query_as(
        "SELECT id, version, title, description, category, all_day, starts_at, ends_at, location, audience, class_id,
                group_id, student_visible, rrule, skip_holidays, series_id, time_zone
         FROM events WHERE id = ? AND archived_at IS NULL",
    )
    .bind(id)
    .fetch_optional(pool)
    .await?
    .ok_or(AppError::NotFound)
}

impl EventRecord {
    pub fn target(&self) -> crate::auth::permissions::Target {
        target(self.audience())
    }

    fn audience(&self) -> Audience {
        from_columns(&self.audience, self.class_id, self.group_id)
    }

    /// The event as it is, moved to start at `start` (and end at `end`, or keep its length).
    pub fn moved(&self, start: NaiveDateTime, end: Option<NaiveDateTime>) -> EventDraft {
        EventDraft {
            title: self.title.clone(),
            category: Category::from_key(&self.category).unwrap_or(Category::Activity),
            all_day: self.all_day,
            start,
            end: end.unwrap_or(start + (self.ends_at - self.starts_at)),
            location: self.location.clone(),
            audience: self.audience(),
            student_visible: self.student_visible,
            description: self.description.clone(),
            rrule: self.rrule.clone(),
        }
    }

    /// The zone the event's wall times are in.
    pub fn zone(&self) -> Result<chrono_tz::Tz, AppError> {
        self.time_zone.parse().map_err(|_| {
            AppError::internal(format!(
                "event {} has unknown time zone {}",
                self.id, self.time_zone
            ))
        })
    }

    /// Is `at` the start of one of this series' occurrences?
    pub fn occurs_at(&self, at: NaiveDateTime) -> Result<bool, AppError> {
        let Some(rule) = &self.rrule else {
            return Ok(at == self.starts_at);
        };
        let found = series_starts(self.id, self.starts_at, &self.time_zone, rule, at, at)?;
        Ok(found == [at])
    }

    /// The editor's fields; for one occurrence of a series, with that occurrence's times.
    pub fn into_form(self, occurrence: Option<NaiveDateTime>) -> EventForEdit {
        let start = occurrence.unwrap_or(self.starts_at);
        let end = start + (self.ends_at - self.starts_at);
        let last_day = if self.all_day {
            end - Duration::days(1)
        } else {
            end
        };
        let audience = match self.audience() {
            Audience::Class(id) => format!("class:{id}"),
            Audience::Group(id) => format!("group:{id}"),
            Audience::Staff => "staff".to_owned(),
            Audience::School => "school".to_owned(),
        };
        let (repeat, until) = match &self.rrule {
            None => ("none".to_owned(), None),
            Some(rule) => {
                let until = rule
                    .split(';')
                    .find_map(|p| p.strip_prefix("UNTIL="))
                    .and_then(|u| {
                        chrono::NaiveDate::parse_from_str(&u[..8.min(u.len())], "%Y%m%d")
                            .ok()
                            .map(|d| d.format("%Y-%m-%d").to_string())
                    });
                (rule_without_until(rule), until)
            }
        };
        EventForEdit {
            id: self.id,
            version: self.version,
            series_id: self.series_id,
            occurrence: occurrence.map(stamp),
            input: EventInput {
                title: self.title,
                category: self.category,
                all_day: self.all_day.then(|| "on".to_owned()),
                start_date: start.format("%Y-%m-%d").to_string(),
                start_time: (!self.all_day).then(|| start.format("%H:%M").to_string()),
                end_date: Some(last_day.format("%Y-%m-%d").to_string()),
                end_time: (!self.all_day).then(|| end.format("%H:%M").to_string()),
                location: self.location,
                audience,
                student_visible: self.student_visible.then(|| "on".to_owned()),
                description: Some(self.description),
                repeat: Some(repeat),
                until,
            },
        }
    }
}

type SqliteQuery<'q> = sqlx::query::Query<'q, sqlx::Sqlite, sqlx::sqlite::SqliteArguments<'q>>;

/// Binds an event's fields in the order both the INSERT and the UPDATE name them: title,
/// description, category, all_day, starts_at, ends_at, location, audience, class_id,
/// group_id, student_visible, rrule.
fn bind_draft<'q>(query: SqliteQuery<'q>, draft: &'q EventDraft) -> SqliteQuery<'q> {
    let (audience, class_id, group_id) = columns(draft.audience);
    query
        .bind(&draft.title)
        .bind(&draft.description)
        .bind(draft.category.key())
        .bind(draft.all_day)
        .bind(stamp(draft.start))
        .bind(stamp(draft.end))
        .bind(&draft.location)
        .bind(audience)
        .bind(class_id)
        .bind(group_id)
        .bind(draft.student_visible)
        .bind(&draft.rrule)
}

/// A new row of `events`: what the editor, an import, the birthday party, the checkup's
/// make-up day and the demo seed write.
#[derive(Debug, Clone, Copy)]
pub struct NewEvent<'a> {
    pub draft: &'a EventDraft,
    /// Occurrences on statutory holidays are left out (interest-group series).
    pub skip_holidays: bool,
    /// An override of series `.0` at its occurrence `.1`.
    pub series: Option<(i64, NaiveDateTime)>,
    /// Imported: the import's id and the event's source UID.
    pub source: Option<(i64, &'a str)>,
    /// The zone its wall times are in: the school's.
    pub time_zone: chrono_tz::Tz,
}

impl<'a> NewEvent<'a> {
    /// A plain event of a school in `time_zone`: no holidays skipped, no series, not imported.
    pub fn new(draft: &'a EventDraft, time_zone: chrono_tz::Tz) -> NewEvent<'a> {
        NewEvent {
            draft,
            time_zone,
            skip_holidays: false,
            series: None,
            source: None,
        }
    }
}

/// The one INSERT of an event: a single event, a series, or an override of a series'
/// occurrence. An occurrence that already has an override is a conflict.
pub async fn insert_event(
    conn: &mut SqliteConnection,
    event: &NewEvent<'_>,
) -> Result<i64, AppError> {
    let insert = sqlx::query(
        "INSERT INTO events (title, description, category, all_day, starts_at, ends_at, location, audience,
                             class_id, group_id, student_visible, rrule, time_zone, skip_holidays,
                             series_id, recurrence_id, import_id, source_uid)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
    );
    let row = bind_draft(insert, event.draft)
        .bind(event.time_zone.name())
        .bind(event.skip_holidays)
        .bind(event.series.map(|(id, _)| id))
        .bind(event.series.map(|(_, at)| stamp(at)))
        .bind(event.source.map(|(import, _)| import))
        .bind(event.source.map(|(_, uid)| uid))
        .fetch_one(&mut *conn)
        .await
        .map_err(|e| match e {
            // The occurrence already has an override: someone changed it since.
            sqlx::Error::Database(db) if db.is_unique_violation() => AppError::Conflict,
            other => other.into(),
        })?;
    Ok(sqlx::Row::try_get(&row, 0)?)
}

/// Rewrites event `id` as `draft` if it is still at `version`.
async fn rewrite(
    conn: &mut sqlx::SqliteConnection,
    id: i64,
    version: i64,
    draft: &EventDraft,
) -> Result<(), AppError> {
    let sql = format!(
        "UPDATE events SET title = ?, description = ?, category = ?, all_day = ?, starts_at = ?, ends_at = ?,
                location = ?, audience = ?, class_id = ?, group_id = ?, student_visible = ?, rrule = ?,
                version = version + 1, updated_at = {SQL_NOW}
         WHERE id = ? AND version = ? AND archived_at IS NULL"
    );
    let done = bind_draft(sqlx::query(&sql), draft)
        .bind(id)
        .bind(version)
        .execute(&mut *conn)
        .await?;
    crate::school::db::changed(&done)
}

/// Bumps the version of `id` if it is still at `version` (the series changed).
async fn touch(conn: &mut sqlx::SqliteConnection, id: i64, version: i64) -> Result<(), AppError> {
    let done = sqlx::query(&format!(
        "UPDATE events SET version = version + 1, updated_at = {SQL_NOW}
         WHERE id = ? AND version = ? AND archived_at IS NULL"
    ))
    .bind(id)
    .bind(version)
    .execute(&mut *conn)
    .await?;
    crate::school::db::changed(&done)
}

/// Moves the deleted and the changed occurrences of series `id` from `from` on by `by`,
/// so they stay with the occurrences they belonged to.
async fn shift_exceptions(
    conn: &mut sqlx::SqliteConnection,
    id: i64,
    to_series: i64,
    from: NaiveDateTime,
    by: Duration,
) -> Result<(), AppError> {
    let seconds = format!("{:+} seconds", by.num_seconds());
    // The deleted occurrences (EXDATEs), then the changed ones (overrides).
    let moves = [
        "UPDATE event_exdates SET event_id = ?1,
                occurrence_start = strftime('%Y-%m-%dT%H:%M:%S', occurrence_start, ?2)
         WHERE event_id = ?3 AND occurrence_start >= ?4",
        "UPDATE events SET series_id = ?1,
                recurrence_id = strftime('%Y-%m-%dT%H:%M:%S', recurrence_id, ?2)
         WHERE series_id = ?3 AND recurrence_id >= ?4",
    ];
    for sql in moves {
        sqlx::query(sql)
            .bind(to_series)
            .bind(&seconds)
            .bind(id)
            .bind(stamp(from))
            .execute(&mut *conn)
            .await?;
    }
    Ok(())
}

/// What a change did, for the audit log.
pub struct Changed {
    pub event_id: i64,
    pub what: &'static str,
}

/// Applies `draft` to event `old` (seen by the editor at `version`). For a series with an
/// `occurrence`, `draft` holds that occurrence's new times and `scope` says which
/// occurrences change. All of it is written on `conn`: the caller's transaction.
pub async fn apply_change(
    conn: &mut SqliteConnection,
    old: &EventRecord,
    version: i64,
    occurrence: Option<NaiveDateTime>,
    scope: Scope,
    draft: &EventDraft,
) -> Result<Changed, AppError> {
    if old.version != version {
        return Err(AppError::Conflict);
    }
    let tx = conn;
    let zone = old.zone()?;
    let changed = match (old.rrule.as_deref(), occurrence) {
        // A single event, or the whole series edited from its first date.
        (None, _) | (Some(_), None) => {
            check_rule(draft.start, zone, draft.rrule.as_deref())?;
            rewrite(tx, old.id, version, draft).await?;
            Changed {
                event_id: old.id,
                what: "update_event",
            }
        }
        (Some(_), Some(at)) => {
            if !old.occurs_at(at)? {
                return Err(ValidationError::InvalidDate.into());
            }
            let scope = if scope == Scope::Following && at == old.starts_at {
                Scope::All
            } else {
                scope
            };
            match scope {
                Scope::This => {
                    let single = EventDraft {
                        rrule: None,
                        ..draft.clone()
                    };
                    touch(tx, old.id, version).await?;
                    let override_of = NewEvent {
                        series: Some((old.id, at)),
                        ..NewEvent::new(&single, zone)
                    };
                    let id = insert_event(tx, &override_of).await?;
                    Changed {
                        event_id: id,
                        what: "override_occurrence",
                    }
                }
                Scope::All => {
                    let by = draft.start - at;
                    let whole = EventDraft {
                        start: old.starts_at + by,
                        end: old.starts_at + by + (draft.end - draft.start),
                        ..draft.clone()
                    };
                    check_rule(whole.start, zone, whole.rrule.as_deref())?;
                    rewrite(tx, old.id, version, &whole).await?;
                    if by != Duration::zero() {
                        shift_exceptions(tx, old.id, old.id, old.starts_at, by).await?;
                    }
                    Changed {
                        event_id: old.id,
                        what: "update_series",
                    }
                }
                Scope::Following => {
                    let rule = old.rrule.as_deref().unwrap_or_default();
                    let before = match series::count_of(rule) {
                        Some(_) => series_starts(
                            old.id,
                            old.starts_at,
                            &old.time_zone,
                            rule,
                            old.starts_at,
                            at - Duration::seconds(1),
                        )?
                        .len() as u32,
                        None => 0,
                    };
                    let (head, tail) = match draft.rrule.as_deref() {
                        Some(new) => {
                            let (head, tail) = series::split_rule(rule, new, at, before);
                            (head, Some(tail))
                        }
                        None => (series::split_rule(rule, rule, at, before).0, None),
                    };
                    let following = EventDraft {
                        rrule: tail,
                        ..draft.clone()
                    };
                    check_rule(following.start, zone, following.rrule.as_deref())?;
                    let ended = EventDraft {
                        rrule: Some(head),
                        ..old.moved(old.starts_at, Some(old.ends_at))
                    };
                    rewrite(tx, old.id, version, &ended).await?;
                    let rest = NewEvent {
                        skip_holidays: old.skip_holidays,
                        ..NewEvent::new(&following, zone)
                    };
                    let id = insert_event(tx, &rest).await?;
                    // The old series' exceptions from here on belong to the new one.
                    shift_exceptions(tx, old.id, id, at, draft.start - at).await?;
                    Changed {
                        event_id: id,
                        what: "split_series",
                    }
                }
            }
        }
    };
    Ok(changed)
}

/// Archives event `id` if it is still at `version` (it stays in the database, off the
/// calendar); a conflict otherwise.
pub async fn archive(conn: &mut SqliteConnection, id: i64, version: i64) -> Result<(), AppError> {
    let done = sqlx::query(&format!(
        "UPDATE events SET archived_at = {SQL_NOW}, version = version + 1
         WHERE id = ? AND version = ? AND archived_at IS NULL"
    ))
    .bind(id)
    .bind(version)
    .execute(&mut *conn)
    .await?;
    crate::school::db::changed(&done)
}

/// Deletes the occurrence of series `id` that starts at `start` (an EXDATE), noting who.
pub async fn add_exdate(
    conn: &mut SqliteConnection,
    id: i64,
    start: NaiveDateTime,
    user_id: i64,
) -> Result<(), AppError> {
    sqlx::query(
        "INSERT OR IGNORE INTO event_exdates (event_id, occurrence_start, created_by) VALUES (?, ?, ?)",
    )
    .bind(id)
    .bind(stamp(start))
    .bind(user_id)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Skips one occurrence of series `id`: an EXDATE, and a new version so an editor still
/// holding the old one must reload.
pub async fn skip_occurrence(
    conn: &mut SqliteConnection,
    id: i64,
    version: i64,
    start: NaiveDateTime,
    user_id: i64,
) -> Result<(), AppError> {
    // The series changes: an editor still holding `version` must reload (a conflict).
    touch(conn, id, version).await?;
    add_exdate(conn, id, start, user_id).await
}
