//! Accounts as the app sees them. What crosses the wire never carries a password hash.

use serde::{Deserialize, Serialize};

use crate::i18n::Strings;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Headmaster, head of the leading group.
    Admin,
    /// Members of the leading group.
    Leader,
    /// Teachers paired with left-behind children (结对帮扶老师).
    Counselor,
    Teacher,
    Student,
}

impl Role {
    pub const ALL: [Role; 5] = [
        Role::Admin,
        Role::Leader,
        Role::Counselor,
        Role::Teacher,
        Role::Student,
    ];

    pub fn key(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::Leader => "leader",
            Role::Counselor => "counselor",
            Role::Teacher => "teacher",
            Role::Student => "student",
        }
    }

    pub fn from_key(key: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.key() == key)
    }

    pub fn label(self, t: &Strings) -> &'static str {
        match self {
            Role::Admin => t.auth.role_admin,
            Role::Leader => t.auth.role_leader,
            Role::Counselor => t.auth.role_counselor,
            Role::Teacher => t.auth.role_teacher,
            Role::Student => t.auth.role_student,
        }
    }
}

/// What the permission check needs to know about the signed-in user.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Scope {
    pub user_id: i64,
    pub paired_children: Vec<i64>,
    pub classes: Vec<i64>,
    pub groups: Vec<i64>,
}

/// The signed-in user of a request, resolved once from the session on the server.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Viewer {
    pub username: String,
    pub display_name: String,
    pub role: Role,
    pub scope: Scope,
    /// Signed in with a one-time password: nothing but choosing their own until they do.
    pub must_change_password: bool,
    /// The key (hex, 256 bits) the checkup outbox seals this user's entries with on the
    /// device; it changes with their password. Rendered only into their own pages.
    pub outbox_key: String,
}

impl Viewer {
    pub fn user_id(&self) -> i64 {
        self.scope.user_id
    }
}

/// A user as the admin's users page shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UserSummary {
    pub id: i64,
    pub username: String,
    pub display_name: String,
    pub role: Role,
    pub active: bool,
    /// Paired children (counselors), as "name (class)".
    pub paired: Vec<(i64, String)>,
    /// Classes (teachers), as labels.
    pub classes: Vec<(i64, String)>,
    pub groups: Vec<(i64, String)>,
}

/// What the users page offers to assign.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct AssignmentChoices {
    pub left_behind_children: Vec<(i64, String)>,
    pub classes: Vec<(i64, String)>,
    pub groups: Vec<(i64, String)>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditEntry {
    pub id: i64,
    /// On the school's clock: "2027-04-19 22:52:08".
    pub at: String,
    pub username: Option<String>,
    pub action: String,
    pub record_type: Option<String>,
    pub record_id: Option<i64>,
    pub outcome: String,
    pub ip: Option<String>,
}

/// The audit page's filters (all optional), read from its query string.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct AuditFilter {
    pub username: Option<String>,
    pub action: Option<String>,
    pub outcome: Option<String>,
    pub from: Option<String>,
    pub to: Option<String>,
}
