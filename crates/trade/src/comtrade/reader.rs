//! The streaming Comtrade reader.

use std::io::{BufRead, BufReader, Read};
use std::num::NonZeroUsize;
use std::path::Path;
use std::sync::Arc;

use chrono::Datelike;
use dostyk_core_model::period::Period;
use dostyk_core_model::provenance::SourceId;
use dostyk_core_model::read::{self, Location, ReadError};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::layout::{Columns, Field, Layout};
use super::number::{
    NOT_A_NUMBER, NumberError, OUT_OF_RANGE_AMOUNT, OUT_OF_RANGE_USD, is_null, parse_decimal,
    parse_f64, parse_i64, parse_u64, trim,
};
use super::scan::{MAX_ROW_BYTES, RowScanner, RowStatus};
use crate::area::M49Area;
use crate::error::{Result, TradeError};
use crate::flow::{
    Breakdown, Commodity, FlowCode, HsCode, HsEdition, MAX_VALUE_USD, RowOrigin, TradeFlow,
    TradeQuantity,
};

/// Which breakdown rows the caller wants. By default none: only the totals over second
/// partner (`0`), mode of transport (`0`) and customs procedure (`C00`) are read, and every
/// breakdown row is reported as skipped, so a sum never counts the same trade twice.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct BreakdownRequest {
    /// Keep rows broken down by second partner.
    pub partner2: bool,
    /// Keep rows broken down by mode of transport.
    pub mode_of_transport: bool,
    /// Keep rows broken down by customs procedure.
    pub customs_procedure: bool,
}

impl BreakdownRequest {
    fn admits(self, b: Breakdown) -> bool {
        (b.partner2 == 0 || self.partner2)
            && (b.mode_of_transport == 0 || self.mode_of_transport)
            && (b.customs_procedure == 0 || self.customs_procedure)
    }
}

/// What the reader keeps.
#[derive(Debug, Clone, Default)]
pub struct ReadOptions {
    /// Only rows of these reporters (empty: all). Other rows are passed over right after their
    /// reporter cell is read.
    pub reporters: Vec<M49Area>,
    /// Only rows with these partners (empty: all).
    pub partners: Vec<M49Area>,
    /// Breakdown rows to keep (default: none).
    pub breakdown: BreakdownRequest,
    /// The source id the rows are attributed to; default `comtrade-<file stem>`.
    pub source: Option<SourceId>,
    /// Threads that parse a plain file opened with [`ComtradeReader::open`]; default (`None`):
    /// [`std::thread::available_parallelism`]. One thread reads the file as a stream; more
    /// parse byte ranges of it side by side and hand the rows on in file order, so the rows,
    /// their lines, the filtered count and the first error are the same at any thread count.
    /// Gzip files and [`ComtradeReader::from_reader`] streams are read on one thread.
    pub threads: Option<NonZeroUsize>,
}

/// Why a row was read but not used.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[non_exhaustive]
pub enum SkipReason {
    /// A breakdown row (second partner, mode of transport or customs procedure) while only the
    /// totals were asked for.
    Breakdown {
        /// The breakdown codes of the row.
        partner2: u16,
        /// Mode of transport.
        mode_of_transport: u16,
        /// Customs procedure `Cnn`.
        customs_procedure: u8,
    },
    /// A row at a finer commodity level than the one used for the same reporter, partner,
    /// period and flow (e.g. HS6 rows beside the `TOTAL` row): adding both would count the
    /// trade twice.
    FinerLevel {
        /// The level of the row.
        level: crate::flow::Level,
        /// The level used instead.
        used: crate::flow::Level,
    },
    /// A flow code that is part of another flow (re-exports are part of exports; `DX`, `FM`,
    /// `MIP`… are parts of exports or imports), so it is not added to turnover.
    NotInTurnover {
        /// The flow code.
        flow: String,
    },
    /// A commodity of another classification than HS (SITC, services).
    NotHs {
        /// The commodity code.
        code: String,
    },
    /// An exact repetition of a row already read (same flow, commodity, breakdown and value),
    /// e.g. the same data in two files.
    Duplicate {
        /// Where the first copy was read.
        first: Location,
    },
}

