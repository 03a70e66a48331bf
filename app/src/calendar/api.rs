//! Calendar server functions: thin, each at a stable `/api/calendar/<verb>` endpoint.

use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

use super::types::CalendarData;
use crate::error::AppError;

/// The events and birthdays of one view (`month`, `week`, `day`, `agenda`; month when
/// absent) around `date` (`YYYY-MM-DD`; today in the school's time zone when absent),
/// filtered by categories (`cat=activity,checkup`), class and interest group.
#[server(prefix = "/api", endpoint = "calendar/events", input = GetUrl)]
pub async fn get_calendar(
    view: Option<String>,
    date: Option<String>,
    cat: Option<String>,
    class: Option<String>,
    group: Option<String>,
    lunar: Option<String>,
) -> Result<CalendarData, AppError> {
    use super::db;
    use super::domain::query::parse_anchor;
    use super::domain::window::{cut_birthdays, cut_occurrences};
    use super::types::{CalendarFilter, CalendarQuery, CalendarView, Category, Occurrence};
    use crate::auth::permissions::{access, Access, Capability, Target};
    use crate::frame::serve;
    use crate::school::urls::{checkup_child_href, checkup_href};
    use chrono::Datelike;
    // Students see only events meant for them, and birthdays with name and class only.
    serve(Capability::ViewCalendar, Target::Any, |ctx| async move {
        let birthday_access = ctx.require(Capability::ViewBirthdays, Target::Any).await?;
        let viewer = &ctx.viewer;
        let today = ctx.today();
        let view = match view.as_deref().map(str::trim).filter(|v| !v.is_empty()) {
            Some(raw) => CalendarView::parse(raw)?,
            None => CalendarView::Month,
        };
        let query = CalendarQuery {
            view,
            date: parse_anchor(date.as_deref(), today)?,
            filter: CalendarFilter::parse(cat.as_deref(), class.as_deref(), group.as_deref())?,
            lunar: lunar.as_deref() != Some("off"),
        };
        let (first, last) = query.window();
        let students_only = ctx.access == Access::StudentVisible;
        // Worked out once per calendar version for everyone, then cut for this viewer.
        let window = db::window(
            ctx.pool(),
            &ctx.state().calendar_windows,
            first,
            last,
            students_only,
        )
        .await?;
        let mut occurrences = cut_occurrences(
            &window.occurrences,
            &query.filter,
            Some((viewer.role, &viewer.scope)),
        );
        // Each meeting leads to its record, for those who may reach it.
        crate::meetings::access::link_records(&ctx, &mut occurrences).await?;
        // Open checkup follow-ups, for those who may read the child's health record; the
        // checkup day itself leads them to its roster.
        let reads_health = access(viewer.role, Capability::ReadHealth) != Access::Denied;
        if reads_health {
            for o in occurrences
                .iter_mut()
                .filter(|o| o.category == Category::Checkup)
            {
                o.link = Some(checkup_href(o.start.year()));
            }
        }
        // Health data goes to a browser only for a page the user opens: not for one made
        // ahead, which could be thrown away unseen (and each showing is audited).
        if reads_health && query.filter.shows(Category::Checkup) && !made_ahead() {
            // "复查：王小雨 · 复查右眼视力", in the user's language, on the due date; only
            // the children whose health record the viewer may read.
            let t = crate::page::use_strings();
            let follow_ups =
                crate::checkup::db::open_follow_ups(ctx.pool(), &ctx.viewer, Some((first, last)))
                    .await?;
            // Follow-ups are health data: audited like any other health read.
            if !follow_ups.is_empty() {
                ctx.read(
                    format!(
                        "read_health follow_ups on calendar {first}..{last} ({} shown)",
                        follow_ups.len()
                    ),
                    Target::Any,
                )
                .await?;
            }
            occurrences.extend(follow_ups.into_iter().map(|f| {
                Occurrence::marker(
                    f.due,
                    (t.calendar.follow_up_on_calendar)(&f.name, &f.what),
                    Category::Checkup,
                    Some(checkup_child_href(f.year, f.child_id)),
                )
            }));
            occurrences.sort_by_key(|o| (o.start, o.event_id));
        }
        let birthdays = cut_birthdays(
            &window.birthdays,
            &query.filter,
            birthday_access == Access::All,
        );
        let can_create = super::domain::audience::plans_any((viewer.role, &viewer.scope));
        let can_import = access(viewer.role, Capability::EditEvents) == Access::All;
        let can_celebrate =
            can_import && access(viewer.role, Capability::ReadLeftBehind) == Access::All;
        Ok(CalendarData {
            query,
            first,
            last,
            today,
            occurrences,
            birthdays,
            days: window.days.clone(),
            classes: window.classes.clone(),
            groups: window.groups.clone(),
            can_create,
            can_celebrate,
            can_import,
        })
    })
    .await
}

/// Whether this calendar page is fetched ahead of the user (see
/// [`MADE_AHEAD_HEADER`](super::types::query::MADE_AHEAD_HEADER)).
#[cfg(feature = "ssr")]
fn made_ahead() -> bool {
    use_context::<http::request::Parts>().is_some_and(|parts| {
        parts
            .headers
            .contains_key(super::types::query::MADE_AHEAD_HEADER)
    })
}
