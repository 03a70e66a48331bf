//! The island's pointer, swipe and key handling.

use std::cell::{Cell, RefCell};
use std::rc::Rc;
use std::time::Duration;

use leptos::ev::{KeyboardEvent, MouseEvent, PointerEvent};
use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement, HtmlFormElement};

use super::dom::{
    attr, clear_targets, closest, day_at, follow, move_focus, point, set_class, set_field,
    slot_geometry,
};
use crate::calendar::domain::drag::{moved_start, resized_end, slot_at, slot_span, slot_time};
use crate::calendar::domain::local_time::format_local;
use crate::calendar::domain::local_time::parse_date;
use crate::calendar::domain::local_time::parse_local;

/// A horizontal swipe must travel this far (CSS pixels) and be clearly more horizontal
/// than vertical; anything else is left to the browser's own scrolling.
const SWIPE_MIN_PX: f64 = 60.0;

/// How long a finger rests on an event before it can be dragged, and how far it may wander
/// meanwhile (further, and the browser is scrolling).
const PRESS_MS: u64 = 300;
const PRESS_SLOP_PX: f64 = 8.0;
/// A mouse drag starts once the pointer has moved this far (a click stays a click).
const MOUSE_SLOP_PX: f64 = 4.0;

#[derive(Clone, Copy, PartialEq)]
enum Kind {
    Move,
    Resize,
    Create,
    Swipe,
}

struct Press {
    pointer: i32,
    kind: Kind,
    x: f64,
    y: f64,
    /// The event being moved or resized, or the day column a new event is drawn in.
    element: Element,
    /// Armed: the press is now a drag (at once for a mouse, after the press for touch).
    armed: bool,
    timer: Option<TimeoutHandle>,
    /// What a drop would do, kept up to date while dragging.
    drop: Option<Drop>,
}

enum Drop {
    Move {
        start: String,
        end: Option<String>,
        label: String,
    },
    Create {
        date: String,
        from: String,
        to: String,
    },
}

// While a drag is armed, a finger's movement must not scroll the page: a non-passive
// `touchmove` listener cancels it (touch-action cannot change mid-gesture).
thread_local! {
    static HOLDING: Cell<bool> = const { Cell::new(false) };
    static GUARD: Cell<bool> = const { Cell::new(false) };
}

fn guard_scrolling() {
    if GUARD.with(|g| g.replace(true)) {
        return;
    }
    let stop = Closure::<dyn Fn(web_sys::Event)>::new(|ev: web_sys::Event| {
        if HOLDING.with(Cell::get) {
            ev.prevent_default();
        }
    });
    let options = web_sys::AddEventListenerOptions::new();
    options.set_passive(false);
    window()
        .add_event_listener_with_callback_and_add_event_listener_options(
            "touchmove",
            stop.as_ref().unchecked_ref(),
            &options,
        )
        .ok();
    stop.forget();
}

#[derive(Clone)]
pub struct Handlers {
    press: Rc<RefCell<Option<Press>>>,
    /// A drag just ended: the click that follows it is not a click.
    dragged: Rc<Cell<bool>>,
}

impl Handlers {
    pub fn new() -> Self {
        guard_scrolling();
        Handlers {
            press: Rc::new(RefCell::new(None)),
            dragged: Rc::new(Cell::new(false)),
        }
    }