impl std::fmt::Display for SkipReason {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SkipReason::Breakdown {
                partner2,
                mode_of_transport,
                customs_procedure,
            } => write!(
                f,
                "breakdown row (partner2Code {partner2}, motCode {mode_of_transport}, customsCode C{customs_procedure:02}); only totals 0/0/C00 are used unless a breakdown is asked for"
            ),
            SkipReason::FinerLevel { level, used } => write!(
                f,
                "{level} rows are not added: the {used} rows of the same reporter, partner, period and flow are used"
            ),
            SkipReason::NotInTurnover { flow } => write!(
                f,
                "flow {flow} is part of the exports or imports totals; not added to turnover"
            ),
            SkipReason::NotHs { code } => {
                write!(f, "commodity {code} is not TOTAL or an HS code")
            }
            SkipReason::Duplicate { first } => {
                write!(f, "same row already read at {first}")
            }
        }
    }
}

/// A row that was read and not used, with its key and reason.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SkippedRow {
    /// The reporter.
    pub reporter: M49Area,
    /// The partner.
    pub partner: M49Area,
    /// The period.
    pub period: Period,
    /// The flow.
    pub flow: FlowCode,
    /// Why it was not used.
    pub reason: SkipReason,
    /// Where it was read.
    pub origin: RowOrigin,
}

/// One item from the reader: a flow to use, or a row passed over with its reason.
#[derive(Debug, Clone, PartialEq)]
pub enum Row {
    /// A flow.
    Flow(TradeFlow),
    /// A row read but not used.
    Skipped(SkippedRow),
}

/// Streams [`Row`]s from one Comtrade file of any of the three layouts, plain or gzip.
///
/// Memory stays flat: one row is held at a time (a few chunks of rows when a plain file is
/// parsed on several threads, see [`ReadOptions::threads`]). The first bad cell ends the stream
/// with an error naming the file, line and column.
pub struct ComtradeReader {
    rows: Rows,
    setup: Arc<FileSetup>,
    done: bool,
}

/// Where the rows come from: one scanner, or chunks parsed on several threads.
enum Rows {
    Sequential(RowParser<Box<dyn BufRead + Send>>),
    Parallel(super::parallel::ChunkedRows),
}

/// What every row of one file is read with, fixed once its header is read.
#[derive(Debug)]
pub(super) struct FileSetup {
    pub(super) columns: Columns,
    pub(super) file: Arc<Path>,
    pub(super) source: Arc<SourceId>,
    breakdown: BreakdownRequest,
    reporter_codes: Option<Vec<u16>>,
    partner_codes: Option<Vec<u16>>,
    pub(super) delimiter: u8,
    gzip: bool,
}

/// The row logic: splits, checks and converts the rows of one scanner.
pub(super) struct RowParser<R> {
    pub(super) scanner: RowScanner<R>,
    setup: Arc<FileSetup>,
    /// The period cells (year, month, period, refPeriodId, each ended by a 0 byte) of the last
    /// row whose period was read, and that period.
    last_period_key: Vec<u8>,
    last_period: Option<Period>,
    /// A buffer for the current row's period cells.
    period_key: Vec<u8>,
    /// Rows passed over by the reporter/partner filter so far.
    pub(super) filtered: u64,
}

impl std::fmt::Debug for ComtradeReader {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ComtradeReader")
            .field("file", &self.setup.file)
            .field("layout", &self.setup.columns.layout)
            .finish_non_exhaustive()
    }
}

const BUFFER: usize = 1 << 18;

/// See [`MAX_VALUE_USD`].
pub(crate) const TOO_LARGE: &str = "is larger than 10^15 US dollars, about forty times world trade in a year; check the unit (a value in thousands written in dollars?) and the decimal point";

/// Comtrade publishes no negative values, amounts or weights (a flow's direction is its flow
/// code), so a negative number is an edit or a broken export.
const NEGATIVE: &str = "is negative; Comtrade values, quantities and weights are zero or more (the direction of a flow is its flowCode)";

impl ComtradeReader {
    /// Opens a file; gzip is recognised by its magic bytes, the delimiter (tab or comma) from
    /// the header line.
    ///
    /// The path must name a regular file (after following links): a folder, a named pipe or a
    /// device is refused before a byte is read ([`read::open_regular`]), instead of blocking or
    /// never ending. To stream from a pipe on purpose, open it and use
    /// [`ComtradeReader::from_reader`].
    pub fn open(path: impl AsRef<Path>, options: ReadOptions) -> Result<Self> {
        Self::open_in_chunks(path, options, super::parallel::CHUNK)
    }

