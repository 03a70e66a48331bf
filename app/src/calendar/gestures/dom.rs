//! Reading and touching the calendar's markup: points, cells, fields, focus.

use leptos::ev::{KeyboardEvent, PointerEvent};
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement, HtmlFormElement, HtmlInputElement};

use crate::calendar::domain::drag::SLOTS;

pub(super) fn point(ev: &PointerEvent) -> (f64, f64) {
    (f64::from(ev.client_x()), f64::from(ev.client_y()))
}

pub(super) fn closest(ev: &PointerEvent, selector: &str) -> Option<Element> {
    ev.target()?
        .dyn_into::<Element>()
        .ok()?
        .closest(selector)
        .ok()
        .flatten()
}

pub(super) fn attr(element: &Element, name: &str) -> String {
    element.get_attribute(name).unwrap_or_default()
}

pub(super) fn set_class(element: &Element, class: &str, on: bool) {
    let list = element.class_list();
    if on {
        list.add_1(class).ok();
    } else {
        list.remove_1(class).ok();
    }
}

/// The day cell or column under a point, and its date.
pub(super) fn day_at(x: f64, y: f64) -> Option<(Element, String)> {
    let cell = document()
        .element_from_point(x as f32, y as f32)?
        .closest("[data-date]")
        .ok()
        .flatten()?;
    let date = attr(&cell, "data-date");
    Some((cell, date))
}

/// The height of one half-hour slot in a day column, and the slots' top edge.
pub(super) fn slot_geometry(column: &Element) -> Option<(f64, f64)> {
    let slots = column.query_selector(".tg-slots").ok().flatten()?;
    let rect = slots.get_bounding_client_rect();
    Some((rect.height() / f64::from(SLOTS), rect.top()))
}

/// The elements a `query_selector_all` found (none if it failed).
pub(super) fn elements(
    found: Result<web_sys::NodeList, wasm_bindgen::JsValue>,
) -> impl Iterator<Item = Element> {
    let list = found.ok();
    let count = list.as_ref().map_or(0, |l| l.length());
    (0..count).filter_map(move |i| list.as_ref()?.item(i)?.dyn_into::<Element>().ok())
}

pub(super) fn clear_targets() {
    for el in elements(document().query_selector_all(".drop-target")) {
        set_class(&el, "drop-target", false);
    }
    if let Some(sel) = document().query_selector(".tg-selection").ok().flatten() {
        sel.remove();
    }
}

pub(super) fn set_field(form: &HtmlFormElement, name: &str, value: &str) {
    if let Some(input) = form
        .query_selector(&format!("input[name={name}]"))
        .ok()
        .flatten()
        .and_then(|i| i.dyn_into::<HtmlInputElement>().ok())
    {
        input.set_value(value);
    }
}

/// Clicks the first link matching `selector`, as the user would.
pub(super) fn follow(selector: &str) {
    if let Some(link) = document()
        .query_selector(selector)
        .ok()
        .flatten()
        .and_then(|el| el.dyn_into::<HtmlElement>().ok())
    {
        link.click();
    }
}

/// Arrow keys move between day cells (a week is seven cells); past the grid's edge they
/// go to the previous or next month; Enter opens the focused day.
pub(super) fn move_focus(ev: &KeyboardEvent) {
    let step: i32 = match ev.key().as_str() {
        "ArrowLeft" => -1,
        "ArrowRight" => 1,
        "ArrowUp" => -7,
        "ArrowDown" => 7,
        "Enter" => 0,
        _ => return,
    };
    let Some(active) = document().active_element() else {
        return;
    };
    let Some(cell) = active.closest("td[data-date]").ok().flatten() else {
        return;
    };
    ev.prevent_default();
    if step == 0 {
        if let Some(link) = cell
            .query_selector(".day-number")
            .ok()
            .flatten()
            .and_then(|l| l.dyn_into::<HtmlElement>().ok())
        {
            link.click();
        }
        return;
    }
    let Ok(cells) = document().query_selector_all("table.month-grid td[data-date]") else {
        return;
    };
    let index = (0..cells.length()).find(|i| cells.item(*i).is_some_and(|c| c == *cell));
    let Some(index) = index else { return };
    let target = i64::from(index) + i64::from(step);
    if target < 0 {
        follow("a[rel=prev]");
    } else if target >= i64::from(cells.length()) {
        follow("a[rel=next]");
    } else if let Some(next) = cells
        .item(target as u32)
        .and_then(|c| c.dyn_into::<HtmlElement>().ok())
    {
        cell.set_attribute("tabindex", "-1").ok();
        next.set_attribute("tabindex", "0").ok();
        next.focus().ok();
    }
}
