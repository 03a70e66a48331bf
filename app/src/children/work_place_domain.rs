//! Where a parent works, as the child's file keeps it, read from the words people type: the
//! roster's 务工地 column and the family's own form go through the same reading.

use super::types::ParentsAway;
use crate::i18n::Strings;

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

impl WorkPlace {
    /// The place a file's two columns hold.
    pub fn of(province: &Option<String>, city: &Option<String>) -> WorkPlace {
        WorkPlace {
            province: province.clone(),
            city: city.clone(),
        }
    }

    fn known(self) -> Option<WorkPlace> {
        (self.province.is_some() || self.city.is_some()).then_some(self)
    }

    fn or_none(place: Option<WorkPlace>) -> WorkPlace {
        place.unwrap_or(WorkPlace {
            province: None,
            city: None,
        })
    }
}

/// The parents' places of work in words, as the file, the contact card and the export show
/// them (`ParentsPlaces::words`), from the file's columns.
pub fn shown(
    away: ParentsAway,
    province: &Option<String>,
    city: &Option<String>,
    mother: &Option<String>,
    t: &Strings,
) -> Option<String> {
    ParentsPlaces::read(away, WorkPlace::of(province, city), mother.as_deref()).words(away, t)
}

/// Where each parent works, as far as the file knows. The file keeps the parents' place
/// (`work_*`: the one away, or both) and the mother's where it is not the father's
/// (`mother_work_*`), so that one parent's new place never replaces the other's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParentsPlaces {
    pub father: Option<WorkPlace>,
    pub mother: Option<WorkPlace>,
}

impl ParentsPlaces {
    /// Reads the file's two places: the parents' one belongs to whoever is away (both when
    /// both are, or when the file does not say), unless the mother's own is kept beside it.
    pub fn read(away: ParentsAway, shared: WorkPlace, mother: Option<&str>) -> ParentsPlaces {
        let shared = shared.known();
        if let Some(mother) = mother {
            return ParentsPlaces {
                father: shared,
                mother: Some(WorkPlace::parse(mother)),
            };
        }
        match away {
            ParentsAway::Father => ParentsPlaces {
                father: shared,
                mother: None,
            },
            ParentsAway::Mother => ParentsPlaces {
                father: None,
                mother: shared,
            },
            ParentsAway::Both | ParentsAway::None => ParentsPlaces {
                father: shared.clone(),
                mother: shared,
            },
        }
    }

    /// The file's two places again, (the parents', the mother's own in words): one place
    /// when they are the same, and the mother's alone in the parents' when only she is away.
    pub fn stored(self, away: ParentsAway) -> (WorkPlace, Option<String>) {
        let (shared, mother) = match (self.father, self.mother) {
            (f, m) if f == m => (f, None),
            (None, m) if away == ParentsAway::Mother => (m, None),
            (f, m) => (f, m),
        };
        (WorkPlace::or_none(shared), mother.and_then(|m| m.words()))
    }

    /// The places in words, as the file and the contact card show them: the one place, or
    /// each parent's when the mother's is kept apart ("父亲 江苏 苏州；母亲 迪拜").
    pub fn words(&self, away: ParentsAway, t: &Strings) -> Option<String> {
        match self.clone().stored(away) {
            (shared, None) => shared.words(),
            (father, Some(mother)) => Some((t.children.work_each)(
                &father.words().unwrap_or_else(|| "—".to_owned()),
                &mother,
            )),
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

    /// A parent's accepted place, as the family desk writes it: `stored` after `read`.
    fn accept(
        away: ParentsAway,
        file: (&str, Option<&str>),
        mother: bool,
        typed: &str,
    ) -> (Option<String>, Option<String>) {
        let mut places = ParentsPlaces::read(away, WorkPlace::parse(file.0), file.1);
        let place = Some(WorkPlace::parse(typed));
        if mother {
            places.mother = place;
        } else {
            places.father = place;
        }
        let (shared, mother) = places.stored(away);
        (shared.words(), mother)
    }

    #[test]
    fn one_parents_new_place_never_replaces_the_others() {
        let both = ParentsAway::Both;
        let owned = |s: &str| Some(s.to_owned());
        // Both in 苏州; the mother now works in 迪拜: the father stays in 苏州.
        assert_eq!(
            accept(both, ("江苏 苏州", None), true, "迪拜"),
            (owned("江苏 苏州"), owned("迪拜"))
        );
        // The father moves too: the mother's 迪拜 stays.
        assert_eq!(
            accept(both, ("江苏 苏州", Some("迪拜")), false, "广东 东莞"),
            (owned("广东 东莞"), owned("迪拜"))
        );
        // The mother joins the father: one place again.
        assert_eq!(
            accept(both, ("广东 东莞", Some("迪拜")), true, "广东省东莞"),
            (owned("广东 东莞"), None)
        );
        // Only the mother away: her place is the parents' place.
        let mother = ParentsAway::Mother;
        assert_eq!(
            accept(mother, ("浙江 宁波", None), true, "上海"),
            (owned("上海"), None)
        );
        // ... and the father's new one keeps hers beside it.
        assert_eq!(
            accept(mother, ("浙江 宁波", None), false, "江苏 苏州"),
            (owned("江苏 苏州"), owned("浙江 宁波"))
        );
        // Only the father away, the mother's place is kept beside his.
        assert_eq!(
            accept(ParentsAway::Father, ("福建 泉州", None), true, "迪拜"),
            (owned("福建 泉州"), owned("迪拜"))
        );
    }

    #[test]
    fn the_file_shows_each_parents_place_only_when_they_differ() {
        let t = crate::i18n::Locale::ZhCn.strings();
        let p = |s: &str| Some(s.to_owned());
        let both = ParentsAway::Both;
        assert_eq!(
            shown(both, &p("江苏"), &p("苏州"), &None, t).as_deref(),
            Some("江苏 苏州")
        );
        assert_eq!(
            shown(both, &p("江苏"), &p("苏州"), &p("迪拜"), t).as_deref(),
            Some("父亲 江苏 苏州；母亲 迪拜")
        );
        // The mother's typed as the same place: shown once.
        assert_eq!(
            shown(both, &p("江苏"), &p("苏州"), &p("江苏苏州"), t).as_deref(),
            Some("江苏 苏州")
        );
        assert_eq!(
            shown(both, &None, &None, &p("迪拜"), t).as_deref(),
            Some("父亲 —；母亲 迪拜")
        );
        assert_eq!(shown(ParentsAway::None, &None, &None, &None, t), None);
    }
}
