//! Writing outputs safely: all files of a run appear together or not at all.
//!
//! Every file is first written to a temporary name in its final folder; only when all of them
//! are written are they renamed into place (a rename within a folder is atomic on POSIX file
//! systems). Each file a rename replaces is first moved aside, and if a later rename fails the
//! files already replaced are put back. A failed run therefore leaves the previous report as it
//! was, apart from stray temporary files that the next run removes. A process killed during the
//! renames themselves (a few system calls at the very end) can still leave some files new and
//! some old. An exclusive lock (released by the operating system when the process ends, so it
//! never goes stale) keeps two runs into the same folder from interleaving their files, and
//! leaves no file behind: on Unix the lock is taken on the output folder itself (`flock` on the
//! open folder), so the folder holds nothing but the report and no lock file exists anywhere.
//! Elsewhere (Windows cannot lock a folder) it is a file in the system's temporary folder,
//! named after the output folder's real path; that file is never deleted, since deleting a lock
//! file another run is waiting on would let a third run lock a new file beside it.
//!
//! No symbolic link inside the output folder is followed: a folder on the way to a file that is
//! a link is refused, a file that is a link is replaced by the rename (never written through),
//! and temporaries are created new. The output folder itself may be a link (the caller named it).

use std::fs::{self, File};
use std::io::Write;
use std::path::{Component, Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

/// A file to write, with its path relative to the output folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    /// Path relative to the output folder, e.g. `en/report.html`.
    pub path: PathBuf,
    /// Contents.
    pub bytes: Vec<u8>,
}

/// What went wrong writing outputs.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum OutputError {
    /// An I/O error on a path.
    #[error("cannot write {path}: {source}")]
    Io {
        /// The path.
        path: PathBuf,
        /// The error.
        source: std::io::Error,
    },
    /// A relative path that would leave the output folder.
    #[error("refusing to write {0}: output paths must stay inside the output folder")]
    Escapes(PathBuf),
    /// A folder inside the output folder is a symbolic link: writing through it would put the
    /// report wherever it points.
    #[error(
        "refusing to write into {0}: it is a symbolic link inside the output folder, and the report is never written through a link; remove the link (or choose another --out)"
    )]
    Link(PathBuf),
}

const TMP_SUFFIX: &str = ".dostyk-tmp";

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> OutputError + '_ {
    move |source| OutputError::Io {
        path: path.to_path_buf(),
        source,
    }
}

fn tmp_path(target: &Path) -> PathBuf {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    let mut name = target
        .file_name()
        .map(std::ffi::OsStr::to_os_string)
        .unwrap_or_default();
    name.push(format!(".{}-{n}{TMP_SUFFIX}", std::process::id()));
    target.with_file_name(name)
}

/// Takes the exclusive lock of runs into `out_dir` (which must exist), waiting for a run that
/// holds it; the lock is released when the returned file is dropped. On Unix it is the folder
/// itself, opened and locked.
#[cfg(unix)]
fn lock(out_dir: &Path) -> Result<File, OutputError> {
    let folder = File::open(out_dir).map_err(io(out_dir))?;
    folder.lock().map_err(io(out_dir))?;
    Ok(folder)
}

/// Takes the exclusive lock of runs into `out_dir` (which must exist), waiting for a run that
/// holds it; the lock is released when the returned file is dropped. Where a folder cannot be
/// locked, it is a file in the system's temporary folder named after a hash (64-bit FNV-1a) of
/// the folder's real path, so every run into one folder, however it is named, takes the same
/// lock.
#[cfg(not(unix))]
fn lock(out_dir: &Path) -> Result<File, OutputError> {
    let real = out_dir.canonicalize().map_err(io(out_dir))?;
    let hash = real
        .as_os_str()
        .as_encoded_bytes()
        .iter()
        .fold(0xcbf2_9ce4_8422_2325_u64, |h, &b| {
            (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
        });
    let path = std::env::temp_dir().join(format!("dostyk-report-{hash:016x}.lock"));
    let file = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&path)
        .map_err(io(&path))?;
    file.lock().map_err(io(&path))?;
    Ok(file)
}

