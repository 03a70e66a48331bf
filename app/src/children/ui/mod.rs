//! The children's pages, rendered on the server: the list with its counts, a child's file
//! and contact card, the editor, and a class's contact cards to print (A6, four to an A4).

mod cards;
mod edit;
mod file;
mod list;

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use crate::i18n::Strings;
use crate::school::types::ClassLabel;

pub use cards::CardsPage;
pub use edit::EditChildPage;
pub use file::ChildPage;
pub use list::ChildrenPage;

pub(super) fn class_text(t: &Strings, c: ClassLabel) -> String {
    (t.common.class_label)(c.grade, c.number)
}

pub(super) fn child_id() -> i64 {
    use_params_map()
        .read_untracked()
        .get("id")
        .and_then(|id| id.parse::<i64>().ok())
        .unwrap_or(0)
}
