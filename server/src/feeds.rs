//! `GET /calendar.ics?token=…`: RFC 5545 feeds for phone calendars, behind revocable links.
//! A school link carries the events students may see; a child's link, for the parents far
//! away, carries that child's birthday and the school, class and group events they attend.
//! Series keep their RRULE; occurrences deleted one by one, and days an interest group
//! skips for a holiday, become EXDATEs.
//!
//! Phones poll a feed every few minutes to hours: the answer carries a strong ETag (the
//! SHA-256 of the body) and `Cache-Control: private, no-cache`, and an unchanged calendar
//! answers `304 Not Modified` with no body. For that the body depends only on the data:
//! each DTSTAMP is its record's last change, not the moment of the request.

use crate::content_coding::{made_feed, none_match_hits, Coding};
use crate::refusal;
use app::auth::audit::{self, Outcome};
use app::auth::permissions::Target;
use app::calendar::domain::birthdays::solar_birthday_in;
use app::calendar::domain::lunar::lunar_birthdays_between;
use app::calendar::domain::recurrence::{series_starts, until_in_utc};
use app::calendar::feeds_db::{self, token_hash};
use app::calendar::types::CalendarFilter;
use app::calendar::types::Category;
use app::frame::ClientAddress;
use app::i18n::Locale;
use app::state::AppState;
use axum::body::Bytes;
use axum::extract::{Query, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Extension;
use chrono::{Datelike, NaiveDate, NaiveDateTime};
use icalendar::{Calendar, CalendarDateTime, Component, Event, EventLike, Property};
use serde::Deserialize;
use sqlx::SqlitePool;

#[derive(Deserialize)]
pub struct FeedQuery {
    token: Option<String>,
    cat: Option<String>,
}

/// A zone the feed's events name, as a VTIMEZONE: its offset and name since 1970 (China
/// has had no daylight saving since 1991; for Asia/Shanghai this is `+0800`, `CST`). A zone
/// with daylight saving would need its DAYLIGHT rules too; no event is stored in one.
fn vtimezone(zone: chrono_tz::Tz) -> String {
    use chrono::{Offset, TimeZone};
    let epoch = chrono::DateTime::UNIX_EPOCH.naive_utc();
    let offset = zone.offset_from_utc_datetime(&epoch);
    let seconds = offset.fix().local_minus_utc();
    let sign = if seconds < 0 { '-' } else { '+' };
    let (hours, minutes) = (seconds.abs() / 3600, seconds.abs() % 3600 / 60);
    format!(
        "BEGIN:VTIMEZONE\r\nTZID:{}\r\nBEGIN:STANDARD\r\nDTSTART:19700101T000000\r\n\
TZOFFSETFROM:{sign}{hours:02}{minutes:02}\r\nTZOFFSETTO:{sign}{hours:02}{minutes:02}\r\nTZNAME:{offset}\r\nEND:STANDARD\r\nEND:VTIMEZONE\r\n",
        zone.name()
    )
}

/// Years of lunar birthdays listed ahead (a lunar date has no yearly RRULE).
const LUNAR_YEARS_AHEAD: i32 = 5;

/// What a feed answer may do with caches: kept on the phone, never by a shared proxy,
/// and checked against its ETag before each use.
const FEED_CACHE: &str = "private, no-cache";

pub async fn calendar_ics(
    State(state): State<AppState>,
    Extension(ClientAddress(client)): Extension<ClientAddress>,
    Query(query): Query<FeedQuery>,
    request_headers: HeaderMap,
) -> Response {
    // The link is the permission: no token, no feed. Unknown, revoked and the link of a
    // child who left school look the same.
    let t = Locale::from_headers(&request_headers).strings();
    let Some(token) = query.token.filter(|t| !t.is_empty()) else {
        return refusal::say(
            &request_headers,
            StatusCode::UNAUTHORIZED,
            t.calendar.feed_needed,
        );
    };
    let found = feeds_db::live(&state.pool, &token_hash(&token)).await;
    let ip = Some(client.to_string());
    let (feed_id, scope, child) = match found {
        Ok(Some(feed)) => feed,
        Ok(None) => {
            audit::record_anonymous(
                &state.pool,
                &state.anonymous_noise,
                "read_feed",
                Target::Any,
                Outcome::Denied,
                ip,
            )
            .await;
            return refusal::say(
                &request_headers,
                StatusCode::NOT_FOUND,
                t.calendar.feed_gone,
            );
        }
        Err(error) => return internal(error),
    };
    let filter = match CalendarFilter::parse(query.cat.as_deref(), None, None) {
        Ok(filter) => filter,
        Err(_) => {
            return refusal::say(
                &request_headers,
                StatusCode::BAD_REQUEST,
                t.calendar.feed_bad_category,
            )
        }
    };
    let child = if scope == "child" { child } else { None };
    let version = match feeds_db::calendar_version(&state.pool).await {
        Ok(version) => version,
        Err(error) => return internal(error),
    };
    let today = state.today();
    // Keyed by what the filter means, not how it was written (`activity,` is `activity`).
    let shown: Vec<&str> = Category::ALL
        .into_iter()
        .filter(|c| filter.shows(*c))
        .map(Category::key)
        .collect();
    let key = format!("{child:?}|{}|{today}", shown.join(","));
    // Phones polling at once after a change wait for one making.
    let made = state.feeds.get_or_make(key, version, || async {
        let text = build(&state.pool, child, &filter, today).await?;
        // Compressing 157 KB takes milliseconds: off the request threads.
        Ok::<_, BoxError>(tokio::task::spawn_blocking(move || made_feed(text)).await?)
    });
    let made = match made.await {
        Ok(made) => made,
        Err(error) => return internal(error),
    };
    if let Some(child) = child {
        let target = Target::Child {
            id: child,
            class_id: 0,
        };
        audit::record_as(
            &state.pool,
            None,
            &format!("read_feed {feed_id}"),
            target,
            Outcome::Allowed,
            ip,
        )
        .await;
    }
    let coding = Coding::asked(
        request_headers
            .get(header::ACCEPT_ENCODING)
            .and_then(|v| v.to_str().ok()),
    );
    let headers = [
        (header::ETAG, coding.etag(&made.hash)),
        (header::CACHE_CONTROL, FEED_CACHE.to_owned()),
        (header::VARY, header::ACCEPT_ENCODING.as_str().to_owned()),
    ];
    let if_none_match = request_headers
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok());
    if if_none_match.is_some_and(|tags| none_match_hits(tags, &coding.etag(&made.hash))) {
        return (StatusCode::NOT_MODIFIED, headers).into_response();
    }
    let (body, encoding) = match coding {
        Coding::Brotli => (&made.brotli, Some("br")),
        Coding::Gzip => (&made.gzip, Some("gzip")),
        Coding::Identity => (&made.text, None),
    };
    let mut response = (headers, Bytes::from_owner(body.clone())).into_response();
    let response_headers = response.headers_mut();
    response_headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/calendar; charset=utf-8"),
    );
    // Already compressed: the server's compression layer leaves such a response alone.
    if let Some(encoding) = encoding {
        response_headers.insert(header::CONTENT_ENCODING, HeaderValue::from_static(encoding));
    }
    response
}

