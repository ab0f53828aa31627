//! The `comtrade` table: a DataFusion [`TableProvider`] over Comtrade files, read by the
//! streaming reader of `dostyk-trade`, with projection and filter pushdown, one partition per
//! file or per byte range of a large plain file.

use std::fmt;
use std::fs::File;
use std::io::{BufRead, BufReader, Read, Seek, SeekFrom};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use arrow::datatypes::SchemaRef;
use async_trait::async_trait;
use datafusion::catalog::Session;
use datafusion::common::tree_node::TreeNodeRecursion;
use datafusion::datasource::{TableProvider, TableType};
use datafusion::error::Result as DfResult;
use datafusion::execution::{SendableRecordBatchStream, TaskContext};
use datafusion::logical_expr::{Expr, TableProviderFilterPushDown};
use datafusion::physical_expr::{EquivalenceProperties, PhysicalExpr};
use datafusion::physical_plan::execution_plan::{Boundedness, EmissionType};
use datafusion::physical_plan::metrics::{
    Count, ExecutionPlanMetricsSet, MetricBuilder, MetricsSet,
};
use datafusion::physical_plan::stream::RecordBatchReceiverStreamBuilder;
use datafusion::physical_plan::{
    DisplayAs, DisplayFormatType, ExecutionPlan, Partitioning, PlanProperties,
};
use dostyk_core_model::read;
use dostyk_trade::area::M49Area;
use dostyk_trade::comtrade::{BreakdownRequest, ComtradeReader, ReadOptions, Row};
use serde::{Deserialize, Serialize};

use crate::batch::BatchBuilder;
use crate::error::{Error, Result};
use crate::pushdown::Pushdown;
use crate::schema::comtrade_schema;

/// How the table splits its files.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct TableOptions {
    /// Split a large plain (not gzip) file into byte ranges read in parallel, each starting at
    /// the first line end after its start. Right for every file whose quoted fields hold no line
    /// breaks (Comtrade's API and bulk files have none); a file that has them is refused with a
    /// message asking to turn this off. Default on.
    pub split_files: bool,
    /// The smallest byte range worth its own partition. Default 16 MiB.
    pub min_range_bytes: u64,
    /// Give the scan one output partition that reads every group of pieces side by side
    /// (a thread each) instead of one output partition per group. Default off;
    /// [`crate::ballista::session`] turns it on: Ballista 55 runs a task's share of a stage by
    /// restricting the plan's leaves to the task's partitions, which it can do for its own
    /// scans only, so a stage over a scan of several partitions that it splits between
    /// tasks would read every file once per task. With one partition the scan is one task
    /// (still reading on every core of its executor) and the stages after it spread out.
    pub single_partition: bool,
}

impl Default for TableOptions {
    fn default() -> Self {
        Self {
            split_files: true,
            min_range_bytes: 16 << 20,
            single_partition: false,
        }
    }
}

/// Rows counted by every scan of one table since it was made: what the filter pushdown saved
/// is `rows_passed_over` (not parsed past the reporter and partner cells) and `rows_dropped`
/// (parsed, then not put into a batch).
#[derive(Debug, Default)]
pub struct ScanCounters {
    parsed: AtomicU64,
    passed_over: AtomicU64,
    dropped: AtomicU64,
}

impl ScanCounters {
    /// Rows parsed in full.
    pub fn rows_parsed(&self) -> u64 {
        self.parsed.load(Ordering::Relaxed)
    }
    /// Rows passed over by the reporter/partner filter right after their code cells.
    pub fn rows_passed_over(&self) -> u64 {
        self.passed_over.load(Ordering::Relaxed)
    }
    /// Rows parsed and left out by the period, year, flow or level filters.
    pub fn rows_dropped(&self) -> u64 {
        self.dropped.load(Ordering::Relaxed)
    }
}

/// One part of a file a partition reads: the whole file, or the rows starting in a byte range.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Piece {
    /// The file.
    pub file: PathBuf,
    /// `None` for the whole file; else the rows whose first byte is in `start..end` (the
    /// header line is read from the start of the file).
    pub range: Option<(u64, u64)>,
}

