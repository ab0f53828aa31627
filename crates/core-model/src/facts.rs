//! Quoted facts: published figures that a briefing shows as published and no rule computes with.
//!
//! Reservoir capacities, a forecast inflow, a bilateral freight total stated in a speech: such
//! figures have no domain reader because nothing is derived from them, but a reader of the
//! briefing needs them, with their sources. A facts table is a CSV with columns matched by name:
//!
//! | column | required | meaning |
//! |---|---|---|
//! | `period` | no | what the figure covers, a [`Span`]: `2024`, `2024-05`, `2023-11-27`, `2023-YTD08`, `growing-2024`, `non-growing-2025-26`, `2022/23-MY07`; empty for a standing fact (a capacity) |
//! | `side` | yes | `kazakhstan`, `uzbekistan`, `joint` or `third_party` |
//! | `indicator` | yes | a short key, e.g. `shardara-capacity-total` |
//! | `value` | yes | a plain decimal |
//! | `unit` | yes | as published, if it is one of the units of [`crate::quantity`] (`km3`, `Mm3`, `m3/s`, `Mt`, `kWh`, …), an ISO 4217 currency code (`USD`), `%` or `count`: see [`check_unit`] |
//! | `source_id` | yes | the source in `dataset.toml` |
//! | `note` | no | the wording, caveats |

use std::collections::BTreeSet;
use std::path::Path;

use rust_decimal::Decimal;
use serde::Serialize;

use crate::period::{SPAN_FORMS, Span, parse_cell};
use crate::provenance::{ReportingSide, SourceId};
use crate::read::{Column, Layout, ReadError, Table};

/// One quoted figure.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct QuotedFact {
    /// What it covers; `None` for a standing fact.
    pub period: Option<Span>,
    /// Whose figure it is.
    pub side: ReportingSide,
    /// What it is, as a short key.
    pub indicator: String,
    /// The figure.
    pub value: Decimal,
    /// Its unit, as published.
    pub unit: String,
    /// The source.
    pub source: SourceId,
    /// Wording and caveats.
    pub note: String,
    /// The line of the file.
    pub line: u64,
}

/// What went wrong reading a facts table, or one of its units.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum FactsError {
    /// The table cannot be read, or its bad cells: one as the [`ReadError`] naming its line
    /// and field, several (every bad cell of the file) as [`ReadError::Many`].
    #[error(transparent)]
    Read(#[from] ReadError),
    /// A unit outside those [`check_unit`] accepts.
    #[error(
        "\"{unit}\" is not a unit of the facts table: expected one of {}, {}, or an ISO 4217 \
         currency code such as USD; convert the figure to one of them and say so in the note",
        crate::quantity::Quantity::accepted_units(),
        OTHER_UNITS.join(", ")
    )]
    Unit {
        /// The unit as written.
        unit: String,
    },
}

/// The units a fact may be given in besides those of [`crate::quantity`] and the ISO 4217
/// currency codes: a share and a plain count.
pub const OTHER_UNITS: [&str; 2] = ["%", "count"];

/// Checks a fact's unit: a unit of [`crate::quantity`] (volume, mass, energy, flow rate, length,
/// duration, in any spelling those accept), an ISO 4217 currency code, `%` or `count`. The error
/// lists them.
pub fn check_unit(unit: &str) -> Result<(), FactsError> {
    use crate::quantity::{
        DurationUnit, EnergyUnit, FlowRateUnit, LengthUnit, MassUnit, VolumeUnit,
    };
    let known = OTHER_UNITS.contains(&unit)
        || unit.parse::<VolumeUnit>().is_ok()
        || unit.parse::<MassUnit>().is_ok()
        || unit.parse::<EnergyUnit>().is_ok()
        || unit.parse::<FlowRateUnit>().is_ok()
        || unit.parse::<LengthUnit>().is_ok()
        || unit.parse::<DurationUnit>().is_ok()
        || (unit.len() == 3
            && unit.bytes().all(|b| b.is_ascii_uppercase())
            && crate::money::Currency::from_code(unit).is_ok());
    if known {
        Ok(())
    } else {
        Err(FactsError::Unit {
            unit: unit.to_owned(),
        })
    }
}

