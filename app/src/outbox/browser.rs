//! Sending what the outbox keeps, and showing where it stands.

use std::cell::Cell;
use std::time::Duration;

use leptos::prelude::set_timeout;

use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{
    Element, FormData, Headers, HtmlElement, HtmlFormElement, HtmlInputElement, HtmlSelectElement,
    HtmlTextAreaElement, RequestInit, Response, UrlSearchParams,
};

use super::display::{reason, show};
use super::store::{
    all_entries, document, kept_entries, line, me, message, my_prefix, now_ms, page_form, storage,
    Kept, Opened,
};

/// How long a send may wait for its answer before it is taken for no network.
const STALLED: Duration = Duration::from_secs(20);

thread_local! {
    /// The document's listeners outlive the island (the router swaps pages): once.
    static INSTALLED: Cell<bool> = const { Cell::new(false) };
    /// One sender at a time, so an entry is never posted twice.
    static BUSY: Cell<bool> = const { Cell::new(false) };
}

enum Sent {
    /// Saved; the server says where to go on.
    Done(Option<String>),
    /// No answer: try again when the network is back.
    Offline,
    /// The server could not save it now (an error of its own): try again later.
    Later,
    SignIn,
    /// With the server's reason in the user's words, when it gave one.
    Refused(u16, String),
}

fn set_busy(form: &HtmlFormElement, busy: bool) {
    if let Ok(Some(button)) = form.query_selector("[type=submit]") {
        if busy {
            button.set_attribute("disabled", "").ok();
        } else {
            button.remove_attribute("disabled").ok();
        }
    }
}

pub fn start() {
    if !INSTALLED.replace(true) {
        install();
    }
    let expired = drop_expired();
    show((expired > 0).then(|| line("expired", &[("{n}", &expired.to_string())])));
    leptos::task::spawn_local(restore());
    // A mark for whoever waits for the page to be ready (the browser tests).
    if let Ok(Some(outbox)) = document().map_or(Ok(None), |d| d.query_selector(".outbox")) {
        outbox.set_attribute("data-outbox-ready", "").ok();
    }
    leptos::task::spawn_local(flush(true));
}

fn install() {
    let (Some(window), Some(document)) = (web_sys::window(), document()) else {
        return;
    };
    // Capturing on the document runs before the islands router (on the window).
    let submit = Closure::<dyn FnMut(web_sys::Event)>::new(on_submit);
    document
        .add_event_listener_with_callback_and_bool("submit", submit.as_ref().unchecked_ref(), true)
        .ok();
    submit.forget();
    let again = Closure::<dyn FnMut()>::new(|| {
        let waiting = storage()
            .map(|s| kept_entries(&s).iter().any(|(_, k)| k.waiting()))
            .unwrap_or(false);
        if waiting {
            leptos::task::spawn_local(flush(true));
        }
    });
    window
        .add_event_listener_with_callback("online", again.as_ref().unchecked_ref())
        .ok();
    window
        .set_interval_with_callback_and_timeout_and_arguments_0(
            again.as_ref().unchecked_ref(),
            15_000,
        )
        .ok();
    again.forget();
}

/// Entries nobody could send in [`super::store::KEEP_FOR_MS`] leave the device, whoever
/// typed them; how many.
fn drop_expired() -> usize {
    let Some(storage) = storage() else { return 0 };
    let now = now_ms();
    let mut dropped = 0;
    for (key, kept) in all_entries(&storage) {
        if kept.expired(now) {
            storage.remove_item(&key).ok();
            dropped += 1;
        }
    }
    dropped
}

