//! Aid for a child over HTTP: counselors ask for their paired children; a member of the
//! leading group other than the one who asked approves it (two above the threshold); it is
//! paid from a fund with a receipt, and the checkup follow-up it answers closes with it.

use leptos::prelude::*;
use leptos::server_fn::codec::{GetUrl, MultipartData, MultipartFormData};

use super::types::AidPage;
use crate::error::AppError;

/// The aid requests the viewer may read (each child's read audited), and the form for a
/// new one; `child` and `year` start it from that child's checkup follow-up.
#[server(prefix = "/api", endpoint = "funds/aid", input = GetUrl)]
pub async fn get_aid(child: Option<i64>, year: Option<i32>) -> Result<AidPage, AppError> {
    use crate::auth::permissions::{Capability, Target};
    use crate::frame::serve;
    serve(Capability::ReadAid, Target::Any, |ctx| async move {
        let page = super::access::aid_page(&ctx, child.zip(year)).await?;
        let mut read = std::collections::BTreeSet::new();
        for r in &page.requests {
            if read.insert(r.child_id) {
                let record = crate::children::db::one(ctx.pool(), r.child_id).await?;
                ctx.read(format!("read_aid {}", r.child_id), record.target())
                    .await?;
            }
        }
        if let Some(p) = &page.prefill {
            let record = crate::children::db::one(ctx.pool(), p.child_id).await?;
            ctx.read(
                format!("read_follow_up_for_aid {}", p.child_id),
                record.target(),
            )
            .await?;
        }
        Ok(page)
    })
    .await
}

/// Asks aid for a child: what for, how much, why; from a checkup follow-up if `year`.
#[server(prefix = "/api", endpoint = "funds/aid/request")]
pub async fn request_aid(
    child: i64,
    need: String,
    amount: String,
    reason: String,
    #[server(default)] year: Option<i32>,
) -> Result<(), AppError> {
    use super::aid_db::{insert_request, NewRequest};
    use super::{domain, types::Need};
    use crate::auth::permissions::{Capability, Target};
    use crate::children::access::require_child;
    use crate::error::ValidationError;
    use crate::frame::serve;
    serve(Capability::RequestAid, Target::Any, |ctx| async move {
        let record = require_child(&ctx, Capability::RequestAid, child).await?;
        if record.enrolment != crate::children::types::Enrolment::Active {
            return Err(AppError::NotFound);
        }
        let need = Need::parse(&need).ok_or(ValidationError::NeedInvalid)?;
        let amount_fen = domain::parse_yuan(&amount)?;
        let reason = domain::required(&reason, domain::TEXT_MAX)?;
        if let Some(y) = year {
            let open = crate::checkup::db::result(ctx.pool(), y, child)
                .await?
                .is_some_and(|r| r.follow_up.is_some() && r.closed.is_none());
            if !open {
                return Err(ValidationError::FollowUpClosed.into());
            }
        }
        let new = NewRequest {
            child,
            need,
            amount_fen,
            reason: &reason,
            checkup_year: year,
            day: ctx.today(),
        };
        let mut tx = ctx.begin().await?;
        if let Some(y) = year {
            if super::aid_db::asked_for_follow_up(&mut tx, child, y).await? {
                return Err(ValidationError::AidAlreadyAsked.into());
            }
        }
        let id = insert_request(&mut tx, &new, ctx.viewer.user_id()).await?;
        tx.commit(format!("request_aid {id} {amount_fen}"), record.target())
            .await?;
        leptos_axum::redirect("/funds/aid?saved=1");
        Ok(())
    })
    .await
}

