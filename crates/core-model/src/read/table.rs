//! The CSV table reader every Dostyk CSV reader is built on.
//!
//! A [`Layout`] declares a file's columns (required or optional, with aliases) and its
//! conventions (separator, `#` comments); [`Table::new`] checks the header against it and
//! [`Table::next_row`] yields [`Row`]s whose cells are looked up by column name. Everything a
//! spreadsheet export gets wrong is caught here, once, with the same messages for every file:
//!
//! - a byte-order mark is dropped; line numbers are physical lines as an editor shows them
//!   (`\n`, `\r\n` or a lone `\r` end a line; blank and comment lines count);
//! - a header that is one cell holding `;`, a tab or `|` means the file was saved with another
//!   separator, and the message names it;
//! - header names are matched ignoring case and surrounding spaces; a name given twice and a
//!   required column missing are refused with the whole layout in the message;
//! - quoted fields may hold separators, quotes (`""`) and line breaks; a quote never closed is
//!   named as such instead of as a short record;
//! - cells are trimmed; an absent optional column reads as an empty cell.
//!
//! ```
//! use dostyk_core_model::read::{Column, Layout, Table};
//!
//! const LAYOUT: Layout = Layout::new(&[
//!     Column::required("period"),
//!     Column::required("value").aliases(&["amount"]),
//!     Column::optional("note"),
//! ]);
//! let text = "\u{feff}Period,Amount\n2024,4.97\n";
//! let mut table = Table::new(text, "turnover.csv", &LAYOUT)?;
//! let row = table.next_row().expect("one row")?;
//! assert_eq!((row.get("period"), row.get("value"), row.get("note")), ("2024", "4.97", ""));
//! assert_eq!(row.line(), 2);
//! let value: f64 = row.parse("value", "a number")?;
//! assert_eq!(value, 4.97);
//! # Ok::<(), dostyk_core_model::read::ReadError>(())
//! ```

use std::borrow::Cow;
use std::io::Cursor;
use std::path::{Path, PathBuf};
use std::str::FromStr;

use csv::StringRecord;

use super::error::{Location, ReadError};
use super::lines::LineCursor;

/// One column of a [`Layout`]: its name, the other names a file may give it, and whether it
/// must be there.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Column {
    name: &'static str,
    aliases: &'static [&'static str],
    required: bool,
}

impl Column {
    /// A column the header must name.
    pub const fn required(name: &'static str) -> Self {
        Self {
            name,
            aliases: &[],
            required: true,
        }
    }

    /// A column the header may name; absent, its cells read as empty.
    pub const fn optional(name: &'static str) -> Self {
        Self {
            name,
            aliases: &[],
            required: false,
        }
    }

    /// The same column, also found under the header names `aliases` (matched like the name).
    #[must_use]
    pub const fn aliases(mut self, aliases: &'static [&'static str]) -> Self {
        self.aliases = aliases;
        self
    }

    /// The column's name, as errors and [`Row::get`] use it.
    pub const fn name(&self) -> &'static str {
        self.name
    }

    /// Whether the header must name it.
    pub const fn is_required(&self) -> bool {
        self.required
    }

    fn matches(&self, header: &str) -> bool {
        header.eq_ignore_ascii_case(self.name)
            || self.aliases.iter().any(|a| header.eq_ignore_ascii_case(a))
    }
}

/// The columns of a CSV file and its conventions. Usually a `const` beside its reader.
#[derive(Debug, Clone, Copy)]
pub struct Layout {
    columns: &'static [Column],
    separator: u8,
    comments: bool,
}

impl Layout {
    /// Comma-separated, no comment lines, the given columns.
    pub const fn new(columns: &'static [Column]) -> Self {
        Self {
            columns,
            separator: b',',
            comments: false,
        }
    }

    /// The same layout with lines starting with `#` taken as comments (skipped, but counted
    /// in line numbers).
    #[must_use]
    pub const fn with_comments(mut self) -> Self {
        self.comments = true;
        self
    }