fn on_submit(ev: web_sys::Event) {
    let Some(form) = ev
        .target()
        .and_then(|t| t.dyn_into::<HtmlFormElement>().ok())
    else {
        return;
    };
    if form.action().ends_with("/api/auth/logout") {
        sign_out(&ev, form);
        return;
    }
    let Some(page) = form.get_attribute("data-outbox") else {
        return;
    };
    // The button that sent it is in the form already (`native_forms.js` carries it).
    let Some(body) = FormData::new_with_form(&form)
        .and_then(|data| UrlSearchParams::new_with_str_sequence_sequence(&data))
        .ok()
        .map(|params| String::from(params.to_string()))
    else {
        return;
    };
    ev.prevent_default();
    let opened = Opened {
        label: form.get_attribute("data-outbox-label").unwrap_or_default(),
        body,
    };
    let action = form.action();
    set_busy(&form, true);
    show(Some(line("sending", &[])));
    let key = format!("{}{page}", my_prefix());
    leptos::task::spawn_local(async move {
        let kept = Kept::seal(me().1, action.clone(), &opened).await;
        match (kept, storage()) {
            (Some(kept), Some(storage)) if kept.write(&storage, &key) => {
                flush(true).await;
                // Kept for later: a form of new records (a care entry) starts the next one.
                // Refused, it stays as typed beside the reason, to be put right and sent.
                let waits = Kept::read(&storage, &key).is_some_and(|k| k.waiting());
                if waits && form.has_attribute("data-outbox-each") {
                    renew(&form);
                }
            }
            // Nowhere to keep it: send it once, and say so if that fails.
            _ => {
                match send(&action, &opened.body).await {
                    Sent::Done(to) => go(to),
                    Sent::Refused(status, why) => show(Some(line(
                        "refused",
                        &[
                            ("{name}", &opened.label),
                            ("{reason}", &reason(status, &why)),
                        ],
                    ))),
                    Sent::Offline | Sent::Later | Sent::SignIn => show(Some(line("lost", &[]))),
                }
                set_busy(&form, false);
            }
        }
    });
}

/// Empties a form of new records for the next one, with a fresh id (`uid`), so the entry
/// kept on the device and the next one are two entries, sent and stored apart.
fn renew(form: &HtmlFormElement) {
    let mut bytes = [0u8; 16];
    let fresh = web_sys::window()
        .and_then(|w| w.crypto().ok())
        .and_then(|c| c.get_random_values_with_u8_array(&mut bytes).ok())
        .is_some();
    if !fresh {
        return;
    }
    let uid: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    form.reset();
    take_uid(form, &uid);
}

/// Makes `uid` the form's entry: its field and its place on the device.
fn take_uid(form: &HtmlFormElement, uid: &str) {
    if let Ok(Some(input)) = form.query_selector("input[name=uid]") {
        if let Ok(input) = input.dyn_into::<HtmlInputElement>() {
            input.set_value(uid);
        }
    }
    let page = form.get_attribute("data-outbox").unwrap_or_default();
    let page = page.split('#').next().unwrap_or_default();
    form.set_attribute("data-outbox", &format!("{page}#{uid}"))
        .ok();
}

/// Signing out sends what this user still keeps; what cannot be sent is removed from the
/// device once the user has been told and agrees (nothing of theirs stays behind them).
fn sign_out(ev: &web_sys::Event, form: HtmlFormElement) {
    let Some(storage) = storage() else { return };
    if kept_entries(&storage).is_empty() {
        return;
    }
    ev.prevent_default();
    leptos::task::spawn_local(async move {
        flush(false).await;
        let left = kept_entries(&storage);
        if !left.is_empty() {
            let question = message("signout-unsent", &[("{n}", &left.len().to_string())]);
            let agreed = web_sys::window()
                .and_then(|w| w.confirm_with_message(&question).ok())
                .unwrap_or(false);
            if !agreed {
                show(None);
                return;
            }
        }
        for (key, _) in left {
            storage.remove_item(&key).ok();
        }
        // A plain submission: it does not pass through this listener again.
        form.submit().ok();
    });
}

