//! The permission matrix of DESIGN.md, in one place: capability × role, with record scope.
//! Every server function and route asks it first; whatever it does not allow is denied.

use serde::{Deserialize, Serialize};

use super::types::Role;
use crate::auth::types::Scope;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Capability {
    ViewCalendar,
    EditEvents,
    ViewBirthdays,
    ReadChildFile,
    WriteChildFile,
    ReadLeftBehind,
    ReadHealth,
    WriteHealth,
    ReadCareLog,
    WriteCareLog,
    ReadAssessment,
    WriteAssessment,
    ManageUsers,
    ReadAudit,
    ChangeOwnPassword,
    /// Correct the statutory holidays and make-up working days.
    ManageHolidays,
    /// Create and revoke calendar subscription links (school feed, a child's feed for parents).
    ManageFeeds,
    /// A child's growth diary, on its care record (staff).
    ReadDiary,
    WriteDiary,
    /// A student's own diary: its entries and the replies to them.
    OwnDiary,
    /// Pair counselors with children, hand a child over, end a pairing.
    ManagePairings,
    /// A child's five ones: ticks, books, calls, excuses, the parents' call window.
    ReadHabits,
    WriteHabits,
    /// A student's own five ones.
    OwnHabits,
    /// Nominate a child for 自强好少年 (and see one's own nominations).
    Nominate,
    /// Set the award's criteria, approve or decline nominations (never one's own).
    DecideAwards,
    /// The programme's overview and year-end summary: numbers, never names.
    ReadProgramme,
    /// Donors, volunteers, pledges, funds and the ledger (contacts included).
    ManageFunds,
    /// Aid requests for a child (a counselor: their paired children's).
    ReadAid,
    /// Ask aid for a child.
    RequestAid,
    /// Approve or decline aid (never one's own request).
    DecideAid,
    /// Seminars, symposiums and parents' meetings: read them, and mark done a practice one
    /// carries out.
    Meetings,
    /// The leading group's own meetings: read them.
    LeadersMeetings,
    /// Keep a meeting's record (its kind, attendance, families, minutes and practices):
    /// the leading group; the rest of the staff read it.
    RecordMeetings,
    /// The school's own details: its names and phone.
    ManageSchool,
}

impl Capability {
    pub const ALL: [Capability; 35] = [
        Capability::ViewCalendar,
        Capability::EditEvents,
        Capability::ViewBirthdays,
        Capability::ReadChildFile,
        Capability::WriteChildFile,
        Capability::ReadLeftBehind,
        Capability::ReadHealth,
        Capability::WriteHealth,
        Capability::ReadCareLog,
        Capability::WriteCareLog,
        Capability::ReadAssessment,
        Capability::WriteAssessment,
        Capability::ManageUsers,
        Capability::ReadAudit,
        Capability::ChangeOwnPassword,
        Capability::ManageHolidays,
        Capability::ManageFeeds,
        Capability::ReadDiary,
        Capability::WriteDiary,
        Capability::OwnDiary,
        Capability::ManagePairings,
        Capability::ReadHabits,
        Capability::WriteHabits,
        Capability::OwnHabits,
        Capability::Nominate,
        Capability::DecideAwards,
        Capability::ReadProgramme,
        Capability::ManageFunds,
        Capability::ReadAid,
        Capability::RequestAid,
        Capability::DecideAid,
        Capability::Meetings,
        Capability::LeadersMeetings,
        Capability::RecordMeetings,
        Capability::ManageSchool,
    ];

