//! One counselor's sheet: what the records show per criterion (each opening the children
//! behind it), the leading group's scores and comments, the total, the inspections, and the
//! counselor's signature or answer. Prints on A4.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use super::{child_part, criterion_label, figure, period_label};
use crate::assessment::api::get_sheet;
use crate::assessment::types::{Period, ResponseKind, Sheet, SheetRow};
use crate::auth::permissions::Capability;
use crate::page::{page_gate, use_strings, Flash};

#[component]
pub fn SheetPage() -> impl IntoView {
    let t = use_strings();
    if let Err(denied) = page_gate(Capability::ReadAssessment) {
        return denied;
    }
    let params = use_params_map().read_untracked();
    let counselor = params
        .get("counselor")
        .and_then(|c| c.parse::<i64>().ok())
        .unwrap_or_default();
    let period = params.get("period").unwrap_or_default();
    let sheet = Resource::new(
        move || (counselor, period.clone()),
        |(c, p)| get_sheet(c, p),
    );
    view! {
        <Title text=format!("{} · {}", t.assessment.sheet_title, t.common.app_name)/>
        <section class="card assessment-sheet" data-native-forms="">
            <Flash/>
            <Suspense fallback=move || view! { <crate::page::Loading/> }>
                {move || Suspend::new(async move {
                    match sheet.await {
                        Ok(sheet) => view! { <SheetView sheet/> }.into_any(),
                        Err(e) => crate::page::error_notice(t, &e),
                    }
                })}
            </Suspense>
        </section>
    }
    .into_any()
}

#[component]
fn SheetView(sheet: Sheet) -> impl IntoView {
    let t = use_strings();
    let a = t.assessment;
    let c = &sheet.compiled;
    let key = sheet.period.key();
    let rows = c
        .rows
        .iter()
        .map(|row| criterion_row(&sheet, row))
        .collect_view();
    let state = match &sheet.closed {
        Some((at, by)) => (a.closed_by)(by, at),
        None => a.open_live.to_owned(),
    };
    let signed = sheet
        .responses
        .iter()
        .find(|r| r.kind == ResponseKind::Sign)
        .cloned();
    let answers = sheet
        .responses
        .iter()
        .filter(|r| r.kind == ResponseKind::Answer)
        .map(|r| view! { <li><span class="muted">{r.at.clone()}</span>" "<span class="answer-body">{r.body.clone()}</span></li> })
        .collect_view();
    let inspections = sheet
        .compiled
        .inspections
        .iter()
        .map(|i| {
            let outcome = crate::assessment::strings::outcome_label(t, i.outcome);
            let who = if i.child.is_empty() { a.a_child.to_owned() } else { i.child.clone() };
            view! {
                <li data-outcome=i.outcome.map_or("open", |o| o.key())>
                    {i.day.format("%Y-%m-%d").to_string()}" · "{super::kind_label(t, i.kind)}" · "{who}
                    " — "<strong>{outcome}</strong>
                    {(!i.note.is_empty()).then(|| view! { " · "{i.note.clone()} })}
                </li>
            }
        })
        .collect_view();
    view! {
        <p class="no-print print-hint">{a.print_hint}</p>
        <article class="sheet" data-testid="sheet" data-closed=sheet.closed.is_some().to_string()>
            <header>
                <p class="muted">{sheet.school.clone()}</p>
                <h1>{a.sheet_title}" · "{sheet.counselor.clone()}</h1>
                <p>{period_label(t, &sheet.period)}" · "{(a.children_n)(c.figures.children)}</p>
                <p class="muted" data-testid="sheet-state">{state}</p>
                <p class="muted">{(a.rhythm_line)(c.talk_days, c.visit_days)}</p>
                {matches!(sheet.period, Period::Term(_)).then(|| view! { <p class="muted" data-testid="term-note">{a.term_note}</p> })}
            </header>
            <table class="list sheet-table">
                <thead><tr>
                    <th scope="col">{a.criterion}</th>
                    <th scope="col">{a.records_show}</th>
                    <th scope="col">{a.weight}</th>
                    <th scope="col">{a.compiled}</th>
                    <th scope="col">{a.given}</th>
                </tr></thead>
                <tbody>{rows}</tbody>
                <tfoot>
                    <tr><th scope="row" colspan="4">{a.sum}</th><td>{c.sum}</td></tr>
                    <tr data-testid="penalty"><th scope="row" colspan="4">{(a.penalty_line)(c.figures.not_confirmed, c.penalty)}</th><td>{deduction(c.penalty)}</td></tr>
                    <tr class="total"><th scope="row" colspan="4">{a.total}</th><td data-testid="total">{c.total}</td></tr>
                </tfoot>
            </table>
            <h2>{a.inspections_title}</h2>
            {sheet.compiled.inspections.is_empty().then(|| view! { <p class="muted">{a.no_inspections}</p> })}
            <ul class="inspections" data-testid="sheet-inspections">{inspections}</ul>
            <h2>{a.responses}</h2>
            <p data-testid="signature">{match &signed {
                Some(r) => (a.signed_at)(&sheet.counselor, &r.at),
                None => a.not_signed.to_owned(),
            }}</p>
            <ul class="answers" data-testid="answers">{answers}</ul>
            <div class="signature-lines print-only">
                <p>{a.sign_counselor}" ______________"</p>
                <p>{a.sign_leader}" ______________"</p>
            </div>
        </article>
        {(sheet.can_respond && signed.is_none()).then(|| view! {
            <form method="post" action="/api/assessment/respond" class="inline-form no-print sign-form">
                <input type="hidden" name="period" value=key.clone()/>
                <button type="submit" name="sign" value="1" class="button primary">{a.sign}</button>
            </form>
        })}
        {sheet.can_respond.then(|| view! {
            <form method="post" action="/api/assessment/respond" class="stack no-print answer-form">
                <input type="hidden" name="period" value=key.clone()/>
                <label>{a.answer_label}<textarea name="answer" rows="3" required minlength="2" maxlength="2000"></textarea></label>
                <button type="submit" class="button">{a.send_answer}</button>
            </form>
        })}
        {sheet.can_close.then(|| view! {
            <form method="post" action="/api/assessment/close" class="stack no-print">
                <input type="hidden" name="period" value=key.clone()/>
                <p class="muted">{a.close_sheet_hint}</p>
                <label class="check"><input type="checkbox" name="confirm" value="1" required/>{a.close_confirm}</label>
                <button type="submit" class="button">{(a.close_period)(&period_label(t, &sheet.period))}</button>
            </form>
        })}
    }
}