fn internal(error: impl std::fmt::Display) -> Response {
    tracing::error!(%error, "calendar feed failed");
    (
        StatusCode::INTERNAL_SERVER_ERROR,
        "the feed could not be made",
    )
        .into_response()
}

#[derive(sqlx::FromRow)]
struct FeedEvent {
    id: i64,
    title: String,
    description: String,
    category: String,
    all_day: bool,
    starts_at: NaiveDateTime,
    ends_at: NaiveDateTime,
    time_zone: String,
    location: Option<String>,
    rrule: Option<String>,
    skip_holidays: bool,
    version: i64,
    series_id: Option<i64>,
    recurrence_id: Option<NaiveDateTime>,
    updated_at: NaiveDateTime,
}

type BoxError = Box<dyn std::error::Error + Send + Sync>;

async fn build(
    pool: &SqlitePool,
    child: Option<i64>,
    filter: &CalendarFilter,
    today: NaiveDate,
) -> Result<String, BoxError> {
    // A child's feed: school-wide events, the child's class and groups. The school feed: what students may see.
    let (class_id, name, birth, lunar): (Option<i64>, String, Option<NaiveDate>, bool) = match child
    {
        Some(id) => {
            let row: (i64, String, NaiveDate, String) = sqlx::query_as(
                "SELECT class_id, name, birth_date, birthday_calendar FROM children WHERE id = ?",
            )
            .bind(id)
            .fetch_one(pool)
            .await?;
            (Some(row.0), row.1, Some(row.2), row.3 == "lunar")
        }
        None => (None, String::new(), None, false),
    };
    let events: Vec<FeedEvent> = sqlx::query_as(
        "SELECT id, title, description, category, all_day, starts_at, ends_at, time_zone, location, rrule,
                skip_holidays, version, series_id, recurrence_id, updated_at
         FROM events
         WHERE archived_at IS NULL AND student_visible = 1
           AND (?1 IS NULL
                OR audience = 'school'
                OR (audience = 'class' AND class_id = ?2)
                OR (audience = 'group' AND group_id IN (SELECT group_id FROM group_members WHERE child_id = ?1)))
         ORDER BY id",
    )
    .bind(child)
    .bind(class_id)
    .fetch_all(pool)
    .await?;
    let holidays: Vec<NaiveDate> = sqlx::query_scalar(
        "SELECT date FROM holidays WHERE active = 1 AND kind = 'holiday' ORDER BY date",
    )
    .fetch_all(pool)
    .await?;

    // Deleted occurrences, and changed ones that were deleted afterwards.
    let exdates: Vec<(i64, NaiveDateTime)> = sqlx::query_as(
        "SELECT event_id, occurrence_start FROM event_exdates
         UNION ALL
         SELECT series_id, recurrence_id FROM events WHERE series_id IS NOT NULL AND archived_at IS NOT NULL
         ORDER BY 2",
    )
    .fetch_all(pool)
    .await?;
    let mut calendar = Calendar::new();
    calendar.name(if child.is_some() {
        &name
    } else {
        "希望之家 · 活动日历"
    });
    // The zones the events name (TZID), each defined once in the feed.
    let mut zones = std::collections::BTreeSet::new();
    for e in events {
        let Some(category) = Category::from_key(&e.category) else {
            continue;
        };
        if !filter.shows(category) {
            continue;
        }
        let mut event = Event::new();
        // A changed occurrence is its series' event again, named by the start it replaces.
        let uid = e.series_id.unwrap_or(e.id);
        event
            .uid(&format!("event-{uid}@hopehome"))
            .summary(&e.title)
            .sequence(u32::try_from(e.version - 1).unwrap_or(0))
            .timestamp(e.updated_at.and_utc())
            .add_property("CATEGORIES", category.key().to_uppercase());
        if !e.description.is_empty() {
            event.description(&e.description);
        }
        if let Some(place) = &e.location {
            event.location(place);
        }
        if e.all_day {
            event.starts(e.starts_at.date()).ends(e.ends_at.date());
        } else {
            zones.insert(e.time_zone.clone());
            let zoned = |t: NaiveDateTime| CalendarDateTime::WithTimezone {
                date_time: t,
                tzid: e.time_zone.clone(),
            };
            event.starts(zoned(e.starts_at)).ends(zoned(e.ends_at));
        }
        if let (Some(_), Some(original)) = (e.series_id, e.recurrence_id) {
            let recurrence = if e.all_day {
                let mut p = Property::new("RECURRENCE-ID", original.format("%Y%m%d").to_string());
                p.add_parameter("VALUE", "DATE");
                p
            } else {
                let mut p = Property::new(
                    "RECURRENCE-ID",
                    original.format("%Y%m%dT%H%M%S").to_string(),
                );
                p.add_parameter("TZID", &e.time_zone);
                p
            };
            event.append_property(recurrence);
        }
        if let Some(rule) = &e.rrule {
            // RFC 5545 wants UNTIL in UTC beside a DTSTART with a TZID.
            let written = match e.time_zone.parse::<chrono_tz::Tz>() {
                Ok(tz) => until_in_utc(rule, tz),
                Err(_) => rule.clone(),
            };
            event.add_property("RRULE", &written);
            let deleted = exdates
                .iter()
                .filter(|(id, _)| *id == e.id)
                .map(|(_, start)| *start);
            let holidays_off = if e.skip_holidays {
                skipped_starts(&e, rule, &holidays)?
            } else {
                Vec::new()
            };
            for start in deleted.chain(holidays_off) {
                let mut exdate = Property::new("EXDATE", start.format("%Y%m%dT%H%M%S").to_string());
                exdate.add_parameter("TZID", &e.time_zone);
                zones.insert(e.time_zone.clone());
                event.append_multi_property(exdate);
            }
        }
        calendar.push(event.done());
    }
    if let (Some(child), Some(birth)) = (child, birth) {
        if filter.shows(Category::Birthday) {
            push_birthdays(&mut calendar, child, &name, birth, lunar, today);
        }
    }
    Ok(with_timezones(&calendar.done().to_string(), &zones))
}

