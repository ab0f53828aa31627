//! The loads of `gas solve --loads LOADS.parquet` (feature `parquet`): the layout of the loads
//! CSV ([`dostyk_transit_gas::network::series`]) as Parquet columns.
//!
//! The first column labels the steps (text, integers, dates or timestamps; written into the
//! results' `step` column as text); every other column is named by a load's id and holds its
//! withdrawal in kg/s (floating-point or integer numbers; negative for an injection). The file is
//! read one batch of rows at a time (row group by row group), only the columns it has are
//! decoded, and its size is checked from the footer before any row is read: at most
//! [`MAX_SERIES_VALUES`] withdrawals for the whole series (steps × the network's loads, the
//! memory of the series the solver is given) and [`MAX_UNCOMPRESSED_BYTES`] of rows. Errors name the file, the column and the row
//! (1-based, counting data rows).

use std::io::{Read, Seek, SeekFrom};
use std::path::Path;

use arrow_array::cast::AsArray;
use arrow_array::temporal_conversions::{as_datetime, date32_to_datetime, date64_to_datetime};
use arrow_array::types::{
    Date32Type, Date64Type, Float16Type, Float32Type, Float64Type, Int8Type, Int16Type, Int32Type,
    Int64Type, TimestampMicrosecondType, TimestampMillisecondType, TimestampNanosecondType,
    TimestampSecondType, UInt8Type, UInt16Type, UInt32Type, UInt64Type,
};
use arrow_array::{Array, ArrayRef};
use arrow_schema::{DataType, TimeUnit};
use dostyk_core_model::read::{Location, ReadError, open_regular};
use dostyk_transit_gas::network::series::load_columns;
use dostyk_transit_gas::network::{LoadSeries, Network};
use parquet::arrow::ProjectionMask;
use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;
use parquet::basic::Compression;

/// The most withdrawals a loads file may give, steps × the network's loads: 8 Mi numbers
/// (64 MiB in memory), the order of what the 64 MiB loads CSV can hold. Split a longer series.
pub(crate) const MAX_SERIES_VALUES: u64 = 8 << 20;

/// The largest footer (the file's metadata) read: 16 MiB, enough for tens of thousands of
/// columns.
const MAX_FOOTER_BYTES: u64 = 16 << 20;

/// The most bytes the file's rows may take uncompressed (as its footer gives them): 512 MiB,
/// room for [`MAX_SERIES_VALUES`] numbers and their steps' labels; a file of long text cells is
/// refused before it is decoded.
const MAX_UNCOMPRESSED_BYTES: u64 = 512 << 20;

/// Rows decoded at once.
const BATCH_ROWS: usize = 4096;

/// What a withdrawal must be, as the loads CSV says it.
const WITHDRAWAL: &str = "a withdrawal in kg/s (a finite number, negative for an injection)";

