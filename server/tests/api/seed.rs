use server::seed::{HALF_LEFT_BEHIND, LEFT_BEHIND, STUDENTS, TEACHERS};
use server::startup::Application;

use crate::helpers::spawn_app;

#[tokio::test]
async fn the_demo_school_has_the_numbers_of_the_seed_report() {
    let app = spawn_app().await;
    assert_eq!(
        app.count("SELECT COUNT(*) FROM children").await,
        STUDENTS as i64
    );
    assert_eq!(
        app.count("SELECT COUNT(*) FROM children WHERE left_behind = 'full'")
            .await,
        LEFT_BEHIND as i64
    );
    assert_eq!(
        app.count("SELECT COUNT(*) FROM children WHERE left_behind = 'half'")
            .await,
        HALF_LEFT_BEHIND as i64
    );
    assert_eq!(
        app.count("SELECT COUNT(*) FROM staff").await,
        TEACHERS as i64
    );
    assert_eq!(
        app.count("SELECT COUNT(DISTINCT grade) FROM classes").await,
        6
    );
    assert_eq!(app.count("SELECT COUNT(*) FROM interest_groups").await, 6);
    // Every group meets weekly.
    assert_eq!(
        app.count("SELECT COUNT(DISTINCT group_id) FROM events WHERE rrule LIKE 'FREQ=WEEKLY%' AND category = 'activity'").await,
        6
    );
    // Birthdays over the whole year, one of them on Feb 29.
    assert_eq!(
        app.count("SELECT COUNT(DISTINCT substr(birth_date, 6, 2)) FROM children")
            .await,
        12
    );
    assert_eq!(
        app.count("SELECT COUNT(*) FROM children WHERE substr(birth_date, 6) = '02-29'")
            .await,
        1
    );
    assert_eq!(
        app.count("SELECT COUNT(*) FROM events WHERE category = 'checkup'")
            .await,
        1
    );
    assert_eq!(
        app.count("SELECT COUNT(*) FROM events WHERE category = 'thematic'")
            .await,
        5
    );
}

#[tokio::test]
async fn the_demo_school_is_the_same_every_time() {
    let first = spawn_app().await;
    let second = spawn_app().await;
    let names = |pool| async move {
        sqlx::query_scalar::<_, String>(
            "SELECT name || birth_date || left_behind FROM children ORDER BY id",
        )
        .fetch_all(pool)
        .await
        .unwrap()
    };
    assert_eq!(names(&first.pool).await, names(&second.pool).await);
}

#[tokio::test]
async fn a_second_start_seeds_nothing() {
    let app = spawn_app().await;
    let config = crate::helpers::config(&app.database_url, true);
    let again = Application::build(config).await.expect("second start");
    assert!(!again.seeded);
    assert_eq!(
        app.count("SELECT COUNT(*) FROM children").await,
        STUDENTS as i64
    );
}

#[tokio::test]
async fn the_database_is_in_wal_mode_with_foreign_keys() {
    let app = spawn_app().await;
    let mode: String = sqlx::query_scalar("PRAGMA journal_mode")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(mode, "wal");
}
