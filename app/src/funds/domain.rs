//! The rules of the money: amounts read as yuan and kept as integer fen (never floating
//! point), a fund's totals from its ledger lines, reversals, who decides on aid and how
//! many must approve it, a pledge's instalments. The same parsers run in the form and on
//! the server.

use chrono::{Datelike, NaiveDate};

use super::types::{EntryInput, EntryKind, FundTotals, Goal, Need, Spent, SpentOn, Totals};
use crate::error::ValidationError;
use crate::school::text::fold;

/// The most one line may carry: ¥1,000,000.
pub const MAX_FEN: i64 = 100_000_000;
/// Aid above this (¥500) needs two approvers of the leading group; below, one.
pub const TWO_APPROVERS_ABOVE_FEN: i64 = 50_000;
/// The most volunteer hours one line records (a fortnight's full days).
pub const MAX_MINUTES: i64 = 100 * 60;
pub const NAME_MAX: usize = 60;
pub const FUND_NAME_MAX: usize = 40;
pub const TEXT_MAX: usize = 500;

/// An amount of yuan as people type it (`180`, `180.5`, `¥1,800.00`, full-width digits)
/// in fen; more than two decimals, zero, negatives and more than [`MAX_FEN`] are refused.
/// A comma (or a space) only groups thousands: `1,5` or `12，34`, a decimal comma typed by
/// habit, is refused rather than read as 15 or 1234.
pub fn parse_yuan(raw: &str) -> Result<i64, ValidationError> {
    let folded = fold(raw);
    let text = folded
        .trim()
        .trim_start_matches(['¥', '￥'])
        .trim_end_matches('元')
        .trim();
    let (grouped, part) = text.split_once('.').unwrap_or((text, ""));
    let groups: Vec<&str> = grouped.split([',', ' ']).collect();
    let thousands = groups.iter().skip(1).all(|g| g.len() == 3)
        && (groups.len() == 1 || (1..=3).contains(&groups[0].len()));
    let whole = groups.concat();
    let whole = whole.as_str();
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if !thousands
        || !digits(whole)
        || !(part.is_empty() || digits(part))
        || part.len() > 2
        || whole.len() > 9
    {
        return Err(ValidationError::AmountInvalid);
    }
    let yuan: i64 = whole.parse().map_err(|_| ValidationError::AmountInvalid)?;
    let fen: i64 = match part.len() {
        0 => 0,
        1 => {
            part.parse::<i64>()
                .map_err(|_| ValidationError::AmountInvalid)?
                * 10
        }
        _ => part.parse().map_err(|_| ValidationError::AmountInvalid)?,
    };
    let total = yuan * 100 + fen;
    if total <= 0 || total > MAX_FEN {
        return Err(ValidationError::AmountInvalid);
    }
    Ok(total)
}

/// Fen as yuan for people: `¥180`, `¥180.50`, `-¥12.05`, thousands not grouped (as on a
/// Chinese receipt).
pub fn yuan(fen: i64) -> String {
    let sign = if fen < 0 { "-" } else { "" };
    let abs = fen.unsigned_abs();
    match abs % 100 {
        0 => format!("{sign}¥{}", abs / 100),
        cents => format!("{sign}¥{}.{cents:02}", abs / 100),
    }
}

/// Hours of volunteer work (`3`, `2.5`, `1.25`) in whole minutes, 1 minute up to [`MAX_MINUTES`].
pub fn parse_hours(raw: &str) -> Result<i64, ValidationError> {
    let text = fold(raw);
    let (whole, part) = text.split_once('.').unwrap_or((&text, ""));
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if whole.is_empty() || !digits(whole) || !digits(part) || part.len() > 2 || whole.len() > 4 {
        return Err(ValidationError::HoursInvalid);
    }
    let hundredths: i64 = format!("{whole}{part:0<2}")
        .parse()
        .map_err(|_| ValidationError::HoursInvalid)?;
    let minutes = (hundredths * 60 + 50) / 100;
    if !(1..=MAX_MINUTES).contains(&minutes) {
        return Err(ValidationError::HoursInvalid);
    }
    Ok(minutes)
}

