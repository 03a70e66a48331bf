//! The funds, the donors and their pledges, and the ledger in SQLite. The ledger is only
//! ever added to (the database refuses a change or a deletion).

use chrono::NaiveDate;
use sqlx::{SqliteConnection, SqlitePool};

use super::domain::Line;
use super::types::{Donor, DonorKind, Entry, EntryKind, Fund, Need, Pledge};
use crate::error::{AppError, ValidationError};

fn unreadable(what: &str, raw: &str) -> AppError {
    AppError::internal(format!("funds: unreadable {what} {raw:?}"))
}

fn need(raw: Option<String>) -> Result<Option<Need>, AppError> {
    raw.map(|r| Need::parse(&r).ok_or_else(|| unreadable("need", &r)))
        .transpose()
}

pub async fn funds(pool: &SqlitePool) -> Result<Vec<Fund>, AppError> {
    let rows: Vec<(i64, String, Option<String>)> =
        sqlx::query_as("SELECT id, name, purpose FROM funds ORDER BY purpose IS NOT NULL, id")
            .fetch_all(pool)
            .await?;
    rows.into_iter()
        .map(|(id, name, purpose)| {
            Ok(Fund {
                id,
                name,
                purpose: need(purpose)?,
            })
        })
        .collect()
}

/// A new fund; a name already taken is refused.
pub async fn insert_fund(
    conn: &mut SqliteConnection,
    name: &str,
    purpose: Option<Need>,
) -> Result<i64, AppError> {
    sqlx::query_scalar("INSERT INTO funds (name, purpose) VALUES (?, ?) RETURNING id")
        .bind(name)
        .bind(purpose.map(Need::key))
        .fetch_one(conn)
        .await
        .map_err(|e| match e {
            sqlx::Error::Database(db) if db.is_unique_violation() => {
                ValidationError::FundNameTaken.into()
            }
            other => other.into(),
        })
}

pub async fn fund_exists(conn: &mut SqliteConnection, id: i64) -> Result<bool, AppError> {
    Ok(
        sqlx::query_scalar::<_, i64>("SELECT COUNT(*) FROM funds WHERE id = ?")
            .bind(id)
            .fetch_one(conn)
            .await?
            > 0,
    )
}

/// A fund's purpose: `Some(None)` for a general fund, `None` for no such fund.
pub async fn fund_purpose(
    conn: &mut SqliteConnection,
    id: i64,
) -> Result<Option<Option<Need>>, AppError> {
    let row: Option<(Option<String>,)> = sqlx::query_as("SELECT purpose FROM funds WHERE id = ?")
        .bind(id)
        .fetch_optional(conn)
        .await?;
    row.map(|(purpose,)| need(purpose)).transpose()
}

pub async fn donor_exists(conn: &mut SqliteConnection, id: i64) -> Result<bool, AppError> {
    Ok(
        sqlx::query_scalar::<_, i64>("SELECT COUNT(*) FROM donors WHERE id = ?")
            .bind(id)
            .fetch_one(conn)
            .await?
            > 0,
    )
}

/// The donor and fund of a pledge.
pub async fn pledge_of(
    conn: &mut SqliteConnection,
    id: i64,
) -> Result<Option<(i64, i64)>, AppError> {
    Ok(
        sqlx::query_as("SELECT donor_id, fund_id FROM pledges WHERE id = ?")
            .bind(id)
            .fetch_optional(conn)
            .await?,
    )
}

/// Every line of the ledger, as the totals need them (a reversal on its original's side).
pub async fn lines(pool: &SqlitePool) -> Result<Vec<Line>, AppError> {
    let rows: Vec<(Option<i64>, NaiveDate, bool, i64, i64, i64)> = sqlx::query_as(
        "SELECT l.fund_id, l.on_day, COALESCE(o.kind, l.kind) = 'gift', l.cash_fen, l.in_kind_fen, l.minutes
         FROM ledger l LEFT JOIN ledger o ON o.id = l.reverses",
    )
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(
            |(fund, day, money_in, cash_fen, in_kind_fen, minutes)| Line {
                fund,
                day,
                money_in,
                cash_fen,
                in_kind_fen,
                minutes,
            },
        )
        .collect())
}

type EntryRow = (
    i64,
    String,
    NaiveDate,
    Option<String>,
    Option<String>,
    i64,
    i64,
    i64,
    String,
    Option<i64>,
    Option<i64>,
    Option<String>,
    Option<NaiveDate>,
    Option<i64>,
    Option<String>,
    bool,
);

