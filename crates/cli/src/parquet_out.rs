//! Parquet outputs (feature `parquet`): the rows of `water run --format parquet` and the table of
//! `gas solve --loads … --format parquet`, with the same rows and columns as their CSV, typed.
//!
//! Every file is written the same way: zstd level 3, a fixed `created_by` and no time in its
//! metadata, so the same results give the same bytes on every run; row groups of at most
//! [`ROW_GROUP_ROWS`] rows and about [`ROW_GROUP_VALUE_BYTES`] of values (a wide gas table gets
//! fewer rows per group), and the writer's bytes are handed to the atomic output file after every
//! batch, so memory stays at one row group whatever the length of the run.

use std::collections::HashMap;
use std::io::Write;
use std::sync::Arc;

use arrow_array::types::Int32Type;
use arrow_array::{
    ArrayRef, Date32Array, DictionaryArray, Float64Array, Int32Array, RecordBatch, StringArray,
    UInt32Array,
};
use arrow_schema::{DataType, Field, Schema, SchemaRef};
use dostyk_transit_gas::network::series::{series_columns, series_values};
use dostyk_transit_gas::network::{Network, Solution};
use dostyk_water::NaiveDate;
use dostyk_water::engine::Attribute;
use parquet::arrow::ArrowWriter;
use parquet::basic::{Compression, ZstdLevel};
use parquet::file::properties::WriterProperties;

/// The most rows in a row group (the water results' long table reaches it).
pub(crate) const ROW_GROUP_ROWS: usize = 1 << 20;

/// About the most bytes of values a row group holds before it is written: a wide table (one
/// column per junction and branch of a gas network) gets fewer rows per group.
pub(crate) const ROW_GROUP_VALUE_BYTES: usize = 64 << 20;

/// Rows gathered before they are handed to the writer as one batch.
const BATCH_ROWS: usize = 1 << 16;

/// The `created_by` of every file: the program and its version, nothing that changes between
/// runs.
const CREATED_BY: &str = concat!("dostyk ", env!("CARGO_PKG_VERSION"));

/// The writer properties of every Parquet file the command line writes.
fn properties(row_group_rows: usize) -> WriterProperties {
    WriterProperties::builder()
        .set_compression(Compression::ZSTD(ZstdLevel::try_new(3).unwrap_or_default()))
        .set_max_row_group_row_count(Some(row_group_rows.max(1)))
        .set_created_by(CREATED_BY.to_owned())
        .build()
}

fn parquet_error(e: &parquet::errors::ParquetError) -> std::io::Error {
    std::io::Error::other(format!("cannot write the Parquet output: {e}"))
}

fn arrow_error(e: &arrow_schema::ArrowError) -> std::io::Error {
    std::io::Error::other(format!("cannot build the Parquet output's rows: {e}"))
}

/// A Parquet writer that hands its bytes to a `dyn Write` after every batch, so the output
/// (the atomic file's writer) need not be `Send`, and memory stays at one row group.
struct Sink<'w> {
    writer: ArrowWriter<Vec<u8>>,
    out: &'w mut dyn Write,
}

impl<'w> Sink<'w> {
    fn new(
        schema: SchemaRef,
        out: &'w mut dyn Write,
        row_group_rows: usize,
    ) -> std::io::Result<Self> {
        let writer = ArrowWriter::try_new(Vec::new(), schema, Some(properties(row_group_rows)))
            .map_err(|e| parquet_error(&e))?;
        Ok(Self { writer, out })
    }

    fn write(&mut self, batch: &RecordBatch) -> std::io::Result<()> {
        self.writer.write(batch).map_err(|e| parquet_error(&e))?;
        self.drain()
    }

    fn drain(&mut self) -> std::io::Result<()> {
        let bytes = std::mem::take(self.writer.inner_mut());
        self.out.write_all(&bytes)
    }

    fn finish(mut self) -> std::io::Result<()> {
        self.writer.finish().map_err(|e| parquet_error(&e))?;
        self.drain()
    }
}

/// A dictionary-encoded string column (`Dictionary(Int32, Utf8)`).
fn dictionary_type() -> DataType {
    DataType::Dictionary(Box::new(DataType::Int32), Box::new(DataType::Utf8))
}

fn dictionary(keys: Vec<i32>, values: &ArrayRef) -> std::io::Result<ArrayRef> {
    DictionaryArray::<Int32Type>::try_new(Int32Array::from(keys), Arc::clone(values))
        .map(|a| Arc::new(a) as ArrayRef)
        .map_err(|e| arrow_error(&e))
}

/// Days from 1970-01-01, Arrow's `Date32`.
fn date32(date: NaiveDate) -> i32 {
    /// Days from 0001-01-01 (day 1) to 1970-01-01.
    const UNIX_EPOCH_FROM_CE: i32 = 719_163;
    chrono::Datelike::num_days_from_ce(&date) - UNIX_EPOCH_FROM_CE
}

