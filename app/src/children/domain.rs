//! A child's file as typed (in the editor, or a row of an Excel roster) parsed into a record
//! the database keeps. One parser for the form, the server and the importer: words as a
//! Chinese roster writes them (男, 全留守, 奶奶, 农历) are understood as well as the form's keys.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::calendar::domain::local_time::parse_date;
use crate::children::types::Gender;
use crate::children::types::Guardian;
use crate::children::types::LeftBehind;
use crate::children::types::ParentsAway;
use crate::children::types::Relation;
use crate::error::ValidationError;
use crate::school::text::fold;
use crate::school::types::ClassLabel;

pub const MAX_NAME_CHARS: usize = 20;
/// A work place in words: a province and a city of `MAX_NAME_CHARS` each, and a space.
pub const MAX_WORK_PLACE_CHARS: usize = 2 * MAX_NAME_CHARS + 1;
pub const MAX_TEXT_CHARS: usize = 100;
pub const MAX_NOTES_CHARS: usize = 500;
/// One roster import takes at most this many rows (its page says so before the upload).
pub const MAX_ROSTER_ROWS: usize = 5000;

/// A mainland phone number: a mobile (11 digits from 13–19, "+86" allowed) or a landline
/// with its area code (0 + 2–3 digits, then 7–8 digits, "-" between them optional); or a
/// number abroad, where a parent may work, with its country code ("+971 50 123 4567").
/// Returned as it will be kept: the mobile's digits, `0851-1234567`, or `+971501234567`.
pub fn parse_phone(raw: &str) -> Result<Option<String>, ValidationError> {
    let compact: String = fold(raw)
        .chars()
        .filter(|c| !matches!(c, ' ' | '\u{3000}' | '(' | ')' | '（' | '）'))
        .collect();
    if compact.is_empty() {
        return Ok(None);
    }
    let digits_only = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    let mobile = compact
        .strip_prefix("+86")
        .or_else(|| compact.strip_prefix("0086"))
        .unwrap_or(&compact)
        .replace('-', "");
    if mobile.len() == 11
        && digits_only(&mobile)
        && mobile.starts_with('1')
        && (b'3'..=b'9').contains(&mobile.as_bytes()[1])
    {
        return Ok(Some(mobile));
    }
    if let Some(abroad) = compact
        .strip_prefix('+')
        .or_else(|| compact.strip_prefix("00"))
    {
        let abroad = abroad.replace('-', "");
        // A country code never starts with 0, and China's is read above.
        let code_ok = !abroad.starts_with("86") && !abroad.starts_with('0');
        if code_ok && (8..=15).contains(&abroad.len()) && digits_only(&abroad) {
            return Ok(Some(format!("+{abroad}")));
        }
    }
    let (area, number) = match compact.split_once('-') {
        Some((area, number)) => (area.to_owned(), number.to_owned()),
        None if compact.starts_with('0') && digits_only(&compact) => {
            // Without a hyphen the split is ambiguous: 3-digit area codes are the big cities.
            let area_len = if compact.starts_with("01") || compact.starts_with("02") {
                3
            } else {
                4
            };
            if compact.len() <= area_len {
                return Err(ValidationError::PhoneInvalid);
            }
            (
                compact[..area_len].to_owned(),
                compact[area_len..].to_owned(),
            )
        }
        None => return Err(ValidationError::PhoneInvalid),
    };
    let area_ok = area.starts_with('0') && (3..=4).contains(&area.len()) && digits_only(&area);
    let number_ok =
        (7..=8).contains(&number.len()) && digits_only(&number) && !number.starts_with('0');
    if area_ok && number_ok {
        Ok(Some(format!("{area}-{number}")))
    } else {
        Err(ValidationError::PhoneInvalid)
    }
}

/// One guardian as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct GuardianInput {
    pub name: String,
    pub relation: String,
    pub phone: String,
    pub address: String,
}

