//! Society's help (seed §3, §8 and its closing): donors and volunteers with their pledges,
//! the money in and out as an append-only ledger in integer fen, aid for a child approved
//! by the leading group and paid with a receipt, and a public page that names no child.

#[cfg(feature = "ssr")]
pub mod access;
pub mod aid_api;
#[cfg(feature = "ssr")]
pub mod aid_db;
pub mod api;
#[cfg(feature = "ssr")]
pub mod db;
pub mod domain;
pub mod strings;
pub mod types;
pub mod ui;