/// Makes sure the folder `relative` (inside `out_dir`) exists and that neither it nor any
/// folder between it and `out_dir` is a symbolic link; creates the missing ones, one at a time.
/// `out_dir` itself may be a link: it is the folder the caller named.
fn real_folder(out_dir: &Path, relative: &Path) -> Result<PathBuf, OutputError> {
    let mut folder = out_dir.to_path_buf();
    for part in relative.components() {
        folder.push(part);
        let meta = match fs::symlink_metadata(&folder) {
            Ok(meta) => meta,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                match fs::create_dir(&folder) {
                    Ok(()) => {}
                    Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
                    Err(e) => return Err(io(&folder)(e)),
                }
                fs::symlink_metadata(&folder).map_err(io(&folder))?
            }
            Err(e) => return Err(io(&folder)(e)),
        };
        if meta.file_type().is_symlink() {
            return Err(OutputError::Link(folder));
        }
        if !meta.is_dir() {
            return Err(OutputError::Io {
                path: folder,
                source: std::io::Error::new(
                    std::io::ErrorKind::NotADirectory,
                    "a file is in the way of a report folder; move it elsewhere",
                ),
            });
        }
    }
    Ok(folder)
}

/// Writes `files` under `out_dir` all-or-nothing; returns the final paths in order.
///
/// No symbolic link inside `out_dir` is followed: a folder on the way to a file that is a link
/// is refused ([`OutputError::Link`]) before anything is written, and a file that is a link is
/// replaced by the new file (the rename replaces the link itself), never written through.
pub fn write_all(out_dir: &Path, files: &[OutputFile]) -> Result<Vec<PathBuf>, OutputError> {
    write_all_removing(out_dir, files, &[])
}

/// Like [`write_all`]; once every file is in place, also removes each file of `previous`
/// (paths relative to `out_dir`, such as the formats of an earlier report that this run did
/// not write) that this run did not write. A folder, or a path through a linked folder, is
/// left alone; a failed run removes nothing.
pub fn write_all_removing(
    out_dir: &Path,
    files: &[OutputFile],
    previous: &[PathBuf],
) -> Result<Vec<PathBuf>, OutputError> {
    for f in files {
        let bad = f.path.is_absolute()
            || f.path
                .components()
                .any(|c| !matches!(c, Component::Normal(_)));
        if bad {
            return Err(OutputError::Escapes(f.path.clone()));
        }
    }
    fs::create_dir_all(out_dir).map_err(io(out_dir))?;
    let lock = lock(out_dir)?;

    // The folders of the files, relative to `out_dir`.
    let mut folders: Vec<PathBuf> = files
        .iter()
        .filter_map(|f| f.path.parent().map(Path::to_path_buf))
        .collect();
    folders.sort();
    folders.dedup();
    let result = (|| {
        for folder in &folders {
            real_folder(out_dir, folder)?;
        }
        // Holding the lock, any temporary file still here was left by a run that died.
        for folder in &folders {
            remove_stale_temporaries(&out_dir.join(folder));
        }
        Ok(())
    })();
    if let Err(e) = result {
        drop(lock);
        return Err(e);
    }

    let mut staged = Vec::with_capacity(files.len());
    let result = (|| {
        for f in files {
            let target = out_dir.join(&f.path);
            let tmp = tmp_path(&target);
            // A new file only: whatever is at the temporary name (a link planted there) is
            // neither followed nor overwritten.
            let mut file = fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(&tmp)
                .map_err(io(&tmp))?;
            staged.push((tmp.clone(), target));
            file.write_all(&f.bytes).map_err(io(&tmp))?;
            file.sync_all().map_err(io(&tmp))?;
        }
        // Checked again just before the renames: a folder replaced by a link since.
        for folder in &folders {
            real_folder(out_dir, folder)?;
        }
        for (_, target) in &staged {
            // A folder where a file goes would fail the rename half-way through; refuse it
            // before anything is replaced.
            if fs::symlink_metadata(target).is_ok_and(|m| m.is_dir()) {
                return Err(OutputError::Io {
                    path: target.clone(),
                    source: std::io::Error::new(
                        std::io::ErrorKind::IsADirectory,
                        "a folder is in the way of the report file; move it elsewhere",
                    ),
                });
            }
        }
        replace_all(&staged)
    })();
    if result.is_err() {
        for (tmp, _) in &staged {
            let _ = fs::remove_file(tmp);
        }
    } else {
        remove_previous(out_dir, files, previous);
    }
    drop(lock);
    result
}

/// Removes each file of `previous` that is not one of `files`, if it is a file (or a link,
/// which is removed itself) in a folder reached without a link.
fn remove_previous(out_dir: &Path, files: &[OutputFile], previous: &[PathBuf]) {
    for path in previous {
        let inside =
            !path.is_absolute() && path.components().all(|c| matches!(c, Component::Normal(_)));
        if !inside || files.iter().any(|f| &f.path == path) {
            continue;
        }
        let folder_is_real = path.parent().is_none_or(|parent| {
            let mut folder = out_dir.to_path_buf();
            parent.components().all(|part| {
                folder.push(part);
                fs::symlink_metadata(&folder).is_ok_and(|m| m.is_dir())
            })
        });
        let target = out_dir.join(path);
        if folder_is_real && fs::symlink_metadata(&target).is_ok_and(|m| !m.is_dir()) {
            let _ = fs::remove_file(&target);
        }
    }
}

