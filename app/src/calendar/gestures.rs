//! The calendar's one island: swipe to the previous / next period on touch, and move
//! through the month grid with the arrow keys (Enter opens the day). Both drive the same
//! links the server rendered, so the islands router does the navigation.

use leptos::prelude::*;

/// A horizontal swipe must travel this far (CSS pixels) and be clearly more horizontal
/// than vertical; anything else is left to the browser's own scrolling.
#[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
const SWIPE_MIN_PX: f64 = 60.0;

#[island]
pub fn CalendarGestures(children: Children) -> impl IntoView {
    let start = StoredValue::new(None::<(f64, f64)>);

    let on_pointer_down = move |ev: leptos::ev::PointerEvent| {
        #[cfg(feature = "hydrate")]
        if ev.pointer_type() != "mouse" {
            start.set_value(Some((f64::from(ev.client_x()), f64::from(ev.client_y()))));
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = ev;
    };
    let on_pointer_up = move |ev: leptos::ev::PointerEvent| {
        #[cfg(feature = "hydrate")]
        if let Some((x, y)) = start.get_value() {
            start.set_value(None);
            let (dx, dy) = (f64::from(ev.client_x()) - x, f64::from(ev.client_y()) - y);
            if dx.abs() >= SWIPE_MIN_PX && dx.abs() > 2.0 * dy.abs() {
                follow(if dx < 0.0 {
                    "a[rel=next]"
                } else {
                    "a[rel=prev]"
                });
            }
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = ev;
    };
    let on_pointer_cancel = move |_: leptos::ev::PointerEvent| start.set_value(None);
    let on_key_down = move |ev: leptos::ev::KeyboardEvent| {
        #[cfg(feature = "hydrate")]
        move_focus(&ev);
        #[cfg(not(feature = "hydrate"))]
        let _ = ev;
    };

    view! {
        <div
            class="calendar-gestures"
            on:pointerdown=on_pointer_down
            on:pointerup=on_pointer_up
            on:pointercancel=on_pointer_cancel
            on:keydown=on_key_down
        >
            {children()}
        </div>
    }
}

/// Clicks the first link matching `selector`, as the user would.
#[cfg(feature = "hydrate")]
fn follow(selector: &str) {
    use wasm_bindgen::JsCast;
    if let Some(link) = document()
        .query_selector(selector)
        .ok()
        .flatten()
        .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok())
    {
        link.click();
    }
}

/// Arrow keys move between day cells (a week is seven cells); past the grid's edge they go
/// to the previous or next month; Enter opens the focused day.
#[cfg(feature = "hydrate")]
fn move_focus(ev: &leptos::ev::KeyboardEvent) {
    use wasm_bindgen::JsCast;
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
            .and_then(|l| l.dyn_into::<web_sys::HtmlElement>().ok())
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
        .and_then(|c| c.dyn_into::<web_sys::HtmlElement>().ok())
    {
        cell.set_attribute("tabindex", "-1").ok();
        next.set_attribute("tabindex", "0").ok();
        next.focus().ok();
    }
}