/// A DataFusion table over Comtrade files (API CSV, bulk TSV, gzip, legacy CSV, mixed).
#[derive(Debug)]
pub struct ComtradeTable {
    files: Vec<PathBuf>,
    options: TableOptions,
    counters: Arc<ScanCounters>,
}

impl ComtradeTable {
    /// A table over `files`. Each is opened once here, so a missing file, a folder or a header
    /// without Comtrade's columns is refused before a query runs; a file named twice is kept
    /// once.
    pub fn try_new(files: Vec<PathBuf>, options: TableOptions) -> Result<Self> {
        if files.is_empty() {
            return Err(Error::Usage(
                "no Comtrade file given; name one or more API CSV, bulk TSV or legacy CSV files"
                    .to_owned(),
            ));
        }
        // A file named twice (under any spelling) is read once: the views tell rows apart by
        // file and line, and `summary` counts a file's rows once.
        let mut seen = std::collections::HashSet::new();
        let mut kept = Vec::with_capacity(files.len());
        for f in files {
            ComtradeReader::open(&f, ReadOptions::default())?;
            let canonical = f.canonicalize().map_err(|e| Error::io(&f, e))?;
            if seen.insert(canonical) {
                kept.push(f);
            }
        }
        let files = kept;
        Ok(Self {
            files,
            options,
            counters: Arc::default(),
        })
    }

    /// The files, in the order given.
    pub fn files(&self) -> &[PathBuf] {
        &self.files
    }

    /// How the files are split.
    pub fn options(&self) -> TableOptions {
        self.options
    }

    /// The row counters of every scan of this table.
    pub fn counters(&self) -> &Arc<ScanCounters> {
        &self.counters
    }

    /// The pieces of the files for `partitions` partitions, grouped per partition.
    pub fn plan_pieces(&self, partitions: usize) -> Result<Vec<Vec<Piece>>> {
        let partitions = partitions.max(1);
        let mut sized = Vec::with_capacity(self.files.len());
        for f in &self.files {
            let meta = std::fs::metadata(f).map_err(|e| Error::io(f, e))?;
            sized.push((f.clone(), meta.len(), is_gzip(f)?));
        }
        let total: u64 = sized.iter().map(|(_, n, _)| n).sum();
        let target = (total / partitions as u64).max(self.options.min_range_bytes);
        let mut pieces: Vec<(Piece, u64)> = Vec::new();
        for (file, len, gz) in sized {
            let parts = if self.options.split_files && !gz {
                len.div_ceil(target).max(1)
            } else {
                1
            };
            if parts == 1 {
                pieces.push((Piece { file, range: None }, len));
                continue;
            }
            let header = header_len(&file)?;
            let body = len.saturating_sub(header);
            let step = body.div_ceil(parts);
            let mut start = header;
            while start < len {
                let end = (start + step).min(len);
                pieces.push((
                    Piece {
                        file: file.clone(),
                        range: Some((start, end)),
                    },
                    end - start,
                ));
                start = end;
            }
        }
        // Largest first to the least loaded partition; each partition then reads its pieces in
        // the order of the files, so the output order depends only on the inputs.
        let n = partitions.min(pieces.len()).max(1);
        let mut order: Vec<usize> = (0..pieces.len()).collect();
        order.sort_by_key(|&i| (std::cmp::Reverse(pieces[i].1), i));
        let mut load = vec![0u64; n];
        let mut assigned: Vec<Vec<usize>> = vec![Vec::new(); n];
        for i in order {
            let p = (0..n).min_by_key(|&p| (load[p], p)).unwrap_or(0);
            load[p] += pieces[i].1;
            assigned[p].push(i);
        }
        Ok(assigned
            .into_iter()
            .map(|mut idx| {
                idx.sort_unstable();
                idx.into_iter().map(|i| pieces[i].0.clone()).collect()
            })
            .collect())
    }
}

