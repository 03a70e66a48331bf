//! Children's records in SQLite, read into typed records (`access` decides what of them a
//! caller receives).

use chrono::NaiveDate;
use sqlx::{SqliteConnection, SqlitePool};

use super::domain::ChildDraft;
use super::types::{Enrolment, Gender, Guardian, LeftBehind, ParentsAway, Relation};
use crate::error::AppError;
use crate::school::types::{ClassLabel, SQL_NOW};

/// A child's file as the server reads it: every stored value parsed (an unknown one is an
/// error, never a default). What a caller receives of it is decided in `access`.
#[derive(Debug, Clone, PartialEq)]
pub struct ChildRecord {
    pub id: i64,
    pub version: i64,
    pub name: String,
    pub gender: Gender,
    pub birth_date: NaiveDate,
    pub lunar_birthday: bool,
    pub class_id: i64,
    pub class: ClassLabel,
    pub left_behind: LeftBehind,
    pub enrolment: Enrolment,
    pub parents_away: ParentsAway,
    pub work_city: Option<String>,
    pub work_province: Option<String>,
    /// Where the mother works when it is not the place above (`work_place_domain`).
    pub mother_work_place: Option<String>,
    pub away_since: Option<NaiveDate>,
    pub home_address: Option<String>,
    pub father_phone: Option<String>,
    pub mother_phone: Option<String>,
    pub emergency_contact: Option<String>,
    pub emergency_phone: Option<String>,
    pub notes: String,
    pub consent_date: Option<NaiveDate>,
    pub consent_by: Option<String>,
    pub counselor: Option<String>,
    pub counselor_id: Option<i64>,
    pub guardian_phone: Option<String>,
}

/// A row of `children` as stored (text where the record has its enums).
#[derive(sqlx::FromRow)]
struct ChildRow {
    id: i64,
    version: i64,
    name: String,
    gender: String,
    birth_date: NaiveDate,
    birthday_calendar: String,
    class_id: i64,
    grade: i64,
    number: i64,
    left_behind: String,
    enrolment: String,
    parents_away: String,
    work_city: Option<String>,
    work_province: Option<String>,
    mother_work_place: Option<String>,
    away_since: Option<NaiveDate>,
    home_address: Option<String>,
    father_phone: Option<String>,
    mother_phone: Option<String>,
    emergency_contact: Option<String>,
    emergency_phone: Option<String>,
    notes: String,
    consent_date: Option<NaiveDate>,
    consent_by: Option<String>,
    counselor: Option<String>,
    counselor_id: Option<i64>,
    guardian_phone: Option<String>,
}

/// A stored value the record cannot hold.
fn unreadable(id: i64, column: &str, value: &str) -> AppError {
    AppError::internal(format!(
        "child {id}: {column} {value:?} is not a known value"
    ))
}

impl TryFrom<ChildRow> for ChildRecord {
    type Error = AppError;

    fn try_from(row: ChildRow) -> Result<Self, AppError> {
        let id = row.id;
        let gender =
            Gender::parse(&row.gender).ok_or_else(|| unreadable(id, "gender", &row.gender))?;
        let left_behind = LeftBehind::parse(&row.left_behind)
            .ok_or_else(|| unreadable(id, "left_behind", &row.left_behind))?;
        let enrolment = Enrolment::parse(&row.enrolment)
            .ok_or_else(|| unreadable(id, "enrolment", &row.enrolment))?;
        let parents_away = ParentsAway::parse(&row.parents_away)
            .ok_or_else(|| unreadable(id, "parents_away", &row.parents_away))?;
        let lunar_birthday = match row.birthday_calendar.as_str() {
            "lunar" => true,
            "solar" => false,
            other => return Err(unreadable(id, "birthday_calendar", other)),
        };
        let class = crate::school::db::stored_class(row.class_id, row.grade, row.number)?;
        Ok(ChildRecord {
            id,
            version: row.version,
            name: row.name,
            gender,
            birth_date: row.birth_date,
            lunar_birthday,
            class_id: row.class_id,
            class,
            left_behind,
            enrolment,
            parents_away,
            work_city: row.work_city,
            work_province: row.work_province,
            mother_work_place: row.mother_work_place,
            away_since: row.away_since,
            home_address: row.home_address,
            father_phone: row.father_phone,
            mother_phone: row.mother_phone,
            emergency_contact: row.emergency_contact,
            emergency_phone: row.emergency_phone,
            notes: row.notes,
            consent_date: row.consent_date,
            consent_by: row.consent_by,
            counselor: row.counselor,
            counselor_id: row.counselor_id,
            guardian_phone: row.guardian_phone,
        })
    }
}

