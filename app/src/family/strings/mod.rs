//! Text of the families' pages. One file per language beside this one; a missing string is
//! a compile error.

mod en;
mod zh_cn;

pub use en::EN;
pub use zh_cn::ZH_CN;

use super::types::KeptWindow;

/// Text of the parents' page and of the staff's family page.
pub struct Strings {
    pub message_required: &'static str,
    pub parent_invalid: &'static str,
    pub proposal_empty: &'static str,
    pub work_place_unnamed: &'static str,
    pub too_many_today: &'static str,
    pub call_days_for_time: &'static str,
    pub page_title: &'static str,
    pub hello: &'static str,
    pub coming: &'static str,
    pub nothing_coming: &'static str,
    pub birthday: &'static str,
    pub calls: &'static str,
    pub called_this_week: &'static str,
    pub call_streak: fn(u32) -> String,
    pub call_fresh: &'static str,
    pub diary: &'static str,
    pub counselor: fn(&str) -> String,
    pub school_phone: &'static str,
    pub write: &'static str,
    pub message_label: &'static str,
    pub send: &'static str,
    pub sent: &'static str,
    pub sent_title: &'static str,
    pub proposed_title: &'static str,
    pub proposal_pending: &'static str,
    pub proposal_declined: &'static str,
    pub sent_read: &'static str,
    pub sent_unread: &'static str,
    pub my_details: &'static str,
    pub details_hint: &'static str,
    /// Above the household's children, when it has more than one: whose files it is for.
    pub details_for: &'static str,
    pub parent: &'static str,
    pub father: &'static str,
    pub mother: &'static str,
    pub phone: &'static str,
    pub work_city: &'static str,
    pub call_window: &'static str,
    pub weekdays: [&'static str; 7],
    /// A call window: its days, from, to, and where the parents are.
    pub window: fn(&[&str], &str, &str, &str) -> String,
    pub from: &'static str,
    pub to: &'static str,
    pub zone: &'static str,
    pub propose: &'static str,
    pub private_note: &'static str,
    pub link_gone: &'static str,
    pub desk_title: fn(&str) -> String,
    pub desk_link: &'static str,
    pub links: &'static str,
    pub new_link: &'static str,
    pub new_link_hint: &'static str,
    pub with_siblings: &'static str,
    pub make_link: &'static str,
    /// When the family already has a link: another is for another parent, and the first keeps working.
    pub make_another_link: &'static str,
    pub another_link_hint: &'static str,
    /// A link's number, by which a counselor tells it from the household's others.
    pub link_label: fn(i64) -> String,
    /// Who made a link, and when.
    pub made: fn(&str, &str) -> String,
    pub opened: fn(i64, Option<&str>) -> String,
    pub revoke: &'static str,
    pub revoke_means: &'static str,
    pub revoke_confirm: &'static str,
    pub revoked: &'static str,
    pub messages: &'static str,
    pub no_messages: &'static str,
    pub new_badge: &'static str,
    pub proposals: &'static str,
    pub no_proposals: &'static str,
    pub now_on_file: fn(&str) -> String,
    pub filed_as: fn(&str) -> String,
    pub accept: &'static str,
    pub decline: &'static str,
    pub accepted: &'static str,
    pub declined: &'static str,
    pub share_diary: &'static str,
    pub share: &'static str,
    pub unshare: &'static str,
    pub shared: &'static str,
    pub by_child: &'static str,
    pub task: fn(u32, u32) -> String,
}

/// A call window in words: "Fri, Sun 20:30–21:30, UAE (Dubai)", the place as the form
/// names it (its own brackets the only ones).
pub fn window_words(t: &'static crate::i18n::Strings, w: &KeptWindow) -> String {
    let days: Vec<&str> = w
        .weekdays
        .iter()
        .filter_map(|d| {
            t.family
                .weekdays
                .get(usize::from(*d).wrapping_sub(1))
                .copied()
        })
        .collect();
    let zone = crate::habits::strings::zone_label(t, &w.zone);
    (t.family.window)(&days, &w.from, &w.to, zone)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Locale;

    #[test]
    fn a_call_window_reads_with_one_kind_of_bracket() {
        let w = KeptWindow {
            weekdays: vec![5, 7],
            from: "20:30".into(),
            to: "21:30".into(),
            zone: "Asia/Dubai".into(),
            note: String::new(),
        };
        assert_eq!(
            window_words(Locale::ZhCn.strings(), &w),
            "周五、周日 20:30–21:30，阿联酋（迪拜）"
        );
        assert_eq!(
            window_words(Locale::En.strings(), &w),
            "Fri, Sun 20:30–21:30, UAE (Dubai)"
        );
    }
}