const ENTRY_SELECT: &str =
    "SELECT l.id, l.kind, l.on_day, f.name, d.name, l.cash_fen, l.in_kind_fen, l.minutes,
        l.description, l.reverses, (SELECT r.id FROM ledger r WHERE r.reverses = l.id),
        a.how, a.on_day, q.grade, q.need, COALESCE(d.named_publicly, 0)
 FROM ledger l
 LEFT JOIN funds f ON f.id = l.fund_id
 LEFT JOIN donors d ON d.id = l.donor_id
 LEFT JOIN acknowledgements a ON a.entry_id = l.id
 LEFT JOIN aid_requests q ON q.id = l.aid_id";

fn entry(row: EntryRow) -> Result<Entry, AppError> {
    let (id, kind, day, fund, donor, cash_fen, in_kind_fen, minutes, description) = (
        row.0, row.1, row.2, row.3, row.4, row.5, row.6, row.7, row.8,
    );
    let kind = EntryKind::parse(&kind).ok_or_else(|| unreadable("entry kind", &kind))?;
    let aid = match (row.13, need(row.14)?) {
        (Some(grade), Some(need)) => Some((grade, need)),
        _ => None,
    };
    Ok(Entry {
        id,
        kind,
        day,
        fund,
        donor,
        cash_fen,
        in_kind_fen,
        minutes,
        description,
        reverses: row.9,
        reversed_by: row.10,
        thanked: row.11.zip(row.12),
        aid,
        donor_named: row.15,
    })
}

/// The ledger's lines of `year`, newest first.
pub async fn entries(pool: &SqlitePool, year: i32) -> Result<Vec<Entry>, AppError> {
    let rows: Vec<EntryRow> = sqlx::query_as(&format!(
        "{ENTRY_SELECT} WHERE substr(l.on_day, 1, 4) = ? ORDER BY l.on_day DESC, l.id DESC"
    ))
    .bind(format!("{year:04}"))
    .fetch_all(pool)
    .await?;
    rows.into_iter().map(entry).collect()
}

/// One line of the ledger.
pub async fn one_entry(conn: &mut SqliteConnection, id: i64) -> Result<Entry, AppError> {
    let row: Option<EntryRow> = sqlx::query_as(&format!("{ENTRY_SELECT} WHERE l.id = ?"))
        .bind(id)
        .fetch_optional(conn)
        .await?;
    entry(row.ok_or(AppError::NotFound)?)
}

/// The fund, donor, pledge and aid request a line belongs to (what its reversal repeats).
pub async fn entry_links(
    conn: &mut SqliteConnection,
    id: i64,
) -> Result<(Option<i64>, Option<i64>, Option<i64>, Option<i64>), AppError> {
    sqlx::query_as("SELECT fund_id, donor_id, pledge_id, aid_id FROM ledger WHERE id = ?")
        .bind(id)
        .fetch_optional(conn)
        .await?
        .ok_or(AppError::NotFound)
}

/// A line to add to the ledger.
#[derive(Debug, Clone, Default)]
pub struct NewEntry {
    pub kind: Option<EntryKind>,
    pub day: Option<NaiveDate>,
    pub fund: Option<i64>,
    pub donor: Option<i64>,
    pub pledge: Option<i64>,
    pub aid: Option<i64>,
    pub cash_fen: i64,
    pub in_kind_fen: i64,
    pub minutes: i64,
    pub description: String,
    pub reverses: Option<i64>,
}

pub async fn insert_entry(
    conn: &mut SqliteConnection,
    new: &NewEntry,
    by: i64,
) -> Result<i64, AppError> {
    let kind = new
        .kind
        .ok_or_else(|| AppError::internal("ledger line without a kind"))?;
    let day = new
        .day
        .ok_or_else(|| AppError::internal("ledger line without a day"))?;
    sqlx::query_scalar(
        "INSERT INTO ledger (kind, on_day, fund_id, donor_id, pledge_id, aid_id, cash_fen, in_kind_fen, minutes,
                             description, reverses, created_by)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
    )
    .bind(kind.key())
    .bind(day)
    .bind(new.fund)
    .bind(new.donor)
    .bind(new.pledge)
    .bind(new.aid)
    .bind(new.cash_fen)
    .bind(new.in_kind_fen)
    .bind(new.minutes)
    .bind(&new.description)
    .bind(new.reverses)
    .bind(by)
    .fetch_one(conn)
    .await
    .map_err(|e| match e {
        // Someone reversed it first.
        sqlx::Error::Database(db) if db.is_unique_violation() => AppError::Conflict,
        other => other.into(),
    })
}

