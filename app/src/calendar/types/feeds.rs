//! A subscription link, as the feeds page lists it.

use serde::{Deserialize, Serialize};

/// One subscription link (never its secret).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FeedSummary {
    pub id: i64,
    /// `school` or `child`.
    pub scope: String,
    pub label: String,
    pub created_at: String,
    pub revoked: bool,
}
