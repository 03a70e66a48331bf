//! Who an event is for, as the permission gate sees it.

use crate::auth::permissions::Target;
use crate::calendar::types::Audience;

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