fn is_gzip(path: &Path) -> Result<bool> {
    let mut f = read::open_regular(path)?;
    let mut magic = [0u8; 2];
    let n = f.read(&mut magic).map_err(|e| Error::io(path, e))?;
    Ok(n == 2 && magic == [0x1f, 0x8b])
}

/// The bytes of the header line, its line end included.
fn header_len(path: &Path) -> Result<u64> {
    let f = read::open_regular(path)?;
    let mut r = BufReader::new(f).take(dostyk_trade::comtrade::MAX_ROW_BYTES as u64 + 1);
    let mut line = Vec::new();
    r.read_until(b'\n', &mut line)
        .map_err(|e| Error::io(path, e))?;
    Ok(line.len() as u64)
}

#[async_trait]
impl TableProvider for ComtradeTable {
    fn schema(&self) -> SchemaRef {
        comtrade_schema()
    }

    fn table_type(&self) -> TableType {
        TableType::Base
    }

    fn supports_filters_pushdown(
        &self,
        filters: &[&Expr],
    ) -> DfResult<Vec<TableProviderFilterPushDown>> {
        Ok(filters
            .iter()
            .map(|f| {
                if Pushdown::understands(f) {
                    TableProviderFilterPushDown::Inexact
                } else {
                    TableProviderFilterPushDown::Unsupported
                }
            })
            .collect())
    }

    async fn scan(
        &self,
        state: &dyn Session,
        projection: Option<&Vec<usize>>,
        filters: &[Expr],
        _limit: Option<usize>,
    ) -> DfResult<Arc<dyn ExecutionPlan>> {
        let config = state.config();
        let pieces = self
            .plan_pieces(config.target_partitions())
            .map_err(Error::into_datafusion)?;
        Ok(Arc::new(
            ComtradeScanExec::new(
                pieces,
                projection.cloned(),
                Pushdown::from_filters(filters),
                config.batch_size(),
                Arc::clone(&self.counters),
            )
            .with_single_partition(self.options.single_partition),
        ))
    }
}

/// The scan of a [`ComtradeTable`]: one partition per group of [`Piece`]s, or one partition
/// reading every group side by side ([`TableOptions::single_partition`]).
#[derive(Debug, Clone)]
pub struct ComtradeScanExec {
    pieces: Vec<Vec<Piece>>,
    single_partition: bool,
    projection: Option<Vec<usize>>,
    pushdown: Pushdown,
    batch_size: usize,
    counters: Arc<ScanCounters>,
    metrics: ExecutionPlanMetricsSet,
    properties: Arc<PlanProperties>,
}

impl ComtradeScanExec {
    /// A scan of `pieces` (one inner list per partition).
    pub fn new(
        pieces: Vec<Vec<Piece>>,
        projection: Option<Vec<usize>>,
        pushdown: Pushdown,
        batch_size: usize,
        counters: Arc<ScanCounters>,
    ) -> Self {
        let schema = match &projection {
            Some(p) => Arc::new(
                comtrade_schema()
                    .project(p)
                    .expect("DataFusion projects onto columns of the table's schema"),
            ),
            None => comtrade_schema(),
        };
        let properties = plan_properties(schema, pieces.len());
        Self {
            pieces,
            single_partition: false,
            projection,
            pushdown,
            batch_size: batch_size.max(1),
            counters,
            metrics: ExecutionPlanMetricsSet::new(),
            properties,
        }
    }

    /// The same scan with one output partition that reads every group of pieces side by side
    /// (`true`), or one output partition per group (`false`, the default).
    #[must_use]
    pub fn with_single_partition(mut self, single: bool) -> Self {
        self.single_partition = single;
        let partitions = if single { 1 } else { self.pieces.len() };
        self.properties = plan_properties(self.schema(), partitions);
        self
    }

    /// Whether the scan has one output partition for every group of pieces.
    pub fn single_partition(&self) -> bool {
        self.single_partition
    }

