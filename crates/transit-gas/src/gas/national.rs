//! National gas tables: monthly, quarterly or annual volumes between two countries, as
//! ministries and companies publish them, with the reference conditions stated.
//!
//! Kazakh and Uzbek gas figures come as volumes in official statements ("1.28 bcm transited in
//! 2023"), not as an ENTSOG feed (gas.md section 5.5). A national table is a CSV file with one
//! row per figure:
//!
//! | column | content |
//! |---|---|
//! | `period` | `YYYY`, `YYYY-Qq` or `YYYY-MM` |
//! | `exporter`, `importer` | ISO 3166 codes (alpha-3, alpha-2 or numeric) of the sending and receiving country |
//! | `via` | code of the transit country, or empty |
//! | `route` | the pipeline or route, e.g. `CAC` |
//! | `kind` | what the figure counts: `transit`, `delivery`, `export`, `import`, `production`, `consumption` |
//! | `status` | `actual` or `planned` |
//! | `value`, `unit` | the volume and its unit (`m3`, `1000m3`, `mcm`, `bcm`) |
//! | `reference_conditions` | `gost` (20 °C), `iso` (15 °C) or `normal` (0 °C): required |
//! | `source_id` | the id of the source the figure is from |
//! | `note` | free text (optional) |
//!
//! A row without reference conditions is refused, and so is a second row for the same series
//! (exporter, importer, via, route, kind, status) and period.

use std::collections::HashMap;
use std::path::Path;

use dostyk_core_model::country::Country;
use dostyk_core_model::period::Period;
use dostyk_core_model::provenance::SourceId;
use serde::{Deserialize, Serialize};

use dostyk_core_model::read::{Column, Layout, MAX_TEXT_FILE_BYTES, ReadError, Table, read_text};

use crate::error::Error;
use crate::reference::{GasVolume, ReferenceConditions, volume_unit};
use crate::statistics_period::year_quarter_or_month;

/// What a national figure counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FlowKind {
    /// Gas carried through the `via` country.
    Transit,
    /// Gas delivered by a supplier to the importer.
    Delivery,
    /// Exports as the exporter reports them.
    Export,
    /// Imports as the importer reports them.
    Import,
    /// Domestic production.
    Production,
    /// Domestic consumption (offtake).
    Consumption,
    /// Physical flow measured at a cross-border point (series built from ENTSOG-style records).
    PhysicalFlow,
}

impl std::str::FromStr for FlowKind {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "transit" => Ok(FlowKind::Transit),
            "delivery" => Ok(FlowKind::Delivery),
            "export" => Ok(FlowKind::Export),
            "import" => Ok(FlowKind::Import),
            "production" => Ok(FlowKind::Production),
            "consumption" => Ok(FlowKind::Consumption),
            "physical_flow" => Ok(FlowKind::PhysicalFlow),
            _ => Err(format!(
                "\"{s}\" is not a flow kind; expected transit, delivery, export, import, production, consumption or physical_flow"
            )),
        }
    }
}

impl std::fmt::Display for FlowKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            FlowKind::Transit => "transit",
            FlowKind::Delivery => "delivery",
            FlowKind::Export => "export",
            FlowKind::Import => "import",
            FlowKind::Production => "production",
            FlowKind::Consumption => "consumption",
            FlowKind::PhysicalFlow => "physical_flow",
        })
    }
}

/// Whether a figure is an outcome or a plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// What happened.
    Actual,
    /// What was planned or announced.
    Planned,
}

impl std::fmt::Display for Status {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Status::Actual => "actual",
            Status::Planned => "planned",
        })
    }
}

/// The series a figure belongs to: a country pair, route, kind and status.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct SeriesKey {
    /// Sending country.
    pub exporter: Country,
    /// Receiving country.
    pub importer: Country,
    /// Transit country, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub via: Option<Country>,
    /// Route or pipeline.
    pub route: String,
    /// What is counted.
    pub kind: FlowKind,
    /// Actual or planned.
    pub status: Status,
}

