//! The writer on Unix: every file and folder is reached relative to the output folder opened
//! once (`openat`, `mkdirat`, `linkat`, `renameat`, `unlinkat` through `rustix`), so no path is
//! resolved again after it was checked, and no folder below the output folder is opened
//! through a link (`O_NOFOLLOW`). A folder swapped for a link during the run changes nothing:
//! the run holds the folder it opened, not its name.
//!
//! On Linux each file is written into an unnamed file (`O_TMPFILE`) that gets its name only
//! once every file of the run is written, so a run killed while writing leaves nothing behind.
//! Where the file system has no unnamed files (and on other Unix systems) the temporary is
//! named `<name>.<pid>-<n>.dostyk-tmp` and removed by the next run.

use std::collections::BTreeMap;
use std::ffi::{OsStr, OsString};
use std::fs::File;
use std::io::Write;
use std::os::fd::{AsFd, BorrowedFd, OwnedFd};
use std::path::{Path, PathBuf};

use rustix::fs::{AtFlags, FileType, Mode, OFlags};
use rustix::io::Errno;

use super::{OutputError, OutputFile, TMP_SUFFIX, io, tmp_name};

/// Flags of a folder opened below the output folder: never through a link.
const FOLDER: OFlags = OFlags::DIRECTORY
    .union(OFlags::NOFOLLOW)
    .union(OFlags::RDONLY)
    .union(OFlags::CLOEXEC);

fn mode() -> Mode {
    Mode::from_bits_truncate(0o666)
}

/// A run into one output folder: the folder, open and locked, and the folders of its files,
/// opened relative to it.
pub(super) struct Run {
    out_dir: PathBuf,
    /// The output folder; its `flock` is the lock of runs into it.
    out: File,
    /// Folders below the output folder by relative path, opened without following a link.
    folders: BTreeMap<PathBuf, OwnedFd>,
}

/// A written file waiting for its name.
pub(super) struct Staged {
    folder: PathBuf,
    name: OsString,
    target: PathBuf,
    /// The written file (Linux: without a name, `O_TMPFILE`).
    file: File,
    /// The temporary name of the file, where it could not be created without one.
    tmp: Option<OsString>,
}

impl Run {
    /// Creates `out_dir` if needed, opens and locks it (waiting for a run that holds it), and
    /// opens (creating them) the `folders`, relative paths below it, refusing any that is a
    /// link. `out_dir` itself may be a link: it is the folder the caller named.
    pub(super) fn open(out_dir: &Path, folders: &[PathBuf]) -> Result<Self, OutputError> {
        std::fs::create_dir_all(out_dir).map_err(io(out_dir))?;
        let fd = rustix::fs::open(
            out_dir,
            OFlags::DIRECTORY | OFlags::RDONLY | OFlags::CLOEXEC,
            Mode::empty(),
        )
        .map_err(|e| io(out_dir)(e.into()))?;
        let out = File::from(fd);
        out.lock().map_err(io(out_dir))?;
        let mut run = Run {
            out_dir: out_dir.to_path_buf(),
            out,
            folders: BTreeMap::new(),
        };
        for folder in folders {
            run.open_folder(folder, true)?;
        }
        // Holding the lock, any temporary file still here was left by a run that died.
        run.remove_stale_temporaries();
        Ok(run)
    }

