//! Builds the Tauri context. The window embeds the built UI (`../ui/dist`) at compile
//! time, so this script asks Cargo to rebuild when the UI is rebuilt. When the UI has not
//! been built yet, the binary still compiles (so that `--export-bindings` and the tests
//! run), on a placeholder page kept in `OUT_DIR`, never in `ui/`.

use std::path::{Path, PathBuf};

const PLACEHOLDER: &str = "<!doctype html><html lang=\"es-PY\"><head><meta charset=\"utf-8\"><title>Nimbo</title></head>\
<body style=\"font-family: sans-serif; padding: 2rem\"><h1>Nimbo</h1>\
<p>La interfaz no está construida: ejecute <code>npm run build</code> en <code>ui/</code> y vuelva a compilar.</p>\
<p>The interface is not built: run <code>npm run build</code> in <code>ui/</code> and build again.</p></body></html>\n";

fn main() {
    println!("cargo:rerun-if-changed=../ui/dist");
    if !Path::new("../ui/dist/index.html").is_file() {
        let out = PathBuf::from(std::env::var_os("OUT_DIR").unwrap_or_default());
        let dist = out.join("ui-placeholder");
        if let Err(e) = std::fs::create_dir_all(&dist)
            .and_then(|()| std::fs::write(dist.join("index.html"), PLACEHOLDER))
        {
            println!("cargo:warning=could not write the placeholder page: {e}");
        }
        let config = serde_json::json!({ "build": { "frontendDist": dist } });
        println!("cargo:rustc-env=TAURI_CONFIG={config}");
        println!(
            "cargo:warning=ui/dist is not built: the window shows a placeholder page \
             (run `npm run build` in ui/, then build again)"
        );
    }
    tauri_build::build();
}
