//! The writer where folders cannot be opened and used as handles (not Unix): paths are
//! checked for links, then written by name; a folder swapped for a link between the check and
//! the write could redirect a file there.

use std::fs::{self, File};
use std::io::Write;
use std::path::{Path, PathBuf};

use super::{OutputError, OutputFile, TMP_SUFFIX, io, is_inside, tmp_name};

fn tmp_path(target: &Path) -> PathBuf {
    target.with_file_name(tmp_name(target.file_name().unwrap_or_default()))
}

/// Takes the exclusive lock of runs into `out_dir` (which must exist), waiting for a run that
/// holds it; the lock is released when the returned file is dropped. Where a folder cannot be
/// locked, it is a file in the system's temporary folder named after a hash (64-bit FNV-1a) of
/// the folder's real path, so every run into one folder, however it is named, takes the same
/// lock.
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

/// Writes `files` under `out_dir` all-or-nothing and then removes `previous`, as
/// [`super::write_all_removing`] describes; the paths are already checked to stay inside.
pub(super) fn write(
    out_dir: &Path,
    files: &[OutputFile],
    previous: &[PathBuf],
) -> Result<Vec<PathBuf>, OutputError> {
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
        if !is_inside(path) || files.iter().any(|f| &f.path == path) {
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
