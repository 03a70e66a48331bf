//! Accounts at start-up: the demo school's five sign-ins, or a first admin for a new school.

use app::auth::session::{hash_password, verify_password};
use sqlx::SqlitePool;

pub const DEMO_PASSWORD: &str = "hopehome-demo";
pub const DEMO_USERS: [&str; 5] = ["admin", "leader", "counselor", "teacher", "student"];

/// On a database with no users and no demo data, creates `admin` with a random one-time
/// password, returned once to be printed; the admin chooses their own at first sign-in. With the demo school, returns its sign-ins to print.
pub async fn ensure_first_admin(
    pool: &SqlitePool,
) -> Result<Option<String>, Box<dyn std::error::Error + Send + Sync>> {
    let users: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM users")
        .fetch_one(pool)
        .await?;
    let demo: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM users WHERE username IN ('admin','leader','counselor','teacher','student')")
        .fetch_one(pool)
        .await?;
    let has_demo_school: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM children")
        .fetch_one(pool)
        .await?;
    if demo == 5 && has_demo_school > 0 {
        return Ok(Some(format!(
            "Demo sign-ins (password `{DEMO_PASSWORD}` unless changed): {}",
            DEMO_USERS.join(", ")
        )));
    }
    if users > 0 || has_demo_school > 0 {
        return Ok(None);
    }
    let password = random_password();
    let hash = hash_password(password.clone())
        .await
        .map_err(|e| format!("hashing failed: {e}"))?;
    sqlx::query("INSERT INTO users (username, display_name, role, password_hash, must_change_password) VALUES ('admin', '管理员', 'admin', ?, 1)")
        .bind(hash)
        .execute(pool)
        .await?;
    Ok(Some(format!(
        "Created the first account: admin / {password}\nThis one-time password is shown only now; signing in with it asks for a password of your own."
    )))
}

/// The active demo accounts whose password is still the published one.
pub async fn with_demo_password(
    pool: &SqlitePool,
) -> Result<Vec<String>, Box<dyn std::error::Error + Send + Sync>> {
    let mut exposed = Vec::new();
    for username in DEMO_USERS {
        let hash: Option<String> =
            sqlx::query_scalar("SELECT password_hash FROM users WHERE username = ? AND active = 1")
                .bind(username)
                .fetch_optional(pool)
                .await?;
        if let Some(hash) = hash {
            if verify_password(DEMO_PASSWORD.to_owned(), hash).await {
                exposed.push(username.to_owned());
            }
        }
    }
    Ok(exposed)
}

/// 20 characters from an alphabet without look-alikes, from the operating system's RNG.
fn random_password() -> String {
    use argon2::password_hash::rand_core::{OsRng, RngCore};
    const ALPHABET: &[u8] = b"abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    (0..20)
        .map(|_| ALPHABET[(OsRng.next_u32() as usize) % ALPHABET.len()] as char)
        .collect()
}
