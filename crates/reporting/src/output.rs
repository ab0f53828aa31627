//! Writing outputs safely: all files of a run appear together or not at all.
//!
//! Every file is first written in its final folder without its name (on Linux a file with no
//! name at all, `O_TMPFILE`; elsewhere a temporary name); only when all of them are written are
//! they given their names (a link or rename within a folder is atomic on POSIX file systems).
//! Each file a new one replaces is first moved aside, and if a later step fails the files
//! already replaced are put back. A failed run therefore leaves the previous report as it was;
//! a run killed while writing leaves nothing on Linux, and elsewhere stray temporary files that
//! the next run removes. A process killed while the files get their names (a few system calls
//! at the very end) can still leave some files new and some old, and a previous file under its
//! aside name, which the next run removes. An exclusive lock (released by the operating system
//! when the process ends, so it never goes stale) keeps two runs into the same folder from
//! interleaving their files, and leaves no file behind: on Unix the lock is taken on the output
//! folder itself (`flock` on the open folder), so the folder holds nothing but the report and
//! no lock file exists anywhere. Elsewhere (Windows cannot lock a folder) it is a file in the
//! system's temporary folder, named after the output folder's real path; that file is never
//! deleted, since deleting a lock file another run is waiting on would let a third run lock a
//! new file beside it.
//!
//! No symbolic link inside the output folder is followed: a folder on the way to a file that is
//! a link is refused, a file that is a link is replaced (never written through), and
//! temporaries are created new. On Unix the output folder is opened once and every file and
//! folder is reached relative to it without following a link (`openat` with `O_NOFOLLOW`), so a
//! folder swapped for a link during the run cannot redirect a file either. The output folder
//! itself may be a link (the caller named it).

use std::ffi::{OsStr, OsString};
use std::path::{Component, Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

#[cfg(unix)]
mod at;
#[cfg(not(unix))]
mod by_path;

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

/// A new temporary name for the file `name`: `<name>.<pid>-<n>.dostyk-tmp`.
fn tmp_name(name: &OsStr) -> OsString {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    let mut tmp = name.to_os_string();
    tmp.push(format!(".{}-{n}{TMP_SUFFIX}", std::process::id()));
    tmp
}

/// Whether `path` is relative and stays inside the folder it is relative to.
fn is_inside(path: &Path) -> bool {
    !path.as_os_str().is_empty() && path.components().all(|c| matches!(c, Component::Normal(_)))
}

/// Writes `files` under `out_dir` all-or-nothing; returns the final paths in order.
///
/// No symbolic link inside `out_dir` is followed: a folder on the way to a file that is a link
/// is refused ([`OutputError::Link`]) before anything is written, and a file that is a link is
/// replaced by the new file (the link itself is replaced), never written through.
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
    if let Some(f) = files.iter().find(|f| !is_inside(&f.path)) {
        return Err(OutputError::Escapes(f.path.clone()));
    }
    #[cfg(unix)]
    return write_at(out_dir, files, previous);
    #[cfg(not(unix))]
    return by_path::write(out_dir, files, previous);
}

/// [`write_all_removing`] on Unix, relative to the output folder opened once.
#[cfg(unix)]
fn write_at(
    out_dir: &Path,
    files: &[OutputFile],
    previous: &[PathBuf],
) -> Result<Vec<PathBuf>, OutputError> {
    let mut run = at::Run::open(out_dir, &folders(files))?;
    let mut staged = Vec::with_capacity(files.len());
    for f in files {
        match run.stage(f) {
            Ok(s) => staged.push(s),
            Err(e) => {
                run.discard(&staged);
                return Err(e);
            }
        }
    }
    let result = run.commit(&staged);
    run.discard(&staged);
    if result.is_ok() {
        for path in previous {
            if is_inside(path) && !files.iter().any(|f| &f.path == path) {
                run.remove(path);
            }
        }
    }
    result
}

