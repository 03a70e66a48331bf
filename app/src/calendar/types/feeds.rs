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

/// A feed already made: its text and ETag, and the calendar version it was made at.
#[derive(Debug, Clone)]
pub struct MadeFeed {
    pub version: i64,
    pub body: std::sync::Arc<str>,
    pub etag: std::sync::Arc<str>,
}

/// The feeds made so far, per link scope, categories and school day (`AppState::feeds`).
/// An entry is used only while the calendar's version is the one it was made at, so a
/// change shows on the very next request.
#[derive(Debug, Default)]
pub struct FeedMemo(std::sync::Mutex<std::collections::HashMap<String, MadeFeed>>);

impl FeedMemo {
    /// More kinds of feed than a school has, or more bytes than a few hundred feeds, are a
    /// sign of odd requests: start again.
    const MOST: usize = 512;
    const MOST_BYTES: usize = 32 << 20;

    pub fn get(&self, key: &str, version: i64) -> Option<MadeFeed> {
        let memo = self
            .0
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        memo.get(key)
            .filter(|made| made.version == version)
            .cloned()
    }

    pub fn put(&self, key: String, made: MadeFeed) {
        let mut memo = self
            .0
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        memo.remove(&key);
        let bytes: usize = memo.values().map(|m| m.body.len()).sum();
        if memo.len() >= Self::MOST || bytes + made.body.len() > Self::MOST_BYTES {
            memo.clear();
        }
        memo.insert(key, made);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn made(version: i64) -> MadeFeed {
        MadeFeed {
            version,
            body: "BEGIN:VCALENDAR".into(),
            etag: "\"e\"".into(),
        }
    }

    #[test]
    fn a_feed_is_served_again_only_at_the_version_it_was_made_at() {
        let memo = FeedMemo::default();
        assert!(memo.get("school||2027-04-19", 7).is_none());
        memo.put("school||2027-04-19".into(), made(7));
        assert_eq!(memo.get("school||2027-04-19", 7).unwrap().version, 7);
        assert!(memo.get("school||2027-04-19", 8).is_none(), "a write since");
        assert!(memo.get("school||2027-04-20", 7).is_none(), "another day");
    }

    #[test]
    fn the_memo_never_grows_past_its_limit() {
        let memo = FeedMemo::default();
        for i in 0..(FeedMemo::MOST * 3) {
            memo.put(format!("key {i}"), made(1));
        }
        assert!(memo.0.lock().unwrap().len() <= FeedMemo::MOST);
        let big = |version| MadeFeed {
            body: "x".repeat(FeedMemo::MOST_BYTES / 4).into(),
            ..made(version)
        };
        for i in 0..10 {
            memo.put(format!("big {i}"), big(1));
        }
        let kept: usize = memo.0.lock().unwrap().values().map(|m| m.body.len()).sum();
        assert!(kept <= FeedMemo::MOST_BYTES, "{kept} bytes kept");
        assert!(memo.get("big 9", 1).is_some(), "the newest is kept");
    }
}
