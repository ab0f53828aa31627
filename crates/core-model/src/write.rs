//! Files without a name while they are written (Linux `O_TMPFILE`), given their name only when
//! complete, so a process killed mid-write (SIGKILL, out of memory) leaves nothing behind.
//!
//! Both writers of the workspace build on these two calls: the report writer
//! (`dostyk_reporting::output`, relative to the open output folder) and the command line's
//! single-file writer (`dostyk-cli`'s `atomic_file`, which the task runner compiles in by path
//! because it must build without the library crates; so this file needs only `std` and
//! `rustix`, and is compiled into those two by `#[path]` as well).

use std::fs::File;
use std::io;
use std::os::fd::{AsRawFd, BorrowedFd};
use std::path::Path;

use rustix::fs::{AtFlags, FileType, Mode, OFlags};
use rustix::io::Errno;

/// A new file without a name in the folder `dir` (relative to the open folder `at`, or to
/// the working folder with [`rustix::fs::CWD`]), open for reading and writing; `Ok(None)`
/// when the file system (or the kernel) has no unnamed files there, so the caller names its
/// temporary file instead.
///
/// # Errors
/// What `openat(2)` gives otherwise (the folder is missing, not writable, ...).
pub fn create_unnamed(at: BorrowedFd<'_>, dir: &Path) -> io::Result<Option<File>> {
    let flags = OFlags::TMPFILE | OFlags::RDWR | OFlags::CLOEXEC;
    match rustix::fs::openat(at, dir, flags, Mode::from_bits_truncate(0o666)) {
        Ok(fd) => Ok(Some(File::from(fd))),
        // The errors open(2) gives when O_TMPFILE is not supported there.
        Err(Errno::OPNOTSUPP | Errno::ISDIR | Errno::INVAL | Errno::NOENT)
            if rustix::fs::statat(at, dir, AtFlags::empty())
                .is_ok_and(|s| FileType::from_raw_mode(s.st_mode) == FileType::Directory) =>
        {
            Ok(None)
        }
        Err(e) => Err(e.into()),
    }
}

/// Gives the unnamed `file` (from [`create_unnamed`]) the name `name` (relative to the open
/// folder `at`, or to the working folder with [`rustix::fs::CWD`]). A link at `name` is
/// not followed.
///
/// # Errors
/// [`io::ErrorKind::AlreadyExists`] when something has that name (a link never replaces a
/// file; rename a linked temporary over it instead); any other error when the file cannot be
/// linked by descriptor (no `/proc`, and no right to `AT_EMPTY_PATH`), in which case the
/// caller copies the content into a named temporary.
pub fn link_unnamed(file: &File, at: BorrowedFd<'_>, name: &Path) -> io::Result<()> {
    let by_name = format!("/proc/self/fd/{}", file.as_raw_fd());
    match rustix::fs::linkat(
        rustix::fs::CWD,
        by_name.as_str(),
        at,
        name,
        AtFlags::SYMLINK_FOLLOW,
    ) {
        Err(e) if e != Errno::EXIST => {
            Ok(rustix::fs::linkat(file, "", at, name, AtFlags::EMPTY_PATH)?)
        }
        done => Ok(done?),
    }
}
