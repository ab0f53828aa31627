//! The columns of the `comtrade` table and the Arrow schema they make.

use std::sync::{Arc, LazyLock};

use arrow::datatypes::{DataType, Field, Schema, SchemaRef};

/// Precision of the value columns (`primary_value`, `cif_value`, `fob_value`): the most an
/// Arrow `Decimal128` holds.
pub const VALUE_PRECISION: u8 = 38;
/// Decimal places kept of each value: Comtrade publishes US dollars with at most three, so six
/// keep every published value exactly; a value with more places is refused (with its file,
/// line and column) rather than rounded. With values refused above 10^15 by the reader, a sum
/// of 10^17 rows still fits 38 digits, so `SUM` cannot overflow.
pub const VALUE_SCALE: i8 = 6;

/// One column: its name (Comtrade's field name in snake_case), type and meaning.
#[derive(Debug, Clone, Copy)]
pub struct Column {
    /// The column name in SQL.
    pub name: &'static str,
    /// The Comtrade field it comes from.
    pub comtrade: &'static str,
    /// What it holds.
    pub meaning: &'static str,
}

/// Every column of the `comtrade` table, in order; the crate documentation and docs/scale.md
/// list the same.
pub const COLUMNS: &[Column] = &[
    Column {
        name: "reporter_code",
        comtrade: "reporterCode",
        meaning: "UInt16: the reporter's M49 code as read (842 for the USA)",
    },
    Column {
        name: "reporter_iso",
        comtrade: "reporterISO",
        meaning: "dictionary text: ISO alpha-3 of a country, W00 for World, else the numeric code",
    },
    Column {
        name: "partner_code",
        comtrade: "partnerCode",
        meaning: "UInt16: the partner's M49 code (0 World)",
    },
    Column {
        name: "partner_iso",
        comtrade: "partnerISO",
        meaning: "dictionary text: as reporter_iso",
    },
    Column {
        name: "period",
        comtrade: "period / refPeriodId",
        meaning: "Date32: the first day of the year or month",
    },
    Column {
        name: "freq_code",
        comtrade: "freqCode",
        meaning: "dictionary text: A (a year) or M (a month)",
    },
    Column {
        name: "ref_year",
        comtrade: "refYear",
        meaning: "Int32: the calendar year",
    },
    Column {
        name: "ref_month",
        comtrade: "refMonth",
        meaning: "UInt8: 1 to 12, 52 for a whole year",
    },
    Column {
        name: "flow_code",
        comtrade: "flowCode",
        meaning: "dictionary text: M, X, RM, RX, DX, FM, MIP, MOP, XIP, XOP (legacy 1-4 mapped)",
    },
    Column {
        name: "classification_code",
        comtrade: "classificationCode",
        meaning: "dictionary text: H0…H6, or the code of another classification (S3, EB02); null when the file gives no edition",
    },
    Column {
        name: "cmd_code",
        comtrade: "cmdCode",
        meaning: "dictionary text: TOTAL or the HS code with its leading zeros",
    },
    Column {
        name: "aggr_level",
        comtrade: "aggrLevel",
        meaning: "UInt8: 0 for TOTAL, 2, 4 or 6 for HS codes; null outside HS",
    },
    Column {
        name: "partner2_code",
        comtrade: "partner2Code",
        meaning: "UInt16: second partner (0 World: the total)",
    },
    Column {
        name: "mot_code",
        comtrade: "motCode",
        meaning: "UInt16: mode of transport (0: all modes)",
    },
    Column {
        name: "customs_code",
        comtrade: "customsCode",
        meaning: "dictionary text: C00 (all procedures) to C99",
    },
    Column {
        name: "primary_value",
        comtrade: "primaryValue",
        meaning: "Decimal128(38, 6): US dollars, CIF for imports, FOB for exports",
    },
    Column {
        name: "cif_value",
        comtrade: "cifvalue",
        meaning: "Decimal128(38, 6), null when not given",
    },
    Column {
        name: "fob_value",
        comtrade: "fobvalue",
        meaning: "Decimal128(38, 6), null when not given",
    },
    Column {
        name: "net_wgt",
        comtrade: "netWgt",
        meaning: "Float64: kilograms, null when not given",
    },
    Column {
        name: "qty",
        comtrade: "qty",
        meaning: "Float64: in the unit qty_unit_code, null when not given",
    },
    Column {
        name: "qty_unit_code",
        comtrade: "qtyUnitCode",
        meaning: "Int32: 8 kg, 5 items…, -1 none; null without a quantity",
    },
    Column {
        name: "qty_unit_abbr",
        comtrade: "qtyUnitAbbr",
        meaning: "dictionary text, null when not given",
    },
    Column {
        name: "source_id",
        comtrade: "-",
        meaning: "dictionary text: the source id the rows are attributed to (comtrade-<file stem>)",
    },
    Column {
        name: "file",
        comtrade: "-",
        meaning: "dictionary text: the file the row was read from, as given",
    },
    Column {
        name: "line",
        comtrade: "-",
        meaning: "UInt64: the row's line in that file",
    },
];

/// Column positions, in the order of [`COLUMNS`].
pub(crate) mod col {
    pub(crate) const REPORTER_ISO: usize = 1;
    pub(crate) const REF_YEAR: usize = 6;
}

fn dict(key: DataType) -> DataType {
    DataType::Dictionary(Box::new(key), Box::new(DataType::Utf8))
}

fn value() -> DataType {
    DataType::Decimal128(VALUE_PRECISION, VALUE_SCALE)
}

static SCHEMA: LazyLock<SchemaRef> = LazyLock::new(|| {
    let f = Field::new;
    Arc::new(Schema::new(vec![
        f("reporter_code", DataType::UInt16, false),
        f("reporter_iso", dict(DataType::UInt16), false),
        f("partner_code", DataType::UInt16, false),
        f("partner_iso", dict(DataType::UInt16), false),
        f("period", DataType::Date32, false),
        f("freq_code", dict(DataType::UInt8), false),
        f("ref_year", DataType::Int32, false),
        f("ref_month", DataType::UInt8, false),
        f("flow_code", dict(DataType::UInt8), false),
        f("classification_code", dict(DataType::UInt8), true),
        f("cmd_code", dict(DataType::UInt16), false),
        f("aggr_level", DataType::UInt8, true),
        f("partner2_code", DataType::UInt16, false),
        f("mot_code", DataType::UInt16, false),
        f("customs_code", dict(DataType::UInt8), false),
        f("primary_value", value(), false),
        f("cif_value", value(), true),
        f("fob_value", value(), true),
        f("net_wgt", DataType::Float64, true),
        f("qty", DataType::Float64, true),
        f("qty_unit_code", DataType::Int32, true),
        f("qty_unit_abbr", dict(DataType::UInt16), true),
        f("source_id", dict(DataType::UInt16), false),
        f("file", dict(DataType::UInt16), false),
        f("line", DataType::UInt64, false),
    ]))
});

/// The Arrow schema of the `comtrade` table (the same for Comtrade files and their Parquet
/// conversion).
pub fn comtrade_schema() -> SchemaRef {
    Arc::clone(&SCHEMA)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_documented_columns_are_the_schema() {
        let schema = comtrade_schema();
        let names: Vec<&str> = schema.fields().iter().map(|f| f.name().as_str()).collect();
        let documented: Vec<&str> = COLUMNS.iter().map(|c| c.name).collect();
        assert_eq!(names, documented);
        for (i, name) in [
            (col::REPORTER_ISO, "reporter_iso"),
            (col::REF_YEAR, "ref_year"),
        ] {
            assert_eq!(schema.field(i).name(), name);
        }
    }
}
