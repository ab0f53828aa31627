//! Writing an output file all at once: into a temporary file beside it, then renamed over it,
//! so a reader (or the next run) never sees half a file, and a failed write leaves the previous
//! file as it was. Every command that writes a file goes through here.
//!
//! On Linux the temporary file has no name while it is written (`O_TMPFILE`): a run killed
//! mid-write (SIGKILL, out of memory) leaves nothing behind, where a named temporary stayed as a
//! hidden file as large as the output (issue #21). The finished file is linked into the folder
//! under its name when none is there yet, or under a temporary name renamed over the old file
//! (a kill in the instant between those two calls can still leave that name). Where the file
//! system has no `O_TMPFILE` (and on other systems) the temporary file is named from the start.
//!
//! This file is compiled into two crates: `dostyk-cli`, which owns it, and the workspace's
//! unpublished task runner (through `#[path]`), which must build without the library crates. So it
//! needs nothing from either crate; the unnamed-file calls it shares with the report writer are
//! compiled in by path from `dostyk_core_model::write` for the same reason.

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
        #[cfg(target_os = "linux")]
        if let Some(file) = unnamed::create(dir)? {
            let file = fill_and_sync(file, fill)?;
            return unnamed::link(&file, &tmp, path);
        }
        named(&tmp, path, |file| fill_and_sync(file, fill).map(drop))
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

/// Writes what `fill` writes to `file` (buffered) and flushes it to the disk.
fn fill_and_sync(
    file: std::fs::File,
    fill: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> std::io::Result<std::fs::File> {
    let mut w = std::io::BufWriter::new(file);
    fill(&mut w)?;
    let file = w
        .into_inner()
        .map_err(std::io::IntoInnerError::into_error)?;
    file.sync_all()?;
    Ok(file)
}

/// Creates the named temporary `tmp`, has `fill` write it, and renames it to `path`.
fn named(
    tmp: &Path,
    path: &Path,
    fill: impl FnOnce(std::fs::File) -> std::io::Result<()>,
) -> std::io::Result<()> {
    // A new file only: a temporary left by a run that died is removed, and whatever is
    // planted at the name (a link) is never followed.
    let _ = std::fs::remove_file(tmp);
    let file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(tmp)?;
    fill(file)?;
    std::fs::rename(tmp, path)
}

// `dostyk_core_model::write`, compiled in by path (see the top of this file).
#[cfg(target_os = "linux")]
#[allow(unreachable_pub)]
#[path = "../../core-model/src/write.rs"]
mod unnamed_file;

/// Temporary files without a name (`O_TMPFILE`, Linux 3.11 and later on ext4, XFS, Btrfs,
/// tmpfs and others), through `rustix`'s safe calls.
#[cfg(target_os = "linux")]
mod unnamed {
    use std::io::{Seek, SeekFrom};
    use std::path::Path;

    use rustix::fs::CWD;

    use super::unnamed_file as write;

    /// A new file in `dir` without a name, open for reading and writing; `None` when the file
    /// system (or the kernel) has no unnamed files, so the caller names its temporary.
    pub(super) fn create(dir: &Path) -> std::io::Result<Option<std::fs::File>> {
        write::create_unnamed(CWD, dir)
    }

    /// Gives the written `file` the name `path`: linked there directly when nothing has that
    /// name yet, otherwise linked as `tmp` and renamed over `path` (a rename replaces a file
    /// in one step; a link does not). Without `/proc` (and the right to link by descriptor)
    /// the content is copied into a named `tmp` instead.
    pub(super) fn link(file: &std::fs::File, tmp: &Path, path: &Path) -> std::io::Result<()> {
        match write::link_unnamed(file, CWD, path) {
            Ok(()) => return Ok(()),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
            Err(_) => return copy_named(file, tmp, path),
        }
        let _ = std::fs::remove_file(tmp);
        if write::link_unnamed(file, CWD, tmp).is_err() {
            return copy_named(file, tmp, path);
        }
        std::fs::rename(tmp, path).inspect_err(|_| {
            let _ = std::fs::remove_file(tmp);
        })
    }

    fn copy_named(mut file: &std::fs::File, tmp: &Path, path: &Path) -> std::io::Result<()> {
        file.seek(SeekFrom::Start(0))?;
        super::named(tmp, path, |mut out| {
            std::io::copy(&mut file, &mut out)?;
            out.sync_all()
        })
    }
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

    #[test]
    fn a_file_is_replaced_whole_and_nothing_else_is_left() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("out.txt");
        write(&path, b"first, and longer").expect("written");
        write(&path, b"second").expect("replaced");
        assert_eq!(std::fs::read(&path).expect("there"), b"second");
        assert_eq!(std::fs::read_dir(dir.path()).expect("dir").count(), 1);
        // A link at the name is replaced by the file; what it pointed to is untouched.
        #[cfg(unix)]
        {
            let target = dir.path().join("target.txt");
            std::fs::write(&target, b"kept").expect("target");
            let link = dir.path().join("link.txt");
            std::os::unix::fs::symlink(&target, &link).expect("link");
            write(&link, b"new").expect("written over the link");
            assert_eq!(std::fs::read(&target).expect("target"), b"kept");
            assert!(
                !std::fs::symlink_metadata(&link)
                    .expect("there")
                    .is_symlink()
            );
            assert_eq!(std::fs::read(&link).expect("file"), b"new");
            assert_eq!(std::fs::read_dir(dir.path()).expect("dir").count(), 3);
        }
    }
}
