//! Inspection and assessment (考核评价, seed §7), compiled from the work itself: each
//! counselor's sheet per month and semester (children paired, talks and home visits against
//! the school's rhythm, care by priority, the diary, their children's five ones, checkup
//! follow-ups, concerns, birthdays), the leading group's scheme, scores and comments, the
//! counselor's signature or answer, sheets kept as they were once closed, inspections of
//! recorded contacts, and the semester's sheets as XLSX for performance pay.

#[cfg(feature = "ssr")]
pub mod access;
pub mod api;
#[cfg(feature = "ssr")]
pub mod compile_domain;
#[cfg(feature = "ssr")]
pub mod db;
pub mod domain;
#[cfg(feature = "ssr")]
pub mod export;
#[cfg(feature = "ssr")]
pub mod facts_db;
#[cfg(feature = "ssr")]
pub mod inspect_db;
pub mod strings;
pub mod types;
pub mod ui;
