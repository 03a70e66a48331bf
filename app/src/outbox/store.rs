//! What the outbox keeps on the device, whose it is, and the texts the server rendered.

use wasm_bindgen::JsCast;
use web_sys::{Document, HtmlFormElement, Storage};

pub(super) const PREFIX: &str = "hopehome-outbox:";

/// An entry is dropped from the device when it could not be sent in this long.
pub(super) const KEEP_FOR_MS: u64 = 3 * 24 * 3600 * 1000;

/// An entry kept on the device: `wait` to be sent, or `refused <status> <why>` (the
/// server's reason, percent-encoded, maybe empty); by whom, since
/// when, and where it goes. The child it is about and its values are sealed.
pub(super) struct Kept {
    pub(super) state: String,
    pub(super) author_name: String,
    /// When it was typed, in whole milliseconds since 1970. An integer on purpose: parsing
    /// an `f64` back from storage would pull core's float parser (its tables alone are
    /// 10 KB) into the wasm bundle.
    pub(super) saved_at: u64,
    pub(super) action: String,
    /// The child's name and the form's fields: see [`Kept::open`].
    pub(super) sealed: String,
}

/// What a sealed entry holds.
pub(super) struct Opened {
    /// Whose result it is ("王小明"), for the messages.
    pub(super) label: String,
    /// The form's fields, URL-encoded.
    pub(super) body: String,
}

impl Kept {
    /// A new entry waiting to be sent, sealed under the signed-in user's key; `None` when
    /// it cannot be sealed (and so must not be kept).
    pub(super) async fn seal(author_name: String, action: String, opened: &Opened) -> Option<Kept> {
        let sealed = super::seal::seal(&format!("{}\n{}", opened.label, opened.body)).await?;
        Some(Kept {
            state: "wait".into(),
            author_name,
            saved_at: now_ms(),
            action,
            sealed,
        })
    }

    /// The child and the values, if the signed-in user's key opens them.
    pub(super) async fn open(&self) -> Option<Opened> {
        let plain = super::seal::open(&self.sealed).await?;
        let (label, body) = plain.split_once('\n')?;
        Some(Opened {
            label: label.to_owned(),
            body: body.to_owned(),
        })
    }

    pub(super) fn read(storage: &Storage, key: &str) -> Option<Kept> {
        let value = storage.get_item(key).ok()??;
        let mut parts = value.splitn(5, '\n');
        Some(Kept {
            state: parts.next()?.to_owned(),
            author_name: parts.next()?.to_owned(),
            // Whole milliseconds (a fraction, which no `Date.now()` has, is ignored).
            saved_at: parts.next()?.split('.').next()?.parse().ok()?,
            action: parts.next()?.to_owned(),
            sealed: parts.next()?.to_owned(),
        })
    }

    pub(super) fn write(&self, storage: &Storage, key: &str) -> bool {
        let value = format!(
            "{}\n{}\n{}\n{}\n{}",
            self.state, self.author_name, self.saved_at, self.action, self.sealed
        );
        storage.set_item(key, &value).is_ok()
    }

    pub(super) fn waiting(&self) -> bool {
        self.state == "wait"
    }

    pub(super) fn expired(&self, now: u64) -> bool {
        now.saturating_sub(self.saved_at) > KEEP_FOR_MS
    }
}

/// The time now, in whole milliseconds since 1970 (`Date.now()` is always whole).
pub(super) fn now_ms() -> u64 {
    js_sys::Date::now() as u64
}

pub(super) fn document() -> Option<Document> {
    web_sys::window()?.document()
}

pub(super) fn storage() -> Option<Storage> {
    web_sys::window()?.local_storage().ok()?
}

/// The signed-in user, as the page says: (username, name).
pub(super) fn me() -> (String, String) {
    let status = document().and_then(|d| d.query_selector("[data-user]").ok().flatten());
    let read = |name: &str| {
        status
            .as_ref()
            .and_then(|s| s.get_attribute(name))
            .unwrap_or_default()
    };
    (read("data-user"), read("data-user-name"))
}

/// Where the signed-in user's entries are kept: the prefix, their name, the page.
pub(super) fn my_prefix() -> String {
    format!("{PREFIX}{}:", me().0)
}

/// Every user's entries on this device (an entry of an older, unsealed form is dropped).
pub(super) fn all_entries(storage: &Storage) -> Vec<(String, Kept)> {
    let count = storage.length().unwrap_or(0);
    let keys: Vec<String> = (0..count)
        .filter_map(|i| storage.key(i).ok().flatten())
        .filter(|k| k.starts_with(PREFIX))
        .collect();
    keys.into_iter()
        .filter_map(|k| match Kept::read(storage, &k) {
            Some(kept) => Some((k, kept)),
            None => {
                storage.remove_item(&k).ok();
                None
            }
        })
        .collect()
}

/// The signed-in user's entries: only these are sent, shown, filled in or discarded.
pub(super) fn kept_entries(storage: &Storage) -> Vec<(String, Kept)> {
    let mine = my_prefix();
    all_entries(storage)
        .into_iter()
        .filter(|(k, _)| k.starts_with(&mine))
        .collect()
}

/// A line of the status area: which message, and its text.
pub(super) type Line = (&'static str, String);

pub(super) fn line(key: &'static str, fill: &[(&str, &str)]) -> Line {
    (key, message(key, fill))
}

/// A message of the status area, with its `{…}` filled in.
pub(super) fn message(key: &str, fill: &[(&str, &str)]) -> String {
    // One entry has its own words where the language has them (`data-one`).
    let one = fill.contains(&("{n}", "1"));
    let text = document()
        .and_then(|d| {
            d.query_selector(&format!("[data-outbox-msg={key}]"))
                .ok()
                .flatten()
        })
        .and_then(|m| {
            one.then(|| m.get_attribute("data-one"))
                .flatten()
                .or_else(|| m.text_content())
        })
        .unwrap_or_default();
    fill.iter()
        .fold(text, |text, (name, value)| text.replace(name, value))
}

/// The form on this page that keeps its entries, and its key.
pub(super) fn page_form() -> Option<(HtmlFormElement, String)> {
    let form = document()?
        .query_selector("form[data-outbox]")
        .ok()
        .flatten()?
        .dyn_into::<HtmlFormElement>()
        .ok()?;
    let key = format!("{}{}", my_prefix(), form.get_attribute("data-outbox")?);
    Some((form, key))
}