    /// The pieces of each partition.
    pub fn pieces(&self) -> &[Vec<Piece>] {
        &self.pieces
    }
    /// The columns produced (indices into the table's schema; `None`: all).
    pub fn projection(&self) -> Option<&[usize]> {
        self.projection.as_deref()
    }
    /// The filters used while reading.
    pub fn pushdown(&self) -> &Pushdown {
        &self.pushdown
    }
    /// Rows per batch.
    pub fn batch_size(&self) -> usize {
        self.batch_size
    }
}

/// A scan's plan properties: `partitions` partitions (at least one) of unknown partitioning,
/// emitted incrementally, bounded.
fn plan_properties(schema: SchemaRef, partitions: usize) -> Arc<PlanProperties> {
    Arc::new(PlanProperties::new(
        EquivalenceProperties::new(schema),
        Partitioning::UnknownPartitioning(partitions.max(1)),
        EmissionType::Incremental,
        Boundedness::Bounded,
    ))
}

impl DisplayAs for ComtradeScanExec {
    fn fmt_as(&self, _t: DisplayFormatType, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let files: usize = self.pieces.iter().map(Vec::len).sum();
        write!(
            f,
            "ComtradeScanExec: partitions={}, pieces={files}, pushdown={:?}",
            self.pieces.len(),
            self.pushdown
        )
    }
}

impl ExecutionPlan for ComtradeScanExec {
    fn name(&self) -> &'static str {
        "ComtradeScanExec"
    }

    fn properties(&self) -> &Arc<PlanProperties> {
        &self.properties
    }

    fn children(&self) -> Vec<&Arc<dyn ExecutionPlan>> {
        Vec::new()
    }

    fn apply_expressions(
        &self,
        _f: &mut dyn FnMut(&Arc<dyn PhysicalExpr>) -> DfResult<TreeNodeRecursion>,
    ) -> DfResult<TreeNodeRecursion> {
        Ok(TreeNodeRecursion::Continue)
    }

    #[allow(deprecated)]
    fn with_new_children(
        self: Arc<Self>,
        _children: Vec<Arc<dyn ExecutionPlan>>,
    ) -> DfResult<Arc<dyn ExecutionPlan>> {
        Ok(self)
    }

    fn execute(
        &self,
        partition: usize,
        _context: Arc<TaskContext>,
    ) -> DfResult<SendableRecordBatchStream> {
        let groups: Vec<Vec<Piece>> = if self.single_partition {
            if partition > 0 {
                return Err(datafusion::error::DataFusionError::Internal(format!(
                    "ComtradeScanExec has one partition; partition {partition} was asked for"
                )));
            }
            self.pieces.clone()
        } else {
            vec![self.pieces.get(partition).cloned().unwrap_or_default()]
        };
        let schema = self.schema();
        // Two batches in flight per group of pieces.
        let mut builder =
            RecordBatchReceiverStreamBuilder::new(Arc::clone(&schema), 2 * groups.len().max(1));
        for pieces in groups {
            let tx = builder.tx();
            let job = PartitionJob {
                pieces,
                projection: self.projection.clone(),
                pushdown: self.pushdown.clone(),
                batch_size: self.batch_size,
                counters: Arc::clone(&self.counters),
                parsed: MetricBuilder::new(&self.metrics).counter("rows_parsed", partition),
                passed_over: MetricBuilder::new(&self.metrics)
                    .counter("rows_passed_over", partition),
                dropped: MetricBuilder::new(&self.metrics).counter("rows_dropped", partition),
            };
            builder.spawn_blocking(move || {
                job.run(&mut |batch| tx.blocking_send(Ok(batch)).is_ok())
                    .map_err(Error::into_datafusion)
            });
        }
        Ok(builder.build())
    }

    fn metrics(&self) -> Option<MetricsSet> {
        Some(self.metrics.clone_inner())
    }
}

/// What one partition reads, and where it counts.
struct PartitionJob {
    pieces: Vec<Piece>,
    projection: Option<Vec<usize>>,
    pushdown: Pushdown,
    batch_size: usize,
    counters: Arc<ScanCounters>,
    parsed: Count,
    passed_over: Count,
    dropped: Count,
}

