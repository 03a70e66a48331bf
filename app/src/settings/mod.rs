//! The school's own details, set by its admin: the registered name (on certificates and
//! the summaries), the short name the header shows in each language, and the phone the
//! families and donors are given. Until they are set, a new school's pages name nobody.

pub mod api;
#[cfg(feature = "ssr")]
pub mod db;
pub mod domain;
pub mod strings;
pub mod types;
pub mod ui;
