//! Accounts, roles and the permission matrix that guards children's data.

pub mod api;
#[cfg(feature = "ssr")]
pub mod audit;
#[cfg(feature = "ssr")]
pub mod db;
#[cfg(feature = "ssr")]
pub mod device;
pub mod domain;
pub mod permissions;
#[cfg(feature = "ssr")]
pub mod session;
pub mod strings;
#[cfg(feature = "ssr")]
pub mod throttle;
pub mod types;
pub mod ui;