async fn send(action: &str, body: &str) -> Sent {
    let Some(window) = web_sys::window() else {
        return Sent::Offline;
    };
    let init = RequestInit::new();
    init.set_method("POST");
    if let Ok(headers) = Headers::new() {
        headers
            .set("Content-Type", "application/x-www-form-urlencoded")
            .ok();
        // Not text/html: the server answers with its status, not a redirect.
        headers.set("Accept", "application/json").ok();
        init.set_headers(&headers);
    }
    init.set_body(&JsValue::from_str(body));
    // A signal that stalls is no network: the entry waits on the device, the form is free,
    // and the next round sends it again (a care entry's id keeps it one record).
    let give_up = web_sys::AbortController::new().ok();
    if let Some(give_up) = give_up.clone() {
        init.set_signal(Some(&give_up.signal()));
        set_timeout(move || give_up.abort(), STALLED);
    }
    let answer = JsFuture::from(window.fetch_with_str_and_init(action, &init)).await;
    let Ok(response) = answer.and_then(|r| r.dyn_into::<Response>()) else {
        return Sent::Offline;
    };
    match response.status() {
        200..=299 => Sent::Done(response.headers().get("location").ok().flatten()),
        401 => Sent::SignIn,
        status @ 400..=499 if status != 408 && status != 429 => Sent::Refused(
            status,
            response
                .headers()
                .get(crate::error::REASON_HEADER)
                .ok()
                .flatten()
                .unwrap_or_default(),
        ),
        _ => Sent::Later,
    }
}

/// Sends every waiting entry, one at a time; stops at the first that finds no network.
/// With `navigate`, the entry of this page's form goes on to the next page once sent.
async fn flush(navigate: bool) {
    // Without the signed-in user's key nothing can be opened: leave it all as it is.
    if !super::seal::has_key() || BUSY.replace(true) {
        return;
    }
    let Some(storage) = storage() else {
        BUSY.set(false);
        return;
    };
    let mut tried: Vec<String> = Vec::new();
    let this_page = page_form();
    // How many entries that had waited were sent (the line says so), and whether any was at
    // all: this page's own entry, just saved, is no news for the line (the next page says
    // it is saved), but the page goes on after it (`hope-sent`).
    let mut sent = 0;
    let mut any = false;
    let mut trouble = None;
    loop {
        let next = kept_entries(&storage)
            .into_iter()
            .find(|(key, kept)| kept.waiting() && !tried.contains(key));
        let Some((key, kept)) = next else { break };
        tried.push(key.clone());
        let Some(opened) = kept.open().await else {
            // Sealed under an older password: nobody can send it any more.
            storage.remove_item(&key).ok();
            continue;
        };
        match send(&kept.action, &opened.body).await {
            Sent::Done(to) => {
                storage.remove_item(&key).ok();
                any = true;
                // The entry of the form on this page: once the rest is sent, `native_forms.js`
                // goes on as a plain save would, or, if the form was changed since it was
                // kept, leaves it to be saved again (it must not lose a tick made meanwhile).
                if let Some((form, _)) = this_page
                    .as_ref()
                    .filter(|(_, mine)| navigate && *mine == key)
                {
                    form.set_attribute("data-outbox-saved", &opened.body).ok();
                    form.set_attribute("data-outbox-to", to.as_deref().unwrap_or_default())
                        .ok();
                } else {
                    sent += 1;
                }
            }
            Sent::Refused(status, why) => {
                Kept {
                    // The reason as it came (percent-encoded: one word, no line break).
                    state: format!("refused {status} {why}"),
                    ..kept
                }
                .write(&storage, &key);
            }
            Sent::Offline => {
                trouble = Some("kept");
                break;
            }
            Sent::Later => {
                trouble = Some("busy");
                break;
            }
            Sent::SignIn => {
                trouble = Some("signin");
                break;
            }
        }
    }
    BUSY.set(false);
    if let Some((form, _)) = &this_page {
        set_busy(form, false);
    }
    // How many sending rounds have finished: a state the browser tests can wait on.
    if let Ok(Some(outbox)) = document().map_or(Ok(None), |d| d.query_selector(".outbox")) {
        let rounds = outbox
            .get_attribute("data-outbox-rounds")
            .and_then(|r| r.parse::<u32>().ok())
            .unwrap_or(0);
        outbox
            .set_attribute("data-outbox-rounds", &(rounds + 1).to_string())
            .ok();
    }
    let waiting = kept_entries(&storage)
        .iter()
        .filter(|(_, k)| k.waiting())
        .count()
        .to_string();
    show(match trouble {
        Some(key) => Some(line(key, &[("{n}", &waiting)])),
        None if sent > 0 => Some(line("sent", &[("{n}", &sent.to_string())])),
        None => None,
    });
    // The page's lists show them, and this page's form goes on (`native_forms.js`).
    if let (true, Some(document)) = (any, document()) {
        if let Ok(event) = web_sys::Event::new("hope-sent") {
            document.dispatch_event(&event).ok();
        }
    }
}