/// The file's fields as typed: every one a string, as a form or a spreadsheet cell gives it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChildInput {
    pub name: String,
    pub gender: String,
    pub birth_date: String,
    /// "lunar" (or 是 / 农历) when the family keeps the lunar birthday.
    pub lunar_birthday: String,
    pub left_behind: String,
    pub parents_away: String,
    pub work_city: String,
    pub work_province: String,
    /// The mother's place when it is not the one above, in one: "迪拜", "广东 东莞".
    #[serde(default)]
    pub mother_work_place: String,
    pub away_since: String,
    pub home_address: String,
    pub father_phone: String,
    pub mother_phone: String,
    pub emergency_contact: String,
    pub emergency_phone: String,
    pub notes: String,
    pub consent_date: String,
    pub guardians: Vec<GuardianInput>,
}

/// The editor's form, flat as an HTML form posts it (two guardian slots).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ChildForm {
    pub name: String,
    pub gender: String,
    pub birth_date: String,
    pub lunar_birthday: String,
    pub class_id: String,
    pub left_behind: String,
    pub parents_away: String,
    pub work_city: String,
    pub work_province: String,
    /// The mother's place when it is not the one above, in one: "迪拜", "广东 东莞".
    #[serde(default)]
    pub mother_work_place: String,
    pub away_since: String,
    pub home_address: String,
    pub father_phone: String,
    pub mother_phone: String,
    pub emergency_contact: String,
    pub emergency_phone: String,
    pub notes: String,
    pub consent_date: String,
    pub g1_name: String,
    pub g1_relation: String,
    pub g1_phone: String,
    pub g1_address: String,
    pub g2_name: String,
    pub g2_relation: String,
    pub g2_phone: String,
    pub g2_address: String,
}

impl ChildForm {
    pub fn input(&self) -> ChildInput {
        let guardian = |name: &str, relation: &str, phone: &str, address: &str| GuardianInput {
            name: name.to_owned(),
            relation: relation.to_owned(),
            phone: phone.to_owned(),
            address: address.to_owned(),
        };
        ChildInput {
            name: self.name.clone(),
            gender: self.gender.clone(),
            birth_date: self.birth_date.clone(),
            lunar_birthday: self.lunar_birthday.clone(),
            left_behind: self.left_behind.clone(),
            parents_away: self.parents_away.clone(),
            work_city: self.work_city.clone(),
            work_province: self.work_province.clone(),
            mother_work_place: self.mother_work_place.clone(),
            away_since: self.away_since.clone(),
            home_address: self.home_address.clone(),
            father_phone: self.father_phone.clone(),
            mother_phone: self.mother_phone.clone(),
            emergency_contact: self.emergency_contact.clone(),
            emergency_phone: self.emergency_phone.clone(),
            notes: self.notes.clone(),
            consent_date: self.consent_date.clone(),
            guardians: vec![
                guardian(
                    &self.g1_name,
                    &self.g1_relation,
                    &self.g1_phone,
                    &self.g1_address,
                ),
                guardian(
                    &self.g2_name,
                    &self.g2_relation,
                    &self.g2_phone,
                    &self.g2_address,
                ),
            ],
        }
    }
}

/// A valid file (the class is chosen separately: it is a record of its own).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChildDraft {
    pub name: String,
    pub gender: Gender,
    pub birth_date: NaiveDate,
    pub lunar_birthday: bool,
    pub left_behind: LeftBehind,
    pub parents_away: ParentsAway,
    pub work_city: Option<String>,
    pub work_province: Option<String>,
    pub mother_work_place: Option<String>,
    pub away_since: Option<NaiveDate>,
    pub home_address: Option<String>,
    pub father_phone: Option<String>,
    pub mother_phone: Option<String>,
    pub emergency_contact: Option<String>,
    pub emergency_phone: Option<String>,
    pub notes: String,
    pub consent_date: Option<NaiveDate>,
    pub guardians: Vec<Guardian>,
}

/// Which field a problem is about, so the form and the import can say where it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldError {
    pub field: &'static str,
    pub error: ValidationError,
}

