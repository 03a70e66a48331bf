//! How long the calendar takes on the server with the demo school: expanding two whole
//! years (interest-group series, thematic days, meetings, 395 birthdays); what a month
//! request does since months are kept (the memo hit and the cut for one viewer); and
//! rendering a month page for a signed-in teacher over HTTP. Run with `make bench`.

mod demo;

use std::collections::HashMap;

use app::auth::types::{Role, Scope};
use app::calendar::db::{birthdays_within, occurrences_between, window};
use app::calendar::domain::window::{cut_birthdays, cut_occurrences};
use app::calendar::types::window::WindowMemo;
use app::calendar::types::CalendarFilter;
use chrono::NaiveDate;
use criterion::{criterion_group, criterion_main, Criterion};

fn demo_school(c: &mut Criterion) {
    let demo = demo::start(None);
    let (runtime, pool) = (&demo.runtime, &demo.pool);
    // Two calendar years, so the window holds over a thousand entries with the birthdays.
    let (first, last) = (
        NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(),
        NaiveDate::from_ymd_opt(2027, 12, 31).unwrap(),
    );
    let filter = CalendarFilter::default();
    let holidays = HashMap::new();
    let count = runtime.block_on(async {
        let events = occurrences_between(pool, first, last, false, &filter, &holidays, None)
            .await
            .unwrap();
        let birthdays = birthdays_within(pool, first, last, true, &filter)
            .await
            .unwrap();
        events.len() + birthdays.len()
    });
    println!("2026-2027: {count} occurrences and birthdays");
    assert!(count >= 1000);
    c.bench_function("expand 2026-2027 (events + birthdays)", |b| {
        b.to_async(runtime).iter(|| async {
            let events = occurrences_between(pool, first, last, false, &filter, &holidays, None)
                .await
                .unwrap();
            let birthdays = birthdays_within(pool, first, last, true, &filter)
                .await
                .unwrap();
            events.len() + birthdays.len()
        })
    });

    // What a request does since the month is kept (issue 17): find April in the memo (one
    // version read), then cut it for a teacher of class 1 with every category shown.
    let memo = WindowMemo::default();
    let (april, end) = (
        NaiveDate::from_ymd_opt(2027, 3, 29).unwrap(),
        NaiveDate::from_ymd_opt(2027, 5, 9).unwrap(),
    );
    let kept = runtime
        .block_on(window(pool, &memo, april, end, false))
        .unwrap();
    c.bench_function("kept window, April 2027 (memo hit)", |b| {
        b.to_async(runtime)
            .iter(|| async { window(pool, &memo, april, end, false).await.unwrap() })
    });
    let scope = Scope {
        user_id: 2,
        paired_children: Vec::new(),
        classes: vec![1],
        groups: Vec::new(),
    };
    c.bench_function(
        "cut April 2027 for a teacher (occurrences + birthdays)",
        |b| {
            b.iter(|| {
                cut_occurrences(&kept.occurrences, &filter, Some((Role::Teacher, &scope))).len()
                    + cut_birthdays(&kept.birthdays, &filter, true).len()
            })
        },
    );

    // Signed in with the browser's origin (without it the sign-in is refused, and this
    // measured the redirect to the sign-in page until 2026-11-30).
    let teacher = demo.signed_in("teacher");
    c.bench_function("render /calendar month page (teacher, April 2027)", |b| {
        b.to_async(runtime)
            .iter(|| demo.get(&teacher, "/calendar?view=month&date=2027-04-01"))
    });
}

/// The largest roster the import takes: 5,000 rows of GBK CSV, read and checked.
fn roster_of_5000(c: &mut Criterion) {
    use app::children::roster::{check, columns, read_sheet};
    use std::collections::HashSet;
    let mut text = String::from("姓名,性别,出生日期,年级,班级,留守类型,外出父母,务工地,监护人,与学生关系,联系电话,家庭住址\r\n");
    for i in 0..5000 {
        text.push_str(&format!(
            "学生{i},{},2017/{}/{},{},{},全留守,父母,广东 东莞,奶奶{i},奶奶,138{:08},深水洞村{}组\r\n",
            if i % 2 == 0 { "女" } else { "男" },
            1 + i % 12,
            1 + i % 28,
            1 + i % 6,
            1 + i % 2,
            i,
            1 + i % 9
        ));
    }
    let (gbk, _, _) = encoding_rs::GBK.encode(&text);
    let today = NaiveDate::from_ymd_opt(2026, 11, 29).unwrap();
    c.bench_function("roster import dry run, 5,000 rows of GBK CSV", |b| {
        b.iter(|| {
            let sheet = read_sheet(&gbk, "roster.csv").unwrap();
            let cols = columns(&sheet.headers, &HashMap::new());
            check(&sheet, &cols, &HashSet::new(), today).unwrap().len()
        })
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(30);
    targets = demo_school, roster_of_5000
}
criterion_main!(benches);