impl PartitionJob {
    /// Reads every piece, handing batches to `emit` (which answers `false` when the query no
    /// longer wants them).
    fn run(&self, emit: &mut dyn FnMut(arrow::record_batch::RecordBatch) -> bool) -> Result<()> {
        let mut builder = BatchBuilder::new(self.batch_size);
        let mut send = |builder: &mut BatchBuilder| -> Result<bool> {
            let batch = builder.finish()?;
            let batch = match &self.projection {
                Some(p) => batch.project(p)?,
                None => batch,
            };
            Ok(emit(batch))
        };
        for piece in &self.pieces {
            match self.read_piece(piece, &mut builder, &mut send) {
                Ok(true) => {}
                Ok(false) => return Ok(()),
                Err(e) if piece.range.is_some() => return Err(first_error(piece, &e)),
                Err(e) => return Err(e),
            }
        }
        if builder.len() > 0 {
            send(&mut builder)?;
        }
        Ok(())
    }

    fn read_options(&self) -> ReadOptions {
        let areas = |c: &Option<Vec<u16>>| {
            c.as_ref()
                .map(|c| c.iter().map(|&c| M49Area::from_m49(c)).collect())
                .unwrap_or_default()
        };
        ReadOptions {
            reporters: areas(&self.pushdown.reporters),
            partners: areas(&self.pushdown.partners),
            breakdown: BreakdownRequest {
                partner2: true,
                mode_of_transport: true,
                customs_procedure: true,
            },
            source: None,
            // DataFusion already reads the pieces (files and byte ranges) side by side: each
            // piece is parsed on the thread that reads it.
            threads: Some(std::num::NonZeroUsize::MIN),
        }
    }

    /// Reads one piece; `Ok(false)` when the query stopped wanting rows.
    fn read_piece(
        &self,
        piece: &Piece,
        builder: &mut BatchBuilder,
        send: &mut dyn FnMut(&mut BatchBuilder) -> Result<bool>,
    ) -> Result<bool> {
        // An empty filter list (a reporter that no code matches) keeps nothing.
        if self.pushdown.reporters.as_ref().is_some_and(Vec::is_empty)
            || self.pushdown.partners.as_ref().is_some_and(Vec::is_empty)
        {
            return Ok(true);
        }
        let (mut reader, line_offset) = match piece.range {
            None => (ComtradeReader::open(&piece.file, self.read_options())?, 0),
            Some((start, end)) => open_range(&piece.file, start, end, self.read_options())?,
        };
        let checks = self.pushdown.checks_rows();
        let mut reported_passed = 0;
        while let Some(row) = reader.next() {
            let Row::Flow(flow) = row? else { continue };
            self.counters.parsed.fetch_add(1, Ordering::Relaxed);
            self.parsed.add(1);
            if checks && !self.pushdown.keeps(&flow) {
                self.counters.dropped.fetch_add(1, Ordering::Relaxed);
                self.dropped.add(1);
                continue;
            }
            builder.push(&flow, line_offset)?;
            if builder.len() >= self.batch_size {
                let passed = reader.filtered_out() - reported_passed;
                reported_passed += passed;
                self.note_passed(passed);
                if !send(builder)? {
                    return Ok(false);
                }
            }
        }
        self.note_passed(reader.filtered_out() - reported_passed);
        Ok(true)
    }

    fn note_passed(&self, n: u64) {
        self.counters.passed_over.fetch_add(n, Ordering::Relaxed);
        self.passed_over.add(n as usize);
    }
}

