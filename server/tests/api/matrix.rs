//! The permission matrix, end to end: every registered server function, page and route,
//! called as each role. A registered endpoint without a row here fails the test. Every role a
//! row allows gets exactly the status the row names; every other role is refused (401, 403,
//! or sent to sign in).

use std::collections::BTreeSet;

use crate::helpers::{spawn_app, ROLES};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Expect {
    /// Runs for everyone, signed in or not.
    Public,
    /// Runs for these roles (anonymous, student, teacher, counselor, leader, admin); refused for the others.
    Only([bool; 6]),
}

const SIGNED_IN: Expect = Expect::Only([false, true, true, true, true, true]);
const ADMIN: Expect = Expect::Only([false, false, false, false, false, true]);
const NOBODY: Expect = Expect::Only([false; 6]);
/// The leading group: admin and leaders.
const LEADERS: Expect = Expect::Only([false, false, false, false, true, true]);
/// Everyone who edits events: teachers for their own classes and groups.
const EDITORS: Expect = Expect::Only([false, false, true, true, true, true]);
/// Who reads children's files: teachers (their class's contact only), counselors (paired),
/// the leading group and the admin.
const CHILD_READERS: Expect = Expect::Only([false, false, true, true, true, true]);
/// Who writes them: counselors (their paired children) and the admin.
const CHILD_WRITERS: Expect = Expect::Only([false, false, false, true, false, true]);
/// Who reads health records: the admin, the leading group, counselors (paired children).
const HEALTH_READERS: Expect = Expect::Only([false, false, false, true, true, true]);
/// Who reads care records (the care log, concerns, the diary): the admin, the leading
/// group, counselors (paired children). Never a teacher.
const CARE_READERS: Expect = Expect::Only([false, false, false, true, true, true]);
/// Who writes them: counselors (their paired children) and the admin.
const CARE_WRITERS: Expect = Expect::Only([false, false, false, true, false, true]);
/// A student's own diary: students only.
const STUDENT: Expect = Expect::Only([false, true, false, false, false, false]);
/// Who reads a child's five ones: its class teacher, its counselor, the leading group, the
/// admin.
const HABIT_READERS: Expect = Expect::Only([false, false, true, true, true, true]);
/// Who ticks them: the class teacher, the counselor, the admin (the leading group reads).
const HABIT_WRITERS: Expect = Expect::Only([false, false, true, true, false, true]);
/// Who nominates for 自强好少年: class teachers, counselors, the leading group, the admin.
const NOMINATORS: Expect = Expect::Only([false, false, true, true, true, true]);
/// Who reads assessment sheets: counselors (their own), the leading group, the admin.
const ASSESSED: Expect = Expect::Only([false, false, false, true, true, true]);
/// Those who plan for the whole school: admin, leading group, counselors.
/// Seminars, symposiums and parents' meetings: all staff.
const STAFF: Expect = Expect::Only([false, false, true, true, true, true]);
const PLANNERS: Expect = Expect::Only([false, false, false, true, true, true]);

/// What the matrix uploads to a server function that takes a file.
const UPLOAD: &str = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:matrix@test\r\nDTSTAMP:20260801T000000Z\r\n\
SUMMARY:x\r\nDTSTART;VALUE=DATE:20270301\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";

struct Row {
    /// As registered (server function path, or route pattern).
    registered: &'static str,
    method: &'static str,
    /// What to call, with a body good enough to get past argument parsing.
    call: &'static str,
    body: Option<&'static str>,
    expect: Expect,
    /// Exactly what every caller it allows gets: 200, or what the row asks for on purpose
    /// (404: a record that does not exist, 400: input it must refuse, so that the matrix
    /// changes nothing). Success on real records, in scope and out of it, is `records.rs`.
    answers: u16,
}

const fn row(
    registered: &'static str,
    method: &'static str,
    call: &'static str,
    body: Option<&'static str>,
    expect: Expect,
) -> Row {
    Row {
        registered,
        method,
        call,
        body,
        expect,
        answers: 200,
    }
}

