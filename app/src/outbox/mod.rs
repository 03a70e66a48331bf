//! Nothing typed on the checkup day is lost to a weak network. A form marked
//! `data-outbox="<its page>"` is not posted straight away: its fields go to the device's
//! local storage first, then to the server. When the network is down the entry stays on
//! the device and the user is told so; it is sent when the browser comes back online (and
//! every 15 seconds while anything waits), from whichever page has this island. An entry the
//! server refuses (someone saved the child first, say) is kept and shown with the reason
//! and a link; opening that page fills the form back in. If the device cannot keep it
//! either, the user is told plainly that it was not saved. An entry belongs to whoever
//! typed it: on a shared tablet it waits for them to sign in again, and another user
//! sees only how many wait, and for whom. What it keeps is the least that survives a
//! network drop: the child and the values are sealed under the signed-in user's key
//! (`seal`), an entry leaves the device after three days, and signing out sends what waits
//! or, once the user agrees, removes it.
//!
//! Without JavaScript the form simply posts. The island takes no props and carries no
//! strings: its messages are rendered by the server ([`status`]) in the user's language.

use leptos::prelude::*;

use crate::i18n::Strings;

#[cfg(feature = "hydrate")]
mod browser;
#[cfg(feature = "hydrate")]
mod display;
#[cfg(feature = "hydrate")]
mod seal;
#[cfg(feature = "hydrate")]
mod store;

/// The outbox's status area: the messages it may show (hidden) and the line it shows.
pub fn status(t: &'static Strings) -> impl IntoView {
    let messages = [
        ("sending", t.common.outbox_sending),
        ("kept", t.common.outbox_kept),
        ("busy", t.common.outbox_server_busy),
        ("waiting", t.common.outbox_waiting),
        ("sent", t.common.outbox_sent),
        ("sent-changed", t.common.outbox_sent_changed),
        ("signin", t.common.outbox_signin),
        ("lost", t.common.outbox_lost),
        ("restored", t.common.outbox_restored),
        ("refused", t.common.outbox_refused),
        ("why-409", t.common.outbox_why_conflict),
        ("why-403", t.common.outbox_why_forbidden),
        ("why-other", t.common.outbox_why_invalid),
        ("open", t.common.outbox_open),
        ("discard", t.common.outbox_discard),
        ("sign-in", t.common.sign_in),
        ("others", t.common.outbox_others),
        ("sep", t.common.list_comma),
        ("expired", t.common.outbox_expired),
        ("signout-unsent", t.common.outbox_sign_out_unsent),
    ]
    .into_iter()
    .map(|(key, text)| view! { <li data-outbox-msg=key data-one=(t.common.outbox_one)(key)>{text}</li> })
    .collect_view();
    let (user, name, key) = crate::page::use_viewer()
        .map(|v| (v.username, v.display_name, v.outbox_key))
        .unwrap_or_default();
    view! {
        <ul hidden>{messages}</ul>
        <div class="outbox-status" role="status" aria-live="polite" data-user=user data-user-name=name data-outbox-key=key>
            <p class="flash flash-warn" data-outbox-line hidden></p>
            <p class="flash flash-warn" data-outbox-others hidden></p>
            <ul class="outbox-refused" data-outbox-refused></ul>
        </div>
    }
}

#[island]
pub fn Outbox(children: Children) -> impl IntoView {
    // After hydration (it changes the status area's text): on the next turn. A timeout
    // rather than an Effect, which would bring 3 KB of wasm for this one call.
    #[cfg(feature = "hydrate")]
    set_timeout(browser::start, std::time::Duration::ZERO);
    let click = |ev: leptos::ev::MouseEvent| {
        #[cfg(feature = "hydrate")]
        browser::discard(&ev);
        #[cfg(not(feature = "hydrate"))]
        let _ = ev;
    };
    view! { <div class="outbox" on:click=click>{children()}</div> }
}
