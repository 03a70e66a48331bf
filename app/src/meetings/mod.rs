//! Seminars and the exchange of experience (seed §8): the calendar's meetings with their
//! records — who came (the families, for a parents' meeting), the minutes, and the
//! practices agreed with an owner and a day.

#[cfg(feature = "ssr")]
pub mod access;
pub mod api;
#[cfg(feature = "ssr")]
pub mod db;
pub mod domain;
pub mod strings;
pub mod types;
pub mod ui;
