//! The interface text, Simplified Chinese first: one catalogue per area (`calendar/strings`,
//! `children/strings`, …, and `common` here), one file per language in each. A string
//! missing from a language is a compile error, not a blank on a child's calendar; a third
//! language is a file per catalogue and a line below. The server picks the locale per request
//! (cookie, then `Accept-Language`) and renders in it, so islands hydrate into the same text.

use serde::{Deserialize, Serialize};

pub const LOCALE_COOKIE: &str = "lang";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
pub enum Locale {
    #[default]
    ZhCn,
    En,
}

impl Locale {
    pub const ALL: [Locale; 2] = [Locale::ZhCn, Locale::En];

    /// The BCP 47 tag, for `<html lang>` and the cookie.
    pub fn tag(self) -> &'static str {
        match self {
            Locale::ZhCn => "zh-CN",
            Locale::En => "en",
        }
    }

    pub fn from_tag(tag: &str) -> Option<Locale> {
        let primary = tag.trim().split(['-', '_']).next()?.to_ascii_lowercase();
        match primary.as_str() {
            "zh" => Some(Locale::ZhCn),
            "en" => Some(Locale::En),
            _ => None,
        }
    }

    /// The cookie wins; otherwise the first language of `Accept-Language` we speak;
    /// otherwise Chinese.
    pub fn negotiate(cookie_header: Option<&str>, accept_language: Option<&str>) -> Locale {
        let from_cookie =
            crate::cookies::values(cookie_header, LOCALE_COOKIE).find_map(Locale::from_tag);
        from_cookie
            .or_else(|| accept_language.and_then(Self::from_accept_language))
            .unwrap_or_default()
    }

    /// The locale of a request, from its headers (the one negotiation of the app).
    #[cfg(feature = "ssr")]
    pub fn from_headers(headers: &http::HeaderMap) -> Locale {
        let header = |name| {
            headers
                .get(name)
                .and_then(|v: &http::HeaderValue| v.to_str().ok())
        };
        Locale::negotiate(
            header(http::header::COOKIE),
            header(http::header::ACCEPT_LANGUAGE),
        )
    }

    fn from_accept_language(header: &str) -> Option<Locale> {
        let mut ranked: Vec<(f32, Locale)> = header
            .split(',')
            .filter_map(|item| {
                let mut parts = item.split(';');
                let locale = Locale::from_tag(parts.next()?)?;
                let quality = parts
                    .find_map(|p| p.trim().strip_prefix("q="))
                    .and_then(|q| q.parse::<f32>().ok())
                    .unwrap_or(1.0);
                (quality > 0.0).then_some((quality, locale))
            })
            .collect();
        // Stable sort keeps the header's order among equal weights.
        ranked.sort_by(|a, b| b.0.total_cmp(&a.0));
        ranked.first().map(|(_, locale)| *locale)
    }

    pub fn other(self) -> Locale {
        match self {
            Locale::ZhCn => Locale::En,
            Locale::En => Locale::ZhCn,
        }
    }

    pub fn strings(self) -> &'static Strings {
        match self {
            Locale::ZhCn => &ZH_CN,
            Locale::En => &EN,
        }
    }
}

pub mod common;
pub mod words;

use crate::{
    assessment, auth, awards, calendar, care, checkup, children, family, funds, habits, meetings,
    programme, settings,
};

/// Every piece of interface text of one language, by area.
pub struct Strings {
    pub common: &'static common::Strings,
    pub auth: &'static auth::strings::Strings,
    pub calendar: &'static calendar::strings::Strings,
    pub children: &'static children::strings::Strings,
    pub checkup: &'static checkup::strings::Strings,
    pub care: &'static care::strings::Strings,
    pub habits: &'static habits::strings::Strings,
    pub awards: &'static awards::strings::Strings,
    pub assessment: &'static assessment::strings::Strings,
    pub programme: &'static programme::strings::Strings,
    pub family: &'static family::strings::Strings,
    pub funds: &'static funds::strings::Strings,
    pub meetings: &'static meetings::strings::Strings,
    pub settings: &'static settings::strings::Strings,
}