impl Row {
    /// An allowed caller gets this status, not 200.
    const fn answers(self, status: u16) -> Row {
        Row {
            answers: status,
            ..self
        }
    }
}

fn matrix() -> Vec<Row> {
    vec![
        // Server functions.
        row("/api/auth/login", "POST", "/api/auth/login", Some("username=nobody&password=wrong"), Expect::Public).answers(401),
        row("/api/auth/password", "POST", "/api/auth/password", Some("current=x&new=short&confirm=short"), SIGNED_IN).answers(400),
        row("/api/calendar/events", "GET", "/api/calendar/events?date=2027-04-01", None, SIGNED_IN),
        row("/api/calendar/audiences", "GET", "/api/calendar/audiences", None, EDITORS),
        row("/api/calendar/event", "GET", "/api/calendar/event?id=999999", None, EDITORS).answers(404),
        row("/api/calendar/create", "POST", "/api/calendar/create", Some("title=&category=activity&start_date=2027-04-20&audience=school"), EDITORS).answers(400),
        row("/api/calendar/update", "POST", "/api/calendar/update", Some("id=999999&version=1&title=x&category=activity&start_date=2027-04-20&audience=school"), EDITORS).answers(404),
        row("/api/calendar/archive", "POST", "/api/calendar/archive", Some("id=999999&version=1"), EDITORS).answers(404),
        row("/api/calendar/move", "POST", "/api/calendar/move", Some("id=999999&version=1&occurrence=2027-04-21T16:10:00&start=2027-04-22T16:10"), EDITORS).answers(404),
        row("/api/calendar/import/upload", "POST", "/api/calendar/import/upload", Some("multipart"), PLANNERS),
        row("/api/calendar/import/preview", "GET", "/api/calendar/import/preview?id=999999", None, PLANNERS).answers(404),
        row("/api/calendar/import/commit", "POST", "/api/calendar/import/commit", Some("id=999999"), PLANNERS).answers(404),
        row("/api/children/list", "GET", "/api/children/list", None, CHILD_READERS),
        row("/api/children/get", "GET", "/api/children/get?id=999999", None, CHILD_READERS).answers(404),
        row("/api/children/save", "POST", "/api/children/save", Some("id=999999&version=1&name=x"), CHILD_WRITERS).answers(404),
        row("/api/children/enrolment", "POST", "/api/children/enrolment", Some("id=999999&version=1&enrolment=graduated"), CHILD_WRITERS).answers(404),
        row("/api/children/import/upload", "POST", "/api/children/import/upload", Some("multipart"), ADMIN),
        row("/api/children/import/check", "GET", "/api/children/import/check?id=999999", None, ADMIN).answers(404),
        row("/api/children/import/commit", "POST", "/api/children/import/commit", Some("id=999999"), ADMIN).answers(404),
        row("/api/checkup/day", "GET", "/api/checkup/day?year=2027", None, HEALTH_READERS),
        row("/api/checkup/entry", "GET", "/api/checkup/entry?year=2027&child=999999", None, HEALTH_READERS).answers(404),
        row("/api/checkup/close", "POST", "/api/checkup/close", Some("year=2027&child=999999&version=1&note=x"), ADMIN).answers(404),
        row("/api/checkup/makeup", "POST", "/api/checkup/makeup", Some("year=2027&date=2020-01-01"), ADMIN).answers(400),
        row("/api/checkup/save", "POST", "/api/checkup/save", Some("year=2027&child=999999&version=0&attendance=absent"), ADMIN).answers(404),
        row("/api/checkup/classes", "POST", "/api/checkup/classes", Some("year=2027&classes%5B%5D=999999"), ADMIN).answers(400),
        row("/api/checkup/follow-ups", "GET", "/api/checkup/follow-ups", None, HEALTH_READERS),
        row("/api/children/classes", "GET", "/api/children/classes", None, CHILD_WRITERS),
        row("/api/calendar/skip", "POST", "/api/calendar/skip", Some("id=999999&version=1&occurrence=2027-04-21T16:10:00"), EDITORS).answers(404),
        // A staff event naming left-behind children: for those who may see every child's status.
        row("/api/calendar/celebrate", "POST", "/api/calendar/celebrate", Some("date=2020-04-30&time=15:00"), LEADERS).answers(400),
        row("/api/care/mine", "GET", "/api/care/mine", None, CARE_READERS),
        row("/api/care/coverage", "GET", "/api/care/coverage", None, LEADERS),
        row("/api/care/record", "GET", "/api/care/record?child=999999", None, CARE_READERS).answers(404),
        row(
            "/api/care/entry",
            "POST",
            "/api/care/entry",
            Some("child=999999&uid=matrix-entry-0000000001&kind=talk&date=2027-04-19&minutes=20&with_whom=child&study=on"),
            CARE_WRITERS,
        ).answers(404),
        row(
            "/api/care/concern",
            "POST",
            "/api/care/concern",
            Some("child=999999&reason=lonely&urgency=high&note=x&address_by=2099-01-01"),
            CARE_WRITERS,
        ).answers(404),
        row("/api/care/concern/close", "POST", "/api/care/concern/close", Some("concern=999999&version=1&note=x"), CARE_WRITERS).answers(404),
        row("/api/care/plan-visit", "POST", "/api/care/plan-visit", Some("child=999999&date=2099-01-01&time=16:30"), CARE_WRITERS).answers(404),
        row(
            "/api/care/diary",
            "POST",
            "/api/care/diary",
            Some("child=999999&uid=matrix-diary-00000000001&body=x"),
            CARE_WRITERS,
        ).answers(404),
        row("/api/care/pair", "POST", "/api/care/pair", Some("child=999999&counselor=999999"), LEADERS).answers(404),
        row("/api/care/unpair", "POST", "/api/care/unpair", Some("child=999999"), LEADERS).answers(404),
        row("/api/care/rhythm", "POST", "/api/care/rhythm", Some("talk_days=0&visit_days=0"), LEADERS).answers(400),
        row("/api/habits/class", "GET", "/api/habits/class", None, HABIT_WRITERS),
        // Class 6 is 3-2, the demo teacher's; none of its children is the demo counselor's, so
        // the counselor is refused it (their own classes: habits.rs).
        row("/api/habits/check-in", "POST", "/api/habits/check-in", Some("class=6&day=2027-04-19"), Expect::Only([false, false, true, false, false, true])).answers(400),
        row("/api/habits/child", "GET", "/api/habits/child?child=999999", None, HABIT_READERS).answers(404),
        row("/api/habits/mine", "GET", "/api/habits/mine", None, STUDENT),
        // The school's and one's classes' charts: a counselor has no class of their own.
        row("/api/habits/overview", "GET", "/api/habits/overview", None, Expect::Only([false, false, true, false, true, true])),
        row("/api/habits/my-tick", "POST", "/api/habits/my-tick", Some("habit=sleep"), STUDENT).answers(400),
        row("/api/habits/my-book", "POST", "/api/habits/my-book", Some("uid=matrix-book-000000001&title="), STUDENT).answers(400),
        row("/api/habits/my-call", "POST", "/api/habits/my-call", Some("uid=matrix-call-000000001&with_whom="), STUDENT).answers(400),
        row("/api/habits/book", "POST", "/api/habits/book", Some("child=999999&uid=matrix-book-000000002&title=x"), HABIT_WRITERS).answers(404),
        row("/api/habits/call", "POST", "/api/habits/call", Some("child=999999&uid=matrix-call-000000002&with_whom=x"), HABIT_WRITERS).answers(404),
        row("/api/habits/excuse", "POST", "/api/habits/excuse", Some("child=999999&excuse=ill&first=2027-04-19"), HABIT_WRITERS).answers(404),
        row("/api/habits/excuse/withdraw", "POST", "/api/habits/excuse/withdraw", Some("excuse=999999"), HABIT_WRITERS).answers(404),
        row("/api/habits/window", "POST", "/api/habits/window", Some("child=999999&version=0&from=20:00&to=21:00&zone=Asia%2FShanghai"), HABIT_WRITERS).answers(404),
        row("/api/awards/list", "GET", "/api/awards/list", None, NOMINATORS),
        row("/api/awards/criteria", "POST", "/api/awards/criteria", Some("criteria=&version=0"), LEADERS).answers(400),
        row("/api/awards/evidence", "GET", "/api/awards/evidence?child=999999", None, NOMINATORS).answers(404),
        row("/api/awards/nominate", "POST", "/api/awards/nominate", Some("child=999999&statement=xx"), NOMINATORS).answers(404),
        row("/api/awards/decide", "POST", "/api/awards/decide", Some("nomination=999999&version=1"), LEADERS).answers(404),
        row("/api/awards/certificate", "GET", "/api/awards/certificate?nomination=999999", None, NOMINATORS).answers(404),
        row("/api/awards/ceremony", "POST", "/api/awards/ceremony", Some("date=2000-01-01&time=15:00"), LEADERS).answers(400),
        row("/api/diary/mine", "GET", "/api/diary/mine", None, STUDENT),
        row("/api/diary/write", "POST", "/api/diary/write", Some("multipart"), STUDENT).answers(400),
        row("/api/assessment/list", "GET", "/api/assessment/list?period=2027-03", None, ASSESSED),
        // Someone else's sheet: a counselor is refused (their own is in the record dimension).
        row("/api/assessment/sheet", "GET", "/api/assessment/sheet?counselor=999999&period=2027-03", None, LEADERS).answers(404),
        row("/api/assessment/scheme", "GET", "/api/assessment/scheme", None, ASSESSED),
        row(
            "/api/assessment/scheme/save",
            "POST",
            "/api/assessment/scheme/save",
            Some("year=2026&version=0&w_talks=1&w_visits=&w_coverage=&w_diary=&w_habits=&w_follow_ups=&w_concerns=&w_birthdays=&talk_days=14&visit_days=120&penalty=5"),
            LEADERS,
        ).answers(400),
        row("/api/assessment/mark", "POST", "/api/assessment/mark", Some("counselor=999999&period=2027-03&criterion=talks&version=0"), LEADERS).answers(404),
        row("/api/assessment/close", "POST", "/api/assessment/close", Some("period=2099-01"), LEADERS).answers(400),
        row("/api/assessment/respond", "POST", "/api/assessment/respond", Some("period=2027-03&answer="), ASSESSED).answers(400),
        row("/api/assessment/inspections", "GET", "/api/assessment/inspections?period=2027-03", None, LEADERS),
        row("/api/assessment/draw", "POST", "/api/assessment/draw", Some("period=2027-03&count=0"), LEADERS).answers(400),
        row("/api/assessment/inspect", "POST", "/api/assessment/inspect", Some("inspection=999999&version=1&outcome=confirmed"), LEADERS).answers(404),
        // A family's page and what it sends: its link is the permission (an unknown one is 404).
        row("/api/family/page", "GET", "/api/family/page?token=nope", None, Expect::Public).answers(404),
        row("/api/family/message", "POST", "/api/family/message", Some("token=nope&child=1&body=x"), Expect::Public).answers(404),
        row("/api/family/propose", "POST", "/api/family/propose", Some("token=nope&child=1&parent=mother&phone=13912345678"), Expect::Public).answers(404),
        row("/api/family/desk", "GET", "/api/family/desk?child=999999", None, CHILD_WRITERS).answers(404),
        row("/api/family/link", "POST", "/api/family/link", Some("child=999999"), CHILD_WRITERS).answers(404),
        row("/api/family/revoke", "POST", "/api/family/revoke", Some("link=999999&child=1"), CHILD_WRITERS).answers(404),
        row("/api/family/decide", "POST", "/api/family/decide", Some("proposal=999999"), CHILD_WRITERS).answers(404),
        row("/api/family/share", "POST", "/api/family/share", Some("child=999999&entry=1&share=1"), CARE_WRITERS).answers(404),
        // The money: the public page for everyone; the registry and the ledger for the
        // leading group; aid for those who read the child's care, asked by its writers.
        row("/api/funds/public", "GET", "/api/funds/public?year=2026", None, Expect::Public),
        row("/api/funds/ledger", "GET", "/api/funds/ledger?year=2026", None, LEADERS),
        row("/api/funds/donors", "GET", "/api/funds/donors", None, LEADERS),
        row("/api/funds/fund", "POST", "/api/funds/fund", Some("name=&purpose="), LEADERS).answers(400),
        row("/api/funds/donor", "POST", "/api/funds/donor", Some("kind=person&name="), LEADERS).answers(400),
        row("/api/funds/pledge", "POST", "/api/funds/pledge", Some("donor=999999&fund=1&amount=0"), LEADERS).answers(400),
        row("/api/funds/entry", "POST", "/api/funds/entry", Some("kind=gift&fund=1&amount=0"), LEADERS).answers(400),
        row("/api/funds/reverse", "POST", "/api/funds/reverse", Some("entry=999999&reason=x"), LEADERS).answers(404),
        row("/api/funds/thank", "POST", "/api/funds/thank", Some("entry=999999&how=x"), LEADERS).answers(404),
        row("/api/funds/aid", "GET", "/api/funds/aid", None, CARE_READERS),
        row("/api/funds/aid/request", "POST", "/api/funds/aid/request", Some("child=999999&need=glasses&amount=180&reason=x"), Expect::Only([false, false, false, true, false, true])).answers(404),
        row("/api/funds/aid/decide", "POST", "/api/funds/aid/decide", Some("aid=999999&version=1&approve=1"), LEADERS).answers(404),
        row("/api/funds/aid/pay", "POST", "/api/funds/aid/pay", Some("multipart"), LEADERS).answers(400),
        // 999999 is no meeting of the calendar: staff get past the gate to a 404. Only the
        // leading group keeps a meeting's record; whoever carries out a practice marks it done.
        row("/api/meetings/list", "GET", "/api/meetings/list", None, STAFF),
        row("/api/meetings/record", "GET", "/api/meetings/record?event=999999&at=2027-01-01T00:00:00", None, STAFF).answers(404),
        row("/api/meetings/kind", "POST", "/api/meetings/kind", Some("event=999999&at=2027-01-01T00:00:00&version=0&kind=seminar"), LEADERS).answers(404),
        row("/api/meetings/attendance", "POST", "/api/meetings/attendance", Some("event=999999&at=2027-01-01T00:00:00&version=0"), LEADERS).answers(404),
        row("/api/meetings/families", "POST", "/api/meetings/families", Some("event=999999&at=2027-01-01T00:00:00&version=0&class=999999"), LEADERS).answers(404),
        row("/api/meetings/minutes", "POST", "/api/meetings/minutes", Some("event=999999&at=2027-01-01T00:00:00&version=0&minutes=x"), LEADERS).answers(404),
        row("/api/meetings/practice", "POST", "/api/meetings/practice", Some("event=999999&at=2027-01-01T00:00:00&version=0&body=x&owner=1&due=2027-01-02"), LEADERS).answers(404),
        row("/api/meetings/done", "POST", "/api/meetings/done", Some("practice=999999"), STAFF).answers(404),
        row("/api/programme/overview", "GET", "/api/programme/overview", None, LEADERS),
        row("/api/programme/summary", "GET", "/api/programme/summary?year=2026", None, LEADERS),
        row("/api/admin/users/list", "GET", "/api/admin/users/list", None, ADMIN),
        row("/api/admin/users/choices", "GET", "/api/admin/users/choices", None, ADMIN),
        row(
            "/api/admin/users/create",
            "POST",
            "/api/admin/users/create",
            Some("username=matrix.user&display_name=Matrix&role=teacher&password=long-enough-password"),
            ADMIN,
        ),
        row("/api/admin/users/role", "POST", "/api/admin/users/role", Some("user_id=999999&role=teacher"), ADMIN).answers(404),
        row("/api/admin/users/active", "POST", "/api/admin/users/active", Some("user_id=999999&active=false"), ADMIN).answers(404),
        row(
            "/api/admin/users/assign",
            "POST",
            "/api/admin/users/assign",
            Some("user_id=999999&kind=class&item_id=1&assigned=true"),
            ADMIN,
        ).answers(404),
        row("/api/admin/audit/list", "GET", "/api/admin/audit/list", None, ADMIN),
        row("/api/admin/holidays/list", "GET", "/api/admin/holidays/list?year=2027", None, ADMIN),
        row(
            "/api/admin/holidays/save",
            "POST",
            "/api/admin/holidays/save",
            Some("date=2027-02-09&kind=holiday&name=%E6%98%A5%E8%8A%82"),
            ADMIN,
        ),
        row("/api/admin/holidays/remove", "POST", "/api/admin/holidays/remove", Some("date=1999-01-01"), ADMIN).answers(404),
        row("/api/admin/school", "GET", "/api/admin/school", None, ADMIN),
        row("/api/admin/school/save", "POST", "/api/admin/school/save", Some("name=&short_name=&short_name_en=&phone=&version=1"), ADMIN).answers(400),
        row("/api/admin/feeds/list", "GET", "/api/admin/feeds/list", None, ADMIN),
        row("/api/admin/feeds/create", "POST", "/api/admin/feeds/create", Some("child_id="), ADMIN),
        row("/api/admin/feeds/revoke", "POST", "/api/admin/feeds/revoke", Some("id=999999"), ADMIN).answers(404),
        row("/api/admin/feeds/new", "POST", "/api/admin/feeds/new", Some(""), ADMIN),
        // Pages.
        row("/", "GET", "/", None, Expect::Public).answers(303),
        row("/login", "GET", "/login", None, Expect::Public),
        row("/calendar", "GET", "/calendar?date=2027-04-01", None, SIGNED_IN),
        row("/account/password", "GET", "/account/password", None, SIGNED_IN),
        row("/calendar/new", "GET", "/calendar/new?date=2027-04-20", None, EDITORS),
        // Event 5 is the calligraphy group's autumn series: the demo teacher's group.
        row("/calendar/event/{id}", "GET", "/calendar/event/5", None, EDITORS),
        row("/calendar/import", "GET", "/calendar/import", None, PLANNERS),
        row("/checkup", "GET", "/checkup", None, HEALTH_READERS),
        row("/checkup/{year}", "GET", "/checkup/2027", None, HEALTH_READERS),
        row("/checkup/{year}/child/{id}", "GET", "/checkup/2027/child/999999", None, HEALTH_READERS).answers(404),
        row("/follow-ups", "GET", "/follow-ups", None, HEALTH_READERS),
        row("/children", "GET", "/children", None, CHILD_READERS),
        row("/children/new", "GET", "/children/new", None, CHILD_WRITERS),
        row("/children/cards", "GET", "/children/cards", None, CHILD_READERS),
        row("/children/import", "GET", "/children/import", None, ADMIN),
        row("/children/import/{id}", "GET", "/children/import/999999", None, ADMIN).answers(404),
        row("/children/export.csv", "GET", "/children/export.csv", None, CHILD_READERS),
        row("/children/export.xlsx", "GET", "/children/export.xlsx", None, CHILD_READERS),
        // A diary's picture: its readers (a student its own; 999999 is nobody's).
        row("/diary/picture/{id}", "GET", "/diary/picture/999999", None, Expect::Only([false, true, false, true, true, true])).answers(404),
        row("/children/{id}", "GET", "/children/999999", None, CHILD_READERS).answers(404),
        row("/children/{id}/edit", "GET", "/children/999999/edit", None, CHILD_WRITERS).answers(404),
        row("/calendar/import/{id}", "GET", "/calendar/import/999999", None, PLANNERS).answers(404),
        row("/care", "GET", "/care", None, CARE_READERS),
        row("/care/coverage", "GET", "/care/coverage", None, LEADERS),
        row("/care/child/{id}", "GET", "/care/child/999999", None, CARE_READERS).answers(404),
        row("/diary", "GET", "/diary", None, STUDENT),
        row("/habits", "GET", "/habits", None, HABIT_WRITERS),
        row("/habits/child/{id}", "GET", "/habits/child/999999", None, HABIT_READERS).answers(404),
        row("/habits/mine", "GET", "/habits/mine", None, STUDENT),
        row("/habits/overview", "GET", "/habits/overview", None, Expect::Only([false, false, true, false, true, true])),
        row("/awards", "GET", "/awards", None, NOMINATORS),
        row("/awards/nominate/{child}", "GET", "/awards/nominate/999999", None, NOMINATORS).answers(404),
        row("/awards/certificate/{id}", "GET", "/awards/certificate/999999", None, NOMINATORS).answers(404),
        row("/assessment", "GET", "/assessment", None, ASSESSED),
        row("/assessment/sheet/{counselor}/{period}", "GET", "/assessment/sheet/999999/2027-03", None, LEADERS).answers(404),
        row("/assessment/scheme", "GET", "/assessment/scheme", None, ASSESSED),
        row("/assessment/inspections", "GET", "/assessment/inspections", None, LEADERS),
        row("/assessment/export.xlsx", "GET", "/assessment/export.xlsx?period=2027-03", None, LEADERS),
        row("/family/{token}", "GET", "/family/nope", None, Expect::Public).answers(404),
        row("/family/desk/{child}", "GET", "/family/desk/999999", None, CHILD_WRITERS).answers(404),
        row("/funds", "GET", "/funds?year=2026", None, LEADERS),
        row("/funds/donors", "GET", "/funds/donors", None, LEADERS),
        row("/funds/aid", "GET", "/funds/aid", None, CARE_READERS),
        row("/funds/public", "GET", "/funds/public", None, Expect::Public),
        row("/funds/export.xlsx", "GET", "/funds/export.xlsx?year=2027", None, LEADERS),
        // An aid payment's receipt: those who read the child's aid (999999 is nobody's).
        row("/funds/receipt/{aid}", "GET", "/funds/receipt/999999", None, CARE_READERS).answers(404),
        row("/meetings", "GET", "/meetings", None, STAFF),
        row("/meetings/record", "GET", "/meetings/record?event=999999&at=2027-01-01T00:00:00", None, STAFF).answers(404),
        row("/programme", "GET", "/programme", None, LEADERS),
        row("/programme/summary", "GET", "/programme/summary?year=2026", None, LEADERS),
        row("/admin/users", "GET", "/admin/users", None, ADMIN),
        row("/admin/audit", "GET", "/admin/audit", None, ADMIN),
        row("/admin/holidays", "GET", "/admin/holidays?year=2027", None, ADMIN),
        row("/admin/feeds", "GET", "/admin/feeds", None, ADMIN),
        row("/admin/school", "GET", "/admin/school", None, ADMIN),
        // Routes that are neither.
        row("/healthz", "GET", "/healthz", None, Expect::Public),
        row("/lang/{tag}", "GET", "/lang/en", None, Expect::Public).answers(303),
        // A feed needs its link's token, whoever asks.
        row("/calendar.ics", "GET", "/calendar.ics", None, NOBODY),
        // Last: it ends the session the rows above used.
        row("/api/auth/logout", "POST", "/api/auth/logout", Some(""), Expect::Public),
    ]
}

