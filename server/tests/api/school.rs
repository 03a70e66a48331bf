//! The school's own details over HTTP: its admin alone sets them, a stale or invalid save
//! changes nothing, and every page's header shows the short name from the next request.

use crate::helpers::spawn_app;

fn ok(status: reqwest::StatusCode) -> bool {
    status.is_success() || status.is_redirection()
}

/// The text of the header's school name on `client`'s calendar.
async fn header_school(app: &crate::helpers::TestApp, client: &reqwest::Client) -> String {
    let page = app.get_as(client, "/calendar").await.text().await.unwrap();
    let (_, after) = page
        .split_once("class=\"brand-school\">")
        .unwrap_or(("", "<"));
    after.split('<').next().unwrap().to_owned()
}

#[tokio::test]
async fn the_admin_sets_the_schools_names_and_phone_and_every_header_follows() {
    let app = spawn_app().await;
    let admin = app.client_as(Some("admin")).await;
    let teacher = app.client_as(Some("teacher")).await;
    let info = app.json(&admin, "/api/admin/school").await;
    assert_eq!(info["name"], "廉江市城南街道深水洞村小学");
    assert_eq!(info["short_name"], "深水洞村小学");
    assert_eq!(info["phone"], "0759-6612345");
    assert_eq!(info["version"], 1);
    assert_eq!(header_school(&app, &teacher).await, "深水洞村小学");

    // Nobody else reads or writes them; each refusal is audited.
    let denied =
        "SELECT COUNT(*) FROM audit_log WHERE outcome = 'denied' AND action = 'manage_school'";
    assert_eq!(
        app.get_as(&teacher, "/api/admin/school").await.status(),
        403
    );
    let refused = app
        .post_form(
            &teacher,
            "/api/admin/school/save",
            "name=x&short_name=x&short_name_en=&phone=&version=1",
        )
        .await;
    assert_eq!(refused.status(), 403);
    assert_eq!(app.count(denied).await, 2);

    let save = |form: &'static str| app.post_form(&admin, "/api/admin/school/save", form);
    let saved = save(
        "name=%E5%BB%89%E6%B1%9F%E5%B8%82%E5%9F%8E%E5%8D%97%E5%B0%8F%E5%AD%A6\
&short_name=%E5%9F%8E%E5%8D%97%E5%B0%8F%E5%AD%A6&short_name_en=Chengnan%20School\
&phone=0759%20661%202345&version=1",
    )
    .await;
    assert!(ok(saved.status()), "{}", saved.status());
    let info = app.json(&admin, "/api/admin/school").await;
    assert_eq!(info["short_name"], "城南小学");
    assert_eq!(info["phone"], "0759 661 2345");
    assert_eq!(info["version"], 2);
    assert_eq!(
        app.count(
            "SELECT COUNT(*) FROM audit_log WHERE outcome = 'success' AND action = 'manage_school'"
        )
        .await,
        1
    );
    // The teacher's very next page (a kept calendar page included) names it.
    assert_eq!(header_school(&app, &teacher).await, "城南小学");
    // The donors' public page gives the new phone, under the new registered name.
    let public = app.get("/funds/public").await.text().await.unwrap();
    assert!(public.contains("0759 661 2345") && public.contains("廉江市城南小学"));

    // A save made on the page before is a conflict; a phone that is not one is refused.
    assert_eq!(
        save("name=x&short_name=x&short_name_en=&phone=&version=1")
            .await
            .status(),
        409
    );
    assert_eq!(
        save("name=x&short_name=x&short_name_en=&phone=call%20me&version=2")
            .await
            .status(),
        400
    );
    assert_eq!(
        save("name=&short_name=x&short_name_en=&phone=&version=2")
            .await
            .status(),
        400
    );
    let info = app.json(&admin, "/api/admin/school").await;
    assert_eq!(
        (info["name"].as_str(), info["version"].as_i64()),
        (Some("廉江市城南小学"), Some(2))
    );

    // A school without its details yet (a new one): the first save makes them, once.
    sqlx::query("DELETE FROM school")
        .execute(&app.pool)
        .await
        .unwrap();
    assert_eq!(app.json(&admin, "/api/admin/school").await["version"], 0);
    assert!(ok(save(
        "name=x&short_name=x&short_name_en=&phone=&version=0"
    )
    .await
    .status()));
    assert_eq!(
        save("name=y&short_name=y&short_name_en=&phone=&version=0")
            .await
            .status(),
        409
    );
    assert_eq!(app.json(&admin, "/api/admin/school").await["name"], "x");
    // A school upgraded from before short names: its page says what is missing.
    sqlx::query("UPDATE school SET short_name = NULL")
        .execute(&app.pool)
        .await
        .unwrap();
    let page = app
        .get_as(&admin, "/admin/school")
        .await
        .text()
        .await
        .unwrap();
    assert!(page.contains("学校简称还没有填写"), "{page}");
}
