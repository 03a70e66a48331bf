//! What the children's pages receive. Every field a role may not see is `None` (or empty)
//! and is filled on the server only for those allowed (DESIGN.md): a teacher's browser never
//! receives a birth date or an address, because they are never put in.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::domain::{Enrolment, Gender, Guardian, LeftBehind, ParentsAway, Relation};
use crate::i18n::Strings;
use crate::school::types::ClassLabel;

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
}

/// One year's checkup result, for the growth chart and the table of past results.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
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
            Gender::Female => t.gender_female,
            Gender::Male => t.gender_male,
        }
    }
}

impl LeftBehind {
    pub const ALL: [LeftBehind; 3] = [LeftBehind::None, LeftBehind::Half, LeftBehind::Full];
    pub fn label(self, t: &Strings) -> &'static str {
        match self {
            LeftBehind::None => t.lb_none,
            LeftBehind::Half => t.lb_half,
            LeftBehind::Full => t.lb_full,
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
            ParentsAway::None => t.pa_none,
            ParentsAway::Father => t.pa_father,
            ParentsAway::Mother => t.pa_mother,
            ParentsAway::Both => t.pa_both,
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
            Relation::Grandparent => t.rel_grandparent,
            Relation::Parent => t.rel_parent,
            Relation::Relative => t.rel_relative,
            Relation::Other => t.rel_other,
        }
    }
}

impl Enrolment {
    pub fn label(self, t: &Strings) -> &'static str {
        match self {
            Enrolment::Active => t.en_active,
            Enrolment::Graduated => t.en_graduated,
            Enrolment::Transferred => t.en_transferred,
        }
    }
}
