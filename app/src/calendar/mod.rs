//! The activity calendar: events, interest-group series, birthdays, the checkup day.

pub mod api;
#[cfg(feature = "ssr")]
pub mod db;
pub mod domain;
pub mod events_api;
pub mod events_ui;
pub mod feeds_api;
pub mod feeds_ui;
pub mod gestures;
pub mod holidays_api;
#[cfg(feature = "ssr")]
pub mod holidays_db;
pub mod holidays_ui;
#[cfg(feature = "ssr")]
pub mod ics_import;
pub mod import_api;
pub mod import_ui;
#[cfg(feature = "ssr")]
pub mod series_db;
pub mod types;
pub mod ui;
