//! How large a request may be.

/// Request bodies larger than this get 413; uploads that need more get their own limit.
pub const MAX_BODY_BYTES: usize = 1024 * 1024;
/// A file upload (roster, calendar file) may be larger; the functions then say how large
/// a file they take.
pub const MAX_UPLOAD_BYTES: usize = app::native_submit::UPLOAD_BYTES;
/// An upload over [`MAX_UPLOAD_BYTES`] up to this size is read to its end and dropped
/// before the page says it is too large (a phone's photo sent without scripts).
pub const MAX_DRAINED_BYTES: usize = 32 * 1024 * 1024;
