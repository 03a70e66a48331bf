//! The school itself, shared by every area: its classes, its years, how times are written,
//! its time zone's "today", and the addresses of its pages. Every area may use it; it uses
//! no area.

#[cfg(feature = "ssr")]
pub mod db;
#[cfg(feature = "ssr")]
pub mod ids;
pub mod table;
pub mod text;
pub mod types;
pub mod urls;
