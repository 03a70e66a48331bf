//! The calendar's one island, for touch, mouse and keyboard:
//! - swipe to the previous / next period (touch), arrow keys through the month grid;
//! - drag an event to another day or time, or its lower edge to resize it, with pointer
//!   events: the mouse drags at once, a finger after a short press (about 300 ms) so that
//!   ordinary scrolling is never taken over; dropping a repeating event asks which
//!   occurrences move (the server-rendered move form is the dialog);
//! - drag across empty time in the week or day grid to create an event there.
//! - the previous and next periods made ahead, so following their links shows them at once
//!   (`ahead`).
//!
//! It reads what it needs from the server-rendered markup (`data-*` attributes) and takes no
//! props, so nothing is serialised into the page for it.

use leptos::prelude::*;

#[cfg(feature = "hydrate")]
mod ahead;
#[cfg(feature = "hydrate")]
mod browser;
#[cfg(feature = "hydrate")]
mod dom;

#[island]
pub fn CalendarGestures(children: Children) -> impl IntoView {
    #[cfg(feature = "hydrate")]
    let handlers = browser::Handlers::new();
    // Once hydrated (the next turn), the listeners are on: say so for whoever waits on it
    // (the browser tests' drags).
    #[cfg(feature = "hydrate")]
    set_timeout(
        || {
            crate::ready::mark_ready(".calendar-gestures");
            ahead::prepare();
        },
        std::time::Duration::ZERO,
    );
    #[cfg(feature = "hydrate")]
    let (down, moved, up, cancel, key, click, menu) = (
        handlers.down(),
        handlers.moved(),
        handlers.up(),
        handlers.cancel(),
        handlers.key(),
        handlers.click(),
        handlers.menu(),
    );
    #[cfg(not(feature = "hydrate"))]
    let (down, moved, up, cancel, key, click, menu) = (
        |_: leptos::ev::PointerEvent| {},
        |_: leptos::ev::PointerEvent| {},
        |_: leptos::ev::PointerEvent| {},
        |_: leptos::ev::PointerEvent| {},
        |_: leptos::ev::KeyboardEvent| {},
        |_: leptos::ev::MouseEvent| {},
        |_: leptos::ev::MouseEvent| {},
    );
    view! {
        <div
            class="calendar-gestures"
            on:pointerdown=down
            on:pointermove=moved
            on:pointerup=up
            on:pointercancel=cancel
            on:keydown=key
            on:click=click
            on:contextmenu=menu
        >
            {children()}
        </div>
    }
}
