//! Sign-in throttling per account and per address. An attempt is counted when it is let
//! through, before its password is hashed, so attempts sent in parallel cannot slip past the
//! limit while the first ones are still hashing.
//!
//! An address gets ten attempts a minute (successes are given back). An account that fails
//! ten times in a minute is locked for a minute, and each further lockout doubles the wait
//! up to fifteen minutes: an attacker is slowed down more and more, but the account is never
//! locked for good, and its owner on a device they signed in from before is not held up by
//! the account's lock at all (only by their address's limit).

use std::collections::{HashMap, VecDeque};
use std::sync::Mutex;
use std::time::{Duration, Instant};

pub const MAX_FAILURES: usize = 10;
pub const WINDOW: Duration = Duration::from_secs(60);
/// The first lockout of an account; each further one doubles it.
pub const FIRST_LOCK: Duration = Duration::from_secs(60);
/// The longest an account is ever locked at a time.
pub const LONGEST_LOCK: Duration = Duration::from_secs(15 * 60);
/// A lockout this long past with none since is forgotten: the next one starts at a minute.
pub const FORGET_AFTER: Duration = Duration::from_secs(60 * 60);
/// Past this many keys, idle ones are forgotten, so a scan of usernames cannot grow the
/// map without bound.
const MAX_KEYS: usize = 10_000;

#[derive(Debug, Default)]
pub struct LoginThrottle {
    keys: Mutex<HashMap<String, Key>>,
}

/// What one account or one address has done lately.
#[derive(Debug, Default)]
struct Key {
    /// Attempts of the last [`WINDOW`] that did not succeed: failed or still being checked.
    attempts: VecDeque<Instant>,
    /// Accounts only: no attempt (but from a known device) before this.
    locked_until: Option<Instant>,
    /// Accounts only: lockouts since the last success; the next one lasts 2^lockouts minutes.
    lockouts: u32,
}

impl Key {
    fn forget_old(&mut self, now: Instant) {
        while self
            .attempts
            .front()
            .is_some_and(|t| now.saturating_duration_since(*t) >= WINDOW)
        {
            self.attempts.pop_front();
        }
    }

    /// Seconds to wait before the next attempt, if any.
    fn wait(&mut self, now: Instant) -> Option<u64> {
        self.forget_old(now);
        if let Some(until) = self.locked_until.filter(|until| *until > now) {
            return Some(seconds(until - now));
        }
        if self.attempts.len() >= MAX_FAILURES {
            let oldest = *self.attempts.front().expect("non-empty");
            return Some(seconds(
                WINDOW.saturating_sub(now.saturating_duration_since(oldest)),
            ));
        }
        None
    }

    fn give_back(&mut self, at: Instant) {
        if let Some(position) = self.attempts.iter().position(|t| *t == at) {
            self.attempts.remove(position);
        }
    }

    fn idle(&self, now: Instant) -> bool {
        let recent = self
            .attempts
            .back()
            .is_some_and(|t| now.saturating_duration_since(*t) < WINDOW);
        let remembered = self
            .locked_until
            .is_some_and(|until| now.saturating_duration_since(until) < FORGET_AFTER);
        !recent && !remembered
    }
}

/// Whole seconds, rounded up, at least one: what `Retry-After` says.
fn seconds(duration: Duration) -> u64 {
    (duration.as_secs() + u64::from(duration.subsec_nanos() > 0)).max(1)
}

/// How long the `lockouts`-th lockout (counting from zero) lasts.
pub fn lock_duration(lockouts: u32) -> Duration {
    FIRST_LOCK
        .checked_mul(2u32.saturating_pow(lockouts))
        .unwrap_or(LONGEST_LOCK)
        .min(LONGEST_LOCK)
}

/// An attempt let through and counted; say how it ended with [`LoginThrottle::failed`],
/// [`LoginThrottle::succeeded`] or [`LoginThrottle::release`].
#[derive(Debug)]
#[must_use = "an attempt stays counted as a failure until it is settled"]
pub struct Attempt {
    account: String,
    address: String,
    at: Instant,
    /// False for the owner's known device: it neither waits for nor adds to the account's lock.
    counts_for_account: bool,
}

