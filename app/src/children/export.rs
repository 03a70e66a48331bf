//! The filtered list as CSV or XLSX, with only the fields the user may see. The headers are
//! the ones the roster import recognises, so an exported list can be imported elsewhere.

use super::access::{self, visible, ListFilter, Sight};
use super::db::{self, ChildRecord};
use super::types::{ChildContact, Guardian};
use crate::auth::types::Viewer;
use crate::error::AppError;
use crate::i18n::Strings;
use crate::school::table::Cell;

pub enum Format {
    Csv,
    Xlsx,
}

/// The header row and the rows, each cell as text (phone numbers too: every digit kept).
pub async fn table(
    pool: &sqlx::SqlitePool,
    viewer: &Viewer,
    filter: &ListFilter,
    t: &Strings,
) -> Result<(Vec<&'static str>, Vec<Vec<Cell>>), AppError> {
    let records = db::all(pool).await?;
    let shown = visible(viewer, &records, filter);
    let full = access::sees_whole_files(viewer);
    let headers = if full {
        vec![
            t.common.child_name,
            t.children.child_gender,
            t.children.child_birth_date,
            t.children.child_lunar_birthday,
            t.children.grade_label,
            t.common.child_class,
            t.children.left_behind_label,
            t.children.parents_away_label,
            t.children.work_city,
            t.children.guardian_name,
            t.children.relation_label,
            t.children.phone_label,
            t.children.home_address,
            t.children.father_phone,
            t.children.mother_phone,
            t.common.counselor_label,
            t.children.enrolment_label,
        ]
    } else {
        vec![
            t.common.child_name,
            t.children.grade_label,
            t.common.child_class,
            t.children.left_behind_label,
            t.children.phone_label,
        ]
    };
    let guardians = if full {
        db::first_guardians(pool).await?
    } else {
        Default::default()
    };
    let rows = shown
        .into_iter()
        .map(|(record, sight)| match sight {
            Sight::File { .. } => full_row(record, guardians.get(&record.id), t),
            Sight::Contact { left_behind } => {
                let phones = record.guardian_phone.iter().cloned().collect();
                contact_row(&access::contact(record, left_behind, phones), t)
            }
        })
        .map(|row| row.into_iter().map(Cell::Text).collect())
        .collect();
    Ok((headers, rows))
}

fn opt(v: &Option<String>) -> String {
    v.clone().unwrap_or_default()
}

fn contact_row(c: &ChildContact, t: &Strings) -> Vec<String> {
    vec![
        c.name.clone(),
        c.class.grade.to_string(),
        c.class.number.to_string(),
        c.left_behind
            .map(|l| l.label(t).to_owned())
            .unwrap_or_default(),
        c.guardian_phones.first().cloned().unwrap_or_default(),
    ]
}

fn full_row(r: &ChildRecord, guardian: Option<&Guardian>, t: &Strings) -> Vec<String> {
    let work = super::work_place_domain::shown(
        r.parents_away,
        &r.work_province,
        &r.work_city,
        &r.mother_work_place,
        t,
    )
    .unwrap_or_default();
    vec![
        r.name.clone(),
        r.gender.label(t).to_owned(),
        r.birth_date.format("%Y-%m-%d").to_string(),
        if r.lunar_birthday {
            t.children.yes
        } else {
            t.children.no
        }
        .to_owned(),
        r.class.grade.to_string(),
        r.class.number.to_string(),
        r.left_behind.label(t).to_owned(),
        r.parents_away.label(t).to_owned(),
        work,
        guardian
            .as_ref()
            .map(|g| g.name.clone())
            .unwrap_or_default(),
        guardian
            .as_ref()
            .map(|g| g.relation.label(t).to_owned())
            .unwrap_or_default(),
        guardian
            .as_ref()
            .and_then(|g| g.phone.clone())
            .unwrap_or_default(),
        opt(&r.home_address),
        opt(&r.father_phone),
        opt(&r.mother_phone),
        opt(&r.counselor),
        r.enrolment.label(t).to_owned(),
    ]
}

/// A CSV cell Excel or WPS would run as a formula (`=`, `+`, `-`, `@`, or a tab or carriage
/// return before one) gets a leading `'`, which makes it text; the roster import takes
/// the mark off again.
fn inert(cell: &str) -> std::borrow::Cow<'_, str> {
    match cell.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{cell}").into(),
        _ => cell.into(),
    }
}

