//! Rows of the Comtrade reader into Arrow [`RecordBatch`]es, a bounded number of rows at a time.

use std::path::Path;
use std::sync::Arc;

use arrow::array::{
    ArrayRef, Date32Builder, Decimal128Builder, Float64Builder, Int32Builder,
    StringDictionaryBuilder, UInt8Builder, UInt16Builder, UInt64Builder,
};
use arrow::datatypes::{SchemaRef, UInt8Type, UInt16Type};
use arrow::record_batch::RecordBatch;
use chrono::NaiveDate;
use dostyk_core_model::period::PeriodKind;
use dostyk_core_model::read::{Location, ReadError};
use dostyk_trade::flow::{Commodity, Level, TradeFlow};
use rust_decimal::Decimal;

use crate::error::{Error, Result};
use crate::schema::{VALUE_PRECISION, VALUE_SCALE, comtrade_schema};

/// Days from 0001-01-01 (chrono's day 1) to 1970-01-01, the Arrow `Date32` epoch.
const UNIX_EPOCH_DAYS_FROM_CE: i32 = 719_163;

/// Builds one [`RecordBatch`] of the full `comtrade` schema from [`TradeFlow`]s.
pub(crate) struct BatchBuilder {
    schema: SchemaRef,
    rows: usize,
    reporter_code: UInt16Builder,
    reporter_iso: StringDictionaryBuilder<UInt16Type>,
    partner_code: UInt16Builder,
    partner_iso: StringDictionaryBuilder<UInt16Type>,
    period: Date32Builder,
    freq_code: StringDictionaryBuilder<UInt8Type>,
    ref_year: Int32Builder,
    ref_month: UInt8Builder,
    flow_code: StringDictionaryBuilder<UInt8Type>,
    classification_code: StringDictionaryBuilder<UInt8Type>,
    cmd_code: StringDictionaryBuilder<UInt16Type>,
    aggr_level: UInt8Builder,
    partner2_code: UInt16Builder,
    mot_code: UInt16Builder,
    customs_code: StringDictionaryBuilder<UInt8Type>,
    primary_value: Decimal128Builder,
    cif_value: Decimal128Builder,
    fob_value: Decimal128Builder,
    net_wgt: Float64Builder,
    qty: Float64Builder,
    qty_unit_code: Int32Builder,
    qty_unit_abbr: StringDictionaryBuilder<UInt16Type>,
    source_id: StringDictionaryBuilder<UInt16Type>,
    file: StringDictionaryBuilder<UInt16Type>,
    line: UInt64Builder,
    /// The text of codes, reused between rows.
    text: String,
    /// Area labels by M49 code (a label takes a table lookup and an allocation).
    labels: std::collections::HashMap<u16, Box<str>>,
    /// The last file's path as text.
    last_file: Option<(Arc<Path>, Box<str>)>,
}

fn decimal_builder(capacity: usize) -> Decimal128Builder {
    Decimal128Builder::with_capacity(capacity)
        .with_precision_and_scale(VALUE_PRECISION, VALUE_SCALE)
        .expect("38 and 6 are a valid Decimal128 precision and scale")
}

/// The value as an integer number of millionths; an error naming the row's place when it has
/// more than [`VALUE_SCALE`] decimal places (the reader has already refused values above
/// 10^15, so the result fits).
pub(crate) fn scaled(value: Decimal, file: &Path, line: u64, field: &str) -> Result<i128> {
    let scale = VALUE_SCALE.unsigned_abs().into();
    let mut v = value;
    if v.scale() > scale {
        let rounded = v.round_dp(scale);
        if rounded != v {
            return Err(Error::Read(ReadError::value(
                Location::file(file).line(line).field(field),
                value.to_string(),
                format!(
                    "a US dollar value with at most {scale} decimal places (Comtrade publishes at most 3); the table keeps values exactly as Decimal128(38, {scale}) and does not round"
                ),
            )));
        }
        v = rounded;
    }
    v.rescale(scale);
    Ok(v.mantissa())
}

