//! Parsing what people type into the account forms; the server runs the same parsers.

use crate::error::ValidationError;

pub const MIN_PASSWORD_CHARS: usize = 10;
pub const MAX_PASSWORD_CHARS: usize = 128;

/// 2–40 letters, digits, `.`, `_` or `-`; compared without case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Username(String);

impl Username {
    pub fn parse(raw: &str) -> Result<Username, ValidationError> {
        let name = raw.trim();
        let ok_chars = name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'));
        if (2..=40).contains(&name.chars().count()) && ok_chars {
            Ok(Username(name.to_ascii_lowercase()))
        } else {
            Err(ValidationError::UsernameInvalid)
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[derive(Clone, PartialEq, Eq)]
pub struct NewPassword(String);

impl std::fmt::Debug for NewPassword {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("NewPassword(..)")
    }
}

impl NewPassword {
    pub fn parse(raw: &str, confirmation: &str) -> Result<NewPassword, ValidationError> {
        let chars = raw.chars().count();
        if chars < MIN_PASSWORD_CHARS {
            return Err(ValidationError::PasswordTooShort);
        }
        if chars > MAX_PASSWORD_CHARS {
            return Err(ValidationError::PasswordTooLong);
        }
        if raw != confirmation {
            return Err(ValidationError::PasswordMismatch);
        }
        Ok(NewPassword(raw.to_owned()))
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

/// A person's name as shown in the user menu: 1–40 characters after trimming.
pub fn parse_display_name(raw: &str) -> Result<String, ValidationError> {
    let name = raw.trim();
    if (1..=40).contains(&name.chars().count()) {
        Ok(name.to_owned())
    } else {
        Err(ValidationError::DisplayNameInvalid)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn usernames_are_short_plain_and_caseless() {
        assert_eq!(
            Username::parse(" Teacher.Li ").unwrap().as_str(),
            "teacher.li"
        );
        for bad in ["a", "", "has space", "名字", &"x".repeat(41), "semi;colon"] {
            assert_eq!(
                Username::parse(bad),
                Err(ValidationError::UsernameInvalid),
                "{bad}"
            );
        }
    }

    #[test]
    fn new_passwords_are_long_enough_and_confirmed() {
        assert!(NewPassword::parse("correct horse", "correct horse").is_ok());
        assert_eq!(
            NewPassword::parse("short", "short"),
            Err(ValidationError::PasswordTooShort)
        );
        assert_eq!(
            NewPassword::parse("long enough!", "long enough?"),
            Err(ValidationError::PasswordMismatch)
        );
        let huge = "x".repeat(129);
        assert_eq!(
            NewPassword::parse(&huge, &huge),
            Err(ValidationError::PasswordTooLong)
        );
        // Characters, not bytes: ten Chinese characters are a valid password.
        assert!(NewPassword::parse("希望之家关爱留守儿童", "希望之家关爱留守儿童").is_ok());
    }

    #[test]
    fn display_names_are_not_blank() {
        assert_eq!(parse_display_name("  王老师 ").unwrap(), "王老师");
        assert_eq!(
            parse_display_name("   "),
            Err(ValidationError::DisplayNameInvalid)
        );
    }
}
