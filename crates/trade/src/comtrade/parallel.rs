//! Parsing one plain file on several threads, rows handed on in file order.
//!
//! The bytes after the header are cut into ranges of [`CHUNK`] bytes. A worker thread parses
//! the rows that start in a range: it reads (positional reads, so the threads share one
//! handle) from the first line start in the range and stops at the first row boundary at or
//! past the range's end, so a row that crosses the end is read whole by the range it starts
//! in.
//!
//! Where a row starts is known for sure only by reading from the top: RFC 4180 lets a quoted
//! field hold line ends, and those are not row ends. So a worker guesses that the first line
//! start of its range is a row start, and the merger (the thread iterating the reader) checks
//! the guess: the range before, parsed from a known row start, must have stopped exactly
//! there. When it did not (the range begins inside a quoted field that holds a line end), or
//! when the worker met an error, the merger parses that range again itself from the known
//! start, numbering lines as the file does. Lines counted by a worker from its start are
//! shifted by the lines before it. The rows, their lines, the filtered count and the first
//! error are therefore those of the sequential reader at any thread count and range size.
//!
//! Memory stays bounded: a worker holds the rows of one range, with one more range of rows
//! waiting to be taken, and reads through a buffer of [`BUFFER`] bytes.

use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::num::NonZeroUsize;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, sync_channel};
use std::thread::JoinHandle;

use dostyk_core_model::read::ReadError;

use super::reader::{FileSetup, Row, RowParser};
use super::scan::RowScanner;
use crate::error::{Result, TradeError};

/// The size of the byte ranges parsed by one thread at a time: 1 MiB, about 4,000 rows of a
/// Comtrade API CSV.
pub(crate) const CHUNK: u64 = 1 << 20;

/// A worker's read buffer.
const BUFFER: usize = 1 << 17;

/// The threads to parse with: as asked, else one per available core.
pub(super) fn thread_count(requested: Option<NonZeroUsize>) -> usize {
    requested
        .or_else(|| std::thread::available_parallelism().ok())
        .map_or(1, NonZeroUsize::get)
}

/// What the workers and the merger share.
struct Shared {
    file: File,
    setup: Arc<FileSetup>,
    /// Where the first row after the header starts, and its line.
    data_start: u64,
    first_line: u64,
    chunk: u64,
    chunks: u64,
}

impl Shared {
    /// The byte range of chunk `j`; the last one runs to the end of the file, however long it
    /// has grown.
    fn range(&self, j: u64) -> (u64, u64) {
        let lo = self.data_start + j * self.chunk;
        let hi = if j + 1 >= self.chunks {
            u64::MAX
        } else {
            lo + self.chunk
        };
        (lo, hi)
    }

    /// Parses the rows that start in range `j`: from `known` (a row start for sure, and its
    /// line), or else from the first line start in the range, numbering its line 1.
    fn parse(&self, j: u64, known: Option<(u64, u64)>) -> Parsed {
        let (lo, hi) = self.range(j);
        let (mut start, first_line) = known.unwrap_or((lo - 1, 1));
        let mut input = BufReader::with_capacity(
            BUFFER,
            At {
                file: &self.file,
                pos: start,
                end: hi,
            },
        );
        if known.is_none() {
            match skip_line(&mut input) {
                Ok(n) => start += n,
                Err(e) => return Parsed::failed(start, ReadError::io(&*self.setup.file, e)),
            }
        }
        let scanner = RowScanner::new(input, self.setup.delimiter)
            .starting_at(first_line, hi.saturating_sub(start));
        let mut parser = RowParser::new(scanner, Arc::clone(&self.setup));
        let mut rows = Vec::new();
        let error = loop {
            match parser.read_row() {
                Ok(Some(row)) => rows.push((parser.filtered, row)),
                Ok(None) => break None,
                Err(e) => break Some(e),
            }
        };
        Parsed {
            start,
            first_line,
            end: start + parser.scanner.consumed(),
            lines: parser.scanner.next_line() - first_line,
            rows,
            filtered: parser.filtered,
            error,
        }
    }
}

