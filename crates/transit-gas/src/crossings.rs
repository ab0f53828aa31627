//! Border crossing points and their capacities: what a crossing handles now and what its
//! modernisation promises.
//!
//! A CSV with one published figure per row; columns matched by name (any order):
//!
//! | column | required | meaning |
//! |---|---|---|
//! | `crossing` | yes | the crossing as "KZ name - UZ name" (`Zhibek Zholy - Gishtkuprik`) |
//! | `mode` | yes | `road` or `rail` |
//! | `side` | yes | whose facility the figure is about: `kazakhstan`, `uzbekistan` or `joint` |
//! | `indicator` | yes | what is counted, e.g. `vehicles_per_day`, `passengers_per_day`, `train_pairs_per_day`, `crossing_minutes` |
//! | `value` | yes | the figure (a plain number) |
//! | `unit` | yes | `count`, `minutes`, … |
//! | `status` | yes | `current` (capacity now), `observed` (traffic measured) or `planned` (after works) |
//! | `date` | no | when the figure was published or observed: `YYYY-MM-DD`, `YYYY-MM` or `YYYY` |
//! | `due` | no | for planned figures, when the works are to be done |
//! | `source_id` | yes | the source in dataset.toml |
//! | `note` | no | context |

use std::collections::HashMap;
use std::path::Path;

use dostyk_core_model::provenance::{ReportingSide, SourceId};
use serde::{Deserialize, Serialize};

use crate::error::Error;
use crate::freight::FreightMode;

/// What a crossing figure describes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CrossingStatus {
    /// The capacity now.
    Current,
    /// Traffic as measured.
    Observed,
    /// The capacity after the planned works.
    Planned,
}

/// One published figure about a border crossing point.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CrossingFigure {
    /// The crossing, "KZ name - UZ name".
    pub crossing: String,
    /// Road or rail.
    pub mode: FreightMode,
    /// Whose facility.
    pub side: ReportingSide,
    /// What is counted.
    pub indicator: String,
    /// The figure.
    pub value: f64,
    /// Its unit.
    pub unit: String,
    /// Current, observed or planned.
    pub status: CrossingStatus,
    /// When it was published or observed, as written.
    pub date: Option<String>,
    /// For planned figures, when the works are due, as written.
    pub due: Option<String>,
    /// The source.
    pub source: SourceId,
    /// Context.
    pub note: Option<String>,
    /// The line of the file.
    pub line: u64,
}

const COLUMNS: [&str; 8] = [
    "crossing",
    "mode",
    "side",
    "indicator",
    "value",
    "unit",
    "status",
    "source_id",
];

fn bad(path: &Path, line: u64, field: &str, problem: String) -> Error {
    Error::Record {
        path: path.to_path_buf(),
        line,
        field: field.to_owned(),
        problem,
    }
}