fn text(raw: &str, max: usize, field: &'static str) -> Result<Option<String>, FieldError> {
    let value = raw.trim();
    if value.chars().count() > max {
        return Err(FieldError {
            field,
            error: ValidationError::TextTooLong,
        });
    }
    Ok((!value.is_empty()).then(|| value.to_owned()))
}

fn optional_date(
    raw: &str,
    field: &'static str,
    today: NaiveDate,
) -> Result<Option<NaiveDate>, FieldError> {
    if raw.trim().is_empty() {
        return Ok(None);
    }
    let error = match read_date(raw) {
        Some(d) if d <= today && chrono::Datelike::year(&d) >= 1950 => return Ok(Some(d)),
        Some(d) if d > today => ValidationError::DateAfterToday,
        Some(_) => ValidationError::DateOutOfRange,
        None => ValidationError::InvalidDate,
    };
    Err(FieldError { field, error })
}

/// `2016-03-09`, also as Excel users type it: `2016/3/9`, `2016.3.9`, `2016年3月9日`.
pub fn read_date(raw: &str) -> Option<NaiveDate> {
    let normal: String = fold(raw)
        .trim_end_matches('日')
        .chars()
        .map(|c| {
            if matches!(c, '/' | '.' | '年' | '月') {
                '-'
            } else {
                c
            }
        })
        .collect();
    parse_date(&normal)
}

fn phone(raw: &str, field: &'static str) -> Result<Option<String>, FieldError> {
    parse_phone(raw).map_err(|error| FieldError { field, error })
}

impl ChildDraft {
    /// Parses the whole file; the first problem found is returned with its field.
    pub fn parse(input: &ChildInput, today: NaiveDate) -> Result<ChildDraft, FieldError> {
        let err = |field, error| FieldError { field, error };
        let name = fold(&input.name);
        if name.is_empty() || name.chars().count() > MAX_NAME_CHARS {
            return Err(err("name", ValidationError::NameInvalid));
        }
        let gender =
            Gender::parse(&input.gender).ok_or(err("gender", ValidationError::GenderInvalid))?;
        let birth_date = read_date(&input.birth_date)
            .ok_or(err("birth_date", ValidationError::BirthDateInvalid))?;
        if birth_date > today || (today - birth_date).num_days() >= 366 * 25 {
            return Err(err("birth_date", ValidationError::BirthDateOutOfRange));
        }
        let lunar_birthday = match fold(&input.lunar_birthday).as_str() {
            "" | "solar" | "否" | "公历" | "阳历" | "no" => false,
            "lunar" | "是" | "农历" | "阴历" | "yes" | "on" => true,
            _ => return Err(err("lunar_birthday", ValidationError::InvalidFilter)),
        };
        let left_behind = match fold(&input.left_behind).as_str() {
            "" => LeftBehind::None,
            raw => LeftBehind::parse(raw)
                .ok_or(err("left_behind", ValidationError::LeftBehindInvalid))?,
        };
        // Who is away follows from the status when the roster leaves it blank.
        let parents_away = match fold(&input.parents_away).as_str() {
            "" => match left_behind {
                LeftBehind::None => ParentsAway::None,
                LeftBehind::Half => {
                    return Err(err("parents_away", ValidationError::LeftBehindMismatch))
                }
                LeftBehind::Full => ParentsAway::Both,
            },
            raw => ParentsAway::parse(raw)
                .ok_or(err("parents_away", ValidationError::LeftBehindInvalid))?,
        };
        let consistent = matches!(
            (left_behind, parents_away),
            (LeftBehind::None, ParentsAway::None)
                | (LeftBehind::Half, ParentsAway::Father | ParentsAway::Mother)
                | (LeftBehind::Full, ParentsAway::Both)
        );
        if !consistent {
            return Err(err("parents_away", ValidationError::LeftBehindMismatch));
        }
        let mut guardians = Vec::new();
        for (i, g) in input.guardians.iter().enumerate().take(3) {
            let field = ["guardian1", "guardian2", "guardian3"][i];
            let blank = g.name.trim().is_empty()
                && g.phone.trim().is_empty()
                && g.address.trim().is_empty();
            if blank {
                continue;
            }
            let name = text(&fold(&g.name), MAX_NAME_CHARS, field)?
                .ok_or(err(field, ValidationError::NameInvalid))?;
            let relation = match fold(&g.relation).as_str() {
                "" => Relation::Other,
                raw => Relation::parse(raw).ok_or(err(field, ValidationError::RelationInvalid))?,
            };
            guardians.push(Guardian {
                name,
                relation,
                phone: phone(&g.phone, field)?,
                address: text(&g.address, MAX_TEXT_CHARS, field)?,
            });
        }
        Ok(ChildDraft {
            name,
            gender,
            birth_date,
            lunar_birthday,
            left_behind,
            parents_away,
            work_city: text(&input.work_city, MAX_NAME_CHARS, "work_city")?,
            work_province: text(&input.work_province, MAX_NAME_CHARS, "work_province")?,
            // A province and a city in one, as the family's accepted place is kept.
            mother_work_place: text(
                &input.mother_work_place,
                MAX_WORK_PLACE_CHARS,
                "mother_work_place",
            )?,
            away_since: optional_date(&input.away_since, "away_since", today)?,
            home_address: text(&input.home_address, MAX_TEXT_CHARS, "home_address")?,
            father_phone: phone(&input.father_phone, "father_phone")?,
            mother_phone: phone(&input.mother_phone, "mother_phone")?,
            // Places and who to call are prose: 东莞（长安镇）, 舅舅（王强） stay as typed.
            emergency_contact: text(
                &input.emergency_contact,
                MAX_NAME_CHARS,
                "emergency_contact",
            )?,
            emergency_phone: phone(&input.emergency_phone, "emergency_phone")?,
            notes: text(&input.notes, MAX_NOTES_CHARS, "notes")?.unwrap_or_default(),
            consent_date: optional_date(&input.consent_date, "consent_date", today)?,
            guardians,
        })
    }
}