/// Reads the loads of `net` from the Parquet file `path`.
pub(crate) fn read(path: &Path, net: &Network) -> Result<LoadSeries, ReadError> {
    let whole = || Location::file(path);
    let mut file = open_regular(path)?;
    check_frame(&mut file, path)?;
    let builder = ParquetRecordBatchReaderBuilder::try_new(file).map_err(|e| {
        ReadError::invalid(
            whole(),
            format!("the Parquet footer cannot be read ({e}); write the file again"),
        )
    })?;
    let schema = std::sync::Arc::clone(builder.schema());
    let fields = schema.fields();
    let Some(label_field) = fields.first() else {
        return Err(ReadError::invalid(
            whole(),
            "has no column; expected a first column labelling the steps, then one column per \
             changing load named by its id",
        ));
    };
    if !is_label_type(label_field.data_type()) {
        return Err(ReadError::invalid(
            whole().field(label_field.name()),
            format!(
                "the first column (the steps' labels) is of type {}; expected text, integers, \
                 dates or timestamps",
                label_field.data_type()
            ),
        ));
    }
    let columns = load_columns(
        fields.iter().skip(1).map(|f| f.name().as_str()),
        &whole(),
        net,
    )?;
    for field in fields.iter().skip(1) {
        if !is_number_type(field.data_type()) {
            return Err(ReadError::invalid(
                whole().field(field.name()),
                format!(
                    "the column holds {}; expected numbers (Float64, Float32 or integers), each \
                     {WITHDRAWAL}",
                    field.data_type()
                ),
            ));
        }
    }
    let metadata = std::sync::Arc::clone(builder.metadata());
    let rows = u64::try_from(metadata.file_metadata().num_rows()).unwrap_or(0);
    if rows == 0 {
        return Err(ReadError::invalid(
            whole(),
            "has no step; expected one row per step",
        ));
    }
    let loads = net.loads.len().max(1) as u64;
    if rows.saturating_mul(loads) > MAX_SERIES_VALUES {
        return Err(ReadError::invalid(
            whole(),
            format!(
                "holds {rows} steps for a network of {loads} loads, {} withdrawals; at most \
                 {MAX_SERIES_VALUES} are solved in one run: split the series into shorter files",
                rows.saturating_mul(loads)
            ),
        ));
    }
    let uncompressed: u64 = metadata
        .row_groups()
        .iter()
        .map(|g| u64::try_from(g.total_byte_size()).unwrap_or(u64::MAX))
        .fold(0, u64::saturating_add);
    if uncompressed > MAX_UNCOMPRESSED_BYTES {
        return Err(ReadError::invalid(
            whole(),
            format!(
                "its rows take {uncompressed} bytes uncompressed; at most \
                 {MAX_UNCOMPRESSED_BYTES} are read: split the series into shorter files"
            ),
        ));
    }
    for group in metadata.row_groups() {
        for chunk in group.columns() {
            if let Some(name) = unreadable_compression(chunk.compression()) {
                return Err(ReadError::invalid(
                    whole().field(chunk.column_descr().name()),
                    format!(
                        "the column is compressed with {name}, which this dostyk does not read; \
                         write the file with zstd, snappy or no compression"
                    ),
                ));
            }
        }
    }
    let mask = ProjectionMask::roots(builder.parquet_schema(), 0..fields.len());
    let reader = builder
        .with_projection(mask)
        .with_batch_size(BATCH_ROWS)
        .build()
        .map_err(|e| {
            ReadError::invalid(
                whole(),
                format!("the Parquet file cannot be read ({e}); write the file again"),
            )
        })?;
    let base: Vec<f64> = net.loads.iter().map(|l| l.withdrawal_kg_per_s).collect();
    let capacity = usize::try_from(rows).unwrap_or(0);
    let mut series = LoadSeries {
        labels: Vec::with_capacity(capacity),
        withdrawals_kg_per_s: Vec::with_capacity(capacity),
    };
    for batch in reader {
        let first_row = series.labels.len() + 1;
        let batch = batch.map_err(|e| {
            ReadError::invalid(
                whole(),
                format!(
                    "the rows from row {first_row} on cannot be read ({e}); the file is damaged: \
                     write it again"
                ),
            )
        })?;
        let step_labels = labels(batch.column(0));
        let withdrawals: Vec<Vec<Option<f64>>> = (1..batch.num_columns())
            .map(|c| numbers(batch.column(c)))
            .collect();
        for r in 0..batch.num_rows() {
            let row = first_row + r;
            let Some(label) = step_labels[r].clone() else {
                return Err(ReadError::invalid(
                    whole().field(label_field.name()),
                    format!(
                        "row {row}: the step's label is empty (null) or not a valid date or \
                         time; expected a label for every step"
                    ),
                ));
            };
            let mut step = base.clone();
            for (i, &l) in columns.iter().enumerate() {
                match withdrawals[i][r] {
                    Some(v) if v.is_finite() => step[l] = v,
                    found => {
                        let found = found.map_or_else(|| "null".to_owned(), |v| v.to_string());
                        return Err(ReadError::invalid(
                            whole().field(fields[i + 1].name()),
                            format!("row {row}: found {found}; expected {WITHDRAWAL}"),
                        ));
                    }
                }
            }
            series.labels.push(label);
            series.withdrawals_kg_per_s.push(step);
        }
    }
    Ok(series)
}

