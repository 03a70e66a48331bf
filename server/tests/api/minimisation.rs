//! What a student's or a teacher's browser receives carries nothing outside their scope.

use crate::helpers::spawn_app;

const PAGES: [&str; 7] = [
    "/calendar?date=2027-04-01",
    "/calendar?date=2027-02-01",
    "/login",
    "/account/password",
    "/admin/users",
    "/admin/audit",
    "/api/calendar/events?date=2027-04-01",
];

/// Fields of a child's file that only the file's readers may receive.
const FILE_FIELDS: [&str; 8] = [
    "left_behind",
    "guardian",
    "phone",
    "address",
    "health",
    "监护人",
    "联系电话",
    "家庭住址",
];

async fn everything_received(app: &crate::helpers::TestApp, account: &str) -> String {
    let client = app.client_as(Some(account)).await;
    let mut all = String::new();
    for page in PAGES {
        all.push_str(&app.get_as(&client, page).await.text().await.unwrap());
    }
    all
}

#[tokio::test]
async fn a_student_receives_no_file_fields_no_ages_and_no_staff_events() {
    let app = spawn_app().await;
    let student = everything_received(&app, "student").await;
    for field in FILE_FIELDS {
        assert!(!student.contains(field), "a student received {field}");
    }
    assert!(
        !student.contains("岁生日"),
        "a student sees birthdays by name and class only"
    );
    assert!(
        !student.contains("\"age\":1") && !student.contains("\"age\":9"),
        "no ages in the API either"
    );
    let ids = |text: &str| {
        (
            text.matches("\"child_id\":").count(),
            text.matches("\"child_id\":null").count(),
        )
    };
    let (birthdays, withheld) = ids(&student);
    assert!(
        birthdays > 0 && withheld == birthdays,
        "nor which child's record a birthday is"
    );
    assert!(
        !student.contains("领导小组例会"),
        "staff-only meetings stay with the staff"
    );
    assert!(
        student.contains("免费体检日") && student.contains("生日"),
        "but the student's calendar is there"
    );

    // The same pages as an admin do show ages and the staff meeting: the checks above can fail.
    let admin = everything_received(&app, "admin").await;
    assert!(admin.contains("岁生日") && admin.contains("领导小组例会"));
    let (birthdays, withheld) = ids(&admin);
    assert!(birthdays > 0 && withheld == 0);
    // And a child's file as its reader gets it does carry the fields searched for above.
    let leader = app.client_as(Some("leader")).await;
    let file = app
        .get_as(&leader, "/api/children/get?id=1")
        .await
        .text()
        .await
        .unwrap();
    for field in ["left_behind", "guardian", "phone", "address"] {
        assert!(file.contains(field), "the file names {field}: {file}");
    }
}

#[tokio::test]
async fn a_teacher_receives_no_file_fields_outside_their_scope() {
    let app = spawn_app().await;
    let teacher = everything_received(&app, "teacher").await;
    for field in FILE_FIELDS {
        assert!(!teacher.contains(field), "a teacher received {field}");
    }
    assert!(
        !teacher.contains("用户与角色"),
        "no users page for a teacher"
    );
}
