//! Physical line numbers, as an editor shows them, for byte offsets that parsers report.
//!
//! A line ends at `\n`, `\r\n` or a lone `\r` (old Mac files, and what some exports still
//! write); a line break inside a quoted field counts too, because the editor shows it.

/// The 1-based line holding byte `offset` of `bytes` (the line after the last one when `offset`
/// is the length).
pub(crate) fn line_at(bytes: &[u8], offset: usize) -> u64 {
    breaks(
        &bytes[..offset.min(bytes.len())],
        bytes.get(offset).copied(),
    ) + 1
}

/// The number of line breaks in `bytes`; `next` is the byte after them, so that a `\r` at the
/// end followed by `\n` counts once, at the `\n`.
fn breaks(bytes: &[u8], next: Option<u8>) -> u64 {
    // Between two records of a table there is usually one short line with one break, at its
    // end: jumping from break to break is faster there than looking at every byte, and than
    // counting over the whole stretch twice, which pays off on long stretches.
    if bytes.len() < 256 {
        let mut count = 0;
        let mut from = 0;
        while let Some(i) = memchr::memchr2(b'\n', b'\r', &bytes[from..]) {
            let at = from + i;
            if bytes[at] == b'\n' || bytes.get(at + 1).copied().or(next) != Some(b'\n') {
                count += 1;
            }
            from = at + 1;
        }
        return count;
    }
    // Every `\n`, counted fast, and every `\r` not followed by one (rare: none in a table,
    // whose reader turns lone `\r`s into `\n`s).
    let newlines = memchr::memchr_iter(b'\n', bytes).count() as u64;
    let lone_cr = memchr::memchr_iter(b'\r', bytes)
        .filter(|&i| bytes.get(i + 1).copied().or(next) != Some(b'\n'))
        .count() as u64;
    newlines + lone_cr
}

/// Turns the byte offsets of records, which come in file order, into the lines they start on,
/// walking forward from the previous record instead of counting from the start each time.
#[derive(Debug, Default)]
pub(crate) struct LineCursor {
    /// A byte offset already counted up to, and the 1-based line it is on.
    offset: usize,
    line: u64,
}

impl LineCursor {
    /// The 1-based line of the record the CSV parser reports at byte `offset`.
    ///
    /// The parser reports the byte just after the previous record's terminator, which can be
    /// the `\n` of a `\r\n`, and can precede blank lines and (when `comments` is on) `#` comment
    /// lines that it skips; those are passed over to reach the line the record starts on.
    pub(crate) fn record_line(&mut self, bytes: &[u8], offset: usize, comments: bool) -> u64 {
        let offset = offset.min(bytes.len());
        self.walk_to(bytes, offset);
        self.skip_to_record(bytes, offset, comments)
    }

    /// [`LineCursor::record_line`] when the parser has counted the line of `offset` itself:
    /// `counted` is one more than the number of `\n` before `offset`, which is the line of
    /// `offset` in text without lone `\r`s (the table reader's text). Nothing between two
    /// records is walked again; debug builds check the count against the walk.
    pub(crate) fn record_line_counted(
        &mut self,
        bytes: &[u8],
        offset: usize,
        counted: u64,
        comments: bool,
    ) -> u64 {
        let offset = offset.min(bytes.len());
        #[cfg(debug_assertions)]
        {
            self.walk_to(bytes, offset);
            debug_assert_eq!(self.line, counted, "line of byte {offset}");
        }
        self.offset = offset;
        self.line = counted;
        self.skip_to_record(bytes, offset, comments)
    }

    /// Counts the line breaks from the last offset to `offset`.
    fn walk_to(&mut self, bytes: &[u8], offset: usize) {
        if self.line == 0 || offset < self.offset {
            self.offset = 0;
            self.line = 1;
        }
        self.line += breaks(&bytes[self.offset..offset], bytes.get(offset).copied());
        self.offset = offset;
    }

    /// The line of the first byte from `offset` on that is not a line break, a blank line or
    /// (with `comments`) a comment line; the cursor stays at `offset`.
    fn skip_to_record(&self, bytes: &[u8], offset: usize, comments: bool) -> u64 {
        let mut at = offset;
        let mut line = self.line;
        let mut line_start = at == 0 || matches!(bytes[at - 1], b'\n' | b'\r');
        while let Some(&b) = bytes.get(at) {
            match b {
                b'\n' => {
                    line += 1;
                    at += 1;
                    line_start = true;
                }
                b'\r' => {
                    if bytes.get(at + 1) != Some(&b'\n') {
                        line += 1;
                    }
                    at += 1;
                    line_start = true;
                }
                b'#' if comments && line_start => {
                    while bytes.get(at).is_some_and(|&c| c != b'\n' && c != b'\r') {
                        at += 1;
                    }
                }
                _ => break,
            }
        }
        line
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_line_ending_counts_once() {
        for (text, expected) in [
            ("a\nb\nc", 3),
            ("a\r\nb\r\nc", 3),
            ("a\rb\rc", 3),
            ("a\r\n\rb\nc", 4),
        ] {
            let last = text.rfind('c').unwrap();
            assert_eq!(line_at(text.as_bytes(), last), expected, "{text:?}");
        }
    }

    #[test]
    fn long_and_short_stretches_count_the_same() {
        for unit in ["a\n", "a\r\n", "a\r", "\r\n\r", "x"] {
            for n in [0, 1, 10, 100, 300] {
                let text = unit.repeat(n);
                let slow = text
                    .bytes()
                    .enumerate()
                    .filter(|&(i, b)| {
                        b == b'\n' || (b == b'\r' && text.as_bytes().get(i + 1) != Some(&b'\n'))
                    })
                    .count() as u64;
                assert_eq!(breaks(text.as_bytes(), None), slow, "{unit:?} x {n}");
            }
        }
    }

    #[test]
    fn records_skip_blank_and_comment_lines() {
        let text = b"h\r\n\r\n# note\r\nx\n";
        let mut cursor = LineCursor::default();
        // After the header's \r, the parser can report the \n.
        assert_eq!(cursor.record_line(text, 2, true), 4);
        let mut cursor = LineCursor::default();
        assert_eq!(cursor.record_line(text, 3, false), 3);
    }
}
