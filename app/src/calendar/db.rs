//! Calendar queries. Rows are their own types; they become wire types here.

use std::collections::HashMap;

use chrono::{NaiveDate, NaiveDateTime, TimeZone};
use sqlx::SqlitePool;

use super::domain::birthdays::birthdays_between;
use super::domain::holidays::HolidayLine;
use super::domain::lunar::lunar_birthdays_between;
use super::domain::query::CalendarFilter;
use super::types::{BirthdayItem, Category, ClassLabel, Holiday, HolidayKind, Occurrence};
use crate::error::AppError;

/// No series may produce more occurrences than this in one window (a month or a week).
const MAX_OCCURRENCES_PER_WINDOW: u16 = 500;

#[derive(sqlx::FromRow)]
struct EventRow {
    id: i64,
    title: String,
    category: String,
    all_day: bool,
    starts_at: NaiveDateTime,
    ends_at: NaiveDateTime,
    time_zone: String,
    location: Option<String>,
    rrule: Option<String>,
    audience: String,
    class_id: Option<i64>,
    group_id: Option<i64>,
    skip_holidays: bool,
    version: i64,
}

impl EventRow {
    /// A class filter keeps school-wide and staff events and that class's; a group filter
    /// keeps only that group's.
    fn passes(&self, filter: &CalendarFilter) -> bool {
        let class_ok = match filter.class_id {
            None => true,
            Some(class) => self.audience != "class" || self.class_id == Some(class),
        };
        let group_ok = match filter.group_id {
            None => true,
            Some(group) => self.audience == "group" && self.group_id == Some(group),
        };
        class_ok && group_ok
    }
}

/// Occurrences of live events that overlap `first..=last` (whole days, local time).
/// The permission target of an event's audience.
pub fn audience_target(
    audience: &str,
    class_id: Option<i64>,
    group_id: Option<i64>,
) -> crate::auth::permissions::Target {
    use crate::auth::permissions::Target;
    match (audience, class_id, group_id) {
        ("class", Some(id), _) => Target::Class(id),
        ("group", _, Some(id)) => Target::Group(id),
        _ => Target::School,
    }
}

/// How many times a rule starting at `start` occurs in its first year (up to 1,001), so a
/// rule that floods the calendar is refused. A rule the `rrule` crate rejects is invalid.
pub fn occurrences_in_first_year(
    start: NaiveDateTime,
    time_zone: &str,
    rule: &str,
) -> Result<usize, AppError> {
    use crate::error::ValidationError;
    let tz: chrono_tz::Tz = time_zone
        .parse()
        .map_err(|_| AppError::internal("bad time zone"))?;
    let text = format!(
        "DTSTART;TZID={}:{}\nRRULE:{}",
        tz.name(),
        start.format("%Y%m%dT%H%M%S"),
        rule
    );
    let set: rrule::RRuleSet = text
        .parse()
        .map_err(|_| AppError::from(ValidationError::RuleInvalid))?;
    let rtz = rrule::Tz::Tz(tz);
    let to = rtz
        .from_local_datetime(&(start + chrono::Duration::days(366)))
        .earliest()
        .ok_or(ValidationError::RuleInvalid)?;
    Ok(set.before(to).all(1001).dates.len())
}

