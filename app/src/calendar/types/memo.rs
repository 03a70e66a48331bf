//! What the calendar has already worked out, kept until the calendar changes.
//!
//! Every table the calendar is made from bumps one number, `calendar_version`, in the
//! transaction that changes it (database triggers). An entry is used only at the version it
//! was made at, so a change shows on the very next request, whoever made it and however.
//!
//! After a write, the Monday-morning staff asking for the same month at once wait for one
//! of them to work it out (`get_or_make`), instead of each working it out again.

use std::collections::HashMap;
use std::sync::Mutex;

/// How much memory a kept value holds, roughly, in bytes.
pub trait Weighed {
    fn weight(&self) -> usize;
}

impl<T: Weighed> Weighed for std::sync::Arc<T> {
    fn weight(&self) -> usize {
        T::weight(self)
    }
}

/// Values by key, each with the calendar version it was made at (`AppState::feeds`,
/// `AppState::calendar_windows`).
#[derive(Debug)]
pub struct Memo<V> {
    kept: Mutex<HashMap<String, (i64, V)>>,
    /// The keys being made now, each with the lock its maker holds while it works.
    #[cfg(feature = "ssr")]
    making: Mutex<HashMap<String, Line>>,
}

/// The lock the callers asking for one key take in turn.
#[cfg(feature = "ssr")]
type Line = std::sync::Arc<tokio::sync::Mutex<()>>;

/// A caller's place in a key's line. Leaving it, however (made, failed, or the request gone
/// and its future dropped), takes the line away when nobody else is in it.
#[cfg(feature = "ssr")]
struct Turn<'a> {
    making: &'a Mutex<HashMap<String, Line>>,
    key: &'a str,
    line: Line,
}

#[cfg(feature = "ssr")]
impl Drop for Turn<'_> {
    fn drop(&mut self) {
        let mut making = self
            .making
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        // Nobody else in it: only the map and this turn hold the line.
        if making.get(self.key).is_some_and(|line| {
            std::sync::Arc::ptr_eq(line, &self.line) && std::sync::Arc::strong_count(line) == 2
        }) {
            making.remove(self.key);
        }
    }
}

impl<V> Default for Memo<V> {
    fn default() -> Self {
        Memo {
            kept: Mutex::new(HashMap::new()),
            #[cfg(feature = "ssr")]
            making: Mutex::new(HashMap::new()),
        }
    }
}

impl<V: Clone + Weighed> Memo<V> {
    /// More keys than a school has, or more bytes than a few hundred feeds, are a sign of
    /// odd requests: start again.
    const MOST: usize = 512;
    const MOST_BYTES: usize = 32 << 20;

    pub fn get(&self, key: &str, version: i64) -> Option<V> {
        let kept = self
            .kept
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        kept.get(key)
            .filter(|(made_at, _)| *made_at == version)
            .map(|(_, value)| value.clone())
    }

    /// Keeps `value`, made at `version` (read before it was made: a write in between makes
    /// the value newer than its version says, never older). What was made at an older
    /// version can never be served again (versions only grow), and goes; a value made at
    /// an older version than one already kept (a slower maker's) is not kept.
    pub fn put(&self, key: String, version: i64, value: V) {
        let mut kept = self
            .kept
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        if kept.values().any(|(made_at, _)| *made_at > version) {
            return;
        }
        kept.retain(|_, (made_at, _)| *made_at >= version);
        kept.remove(&key);
        let bytes: usize = kept.values().map(|(_, v)| v.weight()).sum();
        if kept.len() >= Self::MOST || bytes + value.weight() > Self::MOST_BYTES {
            kept.clear();
        }
        kept.insert(key, (version, value));
    }

    /// The value kept for `key` at `version`, else made by `make` and kept. Callers asking
    /// for the same key at once wait for the first one's making and take what it made (when
    /// it was made at their version; else they make their own). A failed making keeps
    /// nothing: the next caller tries again.
    #[cfg(feature = "ssr")]
    pub async fn get_or_make<E, F, Fut>(&self, key: String, version: i64, make: F) -> Result<V, E>
    where
        F: FnOnce() -> Fut,
        Fut: std::future::Future<Output = Result<V, E>>,
    {
        if let Some(value) = self.get(&key, version) {
            return Ok(value);
        }
        let line = self
            .making
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .entry(key.clone())
            .or_default()
            .clone();
        let turn = Turn {
            making: &self.making,
            key: &key,
            line,
        };
        // Dropped before `turn` (declared after it).
        let _mine = turn.line.lock().await;
        match self.get(&key, version) {
            Some(value) => Ok(value),
            None => make()
                .await
                .inspect(|value| self.put(key.clone(), version, value.clone())),
        }
    }

