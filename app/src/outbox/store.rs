//! What the outbox keeps on the device, whose it is, and the texts the server rendered.

use wasm_bindgen::JsCast;
use web_sys::{Document, HtmlFormElement, Storage};

pub(super) const PREFIX: &str = "hopehome-outbox:";

/// An entry kept on the device: `wait` to be sent, or `refused <status>`; by whom.
pub(super) struct Kept {
    pub(super) state: String,
    pub(super) author_name: String,
    pub(super) label: String,
    pub(super) action: String,
    pub(super) body: String,
}

impl Kept {
    pub(super) fn read(storage: &Storage, key: &str) -> Option<Kept> {
        let value = storage.get_item(key).ok()??;
        let mut parts = value.splitn(5, '\n');
        Some(Kept {
            state: parts.next()?.to_owned(),
            author_name: parts.next()?.to_owned(),
            label: parts.next()?.to_owned(),
            action: parts.next()?.to_owned(),
            body: parts.next()?.to_owned(),
        })
    }

    pub(super) fn write(&self, storage: &Storage, key: &str) -> bool {
        let value = format!(
            "{}\n{}\n{}\n{}\n{}",
            self.state, self.author_name, self.label, self.action, self.body
        );
        storage.set_item(key, &value).is_ok()
    }

    pub(super) fn waiting(&self) -> bool {
        self.state == "wait"
    }
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

pub(super) fn all_entries(storage: &Storage) -> Vec<(String, Kept)> {
    let count = storage.length().unwrap_or(0);
    (0..count)
        .filter_map(|i| storage.key(i).ok().flatten())
        .filter(|k| k.starts_with(PREFIX))
        .filter_map(|k| Kept::read(storage, &k).map(|kept| (k, kept)))
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
    let text = document()
        .and_then(|d| {
            d.query_selector(&format!("[data-outbox-msg={key}]"))
                .ok()
                .flatten()
        })
        .and_then(|m| m.text_content())
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
