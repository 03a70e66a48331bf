//! Reading a class roster as schools keep them: CSV saved by Excel (UTF-8 with or without a
//! BOM, or GBK/GB18030, which is what Excel writes in China) or an .xlsx workbook (calamine).
//! Headers are recognised in Chinese and English; a column it does not know can be mapped by
//! the user. Every row is checked with the editor's own parser, and nothing is written here.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;

use super::domain::{parse_class, read_date, ChildDraft, ChildInput, FieldError, GuardianInput};
use super::types::ParentsAway;
use super::work_place_domain::WorkPlace;
use crate::error::ValidationError;
use crate::school::text::fold;

/// The name a guardian gets when the roster gives a phone but no name.
const GUARDIAN: &str = "监护人";

mod read;
pub use read::read_sheet;

pub use super::domain::MAX_ROSTER_ROWS as MAX_ROWS;

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
                "left-behind status",
                "left behind status",
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

/// What is wrong in one cell of a row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub column: Option<Column>,
    pub error: ValidationError,
    /// A date written as dates are that is not on the calendar (2019-02-30), as typed.
    pub no_such_day: Option<String>,
}

impl Problem {
    pub fn new(column: Option<Column>, error: ValidationError) -> Problem {
        Problem {
            column,
            error,
            no_such_day: None,
        }
    }
}

/// One row of the roster, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RosterRow {
    pub number: usize,
    pub name: String,
    pub class: Option<(u8, u8)>,
    /// The grade and class cells as typed, when they name no class.
    pub class_typed: Option<String>,
    pub draft: Option<ChildDraft>,
    /// Every problem of the row, in the order of the file's columns.
    pub problems: Vec<Problem>,
    /// Same name and date of birth as a child already in the school: skipped.
    pub already: bool,
}

impl RosterRow {
    /// The row's class is not one the school has: the page marks it, and it is not imported.
    pub fn class_unknown(&mut self, columns: &[Option<Column>]) {
        self.problems.push(Problem::new(
            Some(Column::Class),
            ValidationError::ClassInvalid,
        ));
        in_file_order(&mut self.problems, columns);
        self.draft = None;
    }
}

/// Problems in the order of their columns in the file (one of no column last).
fn in_file_order(problems: &mut [Problem], columns: &[Option<Column>]) {
    problems.sort_by_key(|p| {
        p.column
            .and_then(|c| columns.iter().position(|col| *col == Some(c)))
            .unwrap_or(usize::MAX)
    });
}

/// The roster column a field of the child's file comes from.
fn column_of(field: &str, error: ValidationError) -> Option<Column> {
    Some(match field {
        "name" => Column::Name,
        "gender" => Column::Gender,
        "birth_date" => Column::BirthDate,
        "lunar_birthday" => Column::Lunar,
        "left_behind" => Column::LeftBehind,
        "parents_away" => Column::ParentsAway,
        "work_city" | "work_province" => Column::WorkPlace,
        "home_address" => Column::Address,
        "father_phone" => Column::FatherPhone,
        "mother_phone" => Column::MotherPhone,
        "notes" => Column::Notes,
        "guardian1" => match error {
            ValidationError::RelationInvalid => Column::Relation,
            ValidationError::PhoneInvalid => Column::Phone,
            _ => Column::Guardian,
        },
        _ => return None,
    })
}

/// Gives the field at fault a value that passes, so that parsing again finds the next
/// problem; false for a field a roster does not fill.
fn set_aside(
    input: &mut ChildInput,
    field: &str,
    error: ValidationError,
    today: NaiveDate,
) -> bool {
    match field {
        "name" => input.name = "某".to_owned(),
        "gender" => input.gender = "female".to_owned(),
        "birth_date" => input.birth_date = today.to_string(),
        "lunar_birthday" => input.lunar_birthday.clear(),
        // The status who is away implies, so that a sound 外出父母 is not called a mismatch.
        "left_behind" => {
            input.left_behind = match ParentsAway::parse(&input.parents_away) {
                Some(ParentsAway::None) => "none",
                Some(ParentsAway::Father | ParentsAway::Mother) => "half",
                Some(ParentsAway::Both) => "full",
                None => "",
            }
            .to_owned()
        }
        "parents_away" => {
            input.left_behind.clear();
            input.parents_away.clear();
        }
        "guardian1" => {
            let Some(guardian) = input.guardians.first_mut() else {
                return false;
            };
            match error {
                ValidationError::RelationInvalid => guardian.relation.clear(),
                ValidationError::PhoneInvalid => guardian.phone.clear(),
                _ => guardian.name = GUARDIAN.to_owned(),
            }
        }
        "work_city" | "work_province" => {
            input.work_city.clear();
            input.work_province.clear();
        }
        "home_address" => input.home_address.clear(),
        "father_phone" => input.father_phone.clear(),
        "mother_phone" => input.mother_phone.clear(),
        "notes" => input.notes.clear(),
        _ => return false,
    }
    true
}