/// The columns of a facts table (the table in the [module docs](self)).
const LAYOUT: Layout = Layout::new(&[
    Column::optional("period"),
    Column::required("side"),
    Column::required("indicator"),
    Column::required("value"),
    Column::required("unit"),
    Column::required("source_id"),
    Column::optional("note"),
]);

/// Reads a facts table; `file` names it in errors and `known_sources`, when given, lists the
/// source ids a row may cite. Every bad cell is reported (see [`FactsError::Read`]).
pub fn parse_csv(
    text: &str,
    file: impl AsRef<Path>,
    known_sources: Option<&BTreeSet<SourceId>>,
) -> Result<Vec<QuotedFact>, FactsError> {
    let file = file.as_ref();
    let mut table = Table::new(text, file, &LAYOUT)?;
    let mut problems = Vec::new();
    let mut out = Vec::new();
    while let Some(row) = table.next_row() {
        let row = row?;
        let period = match row.get("period") {
            "" => Some(None),
            _ => parse_cell::<Span>(&row, "period", SPAN_FORMS)
                .map(Some)
                .map_err(|e| problems.push(e))
                .ok(),
        };
        let side = match row.get("side") {
            "kazakhstan" => Some(ReportingSide::Kazakhstan),
            "uzbekistan" => Some(ReportingSide::Uzbekistan),
            "joint" => Some(ReportingSide::Joint),
            "third_party" => Some(ReportingSide::ThirdParty),
            _ => {
                problems
                    .push(row.value_error("side", "kazakhstan, uzbekistan, joint or third_party"));
                None
            }
        };
        let indicator = row.get("indicator");
        if indicator.is_empty() {
            problems.push(row.invalid(
                "indicator",
                "the cell is empty; name the figure with a short key",
            ));
        }
        let value = row
            .get("value")
            .parse::<Decimal>()
            .map_err(|_| {
                problems.push(row.value_error(
                    "value",
                    "a plain decimal such as 4.4 or 1101 ('.' as the decimal point, no thousands separators)",
                ));
            })
            .ok();
        let unit = row.get("unit");
        let unit_ok = if unit.is_empty() {
            problems.push(row.invalid(
                "unit",
                "the cell is empty; give the unit as published (km3, Mm3, m3/s, Mt, %)",
            ));
            false
        } else if let Err(e) = check_unit(unit) {
            problems.push(row.invalid("unit", e.to_string()));
            false
        } else {
            true
        };
        let source = match SourceId::new(row.get("source_id")) {
            Ok(id) if known_sources.is_none_or(|k| k.contains(&id)) => Some(id),
            Ok(_) => {
                problems.push(row.value_error("source_id", "a source listed in dataset.toml"));
                None
            }
            Err(e) => {
                problems.push(row.invalid("source_id", e.to_string()));
                None
            }
        };
        if let (Some(period), Some(side), Some(value), Some(source)) = (period, side, value, source)
            && !indicator.is_empty()
            && unit_ok
        {
            out.push(QuotedFact {
                period,
                side,
                indicator: indicator.to_owned(),
                value,
                unit: unit.to_owned(),
                source,
                note: row.get("note").to_owned(),
                line: row.line(),
            });
        }
    }
    match ReadError::collect(file, problems) {
        None => Ok(out),
        Some(e) => Err(e.into()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEAD: &str = "period,side,indicator,value,unit,source_id,note\n";

    #[test]
    fn every_period_form_is_read() {
        let text = format!(
            "{HEAD},joint,capacity,5.4,km3,s,\n2023-YTD08,kazakhstan,freight,20,Mt,s,\ngrowing-2024,third_party,use,4.29,km3,s,\n2023-11-27,kazakhstan,x,25.8,Mt,s,\n2022/23-MY07,uzbekistan,wheat,3.889,Mt,s,\n"
        );
        let rows = parse_csv(&text, "facts.csv", None).unwrap();
        let periods: Vec<String> = rows
            .iter()
            .map(|r| r.period.map(|p| p.to_string()).unwrap_or_default())
            .collect();
        assert_eq!(
            periods,
            [
                "",
                "2023-YTD08",
                "growing-2024",
                "2023-11-27",
                "2022/23-MY07"
            ]
        );
        assert_eq!(rows[0].value, Decimal::new(54, 1));
    }

    #[test]
    fn the_header_and_quote_checks_of_the_ledger_hold_here_too() {
        let semicolons = HEAD.replace(',', ";");
        let err = parse_csv(&semicolons, "f.csv", None)
            .unwrap_err()
            .to_string();
        assert!(
            err.starts_with("f.csv, line 1: the columns are separated by ';'"),
            "{err}"
        );
        let twice = HEAD.replace(",note", ",value");
        let err = parse_csv(&twice, "f.csv", None).unwrap_err().to_string();
        assert!(
            err.contains("column(s) value appear more than once"),
            "{err}"
        );
        let open = format!("{HEAD}2023,kazakhstan,\"freight,20,Mt,s,\n");
        let err = parse_csv(&open, "f.csv", None).unwrap_err().to_string();
        assert!(
            err.contains("a quoted field opened on this line is never closed"),
            "{err}"
        );
    }

    #[test]
    fn bad_cells_are_all_reported() {
        let text = format!("{HEAD}2023-13,nobody,,\"1,5\",,missing,\n");
        let known: BTreeSet<SourceId> = [SourceId::new("s").unwrap()].into_iter().collect();
        let FactsError::Read(ReadError::Many { problems, .. }) =
            parse_csv(&text, "f.csv", Some(&known)).unwrap_err()
        else {
            panic!()
        };
        let places: Vec<(Option<u64>, String)> = problems
            .iter()
            .map(|p| {
                let at = p.location();
                (at.line_number(), at.field_name().unwrap_or("").to_owned())
            })
            .collect();
        let fields: Vec<&str> = places.iter().map(|(_, f)| f.as_str()).collect();
        assert_eq!(
            fields,
            ["period", "side", "indicator", "value", "unit", "source_id"]
        );
        assert!(places.iter().all(|(line, _)| *line == Some(2)));
        assert_eq!(
            problems[5].to_string(),
            "f.csv, line 2, field \"source_id\": found \"missing\"; expected a source listed in dataset.toml"
        );
        assert!(
            parse_csv("side,value\n", "f.csv", None)
                .unwrap_err()
                .to_string()
                .contains("the header has no column \"indicator\", \"unit\", \"source_id\"")
        );
    }

    #[test]
    fn units_are_checked_against_the_closed_list() {
        for unit in [
            "km3", "Mm3", "m3/s", "Mt", "%", "count", "bcm", "USD", "kWh", "km",
        ] {
            assert!(check_unit(unit).is_ok(), "{unit}");
        }
        for unit in ["barrels", "usd", "furlongs", "Mt/yr"] {
            let e = check_unit(unit).unwrap_err().to_string();
            assert!(e.starts_with(&format!("\"{unit}\" is not a unit")), "{e}");
            assert!(
                e.contains("km3") && e.contains("count") && e.contains("ISO 4217"),
                "{e}"
            );
        }
        let text = format!("{HEAD},joint,capacity,5.4,barrels,s,\n");
        let e = parse_csv(&text, "f.csv", None).unwrap_err().to_string();
        assert!(
            e.contains("line 2, field \"unit\": \"barrels\" is not a unit"),
            "{e}"
        );
    }

    #[test]
    fn an_impossible_period_is_quoted() {
        let text =
            format!("{HEAD}2024-13,joint,capacity,5.4,km3,s,\n2024-YTD13,joint,c,1,km3,s,\n");
        let e = parse_csv(&text, "f.csv", None).unwrap_err().to_string();
        assert!(
            e.contains(
                "line 2, field \"period\": \"2024-13\" is out of range: month 13 does not exist"
            ),
            "{e}"
        );
        assert!(
            e.contains("line 3, field \"period\": \"2024-YTD13\" is out of range"),
            "{e}"
        );
    }

    proptest::proptest! {
        #[test]
        fn never_panics(body in "\\PC{0,200}") {
            let _ = parse_csv(&format!("{HEAD}{body}"), "f.csv", None);
        }
    }
}
