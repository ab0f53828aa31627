//! Which Comtrade layout a header belongs to, and where each needed column is.
//!
//! Columns are found by name, case-insensitively and in any order. Each field the reader uses
//! has the names the three layouts give it:
//!
//! | field | current API CSV and bulk TSV | legacy, machine headings | legacy, human headings |
//! |---|---|---|---|
//! | reporter | `reporterCode` | `rtCode` | `Reporter Code` |
//! | partner | `partnerCode` | `ptCode` | `Partner Code` |
//! | second partner | `partner2Code` | `ptCode2` | `2nd Partner Code` |
//! | flow | `flowCode` | `rgCode` | `Trade Flow Code` |
//! | year | `refYear` | `yr` | `Year` |
//! | month | `refMonth` (52 = annual) | – | – |
//! | period | `period` | `period` | `Period` |
//! | first day of the period | `refPeriodId` (`YYYYMMDD`) | – | – |
//! | classification | `classificationCode` | `pfCode` | `Classification` |
//! | commodity | `cmdCode` | `cmdCode` | `Commodity Code` |
//! | customs procedure | `customsCode` | `cstCode` | `Customs Proc. Code` |
//! | mode of transport | `motCode` | `motCode` | `Mode of Transport Code` |
//! | quantity unit | `qtyUnitCode`, `qtyUnitAbbr` | `qtCode`, `qtDesc` | `Qty Unit Code`, `Qty Unit` |
//! | quantity | `qty` | `TradeQuantity` | `Qty` |
//! | net weight (kg) | `netWgt` | `NetWeight` | `Netweight (kg)` |
//! | CIF value | `cifvalue` / `cifValue` | `CIFValue` | `CIF Trade Value (US$)` |
//! | FOB value | `fobvalue` / `fobValue` | `FOBValue` | `FOB Trade Value (US$)` |
//! | value (US$) | `primaryValue` | `TradeValue` | `Trade Value (US$)` |
//!
//! A period needs either `period` or `refYear`/`yr`/`Year` (with `refMonth` for months). When a
//! file has both, they must agree, and `refPeriodId`, when present, must be the first day of
//! the period (`20220101` for 2022 or January 2022, `20221101` for November 2022).

use std::fmt;

use serde::{Deserialize, Serialize};

/// The Comtrade file layouts the reader accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Layout {
    /// The current API's CSV (47 columns, `typeCode` … `isAggregate`, with ISO codes and
    /// descriptions).
    ApiCsv,
    /// A bulk file: tab-separated, no ISO or description columns, `datasetCode` added.
    BulkTsv,
    /// The legacy API CSV with human headings (`Trade Value (US$)`).
    LegacyHuman,
    /// The legacy API CSV with machine headings (`TradeValue`, `rtCode`).
    LegacyMachine,
}

impl fmt::Display for Layout {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Layout::ApiCsv => "Comtrade API CSV",
            Layout::BulkTsv => "Comtrade bulk file",
            Layout::LegacyHuman => "legacy Comtrade CSV (human headings)",
            Layout::LegacyMachine => "legacy Comtrade CSV (machine headings)",
        })
    }
}

/// The fields the reader takes from a row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Field {
    Reporter,
    Partner,
    Partner2,
    Flow,
    Year,
    Month,
    Period,
    RefPeriodId,
    Classification,
    Commodity,
    Customs,
    Mot,
    QtyUnitCode,
    QtyUnit,
    Qty,
    NetWeight,
    Cif,
    Fob,
    Value,
}

/// Every field with its accepted header names (compared case-insensitively).
const ALIASES: &[(Field, &[&str])] = &[
    (
        Field::Reporter,
        &["reporterCode", "rtCode", "Reporter Code"],
    ),
    (Field::Partner, &["partnerCode", "ptCode", "Partner Code"]),
    (
        Field::Partner2,
        &["partner2Code", "ptCode2", "2nd Partner Code"],
    ),
    (Field::Flow, &["flowCode", "rgCode", "Trade Flow Code"]),
    (Field::Year, &["refYear", "yr", "Year"]),
    (Field::Month, &["refMonth"]),
    (Field::Period, &["period"]),
    (Field::RefPeriodId, &["refPeriodId"]),
    (
        Field::Classification,
        &["classificationCode", "pfCode", "Classification"],
    ),
    (Field::Commodity, &["cmdCode", "Commodity Code"]),
    (
        Field::Customs,
        &["customsCode", "cstCode", "Customs Proc. Code"],
    ),
    (Field::Mot, &["motCode", "Mode of Transport Code"]),
    (
        Field::QtyUnitCode,
        &["qtyUnitCode", "qtCode", "Qty Unit Code"],
    ),
    (Field::QtyUnit, &["qtyUnitAbbr", "qtDesc", "Qty Unit"]),
    (Field::Qty, &["qty", "TradeQuantity", "Qty"]),
    (Field::NetWeight, &["netWgt", "NetWeight", "Netweight (kg)"]),
    (
        Field::Cif,
        &["cifvalue", "CIFValue", "CIF Trade Value (US$)"],
    ),
    (
        Field::Fob,
        &["fobvalue", "FOBValue", "FOB Trade Value (US$)"],
    ),
    (
        Field::Value,
        &["primaryValue", "TradeValue", "Trade Value (US$)"],
    ),
];

const FIELD_COUNT: usize = 19;