/// A reader over the rows starting in `start..end` of a plain file, after its header line, and
/// the number to add to its line numbers to get the file's.
fn open_range(
    path: &Path,
    start: u64,
    end: u64,
    options: ReadOptions,
) -> Result<(ComtradeReader, u64)> {
    let io = |e| Error::io(path, e);
    let mut file = BufReader::with_capacity(1 << 16, read::open_regular(path)?);
    let mut header = Vec::new();
    (&mut file)
        .take(dostyk_trade::comtrade::MAX_ROW_BYTES as u64 + 1)
        .read_until(b'\n', &mut header)
        .map_err(io)?;
    let header_end = header.len() as u64;
    // The rows of this range start after the first line end at or after `start - 1`.
    let mut begin = start.max(header_end);
    let mut newlines: u64 = 1;
    if begin > header_end {
        // Line numbers: count the line ends before `begin - 1`.
        let mut counted = header_end;
        let mut buf = vec![0u8; 1 << 20];
        while counted < begin - 1 {
            let want =
                usize::try_from((begin - 1 - counted).min(buf.len() as u64)).unwrap_or(buf.len());
            let n = file.read(&mut buf[..want]).map_err(io)?;
            if n == 0 {
                break;
            }
            newlines += memchr::memchr_iter(b'\n', &buf[..n]).count() as u64;
            counted += n as u64;
        }
        let mut skipped = Vec::new();
        file.read_until(b'\n', &mut skipped).map_err(io)?;
        if skipped.ends_with(b"\n") {
            newlines += 1;
        }
        begin = begin - 1 + skipped.len() as u64;
    }
    let mut raw = file.into_inner();
    raw.seek(SeekFrom::Start(begin)).map_err(io)?;
    let body = RangeRead {
        inner: BufReader::with_capacity(1 << 18, raw),
        // Rows starting before `end` are read to their line end.
        left_before_end: end.saturating_sub(begin),
        done: begin >= end,
    };
    let input = std::io::Cursor::new(header).chain(body);
    let reader = ComtradeReader::from_reader(path, input, options)?;
    Ok((reader, newlines - 1))
}

/// Bytes up to `left_before_end`, then to the next line end.
struct RangeRead {
    inner: BufReader<File>,
    left_before_end: u64,
    done: bool,
}

impl Read for RangeRead {
    fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
        if self.done || out.is_empty() {
            return Ok(0);
        }
        let buf = self.inner.fill_buf()?;
        if buf.is_empty() {
            self.done = true;
            return Ok(0);
        }
        let n = if self.left_before_end > 0 {
            let n = buf
                .len()
                .min(out.len())
                .min(usize::try_from(self.left_before_end).unwrap_or(usize::MAX));
            self.left_before_end -= n as u64;
            // A range that ends right after a line end has no row left to finish.
            if self.left_before_end == 0 && buf[n - 1] == b'\n' {
                self.done = true;
            }
            n
        } else {
            // Past the end: finish the row that started before it.
            let take = buf.len().min(out.len());
            match memchr::memchr(b'\n', &buf[..take]) {
                Some(i) => {
                    self.done = true;
                    i + 1
                }
                None => take,
            }
        };
        out[..n].copy_from_slice(&buf[..n]);
        self.inner.consume(n);
        Ok(n)
    }
}

/// An error in a byte range: the first error of the whole file, read in order, so the message
/// names the line and cell a plain read names; when the whole file reads without error, the
/// range cut a quoted field holding a line break.
fn first_error(piece: &Piece, range_error: &Error) -> Error {
    let options = ReadOptions {
        breakdown: BreakdownRequest {
            partner2: true,
            mode_of_transport: true,
            customs_procedure: true,
        },
        ..ReadOptions::default()
    };
    let reader = match ComtradeReader::open(&piece.file, options) {
        Ok(r) => r,
        Err(e) => return e.into(),
    };
    let mut check = BatchBuilder::new(1);
    for row in reader {
        match row {
            Err(e) => return e.into(),
            Ok(Row::Flow(f)) => {
                if let Err(e) = check.push(&f, 0).and_then(|()| check.finish().map(drop)) {
                    return e;
                }
            }
            Ok(Row::Skipped(_)) => {}
        }
    }
    Error::Usage(format!(
        "{}: the file has line breaks inside quoted fields, which splitting the file into byte ranges cannot cut safely (the range read failed with: {range_error}); read it with file splitting off (`--no-split`, TableOptions::split_files = false)",
        piece.file.display()
    ))
}
