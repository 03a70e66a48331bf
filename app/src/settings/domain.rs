//! The school's details checked the same way wherever they are typed: the names required
//! and short enough for a header and a certificate, the phone as people write one.

use super::types::SchoolInfo;
use crate::error::ValidationError;

pub const NAME_MAX: usize = 60;
pub const SHORT_NAME_MAX: usize = 20;
pub const SHORT_NAME_EN_MAX: usize = 40;
pub const PHONE_MAX: usize = 30;

/// The details as typed, trimmed and checked (the version is the form's).
pub fn parse(
    name: &str,
    short_name: &str,
    short_name_en: &str,
    phone: &str,
    version: i64,
) -> Result<SchoolInfo, ValidationError> {
    let within = |text: &str, max: usize| text.chars().count() <= max;
    let (name, short_name) = (name.trim(), short_name.trim());
    if name.is_empty()
        || short_name.is_empty()
        || !within(name, NAME_MAX)
        || !within(short_name, SHORT_NAME_MAX)
    {
        return Err(ValidationError::SchoolNameInvalid);
    }
    let short_name_en = short_name_en.trim();
    if !within(short_name_en, SHORT_NAME_EN_MAX) {
        return Err(ValidationError::SchoolNameInvalid);
    }
    let phone = phone.trim();
    let phone_chars = |c: char| c.is_ascii_digit() || " -+()（）".contains(c);
    if !within(phone, PHONE_MAX) || !phone.chars().all(phone_chars) {
        return Err(ValidationError::SchoolPhoneInvalid);
    }
    Ok(SchoolInfo {
        name: name.to_owned(),
        short_name: short_name.to_owned(),
        short_name_en: short_name_en.to_owned(),
        phone: phone.to_owned(),
        version,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_names_are_required_and_short_the_phone_as_people_write_it() {
        let ok = parse(
            " 廉江市城南街道深水洞村小学 ",
            "深水洞村小学",
            "",
            "0759-6612345",
            1,
        )
        .unwrap();
        assert_eq!(ok.name, "廉江市城南街道深水洞村小学");
        assert_eq!(ok.short_name_en, "");
        assert!(parse("某小学", "某小学", "A School", "+86 (759) 661 2345", 0).is_ok());
        assert!(parse("某小学", "某小学", "", "", 0).is_ok(), "no phone yet");
        for (name, short) in [
            ("", "某小学"),
            ("某小学", " "),
            (&"校".repeat(61), "某小学"),
            ("某小学", &"校".repeat(21)),
        ] {
            assert_eq!(
                parse(name, short, "", "", 1),
                Err(ValidationError::SchoolNameInvalid),
                "{name} {short}"
            );
        }
        assert_eq!(
            parse("某小学", "某小学", &"a".repeat(41), "", 1),
            Err(ValidationError::SchoolNameInvalid)
        );
        for phone in ["0759-661234x", "电话0759", &"1".repeat(31)] {
            assert_eq!(
                parse("某小学", "某小学", "", phone, 1),
                Err(ValidationError::SchoolPhoneInvalid),
                "{phone}"
            );
        }
    }
}