impl LoginThrottle {
    /// Lets an attempt through and counts it, in one step; `Err(seconds to wait)` when the
    /// account (unless `known_device`) or the address has used up its attempts.
    pub fn reserve(
        &self,
        account: &str,
        address: &str,
        known_device: bool,
        now: Instant,
    ) -> Result<Attempt, u64> {
        let attempt = Attempt {
            account: format!("user:{account}"),
            address: format!("ip:{address}"),
            at: now,
            counts_for_account: !known_device,
        };
        let mut keys = self.keys.lock().unwrap_or_else(|e| e.into_inner());
        if keys.len() > MAX_KEYS {
            keys.retain(|_, key| !key.idle(now));
        }
        let mut waits = Vec::with_capacity(2);
        if attempt.counts_for_account {
            waits.extend(keys.get_mut(&attempt.account).and_then(|k| k.wait(now)));
        }
        waits.extend(keys.get_mut(&attempt.address).and_then(|k| k.wait(now)));
        if let Some(wait) = waits.into_iter().max() {
            return Err(wait);
        }
        if attempt.counts_for_account {
            let account = keys.entry(attempt.account.clone()).or_default();
            account.attempts.push_back(now);
        }
        keys.entry(attempt.address.clone())
            .or_default()
            .attempts
            .push_back(now);
        Ok(attempt)
    }

    /// A wrong password (or unknown user): the attempt stays counted, and the account's
    /// tenth failure in a minute locks it, each lockout twice as long as the one before.
    pub fn failed(&self, attempt: Attempt, now: Instant) {
        if !attempt.counts_for_account {
            return;
        }
        let mut keys = self.keys.lock().unwrap_or_else(|e| e.into_inner());
        let Some(account) = keys.get_mut(&attempt.account) else {
            return;
        };
        account.forget_old(now);
        let locked = account.locked_until.is_some_and(|until| until > now);
        if locked || account.attempts.len() < MAX_FAILURES {
            return;
        }
        let forgotten = account
            .locked_until
            .is_some_and(|until| now.saturating_duration_since(until) >= FORGET_AFTER);
        if forgotten {
            account.lockouts = 0;
        }
        account.locked_until = Some(now + lock_duration(account.lockouts));
        account.lockouts = account.lockouts.saturating_add(1);
        account.attempts.clear();
    }

    /// The right password: the account's failures and lockouts are forgotten, and the
    /// address gets its attempt back.
    pub fn succeeded(&self, attempt: Attempt) {
        let mut keys = self.keys.lock().unwrap_or_else(|e| e.into_inner());
        keys.remove(&attempt.account);
        if let Some(address) = keys.get_mut(&attempt.address) {
            address.give_back(attempt.at);
        }
    }