    pub fn down(&self) -> impl Fn(PointerEvent) + 'static {
        let this = self.clone();
        move |ev: PointerEvent| {
            this.dragged.set(false);
            if !ev.is_primary() || (ev.pointer_type() == "mouse" && ev.button() != 0) {
                return;
            }
            let (kind, element) = if let Some(handle) = closest(&ev, "[data-resize]") {
                match handle.closest("[data-drag]").ok().flatten() {
                    Some(event) => (Kind::Resize, event),
                    None => return,
                }
            } else if let Some(event) = closest(&ev, "[data-drag]") {
                (Kind::Move, event)
            } else if let Some(column) = closest(&ev, ".time-grid[data-create] .tg-slots")
                .and_then(|s| s.closest(".tg-column").ok().flatten())
            {
                (Kind::Create, column)
            } else if ev.pointer_type() != "mouse" {
                (
                    Kind::Swipe,
                    document().document_element().expect("a root element"),
                )
            } else {
                return;
            };
            let (x, y) = point(&ev);
            let touch = ev.pointer_type() != "mouse";
            let timer = (touch && kind != Kind::Swipe).then(|| {
                let press = this.press.clone();
                set_timeout_with_handle(
                    move || {
                        if let Some(p) = press.borrow_mut().as_mut() {
                            p.armed = true;
                            HOLDING.with(|h| h.set(true));
                            set_class(&p.element, "drag-armed", true);
                            p.element.set_pointer_capture(p.pointer).ok();
                        }
                    },
                    Duration::from_millis(PRESS_MS),
                )
                .ok()
            });
            if kind == Kind::Create && !touch {
                // A mouse on empty time draws at once.
                ev.prevent_default();
            }
            *this.press.borrow_mut() = Some(Press {
                pointer: ev.pointer_id(),
                kind,
                x,
                y,
                element,
                armed: false,
                timer: timer.flatten(),
                drop: None,
            });
        }
    }

    pub fn moved(&self) -> impl Fn(PointerEvent) + 'static {
        let this = self.clone();
        move |ev: PointerEvent| {
            let mut slot = this.press.borrow_mut();
            let Some(press) = slot.as_mut() else { return };
            if press.pointer != ev.pointer_id() || press.kind == Kind::Swipe {
                return;
            }
            let (x, y) = point(&ev);
            let (dx, dy) = (x - press.x, y - press.y);
            let distance = dx.abs().max(dy.abs());
            if !press.armed {
                if ev.pointer_type() == "mouse" {
                    if distance < MOUSE_SLOP_PX {
                        return;
                    }
                    press.armed = true;
                    HOLDING.with(|h| h.set(true));
                    press.element.set_pointer_capture(press.pointer).ok();
                } else {
                    if distance > PRESS_SLOP_PX {
                        // The finger is scrolling or swiping: not a drag.
                        if let Some(timer) = press.timer.take() {
                            timer.clear();
                        }
                        press.kind = Kind::Swipe;
                    }
                    return;
                }
            }
            ev.prevent_default();
            track(press, x, y, dx, dy);
        }
    }

    pub fn up(&self) -> impl Fn(PointerEvent) + 'static {
        let this = self.clone();
        move |ev: PointerEvent| {
            let Some(press) = this.end() else { return };
            let (x, y) = point(&ev);
            if press.kind == Kind::Swipe {
                let (dx, dy) = (x - press.x, y - press.y);
                if dx.abs() >= SWIPE_MIN_PX && dx.abs() > 2.0 * dy.abs() {
                    follow(if dx < 0.0 {
                        "a[rel=next]"
                    } else {
                        "a[rel=prev]"
                    });
                }
                return;
            }
            if !press.armed {
                return;
            }
            this.dragged.set(true);
            finish(&press);
        }
    }

    pub fn cancel(&self) -> impl Fn(PointerEvent) + 'static {
        let this = self.clone();
        move |_: PointerEvent| {
            this.end();
        }
    }

    /// Ends the press: timers, highlights and the scrolling guard go.
    fn end(&self) -> Option<Press> {
        let mut press = self.press.borrow_mut().take()?;
        if let Some(timer) = press.timer.take() {
            timer.clear();
        }
        HOLDING.with(|h| h.set(false));
        for class in ["drag-armed", "dragging"] {
            set_class(&press.element, class, false);
        }
        if let Ok(style) = press
            .element
            .clone()
            .dyn_into::<HtmlElement>()
            .map(|e| e.style())
        {
            style.remove_property("transform").ok();
        }
        press.element.release_pointer_capture(press.pointer).ok();
        clear_targets();
        Some(press)
    }

    pub fn key(&self) -> impl Fn(KeyboardEvent) + 'static {
        |ev: KeyboardEvent| move_focus(&ev)
    }

    pub fn click(&self) -> impl Fn(MouseEvent) + 'static {
        let dragged = self.dragged.clone();
        move |ev: MouseEvent| {
            if dragged.replace(false) {
                ev.prevent_default();
                ev.stop_propagation();
            }
            // The move dialog: a scope sends the form as a plain POST, cancel closes it.
            let Some(target) = ev.target().and_then(|t| t.dyn_into::<Element>().ok()) else {
                return;
            };
            let Some(form) = document()
                .get_element_by_id("move-form")
                .and_then(|f| f.dyn_into::<HtmlFormElement>().ok())
            else {
                return;
            };
            if let Some(choice) = target.closest("[data-scope]").ok().flatten() {
                ev.prevent_default();
                set_field(&form, "scope", &attr(&choice, "data-scope"));
                form.submit().ok();
            } else if target.closest("[data-cancel]").ok().flatten().is_some() {
                form.set_attribute("hidden", "").ok();
            }
        }
    }

    /// A long press on an event would open the browser's link menu: not while dragging.
    pub fn menu(&self) -> impl Fn(MouseEvent) + 'static {
        let press = self.press.clone();
        move |ev: MouseEvent| {
            if press
                .borrow()
                .as_ref()
                .is_some_and(|p| p.kind != Kind::Swipe)
            {
                ev.prevent_default();
            }
        }
    }
}

