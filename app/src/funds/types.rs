//! What the funds pages receive: plain data, no rules. Money is always integer fen (分).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::school::types::{keyed, ClassLabel};

keyed!(
    /// What aid for a child pays for (and what a fund may be earmarked for).
    Need {
        Fees = "fees",
        Glasses = "glasses",
        Clothes = "clothes",
        Medical = "medical",
        Other = "other",
    }
);

keyed!(
    DonorKind {
        Person = "person",
        Company = "company",
        League = "league",
        Body = "body",
    }
);

keyed!(
    /// A line of the ledger. Gifts bring cash in; aid and expenses take it out; in-kind
    /// gifts and volunteer hours are counted in their own columns; a reversal undoes one
    /// earlier line.
    EntryKind {
        Gift = "gift",
        InKind = "in_kind",
        Hours = "hours",
        Aid = "aid",
        Expense = "expense",
        Reversal = "reversal",
    }
);

keyed!(
    AidState {
        Pending = "pending",
        Approved = "approved",
        Declined = "declined",
        Paid = "paid",
    }
);

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Fund {
    pub id: i64,
    pub name: String,
    /// None: the general fund, for any need.
    pub purpose: Option<Need>,
}

/// One line of the ledger as staff see it (never a child's name: aid lines say the grade).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    pub id: i64,
    pub kind: EntryKind,
    pub day: NaiveDate,
    pub fund: Option<String>,
    pub donor: Option<String>,
    pub cash_fen: i64,
    pub in_kind_fen: i64,
    pub minutes: i64,
    pub description: String,
    /// The line this one reverses.
    pub reverses: Option<i64>,
    /// The line that reversed this one.
    pub reversed_by: Option<i64>,
    /// How the donor was thanked, and when.
    pub thanked: Option<(String, NaiveDate)>,
    /// For an aid line: the child's grade (when aid was asked) and the need.
    pub aid: Option<(i64, Need)>,
    /// The donor agreed to be named in public (a report for funders names only these).
    pub donor_named: bool,
}

/// A fund's year: what it held when the year began, cash in, cash out, and what it holds
/// at the year's end (`carried + in - out = balance`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Totals {
    /// Carried over from the years before (上年结余).
    pub carried_fen: i64,
    pub cash_in_fen: i64,
    pub cash_out_fen: i64,
    pub balance_fen: i64,
    pub in_kind_fen: i64,
    pub minutes: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FundTotals {
    pub fund: Fund,
    pub totals: Totals,
}

/// The ledger page: the year's lines, each fund's totals, what the forms offer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LedgerPage {
    pub year: i32,
    /// The year of the ledger's first line: no page before it is offered.
    pub first_year: i32,
    pub today: NaiveDate,
    pub funds: Vec<FundTotals>,
    pub all: Totals,
    pub entries: Vec<Entry>,
    pub donors: Vec<(i64, String)>,
    pub pledges: Vec<PledgeChoice>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PledgeChoice {
    pub id: i64,
    pub label: String,
}

/// A donor or volunteer in the registry (staff only: the contact never leaves it).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Donor {
    pub id: i64,
    pub kind: DonorKind,
    pub name: String,
    pub contact: String,
    pub named_publicly: bool,
    pub note: String,
    pub given_fen: i64,
    pub in_kind_fen: i64,
    pub minutes: i64,
    pub pledges: Vec<Pledge>,
    /// Gifts not yet thanked for.
    pub unthanked: Vec<Entry>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Pledge {
    pub id: i64,
    pub fund: String,
    pub amount_fen: i64,
    pub instalments: i64,
    pub pledged_on: NaiveDate,
    pub paid_fen: i64,
    pub paid_instalments: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DonorsPage {
    pub today: NaiveDate,
    pub donors: Vec<Donor>,
    pub funds: Vec<Fund>,
}

/// An aid request as staff see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AidRequest {
    pub id: i64,
    pub version: i64,
    pub child_id: i64,
    pub child_name: String,
    pub class: ClassLabel,
    pub need: Need,
    pub amount_fen: i64,
    pub reason: String,
    pub checkup_year: Option<i32>,
    pub requested_by: String,
    pub requested_on: NaiveDate,
    pub state: AidState,
    /// Who decided, approving or not, with their note.
    pub decisions: Vec<Decision>,
    pub approvals_needed: u8,
    /// The viewer may decide now (a leader who did not ask and did not decide yet).
    pub can_decide: bool,
    pub paid: Option<Payment>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Decision {
    pub who: String,
    pub approve: bool,
    pub note: String,
    pub day: NaiveDate,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Payment {
    pub entry: i64,
    pub fund: String,
    pub day: NaiveDate,
    pub receipt: bool,
}

/// The aid page: requests the viewer may see, and what a new request may be for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AidPage {
    pub today: NaiveDate,
    pub requests: Vec<AidRequest>,
    /// Children the viewer may ask aid for.
    pub children: Vec<(i64, String, ClassLabel)>,
    /// The viewer may pay approved requests.
    pub pays: bool,
    pub funds: Vec<FundTotals>,
    /// A new request prefilled from a checkup follow-up.
    pub prefill: Option<AidPrefill>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AidPrefill {
    pub child_id: i64,
    pub need: Need,
    pub reason: String,
    pub checkup_year: i32,
}

/// A line of aid on the public page: no name, only the grade, and the month (a day would
/// say too much in a small school).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublicAid {
    /// `2027-04`.
    pub month: String,
    pub grade: i64,
    pub need: Need,
    pub amount_fen: i64,
}

/// Approved needs still waiting for money, by need: what a donor can act on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Goal {
    pub need: Need,
    pub requests: i64,
    pub wanted_fen: i64,
    /// What the funds earmarked for this need hold toward it.
    pub raised_fen: i64,
    /// Whether any fund is earmarked for this need (none: a gift goes to the general fund).
    pub earmarked: bool,
}

/// What cash went out for, on the public page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum SpentOn {
    /// Aid for children, by need.
    Aid(Need),
    /// Every other expense, as one sum: never by its own words, which may name a child.
    Other,
}

/// Cash out of a year for one purpose (a reversal in a later year takes off there).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Spent {
    pub on: SpentOn,
    pub fen: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublicLedger {
    pub school: String,
    pub school_phone: Option<String>,
    pub year: i32,
    /// The school's current year: no page after it is offered.
    pub this_year: i32,
    /// The year of the ledger's first line: no page before it is offered.
    pub first_year: i32,
    pub funds: Vec<FundTotals>,
    pub all: Totals,
    /// Every fen paid out in the year, by purpose: these add up to `all.cash_out_fen`.
    pub spent: Vec<Spent>,
    pub aid: Vec<PublicAid>,
    /// Needs waiting for money today; none on a past year's page (see `access`).
    pub goals: Option<Vec<Goal>>,
    pub thanks: Vec<String>,
}

/// A line of the ledger as the form sends it (one form per kind, one endpoint).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct EntryInput {
    pub kind: String,
    #[serde(default)]
    pub donor: String,
    #[serde(default)]
    pub fund: String,
    #[serde(default)]
    pub pledge: String,
    #[serde(default)]
    pub amount: String,
    #[serde(default)]
    pub hours: String,
    #[serde(default)]
    pub day: String,
    #[serde(default)]
    pub description: String,
}