/// The rows of `water run` as Parquet: `date` (Date32), `scenario` (with scenarios), `node` and
/// `attribute` (dictionary-encoded strings) and `value` (Float64), in the order of the CSV.
pub(crate) struct WaterRows<'w> {
    sink: Sink<'w>,
    schema: SchemaRef,
    /// The dictionary of node names, and each result column's key in it.
    nodes: ArrayRef,
    node_of_column: Vec<i32>,
    attributes: ArrayRef,
    attribute_of_column: Vec<i32>,
    /// The scenario labels, in run order, and each one's key; `None` without scenarios.
    scenarios: Option<(ArrayRef, HashMap<String, i32>)>,
    dates: Vec<i32>,
    scenario_keys: Vec<i32>,
    node_keys: Vec<i32>,
    attribute_keys: Vec<i32>,
    values: Vec<f64>,
}

impl<'w> WaterRows<'w> {
    /// Starts the file on `out` for results with these `columns` (node, attribute) and scenario
    /// `labels` (empty for a model without scenarios).
    pub(crate) fn new(
        out: &'w mut dyn Write,
        columns: &[(String, Attribute)],
        labels: &[String],
    ) -> std::io::Result<Self> {
        let mut fields = vec![Field::new("date", DataType::Date32, false)];
        if !labels.is_empty() {
            fields.push(Field::new("scenario", dictionary_type(), false));
        }
        fields.extend([
            Field::new("node", dictionary_type(), false),
            Field::new("attribute", dictionary_type(), false),
            Field::new("value", DataType::Float64, false),
        ]);
        let schema = Arc::new(Schema::new(fields));
        let mut node_names: Vec<&str> = Vec::new();
        let mut node_of_column = Vec::with_capacity(columns.len());
        let mut attribute_names: Vec<&str> = Vec::new();
        let mut attribute_of_column = Vec::with_capacity(columns.len());
        for (node, attribute) in columns {
            node_of_column.push(key_of(&mut node_names, node)?);
            attribute_of_column.push(key_of(&mut attribute_names, attribute.as_str())?);
        }
        let scenarios = (!labels.is_empty())
            .then(|| {
                let keys = labels
                    .iter()
                    .enumerate()
                    .map(|(i, l)| Ok((l.clone(), key(i)?)))
                    .collect::<std::io::Result<HashMap<_, _>>>()?;
                let values: ArrayRef = Arc::new(StringArray::from_iter_values(labels));
                Ok::<_, std::io::Error>((values, keys))
            })
            .transpose()?;
        Ok(Self {
            sink: Sink::new(Arc::clone(&schema), out, ROW_GROUP_ROWS)?,
            schema,
            nodes: Arc::new(StringArray::from_iter_values(node_names)),
            node_of_column,
            attributes: Arc::new(StringArray::from_iter_values(attribute_names)),
            attribute_of_column,
            scenarios,
            dates: Vec::new(),
            scenario_keys: Vec::new(),
            node_keys: Vec::new(),
            attribute_keys: Vec::new(),
            values: Vec::new(),
        })
    }

    /// Adds one timestep's rows: `values` one per column, in the order given to
    /// [`WaterRows::new`].
    pub(crate) fn push(
        &mut self,
        date: NaiveDate,
        scenario: Option<&str>,
        values: &[f64],
    ) -> std::io::Result<()> {
        let day = date32(date);
        if let Some((_, keys)) = &self.scenarios {
            let label = scenario.unwrap_or_default();
            let Some(&k) = keys.get(label) else {
                return Err(std::io::Error::other(format!(
                    "the results name a scenario combination \"{label}\" the model does not have"
                )));
            };
            self.scenario_keys
                .extend(std::iter::repeat_n(k, values.len()));
        }
        self.dates.extend(std::iter::repeat_n(day, values.len()));
        self.node_keys.extend_from_slice(&self.node_of_column);
        self.attribute_keys
            .extend_from_slice(&self.attribute_of_column);
        // −0 is written as 0, as in the CSV.
        self.values
            .extend(values.iter().map(|&v| if v == 0.0 { 0.0 } else { v }));
        if self.values.len() >= BATCH_ROWS {
            self.flush()?;
        }
        Ok(())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        if self.values.is_empty() {
            return Ok(());
        }
        let mut columns: Vec<ArrayRef> =
            vec![Arc::new(Date32Array::from(std::mem::take(&mut self.dates)))];
        if let Some((labels, _)) = &self.scenarios {
            columns.push(dictionary(std::mem::take(&mut self.scenario_keys), labels)?);
        }
        columns.push(dictionary(
            std::mem::take(&mut self.node_keys),
            &self.nodes,
        )?);
        columns.push(dictionary(
            std::mem::take(&mut self.attribute_keys),
            &self.attributes,
        )?);
        columns.push(Arc::new(Float64Array::from(std::mem::take(
            &mut self.values,
        ))));
        let batch =
            RecordBatch::try_new(Arc::clone(&self.schema), columns).map_err(|e| arrow_error(&e))?;
        self.sink.write(&batch)
    }

    /// Writes the last rows and the footer.
    pub(crate) fn finish(mut self) -> std::io::Result<()> {
        self.flush()?;
        self.sink.finish()
    }
}

