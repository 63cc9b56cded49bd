//! How far the pull under way has come, for the desktop's indicator: the first sync of
//! a large organisation brings many thousands of operations and takes a while.

use std::sync::Mutex;

/// Operations replayed so far and to replay in all, while a pull runs.
static PULLING: Mutex<Option<(i64, i64)>> = Mutex::new(None);

/// Records progress (`done` of `total`).
pub(crate) fn set(done: i64, total: i64) {
    if let Ok(mut p) = PULLING.lock() {
        *p = Some((done, total.max(done)));
    }
}

/// Nothing is being pulled.
pub(crate) fn clear() {
    if let Ok(mut p) = PULLING.lock() {
        *p = None;
    }
}

/// `(done, total)` while a pull runs in this program.
pub fn current() -> Option<(i64, i64)> {
    PULLING.lock().ok().and_then(|p| *p)
}
