//! The app's one style sheet, and how a page carries it (issue 17).
//!
//! A browser whose cookie says it fetched this build's sheet gets a link to it, which it
//! answers from its cache without asking: the sheet's address names its build, and the
//! server lets it be kept for a year (`security::harden`). A browser without it (a first
//! visit, a new build, a cleared cache and cookies) gets the sheet inside the page. The page
//! is then drawn as soon as it has arrived instead of a round trip later, which on a
//! village's slow signal is most of the wait. A print-only link beside it fetches the sheet
//! for the next page without holding this one up, and that answer sets the cookie.
//!
//! Both forms have the same nodes, a `<style>` with one text and a `<link>`. The islands
//! router patches the page it is on with the next one node by node, so a page of one form
//! followed by one of the other turns into the other in place: the link loses its `print`
//! and the inline sheet empties at once. The inline sheet is allowed by its hash in the CSP,
//! not by the answer's nonce, because the router copies a new answer's attributes onto the
//! old nodes, and a changed nonce would make the browser refuse the old page's sheet.

use leptos::prelude::*;

/// The cookie saying which build's sheet the browser fetched (its version).
pub const STYLE_COOKIE: &str = "hopehome_style";
/// The text of the `<style>` when the sheet is linked: one node, as when it is inline.
const BLANK: &str = " ";
/// The CSP source allowing [`BLANK`]: its SHA-256, as CSP writes it (checked in a test).
pub const BLANK_SOURCE: &str = "'sha256-Nqnn8clbgv+5l0PgxcTOldg8mkMKrFn4TvPL+rYUUGg='";

/// The sheet as the build made it, read once when the server starts.
#[cfg(feature = "ssr")]
pub struct SiteStyle {
    /// Where the file service serves it (`/pkg/hopehome.css`).
    path: String,
    css: String,
    /// The start of its SHA-256, hex: which build's sheet it is.
    version: String,
    /// Its SHA-256 as a CSP source.
    source: String,
    /// The file it was read from, and its length and time then: a build that writes another
    /// sheet there while this server runs must not have it kept a year under this version.
    file: Option<(std::path::PathBuf, u64, std::time::SystemTime)>,
}

#[cfg(feature = "ssr")]
impl std::fmt::Debug for SiteStyle {
    // Not the whole sheet, wherever the server's state is printed.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SiteStyle")
            .field("path", &self.path)
            .field("version", &self.version)
            .finish_non_exhaustive()
    }
}

#[cfg(feature = "ssr")]
impl SiteStyle {
    /// The sheet at `path` in the site's URL space, with its content `css`; none for a sheet
    /// that cannot go inside a page as it is (no build makes one): one that could end its
    /// `<style>` early, an empty one (a `<style>` without its text: another page's nodes),
    /// or one with characters the HTML parser changes (its hash would no longer match).
    pub fn new(path: String, css: String) -> Option<SiteStyle> {
        use sha2::{Digest, Sha256};
        if css.to_ascii_lowercase().contains("</style")
            || css.trim().is_empty()
            || css.contains(['\r', '\0'])
        {
            return None;
        }
        let digest = Sha256::digest(css.as_bytes());
        Some(SiteStyle {
            path,
            version: hex::encode(&digest[..8]),
            source: csp_source(&css),
            css,
            file: None,
        })
    }

    /// The build's sheet under the site's root, as `options` name it; none when the build
    /// has not made one (the page then links the plain address, as before).
    pub fn read(options: &LeptosOptions) -> Option<SiteStyle> {
        let path = sheet_path(options);
        let file = std::path::Path::new(&*options.site_root).join(path.trim_start_matches('/'));
        let stamp = |file: &std::path::Path| {
            let meta = std::fs::metadata(file).ok()?;
            Some((meta.len(), meta.modified().ok()?))
        };
        let before = stamp(&file);
        match std::fs::read_to_string(&file) {
            Ok(css) => {
                let style = SiteStyle::new(path, css)?;
                // Read whole between two looks that agree, or not kept a year at all.
                let file = before
                    .filter(|b| stamp(&file) == Some(*b))
                    .map(|(len, time)| (file, len, time));
                Some(SiteStyle { file, ..style })
            }
            Err(error) => {
                tracing::warn!(%error, file = %file.display(), "no style sheet to put in first pages");
                None
            }
        }
    }

    pub fn path(&self) -> &str {
        &self.path
    }

    /// The sheet's address for this build.
    pub fn href(&self) -> String {
        format!("{}?v={}", self.path, self.version)
    }

    /// The CSP source allowing the sheet inside a page.
    pub fn source(&self) -> &str {
        &self.source
    }

    /// Whether a request's query asks for this build's sheet (`v=` its version, alone).
    pub fn is_this_build(&self, query: Option<&str>) -> bool {
        query.and_then(|q| q.strip_prefix("v=")) == Some(self.version.as_str())
    }

    /// Whether the file served is still the one read at start (same length and time).
    pub fn unchanged_on_disk(&self) -> bool {
        self.file.as_ref().is_some_and(|(file, len, time)| {
            std::fs::metadata(file)
                .ok()
                .is_some_and(|m| m.len() == *len && m.modified().ok() == Some(*time))
        })
    }

