//! Integration tests: the real app on port 0 with a fresh database, called over HTTP.

mod calendar;
mod helpers;
mod pages;
mod seed;
