//! Freight series by corridor, mode, direction and period, in tonnes and TEU where given.
//!
//! A freight table is a CSV file with the columns `corridor, mode, direction, period, tonnes,
//! teu, source_id, note`: `mode` is `rail`, `road` or `multimodal`, `direction` is `export`,
//! `import` or `transit`, `period` is a year, quarter or month, and at least one of `tonnes` and
//! `teu` is given. Totals per year follow the same rule as gas totals: the rows of the coarsest
//! period kind present are summed and the days they cover are reported. Freight is shown to
//! [`DISPLAY_RESOLUTION`], a thousand tonnes (Mt to 3 places).
//!
//! ```
//! use dostyk_transit_gas::freight::{annual_totals, parse_csv};
//!
//! let csv = "corridor,mode,direction,period,tonnes,teu,source_id,note\n\
//!            TITR,multimodal,transit,2024,4484000,,report-az,\n";
//! let rows = parse_csv(csv, "f.csv")?;
//! let totals = annual_totals(&rows);
//! assert_eq!(totals[0].tonnes, Some(4_484_000.0));
//! assert_eq!(totals[0].teu, None);
//! # Ok::<(), dostyk_transit_gas::Error>(())
//! ```

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use dostyk_core_model::period::{Period, PeriodKind};
use dostyk_core_model::provenance::SourceId;
use dostyk_core_model::quantity::{Mass, MassUnit};
use serde::Serialize;

use dostyk_core_model::read::{Column, Layout, MAX_TEXT_FILE_BYTES, ReadError, Table, read_text};

use crate::error::Error;
use crate::statistics_period::year_quarter_or_month;

/// The resolution freight tonnages are shown to: a thousand tonnes, the last digit corridor
/// statistics publish in million tonnes. With [`Mass::rounded_in`] a total in Mt shows 3
/// places.
pub const DISPLAY_RESOLUTION: Mass = Mass::new(1.0, MassUnit::Kt);

/// The mode of a freight series.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FreightMode {
    /// Rail.
    Rail,
    /// Road.
    Road,
    /// Several modes on one route (e.g. rail and sea on the Trans-Caspian route).
    Multimodal,
}

/// The direction of a freight series.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FreightDirection {
    /// Out of the reporting country.
    Export,
    /// Into the reporting country.
    Import,
    /// Through the reporting country.
    Transit,
}

/// One freight figure.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FreightRow {
    /// Corridor or route.
    pub corridor: String,
    /// Mode.
    pub mode: FreightMode,
    /// Direction.
    pub direction: FreightDirection,
    /// Period.
    pub period: Period,
    /// Tonnes, if given.
    pub tonnes: Option<f64>,
    /// Twenty-foot equivalent units, if given.
    pub teu: Option<f64>,
    /// Source.
    pub source: SourceId,
    /// Line of the file.
    pub line: u64,
}

/// A year's total of one series.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FreightTotal {
    /// Corridor.
    pub corridor: String,
    /// Mode.
    pub mode: FreightMode,
    /// Direction.
    pub direction: FreightDirection,
    /// Year.
    pub year: i32,
    /// Sum of tonnes over the rows that give tonnes.
    pub tonnes: Option<f64>,
    /// Sum of TEU over the rows that give TEU.
    pub teu: Option<f64>,
    /// Period kind of the rows summed.
    pub from_rows_of: PeriodKind,
    /// Rows summed.
    pub rows: usize,
    /// Days of the year the rows cover.
    pub coverage_days: u32,
    /// The dataset sources of the rows summed.
    pub sources: Vec<SourceId>,
}

/// The columns of a freight table (`note` is optional).
const LAYOUT: Layout = Layout::new(&[
    Column::required("corridor"),
    Column::required("mode"),
    Column::required("direction"),
    Column::required("period"),
    Column::required("tonnes"),
    Column::required("teu"),
    Column::required("source_id"),
    Column::optional("note"),
]);

