//! The parents far away (seed §8): a page per household behind a revocable link the
//! counselor gives them (no account), with what is coming for the child, the weekly call,
//! the diary entries the counselor chose to share, the counselor and the school's phone; a
//! message to the counselor; a change to their own phone, work place and call window,
//! which staff review before it reaches the child's file.

#[cfg(feature = "ssr")]
pub mod access;
pub mod api;
#[cfg(feature = "ssr")]
pub mod db;
pub mod domain;
#[cfg(feature = "ssr")]
pub mod proposals_db;
pub mod strings;
pub mod types;
pub mod ui;
