//! The assessment over HTTP: the leading group sets the year's scheme, marks and closes
//! sheets and inspects recorded contacts; a counselor reads, signs and answers their own
//! sheet. Every read and write audited.

use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

use super::types::{AssessmentList, InspectionList, Scheme, SchemeInput, Sheet};
use crate::error::AppError;

/// A period's sheets (`period`: `2027-03` or `2026-spring`; none: this month).
#[server(prefix = "/api", endpoint = "assessment/list", input = GetUrl)]
pub async fn get_assessment(period: Option<String>) -> Result<AssessmentList, AppError> {
    use crate::auth::permissions::{Capability, Target};
    use crate::frame::serve;
    serve(Capability::ReadAssessment, Target::Any, |ctx| async move {
        let period = super::access::period_or_now(&ctx, period.as_deref())?;
        let list = super::access::list(&ctx, period).await?;
        ctx.read(
            format!(
                "read_assessment {} ({} sheets)",
                period.key(),
                list.sheets.len()
            ),
            Target::Any,
        )
        .await?;
        Ok(list)
    })
    .await
}

/// One counselor's sheet for a period.
#[server(prefix = "/api", endpoint = "assessment/sheet", input = GetUrl)]
pub async fn get_sheet(counselor: i64, period: String) -> Result<Sheet, AppError> {
    use crate::auth::permissions::{Capability, Target};
    use crate::frame::serve;
    serve(Capability::ReadAssessment, Target::Any, |ctx| async move {
        let period = super::access::period_or_now(&ctx, Some(&period))?;
        let sheet = super::access::sheet(&ctx, counselor, period).await?;
        let key = period.key();
        ctx.read(
            format!("read_assessment_sheet {counselor} {key}"),
            Target::User(counselor),
        )
        .await?;
        // What a sheet says of each child comes from the child's care log.
        for line in sheet
            .compiled
            .figures
            .lines
            .iter()
            .filter(|l| l.child_id != 0)
        {
            let target = Target::Child {
                id: line.child_id,
                class_id: line.class_id,
            };
            ctx.read(format!("read_assessment_child {counselor} {key}"), target)
                .await?;
        }
        Ok(sheet)
    })
    .await
}

/// The scheme of this school year (or of the year `year` starts).
#[server(prefix = "/api", endpoint = "assessment/scheme", input = GetUrl)]
pub async fn get_scheme(year: Option<i32>) -> Result<Scheme, AppError> {
    use crate::auth::permissions::{Capability, Target};
    use crate::frame::serve;
    serve(Capability::ReadAssessment, Target::Any, |ctx| async move {
        let year = year.unwrap_or(crate::habits::types::Term::of(ctx.today()).year);
        if !crate::school::types::year_in_range(year) {
            return Err(crate::error::ValidationError::PeriodInvalid.into());
        }
        super::access::scheme(&ctx, year).await
    })
    .await
}

/// Sets a school year's scheme seen at `version`: a weight per criterion (`w_talks`, …),
/// the rhythm and the penalty.
#[server(prefix = "/api", endpoint = "assessment/scheme/save")]
pub async fn save_scheme(
    year: i32,
    version: i64,
    #[server(flatten)] input: SchemeInput,
) -> Result<(), AppError> {
    use crate::auth::permissions::{Capability, Target};
    use crate::frame::serve;
    serve(
        Capability::WriteAssessment,
        Target::School,
        |ctx| async move {
            if !crate::school::types::year_in_range(year) {
                return Err(crate::error::ValidationError::PeriodInvalid.into());
            }
            let scheme = Scheme::parse(
                year,
                &input.weights(),
                &input.talk_days,
                &input.visit_days,
                &input.penalty,
            )?;
            let mut tx = ctx.begin().await?;
            super::db::save_scheme(&mut tx, &scheme, version, ctx.viewer.user_id()).await?;
            tx.commit(format!("assessment_scheme {year}"), Target::School)
                .await?;
            leptos_axum::redirect("/assessment/scheme?saved=1");
            Ok(())
        },
    )
    .await
}

