//! The previous and next periods made ahead (issue 17): fetched and laid out unseen while a
//! month is open, shown the moment their link is followed, until the fresh page the islands
//! router fetches on that click takes their place (and the panes leave with the old page).
//!
//! Each pane is a closed shadow root (no repeated ids or links in the page's document), in
//! the island's element (which the islands router never diffs), `aria-hidden`, its content
//! `inert`. A pane is shown only if made in the last minute, never offline, and taken away
//! when the way to the fresh page fails (an error, Back, another link, a tap on it once it
//! has shown a second, or 10 s).
//!
//! Made again while the page is seen, a pane names the page it shows (its ETag): when that
//! page has not changed, the server says so with no body and the pane stays as it is. On a
//! weak signal, a page or style sheet that does not come in time is given up, and tried
//! again sooner than the next making.

use std::cell::Cell;
use std::time::Duration;

use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{Element, Event, Headers, MouseEvent, RequestInit, Response};
use web_sys::{ShadowRootInit, ShadowRootMode};

use super::dom::{elements, set_class};
use crate::calendar::types::query::MADE_AHEAD_HEADER;

/// A pane older than this is not shown (the switch goes the ordinary way) ...
const FRESH_MS: u64 = 60_000;
/// ... and the panes of a page still seen are made again this often ...
const REMAKE: Duration = Duration::from_secs(50);
/// ... or, when a pane could not be made, first this soon, then twice as long each time.
const RETRY: Duration = Duration::from_secs(5);
/// A page whose answer has not begun by then is given up (a stalled connection would hold
/// the making forever) ...
const FETCH_LIMIT: Duration = Duration::from_secs(20);
/// ... and one still arriving by then (a slow signal gets its time, but not forever).
const BODY_LIMIT: Duration = Duration::from_secs(120);
/// A style sheet (from the cache) not loaded by then is given up.
const SHEET_LIMIT: Duration = Duration::from_secs(5);
/// Waited after the calendar is ready, so the first taps never wait on a pane being made.
const SETTLE: Duration = Duration::from_millis(250);
/// A shown pane the fresh page has not replaced by then is taken away ...
const GIVE_UP: Duration = Duration::from_secs(10);
/// ... and a tap on it takes it away once it has shown this long (a quick second tap on the
/// calendar while the page comes does nothing, as before).
const TAP_AWAY_MS: u64 = 1_000;

thread_local! {
    static LISTENING: Cell<bool> = const { Cell::new(false) };
    /// Counts the calendar pages: the timers of a page gone stop.
    static PAGE: Cell<u32> = const { Cell::new(0) };
    /// Counts the panes shown, and when the last was: a timer hides only its own showing.
    static SHOWING: Cell<(u32, u64)> = const { Cell::new((0, 0)) };
}

/// Starts making the calendar's neighbouring periods; call once the island is hydrated.
pub fn prepare() {
    listen_once();
    let doc = document();
    let section = doc.query_selector("section.calendar").ok().flatten();
    let island = doc
        .query_selector(".calendar-gestures")
        .ok()
        .flatten()
        .and_then(|g| g.closest("leptos-island").ok().flatten());
    let (Some(section), Some(island)) = (section, island) else {
        return;
    };
    let page = PAGE.with(|p| {
        p.set(p.get().wrapping_add(1));
        p.get()
    });
    set_timeout(move || make_all(section, island, page, 0), SETTLE);
}

/// Makes (again) both panes while the page is the one open, then once more later: sooner
/// after the `failed`-th failure in a row.
fn make_all(section: Element, island: Element, page: u32, failed: u32) {
    if PAGE.with(Cell::get) != page || !section.is_connected() {
        return;
    }
    leptos::task::spawn_local(async move {
        let mut made = true;
        // A page in a hidden tab keeps its panes until it is seen again.
        if !document().hidden() {
            for rel in ["next", "prev"] {
                // One after the other: two layouts at once hold a slow tablet twice as long.
                made = make(&section, &island, rel).await.is_some();
                if !made {
                    break;
                }
            }
        }
        let (failed, wait) = if made {
            (0, REMAKE)
        } else {
            (failed + 1, REMAKE.min(RETRY * 2u32.pow(failed.min(4))))
        };
        set_timeout(move || make_all(section, island, page, failed), wait);
    });
}

