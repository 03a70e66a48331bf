//! Text of sign-in, accounts, users and the audit log. One file per language beside this one;
//! a missing string is a compile error.

mod en;
mod zh_cn;

pub use en::EN;
pub use zh_cn::ZH_CN;

/// Text of sign-in, accounts, users and the audit log.
pub struct Strings {
    pub role_admin: &'static str,
    pub role_leader: &'static str,
    pub role_counselor: &'static str,
    pub role_teacher: &'static str,
    pub role_student: &'static str,
    pub username_invalid: &'static str,
    pub username_taken: &'static str,
    pub display_name_invalid: &'static str,
    pub password_too_short: &'static str,
    pub password_too_long: &'static str,
    pub password_mismatch: &'static str,
    pub current_password_wrong: &'static str,
    pub cannot_change_self: &'static str,
    pub bad_credentials: &'static str,
    pub too_many_attempts: &'static str,
    pub sign_in_busy: &'static str,
    pub sign_in_title: &'static str,
    pub username: &'static str,
    pub password: &'static str,
    pub current_password: &'static str,
    /// The first admin, signed in with the printed one-time password.
    pub choose_own_password: &'static str,
    pub new_password: &'static str,
    pub confirm_password: &'static str,
    pub users_title: &'static str,
    pub display_name: &'static str,
    pub role: &'static str,
    pub status_inactive: &'static str,
    pub create_user: &'static str,
    pub initial_password: &'static str,
    pub deactivate: &'static str,
    pub reactivate: &'static str,
    pub set_role: &'static str,
    pub paired_children: &'static str,
    pub classes: &'static str,
    pub groups: &'static str,
    pub add: &'static str,
    /// The empty first choice of an "add" list: nothing is added by a tap on its own.
    pub choose: &'static str,
    /// The children no counselor is paired with yet.
    pub unpaired_children: &'static str,
    /// Children paired with another counselor: adding one hands them over.
    pub paired_elsewhere: &'static str,
    /// A child in that list, with the counselor they are paired with now.
    pub with_counselor: fn(&str, &str) -> String,
    pub audit_title: &'static str,
    pub audit_user: &'static str,
    pub audit_action: &'static str,
    pub audit_record: &'static str,
    /// What an audit row's action names, by its code (the row's first word); a code not
    /// listed is shown as it is.
    pub audit_actions: &'static [(&'static str, &'static str)],
    /// What an audit row's record is, by its kind: a child, a class, a group, a user.
    pub record_kinds: [(&'static str, &'static str); 4],
    pub audit_outcome: &'static str,
    pub audit_ip: &'static str,
    pub any: &'static str,
    pub from_date: &'static str,
    pub to_date: &'static str,
    pub outcome_allowed: &'static str,
    pub outcome_denied: &'static str,
    pub outcome_success: &'static str,
    pub outcome_failure: &'static str,
    pub assignments: &'static str,
}