/// The rows of one range.
struct Parsed {
    /// Where its first row starts (guessed, or known), and the line it was numbered.
    start: u64,
    first_line: u64,
    /// Where the row after its last one starts.
    end: u64,
    /// Lines from `start` to `end`.
    lines: u64,
    /// Each row, with the rows of the range filtered out before it.
    rows: Vec<(u64, Row)>,
    /// Rows of the range filtered out.
    filtered: u64,
    /// The error that ended the range early.
    error: Option<TradeError>,
}

impl Parsed {
    fn failed(start: u64, error: ReadError) -> Self {
        Self {
            start,
            first_line: 1,
            end: start,
            lines: 0,
            rows: Vec::new(),
            filtered: 0,
            error: Some(error.into()),
        }
    }
}

/// Rows of a plain file parsed by worker threads, range by range, handed on in file order.
pub(crate) struct ChunkedRows {
    shared: Arc<Shared>,
    /// Worker `w` sends the ranges `w`, `w + n`, `w + 2n`… of `n` workers, in order; `None` when
    /// the thread could not be started (the merger parses its ranges).
    results: Vec<Option<Receiver<Parsed>>>,
    workers: Vec<JoinHandle<()>>,
    stop: Arc<AtomicBool>,
    /// The next range to take.
    next: u64,
    /// Where the next range's first row starts for sure, and its line.
    pos: u64,
    line: u64,
    /// The rows of the current range, the lines to add to theirs, its error.
    rows: std::vec::IntoIter<(u64, Row)>,
    line_shift: u64,
    error: Option<TradeError>,
    /// Rows filtered out before the current range, so far, and with the whole current range.
    filtered_before: u64,
    filtered: u64,
    filtered_through: u64,
}

impl ChunkedRows {
    /// Starts `threads` workers on the rows of `file` after its header (which ends `data_start`
    /// bytes in, before line `first_line`); `None` when the file is too short to be worth
    /// splitting into ranges of `chunk` bytes or the platform has no positional reads.
    pub(super) fn start(
        file: File,
        setup: &Arc<FileSetup>,
        data_start: u64,
        first_line: u64,
        threads: usize,
        chunk: u64,
    ) -> Option<Self> {
        if !cfg!(any(unix, windows)) || threads < 2 || chunk == 0 {
            return None;
        }
        let len = file.metadata().ok()?.len();
        let data = len.checked_sub(data_start)?;
        if data <= chunk {
            return None;
        }
        let chunks = data.div_ceil(chunk);
        let shared = Arc::new(Shared {
            file,
            setup: Arc::clone(setup),
            data_start,
            first_line,
            chunk,
            chunks,
        });
        let slots = u64::try_from(threads).unwrap_or(u64::MAX).min(chunks);
        let stop = Arc::new(AtomicBool::new(false));
        let mut results = Vec::new();
        let mut workers = Vec::new();
        for w in 0..slots {
            let (send, receive) = sync_channel(1);
            let shared = Arc::clone(&shared);
            let stop = Arc::clone(&stop);
            let spawned = std::thread::Builder::new()
                .name(format!("comtrade-{w}"))
                .spawn(move || {
                    let mut j = w;
                    while j < shared.chunks && !stop.load(Ordering::Relaxed) {
                        let known = (j == 0).then_some((shared.data_start, shared.first_line));
                        if send.send(shared.parse(j, known)).is_err() {
                            break;
                        }
                        j += slots;
                    }
                });
            match spawned {
                Ok(handle) => {
                    workers.push(handle);
                    results.push(Some(receive));
                }
                Err(_) => results.push(None),
            }
        }
        Some(Self {
            results,
            workers,
            stop,
            next: 0,
            pos: shared.data_start,
            line: shared.first_line,
            shared,
            rows: Vec::new().into_iter(),
            line_shift: 0,
            error: None,
            filtered_before: 0,
            filtered: 0,
            filtered_through: 0,
        })
    }

    /// Rows passed over by the reporter/partner filter so far.
    pub(super) fn filtered_out(&self) -> u64 {
        self.filtered
    }

