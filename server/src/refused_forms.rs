//! A form the server refuses comes back as it was typed, with the reason beside it.
//!
//! A form posted to a server function (by the browser itself, or by the islands router) is
//! answered with a redirect to the page it came from. When the function refused it, that
//! page used to come back with its fields empty and the reason at the top of the page: a
//! counselor's two paragraphs of a home visit, gone for one wrong date. Now the posted
//! fields are kept here for a few minutes, under a random id, for one owner: the browser
//! (a random cookie of its own, [`BROWSER_COOKIE`]) in the session it was signed in with,
//! or none. Nobody else can read or plant a refusal: another tablet, another user signed in
//! on the same tablet later, a link sent by someone else. The redirect names the id
//! (`?refused=…#refused`). When the page is served, the form that was sent (same action,
//! same hidden fields) gets its values back, its fold is opened, and the reason stands just
//! above it, where the browser scrolls.
//!
//! Never kept: passwords (by field name), files, bodies over [`MAX_BODY`] (URL-encoded) or
//! [`MAX_MULTIPART`] (an upload), text over [`MAX_TEXT`] in all. Never refilled: hidden
//! fields (the page's own, such as a record's version, so a stale edit stays a conflict),
//! and a form whose hidden fields differ from the ones posted (another child's row). A
//! form whose only difference is a `…version` field is the record changed meanwhile: it
//! shows the new version, with what was typed listed above it. A form's `uid` (the key that
//! makes a second send of the same entry change nothing) is new with every page: it tells
//! no form from another, and the page's new one is the one sent next.

use std::cell::RefCell;
use std::collections::{HashMap, VecDeque};
use std::rc::Rc;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use app::error::AppError;
use lol_html::html_content::ContentType;
use lol_html::{element, rewrite_str, text, RewriteStrSettings};

/// The largest URL-encoded body whose fields are kept.
pub const MAX_BODY: u64 = 64 * 1024;
/// The largest multipart body whose text fields are kept: a diary entry with a photo as
/// the page makes it smaller (1,280 px a side, a few hundred KB); its file is never kept.
pub const MAX_MULTIPART: u64 = 2 * 1024 * 1024;
/// The most text a refusal keeps (names and values): more than any form of the app takes.
/// With [`KEPT`], at most 16 MB are kept for everyone together.
pub const MAX_TEXT: usize = 64 * 1024;
/// How many refusals are kept at once, across all users; the oldest goes first.
const KEPT: usize = 256;
/// The cookie that names a browser for its refusals (random, for [`KEPT_FOR`]).
pub const BROWSER_COOKIE: &str = "hopehome_refused";
/// How long a refusal can be shown again (a reload of the page included).
const KEPT_FOR: Duration = Duration::from_secs(15 * 60);
/// Field names that hold a password: never kept, even for a moment.
const SECRET_FIELDS: [&str; 4] = ["password", "current", "new", "confirm"];
/// The largest page that is refilled (pages are far smaller; one that says it is larger is
/// left alone).
pub const MAX_PAGE: usize = 16 * 1024 * 1024;

/// One refused form: whose it was, where it was sent, what it held and why it was refused.
#[derive(Clone)]
pub struct Refusal {
    id: String,
    owner: String,
    pub action: String,
    pub fields: Vec<(String, String)>,
    pub error: AppError,
    at: Instant,
}

/// The refusals of the last minutes, in the order they happened; whether the site is
/// served over https (its browser cookie is then `Secure`).
#[derive(Clone, Default)]
pub struct RefusedForms {
    kept: Arc<Mutex<VecDeque<Refusal>>>,
    pub https: bool,
}

impl RefusedForms {
    pub fn new(https: bool) -> Self {
        RefusedForms {
            kept: Arc::default(),
            https,
        }
    }

