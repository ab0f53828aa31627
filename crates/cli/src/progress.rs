//! Progress lines on standard error, turned off by `--quiet`.

use std::fmt::Display;

/// Where a command reports what it is doing: one line on standard error per step, nothing with
/// `--quiet`. Results never go through here.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Progress {
    quiet: bool,
}

impl Progress {
    /// A reporter that prints unless `quiet`.
    pub(crate) fn new(quiet: bool) -> Self {
        Self { quiet }
    }

    /// Prints `line` on standard error, unless quiet.
    pub(crate) fn line(self, line: impl Display) {
        if !self.quiet {
            eprintln!("{line}");
        }
    }
}
