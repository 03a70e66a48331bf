//! Calendar queries. Rows are their own types; they become wire types here.

use std::collections::HashMap;
use std::sync::Arc;

use super::domain::audience::from_columns;
use super::domain::birthdays::birthdays_of;
use super::domain::recurrence::series_starts;
use super::domain::window::{cut_birthdays, cut_occurrences, day_infos};

use chrono::{NaiveDate, NaiveDateTime};
use sqlx::SqlitePool;

use super::types::{
    BirthdayItem, CalendarFilter, Category, Holiday, HolidayKind, Occurrence, Window,
    WindowBirthday, WindowMemo, WindowOccurrence,
};
use crate::auth::types::Scope;
use crate::error::AppError;
use crate::school::db::stored_class;

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

/// Occurrences of live events that overlap `first..=last` (whole days, local time) that
/// `filter` keeps, each editable when `editor` may edit its event.
pub async fn occurrences_between(
    pool: &SqlitePool,
    first: NaiveDate,
    last: NaiveDate,
    students_only: bool,
    filter: &CalendarFilter,
    holidays: &HashMap<NaiveDate, Holiday>,
    editor: Option<(crate::auth::types::Role, &Scope)>,
) -> Result<Vec<Occurrence>, AppError> {
    let all = expand(pool, first, last, students_only, holidays, Some(filter)).await?;
    Ok(cut_occurrences(&all, filter, editor))
}

/// Every occurrence of every live event (only those students may see when
/// `students_only`) that overlaps `first..=last`, in order. Only the categories `shown`
/// shows are expanded, when it is given; the class and group filters are left to the cut.
async fn expand(
    pool: &SqlitePool,
    first: NaiveDate,
    last: NaiveDate,
    students_only: bool,
    holidays: &HashMap<NaiveDate, Holiday>,
    shown: Option<&CalendarFilter>,
) -> Result<Vec<WindowOccurrence>, AppError> {
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
    let mut occurrences: Vec<WindowOccurrence> = Vec::new();
    for row in rows {
        let Some(category) = Category::from_key(&row.category) else {
            return Err(AppError::internal(format!(
                "event {} has unknown category {}",
                row.id, row.category
            )));
        };
        if shown.is_some_and(|filter| !filter.shows(category)) {
            continue;
        }
        let duration = row.ends_at - row.starts_at;
        let starts = match &row.rrule {
            None => vec![row.starts_at],
            Some(rule) => series_starts(
                row.id,
                row.starts_at,
                &row.time_zone,
                rule,
                window_start - duration,
                window_end,
            )?,
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
                .map(|start| WindowOccurrence {
                    occurrence: Occurrence {
                        event_id: row.id,
                        title: row.title.clone(),
                        category,
                        all_day: row.all_day,
                        start,
                        end: start + duration,
                        location: row.location.clone(),
                        editable: false,
                        rule: row.rrule.clone(),
                        version: row.version,
                        link: None,
                    },
                    audience: from_columns(&row.audience, row.class_id, row.group_id),
                }),
        );
    }
    occurrences.sort_by_key(|o| (o.occurrence.start, o.occurrence.event_id));
    Ok(occurrences)
}

#[derive(sqlx::FromRow)]
struct BirthdayRow {
    id: i64,
    name: String,
    birth_date: NaiveDate,
    birthday_calendar: String,
    class_id: i64,
    grade: i64,
    number: i64,
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

/// Birthdays of enrolled children within `first..=last` that `filter` keeps, derived from
/// their records; the child's record and age only `with_age`.
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
    let all = all_birthdays_within(pool, first, last).await?;
    Ok(cut_birthdays(&all, filter, with_age))
}

