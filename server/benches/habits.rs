//! How long the five ones take on the server with a full autumn term of the demo school
//! (September 1 to January 22: every child's ticks, calls and books): the class check-in
//! screen for the class teacher, and the school-wide week-by-week chart for the leading
//! group, each over HTTP as the browser asks for it. Run with `make bench`.

mod demo;

use chrono::NaiveDate;
use criterion::{criterion_group, criterion_main, Criterion};

fn full_term(c: &mut Criterion) {
    // The last school day of the autumn term: a whole term behind it.
    let demo = demo::start(NaiveDate::from_ymd_opt(2027, 1, 22));
    let rows: i64 = demo.runtime.block_on(async {
        sqlx::query_scalar("SELECT COUNT(*) FROM habit_log")
            .fetch_one(&demo.pool)
            .await
            .unwrap()
    });
    println!("a full autumn term: {rows} entries in the habit log");
    assert!(rows > 50_000);

    let teacher = demo.signed_in("teacher");
    c.bench_function("class check-in screen, 3-2 (teacher, full term)", |b| {
        b.to_async(&demo.runtime)
            .iter(|| demo.get(&teacher, "/api/habits/class"))
    });
    let leader = demo.signed_in("leader");
    c.bench_function(
        "school-wide five ones by week (leading group, full term)",
        |b| {
            b.to_async(&demo.runtime)
                .iter(|| demo.get(&leader, "/api/habits/overview"))
        },
    );
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20);
    targets = full_term
}
criterion_main!(benches);