/// A dictionary key.
fn key(index: usize) -> std::io::Result<i32> {
    i32::try_from(index).map_err(|_| {
        std::io::Error::other("more than 2^31 distinct names in one column of the Parquet output")
    })
}

/// The key of `name` in `names`, added when new.
fn key_of<'a>(names: &mut Vec<&'a str>, name: &'a str) -> std::io::Result<i32> {
    let at = if let Some(at) = names.iter().position(|n| *n == name) {
        at
    } else {
        names.push(name);
        names.len() - 1
    };
    key(at)
}

/// Rows per row group of a table of `width` Float64 columns: about [`ROW_GROUP_VALUE_BYTES`] of
/// values, at least one row, at most [`ROW_GROUP_ROWS`].
fn rows_per_group(width: usize) -> usize {
    (ROW_GROUP_VALUE_BYTES / (8 * width.max(1))).clamp(1, ROW_GROUP_ROWS)
}

/// The table of `gas solve --loads … --format parquet`: `step` (the step's label, Utf8),
/// `iterations` (UInt32), then one Float64 column per junction pressure and branch flow, named
/// and ordered as the CSV's header (null where the CSV has an empty cell).
pub(crate) struct SeriesRows<'w> {
    sink: Sink<'w>,
    schema: SchemaRef,
    rows_per_group: usize,
    labels: Vec<String>,
    iterations: Vec<u32>,
    /// One vector per value column.
    values: Vec<Vec<Option<f64>>>,
}

impl<'w> SeriesRows<'w> {
    /// Starts the file on `out` for the steps of `net`.
    pub(crate) fn new(out: &'w mut dyn Write, net: &Network) -> std::io::Result<Self> {
        let names = series_columns(net);
        let mut fields = Vec::with_capacity(names.len());
        for (i, name) in names.into_iter().enumerate() {
            fields.push(match i {
                0 => Field::new(name, DataType::Utf8, false),
                1 => Field::new(name, DataType::UInt32, false),
                _ => Field::new(name, DataType::Float64, true),
            });
        }
        let width = fields.len().saturating_sub(2);
        let rows_per_group = rows_per_group(width);
        let schema = Arc::new(Schema::new(fields));
        Ok(Self {
            sink: Sink::new(Arc::clone(&schema), out, rows_per_group)?,
            schema,
            rows_per_group,
            labels: Vec::new(),
            iterations: Vec::new(),
            values: vec![Vec::new(); width],
        })
    }

    /// Adds the row of one step.
    pub(crate) fn push(&mut self, label: &str, solution: &Solution) -> std::io::Result<()> {
        self.labels.push(label.to_owned());
        self.iterations
            .push(u32::try_from(solution.iterations).unwrap_or(u32::MAX));
        let mut width = 0;
        for (column, v) in self.values.iter_mut().zip(series_values(solution)) {
            column.push(v);
            width += 1;
        }
        if width != self.values.len() {
            return Err(std::io::Error::other(format!(
                "a solution has {width} pressures and flows for a table of {} columns",
                self.values.len()
            )));
        }
        if self.labels.len() >= self.rows_per_group {
            self.flush()?;
        }
        Ok(())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        if self.labels.is_empty() {
            return Ok(());
        }
        let mut columns: Vec<ArrayRef> = Vec::with_capacity(self.values.len() + 2);
        columns.push(Arc::new(StringArray::from_iter_values(std::mem::take(
            &mut self.labels,
        ))));
        columns.push(Arc::new(UInt32Array::from(std::mem::take(
            &mut self.iterations,
        ))));
        for column in &mut self.values {
            columns.push(Arc::new(Float64Array::from(std::mem::take(column))));
        }
        let batch =
            RecordBatch::try_new(Arc::clone(&self.schema), columns).map_err(|e| arrow_error(&e))?;
        self.sink.write(&batch)
    }

    /// Writes the last rows and the footer.
    pub(crate) fn finish(mut self) -> std::io::Result<()> {
        self.flush()?;
        self.sink.finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_count_days_from_1970() {
        assert_eq!(date32(NaiveDate::from_ymd_opt(1970, 1, 1).unwrap()), 0);
        assert_eq!(date32(NaiveDate::from_ymd_opt(1969, 12, 31).unwrap()), -1);
        assert_eq!(date32(NaiveDate::from_ymd_opt(2000, 3, 1).unwrap()), 11_017);
    }

    #[test]
    fn a_wide_table_gets_fewer_rows_per_row_group() {
        assert_eq!(rows_per_group(0), ROW_GROUP_ROWS);
        assert_eq!(rows_per_group(8), ROW_GROUP_ROWS);
        // A 2,000-column gas table: 4,194 hourly steps (64 MiB of values) per row group.
        assert_eq!(rows_per_group(2_000), 4_194);
        assert_eq!(rows_per_group(usize::MAX / 8), 1);
    }

    #[test]
    fn the_writer_leaves_no_time_or_library_version_in_the_file() {
        let props = properties(10);
        assert_eq!(props.created_by(), CREATED_BY);
        assert!(props.key_value_metadata().is_none());
        assert_eq!(props.max_row_group_row_count(), Some(10));
    }
}