    /// The name written to the audit log.
    pub fn key(self) -> &'static str {
        match self {
            Capability::ViewCalendar => "view_calendar",
            Capability::EditEvents => "edit_events",
            Capability::ViewBirthdays => "view_birthdays",
            Capability::ReadChildFile => "read_child_file",
            Capability::WriteChildFile => "write_child_file",
            Capability::ReadLeftBehind => "read_left_behind",
            Capability::ReadHealth => "read_health",
            Capability::WriteHealth => "write_health",
            Capability::ReadCareLog => "read_care_log",
            Capability::WriteCareLog => "write_care_log",
            Capability::ReadAssessment => "read_assessment",
            Capability::WriteAssessment => "write_assessment",
            Capability::ManageUsers => "manage_users",
            Capability::ReadAudit => "read_audit",
            Capability::ChangeOwnPassword => "change_own_password",
            Capability::ManageHolidays => "manage_holidays",
            Capability::ManageSchool => "manage_school",
            Capability::ManageFeeds => "manage_feeds",
            Capability::ReadDiary => "read_diary",
            Capability::WriteDiary => "write_diary",
            Capability::OwnDiary => "own_diary",
            Capability::ManagePairings => "manage_pairings",
            Capability::ReadHabits => "read_habits",
            Capability::WriteHabits => "write_habits",
            Capability::OwnHabits => "own_habits",
            Capability::Nominate => "nominate",
            Capability::DecideAwards => "decide_awards",
            Capability::ReadProgramme => "read_programme",
            Capability::ManageFunds => "manage_funds",
            Capability::ReadAid => "read_aid",
            Capability::RequestAid => "request_aid",
            Capability::DecideAid => "decide_aid",
            Capability::Meetings => "meetings",
            Capability::LeadersMeetings => "leaders_meetings",
            Capability::RecordMeetings => "record_meetings",
        }
    }
}

/// How much of a capability a role has.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Access {
    Denied,
    /// Every record.
    All,
    /// Only events marked visible to students.
    StudentVisible,
    /// Birthdays showing the child's name and class only.
    NameAndClass,
    /// Only the counselor's paired children.
    Paired,
    /// Only the teacher's own classes and groups.
    OwnClasses,
    /// Own class, limited to name, class and guardian phone.
    OwnClassContact,
    /// Only the user's own record.
    Own,
}

/// DESIGN.md's table, row by row. Deny by default: a pair not listed here is `Denied`.
/// Where `/` (and signing in with nowhere else to go) leads: each user to the page their week
/// starts from. The leading group's Monday questions are on the programme's overview, a
/// counselor's on their paired children; everyone else starts from the calendar.
pub fn home(role: Option<Role>) -> &'static str {
    match role {
        Some(Role::Admin | Role::Leader) => "/programme",
        Some(Role::Counselor) => "/care",
        _ => "/calendar",
    }
}

pub fn access(role: Role, capability: Capability) -> Access {
    use Access::*;
    use Capability::*;
    use Role::*;
    match (capability, role) {
        (ViewCalendar, Admin | Leader | Counselor | Teacher) => All,
        (ViewCalendar, Student) => StudentVisible,

        (EditEvents, Admin | Leader | Counselor) => All,
        (EditEvents, Teacher) => OwnClasses,

        (ViewBirthdays, Admin | Leader | Counselor | Teacher) => All,
        (ViewBirthdays, Student) => NameAndClass,

        (ReadChildFile, Admin | Leader) => All,
        (ReadChildFile, Counselor) => Paired,
        (ReadChildFile, Teacher) => OwnClassContact,
        (WriteChildFile, Admin) => All,
        (WriteChildFile, Counselor) => Paired,

        (ReadLeftBehind, Admin | Leader) => All,
        (ReadLeftBehind, Counselor) => Paired,
        (ReadLeftBehind, Teacher) => OwnClasses,

        (ReadHealth, Admin | Leader) => All,
        (ReadHealth, Counselor) => Paired,
        (WriteHealth, Admin) => All,

        (ReadCareLog, Admin | Leader) => All,
        (ReadCareLog, Counselor) => Paired,
        (WriteCareLog, Admin) => All,
        (WriteCareLog, Counselor) => Paired,

        (ReadDiary, Admin | Leader) => All,
        (ReadDiary, Counselor) => Paired,
        (OwnDiary, Student) => Own,
        (WriteDiary, Admin) => All,
        (WriteDiary, Counselor) => Paired,

        (ManagePairings, Admin | Leader) => All,

        (ReadHabits, Admin | Leader) => All,
        (ReadHabits, Counselor) => Paired,
        (ReadHabits, Teacher) => OwnClasses,
        (WriteHabits, Admin) => All,
        (WriteHabits, Counselor) => Paired,
        (WriteHabits, Teacher) => OwnClasses,
        (OwnHabits, Student) => Own,

        (Nominate, Admin | Leader) => All,
        (Nominate, Counselor) => Paired,
        (Nominate, Teacher) => OwnClasses,
        (DecideAwards, Admin | Leader) => All,

        (ReadAssessment, Admin | Leader) => All,
        (ReadAssessment, Counselor) => Own,
        (WriteAssessment, Admin | Leader) => All,

        (ReadProgramme, Admin | Leader) => All,

        (ManageFunds | DecideAid, Admin | Leader) => All,
        (ReadAid, Admin | Leader) => All,
        (ReadAid | RequestAid, Counselor) => Paired,
        (RequestAid, Admin) => All,

        (Meetings, Admin | Leader | Counselor | Teacher) => All,
        (LeadersMeetings | RecordMeetings, Admin | Leader) => All,

        (ManageUsers | ReadAudit | ManageHolidays | ManageSchool, Admin) => All,

        (ManageFeeds, Admin) => All,

        (ChangeOwnPassword, _) => Own,

        _ => Denied,
    }
}

