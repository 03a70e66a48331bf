//! A cell of an exported table (the children's list, the assessment, the funders' report):
//! text as it is, or a figure a spreadsheet can add up. CSV writes each as text; XLSX writes
//! figures as numbers, so a funder can sum the ledger's money column.

/// One cell.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Cell {
    /// Text as it is: a name, a date, a phone number (every digit kept, never a number).
    Text(String),
    /// A count, a score, a line's number.
    Whole(i64),
    /// Money in fen, shown in yuan with two decimals.
    Fen(i64),
    /// A figure with one decimal, in tenths (hours given).
    Tenths(i64),
}

impl Cell {
    /// The cell as text, as a CSV file or a reader sees it.
    pub fn text(&self) -> String {
        match self {
            Cell::Text(text) => text.clone(),
            Cell::Whole(n) => n.to_string(),
            Cell::Fen(fen) => {
                let sign = if *fen < 0 { "-" } else { "" };
                let abs = fen.unsigned_abs();
                format!("{sign}{}.{:02}", abs / 100, abs % 100)
            }
            Cell::Tenths(tenths) => one_decimal(*tenths),
        }
    }
}

/// Tenths as a person writes them: `2.5`, `3` (no `.0`).
pub fn one_decimal(tenths: i64) -> String {
    let sign = if tenths < 0 { "-" } else { "" };
    let abs = tenths.unsigned_abs();
    match abs % 10 {
        0 => format!("{sign}{}", abs / 10),
        d => format!("{sign}{}.{d}", abs / 10),
    }
}

impl Default for Cell {
    /// A blank cell.
    fn default() -> Self {
        Cell::Text(String::new())
    }
}

impl From<String> for Cell {
    fn from(text: String) -> Self {
        Cell::Text(text)
    }
}

impl From<&str> for Cell {
    fn from(text: &str) -> Self {
        Cell::Text(text.to_owned())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn figures_read_as_a_person_writes_them() {
        assert_eq!(Cell::Fen(18_000).text(), "180.00");
        assert_eq!(Cell::Fen(-5).text(), "-0.05");
        assert_eq!(Cell::Tenths(15).text(), "1.5");
        assert_eq!(Cell::Tenths(20).text(), "2");
        assert_eq!(Cell::Whole(-3).text(), "-3");
        assert_eq!(Cell::from("13800138000").text(), "13800138000");
    }
}