/// A leader's decision on a request seen at `version`: nobody decides on their own
/// request, each leader once; one refusal declines it.
#[server(prefix = "/api", endpoint = "funds/aid/decide")]
pub async fn decide_aid(
    aid: i64,
    version: i64,
    approve: Option<String>,
    #[server(default)] note: String,
) -> Result<(), AppError> {
    use super::{access, aid_db, domain};
    use crate::auth::permissions::{Capability, Target};
    use crate::frame::serve;
    serve(Capability::DecideAid, Target::School, |ctx| async move {
        let request = access::require_request(&ctx, Capability::DecideAid, aid).await?;
        let target = Target::Child {
            id: request.child_id,
            class_id: request.class_id,
        };
        let me = ctx.viewer.user_id();
        if !domain::may_decide(request.requested_by, me) {
            return Err(ctx.refuse(Capability::DecideAid, target).await);
        }
        let note = domain::optional(&note, domain::NAME_MAX * 2)?;
        let mut tx = ctx.begin().await?;
        let (approvals, refusals) = aid_db::decide(
            &mut tx,
            aid,
            version,
            me,
            approve.as_deref() == Some("1"),
            &note,
            ctx.today(),
        )
        .await?;
        let state = domain::state_after(request.amount_fen, approvals as usize, refusals as usize);
        aid_db::set_state(&mut tx, aid, state).await?;
        tx.commit(format!("decide_aid {aid} {}", state.key()), target)
            .await?;
        leptos_axum::redirect("/funds/aid?saved=1");
        Ok(())
    })
    .await
}

/// Pays an approved request from a fund, with its receipt (`file`: a photo or scan,
/// written again without its metadata): a line out of the fund, the request paid, and
/// the checkup follow-up it answers closed, all in one write.
#[server(prefix = "/api", endpoint = "funds/aid/pay", input = MultipartFormData)]
pub async fn pay_aid(data: MultipartData) -> Result<(), AppError> {
    use super::db::{self, NewEntry};
    use super::{access, aid_db, domain, types::EntryKind};
    use crate::auth::permissions::{Capability, Target};
    use crate::error::ValidationError;
    use crate::frame::serve;
    serve(Capability::ManageFunds, Target::School, |ctx| async move {
        let upload =
            crate::native_submit::read_upload(data, crate::care::api::UPLOAD_MAX, "receipt")
                .await
                .map_err(crate::native_submit::as_picture)?;
        let field = |name: &str| upload.fields.get(name).cloned().unwrap_or_default();
        let number = |name: &str| {
            field(name)
                .trim()
                .parse::<i64>()
                .map_err(|_| ValidationError::Malformed)
        };
        let (aid, version, fund) = (number("aid")?, number("version")?, number("fund")?);
        let request = access::require_request(&ctx, Capability::ReadAid, aid).await?;
        let target = Target::Child {
            id: request.child_id,
            class_id: request.class_id,
        };
        let day = domain::parse_money_day(&field("day"), ctx.today())?;
        if upload.bytes.is_empty() {
            return Err(ValidationError::ReceiptRequired.into());
        }
        let bytes = upload.bytes;
        let receipt =
            tokio::task::spawn_blocking(move || crate::care::picture_domain::clean(&bytes))
                .await
                .map_err(|e| AppError::internal(format!("receipt: {e}")))??;
        let t = crate::page::use_strings();
        let mut tx = ctx.begin().await?;
        // Money given for one need does not pay another.
        match db::fund_purpose(&mut tx, fund).await? {
            None => return Err(ValidationError::FundInvalid.into()),
            Some(Some(purpose)) if purpose != request.need => {
                return Err(ValidationError::FundPurpose.into())
            }
            Some(_) => {}
        }
        if db::balance(&mut tx, fund).await? < request.amount_fen {
            return Err(ValidationError::FundShort.into());
        }
        aid_db::mark_paid(&mut tx, aid, version).await?;
        let new = NewEntry {
            kind: Some(EntryKind::Aid),
            day: Some(day),
            fund: Some(fund),
            aid: Some(aid),
            cash_fen: -request.amount_fen,
            description: super::strings::need_label(t, request.need).to_owned(),
            ..Default::default()
        };
        let entry = db::insert_entry(&mut tx, &new, ctx.viewer.user_id()).await?;
        aid_db::insert_receipt(&mut tx, entry, aid, &receipt).await?;
        if let Some(year) = request.checkup_year {
            crate::checkup::db::close_follow_up_paid_by(
                &mut tx,
                year,
                request.child_id,
                aid,
                &(t.funds.follow_up_paid)(&domain::yuan(request.amount_fen)),
            )
            .await?;
        }
        tx.commit(format!("pay_aid {aid} ledger {entry}"), target)
            .await?;
        leptos_axum::redirect("/funds/aid?saved=1");
        Ok(())
    })
    .await
}
