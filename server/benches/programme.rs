//! How long the leading group waits for the programme's pages on the demo school at the end
//! of a school year (July 9, 2027: the spring term's five ones and twenty weeks of care
//! behind it, as the demo seeds them): the Monday overview, the year-end summary, and a
//! semester's assessment sheets compiled for every counselor, each over HTTP as the browser
//! asks for it. Run with `make bench`.

mod demo;

use chrono::NaiveDate;
use criterion::{criterion_group, criterion_main, Criterion};

fn school_year(c: &mut Criterion) {
    let demo = demo::start(NaiveDate::from_ymd_opt(2027, 7, 9));
    let (ticks, contacts): (i64, i64) = demo.runtime.block_on(async {
        sqlx::query_as(
            "SELECT (SELECT COUNT(*) FROM habit_log), (SELECT COUNT(*) FROM care_entries)",
        )
        .fetch_one(&demo.pool)
        .await
        .unwrap()
    });
    println!("a school year: {ticks} entries in the habit log, {contacts} care entries");
    assert!(ticks > 50_000 && contacts > 1_000);

    let leader = demo.signed_in("leader");
    c.bench_function("programme overview (leading group, end of the year)", |b| {
        b.to_async(&demo.runtime)
            .iter(|| demo.get(&leader, "/api/programme/overview"))
    });
    c.bench_function("year-end summary 2026–2027 (leading group)", |b| {
        b.to_async(&demo.runtime)
            .iter(|| demo.get(&leader, "/api/programme/summary?year=2026"))
    });
    c.bench_function(
        "spring semester's sheets, 21 counselors (leading group)",
        |b| {
            b.to_async(&demo.runtime)
                .iter(|| demo.get(&leader, "/api/assessment/list?period=2026-spring"))
        },
    );
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20);
    targets = school_year
}
criterion_main!(benches);