#[cfg(unix)]
/// The folders of `files`, relative to the output folder, sorted and once each.
fn folders(files: &[OutputFile]) -> Vec<PathBuf> {
    let mut folders: Vec<PathBuf> = files
        .iter()
        .filter_map(|f| f.path.parent().map(Path::to_path_buf))
        .filter(|p| !p.as_os_str().is_empty())
        .collect();
    folders.sort();
    folders.dedup();
    folders
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

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

    #[cfg(unix)]
    #[test]
    fn a_step_that_fails_puts_back_the_files_already_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let files = [
            file("a.txt", "old a"),
            file("c.txt", "old c"),
            file("sub/b.txt", "old b"),
        ];
        write_all(dir.path(), &files).unwrap();
        fs::remove_file(dir.path().join("c.txt")).unwrap();
        let new = [
            file("a.txt", "new a"),
            file("c.txt", "new c"),
            file("sub/b.txt", "new b"),
        ];
        let run = at::Run::open(dir.path(), &folders(&new)).unwrap();
        let staged: Vec<_> = new.iter().map(|f| run.stage(f).unwrap()).collect();
        // The folder of b.txt is deleted under the run: its file cannot be placed after
        // a.txt and c.txt were.
        fs::rename(dir.path().join("sub/b.txt"), dir.path().join("b-was")).unwrap();
        fs::remove_dir(dir.path().join("sub")).unwrap();
        assert!(run.commit(&staged).is_err());
        run.discard(&staged);
        assert_eq!(
            fs::read_to_string(dir.path().join("a.txt")).unwrap(),
            "old a"
        );
        assert!(
            !dir.path().join("c.txt").exists(),
            "a file new in the failed run was left"
        );
        let mut names: Vec<String> = fs::read_dir(dir.path())
            .unwrap()
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        assert_eq!(names, ["a.txt", "b-was"]);
    }

    #[cfg(unix)]
    #[test]
    fn a_folder_swapped_for_a_link_during_the_run_is_not_followed() {
        let dir = tempfile::tempdir().unwrap();
        let elsewhere = tempfile::tempdir().unwrap();
        write_all(
            dir.path(),
            &[file("en/report.md", "old"), file("en/old.json", "old")],
        )
        .unwrap();
        let new = [file("en/report.md", "new")];
        let mut run = at::Run::open(dir.path(), &folders(&new)).unwrap();
        let staged: Vec<_> = new.iter().map(|f| run.stage(f).unwrap()).collect();
        // After the folder was checked and opened, someone moves it and puts a link to a
        // folder outside in its place.
        fs::rename(dir.path().join("en"), dir.path().join("en-moved")).unwrap();
        std::os::unix::fs::symlink(elsewhere.path(), dir.path().join("en")).unwrap();
        fs::write(elsewhere.path().join("old.json"), "theirs").unwrap();
        run.commit(&staged).unwrap();
        run.remove(Path::new("en/old.json"));
        let outside: Vec<_> = fs::read_dir(elsewhere.path()).unwrap().flatten().collect();
        assert_eq!(outside.len(), 1, "{outside:?}");
        assert_eq!(
            fs::read_to_string(elsewhere.path().join("old.json")).unwrap(),
            "theirs"
        );
        assert_eq!(
            fs::read_to_string(dir.path().join("en-moved/report.md")).unwrap(),
            "new"
        );
        assert!(!dir.path().join("en-moved/old.json").exists());
        drop(run);
        // The next run refuses the link.
        assert!(matches!(
            write_all(dir.path(), &new),
            Err(OutputError::Link(_))
        ));
    }

    /// What a run killed after writing its files and before naming them leaves: the
    /// process's files are closed without `commit` or `discard`.
    #[cfg(target_os = "linux")]
    #[test]
    fn a_run_that_dies_before_naming_its_files_leaves_nothing() {
        let dir = tempfile::tempdir().unwrap();
        write_all(dir.path(), &[file("en/report.md", "old")]).unwrap();
        let new = [file("en/report.md", "new"), file("en/charts/c.svg", "new")];
        let run = at::Run::open(dir.path(), &folders(&new)).unwrap();
        let staged: Vec<_> = new.iter().map(|f| run.stage(f).unwrap()).collect();
        drop(staged);
        drop(run);
        let mut left: Vec<PathBuf> = Vec::new();
        let mut todo = vec![dir.path().to_path_buf()];
        while let Some(folder) = todo.pop() {
            for entry in fs::read_dir(folder).unwrap().flatten() {
                if entry.file_type().unwrap().is_dir() {
                    todo.push(entry.path());
                } else {
                    left.push(entry.path());
                }
            }
        }
        assert_eq!(left, [dir.path().join("en/report.md")]);
        assert_eq!(
            fs::read_to_string(dir.path().join("en/report.md")).unwrap(),
            "old"
        );
    }

    #[cfg(unix)]
    #[test]
    fn a_link_planted_deeper_is_refused_and_a_file_link_is_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let elsewhere = tempfile::tempdir().unwrap();
        fs::create_dir(dir.path().join("en")).unwrap();
        std::os::unix::fs::symlink(elsewhere.path(), dir.path().join("en/charts")).unwrap();
        assert!(matches!(
            write_all(dir.path(), &[file("en/charts/c.svg", "x")]),
            Err(OutputError::Link(_))
        ));
        fs::remove_file(dir.path().join("en/charts")).unwrap();
        let target = elsewhere.path().join("kept.md");
        fs::write(&target, "theirs").unwrap();
        std::os::unix::fs::symlink(&target, dir.path().join("en/report.md")).unwrap();
        write_all(dir.path(), &[file("en/report.md", "new")]).unwrap();
        assert_eq!(fs::read_to_string(&target).unwrap(), "theirs");
        assert!(
            !fs::symlink_metadata(dir.path().join("en/report.md"))
                .unwrap()
                .is_symlink()
        );
        assert_eq!(fs::read_dir(elsewhere.path()).unwrap().count(), 1);
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
        let held = at::Run::open(dir.path(), &[]).unwrap();
        // Another name of the same folder reaches the same lock.
        let other = fs::File::open(dir.path().join(".")).unwrap();
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
