//! The site's files compressed at build time (`scripts/precompress.sh` writes `.br` and
//! `.gz` beside each) are sent as they are, by leptos_axum's file service. A copy older than
//! its file is from an earlier build and would hand a tablet the old bundle with the new
//! page: it is removed when the server starts (the file is then compressed per request).

use std::path::Path;

/// Removes the compressed copies under `site_root` (and its `pkg`) that are older than
/// their file, or whose file is gone; how many.
pub fn drop_stale(site_root: &Path) -> usize {
    let mut dropped = 0;
    for dir in [site_root.to_path_buf(), site_root.join("pkg")] {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for copy in entries.flatten().map(|e| e.path()) {
            if !made_by_the_build(&copy) {
                continue;
            }
            let modified = |path: &Path| std::fs::metadata(path).and_then(|m| m.modified()).ok();
            let stale = match (modified(&copy), modified(&copy.with_extension(""))) {
                (Some(copied), Some(made)) => copied < made,
                _ => true,
            };
            // Another server starting from the same folder may have removed it first.
            if stale && std::fs::remove_file(&copy).is_ok() {
                tracing::warn!(file = %copy.display(), "removed a compressed copy older than its file");
                dropped += 1;
            }
        }
    }
    dropped
}

/// A `.br` or `.gz` of what `scripts/precompress.sh` compresses: the bundle's wasm, JS
/// and CSS, and the icons. Anything else in the folder is not this code's to remove.
fn made_by_the_build(copy: &Path) -> bool {
    let Some(name) = copy.file_name().and_then(|n| n.to_str()) else {
        return false;
    };
    let Some(file) = name
        .strip_suffix(".br")
        .or_else(|| name.strip_suffix(".gz"))
    else {
        return false;
    };
    [".wasm", ".js", ".css", ".svg"]
        .iter()
        .any(|kind| file.ends_with(kind))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_copy_older_than_its_file_or_without_one_goes_and_a_fresh_one_stays() {
        let site = tempfile::tempdir().unwrap();
        let pkg = site.path().join("pkg");
        std::fs::create_dir(&pkg).unwrap();
        let old = std::time::SystemTime::now() - std::time::Duration::from_secs(60);
        let write = |name: &str| {
            std::fs::write(pkg.join(name), name).unwrap();
        };
        let age = |name: &str| {
            std::fs::File::options()
                .write(true)
                .open(pkg.join(name))
                .unwrap()
                .set_modified(old)
                .unwrap();
        };
        // A fresh build: the bundle, then its copies.
        write("hopehome.css");
        age("hopehome.css");
        write("hopehome.css.br");
        // A rebuild after the copies were made.
        write("hopehome.wasm.br");
        age("hopehome.wasm.br");
        write("hopehome.wasm");
        // A copy of a file no longer built.
        write("old.js.gz");
        // Not the build's: left alone.
        write("backup.db.gz");
        assert_eq!(drop_stale(site.path()), 2);
        assert!(pkg.join("backup.db.gz").exists());
        assert!(pkg.join("hopehome.css.br").exists());
        assert!(!pkg.join("hopehome.wasm.br").exists());
        assert!(!pkg.join("old.js.gz").exists());
        assert!(pkg.join("hopehome.wasm").exists(), "files themselves stay");
    }
}
