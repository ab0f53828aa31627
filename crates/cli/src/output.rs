//! Writing a command's output: to stdout, or to a file through a temporary file and a rename, so a
//! reader never sees half a file.

use std::io::Write;
use std::path::Path;

use crate::TaskResult;

/// Writes `text` to `path` atomically (temporary file in the same folder, then rename), or to
/// stdout when `path` is `None`.
pub(crate) fn emit(text: &str, path: Option<&Path>) -> TaskResult {
    if let Some(path) = path {
        return Ok(crate::atomic_file::write(path, text.as_bytes())?);
    }
    to_stdout(|w| w.write_all(text.as_bytes()))
}

/// Writes to standard output what `fill` writes (buffered). A closed pipe (for example
/// `| head`) ends the output quietly instead of failing.
pub(crate) fn to_stdout(fill: impl FnOnce(&mut dyn Write) -> std::io::Result<()>) -> TaskResult {
    let mut stdout = std::io::BufWriter::new(std::io::stdout().lock());
    match fill(&mut stdout).and_then(|()| stdout.flush()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            Err(format!("cannot write the result to standard output: {e}").into())
        }
        _ => Ok(()),
    }
}

/// Lays rows out as a text table with a header, columns padded to their widest cell; columns
/// whose header starts with a space are right-aligned (numbers).
pub(crate) fn table(header: &[&str], rows: &[Vec<String>]) -> String {
    let mut widths: Vec<usize> = header.iter().map(|h| h.trim().chars().count()).collect();
    for row in rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.chars().count());
        }
    }
    let right: Vec<bool> = header.iter().map(|h| h.starts_with(' ')).collect();
    let mut out = String::new();
    let mut line = |cells: Vec<&str>| {
        let mut parts = Vec::with_capacity(cells.len());
        for (i, cell) in cells.iter().enumerate() {
            let pad = widths[i].saturating_sub(cell.chars().count());
            if right[i] {
                parts.push(format!("{}{cell}", " ".repeat(pad)));
            } else {
                parts.push(format!("{cell}{}", " ".repeat(pad)));
            }
        }
        out.push_str(parts.join("  ").trim_end());
        out.push('\n');
    };
    line(header.iter().map(|h| h.trim()).collect());
    for row in rows {
        line(row.iter().map(String::as_str).collect());
    }
    out
}
