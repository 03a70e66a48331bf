//! Who may see and change which child, and what of the file they receive: the whole file
//! (admin, leading group, the paired counselor) or a [`ChildContact`] (a teacher, own class).

use crate::auth::permissions::{access, check, Access, Capability};
use crate::auth::types::Viewer;
use crate::error::AppError;
use crate::frame::Ctx;

use super::db::{self, ChildRecord};
use super::types::{ChildContact, ChildFile, ChildRow, Enrolment, Guardian, LeftBehind};

/// What a caller may see of a child.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sight {
    /// The whole file; `left_behind`: the status too.
    File { left_behind: bool },
    /// A [`ChildContact`] only; `left_behind`: with the status.
    Contact { left_behind: bool },
}

impl Sight {
    pub fn is_file(self) -> bool {
        matches!(self, Sight::File { .. })
    }

    pub fn left_behind(self) -> bool {
        match self {
            Sight::File { left_behind } | Sight::Contact { left_behind } => left_behind,
        }
    }
}

/// The child `id`'s record, if the caller may `capability` on them: refused before the
/// child is read when the caller may do it to no child at all (the frame's gate), and for
/// this child after (audited).
pub async fn require_child(
    ctx: &Ctx,
    capability: Capability,
    id: i64,
) -> Result<ChildRecord, AppError> {
    let record = db::one(ctx.pool(), id).await?;
    ctx.require(capability, record.target()).await?;
    Ok(record)
}

/// What `viewer` may see of `child`, or `None` for nothing at all.
pub fn sight(viewer: &Viewer, child: &ChildRecord) -> Option<Sight> {
    let target = child.target();
    let who = Some((viewer.role, &viewer.scope));
    check(who, Capability::ReadChildFile, target).ok()?;
    let left_behind = check(who, Capability::ReadLeftBehind, target).is_ok();
    Some(if sees_whole_files(viewer) {
        Sight::File { left_behind }
    } else {
        Sight::Contact { left_behind }
    })
}

/// Whether the viewer's role reads whole files (of all children, or of the paired ones).
pub fn sees_whole_files(viewer: &Viewer) -> bool {
    matches!(
        access(viewer.role, Capability::ReadChildFile),
        Access::All | Access::Paired
    )
}

/// The list's filters.
#[derive(Debug, Clone, Default)]
pub struct ListFilter {
    pub q: Option<String>,
    pub class: Option<i64>,
    pub status: Option<LeftBehind>,
    pub counselor: Option<i64>,
    pub left: bool,
}

/// The children `viewer` may see that pass `filter`, with what may be seen of each.
pub fn visible<'a>(
    viewer: &Viewer,
    records: &'a [ChildRecord],
    filter: &ListFilter,
) -> Vec<(&'a ChildRecord, Sight)> {
    let needle = filter
        .q
        .as_deref()
        .map(str::trim)
        .unwrap_or_default()
        .to_lowercase();
    records
        .iter()
        .filter_map(|record| Some((record, sight(viewer, record)?)))
        .filter(|(record, sight)| {
            let left_school = record.enrolment != Enrolment::Active;
            !((left_school && !filter.left)
                || (!needle.is_empty() && !record.name.to_lowercase().contains(&needle))
                || filter.class.is_some_and(|c| c != record.class_id)
                || filter
                    .counselor
                    .is_some_and(|c| !sight.is_file() || record.counselor_id != Some(c))
                || filter
                    .status
                    .is_some_and(|s| !sight.left_behind() || record.left_behind != s))
        })
        .collect()
}

pub fn can_write(viewer: &Viewer, child: &ChildRecord) -> bool {
    check(
        Some((viewer.role, &viewer.scope)),
        Capability::WriteChildFile,
        child.target(),
    )
    .is_ok()
}

/// A teacher's view of `record`: built from the record, holding nothing else.
pub fn contact(record: &ChildRecord, left_behind: bool, phones: Vec<String>) -> ChildContact {
    ChildContact {
        id: record.id,
        version: record.version,
        name: record.name.clone(),
        class_id: record.class_id,
        class: record.class,
        enrolment: record.enrolment,
        left_behind: left_behind.then_some(record.left_behind),
        guardian_phones: phones,
    }
}

/// The list's line for `record` as `sight` allows.
pub fn row(record: &ChildRecord, sight: Sight) -> ChildRow {
    match sight {
        Sight::Contact { left_behind } => contact(
            record,
            left_behind,
            record.guardian_phone.iter().cloned().collect(),
        )
        .row(),
        Sight::File { left_behind } => ChildRow {
            id: record.id,
            name: record.name.clone(),
            class: record.class,
            gender: Some(record.gender),
            birth_date: Some(record.birth_date),
            left_behind: left_behind.then_some(record.left_behind),
            guardian_phone: record.guardian_phone.clone(),
            counselor: record.counselor.clone(),
            enrolment: record.enrolment,
        },
    }
}

/// The file page's data for `record` as `sight` allows.
pub fn file(
    record: ChildRecord,
    sight: Sight,
    guardians: Vec<Guardian>,
    can_write: bool,
) -> ChildFile {
    let left_behind = match sight {
        Sight::Contact { left_behind } => {
            let phones = guardians.into_iter().filter_map(|g| g.phone).collect();
            return contact(&record, left_behind, phones).file(can_write);
        }
        Sight::File { left_behind } => left_behind,
    };
    ChildFile {
        id: record.id,
        version: record.version,
        class: record.class,
        enrolment: record.enrolment,
        gender: Some(record.gender),
        birth_date: Some(record.birth_date),
        lunar_birthday: Some(record.lunar_birthday),
        left_behind: left_behind.then_some(record.left_behind),
        parents_away: Some(record.parents_away),
        away_since: record.away_since,
        consent: record
            .consent_date
            .map(|d| (d, record.consent_by.clone().unwrap_or_default())),
        notes: Some(record.notes),
        name: record.name,
        class_id: record.class_id,
        work_city: record.work_city,
        work_province: record.work_province,
        mother_work_place: record.mother_work_place,
        guardians,
        home_address: record.home_address,
        father_phone: record.father_phone,
        mother_phone: record.mother_phone,
        emergency_contact: record.emergency_contact,
        emergency_phone: record.emergency_phone,
        counselor: record.counselor,
        full_fields: true,
        can_write,
        birthdays: Vec::new(),
        checkup: None,
        growth: Vec::new(),
        awards: Vec::new(),
    }
}
