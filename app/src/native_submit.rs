//! Forms the browser sends itself rather than the islands router: file uploads (multipart)
//! and the forms of pages that post back to themselves. The router takes over every form
//! submission and re-encodes it as URL parameters; a capturing listener on the document
//! (it runs before the router's, which sits on the window) cancels the router's turn and
//! submits the form natively ([`NATIVE_FORMS_SCRIPT`]). Without JavaScript the form simply
//! posts.

use leptos::prelude::*;

/// The server functions that take a file (`multipart/form-data`). The server refuses any
/// other body for them before they run: the multipart decoder would fail on it.
pub const MULTIPART_ENDPOINTS: [&str; 4] = [
    "/api/calendar/import/upload",
    "/api/children/import/upload",
    "/api/diary/write",
    "/api/funds/aid/pay",
];

/// The uploads of a picture (a diary's drawing or photo, an aid's receipt).
pub const PICTURE_ENDPOINTS: [&str; 2] = ["/api/diary/write", "/api/funds/aid/pay"];

/// What a file too large for `path` is called: a picture, or a file.
pub fn too_large(path: &str) -> crate::error::ValidationError {
    use crate::error::ValidationError;
    if PICTURE_ENDPOINTS.contains(&path) {
        ValidationError::PictureTooLarge
    } else {
        ValidationError::FileTooLarge
    }
}

/// An error reading a picture's upload: too large is said of a picture.
pub fn as_picture(error: crate::error::AppError) -> crate::error::AppError {
    use crate::error::{AppError, ValidationError};
    match error {
        AppError::Validation(ValidationError::FileTooLarge) => {
            ValidationError::PictureTooLarge.into()
        }
        other => other,
    }
}

/// Whether a `Content-Type` is multipart form data with its boundary.
pub fn is_multipart_with_boundary(content_type: &str) -> bool {
    let mut parts = content_type.split(';').map(str::trim);
    parts
        .next()
        .is_some_and(|kind| kind.eq_ignore_ascii_case("multipart/form-data"))
        && parts.any(|p| {
            p.split_once('=').is_some_and(|(k, v)| {
                k.trim().eq_ignore_ascii_case("boundary") && !v.trim().trim_matches('"').is_empty()
            })
        })
}

/// An uploaded form: the file (from the `file` field) and the other fields as text.
#[cfg(feature = "ssr")]
pub struct Upload {
    pub file_name: String,
    pub bytes: Vec<u8>,
    pub fields: std::collections::HashMap<String, String>,
}

/// Reads a multipart form; a file over `max` bytes is refused as too large while it
/// arrives, before it is all in memory.
#[cfg(feature = "ssr")]
pub async fn read_upload(
    data: leptos::server_fn::codec::MultipartData,
    max: usize,
    default_name: &str,
) -> Result<Upload, crate::error::AppError> {
    use crate::error::ValidationError;
    let mut form = data.into_inner().ok_or(ValidationError::Malformed)?;
    let mut upload = Upload {
        file_name: default_name.to_owned(),
        bytes: Vec::new(),
        fields: Default::default(),
    };
    while let Some(mut field) = form
        .next_field()
        .await
        .map_err(|_| ValidationError::Malformed)?
    {
        let name = field.name().unwrap_or_default().to_owned();
        if name != "file" {
            let value = field.text().await.map_err(|_| ValidationError::Malformed)?;
            upload.fields.insert(name, value);
            continue;
        }
        if let Some(file_name) = field.file_name().filter(|n| !n.is_empty()) {
            upload.file_name = file_name.chars().take(120).collect();
        }
        while let Some(chunk) = field
            .chunk()
            .await
            .map_err(|_| ValidationError::Malformed)?
        {
            upload.bytes.extend_from_slice(&chunk);
            if upload.bytes.len() > max {
                return Err(ValidationError::FileTooLarge.into());
            }
        }
    }
    Ok(upload)
}

/// The longest side a picture is sent with: the most the server keeps
/// (`care::picture_domain::MAX_SIDE`), so nothing is lost by making it so in the browser.
pub const PICTURE_SIDE: u32 = 1280;
/// The most an upload may weigh (the server's limit for uploads).
pub const UPLOAD_BYTES: usize = 8 * 1024 * 1024;

/// A picture's file input: a phone's photo (4,000 × 3,000, several MB) is made
/// [`PICTURE_SIDE`] pixels a side in the browser before it is sent (`native_forms.js`):
/// seconds, not minutes, on a village's signal, and under [`UPLOAD_BYTES`]. A file still
/// over it is refused there in `too_large`'s words, the form kept as typed.
pub fn picture_input(required: bool, too_large: &'static str) -> impl IntoView {
    view! {
        <input type="file" name="file" accept="image/jpeg,image/png" required=required
            data-shrink=PICTURE_SIDE.to_string() data-max-bytes=UPLOAD_BYTES.to_string() data-too-large=too_large/>
    }
}

/// An upload form's wrapper: the browser sends the form inside itself, with its file, and
/// shows its `.upload-progress` meanwhile (`native_forms.js`).
#[component]
pub fn NativeSubmit(children: Children) -> impl IntoView {
    view! { <div class="native-submit">{children()}</div> }
}

/// The script every page with scripts carries inline in its `<head>`: it hands the forms
/// inside a `data-native-forms` container (except an outbox's, which keeps its entries
/// itself) and the uploads inside a [`NativeSubmit`] back to the browser. The islands router
/// sends a form and patches the page with the answer, but it re-encodes the form as URL
/// parameters (no file, and no pressed button: "not confirmed" came without its outcome), and
/// it leaves islands as they were: a form inside one (a checked form) would keep its old
/// hidden fields, such as the id of the book just saved, and the next book sent with that id
/// would be taken for the same one. A page whose forms post back to itself loads the answer
/// whole instead. Inline and not in the wasm, it works from the page's first moment: a tap
/// before the wasm came (seconds on a village's signal) went to the router.
pub const NATIVE_FORMS_SCRIPT: &str = include_str!("native_forms.js");

/// The one script of a page sent without the app's: a form sent with no network, or whose
/// send got no answer, keeps what was typed (inline, about 1 KB).
pub const KEPT_FORMS_SCRIPT: &str = include_str!("kept_forms.js");

#[cfg(test)]
mod tests {
    use super::is_multipart_with_boundary;

    #[cfg(feature = "ssr")]
    #[test]
    fn a_picture_is_sent_as_large_as_it_is_kept_and_no_larger_than_an_upload_may_be() {
        assert_eq!(super::PICTURE_SIDE, crate::care::picture_domain::MAX_SIDE);
        assert_eq!(super::UPLOAD_BYTES, crate::care::api::UPLOAD_MAX);
    }

    #[test]
    fn only_multipart_with_a_boundary_reaches_an_upload() {
        assert!(is_multipart_with_boundary(
            "multipart/form-data; boundary=----x1"
        ));
        assert!(is_multipart_with_boundary(
            "Multipart/Form-Data;boundary=\"abc\""
        ));
        assert!(!is_multipart_with_boundary("multipart/form-data"));
        assert!(!is_multipart_with_boundary(
            "multipart/form-data; boundary="
        ));
        assert!(!is_multipart_with_boundary(
            "application/x-www-form-urlencoded"
        ));
    }
}
