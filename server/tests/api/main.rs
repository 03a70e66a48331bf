//! Integration tests: the real app on port 0 with a fresh database, called over HTTP.

mod accounts;
mod calendar;
mod events;
mod feeds;
mod hardening;
mod matrix;
mod minimisation;
mod helpers;
mod pages;
mod seed;
