//! Who reaches which sheet, and what each assessment page receives: the leading group and
//! the admin every sheet, a counselor their own; children's names on a sheet only for those
//! who read the child's care log; a drawn contact shown to its counselor only once verified.

use std::collections::HashMap;

use chrono::NaiveDate;

use super::compile_domain::{self, Facts};
use super::db::{self, SheetRow as Stored};
use super::domain::{self, Mark};
use super::inspect_db::{self, InspectionRow};
use super::types::{
    AssessmentList, Compiled, Criterion, Inspection, InspectionList, Period, Scheme, Sheet,
    SheetSummary,
};
use crate::auth::permissions::{Capability, Target};
use crate::error::AppError;
use crate::frame::Ctx;

/// Whether the viewer is of the leading group (sets the scheme, marks, closes, inspects).
pub fn leads(ctx: &Ctx) -> bool {
    ctx.may(Capability::WriteAssessment, Target::School)
}

/// The period a page asks for, or this month.
pub fn period_or_now(ctx: &Ctx, raw: Option<&str>) -> Result<Period, AppError> {
    match raw.map(str::trim).filter(|r| !r.is_empty()) {
        None => Ok(Period::month_of(ctx.today())),
        Some(raw) => Period::parse(raw).ok_or(crate::error::ValidationError::PeriodInvalid.into()),
    }
}

/// The scheme of a school year: the one set, or the default on the school's rhythm of care.
pub async fn scheme(ctx: &Ctx, year: i32) -> Result<Scheme, AppError> {
    if let Some(scheme) = db::scheme(ctx.pool(), year).await? {
        return Ok(scheme);
    }
    let rhythm = crate::care::db::rhythm(ctx.pool()).await?;
    Ok(Scheme::default_for(
        year,
        rhythm.talk_days,
        rhythm.visit_days,
    ))
}

/// A period's sheets as they stand: what they are compiled from, the scheme, the stored
/// sheets and marks, the contacts drawn for inspection.
pub struct PeriodSheets {
    pub period: Period,
    pub facts: Facts,
    pub scheme: Scheme,
    pub stored: Vec<Stored>,
    pub marks: HashMap<i64, HashMap<Criterion, Mark>>,
    pub inspections: Vec<InspectionRow>,
}

impl PeriodSheets {
    pub async fn load(ctx: &Ctx, period: Period, counselor: Option<i64>) -> Result<Self, AppError> {
        let zone = ctx.state().time_zone;
        let key = period.key();
        let today = ctx.today();
        Ok(PeriodSheets {
            facts: super::facts_db::facts(ctx.pool(), &period, today, zone).await?,
            scheme: scheme(ctx, period.school_year()).await?,
            stored: db::sheets(ctx.pool(), &key, counselor).await?,
            marks: db::marks(ctx.pool(), &key).await?,
            inspections: inspect_db::inspections_of_days(
                ctx.pool(),
                period.first(),
                period.end(today),
            )
            .await?,
            period,
        })
    }

    /// The counselors with a sheet in the period: paired in it, or already stored.
    pub fn counselors(&self, today: NaiveDate) -> Vec<i64> {
        let mut ids = compile_domain::counselors(&self.facts, &self.period, today);
        for s in &self.stored {
            if !ids.contains(&s.counselor_id) {
                ids.push(s.counselor_id);
            }
        }
        ids
    }

    pub fn stored(&self, counselor: i64) -> Option<&Stored> {
        self.stored.iter().find(|s| s.counselor_id == counselor)
    }

    /// A counselor's sheet: as kept when it is closed, compiled now otherwise (with the
    /// contacts drawn for inspection, without the guardians' phones).
    pub fn compiled(&self, counselor: i64, today: NaiveDate) -> Result<Compiled, AppError> {
        let stored = self.stored(counselor);
        if let Some(kept) = stored.and_then(|s| s.kept.as_deref()) {
            return serde_json::from_str(kept)
                .map_err(|e| AppError::internal(format!("kept sheet unreadable: {e}")));
        }
        let figures =
            compile_domain::compile(&self.facts, counselor, &self.period, today, &self.scheme);
        let none = HashMap::new();
        let marks = stored.and_then(|s| self.marks.get(&s.id)).unwrap_or(&none);
        let mut compiled = domain::score(&self.scheme, figures, marks);
        compiled.inspections = self
            .inspections
            .iter()
            .filter(|i| i.counselor_id == counselor)
            .map(|i| Inspection {
                phone: None,
                ..inspection(i.clone())
            })
            .collect();
        Ok(compiled)
    }
}

/// The period's list: every counselor's sheet for the leading group, one's own otherwise.
pub async fn list(ctx: &Ctx, period: Period) -> Result<AssessmentList, AppError> {
    let today = ctx.today();
    let all = leads(ctx);
    let me = ctx.viewer.user_id();
    let sheets = PeriodSheets::load(ctx, period, (!all).then_some(me)).await?;
    let names = db::counselor_names(ctx.pool()).await?;
    let mut rows = Vec::new();
    for counselor in sheets.counselors(today) {
        if !all && counselor != me {
            continue;
        }
        let compiled = sheets.compiled(counselor, today)?;
        let stored = sheets.stored(counselor);
        rows.push(SheetSummary {
            counselor_id: counselor,
            counselor: names.get(&counselor).cloned().unwrap_or_default(),
            children: compiled.figures.children,
            total: compiled.total,
            closed: stored.is_some_and(|s| s.closed.is_some()),
            signed: stored.is_some_and(|s| s.signed),
            answered: stored.is_some_and(|s| s.answered),
            not_confirmed: compiled.figures.not_confirmed,
        });
    }
    rows.sort_by(|a, b| {
        a.counselor
            .cmp(&b.counselor)
            .then(a.counselor_id.cmp(&b.counselor_id))
    });
    Ok(AssessmentList {
        period,
        today,
        periods: Period::so_far(today),
        open: rows.iter().filter(|r| !r.closed).count() as u32,
        closable: all && period.last() < today,
        sheets: rows,
        leads: all,
    })
}

