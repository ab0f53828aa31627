//! Writing an output file all at once: into a temporary file beside it, then renamed over it,
//! so a reader (or the next run) never sees half a file, and a failed write leaves the previous
//! file as it was. Every command that writes a file goes through here.
//!
//! This file is compiled into two crates: `dostyk-cli`, which owns it, and the workspace's
//! unpublished task runner (through `#[path]`), which must build without the library crates. So it
//! needs nothing from either crate.

use std::io::Write;
use std::path::{Path, PathBuf};

/// Why a file was not written: the message names the file, the cause and what to check.
pub(crate) type WriteResult = Result<(), String>;

/// Writes `bytes` to `path` atomically.
pub(crate) fn write(path: &Path, bytes: &[u8]) -> WriteResult {
    write_with(path, |w| w.write_all(bytes))
}

/// Writes to `path` atomically what `fill` writes (buffered); the folder is created if needed.
pub(crate) fn write_with(
    path: &Path,
    fill: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> WriteResult {
    let name = path
        .file_name()
        .ok_or_else(|| format!("{} names no file; expected a file path", path.display()))?;
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let tmp: PathBuf = dir.join(format!(
        ".{}.tmp-{}",
        name.to_string_lossy(),
        std::process::id()
    ));
    let result = (|| -> std::io::Result<()> {
        std::fs::create_dir_all(dir)?;
        // A new file only: a temporary left by a run that died is removed, and whatever is
        // planted at the name (a link) is never followed.
        let _ = std::fs::remove_file(&tmp);
        let file = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&tmp)?;
        let mut w = std::io::BufWriter::new(file);
        fill(&mut w)?;
        let file = w
            .into_inner()
            .map_err(std::io::IntoInnerError::into_error)?;
        file.sync_all()?;
        std::fs::rename(&tmp, path)
    })();
    if let Err(e) = result {
        let _ = std::fs::remove_file(&tmp);
        return Err(format!(
            "cannot write {}: {e}; check that the folder is writable and has room",
            path.display()
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_failed_write_leaves_the_previous_file_and_no_temporary() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("out.txt");
        write(&path, b"first").expect("written");
        let err = write_with(&path, |w| {
            w.write_all(b"half")?;
            Err(std::io::Error::other("disk full"))
        })
        .expect_err("the fill failed");
        assert!(err.contains("disk full"), "{err}");
        assert_eq!(std::fs::read(&path).expect("still there"), b"first");
        assert_eq!(std::fs::read_dir(dir.path()).expect("dir").count(), 1);
        write(&dir.path().join("sub/new.txt"), b"x").expect("folder created");
    }
}