/// The record a request touches, so scoped access can be checked against it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// No particular record (a list, the calendar as a whole).
    Any,
    /// A record for the whole school (a school-wide or staff event): needs full access.
    School,
    Child {
        id: i64,
        class_id: i64,
    },
    Class(i64),
    Group(i64),
    User(i64),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Denial {
    /// Nobody is signed in.
    SignedOut,
    /// Signed in, but not allowed.
    Forbidden,
}

/// Allows `capability` on `target` for `who` (`None`: signed out), or says why not.
pub fn check(
    who: Option<(Role, &Scope)>,
    capability: Capability,
    target: Target,
) -> Result<Access, Denial> {
    let Some((role, scope)) = who else {
        return Err(Denial::SignedOut);
    };
    let granted = access(role, capability);
    let in_scope = match (granted, target) {
        (Access::Denied, _) => false,
        (_, Target::Any) => true,
        (access, Target::School) => access == Access::All,
        (Access::All | Access::StudentVisible | Access::NameAndClass, _) => true,
        (Access::Paired, Target::Child { id, .. }) => scope.paired_children.contains(&id),
        (Access::OwnClasses | Access::OwnClassContact, Target::Child { class_id, .. }) => {
            scope.classes.contains(&class_id)
        }
        (Access::OwnClasses | Access::OwnClassContact, Target::Class(id)) => {
            scope.classes.contains(&id)
        }
        (Access::OwnClasses, Target::Group(id)) => scope.groups.contains(&id),
        (Access::Own, Target::User(id)) => id == scope.user_id,
        _ => false,
    };
    if in_scope {
        Ok(granted)
    } else {
        Err(Denial::Forbidden)
    }
}

