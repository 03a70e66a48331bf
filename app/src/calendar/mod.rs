//! The activity calendar: events, interest-group series, birthdays, the checkup day.

pub mod api;
#[cfg(feature = "ssr")]
pub mod db;
pub mod domain;
pub mod events_api;
pub mod events_ui;
pub mod feeds_api;
#[cfg(feature = "ssr")]
pub mod feeds_db;
pub mod feeds_ui;
pub mod gestures;
pub mod holidays_api;
#[cfg(feature = "ssr")]
pub mod holidays_db;
pub mod holidays_ui;
pub mod import_api;
#[cfg(feature = "ssr")]
pub mod import_db;
pub mod import_ui;
#[cfg(feature = "ssr")]
pub mod series_db;
pub mod strings;
pub mod types;
pub mod ui;