fn registered() -> BTreeSet<(String, String)> {
    let mut all = BTreeSet::new();
    for (path, method) in leptos::server_fn::axum::server_fn_paths() {
        all.insert((path.to_owned(), method.to_string()));
    }
    for route in server::startup::route_list() {
        all.insert((route.path().to_owned(), "GET".to_owned()));
    }
    for (path, _) in server::routes::plain_routes() {
        all.insert((path.to_owned(), "GET".to_owned()));
    }
    all
}

#[test]
fn every_registered_endpoint_has_a_matrix_row() {
    let rows: BTreeSet<(String, String)> = matrix()
        .iter()
        .map(|r| (r.registered.to_owned(), r.method.to_owned()))
        .collect();
    let missing: Vec<_> = registered().difference(&rows).cloned().collect();
    let stale: Vec<_> = rows.difference(&registered()).cloned().collect();
    assert!(
        missing.is_empty(),
        "endpoints without a row in the permission matrix: {missing:?}"
    );
    assert!(
        stale.is_empty(),
        "matrix rows for endpoints that do not exist: {stale:?}"
    );
}

fn allowed_here(expect: Expect, role: usize) -> bool {
    match expect {
        Expect::Public => true,
        Expect::Only(allowed) => allowed[role],
    }
}

fn refused(status: u16, location: Option<&str>) -> bool {
    status == 401
        || status == 403
        || (status == 302 && location.is_some_and(|l| l.starts_with("/login")))
}

