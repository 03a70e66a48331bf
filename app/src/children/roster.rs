//! Reading a class roster as schools keep them: CSV saved by Excel (UTF-8 with or without a
//! BOM, or GBK/GB18030, which is what Excel writes in China) or an .xlsx workbook (calamine).
//! Headers are recognised in Chinese and English; a column it does not know can be mapped by
//! the user. Every row is checked with the editor's own parser, and nothing is written here.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;

use super::domain::{parse_class, ChildDraft, ChildInput, GuardianInput};
use super::work_place_domain::WorkPlace;
use crate::error::ValidationError;

/// The name a guardian gets when the roster gives a phone but no name.
const GUARDIAN: &str = "监护人";

mod read;
pub use read::read_sheet;

/// One import takes at most this many rows.
pub const MAX_ROWS: usize = 5000;

/// What a column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Column {
    Name,
    Gender,
    BirthDate,
    Lunar,
    Grade,
    Class,
    LeftBehind,
    ParentsAway,
    WorkPlace,
    Guardian,
    Relation,
    Phone,
    Address,
    FatherPhone,
    MotherPhone,
    Notes,
    Ignore,
}

impl Column {
    pub const CHOICES: [Column; 16] = [
        Column::Name,
        Column::Gender,
        Column::BirthDate,
        Column::Lunar,
        Column::Grade,
        Column::Class,
        Column::LeftBehind,
        Column::ParentsAway,
        Column::WorkPlace,
        Column::Guardian,
        Column::Relation,
        Column::Phone,
        Column::Address,
        Column::FatherPhone,
        Column::MotherPhone,
        Column::Notes,
    ];

    /// The key a mapping uses, and the headers a roster may carry for it.
    pub fn key(self) -> &'static str {
        self.words()[0]
    }

    fn words(self) -> &'static [&'static str] {
        match self {
            Column::Name => &["name", "姓名", "学生姓名", "儿童姓名", "student"],
            Column::Gender => &["gender", "性别", "sex"],
            Column::BirthDate => &[
                "birth_date",
                "出生日期",
                "出生年月日",
                "生日",
                "出生年月",
                "date of birth",
                "birthday",
                "dob",
            ],
            Column::Lunar => &["lunar", "农历生日", "过农历生日", "lunar birthday"],
            Column::Grade => &["grade", "年级"],
            Column::Class => &["class", "班级", "班"],
            Column::LeftBehind => &[
                "left_behind",
                "留守类型",
                "留守情况",
                "是否留守",
                "left-behind",
                "left behind",
            ],
            Column::ParentsAway => &[
                "parents_away",
                "外出父母",
                "外出情况",
                "外出务工父母",
                "parents away",
            ],
            Column::WorkPlace => &[
                "work_place",
                "务工地",
                "务工地点",
                "打工地点",
                "外出务工地",
                "work place",
                "where parents work",
            ],
            Column::Guardian => &["guardian", "监护人", "监护人姓名", "guardian name"],
            Column::Relation => &["relation", "与学生关系", "与儿童关系", "关系", "监护人关系"],
            Column::Phone => &[
                "phone",
                "联系电话",
                "监护人电话",
                "电话",
                "手机",
                "联系方式",
                "guardian phone",
            ],
            Column::Address => &["address", "家庭住址", "住址", "地址", "home address"],
            Column::FatherPhone => &["father_phone", "父亲电话", "父亲手机", "father's phone"],
            Column::MotherPhone => &["mother_phone", "母亲电话", "母亲手机", "mother's phone"],
            Column::Notes => &["notes", "备注", "说明"],
            Column::Ignore => &["ignore"],
        }
    }

    pub fn from_key(key: &str) -> Option<Column> {
        Column::CHOICES
            .into_iter()
            .chain([Column::Ignore])
            .find(|c| c.key() == key)
    }

    /// The column a header names, if it is one the roster format knows.
    pub fn recognise(header: &str) -> Option<Column> {
        let header: String = header
            .trim()
            .to_lowercase()
            .chars()
            .filter(|c| !c.is_whitespace() || *c == ' ')
            .collect();
        let header = header.trim_end_matches(['*', '：', ':']);
        Column::CHOICES
            .into_iter()
            .find(|c| c.words().contains(&header))
    }
}

/// A file's cells: the header row, then the rows (spreadsheet row numbers kept).
pub struct Sheet {
    pub headers: Vec<String>,
    pub rows: Vec<(usize, Vec<String>)>,
}