    /// The next row in file order, or the first error.
    pub(super) fn next_row(&mut self) -> Result<Option<Row>> {
        loop {
            if let Some((filtered, mut row)) = self.rows.next() {
                self.filtered = self.filtered_before + filtered;
                let origin = match &mut row {
                    Row::Flow(flow) => &mut flow.origin,
                    Row::Skipped(skipped) => &mut skipped.origin,
                };
                origin.line += self.line_shift;
                return Ok(Some(row));
            }
            self.filtered = self.filtered_through;
            if let Some(e) = self.error.take() {
                return Err(e);
            }
            if self.next >= self.shared.chunks {
                return Ok(None);
            }
            let j = self.next;
            self.next += 1;
            let slots = self.results.len() as u64;
            let guessed = usize::try_from(j % slots)
                .ok()
                .and_then(|w| self.results.get(w))
                .and_then(Option::as_ref)
                .and_then(|r| r.recv().ok());
            let parsed = match guessed {
                Some(p) if p.start == self.pos && p.error.is_none() => p,
                _ => self.shared.parse(j, Some((self.pos, self.line))),
            };
            let shift = self.line - parsed.first_line;
            self.pos = parsed.end;
            self.line += parsed.lines;
            self.line_shift = shift;
            self.filtered_before = self.filtered;
            self.filtered_through = self.filtered + parsed.filtered;
            self.error = parsed.error;
            self.rows = parsed.rows.into_iter();
        }
    }
}

impl Drop for ChunkedRows {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        // A worker waiting to hand over a range sees its receiver gone and ends.
        self.results.clear();
        for worker in self.workers.drain(..) {
            // A worker that panicked has nothing left to clean up.
            let _ = worker.join();
        }
    }
}

/// Consumes one line with its line end (`\n`, `\r\n` or `\r`); returns the bytes consumed.
fn skip_line(input: &mut impl BufRead) -> io::Result<u64> {
    let mut consumed = 0;
    loop {
        let buf = input.fill_buf()?;
        if buf.is_empty() {
            return Ok(consumed);
        }
        let Some(i) = memchr::memchr2(b'\n', b'\r', buf) else {
            let n = buf.len();
            input.consume(n);
            consumed += n as u64;
            continue;
        };
        let cr = buf[i] == b'\r';
        input.consume(i + 1);
        consumed += i as u64 + 1;
        if cr && input.fill_buf()?.first() == Some(&b'\n') {
            input.consume(1);
            consumed += 1;
        }
        return Ok(consumed);
    }
}

/// Reads a file from a byte offset on without moving a shared file position.
struct At<'a> {
    file: &'a File,
    pos: u64,
    /// The end of the range: reads stop there, and past it (the last row of a range) go on in
    /// small steps, so a range reads little of the next one.
    end: u64,
}

/// The step of reads past the end of a range.
const TAIL: u64 = 4096;

impl Read for At<'_> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let room = match self.end.checked_sub(self.pos) {
            Some(0) | None => TAIL,
            Some(left) => left,
        };
        let len = buf.len().min(usize::try_from(room).unwrap_or(usize::MAX));
        let n = read_at(self.file, &mut buf[..len], self.pos)?;
        self.pos += n as u64;
        Ok(n)
    }
}

#[cfg(unix)]
fn read_at(file: &File, buf: &mut [u8], offset: u64) -> io::Result<usize> {
    std::os::unix::fs::FileExt::read_at(file, buf, offset)
}

#[cfg(windows)]
fn read_at(file: &File, buf: &mut [u8], offset: u64) -> io::Result<usize> {
    std::os::windows::fs::FileExt::seek_read(file, buf, offset)
}

#[cfg(not(any(unix, windows)))]
fn read_at(_: &File, _: &mut [u8], _: u64) -> io::Result<usize> {
    // `ChunkedRows::start` refuses these platforms; the file is read on one thread.
    Err(io::Error::from(io::ErrorKind::Unsupported))
}

#[cfg(test)]
mod tests {
    use std::fmt::Write as _;
    use std::path::Path;

    use proptest::prelude::*;