/// The balance of a fund now (every line, every year).
pub async fn balance(conn: &mut SqliteConnection, fund: i64) -> Result<i64, AppError> {
    Ok(
        sqlx::query_scalar("SELECT COALESCE(SUM(cash_fen), 0) FROM ledger WHERE fund_id = ?")
            .bind(fund)
            .fetch_one(conn)
            .await?,
    )
}

/// Records how a gift was acknowledged; a gift is thanked once.
pub async fn acknowledge(
    conn: &mut SqliteConnection,
    entry: i64,
    how: &str,
    day: NaiveDate,
    by: i64,
) -> Result<(), AppError> {
    sqlx::query(
        "INSERT INTO acknowledgements (entry_id, how, on_day, created_by) VALUES (?, ?, ?, ?)",
    )
    .bind(entry)
    .bind(how)
    .bind(day)
    .bind(by)
    .execute(conn)
    .await
    .map_err(|e| match e {
        sqlx::Error::Database(db) if db.is_unique_violation() => AppError::Conflict,
        other => other.into(),
    })?;
    Ok(())
}

/// A donor or volunteer to add to the registry.
pub struct NewDonor {
    pub kind: DonorKind,
    pub name: String,
    pub contact: String,
    pub named_publicly: bool,
    pub note: String,
}

pub async fn insert_donor(
    conn: &mut SqliteConnection,
    donor: &NewDonor,
    by: i64,
) -> Result<i64, AppError> {
    Ok(sqlx::query_scalar(
        "INSERT INTO donors (kind, name, contact, named_publicly, note, created_by)
         VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
    )
    .bind(donor.kind.key())
    .bind(&donor.name)
    .bind(&donor.contact)
    .bind(donor.named_publicly)
    .bind(&donor.note)
    .bind(by)
    .fetch_one(conn)
    .await?)
}

pub async fn insert_pledge(
    conn: &mut SqliteConnection,
    donor: i64,
    fund: i64,
    amount_fen: i64,
    instalments: i64,
    day: NaiveDate,
    by: i64,
) -> Result<i64, AppError> {
    Ok(sqlx::query_scalar(
        "INSERT INTO pledges (donor_id, fund_id, amount_fen, instalments, pledged_on, created_by)
         VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
    )
    .bind(donor)
    .bind(fund)
    .bind(amount_fen)
    .bind(instalments)
    .bind(day)
    .bind(by)
    .fetch_one(conn)
    .await?)
}

/// The registry: every donor with what they gave (cash, goods, hours; all years), their
/// pledges with what has come in on each, and their gifts not yet thanked for.
pub async fn donors(pool: &SqlitePool) -> Result<Vec<Donor>, AppError> {
    type Row = (i64, String, String, String, bool, String, i64, i64, i64);
    let rows: Vec<Row> = sqlx::query_as(
        "SELECT d.id, d.kind, d.name, d.contact, d.named_publicly, d.note,
                COALESCE(SUM(l.cash_fen), 0), COALESCE(SUM(l.in_kind_fen), 0), COALESCE(SUM(l.minutes), 0)
         FROM donors d LEFT JOIN ledger l ON l.donor_id = d.id
         GROUP BY d.id ORDER BY d.name, d.id",
    )
    .fetch_all(pool)
    .await?;
    type PledgeRow = (i64, i64, String, i64, i64, NaiveDate, i64);
    let pledges: Vec<PledgeRow> = sqlx::query_as(
        "SELECT p.id, p.donor_id, f.name, p.amount_fen, p.instalments, p.pledged_on,
                (SELECT COALESCE(SUM(l.cash_fen), 0) FROM ledger l WHERE l.pledge_id = p.id)
         FROM pledges p JOIN funds f ON f.id = p.fund_id ORDER BY p.pledged_on, p.id",
    )
    .fetch_all(pool)
    .await?;
    let open: Vec<EntryRow> = sqlx::query_as(&format!(
        "{ENTRY_SELECT} WHERE l.kind IN ('gift', 'in_kind') AND a.entry_id IS NULL
           AND NOT EXISTS (SELECT 1 FROM ledger r WHERE r.reverses = l.id)
         ORDER BY l.on_day, l.id"
    ))
    .fetch_all(pool)
    .await?;
    let donor_of: Vec<(i64, i64)> = sqlx::query_as(
        "SELECT id, donor_id FROM ledger WHERE donor_id IS NOT NULL AND kind IN ('gift', 'in_kind')",
    )
    .fetch_all(pool)
    .await?;
    let open: Vec<(i64, Entry)> = open
        .into_iter()
        .map(entry)
        .collect::<Result<Vec<_>, _>>()?
        .into_iter()
        .filter_map(|e| {
            donor_of
                .iter()
                .find(|(line, _)| *line == e.id)
                .map(|(_, donor)| (*donor, e))
        })
        .collect();
    rows.into_iter()
        .map(
            |(id, kind, name, contact, named_publicly, note, given_fen, in_kind_fen, minutes)| {
                Ok(Donor {
                    id,
                    kind: DonorKind::parse(&kind).ok_or_else(|| unreadable("donor kind", &kind))?,
                    name,
                    contact,
                    named_publicly,
                    note,
                    given_fen,
                    in_kind_fen,
                    minutes,
                    pledges: pledges
                        .iter()
                        .filter(|p| p.1 == id)
                        .map(|p| Pledge {
                            id: p.0,
                            fund: p.2.clone(),
                            amount_fen: p.3,
                            instalments: p.4,
                            pledged_on: p.5,
                            paid_fen: p.6,
                            paid_instalments: super::domain::instalments_paid(p.3, p.4, p.6),
                        })
                        .collect(),
                    unthanked: open
                        .iter()
                        .filter(|(donor, _)| *donor == id)
                        .map(|(_, e)| e.clone())
                        .collect(),
                })
            },
        )
        .collect()
}

