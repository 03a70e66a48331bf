//! Awards over HTTP: the leading group sets the criteria and decides (never on its own
//! nomination); counselors and class teachers nominate the children they may; every read
//! and write audited.

use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

use super::types::{AwardsPage, Certificate, NominationForm};
use crate::error::AppError;

/// This term's criteria and nominations (all for the leading group, one's own otherwise).
#[server(prefix = "/api", endpoint = "awards/list", input = GetUrl)]
pub async fn get_awards() -> Result<AwardsPage, AppError> {
    use crate::auth::permissions::{Capability, Target};
    use crate::frame::serve;
    serve(Capability::Nominate, Target::Any, |ctx| async move {
        let page = super::access::awards_page(&ctx).await?;
        ctx.read(
            format!("read_awards ({} nominations)", page.nominations.len()),
            Target::Any,
        )
        .await?;
        // Diary lines and care notes are read per child, as on the child's own record.
        for n in &page.nominations {
            if !n.evidence.diary.is_empty() || !n.evidence.care.is_empty() {
                let record = crate::children::db::one(ctx.pool(), n.child_id).await?;
                ctx.read(
                    format!("read_award_evidence {}", n.child_id),
                    record.target(),
                )
                .await?;
            }
        }
        Ok(page)
    })
    .await
}

/// Sets this term's criteria, seen at `version` (0: none yet).
#[server(prefix = "/api", endpoint = "awards/criteria")]
pub async fn save_criteria(criteria: String, version: i64) -> Result<(), AppError> {
    use super::{db, domain};
    use crate::auth::permissions::{Capability, Target};
    use crate::frame::serve;
    serve(Capability::DecideAwards, Target::School, |ctx| async move {
        let text = domain::criteria(&criteria)?;
        let key = domain::term_key(&crate::habits::types::Term::of(ctx.today()));
        let mut tx = ctx.begin().await?;
        db::save_criteria(&mut tx, &key, &text, version, ctx.viewer.user_id()).await?;
        tx.commit(format!("award_criteria {key}"), Target::School)
            .await?;
        leptos_axum::redirect("/awards?saved=1");
        Ok(())
    })
    .await
}

/// The evidence gathered for nominating `child`.
#[server(prefix = "/api", endpoint = "awards/evidence", input = GetUrl)]
pub async fn get_nomination_form(child: i64) -> Result<NominationForm, AppError> {
    use crate::auth::permissions::{Capability, Target};
    use crate::children::access::require_child;
    use crate::frame::serve;
    serve(Capability::Nominate, Target::Any, |ctx| async move {
        let record = require_child(&ctx, Capability::Nominate, child).await?;
        let form = super::access::nomination_form(&ctx, &record).await?;
        ctx.read(format!("read_award_evidence {child}"), record.target())
            .await?;
        Ok(form)
    })
    .await
}

/// Nominates `child` for this term with a statement and the evidence chosen (`diary`,
/// `care`: ids of the lines offered). The evidence is kept as it is now.
#[server(prefix = "/api", endpoint = "awards/nominate")]
pub async fn nominate(
    child: i64,
    statement: String,
    #[server(default)] diary: Vec<i64>,
    #[server(default)] care: Vec<i64>,
) -> Result<(), AppError> {
    use super::{access, db, domain, types::Evidence};
    use crate::auth::permissions::{Capability, Target};
    use crate::children::access::require_child;
    use crate::frame::serve;
    serve(Capability::Nominate, Target::Any, |ctx| async move {
        let record = require_child(&ctx, Capability::Nominate, child).await?;
        let statement = domain::statement(&statement)?;
        let form = access::nomination_form(&ctx, &record).await?;
        let evidence = Evidence {
            summaries: form.summaries,
            diary: domain::chosen(&form.diary, &diary)?,
            care: domain::chosen(&form.care, &care)?,
        };
        let key = domain::term_key(&form.term);
        let mut tx = ctx.begin().await?;
        let id = db::insert_nomination(
            &mut tx,
            &key,
            child,
            ctx.viewer.user_id(),
            &statement,
            &evidence,
        )
        .await?;
        tx.commit(format!("nominate {child} nomination {id}"), record.target())
            .await?;
        leptos_axum::redirect("/awards?saved=1");
        Ok(())
    })
    .await
}