/// The leading group's score (empty: the compiled one stands) and comment on one criterion
/// of an open sheet seen at `version`.
#[server(prefix = "/api", endpoint = "assessment/mark")]
pub async fn mark(
    counselor: i64,
    period: String,
    criterion: String,
    version: i64,
    #[server(default)] score: String,
    #[server(default)] comment: String,
) -> Result<(), AppError> {
    use super::domain::mark;
    use super::types::Criterion;
    use crate::auth::permissions::{Capability, Target};
    use crate::error::ValidationError;
    use crate::frame::serve;
    serve(
        Capability::WriteAssessment,
        Target::School,
        |ctx| async move {
            let period = super::access::period_or_now(&ctx, Some(&period))?;
            let criterion = Criterion::parse(&criterion).ok_or(ValidationError::MarkInvalid)?;
            let scheme = super::access::scheme(&ctx, period.school_year()).await?;
            let mark = mark(&score, &comment, scheme.weight(criterion))?;
            // Nobody marks their own sheet (a leader who is also paired with children).
            if counselor == ctx.viewer.user_id() {
                return Err(ctx
                    .refuse(Capability::WriteAssessment, Target::User(counselor))
                    .await);
            }
            let today = ctx.today();
            let (first, end) = (period.first(), period.end(today));
            if first > today || !super::db::paired_in(ctx.pool(), counselor, first, end).await? {
                return Err(AppError::NotFound);
            }
            let key = period.key();
            let mut tx = ctx.begin().await?;
            let sheet = super::db::sheet_for(&mut tx, counselor, &key).await?;
            if sheet.closed {
                return Err(AppError::Conflict);
            }
            let me = ctx.viewer.user_id();
            super::db::save_mark(&mut tx, &sheet, version, criterion, &mark, me).await?;
            tx.commit(
                format!("assessment_mark {counselor} {key} {}", criterion.key()),
                Target::User(counselor),
            )
            .await?;
            leptos_axum::redirect(&format!("/assessment/sheet/{counselor}/{key}?saved=1"));
            Ok(())
        },
    )
    .await
}

/// Closes every open sheet of a period: each is kept as it is now, for good (the counselor
/// signs what was kept; there is no reopening), so the form's `confirm` box must be ticked.
#[server(prefix = "/api", endpoint = "assessment/close")]
pub async fn close_period(period: String, confirm: Option<String>) -> Result<(), AppError> {
    use super::access::PeriodSheets;
    use crate::auth::permissions::{Capability, Target};
    use crate::error::ValidationError;
    use crate::frame::serve;
    serve(
        Capability::WriteAssessment,
        Target::School,
        |ctx| async move {
            let period = super::access::period_or_now(&ctx, Some(&period))?;
            let today = ctx.today();
            // A period still running would be kept with its last days missing.
            if period.last() >= today {
                return Err(ValidationError::PeriodNotOver.into());
            }
            if confirm.is_none() {
                return Err(ValidationError::CloseNotConfirmed.into());
            }
            let key = period.key();
            let me = ctx.viewer.user_id();
            // The write's turn first: no mark, scheme or inspection lands between what is
            // compiled here and what is kept.
            let mut tx = ctx.begin().await?;
            let sheets = PeriodSheets::load(&ctx, period, None).await?;
            let mut closed = 0;
            for counselor in sheets.counselors(today) {
                if sheets.stored(counselor).is_some_and(|s| s.closed.is_some()) {
                    continue;
                }
                let kept = serde_json::to_string(&sheets.compiled(counselor, today)?)
                    .map_err(|e| AppError::internal(e.to_string()))?;
                let sheet = super::db::sheet_for(&mut tx, counselor, &key).await?;
                closed += u32::from(super::db::close(&mut tx, sheet.id, &kept, me).await?);
            }
            tx.commit(
                format!("close_assessment {key} ({closed} sheets)"),
                Target::School,
            )
            .await?;
            leptos_axum::redirect(&format!("/assessment?period={key}&closed=1"));
            Ok(())
        },
    )
    .await
}