/// Points taken off the sum: a minus sign only when there are some.
fn deduction(points: u32) -> String {
    if points == 0 {
        "0".to_owned()
    } else {
        format!("−{points}")
    }
}

fn criterion_row(sheet: &Sheet, row: &SheetRow) -> impl IntoView {
    let t = use_strings();
    let a = t.assessment;
    let c = &sheet.compiled;
    let text = figure(t, row.criterion, &c.figures, c.talk_days, c.visit_days);
    let children = c
        .figures
        .lines
        .iter()
        .filter_map(|l| child_part(t, row.criterion, l).map(|part| (l, part)))
        .map(|(l, part)| {
            let name = if l.name.is_empty() {
                view! { <span>{a.a_child}</span> }.into_any()
            } else {
                view! { <a href=format!("/care/child/{}", l.child_id)>{l.name.clone()}</a> }
                    .into_any()
            };
            view! { <li>{name}" "<span class="muted">{part}</span></li> }
        })
        .collect_view();
    let met = row
        .met
        .map_or_else(|| a.nothing_due.to_owned(), |m| format!("{m}%"));
    let mark = sheet.can_mark.then(|| {
        view! {
            <form method="post" action="/api/assessment/mark" class="inline-form mark-form no-print">
                <input type="hidden" name="counselor" value=sheet.counselor_id.to_string()/>
                <input type="hidden" name="period" value=sheet.period.key()/>
                <input type="hidden" name="criterion" value=row.criterion.key()/>
                <input type="hidden" name="version" value=sheet.version.to_string()/>
                <label>{a.score}<input name="score" inputmode="numeric" size="3" value=row.given.map(|g| g.to_string()).unwrap_or_default()/></label>
                <label>{a.comment}<input name="comment" maxlength="500" value=row.comment.clone()/></label>
                <button type="submit" class="button">{a.save_mark}</button>
            </form>
        }
    });
    view! {
        <tr data-criterion=row.criterion.key()>
            <th scope="row">{criterion_label(t, row.criterion)}</th>
            <td>
                <details>
                    <summary>{text}" · "<strong>{met}</strong></summary>
                    <ul class="behind">{children}</ul>
                </details>
                {(!row.comment.is_empty()).then(|| view! { <p class="comment">{row.comment.clone()}</p> })}
                {mark}
            </td>
            <td data-label=a.weight>{row.weight}</td>
            <td data-label=a.compiled>{row.compiled}</td>
            <td data-label=a.given data-testid="given">{row.given.map(|g| g.to_string()).unwrap_or_else(|| "—".to_owned())}</td>
        </tr>
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_deduction_of_nothing_has_no_minus_sign() {
        assert_eq!(super::deduction(0), "0");
        assert_eq!(super::deduction(10), "−10");
    }
}
