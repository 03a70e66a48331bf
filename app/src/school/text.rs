//! Text as people type it into a form or a spreadsheet, read the same way everywhere.
//!
//! A Chinese input method types full-width forms: `１３６１２３４５６７８`, `２０１７／３／５`,
//! `３年级２班`, an ideographic space. Every field the app checks (phone numbers, dates,
//! times, classes, measurements, names, the words of a roster) is read through [`fold`]
//! first, in the form, on the server and in the importer alike. Prose (notes, addresses,
//! titles) is only trimmed: folding would turn its Chinese punctuation `，：（）` into ASCII.

/// `raw` in Unicode normalisation form NFKC (full-width digits, letters and punctuation
/// become their ordinary forms), with leading and trailing white space (the ideographic
/// space too) removed.
pub fn fold(raw: &str) -> String {
    nfkc(raw).trim().to_owned()
}

/// The server (and native tests) normalise with the `unicode-normalization` crate.
#[cfg(not(feature = "hydrate"))]
fn nfkc(raw: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    raw.nfkc().collect()
}

/// The browser has NFKC built in (`String.prototype.normalize`): the tables stay out of
/// the wasm bundle, and the answer is the same Unicode algorithm the server runs.
#[cfg(feature = "hydrate")]
fn nfkc(raw: &str) -> String {
    String::from(js_sys::JsString::from(raw).normalize("NFKC"))
}

#[cfg(test)]
mod tests {
    use super::fold;

    #[test]
    fn what_an_input_method_types_is_read_as_plain_text() {
        assert_eq!(fold("１３６１２３４５６７８ "), "13612345678");
        assert_eq!(fold("\u{3000}２０１７－０３－０５"), "2017-03-05");
        assert_eq!(fold("３年级２班"), "3年级2班");
        assert_eq!(fold("１３２．５"), "132.5");
        assert_eq!(fold("ＡＢＣ　ｄｅｆ"), "ABC def");
        // Chinese characters are left as they are.
        assert_eq!(fold(" 王小明 "), "王小明");
    }
}
