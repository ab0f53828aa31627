//! Comtrade files to Parquet, partitioned by year and reporter in hive-style folders
//! (`ref_year=2022/reporter_iso=KAZ/part-0.parquet`).
//!
//! The files keep every column of the `comtrade` table (the partition columns too), so a folder
//! reads back with the same schema, and a query's filter on year or reporter skips whole files
//! by their statistics. The bytes depend only on the inputs and their order: the files are
//! read one after the other, each partition keeps the rows in the order read, and the writer's
//! settings are fixed ([`crate::output::writer_properties`]).
//!
//! Memory stays bounded: rows wait per partition in memory up to [`ConvertOptions::buffer_bytes`]
//! in all, then the largest partitions are spilled to Arrow IPC files in a temporary folder inside
//! the output folder, which is removed at the end.

use std::collections::BTreeMap;
use std::fs::File;
use std::io::{BufReader, BufWriter, Write};
use std::path::{Path, PathBuf};

use arrow::array::{AsArray, RecordBatch, UInt32Array};
use arrow::compute::take_record_batch;
use arrow::datatypes::{Int32Type, UInt16Type};
use arrow::ipc::reader::StreamReader;
use arrow::ipc::writer::StreamWriter;
use dostyk_trade::comtrade::{BreakdownRequest, ComtradeReader, ReadOptions, Row};

use crate::batch::BatchBuilder;
use crate::error::{Error, Result};
use crate::output::ParquetSink;
use crate::schema::{col, comtrade_schema};

/// Where the conversion writes each file.
pub trait FileSink {
    /// Writes the file at `path` (inside the output folder) whole or not at all, with the bytes
    /// `fill` writes.
    fn write_file(
        &mut self,
        path: &Path,
        fill: &mut dyn FnMut(&mut dyn Write) -> std::io::Result<()>,
    ) -> std::result::Result<(), String>;
}

/// Writes each file through a temporary file in its folder renamed over it.
#[derive(Debug, Default, Clone, Copy)]
pub struct AtomicFiles;

impl FileSink for AtomicFiles {
    fn write_file(
        &mut self,
        path: &Path,
        fill: &mut dyn FnMut(&mut dyn Write) -> std::io::Result<()>,
    ) -> std::result::Result<(), String> {
        let dir = path.parent().unwrap_or(Path::new("."));
        let result = (|| -> std::io::Result<()> {
            std::fs::create_dir_all(dir)?;
            let tmp = tempfile::NamedTempFile::new_in(dir)?;
            let mut w = BufWriter::new(tmp);
            fill(&mut w)?;
            let tmp = w
                .into_inner()
                .map_err(std::io::IntoInnerError::into_error)?;
            tmp.as_file().sync_all()?;
            tmp.persist(path).map_err(|e| e.error)?;
            Ok(())
        })();
        result.map_err(|e| format!("cannot write {}: {e}", path.display()))
    }
}

/// Settings of a conversion.
#[derive(Debug, Clone, Copy)]
pub struct ConvertOptions {
    /// Rows per batch read.
    pub batch_rows: usize,
    /// Bytes of rows held in memory before partitions are spilled to disk.
    pub buffer_bytes: usize,
}

impl Default for ConvertOptions {
    fn default() -> Self {
        Self {
            batch_rows: 8192,
            buffer_bytes: 256 << 20,
        }
    }
}

/// What a conversion wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConvertReport {
    /// The Parquet files written, relative to the output folder, sorted.
    pub files: Vec<PathBuf>,
    /// Rows written.
    pub rows: u64,
}

/// A partition: year and reporter label.
type Key = (i32, String);

#[derive(Default)]
struct Partition {
    buffered: Vec<RecordBatch>,
    bytes: usize,
    spills: Vec<PathBuf>,
}