fn slot(field: Field) -> usize {
    field as usize
}

/// Column positions of one file, resolved once from its header.
#[derive(Debug, Clone)]
pub(crate) struct Columns {
    index: [Option<usize>; FIELD_COUNT],
    names: Vec<String>,
    pub(crate) layout: Layout,
}

impl Columns {
    /// Resolves the header; on failure returns the list of missing columns, each written with
    /// its aliases.
    pub(crate) fn resolve(header: &[String]) -> Result<Self, Vec<String>> {
        let mut index = [None; FIELD_COUNT];
        for (i, raw) in header.iter().enumerate() {
            let name = raw.trim();
            for (field, aliases) in ALIASES {
                if index[slot(*field)].is_none()
                    && aliases.iter().any(|a| a.eq_ignore_ascii_case(name))
                {
                    index[slot(*field)] = Some(i);
                }
            }
        }
        let mut missing = Vec::new();
        let need = |f: Field| index[slot(f)].is_none();
        for field in [
            Field::Reporter,
            Field::Partner,
            Field::Flow,
            Field::Commodity,
        ] {
            if need(field) {
                missing.push(describe(field));
            }
        }
        if need(Field::Period) && need(Field::Year) {
            missing.push(format!(
                "{} or {}",
                describe(Field::Period),
                describe(Field::Year)
            ));
        }
        if need(Field::Value) {
            missing.push(describe(Field::Value));
        }
        if !missing.is_empty() {
            return Err(missing);
        }
        let has = |name: &str| header.iter().any(|h| h.trim().eq_ignore_ascii_case(name));
        let layout = if has("Trade Value (US$)") {
            Layout::LegacyHuman
        } else if has("TradeValue") {
            Layout::LegacyMachine
        } else if has("datasetCode") || !has("reporterISO") {
            Layout::BulkTsv
        } else {
            Layout::ApiCsv
        };
        Ok(Self {
            index,
            names: header.iter().map(|h| h.trim().to_owned()).collect(),
            layout,
        })
    }

    pub(crate) fn get(&self, field: Field) -> Option<usize> {
        self.index[slot(field)]
    }

    /// The header name of a column, for messages.
    pub(crate) fn name(&self, index: usize) -> &str {
        self.names.get(index).map_or("?", String::as_str)
    }

    /// The largest column index among the resolved fields.
    pub(crate) fn max_index(&self) -> usize {
        self.index.iter().flatten().copied().max().unwrap_or(0)
    }

    /// The number of columns of the header.
    pub(crate) fn width(&self) -> usize {
        self.names.len()
    }
}

fn describe(field: Field) -> String {
    let aliases = ALIASES
        .iter()
        .find(|(f, _)| *f == field)
        .map_or(&[][..], |(_, a)| *a);
    match aliases {
        [first] => (*first).to_owned(),
        [first, rest @ ..] => format!("{first} (or {})", rest.join(", ")),
        [] => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn header(s: &str, d: char) -> Vec<String> {
        s.split(d).map(str::to_owned).collect()
    }

    #[test]
    fn detects_the_four_layouts() {
        let api = header(
            "typeCode,freqCode,refPeriodId,refYear,refMonth,period,reporterCode,reporterISO,reporterDesc,flowCode,flowDesc,partnerCode,partnerISO,partnerDesc,partner2Code,cmdCode,primaryValue",
            ',',
        );
        assert_eq!(Columns::resolve(&api).unwrap().layout, Layout::ApiCsv);
        let bulk = header(
            "datasetCode\ttypeCode\tfreqCode\trefYear\trefMonth\tperiod\treporterCode\tflowCode\tpartnerCode\tpartner2Code\tcmdCode\tcifValue\tfobValue\tprimaryValue",
            '\t',
        );
        let c = Columns::resolve(&bulk).unwrap();
        assert_eq!(c.layout, Layout::BulkTsv);
        assert_eq!(c.get(Field::Cif), Some(11));
        let human = header(
            "Classification,Year,Period,Trade Flow Code,Reporter Code,Partner Code,Commodity Code,Trade Value (US$)",
            ',',
        );
        assert_eq!(
            Columns::resolve(&human).unwrap().layout,
            Layout::LegacyHuman
        );
        let machine = header(
            "pfCode,yr,period,rgCode,rtCode,ptCode,cmdCode,TradeValue",
            ',',
        );
        assert_eq!(
            Columns::resolve(&machine).unwrap().layout,
            Layout::LegacyMachine
        );
    }

    #[test]
    fn case_and_order_do_not_matter() {
        let h = header(
            "PRIMARYVALUE,cmdcode,PartnerCode,FLOWCODE,reportercode,PERIOD",
            ',',
        );
        let c = Columns::resolve(&h).unwrap();
        assert_eq!(c.get(Field::Value), Some(0));
        assert_eq!(c.get(Field::Reporter), Some(4));
    }

    #[test]
    fn missing_columns_are_listed() {
        let h = header("reporterCode,period,cmdCode", ',');
        let missing = Columns::resolve(&h).unwrap_err();
        assert_eq!(
            missing,
            vec![
                "partnerCode (or ptCode, Partner Code)".to_owned(),
                "flowCode (or rgCode, Trade Flow Code)".to_owned(),
                "primaryValue (or TradeValue, Trade Value (US$))".to_owned(),
            ]
        );
    }
}
