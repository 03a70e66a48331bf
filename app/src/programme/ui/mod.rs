//! The programme's pages: the leading group's overview and the year-end summary.

mod overview;
mod summary;

pub use overview::ProgrammePage;
pub use summary::SummaryPage;