/// Fetches the page behind `section`'s `rel` link and lays its calendar out unseen.
async fn make(section: &Element, island: &Element, rel: &str) -> Option<()> {
    let href = section
        .query_selector(&format!("a[rel={rel}]"))
        .ok()??
        .get_attribute("href")?;
    let made = island
        .query_selector(&format!(".calendar-ahead[data-rel={rel}][data-ready]"))
        .ok()
        .flatten()
        .filter(|made| made.get_attribute("data-href").as_ref() == Some(&href));
    let tag = made
        .as_ref()
        .and_then(|made| made.get_attribute("data-tag"));
    let (html, tag) = match fetch_page(&href, tag.as_deref()).await? {
        Fetched::Unchanged => {
            // The page it shows is still the page: the pane is as good as new.
            return made?.set_attribute("data-made", &now_ms().to_string()).ok();
        }
        Fetched::Page { html, tag } => (html, tag),
    };
    if !section.is_connected() {
        return None;
    }
    let parsed = web_sys::DomParser::new()
        .ok()?
        .parse_from_string(&html, web_sys::SupportedType::TextHtml)
        .ok()?;
    let calendar = parsed.query_selector("section.calendar").ok()??;
    let host = document().create_element("div").ok()?;
    host.set_class_name("calendar-ahead");
    for (name, value) in [
        ("aria-hidden", "true"),
        ("data-rel", rel),
        ("data-href", href.as_str()),
    ] {
        host.set_attribute(name, value).ok()?;
    }
    island.append_child(&host).ok()?;
    if lay_out(&host, &calendar).await.is_none() {
        host.remove();
        return None;
    }
    // The pane made before for the same link gives way to this one.
    let made = island.query_selector_all(&format!(".calendar-ahead[data-rel={rel}][data-ready]"));
    elements(made).for_each(|old| old.remove());
    if let Some(tag) = tag {
        host.set_attribute("data-tag", &tag).ok()?;
    }
    host.set_attribute("data-made", &now_ms().to_string())
        .ok()?;
    host.set_attribute("data-ready", "").ok()
}

/// Puts `calendar` (of another document) into `host`'s shadow root with the page's own style
/// sheets, waits for them (from the cache), and has the browser lay it all out now.
async fn lay_out(host: &Element, calendar: &Element) -> Option<()> {
    let doc = document();
    let shadow = host
        .attach_shadow(&ShadowRootInit::new(ShadowRootMode::Closed))
        .ok()?;
    let mut loading = Vec::new();
    let sheets = doc.query_selector_all("link[rel=stylesheet]").ok()?;
    for i in 0..sheets.length() {
        let link: Element = sheets.item(i)?.clone_node().ok()?.dyn_into().ok()?;
        // On a first page the sheet is inside it, and its link only fetches it for later,
        // for print (`app::site_style`): the pane takes it for the screen.
        link.remove_attribute("media").ok()?;
        loading.push(loaded(&link));
        shadow.append_child(&link).ok()?;
    }
    let calendar: Element = doc
        .import_node_with_deep(calendar, true)
        .ok()?
        .dyn_into()
        .ok()?;
    // Nothing in it takes focus or a tap: a tap while it shows lands on the pane itself.
    calendar.set_attribute("inert", "").ok()?;
    shadow.append_child(&calendar).ok()?;
    for sheet in loading {
        JsFuture::from(sheet).await.ok()?;
    }
    // Reading a size makes the browser lay it out, while nobody waits.
    let _ = calendar
        .unchecked_ref::<web_sys::HtmlElement>()
        .offset_height();
    Some(())
}

/// What the server answered for a page made ahead.
enum Fetched {
    /// The page, and its tag when the server gave one.
    Page { html: String, tag: Option<String> },
    /// The page named by the tag sent is still the page (304).
    Unchanged,
}

/// The page at `href` as the islands router asks for it, marked as made ahead, unless it is
/// still the page `tag` names; nothing for anything else, or when it does not come in time.
async fn fetch_page(href: &str, tag: Option<&str>) -> Option<Fetched> {
    let headers = Headers::new().ok()?;
    headers.set("Islands-Router", "true").ok()?;
    headers.set(MADE_AHEAD_HEADER, "1").ok()?;
    if let Some(tag) = tag {
        headers.set("If-None-Match", tag).ok()?;
    }
    let give_up = web_sys::AbortController::new().ok()?;
    let init = RequestInit::new();
    init.set_method("GET");
    init.set_headers(&headers);
    init.set_signal(Some(&give_up.signal()));
    // Aborting also ends reading the body; once it is read, it does nothing.
    let whole = give_up.clone();
    set_timeout(move || whole.abort(), BODY_LIMIT);
    let first_byte = set_timeout_with_handle(move || give_up.abort(), FETCH_LIMIT).ok();
    let answer = JsFuture::from(window().fetch_with_str_and_init(href, &init))
        .await
        .ok()?;
    if let Some(limit) = first_byte {
        limit.clear();
    }
    let answer: Response = answer.dyn_into().ok()?;
    if answer.redirected() {
        return None;
    }
    match answer.status() {
        304 => Some(Fetched::Unchanged),
        200 => {
            let tag = answer.headers().get("ETag").ok().flatten();
            let html = JsFuture::from(answer.text().ok()?)
                .await
                .ok()?
                .as_string()?;
            Some(Fetched::Page { html, tag })
        }
        _ => None,
    }
}

