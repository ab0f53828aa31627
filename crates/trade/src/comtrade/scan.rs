//! The row scanner: splits CSV or TSV text into rows and fields without copying.
//!
//! Rows end at a line end outside quotes: `\r\n`, `\n` or a lone `\r` (old Mac and some
//! spreadsheet exports), each counted as one line, as an editor counts them. A row is at most
//! [`MAX_ROW_BYTES`] long; a longer one is refused as soon as the limit is passed, without
//! reading the rest of it. Fields are separated by one delimiter byte; a field that starts with `"` runs to the matching `"` and may hold delimiters,
//! newlines and doubled quotes `""` (RFC 4180). Fields are split lazily, left to right, so a
//! reader that rejects a row after its key columns never scans the rest of the row.

use std::io::BufRead;

use memchr::{memchr, memchr2};

/// The longest row the scanner holds: 1 MiB. A Comtrade row is a few hundred bytes (the longest
/// commodity descriptions make it about 2 KB); a longer one is a file without line ends (a
/// stream of zeros, a binary file) or a quote that is never closed, and holding it would take
/// memory without bound.
pub const MAX_ROW_BYTES: usize = 1 << 20;

/// A span of a field inside the current row.
#[derive(Debug, Clone, Copy)]
struct Span {
    start: u32,
    end: u32,
    /// The field was quoted and holds a doubled quote that [`RowScanner::text`] must undo.
    escaped: bool,
}

/// Reads rows from a buffered input and splits them into fields on demand.
pub(crate) struct RowScanner<R> {
    input: R,
    delimiter: u8,
    row: Vec<u8>,
    spans: Vec<Span>,
    /// Where splitting resumes in `row`; `None` once the last field has been split.
    cursor: Option<usize>,
    /// Line number of the first physical line of the current row.
    line: u64,
    /// Line number the next row will start on.
    next_line: u64,
    /// Set when a quoted field is malformed; reported once by the caller.
    malformed: Option<usize>,
    /// Bytes taken from `input` so far.
    consumed: u64,
    /// [`RowScanner::next_row`] ends the input at the first row boundary at or past this many
    /// bytes (used to read one byte range of a file).
    limit: u64,
}

impl<R: BufRead> RowScanner<R> {
    pub(crate) fn new(input: R, delimiter: u8) -> Self {
        Self {
            input,
            delimiter,
            row: Vec::with_capacity(1024),
            spans: Vec::with_capacity(64),
            cursor: None,
            line: 0,
            next_line: 1,
            malformed: None,
            consumed: 0,
            limit: u64::MAX,
        }
    }

    /// Numbers lines from `first` on (the input starts on that line of its file), and ends the
    /// input at the first row that starts `limit` bytes or more into it.
    pub(crate) fn starting_at(mut self, first: u64, limit: u64) -> Self {
        self.next_line = first;
        self.limit = limit;
        self
    }

    /// Bytes taken from the input so far: after [`RowScanner::next_row`], where the next row
    /// starts.
    pub(crate) fn consumed(&self) -> u64 {
        self.consumed
    }

    /// The line the next row starts on.
    pub(crate) fn next_line(&self) -> u64 {
        self.next_line
    }

    pub(crate) fn set_delimiter(&mut self, delimiter: u8) {
        self.delimiter = delimiter;
        self.reset_fields();
    }

    fn reset_fields(&mut self) {
        self.spans.clear();
        self.cursor = Some(0);
        self.malformed = None;
    }