    /// The attempt never reached the password check (the server was busy): nothing counts.
    pub fn release(&self, attempt: Attempt) {
        let mut keys = self.keys.lock().unwrap_or_else(|e| e.into_inner());
        if attempt.counts_for_account {
            if let Some(account) = keys.get_mut(&attempt.account) {
                account.give_back(attempt.at);
            }
        }
        if let Some(address) = keys.get_mut(&attempt.address) {
            address.give_back(attempt.at);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MINUTE: Duration = Duration::from_secs(60);

    /// `MAX_FAILURES` wrong passwords for `account` from `address`, all at `now`.
    fn fail_all(throttle: &LoginThrottle, account: &str, address: &str, now: Instant) {
        for n in 0..MAX_FAILURES {
            let attempt = throttle
                .reserve(account, address, false, now)
                .unwrap_or_else(|wait| panic!("attempt {n} refused, wait {wait}"));
            throttle.failed(attempt, now);
        }
    }

    #[test]
    fn ten_failures_lock_the_account_for_a_minute() {
        let throttle = LoginThrottle::default();
        let start = Instant::now();
        fail_all(&throttle, "teacher", "10.0.0.1", start);
        let later = start + Duration::from_secs(20);
        assert_eq!(
            throttle
                .reserve("teacher", "10.0.0.2", false, later)
                .unwrap_err(),
            40
        );
        assert!(throttle
            .reserve("teacher", "10.0.0.2", false, start + MINUTE)
            .is_ok());
    }

    #[test]
    fn attempts_in_flight_count_before_their_password_is_checked() {
        let throttle = LoginThrottle::default();
        let now = Instant::now();
        let in_flight: Vec<Attempt> = (0..MAX_FAILURES)
            .map(|n| {
                throttle
                    .reserve("admin", &format!("10.0.0.{n}"), false, now)
                    .expect("within the limit")
            })
            .collect();
        // None has been answered yet; the eleventh still waits.
        assert!(throttle.reserve("admin", "10.0.1.1", false, now).is_err());
        for attempt in in_flight {
            throttle.failed(attempt, now);
        }
        assert_eq!(
            throttle
                .reserve("admin", "10.0.1.1", false, now)
                .unwrap_err(),
            60
        );
    }

    #[test]
    fn each_further_lockout_doubles_the_wait_up_to_fifteen_minutes() {
        let throttle = LoginThrottle::default();
        let mut now = Instant::now();
        let mut waits = Vec::new();
        for round in 0..7 {
            fail_all(&throttle, "admin", &format!("10.0.0.{round}"), now);
            let wait = throttle
                .reserve("admin", "10.9.9.9", false, now)
                .unwrap_err();
            waits.push(wait);
            now += Duration::from_secs(wait);
        }
        assert_eq!(waits, [60, 120, 240, 480, 900, 900, 900]);
        assert_eq!(lock_duration(u32::MAX), LONGEST_LOCK);
    }

    #[test]
    fn a_quiet_hour_forgets_the_lockouts() {
        let throttle = LoginThrottle::default();
        let mut now = Instant::now();
        for round in 0..3 {
            fail_all(&throttle, "admin", &format!("10.0.0.{round}"), now);
            now += Duration::from_secs(throttle.reserve("admin", "x", false, now).unwrap_err());
        }
        now += FORGET_AFTER;
        fail_all(&throttle, "admin", "10.0.0.9", now);
        assert_eq!(throttle.reserve("admin", "x", false, now).unwrap_err(), 60);
    }

    #[test]
    fn a_success_forgets_the_account_s_failures_and_lockouts() {
        let throttle = LoginThrottle::default();
        let mut now = Instant::now();
        for round in 0..2 {
            fail_all(&throttle, "admin", &format!("10.0.0.{round}"), now);
            now += Duration::from_secs(throttle.reserve("admin", "x", false, now).unwrap_err());
        }
        for _ in 0..MAX_FAILURES - 1 {
            let attempt = throttle.reserve("admin", "10.0.1.1", false, now).unwrap();
            throttle.failed(attempt, now);
        }
        let right = throttle.reserve("admin", "10.0.2.2", false, now).unwrap();
        throttle.succeeded(right);
        fail_all(&throttle, "admin", "10.0.3.3", now);
        assert_eq!(
            throttle.reserve("admin", "x", false, now).unwrap_err(),
            60,
            "the lockouts before the success are forgotten too"
        );
    }

    #[test]
    fn the_owner_s_known_device_is_not_held_up_by_the_account_s_lock() {
        let throttle = LoginThrottle::default();
        let now = Instant::now();
        fail_all(&throttle, "admin", "10.0.0.66", now);
        assert!(throttle.reserve("admin", "10.0.0.1", false, now).is_err());
        let owner = throttle.reserve("admin", "10.0.0.1", true, now).unwrap();
        throttle.failed(owner, now);
        // The address's own limit still holds for a known device.
        assert!(throttle.reserve("admin", "10.0.0.66", true, now).is_err());
    }

    #[test]
    fn another_account_from_another_address_is_not_held_up() {
        let throttle = LoginThrottle::default();
        let now = Instant::now();
        fail_all(&throttle, "admin", "10.0.0.9", now);
        assert!(throttle.reserve("teacher", "10.0.0.2", false, now).is_ok());
        // The same address trying another account is still held up.
        assert!(throttle.reserve("teacher", "10.0.0.9", false, now).is_err());
    }

    #[test]
    fn successes_and_busy_refusals_give_the_address_its_attempt_back() {
        let throttle = LoginThrottle::default();
        let now = Instant::now();
        for n in 0..2 * MAX_FAILURES {
            let attempt = throttle
                .reserve(&format!("user{n}"), "10.0.0.1", false, now)
                .unwrap();
            if n % 2 == 0 {
                throttle.succeeded(attempt);
            } else {
                throttle.release(attempt);
            }
        }
        assert!(throttle.reserve("teacher", "10.0.0.1", false, now).is_ok());
    }
}