/// One row of a national table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NationalRow {
    /// The series.
    pub series: SeriesKey,
    /// The period (year, quarter or month).
    pub period: Period,
    /// The volume with its conditions.
    pub volume: GasVolume,
    /// The source of the figure.
    pub source: SourceId,
    /// Free text.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// The line of the file.
    pub line: u64,
}

/// The columns of a national table (`note` is optional).
const LAYOUT: Layout = Layout::new(&[
    Column::required("period"),
    Column::required("exporter"),
    Column::required("importer"),
    Column::required("via"),
    Column::required("route"),
    Column::required("kind"),
    Column::required("status"),
    Column::required("value"),
    Column::required("unit"),
    Column::required("reference_conditions"),
    Column::required("source_id"),
    Column::optional("note"),
]);

/// Reads a national table from CSV text; `path` names it in errors.
pub fn parse_csv(text: &str, path: impl AsRef<Path>) -> Result<Vec<NationalRow>, Error> {
    let mut table = Table::new(text, path.as_ref(), &LAYOUT)?;
    let mut out: Vec<NationalRow> = Vec::new();
    let mut seen: HashMap<(SeriesKey, Period), u64> = HashMap::new();
    while let Some(row) = table.next_row() {
        let row = row?;
        let line = row.line();
        let get = |name: &str| row.get(name);
        let period = year_quarter_or_month(&row, "period")?;
        let code = |field: &str| {
            Country::from_code(get(field)).map_err(|e| row.invalid(field, e.to_string()))
        };
        let exporter = code("exporter")?;
        let importer = code("importer")?;
        let via = if get("via").is_empty() {
            None
        } else {
            Some(code("via")?)
        };
        let route = get("route").to_owned();
        if route.is_empty() {
            return Err(row
                .value_error("route", "the pipeline or route, e.g. CAC")
                .into());
        }
        let kind: FlowKind = row.parse(
            "kind",
            "transit, delivery, export, import, production, consumption or physical_flow",
        )?;
        let status = row.parse_with("status", "actual or planned", |t| {
            match t.to_ascii_lowercase().as_str() {
                "actual" => Some(Status::Actual),
                "planned" => Some(Status::Planned),
                _ => None,
            }
        })?;
        let value: f64 = row.parse_with(
            "value",
            "a volume: a non-negative number such as 1.28",
            |t| t.parse().ok().filter(|v: &f64| v.is_finite() && *v >= 0.0),
        )?;
        let unit = volume_unit(get("unit")).map_err(|e| row.invalid("unit", e.to_string()))?;
        let conditions = match get("reference_conditions") {
            "" => None,
            text => Some(
                text.parse::<ReferenceConditions>()
                    .map_err(|e| row.invalid("reference_conditions", e.to_string()))?,
            ),
        };
        let volume = GasVolume::from_stated(value, unit, conditions)
            .map_err(|e| row.invalid("reference_conditions", e.to_string()))?;
        let source =
            SourceId::new(get("source_id")).map_err(|e| row.invalid("source_id", e.to_string()))?;
        let note = row.optional("note").map(str::to_owned);
        let series = SeriesKey {
            exporter,
            importer,
            via,
            route,
            kind,
            status,
        };
        if let Some(&first_line) = seen.get(&(series.clone(), period)) {
            return Err(ReadError::invalid(
                table.location(line),
                format!(
                    "duplicates line {first_line} (same series and period); keep one figure per \
                     series and period, or give conflicting sources distinct series"
                ),
            )
            .into());
        }
        seen.insert((series.clone(), period), line);
        out.push(NationalRow {
            series,
            period,
            volume,
            source,
            note,
            line,
        });
    }
    Ok(out)
}

