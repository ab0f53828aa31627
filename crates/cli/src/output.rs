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

/// Refuses an `--out` that names one of the command's input files, before anything is read:
/// the result would overwrite the input. The same file under any name counts (`./x.json`, a
/// link to it): compared by real path, and on Unix by device and inode, so a hard link too. An
/// `--out` that does not exist yet is no input.
pub(crate) fn refuse_out_over_input<'a>(
    out: Option<&Path>,
    inputs: impl IntoIterator<Item = &'a Path>,
) -> TaskResult {
    let Some(out) = out else {
        return Ok(());
    };
    let Some(written) = identity(out) else {
        return Ok(());
    };
    for input in inputs {
        if identity(input).as_ref() == Some(&written) {
            return Err(format!(
                "--out {} is the input file {}: the result would overwrite it; write the result to another file",
                out.display(),
                input.display()
            )
            .into());
        }
    }
    Ok(())
}

/// What makes two paths the same file, if `path` exists.
fn identity(path: &Path) -> Option<(u64, u64, std::path::PathBuf)> {
    let real = path.canonicalize().ok()?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        let meta = std::fs::metadata(&real).ok()?;
        Some((meta.dev(), meta.ino(), std::path::PathBuf::new()))
    }
    #[cfg(not(unix))]
    {
        Some((0, 0, real))
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_out_that_names_an_input_is_refused_under_any_name() {
        let dir = tempfile::tempdir().unwrap();
        let input = dir.path().join("net.json");
        std::fs::write(&input, "{}").unwrap();
        let other = dir.path().join("result.json");
        assert!(refuse_out_over_input(Some(&other), [input.as_path()]).is_ok());
        assert!(refuse_out_over_input(None, [input.as_path()]).is_ok());
        let mut names = vec![input.clone(), dir.path().join(".").join("net.json")];
        #[cfg(unix)]
        {
            std::fs::hard_link(&input, dir.path().join("hard.json")).unwrap();
            std::os::unix::fs::symlink(&input, dir.path().join("soft.json")).unwrap();
            names.push(dir.path().join("hard.json"));
            names.push(dir.path().join("soft.json"));
        }
        for name in names {
            let err = refuse_out_over_input(Some(&name), [input.as_path()]).unwrap_err();
            assert!(
                err.to_string().contains("the result would overwrite it"),
                "{err}"
            );
        }
    }
}
