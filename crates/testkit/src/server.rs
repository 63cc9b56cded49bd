//! The throwaway sync server (`nimbo_server::throwaway`), for the stories of the laptop's
//! use cases, the command line and the window: a fresh database of the test PostgreSQL
//! (`NIMBO_TEST_DATABASE_URL`, which `scripts/with-postgres` sets), served on a free port
//! of 127.0.0.1 from the test's own tokio runtime.

use nimbo_domain::role::Role;

pub use nimbo_server::throwaway::{DATABASE_VARIABLE, Throwaway, for_tests, start};

use crate::PASSWORD;

/// Adds an administrator with [`PASSWORD`] to the server, as `nimbo-server user add` does.
pub async fn add_admin(server: &Throwaway, username: &str, full_name: &str) {
    server
        .add_user(username, full_name, &[Role::Admin], PASSWORD)
        .await
        .unwrap_or_else(|e| panic!("the administrator on the server: {e}"));
}

/// A server for `story` with its administrator, who signs in with [`PASSWORD`]; `None`
/// (after a notice) without a test PostgreSQL outside CI.
pub async fn with_admin(story: &str, username: &str, full_name: &str) -> Option<Throwaway> {
    let server = for_tests(story).await?;
    add_admin(&server, username, full_name).await;
    Some(server)
}

/// Gives each of these people [`PASSWORD`] on the server, once a sync brought them there.
pub async fn set_passwords<'a>(server: &Throwaway, usernames: impl IntoIterator<Item = &'a str>) {
    for username in usernames {
        server
            .set_password(username, PASSWORD)
            .await
            .unwrap_or_else(|e| panic!("a password for {username}: {e}"));
    }
}