    /// The open folder `relative` (empty: the output folder), opened now if needed, and
    /// created if `create`.
    fn open_folder(
        &mut self,
        relative: &Path,
        create: bool,
    ) -> Result<BorrowedFd<'_>, OutputError> {
        let mut so_far = PathBuf::new();
        for part in relative.components() {
            let parent = so_far.clone();
            so_far.push(part);
            if self.folders.contains_key(&so_far) {
                continue;
            }
            let parent_fd = self.fd(&parent);
            let fd = open_below(parent_fd, part.as_os_str(), create).map_err(|e| {
                refusal(parent_fd, part.as_os_str(), &self.out_dir.join(&so_far), e)
            })?;
            self.folders.insert(so_far.clone(), fd);
        }
        Ok(self.fd(relative))
    }

    /// The folder `relative`, already open.
    fn fd(&self, relative: &Path) -> BorrowedFd<'_> {
        self.folders
            .get(relative)
            .map_or(self.out.as_fd(), AsFd::as_fd)
    }

    fn remove_stale_temporaries(&self) {
        for fd in std::iter::once(self.out.as_fd()).chain(self.folders.values().map(AsFd::as_fd)) {
            let Ok(dir) = rustix::fs::Dir::read_from(fd) else {
                continue;
            };
            for entry in dir.flatten() {
                if entry
                    .file_name()
                    .to_bytes()
                    .ends_with(TMP_SUFFIX.as_bytes())
                {
                    let _ = rustix::fs::unlinkat(fd, entry.file_name(), AtFlags::empty());
                }
            }
        }
    }

    /// Writes `file` into its folder without giving it its name yet.
    pub(super) fn stage(&self, file: &OutputFile) -> Result<Staged, OutputError> {
        let folder = file
            .path
            .parent()
            .map(Path::to_path_buf)
            .unwrap_or_default();
        let name = file.path.file_name().unwrap_or_default().to_os_string();
        let target = self.out_dir.join(&file.path);
        let dir = self.fd(&folder);
        let (handle, tmp) = create(dir, &name).map_err(io(&target))?;
        let staged = Staged {
            folder,
            name,
            target,
            file: handle,
            tmp,
        };
        let written = (&staged.file)
            .write_all(&file.bytes)
            .and_then(|()| staged.file.sync_all());
        if let Err(e) = written {
            let error = io(&staged.target)(e);
            self.discard(&[staged]);
            return Err(error);
        }
        Ok(staged)
    }

    /// Removes the named temporaries of `staged` (unnamed files vanish when closed).
    pub(super) fn discard(&self, staged: &[Staged]) {
        for s in staged {
            if let Some(tmp) = &s.tmp {
                let _ = rustix::fs::unlinkat(self.fd(&s.folder), tmp.as_os_str(), AtFlags::empty());
            }
        }
    }

    /// Gives every staged file its name. The file each one replaces is first moved aside; if
    /// any step fails, the files already placed are taken back and the previous ones put
    /// back, so the previous report stays whole. Returns the targets in order.
    pub(super) fn commit(&self, staged: &[Staged]) -> Result<Vec<PathBuf>, OutputError> {
        for s in staged {
            // A folder where a file goes would fail half-way through; refuse it before
            // anything is replaced.
            if kind(self.fd(&s.folder), &s.name) == Some(FileType::Directory) {
                return Err(OutputError::Io {
                    path: s.target.clone(),
                    source: std::io::Error::new(
                        std::io::ErrorKind::IsADirectory,
                        "a folder is in the way of the report file; move it elsewhere",
                    ),
                });
            }
        }
        // (staged file, the previous file's name aside, if there was one)
        let mut done: Vec<(&Staged, Option<OsString>)> = Vec::with_capacity(staged.len());
        let mut failure = None;
        for s in staged {
            let dir = self.fd(&s.folder);
            let aside = if kind(dir, &s.name).is_some() {
                let aside = tmp_name(&s.name);
                if let Err(e) =
                    rustix::fs::renameat(dir, s.name.as_os_str(), dir, aside.as_os_str())
                {
                    failure = Some(io(&s.target)(e.into()));
                    break;
                }
                Some(aside)
            } else {
                None
            };
            if let Err(e) = place(dir, s) {
                if let Some(aside) = &aside {
                    let _ = rustix::fs::renameat(dir, aside.as_os_str(), dir, s.name.as_os_str());
                }
                failure = Some(io(&s.target)(e));
                break;
            }
            done.push((s, aside));
        }
        if let Some(error) = failure {
            for (s, aside) in done.iter().rev() {
                let dir = self.fd(&s.folder);
                let _ = match aside {
                    Some(aside) => {
                        rustix::fs::renameat(dir, aside.as_os_str(), dir, s.name.as_os_str())
                    }
                    None => rustix::fs::unlinkat(dir, s.name.as_os_str(), AtFlags::empty()),
                };
            }
            return Err(error);
        }
        for (s, aside) in &done {
            if let Some(aside) = aside {
                let _ =
                    rustix::fs::unlinkat(self.fd(&s.folder), aside.as_os_str(), AtFlags::empty());
            }
        }
        Ok(done.into_iter().map(|(s, _)| s.target.clone()).collect())
    }

    /// Removes the file (or link, itself) at `relative`, if its folders are reached without
    /// a link; a folder is left alone.
    pub(super) fn remove(&mut self, relative: &Path) {
        let folder = relative.parent().map(Path::to_path_buf).unwrap_or_default();
        let Some(name) = relative.file_name() else {
            return;
        };
        let Ok(dir) = self.open_folder(&folder, false) else {
            return;
        };
        if kind(dir, name).is_some_and(|k| k != FileType::Directory) {
            let _ = rustix::fs::unlinkat(dir, name, AtFlags::empty());
        }
    }
}

