//! The neighbouring periods, made ahead (issue 17). On a cheap tablet most of a month switch
//! is the browser laying out the new month; here that happens before the tap:
//! - a moment after the calendar is ready, the pages behind its "previous" and "next" links
//!   are fetched (as the islands router would) and each calendar is laid out, unseen, in a
//!   closed shadow root over the calendar (`.calendar-ahead`, marked `data-ready`);
//! - when one of those links is followed (a tap, a swipe, a key), its pane is shown at once,
//!   and the click goes on to the islands router as before: the router fetches the page
//!   afresh and puts it in place, and the pane leaves with the old page. So what stays on
//!   screen is always the fresh page; a pane is shown only for the round trip, and only if
//!   it was made in the last minute (older ones are made again while the page is open).
//!
//! A closed shadow root keeps the pane out of the page's own document: no repeated ids, no
//! second "next" link for a screen reader or a test to find; `aria-hidden` keeps it out of
//! the accessibility tree and `inert` its content out of reach. A pane that fails to load is simply
//! not there, and the switch goes the ordinary way.

use std::cell::Cell;
use std::time::Duration;

use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{
    Element, Headers, MouseEvent, RequestInit, Response, ShadowRootInit, ShadowRootMode,
};

/// A pane older than this is not shown (the switch goes the ordinary way) ...
const FRESH_MS: u64 = 60_000;
/// ... and the panes of an open page are made again this often.
const REMAKE: Duration = Duration::from_secs(50);
/// Waited after the calendar is ready, so the first taps never wait on a pane being made.
const SETTLE: Duration = Duration::from_millis(250);
/// A shown pane the fresh page has not replaced by then (the network failed) is taken away.
const GIVE_UP: Duration = Duration::from_secs(15);

thread_local! {
    static LISTENING: Cell<bool> = const { Cell::new(false) };
}

fn document() -> web_sys::Document {
    window().document().expect("a document")
}

/// Starts making the calendar's neighbouring periods; call once the island is hydrated.
pub fn prepare() {
    listen_once();
    let Some(section) = document().query_selector("section.calendar").ok().flatten() else {
        return;
    };
    set_timeout(move || make_all(section), SETTLE);
}

/// Makes (again) both panes of `section` while it is on the page, then once more later.
fn make_all(section: Element) {
    if !section.is_connected() {
        return;
    }
    leptos::task::spawn_local(async move {
        // A page in a hidden tab keeps its panes until it is seen again.
        let seen = !document().hidden();
        for rel in ["next", "prev"].into_iter().filter(|_| seen) {
            // One after the other: two layouts at once would hold a slow tablet twice as long.
            if make(&section, rel).await.is_none() {
                break;
            }
        }
        set_timeout(move || make_all(section), REMAKE);
    });
}

/// Fetches the page behind `section`'s `rel` link and lays its calendar out unseen.
async fn make(section: &Element, rel: &str) -> Option<()> {
    let href = section
        .query_selector(&format!("a[rel={rel}]"))
        .ok()??
        .get_attribute("href")?;
    let html = fetch_page(&href).await?;
    if !section.is_connected() {
        return None;
    }
    let parsed = web_sys::DomParser::new()
        .ok()?
        .parse_from_string(&html, web_sys::SupportedType::TextHtml)
        .ok()?;
    let calendar = parsed.query_selector("section.calendar").ok()??;
    let doc = document();
    let host = doc.create_element("div").ok()?;
    host.set_class_name("calendar-ahead");
    for (name, value) in [("aria-hidden", "true"), ("data-rel", rel)] {
        host.set_attribute(name, value).ok()?;
    }
    host.set_attribute("data-href", &href).ok()?;
    let shadow = host
        .attach_shadow(&ShadowRootInit::new(ShadowRootMode::Closed))
        .ok()?;
    // The page's own style sheets (from the cache), loaded before the pane counts as made.
    let mut loading = Vec::new();
    let sheets = doc.query_selector_all("link[rel=stylesheet]").ok()?;
    for i in 0..sheets.length() {
        let link = sheets.item(i)?.clone_node().ok()?;
        loading.push(loaded(link.unchecked_ref()));
        shadow.append_child(&link).ok()?;
    }
    let calendar: Element = doc
        .import_node_with_deep(&calendar, true)
        .ok()?
        .dyn_into()
        .ok()?;
    // Nothing in it takes focus or a tap: a tap while it is shown lands on the pane itself
    // (and does nothing) rather than on the old page beneath.
    calendar.set_attribute("inert", "").ok()?;
    shadow.append_child(&calendar).ok()?;
    section.append_child(&host).ok()?;
    for sheet in loading {
        JsFuture::from(sheet).await.ok()?;
    }
    // Laid out now, while nobody waits: reading a size makes the browser do it.
    let _ = calendar
        .unchecked_ref::<web_sys::HtmlElement>()
        .offset_height();
    // The pane made before for the same link (if any) gives way to this one.
    if let Ok(Some(old)) =
        section.query_selector(&format!(".calendar-ahead[data-rel={rel}][data-ready]"))
    {
        old.remove();
    }
    host.set_attribute("data-made", &now_ms().to_string())
        .ok()?;
    host.set_attribute("data-ready", "").ok()?;
    Some(())
}

