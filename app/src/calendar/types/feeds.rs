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

/// A feed already made: its text, compressed once for the phones that ask (brotli, gzip),
/// and the SHA-256 of the text, from which each coding's ETag is made.
#[derive(Debug, Clone)]
pub struct MadeFeed {
    pub hash: std::sync::Arc<str>,
    pub text: std::sync::Arc<[u8]>,
    pub brotli: std::sync::Arc<[u8]>,
    pub gzip: std::sync::Arc<[u8]>,
}

impl super::memo::Weighed for MadeFeed {
    fn weight(&self) -> usize {
        self.text.len() + self.brotli.len() + self.gzip.len()
    }
}

/// The feeds made so far, per link scope, categories and school day (`AppState::feeds`).
pub type FeedMemo = super::memo::Memo<MadeFeed>;