/// Refuses what is not a whole Parquet file before the reader sees it: no `PAR1` at the start
/// (another kind of file), none at the end (a file cut short), or a footer longer than the
/// file or than [`MAX_FOOTER_BYTES`].
fn check_frame(file: &mut std::fs::File, path: &Path) -> Result<(), ReadError> {
    let whole = || Location::file(path);
    let io = |e| ReadError::io(path, e);
    let size = file.metadata().map_err(io)?.len();
    let mut head = [0u8; 4];
    let read = file.read(&mut head).map_err(io)?;
    if read < 4 || &head != b"PAR1" {
        return Err(ReadError::invalid(
            whole(),
            "is not a Parquet file (it does not begin with PAR1); give a Parquet file, or the \
             loads as CSV in a file not named .parquet",
        ));
    }
    let mut tail = [0u8; 8];
    let whole_tail = size >= 12
        && file.seek(SeekFrom::End(-8)).is_ok()
        && file.read_exact(&mut tail).is_ok()
        && &tail[4..] == b"PAR1";
    if !whole_tail {
        return Err(ReadError::invalid(
            whole(),
            format!(
                "the Parquet file is cut short: its {size} bytes do not end with the footer \
                 (PAR1); write it again (was it copied whole?)"
            ),
        ));
    }
    let footer = u64::from(u32::from_le_bytes([tail[0], tail[1], tail[2], tail[3]]));
    if footer > MAX_FOOTER_BYTES || footer + 12 > size {
        return Err(ReadError::invalid(
            whole(),
            format!(
                "the Parquet footer claims {footer} bytes in a file of {size} bytes (the limit is \
                 {MAX_FOOTER_BYTES}); the file is damaged: write it again"
            ),
        ));
    }
    file.seek(SeekFrom::Start(0)).map_err(io)?;
    Ok(())
}

/// The name of a compression this build cannot decode (`None` for one it can).
fn unreadable_compression(compression: Compression) -> Option<&'static str> {
    match compression {
        Compression::UNCOMPRESSED | Compression::SNAPPY | Compression::ZSTD(_) => None,
        Compression::GZIP(_) => Some("gzip"),
        Compression::LZO => Some("LZO"),
        Compression::BROTLI(_) => Some("Brotli"),
        Compression::LZ4 | Compression::LZ4_RAW => Some("LZ4"),
    }
}

fn is_text(t: &DataType) -> bool {
    matches!(t, DataType::Utf8 | DataType::LargeUtf8 | DataType::Utf8View)
}

fn is_label_type(t: &DataType) -> bool {
    is_text(t)
        || t.is_integer()
        || matches!(
            t,
            DataType::Date32 | DataType::Date64 | DataType::Timestamp(_, _)
        )
        || matches!(t, DataType::Dictionary(k, v) if k.is_integer() && is_text(v))
}

fn is_number_type(t: &DataType) -> bool {
    t.is_integer() || t.is_floating()
}

