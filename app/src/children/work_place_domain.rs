//! Where a parent works, as the child's file keeps it, read from the words people type: the
//! roster's 务工地 column and the family's own form go through the same reading.

/// Where a parent works, as the child's file keeps it: a province and a city (or a town, a
/// factory, a country abroad).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WorkPlace {
    pub province: Option<String>,
    pub city: Option<String>,
}

/// China's provincial divisions, each with the word that completes its name ("广东" "省").
const PROVINCES: [(&str, &str); 34] = [
    ("北京", "市"),
    ("天津", "市"),
    ("上海", "市"),
    ("重庆", "市"),
    ("河北", "省"),
    ("山西", "省"),
    ("辽宁", "省"),
    ("吉林", "省"),
    ("黑龙江", "省"),
    ("江苏", "省"),
    ("浙江", "省"),
    ("安徽", "省"),
    ("福建", "省"),
    ("江西", "省"),
    ("山东", "省"),
    ("河南", "省"),
    ("湖北", "省"),
    ("湖南", "省"),
    ("广东", "省"),
    ("海南", "省"),
    ("四川", "省"),
    ("贵州", "省"),
    ("云南", "省"),
    ("陕西", "省"),
    ("甘肃", "省"),
    ("青海", "省"),
    ("台湾", "省"),
    ("内蒙古", "自治区"),
    ("广西", "壮族自治区"),
    ("西藏", "自治区"),
    ("宁夏", "回族自治区"),
    ("新疆", "维吾尔自治区"),
    ("香港", "特别行政区"),
    ("澳门", "特别行政区"),
];

/// Places whose names begin with another province's name, and the province they are in.
const NAMESAKES: [(&str, &str); 5] = [
    ("吉林市", "吉林"),
    ("海南藏族自治州", "青海"),
    ("海南州", "青海"),
    ("河南蒙古族自治县", "青海"),
    ("河南县", "青海"),
];

/// What people type between a province and a city.
const SEPARATORS: [char; 7] = [' ', '/', '·', ',', '，', '、', '-'];

impl WorkPlace {
    /// The family's words for the whole place, which replace the file's province and city
    /// together (a province kept from before would contradict them): "广东 东莞" and
    /// "广东省东莞市" are the province 广东 and the rest; "迪拜" is a place with no province.
    pub fn parse(text: &str) -> WorkPlace {
        let text = text.trim();
        let some = |s: &str| (!s.is_empty()).then(|| s.to_owned());
        // "海南藏族自治州 共和县" is in 青海, not the province 海南: the place is kept whole.
        if let Some((_, province)) = NAMESAKES.iter().find(|(name, _)| text.starts_with(name)) {
            return WorkPlace {
                province: Some((*province).to_owned()),
                city: some(text),
            };
        }
        for (short, suffix) in PROVINCES {
            let Some(rest) = text.strip_prefix(short) else {
                continue;
            };
            // "广西省" is a common slip for 广西壮族自治区.
            let rest = [suffix, "自治区", "特别行政区", "省"]
                .iter()
                .find_map(|s| rest.strip_prefix(s))
                .unwrap_or(rest);
            return WorkPlace {
                province: Some(short.to_owned()),
                city: some(rest.trim_start_matches(SEPARATORS).trim()),
            };
        }
        WorkPlace {
            province: None,
            city: some(text),
        }
    }

    /// The place in words, as the child's file shows it: "广东 东莞".
    pub fn words(&self) -> Option<String> {
        match (&self.province, &self.city) {
            (Some(p), Some(c)) => Some(format!("{p} {c}")),
            (p, c) => p.clone().or_else(|| c.clone()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_work_place_is_read_as_a_province_and_the_rest() {
        let place = |p: Option<&str>, c: Option<&str>| WorkPlace {
            province: p.map(str::to_owned),
            city: c.map(str::to_owned),
        };
        assert_eq!(
            WorkPlace::parse("广东 东莞"),
            place(Some("广东"), Some("东莞"))
        );
        assert_eq!(
            WorkPlace::parse("广东省东莞市"),
            place(Some("广东"), Some("东莞市"))
        );
        assert_eq!(
            WorkPlace::parse("广西壮族自治区 南宁"),
            place(Some("广西"), Some("南宁"))
        );
        assert_eq!(
            WorkPlace::parse("北京市朝阳区"),
            place(Some("北京"), Some("朝阳区"))
        );
        assert_eq!(WorkPlace::parse("上海"), place(Some("上海"), None));
        // No province named: the place alone, and no province is kept from before.
        assert_eq!(WorkPlace::parse("东莞"), place(None, Some("东莞")));
        assert_eq!(WorkPlace::parse("迪拜"), place(None, Some("迪拜")));
        assert_eq!(WorkPlace::parse("广州"), place(None, Some("广州")));
        // A place named like another province is that place, in its own province.
        assert_eq!(
            WorkPlace::parse("吉林市"),
            place(Some("吉林"), Some("吉林市"))
        );
        assert_eq!(
            WorkPlace::parse("海南藏族自治州 共和县"),
            place(Some("青海"), Some("海南藏族自治州 共和县"))
        );
        assert_eq!(
            WorkPlace::parse("海南州共和县"),
            place(Some("青海"), Some("海南州共和县"))
        );
        assert_eq!(
            WorkPlace::parse("广西省南宁市"),
            place(Some("广西"), Some("南宁市"))
        );
        assert_eq!(
            WorkPlace::parse("海南省海口市"),
            place(Some("海南"), Some("海口市"))
        );
        assert_eq!(
            WorkPlace::parse("广东 东莞").words().as_deref(),
            Some("广东 东莞")
        );
        assert_eq!(place(Some("江苏"), None).words().as_deref(), Some("江苏"));
        assert_eq!(place(None, None).words(), None);
    }
}