    /// Reads the next non-blank row: [`RowStatus::End`] at the end of the input,
    /// [`RowStatus::UnclosedQuote`] when a quoted field is still open there, and
    /// [`RowStatus::TooLong`] as soon as the row passes [`MAX_ROW_BYTES`]. A row that would
    /// start at or past the limit ([`RowScanner::starting_at`]) is not read: the input ends.
    pub(crate) fn next_row(&mut self) -> std::io::Result<RowStatus> {
        loop {
            if self.consumed >= self.limit {
                return Ok(RowStatus::End);
            }
            self.row.clear();
            self.line = self.next_line;
            match self.read_line()? {
                LineRead::End => return Ok(RowStatus::End),
                LineRead::TooLong => return Ok(RowStatus::TooLong { in_quotes: false }),
                LineRead::Line => {}
            }
            self.next_line += 1;
            // A row continues while a quoted field is open: an odd number of quotes so far.
            let mut quotes = count_quotes(&self.row);
            while quotes % 2 == 1 {
                let before = self.row.len();
                match self.read_line()? {
                    LineRead::End => return Ok(RowStatus::UnclosedQuote),
                    LineRead::TooLong => return Ok(RowStatus::TooLong { in_quotes: true }),
                    LineRead::Line => {}
                }
                self.next_line += 1;
                quotes += count_quotes(&self.row[before..]);
            }
            while matches!(self.row.last(), Some(b'\n' | b'\r')) {
                self.row.pop();
            }
            if self.row.is_empty() {
                continue;
            }
            self.reset_fields();
            return Ok(RowStatus::Row);
        }
    }

    /// Appends one physical line to `row`, with its line end (`\n`, `\r\n` or `\r`), never
    /// letting `row` grow past [`MAX_ROW_BYTES`].
    fn read_line(&mut self) -> std::io::Result<LineRead> {
        let start = self.row.len();
        loop {
            let buf = self.input.fill_buf()?;
            if buf.is_empty() {
                return Ok(if self.row.len() > start {
                    LineRead::Line
                } else {
                    LineRead::End
                });
            }
            let (take, end) = match memchr2(b'\n', b'\r', buf) {
                Some(i) => (i + 1, Some(buf[i])),
                None => (buf.len(), None),
            };
            if self.row.len() + take > MAX_ROW_BYTES {
                return Ok(LineRead::TooLong);
            }
            self.row.extend_from_slice(&buf[..take]);
            self.input.consume(take);
            self.consumed += take as u64;
            match end {
                None => {}
                Some(b'\r') => {
                    // `\r\n` is one line end, even when the buffer ends between the two.
                    if self.input.fill_buf()?.first() == Some(&b'\n') {
                        self.row.push(b'\n');
                        self.input.consume(1);
                        self.consumed += 1;
                    }
                    return Ok(LineRead::Line);
                }
                Some(_) => return Ok(LineRead::Line),
            }
        }
    }

    /// The line number of the current row (1-based).
    pub(crate) fn line(&self) -> u64 {
        self.line
    }

    /// The raw bytes of the current row (for sniffing the header).
    pub(crate) fn row_bytes(&self) -> &[u8] {
        &self.row
    }

    /// Removes a UTF-8 byte-order mark from the start of the current row.
    pub(crate) fn strip_bom(&mut self) {
        if self.row.starts_with(&[0xEF, 0xBB, 0xBF]) {
            self.row.drain(..3);
            self.reset_fields();
        }
    }

    /// Splits fields until field `index` is known or the row ends.
    fn split_to(&mut self, index: usize) {
        while self.spans.len() <= index {
            let Some(pos) = self.cursor else { return };
            let bytes = &self.row;
            if bytes.get(pos) == Some(&b'"') {
                // Quoted field: find the closing quote that is not doubled.
                let mut i = pos + 1;
                let mut escaped = false;
                loop {
                    let Some(off) = memchr(b'"', &bytes[i..]) else {
                        self.malformed.get_or_insert(self.spans.len());
                        self.spans.push(Span {
                            start: (pos + 1) as u32,
                            end: bytes.len() as u32,
                            escaped,
                        });
                        self.cursor = None;
                        break;
                    };
                    let q = i + off;
                    if bytes.get(q + 1) == Some(&b'"') {
                        escaped = true;
                        i = q + 2;
                        continue;
                    }
                    self.spans.push(Span {
                        start: (pos + 1) as u32,
                        end: q as u32,
                        escaped,
                    });
                    let after = q + 1;
                    if after >= bytes.len() {
                        self.cursor = None;
                    } else if bytes[after] == self.delimiter {
                        self.cursor = Some(after + 1);
                    } else {
                        self.malformed.get_or_insert(self.spans.len() - 1);
                        // Resynchronise at the next delimiter.
                        self.cursor =
                            memchr(self.delimiter, &bytes[after..]).map(|d| after + d + 1);
                    }
                    break;
                }
            } else {
                let end = match memchr2(self.delimiter, b'"', &bytes[pos..]) {
                    Some(off) if bytes[pos + off] == self.delimiter => pos + off,
                    Some(off) => {
                        // A quote inside an unquoted field: keep it, find the delimiter.
                        let q = pos + off;
                        memchr(self.delimiter, &bytes[q..]).map_or(bytes.len(), |d| q + d)
                    }
                    None => bytes.len(),
                };
                self.spans.push(Span {
                    start: pos as u32,
                    end: end as u32,
                    escaped: false,
                });
                self.cursor = if end < bytes.len() {
                    Some(end + 1)
                } else {
                    None
                };
            }
        }
    }