    /// Keeps a refusal for `owner` (see [`owner`]); the id the page's address will carry.
    /// None when it holds more text than any form of the app takes.
    pub fn keep(
        &self,
        owner: String,
        action: &str,
        fields: Vec<(String, String)>,
        error: AppError,
    ) -> Option<String> {
        let fields: Vec<(String, String)> = fields
            .into_iter()
            .filter(|(name, _)| !SECRET_FIELDS.contains(&name.as_str()))
            // As a browser sends a textarea's lines; the page holds them as `\n`.
            .map(|(name, value)| (name, value.replace("\r\n", "\n")))
            .collect();
        let size: usize = fields.iter().map(|(n, v)| n.len() + v.len()).sum();
        if size > MAX_TEXT {
            return None;
        }
        let id = random_id();
        let mut kept = self.kept.lock().unwrap_or_else(|e| e.into_inner());
        let now = Instant::now();
        kept.retain(|r| now.duration_since(r.at) < KEPT_FOR);
        while kept.len() >= KEPT {
            kept.pop_front();
        }
        kept.push_back(Refusal {
            id: id.clone(),
            owner,
            action: action.to_owned(),
            fields,
            error,
            at: now,
        });
        Some(id)
    }

    /// The refusal `id`, when it is still kept and `owner` made it. Looking also forgets
    /// every refusal past its time.
    pub fn find(&self, id: &str, owner: &str) -> Option<Refusal> {
        let mut kept = self.kept.lock().unwrap_or_else(|e| e.into_inner());
        let now = Instant::now();
        kept.retain(|r| now.duration_since(r.at) < KEPT_FOR);
        kept.iter()
            .find(|r| r.id == id && r.owner == owner)
            .cloned()
    }
}

/// Whose a refusal is: the browser (its [`BROWSER_COOKIE`]) and the session it was signed
/// in with (none before signing in). Signing in or out, or another tablet, is another owner.
pub fn owner(browser: &str, session: Option<&str>) -> String {
    format!("{browser}|{}", session.unwrap_or_default())
}

/// A new browser's name for [`BROWSER_COOKIE`].
pub fn new_browser() -> String {
    random_id()
}

/// 128 random bits, as hex.
fn random_id() -> String {
    use argon2::password_hash::rand_core::{OsRng, RngCore};
    let mut bytes = [0u8; 16];
    OsRng.fill_bytes(&mut bytes);
    hex::encode(bytes)
}

