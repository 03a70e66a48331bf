//! The cells of an uploaded roster, read with hard limits checked before anything big is
//! allocated: a crafted file (a sheet that claims a million rows, an archive that unpacks
//! to gigabytes, a CSV of endless blank lines) is refused with "文件太大" or "文件无法读取"
//! in well under a second, and the server stays up for everyone else.

use std::io::{Cursor, Read};

use super::{Sheet, MAX_ROWS};
use crate::error::ValidationError;

/// A roster has at most this many columns (a real one has a dozen or two).
pub const MAX_COLUMNS: usize = 64;

/// Data rows may sit this far down a sheet (blank rows between them are skipped).
const MAX_SHEET_ROWS: u32 = 2 * MAX_ROWS as u32;

/// All parts of an `.xlsx` together unpack to at most this (a 5,000-row roster is ~2 MB).
const MAX_UNPACKED_BYTES: u64 = 32 * 1024 * 1024;

/// An `.xlsx` holds a dozen parts; a thousand is no workbook a school made.
const MAX_PARTS: usize = 1000;

fn is_xlsx(bytes: &[u8], file_name: &str) -> bool {
    file_name.to_lowercase().ends_with(".xlsx") || bytes.starts_with(b"PK\x03\x04")
}

/// CSV text: UTF-8 (a BOM is dropped), else GB18030 (a superset of GBK).
fn csv_text(bytes: &[u8]) -> String {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(text) => text.to_owned(),
        Err(_) => encoding_rs::GB18030.decode(bytes).0.into_owned(),
    }
}

/// A cell as the checks read it. A leading `'` before `=`, `+`, `-` or `@` is the mark
/// our own CSV export puts on such cells so spreadsheets keep them as text.
fn cell(raw: &str) -> String {
    let raw = raw.trim();
    match raw.strip_prefix('\'') {
        Some(rest) if rest.starts_with(['=', '+', '-', '@']) => rest.to_owned(),
        _ => raw.to_owned(),
    }
}

fn xlsx_cell(value: &calamine::DataRef<'_>) -> String {
    use calamine::{DataRef, DataType};
    match value {
        DataRef::Empty => String::new(),
        DataRef::String(s) => cell(s),
        DataRef::SharedString(s) => cell(s),
        // Phone numbers typed as numbers: 13800138000, not 13800138000.0.
        DataRef::Float(f) if f.fract() == 0.0 => format!("{f:.0}"),
        DataRef::Float(f) => f.to_string(),
        DataRef::Int(i) => i.to_string(),
        DataRef::Bool(b) => b.to_string(),
        DataRef::DateTime(_) | DataRef::DateTimeIso(_) => value
            .as_date()
            .map(|d| d.format("%Y-%m-%d").to_string())
            .unwrap_or_default(),
        DataRef::DurationIso(s) => s.clone(),
        DataRef::Error(_) => String::new(),
    }
}

/// Unpacks every part of the archive into nothing, counting: over [`MAX_UNPACKED_BYTES`]
/// (as declared, or as it really inflates) is too large; a broken archive is unreadable.
fn check_archive(bytes: &[u8]) -> Result<(), ValidationError> {
    let mut archive =
        zip::ZipArchive::new(Cursor::new(bytes)).map_err(|_| ValidationError::RosterUnreadable)?;
    if archive.len() > MAX_PARTS {
        return Err(ValidationError::FileTooLarge);
    }
    let mut left = MAX_UNPACKED_BYTES;
    for index in 0..archive.len() {
        let mut part = archive
            .by_index(index)
            .map_err(|_| ValidationError::RosterUnreadable)?;
        if part.size() > left {
            return Err(ValidationError::FileTooLarge);
        }
        // The declared size may lie: count what really comes out, and stop one byte past.
        let unpacked = std::io::copy(&mut (&mut part).take(left + 1), &mut std::io::sink())
            .map_err(|_| ValidationError::RosterUnreadable)?;
        if unpacked > left {
            return Err(ValidationError::FileTooLarge);
        }
        left -= unpacked;
    }
    Ok(())
}