    /// [`ComtradeReader::open`], parsing on several threads in ranges of `chunk` bytes.
    pub(crate) fn open_in_chunks(
        path: impl AsRef<Path>,
        options: ReadOptions,
        chunk: u64,
    ) -> Result<Self> {
        let path = path.as_ref();
        let file = read::open_regular(path)?;
        let threads = super::parallel::thread_count(options.threads);
        // A second handle for the threads' positional reads; without one the file is read on
        // this thread alone.
        let positional = (threads > 1).then(|| file.try_clone().ok()).flatten();
        let mut reader = Self::from_reader(path, file, options)?;
        if let (Some(positional), Rows::Sequential(parser)) = (positional, &reader.rows)
            && !reader.setup.gzip
            && let Some(chunked) = super::parallel::ChunkedRows::start(
                positional,
                &reader.setup,
                parser.scanner.consumed(),
                parser.scanner.next_line(),
                threads,
                chunk,
            )
        {
            reader.rows = Rows::Parallel(chunked);
        }
        Ok(reader)
    }

    /// Reads from any byte source; `name` is used in messages and as the default source id.
    pub fn from_reader(
        name: impl AsRef<Path>,
        input: impl Read + Send + 'static,
        options: ReadOptions,
    ) -> Result<Self> {
        let name = name.as_ref();
        let io = |source| TradeError::from(ReadError::io(name, source));
        let mut buffered = BufReader::with_capacity(BUFFER, input);
        let gz = buffered.fill_buf().map_err(io)?.starts_with(&[0x1f, 0x8b]);
        let input: Box<dyn BufRead + Send> = if gz {
            Box::new(BufReader::with_capacity(
                BUFFER,
                flate2::bufread::MultiGzDecoder::new(buffered),
            ))
        } else {
            Box::new(buffered)
        };
        let mut scanner = RowScanner::new(input, b',');
        match scanner
            .next_row()
            .map_err(|e| cut_short(name, "the header line", &e, gz))?
        {
            RowStatus::Row => {}
            RowStatus::End => {
                return Err(ReadError::invalid(
                    Location::file(name),
                    "the file is empty; expected a header line naming the columns",
                )
                .into());
            }
            RowStatus::UnclosedQuote => {
                return Err(TradeError::row(
                    name,
                    1,
                    "a quoted column name is never closed; expected a header line of column names",
                ));
            }
            RowStatus::TooLong { in_quotes } => {
                return Err(too_long(name, scanner.line(), in_quotes));
            }
        }
        if let Some(order) = utf16_order(scanner.row_bytes()) {
            return Err(ReadError::Utf16 {
                file: name.to_path_buf(),
                order,
            }
            .into());
        }
        scanner.strip_bom();
        let delimiter = if scanner.row_bytes().contains(&b'\t') {
            b'\t'
        } else {
            b','
        };
        scanner.set_delimiter(delimiter);
        let n = scanner.field_count();
        let header: Vec<String> = (0..n).filter_map(|i| scanner.text(i)).collect();
        let columns = Columns::resolve(&header).map_err(|missing| {
            let problem = match header.as_slice() {
                [only] if only.contains(';') => "the columns are separated by ';', not ','; save the file as comma-separated CSV, or tab-separated as Comtrade bulk files are".to_owned(),
                _ => format!(
                    "the header lacks the columns {}; expected a UN Comtrade API CSV, bulk TSV or legacy CSV header (columns are matched by name, in any order and letter case)",
                    missing.join(", ")
                ),
            };
            TradeError::from(ReadError::invalid(Location::file(name).line(1), problem))
        })?;
        let ReadOptions {
            reporters,
            partners,
            breakdown,
            source,
            threads: _,
        } = options;
        let source = Arc::new(source.unwrap_or_else(|| default_source(name)));
        let setup = Arc::new(FileSetup {
            columns,
            file: Arc::from(name),
            source,
            breakdown,
            reporter_codes: codes(&reporters),
            partner_codes: codes(&partners),
            delimiter,
            gzip: gz,
        });
        Ok(Self {
            rows: Rows::Sequential(RowParser::new(scanner, Arc::clone(&setup))),
            setup,
            done: false,
        })
    }

    /// Whether the rows are parsed on several threads.
    #[cfg(test)]
    pub(crate) fn is_parallel(&self) -> bool {
        matches!(self.rows, Rows::Parallel(_))
    }

    /// The layout recognised from the header.
    pub fn layout(&self) -> Layout {
        self.setup.columns.layout
    }