/// Minutes as hours for people: `2.5`, `12`.
pub fn hours(minutes: i64) -> String {
    crate::school::table::one_decimal(hour_tenths(minutes))
}

/// Minutes as tenths of an hour, rounded to the nearest (half away from zero, so that a
/// reversed line is exactly its original's opposite).
pub fn hour_tenths(minutes: i64) -> i64 {
    minutes.signum() * ((minutes.abs() * 10 + 30) / 60)
}

/// A required line of text (a name, a reason), trimmed, 1 to `max` characters.
pub fn required(raw: &str, max: usize) -> Result<String, ValidationError> {
    let text = raw.trim().to_owned();
    if text.is_empty() {
        return Err(ValidationError::FundsTextRequired);
    }
    if text.chars().count() > max {
        return Err(ValidationError::TextTooLong);
    }
    Ok(text)
}

/// Optional text, trimmed, at most `max` characters.
pub fn optional(raw: &str, max: usize) -> Result<String, ValidationError> {
    let text = raw.trim().to_owned();
    if text.chars().count() > max {
        return Err(ValidationError::TextTooLong);
    }
    Ok(text)
}

/// The first day money may be recorded on: a year's accounts stay open through the next
/// January, for receipts that come late, then close as donors have seen them.
pub fn first_open_day(today: NaiveDate) -> NaiveDate {
    let year = if today.month() == 1 {
        today.year() - 1
    } else {
        today.year()
    };
    NaiveDate::from_ymd_opt(year, 1, 1).unwrap_or(today)
}

/// A day of money moving (a ledger line, an aid payment): a day of [`parse_day`], in a year
/// whose accounts are still open.
pub fn parse_money_day(raw: &str, today: NaiveDate) -> Result<NaiveDate, ValidationError> {
    let day = parse_day(raw, today)?;
    if day < first_open_day(today) {
        return Err(ValidationError::LedgerYearClosed);
    }
    Ok(day)
}

/// A day of the funds' records (a pledge made, thanks sent): up to today, within the
/// school's years.
pub fn parse_day(raw: &str, today: NaiveDate) -> Result<NaiveDate, ValidationError> {
    let day = match fold(raw).as_str() {
        "" => today,
        d => crate::calendar::domain::local_time::parse_date(d)
            .ok_or(ValidationError::InvalidDate)?,
    };
    if !crate::school::types::date_in_range(day) {
        return Err(ValidationError::DateOutOfRange);
    }
    if day > today {
        return Err(ValidationError::DateAfterToday);
    }
    Ok(day)
}

/// One ledger line as the totals need it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Line {
    pub fund: Option<i64>,
    pub day: NaiveDate,
    /// Whether the line's cash is on the money-in side: a gift, or the reversal of one. A
    /// reversed payment lowers the money out, never raises the money in.
    pub money_in: bool,
    pub cash_fen: i64,
    pub in_kind_fen: i64,
    pub minutes: i64,
}

/// A fund's totals (`fund` None: the whole school's) for `year`: what the years before
/// left, cash in and out in the year, the balance at the year's end (the three added up),
/// in-kind value and volunteer minutes of the year. A mistake and its reversal in the same
/// year add up to nothing; one reversed in a later year counts in its year and its
/// reversal in the later one.
pub fn totals(lines: &[Line], fund: Option<i64>, year: i32) -> Totals {
    let mut t = Totals::default();
    for line in lines.iter().filter(|l| fund.is_none() || l.fund == fund) {
        if line.day.year() > year {
            continue;
        }
        t.balance_fen += line.cash_fen;
        if line.day.year() < year {
            t.carried_fen += line.cash_fen;
            continue;
        }
        if line.money_in {
            t.cash_in_fen += line.cash_fen;
        } else {
            t.cash_out_fen -= line.cash_fen;
        }
        t.in_kind_fen += line.in_kind_fen;
        t.minutes += line.minutes;
    }
    t
}

