//! The award's rules: which term a nomination belongs to, the one parser of the nomination
//! and criteria forms, and who may decide.

use super::types::Excerpt;
use crate::error::ValidationError;
use crate::habits::types::Term;

/// The longest statement or decision note (characters).
pub const STATEMENT_MAX: usize = 1000;
/// The longest criteria text.
pub const CRITERIA_MAX: usize = 2000;
/// How much of a diary line or a care note a nomination keeps.
pub const EXCERPT_MAX: usize = 140;

/// What the nomination form may be told.
pub const NOMINATION_ERRORS: [ValidationError; 2] = [
    ValidationError::StatementRequired,
    ValidationError::TextTooLong,
];

/// The key a term is stored under: "2026-autumn", "2026-spring" (the school year's first
/// calendar year).
pub fn term_key(term: &Term) -> String {
    format!(
        "{}-{}",
        term.year,
        if term.spring { "spring" } else { "autumn" }
    )
}

/// The term a stored key names, if it names one.
pub fn term_of_key(key: &str) -> Option<Term> {
    let (year, half) = key.split_once('-')?;
    let year: i32 = year.parse().ok()?;
    let day = match half {
        "autumn" => chrono::NaiveDate::from_ymd_opt(year, 10, 1)?,
        "spring" => chrono::NaiveDate::from_ymd_opt(year + 1, 3, 1)?,
        _ => return None,
    };
    Some(Term::of(day))
}

/// A nomination's statement, as written (trimmed): required, at most [`STATEMENT_MAX`].
pub fn statement(raw: &str) -> Result<String, ValidationError> {
    required_text(raw, STATEMENT_MAX, ValidationError::StatementRequired)
}

/// The term's criteria, as written (trimmed): required, at most [`CRITERIA_MAX`].
pub fn criteria(raw: &str) -> Result<String, ValidationError> {
    required_text(raw, CRITERIA_MAX, ValidationError::CriteriaRequired)
}

/// Free text, trimmed only (a person's punctuation stays theirs): `missing` when it is not
/// at least two characters, and at most `max` characters.
fn required_text(
    raw: &str,
    max: usize,
    missing: ValidationError,
) -> Result<String, ValidationError> {
    let text = raw.trim().to_owned();
    if text.chars().count() < 2 {
        return Err(missing);
    }
    if text.chars().count() > max {
        return Err(ValidationError::TextTooLong);
    }
    Ok(text)
}

/// The start of a longer text, cut at a character boundary with an ellipsis.
pub fn excerpt(id: i64, day: chrono::NaiveDate, text: &str) -> Excerpt {
    let text = text.trim();
    let cut: String = text.chars().take(EXCERPT_MAX).collect();
    let text = if cut.len() < text.len() {
        format!("{cut}…")
    } else {
        cut
    };
    Excerpt { id, day, text }
}

/// Only the chosen excerpts, in the order offered; an id that was not offered is refused.
pub fn chosen(offered: &[Excerpt], ids: &[i64]) -> Result<Vec<Excerpt>, ValidationError> {
    if ids.iter().any(|id| !offered.iter().any(|e| e.id == *id)) {
        return Err(ValidationError::EvidenceInvalid);
    }
    Ok(offered
        .iter()
        .filter(|e| ids.contains(&e.id))
        .cloned()
        .collect())
}

/// Nobody decides on their own nomination.
pub fn may_decide(nominator: i64, decider: i64) -> bool {
    nominator != decider
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn day() -> NaiveDate {
        NaiveDate::from_ymd_opt(2027, 4, 19).unwrap()
    }

    #[test]
    fn terms_have_keys_of_their_school_year() {
        assert_eq!(term_key(&Term::of(day())), "2026-spring");
        assert_eq!(
            term_key(&Term::of(NaiveDate::from_ymd_opt(2026, 10, 1).unwrap())),
            "2026-autumn"
        );
        for key in ["2026-spring", "2026-autumn"] {
            assert_eq!(term_key(&term_of_key(key).unwrap()), key);
        }
        assert_eq!(term_of_key("2026-winter"), None);
    }

    #[test]
    fn a_statement_and_the_criteria_are_required_bounded_and_kept_as_written() {
        assert_eq!(statement("  "), Err(ValidationError::StatementRequired));
        assert_eq!(criteria("  "), Err(ValidationError::CriteriaRequired));
        assert_eq!(
            statement(&"好".repeat(STATEMENT_MAX + 1)),
            Err(ValidationError::TextTooLong)
        );
        assert_eq!(
            criteria(&"好".repeat(CRITERIA_MAX + 1)),
            Err(ValidationError::TextTooLong)
        );
        assert_eq!(statement(" 坚持做家务 ").unwrap(), "坚持做家务");
        assert_eq!(
            criteria("自强、自立（每天坚持）：做家务！").unwrap(),
            "自强、自立（每天坚持）：做家务！"
        );
    }

    #[test]
    fn excerpts_are_cut_on_characters_and_only_offered_ones_are_kept() {
        let long = excerpt(1, day(), &"长".repeat(200));
        assert_eq!(long.text.chars().count(), EXCERPT_MAX + 1);
        assert!(long.text.ends_with('…'));
        let offered = vec![excerpt(1, day(), "a"), excerpt(2, day(), "b")];
        assert_eq!(chosen(&offered, &[2]).unwrap().len(), 1);
        assert_eq!(
            chosen(&offered, &[3]),
            Err(ValidationError::EvidenceInvalid)
        );
    }

    #[test]
    fn nobody_decides_on_their_own_nomination() {
        assert!(!may_decide(7, 7));
        assert!(may_decide(7, 8));
    }
}