    use super::*;
    use crate::aggregate::Aggregator;
    use crate::area::M49Area;
    use crate::comtrade::{ComtradeReader, ReadOptions};

    const HEADER: &str = "reporterCode,partnerCode,flowCode,period,cmdCode,cmdDesc,primaryValue";

    fn options(threads: usize, filter: bool) -> ReadOptions {
        ReadOptions {
            reporters: if filter {
                vec![M49Area::from_m49(398)]
            } else {
                Vec::new()
            },
            threads: NonZeroUsize::new(threads),
            ..ReadOptions::default()
        }
    }

    /// Every item the reader gives, with the filtered count after it, as text; the summary
    /// of the rows when they are all good.
    fn read(path: &Path, threads: usize, chunk: u64, filter: bool) -> (Vec<String>, String) {
        let mut reader = match ComtradeReader::open_in_chunks(path, options(threads, filter), chunk)
        {
            Ok(r) => r,
            Err(e) => return (vec![format!("open: {e}")], String::new()),
        };
        let size = std::fs::metadata(path).unwrap().len();
        if threads > 1 && size > 2 * chunk + HEADER.len() as u64 + 8 {
            assert!(reader.is_parallel(), "{size} bytes in chunks of {chunk}");
        }
        let mut items = Vec::new();
        let mut agg = Aggregator::new();
        let mut summary = String::new();
        while let Some(item) = reader.next() {
            let filtered = reader.filtered_out();
            match item {
                Ok(row) => {
                    items.push(format!("{row:?} / {filtered}"));
                    if let Err(e) = agg.add_row(row) {
                        summary = format!("aggregate: {e}");
                    }
                }
                Err(e) => items.push(format!("error: {e} / {filtered}")),
            }
        }
        items.push(format!("end / {}", reader.filtered_out()));
        if summary.is_empty() {
            summary = format!("{:?}", crate::summary::summarize(&agg));
        }
        (items, summary)
    }

    type Reading = (Vec<String>, String);

    /// The first difference between two readings, if any.
    fn difference(a: &Reading, b: &Reading) -> Option<String> {
        let items = a.0.iter().zip(&b.0).position(|(x, y)| x != y);
        match items {
            Some(i) => Some(format!("item {i}:\n  {}\n  {}", a.0[i], b.0[i])),
            None if a.0.len() != b.0.len() => {
                Some(format!("{} items, {} items", a.0.len(), b.0.len()))
            }
            None if a.1 != b.1 => Some(format!("summaries:\n  {}\n  {}", a.1, b.1)),
            None => None,
        }
    }

    fn write(text: &[u8]) -> tempfile::NamedTempFile {
        let mut f = tempfile::NamedTempFile::new().unwrap();
        std::io::Write::write_all(&mut f, text).unwrap();
        f
    }