/// Where a year's cash went, as the public page says it: aid by need, then the other
/// expenses as one sum (`other`). Never an expense's own words: typed by staff for the
/// ledger, they may name a child in ways no check catches (a given name, a nickname), and
/// the page is public. Purposes that come to nothing (a mistake reversed in its year) are
/// left out; the rest add up to the year's cash out.
pub fn spending(aid: Vec<(Need, i64)>, other: i64) -> Vec<Spent> {
    let mut spent: Vec<Spent> = aid
        .into_iter()
        .map(|(need, fen)| Spent {
            on: SpentOn::Aid(need),
            fen,
        })
        .collect();
    spent.push(Spent {
        on: SpentOn::Other,
        fen: other,
    });
    spent.retain(|s| s.fen != 0);
    spent
}

/// The approved needs waiting for money (need, requests, fen wanted), each with what the
/// funds earmarked for it hold in `funds` (the balances the page shows), up to what is wanted.
pub fn goals(waiting: Vec<(Need, i64, i64)>, funds: &[FundTotals]) -> Vec<Goal> {
    waiting
        .into_iter()
        .map(|(need, requests, wanted_fen)| {
            let earmarked: Vec<&FundTotals> = funds
                .iter()
                .filter(|f| f.fund.purpose == Some(need))
                .collect();
            let held: i64 = earmarked.iter().map(|f| f.totals.balance_fen).sum();
            Goal {
                need,
                requests,
                wanted_fen,
                raised_fen: held.clamp(0, wanted_fen),
                earmarked: !earmarked.is_empty(),
            }
        })
        .collect()
}

/// What a reversal of a line of `kind` with these amounts writes: the same amounts negated.
/// A reversal itself cannot be reversed (enter the line again instead).
pub fn reversal(
    kind: EntryKind,
    already_reversed: bool,
    cash_fen: i64,
    in_kind_fen: i64,
    minutes: i64,
) -> Result<(i64, i64, i64), ValidationError> {
    if kind == EntryKind::Reversal || already_reversed {
        return Err(ValidationError::CannotReverse);
    }
    Ok((-cash_fen, -in_kind_fen, -minutes))
}

/// How many leaders must approve aid of this amount.
pub fn approvals_needed(amount_fen: i64) -> u8 {
    if amount_fen > TWO_APPROVERS_ABOVE_FEN {
        2
    } else {
        1
    }
}

/// Nobody decides on aid they asked for themselves.
pub fn may_decide(requested_by: i64, me: i64) -> bool {
    requested_by != me
}

/// A request's state after its decisions so far: one refusal declines it; enough
/// approvals approve it; otherwise it waits.
pub fn state_after(amount_fen: i64, approvals: usize, refusals: usize) -> super::types::AidState {
    use super::types::AidState;
    if refusals > 0 {
        AidState::Declined
    } else if approvals >= approvals_needed(amount_fen) as usize {
        AidState::Approved
    } else {
        AidState::Pending
    }
}

/// The instalments of a pledge: `count` parts of `total` fen that add up to it exactly,
/// the odd fen on the first instalments.
pub fn instalments(total: i64, count: i64) -> Vec<i64> {
    if count <= 0 {
        return Vec::new();
    }
    let (base, extra) = (total / count, total % count);
    (0..count).map(|i| base + i64::from(i < extra)).collect()
}

/// How many whole instalments `paid` fen covers.
pub fn instalments_paid(total: i64, count: i64, paid: i64) -> i64 {
    let mut sum = 0;
    let mut done = 0;
    for part in instalments(total, count) {
        sum += part;
        if sum > paid {
            break;
        }
        done += 1;
    }
    done
}

pub fn parse_instalments(raw: &str) -> Result<i64, ValidationError> {
    match fold(raw).as_str() {
        "" => Ok(1),
        n => n
            .parse::<i64>()
            .ok()
            .filter(|n| (1..=24).contains(n))
            .ok_or(ValidationError::InstalmentsInvalid),
    }
}

/// A checkup follow-up's text says what the child needs: glasses after an eyesight
/// finding, otherwise medical care.
pub fn need_of_follow_up(what: &str) -> Need {
    let lower = what.to_lowercase();
    if ["视力", "眼镜", "近视", "vision", "glasses", "eye"]
        .iter()
        .any(|w| lower.contains(w))
    {
        Need::Glasses
    } else {
        Need::Medical
    }
}