/// Converts Comtrade files (any layout, plain or gzip) into `out`, writing every file through
/// `sink`. A bad row stops the conversion with the reader's error (file, line, field); the files
/// already written stay whole.
pub fn convert(
    inputs: &[PathBuf],
    out: &Path,
    options: ConvertOptions,
    sink: &mut dyn FileSink,
) -> Result<ConvertReport> {
    if inputs.is_empty() {
        return Err(Error::Usage("no Comtrade file to convert".to_owned()));
    }
    if out.is_file() {
        return Err(Error::Usage(format!(
            "--out {} is a file; expected a folder for the Parquet files",
            out.display()
        )));
    }
    std::fs::create_dir_all(out).map_err(|e| Error::io(out, e))?;
    let spill_dir = tempfile::Builder::new()
        .prefix(".dostyk-convert-")
        .tempdir_in(out)
        .map_err(|e| Error::io(out, e))?;
    let mut parts: BTreeMap<Key, Partition> = BTreeMap::new();
    let mut held = 0usize;
    let mut spill_seq = 0u64;
    let mut rows = 0u64;
    let read = ReadOptions {
        breakdown: BreakdownRequest {
            partner2: true,
            mode_of_transport: true,
            customs_procedure: true,
        },
        ..ReadOptions::default()
    };
    let mut builder = BatchBuilder::new(options.batch_rows);
    for file in inputs {
        for row in ComtradeReader::open(file, read.clone())? {
            let Row::Flow(flow) = row? else { continue };
            builder.push(&flow, 0)?;
            if builder.len() >= options.batch_rows {
                let batch = builder.finish()?;
                rows += batch.num_rows() as u64;
                held += split(&batch, &mut parts)?;
            }
            if held > options.buffer_bytes {
                held = spill(
                    &mut parts,
                    spill_dir.path(),
                    &mut spill_seq,
                    options.buffer_bytes / 2,
                )?;
            }
        }
    }
    if builder.len() > 0 {
        let batch = builder.finish()?;
        rows += batch.num_rows() as u64;
        split(&batch, &mut parts)?;
    }
    let mut files = Vec::with_capacity(parts.len());
    for ((year, reporter), part) in parts {
        let rel = PathBuf::from(format!("ref_year={year}"))
            .join(format!("reporter_iso={}", hive_escape(&reporter)))
            .join("part-0.parquet");
        let mut failure: Option<Error> = None;
        sink.write_file(&out.join(&rel), &mut |w| {
            write_partition(&part, w).map_err(|e| {
                let message = e.to_string();
                failure = Some(e);
                std::io::Error::other(message)
            })
        })
        .map_err(|message| failure.take().unwrap_or(Error::Usage(message)))?;
        files.push(rel);
    }
    spill_dir.close().map_err(|e| Error::io(out, e))?;
    Ok(ConvertReport { files, rows })
}

/// Characters other than letters, digits, `-` and `_` as `%XX`, as hive partition values are.
fn hive_escape(value: &str) -> String {
    value
        .bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b == b'-' || b == b'_' {
                char::from(b).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

/// Splits a batch by year and reporter into the partitions' buffers; the bytes added.
fn split(batch: &RecordBatch, parts: &mut BTreeMap<Key, Partition>) -> Result<usize> {
    let years = batch.column(col::REF_YEAR).as_primitive::<Int32Type>();
    let reporters = batch
        .column(col::REPORTER_ISO)
        .as_dictionary::<UInt16Type>();
    let labels = reporters.values().as_string::<i32>();
    let keys = reporters.keys();
    let mut rows: BTreeMap<(i32, u16), Vec<u32>> = BTreeMap::new();
    for i in 0..batch.num_rows() {
        rows.entry((years.value(i), keys.value(i)))
            .or_default()
            .push(i as u32);
    }
    let mut added = 0;
    for ((year, key), idx) in rows {
        let sub = take_record_batch(batch, &UInt32Array::from(idx))?;
        let bytes = sub.get_array_memory_size();
        let part = parts
            .entry((year, labels.value(usize::from(key)).to_owned()))
            .or_default();
        part.bytes += bytes;
        part.buffered.push(sub);
        added += bytes;
    }
    Ok(added)
}

/// Spills the largest partitions' buffers to IPC files until at most `keep` bytes are held;
/// returns the bytes still held.
fn spill(
    parts: &mut BTreeMap<Key, Partition>,
    dir: &Path,
    seq: &mut u64,
    keep: usize,
) -> Result<usize> {
    let mut by_size: Vec<(usize, Key)> = parts
        .iter()
        .filter(|(_, p)| p.bytes > 0)
        .map(|(k, p)| (p.bytes, k.clone()))
        .collect();
    by_size.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
    let mut held: usize = by_size.iter().map(|(b, _)| b).sum();
    for (bytes, key) in by_size {
        if held <= keep {
            break;
        }
        let part = parts
            .get_mut(&key)
            .expect("the key was listed from the map");
        let path = dir.join(format!("spill-{seq}.arrow"));
        *seq += 1;
        let file = File::create(&path).map_err(|e| Error::io(&path, e))?;
        let mut w = StreamWriter::try_new(BufWriter::new(file), &comtrade_schema())?;
        for b in part.buffered.drain(..) {
            w.write(&b)?;
        }
        w.finish()?;
        part.spills.push(path);
        part.bytes = 0;
        held -= bytes;
    }
    Ok(held)
}

/// One partition's rows, spilled first (in the order spilled) then buffered, as Parquet.
fn write_partition(part: &Partition, out: &mut dyn Write) -> Result<()> {
    let mut sink = ParquetSink::try_new(comtrade_schema(), out)?;
    for path in &part.spills {
        let file = File::open(path).map_err(|e| Error::io(path, e))?;
        for batch in StreamReader::try_new(BufReader::new(file), None)? {
            sink.write(&batch?)?;
        }
    }
    for batch in &part.buffered {
        sink.write(batch)?;
    }
    sink.finish()
}

#[cfg(test)]
mod tests {
    use super::hive_escape;

    #[test]
    fn partition_values_are_escaped_as_hive_does() {
        assert_eq!(hive_escape("KAZ"), "KAZ");
        assert_eq!(hive_escape("a/b c"), "a%2Fb%20c");
    }
}
