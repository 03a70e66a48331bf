//! What a calendar URL asks for, as data: the view, the date, the filters (the parsing of
//! a whole URL and the links back are in `domain::query`).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::Category;
use crate::error::ValidationError;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum CalendarView {
    #[default]
    Month,
    Week,
    Day,
    Agenda,
}

impl CalendarView {
    pub const ALL: [CalendarView; 4] = [
        CalendarView::Month,
        CalendarView::Week,
        CalendarView::Day,
        CalendarView::Agenda,
    ];

    pub fn key(self) -> &'static str {
        match self {
            CalendarView::Month => "month",
            CalendarView::Week => "week",
            CalendarView::Day => "day",
            CalendarView::Agenda => "agenda",
        }
    }

    pub fn parse(raw: &str) -> Result<CalendarView, ValidationError> {
        CalendarView::ALL
            .into_iter()
            .find(|v| v.key() == raw.trim())
            .ok_or(ValidationError::InvalidView)
    }
}

/// Which events to show; empty `categories` means all of them.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct CalendarFilter {
    pub categories: Vec<Category>,
    pub class_id: Option<i64>,
    pub group_id: Option<i64>,
}

impl CalendarFilter {
    pub fn shows(&self, category: Category) -> bool {
        self.categories.is_empty() || self.categories.contains(&category)
    }

    /// Parses `cat=activity,checkup`, `class=3`, `group=2` (blank means no filter).
    pub fn parse(
        categories: Option<&str>,
        class: Option<&str>,
        group: Option<&str>,
    ) -> Result<CalendarFilter, ValidationError> {
        let mut parsed = Vec::new();
        for key in categories
            .unwrap_or("")
            .split(',')
            .map(str::trim)
            .filter(|k| !k.is_empty())
        {
            let category = Category::from_key(key).ok_or(ValidationError::InvalidFilter)?;
            if !parsed.contains(&category) {
                parsed.push(category);
            }
        }
        let id = |raw: Option<&str>| -> Result<Option<i64>, ValidationError> {
            match raw.map(str::trim).filter(|r| !r.is_empty()) {
                None => Ok(None),
                Some(r) => r
                    .parse::<i64>()
                    .map(Some)
                    .map_err(|_| ValidationError::InvalidFilter),
            }
        };
        Ok(CalendarFilter {
            categories: parsed,
            class_id: id(class)?,
            group_id: id(group)?,
        })
    }
}

/// A calendar page: view, anchor date and filters.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CalendarQuery {
    pub view: CalendarView,
    pub date: NaiveDate,
    pub filter: CalendarFilter,
    /// Show the lunar date under each day number (`lunar=off` hides it).
    pub lunar: bool,
}

/// The request header of a calendar page fetched ahead of the user (the neighbouring period,
/// `calendar::gestures::ahead`): the server leaves out what is shown only to be audited, the
/// checkup follow-ups, which the fresh page brings when the user goes there.
pub const MADE_AHEAD_HEADER: &str = "hope-made-ahead";