    /// The bytes of field `index` (without its surrounding quotes; a doubled quote inside is
    /// left doubled), or `None` when the row has fewer fields.
    pub(crate) fn field(&mut self, index: usize) -> Option<&[u8]> {
        self.split_to(index);
        let span = *self.spans.get(index)?;
        Some(&self.row[span.start as usize..span.end as usize])
    }

    /// The text of field `index` with doubled quotes undone; invalid UTF-8 is replaced.
    pub(crate) fn text(&mut self, index: usize) -> Option<String> {
        self.split_to(index);
        let span = *self.spans.get(index)?;
        let raw = String::from_utf8_lossy(&self.row[span.start as usize..span.end as usize]);
        Some(if span.escaped {
            raw.replace("\"\"", "\"")
        } else {
            raw.into_owned()
        })
    }

    /// Splits the whole row and returns the number of fields.
    pub(crate) fn field_count(&mut self) -> usize {
        self.split_to(usize::MAX - 1);
        self.spans.len()
    }

    /// The index of the first malformed quoted field split so far.
    pub(crate) fn malformed(&self) -> Option<usize> {
        self.malformed
    }
}

/// What [`RowScanner::next_row`] found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum RowStatus {
    /// A row is ready.
    Row,
    /// The input ended.
    End,
    /// The input ended inside a quoted field.
    UnclosedQuote,
    /// The row passed [`MAX_ROW_BYTES`]; the scanner stopped there and reads no further.
    TooLong {
        /// A quoted field was open when the limit was passed (likely a quote never closed).
        in_quotes: bool,
    },
}

/// What [`RowScanner::read_line`] found.
enum LineRead {
    Line,
    End,
    TooLong,
}