/// The withdrawals of a numeric column (checked by [`is_number_type`]); `None` for a null.
fn numbers(array: &ArrayRef) -> Vec<Option<f64>> {
    macro_rules! each {
        ($t:ty) => {
            array
                .as_primitive::<$t>()
                .iter()
                .map(|v| v.map(f64::from))
                .collect()
        };
    }
    // Integers beyond 2^53 round to the nearest double, as the CSV's text does.
    macro_rules! each_wide {
        ($t:ty) => {
            array
                .as_primitive::<$t>()
                .iter()
                .map(|v| v.map(|v| v as f64))
                .collect()
        };
    }
    match array.data_type() {
        DataType::Float64 => each!(Float64Type),
        DataType::Float32 => each!(Float32Type),
        DataType::Float16 => each!(Float16Type),
        DataType::Int8 => each!(Int8Type),
        DataType::Int16 => each!(Int16Type),
        DataType::Int32 => each!(Int32Type),
        DataType::Int64 => each_wide!(Int64Type),
        DataType::UInt8 => each!(UInt8Type),
        DataType::UInt16 => each!(UInt16Type),
        DataType::UInt32 => each!(UInt32Type),
        DataType::UInt64 => each_wide!(UInt64Type),
        _ => vec![None; array.len()],
    }
}

/// The labels of a label column (checked by [`is_label_type`]) as text; `None` for a null, or
/// a date or time out of range.
fn labels(array: &ArrayRef) -> Vec<Option<String>> {
    macro_rules! each {
        ($t:ty, $text:expr) => {
            array
                .as_primitive::<$t>()
                .iter()
                .map(|v| v.and_then($text))
                .collect()
        };
    }
    macro_rules! integers {
        ($t:ty) => {
            array
                .as_primitive::<$t>()
                .iter()
                .map(|v| v.map(|v| v.to_string()))
                .collect()
        };
    }
    match array.data_type() {
        DataType::Utf8 => array
            .as_string::<i32>()
            .iter()
            .map(|v| v.map(str::to_owned))
            .collect(),
        DataType::LargeUtf8 => array
            .as_string::<i64>()
            .iter()
            .map(|v| v.map(str::to_owned))
            .collect(),
        DataType::Utf8View => array
            .as_string_view()
            .iter()
            .map(|v| v.map(str::to_owned))
            .collect(),
        DataType::Dictionary(_, _) => {
            let dictionary = array.as_any_dictionary();
            let values = labels(dictionary.values());
            dictionary
                .normalized_keys()
                .into_iter()
                .enumerate()
                .map(|(r, k)| {
                    if dictionary.is_null(r) {
                        None
                    } else {
                        values.get(k).cloned().flatten()
                    }
                })
                .collect()
        }
        DataType::Date32 => each!(Date32Type, |v| date32_to_datetime(v)
            .map(|d| d.date().to_string())),
        DataType::Date64 => each!(Date64Type, |v| date64_to_datetime(v)
            .map(|d| d.date().to_string())),
        DataType::Timestamp(TimeUnit::Second, _) => each!(TimestampSecondType, |v| as_datetime::<
            TimestampSecondType,
        >(v)
        .map(|t| t.to_string())),
        DataType::Timestamp(TimeUnit::Millisecond, _) => {
            each!(TimestampMillisecondType, |v| as_datetime::<
                TimestampMillisecondType,
            >(v)
            .map(|t| t.to_string()))
        }
        DataType::Timestamp(TimeUnit::Microsecond, _) => {
            each!(TimestampMicrosecondType, |v| as_datetime::<
                TimestampMicrosecondType,
            >(v)
            .map(|t| t.to_string()))
        }
        DataType::Timestamp(TimeUnit::Nanosecond, _) => {
            each!(TimestampNanosecondType, |v| as_datetime::<
                TimestampNanosecondType,
            >(v)
            .map(|t| t.to_string()))
        }
        DataType::Int8 => integers!(Int8Type),
        DataType::Int16 => integers!(Int16Type),
        DataType::Int32 => integers!(Int32Type),
        DataType::Int64 => integers!(Int64Type),
        DataType::UInt8 => integers!(UInt8Type),
        DataType::UInt16 => integers!(UInt16Type),
        DataType::UInt32 => integers!(UInt32Type),
        DataType::UInt64 => integers!(UInt64Type),
        _ => vec![None; array.len()],
    }
}
