//! The families' pages: the parents' own page behind their link, and the staff's page of a
//! child's family.

mod desk;
mod parents;

pub use desk::DeskPage;
pub use parents::ParentsPage;

fn date(day: chrono::NaiveDate) -> String {
    day.format("%m-%d").to_string()
}