    /// The source id rows are attributed to.
    pub fn source(&self) -> &SourceId {
        &self.setup.source
    }

    /// Rows passed over by the reporter/partner filter so far.
    pub fn filtered_out(&self) -> u64 {
        match &self.rows {
            Rows::Sequential(parser) => parser.filtered,
            Rows::Parallel(chunked) => chunked.filtered_out(),
        }
    }
}

impl<R: BufRead> RowParser<R> {
    /// A parser of the rows `scanner` reads, with the delimiter of the file's header.
    pub(super) fn new(mut scanner: RowScanner<R>, setup: Arc<FileSetup>) -> Self {
        scanner.set_delimiter(setup.delimiter);
        Self {
            scanner,
            setup,
            last_period_key: Vec::new(),
            last_period: None,
            period_key: Vec::new(),
            filtered: 0,
        }
    }

    fn cell_error(&mut self, index: usize, problem: &str) -> TradeError {
        let line = self.scanner.line();
        let column = self.setup.columns.name(index).to_owned();
        let value = self.scanner.field(index).unwrap_or_default().to_vec();
        TradeError::cell(&self.setup.file, line, &column, &value, problem)
    }

    /// The bytes of a required field, or an error when the row is too short.
    fn required(&mut self, field: Field) -> Result<usize> {
        // Invariant: `Columns::resolve` refuses a header without the required fields.
        let index =
            self.setup.columns.get(field).ok_or_else(|| {
                TradeError::Input(format!("internal: column {field:?} not resolved"))
            })?;
        if self.scanner.field(index).is_none() {
            return Err(self.short_row());
        }
        Ok(index)
    }

    fn short_row(&mut self) -> TradeError {
        let found = self.scanner.field_count();
        TradeError::row(
            &self.setup.file,
            self.scanner.line(),
            format!(
                "the row has {found} field(s) but the header has {}; give the row one value per column (check for a missing delimiter or an unquoted field)",
                self.setup.columns.width()
            ),
        )
    }

    fn area(&mut self, field: Field) -> Result<u16> {
        let i = self.required(field)?;
        let raw = self.scanner.field(i).unwrap_or_default();
        match parse_u64(raw).and_then(|v| u16::try_from(v).ok()) {
            Some(code) if M49Area::from_m49(code).is_known() => Ok(code),
            Some(_) => Err(self.cell_error(
                i,
                "is not a country or area code Comtrade uses (expected a UN M49 code such as 398 for Kazakhstan, or one of Comtrade's own such as 0 for World, 842 for the USA, 899 for Areas nes; if Comtrade has added this code, it is missing from Dostyk's M49 table: add it to data/reference/m49_aggregates.csv in the Dostyk repository and regenerate the tables)",
            )),
            None => Err(self.cell_error(
                i,
                "is not a country or area code (expected the numeric UN M49 code Comtrade uses, such as 398 for Kazakhstan or 0 for World)",
            )),
        }
    }

    fn optional_code(&mut self, field: Field) -> Result<u16> {
        let Some(i) = self.setup.columns.get(field) else {
            return Ok(0);
        };
        let raw = self.scanner.field(i).unwrap_or_default();
        if is_null(raw) {
            return Ok(0);
        }
        match parse_u64(raw) {
            Some(v) if u16::try_from(v).is_ok() => Ok(v as u16),
            _ => Err(self.cell_error(
                i,
                "is not a numeric code (expected digits, 0 for the total)",
            )),
        }
    }

    fn customs(&mut self) -> Result<u8> {
        let Some(i) = self.setup.columns.get(Field::Customs) else {
            return Ok(0);
        };
        let raw = trim(self.scanner.field(i).unwrap_or_default());
        if is_null(raw) {
            return Ok(0);
        }
        let digits = match raw.first() {
            Some(b'C' | b'c') => &raw[1..],
            _ => raw,
        };
        match parse_u64(digits) {
            Some(v) if v <= 99 => Ok(v as u8),
            _ => Err(self.cell_error(
                i,
                "is not a customs procedure code (expected C00 for the total, or C01 to C20)",
            )),
        }
    }

