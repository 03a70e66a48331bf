use server::startup::Application;

use crate::helpers::{freshly_seeded, spawn_app};

#[tokio::test]
async fn the_demo_school_has_the_numbers_of_the_seed_report() {
    // The report's own figures, written out here rather than read from the seeder: 395
    // students, 94 left-behind and 120 half left-behind children, 31 teachers.
    let app = spawn_app().await;
    assert_eq!(app.count("SELECT COUNT(*) FROM children").await, 395);
    assert_eq!(
        app.count("SELECT COUNT(*) FROM children WHERE left_behind = 'full'")
            .await,
        94
    );
    assert_eq!(
        app.count("SELECT COUNT(*) FROM children WHERE left_behind = 'half'")
            .await,
        120
    );
    assert_eq!(app.count("SELECT COUNT(*) FROM staff").await, 31);
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
    // Two seeds of their own (the other tests share one seed per process and day).
    let day = chrono::NaiveDate::from_ymd_opt(2027, 4, 19).unwrap();
    let names = |seeded: (tempfile::TempDir, String)| async move {
        // The folder lives while the database is read.
        let (_dir, url) = seeded;
        let pool = sqlx::SqlitePool::connect(&url).await.unwrap();
        sqlx::query_scalar::<_, String>(
            "SELECT name || birth_date || left_behind FROM children ORDER BY id",
        )
        .fetch_all(&pool)
        .await
        .unwrap()
    };
    let first = names(freshly_seeded(day).await).await;
    let second = names(freshly_seeded(day).await).await;
    assert_eq!(first.len(), 395);
    assert_eq!(first, second);
}

#[tokio::test]
async fn a_second_start_seeds_nothing() {
    let app = spawn_app().await;
    let config = crate::helpers::config(&app.database_url, true);
    let again = Application::build(config).await.expect("second start");
    assert!(!again.seeded);
    assert_eq!(app.count("SELECT COUNT(*) FROM children").await, 395);
}

#[tokio::test]
async fn every_pooled_connection_is_in_wal_mode_with_foreign_keys_and_full_sync() {
    let app = spawn_app().await;
    // The pool the server opens, several connections held at once (so not one reused).
    let pool = server::db::connect_and_migrate(&app.database_url)
        .await
        .unwrap();
    let mut held = Vec::new();
    for _ in 0..4 {
        held.push(pool.acquire().await.unwrap());
    }
    for conn in &mut held {
        let mode: String = sqlx::query_scalar("PRAGMA journal_mode")
            .fetch_one(&mut **conn)
            .await
            .unwrap();
        let foreign_keys: i64 = sqlx::query_scalar("PRAGMA foreign_keys")
            .fetch_one(&mut **conn)
            .await
            .unwrap();
        // 2 is FULL: a commit is on disk before it is acknowledged.
        let synchronous: i64 = sqlx::query_scalar("PRAGMA synchronous")
            .fetch_one(&mut **conn)
            .await
            .unwrap();
        assert_eq!((mode.as_str(), foreign_keys, synchronous), ("wal", 1, 2));
    }
}
