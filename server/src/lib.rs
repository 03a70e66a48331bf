//! The Hope Home server: configuration, database, and the axum app around the Leptos routes.

pub mod accounts;
pub mod auth;
pub mod config;
pub mod content_coding;
pub mod db;
pub mod export;
pub mod feeds;
pub mod form_redirects;
pub mod kept_pages;
pub mod limits;
pub mod pictures;
pub mod precompressed;
pub mod refusal;
pub mod refused_forms;
pub mod routes;
pub mod security;
pub mod seed;
pub mod startup;
pub mod stitched_gzip;
pub mod telemetry;