/// `page`'s HTML with the refused form filled in again and the reason (`words.message`)
/// just above it (with the id `refused`, where the redirect's `#refused` scrolls); for a
/// record saved meanwhile, the new version with what was typed listed above it. When the
/// form is not on the page, or none matches what was posted, the reason opens the page's
/// `main` instead, unless the page already says what is wrong (a dead link's page, say).
pub fn refill(page: &str, refusal: &Refusal, words: &Words) -> String {
    let Scan {
        found,
        stale,
        alerts,
        ..
    } = scan(page, refusal);
    let mut notice = format!(
        r#"<p class="flash flash-error" role="alert" id="refused">{}</p>"#,
        escape(words.message)
    );
    let fill = found.is_some();
    let target = match (found, stale) {
        (Some(found), _) => Some(found),
        (None, Some((stale, typed))) => {
            if !typed.is_empty() {
                notice.push_str(&unsaved_list(words.unsaved, &typed));
            }
            Some(stale)
        }
        (None, None) => None,
    };
    let fields = Fields::new(&refusal.fields);
    let state = Rc::new(RefCell::new(Walk::default()));
    let result = rewrite_str(
        page,
        with_handlers(vec![
            element!("details", |el| {
                let index = state.borrow_mut().next_details();
                if target.as_ref().is_some_and(|t| t.folds.contains(&index)) {
                    el.set_attribute("open", "")?;
                }
                Ok(())
            }),
            element!("main", |el| {
                if target.is_none() && !alerts && !state.borrow().placed {
                    el.prepend(&notice, ContentType::Html);
                    state.borrow_mut().placed = true;
                }
                Ok(())
            }),
            element!("form", |el| {
                let index = state.borrow_mut().next_form();
                if target.as_ref().is_some_and(|t| t.form == index) {
                    el.before(&notice, ContentType::Html);
                    state.borrow_mut().inside = fill;
                    let state = Rc::clone(&state);
                    at_end(el, move || {
                        state.borrow_mut().inside = false;
                    });
                }
                Ok(())
            }),
            element!("input", |el| {
                if !state.borrow().inside {
                    return Ok(());
                }
                let Some(name) = el.get_attribute("name") else {
                    return Ok(());
                };
                let kind = el
                    .get_attribute("type")
                    .unwrap_or_default()
                    .to_ascii_lowercase();
                match kind.as_str() {
                    "hidden" | "password" | "file" | "submit" | "button" | "image" | "reset" => {}
                    "checkbox" | "radio" => {
                        let value = el
                            .get_attribute("value")
                            .map_or_else(|| "on".into(), |v| decoded(&v));
                        if fields.has(&name, &value) {
                            el.set_attribute("checked", "")?;
                        } else {
                            el.remove_attribute("checked");
                        }
                    }
                    _ => {
                        if let Some(value) = state.borrow_mut().next_value(&fields, &name) {
                            // lol_html escapes the quotes; an `&` the user typed is ours.
                            el.set_attribute("value", &value.replace('&', "&amp;"))?;
                        }
                    }
                }
                Ok(())
            }),
            element!("textarea", |el| {
                if !state.borrow().inside {
                    return Ok(());
                }
                if let Some(name) = el.get_attribute("name") {
                    if let Some(value) = state.borrow_mut().next_value(&fields, &name) {
                        // A textarea's first line break is dropped by the parser.
                        let kept = if value.starts_with('\n') {
                            format!("\n{value}")
                        } else {
                            value.to_owned()
                        };
                        el.set_inner_content(&kept, ContentType::Text);
                    }
                }
                Ok(())
            }),
            element!("select", |el| {
                if !state.borrow().inside {
                    return Ok(());
                }
                state.borrow_mut().select = el.get_attribute("name");
                let state = Rc::clone(&state);
                at_end(el, move || {
                    state.borrow_mut().select = None;
                });
                Ok(())
            }),
            element!("option", |el| {
                let select = state.borrow().select.clone();
                let (Some(name), Some(value)) = (select, el.get_attribute("value")) else {
                    return Ok(());
                };
                let value = decoded(&value);
                if !fields.posted(&name) {
                    return Ok(());
                }
                if fields.has(&name, &value) {
                    el.set_attribute("selected", "")?;
                } else {
                    el.remove_attribute("selected");
                }
                Ok(())
            }),
        ]),
    );
    result.unwrap_or_else(|error| {
        tracing::warn!(%error, "a refused form could not be filled in again");
        page.to_owned()
    })
}

/// The words a refilled page adds, in the user's language.
pub struct Words<'a> {
    /// Why the form was refused.
    pub message: &'a str,
    /// Above what the user typed into a record someone changed meanwhile.
    pub unsaved: &'a str,
}

/// What the user typed into a form whose record changed meanwhile: a fold, open, listing
/// each field's label and value, to copy into the new version.
fn unsaved_list(title: &str, typed: &[(String, String)]) -> String {
    let rows: String = typed
        .iter()
        .map(|(label, value)| format!("<dt>{}</dt><dd>{}</dd>", escape(label), escape(value)))
        .collect();
    format!(
        r#"<details open class="unsaved" data-testid="unsaved"><summary>{}</summary><dl>{rows}</dl></details>"#,
        escape(title)
    )
}

/// Settings with these handlers, in this order.
fn with_handlers<'h>(
    handlers: Vec<(
        std::borrow::Cow<'static, lol_html::Selector>,
        lol_html::ElementContentHandlers<'h>,
    )>,
) -> RewriteStrSettings<'h, 'static> {
    handlers.into_iter().fold(
        RewriteStrSettings::new(),
        RewriteStrSettings::append_element_content_handler,
    )
}

/// Runs `then` at the element's end tag.
fn at_end(el: &mut lol_html::html_content::Element<'_, '_>, then: impl FnOnce() + 'static) {
    if let Some(handlers) = el.end_tag_handlers() {
        let handler: lol_html::EndTagHandler<'static> = Box::new(move |_| {
            then();
            Ok(())
        });
        handlers.push(handler);
    }
}

/// Where the refused form is on the page: its place among the page's forms, and the folds
/// (`details`, by their place) around it.
struct Target {
    form: usize,
    folds: Vec<usize>,
}