    /// The same layout with another separator (`b'\t'` for tab-separated files).
    #[must_use]
    pub const fn with_separator(mut self, separator: u8) -> Self {
        self.separator = separator;
        self
    }

    /// The columns.
    pub const fn columns(&self) -> &'static [Column] {
        self.columns
    }

    /// The header the layout asks for, as errors show it: `a, b, c (optional: note)`.
    pub fn describe(&self) -> String {
        let names = |required: bool| {
            self.columns
                .iter()
                .filter(|c| c.required == required)
                .map(|c| c.name)
                .collect::<Vec<_>>()
                .join(", ")
        };
        match (names(true), names(false)) {
            (required, optional) if optional.is_empty() => required,
            (required, optional) => format!("{required} (optional: {optional})"),
        }
    }
}

/// A CSV table being read: the header checked against a [`Layout`], then its rows in order.
pub struct Table<'t> {
    file: PathBuf,
    layout: Layout,
    /// For each column of the layout, its position in the header, if there.
    positions: Vec<Option<usize>>,
    /// The reader over the text, in which every lone `\r` is a `\n` (the same length, so
    /// offsets stay those of the file): the CSV parser's comment lines end only at `\n`.
    reader: csv::Reader<Cursor<Cow<'t, [u8]>>>,
    record: StringRecord,
    lines: LineCursor,
    header_line: u64,
    /// The header's names, trimmed, in file order.
    header: Vec<String>,
}

impl std::fmt::Debug for Table<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Table")
            .field("file", &self.file)
            .field("layout", &self.layout)
            .field("positions", &self.positions)
            .finish_non_exhaustive()
    }
}

impl<'t> Table<'t> {
    /// Reads the header of `text` and checks it against `layout`; `file` names the input in
    /// errors.
    pub fn new(text: &'t str, file: impl AsRef<Path>, layout: &Layout) -> Result<Self, ReadError> {
        let file = file.as_ref().to_path_buf();
        let text = text.strip_prefix('\u{feff}').unwrap_or(text).as_bytes();
        let lone_cr = memchr::memchr_iter(b'\r', text).any(|i| text.get(i + 1) != Some(&b'\n'));
        let text = if lone_cr {
            let mut owned = text.to_vec();
            for i in 0..owned.len() {
                if owned[i] == b'\r' && owned.get(i + 1) != Some(&b'\n') {
                    owned[i] = b'\n';
                }
            }
            Cow::Owned(owned)
        } else {
            Cow::Borrowed(text)
        };
        let reader = csv::ReaderBuilder::new()
            .has_headers(true)
            .flexible(false)
            .delimiter(layout.separator)
            .comment(layout.comments.then_some(b'#'))
            .from_reader(Cursor::new(text));
        let mut table = Self {
            file,
            layout: *layout,
            positions: Vec::new(),
            reader,
            record: StringRecord::new(),
            lines: LineCursor::default(),
            header_line: 1,
            header: Vec::new(),
        };
        let header = match table.reader.headers() {
            Ok(header) => header.clone(),
            Err(e) => return Err(table.csv_error(&e)),
        };
        table.header_line = table.lines.record_line(
            table.reader.get_ref().get_ref(),
            header
                .position()
                .map_or(0, |p| usize::try_from(p.byte()).unwrap_or(usize::MAX)),
            layout.comments,
        );
        table.check_header(&header)?;
        table.header = header.iter().map(|h| h.trim().to_owned()).collect();
        Ok(table)
    }