    /// Whether the request's cookies say the browser fetched this build's sheet.
    pub fn fetched_by(&self, headers: &http::HeaderMap) -> bool {
        let headers = headers.get_all(http::header::COOKIE);
        crate::cookies::values(headers.iter().filter_map(|v| v.to_str().ok()), STYLE_COOKIE)
            .any(|value| value == self.version)
    }

    /// The cookie that says so, set by the sheet's own answer.
    pub fn cookie(&self, secure: bool) -> String {
        use tower_sessions::cookie::{time, Cookie, SameSite};
        Cookie::build((STYLE_COOKIE, self.version.clone()))
            .http_only(true)
            .same_site(SameSite::Lax)
            .path("/")
            .secure(secure)
            .max_age(time::Duration::days(365))
            .build()
            .to_string()
    }
}

/// The CSP source allowing `text` inside a `<style>`: its SHA-256, base64.
#[cfg(feature = "ssr")]
fn csp_source(text: &str) -> String {
    use base64::Engine as _;
    use sha2::{Digest, Sha256};
    let digest = Sha256::digest(text.as_bytes());
    format!(
        "'sha256-{}'",
        base64::engine::general_purpose::STANDARD.encode(digest)
    )
}

/// Where the file service serves the build's sheet (`/pkg/hopehome.css`).
pub fn sheet_path(options: &LeptosOptions) -> String {
    format!("/{}/{}.css", options.site_pkg_dir, options.output_name)
}

/// What a page's `<head>` carries of the sheet: the `<style>`'s text, and the link with its
/// media.
pub struct InHead {
    pub text: String,
    pub href: String,
    pub media: &'static str,
}

impl InHead {
    /// The sheet linked for the screen, the `<style>` left blank.
    pub fn linked(href: String) -> InHead {
        InHead {
            text: BLANK.to_owned(),
            href,
            media: "all",
        }
    }

    /// The sheet as a page carries it (see the module's comment): inside the page for a
    /// browser whose `headers` do not say it fetched this build's sheet, linked for one that
    /// did, and the plain address when the build made no sheet. A page the islands router
    /// asks for always links it: the router patches it into a page loaded earlier, whose CSP
    /// may name another build's sheet (a server updated meanwhile) and would refuse this
    /// one inside it; a link is allowed by every build's.
    #[cfg(feature = "ssr")]
    pub fn for_request(
        style: Option<&SiteStyle>,
        headers: Option<&http::HeaderMap>,
        options: &LeptosOptions,
    ) -> InHead {
        let first_page = |style: &SiteStyle| {
            headers.is_some_and(|h| !h.contains_key("islands-router") && !style.fetched_by(h))
        };
        match style {
            Some(style) if first_page(style) => InHead {
                text: style.css.clone(),
                href: style.href(),
                media: "print",
            },
            Some(style) => InHead::linked(style.href()),
            None => InHead::linked(sheet_path(options)),
        }
    }
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::*;

    #[test]
    fn the_blank_source_is_the_blank_texts_hash() {
        assert_eq!(csp_source(BLANK), BLANK_SOURCE);
    }

    #[test]
    fn the_version_names_the_content_and_only_its_own_cookie_counts() {
        let a = SiteStyle::new("/pkg/a.css".into(), "a{color:red}".into()).unwrap();
        let b = SiteStyle::new("/pkg/a.css".into(), "a{color:blue}".into()).unwrap();
        assert_ne!(a.version, b.version);
        assert_eq!(a.version.len(), 16);
        assert!(a.is_this_build(Some(&format!("v={}", a.version))));
        assert!(!a.is_this_build(Some(&format!("v={}", b.version))));
        assert!(!a.is_this_build(Some(&format!("v={}&x=1", a.version))));
        assert!(!a.is_this_build(None));
        let mut headers = http::HeaderMap::new();
        let cookie = format!("lang=en; {STYLE_COOKIE}={}", a.version);
        headers.insert(http::header::COOKIE, cookie.parse().unwrap());
        assert!(a.fetched_by(&headers));
        assert!(!b.fetched_by(&headers));
        assert!(a.cookie(true).contains("Secure"));
    }

    #[test]
    fn a_sheet_that_cannot_go_inside_a_page_as_it_is_never_does() {
        for css in ["a{}</STYLE><script>", "", " \n", "a{}\r\nb{}", "a{}\0"] {
            assert!(
                SiteStyle::new(String::new(), css.into()).is_none(),
                "{css:?}"
            );
        }
    }

    #[test]
    fn a_page_for_the_islands_router_links_the_sheet() {
        let style = SiteStyle::new("/pkg/a.css".into(), "a{color:red}".into()).unwrap();
        let options = LeptosOptions::builder().output_name("a").build();
        let mut headers = http::HeaderMap::new();
        let first = InHead::for_request(Some(&style), Some(&headers), &options);
        assert_eq!(
            (first.text.as_str(), first.media),
            ("a{color:red}", "print")
        );
        headers.insert("islands-router", "true".parse().unwrap());
        let patched = InHead::for_request(Some(&style), Some(&headers), &options);
        assert_eq!((patched.text.as_str(), patched.media), (BLANK, "all"));
        assert_eq!(patched.href, style.href());
    }
}
