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

/// A feed already made: its text and ETag.
#[derive(Debug, Clone)]
pub struct MadeFeed {
    pub body: std::sync::Arc<str>,
    pub etag: std::sync::Arc<str>,
}

impl super::memo::Weighed for MadeFeed {
    fn weight(&self) -> usize {
        self.body.len()
    }
}

/// The feeds made so far, per link scope, categories and school day (`AppState::feeds`).
pub type FeedMemo = super::memo::Memo<MadeFeed>;
