//! Children's records in SQLite. Rows become wire types here, with only the fields the
//! caller's access allows.

use chrono::NaiveDate;
use sqlx::{SqliteConnection, SqlitePool};

use super::domain::{ChildDraft, Enrolment, Gender, Guardian, LeftBehind, ParentsAway, Relation};
use super::types::{ChildFile, ChildRow};
use crate::error::AppError;
use crate::school::types::ClassLabel;

/// What a caller may see of a child.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sight {
    /// The whole file (admin, leading group, the paired counselor).
    pub full: bool,
    /// The left-behind status (also a teacher for their own class).
    pub left_behind: bool,
}

#[derive(sqlx::FromRow)]
pub struct ChildRecord {
    pub id: i64,
    pub version: i64,
    pub name: String,
    pub gender: String,
    pub birth_date: NaiveDate,
    pub birthday_calendar: String,
    pub class_id: i64,
    pub grade: i64,
    pub number: i64,
    pub left_behind: String,
    pub enrolment: String,
    pub parents_away: String,
    pub work_city: Option<String>,
    pub work_province: Option<String>,
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

const SELECT: &str = "SELECT c.id, c.version, c.name, c.gender, c.birth_date, c.birthday_calendar, c.class_id,
        k.grade, k.number, c.left_behind, c.enrolment, c.parents_away, c.work_city, c.work_province,
        c.away_since, c.home_address, c.father_phone, c.mother_phone, c.emergency_contact,
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

    pub fn class(&self) -> ClassLabel {
        ClassLabel {
            grade: self.grade as u8,
            number: self.number as u8,
        }
    }

    pub fn enrolment(&self) -> Enrolment {
        Enrolment::parse(&self.enrolment).unwrap_or(Enrolment::Active)
    }

    pub fn left_behind(&self) -> LeftBehind {
        LeftBehind::parse(&self.left_behind).unwrap_or(LeftBehind::None)
    }

    pub fn row(&self, sight: Sight) -> ChildRow {
        ChildRow {
            id: self.id,
            name: self.name.clone(),
            class: self.class(),
            gender: sight.full.then(|| Gender::parse(&self.gender)).flatten(),
            birth_date: sight.full.then_some(self.birth_date),
            left_behind: sight.left_behind.then(|| self.left_behind()),
            guardian_phone: self.guardian_phone.clone(),
            counselor: sight.full.then(|| self.counselor.clone()).flatten(),
            enrolment: self.enrolment(),
        }
    }

    pub fn file(self, sight: Sight, guardians: Vec<Guardian>, can_write: bool) -> ChildFile {
        let full = sight.full;
        let keep = |v: Option<String>| if full { v } else { None };
        // A teacher sees the guardians' phones, nothing else of them.
        let guardians = if full {
            guardians
        } else {
            guardians
                .into_iter()
                .filter(|g| g.phone.is_some())
                .map(|g| Guardian {
                    name: String::new(),
                    relation: Relation::Other,
                    phone: g.phone,
                    address: None,
                })
                .collect()
        };
        ChildFile {
            id: self.id,
            version: self.version,
            class: self.class(),
            enrolment: self.enrolment(),
            gender: full.then(|| Gender::parse(&self.gender)).flatten(),
            birth_date: full.then_some(self.birth_date),
            lunar_birthday: full.then_some(self.birthday_calendar == "lunar"),
            left_behind: sight.left_behind.then(|| self.left_behind()),
            parents_away: full
                .then(|| ParentsAway::parse(&self.parents_away))
                .flatten(),
            away_since: if full { self.away_since } else { None },
            consent: if full {
                self.consent_date
                    .map(|d| (d, self.consent_by.clone().unwrap_or_default()))
            } else {
                None
            },
            notes: full.then(|| self.notes.clone()),
            name: self.name,
            class_id: self.class_id,
            work_city: keep(self.work_city),
            work_province: keep(self.work_province),
            guardians,
            home_address: keep(self.home_address),
            father_phone: keep(self.father_phone),
            mother_phone: keep(self.mother_phone),
            emergency_contact: keep(self.emergency_contact),
            emergency_phone: keep(self.emergency_phone),
            counselor: keep(self.counselor),
            full_fields: full,
            can_write,
            birthdays: Vec::new(),
            checkup: None,
            growth: Vec::new(),
        }
    }
}

