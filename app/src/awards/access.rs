//! Who reaches which nomination, and what each award page receives: the leading group and
//! the admin every nomination of the term, a counselor or a class teacher their own; the
//! evidence offered to a nominator only from what they may read of the child.

use super::db::{self, NominationRow};
use super::domain::{excerpt, may_decide, term_key};
use super::types::{AwardsPage, Excerpt, Nomination, NominationForm};
use crate::auth::permissions::{Capability, Target};
use crate::children::db::ChildRecord;
use crate::error::AppError;
use crate::frame::Ctx;
use crate::habits::types::Term;

/// Whether the viewer is of the leading group (sets criteria, decides).
pub fn leads(ctx: &Ctx) -> bool {
    ctx.may(Capability::DecideAwards, Target::School)
}

/// A nomination as the viewer may see it: diary lines and care notes only while they may
/// still read the child's diary and care log (a counselor handed the child over does not).
fn shown(ctx: &Ctx, row: NominationRow) -> Nomination {
    let me = ctx.viewer.user_id();
    let target = Target::Child {
        id: row.child_id,
        class_id: row.class_id,
    };
    let mut evidence = row.evidence;
    if !ctx.may(Capability::ReadDiary, target) {
        evidence.diary.clear();
    }
    if !ctx.may(Capability::ReadCareLog, target) {
        evidence.care.clear();
    }
    Nomination {
        id: row.id,
        version: row.version,
        child_id: row.child_id,
        child_name: row.child_name,
        class: row.class,
        nominator: row.nominator,
        statement: row.statement,
        evidence,
        state: row.state,
        decided_by: row.decided_by,
        decision_note: row.decision_note,
        can_decide: leads(ctx) && may_decide(row.nominated_by, me),
        own: row.nominated_by == me,
    }
}

/// This term's awards page for the viewer.
pub async fn awards_page(ctx: &Ctx) -> Result<AwardsPage, AppError> {
    let today = ctx.today();
    let term = Term::of(today);
    let key = term_key(&term);
    let (criteria, criteria_version) = db::criteria(ctx.pool(), &key).await?.unwrap_or_default();
    let me = ctx.viewer.user_id();
    let all = leads(ctx);
    let nominations = db::nominations(ctx.pool(), &key)
        .await?
        .into_iter()
        .filter(|n| all || n.nominated_by == me)
        .map(|n| shown(ctx, n))
        .collect();
    Ok(AwardsPage {
        term,
        today,
        criteria,
        criteria_version,
        leads: all,
        nominations,
    })
}

/// The evidence a nominator may choose from: habit scores and trends (anyone who may
/// nominate the child reads its five ones), the child's own diary lines this term (for
/// those who read its diary), care-log notes (for those who read its care log).
pub async fn nomination_form(ctx: &Ctx, record: &ChildRecord) -> Result<NominationForm, AppError> {
    let term = Term::of(ctx.today());
    let key = term_key(&term);
    Ok(NominationForm {
        child_id: record.id,
        name: record.name.clone(),
        class: record.class,
        term,
        criteria: db::criteria(ctx.pool(), &key)
            .await?
            .map(|(c, _)| c)
            .unwrap_or_default(),
        summaries: crate::habits::access::child_habits(ctx, record)
            .await?
            .summaries,
        diary: diary_lines(ctx, record, &term).await?,
        care: care_notes(ctx, record, &term).await?,
        standing: db::standing(ctx.pool(), &key, record.id).await?,
    })
}

/// The child's own diary entries this term, the newest first.
pub async fn diary_lines(
    ctx: &Ctx,
    record: &ChildRecord,
    term: &Term,
) -> Result<Vec<Excerpt>, AppError> {
    if !ctx.may(Capability::ReadDiary, record.target()) {
        return Ok(Vec::new());
    }
    let zone = ctx.state().time_zone;
    Ok(crate::care::diary_db::diary(ctx.pool(), record.id, zone)
        .await?
        .into_iter()
        .filter(|d| d.by_child)
        .filter_map(|d| {
            let day = d.written_at.get(..10)?.parse().ok()?;
            (day >= term.first).then(|| excerpt(d.id, day, &d.body))
        })
        .collect())
}

/// What the counselors noticed this term (current versions only), the newest first.
pub async fn care_notes(
    ctx: &Ctx,
    record: &ChildRecord,
    term: &Term,
) -> Result<Vec<Excerpt>, AppError> {
    if !ctx.may(Capability::ReadCareLog, record.target()) {
        return Ok(Vec::new());
    }
    let zone = ctx.state().time_zone;
    Ok(crate::care::db::entries(ctx.pool(), record.id, false, zone)
        .await?
        .into_iter()
        .filter(|e| e.happened_at.date() >= term.first && !e.noticed.trim().is_empty())
        .map(|e| excerpt(e.id, e.happened_at.date(), &e.noticed))
        .collect())
}

/// A nomination the viewer may see: the leading group any, the nominator their own;
/// anyone else is refused (audited).
pub async fn visible_nomination(ctx: &Ctx, id: i64) -> Result<NominationRow, AppError> {
    let row = db::nomination(ctx.pool(), id).await?;
    if !leads(ctx) && row.nominated_by != ctx.viewer.user_id() {
        let target = Target::Child {
            id: row.child_id,
            class_id: row.class_id,
        };
        return Err(ctx.refuse(Capability::Nominate, target).await);
    }
    Ok(row)
}
