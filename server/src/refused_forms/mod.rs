//! A form the server refuses comes back as it was typed, with the reason beside it.
//!
//! A form posted to a server function (by the browser itself, or by the islands router) is
//! answered with a redirect to the page it came from. When the function refused it, that
//! page used to come back with its fields empty and the reason at the top of the page: a
//! counselor's two paragraphs of a home visit, gone for one wrong date. Now the posted
//! fields are kept here for a few minutes, under a random id, for one owner: the browser
//! (a random cookie of its own, [`BROWSER_COOKIE`]) in the session it was signed in with,
//! or none. Nobody else can read or plant a refusal: another tablet, another user signed in
//! on the same tablet later, a link sent by someone else. The redirect names the id
//! (`?refused=…#refused`). When the page is served, the form that was sent (same action,
//! same hidden fields) gets its values back, its fold is opened, and the reason stands just
//! above it, where the browser scrolls.
//!
//! Never kept: passwords (by field name), files, bodies over [`MAX_BODY`] (URL-encoded) or
//! [`MAX_MULTIPART`] (an upload), text over [`MAX_TEXT`] in all. Never refilled: hidden
//! fields (the page's own, such as a record's version, so a stale edit stays a conflict),
//! and a form whose hidden fields differ from the ones posted (another child's row). A
//! form whose only difference is a `…version` field is the record changed meanwhile: it
//! shows the new version, with what was typed listed above it. A form's `uid` (the key that
//! makes a second send of the same entry change nothing) is new with every page: it tells
//! no form from another, and the page's new one is the one sent next.

use std::collections::VecDeque;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use app::error::AppError;

mod page;

pub use page::{refill, Words};

/// The largest URL-encoded body whose fields are kept.
pub const MAX_BODY: u64 = 64 * 1024;
/// The largest multipart body whose text fields are kept: a diary entry with a photo as
/// the page makes it smaller (1,280 px a side, a few hundred KB); its file is never kept.
pub const MAX_MULTIPART: u64 = 2 * 1024 * 1024;
/// The most text a refusal keeps (names and values): more than any form of the app takes.
/// With [`KEPT`], at most 16 MB are kept for everyone together.
pub const MAX_TEXT: usize = 64 * 1024;
/// How many refusals are kept at once, across all users; the oldest goes first.
const KEPT: usize = 256;
/// The cookie that names a browser for its refusals (random, for [`KEPT_FOR`]).
pub const BROWSER_COOKIE: &str = "hopehome_refused";
/// How long a refusal can be shown again (a reload of the page included).
const KEPT_FOR: Duration = Duration::from_secs(15 * 60);
/// Field names that hold a password: never kept, even for a moment.
const SECRET_FIELDS: [&str; 4] = ["password", "current", "new", "confirm"];
/// The largest page that is refilled (pages are far smaller; one that says it is larger is
/// left alone).
pub const MAX_PAGE: usize = 16 * 1024 * 1024;

/// One refused form: whose it was, where it was sent, what it held and why it was refused.
#[derive(Clone)]
pub struct Refusal {
    id: String,
    owner: String,
    pub action: String,
    pub fields: Vec<(String, String)>,
    /// An upload too large to read here: none of its fields are known, and its form (the
    /// first sent to the action) comes back as the page has it, with the reason above it.
    pub unread: bool,
    pub error: AppError,
    at: Instant,
}

/// The refusals of the last minutes, in the order they happened; whether the site is
/// served over https (its browser cookie is then `Secure`).
#[derive(Clone, Default)]
pub struct RefusedForms {
    kept: Arc<Mutex<VecDeque<Refusal>>>,
    pub https: bool,
}

impl RefusedForms {
    pub fn new(https: bool) -> Self {
        RefusedForms {
            kept: Arc::default(),
            https,
        }
    }