/// What the first pass learns of a page.
#[derive(Default)]
struct Scan {
    forms: usize,
    details: usize,
    around: Vec<usize>,
    candidate: Option<Candidate>,
    /// The first form sent to the refusal's action whose hidden fields are the ones posted.
    found: Option<Target>,
    /// Else the first such form but for its `version`: the record changed meanwhile. It
    /// shows the new version; what the user typed is listed above it, not put back in.
    stale: Option<(Target, Vec<(String, String)>)>,
    /// Whether the page already shows an alert of its own.
    alerts: bool,
    /// The text of the label being read, and whether one is open.
    label: String,
    in_label: bool,
    /// The textarea being read: its place in the candidate's `texts`.
    textarea: Option<usize>,
}

/// A form sent to the refusal's action, while it is read.
struct Candidate {
    form: usize,
    folds: Vec<usize>,
    matches: bool,
    stale: bool,
    /// Its text fields: name, label and the value the page shows.
    texts: Vec<(String, String, String)>,
}

/// Finds the refused form on `page`, and whether the page has an alert of its own.
fn scan(page: &str, refusal: &Refusal) -> Scan {
    let fields = Fields::new(&refusal.fields);
    let scan = Rc::new(RefCell::new(Scan::default()));
    let typed: Vec<(String, String)> = refusal.fields.clone();
    let result = rewrite_str(
        page,
        with_handlers(vec![
            element!("details", |el| {
                let mut s = scan.borrow_mut();
                let index = s.details;
                s.details += 1;
                s.around.push(index);
                let scan = Rc::clone(&scan);
                at_end(el, move || {
                    scan.borrow_mut().around.pop();
                });
                Ok(())
            }),
            element!("form", |el| {
                let mut s = scan.borrow_mut();
                let index = s.forms;
                s.forms += 1;
                let action = el.get_attribute("action").unwrap_or_default();
                let path = action.split(['?', '#']).next().unwrap_or_default();
                if s.found.is_some() || path != refusal.action {
                    return Ok(());
                }
                s.candidate = Some(Candidate {
                    form: index,
                    folds: s.around.clone(),
                    matches: true,
                    stale: false,
                    texts: Vec::new(),
                });
                let scan = Rc::clone(&scan);
                let typed = typed.clone();
                at_end(el, move || {
                    let mut s = scan.borrow_mut();
                    let Some(c) = s.candidate.take().filter(|c| c.matches) else {
                        return;
                    };
                    let target = Target {
                        form: c.form,
                        folds: c.folds,
                    };
                    if !c.stale {
                        s.found.get_or_insert(target);
                    } else if s.stale.is_none() {
                        s.stale = Some((target, unsaved(&c.texts, &typed)));
                    }
                });
                Ok(())
            }),
            element!(r#"[role="alert"]"#, |_| {
                scan.borrow_mut().alerts = true;
                Ok(())
            }),
            element!(r#"input[type="hidden" i][name]:not([name="uid"])"#, |el| {
                let mut s = scan.borrow_mut();
                if let Some(c) = s.candidate.as_mut() {
                    let name = el.get_attribute("name").unwrap_or_default();
                    let value = decoded(&el.get_attribute("value").unwrap_or_default());
                    if !fields.has(&name, &value) {
                        // `version`, `file_version`: the record was saved meanwhile.
                        if name.ends_with("version") && fields.posted(&name) {
                            c.stale = true;
                        } else {
                            c.matches = false;
                        }
                    }
                }
                Ok(())
            }),
            element!("label", |el| {
                let mut s = scan.borrow_mut();
                s.label.clear();
                s.in_label = true;
                let scan = Rc::clone(&scan);
                at_end(el, move || scan.borrow_mut().in_label = false);
                Ok(())
            }),
            text!("label", |chunk| {
                scan.borrow_mut().label.push_str(chunk.as_str());
                Ok(())
            }),
            element!("input[name], textarea[name]", |el| {
                let kind = el
                    .get_attribute("type")
                    .unwrap_or_default()
                    .to_ascii_lowercase();
                let is_text = el.tag_name() == "textarea"
                    || matches!(
                        kind.as_str(),
                        "" | "text"
                            | "search"
                            | "tel"
                            | "email"
                            | "url"
                            | "number"
                            | "date"
                            | "time"
                    );
                let mut s = scan.borrow_mut();
                // Its label's words, else what the field says of itself.
                let label = if s.in_label && !s.label.trim().is_empty() {
                    decoded(s.label.trim())
                } else {
                    ["aria-label", "title", "placeholder"]
                        .iter()
                        .find_map(|a| el.get_attribute(a))
                        .map(|w| decoded(&w))
                        .unwrap_or_default()
                };
                let Some(c) = s.candidate.as_mut().filter(|_| is_text) else {
                    return Ok(());
                };
                let name = el.get_attribute("name").unwrap_or_default();
                let shown = decoded(&el.get_attribute("value").unwrap_or_default());
                c.texts.push((name, label, shown));
                if el.tag_name() == "textarea" {
                    let at = c.texts.len() - 1;
                    s.textarea = Some(at);
                    let scan = Rc::clone(&scan);
                    at_end(el, move || scan.borrow_mut().textarea = None);
                }
                Ok(())
            }),
            text!("textarea", |chunk| {
                let mut s = scan.borrow_mut();
                if let Some(at) = s.textarea {
                    if let Some(c) = s.candidate.as_mut() {
                        c.texts[at].2.push_str(&decoded(chunk.as_str()));
                    }
                }
                Ok(())
            }),
        ]),
    );
    if result.is_err() {
        return Scan::default();
    }
    let found = std::mem::take(&mut *scan.borrow_mut());
    found
}

