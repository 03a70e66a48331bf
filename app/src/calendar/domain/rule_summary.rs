//! A repeat rule in one line of the user's language: "每周三", "每月第一个星期五",
//! "Yearly on the second Sunday of May". A rule it cannot say is "repeats on a rule of its
//! own", never the rule's text (a child or a parent reads these lines too).

use crate::i18n::Locale;

const ZH_DAYS: [&str; 7] = ["一", "二", "三", "四", "五", "六", "日"];
const EN_DAYS: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];
const EN_MONTHS: [&str; 12] = [
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
const CODES: [&str; 7] = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"];

/// (ordinal, weekday index) from a BYDAY item such as `WE`, `2SU` or `-1FR`.
fn by_day(item: &str) -> Option<(i32, usize)> {
    let split = item.len().checked_sub(2)?;
    let (n, code) = item.split_at(split);
    let day = CODES.iter().position(|c| *c == code)?;
    let n = if n.is_empty() { 0 } else { n.parse().ok()? };
    Some((n, day))
}

fn zh_ordinal(n: i32) -> String {
    match n {
        -1 => "最后一个".to_owned(),
        1 => "第一个".to_owned(),
        2 => "第二个".to_owned(),
        3 => "第三个".to_owned(),
        4 => "第四个".to_owned(),
        n => format!("第{n}个"),
    }
}

fn en_ordinal(n: i32) -> &'static str {
    match n {
        -1 => "last",
        1 => "first",
        2 => "second",
        3 => "third",
        4 => "fourth",
        _ => "",
    }
}