    #[cfg(test)]
    fn kept_bytes(&self) -> (usize, usize) {
        let kept = self.kept.lock().unwrap();
        (kept.len(), kept.values().map(|(_, v)| v.weight()).sum())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    impl Weighed for String {
        fn weight(&self) -> usize {
            self.len()
        }
    }

    #[test]
    fn a_value_is_served_again_only_at_the_version_it_was_made_at() {
        let memo = Memo::<String>::default();
        assert!(memo.get("school||2027-04-19", 7).is_none());
        memo.put("school||2027-04-19".into(), 7, "BEGIN:VCALENDAR".into());
        assert_eq!(
            memo.get("school||2027-04-19", 7).unwrap(),
            "BEGIN:VCALENDAR"
        );
        assert!(memo.get("school||2027-04-19", 8).is_none(), "a write since");
        assert!(memo.get("school||2027-04-20", 7).is_none(), "another key");
        memo.put("child 1||2027-04-19".into(), 8, "BEGIN:VCALENDAR".into());
        assert_eq!(memo.kept_bytes().0, 1, "what an older version made is gone");
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn the_staff_asking_for_one_window_at_once_wait_for_a_single_making() {
        use std::sync::atomic::{AtomicUsize, Ordering};
        use std::sync::Arc;
        let memo = Arc::new(Memo::<String>::default());
        let made = Arc::new(AtomicUsize::new(0));
        let ask = |version: i64| {
            let (memo, made) = (memo.clone(), made.clone());
            tokio::spawn(async move {
                memo.get_or_make("2027-04-01|2027-04-30".into(), version, || async move {
                    made.fetch_add(1, Ordering::SeqCst);
                    tokio::time::sleep(std::time::Duration::from_millis(50)).await;
                    Ok::<_, ()>(format!("made at {version}"))
                })
                .await
            })
        };
        let asked: Vec<_> = (0..8).map(|_| ask(7)).collect();
        for answer in asked {
            assert_eq!(answer.await.unwrap().unwrap(), "made at 7");
        }
        assert_eq!(made.load(Ordering::SeqCst), 1, "eight askers, one making");
        assert_eq!(ask(8).await.unwrap().unwrap(), "made at 8", "a write since");
        assert_eq!(made.load(Ordering::SeqCst), 2);
        assert!(
            memo.making.lock().unwrap().is_empty(),
            "no lock is left behind"
        );

        // A failed making keeps nothing, and the next asker makes it.
        let failed: Result<String, &str> = memo
            .get_or_make("other".into(), 8, || async { Err("the database is gone") })
            .await;
        assert!(failed.is_err());
        assert!(memo.get("other", 8).is_none());

        // A request that goes away while its window is being made leaves no line behind.
        let gone = tokio::time::timeout(
            std::time::Duration::from_millis(10),
            memo.get_or_make("gone".into(), 8, || async {
                tokio::time::sleep(std::time::Duration::from_secs(60)).await;
                Ok::<_, ()>(String::new())
            }),
        )
        .await;
        assert!(gone.is_err(), "timed out");
        assert!(
            memo.making.lock().unwrap().is_empty(),
            "no lock is left behind"
        );

        // What a slower asker made at an older version does not replace the newer one.
        memo.put("2027-04-01|2027-04-30".into(), 7, "made at 7".into());
        assert_eq!(memo.get("2027-04-01|2027-04-30", 8).unwrap(), "made at 8");
    }

    #[test]
    fn the_memo_never_grows_past_its_limits() {
        let memo = Memo::<String>::default();
        for i in 0..(Memo::<String>::MOST * 3) {
            memo.put(format!("key {i}"), 1, "x".into());
        }
        assert!(memo.kept_bytes().0 <= Memo::<String>::MOST);
        for i in 0..10 {
            memo.put(
                format!("big {i}"),
                1,
                "x".repeat(Memo::<String>::MOST_BYTES / 4),
            );
        }
        let (_, bytes) = memo.kept_bytes();
        assert!(bytes <= Memo::<String>::MOST_BYTES, "{bytes} bytes kept");
        assert!(memo.get("big 9", 1).is_some(), "the newest is kept");
    }
}
