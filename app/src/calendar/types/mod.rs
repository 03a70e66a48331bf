//! What the calendar sends over the wire: shared by the server and the browser.

use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

use crate::i18n::Strings;

pub mod events;
pub mod feeds;
pub mod imports;
pub mod memo;
pub mod query;
pub mod window;

use crate::school::types::ClassLabel;
pub use events::{Audience, EventForEdit, EventInput};
pub use feeds::{FeedMemo, FeedSummary, MadeFeed};
pub use imports::{IcsPreview, PreviewRow};
pub use query::{CalendarFilter, CalendarQuery, CalendarView};
pub use window::{Window, WindowBirthday, WindowMemo, WindowOccurrence};

/// What the viewer may plan an event for: the whole school and its staff (or neither), and
/// which classes (`3-2`) and interest groups, as (id, label).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct AudienceChoices {
    pub school: bool,
    pub classes: Vec<(i64, String)>,
    pub groups: Vec<(i64, String)>,
}

impl AudienceChoices {
    /// Whether there is anything to plan an event for.
    pub fn is_empty(&self) -> bool {
        !self.school && self.classes.is_empty() && self.groups.is_empty()
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Category {
    Activity,
    Thematic,
    Birthday,
    Checkup,
    Meeting,
    Family,
    Holiday,
}

impl Category {
    pub const ALL: [Category; 7] = [
        Category::Activity,
        Category::Thematic,
        Category::Birthday,
        Category::Checkup,
        Category::Meeting,
        Category::Family,
        Category::Holiday,
    ];

    /// The name stored in the database and used in URLs and CSS classes.
    pub fn key(self) -> &'static str {
        match self {
            Category::Activity => "activity",
            Category::Thematic => "thematic",
            Category::Birthday => "birthday",
            Category::Checkup => "checkup",
            Category::Meeting => "meeting",
            Category::Family => "family",
            Category::Holiday => "holiday",
        }
    }

    pub fn from_key(key: &str) -> Option<Category> {
        Category::ALL.into_iter().find(|c| c.key() == key)
    }

    pub fn label(self, t: &Strings) -> &'static str {
        match self {
            Category::Activity => t.calendar.category_activity,
            Category::Thematic => t.calendar.category_thematic,
            Category::Birthday => t.calendar.category_birthday,
            Category::Checkup => t.calendar.category_checkup,
            Category::Meeting => t.calendar.category_meeting,
            Category::Family => t.calendar.category_family,
            Category::Holiday => t.calendar.category_holiday,
        }
    }
}

/// One occurrence of an event, in the school's local time.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Occurrence {
    pub event_id: i64,
    pub title: String,
    pub category: Category,
    pub all_day: bool,
    pub start: NaiveDateTime,
    pub end: NaiveDateTime,
    pub location: Option<String>,
    /// Whether the signed-in user may edit this event (decided on the server).
    pub editable: bool,
    /// The series' RRULE, for its one-line summary ("每周三").
    pub rule: Option<String>,
    /// The event's version, which a move by dragging must name.
    pub version: i64,
    /// Where the entry leads instead of the editor, decided on the server for each viewer:
    /// for those who read health data, a follow-up to the child's checkup record and the
    /// checkup day to its page; for those who may reach a meeting, its record. Both pages
    /// link the editor back for those who may edit the event.
    #[serde(default)]
    pub link: Option<String>,
}

impl Occurrence {
    /// The event's editor, opened at this occurrence when the event repeats.
    pub fn editor_href(&self) -> String {
        match self.rule {
            Some(_) => crate::school::urls::event_occurrence_href(self.event_id, self.start),
            None => format!("/calendar/event/{}", self.event_id),
        }
    }

    /// An all-day entry on `day` that is no event of the school's (a holiday, a follow-up):
    /// nothing to edit or drag.
    pub fn marker(day: NaiveDate, title: String, category: Category, link: Option<String>) -> Self {
        let midnight = day.and_time(chrono::NaiveTime::MIN);
        Occurrence {
            event_id: 0,
            title,
            category,
            all_day: true,
            start: midnight,
            end: midnight + chrono::Duration::days(1),
            location: None,
            editable: false,
            rule: None,
            version: 0,
            link,
        }
    }

    /// The days this occurrence covers (an all-day event's end is exclusive midnight).
    pub fn covers(&self, day: NaiveDate) -> bool {
        let first = self.start.date();
        let last = if self.all_day || self.end.time() == chrono::NaiveTime::MIN {
            (self.end - chrono::Duration::seconds(1)).date().max(first)
        } else {
            self.end.date()
        };
        first <= day && day <= last
    }
}

/// A child's birthday as it falls in the requested window.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BirthdayItem {
    /// Which child's record; withheld from students like the age.
    pub child_id: Option<i64>,
    pub name: String,
    pub class: ClassLabel,
    pub date: NaiveDate,
    /// The age the child turns on this day; withheld from students (name and class only).
    pub age: Option<u32>,
    /// Kept by the lunar calendar (农历生日): the date moves every solar year.
    pub lunar: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum HolidayKind {
    /// A statutory day off (放假).
    Holiday,
    /// A weekend day that is a working day to make up for a bridge (调休上班).
    Workday,
}

/// One row of the admin's holidays page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HolidayRow {
    pub date: NaiveDate,
    pub kind: HolidayKind,
    pub name: String,
    pub provisional: bool,
    /// `file` (shipped) or `admin` (corrected here).
    pub source: String,
}

impl HolidayKind {
    pub fn key(self) -> &'static str {
        match self {
            HolidayKind::Holiday => "holiday",
            HolidayKind::Workday => "workday",
        }
    }

    pub fn from_key(key: &str) -> Option<HolidayKind> {
        match key {
            "holiday" => Some(HolidayKind::Holiday),
            "workday" => Some(HolidayKind::Workday),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Holiday {
    pub kind: HolidayKind,
    pub name: String,
    /// Shipped before the State Council's notice; an admin has not confirmed it yet.
    pub provisional: bool,
}

/// What a day is besides its events: its lunar date, festivals and holiday status.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DayInfo {
    pub date: NaiveDate,
    /// Lunar month (negative for a leap month) and day.
    pub lunar: (i32, u32),
    /// Festival keys (`mid_autumn`, `mothers_day`, …), translated by the UI.
    pub festivals: Vec<String>,
    pub holiday: Option<Holiday>,
}

/// Everything a calendar view shows: the window it covers and what falls in it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CalendarData {
    pub query: CalendarQuery,
    /// First and last day shown (inclusive).
    pub first: NaiveDate,
    pub last: NaiveDate,
    /// Today in the school's time zone, so every client marks the same day.
    pub today: NaiveDate,
    pub occurrences: Vec<Occurrence>,
    pub birthdays: Vec<BirthdayItem>,
    /// One per day shown, in order.
    pub days: Vec<DayInfo>,
    /// What the class and group filters offer.
    pub classes: Vec<(i64, String)>,
    pub groups: Vec<(i64, String)>,
    /// Whether the signed-in user may create events (for some audience).
    pub can_create: bool,
    /// Whether they may make the month's group birthday party (a staff event).
    pub can_celebrate: bool,
    /// Whether the user may import calendar files for the whole school.
    pub can_import: bool,
}