/// Every problem of a row: the editor's parser stops at the first, so the field at fault is
/// set aside and the row parsed again. The draft is made of the row's own cells only when
/// there is no problem; otherwise some of its fields are stand-ins.
fn every_problem(mut input: ChildInput, today: NaiveDate) -> (Option<ChildDraft>, Vec<FieldError>) {
    let mut found: Vec<FieldError> = Vec::new();
    // Each round mends one field, and a file has fewer than 32.
    for _ in 0..32 {
        match ChildDraft::parse(&input, today) {
            Ok(draft) => return (Some(draft), found),
            Err(e) => {
                found.push(e);
                if !set_aside(&mut input, e.field, e.error, today) {
                    break;
                }
            }
        }
    }
    (None, found)
}

/// A date written the way dates are (`2019-02-30`, `2019年2月30日`) whose day is not in its
/// month: the same text with the 1st of that month reads as a date.
pub fn not_a_day(raw: &str) -> bool {
    let folded = fold(raw);
    let Some(end) = folded.rfind(|c: char| c.is_ascii_digit()) else {
        return false;
    };
    let start = folded[..=end]
        .trim_end_matches(|c: char| c.is_ascii_digit())
        .len();
    let day_ok = folded[start..=end]
        .parse::<u32>()
        .is_ok_and(|day| (1..=31).contains(&day));
    let first = format!("{}1{}", &folded[..start], &folded[end + 1..]);
    day_ok && start > 0 && read_date(&folded).is_none() && read_date(&first).is_some()
}

/// Which of the grade and class cells names no class (both may).
fn class_problems(grade: &str, class: &str, has_grade: bool) -> Vec<Column> {
    let grade_bad = has_grade && parse_class(grade, "1").is_none();
    let class_bad = parse_class("1", class).is_none();
    match (grade_bad, class_bad) {
        (true, true) => vec![Column::Grade, Column::Class],
        (true, false) => vec![Column::Grade],
        _ => vec![Column::Class],
    }
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
            let name = input.name.trim().to_owned();
            let birth_date = input.birth_date.clone();
            let (draft, errors) = every_problem(input, today);
            let mut problems: Vec<Problem> = errors
                .into_iter()
                .map(|e| {
                    let mut problem = Problem::new(column_of(e.field, e.error), e.error);
                    if e.error == ValidationError::BirthDateInvalid && not_a_day(&birth_date) {
                        problem.no_such_day = Some(birth_date.clone());
                    }
                    problem
                })
                .collect();
            let (grade, class_cell) = (get(Column::Grade), get(Column::Class));
            let class = parse_class(&grade, &class_cell);
            if class.is_none() {
                problems.extend(
                    class_problems(&grade, &class_cell, has(Column::Grade))
                        .into_iter()
                        .map(|c| Problem::new(Some(c), ValidationError::ClassInvalid)),
                );
            }
            // The name and date of birth are the row's own unless one of them is at fault.
            let own_key = !problems
                .iter()
                .any(|p| matches!(p.column, Some(Column::Name | Column::BirthDate)));
            let key = draft
                .as_ref()
                .filter(|_| own_key)
                .map(|d| (d.name.clone(), d.birth_date));
            let already = key.as_ref().is_some_and(|key| existing.contains(key));
            if key.is_some_and(|key| !seen.insert(key)) {
                problems.push(Problem::new(
                    Some(Column::Name),
                    ValidationError::ChildTwiceInFile,
                ));
            }
            in_file_order(&mut problems, columns);
            let class_typed = class.is_none().then(|| {
                [grade.as_str(), class_cell.as_str()]
                    .iter()
                    .filter(|s| !s.is_empty())
                    .copied()
                    .collect::<Vec<_>>()
                    .join(" ")
            });
            RosterRow {
                number: *number,
                name,
                class,
                class_typed: class_typed.filter(|s| !s.is_empty()),
                draft: draft.filter(|_| problems.is_empty()),
                problems,
                already,
            }
        })
        .collect())
}

#[cfg(test)]
mod tests;
