//! The children's files and contact cards (seed §4): records, cards to print, roster import
//! and export. Every read and write goes through the permission matrix and the audit log.

#[cfg(feature = "ssr")]
pub mod access;
pub mod api;
#[cfg(feature = "ssr")]
pub mod db;
pub mod domain;
#[cfg(feature = "ssr")]
pub mod export;
pub mod import_api;
#[cfg(feature = "ssr")]
pub mod import_db;
pub mod import_ui;
#[cfg(feature = "ssr")]
pub mod roster;
pub mod strings;
pub mod types;
pub mod ui;
pub mod work_place_domain;