/// The list's chart: (class, full, half) for each class with a child on the list, in the
/// list's order.
pub fn per_class(rows: &[super::types::ChildRow]) -> Vec<(ClassLabel, usize, usize)> {
    let mut per_class: Vec<(ClassLabel, usize, usize)> = Vec::new();
    for row in rows {
        let at = match per_class.iter().position(|(c, _, _)| *c == row.class) {
            Some(at) => at,
            None => {
                per_class.push((row.class, 0, 0));
                per_class.len() - 1
            }
        };
        match row.left_behind {
            Some(LeftBehind::Full) => per_class[at].1 += 1,
            Some(LeftBehind::Half) => per_class[at].2 += 1,
            _ => {}
        }
    }
    per_class
}

/// "3-2", "3年级2班", "三年级二班" → (3, 2).
pub fn parse_class(grade: &str, class: &str) -> Option<(u8, u8)> {
    fn number(raw: &str) -> Option<u8> {
        let raw = fold(raw);
        let raw = raw
            .trim_end_matches(['年', '级', '班'])
            .trim_end_matches(['年', '级']);
        if let Ok(n) = raw.parse::<u8>() {
            return Some(n);
        }
        let digits = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];
        digits.iter().position(|d| *d == raw).map(|i| i as u8 + 1)
    }
    let class = fold(class);
    let class = class.as_str();
    // The class column may hold both: "3-2", "3年级2班".
    for sep in ['-', '年'] {
        if let Some((g, c)) = class.split_once(sep) {
            let c = c.trim_start_matches('级');
            if let (Some(g), Some(c)) = (number(g), number(c)) {
                return Some((g, c));
            }
        }
    }
    Some((number(grade)?, number(class)?))
        .filter(|(g, c)| (1..=6).contains(g) && (1..=20).contains(c))
}

#[cfg(test)]
mod tests;