    /// The row's period, checked; rows of a file mostly share their period cells, so the
    /// result for the previous row's cells is reused when they are the same bytes.
    fn period(&mut self) -> Result<Period> {
        let mut key = std::mem::take(&mut self.period_key);
        key.clear();
        for field in [Field::Year, Field::Month, Field::Period, Field::RefPeriodId] {
            if let Some(i) = self.setup.columns.get(field) {
                key.extend_from_slice(self.scanner.field(i).unwrap_or_default());
            }
            key.push(0);
        }
        if let Some(p) = self.last_period
            && key == self.last_period_key
        {
            self.period_key = key;
            return Ok(p);
        }
        let result = self.period_uncached();
        if let Ok(p) = result {
            self.last_period = Some(p);
            self.period_key = std::mem::replace(&mut self.last_period_key, key);
        } else {
            self.period_key = key;
        }
        result
    }

    fn period_uncached(&mut self) -> Result<Period> {
        let year_ix = self.setup.columns.get(Field::Year);
        let month_ix = self.setup.columns.get(Field::Month);
        let period_ix = self.setup.columns.get(Field::Period);
        if let (Some(yi), Some(mi)) = (year_ix, month_ix) {
            let year_raw = self.scanner.field(yi).unwrap_or_default();
            let year = parse_u64(year_raw);
            let month_raw = self.scanner.field(mi).unwrap_or_default();
            if !is_null(month_raw) {
                let month = parse_u64(month_raw);
                let Some(year) = year else {
                    return Err(self.cell_error(yi, "is not a year (expected four digits)"));
                };
                let period = match month {
                    Some(52) => Period::year(year as i32)
                        .map_err(|e| self.cell_error(yi, &format!("is not a valid year: {e}")))?,
                    Some(m @ 1..=12) => Period::month(year as i32, m as u32)
                        .map_err(|e| self.cell_error(yi, &format!("is not a valid year: {e}")))?,
                    _ => {
                        return Err(self.cell_error(
                            mi,
                            "is not a reference month (expected 1 to 12, or 52 for a whole year)",
                        ));
                    }
                };
                if let Some(pi) = period_ix {
                    let raw = trim(self.scanner.field(pi).unwrap_or_default());
                    if !is_null(raw) && period_code(period) != parse_u64(raw) {
                        return Err(self.cell_error(
                            pi,
                            &format!(
                                "does not agree with refYear and refMonth, which give {}; expected {} (check that the row was not edited by hand)",
                                period,
                                period_code(period).unwrap_or_default()
                            ),
                        ));
                    }
                }
                return self.check_ref_period_id(period).map(|()| period);
            }
        }
        if let Some(pi) = period_ix {
            let raw = trim(self.scanner.field(pi).unwrap_or_default());
            let parsed = match (raw.len(), parse_u64(raw)) {
                (4, Some(y)) => Period::year(y as i32).ok(),
                (6, Some(ym)) => Period::month((ym / 100) as i32, (ym % 100) as u32).ok(),
                _ => None,
            };
            let period = parsed.ok_or_else(|| {
                self.cell_error(
                    pi,
                    "is not a Comtrade period (expected YYYY for a year or YYYYMM for a month, such as 2023 or 202311)",
                )
            })?;
            return self.check_ref_period_id(period).map(|()| period);
        }
        let yi = self.required(Field::Year)?;
        let raw = self.scanner.field(yi).unwrap_or_default();
        match parse_u64(raw).and_then(|y| Period::year(y as i32).ok()) {
            Some(p) => Ok(p),
            None => Err(self.cell_error(yi, "is not a year (expected four digits)")),
        }
    }

    /// `refPeriodId`, when the file has it, must be the first day of the period
    /// (`YYYYMMDD`): a row whose period columns disagree is refused rather than guessed.
    fn check_ref_period_id(&mut self, period: Period) -> Result<()> {
        let Some(ri) = self.setup.columns.get(Field::RefPeriodId) else {
            return Ok(());
        };
        let raw = trim(self.scanner.field(ri).unwrap_or_default());
        if is_null(raw) {
            return Ok(());
        }
        let first_day = period.first_day();
        let expected = u64::try_from(first_day.year()).unwrap_or_default() * 10_000
            + u64::from(first_day.month()) * 100
            + u64::from(first_day.day());
        if parse_u64(raw) == Some(expected) {
            return Ok(());
        }
        Err(self.cell_error(
            ri,
            &format!(
                "is not the first day of the row's period {period}; expected {expected} (YYYYMMDD)"
            ),
        ))
    }