impl BatchBuilder {
    pub(crate) fn new(capacity: usize) -> Self {
        Self {
            schema: comtrade_schema(),
            rows: 0,
            reporter_code: UInt16Builder::with_capacity(capacity),
            reporter_iso: StringDictionaryBuilder::new(),
            partner_code: UInt16Builder::with_capacity(capacity),
            partner_iso: StringDictionaryBuilder::new(),
            period: Date32Builder::with_capacity(capacity),
            freq_code: StringDictionaryBuilder::new(),
            ref_year: Int32Builder::with_capacity(capacity),
            ref_month: UInt8Builder::with_capacity(capacity),
            flow_code: StringDictionaryBuilder::new(),
            classification_code: StringDictionaryBuilder::new(),
            cmd_code: StringDictionaryBuilder::new(),
            aggr_level: UInt8Builder::with_capacity(capacity),
            partner2_code: UInt16Builder::with_capacity(capacity),
            mot_code: UInt16Builder::with_capacity(capacity),
            customs_code: StringDictionaryBuilder::new(),
            primary_value: decimal_builder(capacity),
            cif_value: decimal_builder(capacity),
            fob_value: decimal_builder(capacity),
            net_wgt: Float64Builder::with_capacity(capacity),
            qty: Float64Builder::with_capacity(capacity),
            qty_unit_code: Int32Builder::with_capacity(capacity),
            qty_unit_abbr: StringDictionaryBuilder::new(),
            source_id: StringDictionaryBuilder::new(),
            file: StringDictionaryBuilder::new(),
            line: UInt64Builder::with_capacity(capacity),
            text: String::new(),
            labels: std::collections::HashMap::new(),
            last_file: None,
        }
    }

    /// Rows appended since the last [`BatchBuilder::finish`].
    pub(crate) fn len(&self) -> usize {
        self.rows
    }

    /// Appends one flow, its line moved by `line_offset` (the lines before a byte range). The
    /// values are checked before anything is appended, so a refused row leaves the builder as
    /// it was.
    pub(crate) fn push(&mut self, flow: &TradeFlow, line_offset: u64) -> Result<()> {
        use std::fmt::Write as _;
        let file = &*flow.origin.file;
        let line = flow.origin.line + line_offset;
        let primary = scaled(flow.value_usd, file, line, "primaryValue")?;
        let cif = flow
            .cif_usd
            .map(|v| scaled(v, file, line, "cifvalue"))
            .transpose()?;
        let fob = flow
            .fob_usd
            .map(|v| scaled(v, file, line, "fobvalue"))
            .transpose()?;

        self.reporter_code.append_value(flow.reporter.m49());
        self.reporter_iso
            .append_value(label(&mut self.labels, flow.reporter));
        self.partner_code.append_value(flow.partner.m49());
        self.partner_iso
            .append_value(label(&mut self.labels, flow.partner));
        let first = flow.period.first_day();
        self.period.append_value(date32(first));
        let (freq, month) = match flow.period.kind() {
            PeriodKind::Month => ("M", flow.period.month_number().unwrap_or(1) as u8),
            _ => ("A", 52),
        };
        self.freq_code.append_value(freq);
        self.ref_year.append_value(flow.period.calendar_year());
        self.ref_month.append_value(month);
        self.flow_code.append_value(flow.flow.code());
        match &flow.commodity {
            Commodity::Total => {
                self.classification_code.append_null();
                self.cmd_code.append_value("TOTAL");
            }
            Commodity::Hs { code, edition } => {
                match edition {
                    Some(e) => self.classification_code.append_value(e.code()),
                    None => self.classification_code.append_null(),
                }
                self.text.clear();
                let _ = write!(self.text, "{code}");
                self.cmd_code.append_value(&self.text);
            }
            Commodity::Other {
                code,
                classification,
            } => {
                if classification.is_empty() {
                    self.classification_code.append_null();
                } else {
                    self.classification_code.append_value(classification);
                }
                self.cmd_code.append_value(code);
            }
        }
        self.aggr_level
            .append_option(flow.commodity.level().map(|l| match l {
                Level::Total => 0,
                Level::Hs2 => 2,
                Level::Hs4 => 4,
                Level::Hs6 => 6,
            }));
        self.partner2_code.append_value(flow.breakdown.partner2);
        self.mot_code.append_value(flow.breakdown.mode_of_transport);
        self.text.clear();
        let _ = write!(self.text, "C{:02}", flow.breakdown.customs_procedure);
        self.customs_code.append_value(&self.text);
        self.primary_value.append_value(primary);
        self.cif_value.append_option(cif);
        self.fob_value.append_option(fob);
        self.net_wgt.append_option(flow.net_weight_kg);
        if let Some(q) = &flow.quantity {
            self.qty.append_value(q.amount);
            self.qty_unit_code.append_value(q.unit_code);
            self.qty_unit_abbr.append_option(q.unit.as_deref());
        } else {
            self.qty.append_null();
            self.qty_unit_code.append_null();
            self.qty_unit_abbr.append_null();
        }
        self.source_id.append_value(flow.origin.source.as_str());
        if !self
            .last_file
            .as_ref()
            .is_some_and(|(f, _)| Arc::ptr_eq(f, &flow.origin.file))
        {
            let text = file.to_string_lossy().into_owned().into_boxed_str();
            self.last_file = Some((Arc::clone(&flow.origin.file), text));
        }
        if let Some((_, text)) = &self.last_file {
            self.file.append_value(text);
        }
        self.line.append_value(line);
        self.rows += 1;
        Ok(())
    }