/// The column of each header: recognised, or as the user mapped it (by header text).
pub fn columns(headers: &[String], mapping: &HashMap<String, Column>) -> Vec<Option<Column>> {
    headers
        .iter()
        .map(|h| {
            mapping
                .get(h.trim())
                .copied()
                .or_else(|| Column::recognise(h))
        })
        .collect()
}

/// One row of the roster, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RosterRow {
    pub number: usize,
    pub name: String,
    pub class: Option<(u8, u8)>,
    pub draft: Option<ChildDraft>,
    /// The column and the problem, if any.
    pub problem: Option<(Option<Column>, ValidationError)>,
    /// Same name and date of birth as a child already in the school: skipped.
    pub already: bool,
}

/// Checks every row. `existing` holds (name, birth date) of the children already on file.
pub fn check(
    sheet: &Sheet,
    columns: &[Option<Column>],
    existing: &HashSet<(String, NaiveDate)>,
    today: NaiveDate,
) -> Result<Vec<RosterRow>, ValidationError> {
    let has = |c: Column| columns.contains(&Some(c));
    if !(has(Column::Name) && has(Column::Gender) && has(Column::BirthDate) && has(Column::Class)) {
        return Err(ValidationError::MissingColumn);
    }
    let mut seen: HashSet<(String, NaiveDate)> = HashSet::new();
    Ok(sheet
        .rows
        .iter()
        .map(|(number, cells)| {
            let get = |c: Column| {
                columns
                    .iter()
                    .position(|col| *col == Some(c))
                    .and_then(|i| cells.get(i))
                    .map(|s| s.trim().to_owned())
                    .unwrap_or_default()
            };
            // Read as a family's own form reads it: "广西壮族自治区南宁市" is 广西 and 南宁市.
            let work = WorkPlace::parse(&get(Column::WorkPlace));
            let input = ChildInput {
                name: get(Column::Name),
                gender: get(Column::Gender),
                birth_date: get(Column::BirthDate),
                lunar_birthday: get(Column::Lunar),
                left_behind: get(Column::LeftBehind),
                parents_away: get(Column::ParentsAway),
                work_city: work.city.unwrap_or_default(),
                work_province: work.province.unwrap_or_default(),
                home_address: get(Column::Address),
                father_phone: get(Column::FatherPhone),
                mother_phone: get(Column::MotherPhone),
                notes: get(Column::Notes),
                guardians: vec![GuardianInput {
                    // A roster's contact phone without a name is still the guardian's.
                    name: match (get(Column::Guardian), get(Column::Phone)) {
                        (name, phone) if name.is_empty() && !phone.is_empty() => {
                            GUARDIAN.to_owned()
                        }
                        (name, _) => name,
                    },
                    relation: get(Column::Relation),
                    phone: get(Column::Phone),
                    address: String::new(),
                }],
                ..ChildInput::default()
            };
            let class = parse_class(&get(Column::Grade), &get(Column::Class));
            let field_column = |field: &str| match field {
                "name" => Some(Column::Name),
                "gender" => Some(Column::Gender),
                "birth_date" => Some(Column::BirthDate),
                "lunar_birthday" => Some(Column::Lunar),
                "left_behind" => Some(Column::LeftBehind),
                "parents_away" => Some(Column::ParentsAway),
                "work_city" | "work_province" => Some(Column::WorkPlace),
                "home_address" => Some(Column::Address),
                "father_phone" => Some(Column::FatherPhone),
                "mother_phone" => Some(Column::MotherPhone),
                "notes" => Some(Column::Notes),
                "guardian1" => Some(Column::Phone),
                _ => None,
            };
            let (draft, mut problem) = match ChildDraft::parse(&input, today) {
                Ok(draft) => (Some(draft), None),
                Err(e) => (None, Some((field_column(e.field), e.error))),
            };
            if problem.is_none() && class.is_none() {
                problem = Some((Some(Column::Class), ValidationError::ClassInvalid));
            }
            let mut already = false;
            if let Some(d) = &draft {
                let key = (d.name.clone(), d.birth_date);
                already = existing.contains(&key);
                if problem.is_none() && !seen.insert(key) {
                    problem = Some((Some(Column::Name), ValidationError::ChildTwiceInFile));
                }
            }
            RosterRow {
                number: *number,
                name: input.name.trim().to_owned(),
                class,
                draft: draft.filter(|_| problem.is_none()),
                problem,
                already,
            }
        })
        .collect())
}

#[cfg(test)]
mod tests;