pub async fn occurrences_between(
    pool: &SqlitePool,
    first: NaiveDate,
    last: NaiveDate,
    students_only: bool,
    filter: &CalendarFilter,
    holidays: &HashMap<NaiveDate, Holiday>,
    editor: Option<(crate::auth::types::Role, &crate::auth::permissions::Scope)>,
) -> Result<Vec<Occurrence>, AppError> {
    use crate::auth::permissions::{check, Capability};
    let window_start = first.and_time(chrono::NaiveTime::MIN);
    let window_end = (last + chrono::Days::new(1)).and_time(chrono::NaiveTime::MIN);
    let rows: Vec<EventRow> = sqlx::query_as(
        "SELECT id, title, category, all_day, starts_at, ends_at, time_zone, location, rrule,
                audience, class_id, group_id, skip_holidays, version
         FROM events
         WHERE archived_at IS NULL
           AND (?3 = 0 OR student_visible = 1)
           AND (rrule IS NOT NULL OR (starts_at < ?1 AND ends_at > ?2))
         ORDER BY starts_at, id",
    )
    .bind(window_end)
    .bind(window_start)
    .bind(students_only)
    .fetch_all(pool)
    .await?;

    let exdates: Vec<(i64, NaiveDateTime)> =
        sqlx::query_as("SELECT event_id, occurrence_start FROM event_exdates WHERE occurrence_start BETWEEN ? AND ?")
            // An occurrence that began before the window can still overlap it (events last up to a year).
            .bind(window_start - chrono::Duration::days(367))
            .bind(window_end)
            .fetch_all(pool)
            .await?;
    // Occurrences changed one by one show as events of their own (even once archived, the
    // series no longer shows them).
    let overridden: Vec<(i64, NaiveDateTime)> = sqlx::query_as(
        "SELECT series_id, recurrence_id FROM events WHERE series_id IS NOT NULL AND recurrence_id BETWEEN ? AND ?",
    )
    .bind(window_start - chrono::Duration::days(367))
    .bind(window_end)
    .fetch_all(pool)
    .await?;
    let skipped: std::collections::HashSet<(i64, NaiveDateTime)> =
        exdates.into_iter().chain(overridden).collect();
    let mut occurrences: Vec<Occurrence> = Vec::new();
    for row in rows {
        let Some(category) = Category::from_key(&row.category) else {
            return Err(AppError::internal(format!(
                "event {} has unknown category {}",
                row.id, row.category
            )));
        };
        if !filter.shows(category) || !row.passes(filter) {
            continue;
        }
        let duration = row.ends_at - row.starts_at;
        let editable = check(
            editor,
            Capability::EditEvents,
            audience_target(&row.audience, row.class_id, row.group_id),
        )
        .is_ok();
        let starts = match &row.rrule {
            None => vec![row.starts_at],
            Some(rule) => expand(&row, rule, window_start - duration, window_end)?,
        };
        occurrences.extend(
            starts
                .into_iter()
                .filter(|start| *start < window_end && *start + duration > window_start)
                .filter(|start| !skipped.contains(&(row.id, *start)))
                .filter(|start| {
                    !row.skip_holidays
                        || holidays
                            .get(&start.date())
                            .is_none_or(|h| h.kind != HolidayKind::Holiday)
                })
                .map(|start| Occurrence {
                    event_id: row.id,
                    title: row.title.clone(),
                    category,
                    all_day: row.all_day,
                    start,
                    end: start + duration,
                    location: row.location.clone(),
                    editable,
                    rule: row.rrule.clone(),
                    version: row.version,
                    link: None,
                }),
        );
    }
    occurrences.sort_by(|a, b| (a.start, a.event_id).cmp(&(b.start, b.event_id)));
    Ok(occurrences)
}

/// The local start times of a series between `from` and `to`, through the `rrule` crate
/// so the school's rules mean what RFC 5545 says they mean.
fn expand(
    row: &EventRow,
    rule: &str,
    from: NaiveDateTime,
    to: NaiveDateTime,
) -> Result<Vec<NaiveDateTime>, AppError> {
    series_starts(row.id, row.starts_at, &row.time_zone, rule, from, to)
}

/// The start times (local wall time in `time_zone`) of the series of event `id` that begins
/// at `starts_at` with `rule`, from `from` to `to` inclusive.
pub fn series_starts(
    id: i64,
    starts_at: NaiveDateTime,
    time_zone: &str,
    rule: &str,
    from: NaiveDateTime,
    to: NaiveDateTime,
) -> Result<Vec<NaiveDateTime>, AppError> {
    let tz: chrono_tz::Tz = time_zone
        .parse()
        .map_err(|_| AppError::internal(format!("event {id} has unknown time zone {time_zone}")))?;
    let rtz = rrule::Tz::Tz(tz);
    let local = |t: NaiveDateTime| rtz.from_local_datetime(&t).earliest();
    let (Some(from), Some(to)) = (local(from), local(to)) else {
        return Err(AppError::internal("window falls in a time-zone gap"));
    };
    let text = format!(
        "DTSTART;TZID={}:{}\nRRULE:{}",
        tz.name(),
        starts_at.format("%Y%m%dT%H%M%S"),
        rule
    );
    let set: rrule::RRuleSet = text
        .parse()
        .map_err(|e| AppError::internal(format!("event {id} has a bad rule: {e}")))?;
    let result = set.after(from).before(to).all(MAX_OCCURRENCES_PER_WINDOW);
    Ok(result
        .dates
        .into_iter()
        .map(|dt| dt.naive_local())
        .collect())
}

#[derive(sqlx::FromRow)]
struct BirthdayRow {
    id: i64,
    name: String,
    birth_date: NaiveDate,
    birthday_calendar: String,
    grade: i64,
    number: i64,
}

/// A child's birthdays within `first..=last` with the age turned, by the calendar the
/// family keeps (solar, or lunar: 农历生日).
pub fn birthdays_of(
    birth: NaiveDate,
    lunar: bool,
    first: NaiveDate,
    last: NaiveDate,
) -> Vec<(NaiveDate, u32)> {
    if lunar {
        lunar_birthdays_between(birth, first, last)
    } else {
        birthdays_between(birth, first, last)
    }
}