/// Every enrolled child's birthdays within `first..=last`, with the child's record, age,
/// class and interest groups, ordered by day, class and name.
async fn all_birthdays_within(
    pool: &SqlitePool,
    first: NaiveDate,
    last: NaiveDate,
) -> Result<Vec<WindowBirthday>, AppError> {
    let rows: Vec<BirthdayRow> = sqlx::query_as(
        "SELECT c.id, c.name, c.birth_date, c.birthday_calendar, c.class_id, k.grade, k.number
         FROM children c JOIN classes k ON k.id = c.class_id
         WHERE c.enrolment = 'active'",
    )
    .fetch_all(pool)
    .await?;
    let mut groups: HashMap<i64, Vec<i64>> = HashMap::new();
    let members: Vec<(i64, i64)> = sqlx::query_as("SELECT child_id, group_id FROM group_members")
        .fetch_all(pool)
        .await?;
    for (child, group) in members {
        groups.entry(child).or_default().push(group);
    }
    let mut items: Vec<WindowBirthday> = Vec::new();
    for row in rows {
        let class = stored_class(row.class_id, row.grade, row.number)?;
        let lunar = row.birthday_calendar == "lunar";
        let days = birthdays_of(row.birth_date, lunar, first, last);
        items.extend(days.into_iter().map(|(date, age)| WindowBirthday {
            birthday: BirthdayItem {
                child_id: Some(row.id),
                name: row.name.clone(),
                class,
                date,
                age: Some(age),
                lunar,
            },
            class_id: row.class_id,
            groups: groups.get(&row.id).cloned().unwrap_or_default(),
        }));
    }
    items.sort_by(|a, b| {
        let (a, b) = (&a.birthday, &b.birthday);
        (a.date, a.class, &a.name).cmp(&(b.date, b.class, &b.name))
    });
    Ok(items)
}

/// The window `first..=last` for everyone (only what students may see when
/// `students_only`): kept in `memo` and worked out again only once the calendar changed (by
/// one request: others asking for it meanwhile wait for it).
pub async fn window(
    pool: &SqlitePool,
    memo: &WindowMemo,
    first: NaiveDate,
    last: NaiveDate,
    students_only: bool,
) -> Result<Arc<Window>, AppError> {
    let version = super::feeds_db::calendar_version(pool).await?;
    let key = format!("{first}|{last}|{students_only}");
    memo.get_or_make(key, version, || async {
        let holidays = super::holidays_db::holidays_between(pool, first, last).await?;
        let (classes, groups) = filter_choices(pool).await?;
        Ok(Arc::new(Window {
            occurrences: expand(pool, first, last, students_only, &holidays, None).await?,
            birthdays: all_birthdays_within(pool, first, last).await?,
            days: day_infos(first, last, &holidays),
            classes,
            groups,
        }))
    })
    .await
}

/// The group birthday party already planned between `first` and `last` (a staff birthday
/// event as "celebrate" titles it: 集体生日会), if any. Asked inside the write that would
/// add one, so two sends at once make one party.
pub async fn birthday_party_between(
    conn: &mut sqlx::SqliteConnection,
    first: NaiveDate,
    last: NaiveDate,
) -> Result<Option<i64>, AppError> {
    Ok(sqlx::query_scalar(
        "SELECT id FROM events
         WHERE category = 'birthday' AND audience = 'staff' AND rrule IS NULL
           AND archived_at IS NULL AND title LIKE '%集体生日会%'
           AND starts_at >= ? AND starts_at < ?
         LIMIT 1",
    )
    .bind(format!("{first}T00:00:00"))
    .bind(format!("{}T00:00:00", last + chrono::Days::new(1)))
    .fetch_optional(conn)
    .await?)
}

/// Name and birth of every enrolled left-behind child, for the month's birthday party.
pub async fn left_behind_children(
    pool: &SqlitePool,
) -> Result<Vec<(String, NaiveDate, String)>, AppError> {
    Ok(sqlx::query_as(
        "SELECT name, birth_date, birthday_calendar FROM children
         WHERE enrolment = 'active' AND left_behind <> 'none' ORDER BY name",
    )
    .fetch_all(pool)
    .await?)
}
