//! Routes that are not server functions: home, health and the language switch.

use app::auth::session::CurrentViewer;
use app::i18n::{Locale, LOCALE_COOKIE};
use app::state::AppState;
use axum::extract::{Extension, Path, Query, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, MethodRouter};
use serde::Deserialize;

/// The routes that are not server functions or pages. The permission-matrix test reads
/// this same list, so a route added here without a matrix row fails it.
pub fn plain_routes() -> Vec<(&'static str, MethodRouter<AppState>)> {
    vec![
        // Public: it only says where to go (each user's own start).
        ("/", get(home)),
        // Public: a load balancer asks it.
        ("/healthz", get(healthz)),
        // Public: choosing a language needs no account.
        ("/lang/{tag}", get(switch_language)),
        // Behind the revocable link in its `token`, not a session: phone calendars sign in to nothing.
        ("/calendar.ics", get(crate::feeds::calendar_ics)),
        // Behind the session: the children's list as a file, with the fields the user may see.
        ("/children/export.csv", get(crate::export::csv)),
        ("/children/export.xlsx", get(crate::export::xlsx)),
        // Behind the session: a period's assessment sheets, for the leading group.
        (
            "/assessment/export.xlsx",
            get(crate::export::assessment_xlsx),
        ),
        // Behind the session: a drawing or photo in a child's diary, for its readers.
        ("/diary/picture/{id}", get(crate::pictures::diary_picture)),
        // Behind the session: the year's ledger for funders, for the leading group.
        ("/funds/export.xlsx", get(crate::export::funds_xlsx)),
        // Behind the session: an aid payment's receipt, for those who read the child's aid.
        ("/funds/receipt/{aid}", get(crate::pictures::aid_receipt)),
    ]
}

/// `GET /`: each user to the page their week starts from.
pub async fn home(Extension(CurrentViewer(viewer)): Extension<CurrentViewer>) -> Redirect {
    Redirect::to(app::auth::permissions::home(viewer.map(|v| v.role)))
}

/// `GET /healthz`: 200 when the database answers.
pub async fn healthz(State(state): State<AppState>) -> Response {
    match sqlx::query_scalar::<_, i64>("SELECT 1")
        .fetch_one(&state.pool)
        .await
    {
        Ok(_) => (StatusCode::OK, "ok").into_response(),
        Err(error) => {
            tracing::error!(%error, "health check failed");
            (StatusCode::SERVICE_UNAVAILABLE, "database unavailable").into_response()
        }
    }
}

#[derive(Deserialize)]
pub struct SwitchQuery {
    next: Option<String>,
}

/// `GET /lang/{tag}?next=/calendar…`: remembers the language for a year and goes back.
pub async fn switch_language(
    Path(tag): Path<String>,
    Query(query): Query<SwitchQuery>,
) -> Response {
    let Some(locale) = Locale::from_tag(&tag) else {
        return (StatusCode::NOT_FOUND, "unknown language").into_response();
    };
    let next = app::school::urls::safe_next(query.next.as_deref());
    let cookie = format!(
        "{LOCALE_COOKIE}={}; Path=/; Max-Age=31536000; SameSite=Lax",
        locale.tag()
    );
    let mut headers = HeaderMap::new();
    headers.insert(
        header::SET_COOKIE,
        HeaderValue::from_str(&cookie).expect("ascii cookie"),
    );
    (headers, Redirect::to(&next)).into_response()
}

#[cfg(test)]
mod tests {
    fn is_local_path(next: &str) -> bool {
        app::school::urls::local_path(next).is_some()
    }

    #[test]
    fn the_language_switch_only_returns_to_this_site() {
        assert!(is_local_path("/calendar?view=month&date=2027-04-01"));
        for foreign in [
            "//evil.example",
            "https://evil.example",
            "/\\evil.example",
            "calendar",
            "",
        ] {
            assert!(!is_local_path(foreign), "{foreign}");
        }
    }
}