/// Goes on to `to` through the islands router (a click on a link it will take).
fn go(to: Option<String>) {
    let Some(document) = document() else { return };
    let Some(to) = to else {
        web_sys::window().map(|w| w.location().reload());
        return;
    };
    let Some(body) = document.body() else { return };
    if let Ok(link) = document.create_element("a") {
        link.set_attribute("href", &to).ok();
        body.append_child(&link).ok();
        if let Some(link) = link.dyn_ref::<HtmlElement>() {
            link.click();
        }
        link.remove();
    }
}

/// Fills the form on this page back in from its kept entry (the page's own hidden
/// fields, such as the saved version, stay as the server sent them). A form of new records
/// (a care entry) opened from a kept entry's link (`…#<its uid>`) takes that entry back.
async fn restore() {
    let (Some((form, mut key)), Some(storage)) = (page_form(), storage()) else {
        return;
    };
    let hash = web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .unwrap_or_default();
    if let Some(uid) = hash.strip_prefix('#').filter(|u| !u.is_empty()) {
        let (page, _) = key.split_once('#').unwrap_or((&key, ""));
        let theirs = format!("{page}#{uid}");
        if form.has_attribute("data-outbox-each") && Kept::read(&storage, &theirs).is_some() {
            take_uid(&form, uid);
            key = theirs;
        }
    }
    let Some(kept) = Kept::read(&storage, &key) else {
        return;
    };
    let Some(opened) = kept.open().await else {
        return;
    };
    let Ok(params) = UrlSearchParams::new_with_str(&opened.body) else {
        return;
    };
    let Ok(fields) = form.query_selector_all("[name]") else {
        return;
    };
    for i in 0..fields.length() {
        let Some(field) = fields.item(i) else {
            continue;
        };
        if let Some(input) = field.dyn_ref::<HtmlInputElement>() {
            let value = params.get(&input.name());
            match input.type_().as_str() {
                "hidden" | "submit" => {}
                // A check-in sends many `done[]`: each box is ticked if any of them is its.
                "radio" | "checkbox" => input.set_checked(
                    params
                        .get_all(&input.name())
                        .includes(&wasm_bindgen::JsValue::from_str(&input.value()), 0),
                ),
                _ => input.set_value(&value.unwrap_or_default()),
            }
        } else if let Some(area) = field.dyn_ref::<HtmlTextAreaElement>() {
            area.set_value(&params.get(&area.name()).unwrap_or_default());
        } else if let Some(select) = field.dyn_ref::<HtmlSelectElement>() {
            select.set_value(&params.get(&select.name()).unwrap_or_default());
        }
    }
    if kept.waiting() {
        show(Some(line("restored", &[("{name}", &opened.label)])));
    }
}

/// A click on a refused entry's discard button forgets it.
pub fn discard(ev: &web_sys::MouseEvent) {
    let key = ev
        .target()
        .and_then(|t| t.dyn_into::<Element>().ok())
        .and_then(|el| el.closest("[data-discard]").ok().flatten())
        .and_then(|el| el.get_attribute("data-discard"));
    if let (Some(key), Some(storage)) = (key, storage()) {
        storage.remove_item(&key).ok();
        show(None);
    }
}
