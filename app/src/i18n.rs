//! One catalogue for every user-visible string, Simplified Chinese first.
//!
//! Each locale is a value of [`Strings`]; a string missing from a locale is a compile
//! error, not a blank on a child's calendar. The server picks the locale per request
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
        let from_cookie = cookie_header.and_then(|header| {
            header.split(';').find_map(|pair| {
                let (name, value) = pair.split_once('=')?;
                (name.trim() == LOCALE_COOKIE).then(|| Locale::from_tag(value))?
            })
        });
        from_cookie
            .or_else(|| accept_language.and_then(Self::from_accept_language))
            .unwrap_or_default()
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

/// Every piece of interface text. Functions take the values they interpolate.
pub struct Strings {
    pub app_name: &'static str,
    pub school_name: &'static str,
    /// The language switch shows the *other* language in its own words.
    pub language_name: &'static str,
    pub switch_language_label: &'static str,
    pub nav_calendar: &'static str,
    pub calendar_title: &'static str,
    pub previous_month: &'static str,
    pub next_month: &'static str,
    pub today: &'static str,
    pub loading: &'static str,
    pub weekdays_short: [&'static str; 7],
    pub month_heading: fn(i32, u32) -> String,
    pub day_label: fn(chrono::NaiveDate) -> String,
    pub birthday_item: fn(&str, u32) -> String,
    pub class_label: fn(u8, u8) -> String,
    pub all_day: &'static str,
    pub more_items: fn(usize) -> String,
    pub category_activity: &'static str,
    pub category_thematic: &'static str,
    pub category_birthday: &'static str,
    pub category_checkup: &'static str,
    pub category_meeting: &'static str,
    pub category_family: &'static str,
    pub category_holiday: &'static str,
    pub legend: &'static str,
    pub not_found_title: &'static str,
    pub not_found_body: &'static str,
    pub back_to_calendar: &'static str,
    pub error_validation: &'static str,
    pub error_not_found: &'static str,
    pub error_conflict: &'static str,
    pub error_unauthorized: &'static str,
    pub error_forbidden: &'static str,
    pub error_internal: &'static str,
    pub error_network: &'static str,
    pub invalid_date: &'static str,
}

const WEEKDAYS_ZH: [&str; 7] = ["一", "二", "三", "四", "五", "六", "日"];
const WEEKDAYS_EN: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
const MONTHS_EN: [&str; 12] = [
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
];

pub static ZH_CN: Strings = Strings {
    app_name: "希望之家",
    school_name: "深水洞村小学",
    language_name: "中文",
    switch_language_label: "切换语言",
    nav_calendar: "活动日历",
    calendar_title: "活动日历",
    previous_month: "上个月",
    next_month: "下个月",
    today: "今天",
    loading: "正在加载…",
    weekdays_short: WEEKDAYS_ZH,
    month_heading: |year, month| format!("{year}年{month}月"),
    day_label: |date| {
        use chrono::Datelike;
        format!(
            "{}年{}月{}日 星期{}",
            date.year(),
            date.month(),
            date.day(),
            WEEKDAYS_ZH[date.weekday().num_days_from_monday() as usize]
        )
    },
    birthday_item: |name, age| format!("{name} {age}岁生日"),
    class_label: |grade, number| format!("{grade}年级{number}班"),
    all_day: "全天",
    more_items: |n| format!("还有{n}项"),
    category_activity: "兴趣小组",
    category_thematic: "主题活动",
    category_birthday: "生日",
    category_checkup: "体检",
    category_meeting: "会议",
    category_family: "亲情联系",
    category_holiday: "假日",
    legend: "图例",
    not_found_title: "页面不存在",
    not_found_body: "找不到这个页面。",
    back_to_calendar: "返回活动日历",
    error_validation: "输入有误",
    error_not_found: "找不到该记录",
    error_conflict: "该记录已被他人修改，请查看最新版本",
    error_unauthorized: "请先登录",
    error_forbidden: "您没有权限查看此内容",
    error_internal: "服务器出错了，请稍后再试",
    error_network: "网络连接中断，请稍后再试",
    invalid_date: "日期无效，请使用 年-月-日 格式，例如 2027-04-01",
};

pub static EN: Strings = Strings {
    app_name: "Hope Home",
    school_name: "Shenshuidong Village School",
    language_name: "English",
    switch_language_label: "Switch language",
    nav_calendar: "Calendar",
    calendar_title: "Activity calendar",
    previous_month: "Previous month",
    next_month: "Next month",
    today: "Today",
    loading: "Loading…",
    weekdays_short: WEEKDAYS_EN,
    month_heading: |year, month| format!("{} {year}", MONTHS_EN[(month as usize - 1) % 12]),
    day_label: |date| date.format("%A, %-d %B %Y").to_string(),
    birthday_item: |name, age| format!("{name} turns {age}"),
    class_label: |grade, number| format!("Class {grade}-{number}"),
    all_day: "All day",
    more_items: |n| format!("+{n} more"),
    category_activity: "Interest group",
    category_thematic: "Thematic day",
    category_birthday: "Birthday",
    category_checkup: "Checkup",
    category_meeting: "Meeting",
    category_family: "Family",
    category_holiday: "Holiday",
    legend: "Legend",
    not_found_title: "Page not found",
    not_found_body: "There is no such page.",
    back_to_calendar: "Back to the calendar",
    error_validation: "Please check what you entered",
    error_not_found: "Not found",
    error_conflict: "Someone else changed this record; here is the newer version",
    error_unauthorized: "Please sign in",
    error_forbidden: "You are not allowed to see this",
    error_internal: "Something went wrong on the server; please try again later",
    error_network: "The connection dropped; please try again",
    invalid_date: "Invalid date: use year-month-day, for example 2027-04-01",
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_is_the_default() {
        assert_eq!(Locale::negotiate(None, None), Locale::ZhCn);
        assert_eq!(Locale::negotiate(None, Some("fr-FR, de;q=0.8")), Locale::ZhCn);
    }

    #[test]
    fn accept_language_picks_the_best_language_we_speak() {
        assert_eq!(Locale::negotiate(None, Some("en")), Locale::En);
        assert_eq!(Locale::negotiate(None, Some("en-US,en;q=0.9")), Locale::En);
        assert_eq!(Locale::negotiate(None, Some("fr, zh-CN;q=0.5, en;q=0.8")), Locale::En);
        assert_eq!(Locale::negotiate(None, Some("zh-Hans-CN, en;q=0.9")), Locale::ZhCn);
        assert_eq!(Locale::negotiate(None, Some("en;q=0")), Locale::ZhCn);
    }

    #[test]
    fn the_cookie_beats_the_browser() {
        assert_eq!(Locale::negotiate(Some("a=b; lang=zh-CN"), Some("en")), Locale::ZhCn);
        assert_eq!(Locale::negotiate(Some("lang=en"), Some("zh-CN")), Locale::En);
        assert_eq!(Locale::negotiate(Some("lang=xx"), Some("en")), Locale::En);
    }

    #[test]
    fn month_headings_read_naturally() {
        assert_eq!((ZH_CN.month_heading)(2027, 4), "2027年4月");
        assert_eq!((EN.month_heading)(2027, 4), "April 2027");
    }
}
