//! An entry's child and values are sealed on the device (AES-GCM, the browser's own Web
//! Crypto) under the key the server renders into the signed-in user's pages. Whoever picks
//! up the tablet later reads neither from its storage; the key changes with the password,
//! so an entry sealed under an old one can no longer be opened by anyone.

use js_sys::{Array, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{AesGcmParams, Crypto, CryptoKey};

/// AES-GCM's nonce: 96 random bits per entry.
const NONCE_BYTES: usize = 12;

fn crypto() -> Option<Crypto> {
    web_sys::window()?.crypto().ok()
}

/// The key as the page carries it (`data-outbox-key`, 64 hex digits; empty signed out).
fn page_key() -> Option<String> {
    web_sys::window()?
        .document()?
        .query_selector("[data-outbox-key]")
        .ok()??
        .get_attribute("data-outbox-key")
        .filter(|k| !k.is_empty())
}

/// Does this page carry the signed-in user's key?
pub(super) fn has_key() -> bool {
    page_key().is_some()
}

/// The signed-in user's key, ready for Web Crypto.
async fn key() -> Option<CryptoKey> {
    let hex = page_key()?;
    let bytes = from_hex(&hex)?;
    let usages = Array::of2(&JsValue::from_str("encrypt"), &JsValue::from_str("decrypt"));
    let promise = crypto()?
        .subtle()
        .import_key_with_str(
            "raw",
            &Uint8Array::from(bytes.as_slice()),
            "AES-GCM",
            false,
            &usages,
        )
        .ok()?;
    JsFuture::from(promise).await.ok()?.dyn_into().ok()
}

/// `plain`, sealed: the nonce and the ciphertext, in base64. `None` without a key (signed
/// out, or a browser without Web Crypto): then nothing is kept.
pub(super) async fn seal(plain: &str) -> Option<String> {
    let key = key().await?;
    let crypto = crypto()?;
    let mut nonce = [0u8; NONCE_BYTES];
    crypto.get_random_values_with_u8_array(&mut nonce).ok()?;
    let params = AesGcmParams::new_with_u8_array("AES-GCM", &Uint8Array::from(&nonce[..]));
    let promise = crypto
        .subtle()
        .encrypt_with_object_and_u8_array(&params, &key, plain.as_bytes())
        .ok()?;
    let sealed = Uint8Array::new(&JsFuture::from(promise).await.ok()?).to_vec();
    to_base64(&[&nonce[..], &sealed].concat())
}

/// What [`seal`] sealed, if this user's key opens it.
pub(super) async fn open(sealed: &str) -> Option<String> {
    let key = key().await?;
    let bytes = from_base64(sealed)?;
    if bytes.len() <= NONCE_BYTES {
        return None;
    }
    let (nonce, ciphertext) = bytes.split_at(NONCE_BYTES);
    let params = AesGcmParams::new_with_u8_array("AES-GCM", &Uint8Array::from(nonce));
    let promise = crypto()?
        .subtle()
        .decrypt_with_object_and_u8_array(&params, &key, ciphertext)
        .ok()?;
    let plain = Uint8Array::new(&JsFuture::from(promise).await.ok()?).to_vec();
    String::from_utf8(plain).ok()
}

fn from_hex(hex: &str) -> Option<Vec<u8>> {
    if hex.len() != 64 {
        return None;
    }
    (0..hex.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(hex.get(i..i + 2)?, 16).ok())
        .collect()
}

/// Base64 through the browser's `btoa`, which takes one character per byte.
fn to_base64(bytes: &[u8]) -> Option<String> {
    let binary: String = bytes.iter().map(|b| char::from(*b)).collect();
    web_sys::window()?.btoa(&binary).ok()
}

fn from_base64(text: &str) -> Option<Vec<u8>> {
    let binary = web_sys::window()?.atob(text).ok()?;
    binary
        .chars()
        .map(|c| u8::try_from(u32::from(c)).ok())
        .collect()
}
