//! Progress lines and bars on standard error, turned off by `--quiet`.

use std::fmt::Display;
use std::io::{IsTerminal, Write};

/// Characters of a progress bar between its brackets.
const BAR_WIDTH: usize = 30;

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

    /// Shows `done` of `total` steps with `note`: a bar redrawn in place when standard error is a
    /// terminal (ended with a newline at the last step), otherwise one line per step, which
    /// reads well in a log.
    pub(crate) fn bar(self, done: usize, total: usize, note: impl Display) {
        if self.quiet {
            return;
        }
        let text = bar_text(done, total, note);
        let mut err = std::io::stderr().lock();
        // Progress is a courtesy: a closed standard error must not fail the command.
        let _ = if err.is_terminal() {
            let end = if done >= total { "\n" } else { "" };
            write!(err, "\r\x1b[2K{text}{end}")
        } else {
            writeln!(err, "{text}")
        };
        let _ = err.flush();
    }
}

/// `[#######-----------]   7/20  note`: the share of `done` in `total` as a bar of
/// [`BAR_WIDTH`] characters (full when `total` is 0).
fn bar_text(done: usize, total: usize, note: impl Display) -> String {
    // In u128 so that counts near the top of usize cannot overflow the product.
    let filled = (done.min(total) as u128 * BAR_WIDTH as u128)
        .checked_div(total as u128)
        .map_or(BAR_WIDTH, |f| f as usize);
    format!(
        "[{}{}] {done:>4}/{total:<4} {note}",
        "#".repeat(filled),
        "-".repeat(BAR_WIDTH - filled)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bar_fills_with_the_share_done() {
        assert_eq!(
            bar_text(0, 10, "x"),
            format!("[{}]    0/10   x", "-".repeat(BAR_WIDTH))
        );
        assert_eq!(
            bar_text(5, 10, "x"),
            format!("[{}{}]    5/10   x", "#".repeat(15), "-".repeat(15))
        );
        assert_eq!(
            bar_text(12, 10, "x"),
            format!("[{}]   12/10   x", "#".repeat(BAR_WIDTH))
        );
        // Counts near the top of usize fill the bar instead of overflowing.
        assert!(
            bar_text(usize::MAX, usize::MAX, "x")
                .starts_with(&format!("[{}]", "#".repeat(BAR_WIDTH)))
        );
        assert_eq!(
            bar_text(0, 0, "x"),
            format!("[{}]    0/0    x", "#".repeat(BAR_WIDTH))
        );
    }
}
