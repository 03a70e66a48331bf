//! What the school settings page receives and sends: plain data, no rules.

use serde::{Deserialize, Serialize};

/// The school's details as stored; empty strings where nothing is set, version 0 before
/// the first save (a new school has no row yet).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SchoolInfo {
    pub name: String,
    pub short_name: String,
    pub short_name_en: String,
    pub phone: String,
    pub version: i64,
}