/// Settles when `link`'s style sheet has loaded (or failed, or not loaded in time: the pane
/// is then not made).
fn loaded(link: &Element) -> js_sys::Promise {
    js_sys::Promise::new(&mut |resolve, reject| {
        link.add_event_listener_with_callback("load", &resolve).ok();
        link.add_event_listener_with_callback("error", &reject).ok();
        let limit = SHEET_LIMIT.as_millis() as i32;
        window()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&reject, limit)
            .ok();
    })
}

/// The window's listeners, once for its life (before the islands router's): a followed
/// link with a fresh pane shows it; an error on the way, Back, or a tap on it takes it away.
fn listen_once() {
    if LISTENING.with(|l| l.replace(true)) {
        return;
    }
    let capture = web_sys::AddEventListenerOptions::new();
    capture.set_capture(true);
    let on = |name: &str, listener: Closure<dyn Fn(Event)>| {
        window()
            .add_event_listener_with_callback_and_add_event_listener_options(
                name,
                listener.as_ref().unchecked_ref(),
                &capture,
            )
            .ok();
        listener.forget();
    };
    on("click", Closure::new(show_on_click));
    // The islands router's fetch failed (its promise is not handled), or the user went back.
    on("unhandledrejection", Closure::new(|_: Event| hide_shown()));
    on("popstate", Closure::new(|_: Event| hide_shown()));
    on(
        "pointerdown",
        Closure::new(|ev: Event| {
            let on_pane = ev
                .target()
                .and_then(|t| t.dyn_into::<Element>().ok())
                .is_some_and(|t| t.matches(".calendar-ahead.shown").unwrap_or(false));
            if on_pane {
                ev.prevent_default();
                let (_, since) = SHOWING.with(Cell::get);
                if now_ms().saturating_sub(since) > TAP_AWAY_MS {
                    hide_shown();
                }
            }
        }),
    );
}

fn show_on_click(ev: Event) {
    let Some(ev) = ev.dyn_ref::<MouseEvent>() else {
        return;
    };
    let modified = ev.meta_key() || ev.ctrl_key() || ev.shift_key() || ev.alt_key();
    // Offline, the islands router cannot fetch the page: nothing to show ahead of it.
    if ev.default_prevented() || ev.button() != 0 || modified || !window().navigator().on_line() {
        return;
    }
    let Some(link) = ev
        .target()
        .and_then(|t| t.dyn_into::<Element>().ok())
        .and_then(|t| t.closest("a[href]").ok().flatten())
    else {
        return;
    };
    // Whatever link is followed now, a pane shown for an earlier one is not its page.
    hide_shown();
    let calendar_link = link
        .matches("section.calendar a[rel=next], section.calendar a[rel=prev]")
        .unwrap_or(false);
    let Some(pane) = calendar_link.then(|| fresh_pane(&link)).flatten() else {
        return;
    };
    set_class(&pane, "shown", true);
    let showing = SHOWING.with(|s| {
        let number = s.get().0.wrapping_add(1);
        s.set((number, now_ms()));
        number
    });
    set_timeout(
        move || {
            if SHOWING.with(Cell::get).0 == showing {
                set_class(&pane, "shown", false);
            }
        },
        GIVE_UP,
    );
}

/// Takes away any pane shown.
fn hide_shown() {
    for pane in elements(document().query_selector_all(".calendar-ahead.shown")) {
        set_class(&pane, "shown", false);
    }
}

/// The made pane for `link`'s page, if it was made recently enough to show.
fn fresh_pane(link: &Element) -> Option<Element> {
    let href = link.get_attribute("href")?;
    let rel = link.get_attribute("rel")?;
    let pane = link
        .closest("section.calendar")
        .ok()??
        .query_selector(&format!(".calendar-ahead[data-rel={rel}][data-ready]"))
        .ok()??;
    let made: u64 = pane.get_attribute("data-made")?.parse().ok()?;
    (pane.get_attribute("data-href")? == href && now_ms().saturating_sub(made) < FRESH_MS)
        .then_some(pane)
}

/// Milliseconds since 1970, whole (no float formatting or parsing in the bundle).
fn now_ms() -> u64 {
    js_sys::Date::now() as u64
}