    fn commodity(&mut self) -> Result<Commodity> {
        // Classification as up to four ASCII bytes (H0…H6, HS, S3, EB02); no allocation.
        let mut class = [0u8; 8];
        let mut class_len = 0;
        if let Some(ci) = self.setup.columns.get(Field::Classification) {
            let raw = trim(self.scanner.field(ci).unwrap_or_default());
            class_len = raw.len().min(class.len());
            class[..class_len].copy_from_slice(&raw[..class_len]);
            class[..class_len].make_ascii_uppercase();
        }
        let class = &class[..class_len];
        let ci = self.required(Field::Commodity)?;
        let code = trim(self.scanner.field(ci).unwrap_or_default());
        if code.eq_ignore_ascii_case(b"TOTAL") {
            return Ok(Commodity::Total);
        }
        let edition = std::str::from_utf8(class)
            .ok()
            .and_then(HsEdition::from_classification);
        let is_hs = class.is_empty() || class == b"HS" || edition.is_some();
        if !is_hs {
            let classification = self
                .setup
                .columns
                .get(Field::Classification)
                .and_then(|i| self.scanner.text(i))
                .map(|t| t.trim().to_owned())
                .unwrap_or_default();
            let code = self.scanner.text(ci).unwrap_or_default().trim().to_owned();
            return Ok(Commodity::Other {
                code,
                classification,
            });
        }
        match std::str::from_utf8(code).ok().and_then(HsCode::parse) {
            Some(hs) => Ok(Commodity::Hs { code: hs, edition }),
            None => Err(self.cell_error(
                ci,
                "is not a commodity code (expected TOTAL or an HS code of 2, 4 or 6 digits with its leading zeros, such as 01 or 271121)",
            )),
        }
    }

    fn optional_decimal(&mut self, field: Field, what: &str) -> Result<Option<Decimal>> {
        let Some(i) = self.setup.columns.get(field) else {
            return Ok(None);
        };
        let raw = self.scanner.field(i).unwrap_or_default();
        if is_null(raw) {
            return Ok(None);
        }
        match parse_decimal(raw) {
            Ok(v) if v.is_sign_negative() && !v.is_zero() => {
                Err(self.cell_error(i, &format!("{NEGATIVE}; {what}")))
            }
            Ok(v) if v > MAX_VALUE_USD => Err(self.cell_error(i, &format!("{TOO_LARGE}; {what}"))),
            Ok(v) => Ok(Some(v)),
            Err(NumberError::OutOfRange) => {
                Err(self.cell_error(i, &format!("{OUT_OF_RANGE_USD}; {what}")))
            }
            Err(NumberError::NotANumber) => {
                Err(self.cell_error(i, &format!("{NOT_A_NUMBER}; {what}")))
            }
        }
    }

    fn optional_f64(&mut self, field: Field, what: &str) -> Result<Option<f64>> {
        let Some(i) = self.setup.columns.get(field) else {
            return Ok(None);
        };
        let raw = self.scanner.field(i).unwrap_or_default();
        if is_null(raw) {
            return Ok(None);
        }
        match parse_f64(raw) {
            Ok(v) if v < 0.0 => Err(self.cell_error(i, &format!("{NEGATIVE}; {what}"))),
            Ok(v) => Ok(Some(v)),
            Err(NumberError::OutOfRange) => {
                Err(self.cell_error(i, &format!("{OUT_OF_RANGE_AMOUNT}; {what}")))
            }
            Err(NumberError::NotANumber) => {
                Err(self.cell_error(i, &format!("{NOT_A_NUMBER}; {what}")))
            }
        }
    }

    fn quantity(&mut self) -> Result<Option<TradeQuantity>> {
        let Some(amount) = self.optional_f64(Field::Qty, "the quantity")? else {
            return Ok(None);
        };
        let unit_code = match self.setup.columns.get(Field::QtyUnitCode) {
            Some(i) => {
                let raw = self.scanner.field(i).unwrap_or_default();
                if is_null(raw) {
                    -1
                } else {
                    match parse_i64(raw) {
                        Some(v) if i32::try_from(v).is_ok() => v as i32,
                        _ => {
                            return Err(self.cell_error(
                                i,
                                "is not a quantity unit code (expected an integer such as 8 for kg, -1 for none)",
                            ));
                        }
                    }
                }
            }
            None => -1,
        };
        let unit = self
            .setup
            .columns
            .get(Field::QtyUnit)
            .and_then(|i| self.scanner.text(i))
            .map(|t| t.trim().to_owned())
            .filter(|t| !t.is_empty());
        Ok(Some(TradeQuantity {
            amount,
            unit_code,
            unit,
        }))
    }