    fn check_header(&mut self, header: &StringRecord) -> Result<(), ReadError> {
        let at = Location::file(&self.file).line(self.header_line);
        let names: Vec<&str> = header.iter().map(str::trim).collect();
        if let [only] = names.as_slice()
            && let Some(found) = [b';', b'\t', b'|', b',']
                .into_iter()
                .filter(|&s| s != self.layout.separator)
                .find(|&s| only.as_bytes().contains(&s))
        {
            return Err(ReadError::invalid(
                at,
                format!(
                    "the columns are separated by {}, not {}; save the file as {} (the header must name {})",
                    separator_name(found),
                    separator_name(self.layout.separator),
                    separator_file(self.layout.separator),
                    self.layout.describe()
                ),
            ));
        }
        let mut twice: Vec<String> = Vec::new();
        for (i, name) in names.iter().enumerate() {
            let lower = name.to_ascii_lowercase();
            if !name.is_empty()
                && names[..i].iter().any(|n| n.eq_ignore_ascii_case(name))
                && !twice.contains(&lower)
            {
                twice.push(lower);
            }
        }
        if !twice.is_empty() {
            return Err(ReadError::invalid(
                at,
                format!(
                    "column(s) {} appear more than once in the header; keep one of each",
                    twice.join(", ")
                ),
            ));
        }
        self.positions = self
            .layout
            .columns
            .iter()
            .map(|c| names.iter().position(|h| c.matches(h)))
            .collect();
        let missing: Vec<&str> = self
            .layout
            .columns
            .iter()
            .zip(&self.positions)
            .filter(|(c, p)| c.required && p.is_none())
            .map(|(c, _)| c.name)
            .collect();
        if missing.is_empty() {
            Ok(())
        } else {
            Err(ReadError::invalid(
                at,
                format!(
                    "the header has no column {}; it must name {}",
                    missing
                        .iter()
                        .map(|m| format!("\"{m}\""))
                        .collect::<Vec<_>>()
                        .join(", "),
                    self.layout.describe()
                ),
            ))
        }
    }

    /// The names of the header, trimmed, in file order: for files whose columns are only known
    /// when they are read (a pywr `dataframe` names its own columns), read with an empty
    /// [`Layout`] and [`Row::cell`].
    pub fn header(&self) -> &[String] {
        &self.header
    }

    /// The 1-based line of the header.
    pub fn header_line(&self) -> u64 {
        self.header_line
    }

    /// The file, as named in errors.
    pub fn file(&self) -> &Path {
        &self.file
    }

    /// Whether the header names column `name` (of the layout).
    pub fn has(&self, name: &str) -> bool {
        self.index_of(name)
            .is_some_and(|i| self.positions[i].is_some())
    }

    /// The next data row, `None` at the end.
    #[allow(clippy::should_implement_trait)] // a row borrows the table: not an `Iterator`
    pub fn next_row(&mut self) -> Option<Result<Row<'_, 't>, ReadError>> {
        match self.reader.read_record(&mut self.record) {
            Ok(true) => {}
            Ok(false) => return None,
            Err(e) => return Some(Err(self.csv_error(&e))),
        }
        let bytes: &[u8] = self.reader.get_ref().get_ref();
        let line = match self.record.position() {
            // The parser counts the `\n`s it reads, and the text has no lone `\r`, so its
            // count is the physical line of the record's offset.
            Some(p) => self.lines.record_line_counted(
                bytes,
                usize::try_from(p.byte()).unwrap_or(usize::MAX),
                p.line(),
                self.layout.comments,
            ),
            None => self.lines.record_line(bytes, 0, self.layout.comments),
        };
        Some(Ok(Row { table: self, line }))
    }

    /// An upper bound of the number of data rows (the number of line breaks), to reserve for.
    pub fn row_capacity(&self) -> usize {
        let bytes: &[u8] = self.reader.get_ref().get_ref();
        memchr::memchr_iter(b'\n', bytes).count()
    }

    /// The place of `field` on `line` of this table, for errors found after a row was read
    /// (a key repeated from an earlier row, say).
    pub fn location(&self, line: u64) -> Location {
        Location::file(&self.file).line(line)
    }

    fn index_of(&self, name: &str) -> Option<usize> {
        // Callers pass the layout's own `&'static str` names, so the pointer usually matches
        // and the text need not be compared.
        self.layout
            .columns
            .iter()
            .position(|c| std::ptr::eq(c.name, name))
            .or_else(|| self.layout.columns.iter().position(|c| c.name == name))
    }