/// Reads a crossings table; `path` names it in errors.
pub fn parse_csv(text: &str, path: &Path) -> Result<Vec<CrossingFigure>, Error> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .from_reader(text.as_bytes());
    let headers = reader
        .headers()
        .map_err(|e| bad(path, 1, "header", e.to_string()))?
        .clone();
    let index: HashMap<String, usize> = headers
        .iter()
        .enumerate()
        .map(|(i, h)| {
            (
                h.trim().trim_start_matches('\u{feff}').to_ascii_lowercase(),
                i,
            )
        })
        .collect();
    for c in COLUMNS {
        if !index.contains_key(c) {
            return Err(bad(
                path,
                1,
                c,
                format!(
                    "column missing from the header; expected {}",
                    COLUMNS.join(", ")
                ),
            ));
        }
    }
    let mut out = Vec::new();
    for row in reader.records() {
        let row = row.map_err(|e| {
            let line = e.position().map_or(0, csv::Position::line);
            bad(
                path,
                line,
                "row",
                format!("{e}; expected one value per column"),
            )
        })?;
        let line = row.position().map_or(0, csv::Position::line);
        let get = |n: &str| index.get(n).and_then(|&i| row.get(i)).map_or("", str::trim);
        let optional = |n: &str| Some(get(n)).filter(|s| !s.is_empty()).map(str::to_owned);
        let crossing = get("crossing");
        if crossing.is_empty() {
            return Err(bad(
                path,
                line,
                "crossing",
                "is empty; name the crossing".into(),
            ));
        }
        let mode = match get("mode") {
            "road" => FreightMode::Road,
            "rail" => FreightMode::Rail,
            other => {
                return Err(bad(
                    path,
                    line,
                    "mode",
                    format!("\"{other}\" is not a mode: expected road or rail"),
                ));
            }
        };
        let side = match get("side") {
            "kazakhstan" => ReportingSide::Kazakhstan,
            "uzbekistan" => ReportingSide::Uzbekistan,
            "joint" => ReportingSide::Joint,
            other => {
                return Err(bad(
                    path,
                    line,
                    "side",
                    format!("\"{other}\" is not a side: expected kazakhstan, uzbekistan or joint"),
                ));
            }
        };
        let value: f64 = get("value")
            .parse()
            .ok()
            .filter(|v: &f64| v.is_finite() && *v >= 0.0)
            .ok_or_else(|| {
                bad(
                    path,
                    line,
                    "value",
                    format!("\"{}\" is not a non-negative number", get("value")),
                )
            })?;
        let status = match get("status") {
            "current" => CrossingStatus::Current,
            "observed" => CrossingStatus::Observed,
            "planned" => CrossingStatus::Planned,
            other => {
                return Err(bad(
                    path,
                    line,
                    "status",
                    format!("\"{other}\" is not a status: expected current, observed or planned"),
                ));
            }
        };
        let source = SourceId::new(get("source_id"))
            .map_err(|e| bad(path, line, "source_id", e.to_string()))?;
        let indicator = get("indicator");
        if indicator.is_empty() {
            return Err(bad(
                path,
                line,
                "indicator",
                "is empty; say what is counted".into(),
            ));
        }
        out.push(CrossingFigure {
            crossing: crossing.to_owned(),
            mode,
            side,
            indicator: indicator.to_owned(),
            value,
            unit: get("unit").to_owned(),
            status,
            date: optional("date"),
            due: optional("due"),
            source,
            note: optional("note"),
            line,
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEAD: &str = "crossing,mode,side,indicator,value,unit,status,date,due,source_id,note\n";

    #[test]
    fn rows_are_read() {
        let text = format!(
            "{HEAD}Zhibek Zholy - Gishtkuprik,road,uzbekistan,vehicles_per_day,3000,count,planned,2024-03-04,,uzdaily,after the upgrade\n"
        );
        let rows = parse_csv(&text, Path::new("crossings.csv")).unwrap();
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0].status, CrossingStatus::Planned);
        assert_eq!(rows[0].line, 2);
        assert_eq!(rows[0].due, None);
    }

    #[test]
    fn bad_cells_name_line_and_field() {
        let text = format!("{HEAD}X - Y,ship,kazakhstan,vehicles_per_day,1,count,current,,,s,\n");
        let err = parse_csv(&text, Path::new("c.csv"))
            .unwrap_err()
            .to_string();
        assert!(err.contains("line 2") && err.contains("mode"), "{err}");
        let text = format!("{HEAD}X - Y,road,kazakhstan,vehicles_per_day,-4,count,current,,,s,\n");
        assert!(
            parse_csv(&text, Path::new("c.csv"))
                .unwrap_err()
                .to_string()
                .contains("value")
        );
        assert!(
            parse_csv("crossing,mode\n", Path::new("c.csv"))
                .unwrap_err()
                .to_string()
                .contains("column missing")
        );
    }

    proptest::proptest! {
        #[test]
        fn never_panics(body in "\\PC{0,200}") {
            let _ = parse_csv(&format!("{HEAD}{body}"), Path::new("c.csv"));
        }
    }
}
