//! The checkup day (seed §6): the roster and its time slots, quick result entry on a
//! tablet, the make-up list. Health data: the admin writes, the leading group reads, a
//! counselor reads their paired children's; every read and write is audited.

pub mod api;
#[cfg(feature = "ssr")]
pub mod db;
pub mod domain;
pub mod strings;
pub mod types;
pub mod ui;