/// Donors for the forms: id and name.
pub async fn donor_names(pool: &SqlitePool) -> Result<Vec<(i64, String)>, AppError> {
    Ok(
        sqlx::query_as("SELECT id, name FROM donors ORDER BY name, id")
            .fetch_all(pool)
            .await?,
    )
}

/// Pledges not yet paid in full: id, donor, fund, amount and what came in.
pub async fn open_pledges(
    pool: &SqlitePool,
) -> Result<Vec<(i64, String, String, i64, i64)>, AppError> {
    Ok(sqlx::query_as(
        "SELECT p.id, d.name, f.name, p.amount_fen,
                (SELECT COALESCE(SUM(l.cash_fen), 0) FROM ledger l WHERE l.pledge_id = p.id) AS paid
         FROM pledges p JOIN donors d ON d.id = p.donor_id JOIN funds f ON f.id = p.fund_id
         WHERE paid < p.amount_fen ORDER BY d.name, p.id",
    )
    .fetch_all(pool)
    .await?)
}

/// Names of donors who agreed to be thanked publicly and gave in `year` (a gift, goods or
/// hours not reversed).
pub async fn thanked_publicly(pool: &SqlitePool, year: i32) -> Result<Vec<String>, AppError> {
    Ok(sqlx::query_scalar(
        "SELECT d.name FROM donors d
         WHERE d.named_publicly = 1 AND EXISTS (
           SELECT 1 FROM ledger l WHERE l.donor_id = d.id AND l.kind IN ('gift', 'in_kind', 'hours')
             AND substr(l.on_day, 1, 4) = ? AND NOT EXISTS (SELECT 1 FROM ledger r WHERE r.reverses = l.id))
         ORDER BY d.name",
    )
    .bind(format!("{year:04}"))
    .fetch_all(pool)
    .await?)
}

/// The year of the ledger's first line, if it has one.
pub async fn first_year(pool: &SqlitePool) -> Result<Option<i32>, AppError> {
    let year: Option<String> = sqlx::query_scalar("SELECT MIN(substr(on_day, 1, 4)) FROM ledger")
        .fetch_one(pool)
        .await?;
    Ok(year.and_then(|y| y.parse().ok()))
}

/// The cash out of `year` for expenses other than aid (a reversal of one counts with it).
pub async fn other_spending(pool: &SqlitePool, year: i32) -> Result<i64, AppError> {
    Ok(sqlx::query_scalar(
        "SELECT COALESCE(-SUM(l.cash_fen), 0) FROM ledger l LEFT JOIN ledger o ON o.id = l.reverses
         WHERE COALESCE(o.kind, l.kind) = 'expense' AND substr(l.on_day, 1, 4) = ?",
    )
    .bind(format!("{year:04}"))
    .fetch_one(pool)
    .await?)
}
