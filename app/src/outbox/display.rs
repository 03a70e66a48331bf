//! The outbox's status area: the line saying where things stand, other users' waiting
//! entries (how many, and whose), and each refused entry with its reason, a link to its
//! page and a button to discard it.

use std::cell::Cell;

use web_sys::{Document, Element};

use super::store::{
    all_entries, document, kept_entries, line, message, my_prefix, page_form, storage, Line,
};

thread_local! {
    /// The status area shows what the latest call of [`show`] asked for (each one opens
    /// sealed entries first, so an earlier call may finish later).
    static SHOWN: Cell<u32> = const { Cell::new(0) };
}

/// Why the server refused an entry, in the user's words: someone saved first, or no
/// permission, said for a kept entry; anything else in the server's own words (`why`,
/// percent-encoded) when it gave them.
pub(super) fn reason(status: u16, why: &str) -> String {
    match status {
        409 => message("why-409", &[]),
        403 => message("why-403", &[]),
        _ => js_sys::decode_uri_component(why)
            .ok()
            .map(String::from)
            .filter(|w| !w.is_empty())
            .unwrap_or_else(|| message("why-other", &[])),
    }
}

/// Shows `line` (or, with none, what still waits) and every refused entry with a
/// link to its page and a button to discard it.
pub(super) fn show(shown: Option<Line>) {
    let ticket = SHOWN.get().wrapping_add(1);
    SHOWN.set(ticket);
    leptos::task::spawn_local(render(ticket, shown));
}

async fn render(ticket: u32, shown: Option<Line>) {
    let (Some(document), Some(storage)) = (document(), storage()) else {
        return;
    };
    let kept = kept_entries(&storage);
    let mut labels = Vec::new();
    for (_, entry) in kept.iter().filter(|(_, k)| !k.waiting()) {
        labels.push(entry.open().await.map(|o| o.label).unwrap_or_default());
    }
    if SHOWN.get() != ticket {
        return;
    }
    let waiting = kept.iter().filter(|(_, k)| k.waiting()).count();
    let shown =
        shown.or_else(|| (waiting > 0).then(|| line("waiting", &[("{n}", &waiting.to_string())])));
    if let Ok(Some(p)) = document.query_selector("[data-outbox-line]") {
        match &shown {
            Some((key, text)) => {
                p.set_text_content(Some(text));
                p.remove_attribute("hidden").ok();
                if *key == "signin" {
                    sign_in_link(&document, &p);
                }
            }
            None => {
                p.set_attribute("hidden", "").ok();
            }
        }
    }
    // Other users' entries on this device: how many, and whose; never which children.
    if let Ok(Some(p)) = document.query_selector("[data-outbox-others]") {
        let mine = my_prefix();
        let mut names: Vec<String> = Vec::new();
        let mut count = 0;
        for (_, entry) in all_entries(&storage)
            .iter()
            .filter(|(k, _)| !k.starts_with(&mine))
        {
            count += 1;
            if !names.contains(&entry.author_name) {
                names.push(entry.author_name.clone());
            }
        }
        if count > 0 {
            let text = message(
                "others",
                &[
                    ("{n}", &count.to_string()),
                    ("{names}", &names.join(&message("sep", &[]))),
                ],
            );
            p.set_text_content(Some(&text));
            p.remove_attribute("hidden").ok();
        } else {
            p.set_attribute("hidden", "").ok();
        }
    }
    let Ok(Some(list)) = document.query_selector("[data-outbox-refused]") else {
        return;
    };
    list.set_inner_html("");
    for ((key, entry), label) in kept.iter().filter(|(_, k)| !k.waiting()).zip(labels) {
        let refused = entry.state.strip_prefix("refused ").unwrap_or_default();
        let (status, why) = refused.split_once(' ').unwrap_or((refused, ""));
        let status = status.parse().unwrap_or(400);
        let Ok(item) = document.create_element("li") else {
            continue;
        };
        item.set_class_name("flash flash-error");
        item.set_text_content(Some(&message(
            "refused",
            &[("{name}", &label), ("{reason}", &reason(status, why))],
        )));
        let page = key.strip_prefix(&my_prefix()).unwrap_or_default();
        let here = page_form().is_some_and(|(_, k)| &k == key);
        if !here {
            append(
                &document,
                &item,
                "a",
                // A page load of its own, so the page's outbox fills the form back in.
                &[("href", page), ("rel", "external")],
                &message("open", &[]),
            );
        }
        append(
            &document,
            &item,
            "button",
            &[
                ("type", "button"),
                ("class", "button"),
                ("data-discard", key),
            ],
            &message("discard", &[]),
        );
        list.append_child(&item).ok();
    }
}

fn sign_in_link(document: &Document, line: &Element) {
    let here = web_sys::window()
        .and_then(|w| w.location().pathname().ok())
        .unwrap_or_default();
    append(
        document,
        line,
        "a",
        &[("href", &format!("/login?next={here}"))],
        &message("sign-in", &[]),
    );
}

fn append(document: &Document, to: &Element, tag: &str, attributes: &[(&str, &str)], text: &str) {
    if let Ok(el) = document.create_element(tag) {
        for (name, value) in attributes {
            el.set_attribute(name, value).ok();
        }
        el.set_text_content(Some(text));
        to.append_child(&document.create_text_node(" ")).ok();
        to.append_child(&el).ok();
    }
}