fn count_quotes(bytes: &[u8]) -> usize {
    if memchr(b'"', bytes).is_none() {
        0
    } else {
        memchr::memchr_iter(b'"', bytes).count()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(text: &str, delimiter: u8) -> Vec<Vec<String>> {
        let mut s = RowScanner::new(text.as_bytes(), delimiter);
        let mut out = Vec::new();
        while s.next_row().unwrap() == RowStatus::Row {
            let n = s.field_count();
            out.push((0..n).map(|i| s.text(i).unwrap()).collect());
        }
        out
    }

    #[test]
    fn splits_quoted_fields_with_delimiters_newlines_and_doubled_quotes() {
        let r = rows(
            "a,b,c\r\n\"Korea, Rep.\",\"line1\nline2\",\"say \"\"hi\"\"\"\n\n1,,3\n",
            b',',
        );
        assert_eq!(r.len(), 3);
        assert_eq!(r[1], vec!["Korea, Rep.", "line1\nline2", "say \"hi\""]);
        assert_eq!(r[2], vec!["1", "", "3"]);
    }

    #[test]
    fn tabs_and_trailing_empty_field() {
        let r = rows("x\ty\t\n", b'\t');
        assert_eq!(r[0], vec!["x", "y", ""]);
    }

    #[test]
    fn line_numbers_count_physical_lines() {
        let mut s = RowScanner::new("h\n\"a\nb\"\nc\n".as_bytes(), b',');
        assert_eq!(s.next_row().unwrap(), RowStatus::Row);
        assert_eq!(s.line(), 1);
        assert_eq!(s.next_row().unwrap(), RowStatus::Row);
        assert_eq!(s.line(), 2);
        assert_eq!(s.next_row().unwrap(), RowStatus::Row);
        assert_eq!(s.line(), 4);
        assert_eq!(s.next_row().unwrap(), RowStatus::End);
    }

    #[test]
    fn unclosed_quote_is_reported() {
        let mut s = RowScanner::new("h\n\"abc\n".as_bytes(), b',');
        assert_eq!(s.next_row().unwrap(), RowStatus::Row);
        assert_eq!(s.next_row().unwrap(), RowStatus::UnclosedQuote);
    }

    #[test]
    fn text_after_closing_quote_is_malformed() {
        let mut s = RowScanner::new("\"ab\"c,d\n".as_bytes(), b',');
        assert_eq!(s.next_row().unwrap(), RowStatus::Row);
        assert_eq!(s.field_count(), 2);
        assert_eq!(s.malformed(), Some(0));
    }

    #[test]
    fn cr_only_and_crlf_line_ends_are_rows_counted_as_editors_count_them() {
        for text in [
            "h\ra\r\"q\rq\"\rb\r",
            "h\r\na\r\n\"q\r\nq\"\r\nb\r\n",
            "h\na\r\"q\nq\"\r\nb",
        ] {
            // A one-byte buffer splits every `\r\n` across two reads.
            for capacity in [1, 3, 1024] {
                let input = std::io::BufReader::with_capacity(capacity, text.as_bytes());
                let mut s = RowScanner::new(input, b',');
                let mut seen = Vec::new();
                while s.next_row().unwrap() == RowStatus::Row {
                    seen.push((s.line(), s.field(0).unwrap().to_vec()));
                }
                let lines: Vec<u64> = seen.iter().map(|(l, _)| *l).collect();
                assert_eq!(
                    lines,
                    vec![1, 2, 3, 5],
                    "{text:?} with a buffer of {capacity}"
                );
                assert_eq!(seen[0].1, b"h");
                assert_eq!(seen[3].1, b"b");
            }
        }
    }

    #[test]
    fn a_row_over_the_limit_stops_the_scan_at_the_limit() {
        // An endless input without line ends: the scanner must stop, not fill memory.
        let input = std::io::BufReader::new(std::io::repeat(0));
        let mut s = RowScanner::new(input, b',');
        assert_eq!(
            s.next_row().unwrap(),
            RowStatus::TooLong { in_quotes: false }
        );
        assert!(s.row_bytes().len() <= MAX_ROW_BYTES);
        assert_eq!(s.line(), 1);

        // A quote never closed: the row runs over many lines until the limit.
        let mut text = String::from("h\n\"open\n");
        while text.len() <= MAX_ROW_BYTES + 10 {
            text.push_str("more text\n");
        }
        let mut s = RowScanner::new(text.as_bytes(), b',');
        assert_eq!(s.next_row().unwrap(), RowStatus::Row);
        assert_eq!(
            s.next_row().unwrap(),
            RowStatus::TooLong { in_quotes: true }
        );
        assert_eq!(s.line(), 2);
    }

    #[test]
    fn a_row_of_exactly_the_limit_is_read() {
        let mut text = vec![b'x'; MAX_ROW_BYTES - 1];
        text.push(b'\n');
        text.extend_from_slice(b"y\n");
        let mut s = RowScanner::new(text.as_slice(), b',');
        assert_eq!(s.next_row().unwrap(), RowStatus::Row);
        assert_eq!(s.row_bytes().len(), MAX_ROW_BYTES - 1);
        assert_eq!(s.next_row().unwrap(), RowStatus::Row);
        assert_eq!(s.line(), 2);
    }
}