/// A ledger line read from its form: what each kind needs, nothing it does not.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntryDraft {
    pub kind: EntryKind,
    pub day: NaiveDate,
    pub donor: Option<i64>,
    pub fund: Option<i64>,
    pub pledge: Option<i64>,
    pub cash_fen: i64,
    pub in_kind_fen: i64,
    pub minutes: i64,
    pub description: String,
}

fn id(raw: &str, invalid: ValidationError) -> Result<Option<i64>, ValidationError> {
    match raw.trim() {
        "" => Ok(None),
        n => n.parse::<i64>().map(Some).map_err(|_| invalid),
    }
}

impl EntryDraft {
    /// Gifts need a fund and an amount (and may name a donor and the pledge they pay);
    /// goods their value and what they were; hours the volunteer and how many; an expense
    /// a fund, an amount and what it paid for. A reversal is never typed.
    pub fn parse(input: &EntryInput, today: NaiveDate) -> Result<EntryDraft, ValidationError> {
        let kind = EntryKind::parse(&input.kind)
            .filter(|k| {
                matches!(
                    k,
                    EntryKind::Gift | EntryKind::InKind | EntryKind::Hours | EntryKind::Expense
                )
            })
            .ok_or(ValidationError::Malformed)?;
        let mut draft = EntryDraft {
            kind,
            day: parse_money_day(&input.day, today)?,
            donor: id(&input.donor, ValidationError::DonorInvalid)?,
            fund: None,
            pledge: None,
            cash_fen: 0,
            in_kind_fen: 0,
            minutes: 0,
            description: optional(&input.description, TEXT_MAX)?,
        };
        let fund =
            || id(&input.fund, ValidationError::FundInvalid)?.ok_or(ValidationError::FundInvalid);
        match kind {
            EntryKind::Gift => {
                draft.pledge = id(&input.pledge, ValidationError::PledgeInvalid)?;
                if draft.pledge.is_none() {
                    draft.fund = Some(fund()?);
                }
                draft.cash_fen = parse_yuan(&input.amount)?;
            }
            EntryKind::InKind => {
                draft.in_kind_fen = parse_yuan(&input.amount)?;
                draft.description = required(&input.description, TEXT_MAX)?;
            }
            EntryKind::Hours => {
                if draft.donor.is_none() {
                    return Err(ValidationError::DonorInvalid);
                }
                draft.minutes = parse_hours(&input.hours)?;
            }
            _ => {
                draft.fund = Some(fund()?);
                draft.cash_fen = -parse_yuan(&input.amount)?;
                draft.description = required(&input.description, TEXT_MAX)?;
            }
        }
        Ok(draft)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::funds::types::AidState;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn cash(fund: i64, on: NaiveDate, fen: i64) -> Line {
        Line {
            fund: Some(fund),
            day: on,
            money_in: fen > 0,
            cash_fen: fen,
            in_kind_fen: 0,
            minutes: 0,
        }
    }

    #[test]
    fn yuan_are_read_as_whole_fen() {
        assert_eq!(parse_yuan("180"), Ok(18_000));
        assert_eq!(parse_yuan("180.5"), Ok(18_050));
        assert_eq!(parse_yuan("0.07"), Ok(7));
        assert_eq!(parse_yuan("12."), Ok(1_200));
        assert_eq!(parse_yuan(" ¥1,800.00 "), Ok(180_000));
        assert_eq!(parse_yuan("１８０．５０元"), Ok(18_050));
        // 0.1 + 0.2 in floating point is 0.30000000000000004; in fen it is 30.
        assert_eq!(parse_yuan("0.1").unwrap() + parse_yuan("0.2").unwrap(), 30);
        for bad in [
            "",
            "0",
            "-5",
            "1.234",
            "abc",
            "1e3",
            ".5",
            "1.2.3",
            "10000000000",
            "12,34",
            "1,5",
            "12，5",
            "1,2,3",
            ",100",
            "1,0000",
            "1,000.5,0",
        ] {
            assert_eq!(
                parse_yuan(bad),
                Err(ValidationError::AmountInvalid),
                "{bad:?}"
            );
        }
        assert_eq!(parse_yuan("1000000"), Ok(MAX_FEN));
        assert_eq!(parse_yuan("1,000,000"), Ok(MAX_FEN));
        assert_eq!(parse_yuan("1 000"), Ok(100_000));
        assert_eq!(parse_yuan("12，500元"), Ok(1_250_000));
        assert!(parse_yuan("1000000.01").is_err());
    }

    #[test]
    fn fen_are_shown_as_yuan() {
        assert_eq!(yuan(18_000), "¥180");
        assert_eq!(yuan(18_050), "¥180.50");
        assert_eq!(yuan(7), "¥0.07");
        assert_eq!(yuan(-1_205), "-¥12.05");
        assert_eq!(yuan(0), "¥0");
        for fen in [1, 99, 100, 12_345, 99_999_999] {
            assert_eq!(parse_yuan(&yuan(fen)), Ok(fen));
        }
    }

    #[test]
    fn hours_are_whole_minutes() {
        assert_eq!(parse_hours("3"), Ok(180));
        assert_eq!(parse_hours("2.5"), Ok(150));
        assert_eq!(parse_hours("1.25"), Ok(75));
        assert_eq!(parse_hours("０.５"), Ok(30));
        for bad in ["", "0", "-1", "abc", "101", "1.234"] {
            assert_eq!(
                parse_hours(bad),
                Err(ValidationError::HoursInvalid),
                "{bad:?}"
            );
        }
        assert_eq!(hours(150), "2.5");
        assert_eq!(hours(180), "3");
        assert_eq!(hours(75), "1.3");
        assert_eq!(hours(-60), "-1", "a reversed hour");
        assert_eq!(hours(-150), "-2.5");
        assert_eq!(hour_tenths(-75), -hour_tenths(75));
    }

    #[test]
    fn totals_per_fund_keep_years_and_columns_apart() {
        let lines = [
            cash(1, day(2026, 12, 30), 50_000),
            cash(1, day(2027, 3, 1), 20_000),
            cash(1, day(2027, 4, 25), -18_000),
            cash(2, day(2027, 3, 5), 30_000),
            Line {
                fund: None,
                day: day(2027, 1, 9),
                money_in: true,
                cash_fen: 0,
                in_kind_fen: 120_000,
                minutes: 0,
            },
            Line {
                fund: None,
                day: day(2027, 5, 9),
                money_in: true,
                cash_fen: 0,
                in_kind_fen: 0,
                minutes: 150,
            },
            cash(1, day(2028, 1, 2), 99_900),
        ];
        let one = totals(&lines, Some(1), 2027);
        assert_eq!(one.cash_in_fen, 20_000);
        assert_eq!(one.cash_out_fen, 18_000);
        // Last year's gift is in the balance, carried over; next year's is not.
        assert_eq!(one.carried_fen, 50_000);
        assert_eq!(one.balance_fen, 52_000);
        assert_eq!(
            one.carried_fen + one.cash_in_fen - one.cash_out_fen,
            one.balance_fen
        );
        assert_eq!(one.in_kind_fen, 0);
        let all = totals(&lines, None, 2027);
        assert_eq!(all.cash_in_fen, 50_000);
        assert_eq!(all.balance_fen, 82_000);
        // Goods and hours are never money.
        assert_eq!(all.in_kind_fen, 120_000);
        assert_eq!(all.minutes, 150);
        assert_eq!(all.carried_fen, 50_000);
        assert_eq!(totals(&lines, None, 2028).carried_fen, 82_000);
        assert_eq!(totals(&lines, None, 2026).carried_fen, 0);
        assert_eq!(totals(&lines, Some(2), 2027).balance_fen, 30_000);
        assert_eq!(totals(&lines, Some(3), 2027), Totals::default());
    }

    #[test]
    fn a_reversal_undoes_its_line_exactly_once() {
        let gift = cash(1, day(2027, 3, 1), 20_000);
        let (c, k, m) = reversal(EntryKind::Gift, false, 20_000, 0, 0).unwrap();
        let undo = Line {
            cash_fen: c,
            in_kind_fen: k,
            minutes: m,
            ..gift
        };
        let t = totals(&[gift, undo], Some(1), 2027);
        assert_eq!((t.balance_fen, t.cash_in_fen, t.cash_out_fen), (0, 0, 0));
        // A payment reversed: nothing went out, nothing came in.
        let paid = cash(1, day(2027, 4, 2), -18_000);
        let back = Line {
            cash_fen: 18_000,
            ..paid
        };
        let t = totals(&[gift, paid, back], Some(1), 2027);
        assert_eq!(
            (t.balance_fen, t.cash_in_fen, t.cash_out_fen),
            (20_000, 20_000, 0)
        );
        assert_eq!(
            reversal(EntryKind::Gift, true, 20_000, 0, 0),
            Err(ValidationError::CannotReverse)
        );
        assert_eq!(
            reversal(EntryKind::Reversal, false, -20_000, 0, 0),
            Err(ValidationError::CannotReverse)
        );
        assert_eq!(reversal(EntryKind::Hours, false, 0, 0, 90), Ok((0, 0, -90)));
    }

    #[test]
    fn every_fen_spent_has_a_purpose_and_a_purpose_of_nothing_is_left_out() {
        let spent = spending(vec![(Need::Glasses, 18_000), (Need::Fees, 0)], 39_500);
        assert_eq!(
            spent,
            vec![
                Spent {
                    on: SpentOn::Aid(Need::Glasses),
                    fen: 18_000
                },
                Spent {
                    on: SpentOn::Other,
                    fen: 39_500
                },
            ]
        );
        assert_eq!(spending(vec![], 0), vec![]);
    }

    #[test]
    fn a_goal_is_raised_by_what_its_funds_hold_up_to_what_is_wanted() {
        use crate::funds::types::Fund;
        let fund = |id, purpose, balance_fen| FundTotals {
            fund: Fund {
                id,
                name: format!("#{id}"),
                purpose,
            },
            totals: Totals {
                balance_fen,
                ..Totals::default()
            },
        };
        let funds = [
            fund(1, None, 900_000),
            fund(2, Some(Need::Clothes), 10_000),
            fund(3, Some(Need::Clothes), 2_000),
            fund(4, Some(Need::Glasses), 99_000),
        ];
        let goals = goals(
            vec![
                (Need::Clothes, 1, 15_000),
                (Need::Glasses, 2, 30_000),
                (Need::Fees, 1, 5_000),
            ],
            &funds,
        );
        let raised: Vec<i64> = goals.iter().map(|g| g.raised_fen).collect();
        assert_eq!(
            raised,
            vec![12_000, 30_000, 0],
            "not the general fund's money"
        );
        let earmarked: Vec<bool> = goals.iter().map(|g| g.earmarked).collect();
        assert_eq!(
            earmarked,
            vec![true, true, false],
            "no fund for school fees: the page does not ask for a gift to one"
        );
    }

    #[test]
    fn aid_needs_other_approvers_and_two_above_the_threshold() {
        assert!(!may_decide(7, 7));
        assert!(may_decide(7, 8));
        assert_eq!(approvals_needed(18_000), 1);
        assert_eq!(approvals_needed(TWO_APPROVERS_ABOVE_FEN), 1);
        assert_eq!(approvals_needed(TWO_APPROVERS_ABOVE_FEN + 1), 2);
        assert_eq!(state_after(18_000, 1, 0), AidState::Approved);
        assert_eq!(state_after(80_000, 1, 0), AidState::Pending);
        assert_eq!(state_after(80_000, 2, 0), AidState::Approved);
        assert_eq!(state_after(80_000, 1, 1), AidState::Declined);
    }

    #[test]
    fn instalments_add_up_to_the_pledge() {
        assert_eq!(instalments(100_000, 3), vec![33_334, 33_333, 33_333]);
        for (total, n) in [(1, 1), (7, 3), (100_001, 12), (99_999_999, 24)] {
            assert_eq!(instalments(total, n).iter().sum::<i64>(), total);
        }
        assert_eq!(instalments_paid(100_000, 3, 0), 0);
        assert_eq!(instalments_paid(100_000, 3, 33_334), 1);
        assert_eq!(instalments_paid(100_000, 3, 66_666), 1);
        assert_eq!(instalments_paid(100_000, 3, 66_667), 2);
        assert_eq!(instalments_paid(100_000, 3, 100_000), 3);
        assert_eq!(parse_instalments(""), Ok(1));
        assert_eq!(parse_instalments("12"), Ok(12));
        assert!(parse_instalments("0").is_err() && parse_instalments("25").is_err());
    }

    #[test]
    fn a_follow_up_says_what_is_needed() {
        assert_eq!(need_of_follow_up("视力复查，配眼镜"), Need::Glasses);
        assert_eq!(need_of_follow_up("Vision re-test"), Need::Glasses);
        assert_eq!(need_of_follow_up("龋齿治疗"), Need::Medical);
    }

    #[test]
    fn each_kind_of_line_asks_for_what_it_needs() {
        let today = day(2027, 4, 19);
        let input = |kind: &str| EntryInput {
            kind: kind.into(),
            ..Default::default()
        };
        let gift = EntryInput {
            fund: "1".into(),
            amount: "500".into(),
            ..input("gift")
        };
        let d = EntryDraft::parse(&gift, today).unwrap();
        assert_eq!((d.cash_fen, d.fund, d.day), (50_000, Some(1), today));
        assert_eq!(
            EntryDraft::parse(
                &EntryInput {
                    fund: String::new(),
                    ..gift.clone()
                },
                today
            ),
            Err(ValidationError::FundInvalid)
        );
        // A pledge's instalment takes the pledge's fund.
        let instalment = EntryInput {
            fund: String::new(),
            pledge: "4".into(),
            ..gift.clone()
        };
        assert_eq!(
            EntryDraft::parse(&instalment, today).unwrap().pledge,
            Some(4)
        );
        let goods = EntryInput {
            amount: "1200".into(),
            ..input("in_kind")
        };
        assert_eq!(
            EntryDraft::parse(&goods, today),
            Err(ValidationError::FundsTextRequired)
        );
        let goods = EntryInput {
            description: "冬衣 40 件".into(),
            ..goods
        };
        let d = EntryDraft::parse(&goods, today).unwrap();
        assert_eq!((d.cash_fen, d.in_kind_fen), (0, 120_000));
        let hours = EntryInput {
            hours: "2.5".into(),
            ..input("hours")
        };
        assert_eq!(
            EntryDraft::parse(&hours, today),
            Err(ValidationError::DonorInvalid)
        );
        let d = EntryDraft::parse(
            &EntryInput {
                donor: "3".into(),
                ..hours
            },
            today,
        )
        .unwrap();
        assert_eq!((d.cash_fen, d.minutes), (0, 150));
        let expense = EntryInput {
            fund: "1".into(),
            amount: "36.8".into(),
            description: "打印成长档案".into(),
            ..input("expense")
        };
        assert_eq!(EntryDraft::parse(&expense, today).unwrap().cash_fen, -3_680);
        assert_eq!(
            EntryDraft::parse(&input("reversal"), today),
            Err(ValidationError::Malformed)
        );
    }

    #[test]
    fn money_days_are_not_in_the_future() {
        let today = day(2027, 4, 19);
        assert_eq!(parse_day("", today), Ok(today));
        assert_eq!(parse_day("2027-04-01", today), Ok(day(2027, 4, 1)));
        assert_eq!(
            parse_day("2027-04-20", today),
            Err(ValidationError::DateAfterToday),
            "not called badly written"
        );
        assert_eq!(
            parse_day("1900-01-01", today),
            Err(ValidationError::DateOutOfRange)
        );
        assert_eq!(
            parse_day("someday", today),
            Err(ValidationError::InvalidDate)
        );
        // Last year is closed to money once January is over: donors have seen its figures.
        // A pledge or a thank-you of last year is still recorded.
        assert_eq!(parse_day("2026-12-31", today), Ok(day(2026, 12, 31)));
        assert_eq!(
            parse_money_day("2026-12-31", today),
            Err(ValidationError::LedgerYearClosed)
        );
        assert_eq!(parse_money_day("2027-01-01", today), Ok(day(2027, 1, 1)));
        let january = day(2027, 1, 20);
        assert_eq!(
            parse_money_day("2026-12-28", january),
            Ok(day(2026, 12, 28))
        );
        assert_eq!(
            parse_money_day("2025-12-28", january),
            Err(ValidationError::LedgerYearClosed)
        );
    }
}
