//! Pure calendar logic: no I/O, compiled for the server and the browser, tested natively.

pub mod audience;
pub mod birthdays;
pub mod drag;
pub mod event_form;
pub mod holidays;
#[cfg(feature = "ssr")]
pub mod ics_import;
pub mod local_time;
#[cfg(feature = "ssr")]
pub mod lunar;
pub mod month_grid;
#[cfg(all(test, feature = "ssr"))]
mod properties;
pub mod query;
#[cfg(feature = "ssr")]
pub mod recurrence;
pub mod rule_summary;
pub mod series;
#[cfg(feature = "ssr")]
pub mod window;