/// The first sheet's cells, one by one (never calamine's dense grid, which a sheet that
/// claims the range A1:XFD1048576 would size at 17 billion cells).
fn xlsx_rows(bytes: &[u8]) -> Result<Vec<(usize, Vec<String>)>, ValidationError> {
    use calamine::Reader;
    check_archive(bytes)?;
    let mut book: calamine::Xlsx<_> = calamine::open_workbook_from_rs(Cursor::new(bytes))
        .map_err(|_| ValidationError::RosterUnreadable)?;
    let first = book
        .sheet_names()
        .first()
        .cloned()
        .ok_or(ValidationError::FileEmpty)?;
    let mut cells = book
        .worksheet_cells_reader(&first)
        .map_err(|_| ValidationError::RosterUnreadable)?;
    let mut rows: Vec<Vec<String>> = Vec::new();
    while let Some(found) = cells
        .next_cell()
        .map_err(|_| ValidationError::RosterUnreadable)?
    {
        let (row, column) = found.get_position();
        if row >= MAX_SHEET_ROWS || column as usize >= MAX_COLUMNS {
            return Err(ValidationError::FileTooLarge);
        }
        let text = xlsx_cell(found.get_value());
        if text.is_empty() {
            continue;
        }
        let (row, column) = (row as usize, column as usize);
        if rows.len() <= row {
            rows.resize_with(row + 1, Vec::new);
        }
        let cells_of_row = &mut rows[row];
        if cells_of_row.len() <= column {
            cells_of_row.resize(column + 1, String::new());
        }
        cells_of_row[column] = text;
    }
    Ok(rows
        .into_iter()
        .enumerate()
        .map(|(i, row)| (i + 1, row))
        .collect())
}

/// The records of a CSV file with their line numbers; past [`MAX_ROWS`] filled rows or
/// [`MAX_COLUMNS`] columns it stops and refuses.
fn csv_rows(bytes: &[u8]) -> Result<Vec<(usize, Vec<String>)>, ValidationError> {
    let text = csv_text(bytes);
    if text.contains('\u{0}') {
        return Err(ValidationError::RosterUnreadable);
    }
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    // The sheet's line of a record: newlines up to where the reader says it starts (that
    // offset may be the previous line's last byte, which counting through it also covers).
    let bytes = text.as_bytes();
    let (mut counted, mut newlines) = (0usize, 0usize);
    for record in reader.records() {
        let record = record.map_err(|_| ValidationError::RosterUnreadable)?;
        if record.len() > MAX_COLUMNS {
            return Err(ValidationError::FileTooLarge);
        }
        if record.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        // The header row and MAX_ROWS children.
        if rows.len() > MAX_ROWS {
            return Err(ValidationError::FileTooLarge);
        }
        let at = record
            .position()
            .map_or(counted, |p| (p.byte() as usize + 1).min(bytes.len()));
        if at > counted {
            newlines += bytes[counted..at].iter().filter(|b| **b == b'\n').count();
            counted = at;
        }
        let line = newlines + 1;
        rows.push((line, record.iter().map(cell).collect()));
    }
    Ok(rows)
}

/// Reads the cells of a CSV or XLSX file. A file that is neither, empty, or over the
/// limits above is refused whole.
pub fn read_sheet(bytes: &[u8], file_name: &str) -> Result<Sheet, ValidationError> {
    let all = if is_xlsx(bytes, file_name) {
        // The XLSX reader has been found to panic on a damaged archive (an index out of
        // bounds in its cell reader, found by `fuzz.rs`): that is an unreadable file too.
        std::panic::catch_unwind(|| xlsx_rows(bytes))
            .map_err(|_| ValidationError::RosterUnreadable)??
    } else {
        csv_rows(bytes)?
    };
    // Blank lines (Excel leaves some at the end) are not rows.
    let mut numbered: Vec<(usize, Vec<String>)> = all
        .into_iter()
        .filter(|(_, row)| row.iter().any(|c| !c.is_empty()))
        .collect();
    if numbered.is_empty() {
        return Err(ValidationError::FileEmpty);
    }
    let (_, headers) = numbered.remove(0);
    if numbered.is_empty() {
        return Err(ValidationError::FileEmpty);
    }
    if numbered.len() > MAX_ROWS {
        return Err(ValidationError::FileTooLarge);
    }
    Ok(Sheet {
        headers,
        rows: numbered,
    })
}
