//! A period's sheets as one XLSX table for the performance-pay process: a row per
//! counselor with each criterion's score, the penalty and the total, and whether the sheet
//! is closed, signed and answered.

use super::access::PeriodSheets;
use super::types::Period;
use crate::error::AppError;
use crate::frame::Ctx;
use crate::i18n::Strings;
use crate::school::table::Cell;

/// The header row and a row per counselor (the leading group's list of the period).
pub async fn table(
    ctx: &Ctx,
    period: Period,
    t: &'static Strings,
) -> Result<(Vec<&'static str>, Vec<Vec<Cell>>), AppError> {
    let a = t.assessment;
    let today = ctx.today();
    let sheets = PeriodSheets::load(ctx, period, None).await?;
    let names = super::db::counselor_names(ctx.pool()).await?;
    let mut headers = vec![t.common.counselor_label, a.period, a.children];
    headers.extend(
        sheets
            .scheme
            .weights
            .iter()
            .map(|(c, _)| super::strings::criterion_label(t, *c)),
    );
    headers.extend([a.penalty_short, a.total, a.state, a.signed, a.answered]);
    let label = super::strings::period_label(t, &period);
    let yes = |b: bool| Cell::from(if b { a.yes } else { "" });
    let mut rows = Vec::new();
    for counselor in sheets.counselors(today) {
        let compiled = sheets.compiled(counselor, today)?;
        let stored = sheets.stored(counselor);
        let mut row = vec![
            names.get(&counselor).cloned().unwrap_or_default().into(),
            label.as_str().into(),
            Cell::Whole(compiled.figures.children.into()),
        ];
        row.extend(
            compiled
                .rows
                .iter()
                .map(|r| Cell::Whole(r.given.unwrap_or(r.compiled).into())),
        );
        let closed = stored.is_some_and(|s| s.closed.is_some());
        row.extend([
            Cell::Whole(compiled.penalty.into()),
            Cell::Whole(compiled.total.into()),
            if closed { a.closed } else { a.open }.into(),
            yes(stored.is_some_and(|s| s.signed)),
            yes(stored.is_some_and(|s| s.answered)),
        ]);
        rows.push(row);
    }
    rows.sort();
    Ok((headers, rows))
}