pub async fn all(pool: &SqlitePool) -> Result<Vec<ChildRecord>, AppError> {
    Ok(sqlx::query_as(&format!(
        "{SELECT} ORDER BY k.grade, k.number, c.name, c.id"
    ))
    .fetch_all(pool)
    .await?)
}

pub async fn one(pool: &SqlitePool, id: i64) -> Result<ChildRecord, AppError> {
    sqlx::query_as(&format!("{SELECT} WHERE c.id = ?"))
        .bind(id)
        .fetch_optional(pool)
        .await?
        .ok_or(AppError::NotFound)
}

pub async fn guardians(pool: &SqlitePool, id: i64) -> Result<Vec<Guardian>, AppError> {
    let rows: Vec<(String, String, Option<String>, Option<String>)> = sqlx::query_as(
        "SELECT name, relation, phone, address FROM guardians WHERE child_id = ? ORDER BY position",
    )
    .bind(id)
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(name, relation, phone, address)| Guardian {
            name,
            relation: Relation::parse(&relation).unwrap_or(Relation::Other),
            phone,
            address,
        })
        .collect())
}

pub use crate::school::db::classes;

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
        consent_date = ?17";
    let sql = match id {
        Some(_) => format!(
            "UPDATE children SET {fields}, version = version + 1,
                 updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
             WHERE id = ?19 AND version = ?20 RETURNING id"
        ),
        None => "INSERT INTO children (name, gender, birth_date, birthday_calendar, class_id, left_behind,
                    parents_away, work_city, work_province, away_since, home_address, father_phone,
                    mother_phone, emergency_contact, emergency_phone, notes, consent_date, consent_recorded_by)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17,
                    CASE WHEN ?17 IS NULL THEN NULL ELSE ?18 END)
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
        .bind(recorded_by);
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

/// The child's checkup results, year by year.
pub async fn growth(
    pool: &SqlitePool,
    id: i64,
) -> Result<Vec<super::types::GrowthPoint>, AppError> {
    let rows: Vec<(
        i64,
        String,
        Option<f64>,
        Option<f64>,
        Option<f64>,
        Option<f64>,
        Option<i64>,
    )> = sqlx::query_as(
        "SELECT year, attendance, height_cm, weight_kg, vision_left, vision_right, caries
         FROM checkup_results WHERE child_id = ? ORDER BY year",
    )
    .bind(id)
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(
            |(year, attendance, height_cm, weight_kg, vision_left, vision_right, caries)| {
                super::types::GrowthPoint {
                    year: year as i32,
                    attendance,
                    height_cm,
                    weight_kg,
                    vision_left,
                    vision_right,
                    caries,
                }
            },
        )
        .collect())
}

/// Each child's first guardian, for lists (one query for the whole school).
pub async fn first_guardians(
    pool: &SqlitePool,
) -> Result<std::collections::HashMap<i64, Guardian>, AppError> {
    let rows: Vec<(i64, String, String, Option<String>, Option<String>)> = sqlx::query_as(
        "SELECT child_id, name, relation, phone, address FROM guardians g
         WHERE position = (SELECT MIN(position) FROM guardians h WHERE h.child_id = g.child_id)",
    )
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(child, name, relation, phone, address)| {
            let relation = Relation::parse(&relation).unwrap_or(Relation::Other);
            (
                child,
                Guardian {
                    name,
                    relation,
                    phone,
                    address,
                },
            )
        })
        .collect())
}
