//! The Hope Home server: configuration, database, and the axum app around the Leptos routes.

pub mod config;
pub mod db;
pub mod routes;
pub mod seed;
pub mod startup;
pub mod telemetry;
