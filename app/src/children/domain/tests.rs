use super::*;
use crate::children::types::Gender;
use crate::children::types::LeftBehind;
use crate::children::types::ParentsAway;
use crate::children::types::Relation;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 29).unwrap()
}

fn input() -> ChildInput {
    ChildInput {
        name: " 王小雨 ".into(),
        gender: "女".into(),
        birth_date: "2017/3/9".into(),
        lunar_birthday: "否".into(),
        left_behind: "全留守".into(),
        work_city: "东莞".into(),
        work_province: "广东".into(),
        father_phone: "138 0013 8000".into(),
        guardians: vec![GuardianInput {
            name: "王奶奶".into(),
            relation: "奶奶".into(),
            phone: "0851-2345678".into(),
            address: "深水洞村三组".into(),
        }],
        ..ChildInput::default()
    }
}

#[test]
fn a_roster_row_in_chinese_words() {
    let draft = ChildDraft::parse(&input(), today()).unwrap();
    assert_eq!(draft.name, "王小雨");
    assert_eq!(draft.gender, Gender::Female);
    assert_eq!(
        draft.birth_date,
        NaiveDate::from_ymd_opt(2017, 3, 9).unwrap()
    );
    assert_eq!(draft.left_behind, LeftBehind::Full);
    assert_eq!(
        draft.parents_away,
        ParentsAway::Both,
        "inferred from 全留守"
    );
    assert_eq!(draft.father_phone.as_deref(), Some("13800138000"));
    assert_eq!(draft.guardians[0].relation, Relation::Grandparent);
    assert_eq!(draft.guardians[0].phone.as_deref(), Some("0851-2345678"));
}

#[test]
fn places_and_whom_to_call_keep_their_chinese_brackets() {
    let mut row = input();
    row.work_city = " 东莞（长安镇） ".into();
    row.emergency_contact = "舅舅（王强）".into();
    let draft = ChildDraft::parse(&row, today()).unwrap();
    assert_eq!(draft.work_city.as_deref(), Some("东莞（长安镇）"));
    assert_eq!(draft.emergency_contact.as_deref(), Some("舅舅（王强）"));
}

#[test]
fn a_mothers_place_holds_a_province_and_a_city_kept_from_the_family() {
    let mut row = input();
    // As a family's accepted place is kept: 20 + a space + 20.
    row.mother_work_place = format!("{} {}", "江".repeat(20), "苏".repeat(20));
    let draft = ChildDraft::parse(&row, today()).unwrap();
    assert_eq!(draft.mother_work_place.map(|m| m.chars().count()), Some(41));
    row.mother_work_place.push('州');
    assert_eq!(
        ChildDraft::parse(&row, today()).map(|_| ()),
        Err(FieldError {
            field: "mother_work_place",
            error: ValidationError::TextTooLong
        })
    );
}

#[test]
fn mainland_mobiles_and_landlines() {
    assert_eq!(parse_phone("13912345678"), Ok(Some("13912345678".into())));
    assert_eq!(
        parse_phone("+86 139-1234-5678"),
        Ok(Some("13912345678".into()))
    );
    assert_eq!(
        parse_phone("（0851）2345678"),
        Ok(Some("0851-2345678".into()))
    );
    assert_eq!(parse_phone("010-12345678"), Ok(Some("010-12345678".into())));
    assert_eq!(
        parse_phone("085112345678"),
        Ok(Some("0851-12345678".into()))
    );
    assert_eq!(parse_phone(""), Ok(None));
    // Abroad, with the country code.
    assert_eq!(
        parse_phone("+971 50 123 4567"),
        Ok(Some("+971501234567".into()))
    );
    assert_eq!(
        parse_phone("0081-90-1234-5678"),
        Ok(Some("+819012345678".into()))
    );
    for bad in [
        "+86 1234",
        "+0851 2345678",
        "+971 5",
        "+1 234 567 890 123 456",
        "12345678901",
        "1391234567",
        "139123456789",
        "0851-012345",
        "2345678",
        "电话",
        "0851-123",
    ] {
        assert_eq!(
            parse_phone(bad),
            Err(ValidationError::PhoneInvalid),
            "{bad}"
        );
    }
}

#[test]
fn each_problem_names_its_field() {
    let field = |change: fn(&mut ChildInput)| {
        let mut i = input();
        change(&mut i);
        ChildDraft::parse(&i, today()).unwrap_err().field
    };
    assert_eq!(field(|i| i.name = "  ".into()), "name");
    assert_eq!(field(|i| i.gender = "x".into()), "gender");
    assert_eq!(field(|i| i.birth_date = "2017-02-30".into()), "birth_date");
    assert_eq!(field(|i| i.birth_date = "2027-01-01".into()), "birth_date");
    assert_eq!(field(|i| i.father_phone = "12345".into()), "father_phone");
    assert_eq!(field(|i| i.guardians[0].phone = "555".into()), "guardian1");
    assert_eq!(field(|i| i.guardians[0].name = "".into()), "guardian1");
    assert_eq!(field(|i| i.left_behind = "半留守".into()), "parents_away");
    assert_eq!(field(|i| i.parents_away = "父亲".into()), "parents_away");
    assert_eq!(field(|i| i.notes = "很".repeat(501)), "notes");
}

#[test]
fn a_well_formed_date_out_of_range_is_not_called_malformed() {
    let error = |change: fn(&mut ChildInput)| {
        let mut i = input();
        change(&mut i);
        ChildDraft::parse(&i, today()).unwrap_err().error
    };
    assert_eq!(
        error(|i| i.birth_date = "2017-02-30".into()),
        ValidationError::BirthDateInvalid
    );
    assert_eq!(
        error(|i| i.birth_date = "1950-01-01".into()),
        ValidationError::BirthDateOutOfRange
    );
    assert_eq!(
        error(|i| i.birth_date = "2027-01-01".into()),
        ValidationError::BirthDateOutOfRange
    );
    assert_eq!(
        error(|i| i.consent_date = "1949-12-31".into()),
        ValidationError::DateOutOfRange
    );
    assert_eq!(
        error(|i| i.away_since = "2026-11-30".into()),
        ValidationError::DateAfterToday
    );
    assert_eq!(
        error(|i| i.away_since = "2026-13-01".into()),
        ValidationError::InvalidDate
    );
    // The messages say which: the format, or the range.
    let zh = crate::i18n::Locale::ZhCn.strings();
    assert!(!ValidationError::BirthDateOutOfRange
        .message(zh)
        .contains("格式"));
    assert!(ValidationError::BirthDateOutOfRange
        .message(zh)
        .contains("25 年"));
}

#[test]
fn dates_as_excel_users_type_them() {
    let d = NaiveDate::from_ymd_opt(2016, 3, 9);
    assert_eq!(read_date("2016-03-09"), d);
    assert_eq!(read_date("2016/3/9"), d);
    assert_eq!(read_date("2016.3.9"), d);
    assert_eq!(read_date("2016年3月9日"), d);
    assert_eq!(read_date("9/3/2016"), None);
}

#[test]
fn classes_as_rosters_write_them() {
    assert_eq!(parse_class("3", "2"), Some((3, 2)));
    assert_eq!(parse_class("三年级", "二班"), Some((3, 2)));
    assert_eq!(parse_class("", "3-2"), Some((3, 2)));
    assert_eq!(parse_class("", "3年级2班"), Some((3, 2)));
    assert_eq!(parse_class("7", "1"), None);
}