/// What is at `name` in `dir` (a link is not followed), if anything.
fn kind(dir: BorrowedFd<'_>, name: &OsStr) -> Option<FileType> {
    rustix::fs::statat(dir, name, AtFlags::SYMLINK_NOFOLLOW)
        .ok()
        .map(|stat| FileType::from_raw_mode(stat.st_mode))
}

/// Opens the folder `name` in `dir` without following a link, creating it if `create`.
fn open_below(dir: BorrowedFd<'_>, name: &OsStr, create: bool) -> Result<OwnedFd, Errno> {
    match rustix::fs::openat(dir, name, FOLDER, Mode::empty()) {
        Err(Errno::NOENT) if create => {
            match rustix::fs::mkdirat(dir, name, Mode::from_bits_truncate(0o777)) {
                Ok(()) | Err(Errno::EXIST) => {}
                Err(e) => return Err(e),
            }
            rustix::fs::openat(dir, name, FOLDER, Mode::empty())
        }
        opened => opened,
    }
}

/// The error for the folder `name` in `dir` (at `path`) that could not be opened with `errno`.
fn refusal(dir: BorrowedFd<'_>, name: &OsStr, path: &Path, errno: Errno) -> OutputError {
    match kind(dir, name) {
        Some(FileType::Symlink) => OutputError::Link(path.to_path_buf()),
        Some(k) if k != FileType::Directory => OutputError::Io {
            path: path.to_path_buf(),
            source: std::io::Error::new(
                std::io::ErrorKind::NotADirectory,
                "a file is in the way of a report folder; move it elsewhere",
            ),
        },
        _ => io(path)(errno.into()),
    }
}

/// A new file in `dir` for the file `name`: without a name where the system allows it
/// (Linux `O_TMPFILE`), otherwise under a new temporary name (returned).
fn create(dir: BorrowedFd<'_>, name: &OsStr) -> std::io::Result<(File, Option<OsString>)> {
    #[cfg(target_os = "linux")]
    if let Some(file) = dostyk_core_model::write::create_unnamed(dir, Path::new("."))? {
        return Ok((file, None));
    }
    let tmp = tmp_name(name);
    // A new file only: whatever is at the temporary name (a link planted there) is neither
    // followed nor overwritten.
    let fd = rustix::fs::openat(
        dir,
        tmp.as_os_str(),
        OFlags::CREATE | OFlags::EXCL | OFlags::NOFOLLOW | OFlags::RDWR | OFlags::CLOEXEC,
        mode(),
    )?;
    Ok((File::from(fd), Some(tmp)))
}

/// Gives the staged file its name in `dir`, where no file has that name now.
fn place(dir: BorrowedFd<'_>, s: &Staged) -> std::io::Result<()> {
    match &s.tmp {
        Some(tmp) => Ok(rustix::fs::renameat(
            dir,
            tmp.as_os_str(),
            dir,
            s.name.as_os_str(),
        )?),
        None => link_unnamed(dir, s),
    }
}

/// Links the unnamed file of `s` into `dir` as its name: through `/proc/self/fd`, or by
/// descriptor (`AT_EMPTY_PATH`, which needs a capability); failing both, its content is
/// copied into a named temporary renamed into place.
#[cfg(target_os = "linux")]
fn link_unnamed(dir: BorrowedFd<'_>, s: &Staged) -> std::io::Result<()> {
    use std::io::{Seek, SeekFrom};

    match dostyk_core_model::write::link_unnamed(&s.file, dir, Path::new(&s.name)) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Err(e),
        Err(_) => {
            let tmp = tmp_name(&s.name);
            let fd = rustix::fs::openat(
                dir,
                tmp.as_os_str(),
                OFlags::CREATE | OFlags::EXCL | OFlags::NOFOLLOW | OFlags::WRONLY | OFlags::CLOEXEC,
                mode(),
            )?;
            let mut out = File::from(fd);
            let copied = (|| {
                let mut file = &s.file;
                file.seek(SeekFrom::Start(0))?;
                std::io::copy(&mut file, &mut out)?;
                out.sync_all()?;
                Ok(rustix::fs::renameat(
                    dir,
                    tmp.as_os_str(),
                    dir,
                    s.name.as_os_str(),
                )?)
            })();
            if copied.is_err() {
                let _ = rustix::fs::unlinkat(dir, tmp.as_os_str(), AtFlags::empty());
            }
            copied
        }
    }
}

#[cfg(not(target_os = "linux"))]
fn link_unnamed(_dir: BorrowedFd<'_>, _s: &Staged) -> std::io::Result<()> {
    // `create` names every file here; an unnamed one cannot reach this.
    Err(std::io::Error::other(
        "unnamed files are made on Linux only",
    ))
}
