//! Importing a class roster: upload (kept, nothing imported), the dry run (every problem
//! row with its row number, column and reason; the totals), and the commit, which puts
//! every child in one transaction or none. For those who write every file (the admin).

use leptos::prelude::*;
use leptos::server_fn::codec::{GetUrl, MultipartData, MultipartFormData};
use serde::{Deserialize, Serialize};

use crate::error::{AppError, ValidationError};
use crate::school::types::ClassLabel;

/// The dry run as the page shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RosterCheck {
    pub id: i64,
    pub file_name: String,
    /// Each header with the column key it was taken as (`None`: not known, not mapped).
    pub headers: Vec<(String, Option<String>)>,
    pub missing_columns: bool,
    /// Problem rows, skipped rows, then the first rows without a problem.
    pub lines: Vec<RosterLine>,
    /// How many rows the file has below its header (counted even when a column is missing).
    pub rows: usize,
    /// (to import, already on file, with problems)
    pub totals: (usize, usize, usize),
    /// When it was imported and how many children: then nothing else is filled in.
    pub committed: Option<(String, i64)>,
    /// The mapping the page was checked with, for the commit to use the same.
    pub map: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RosterLine {
    /// The row number in the spreadsheet (the header is row 1).
    pub number: usize,
    pub name: String,
    pub class: Option<ClassLabel>,
    /// The grade and class as typed, when they name no class.
    pub class_typed: Option<String>,
    /// Every problem of the row, in the order of the file's columns.
    pub problems: Vec<RosterProblem>,
    pub already: bool,
}

impl RosterLine {
    /// Whether the class shown is at fault (the school has no such class, or none is named).
    pub fn class_at_fault(&self) -> bool {
        self.problems
            .iter()
            .any(|p| matches!(p.column.as_deref(), Some("grade" | "class")))
    }
}

/// One problem of a row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RosterProblem {
    /// The key of the column at fault (`phone`): the page names it in the user's language.
    pub column: Option<String>,
    pub error: ValidationError,
    /// A date written as dates are that is not on the calendar (2019-02-30), as typed.
    pub no_such_day: Option<String>,
}

/// The largest roster taken (5,000 rows of CSV or XLSX are well under it).
pub const MAX_FILE_BYTES: usize = 4 * 1024 * 1024;
/// How many rows without a problem the dry run lists (all are counted).
#[cfg(feature = "ssr")]
const OK_LINES_SHOWN: usize = 30;

#[cfg(feature = "ssr")]
mod server {
    use std::collections::HashMap;

    use crate::children::import_db;
    use crate::children::roster::{self, Column, RosterRow, Sheet};
    use crate::error::{AppError, ValidationError};

    /// `3=notes,5=ignore`: column index → column key, as the mapping form sends it.
    pub fn mapping(map: &str, headers: &[String]) -> HashMap<String, Column> {
        map.split(',')
            .filter_map(|pair| {
                let (index, key) = pair.split_once('=')?;
                let header = headers.get(index.trim().parse::<usize>().ok()?)?;
                Some((header.trim().to_owned(), Column::from_key(key.trim())?))
            })
            .collect()
    }

    pub struct Checked {
        pub sheet: Sheet,
        pub columns: Vec<Option<Column>>,
        /// `Err(MissingColumn)` when a required column is missing.
        pub rows: Result<Vec<RosterRow>, ValidationError>,
    }

    /// Reads and checks the file off the async runtime (a 5,000-row roster takes a while),
    /// then looks the classes up: a class the school does not have is a problem too.
    pub async fn check(
        pool: &sqlx::SqlitePool,
        content: Vec<u8>,
        file_name: String,
        map: String,
        today: chrono::NaiveDate,
    ) -> Result<(Checked, HashMap<(u8, u8), i64>), AppError> {
        let existing = import_db::children_on_file(pool).await?;
        let classes = import_db::class_ids(pool).await?;
        let known = classes.clone();
        let checked = tokio::task::spawn_blocking(move || -> Result<Checked, ValidationError> {
            let sheet = roster::read_sheet(&content, &file_name)?;
            let columns = roster::columns(&sheet.headers, &mapping(&map, &sheet.headers));
            let rows = roster::check(&sheet, &columns, &existing, today).map(|rows| {
                rows.into_iter()
                    .map(|mut row| {
                        if row.class.is_some_and(|c| !known.contains_key(&c)) {
                            row.class_unknown(&columns);
                        }
                        row
                    })
                    .collect()
            });
            Ok(Checked {
                sheet,
                columns,
                rows,
            })
        })
        .await
        .map_err(|e| AppError::internal(format!("roster check: {e}")))??;
        Ok((checked, classes))
    }
}

/// Takes the roster file (`file`), keeps it and shows its dry run. A file that cannot be
/// read at all is refused here.
#[server(prefix = "/api", endpoint = "children/import/upload", input = MultipartFormData)]
pub async fn upload_roster(data: MultipartData) -> Result<(), AppError> {
    use crate::auth::permissions::{Capability, Target};
    use crate::frame::serve;
    serve(
        Capability::WriteChildFile,
        Target::School,
        |ctx| async move {
            let upload =
                crate::native_submit::read_upload(data, MAX_FILE_BYTES, "roster.csv").await?;
            let (file_name, bytes) = (upload.file_name, upload.bytes);
            // Readable as a sheet, or refused now.
            let (content, name) = (bytes.clone(), file_name.clone());
            tokio::task::spawn_blocking(move || {
                super::roster::read_sheet(&content, &name).map(|_| ())
            })
            .await
            .map_err(|e| AppError::internal(format!("roster read: {e}")))??;
            let mut tx = ctx.begin().await?;
            let id =
                super::import_db::store(&mut tx, &file_name, &bytes, ctx.viewer.user_id()).await?;
            tx.commit(format!("upload_roster {id}"), Target::School)
                .await?;
            leptos_axum::redirect(&format!("/children/import/{id}"));
            Ok(())
        },
    )
    .await
}