/// The counselor signs their closed sheet (`sign`), or answers it in writing (`answer`).
#[server(prefix = "/api", endpoint = "assessment/respond")]
pub async fn respond(
    period: String,
    sign: Option<String>,
    #[server(default)] answer: String,
) -> Result<(), AppError> {
    use super::domain::{note, NOTE_MAX};
    use super::types::ResponseKind;
    use crate::auth::permissions::{Capability, Target};
    use crate::error::ValidationError;
    use crate::frame::serve;
    serve(Capability::ReadAssessment, Target::Any, |ctx| async move {
        let me = ctx.viewer.user_id();
        ctx.require(Capability::ReadAssessment, Target::User(me))
            .await?;
        let period = super::access::period_or_now(&ctx, Some(&period))?;
        let key = period.key();
        let (kind, body) = if sign.is_some() {
            (ResponseKind::Sign, String::new())
        } else {
            let body = note(&answer, NOTE_MAX * 4)?;
            if body.chars().count() < 2 {
                return Err(ValidationError::AnswerRequired.into());
            }
            (ResponseKind::Answer, body)
        };
        let stored = super::db::sheets(ctx.pool(), &key, Some(me)).await?;
        let sheet = stored.first().ok_or(AppError::NotFound)?;
        if sheet.closed.is_none() {
            return Err(ValidationError::SheetOpen.into());
        }
        let mut tx = ctx.begin().await?;
        super::db::respond(&mut tx, sheet.id, kind, &body, me).await?;
        tx.commit(format!("assessment_{} {key}", kind.key()), Target::User(me))
            .await?;
        leptos_axum::redirect(&format!("/assessment/sheet/{me}/{key}?saved=1"));
        Ok(())
    })
    .await
}

/// The contacts drawn for inspection in a period.
#[server(prefix = "/api", endpoint = "assessment/inspections", input = GetUrl)]
pub async fn get_inspections(period: Option<String>) -> Result<InspectionList, AppError> {
    use crate::auth::permissions::{Capability, Target};
    use crate::frame::serve;
    serve(
        Capability::WriteAssessment,
        Target::School,
        |ctx| async move {
            let period = super::access::period_or_now(&ctx, period.as_deref())?;
            super::access::inspections(&ctx, period).await
        },
    )
    .await
}

/// Draws `count` recorded contacts of a period at random to verify.
#[server(prefix = "/api", endpoint = "assessment/draw")]
pub async fn draw(period: String, count: String) -> Result<(), AppError> {
    use crate::auth::permissions::{Capability, Target};
    use crate::frame::serve;
    serve(
        Capability::WriteAssessment,
        Target::School,
        |ctx| async move {
            let period = super::access::period_or_now(&ctx, Some(&period))?;
            let count = super::domain::sample_size(&count)?;
            let key = period.key();
            let mut tx = ctx.begin().await?;
            let drawn = super::inspect_db::draw(
                &mut tx,
                &period,
                period.end(ctx.today()),
                count,
                ctx.viewer.user_id(),
            )
            .await?;
            tx.commit(
                format!("draw_inspection {key} ({drawn} contacts)"),
                Target::School,
            )
            .await?;
            leptos_axum::redirect(&format!("/assessment/inspections?period={key}&saved=1"));
            Ok(())
        },
    )
    .await
}

/// Records what verifying a drawn contact found, seen at `version`.
#[server(prefix = "/api", endpoint = "assessment/inspect")]
pub async fn inspect(
    inspection: i64,
    version: i64,
    outcome: String,
    #[server(default)] note: String,
) -> Result<(), AppError> {
    use super::types::Outcome;
    use crate::auth::permissions::{Capability, Target};
    use crate::error::ValidationError;
    use crate::frame::serve;
    serve(
        Capability::WriteAssessment,
        Target::School,
        |ctx| async move {
            let outcome = Outcome::parse(&outcome).ok_or(ValidationError::OutcomeInvalid)?;
            let note = super::domain::note(&note, super::domain::NOTE_MAX)?;
            let row = super::inspect_db::inspection(ctx.pool(), inspection).await?;
            let target = Target::Child {
                id: row.child_id,
                class_id: row.class_id,
            };
            let mut tx = ctx.begin().await?;
            super::inspect_db::record_outcome(
                &mut tx,
                inspection,
                version,
                outcome,
                &note,
                ctx.viewer.user_id(),
            )
            .await?;
            tx.commit(
                format!("inspect contact {} {}", row.entry_id, outcome.key()),
                target,
            )
            .await?;
            let period = crate::school::urls::encode_query_value(&row.period);
            leptos_axum::redirect(&format!("/assessment/inspections?period={period}&saved=1"));
            Ok(())
        },
    )
    .await
}
