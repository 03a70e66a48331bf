//! The page of a refused form, filled in again: a first pass finds the form that was sent
//! (and whether the page already shows an alert), a second puts the values back and the
//! reason above it. Both with lol_html, on the page the app rendered.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use lol_html::html_content::ContentType;
use lol_html::{element, rewrite_str, text, RewriteStrSettings};

use super::Refusal;

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
    let unread = refusal.unread;
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
            // An alert shown, not one a form's checker keeps hidden until it is needed.
            element!(r#"[role="alert"]:not([hidden])"#, |_| {
                scan.borrow_mut().alerts = true;
                Ok(())
            }),
            element!(r#"input[type="hidden" i][name]:not([name="uid"])"#, |el| {
                let mut s = scan.borrow_mut();
                if let Some(c) = s.candidate.as_mut() {
                    let name = el.get_attribute("name").unwrap_or_default();
                    let value = decoded(&el.get_attribute("value").unwrap_or_default());
                    if !unread && !fields.has(&name, &value) {
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
    use super::super::{owner, RefusedForms};
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
                Some(
                    fields
                        .iter()
                        .map(|(n, v)| ((*n).to_owned(), (*v).to_owned()))
                        .collect(),
                ),
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
    fn a_row_gone_meanwhile_gets_the_reason_atop_the_page_despite_a_checkers_hidden_alerts() {
        // The ledger line reversed in another tab: its reversal form is no longer there.
        let page = r#"<main><h1>账目</h1><form action="/api/funds/entry"><p role="alert" data-check-message hidden>金额</p><input name="amount"></form></main>"#;
        let out = refill(
            page,
            &refusal("/api/funds/reverse", &[("entry", "7"), ("reason", "录错")]),
            &words("这一笔已经冲销过了"),
        );
        assert!(
            out.starts_with(r#"<main><p class="flash flash-error" role="alert" id="refused">这一笔已经冲销过了</p><h1>"#),
            "{out}"
        );
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
    fn an_upload_too_large_to_read_gets_its_reason_above_its_form_which_stays_as_it_was() {
        let page = r#"<main><p>Rosters</p>
<form action="/api/roster" enctype="multipart/form-data"><input type="hidden" name="year" value="2027"><input name="note" value=""><input type="file" name="file"></form>
</main>"#;
        let forms = RefusedForms::default();
        let id = forms
            .keep(
                owner("b1", None),
                "/api/roster",
                None,
                ValidationError::Malformed.into(),
            )
            .unwrap();
        let unread = forms.find(&id, &owner("b1", None)).unwrap();
        let out = refill(page, &unread, &words("too large"));
        let notice = out.find("id=\"refused\"").expect("the reason");
        assert!(notice > out.find("<p>Rosters</p>").unwrap());
        assert!(notice < out.find("<form").unwrap(), "above its form");
        assert!(out.contains(r#"<input name="note" value="">"#));
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
