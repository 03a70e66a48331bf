//! A backup taken while the school works restores into a fresh server with nothing lost.

use crate::helpers::{config, spawn_app, DEMO_PASSWORD};

#[tokio::test]
async fn a_backup_taken_while_serving_restores_into_a_fresh_server() {
    let app = spawn_app().await;
    let leader = app.client_as(Some("leader")).await;
    let saved = app
        .post_form(
            &leader,
            "/api/calendar/create",
            "title=%E5%AE%B6%E9%95%BF%E4%BC%9A&category=thematic&start_date=2027-05-12\
&start_time=15:00&end_time=16:00&audience=school&repeat=none",
        )
        .await;
    assert!(saved.status().is_success() || saved.status().is_redirection());
    let children = app.count("SELECT COUNT(*) FROM children").await;

    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("hopehome-2027-05-12.db");
    server::db::backup(&app.pool, &file).await.unwrap();
    // A backup never overwrites.
    assert!(server::db::backup(&app.pool, &file).await.is_err());

    // Restored: the file in place of a new server's database.
    let restored =
        server::startup::Application::build(config(&format!("sqlite://{}", file.display()), false))
            .await
            .unwrap();
    assert!(!restored.seeded);
    let address = format!("http://{}", restored.address);
    tokio::spawn(restored.run_until_stopped());
    let pool = sqlx::SqlitePool::connect(&format!("sqlite://{}", file.display()))
        .await
        .unwrap();
    assert_eq!(crate::helpers::integrity(&pool).await, "ok");
    let restored_children: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM children")
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(restored_children, children);
    // The same people sign in and see the same calendar.
    let client = crate::helpers::browser_at(&address);
    crate::helpers::sign_in_at(&client, &address, "leader", DEMO_PASSWORD).await;
    let may = client
        .get(format!("{address}/calendar?view=month&date=2027-05-01"))
        .send()
        .await
        .unwrap();
    assert_eq!(may.status(), 200);
    assert!(may.text().await.unwrap().contains("家长会"));
}
