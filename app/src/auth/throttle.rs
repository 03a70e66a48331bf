//! Sign-in throttling per account and per address: past ten failures in a minute,
//! further attempts are refused until the oldest failure is a minute old.

use std::collections::{HashMap, VecDeque};
use std::sync::Mutex;
use std::time::{Duration, Instant};

pub const MAX_FAILURES: usize = 10;
pub const WINDOW: Duration = Duration::from_secs(60);

#[derive(Debug, Default)]
pub struct LoginThrottle {
    failures: Mutex<HashMap<String, VecDeque<Instant>>>,
}

impl LoginThrottle {
    /// `Err(seconds to wait)` when any of `keys` has used up its failures.
    pub fn check(&self, keys: &[String], now: Instant) -> Result<(), u64> {
        let mut failures = self.failures.lock().unwrap_or_else(|e| e.into_inner());
        let mut wait = None;
        for key in keys {
            if let Some(times) = failures.get_mut(key) {
                while times
                    .front()
                    .is_some_and(|t| now.duration_since(*t) >= WINDOW)
                {
                    times.pop_front();
                }
                if times.len() >= MAX_FAILURES {
                    let oldest = *times.front().expect("non-empty");
                    let left = WINDOW
                        .saturating_sub(now.duration_since(oldest))
                        .as_secs()
                        .max(1);
                    wait = Some(wait.map_or(left, |w: u64| w.max(left)));
                }
            }
        }
        wait.map_or(Ok(()), Err)
    }

    pub fn fail(&self, keys: &[String], now: Instant) {
        let mut failures = self.failures.lock().unwrap_or_else(|e| e.into_inner());
        // Forget idle keys so a scan of usernames cannot grow the map without bound.
        if failures.len() > 10_000 {
            failures.retain(|_, times| {
                times
                    .back()
                    .is_some_and(|t| now.duration_since(*t) < WINDOW)
            });
        }
        for key in keys {
            failures.entry(key.clone()).or_default().push_back(now);
        }
    }

    pub fn succeed(&self, account_key: &str) {
        self.failures
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .remove(account_key);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ten_failures_a_minute_then_a_wait() {
        let throttle = LoginThrottle::default();
        let keys = vec!["user:teacher".to_owned(), "ip:10.0.0.1".to_owned()];
        let start = Instant::now();
        for _ in 0..MAX_FAILURES {
            assert_eq!(throttle.check(&keys, start), Ok(()));
            throttle.fail(&keys, start);
        }
        let wait = throttle
            .check(&keys, start + Duration::from_secs(20))
            .unwrap_err();
        assert_eq!(wait, 40);
        assert_eq!(throttle.check(&keys, start + WINDOW), Ok(()));
    }

    #[test]
    fn another_account_from_another_address_is_not_held_up() {
        let throttle = LoginThrottle::default();
        let now = Instant::now();
        let noisy = vec!["user:admin".to_owned(), "ip:10.0.0.9".to_owned()];
        for _ in 0..MAX_FAILURES {
            throttle.fail(&noisy, now);
        }
        assert_eq!(
            throttle.check(&["user:teacher".to_owned(), "ip:10.0.0.2".to_owned()], now),
            Ok(())
        );
        // The same address trying another account is still held up.
        assert!(throttle
            .check(&["user:teacher".to_owned(), "ip:10.0.0.9".to_owned()], now)
            .is_err());
    }
}
