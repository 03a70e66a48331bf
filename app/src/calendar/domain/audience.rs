//! Who an event is for, as the permission gate sees it.

use crate::auth::permissions::{check, Capability, Target};
use crate::auth::types::{Role, Scope};
use crate::calendar::types::{Audience, AudienceChoices};

/// The permission target of an audience.
pub fn target(audience: Audience) -> Target {
    match audience {
        Audience::Class(id) => Target::Class(id),
        Audience::Group(id) => Target::Group(id),
        Audience::School | Audience::Staff => Target::School,
    }
}

/// An event's stored audience columns: (`audience`, `class_id`, `group_id`).
pub fn columns(audience: Audience) -> (&'static str, Option<i64>, Option<i64>) {
    match audience {
        Audience::School => ("school", None, None),
        Audience::Staff => ("staff", None, None),
        Audience::Class(id) => ("class", Some(id), None),
        Audience::Group(id) => ("group", None, Some(id)),
    }
}

/// The audience stored as `audience`, `class_id`, `group_id`.
pub fn from_columns(audience: &str, class_id: Option<i64>, group_id: Option<i64>) -> Audience {
    match (audience, class_id, group_id) {
        ("class", Some(id), _) => Audience::Class(id),
        ("group", _, Some(id)) => Audience::Group(id),
        ("staff", _, _) => Audience::Staff,
        _ => Audience::School,
    }
}

/// Of the school's `classes` and `groups`, what `who` may plan events for: a teacher their
/// own classes and groups, the leading group the whole school too.
pub fn offered(
    who: (Role, &Scope),
    classes: Vec<(i64, String)>,
    groups: Vec<(i64, String)>,
) -> AudienceChoices {
    let may = |target| check(Some(who), Capability::EditEvents, target).is_ok();
    AudienceChoices {
        school: may(Target::School),
        classes: classes
            .into_iter()
            .filter(|(id, _)| may(Target::Class(*id)))
            .collect(),
        groups: groups
            .into_iter()
            .filter(|(id, _)| may(Target::Group(*id)))
            .collect(),
    }
}

/// Whether `who` may plan an event for anyone at all (a teacher without a class or a group
/// may not: the calendar offers them no +).
pub fn plans_any(who: (Role, &Scope)) -> bool {
    let (_, scope) = who;
    let may = |target| check(Some(who), Capability::EditEvents, target).is_ok();
    may(Target::School)
        || scope.classes.iter().any(|id| may(Target::Class(*id)))
        || scope.groups.iter().any(|id| may(Target::Group(*id)))
}