pub fn summarize(rule: &str, locale: Locale) -> String {
    let part = |key: &str| {
        rule.split(';')
            .find_map(|p| p.strip_prefix(key)?.strip_prefix('='))
            .map(str::to_owned)
    };
    let freq = part("FREQ").unwrap_or_default();
    let interval: u32 = part("INTERVAL").and_then(|i| i.parse().ok()).unwrap_or(1);
    let days: Option<Vec<(i32, usize)>> =
        part("BYDAY").map(|d| d.split(',').filter_map(by_day).collect());
    let month: Option<usize> = part("BYMONTH")
        .and_then(|m| m.parse().ok())
        .filter(|m| (1..=12).contains(m));
    let month_days: Vec<i32> = part("BYMONTHDAY")
        .map(|d| d.split(',').filter_map(|d| d.parse().ok()).collect())
        .unwrap_or_default();
    let month_day = match month_days.as_slice() {
        [] => None,
        [one] => Some(*one),
        _ => Some(0),
    };
    // A weekday within seven days in a row (`BYDAY=FR;BYMONTHDAY=6,…,12`): the first day.
    let week_from = (month_days.len() == 7
        && month_days.windows(2).all(|w| w[1] == w[0] + 1)
        && (1..=22).contains(&month_days[0]))
    .then(|| month_days[0]);
    let zh = locale == Locale::ZhCn;
    let every = |unit_zh: &str, unit_en: &str| {
        if zh {
            if interval == 1 {
                format!("每{unit_zh}")
            } else {
                format!("每{interval}{unit_zh}")
            }
        } else if interval == 1 {
            format!("Every {unit_en}")
        } else {
            format!("Every {interval} {unit_en}s")
        }
    };
    let weekday_list = |days: &[(i32, usize)]| -> String {
        if zh {
            days.iter()
                .map(|(_, d)| format!("周{}", ZH_DAYS[*d]))
                .collect::<Vec<_>>()
                .join("、")
        } else {
            days.iter()
                .map(|(_, d)| EN_DAYS[*d])
                .collect::<Vec<_>>()
                .join(", ")
        }
    };
    let nth = |(n, d): (i32, usize)| {
        if zh {
            format!("{}星期{}", zh_ordinal(n), ZH_DAYS[d])
        } else {
            format!("the {} {}", en_ordinal(n), EN_DAYS[d])
        }
    };
    let summary = match (freq.as_str(), days.as_deref(), month, month_day) {
        ("DAILY", None, None, None) => Some(every("天", "day")),
        ("WEEKLY", Some(d), None, None) if !d.is_empty() && d.iter().all(|(n, _)| *n == 0) => {
            Some(if zh {
                format!(
                    "{}{}",
                    every("周", "week"),
                    weekday_list(d).replace("周", "")
                )
            } else {
                format!("{} on {}", every("week", "week"), weekday_list(d))
            })
        }
        ("MONTHLY", Some([one]), None, None) if one.0 != 0 => Some(if zh {
            format!("{}{}", every("月", "month"), nth(*one))
        } else {
            format!("{} on {}", every("month", "month"), nth(*one))
        }),
        ("MONTHLY", None, None, Some(d)) if d > 0 => Some(if zh {
            format!("{}{d}日", every("月", "month"))
        } else {
            format!("{} on day {d}", every("month", "month"))
        }),
        ("YEARLY", None, Some(m), Some(d)) if d > 0 => Some(if zh {
            format!("{}{m}月{d}日", every("年", "year"))
        } else {
            format!("{} on {} {d}", every("year", "year"), EN_MONTHS[m - 1])
        }),
        ("YEARLY", Some([(0, d)]), Some(m), Some(0)) if week_from.is_some() => {
            let from = week_from.unwrap_or(1);
            let to = from + 6;
            Some(match (zh, (from - 1) % 7 == 0) {
                (true, true) => {
                    format!("{}{m}月{}", every("年", "year"), nth(((from + 6) / 7, *d)))
                }
                (true, false) => format!(
                    "{}{m}月{from}日至{to}日间的星期{}",
                    every("年", "year"),
                    ZH_DAYS[*d]
                ),
                (false, true) => format!(
                    "{} on {} of {}",
                    every("year", "year"),
                    nth(((from + 6) / 7, *d)),
                    EN_MONTHS[m - 1]
                ),
                (false, false) => format!(
                    "{} on the {} between {} {from} and {to}",
                    every("year", "year"),
                    EN_DAYS[*d],
                    EN_MONTHS[m - 1]
                ),
            })
        }
        ("YEARLY", Some([one]), Some(m), None) if one.0 != 0 => Some(if zh {
            format!("{}{m}月{}", every("年", "year"), nth(*one))
        } else {
            format!(
                "{} on {} of {}",
                every("year", "year"),
                nth(*one),
                EN_MONTHS[m - 1]
            )
        }),
        _ => None,
    };
    let Some(mut summary) = summary else {
        return if zh {
            "按自定规则重复"
        } else {
            "Repeats on a rule of its own"
        }
        .to_owned();
    };
    if let Some(count) = part("COUNT") {
        summary.push_str(&if zh {
            format!("，共{count}次")
        } else {
            format!(", {count} times")
        });
    }
    if let Some(until) = part("UNTIL").filter(|u| u.len() >= 8) {
        let (y, m, d) = (
            &until[0..4],
            until[4..6].trim_start_matches('0'),
            until[6..8].trim_start_matches('0'),
        );
        summary.push_str(&if zh {
            format!("，至{y}年{m}月{d}日")
        } else {
            format!(", until {y}-{}-{}", &until[4..6], &until[6..8])
        });
    }
    summary
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_schools_rules_read_naturally_in_chinese() {
        let zh = |r| summarize(r, Locale::ZhCn);
        assert_eq!(zh("FREQ=WEEKLY;BYDAY=WE"), "每周三");
        assert_eq!(zh("FREQ=WEEKLY;BYDAY=TU,TH"), "每周二、四");
        assert_eq!(zh("FREQ=WEEKLY;INTERVAL=2;BYDAY=MO"), "每2周一");
        assert_eq!(zh("FREQ=MONTHLY;BYDAY=1FR"), "每月第一个星期五");
        assert_eq!(zh("FREQ=MONTHLY;BYDAY=-1FR"), "每月最后一个星期五");
        assert_eq!(zh("FREQ=YEARLY;BYMONTH=4;BYMONTHDAY=20"), "每年4月20日");
        assert_eq!(zh("FREQ=YEARLY;BYMONTH=5;BYDAY=2SU"), "每年5月第二个星期日");
        assert_eq!(
            zh("FREQ=WEEKLY;BYDAY=WE;UNTIL=20270122T155959Z"),
            "每周三，至2027年1月22日"
        );
        assert_eq!(zh("FREQ=DAILY;COUNT=5"), "每天，共5次");
    }

    #[test]
    fn and_in_english() {
        let en = |r| summarize(r, Locale::En);
        assert_eq!(en("FREQ=WEEKLY;BYDAY=WE"), "Every week on Wednesday");
        assert_eq!(
            en("FREQ=MONTHLY;BYDAY=1FR"),
            "Every month on the first Friday"
        );
        assert_eq!(
            en("FREQ=YEARLY;BYMONTH=6;BYDAY=3SU"),
            "Every year on the third Sunday of June"
        );
        assert_eq!(
            en("FREQ=MONTHLY;BYMONTHDAY=15;COUNT=3"),
            "Every month on day 15, 3 times"
        );
    }

    #[test]
    fn a_weekday_within_seven_days_reads_as_a_week_of_the_month() {
        // The Friday before Mother's Day (the second Sunday of May).
        let friday = "FREQ=YEARLY;BYMONTH=5;BYDAY=FR;BYMONTHDAY=6,7,8,9,10,11,12";
        assert_eq!(
            summarize(friday, Locale::ZhCn),
            "每年5月6日至12日间的星期五"
        );
        assert_eq!(
            summarize(friday, Locale::En),
            "Every year on the Friday between May 6 and 12"
        );
        let second = "FREQ=YEARLY;BYMONTH=5;BYDAY=SU;BYMONTHDAY=8,9,10,11,12,13,14";
        assert_eq!(summarize(second, Locale::ZhCn), "每年5月第二个星期日");
        assert_eq!(
            summarize(second, Locale::En),
            "Every year on the second Sunday of May"
        );
    }

    #[test]
    fn a_rule_it_cannot_say_is_never_shown_as_its_text() {
        let odd = "FREQ=YEARLY;BYMONTH=5;BYDAY=FR;BYMONTHDAY=6,8,13";
        assert_eq!(summarize(odd, Locale::ZhCn), "按自定规则重复");
        assert_eq!(summarize(odd, Locale::En), "Repeats on a rule of its own");
        assert_eq!(summarize("FREQ=HOURLY", Locale::ZhCn), "按自定规则重复");
    }
}