/// Reads a freight table from CSV text; `path` names it in errors.
pub fn parse_csv(text: &str, path: impl AsRef<Path>) -> Result<Vec<FreightRow>, Error> {
    let mut table = Table::new(text, path.as_ref(), &LAYOUT)?;
    let mut out = Vec::new();
    // One figure per corridor, mode, direction and period: the annual totals add the rows of a
    // year up, so a second figure for the same period would be counted twice.
    let mut seen: BTreeMap<(String, FreightMode, FreightDirection, Period), u64> = BTreeMap::new();
    while let Some(row) = table.next_row() {
        let row = row?;
        let line = row.line();
        let get = |name: &str| row.get(name);
        let corridor = get("corridor").to_owned();
        if corridor.is_empty() {
            return Err(row
                .value_error("corridor", "the corridor or route name")
                .into());
        }
        let mode = row.parse_with("mode", "rail, road or multimodal", |t| {
            match t.to_ascii_lowercase().as_str() {
                "rail" => Some(FreightMode::Rail),
                "road" => Some(FreightMode::Road),
                "multimodal" => Some(FreightMode::Multimodal),
                _ => None,
            }
        })?;
        let direction = row.parse_with("direction", "export, import or transit", |t| {
            match t.to_ascii_lowercase().as_str() {
                "export" => Some(FreightDirection::Export),
                "import" => Some(FreightDirection::Import),
                "transit" => Some(FreightDirection::Transit),
                _ => None,
            }
        })?;
        let period = year_quarter_or_month(&row, "period")?;
        let amount = |field: &str| -> Result<Option<f64>, ReadError> {
            match get(field) {
                "" => Ok(None),
                _ => row
                    .parse_with(
                        field,
                        "a non-negative plain number such as 13000000 (no sign, no thousands \
                         separator), or nothing",
                        |t| t.parse::<f64>().ok().filter(|x| x.is_finite() && *x >= 0.0),
                    )
                    .map(Some),
            }
        };
        let tonnes = amount("tonnes")?;
        let teu = amount("teu")?;
        if tonnes.is_none() && teu.is_none() {
            return Err(row
                .invalid("tonnes", "empty, and so is teu; give at least one")
                .into());
        }
        let source =
            SourceId::new(get("source_id")).map_err(|e| row.invalid("source_id", e.to_string()))?;
        if let Some(first) = seen.insert((corridor.clone(), mode, direction, period), line) {
            return Err(row
                .invalid(
                    "period",
                    format!(
                        "{period} is already given for {corridor} ({}, {}) on line {first}; keep \
                         one figure per period (the yearly totals add the rows up, so a second \
                         one would be counted twice)",
                        get("mode").to_ascii_lowercase(),
                        get("direction").to_ascii_lowercase()
                    ),
                )
                .into());
        }
        out.push(FreightRow {
            corridor,
            mode,
            direction,
            period,
            tonnes,
            teu,
            source,
            line,
        });
    }
    Ok(out)
}

/// Annual totals per corridor, mode and direction (coarsest period kind present in each year).
pub fn annual_totals(rows: &[FreightRow]) -> Vec<FreightTotal> {
    type Key = (String, FreightMode, FreightDirection, i32);
    let mut groups: BTreeMap<Key, Vec<&FreightRow>> = BTreeMap::new();
    for r in rows {
        groups
            .entry((
                r.corridor.clone(),
                r.mode,
                r.direction,
                r.period.calendar_year(),
            ))
            .or_default()
            .push(r);
    }
    groups
        .into_iter()
        .map(|((corridor, mode, direction, year), group)| {
            let coarsest = group
                .iter()
                .map(|r| r.period.kind())
                .min()
                .unwrap_or(PeriodKind::Month);
            let used: Vec<&&FreightRow> = group
                .iter()
                .filter(|r| r.period.kind() == coarsest)
                .collect();
            let sum = |f: fn(&FreightRow) -> Option<f64>| {
                let values: Vec<f64> = used.iter().filter_map(|r| f(r)).collect();
                (!values.is_empty()).then(|| values.iter().sum())
            };
            let periods: BTreeSet<Period> = used.iter().map(|r| r.period).collect();
            FreightTotal {
                corridor,
                mode,
                direction,
                year,
                tonnes: sum(|r| r.tonnes),
                teu: sum(|r| r.teu),
                from_rows_of: coarsest,
                rows: used.len(),
                coverage_days: periods.iter().map(Period::days).sum(),
                sources: used
                    .iter()
                    .map(|r| r.source.clone())
                    .collect::<BTreeSet<_>>()
                    .into_iter()
                    .collect(),
            }
        })
        .collect()
}

