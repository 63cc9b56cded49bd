//! The crate's two layers stay apart: sqlx is used only by the query layer
//! (`src/postgres/`), so no handler builds SQL or reads a row.

use std::path::{Path, PathBuf};

fn rust_files(dir: &Path, found: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, found);
        } else if path.extension().is_some_and(|e| e == "rs") {
            found.push(path);
        }
    }
}

#[test]
fn only_the_query_layer_uses_sqlx() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let query_layer = src.join("postgres");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let mut outside = Vec::new();
    for file in files.iter().filter(|f| !f.starts_with(&query_layer)) {
        let text = std::fs::read_to_string(file).unwrap();
        for (number, line) in text.lines().enumerate() {
            let code = line.trim_start();
            if code.starts_with("//") {
                continue;
            }
            // What comes before a string literal: a log filter may name sqlx's target.
            let before_text = code.split('"').next().unwrap_or_default();
            if before_text.contains("sqlx") {
                outside.push(format!("{}:{}: {line}", file.display(), number + 1));
            }
        }
    }
    assert!(
        outside.is_empty(),
        "sqlx outside src/postgres/:\n{}",
        outside.join("\n")
    );
}
