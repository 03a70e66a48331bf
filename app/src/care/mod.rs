//! The care work (seed §2): the paired teacher's contacts with the child and the family by
//! the three priorities, concerns, planned home visits and the growth diary; the counselor's
//! own page and the leading group's view. Sensitive personal information of minors: the
//! paired counselor, the leading group and the admin only (a student its own diary), every
//! read and write audited.

#[cfg(feature = "ssr")]
pub mod access;
pub mod api;
#[cfg(feature = "ssr")]
pub mod concerns_db;
pub mod coverage_domain;
#[cfg(feature = "ssr")]
pub mod db;
#[cfg(feature = "ssr")]
pub mod diary_db;
pub mod domain;
#[cfg(feature = "ssr")]
pub mod pairing_db;
#[cfg(feature = "ssr")]
pub mod picture_domain;
pub mod strings;
pub mod types;
pub mod ui;
