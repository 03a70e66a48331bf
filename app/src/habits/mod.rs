//! The five ones (seed §2, 五个一): every left-behind child does a chore a day and keeps a
//! diary, reads a good book a month and calls the parents once a week (the semester award
//! and the yearly birthday are the other two). The class check-in on the class tablet, the
//! child's own ticks, books and calls, streaks and a forgiving score that the school
//! calendar, illness and the parents' visits never break. The child's own data: the child,
//! its class teacher, its counselor, the leading group and the admin; audited.

#[cfg(feature = "ssr")]
pub mod access;
pub mod api;
#[cfg(feature = "ssr")]
pub mod db;
pub mod domain;
pub mod entries_api;
#[cfg(feature = "ssr")]
pub mod excuses_db;
pub mod forms_domain;
pub mod strings;
pub mod types;
pub mod ui;