    /// The one mapping from the CSV parser's errors to [`ReadError`].
    fn csv_error(&mut self, e: &csv::Error) -> ReadError {
        let byte = e
            .position()
            .map_or(0, |p| usize::try_from(p.byte()).unwrap_or(usize::MAX));
        let bytes: &[u8] = self.reader.get_ref().get_ref();
        let line = self.lines.record_line(bytes, byte, self.layout.comments);
        let at = Location::file(&self.file).line(line);
        let rest = bytes.get(byte..).unwrap_or(&[]);
        let problem = match e.kind() {
            _ if memchr::memchr_iter(b'"', rest).count() % 2 == 1 => {
                "a quoted field opened on this line is never closed; expected a closing '\"' (a '\"' inside a quoted field is written '\"\"')".to_owned()
            }
            csv::ErrorKind::UnequalLengths {
                expected_len, len, ..
            } => format!(
                "the row has {len} field(s) but the header has {expected_len}; give the row one field per header column (quote a field that holds a '{}')",
                char::from(self.layout.separator).escape_default()
            ),
            csv::ErrorKind::Utf8 { .. } => {
                "the row is not valid UTF-8; save the file as UTF-8".to_owned()
            }
            _ => format!("not well-formed CSV: {e}"),
        };
        ReadError::syntax(at, problem)
    }
}

/// `cell` without surrounding white space, as [`str::trim`] (Unicode white space); a cell that
/// starts and ends with a visible ASCII character, as nearly every cell does, is returned
/// without walking it.
fn trim(cell: &str) -> &str {
    match cell.as_bytes() {
        [first, .., last] if first.is_ascii_graphic() && last.is_ascii_graphic() => cell,
        _ => cell.trim(),
    }
}

fn separator_name(separator: u8) -> String {
    match separator {
        b'\t' => "tabs".to_owned(),
        other => format!("'{}'", char::from(other)),
    }
}

fn separator_file(separator: u8) -> &'static str {
    match separator {
        b',' => "comma-separated CSV",
        b'\t' => "tab-separated text",
        _ => "the separator this file kind uses",
    }
}

/// One data row of a [`Table`], with its line; cells are looked up by column name.
#[derive(Debug)]
pub struct Row<'a, 't> {
    table: &'a Table<'t>,
    line: u64,
}

impl Row<'_, '_> {
    /// The 1-based line the row starts on.
    pub fn line(&self) -> u64 {
        self.line
    }

    /// The trimmed cell of column `name` (a column of the layout); empty when an optional
    /// column is absent.
    ///
    /// # Panics
    ///
    /// When `name` is not a column of the layout: that is a mistake in the reader, not in the
    /// file.
    pub fn get(&self, name: &str) -> &str {
        let Some(index) = self.table.index_of(name) else {
            panic!(
                "column {name:?} is not in the layout of {}",
                self.table.file.display()
            )
        };
        self.table.positions[index]
            .and_then(|p| self.table.record.get(p))
            .map_or("", trim)
    }

    /// The trimmed cell of the layout's column number `index` (its position in the
    /// [`Layout`]'s list): the same as [`Row::get`] with that column's name, without looking the
    /// name up, for readers of many columns and rows. Empty when an optional column is absent.
    ///
    /// # Panics
    ///
    /// When the layout has no column `index`: a mistake in the reader, not in the file.
    pub fn column(&self, index: usize) -> &str {
        self.table.positions[index]
            .and_then(|p| self.table.record.get(p))
            .map_or("", trim)
    }

    /// The trimmed cell at position `index` of the header (see [`Table::header`]); empty past
    /// the end (a row has as many cells as the header, or the table refused it).
    pub fn cell(&self, index: usize) -> &str {
        self.table.record.get(index).map_or("", trim)
    }

    /// The cell of column `name`, or `None` when it is empty or absent.
    pub fn optional(&self, name: &str) -> Option<&str> {
        Some(self.get(name)).filter(|s| !s.is_empty())
    }

    /// The place of column `field` on this row.
    pub fn location(&self, field: &str) -> Location {
        self.table.location(self.line).field(field)
    }