/// What the user typed that the page does not show, by its label (or field name).
fn unsaved(
    texts: &[(String, String, String)],
    typed: &[(String, String)],
) -> Vec<(String, String)> {
    let fields = Fields::new(typed);
    let mut taken: HashMap<&str, usize> = HashMap::new();
    texts
        .iter()
        .filter_map(|(name, label, shown)| {
            let n = taken.entry(name).or_default();
            let value = fields.0.get(name.as_str())?.get(*n).copied();
            *n += 1;
            let value = value?;
            let differs = !value.trim().is_empty() && value.trim() != shown.trim();
            let label = if label.is_empty() { name } else { label };
            differs.then(|| (label.clone(), value.to_owned()))
        })
        .collect()
}

/// An attribute's or a text's value as the page means it (`&amp;` read as `&`).
fn decoded(html: &str) -> String {
    html_escape::decode_html_entities(html).into_owned()
}

/// The posted fields by name, each name's values in the order they came.
struct Fields<'a>(HashMap<&'a str, Vec<&'a str>>);

impl<'a> Fields<'a> {
    fn new(fields: &'a [(String, String)]) -> Self {
        let mut by_name: HashMap<&str, Vec<&str>> = HashMap::new();
        for (name, value) in fields {
            by_name.entry(name).or_default().push(value);
        }
        Fields(by_name)
    }

    fn posted(&self, name: &str) -> bool {
        self.0.contains_key(name)
    }

    fn has(&self, name: &str, value: &str) -> bool {
        self.0
            .get(name)
            .is_some_and(|values| values.contains(&value))
    }
}

/// Where the second pass is on the page.
#[derive(Default)]
struct Walk {
    forms: usize,
    details: usize,
    inside: bool,
    placed: bool,
    select: Option<String>,
    /// How many values of each name the form has taken (a name can repeat: one per row).
    taken: HashMap<String, usize>,
}

impl Walk {
    fn next_form(&mut self) -> usize {
        self.forms += 1;
        self.forms - 1
    }

    fn next_details(&mut self) -> usize {
        self.details += 1;
        self.details - 1
    }

    fn next_value<'a>(&mut self, fields: &Fields<'a>, name: &str) -> Option<&'a str> {
        let taken = self.taken.entry(name.to_owned()).or_default();
        let value = fields.0.get(name)?.get(*taken).copied();
        *taken += 1;
        value
    }
}