const SELECT: &str = "SELECT c.id, c.version, c.name, c.gender, c.birth_date, c.birthday_calendar, c.class_id,
        k.grade, k.number, c.left_behind, c.enrolment, c.parents_away, c.work_city, c.work_province,
        c.mother_work_place, c.away_since, c.home_address, c.father_phone, c.mother_phone, c.emergency_contact,
        c.emergency_phone, c.notes, c.consent_date, cu.display_name AS consent_by,
        (SELECT u.display_name FROM counselor_children cc JOIN users u ON u.id = cc.user_id
          WHERE cc.child_id = c.id ORDER BY u.id LIMIT 1) AS counselor,
        (SELECT cc.user_id FROM counselor_children cc WHERE cc.child_id = c.id ORDER BY cc.user_id LIMIT 1) AS counselor_id,
        (SELECT g.phone FROM guardians g WHERE g.child_id = c.id AND g.phone IS NOT NULL ORDER BY g.position LIMIT 1)
          AS guardian_phone
     FROM children c JOIN classes k ON k.id = c.class_id LEFT JOIN users cu ON cu.id = c.consent_recorded_by";

impl ChildRecord {
    /// The child as the permission matrix knows them.
    pub fn target(&self) -> crate::auth::permissions::Target {
        crate::auth::permissions::Target::Child {
            id: self.id,
            class_id: self.class_id,
        }
    }
}

pub async fn all(pool: &SqlitePool) -> Result<Vec<ChildRecord>, AppError> {
    let rows: Vec<ChildRow> = sqlx::query_as(&format!(
        "{SELECT} ORDER BY k.grade, k.number, c.name, c.id"
    ))
    .fetch_all(pool)
    .await?;
    rows.into_iter().map(ChildRecord::try_from).collect()
}

pub async fn one(pool: &SqlitePool, id: i64) -> Result<ChildRecord, AppError> {
    let row: ChildRow = sqlx::query_as(&format!("{SELECT} WHERE c.id = ?"))
        .bind(id)
        .fetch_optional(pool)
        .await?
        .ok_or(AppError::NotFound)?;
    ChildRecord::try_from(row)
}

/// A guardian's stored relation, or an error naming the child.
fn relation(child: i64, raw: &str) -> Result<Relation, AppError> {
    Relation::parse(raw).ok_or_else(|| unreadable(child, "guardian relation", raw))
}

pub async fn guardians(pool: &SqlitePool, id: i64) -> Result<Vec<Guardian>, AppError> {
    let rows: Vec<(String, String, Option<String>, Option<String>)> = sqlx::query_as(
        "SELECT name, relation, phone, address FROM guardians WHERE child_id = ? ORDER BY position",
    )
    .bind(id)
    .fetch_all(pool)
    .await?;
    rows.into_iter()
        .map(|(name, raw, phone, address)| {
            Ok(Guardian {
                name,
                relation: relation(id, &raw)?,
                phone,
                address,
            })
        })
        .collect()
}

