//! Writing query results and conversions: CSV with a header, or Parquet, streamed batch by
//! batch into any [`Write`] (the command line passes its atomic file writer).

use std::io::Write;

use arrow::datatypes::SchemaRef;
use arrow::record_batch::RecordBatch;
use datafusion::execution::SendableRecordBatchStream;
use futures::StreamExt;
use parquet::arrow::ArrowWriter;
use parquet::basic::{Compression, ZstdLevel};
use parquet::file::properties::WriterProperties;

use crate::error::{Error, Result};

/// Rows per Parquet row group (and the most a writer holds in memory before writing).
pub const ROW_GROUP_ROWS: usize = 1 << 20;

/// The writer properties of every Parquet file this crate writes: zstd level 3, 1 Mi rows per
/// row group, page statistics, and a fixed `created_by`, so the same rows give the same bytes.
pub fn writer_properties() -> WriterProperties {
    WriterProperties::builder()
        .set_compression(Compression::ZSTD(
            ZstdLevel::try_new(3).expect("3 is a valid zstd level"),
        ))
        .set_max_row_group_row_count(Some(ROW_GROUP_ROWS))
        .set_created_by(format!(
            "dostyk-trade-datafusion {}",
            env!("CARGO_PKG_VERSION")
        ))
        .build()
}

/// A Parquet writer that hands its bytes to a `dyn Write` after every row group, so neither the
/// file nor the writer has to be `Send` and memory stays at one row group.
pub struct ParquetSink<'w> {
    writer: ArrowWriter<Vec<u8>>,
    out: &'w mut dyn Write,
}

impl<'w> ParquetSink<'w> {
    /// Starts a file of `schema` on `out`.
    pub fn try_new(schema: SchemaRef, out: &'w mut dyn Write) -> Result<Self> {
        let writer = ArrowWriter::try_new(Vec::new(), schema, Some(writer_properties()))?;
        Ok(Self { writer, out })
    }

    /// Writes a batch (its rows may stay buffered until the row group is full).
    pub fn write(&mut self, batch: &RecordBatch) -> Result<()> {
        self.writer.write(batch)?;
        self.drain()
    }

    fn drain(&mut self) -> Result<()> {
        let bytes = std::mem::take(self.writer.inner_mut());
        self.out
            .write_all(&bytes)
            .map_err(|e| Error::Usage(format!("cannot write the Parquet output: {e}")))
    }

    /// Writes the last row group and the footer.
    pub fn finish(mut self) -> Result<()> {
        self.writer.finish()?;
        self.drain()
    }
}

/// Writes a query's batches as CSV with a header line.
pub async fn write_csv(mut stream: SendableRecordBatchStream, out: &mut dyn Write) -> Result<u64> {
    let mut writer = arrow::csv::WriterBuilder::new()
        .with_header(true)
        .build(out);
    let mut rows = 0u64;
    let mut wrote = false;
    while let Some(batch) = stream.next().await {
        let batch = batch?;
        rows += batch.num_rows() as u64;
        writer.write(&batch)?;
        wrote = true;
    }
    if !wrote {
        // No batch: the header alone.
        writer.write(&RecordBatch::new_empty(stream.schema()))?;
    }
    Ok(rows)
}

/// Writes a query's batches as one Parquet file.
pub async fn write_parquet(
    mut stream: SendableRecordBatchStream,
    out: &mut dyn Write,
) -> Result<u64> {
    let mut sink = ParquetSink::try_new(stream.schema(), out)?;
    let mut rows = 0u64;
    while let Some(batch) = stream.next().await {
        let batch = batch?;
        rows += batch.num_rows() as u64;
        sink.write(&batch)?;
    }
    sink.finish()?;
    Ok(rows)
}
