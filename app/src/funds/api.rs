//! The money over HTTP. The leading group keeps the registry and the ledger (append-only:
//! a mistake is reversed, never edited); aid for a child is in `aid_api`. The public page
//! needs nobody signed in and names no child.

use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

use super::types::{DonorsPage, EntryInput, LedgerPage, PublicLedger};
use crate::error::AppError;

/// The year asked for, or the school's current one. A year the school keeps no books for,
/// or one still to come, is refused in words about the year ("check the year"), not as a
/// badly written date.
#[cfg(feature = "ssr")]
fn year_or(year: Option<i32>, today: chrono::NaiveDate) -> Result<i32, AppError> {
    use chrono::Datelike;
    match year {
        None => Ok(today.year()),
        Some(y) if crate::school::types::year_in_range(y) && y <= today.year() => Ok(y),
        Some(_) => Err(crate::error::ValidationError::DateOutOfRange.into()),
    }
}

/// The public page: totals per fund and need, aid by grade and need, unfunded needs,
/// thanks. Nobody signed in; nothing on it names a child or reaches a donor.
#[server(prefix = "/api", endpoint = "funds/public", input = GetUrl)]
pub async fn get_public(year: Option<i32>) -> Result<PublicLedger, AppError> {
    use crate::frame::serve_open;
    serve_open(|state, _ip| async move {
        let year = year_or(year, state.today())?;
        super::access::public_ledger(&state, year).await
    })
    .await
}

/// The ledger of a year, with each fund's totals.
#[server(prefix = "/api", endpoint = "funds/ledger", input = GetUrl)]
pub async fn get_ledger(year: Option<i32>) -> Result<LedgerPage, AppError> {
    use crate::auth::permissions::{Capability, Target};
    use crate::frame::serve;
    serve(Capability::ManageFunds, Target::School, |ctx| async move {
        let year = year_or(year, ctx.today())?;
        let page = super::access::ledger_page(&ctx, year).await?;
        ctx.read(format!("read_ledger {year}"), Target::School)
            .await?;
        Ok(page)
    })
    .await
}

/// The registry of donors and volunteers, with their contacts (staff only).
#[server(prefix = "/api", endpoint = "funds/donors", input = GetUrl)]
pub async fn get_donors() -> Result<DonorsPage, AppError> {
    use crate::auth::permissions::{Capability, Target};
    use crate::frame::serve;
    serve(Capability::ManageFunds, Target::School, |ctx| async move {
        let page = super::access::donors_page(&ctx).await?;
        ctx.read(
            format!("read_donors ({} donors)", page.donors.len()),
            Target::School,
        )
        .await?;
        Ok(page)
    })
    .await
}

/// A new fund, general or earmarked for a need.
#[server(prefix = "/api", endpoint = "funds/fund")]
pub async fn add_fund(name: String, #[server(default)] purpose: String) -> Result<(), AppError> {
    use super::{db, domain, types::Need};
    use crate::auth::permissions::{Capability, Target};
    use crate::error::ValidationError;
    use crate::frame::serve;
    serve(Capability::ManageFunds, Target::School, |ctx| async move {
        let name = domain::required(&name, domain::FUND_NAME_MAX)?;
        let purpose = match purpose.trim() {
            "" => None,
            p => Some(Need::parse(p).ok_or(ValidationError::NeedInvalid)?),
        };
        let mut tx = ctx.begin().await?;
        let id = db::insert_fund(&mut tx, &name, purpose).await?;
        tx.commit(format!("add_fund {id}"), Target::School).await?;
        leptos_axum::redirect("/funds?saved=1");
        Ok(())
    })
    .await
}

