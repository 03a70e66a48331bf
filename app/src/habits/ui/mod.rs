//! The five ones' pages: the class check-in on the class tablet, a child's progress for
//! its teachers and counselor, and the child's own page.

mod check_in;
mod child;
mod mine;
mod overview;

pub use check_in::CheckInPage;
pub use child::ChildHabitsPage;
pub use mine::MyHabitsPage;
pub use overview::{week_chart, OverviewPage};

use chrono::{Datelike, Days, NaiveDate};
use leptos::prelude::*;

use super::types::{
    BookItem, CallItem, CallWindowText, ChildHabits, Excuse, HabitSummary, HeatDay, Mark, Rest,
};
use crate::habits::strings::{habit_label, habit_unit, zone_label};
use crate::i18n::Strings;

fn date(day: NaiveDate) -> String {
    day.format("%Y-%m-%d").to_string()
}

fn excuse_label(t: &'static Strings, excuse: Excuse) -> &'static str {
    match excuse {
        Excuse::Ill => t.habits.excuse_ill,
        Excuse::Away => t.habits.excuse_away,
        Excuse::ParentsHome => t.habits.excuse_parents_home,
    }
}

/// "周三、周日 00:30–01:30（北京时间；父母在阿联酋（迪拜））" from the window on the school's
/// clock, the parents' place named as the form names it.
fn window_words(t: &'static Strings, w: &CallWindowText) -> String {
    let days: Vec<&str> = w
        .weekdays
        .iter()
        .filter_map(|d| {
            t.habits
                .weekdays
                .get(usize::from(*d).saturating_sub(1))
                .copied()
        })
        .collect();
    let mut text = format!("{} {}–{}", days.join(t.common.list_comma), w.from, w.to);
    if let Some(zone) = &w.abroad {
        text.push_str(&(t.habits.window_abroad)(zone_label(t, zone)));
    }
    if !w.note.is_empty() {
        text.push_str(" · ");
        text.push_str(&w.note);
    }
    text
}

/// Each habit's streak and score. For the child the words encourage (never a red mark);
/// staff also see how many counted periods were done.
fn summaries(t: &'static Strings, list: &[HabitSummary], for_child: bool) -> impl IntoView {
    list.iter()
        .map(|s| {
            let unit = habit_unit(t, s.habit);
            let streak = if for_child && s.streak == 0 {
                t.habits.streak_start.to_owned()
            } else {
                (t.habits.streak)(s.streak, unit)
            };
            // Nothing counted yet (a child new to the school): no score to show, and no
            // "0 of 0" that reads as a failure.
            let started = s.counted > 0;
            let score = if started {
                (t.habits.score_label)(s.score)
            } else {
                t.habits.just_started.to_owned()
            };
            view! {
                <li class="habit-card" data-habit=s.habit.key() data-streak=s.streak.to_string() data-score=s.score.to_string()>
                    <h2>{habit_label(t, s.habit)}</h2>
                    <p class="streak">{streak}</p>
                    // An SVG bar: the page's CSP allows no inline style.
                    <svg class="score-bar" viewBox="0 0 100 10" preserveAspectRatio="none" role="img"
                        aria-label=score.clone()>
                        <rect class="score-track" width="100" height="10" rx="5"/>
                        <rect class="score-fill" width=s.score.to_string() height="10" rx="5"/>
                    </svg>
                    <p class="muted">{score}" · "{(t.habits.best)(s.best, unit)}
                        {(!for_child && started).then(|| view! { " · "{(t.habits.done_of)(s.done, s.counted, unit)} })}
                        {(!for_child && s.trend != 0).then(|| view! { " · "<span class="trend" class:down=s.trend < 0>{(t.habits.trend)(s.trend)}</span> })}
                        {(for_child && s.trend > 0).then(|| view! { <br/><span class="trend">{t.habits.trend_up}</span> })}
                    </p>
                </li>
            }
        })
        .collect_view()
}

/// The term heat map: a column a week, a row a weekday; darker for both daily habits done,
/// lighter for one, pale for a day that counted and was not done, dotted for a day that
/// does not count. No red anywhere.
fn heat_map(t: &'static Strings, heat: &[HeatDay]) -> impl IntoView {
    const CELL: i64 = 14;
    const STEP: i64 = 17;
    /// The weekdays' column: two characters of 12 px, and a gap before the first week.
    const LABELS: i64 = 30;
    let Some(first) = heat.first().map(|h| h.day) else {
        return view! { <p class="muted">{t.habits.nothing_yet}</p> }.into_any();
    };
    let monday = first - Days::new(u64::from(first.weekday().num_days_from_monday()));
    let weeks = heat
        .last()
        .map(|h| (h.day - monday).num_days() / 7 + 1)
        .unwrap_or(1);
    let (width, height) = (weeks * STEP + LABELS, 7 * STEP + 4);
    let cells = heat
        .iter()
        .map(|h| {
            let x = (h.day - monday).num_days() / 7 * STEP + LABELS;
            let y = i64::from(h.day.weekday().num_days_from_monday()) * STEP;
            let (class, word) = match (h.mark, h.done) {
                (Mark::Done, 2) => ("heat heat-2", t.habits.heat_both),
                (Mark::Done, _) => ("heat heat-1", t.habits.heat_one),
                (Mark::Missed, _) => ("heat heat-0", t.habits.heat_none),
                (Mark::Skip(Rest::NoSchool), _) => ("heat heat-rest", t.habits.heat_rest),
                (Mark::Skip(Rest::Excused(_)), _) => ("heat heat-excused", t.habits.heat_excused),
                (Mark::Open, _) => ("heat heat-open", t.habits.heat_open),
            };
            view! {
                <rect class=class x=x.to_string() y=y.to_string() width=CELL.to_string() height=CELL.to_string() rx="3"
                    data-day=date(h.day)>
                    <title>{format!("{} {}", date(h.day), word)}</title>
                </rect>
            }
        })
        .collect_view();
    let labels = [0i64, 2, 4]
        .into_iter()
        .map(|row| {
            view! { <text x="0" y=(row * STEP + 11).to_string() class="heat-label">{t.habits.weekdays[row as usize]}</text> }
        })
        .collect_view();
    let legend = [
        ("heat heat-2", t.habits.heat_both),
        ("heat heat-1", t.habits.heat_one),
        ("heat heat-0", t.habits.heat_none),
        ("heat heat-rest", t.habits.heat_rest),
        ("heat heat-excused", t.habits.heat_excused),
    ]
    .into_iter()
    .map(|(class, word)| view! { <li><svg width="12" height="12" aria-hidden="true"><rect class=class width="12" height="12" rx="2"/></svg>" "{word}</li> })
    .collect_view();
    view! {
        <figure class="heat-map" data-testid="heat-map">
            <svg viewBox=format!("0 0 {width} {height}") width=width.to_string() height=height.to_string()
                role="img" aria-label=t.habits.heat_title>{labels}{cells}</svg>
            <figcaption><ul class="legend">{legend}</ul></figcaption>
        </figure>
    }
    .into_any()
}

fn books(t: &'static Strings, list: &[BookItem]) -> impl IntoView {
    if list.is_empty() {
        return view! { <p class="muted">{t.habits.no_books}</p> }.into_any();
    }
    let items = list
        .iter()
        .map(|b| {
            view! {
                <li data-book=b.id.to_string()><strong>{b.title.clone()}</strong>" · "<span class="muted">{date(b.day)}</span>
                    {(!b.sentence.is_empty()).then(|| view! { <br/>{b.sentence.clone()} })}</li>
            }
        })
        .collect_view();
    view! { <ul class="habit-list books" data-testid="books">{items}</ul> }.into_any()
}

fn calls(t: &'static Strings, list: &[CallItem]) -> impl IntoView {
    if list.is_empty() {
        return view! { <p class="muted">{t.habits.no_calls}</p> }.into_any();
    }
    let items = list
        .iter()
        .map(|c| {
            let who = if c.with_whom.is_empty() {
                t.habits.call_checked_in
            } else {
                c.with_whom.as_str()
            };
            let feeling = c.feeling.map(|f| {
                crate::care::types::Sticker::ALL
                    .iter()
                    .position(|s| *s == f)
                    .and_then(|i| t.care.sticker_labels.get(i).copied())
                    .unwrap_or("")
            });
            view! {
                <li data-call=c.id.to_string()>{date(c.day)}" · "<strong>{who.to_owned()}</strong>
                    {feeling.map(|f| view! { " · "<span class="sticker-tag">{f}</span> })}
                    {(!c.note.is_empty()).then(|| view! { <br/>{c.note.clone()} })}</li>
            }
        })
        .collect_view();
    view! { <ul class="habit-list calls" data-testid="calls">{items}</ul> }.into_any()
}

/// A child's progress: streaks and scores, the term heat map, books and calls.
fn progress(t: &'static Strings, habits: &ChildHabits, for_child: bool) -> impl IntoView {
    let term = crate::habits::strings::term_label(t, &habits.term);
    view! {
        {habits.since.map(|day| view! { <p class="hint" data-testid="on-file-since">{(t.habits.on_file_since)(&date(day))}</p> })}
        <ul class="habit-cards" data-testid="habit-cards">{summaries(t, &habits.summaries, for_child)}</ul>
        <h2>{t.habits.heat_title}" · "{term}</h2>
        {heat_map(t, &habits.heat)}
        <div class="two-columns">
            <section><h2>{(t.habits.books_title)(habits.books.len())}</h2>{books(t, &habits.books)}</section>
            <section><h2>{(t.habits.calls_title)(habits.calls.len())}</h2>{calls(t, &habits.calls)}</section>
        </div>
    }
}

/// The mood stickers a call can carry, as radio buttons (none: no sticker).
fn feelings(t: &'static Strings) -> impl IntoView {
    crate::care::types::Sticker::ALL
        .iter()
        .zip(t.care.sticker_labels.iter())
        .map(|(s, word)| {
            view! {
                <label class="sticker"><input type="radio" name="feeling" value=s.key()/>{*word}</label>
            }
        })
        .collect_view()
}

/// The book form (the child's own, or staff's for `child`).
fn book_form(
    t: &'static Strings,
    action: &'static str,
    child: Option<i64>,
    uid: &str,
    today: NaiveDate,
) -> impl IntoView {
    let form = view! {
        <form method="post" action=action class="stack book-form" data-today=date(today)>
            {crate::form_check::messages(&crate::habits::forms_domain::BOOK_ERRORS, t)}
            <h2>{t.habits.log_book}</h2>
            {child.map(|c| view! { <input type="hidden" name="child" value=c.to_string()/> })}
            <input type="hidden" name="uid" value=uid.to_owned()/>
            <label>{t.habits.book_title}<input name="title" required maxlength="100" class="big"/></label>
            <label>{t.habits.book_sentence}<textarea name="sentence" rows="2" maxlength="500"></textarea></label>
            <label>{t.habits.day}<input type="date" name="day" value=date(today) max=date(today)/></label>
            <button type="submit" class="button primary big">{t.habits.save_book}</button>
        </form>
    }
    .into_any();
    view! { <crate::form_check::FormCheck>{form}</crate::form_check::FormCheck> }
}

/// The call form (the child's own, or staff's for `child`).
fn call_form(
    t: &'static Strings,
    action: &'static str,
    child: Option<i64>,
    uid: &str,
    today: NaiveDate,
) -> impl IntoView {
    let form = view! {
        <form method="post" action=action class="stack call-form" data-today=date(today)>
            {crate::form_check::messages(&crate::habits::forms_domain::CALL_ERRORS, t)}
            <h2>{t.habits.log_call}</h2>
            {child.map(|c| view! { <input type="hidden" name="child" value=c.to_string()/> })}
            // The book form on the same page has the page's id; a call gets its own.
            <input type="hidden" name="uid" value=format!("{uid}-call")/>
            <label>{t.habits.call_with_whom}<input name="with_whom" required maxlength="100" class="big"
                placeholder=t.habits.call_with_whom_hint/></label>
            <fieldset class="inline-form stickers"><legend>{t.habits.call_feeling}</legend>{feelings(t)}</fieldset>
            <label>{t.habits.call_note}<textarea name="note" rows="2" maxlength="500"></textarea></label>
            <label>{t.habits.day}<input type="date" name="day" value=date(today) max=date(today)/></label>
            <button type="submit" class="button primary big">{t.habits.save_call}</button>
        </form>
    }
    .into_any();
    view! { <crate::form_check::FormCheck>{form}</crate::form_check::FormCheck> }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Locale;

    #[test]
    fn the_parents_place_is_named_as_the_family_page_names_it() {
        let w = CallWindowText {
            weekdays: vec![3, 7],
            from: "00:30".into(),
            to: "01:30".into(),
            abroad: Some("Asia/Dubai".into()),
            note: String::new(),
        };
        let zh = window_words(Locale::ZhCn.strings(), &w);
        assert!(zh.contains("父母在阿联酋（迪拜）"), "{zh}");
        assert!(!zh.contains("Asia/Dubai"), "{zh}");
        let en = window_words(Locale::En.strings(), &w);
        assert!(en.contains("parents in UAE (Dubai)"), "{en}");
        // A zone the form does not offer is still shown, by its code.
        let t = Locale::ZhCn.strings();
        assert_eq!(zone_label(t, "Asia/Kolkata"), "Asia/Kolkata");
    }
}