/// Reads a national table from a CSV file (a regular file of at most
/// [`MAX_TEXT_FILE_BYTES`] bytes).
pub fn read(path: impl AsRef<Path>) -> Result<Vec<NationalRow>, Error> {
    let path = path.as_ref();
    let text = read_text(path, MAX_TEXT_FILE_BYTES)?;
    parse_csv(&text, path)
}

/// Whether CSV text looks like a national table (its header has `reference_conditions` and
/// `exporter`) rather than an ENTSOG export.
pub fn is_national_table(text: &str) -> bool {
    let header = text.lines().next().unwrap_or_default();
    header.contains("reference_conditions") && header.contains("exporter")
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEADER: &str = "period,exporter,importer,via,route,kind,status,value,unit,reference_conditions,source_id,note";

    fn rows(body: &str) -> Result<Vec<NationalRow>, Error> {
        parse_csv(&format!("{HEADER}\n{body}"), Path::new("n.csv"))
    }

    #[test]
    fn reads_rows() {
        let r = rows("2023-Q4,RUS,UZB,KAZ,CAC,transit,actual,1.28,bcm,gost,interfax-2025-04-11,\n")
            .unwrap();
        assert_eq!(r[0].volume.m3(), 1.28e9);
        assert_eq!(r[0].series.via, Some(Country::KAZ));
        assert_eq!(r[0].period.to_string(), "2023-Q4");
    }

    #[test]
    fn missing_conditions_name_the_field() {
        let e = rows("2023,RUS,UZB,KAZ,CAC,transit,actual,1.28,bcm,,interfax-2025-04-11,\n")
            .unwrap_err();
        let m = e.to_string();
        assert!(
            m.contains("n.csv, line 2, field \"reference_conditions\""),
            "{m}"
        );
        assert!(m.contains("7 %"), "{m}");
    }

    #[test]
    fn other_errors_name_the_field() {
        let e = rows("2023-11-05,RUS,UZB,KAZ,CAC,transit,actual,1,bcm,gost,s,\n").unwrap_err();
        assert!(e.to_string().contains("field \"period\""), "{e}");
        let e = rows("2023,RUSSIA,UZB,KAZ,CAC,transit,actual,1,bcm,gost,s,\n").unwrap_err();
        assert!(e.to_string().contains("field \"exporter\""), "{e}");
        let e = rows("2023,RUS,UZB,KAZ,CAC,transit,actual,-1,bcm,gost,s,\n").unwrap_err();
        assert!(e.to_string().contains("field \"value\""), "{e}");
        let e = rows("2023,RUS,UZB,KAZ,CAC,transit,actual,1,bcm,gost,bad id,\n").unwrap_err();
        assert!(e.to_string().contains("field \"source_id\""), "{e}");
        let e = rows("2023,RUS,UZB,KAZ,CAC,transit,actual,1,bcm,gost,s,\n2023,RUS,UZB,KAZ,CAC,transit,actual,2,bcm,gost,t,\n").unwrap_err();
        assert!(e.to_string().contains("line 3: duplicates line 2"), "{e}");
    }

    /// A named pipe given as a table blocks a reader that opens it; it is refused unopened.
    #[cfg(unix)]
    #[test]
    fn a_named_pipe_is_refused_without_blocking() {
        let dir = std::env::temp_dir().join(format!("dostyk-national-fifo-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("national.csv");
        let made = std::process::Command::new("mkfifo").arg(&path).status();
        if made.is_ok_and(|s| s.success()) {
            let e = read(&path).unwrap_err();
            assert!(matches!(e, Error::Read(ReadError::NotAFile { .. })), "{e}");
            assert!(
                e.to_string().ends_with(
                    "is a named pipe (FIFO), not a regular file; give the path of a file"
                ),
                "{e}"
            );
        }
        std::fs::remove_dir_all(&dir).unwrap();
    }

    proptest::proptest! {
        #[test]
        fn never_panics(text in "(?s).{0,300}") {
            let _ = parse_csv(&text, Path::new("p.csv"));
            let _ = rows(&text);
        }
    }
}
