//! Every island says when it is ready: once hydrated (its listeners attached), it marks
//! its root `data-ready`. The browser tests wait for that mark instead of guessing.

/// Marks every element matching `selector` `data-ready`; call it on the turn after the
/// island hydrates (`set_timeout(…, Duration::ZERO)`).
#[cfg(feature = "hydrate")]
pub fn mark_ready(selector: &str) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    if let Ok(found) = document.query_selector_all(selector) {
        for i in 0..found.length() {
            if let Some(element) = found
                .item(i)
                .and_then(|n| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(n).ok())
            {
                element.set_attribute("data-ready", "").ok();
            }
        }
    }
}
