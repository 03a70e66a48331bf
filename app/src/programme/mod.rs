//! The programme as the leading group sees it on Monday morning (seed's own report): the
//! counts, this month's coverage, contacts by priority, concerns, the five ones, the
//! checkup, birthdays, across the term as charts, every number opening its list; and the
//! year-end summary that writes itself, in the shape of the school's report.

#[cfg(feature = "ssr")]
pub mod access;
pub mod api;
#[cfg(feature = "ssr")]
pub mod db;
pub mod domain;
pub mod strings;
pub mod types;
pub mod ui;