/// Renames every temporary onto its target. The file each one replaces is first moved aside;
/// if any rename fails, the files already renamed are put back, so the previous report stays
/// whole. Returns the targets in order.
fn replace_all(staged: &[(PathBuf, PathBuf)]) -> Result<Vec<PathBuf>, OutputError> {
    // (target, the previous file moved aside, if there was one)
    let mut done: Vec<(PathBuf, Option<PathBuf>)> = Vec::with_capacity(staged.len());
    let mut failure = None;
    for (tmp, target) in staged {
        let aside = if fs::symlink_metadata(target).is_ok() {
            let aside = tmp_path(target);
            if let Err(e) = fs::rename(target, &aside) {
                failure = Some(io(target)(e));
                break;
            }
            Some(aside)
        } else {
            None
        };
        if let Err(e) = fs::rename(tmp, target) {
            if let Some(aside) = &aside {
                let _ = fs::rename(aside, target);
            }
            failure = Some(io(target)(e));
            break;
        }
        done.push((target.clone(), aside));
    }
    if let Some(error) = failure {
        for (target, aside) in done.iter().rev() {
            match aside {
                Some(aside) => {
                    let _ = fs::rename(aside, target);
                }
                None => {
                    let _ = fs::remove_file(target);
                }
            }
        }
        return Err(error);
    }
    for (_, aside) in &done {
        if let Some(aside) = aside {
            let _ = fs::remove_file(aside);
        }
    }
    Ok(done.into_iter().map(|(target, _)| target).collect())
}