/// Every call answers in milliseconds; one that takes this long is hanging.
const PER_CALL: std::time::Duration = std::time::Duration::from_secs(20);

#[tokio::test]
async fn every_endpoint_allows_and_refuses_as_the_matrix_says() {
    let app = spawn_app().await;
    let mut failures = Vec::new();
    for (index, (role, account)) in ROLES.iter().enumerate() {
        let client = app.client_as(*account).await;
        for row in matrix() {
            let call = async {
                match row.body {
                    Some("multipart") => {
                        let fields = [
                            ("file", Some("m.ics"), UPLOAD),
                            ("category", None, "thematic"),
                            ("audience", None, "school"),
                        ];
                        app.post_multipart(&client, row.call, &fields).await
                    }
                    Some(body) => app.post_form(&client, row.call, body).await,
                    None => app.get_as(&client, row.call).await,
                }
            };
            // A call that never answers is named and the matrix carries on.
            let Ok(response) = tokio::time::timeout(PER_CALL, call).await else {
                failures.push(format!("{role} {} {} -> timeout", row.method, row.call));
                continue;
            };
            let status = response.status().as_u16();
            let location = response
                .headers()
                .get("location")
                .and_then(|v| v.to_str().ok())
                .map(str::to_owned);
            let (ok, expected) = if allowed_here(row.expect, index) {
                (status == row.answers, row.answers.to_string())
            } else {
                (refused(status, location.as_deref()), "a refusal".to_owned())
            };
            if !ok {
                failures.push(format!(
                    "{role} {} {} -> {status} {location:?} (expected {expected})",
                    row.method, row.call
                ));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "the matrix was not honoured:\n{}",
        failures.join("\n")
    );
    // Every action the matrix left in the audit log (each refusal, read and write it made)
    // is named in the audit page's words, in both languages.
    let actions: Vec<String> = sqlx::query_scalar("SELECT DISTINCT action FROM audit_log")
        .fetch_all(&app.pool)
        .await
        .unwrap();
    for catalogue in [&app::auth::strings::ZH_CN, &app::auth::strings::EN] {
        let unnamed: Vec<&String> = actions
            .iter()
            .filter(|action| {
                let code = action.split(' ').next().unwrap_or_default();
                !catalogue.audit_actions.iter().any(|(c, _)| *c == code)
            })
            .collect();
        assert!(unnamed.is_empty(), "audit codes without words: {unnamed:?}");
    }
}

#[tokio::test]
async fn refusals_leave_a_trace_in_the_audit_log() {
    let app = spawn_app().await;
    let student = app.client_as(Some("student")).await;
    assert_eq!(
        app.get_as(&student, "/api/admin/users/list").await.status(),
        403
    );
    let rows = app
        .count("SELECT COUNT(*) FROM audit_log WHERE username = 'student' AND action = 'manage_users' AND outcome = 'denied'")
        .await;
    assert_eq!(rows, 1);
}
