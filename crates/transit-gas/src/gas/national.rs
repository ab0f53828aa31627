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

use crate::csv_table::CsvTable;
use crate::error::Error;
use crate::reference::{GasVolume, ReferenceConditions, VolumeUnit};

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

/// The columns a national table must have (`note` is optional).
const COLUMNS: [&str; 11] = [
    "period",
    "exporter",
    "importer",
    "via",
    "route",
    "kind",
    "status",
    "value",
    "unit",
    "reference_conditions",
    "source_id",
];

/// Reads a national table from CSV text.
pub fn parse_csv(text: &str, path: &Path) -> Result<Vec<NationalRow>, Error> {
    let mut table = CsvTable::open(text, path, &COLUMNS, &["note"])?;
    let mut out: Vec<NationalRow> = Vec::new();
    let mut seen: HashMap<(SeriesKey, Period), u64> = HashMap::new();
    let mut record = csv::StringRecord::new();
    while let Some(line) = table.next_row(&mut record)? {
        let cells = table.cells(&record, line);
        let get = |name: &str| cells.get(name);
        let err = |field: &str, problem: String| cells.err(field, problem);
        let period = cells.year_quarter_or_month("period")?;
        let code =
            |field: &str| Country::from_code(get(field)).map_err(|e| err(field, e.to_string()));
        let exporter = code("exporter")?;
        let importer = code("importer")?;
        let via = if get("via").is_empty() {
            None
        } else {
            Some(code("via")?)
        };
        let route = get("route").to_owned();
        if route.is_empty() {
            return Err(err(
                "route",
                "empty; expected the pipeline or route, e.g. CAC".to_owned(),
            ));
        }
        let kind: FlowKind = get("kind").parse().map_err(|e| err("kind", e))?;
        let status = match get("status").to_ascii_lowercase().as_str() {
            "actual" => Status::Actual,
            "planned" => Status::Planned,
            other => {
                return Err(err(
                    "status",
                    format!("\"{other}\" is not a status; expected actual or planned"),
                ));
            }
        };
        let value: f64 = get("value")
            .parse()
            .ok()
            .filter(|v: &f64| v.is_finite() && *v >= 0.0)
            .ok_or_else(|| {
                err(
                    "value",
                    format!(
                        "\"{}\" is not a volume; expected a non-negative number such as 1.28",
                        get("value")
                    ),
                )
            })?;
        let unit: VolumeUnit = get("unit")
            .parse()
            .map_err(|e: Error| err("unit", e.to_string()))?;
        let conditions = match get("reference_conditions") {
            "" => None,
            text => Some(
                text.parse::<ReferenceConditions>()
                    .map_err(|e| err("reference_conditions", e.to_string()))?,
            ),
        };
        let volume = GasVolume::from_stated(value, unit, conditions)
            .map_err(|e| err("reference_conditions", e.to_string()))?;
        let source =
            SourceId::new(get("source_id")).map_err(|e| err("source_id", e.to_string()))?;
        let note = Some(get("note").to_owned()).filter(|n| !n.is_empty());
        let series = SeriesKey {
            exporter,
            importer,
            via,
            route,
            kind,
            status,
        };
        if let Some(&first_line) = seen.get(&(series.clone(), period)) {
            return Err(Error::Duplicate {
                path: path.to_path_buf(),
                line,
                first_line,
            });
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

/// Reads a national table from a CSV file.
pub fn read(path: &Path) -> Result<Vec<NationalRow>, Error> {
    let text = std::fs::read_to_string(path).map_err(|source| Error::Io {
        path: path.to_path_buf(),
        source,
    })?;
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
        assert_eq!(r[0].volume.m3, 1.28e9);
        assert_eq!(r[0].series.via, Some(Country::KAZ));
        assert_eq!(r[0].period.to_string(), "2023-Q4");
    }

    #[test]
    fn missing_conditions_name_the_field() {
        let e = rows("2023,RUS,UZB,KAZ,CAC,transit,actual,1.28,bcm,,interfax-2025-04-11,\n")
            .unwrap_err();
        let m = e.to_string();
        assert!(
            m.contains("n.csv, line 2, field `reference_conditions`"),
            "{m}"
        );
        assert!(m.contains("7 %"), "{m}");
    }

    #[test]
    fn other_errors_name_the_field() {
        let e = rows("2023-11-05,RUS,UZB,KAZ,CAC,transit,actual,1,bcm,gost,s,\n").unwrap_err();
        assert!(e.to_string().contains("field `period`"), "{e}");
        let e = rows("2023,RUSSIA,UZB,KAZ,CAC,transit,actual,1,bcm,gost,s,\n").unwrap_err();
        assert!(e.to_string().contains("field `exporter`"), "{e}");
        let e = rows("2023,RUS,UZB,KAZ,CAC,transit,actual,-1,bcm,gost,s,\n").unwrap_err();
        assert!(e.to_string().contains("field `value`"), "{e}");
        let e = rows("2023,RUS,UZB,KAZ,CAC,transit,actual,1,bcm,gost,bad id,\n").unwrap_err();
        assert!(e.to_string().contains("field `source_id`"), "{e}");
        let e = rows("2023,RUS,UZB,KAZ,CAC,transit,actual,1,bcm,gost,s,\n2023,RUS,UZB,KAZ,CAC,transit,actual,2,bcm,gost,t,\n").unwrap_err();
        assert!(e.to_string().contains("line 3: duplicates line 2"), "{e}");
    }

    proptest::proptest! {
        #[test]
        fn never_panics(text in "(?s).{0,300}") {
            let _ = parse_csv(&text, Path::new("p.csv"));
            let _ = rows(&text);
        }
    }
}
