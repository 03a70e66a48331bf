//! The programme's overview and year-end summary, compiled from the same records as the
//! counselors' sheets: numbers for the leading group and the admin, never names.

use std::collections::HashSet;

use chrono::{Datelike, Days, Months, NaiveDate};

use super::db;
use super::domain::percent;
use super::types::{Overview, Work, YearSummary};
use crate::assessment::access::PeriodSheets;
use crate::assessment::types::Period;
use crate::calendar::types::{CalendarFilter, Category};
use crate::error::AppError;
use crate::frame::Ctx;
use crate::habits::types::Term;

/// The work of the period's counselors, added up (as of today); a child handed from one
/// counselor to another is one child.
fn work_of(sheets: &PeriodSheets, period: &Period, today: NaiveDate) -> Work {
    let mut work = Work::default();
    let mut children = HashSet::new();
    let mut reached = HashSet::new();
    for counselor in crate::assessment::compile_domain::counselors(&sheets.facts, period, today) {
        let figures = crate::assessment::compile_domain::compile(
            &sheets.facts,
            counselor,
            period,
            today,
            &sheets.scheme,
        );
        for line in &figures.lines {
            children.insert(line.child_id);
            if line.contacts > 0 {
                reached.insert(line.child_id);
            }
        }
        work.add(&figures);
    }
    work.children = children.len() as u32;
    work.reached = reached.len() as u32;
    work
}

/// The months of `term` up to `today`.
fn months_of(term: &Term, today: NaiveDate) -> Vec<NaiveDate> {
    let mut months = Vec::new();
    let mut month = term.first;
    while month <= today.min(term.last) {
        months.push(month);
        month = month + Months::new(1);
    }
    months
}

/// The Monday page: the counts, this month, the term by month, concerns, the five ones and
/// the checkup.
pub async fn overview(ctx: &Ctx) -> Result<Overview, AppError> {
    let today = ctx.today();
    let term = Term::of(today);
    // One load of the term's records; each month is compiled from it.
    let period = Period::Term(term);
    let sheets = PeriodSheets::load(ctx, period, None).await?;
    let months: Vec<(NaiveDate, Work)> = months_of(&term, today)
        .into_iter()
        .map(|m| (m, work_of(&sheets, &Period::Month(m), today)))
        .collect();
    let habits = crate::habits::access::overview(ctx).await?;
    let weeks = habits.school.unwrap_or_default();
    let (concerns_open, concerns_overdue) = db::open_concerns(ctx.pool(), today).await?;
    let year = if today.month() >= 9 {
        today.year() + 1
    } else {
        today.year()
    };
    Ok(Overview {
        today,
        term,
        counts: db::counts(ctx.pool()).await?,
        month: months.last().map(|(_, w)| *w).unwrap_or_default(),
        term_work: work_of(&sheets, &period, today),
        months,
        concerns_open,
        concerns_overdue,
        // The term's weeks gone by: the running one rises all week as classes check in.
        habits_rate: mean(weeks.iter().filter(|w| !w.so_far).filter_map(|w| w.daily)),
        calls_rate: mean(weeks.iter().filter(|w| !w.so_far).filter_map(|w| w.calls)),
        habits: weeks,
        // The checkup of the calendar year the term's spring falls in.
        checkup: db::checkup(ctx.pool(), year, today).await?,
    })
}

fn within(day: NaiveDate, a: NaiveDate, b: NaiveDate) -> bool {
    a <= day && day <= b
}

fn mean(values: impl Iterator<Item = u8>) -> Option<u8> {
    let (sum, n) = values.fold((0u32, 0u32), |(s, n), v| (s + u32::from(v), n + 1));
    percent(sum, n * 100)
}

/// The thematic days held on `first..=last` up to today, as the calendar shows them: each
/// occurrence of a series, none cancelled and none still to come, whoever they were for.
async fn thematic_held(ctx: &Ctx, first: NaiveDate, last: NaiveDate) -> Result<u32, AppError> {
    let until = last.min(ctx.today());
    if until < first {
        return Ok(0);
    }
    let pool = ctx.pool();
    let filter = CalendarFilter {
        categories: vec![Category::Thematic],
        class_id: None,
        group_id: None,
    };
    let holidays = crate::calendar::holidays_db::holidays_between(pool, first, until).await?;
    let occurrences = crate::calendar::db::occurrences_between(
        pool, first, until, false, &filter, &holidays, None,
    )
    .await?;
    // One begun before the year's first day (and lasting into it) was the year before's.
    Ok(occurrences
        .iter()
        .filter(|o| o.start.date() >= first)
        .count() as u32)
}

/// The year-end summary of the school year starting in `year`, as of today.
pub async fn summary(ctx: &Ctx, year: i32) -> Result<YearSummary, AppError> {
    let today = ctx.today();
    let autumn = Term::of(NaiveDate::from_ymd_opt(year, 9, 1).ok_or(AppError::NotFound)?);
    let spring = Term::of(autumn.last + Days::new(1));
    let mut work = Work::default();
    let mut habits = (0, 0);
    for term in [autumn, spring].into_iter().filter(|t| t.first <= today) {
        let period = Period::Term(term);
        let sheets = PeriodSheets::load(ctx, period, None).await?;
        work = work.plus(work_of(&sheets, &period, today));
        for day in sheets.facts.habits.values().flatten() {
            if within(day.0, term.first, today.min(term.last)) {
                habits = (habits.0 + u32::from(day.1), habits.1 + 1);
            }
        }
    }
    let extra = db::year_counts(
        ctx.pool(),
        year,
        autumn.first,
        spring.last,
        ctx.state().time_zone,
    )
    .await?;
    Ok(YearSummary {
        school: ctx.state().school_info().name,
        year,
        today,
        counts: db::counts(ctx.pool()).await?,
        work,
        leaders: extra.leaders,
        groups: extra.groups,
        thematic_days: thematic_held(ctx, autumn.first, spring.last).await?,
        habits_rate: percent(habits.0, habits.1),
        books: extra.books,
        calls_home: extra.calls_home,
        awards: extra.awards,
        checkup: db::checkup(ctx.pool(), year + 1, today).await?,
        concerns_closed: extra.concerns_closed,
        sheets_closed: extra.sheets_closed,
        sheets_signed: extra.sheets_signed,
        inspected: extra.inspected,
        not_confirmed: extra.not_confirmed,
        parent_links: extra.parent_links,
    })
}
