//! Who reaches which of the money's records, and the pages put together from them: the
//! ledger and the registry for the leading group, aid requests for those who may read the
//! child's care (a counselor their paired children's), the public page for everyone
//! (numbers, grades and needs, never a child's name nor a donor's contact).

use chrono::Datelike;
use sqlx::SqlitePool;

use super::types::{
    AidPage, AidPrefill, AidRequest, AidState, DonorsPage, FundTotals, LedgerPage, PledgeChoice,
    PublicLedger, Totals,
};
use super::{aid_db, db, domain};
use crate::auth::permissions::{Capability, Target};
use crate::error::AppError;
use crate::frame::Ctx;
use crate::school::table::Cell;

/// Every fund's totals for `year`, and the whole school's.
pub async fn fund_totals(
    pool: &SqlitePool,
    year: i32,
) -> Result<(Vec<FundTotals>, Totals), AppError> {
    let lines = db::lines(pool).await?;
    let funds = db::funds(pool)
        .await?
        .into_iter()
        .map(|fund| FundTotals {
            totals: domain::totals(&lines, Some(fund.id), year),
            fund,
        })
        .collect();
    Ok((funds, domain::totals(&lines, None, year)))
}

pub async fn ledger_page(ctx: &Ctx, year: i32) -> Result<LedgerPage, AppError> {
    let pool = ctx.pool();
    let (funds, all) = fund_totals(pool, year).await?;
    let pledges = db::open_pledges(pool)
        .await?
        .into_iter()
        .map(|(id, donor, fund, amount, paid)| PledgeChoice {
            id,
            label: format!(
                "{donor} · {fund} · {} / {}",
                domain::yuan(paid),
                domain::yuan(amount)
            ),
        })
        .collect();
    Ok(LedgerPage {
        year,
        first_year: db::first_year(pool).await?.unwrap_or(year),
        today: ctx.today(),
        funds,
        all,
        entries: db::entries(pool, year).await?,
        donors: db::donor_names(pool).await?,
        pledges,
    })
}

pub async fn donors_page(ctx: &Ctx) -> Result<DonorsPage, AppError> {
    Ok(DonorsPage {
        today: ctx.today(),
        donors: db::donors(ctx.pool()).await?,
        funds: db::funds(ctx.pool()).await?,
    })
}

fn target(r: &aid_db::StoredRequest) -> Target {
    Target::Child {
        id: r.child_id,
        class_id: r.class_id,
    }
}

/// One request, if the viewer may `capability` on its child (a refusal is audited).
pub async fn require_request(
    ctx: &Ctx,
    capability: Capability,
    id: i64,
) -> Result<aid_db::StoredRequest, AppError> {
    let mut conn = ctx.pool().acquire().await?;
    let request = aid_db::one(&mut conn, id).await?;
    ctx.require(capability, target(&request)).await?;
    Ok(request)
}

/// An aid payment's receipt, for one who may read that child's aid (audited).
pub async fn receipt(ctx: &Ctx, aid: i64) -> Result<Vec<u8>, AppError> {
    let request = require_request(ctx, Capability::ReadAid, aid).await?;
    let jpeg = aid_db::receipt(ctx.pool(), aid)
        .await?
        .ok_or(AppError::NotFound)?;
    ctx.read(format!("read_aid_receipt {aid}"), target(&request))
        .await?;
    Ok(jpeg)
}

/// The aid page: the requests for children whose care the viewer reads, with who decided,
/// whether the viewer may decide now, and how each was paid. `prefill` (child, checkup
/// year) starts a request from that child's open checkup follow-up.
pub async fn aid_page(ctx: &Ctx, prefill: Option<(i64, i32)>) -> Result<AidPage, AppError> {
    let pool = ctx.pool();
    let me = ctx.viewer.user_id();
    let decisions = aid_db::decisions(pool).await?;
    let payments = aid_db::payments(pool).await?;
    let decides = ctx.may(Capability::DecideAid, Target::School);
    let requests = aid_db::requests(pool)
        .await?
        .into_iter()
        .filter(|r| ctx.may(Capability::ReadAid, target(r)))
        .map(|r| {
            let mine: Vec<_> = decisions.iter().filter(|(aid, ..)| *aid == r.id).collect();
            let decided = mine.iter().any(|(_, user, _)| *user == me);
            AidRequest {
                can_decide: decides
                    && r.state == AidState::Pending
                    && domain::may_decide(r.requested_by, me)
                    && !decided,
                decisions: mine.into_iter().map(|(_, _, d)| d.clone()).collect(),
                approvals_needed: domain::approvals_needed(r.amount_fen),
                paid: payments
                    .iter()
                    .find(|(aid, _)| *aid == r.id)
                    .map(|(_, p)| p.clone()),
                id: r.id,
                version: r.version,
                child_id: r.child_id,
                child_name: r.child_name,
                class: r.class,
                need: r.need,
                amount_fen: r.amount_fen,
                reason: r.reason,
                checkup_year: r.checkup_year,
                requested_by: r.requester,
                requested_on: r.requested_on,
                state: r.state,
            }
        })
        .collect();
    let children = aid_db::active_children(pool)
        .await?
        .into_iter()
        .filter(|(id, _, class_id, _)| {
            ctx.may(
                Capability::RequestAid,
                Target::Child {
                    id: *id,
                    class_id: *class_id,
                },
            )
        })
        .map(|(id, name, _, class)| (id, name, class))
        .collect::<Vec<_>>();
    let prefill = match prefill {
        Some((child, year)) if children.iter().any(|(id, ..)| *id == child) => {
            crate::checkup::db::result(pool, year, child)
                .await?
                .and_then(|r| match (r.follow_up, r.closed) {
                    (Some(what), None) => Some(AidPrefill {
                        child_id: child,
                        need: domain::need_of_follow_up(&what),
                        reason: what,
                        checkup_year: year,
                    }),
                    _ => None,
                })
        }
        _ => None,
    };
    let pays = ctx.may(Capability::ManageFunds, Target::School);
    Ok(AidPage {
        today: ctx.today(),
        requests,
        children,
        pays,
        funds: if pays {
            fund_totals(pool, ctx.today().year()).await?.0
        } else {
            Vec::new()
        },
        prefill,
    })
}