    pub(super) fn read_row(&mut self) -> Result<Option<Row>> {
        loop {
            let status = self.scanner.next_row().map_err(|e| {
                let after = format!("line {}", self.scanner.line());
                cut_short(&self.setup.file, &after, &e, self.setup.gzip)
            })?;
            match status {
                RowStatus::End => return Ok(None),
                RowStatus::UnclosedQuote => {
                    return Err(TradeError::row(
                        &self.setup.file,
                        self.scanner.line(),
                        "a quoted field opened on this line is never closed; expected a closing '\"' (a '\"' inside a quoted field is written '\"\"')",
                    ));
                }
                RowStatus::TooLong { in_quotes } => {
                    return Err(too_long(&self.setup.file, self.scanner.line(), in_quotes));
                }
                RowStatus::Row => {}
            }
            let reporter = self.area(Field::Reporter)?;
            if self
                .setup
                .reporter_codes
                .as_ref()
                .is_some_and(|c| !c.contains(&reporter))
            {
                self.filtered += 1;
                continue;
            }
            let partner = self.area(Field::Partner)?;
            if self
                .setup
                .partner_codes
                .as_ref()
                .is_some_and(|c| !c.contains(&partner))
            {
                self.filtered += 1;
                continue;
            }
            return self.finish_row(reporter, partner).map(Some);
        }
    }

    fn finish_row(&mut self, reporter: u16, partner: u16) -> Result<Row> {
        if self.scanner.field(self.setup.columns.max_index()).is_none() {
            return Err(self.short_row());
        }
        let fi = self.required(Field::Flow)?;
        let flow = std::str::from_utf8(self.scanner.field(fi).unwrap_or_default())
            .ok()
            .and_then(FlowCode::parse);
        let Some(flow) = flow else {
            return Err(self.cell_error(
                fi,
                "is not a Comtrade flow code (expected M, X, RM, RX, DX, FM, MIP, MOP, XIP or XOP, or the legacy numeric 1 to 4)",
            ));
        };
        let period = self.period()?;
        let breakdown = Breakdown {
            partner2: self.optional_code(Field::Partner2)?,
            mode_of_transport: self.optional_code(Field::Mot)?,
            customs_procedure: self.customs()?,
        };
        let origin = RowOrigin {
            source: Arc::clone(&self.setup.source),
            file: Arc::clone(&self.setup.file),
            line: self.scanner.line(),
        };
        let reporter = M49Area::from_m49(reporter);
        let partner = M49Area::from_m49(partner);
        if !self.setup.breakdown.admits(breakdown) {
            return Ok(Row::Skipped(SkippedRow {
                reporter,
                partner,
                period,
                flow,
                reason: SkipReason::Breakdown {
                    partner2: breakdown.partner2,
                    mode_of_transport: breakdown.mode_of_transport,
                    customs_procedure: breakdown.customs_procedure,
                },
                origin,
            }));
        }
        let commodity = self.commodity()?;
        let vi = self.required(Field::Value)?;
        let raw = self.scanner.field(vi).unwrap_or_default();
        let value_usd = if is_null(raw) {
            return Err(self.cell_error(vi, "is empty; expected the trade value in US dollars"));
        } else {
            match parse_decimal(raw) {
                Ok(v) if v.is_sign_negative() && !v.is_zero() => {
                    return Err(self.cell_error(
                        vi,
                        &format!("{NEGATIVE}; expected the trade value in US dollars"),
                    ));
                }
                Ok(v) if v > MAX_VALUE_USD => {
                    return Err(self.cell_error(
                        vi,
                        &format!("{TOO_LARGE}; expected the trade value in US dollars"),
                    ));
                }
                Ok(v) => v,
                Err(NumberError::OutOfRange) => {
                    return Err(self.cell_error(
                        vi,
                        &format!("{OUT_OF_RANGE_USD}; expected the trade value in US dollars"),
                    ));
                }
                Err(NumberError::NotANumber) => return Err(self.cell_error(vi, NOT_A_NUMBER)),
            }
        };
        let cif_usd = self.optional_decimal(Field::Cif, "expected the CIF value in US dollars")?;
        let fob_usd = self.optional_decimal(Field::Fob, "expected the FOB value in US dollars")?;
        let net_weight_kg =
            self.optional_f64(Field::NetWeight, "expected the net weight in kilograms")?;
        let quantity = self.quantity()?;
        if let Some(i) = self.scanner.malformed() {
            return Err(ReadError::syntax(
                Location::file(&*self.setup.file)
                    .line(self.scanner.line())
                    .field(self.setup.columns.name(i)),
                "text follows the closing quote of a quoted field; expected a delimiter right after the closing '\"'",
            )
            .into());
        }
        Ok(Row::Flow(TradeFlow {
            reporter,
            partner,
            flow,
            period,
            commodity,
            value_usd,
            cif_usd,
            fob_usd,
            net_weight_kg,
            quantity,
            breakdown,
            origin,
        }))
    }
}