/// Writes a file: a new child (`id` None) or the child `id` if still at `version`.
/// Guardians are replaced as a whole. Returns the child's id.
pub async fn write(
    conn: &mut SqliteConnection,
    id: Option<(i64, i64)>,
    draft: &ChildDraft,
    class_id: i64,
    recorded_by: i64,
) -> Result<i64, AppError> {
    let fields = "name = ?1, gender = ?2, birth_date = ?3, birthday_calendar = ?4, class_id = ?5,
        left_behind = ?6, parents_away = ?7, work_city = ?8, work_province = ?9, away_since = ?10,
        home_address = ?11, father_phone = ?12, mother_phone = ?13, emergency_contact = ?14,
        emergency_phone = ?15, notes = ?16,
        consent_recorded_by = CASE WHEN consent_date IS ?17 THEN consent_recorded_by ELSE ?18 END,
        consent_date = ?17, mother_work_place = ?19";
    let sql = match id {
        Some(_) => format!(
            "UPDATE children SET {fields}, version = version + 1, updated_at = {SQL_NOW}
             WHERE id = ?20 AND version = ?21 RETURNING id"
        ),
        None => "INSERT INTO children (name, gender, birth_date, birthday_calendar, class_id, left_behind,
                    parents_away, work_city, work_province, away_since, home_address, father_phone,
                    mother_phone, emergency_contact, emergency_phone, notes, consent_date, consent_recorded_by,
                    mother_work_place)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17,
                    CASE WHEN ?17 IS NULL THEN NULL ELSE ?18 END, ?19)
                 RETURNING id"
            .to_owned(),
    };
    let query = sqlx::query_scalar::<_, i64>(&sql)
        .bind(&draft.name)
        .bind(draft.gender.key())
        .bind(draft.birth_date)
        .bind(if draft.lunar_birthday {
            "lunar"
        } else {
            "solar"
        })
        .bind(class_id)
        .bind(draft.left_behind.key())
        .bind(draft.parents_away.key())
        .bind(&draft.work_city)
        .bind(&draft.work_province)
        .bind(draft.away_since)
        .bind(&draft.home_address)
        .bind(&draft.father_phone)
        .bind(&draft.mother_phone)
        .bind(&draft.emergency_contact)
        .bind(&draft.emergency_phone)
        .bind(&draft.notes)
        .bind(draft.consent_date)
        .bind(recorded_by)
        .bind(&draft.mother_work_place);
    let query = match id {
        Some((id, version)) => query.bind(id).bind(version),
        None => query,
    };
    let child = query
        .fetch_optional(&mut *conn)
        .await?
        .ok_or(AppError::Conflict)?;
    sqlx::query("DELETE FROM guardians WHERE child_id = ?")
        .bind(child)
        .execute(&mut *conn)
        .await?;
    for (position, g) in draft.guardians.iter().enumerate() {
        sqlx::query(
            "INSERT INTO guardians (child_id, position, name, relation, phone, address) VALUES (?, ?, ?, ?, ?, ?)",
        )
        .bind(child)
        .bind(position as i64 + 1)
        .bind(&g.name)
        .bind(g.relation.key())
        .bind(&g.phone)
        .bind(&g.address)
        .execute(&mut *conn)
        .await?;
    }
    Ok(child)
}

/// Each child's first guardian, for lists (one query for the whole school).
pub async fn first_guardians(
    pool: &SqlitePool,
) -> Result<std::collections::HashMap<i64, Guardian>, AppError> {
    type Row = (i64, String, String, Option<String>, Option<String>);
    let rows: Vec<Row> = sqlx::query_as(
        "SELECT child_id, name, relation, phone, address FROM guardians g
         WHERE position = (SELECT MIN(position) FROM guardians h WHERE h.child_id = g.child_id)",
    )
    .fetch_all(pool)
    .await?;
    rows.into_iter()
        .map(|(child, name, raw, phone, address)| {
            Ok((
                child,
                Guardian {
                    name,
                    relation: relation(child, &raw)?,
                    phone,
                    address,
                },
            ))
        })
        .collect()
}

/// Whether the school has the class `id`.
pub async fn class_exists(pool: &SqlitePool, id: i64) -> Result<bool, AppError> {
    let known: Option<i64> = sqlx::query_scalar("SELECT id FROM classes WHERE id = ?")
        .bind(id)
        .fetch_optional(pool)
        .await?;
    Ok(known.is_some())
}

/// The active counselors, by name: (user id, name).
pub async fn counselors(pool: &SqlitePool) -> Result<Vec<(i64, String)>, AppError> {
    Ok(sqlx::query_as(
        "SELECT id, display_name FROM users WHERE role = 'counselor' AND active = 1 ORDER BY display_name",
    )
    .fetch_all(pool)
    .await?)
}

/// Sets the child's enrolment if the file is still at `version` (else `Conflict`).
pub async fn set_enrolment(
    conn: &mut SqliteConnection,
    id: i64,
    version: i64,
    enrolment: Enrolment,
) -> Result<(), AppError> {
    let done = sqlx::query(&format!(
        "UPDATE children SET enrolment = ?, version = version + 1, updated_at = {SQL_NOW}
         WHERE id = ? AND version = ?"
    ))
    .bind(enrolment.key())
    .bind(id)
    .bind(version)
    .execute(conn)
    .await?;
    crate::school::db::changed(&done)
}
