//! Resolves the session of every request to its user, once, before any handler runs.

use app::auth::session::{resolve_viewer, CurrentViewer};
use app::state::AppState;
use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::Response;
use tower_sessions::Session;

pub async fn viewer(
    State(state): State<AppState>,
    session: Session,
    mut request: Request,
    next: Next,
) -> Response {
    let needs_user = !request.uri().path().starts_with("/pkg/");
    let viewer = if needs_user {
        resolve_viewer(&session, &state).await
    } else {
        None
    };
    request.extensions_mut().insert(CurrentViewer(viewer));
    next.run(request).await
}