/// One counselor's sheet for the period, for the leading group or the counselor.
pub async fn sheet(ctx: &Ctx, counselor: i64, period: Period) -> Result<Sheet, AppError> {
    ctx.require(Capability::ReadAssessment, Target::User(counselor))
        .await?;
    let today = ctx.today();
    let sheets = PeriodSheets::load(ctx, period, Some(counselor)).await?;
    if !sheets.counselors(today).contains(&counselor) {
        return Err(AppError::NotFound);
    }
    let mut compiled = sheets.compiled(counselor, today)?;
    let names = shown_children(ctx, &mut compiled);
    let stored = sheets.stored(counselor);
    let zone = ctx.state().time_zone;
    let responses = match stored {
        Some(s) => db::responses(ctx.pool(), s.id, zone).await?,
        None => Vec::new(),
    };
    let closed = stored
        .and_then(|s| s.closed.clone())
        .map(|(at, by)| (crate::school::types::local_time(&at, zone), by));
    let lead = leads(ctx);
    Ok(Sheet {
        counselor_id: counselor,
        counselor: db::counselor_names(ctx.pool())
            .await?
            .remove(&counselor)
            .unwrap_or_default(),
        school: ctx.state().school_info().name,
        period,
        version: stored.map_or(0, |s| s.version),
        can_mark: lead && closed.is_none() && counselor != ctx.viewer.user_id(),
        can_close: lead && closed.is_none() && period.last() < today,
        can_respond: closed.is_some() && counselor == ctx.viewer.user_id(),
        closed,
        compiled,
        responses,
        names,
    })
}

/// Leaves on a sheet only what the viewer may see: the children whose care log they read
/// (a counselor's former children lose their names), and, for anyone outside the leading
/// group, only the drawn contacts already verified (a contact about to be checked is not
/// announced to its counselor). Whether every name stayed.
fn shown_children(ctx: &Ctx, compiled: &mut Compiled) -> bool {
    let mut all = true;
    for line in &mut compiled.figures.lines {
        let target = Target::Child {
            id: line.child_id,
            class_id: line.class_id,
        };
        if !ctx.may(Capability::ReadCareLog, target) {
            all = false;
            line.child_id = 0;
            line.class_id = 0;
            line.name.clear();
            // Dates that could tell who the child was (a birthday, a follow-up's due day):
            // the scores are already counted, the line keeps only its counts.
            line.birthday = None;
            line.follow_ups_overdue.clear();
            line.concerns_overdue.clear();
        }
    }
    let lead = leads(ctx);
    compiled.inspections.retain(|i| lead || i.outcome.is_some());
    for i in &mut compiled.inspections {
        if i.child_id == 0
            || !ctx.may(
                Capability::ReadCareLog,
                Target::Child {
                    id: i.child_id,
                    class_id: i.class_id,
                },
            )
        {
            i.child_id = 0;
            i.child.clear();
        }
    }
    all
}

/// A drawn contact as stored.
fn inspection(row: InspectionRow) -> Inspection {
    Inspection {
        id: row.id,
        version: row.version,
        entry_id: row.entry_id,
        child_id: row.child_id,
        class_id: row.class_id,
        child: row.child,
        counselor: row.counselor,
        kind: row.kind,
        day: row.day,
        with_whom: row.with_whom,
        phone: row.phone,
        outcome: row.outcome,
        note: row.note,
    }
}

/// A drawn contact as the viewer may see it: the child's name and the guardian's phone only
/// for those who read them.
fn shown_inspection(ctx: &Ctx, row: InspectionRow) -> Inspection {
    let target = Target::Child {
        id: row.child_id,
        class_id: row.class_id,
    };
    let mut shown = inspection(row);
    if !ctx.may(Capability::ReadChildFile, target) {
        shown.phone = None;
    }
    if !ctx.may(Capability::ReadCareLog, target) {
        shown.child_id = 0;
        shown.child.clear();
    }
    shown
}

/// The contacts drawn in a period (the leading group), each child's read audited.
pub async fn inspections(ctx: &Ctx, period: Period) -> Result<InspectionList, AppError> {
    let rows = inspect_db::inspections(ctx.pool(), &period).await?;
    for row in &rows {
        let target = Target::Child {
            id: row.child_id,
            class_id: row.class_id,
        };
        ctx.read(format!("read_inspection {}", row.id), target)
            .await?;
    }
    Ok(InspectionList {
        period,
        periods: Period::so_far(ctx.today()),
        undrawn: inspect_db::undrawn(ctx.pool(), period.first(), period.end(ctx.today())).await?,
        items: rows.into_iter().map(|r| shown_inspection(ctx, r)).collect(),
    })
}
