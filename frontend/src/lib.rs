//! The browser entry point: wakes up the islands of the server-rendered page.
//! Everything else (pages, data, text) is rendered on the server.

// Link the app so its islands are registered, though nothing here names them.
extern crate app;

#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_islands();
}
