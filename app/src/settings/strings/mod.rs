//! Text of the school settings page. One file per language beside this one; a missing
//! string is a compile error.

mod en;
mod zh_cn;

pub use en::EN;
pub use zh_cn::ZH_CN;

pub struct Strings {
    pub nav: &'static str,
    pub title: &'static str,
    pub unset: &'static str,
    pub unset_short: &'static str,
    pub name: &'static str,
    pub name_hint: &'static str,
    pub short_name: &'static str,
    pub short_name_en: &'static str,
    pub short_name_hint: &'static str,
    pub phone: &'static str,
    pub phone_hint: &'static str,
    pub name_invalid: &'static str,
    pub phone_invalid: &'static str,
}