/// A donor or volunteer added to the registry.
#[server(prefix = "/api", endpoint = "funds/donor")]
pub async fn add_donor(
    kind: String,
    name: String,
    #[server(default)] contact: String,
    #[server(default)] named: Option<String>,
    #[server(default)] note: String,
) -> Result<(), AppError> {
    use super::db::{insert_donor, NewDonor};
    use super::{domain, types::DonorKind};
    use crate::auth::permissions::{Capability, Target};
    use crate::error::ValidationError;
    use crate::frame::serve;
    serve(Capability::ManageFunds, Target::School, |ctx| async move {
        let donor = NewDonor {
            kind: DonorKind::parse(&kind).ok_or(ValidationError::DonorInvalid)?,
            name: domain::required(&name, domain::NAME_MAX)?,
            contact: domain::optional(&contact, domain::NAME_MAX * 2)?,
            named_publicly: named.is_some(),
            note: domain::optional(&note, domain::TEXT_MAX)?,
        };
        let mut tx = ctx.begin().await?;
        let id = insert_donor(&mut tx, &donor, ctx.viewer.user_id()).await?;
        tx.commit(format!("add_donor {id}"), Target::School).await?;
        leptos_axum::redirect("/funds/donors?saved=1");
        Ok(())
    })
    .await
}

/// A donor's pledge to a fund, paid in `instalments`.
#[server(prefix = "/api", endpoint = "funds/pledge")]
pub async fn add_pledge(
    donor: i64,
    fund: i64,
    amount: String,
    #[server(default)] instalments: String,
    #[server(default)] day: String,
) -> Result<(), AppError> {
    use super::{db, domain};
    use crate::auth::permissions::{Capability, Target};
    use crate::error::ValidationError;
    use crate::frame::serve;
    serve(Capability::ManageFunds, Target::School, |ctx| async move {
        let amount = domain::parse_yuan(&amount)?;
        let count = domain::parse_instalments(&instalments)?;
        let day = domain::parse_day(&day, ctx.today())?;
        let mut tx = ctx.begin().await?;
        if !db::donor_exists(&mut tx, donor).await? {
            return Err(ValidationError::DonorInvalid.into());
        }
        if !db::fund_exists(&mut tx, fund).await? {
            return Err(ValidationError::FundInvalid.into());
        }
        let me = ctx.viewer.user_id();
        let id = db::insert_pledge(&mut tx, donor, fund, amount, count, day, me).await?;
        tx.commit(format!("add_pledge {id} donor {donor}"), Target::School)
            .await?;
        leptos_axum::redirect("/funds/donors?saved=1");
        Ok(())
    })
    .await
}

/// A line added to the ledger: a gift (perhaps an instalment of a pledge), goods, hours
/// or an expense. An expense cannot take a fund below nothing.
#[server(prefix = "/api", endpoint = "funds/entry")]
pub async fn add_entry(#[server(flatten)] input: EntryInput) -> Result<(), AppError> {
    use super::db::{self, NewEntry};
    use super::domain::EntryDraft;
    use crate::auth::permissions::{Capability, Target};
    use crate::error::ValidationError;
    use crate::frame::serve;
    serve(Capability::ManageFunds, Target::School, |ctx| async move {
        let draft = EntryDraft::parse(&input, ctx.today())?;
        let mut tx = ctx.begin().await?;
        let (mut donor, mut fund) = (draft.donor, draft.fund);
        if let Some(pledge) = draft.pledge {
            let (d, f) = db::pledge_of(&mut tx, pledge)
                .await?
                .ok_or(ValidationError::PledgeInvalid)?;
            // An instalment comes from the pledge's donor, into the pledge's fund.
            if donor.is_some_and(|named| named != d) {
                return Err(ValidationError::PledgeInvalid.into());
            }
            (donor, fund) = (Some(d), Some(f));
        }
        if let Some(d) = donor {
            if !db::donor_exists(&mut tx, d).await? {
                return Err(ValidationError::DonorInvalid.into());
            }
        }
        if let Some(f) = fund {
            if !db::fund_exists(&mut tx, f).await? {
                return Err(ValidationError::FundInvalid.into());
            }
            if draft.cash_fen < 0 && db::balance(&mut tx, f).await? + draft.cash_fen < 0 {
                return Err(ValidationError::FundShort.into());
            }
        }
        let new = NewEntry {
            kind: Some(draft.kind),
            day: Some(draft.day),
            fund,
            donor,
            pledge: draft.pledge,
            aid: None,
            cash_fen: draft.cash_fen,
            in_kind_fen: draft.in_kind_fen,
            minutes: draft.minutes,
            description: draft.description,
            reverses: None,
        };
        let id = db::insert_entry(&mut tx, &new, ctx.viewer.user_id()).await?;
        tx.commit(
            format!("ledger {id} {} {}", draft.kind.key(), draft.cash_fen),
            Target::School,
        )
        .await?;
        leptos_axum::redirect(&format!(
            "/funds?year={}&saved=1",
            chrono::Datelike::year(&draft.day)
        ));
        Ok(())
    })
    .await
}

