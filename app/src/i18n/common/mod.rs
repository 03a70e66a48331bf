//! Text every area shares: the app, navigation, errors, common words. One file per language beside this one;
//! a missing string is a compile error.

mod en;
mod zh_cn;

pub use en::EN;
pub use zh_cn::ZH_CN;

/// Text every area shares: the app, navigation, errors, common words.
pub struct Strings {
    pub app_name: &'static str,
    /// The language switch shows the *other* language in its own words.
    pub language_name: &'static str,
    pub switch_language_label: &'static str,
    pub nav_calendar: &'static str,
    /// The site's menu, named for a screen reader (other menus on a page have their own names).
    pub nav_label: &'static str,
    /// A table's column of buttons, named for a screen reader only.
    pub actions: &'static str,
    pub loading: &'static str,
    pub class_label: fn(u8, u8) -> String,
    pub not_found_title: &'static str,
    pub not_found_body: &'static str,
    pub back_to_calendar: &'static str,
    pub error_validation: &'static str,
    /// A form that did not arrive whole (a field or the button pressed missing).
    pub error_malformed: &'static str,
    pub nav_checkup: &'static str,
    pub nav_follow_ups: &'static str,
    /// A label before its value: "体检名单：" / "Checkup roster: ".
    pub colon: &'static str,
    /// Between items of a list in a sentence: "，" / ", ".
    pub list_comma: &'static str,
    /// An aside in brackets: "（农历）" / " (lunar)".
    pub aside: fn(&str) -> String,
    pub attendance_label: &'static str,
    pub att_examined: &'static str,
    pub att_absent: &'static str,
    pub att_excused: &'static str,
    pub height_label: &'static str,
    pub weight_label: &'static str,
    pub bmi_label: &'static str,
    pub vision_left_label: &'static str,
    pub vision_right_label: &'static str,
    pub caries_label: &'static str,
    /// The outbox (entries kept on the device while the network is down). `{n}` is a
    /// count, `{name}` a child, `{reason}` one of the `outbox_why_*` lines.
    pub outbox_sending: &'static str,
    pub outbox_kept: &'static str,
    pub outbox_others: &'static str,
    pub outbox_server_busy: &'static str,
    pub outbox_waiting: &'static str,
    pub outbox_sent: &'static str,
    /// This page's kept entry was sent, but the form was changed after it was kept.
    pub outbox_sent_changed: &'static str,
    pub outbox_signin: &'static str,
    pub outbox_lost: &'static str,
    pub outbox_restored: &'static str,
    pub outbox_refused: &'static str,
    pub outbox_why_conflict: &'static str,
    pub outbox_why_forbidden: &'static str,
    pub outbox_why_invalid: &'static str,
    pub outbox_open: &'static str,
    pub outbox_discard: &'static str,
    pub outbox_expired: &'static str,
    pub outbox_sign_out_unsent: &'static str,
    /// The outbox's message `key` for one entry, where the language says it otherwise
    /// ("1 entry is kept"); none where one reads like many.
    pub outbox_one: fn(&str) -> Option<&'static str>,
    /// A form that is not kept on the device, tapped with no network: not sent, still filled in.
    pub offline_not_sent: &'static str,
    /// A form of a page without the app's scripts (the parents'), held back with no network.
    pub offline_not_sent_yet: &'static str,
    /// Signing out tapped with no network.
    pub offline_no_sign_out: &'static str,
    /// A send that got no answer, its words put back in the form.
    pub offline_restored: &'static str,
    /// A link to another page tapped with no network: the page stays as it is.
    pub offline_no_page: &'static str,
    pub text_too_long: &'static str,
    pub class_invalid: &'static str,
    pub nav_children: &'static str,
    pub child_name: &'static str,
    pub child_class: &'static str,
    pub counselor_label: &'static str,
    pub file_unreadable: &'static str,
    pub file_empty: &'static str,
    pub file_too_large: &'static str,
    /// The server's refusals before any page runs (plain text, in the request's language).
    pub refused_cross_site: &'static str,
    pub refused_not_multipart: &'static str,
    pub refused_too_large: &'static str,
    pub refused_choose_password: &'static str,
    pub import_has_problems: &'static str,
    pub import_cancel: &'static str,
    pub import_again: &'static str,
    pub upload_busy: &'static str,
    pub import_row: &'static str,
    pub import_when: &'static str,
    pub import_problem: &'static str,
    pub import_ok: &'static str,
    pub error_not_found: &'static str,
    pub error_conflict: &'static str,
    pub error_unauthorized: &'static str,
    pub error_forbidden: &'static str,
    pub error_internal: &'static str,
    pub error_network: &'static str,
    pub error_audit_unavailable: &'static str,
    pub invalid_date: &'static str,
    pub date_out_of_range: &'static str,
    pub date_after_today: &'static str,
    pub date_before_today: &'static str,
    /// Above what a user typed into a record someone else saved meanwhile.
    pub refused_unsaved: &'static str,
    pub sign_in: &'static str,
    pub sign_out: &'static str,
    pub change_password_title: &'static str,
    pub save: &'static str,
    pub saved: &'static str,
    pub nav_users: &'static str,
    pub nav_audit: &'static str,
    pub status: &'static str,
    pub status_active: &'static str,
    pub remove: &'static str,
    pub audit_at: &'static str,
    pub filter: &'static str,
    pub forbidden_title: &'static str,
    pub user_menu_label: &'static str,
    pub invalid_filter: &'static str,
    pub all_classes: &'static str,
    pub nav_holidays: &'static str,
    pub nav_feeds: &'static str,
    pub invalid_time: &'static str,
    pub event_start_time: &'static str,
}