/// The occurrences of a series that fall on statutory holidays: written as EXDATEs.
fn skipped_starts(
    e: &FeedEvent,
    rule: &str,
    holidays: &[NaiveDate],
) -> Result<Vec<NaiveDateTime>, BoxError> {
    let (Some(first), Some(last)) = (holidays.first(), holidays.last()) else {
        return Ok(Vec::new());
    };
    let from = first.and_time(chrono::NaiveTime::MIN).max(e.starts_at);
    let to = last.and_hms_opt(23, 59, 59).expect("valid time");
    if from > to {
        return Ok(Vec::new());
    }
    let starts = series_starts(e.id, e.starts_at, &e.time_zone, rule, from, to)
        .map_err(|err| format!("{err:?}"))?;
    Ok(starts
        .into_iter()
        .filter(|s| holidays.binary_search(&s.date()).is_ok())
        .collect())
}

/// A solar birthday repeats yearly (Feb 29 falls on the last day of February); a lunar one
/// is listed for the coming years, as each falls on a different solar date. Neither starts
/// at birth: the series begins this year, so the feed never tells the year of birth.
fn push_birthdays(
    calendar: &mut Calendar,
    child: i64,
    name: &str,
    birth: NaiveDate,
    lunar: bool,
    today: NaiveDate,
) {
    // Derived, not stored: stamped with the start of the year the series is written from,
    // which changes nothing from poll to poll and tells nothing of the child's file.
    let stamp = NaiveDate::from_ymd_opt(today.year(), 1, 1)
        .expect("valid date")
        .and_time(chrono::NaiveTime::MIN)
        .and_utc();
    if lunar {
        // Never the birth day itself, even for a child born this year.
        let first = NaiveDate::from_ymd_opt(today.year(), 1, 1)
            .expect("valid date")
            .max(birth.succ_opt().unwrap_or(birth));
        let last =
            NaiveDate::from_ymd_opt(today.year() + LUNAR_YEARS_AHEAD, 12, 31).expect("valid date");
        for (day, _) in lunar_birthdays_between(birth, first, last) {
            let mut event = Event::new();
            event
                .uid(&format!("birthday-{child}-{}@hopehome", day.year()))
                .summary(&format!("{name} 生日（农历）"))
                .timestamp(stamp)
                .add_property("CATEGORIES", "BIRTHDAY")
                .all_day(day);
            calendar.push(event.done());
        }
        return;
    }
    let Some(first) = solar_birthday_in(birth, today.year().max(birth.year() + 1)) else {
        return;
    };
    let rule = if birth.month() == 2 && birth.day() == 29 {
        "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=-1".to_owned()
    } else {
        "FREQ=YEARLY".to_owned()
    };
    let mut event = Event::new();
    event
        .uid(&format!("birthday-{child}@hopehome"))
        .summary(&format!("{name} 生日"))
        .timestamp(stamp)
        .add_property("CATEGORIES", "BIRTHDAY")
        .add_property("RRULE", &rule)
        .all_day(first);
    calendar.push(event.done());
}

/// Every TZID used must be defined in the calendar (RFC 5545 §3.6.5).
fn with_timezones(ics: &str, zones: &std::collections::BTreeSet<String>) -> String {
    let defined: String = zones
        .iter()
        .filter_map(|name| name.parse::<chrono_tz::Tz>().ok())
        .map(vtimezone)
        .collect();
    match ics.find("BEGIN:VEVENT") {
        Some(at) => format!("{}{defined}{}", &ics[..at], &ics[at..]),
        None => ics.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_default_zone_is_written_as_before() {
        assert_eq!(
            super::vtimezone(chrono_tz::Asia::Shanghai),
            "BEGIN:VTIMEZONE\r\nTZID:Asia/Shanghai\r\nBEGIN:STANDARD\r\nDTSTART:19700101T000000\r\n\
TZOFFSETFROM:+0800\r\nTZOFFSETTO:+0800\r\nTZNAME:CST\r\nEND:STANDARD\r\nEND:VTIMEZONE\r\n"
        );
    }
}