    /// Reads `text` on one thread and on 2 to 4 threads in ranges of every size from 1 byte to
    /// past the file's length; every reading must give the same items.
    fn same_at_every_chunk_size(text: &[u8]) {
        let f = write(text);
        for filter in [false, true] {
            let one = read(f.path(), 1, CHUNK, filter);
            for chunk in 1..=text.len() as u64 + 1 {
                for threads in [2, 3, 4] {
                    let many = read(f.path(), threads, chunk, filter);
                    if let Some(d) = difference(&many, &one) {
                        panic!(
                            "{threads} threads, chunks of {chunk} bytes, filter {filter}, {:?}: {d}",
                            String::from_utf8_lossy(text)
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn a_range_that_starts_inside_a_quoted_field_is_parsed_again_from_the_row_start() {
        let text = format!(
            "{HEADER}\n398,860,X,2022,01,\"two\nlines, and a comma\",10\n398,860,M,2022,01,\"a\n\nb\n\",20\n860,398,X,2022,02,plain,30\n398,860,X,2022,02,\"\"\"quoted\"\"\nend\",40\n"
        );
        same_at_every_chunk_size(text.as_bytes());
    }

    #[test]
    fn crlf_cr_bom_blank_lines_and_a_last_line_without_line_end() {
        let text = format!(
            "\u{feff}{HEADER}\r\n398,860,X,2022,01,a,10\r\n\r\n398,860,M,2022,01,\"x\r\ny\",20\r860,398,X,2022,02,b,30\n\n398,860,M,2023,02,c,40"
        );
        same_at_every_chunk_size(text.as_bytes());
    }

    #[test]
    fn the_first_error_is_the_sequential_readers_with_its_line() {
        let text = format!(
            "{HEADER}\n398,860,X,2022,01,a,10\n398,860,M,2022,01,\"b\nc\",20\n398,860,X,2022,02,d,x30\n398,860,M,2022,03,e,-1\n"
        );
        same_at_every_chunk_size(text.as_bytes());
        let f = write(text.as_bytes());
        let (items, _) = read(f.path(), 3, 7, false);
        assert!(
            items[2].contains("line 5") && items[2].contains("primaryValue"),
            "{items:?}"
        );
        // An unclosed quote and a row over the limit, in a later range.
        same_at_every_chunk_size(
            format!("{HEADER}\n398,860,X,2022,01,a,10\n398,860,X,2022,01,\"open,10\n").as_bytes(),
        );
    }

    #[test]
    fn a_large_file_is_split_and_every_row_keeps_its_line() {
        let mut text = format!("{HEADER}\n");
        for i in 0..30_000u32 {
            let _ = writeln!(
                text,
                "398,860,{},{},{:06},\"goods, kind {i}\",{}",
                if i % 2 == 0 { "X" } else { "M" },
                2000 + i % 20,
                10_000 + i,
                i + 1
            );
        }
        let f = write(text.as_bytes());
        let one = read(f.path(), 1, CHUNK, false);
        for threads in [2, 4] {
            let many = read(f.path(), threads, 64 << 10, false);
            assert_eq!(difference(&many, &one), None);
        }
        assert!(one.0[29_999].contains("line: 30001"), "{}", one.0[29_999]);
    }

    fn row_text() -> impl Strategy<Value = String> {
        let reporter = prop_oneof![
            8 => Just("398"),
            4 => Just("860"),
            1 => Just("39x"),
        ];
        let desc = prop_oneof![
            6 => Just("plain"),
            2 => Just("\"a, b\""),
            2 => Just("\"two\nlines\""),
            1 => Just("\"cr\r\nlf\""),
            1 => Just("\"say \"\"hi\"\"\""),
            1 => Just("\"\n\""),
        ];
        let value = prop_oneof![10 => Just("12.5"), 1 => Just(""), 1 => Just("-3")];
        let end =
            prop_oneof![6 => Just("\n"), 2 => Just("\r\n"), 1 => Just("\r"), 1 => Just("\n\n")];
        (reporter, 0..2usize, 0..3usize, 0..40u8, desc, value, end).prop_map(
            |(reporter, flow, year, code, desc, value, end)| {
                let partner = if reporter == "398" { "860" } else { "398" };
                format!(
                    "{reporter},{partner},{},{},{:02},{desc},{value}{end}",
                    ["X", "M"][flow],
                    2020 + year,
                    1 + code
                )
            },
        )
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(48))]

        #[test]
        fn parallel_reading_is_sequential_reading(
            rows in prop::collection::vec(row_text(), 0..60),
            bom in any::<bool>(),
            unclosed in any::<bool>(),
            trim_last in any::<bool>(),
            chunk in prop_oneof![1u64..8, 8u64..64, 64u64..4096],
            threads in 2usize..5,
            filter in any::<bool>(),
        ) {
            let mut text = String::new();
            if bom {
                text.push('\u{feff}');
            }
            text.push_str(HEADER);
            text.push('\n');
            for r in &rows {
                text.push_str(r);
            }
            if unclosed {
                text.push_str("398,860,X,2022,01,\"never closed,1\n");
            }
            if trim_last {
                while text.ends_with(['\n', '\r']) {
                    text.pop();
                }
            }
            let f = write(text.as_bytes());
            let one = read(f.path(), 1, CHUNK, filter);
            let many = read(f.path(), threads, chunk, filter);
            prop_assert_eq!(difference(&many, &one), None, "{:?}", text);
        }
    }
}
