//! Resolves the session of every request to its user, once, before any handler runs.

use app::auth::session::{resolve_viewer, CurrentViewer};
use app::i18n::Locale;
use app::state::AppState;
use axum::extract::{Request, State};
use axum::http::{header, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use tower_sessions::Session;

/// Where a user who must first choose a password may still go.
const WHILE_CHOOSING_A_PASSWORD: [&str; 5] = [
    "/account/password",
    "/api/auth/password",
    "/api/auth/logout",
    "/login",
    "/favicon.svg",
];

pub async fn viewer(
    State(state): State<AppState>,
    session: Session,
    mut request: Request,
    next: Next,
) -> Response {
    let path = request.uri().path().to_owned();
    let needs_user = !path.starts_with("/pkg/");
    let viewer = if needs_user {
        resolve_viewer(&session, &state).await
    } else {
        None
    };
    // The first admin signed in with the printed one-time password: their own comes first.
    let choosing = viewer.as_ref().is_some_and(|v| v.must_change_password);
    if choosing && needs_user && !WHILE_CHOOSING_A_PASSWORD.contains(&path.as_str()) {
        return if path.starts_with("/api/") {
            let words = Locale::from_headers(request.headers()).strings().common;
            (StatusCode::FORBIDDEN, words.refused_choose_password).into_response()
        } else {
            (
                StatusCode::SEE_OTHER,
                [(header::LOCATION, "/account/password")],
            )
                .into_response()
        };
    }
    request.extensions_mut().insert(CurrentViewer(viewer));
    next.run(request).await
}