/// Approves (`approve`) or declines a nomination seen at `version`. Nobody decides on
/// their own; an approved award is pinned in the child's growth diary.
#[server(prefix = "/api", endpoint = "awards/decide")]
pub async fn decide(
    nomination: i64,
    version: i64,
    approve: Option<String>,
    #[server(default)] note: String,
) -> Result<(), AppError> {
    use super::{db, domain, types::NominationState};
    use crate::auth::permissions::{Capability, Target};
    use crate::frame::serve;
    serve(Capability::DecideAwards, Target::School, |ctx| async move {
        let row = db::nomination(ctx.pool(), nomination).await?;
        let target = Target::Child {
            id: row.child_id,
            class_id: row.class_id,
        };
        let me = ctx.viewer.user_id();
        if !domain::may_decide(row.nominated_by, me) {
            return Err(ctx.refuse(Capability::DecideAwards, target).await);
        }
        let note = crate::habits::forms_domain::short_text(&note)?;
        let state = if approve.is_some() {
            NominationState::Approved
        } else {
            NominationState::Declined
        };
        let t = crate::page::use_strings();
        let term = domain::term_of_key(&row.term).ok_or_else(|| {
            AppError::internal(format!("nomination {nomination}: term {:?}", row.term))
        })?;
        let mut tx = ctx.begin().await?;
        db::decide(&mut tx, nomination, version, state, me, &note, ctx.today()).await?;
        if state == NominationState::Approved {
            let body = (t.awards.diary_pin)(&crate::habits::strings::term_label(t, &term));
            db::pin_in_diary(&mut tx, row.child_id, me, nomination, &body).await?;
        }
        tx.commit(
            format!("decide_award nomination {nomination} {}", state.key()),
            target,
        )
        .await?;
        leptos_axum::redirect("/awards?saved=1");
        Ok(())
    })
    .await
}

/// The certificate of an approved award: for the leading group and the nominator.
#[server(prefix = "/api", endpoint = "awards/certificate", input = GetUrl)]
pub async fn get_certificate(nomination: i64) -> Result<Certificate, AppError> {
    use super::{access, domain, types::NominationState};
    use crate::auth::permissions::{Capability, Target};
    use crate::frame::serve;
    serve(Capability::Nominate, Target::Any, |ctx| async move {
        let row = access::visible_nomination(&ctx, nomination).await?;
        if row.state != NominationState::Approved {
            return Err(AppError::NotFound);
        }
        let target = Target::Child {
            id: row.child_id,
            class_id: row.class_id,
        };
        let certificate = Certificate {
            school: ctx.state().school_info().name,
            child: row.child_name,
            class: row.class,
            term: domain::term_of_key(&row.term)
                .ok_or_else(|| AppError::internal(format!("nomination {nomination}: term")))?,
            approved_on: row.decided_on.unwrap_or(ctx.today()),
        };
        ctx.read(format!("read_award_certificate {nomination}"), target)
            .await?;
        Ok(certificate)
    })
    .await
}

/// Puts the award ceremony on the school calendar (no child's name on it).
#[server(prefix = "/api", endpoint = "awards/ceremony")]
pub async fn plan_ceremony(date: String, time: String) -> Result<(), AppError> {
    use crate::auth::permissions::{Capability, Target};
    use crate::calendar::domain::event_form::EventDraft;
    use crate::calendar::domain::local_time::{parse_date, parse_time};
    use crate::calendar::series_db::{insert_event, NewEvent};
    use crate::calendar::types::Audience;
    use crate::calendar::types::Category;
    use crate::error::ValidationError;
    use crate::frame::serve;
    use crate::school::text::fold;
    serve(Capability::DecideAwards, Target::School, |ctx| async move {
        let t = crate::page::use_strings();
        let day = parse_date(&fold(&date)).ok_or(ValidationError::InvalidDate)?;
        let day = crate::school::types::planned_day(day, ctx.today())?;
        let at = parse_time(&fold(&time)).ok_or(ValidationError::InvalidTime)?;
        let start = day.and_time(at);
        let term = crate::habits::types::Term::of(day);
        let draft = EventDraft {
            title: (t.awards.ceremony_title)(&crate::habits::strings::term_label(t, &term)),
            category: Category::Thematic,
            all_day: false,
            start,
            end: start + chrono::Duration::hours(1),
            location: None,
            audience: Audience::School,
            student_visible: true,
            description: String::new(),
            rrule: None,
        };
        let mut tx = ctx.begin().await?;
        let event = insert_event(&mut tx, &NewEvent::new(&draft, ctx.state().time_zone)).await?;
        tx.commit(format!("award_ceremony event {event}"), Target::School)
            .await?;
        leptos_axum::redirect("/awards?saved=1");
        Ok(())
    })
    .await
}
