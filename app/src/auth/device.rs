//! The "known device" cookie. After a sign-in the browser keeps a random token for the
//! account (a shared tablet keeps one per account signed in on it); the database keeps only
//! the token's SHA-256. An attempt carrying a token of the account is its owner's, so failed
//! attempts from elsewhere never lock the owner out of their own tablet.

use argon2::password_hash::rand_core::{OsRng, RngCore};
use leptos::prelude::*;
use tower_sessions::cookie::{time, Cookie, SameSite};

use super::db::KNOWN_DEVICE_DAYS;

/// Tokens one browser keeps, newest first: enough for the staff sharing a tablet.
pub const MAX_TOKENS: usize = 8;
const TOKEN_BYTES: usize = 32;

/// Over https the cookie gets the `__Host-` prefix, as the session cookie does.
pub fn cookie_name(secure: bool) -> &'static str {
    if secure {
        "__Host-hopehome_device"
    } else {
        "hopehome_device"
    }
}

/// The well-formed tokens of the request's cookie, newest first.
pub fn tokens_in_request(secure: bool) -> Vec<String> {
    let Some(parts) = use_context::<http::request::Parts>() else {
        return Vec::new();
    };
    let headers = parts.headers.get_all(http::header::COOKIE);
    let values = headers.iter().filter_map(|v| v.to_str().ok());
    tokens_in_cookies(values, cookie_name(secure))
}

fn tokens_in_cookies<'a>(headers: impl Iterator<Item = &'a str>, name: &'a str) -> Vec<String> {
    crate::cookies::values(headers, name)
        .flat_map(|value| value.split('.'))
        .filter(|t| t.len() == 2 * TOKEN_BYTES && t.bytes().all(|b| b.is_ascii_hexdigit()))
        .map(str::to_ascii_lowercase)
        .take(MAX_TOKENS)
        .collect()
}

pub fn new_token() -> String {
    let mut secret = [0u8; TOKEN_BYTES];
    OsRng.fill_bytes(&mut secret);
    hex::encode(secret)
}

/// SHA-256 of a token, hex: what the database stores and looks up.
pub fn token_hash(token: &str) -> String {
    use sha2::{Digest, Sha256};
    hex::encode(Sha256::digest(token.as_bytes()))
}

/// The cookie keeping `tokens` (newest first; the oldest beyond [`MAX_TOKENS`] are dropped).
pub fn cookie(tokens: &[String], secure: bool) -> Cookie<'static> {
    let kept = &tokens[..tokens.len().min(MAX_TOKENS)];
    Cookie::build((cookie_name(secure), kept.join(".")))
        .http_only(true)
        .same_site(SameSite::Lax)
        .path("/")
        .secure(secure)
        .max_age(time::Duration::days(KNOWN_DEVICE_DAYS))
        .build()
}

/// Adds the cookie to the response of the server function being handled.
pub fn set_cookie(tokens: &[String], secure: bool) {
    let value = cookie(tokens, secure).to_string();
    if let (Some(response), Ok(value)) = (
        use_context::<leptos_axum::ResponseOptions>(),
        http::HeaderValue::from_str(&value),
    ) {
        response.append_header(http::header::SET_COOKIE, value);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_well_formed_tokens_of_our_cookie_are_read() {
        let (a, b) = (new_token(), new_token());
        let header = format!(
            "hopehome_session=xyz; hopehome_device={a}.not-a-token.{}; other={b}",
            b.to_uppercase()
        );
        assert_eq!(
            tokens_in_cookies([header.as_str()].into_iter(), "hopehome_device"),
            vec![a.clone(), b.clone()]
        );
        let many = vec![a; MAX_TOKENS + 3].join(".");
        let header = format!("hopehome_device={many}");
        assert_eq!(
            tokens_in_cookies([header.as_str()].into_iter(), "hopehome_device").len(),
            MAX_TOKENS
        );
    }

    #[test]
    fn the_cookie_is_http_only_lax_and_secure_over_https() {
        let tokens = vec![new_token(), new_token()];
        let plain = cookie(&tokens, false).to_string();
        assert!(plain.starts_with(&format!("hopehome_device={}.{}", tokens[0], tokens[1])));
        for attribute in ["HttpOnly", "SameSite=Lax", "Path=/", "Max-Age="] {
            assert!(plain.contains(attribute), "{plain}");
        }
        assert!(!plain.contains("Secure"), "{plain}");
        let secure = cookie(&tokens, true).to_string();
        assert!(
            secure.starts_with("__Host-hopehome_device=") && secure.contains("Secure"),
            "{secure}"
        );
    }

    #[test]
    fn tokens_are_random_and_stored_as_their_sha256() {
        assert_ne!(new_token(), new_token());
        assert_eq!(
            token_hash("abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }
}
