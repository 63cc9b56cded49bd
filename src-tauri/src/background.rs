//! Syncing on its own: while this computer is connected to a server, a sync runs every
//! minute, and every 15 seconds while the last one failed — so queued work leaves soon
//! after the network returns. A failure is remembered for the indicator; nothing is lost.

use std::time::Duration;

use nimbo_app::Nimbo;

/// Between syncs when all is well.
const EVERY: Duration = Duration::from_secs(60);
/// Between attempts while the server cannot be reached.
const RETRY: Duration = Duration::from_secs(15);

/// Starts the timer on Tauri's runtime.
pub fn start(nimbo: Nimbo) {
    tauri::async_runtime::spawn(async move {
        // Let the window come up first.
        tokio::time::sleep(Duration::from_secs(5)).await;
        loop {
            let connected = nimbo_app::sync::status(&nimbo)
                .await
                .is_ok_and(|s| s.server_url.is_some());
            let failed = connected && nimbo_app::sync::sync(&nimbo).await.is_err();
            let wait = if failed { RETRY } else { EVERY };
            tokio::time::sleep(wait).await;
        }
    });
}
