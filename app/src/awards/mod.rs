//! 自强好少年 (seed §2, the fourth of the five ones): each semester the leading group sets the
//! criteria, counselors and class teachers nominate a child with the evidence the app has
//! gathered for them (habit scores and trends, the child's own diary lines, care-log notes
//! they choose), and another member of the leading group approves: never the nominator.
//! The award goes into the child's growth diary; its certificate prints on A4; the ceremony
//! can go on the calendar.

#[cfg(feature = "ssr")]
pub mod access;
pub mod api;
#[cfg(feature = "ssr")]
pub mod db;
pub mod domain;
pub mod strings;
pub mod types;
pub mod ui;
