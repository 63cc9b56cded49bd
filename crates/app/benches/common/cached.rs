//! The benches' databases, cached under `target/bench-data`: built once, kept while this
//! build still reads them, rebuilt when it does not, and copied to a scratch file for
//! each run so that what a run writes never reaches the cache.

use std::path::{Path, PathBuf};

/// Where the cached databases live: `bench-data` in the target folder.
pub fn data_dir() -> PathBuf {
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target"));
    target.join("bench-data")
}

/// Removes a SQLite file with its write-ahead log and shared memory.
pub fn remove_db(path: &Path) {
    for suffix in ["", "-wal", "-shm"] {
        let mut p = path.as_os_str().to_owned();
        p.push(suffix);
        let _ = std::fs::remove_file(PathBuf::from(p));
    }
}

/// The cached database `NAME.sqlite`. It is kept when it was closed cleanly and `reads`
/// says a copy of it still reads with this build; otherwise `build` makes it again in a
/// file of its own, renamed into place once done.
pub fn cached(name: &str, reads: impl FnOnce(&Path) -> bool, build: impl FnOnce(&Path)) -> PathBuf {
    let dir = data_dir();
    std::fs::create_dir_all(&dir).expect("bench-data folder");
    let path = dir.join(format!("{name}.sqlite"));
    let mut wal = path.as_os_str().to_owned();
    wal.push("-wal");
    if path.exists() && !Path::new(&wal).exists() && still_reads(&path, name, reads) {
        return path;
    }
    remove_db(&path);
    let building = dir.join(format!("{name}.building.sqlite"));
    remove_db(&building);
    build(&building);
    std::fs::rename(&building, &path).expect("rename");
    path
}

/// Whether a copy of the cached database still reads with this build (a migration or a
/// record's JSON may have changed since it was built).
fn still_reads(path: &Path, name: &str, reads: impl FnOnce(&Path) -> bool) -> bool {
    let probe = data_dir().join(format!("{name}.probe.sqlite"));
    remove_db(&probe);
    let ok = std::fs::copy(path, &probe).is_ok() && reads(&probe);
    remove_db(&probe);
    if !ok {
        eprintln!(
            "{} no longer reads with this build: rebuilding it",
            path.display()
        );
    }
    ok
}

/// A fresh copy of `cache` named `NAME.sqlite`, for one run to work on.
pub fn scratch(cache: &Path, name: &str) -> PathBuf {
    let scratch = data_dir().join(format!("{name}.sqlite"));
    remove_db(&scratch);
    std::fs::copy(cache, &scratch).expect("copy to scratch");
    scratch
}