    /// The error for the cell of `field` on this row, quoting the cell: `found "…"; expected
    /// {expected}`.
    pub fn value_error(&self, field: &str, expected: impl Into<String>) -> ReadError {
        ReadError::value(self.location(field), self.get(field), expected)
    }

    /// The error for the cell of `field` on this row, in words of the reader's own.
    pub fn invalid(&self, field: &str, problem: impl Into<String>) -> ReadError {
        ReadError::invalid(self.location(field), problem)
    }

    /// The cell of `field` read with `parse`; on failure the error says `expected`.
    pub fn parse_with<T>(
        &self,
        field: &str,
        expected: &str,
        parse: impl FnOnce(&str) -> Option<T>,
    ) -> Result<T, ReadError> {
        parse(self.get(field)).ok_or_else(|| self.value_error(field, expected))
    }

    /// The cell of `field` read with [`FromStr`]; on failure the error says `expected`.
    pub fn parse<T: FromStr>(&self, field: &str, expected: &str) -> Result<T, ReadError> {
        self.parse_with(field, expected, |t| t.parse().ok())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fmt::Write as _;

    const LAYOUT: Layout = Layout::new(&[
        Column::required("a"),
        Column::required("b").aliases(&["bee"]),
        Column::optional("note"),
    ]);

    fn rows(text: &str, layout: &Layout) -> Result<Vec<(String, u64)>, ReadError> {
        let mut t = Table::new(text, "t.csv", layout)?;
        let mut out = Vec::new();
        while let Some(row) = t.next_row() {
            let row = row?;
            out.push((row.get("a").to_owned(), row.line()));
        }
        Ok(out)
    }

    #[test]
    fn columns_are_found_by_name_alias_and_case_in_any_order() {
        let mut t = Table::new("\u{feff} BEE ,A,extra\n2,1,x\n", "t.csv", &LAYOUT).unwrap();
        let row = t.next_row().unwrap().unwrap();
        assert_eq!(
            (row.get("a"), row.get("b"), row.get("note")),
            ("1", "2", "")
        );
        assert_eq!(row.optional("note"), None);
        assert_eq!(
            row.value_error("a", "a letter").to_string(),
            "t.csv, line 2, field \"a\": found \"1\"; expected a letter"
        );
        assert!(t.next_row().is_none());
    }

    #[test]
    fn header_faults_name_the_layout() {
        let e = |text| Table::new(text, "t.csv", &LAYOUT).unwrap_err().to_string();
        assert_eq!(
            e("a,c\n"),
            "t.csv, line 1: the header has no column \"b\"; it must name a, b (optional: note)"
        );
        assert_eq!(
            e("a;b\n1;2\n"),
            "t.csv, line 1: the columns are separated by ';', not ','; save the file as comma-separated CSV (the header must name a, b (optional: note))"
        );
        assert!(e("a\tb\n").contains("separated by tabs, not ','"));
        assert_eq!(
            e("a,b,A\n"),
            "t.csv, line 1: column(s) a appear more than once in the header; keep one of each"
        );
    }

    #[test]
    fn cells_are_trimmed_as_str_trim_does() {
        for cell in [
            "",
            "a",
            " ",
            "ab",
            " a",
            "a ",
            "\ta\r",
            "a b",
            "\u{a0}a",
            "a\u{a0}",
            "\u{3000}ab",
            "é",
            "aé",
            "éa",
            "a\u{2003}",
            "\u{1c}a\u{1f}",
            "\u{b}a\u{c}",
            "a\u{85}",
        ] {
            assert_eq!(trim(cell), cell.trim(), "{cell:?}");
        }
    }

    proptest::proptest! {
        #[test]
        fn any_cell_is_trimmed_as_str_trim_does(cell in "\\PC{0,6}|[ \t\u{a0}\u{3000}a-c]{0,6}") {
            proptest::prop_assert_eq!(trim(&cell), cell.trim());
        }
    }

    #[test]
    fn ragged_rows_and_open_quotes_name_their_line() {
        let e = rows("a,b\n1,2\n1,2,3\n", &LAYOUT).unwrap_err().to_string();
        assert_eq!(
            e,
            "t.csv, line 3: the row has 3 field(s) but the header has 2; give the row one field per header column (quote a field that holds a ',')"
        );
        let e = rows("a,b\n1,2\n\"3,4\n5,6\n", &LAYOUT)
            .unwrap_err()
            .to_string();
        assert!(
            e.starts_with("t.csv, line 3: a quoted field opened on this line is never closed"),
            "{e}"
        );
    }

    #[test]
    fn line_endings_of_every_kind_keep_editor_lines() {
        for end in ["\n", "\r\n", "\r"] {
            let text = ["a,b", "1,x", "", "2,\"multi", "line\"", "3,y", ""].join(end);
            let got = rows(&text, &LAYOUT).unwrap();
            assert_eq!(
                got,
                vec![("1".into(), 2), ("2".into(), 4), ("3".into(), 6)],
                "{end:?}"
            );
        }
    }

    #[test]
    fn comments_count_as_lines_when_the_layout_has_them() {
        let text = "# about\na,b\n1,2\n# between\n\n3,4\n";
        let got = rows(text, &LAYOUT.with_comments()).unwrap();
        assert_eq!(got, vec![("1".into(), 3), ("3".into(), 6)]);
        let e = Table::new("# about\na,c\n", "t.csv", &LAYOUT.with_comments()).unwrap_err();
        assert_eq!(e.location().line_number(), Some(2));
    }

    #[test]
    fn a_layout_without_columns_reads_any_header_by_position() {
        const ANY: Layout = Layout::new(&[]);
        let text = "date, flow\r\n2024-01-01,1.5\r\n\r\n2024-01-02,2\r\n";
        let mut t = Table::new(text, "df.csv", &ANY).unwrap();
        assert_eq!(t.header(), ["date", "flow"]);
        assert_eq!(t.header_line(), 1);
        let row = t.next_row().unwrap().unwrap();
        let cells = (row.cell(0), row.cell(1), row.cell(2), row.line());
        assert_eq!(cells, ("2024-01-01", "1.5", "", 2));
        let row = t.next_row().unwrap().unwrap();
        assert_eq!((row.cell(0), row.line()), ("2024-01-02", 4));
    }

    #[test]
    fn a_tab_separated_layout_names_commas() {
        let tsv = LAYOUT.with_separator(b'\t');
        assert_eq!(rows("a\tb\n1\t2\n", &tsv).unwrap(), vec![("1".into(), 2)]);
        let e = Table::new("a,b\n", "t.tsv", &tsv).unwrap_err().to_string();
        assert!(
            e.contains("separated by ',', not tabs; save the file as tab-separated text"),
            "{e}"
        );
    }

    proptest::proptest! {
        #[test]
        fn rows_carry_the_editor_line(
            kinds in proptest::collection::vec(0u8..4, 0..40),
            end in proptest::sample::select(vec!["\n", "\r\n", "\r"]),
        ) {
            let mut text = format!("a,b{end}");
            let mut expected = Vec::new();
            let mut line = 2;
            for (i, kind) in kinds.iter().enumerate() {
                match kind {
                    0 => { write!(text, "{i},x{end}").unwrap(); expected.push((i.to_string(), line)); line += 1; }
                    1 => { write!(text, "{i},\"two{end}lines\"{end}").unwrap(); expected.push((i.to_string(), line)); line += 2; }
                    2 => { write!(text, "# note {i}{end}").unwrap(); line += 1; }
                    _ => { text += end; line += 1; }
                }
            }
            let got = rows(&text, &LAYOUT.with_comments()).unwrap();
            proptest::prop_assert_eq!(got, expected);
        }

        #[test]
        fn any_text_is_read_or_refused_without_panic(text in "\\PC{0,200}") {
            let _ = rows(&text, &LAYOUT);
            let _ = rows(&text, &LAYOUT.with_comments().with_separator(b'\t'));
        }
    }
}