/// Removes temporary files a crashed run left behind (only ours, by suffix).
fn remove_stale_temporaries(dir: &Path) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        if entry.file_name().to_string_lossy().ends_with(TMP_SUFFIX) {
            let _ = fs::remove_file(entry.path());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(path: &str, text: &str) -> OutputFile {
        OutputFile {
            path: PathBuf::from(path),
            bytes: text.as_bytes().to_vec(),
        }
    }

    #[test]
    fn writes_all_files_and_no_temporaries() {
        let dir = tempfile::tempdir().unwrap();
        let paths = write_all(
            dir.path(),
            &[file("en/report.md", "a"), file("en/charts/c.svg", "b")],
        )
        .unwrap();
        assert_eq!(paths.len(), 2);
        assert_eq!(
            fs::read_to_string(dir.path().join("en/report.md")).unwrap(),
            "a"
        );
        let leftovers: Vec<_> = fs::read_dir(dir.path().join("en"))
            .unwrap()
            .flatten()
            .filter(|e| e.file_name().to_string_lossy().contains(TMP_SUFFIX))
            .collect();
        assert!(leftovers.is_empty());
    }

    #[test]
    fn a_failed_run_leaves_the_previous_report_intact() {
        let dir = tempfile::tempdir().unwrap();
        write_all(
            dir.path(),
            &[file("en/report.md", "old"), file("en/report.json", "old")],
        )
        .unwrap();
        // The second file cannot be written: its folder is a file.
        fs::write(dir.path().join("blocked"), "not a folder").unwrap();
        let err = write_all(
            dir.path(),
            &[
                file("en/report.md", "new"),
                file("blocked/report.json", "new"),
            ],
        );
        assert!(err.is_err());
        assert_eq!(
            fs::read_to_string(dir.path().join("en/report.md")).unwrap(),
            "old"
        );
        assert_eq!(
            fs::read_to_string(dir.path().join("en/report.json")).unwrap(),
            "old"
        );
        let names: Vec<String> = fs::read_dir(dir.path().join("en"))
            .unwrap()
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        assert!(names.iter().all(|n| !n.ends_with(TMP_SUFFIX)), "{names:?}");
    }

    #[test]
    fn a_rename_that_fails_puts_back_the_files_already_replaced() {
        let dir = tempfile::tempdir().unwrap();
        write_all(
            dir.path(),
            &[file("a.txt", "old a"), file("b.txt", "old b")],
        )
        .unwrap();
        let a = dir.path().join("a.txt");
        let b = dir.path().join("b.txt");
        let c = dir.path().join("c.txt");
        let tmp_a = tmp_path(&a);
        let tmp_c = tmp_path(&c);
        fs::write(&tmp_a, "new a").unwrap();
        fs::write(&tmp_c, "new c").unwrap();
        // The temporary of b.txt has vanished (deleted by someone else): its rename fails
        // after a.txt and c.txt were put in place.
        let staged = [
            (tmp_a, a.clone()),
            (tmp_c, c.clone()),
            (tmp_path(&b), b.clone()),
        ];
        assert!(replace_all(&staged).is_err());
        assert_eq!(fs::read_to_string(&a).unwrap(), "old a");
        assert_eq!(fs::read_to_string(&b).unwrap(), "old b");
        assert!(!c.exists(), "a file new in the failed run was left");
        let mut names: Vec<String> = fs::read_dir(dir.path())
            .unwrap()
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        assert_eq!(names, ["a.txt", "b.txt"]);
    }

    #[test]
    fn a_run_leaves_nothing_but_its_files_in_the_output_folder() {
        let dir = tempfile::tempdir().unwrap();
        write_all(dir.path(), &[file("en/report.md", "a")]).unwrap();
        let names: Vec<String> = fs::read_dir(dir.path())
            .unwrap()
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        assert_eq!(names, ["en"]);
    }

    #[cfg(unix)]
    #[test]
    fn the_lock_excludes_a_second_holder_until_released() {
        let dir = tempfile::tempdir().unwrap();
        let held = lock(dir.path()).unwrap();
        // Another name of the same folder reaches the same lock.
        let other = File::open(dir.path().join(".")).unwrap();
        assert!(matches!(
            other.try_lock(),
            Err(std::fs::TryLockError::WouldBlock)
        ));
        drop(held);
        other.try_lock().unwrap();
    }

    #[test]
    fn previous_files_not_written_again_are_removed_after_a_good_run_only() {
        let dir = tempfile::tempdir().unwrap();
        write_all(dir.path(), &[file("en/a.md", "a"), file("en/b.json", "b")]).unwrap();
        let previous = [PathBuf::from("en/a.md"), PathBuf::from("en/b.json")];
        // A failed run removes nothing.
        fs::write(dir.path().join("blocked"), "not a folder").unwrap();
        assert!(write_all_removing(dir.path(), &[file("blocked/x", "x")], &previous).is_err());
        assert!(dir.path().join("en/a.md").exists());
        write_all_removing(dir.path(), &[file("en/b.json", "new")], &previous).unwrap();
        assert!(!dir.path().join("en/a.md").exists());
        assert_eq!(
            fs::read_to_string(dir.path().join("en/b.json")).unwrap(),
            "new"
        );
    }

    #[cfg(unix)]
    #[test]
    fn folders_that_are_links_are_refused_and_not_cleaned() {
        let dir = tempfile::tempdir().unwrap();
        let elsewhere = tempfile::tempdir().unwrap();
        fs::write(elsewhere.path().join("a.md"), "theirs").unwrap();
        std::os::unix::fs::symlink(elsewhere.path(), dir.path().join("en")).unwrap();
        assert!(matches!(
            write_all(dir.path(), &[file("en/a.md", "a")]),
            Err(OutputError::Link(_))
        ));
        write_all_removing(
            dir.path(),
            &[file("ru/a.md", "a")],
            &[PathBuf::from("en/a.md")],
        )
        .unwrap();
        assert_eq!(
            fs::read_to_string(elsewhere.path().join("a.md")).unwrap(),
            "theirs"
        );
    }

    #[test]
    fn paths_must_stay_inside() {
        let dir = tempfile::tempdir().unwrap();
        assert!(matches!(
            write_all(dir.path(), &[file("../x", "a")]),
            Err(OutputError::Escapes(_))
        ));
        assert!(matches!(
            write_all(dir.path(), &[file("/tmp/x", "a")]),
            Err(OutputError::Escapes(_))
        ));
    }

    #[test]
    fn concurrent_runs_do_not_interleave() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().to_path_buf();
        let handles: Vec<_> = (0..4)
            .map(|i| {
                let path = path.clone();
                std::thread::spawn(move || {
                    let text = format!("run {i}");
                    write_all(&path, &[file("en/a.txt", &text), file("en/b.txt", &text)]).unwrap();
                })
            })
            .collect();
        for h in handles {
            h.join().unwrap();
        }
        let a = fs::read_to_string(path.join("en/a.txt")).unwrap();
        let b = fs::read_to_string(path.join("en/b.txt")).unwrap();
        assert_eq!(a, b, "the two files come from different runs");
    }
}