/// The file's bytes. CSV is UTF-8 with a BOM, which Excel opens correctly. XLSX writes text
/// as text (phone numbers keep every digit) and figures as numbers a spreadsheet can add up,
/// money with two decimals.
pub fn render(headers: &[&str], rows: &[Vec<Cell>], format: Format) -> Result<Vec<u8>, AppError> {
    match format {
        Format::Csv => {
            let mut out = b"\xEF\xBB\xBF".to_vec();
            {
                let mut writer = csv::Writer::from_writer(&mut out);
                writer
                    .write_record(headers)
                    .map_err(|e| AppError::internal(e.to_string()))?;
                for row in rows {
                    writer
                        .write_record(row.iter().map(|cell| match cell {
                            Cell::Text(text) => inert(text).into_owned(),
                            figure => figure.text(),
                        }))
                        .map_err(|e| AppError::internal(e.to_string()))?;
                }
                writer
                    .flush()
                    .map_err(|e| AppError::internal(e.to_string()))?;
            }
            Ok(out)
        }
        Format::Xlsx => {
            let mut book = rust_xlsxwriter::Workbook::new();
            let sheet = book.add_worksheet();
            let bold = rust_xlsxwriter::Format::new().set_bold();
            let fail = |e: rust_xlsxwriter::XlsxError| AppError::internal(e.to_string());
            for (col, header) in headers.iter().enumerate() {
                sheet
                    .write_string_with_format(0, col as u16, *header, &bold)
                    .map_err(fail)?;
                sheet.set_column_width(col as u16, 14).map_err(fail)?;
            }
            let money = rust_xlsxwriter::Format::new().set_num_format("0.00");
            for (r, row) in (1u32..).zip(rows) {
                for (c, cell) in (0u16..).zip(row) {
                    match cell {
                        Cell::Text(text) => sheet.write_string(r, c, text),
                        Cell::Whole(n) => sheet.write_number(r, c, *n as f64),
                        Cell::Fen(fen) => {
                            sheet.write_number_with_format(r, c, *fen as f64 / 100.0, &money)
                        }
                        Cell::Tenths(tenths) => sheet.write_number(r, c, *tenths as f64 / 10.0),
                    }
                    .map_err(fail)?;
                }
            }
            book.save_to_buffer().map_err(fail)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_csv_cell_is_a_formula_in_a_spreadsheet() {
        let rows = vec![vec![
            "=HYPERLINK(\"http://evil.example\",\"点我\")".into(),
            "+86 138 0013 8000".into(),
            "@SUM(A1)".into(),
            "-1+1".into(),
            "张小明".into(),
            Cell::Fen(-500),
        ]];
        let bytes = render(&["a", "b", "c", "d", "e", "f"], &rows, Format::Csv).unwrap();
        let text = String::from_utf8(bytes).unwrap();
        let line = text.lines().nth(1).unwrap();
        assert_eq!(
            line,
            "\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"点我\"\")\",'+86 138 0013 8000,'@SUM(A1),'-1+1,张小明,-5.00",
            "a figure is never a formula, and keeps its sign"
        );
    }

    #[test]
    fn xlsx_figures_are_numbers_and_phone_numbers_text() {
        use calamine::{Data, Reader};
        let rows = vec![vec![
            "13800138000".into(),
            Cell::Fen(18_050),
            Cell::Whole(3),
            Cell::Tenths(25),
        ]];
        let bytes = render(&["a", "b", "c", "d"], &rows, Format::Xlsx).unwrap();
        let mut book = calamine::Xlsx::new(std::io::Cursor::new(bytes)).unwrap();
        let sheet = book.worksheet_range_at(0).unwrap().unwrap();
        assert_eq!(sheet.get((1, 0)), Some(&Data::String("13800138000".into())));
        assert_eq!(sheet.get((1, 1)), Some(&Data::Float(180.5)));
        assert_eq!(sheet.get((1, 2)), Some(&Data::Float(3.0)));
        assert_eq!(sheet.get((1, 3)), Some(&Data::Float(2.5)));
    }
}
