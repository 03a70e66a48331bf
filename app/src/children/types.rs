//! What the children's pages receive. Every field a role may not see is `None` (or empty)
//! and is filled on the server only for those allowed (DESIGN.md): a teacher's browser never
//! receives a birth date or an address, because they are never put in.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::i18n::Strings;
use crate::school::types::ClassLabel;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Gender {
    Female,
    Male,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum LeftBehind {
    None,
    Half,
    Full,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ParentsAway {
    None,
    Father,
    Mother,
    Both,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Relation {
    Grandparent,
    Parent,
    Relative,
    Other,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Enrolment {
    Active,
    Graduated,
    Transferred,
}

/// The stored key of each value, and the words a roster may use for it.
macro_rules! keyed {
    ($type:ty, $( $variant:path => $key:literal [$($word:literal),*] ),+ $(,)?) => {
        impl $type {
            pub fn key(self) -> &'static str {
                match self { $( $variant => $key, )+ }
            }
            /// The form's key, or a word a roster writes for it (case and spaces ignored).
            pub fn parse(raw: &str) -> Option<Self> {
                let raw = crate::school::text::fold(raw).to_ascii_lowercase();
                $( if raw == $key $( || raw == $word )* { return Some($variant); } )+
                None
            }
        }
    };
}

keyed!(Gender,
    Gender::Female => "female" ["女", "f", "女生"],
    Gender::Male => "male" ["男", "m", "男生"],
);
keyed!(LeftBehind,
    LeftBehind::None => "none" ["无", "否", "非留守", "不是"],
    LeftBehind::Half => "half" ["半留守", "单亲外出", "半"],
    LeftBehind::Full => "full" ["全留守", "留守", "全", "双亲外出"],
);
keyed!(ParentsAway,
    ParentsAway::None => "none" ["无", "都在家"],
    ParentsAway::Father => "father" ["父亲", "父", "爸爸"],
    ParentsAway::Mother => "mother" ["母亲", "母", "妈妈"],
    ParentsAway::Both => "both" ["父母", "双亲", "父母双方", "父亲、母亲", "父亲,母亲"],
);
keyed!(Relation,
    Relation::Grandparent => "grandparent" ["祖父母", "祖父", "祖母", "爷爷", "奶奶", "外公", "外婆", "外祖父", "外祖母", "爷爷奶奶"],
    Relation::Parent => "parent" ["父亲", "母亲", "父母", "爸爸", "妈妈"],
    Relation::Relative => "relative" ["亲戚", "亲属", "叔叔", "伯伯", "姑姑", "舅舅", "姨妈", "阿姨", "哥哥", "姐姐"],
    Relation::Other => "other" ["其他", "其它"],
);
keyed!(Enrolment,
    Enrolment::Active => "active" ["在读", "在校"],
    Enrolment::Graduated => "graduated" ["毕业", "已毕业"],
    Enrolment::Transferred => "transferred" ["转学", "已转学", "转出"],
);

/// A guardian as kept on the file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Guardian {
    pub name: String,
    pub relation: Relation,
    pub phone: Option<String>,
    pub address: Option<String>,
}

/// One line of the list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChildRow {
    pub id: i64,
    pub name: String,
    pub class: ClassLabel,
    pub gender: Option<Gender>,
    pub birth_date: Option<NaiveDate>,
    pub left_behind: Option<LeftBehind>,
    pub guardian_phone: Option<String>,
    pub counselor: Option<String>,
    pub enrolment: Enrolment,
}

/// The list with the seed's counts: total, left behind (full), half, per class.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChildList {
    pub rows: Vec<ChildRow>,
    pub total: usize,
    pub full: usize,
    pub half: usize,
    /// (class, full, half) for the chart, only for those who may see left-behind status.
    pub per_class: Vec<(ClassLabel, usize, usize)>,
    /// Whether the user may see left-behind status at all (the status filter is offered).
    pub sees_status: bool,
    pub classes: Vec<(i64, ClassLabel)>,
    pub counselors: Vec<(i64, String)>,
    /// Whether the user sees the whole file (and may print cards, export, import).
    pub full_fields: bool,
    pub can_write: bool,
}

/// A child's file as the user may see it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ChildFile {
    pub id: i64,
    pub version: i64,
    pub name: String,
    pub class_id: i64,
    pub class: ClassLabel,
    pub enrolment: Enrolment,
    /// Everything below is for those who read the whole file; a teacher gets the guardian
    /// phones (in `guardians`, names blank) and the left-behind status only.
    pub gender: Option<Gender>,
    pub birth_date: Option<NaiveDate>,
    pub lunar_birthday: Option<bool>,
    pub left_behind: Option<LeftBehind>,
    pub parents_away: Option<ParentsAway>,
    pub work_city: Option<String>,
    pub work_province: Option<String>,
    pub mother_work_place: Option<String>,
    pub away_since: Option<NaiveDate>,
    pub guardians: Vec<Guardian>,
    pub home_address: Option<String>,
    pub father_phone: Option<String>,
    pub mother_phone: Option<String>,
    pub emergency_contact: Option<String>,
    pub emergency_phone: Option<String>,
    pub notes: Option<String>,
    pub counselor: Option<String>,
    /// (date, who recorded it)
    pub consent: Option<(NaiveDate, String)>,
    pub full_fields: bool,
    pub can_write: bool,
    /// Coming birthdays: (date, age turned).
    pub birthdays: Vec<(NaiveDate, u32)>,
    pub checkup: Option<NaiveDate>,
    /// Past checkups, for those who may read the child's health record.
    pub growth: Vec<GrowthPoint>,
    /// The terms the child was named 自强好少年 ("2026-spring"), for those who see the file.
    pub awards: Vec<String>,
}