    /// The rows appended so far as a batch of the full schema; the builder is empty after.
    pub(crate) fn finish(&mut self) -> Result<RecordBatch> {
        let columns: Vec<ArrayRef> = vec![
            Arc::new(self.reporter_code.finish()),
            Arc::new(self.reporter_iso.finish()),
            Arc::new(self.partner_code.finish()),
            Arc::new(self.partner_iso.finish()),
            Arc::new(self.period.finish()),
            Arc::new(self.freq_code.finish()),
            Arc::new(self.ref_year.finish()),
            Arc::new(self.ref_month.finish()),
            Arc::new(self.flow_code.finish()),
            Arc::new(self.classification_code.finish()),
            Arc::new(self.cmd_code.finish()),
            Arc::new(self.aggr_level.finish()),
            Arc::new(self.partner2_code.finish()),
            Arc::new(self.mot_code.finish()),
            Arc::new(self.customs_code.finish()),
            Arc::new(
                self.primary_value
                    .finish()
                    .with_precision_and_scale(VALUE_PRECISION, VALUE_SCALE)?,
            ),
            Arc::new(
                self.cif_value
                    .finish()
                    .with_precision_and_scale(VALUE_PRECISION, VALUE_SCALE)?,
            ),
            Arc::new(
                self.fob_value
                    .finish()
                    .with_precision_and_scale(VALUE_PRECISION, VALUE_SCALE)?,
            ),
            Arc::new(self.net_wgt.finish()),
            Arc::new(self.qty.finish()),
            Arc::new(self.qty_unit_code.finish()),
            Arc::new(self.qty_unit_abbr.finish()),
            Arc::new(self.source_id.finish()),
            Arc::new(self.file.finish()),
            Arc::new(self.line.finish()),
        ];
        self.rows = 0;
        Ok(RecordBatch::try_new(Arc::clone(&self.schema), columns)?)
    }
}

/// The label of an area (ISO alpha-3, `W00`, or the number), computed once per code.
fn label(
    labels: &mut std::collections::HashMap<u16, Box<str>>,
    area: dostyk_trade::area::M49Area,
) -> &str {
    labels
        .entry(area.m49())
        .or_insert_with(|| area.label().into_boxed_str())
}

/// Days since 1970-01-01.
pub(crate) fn date32(date: NaiveDate) -> i32 {
    use chrono::Datelike;
    date.num_days_from_ce() - UNIX_EPOCH_DAYS_FROM_CE
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal::prelude::FromStr;

    #[test]
    fn dates_count_from_the_unix_epoch() {
        assert_eq!(date32(NaiveDate::from_ymd_opt(1970, 1, 1).unwrap()), 0);
        assert_eq!(date32(NaiveDate::from_ymd_opt(2022, 1, 1).unwrap()), 18_993);
    }

    #[test]
    fn values_keep_six_places_and_refuse_more() {
        let p = Path::new("a.csv");
        let d = |s: &str| Decimal::from_str(s).unwrap();
        assert_eq!(scaled(d("1.5"), p, 2, "primaryValue").unwrap(), 1_500_000);
        assert_eq!(
            scaled(d("1000000000000000"), p, 2, "primaryValue").unwrap(),
            1_000_000_000_000_000_000_000
        );
        assert_eq!(scaled(d("0.1230000000"), p, 2, "x").unwrap(), 123_000);
        let e = scaled(d("0.1234567"), p, 7, "primaryValue")
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("a.csv") && e.contains("line 7") && e.contains("primaryValue"),
            "{e}"
        );
    }
}