/// Whether `capability` reaches any child at all for this user: a teacher given no class
/// yet, or a counselor paired with no child, has nothing under a scoped capability (the
/// nav leaves out a page that could only say so).
pub fn reaches_children(role: Role, scope: &Scope, capability: Capability) -> bool {
    match access(role, capability) {
        Access::Denied | Access::Own => false,
        Access::Paired => !scope.paired_children.is_empty(),
        Access::OwnClasses | Access::OwnClassContact => !scope.classes.is_empty(),
        Access::All | Access::StudentVisible | Access::NameAndClass => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_teacher_without_a_class_reaches_no_child() {
        let none = Scope::default();
        assert!(!reaches_children(
            Role::Teacher,
            &none,
            Capability::WriteHabits
        ));
        assert!(!reaches_children(
            Role::Counselor,
            &none,
            Capability::WriteHabits
        ));
        assert!(reaches_children(
            Role::Admin,
            &none,
            Capability::WriteHabits
        ));
        assert!(reaches_children(
            Role::Teacher,
            &scope(),
            Capability::WriteHabits
        ));
        assert!(reaches_children(
            Role::Counselor,
            &scope(),
            Capability::WriteHabits
        ));
        let groups_only = Scope {
            groups: vec![2],
            ..Scope::default()
        };
        assert!(
            !reaches_children(Role::Teacher, &groups_only, Capability::WriteHabits),
            "a check-in is by class: a group alone reaches no class"
        );
        assert!(!reaches_children(
            Role::Student,
            &scope(),
            Capability::WriteHabits
        ));
    }

    fn scope() -> Scope {
        Scope {
            user_id: 7,
            paired_children: vec![11, 12],
            classes: vec![3],
            groups: vec![2],
        }
    }

    #[test]
    fn signed_out_is_always_refused() {
        for capability in Capability::ALL {
            assert_eq!(check(None, capability, Target::Any), Err(Denial::SignedOut));
        }
    }

    #[test]
    fn only_admins_manage_users_and_read_the_audit_log() {
        for role in Role::ALL {
            let expected = role == Role::Admin;
            assert_eq!(
                access(role, Capability::ManageUsers) != Access::Denied,
                expected,
                "{role:?}"
            );
            assert_eq!(
                access(role, Capability::ReadAudit) != Access::Denied,
                expected,
                "{role:?}"
            );
        }
    }

    #[test]
    fn students_never_reach_a_childs_file_health_or_family_situation() {
        for capability in [
            Capability::ReadChildFile,
            Capability::ReadLeftBehind,
            Capability::ReadHealth,
            Capability::ReadCareLog,
            Capability::EditEvents,
        ] {
            assert_eq!(
                access(Role::Student, capability),
                Access::Denied,
                "{capability:?}"
            );
        }
        assert_eq!(
            access(Role::Student, Capability::ViewBirthdays),
            Access::NameAndClass
        );
        assert_eq!(
            access(Role::Student, Capability::ViewCalendar),
            Access::StudentVisible
        );
    }

    #[test]
    fn a_counselor_opens_only_paired_children() {
        let s = scope();
        let who = Some((Role::Counselor, &s));
        assert!(check(
            who,
            Capability::ReadChildFile,
            Target::Child {
                id: 11,
                class_id: 9
            }
        )
        .is_ok());
        assert_eq!(
            check(
                who,
                Capability::ReadChildFile,
                Target::Child {
                    id: 99,
                    class_id: 3
                }
            ),
            Err(Denial::Forbidden)
        );
        assert_eq!(
            check(
                who,
                Capability::ReadHealth,
                Target::Child {
                    id: 12,
                    class_id: 1
                }
            ),
            Ok(Access::Paired)
        );
        assert_eq!(
            check(
                who,
                Capability::WriteHealth,
                Target::Child {
                    id: 12,
                    class_id: 1
                }
            ),
            Err(Denial::Forbidden)
        );
    }

    #[test]
    fn a_teacher_opens_only_children_of_own_classes_and_never_health() {
        let s = scope();
        let who = Some((Role::Teacher, &s));
        assert_eq!(
            check(
                who,
                Capability::ReadChildFile,
                Target::Child {
                    id: 50,
                    class_id: 3
                }
            ),
            Ok(Access::OwnClassContact)
        );
        assert_eq!(
            check(
                who,
                Capability::ReadChildFile,
                Target::Child {
                    id: 50,
                    class_id: 4
                }
            ),
            Err(Denial::Forbidden)
        );
        assert_eq!(
            check(
                who,
                Capability::ReadHealth,
                Target::Child {
                    id: 50,
                    class_id: 3
                }
            ),
            Err(Denial::Forbidden)
        );
        assert!(check(who, Capability::EditEvents, Target::Group(2)).is_ok());
        assert_eq!(
            check(who, Capability::EditEvents, Target::School),
            Err(Denial::Forbidden)
        );
        assert_eq!(
            check(who, Capability::EditEvents, Target::Group(5)),
            Err(Denial::Forbidden)
        );
    }

    #[test]
    fn everyone_changes_only_their_own_password() {
        let s = scope();
        for role in Role::ALL {
            assert!(check(
                Some((role, &s)),
                Capability::ChangeOwnPassword,
                Target::User(7)
            )
            .is_ok());
            assert_eq!(
                check(
                    Some((role, &s)),
                    Capability::ChangeOwnPassword,
                    Target::User(8)
                ),
                Err(Denial::Forbidden)
            );
        }
    }
}