    /// Keeps a refusal for `owner` (see [`owner`]); the id the page's address will carry.
    /// `fields` None: an upload too large to read. None when it holds more text than any
    /// form of the app takes.
    pub fn keep(
        &self,
        owner: String,
        action: &str,
        fields: Option<Vec<(String, String)>>,
        error: AppError,
    ) -> Option<String> {
        let unread = fields.is_none();
        let fields: Vec<(String, String)> = fields
            .unwrap_or_default()
            .into_iter()
            .filter(|(name, _)| !SECRET_FIELDS.contains(&name.as_str()))
            // As a browser sends a textarea's lines; the page holds them as `\n`.
            .map(|(name, value)| (name, value.replace("\r\n", "\n")))
            .collect();
        let size: usize = fields.iter().map(|(n, v)| n.len() + v.len()).sum();
        if size > MAX_TEXT {
            return None;
        }
        let id = app::auth::device::new_token();
        let mut kept = self.kept.lock().unwrap_or_else(|e| e.into_inner());
        let now = Instant::now();
        kept.retain(|r| now.duration_since(r.at) < KEPT_FOR);
        while kept.len() >= KEPT {
            kept.pop_front();
        }
        kept.push_back(Refusal {
            id: id.clone(),
            owner,
            action: action.to_owned(),
            fields,
            unread,
            error,
            at: now,
        });
        Some(id)
    }

    /// The refusal `id`, when it is still kept and `owner` made it. Looking also forgets
    /// every refusal past its time.
    pub fn find(&self, id: &str, owner: &str) -> Option<Refusal> {
        let mut kept = self.kept.lock().unwrap_or_else(|e| e.into_inner());
        let now = Instant::now();
        kept.retain(|r| now.duration_since(r.at) < KEPT_FOR);
        kept.iter()
            .find(|r| r.id == id && r.owner == owner)
            .cloned()
    }
}

/// Whose a refusal is: the browser (its [`BROWSER_COOKIE`]) and the session it was signed
/// in with (none before signing in). Signing in or out, or another tablet, is another owner.
pub fn owner(browser: &str, session: Option<&str>) -> String {
    format!("{browser}|{}", session.unwrap_or_default())
}

/// A new browser's name for [`BROWSER_COOKIE`].
pub fn new_browser() -> String {
    app::auth::device::new_token()
}

#[cfg(test)]
mod tests {
    use super::*;
    use app::error::ValidationError;

    #[test]
    fn a_refusal_is_only_found_by_its_own_browser_and_session_and_not_for_ever() {
        let forms = RefusedForms::default();
        let keep = |owner: String, fields: Vec<(String, String)>| {
            forms.keep(
                owner,
                "/api/x",
                Some(fields),
                ValidationError::Malformed.into(),
            )
        };
        let id = keep(owner("b1", Some("s1")), vec![]).unwrap();
        assert!(forms.find(&id, &owner("b1", Some("s1"))).is_some());
        assert!(
            forms.find(&id, &owner("b1", Some("s2"))).is_none(),
            "signed in again"
        );
        assert!(forms.find(&id, &owner("b1", None)).is_none(), "signed out");
        assert!(
            forms.find(&id, &owner("b2", Some("s1"))).is_none(),
            "another browser"
        );
        assert!(forms.find("0000", &owner("b1", Some("s1"))).is_none());
        // Before signing in, a refusal is still the browser's own: a link sent by someone
        // else finds nothing, and plants nothing.
        let anonymous = keep(owner("b3", None), vec![]).unwrap();
        assert!(forms.find(&anonymous, &owner("b3", None)).is_some());
        assert!(forms.find(&anonymous, &owner("b4", None)).is_none());
        assert!(forms.find(&anonymous, &owner("b4", Some("s1"))).is_none());
        // More text than any form takes is not kept; a textarea's CRLF is kept as LF.
        let huge = vec![("body".to_owned(), "字".repeat(MAX_TEXT / 3 + 1))];
        assert_eq!(keep(owner("b1", None), huge), None);
        let lines = keep(owner("b1", None), vec![("body".into(), "a\r\nb".into())]).unwrap();
        assert_eq!(
            forms.find(&lines, &owner("b1", None)).unwrap().fields[0].1,
            "a\nb"
        );
        for _ in 0..KEPT {
            keep(owner("b5", None), vec![]);
        }
        assert!(
            forms.find(&id, &owner("b1", Some("s1"))).is_none(),
            "the oldest goes first"
        );
    }
}