/// Text for an HTML element's content.
fn escape(text: &str) -> String {
    html_escape::encode_text(text).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use app::error::ValidationError;

    fn words(message: &str) -> Words<'_> {
        Words {
            message,
            unsaved: "您填写但没有保存的内容",
        }
    }

    fn refusal(action: &str, fields: &[(&str, &str)]) -> Refusal {
        let forms = RefusedForms::default();
        let id = forms
            .keep(
                owner("b1", Some("s1")),
                action,
                fields
                    .iter()
                    .map(|(n, v)| ((*n).to_owned(), (*v).to_owned()))
                    .collect(),
                ValidationError::Malformed.into(),
            )
            .unwrap();
        forms.find(&id, &owner("b1", Some("s1"))).unwrap()
    }

    const PAGE: &str = r#"<html><body><main id="main"><h1>Users</h1>
<form action="/api/other" method="post"><input name="username" value=""></form>
<details><summary>Add</summary>
<form action="/api/users/create?x=1" method="post">
<input type="hidden" name="version" value="3">
<input name="username" value="">
<input name="password" type="password">
<input type="checkbox" name="active" value="1" checked>
<select name="role"><option value="teacher" selected>T</option><option value="leader">L</option></select>
<textarea name="note"></textarea>
<button name="go" value="1">Save</button>
</form></details></main></body></html>"#;

    #[test]
    fn the_refused_form_gets_its_values_back_in_an_open_fold_with_the_reason_above() {
        let r = refusal(
            "/api/users/create",
            &[
                ("version", "3"),
                ("username", "wang<li> & \"co\""),
                ("password", "secret-secret"),
                ("role", "leader"),
                ("note", "第一行\n</textarea><b>"),
            ],
        );
        assert!(
            r.fields.iter().all(|(n, _)| n != "password"),
            "a password is never kept"
        );
        let out = refill(PAGE, &r, &words("用户名已被使用 <b>"));
        assert!(out.contains(r#"<details open=""><summary>Add"#), "{out}");
        assert!(out.contains(r#"<input name="username" value="wang<li> &amp; &quot;co&quot;">"#));
        assert!(
            out.contains(r#"<input name="username" value="">"#),
            "the other form is left alone"
        );
        assert!(out.contains(r#"<input type="checkbox" name="active" value="1">"#));
        assert!(out
            .contains(r#"<option value="teacher">T</option><option value="leader" selected="">"#));
        assert!(
            out.contains("<textarea name=\"note\">第一行\n&lt;/textarea&gt;&lt;b&gt;</textarea>")
        );
        assert!(out.contains(
            r#"<p class="flash flash-error" role="alert" id="refused">用户名已被使用 &lt;b&gt;</p><form action="/api/users/create"#
        ));
        assert!(out.contains(r#"<input name="password" type="password">"#));
    }

    #[test]
    fn a_record_changed_meanwhile_shows_its_new_version_with_what_was_typed_above_it() {
        let page = r#"<main><h1>File</h1>
<form action="/api/children/save"><input type="hidden" name="id" value="7"><input type="hidden" name="version" value="4">
<label>外出城市<input name="work_city" value="东莞"></label>
<label>备注<textarea name="notes">奶奶 &amp; 爷爷</textarea></label>
<label>姓名<input name="name" value="王小雨"></label>
</form></main>"#;
        let r = refusal(
            "/api/children/save",
            &[
                ("id", "7"),
                ("version", "3"),
                ("work_city", "深圳<b>"),
                ("notes", "奶奶 & 爷爷"),
                ("name", "王小雨"),
            ],
        );
        let out = refill(page, &r, &words("已被他人修改"));
        assert!(
            out.contains(r#"<input name="work_city" value="东莞">"#),
            "the new version is shown, never the stale values over it"
        );
        assert!(out.contains(
            "<p class=\"flash flash-error\" role=\"alert\" id=\"refused\">已被他人修改</p>\
             <details open class=\"unsaved\" data-testid=\"unsaved\"><summary>您填写但没有保存的内容</summary>\
             <dl><dt>外出城市</dt><dd>深圳&lt;b&gt;</dd></dl></details><form action=\"/api/children/save\">"
        ), "only what differs from the new version, by its label: {out}");

        // Another record (its id differs): the reason opens the page, nothing is listed.
        let other = refusal(
            "/api/children/save",
            &[("id", "8"), ("version", "3"), ("work_city", "深圳")],
        );
        let out = refill(page, &other, &words("已被他人修改"));
        assert!(!out.contains("深圳"));
        assert!(out.contains(
            r#"<main><p class="flash flash-error" role="alert" id="refused">已被他人修改</p><h1>"#
        ));
    }

    #[test]
    fn a_page_that_already_says_what_is_wrong_gets_no_second_notice() {
        let page = r#"<main><p class="flash flash-error" role="alert">链接已失效</p></main>"#;
        let out = refill(
            page,
            &refusal("/api/family/message", &[("body", "x")]),
            &words("找不到该记录"),
        );
        assert_eq!(out, page);
    }

    #[test]
    fn of_several_rows_only_the_one_posted_is_filled() {
        let page = r#"<main>
<form action="/api/note"><input type="hidden" name="child" value="1"><input name="text" value="a"></form>
<form action="/api/note"><input type="hidden" name="child" value="2"><input type="hidden" name="uid" value="new"><input name="text" value="b"></form>
</main>"#;
        let out = refill(
            page,
            &refusal(
                "/api/note",
                &[("child", "2"), ("uid", "old"), ("text", "typed")],
            ),
            &words("!"),
        );
        assert!(out.contains(r#"value="1"><input name="text" value="a">"#));
        assert!(out.contains(
            r#"value="2"><input type="hidden" name="uid" value="new"><input name="text" value="typed">"#
        ));
        assert_eq!(out.matches("id=\"refused\"").count(), 1);
    }

    #[test]
    fn a_refusal_is_only_found_by_its_own_browser_and_session_and_not_for_ever() {
        let forms = RefusedForms::default();
        let keep = |owner: String, fields: Vec<(String, String)>| {
            forms.keep(owner, "/api/x", fields, ValidationError::Malformed.into())
        };
        let id = keep(owner("b1", Some("s1")), vec![]).unwrap();
        assert!(forms.find(&id, &owner("b1", Some("s1"))).is_some());
        assert!(
            forms.find(&id, &owner("b1", Some("s2"))).is_none(),
            "signed in again"
        );
        assert!(forms.find(&id, &owner("b1", None)).is_none(), "signed out");
        assert!(
            forms.find(&id, &owner("b2", Some("s1"))).is_none(),
            "another browser"
        );
        assert!(forms.find("0000", &owner("b1", Some("s1"))).is_none());
        // Before signing in, a refusal is still the browser's own: a link sent by someone
        // else finds nothing, and plants nothing.
        let anonymous = keep(owner("b3", None), vec![]).unwrap();
        assert!(forms.find(&anonymous, &owner("b3", None)).is_some());
        assert!(forms.find(&anonymous, &owner("b4", None)).is_none());
        assert!(forms.find(&anonymous, &owner("b4", Some("s1"))).is_none());
        // More text than any form takes is not kept; a textarea's CRLF is kept as LF.
        let huge = vec![("body".to_owned(), "字".repeat(MAX_TEXT / 3 + 1))];
        assert_eq!(keep(owner("b1", None), huge), None);
        let lines = keep(owner("b1", None), vec![("body".into(), "a\r\nb".into())]).unwrap();
        assert_eq!(
            forms.find(&lines, &owner("b1", None)).unwrap().fields[0].1,
            "a\nb"
        );
        for _ in 0..KEPT {
            keep(owner("b5", None), vec![]);
        }
        assert!(
            forms.find(&id, &owner("b1", Some("s1"))).is_none(),
            "the oldest goes first"
        );
    }

    #[test]
    fn an_address_in_a_hidden_field_matches_as_the_page_means_it() {
        let page = r#"<main><form action="/api/auth/login"><input type="hidden" name="next" value="/calendar?view=month&amp;date=2027-06-01"><input name="username"></form></main>"#;
        let r = refusal(
            "/api/auth/login",
            &[
                ("next", "/calendar?view=month&date=2027-06-01"),
                ("username", "teacher"),
            ],
        );
        let out = refill(page, &r, &words("用户名或密码不正确"));
        assert!(
            out.contains(r#"<input name="username" value="teacher">"#),
            "{out}"
        );
    }
}
