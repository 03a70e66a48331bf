//! Text of the funds pages. One file per language beside this one; a missing string is a
//! compile error.

mod en;
mod zh_cn;

pub use en::EN;
pub use zh_cn::ZH_CN;

use super::types::{AidState, DonorKind, EntryKind, Need, SpentOn};

pub struct Strings {
    pub nav: &'static str,
    pub nav_aid: &'static str,
    pub year_closed: &'static str,
    pub amount_invalid: &'static str,
    pub hours_invalid: &'static str,
    pub text_required: &'static str,
    pub cannot_reverse: &'static str,
    pub fund_name_taken: &'static str,
    pub instalments_invalid: &'static str,
    pub donor_invalid: &'static str,
    pub fund_invalid: &'static str,
    pub pledge_invalid: &'static str,
    pub need_invalid: &'static str,
    pub fund_short: &'static str,
    pub receipt_required: &'static str,
    pub follow_up_closed: &'static str,
    pub aid_already_asked: &'static str,
    pub fund_purpose: &'static str,
    pub cannot_thank: &'static str,
    pub follow_up_paid: fn(&str) -> String,
    /// Fees, glasses, winter clothes, medical care, other.
    pub needs: [&'static str; 5],
    /// Person, company, Youth League, other body.
    pub donor_kinds: [&'static str; 4],
    /// Gift, goods, hours, aid, expense, reversal.
    pub entry_kinds: [&'static str; 6],
    /// Pending, approved, declined, paid.
    pub aid_states: [&'static str; 4],
    /// "三年级学生": a pupil of grade n, never named.
    pub grade_pupil: fn(i64) -> String,
    pub ledger_title: fn(i32) -> String,
    pub public_title: fn(i32) -> String,
    pub public_intro: &'static str,
    pub donors_title: &'static str,
    pub aid_title: &'static str,
    pub year_before: &'static str,
    pub year_after: &'static str,
    pub to_public: &'static str,
    pub to_donors: &'static str,
    pub to_ledger: &'static str,
    pub to_aid: &'static str,
    pub export: &'static str,
    pub funds_heading: &'static str,
    pub general: &'static str,
    pub all_funds: &'static str,
    /// What the years before left (上年结余).
    pub carried: &'static str,
    pub cash_in: &'static str,
    pub cash_out: &'static str,
    pub balance: &'static str,
    pub in_kind: &'static str,
    pub hours: &'static str,
    pub hours_value: fn(&str) -> String,
    pub not_cash_hint: &'static str,
    /// How the balance adds up from the figures beside it.
    pub balance_hint: &'static str,
    pub record_gift: &'static str,
    pub record_goods: &'static str,
    pub record_hours: &'static str,
    pub record_expense: &'static str,
    pub new_fund: &'static str,
    pub fund_name: &'static str,
    pub purpose: &'static str,
    pub any_purpose: &'static str,
    pub donor: &'static str,
    pub anonymous: &'static str,
    pub volunteer: &'static str,
    pub fund: &'static str,
    pub pledge: &'static str,
    pub no_pledge: &'static str,
    pub amount_yuan: &'static str,
    pub value_yuan: &'static str,
    pub hours_label: &'static str,
    pub day: &'static str,
    pub description: &'static str,
    pub what_goods: &'static str,
    pub what_for: &'static str,
    pub save: &'static str,
    pub entries: &'static str,
    pub no_entries: &'static str,
    pub reversed_by: fn(i64) -> String,
    pub reverses: &'static str,
    pub reverse: &'static str,
    pub reverse_reason: &'static str,
    pub col_day: &'static str,
    pub col_kind: &'static str,
    pub col_fund: &'static str,
    pub col_from: &'static str,
    pub col_what: &'static str,
    pub col_cash: &'static str,
    pub col_in_kind: &'static str,
    pub col_hours: &'static str,
    pub col_line: &'static str,
    /// The ledger's one column for goods' value and volunteer hours (never cash).
    pub col_not_cash: &'static str,
    pub donors_hint: &'static str,
    pub no_donors: &'static str,
    pub add_donor: &'static str,
    pub donor_kind: &'static str,
    pub donor_name: &'static str,
    pub contact: &'static str,
    pub named_publicly: &'static str,
    pub named_tag: &'static str,
    pub note: &'static str,
    pub given: fn(&str, &str, &str) -> String,
    pub pledges: &'static str,
    pub add_pledge: &'static str,
    pub instalments: &'static str,
    pub pledge_line: fn(&str, &str, &str, i64, i64) -> String,
    pub to_thank: &'static str,
    pub thank_how: &'static str,
    pub thank: &'static str,
    pub thanked: fn(&str, &str) -> String,
    pub aid_hint: &'static str,
    pub request_aid: &'static str,
    pub from_follow_up: fn(i32) -> String,
    pub child: &'static str,
    pub need: &'static str,
    pub reason: &'static str,
    pub ask: &'static str,
    pub no_requests: &'static str,
    pub asked_by: fn(&str, &str) -> String,
    pub approvals_needed: fn(u8) -> String,
    pub approved_by: fn(&str, &str) -> String,
    pub declined_by: fn(&str, &str) -> String,
    pub decision_note: &'static str,
    pub approve: &'static str,
    pub decline: &'static str,
    pub own_request: &'static str,
    pub pay: &'static str,
    pub pay_from: &'static str,
    pub receipt: &'static str,
    pub receipt_hint: &'static str,
    pub paid_line: fn(&str, &str) -> String,
    pub see_receipt: &'static str,
    pub by_need: &'static str,
    pub no_spending: &'static str,
    pub aid_given: &'static str,
    pub no_aid: &'static str,
    pub goals: &'static str,
    pub goals_hint: &'static str,
    pub no_goals: &'static str,
    /// On a past year's page, where the needs waiting today are.
    pub goals_past: &'static str,
    pub goals_now: fn(i32) -> String,
    pub goal_line: fn(i64, &str, &str) -> String,
    /// A need no fund is earmarked for: (children, wanted).
    pub goal_no_fund: fn(i64, &str) -> String,
    pub thanks: &'static str,
    pub no_thanks: &'static str,
    pub school_phone: &'static str,
}

pub fn need_label(t: &crate::i18n::Strings, need: Need) -> &'static str {
    t.funds.needs[Need::ALL.iter().position(|n| *n == need).unwrap_or(0)]
}

pub fn donor_kind(t: &crate::i18n::Strings, kind: DonorKind) -> &'static str {
    t.funds.donor_kinds[DonorKind::ALL.iter().position(|k| *k == kind).unwrap_or(0)]
}

pub fn entry_kind(t: &crate::i18n::Strings, kind: EntryKind) -> &'static str {
    t.funds.entry_kinds[EntryKind::ALL.iter().position(|k| *k == kind).unwrap_or(0)]
}

pub fn aid_state(t: &crate::i18n::Strings, state: AidState) -> &'static str {
    t.funds.aid_states[AidState::ALL.iter().position(|s| *s == state).unwrap_or(0)]
}

/// What a year's cash went out for: "资助支出 · 配眼镜", "其他支出 · 打印成长档案和联系卡".
pub fn spent_label(t: &crate::i18n::Strings, on: &SpentOn) -> String {
    match on {
        SpentOn::Aid(need) => format!(
            "{} · {}",
            entry_kind(t, EntryKind::Aid),
            need_label(t, *need)
        ),
        SpentOn::Other => entry_kind(t, EntryKind::Expense).to_owned(),
    }
}

/// An aid line without a name: "三年级学生 · 配眼镜 · ¥180".
pub fn aid_line(
    t: &crate::i18n::Strings,
    grade: i64,
    need: Need,
    amount_fen: Option<i64>,
) -> String {
    let mut line = format!("{} · {}", (t.funds.grade_pupil)(grade), need_label(t, need));
    if let Some(fen) = amount_fen {
        line.push_str(" · ");
        line.push_str(&super::domain::yuan(fen));
    }
    line
}