impl Iterator for ComtradeReader {
    type Item = Result<Row>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.done {
            return None;
        }
        let row = match &mut self.rows {
            Rows::Sequential(parser) => parser.read_row(),
            Rows::Parallel(chunked) => chunked.next_row(),
        };
        match row {
            Ok(Some(row)) => Some(Ok(row)),
            Ok(None) => {
                self.done = true;
                None
            }
            Err(e) => {
                self.done = true;
                Some(Err(e))
            }
        }
    }
}

/// The Comtrade `period` code of a year (`YYYY`) or month (`YYYYMM`); `None` for other periods.
fn period_code(period: Period) -> Option<u64> {
    let first = period.first_day();
    let year = u64::try_from(first.year()).ok()?;
    if period == Period::year(first.year()).ok()? {
        Some(year)
    } else if period == Period::month(first.year(), first.month()).ok()? {
        Some(year * 100 + u64::from(first.month()))
    } else {
        None
    }
}

/// A read that fails once the file is open: the bytes stop making sense (a cut-short or
/// corrupt gzip stream, a disk error), which the path and permissions do not explain.
fn cut_short(file: &Path, after: &str, e: &std::io::Error, gzip: bool) -> TradeError {
    let hint = if gzip {
        "the gzip file is cut short or corrupt; download or compress it again"
    } else {
        "the file may be cut short or the disk unreadable; copy or download it again"
    };
    TradeError::Unreadable {
        file: file.to_path_buf(),
        problem: format!("cannot read past {after} ({e}); {hint}"),
    }
}

/// The error for a row that passed [`MAX_ROW_BYTES`] starting on `line`.
fn too_long(file: &Path, line: u64, in_quotes: bool) -> TradeError {
    let problem = if in_quotes {
        format!(
            "a quoted field opened on this line is not closed within {MAX_ROW_BYTES} bytes (1 MiB), the most a row may hold; expected a closing '\"' (a '\"' inside a quoted field is written '\"\"')"
        )
    } else {
        format!(
            "the row is longer than {MAX_ROW_BYTES} bytes (1 MiB), the most a row may hold (a Comtrade row has a few hundred bytes); the file has no line end here: check that it is a Comtrade CSV or TSV file and not a binary or damaged one"
        )
    };
    TradeError::row(file, line, problem)
}

/// The byte order when `bytes` start with a UTF-16 byte-order mark.
fn utf16_order(bytes: &[u8]) -> Option<&'static str> {
    match bytes {
        [0xFF, 0xFE, ..] => Some("little-endian, byte-order mark FF FE"),
        [0xFE, 0xFF, ..] => Some("big-endian, byte-order mark FE FF"),
        _ => None,
    }
}

/// Every M49 code of the areas; `None` for no filter.
fn codes(areas: &[M49Area]) -> Option<Vec<u16>> {
    if areas.is_empty() {
        None
    } else {
        Some(areas.iter().flat_map(M49Area::codes).collect())
    }
}

/// `comtrade-<file stem>` with characters outside `[A-Za-z0-9._-]` replaced by `-`.
fn default_source(path: &Path) -> SourceId {
    let stem = path
        .file_name()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let stem = stem
        .trim_end_matches(".gz")
        .trim_end_matches(".csv")
        .trim_end_matches(".tsv")
        .trim_end_matches(".txt");
    let clean: String = stem
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.') {
                c
            } else {
                '-'
            }
        })
        .take(100)
        .collect();
    // Invariant: "comtrade-" followed by sanitised ASCII is a valid source id.
    SourceId::new(format!("comtrade-{clean}"))
        .unwrap_or_else(|_| SourceId::new("comtrade").expect("a fixed valid id"))
}
