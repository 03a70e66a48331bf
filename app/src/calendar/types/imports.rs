//! A calendar file's preview, as the import page shows it.

use serde::{Deserialize, Serialize};

use super::Category;
use crate::error::ValidationError;

/// What the preview page lists.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IcsPreview {
    pub id: i64,
    pub file_name: String,
    pub category: Category,
    pub staff_only: bool,
    pub rows: Vec<PreviewRow>,
    /// When it was imported and how many events, once it was.
    pub committed: Option<(String, i64)>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PreviewRow {
    pub number: usize,
    pub title: String,
    pub all_day: bool,
    pub start: chrono::NaiveDateTime,
    pub end: chrono::NaiveDateTime,
    pub rule: Option<String>,
    pub changed_occurrence: bool,
    pub problem: Option<ValidationError>,
    pub already: bool,
}

impl IcsPreview {
    /// (new, already in the calendar, with problems)
    pub fn totals(&self) -> (usize, usize, usize) {
        let problems = self.rows.iter().filter(|r| r.problem.is_some()).count();
        let already = self
            .rows
            .iter()
            .filter(|r| r.problem.is_none() && r.already)
            .count();
        (self.rows.len() - problems - already, already, problems)
    }
}