/// Undoes a line with a reversing one (the original stays, as does the reason). A
/// reversed aid payment puts its request back to be paid again.
#[server(prefix = "/api", endpoint = "funds/reverse")]
pub async fn reverse(entry: i64, reason: String) -> Result<(), AppError> {
    use super::db::{self, NewEntry};
    use super::{aid_db, domain, types::AidState};
    use crate::auth::permissions::{Capability, Target};
    use crate::frame::serve;
    serve(Capability::ManageFunds, Target::School, |ctx| async move {
        let reason = domain::required(&reason, domain::TEXT_MAX)?;
        let mut tx = ctx.begin().await?;
        let original = db::one_entry(&mut tx, entry).await?;
        let (cash_fen, in_kind_fen, minutes) = domain::reversal(
            original.kind,
            original.reversed_by.is_some(),
            original.cash_fen,
            original.in_kind_fen,
            original.minutes,
        )?;
        let (fund, donor, pledge, aid) = db::entry_links(&mut tx, entry).await?;
        // Undoing a gift already spent would leave the fund owing.
        if let (Some(f), true) = (fund, cash_fen < 0) {
            if db::balance(&mut tx, f).await? + cash_fen < 0 {
                return Err(crate::error::ValidationError::FundShort.into());
            }
        }
        let new = NewEntry {
            kind: Some(super::types::EntryKind::Reversal),
            day: Some(ctx.today()),
            fund,
            donor,
            pledge,
            aid,
            cash_fen,
            in_kind_fen,
            minutes,
            description: reason,
            reverses: Some(entry),
        };
        let id = db::insert_entry(&mut tx, &new, ctx.viewer.user_id()).await?;
        // A payment undone: its request waits to be paid again, in the child's audit trail.
        let target = match aid {
            Some(aid) => {
                aid_db::set_state(&mut tx, aid, AidState::Approved).await?;
                let request = aid_db::one(&mut tx, aid).await?;
                // The checkup follow-up it closed is open again, until it is paid.
                crate::checkup::db::reopen_follow_up_paid_by(&mut tx, aid).await?;
                Target::Child {
                    id: request.child_id,
                    class_id: request.class_id,
                }
            }
            None => Target::School,
        };
        tx.commit(format!("ledger {id} reverses {entry}"), target)
            .await?;
        leptos_axum::redirect("/funds?saved=1");
        Ok(())
    })
    .await
}

/// Records how a donor was thanked for a gift.
#[server(prefix = "/api", endpoint = "funds/thank")]
pub async fn thank(
    entry: i64,
    how: String,
    #[server(default)] day: String,
) -> Result<(), AppError> {
    use super::{db, domain, types::EntryKind};
    use crate::auth::permissions::{Capability, Target};
    use crate::frame::serve;
    serve(Capability::ManageFunds, Target::School, |ctx| async move {
        let how = domain::required(&how, domain::NAME_MAX)?;
        let day = domain::parse_day(&day, ctx.today())?;
        let mut tx = ctx.begin().await?;
        let line = db::one_entry(&mut tx, entry).await?;
        let thankable = matches!(
            line.kind,
            EntryKind::Gift | EntryKind::InKind | EntryKind::Hours
        ) && line.donor.is_some()
            && line.reversed_by.is_none();
        if !thankable {
            return Err(crate::error::ValidationError::CannotThank.into());
        }
        db::acknowledge(&mut tx, entry, &how, day, ctx.viewer.user_id()).await?;
        tx.commit(format!("thank ledger {entry}"), Target::School)
            .await?;
        leptos_axum::redirect("/funds/donors?saved=1");
        Ok(())
    })
    .await
}
