//! Integration tests: the real app on port 0 with a fresh database, called over HTTP.

mod accounts;
mod assessment;
mod audit;
mod awards;
mod backup;
mod calendar;
mod care;
mod checkup;
mod children;
mod crafted;
mod durability;
mod events;
mod family;
mod feeds;
mod funds;
mod habits;
mod hardening;
mod helpers;
mod imports;
mod matrix;
mod minimisation;
mod pages;
mod records;
mod seed;
mod series;
mod sign_in;