/// The school's holidays and make-up working days within `first..=last`.
pub async fn holidays_between(
    pool: &SqlitePool,
    first: NaiveDate,
    last: NaiveDate,
) -> Result<HashMap<NaiveDate, Holiday>, AppError> {
    let rows: Vec<(NaiveDate, String, String, bool)> = sqlx::query_as(
        "SELECT date, kind, name, provisional FROM holidays WHERE active = 1 AND date BETWEEN ? AND ?",
    )
    .bind(first)
    .bind(last)
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .filter_map(|(date, kind, name, provisional)| {
            Some((
                date,
                Holiday {
                    kind: HolidayKind::from_key(&kind)?,
                    name,
                    provisional,
                },
            ))
        })
        .collect())
}

/// Loads the shipped holiday file; days an admin has corrected or removed stay as they are.
pub async fn load_shipped_holidays(
    pool: &SqlitePool,
    lines: &[HolidayLine],
) -> Result<(), AppError> {
    let mut tx = pool.begin().await?;
    for line in lines {
        sqlx::query("INSERT OR IGNORE INTO holidays (date, kind, name, provisional, source) VALUES (?, ?, ?, ?, 'file')")
            .bind(line.date)
            .bind(line.kind.key())
            .bind(&line.name)
            .bind(line.provisional)
            .execute(&mut *tx)
            .await?;
    }
    tx.commit().await?;
    Ok(())
}

/// The classes and interest groups the calendar's filters offer.
pub async fn filter_choices(
    pool: &SqlitePool,
) -> Result<(Vec<(i64, String)>, Vec<(i64, String)>), AppError> {
    let classes =
        sqlx::query_as("SELECT id, grade || '-' || number FROM classes ORDER BY grade, number")
            .fetch_all(pool)
            .await?;
    let groups = sqlx::query_as("SELECT id, name FROM interest_groups ORDER BY id")
        .fetch_all(pool)
        .await?;
    Ok((classes, groups))
}

/// Birthdays of enrolled children within `first..=last`, derived from their records.
pub async fn birthdays_within(
    pool: &SqlitePool,
    first: NaiveDate,
    last: NaiveDate,
    with_age: bool,
    filter: &CalendarFilter,
) -> Result<Vec<BirthdayItem>, AppError> {
    if !filter.shows(Category::Birthday) {
        return Ok(Vec::new());
    }
    let rows: Vec<BirthdayRow> = sqlx::query_as(
        "SELECT c.id, c.name, c.birth_date, c.birthday_calendar, k.grade, k.number
         FROM children c JOIN classes k ON k.id = c.class_id
         WHERE c.enrolment = 'active'
           AND (?1 IS NULL OR c.class_id = ?1)
           AND (?2 IS NULL OR c.id IN (SELECT child_id FROM group_members WHERE group_id = ?2))",
    )
    .bind(filter.class_id)
    .bind(filter.group_id)
    .fetch_all(pool)
    .await?;

    let mut items: Vec<BirthdayItem> = rows
        .into_iter()
        .flat_map(|row| {
            let class = ClassLabel {
                grade: row.grade as u8,
                number: row.number as u8,
            };
            let lunar = row.birthday_calendar == "lunar";
            let days = birthdays_of(row.birth_date, lunar, first, last);
            days.into_iter().map(move |(date, age)| BirthdayItem {
                child_id: row.id,
                name: row.name.clone(),
                class,
                date,
                age: with_age.then_some(age),
                lunar,
            })
        })
        .collect();
    items.sort_by(|a, b| (a.date, a.class, &a.name).cmp(&(b.date, b.class, &b.name)));
    Ok(items)
}

/// Open checkup follow-ups due within `first..=last`, as all-day entries on their due date
/// ("复查：王小雨 · 复查右眼视力", in the user's language), only for children whose health record `viewer` may read.
pub async fn follow_ups_between(
    pool: &SqlitePool,
    first: NaiveDate,
    last: NaiveDate,
    viewer: &crate::auth::types::Viewer,
) -> Result<Vec<Occurrence>, AppError> {
    let open = crate::checkup::db::open_follow_ups(pool, viewer, Some((first, last))).await?;
    Ok(open
        .into_iter()
        .map(|f| {
            Occurrence::marker(
                f.due,
                (crate::page::use_strings().follow_up_on_calendar)(&f.name, &f.what),
                Category::Checkup,
                Some(format!("/checkup/{}/child/{}", f.year, f.child_id)),
            )
        })
        .collect())
}