/// One year's checkup result, for the growth chart and the table of past results.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct GrowthPoint {
    pub year: i32,
    pub attendance: String,
    pub height_cm: Option<f64>,
    pub weight_kg: Option<f64>,
    pub vision_left: Option<f64>,
    pub vision_right: Option<f64>,
    pub caries: Option<i64>,
}

impl Gender {
    pub fn label(self, t: &Strings) -> &'static str {
        match self {
            Gender::Female => t.children.gender_female,
            Gender::Male => t.children.gender_male,
        }
    }
}

impl LeftBehind {
    pub const ALL: [LeftBehind; 3] = [LeftBehind::None, LeftBehind::Half, LeftBehind::Full];
    pub fn label(self, t: &Strings) -> &'static str {
        match self {
            LeftBehind::None => t.children.lb_none,
            LeftBehind::Half => t.children.lb_half,
            LeftBehind::Full => t.children.lb_full,
        }
    }
}

impl ParentsAway {
    pub const ALL: [ParentsAway; 4] = [
        ParentsAway::None,
        ParentsAway::Father,
        ParentsAway::Mother,
        ParentsAway::Both,
    ];
    pub fn label(self, t: &Strings) -> &'static str {
        match self {
            ParentsAway::None => t.children.pa_none,
            ParentsAway::Father => t.children.pa_father,
            ParentsAway::Mother => t.children.pa_mother,
            ParentsAway::Both => t.children.pa_both,
        }
    }
}

impl Relation {
    pub const ALL: [Relation; 4] = [
        Relation::Grandparent,
        Relation::Parent,
        Relation::Relative,
        Relation::Other,
    ];
    pub fn label(self, t: &Strings) -> &'static str {
        match self {
            Relation::Grandparent => t.children.rel_grandparent,
            Relation::Parent => t.children.rel_parent,
            Relation::Relative => t.children.rel_relative,
            Relation::Other => t.children.rel_other,
        }
    }
}

impl Enrolment {
    pub fn label(self, t: &Strings) -> &'static str {
        match self {
            Enrolment::Active => t.children.en_active,
            Enrolment::Graduated => t.children.en_graduated,
            Enrolment::Transferred => t.children.en_transferred,
        }
    }
}

/// What a teacher sees of a child of their class: the name, the class, the guardians'
/// phones and, where allowed, the left-behind status. Nothing else of the file is in it,
/// so nothing else can reach a teacher's browser.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChildContact {
    pub id: i64,
    pub version: i64,
    pub name: String,
    pub class_id: i64,
    pub class: ClassLabel,
    pub enrolment: Enrolment,
    pub left_behind: Option<LeftBehind>,
    /// The guardians' phones, in the file's order.
    pub guardian_phones: Vec<String>,
}

impl ChildContact {
    /// The list's line: the first guardian phone, the other fields empty.
    pub fn row(&self) -> ChildRow {
        ChildRow {
            id: self.id,
            name: self.name.clone(),
            class: self.class,
            gender: None,
            birth_date: None,
            left_behind: self.left_behind,
            guardian_phone: self.guardian_phones.first().cloned(),
            counselor: None,
            enrolment: self.enrolment,
        }
    }

    /// The file page's data: the guardians as phones only (names blank).
    pub fn file(self, can_write: bool) -> ChildFile {
        ChildFile {
            id: self.id,
            version: self.version,
            name: self.name,
            class_id: self.class_id,
            class: self.class,
            enrolment: self.enrolment,
            gender: None,
            birth_date: None,
            lunar_birthday: None,
            left_behind: self.left_behind,
            parents_away: None,
            work_city: None,
            work_province: None,
            mother_work_place: None,
            away_since: None,
            guardians: self
                .guardian_phones
                .into_iter()
                .map(|phone| Guardian {
                    name: String::new(),
                    relation: Relation::Other,
                    phone: Some(phone),
                    address: None,
                })
                .collect(),
            home_address: None,
            father_phone: None,
            mother_phone: None,
            emergency_contact: None,
            emergency_phone: None,
            notes: None,
            counselor: None,
            consent: None,
            full_fields: false,
            can_write,
            birthdays: Vec::new(),
            checkup: None,
            growth: Vec::new(),
            awards: Vec::new(),
        }
    }
}