/// Reads a freight table from a CSV file (a regular file of at most [`MAX_TEXT_FILE_BYTES`]
/// bytes).
pub fn read(path: impl AsRef<Path>) -> Result<Vec<FreightRow>, Error> {
    let path = path.as_ref();
    let text = read_text(path, MAX_TEXT_FILE_BYTES)?;
    parse_csv(&text, path)
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEAD: &str = "corridor,mode,direction,period,tonnes,teu,source_id,note";

    #[test]
    fn freight_is_shown_to_the_thousand_tonnes() {
        assert_eq!(MassUnit::Mt.decimals_for(DISPLAY_RESOLUTION), 3);
        assert_eq!(MassUnit::Kt.decimals_for(DISPLAY_RESOLUTION), 0);
        let shown = |t: f64| {
            Mass::from_t(t)
                .rounded_in(MassUnit::Mt, DISPLAY_RESOLUTION)
                .map(|d| d.to_string())
        };
        assert_eq!(shown(4_484_000.0).as_deref(), Some("4.484"));
        assert_eq!(shown(13_049_600.0).as_deref(), Some("13.05"));
        assert_eq!(shown(f64::INFINITY), None);
    }

    #[test]
    fn a_period_given_twice_is_refused_not_summed() {
        let err = parse_csv(
            &format!("{HEAD}\nX,rail,export,2025,10,,s1,\nX,Rail,export,2025,12,,s2,\n"),
            Path::new("f.csv"),
        )
        .unwrap_err()
        .to_string();
        assert!(
            err.contains("line 3")
                && err.contains("2025 is already given for X (rail, export) on line 2"),
            "{err}"
        );
        // Another mode, direction, corridor or period is another series.
        let rows = parse_csv(
            &format!(
                "{HEAD}\nX,rail,export,2025,10,,s,\nX,road,export,2025,1,,s,\nX,rail,import,2025,2,,s,\n\
                 Y,rail,export,2025,3,,s,\nX,rail,export,2024,4,,s,\n"
            ),
            Path::new("f.csv"),
        )
        .unwrap();
        assert_eq!(rows.len(), 5);
    }

    #[test]
    fn months_are_summed_when_no_year_row_exists() {
        let rows = parse_csv(
            &format!("{HEAD}\nX,rail,export,2025-01,10,,s,\nX,rail,export,2025-02,20,3,s,\n"),
            Path::new("f.csv"),
        )
        .unwrap();
        let t = annual_totals(&rows);
        assert_eq!(t[0].tonnes, Some(30.0));
        assert_eq!(t[0].teu, Some(3.0));
        assert_eq!(t[0].coverage_days, 59);
    }

    #[test]
    fn errors_name_the_field() {
        let e = parse_csv(
            &format!("{HEAD}\nX,ship,export,2025,10,,s,\n"),
            Path::new("f.csv"),
        )
        .unwrap_err();
        assert!(
            e.to_string().contains("f.csv, line 2, field \"mode\""),
            "{e}"
        );
        let e = parse_csv(
            &format!("{HEAD}\nX,rail,export,2025,,,s,\n"),
            Path::new("f.csv"),
        )
        .unwrap_err();
        assert!(e.to_string().contains("field \"tonnes\""), "{e}");
    }

    #[test]
    fn header_and_amount_faults_are_named() {
        for (text, expected) in [
            (
                "corridor;mode;direction;period;tonnes;teu;source_id\nX;rail;export;2025;1;;s\n"
                    .to_owned(),
                "f.csv, line 1: the columns are separated by ';', not ','; save the file as comma-separated CSV",
            ),
            (
                "corridor,mode,direction,period,tonnes,source_id\n".to_owned(),
                "f.csv, line 1: the header has no column \"teu\"; it must name corridor, mode, direction, period, tonnes, teu, source_id (optional: note)",
            ),
            (
                format!("{HEAD}\nX,rail,export,2025,NaN,,s,\n"),
                "field \"tonnes\": found \"NaN\"; expected a non-negative plain number",
            ),
        ] {
            let e = parse_csv(&text, Path::new("f.csv"))
                .unwrap_err()
                .to_string();
            assert!(e.contains(expected), "{e}");
        }
    }

    proptest::proptest! {
        #[test]
        fn never_panics(text in "(?s).{0,300}") {
            let _ = parse_csv(&text, Path::new("p.csv"));
        }
    }
}