pub static ZH_CN: Strings = Strings {
    common: &common::ZH_CN,
    auth: &auth::strings::ZH_CN,
    calendar: &calendar::strings::ZH_CN,
    children: &children::strings::ZH_CN,
    checkup: &checkup::strings::ZH_CN,
    care: &care::strings::ZH_CN,
    habits: &habits::strings::ZH_CN,
    awards: &awards::strings::ZH_CN,
    assessment: &assessment::strings::ZH_CN,
    programme: &programme::strings::ZH_CN,
    family: &family::strings::ZH_CN,
    funds: &funds::strings::ZH_CN,
    meetings: &meetings::strings::ZH_CN,
    settings: &settings::strings::ZH_CN,
};

pub static EN: Strings = Strings {
    common: &common::EN,
    auth: &auth::strings::EN,
    calendar: &calendar::strings::EN,
    children: &children::strings::EN,
    checkup: &checkup::strings::EN,
    care: &care::strings::EN,
    habits: &habits::strings::EN,
    awards: &awards::strings::EN,
    assessment: &assessment::strings::EN,
    programme: &programme::strings::EN,
    family: &family::strings::EN,
    funds: &funds::strings::EN,
    meetings: &meetings::strings::EN,
    settings: &settings::strings::EN,
};

#[cfg(test)]
mod tests {
    use super::words::{holiday_name_en, lunar_label_zh};
    use super::*;

    #[test]
    fn lunar_dates_read_like_an_almanac() {
        assert_eq!(lunar_label_zh(1, 1), "正月");
        assert_eq!(lunar_label_zh(-6, 1), "闰六月");
        assert_eq!(lunar_label_zh(12, 1), "腊月");
        assert_eq!(lunar_label_zh(8, 5), "初五");
        assert_eq!(lunar_label_zh(8, 10), "初十");
        assert_eq!(lunar_label_zh(8, 15), "十五");
        assert_eq!(lunar_label_zh(8, 23), "廿三");
        assert_eq!(lunar_label_zh(8, 30), "三十");
        assert_eq!((EN.calendar.lunar_label)(-6, 3), "L6+/3");
    }

    #[test]
    fn holiday_names_have_english_names() {
        assert_eq!(holiday_name_en("国庆节"), "National Day");
        assert_eq!(
            holiday_name_en("国庆节调休上班"),
            "Make-up working day (National Day)"
        );
        assert_eq!(holiday_name_en("校运会"), "校运会");
    }

    #[test]
    fn chinese_is_the_default() {
        assert_eq!(Locale::negotiate(None, None), Locale::ZhCn);
        assert_eq!(
            Locale::negotiate(None, Some("fr-FR, de;q=0.8")),
            Locale::ZhCn
        );
    }

    #[test]
    fn accept_language_picks_the_best_language_we_speak() {
        assert_eq!(Locale::negotiate(None, Some("en")), Locale::En);
        assert_eq!(Locale::negotiate(None, Some("en-US,en;q=0.9")), Locale::En);
        assert_eq!(
            Locale::negotiate(None, Some("fr, zh-CN;q=0.5, en;q=0.8")),
            Locale::En
        );
        assert_eq!(
            Locale::negotiate(None, Some("zh-Hans-CN, en;q=0.9")),
            Locale::ZhCn
        );
        assert_eq!(Locale::negotiate(None, Some("en;q=0")), Locale::ZhCn);
    }

    #[test]
    fn the_cookie_beats_the_browser() {
        assert_eq!(
            Locale::negotiate(Some("a=b; lang=zh-CN"), Some("en")),
            Locale::ZhCn
        );
        assert_eq!(
            Locale::negotiate(Some("lang=en"), Some("zh-CN")),
            Locale::En
        );
        assert_eq!(Locale::negotiate(Some("lang=xx"), Some("en")), Locale::En);
    }

    #[test]
    fn month_headings_read_naturally() {
        assert_eq!((ZH_CN.calendar.month_heading)(2027, 4), "2027年4月");
        assert_eq!((EN.calendar.month_heading)(2027, 4), "April 2027");
    }
}