/// Follows the pointer: the event travels with it, the day under it lights up, and the
/// drop it would make is worked out.
fn track(press: &mut Press, x: f64, y: f64, dx: f64, dy: f64) {
    clear_targets();
    let target = day_at(x, y);
    match press.kind {
        Kind::Move | Kind::Resize => {
            set_class(&press.element, "dragging", true);
            if press.kind == Kind::Move {
                if let Ok(el) = press.element.clone().dyn_into::<HtmlElement>() {
                    // Whole pixels: formatting a float would bring core's float
                    // printer (about 15 KB) into the bundle.
                    let (dx, dy) = (dx.round() as i32, dy.round() as i32);
                    el.style()
                        .set_property("transform", &format!("translate({dx}px, {dy}px)"))
                        .ok();
                }
            }
            let Some((cell, date)) = target else {
                press.drop = None;
                return;
            };
            set_class(&cell, "drop-target", true);
            let timed = press.element.class_list().contains("timed");
            let slots = match slot_geometry(&cell) {
                Some((height, _)) if timed && height > 0.0 => (dy / height).round() as i64,
                _ => 0,
            };
            press.drop = drop_for(&press.element, press.kind, &date, slots);
        }
        Kind::Create => {
            let Some((height, top)) = slot_geometry(&press.element) else {
                return;
            };
            let (a, b) = (slot_at(press.y - top, height), slot_at(y - top, height));
            let (first, span) = slot_span(a, b);
            if let Ok(sel) = document().create_element("div") {
                sel.set_class_name(&format!("tg-selection s-{first} l-{span}"));
                if let Some(slots) = press.element.query_selector(".tg-slots").ok().flatten() {
                    slots.append_child(&sel).ok();
                }
            }
            press.drop = Some(Drop::Create {
                date: attr(&press.element, "data-date"),
                from: slot_time(first),
                to: slot_time(first + span),
            });
        }
        Kind::Swipe => {}
    }
}

fn drop_for(event: &Element, kind: Kind, date: &str, slots: i64) -> Option<Drop> {
    let occurrence = parse_local(&attr(event, "data-occurrence"))?;
    let original_end = parse_local(&attr(event, "data-end"))?;
    // A long event may be grabbed on any of its days: the move is from that day.
    let from_day = parse_date(&attr(event, "data-day")).unwrap_or(occurrence.date());
    let to_day = parse_date(date)?;
    let (start, end) = match kind {
        Kind::Resize => (
            occurrence,
            Some(resized_end(occurrence, original_end, slots)),
        ),
        _ => (moved_start(occurrence, from_day, to_day, slots), None),
    };
    if start == occurrence && end.is_none_or(|e| e == original_end) {
        return None;
    }
    let label = format_local(end.unwrap_or(start)).replace('T', " ");
    Some(Drop::Move {
        start: format_local(start),
        end: end.map(format_local),
        label,
    })
}

/// Carries out a drop: a new event opens the editor for that time; a moved single event
/// is saved at once; a moved repeating event asks which occurrences move.
fn finish(press: &Press) {
    match &press.drop {
        None => {}
        Some(Drop::Create { date, from, to }) => {
            let href = format!("/calendar/new?date={date}&start={from}&end={to}");
            window().location().set_href(&href).ok();
        }
        Some(Drop::Move { start, end, label }) => {
            let Some(form) = document()
                .get_element_by_id("move-form")
                .and_then(|f| f.dyn_into::<HtmlFormElement>().ok())
            else {
                return;
            };
            let set = |name: &str, value: &str| set_field(&form, name, value);
            set("id", &attr(&press.element, "data-id"));
            set("version", &attr(&press.element, "data-version"));
            set("occurrence", &attr(&press.element, "data-occurrence"));
            set("start", start);
            set("end", end.as_deref().unwrap_or(""));
            if press.element.has_attribute("data-series") {
                if let Some(out) = form.query_selector(".move-target").ok().flatten() {
                    out.set_text_content(Some(label));
                }
                form.remove_attribute("hidden").ok();
                if let Some(first) = form
                    .query_selector("button")
                    .ok()
                    .flatten()
                    .and_then(|b| b.dyn_into::<HtmlElement>().ok())
                {
                    first.focus().ok();
                }
            } else {
                form.submit().ok();
            }
        }
    }
}