/// The dry run of an uploaded roster, with the columns mapped as `map` says.
#[server(prefix = "/api", endpoint = "children/import/check", input = GetUrl)]
pub async fn check_roster(id: i64, map: Option<String>) -> Result<RosterCheck, AppError> {
    use crate::auth::permissions::{Capability, Target};
    use crate::frame::serve;
    use crate::school::types::local_time;
    serve(
        Capability::WriteChildFile,
        Target::School,
        |ctx| async move {
            let stored = super::import_db::load(ctx.pool(), id).await?;
            let map = map.unwrap_or_default();
            // Once imported, the page says what was: the file is not checked again as if new.
            if let Some((when, count)) = stored.committed {
                return Ok(RosterCheck {
                    id,
                    file_name: stored.file_name,
                    headers: Vec::new(),
                    missing_columns: false,
                    lines: Vec::new(),
                    rows: 0,
                    totals: (0, 0, 0),
                    committed: Some((local_time(&when, ctx.state().time_zone), count)),
                    map,
                });
            }
            let (checked, _) = server::check(
                ctx.pool(),
                stored.content,
                stored.file_name.clone(),
                map.clone(),
                ctx.today(),
            )
            .await?;
            let headers = checked
                .sheet
                .headers
                .iter()
                .zip(&checked.columns)
                .map(|(h, c)| (h.clone(), c.map(|c| c.key().to_owned())))
                .collect();
            let (lines, totals, missing_columns) = match &checked.rows {
                Err(_) => (Vec::new(), (0, 0, 0), true),
                Ok(rows) => {
                    let line = |r: &super::roster::RosterRow| RosterLine {
                        number: r.number,
                        name: r.name.clone(),
                        class: r.class.map(|(grade, number)| ClassLabel { grade, number }),
                        class_typed: r.class_typed.clone(),
                        problems: r
                            .problems
                            .iter()
                            .map(|p| RosterProblem {
                                column: p.column.map(|c| c.key().to_owned()),
                                error: p.error,
                                no_such_day: p.no_such_day.clone(),
                            })
                            .collect(),
                        already: r.already && r.problems.is_empty(),
                    };
                    let problems: Vec<RosterLine> = rows
                        .iter()
                        .filter(|r| !r.problems.is_empty())
                        .map(line)
                        .collect();
                    let already: Vec<RosterLine> = rows
                        .iter()
                        .filter(|r| r.problems.is_empty() && r.already)
                        .map(line)
                        .collect();
                    let ok: Vec<&super::roster::RosterRow> = rows
                        .iter()
                        .filter(|r| r.problems.is_empty() && !r.already)
                        .collect();
                    let totals = (ok.len(), already.len(), problems.len());
                    let mut lines = problems;
                    lines.extend(already);
                    lines.extend(ok.into_iter().take(OK_LINES_SHOWN).map(line));
                    (lines, totals, false)
                }
            };
            // The dry run names the roster's children and who is already on file.
            ctx.read(format!("check_roster {id}"), Target::School)
                .await?;
            Ok(RosterCheck {
                id,
                file_name: stored.file_name,
                headers,
                missing_columns,
                lines,
                rows: checked.sheet.rows.len(),
                totals,
                committed: None,
                map,
            })
        },
    )
    .await
}

/// Imports every checked row in one transaction: refused while any row has a problem or a
/// column is missing, and for a roster already imported. Children already on file are
/// skipped.
#[server(prefix = "/api", endpoint = "children/import/commit")]
pub async fn commit_roster(id: i64, map: Option<String>) -> Result<(), AppError> {
    use super::import_db;
    use crate::auth::permissions::{Capability, Target};
    use crate::frame::serve;
    serve(
        Capability::WriteChildFile,
        Target::School,
        |ctx| async move {
            let stored = import_db::load(ctx.pool(), id).await?;
            if stored.committed.is_some() {
                return Err(AppError::Conflict);
            }
            let (checked, classes) = server::check(
                ctx.pool(),
                stored.content,
                stored.file_name,
                map.unwrap_or_default(),
                ctx.today(),
            )
            .await?;
            let rows = checked.rows?;
            if rows.iter().any(|r| !r.problems.is_empty()) {
                return Err(ValidationError::ImportHasProblems.into());
            }
            let mut tx = ctx.begin().await?;
            let mut count = 0_i64;
            for row in rows.iter().filter(|r| !r.already) {
                let (Some(draft), Some(class)) = (&row.draft, row.class) else {
                    return Err(ValidationError::ImportHasProblems.into());
                };
                let class_id = *classes.get(&class).ok_or(ValidationError::ClassInvalid)?;
                let child =
                    super::db::write(&mut tx, None, draft, class_id, ctx.viewer.user_id()).await?;
                import_db::mark_imported(&mut tx, child, id).await?;
                count += 1;
            }
            import_db::finish(&mut tx, id, count).await?;
            tx.commit(
                format!("commit_roster {id} ({count} children)"),
                Target::School,
            )
            .await?;
            leptos_axum::redirect("/children?saved=1");
            Ok(())
        },
    )
    .await
}