/// The page at `href` as the islands router asks for it; nothing for anything but a 200.
async fn fetch_page(href: &str) -> Option<String> {
    let headers = Headers::new().ok()?;
    headers.set("Accept", "text/html").ok()?;
    headers.set("Islands-Router", "true").ok()?;
    let init = RequestInit::new();
    init.set_method("GET");
    init.set_headers(&headers);
    let answer = JsFuture::from(window().fetch_with_str_and_init(href, &init))
        .await
        .ok()?;
    let answer: Response = answer.dyn_into().ok()?;
    if answer.status() != 200 || answer.redirected() {
        return None;
    }
    JsFuture::from(answer.text().ok()?).await.ok()?.as_string()
}

/// Settles when `link`'s style sheet has loaded (or failed: the pane is then left unmade).
fn loaded(link: &Element) -> js_sys::Promise {
    let link = link.clone();
    js_sys::Promise::new(&mut |resolve, reject| {
        link.add_event_listener_with_callback("load", &resolve).ok();
        link.add_event_listener_with_callback("error", &reject).ok();
    })
}

/// One listener for the window's life, before the islands router's: a followed link with a
/// fresh pane shows it.
fn listen_once() {
    if LISTENING.with(|l| l.replace(true)) {
        return;
    }
    let show = Closure::<dyn Fn(MouseEvent)>::new(|ev: MouseEvent| {
        if ev.default_prevented()
            || ev.button() != 0
            || ev.meta_key()
            || ev.ctrl_key()
            || ev.shift_key()
            || ev.alt_key()
        {
            return;
        }
        let Some(link) = ev
            .target()
            .and_then(|t| t.dyn_into::<Element>().ok())
            .and_then(|t| {
                t.closest("section.calendar a[rel=next], section.calendar a[rel=prev]")
                    .ok()
                    .flatten()
            })
        else {
            return;
        };
        // Offline, the islands router cannot fetch the page: nothing to show ahead of it.
        if !window().navigator().on_line() {
            return;
        }
        if let Some(pane) = fresh_pane(&link) {
            pane.class_list().add_1("shown").ok();
            set_timeout(
                move || {
                    pane.class_list().remove_1("shown").ok();
                },
                GIVE_UP,
            );
        }
    });
    let options = web_sys::AddEventListenerOptions::new();
    options.set_capture(true);
    window()
        .add_event_listener_with_callback_and_add_event_listener_options(
            "click",
            show.as_ref().unchecked_ref(),
            &options,
        )
        .ok();
    show.forget();
}

/// The made pane for `link`'s page, if it was made recently enough to show.
fn fresh_pane(link: &Element) -> Option<Element> {
    let href = link.get_attribute("href")?;
    let rel = link.get_attribute("rel")?;
    let pane = link
        .closest("section.calendar")
        .ok()??
        .query_selector(&format!(".calendar-ahead[data-ready][data-rel={rel}]"))
        .ok()??;
    let made: u64 = pane.get_attribute("data-made")?.parse().ok()?;
    (pane.get_attribute("data-href")? == href && now_ms().saturating_sub(made) < FRESH_MS)
        .then_some(pane)
}

/// Milliseconds since 1970, whole (no float formatting or parsing in the bundle).
fn now_ms() -> u64 {
    js_sys::Date::now() as u64
}
