//! The families' pages: the parents' own page behind their link, and the staff's page of a
//! child's family.

mod desk;
mod parents;

pub use desk::DeskPage;
pub use parents::ParentsPage;

/// A day as the app's other lists show it: diary entries span years.
fn date(day: chrono::NaiveDate) -> String {
    day.format("%Y-%m-%d").to_string()
}

/// A day of the next few weeks, where the year goes without saying.
fn month_day(day: chrono::NaiveDate) -> String {
    day.format("%m-%d").to_string()
}