/// The public page of `year`: what came in and went out per fund, where every fen went
/// (aid by need, other expenses by what they paid for), the aid lines by grade and need,
/// approved needs still unfunded, and the donors who agreed to be named.
pub async fn public_ledger(
    state: &crate::state::AppState,
    year: i32,
) -> Result<PublicLedger, AppError> {
    let pool = &state.pool;
    let this_year = state.today().year();
    let (funds, all) = fund_totals(pool, year).await?;
    let crate::settings::types::SchoolInfo {
        name: school,
        phone,
        ..
    } = state.school_info();
    let school_phone = (!phone.is_empty()).then_some(phone);
    let spent = domain::spending(
        aid_db::out_by_need(pool, year).await?,
        db::other_spending(pool, year).await?,
    );
    // A goal is money a donor can give today, measured against what its funds hold today:
    // the page of this year (or of one not begun, which holds the same) shows today's
    // balances. A past year's page closes on that year's balances, so a goal there would
    // count money the year never had: it points to this year's page instead.
    let goals = if year >= this_year {
        Some(domain::goals(aid_db::waiting_needs(pool).await?, &funds))
    } else {
        None
    };
    Ok(PublicLedger {
        school,
        school_phone,
        year,
        this_year,
        first_year: db::first_year(pool).await?.unwrap_or(this_year),
        funds,
        all,
        spent,
        aid: aid_db::public_aid(pool, year).await?,
        goals,
        thanks: db::thanked_publicly(pool, year).await?,
    })
}

/// The year's report for funders, as rows for a spreadsheet: every line of the ledger
/// (aid by grade and need, never a name), then each fund's totals.
pub async fn report(
    ctx: &Ctx,
    year: i32,
    t: &'static crate::i18n::Strings,
) -> Result<(Vec<&'static str>, Vec<Vec<Cell>>), AppError> {
    let f = t.funds;
    let pool = ctx.pool();
    let headers = vec![
        f.col_day,
        f.col_kind,
        f.col_fund,
        f.col_from,
        f.col_what,
        f.col_cash,
        f.col_in_kind,
        f.col_hours,
        f.col_line,
    ];
    let mut entries = db::entries(pool, year).await?;
    entries.reverse();
    let mut rows: Vec<Vec<Cell>> = entries
        .into_iter()
        .map(|e| {
            let what = match e.aid {
                Some((grade, need)) => super::strings::aid_line(t, grade, need, None),
                None => e.description.clone(),
            };
            let what = match e.reverses {
                Some(original) => format!("{} #{original} {what}", f.reverses),
                None => what,
            };
            vec![
                e.day.to_string().into(),
                super::strings::entry_kind(t, e.kind).into(),
                e.fund.unwrap_or_default().into(),
                // Funders see the names of those who agreed to be named, no other.
                match (e.donor, e.donor_named) {
                    (Some(name), true) => name.into(),
                    (Some(_), false) => f.anonymous.into(),
                    (None, _) => Cell::default(),
                },
                what.into(),
                money_cell(e.cash_fen),
                money_cell(e.in_kind_fen),
                hours_cell(e.minutes),
                Cell::Whole(e.id),
            ]
        })
        .collect();
    let (funds, all) = fund_totals(pool, year).await?;
    rows.push(Vec::new());
    rows.push(
        [
            f.col_fund, f.carried, f.cash_in, f.cash_out, f.balance, f.in_kind, f.hours,
        ]
        .map(Cell::from)
        .to_vec(),
    );
    let named = funds
        .iter()
        .map(|ft| (ft.fund.name.clone(), ft.totals))
        .chain(std::iter::once((f.all_funds.to_owned(), all)));
    for (name, totals) in named {
        rows.push(vec![
            name.into(),
            money_cell(totals.carried_fen),
            money_cell(totals.cash_in_fen),
            money_cell(totals.cash_out_fen),
            money_cell(totals.balance_fen),
            money_cell(totals.in_kind_fen),
            Cell::Tenths(domain::hour_tenths(totals.minutes)),
        ]);
    }
    Ok((headers, rows))
}

/// Money as a spreadsheet cell: a figure in yuan, blank for none.
fn money_cell(fen: i64) -> Cell {
    match fen {
        0 => Cell::default(),
        fen => Cell::Fen(fen),
    }
}

/// Hours given as a spreadsheet cell, blank for none.
fn hours_cell(minutes: i64) -> Cell {
    match minutes {
        0 => Cell::default(),
        minutes => Cell::Tenths(domain::hour_tenths(minutes)),
    }
}
