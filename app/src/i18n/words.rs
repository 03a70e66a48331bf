//! Words the catalogues share: weekday and month names, lunar dates, holiday names.

pub const WEEKDAYS_ZH: [&str; 7] = ["一", "二", "三", "四", "五", "六", "日"];
pub const WEEKDAYS_EN: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
pub const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// An English count with its noun, one or many: "1 open concern", "3 open concerns".
pub fn count_en(n: i64, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

/// The lunar date as Chinese almanacs print it: the month's name on its first day
/// ("正月", "闰六月"), otherwise the day's ("初五", "十五", "廿三").
pub fn lunar_label_zh(month: i32, day: u32) -> String {
    const MONTHS: [&str; 12] = [
        "正", "二", "三", "四", "五", "六", "七", "八", "九", "十", "冬", "腊",
    ];
    const DIGITS: [&str; 10] = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    if day == 1 {
        let leap = if month < 0 { "闰" } else { "" };
        return format!(
            "{leap}{}月",
            MONTHS[(month.unsigned_abs() as usize).clamp(1, 12) - 1]
        );
    }
    match day {
        10 => "初十".to_owned(),
        20 => "二十".to_owned(),
        30 => "三十".to_owned(),
        d if d < 10 => format!("初{}", DIGITS[d as usize]),
        d if d < 20 => format!("十{}", DIGITS[(d - 10) as usize]),
        d => format!("廿{}", DIGITS[((d - 20) as usize).min(9)]),
    }
}

/// Holiday names are stored in Chinese (the data file and the admin's corrections).
pub fn holiday_name_en(name: &str) -> String {
    let known = [
        ("元旦", "New Year's Day"),
        ("春节", "Spring Festival"),
        ("清明节", "Qingming"),
        ("劳动节", "Labour Day"),
        ("端午节", "Dragon Boat"),
        ("中秋节", "Mid-Autumn"),
        ("国庆节", "National Day"),
    ];
    let base = name.trim_end_matches("调休上班");
    let english = known.iter().find(|(zh, _)| *zh == base).map(|(_, en)| *en);
    match (english, base.len() != name.len()) {
        (Some(en), true) => format!("Make-up working day ({en})"),
        (Some(en), false) => en.to_owned(),
        (None, _) => name.to_owned(),
    }
}
