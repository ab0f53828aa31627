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
//! | `date` | no | when the figure was published or observed: `YYYY-MM-DD`, or `YYYY-MM` / `YYYY` when only the month or year is known (ISO 8601; `04.03.2024` is refused) |
//! | `due` | no | for planned figures, when the works are to be done: a date, a period (`2026`, `2026-Q3`, `2026-07`) or a half-year (`2026-H2`) |
//! | `source_id` | yes | the source in dataset.toml |
//! | `note` | no | context |

use std::path::Path;

use dostyk_core_model::agenda::EventDate;
use dostyk_core_model::agenda::measure::Due;
use dostyk_core_model::provenance::{ReportingSide, SourceId};
use serde::{Deserialize, Serialize};

use dostyk_core_model::read::{Column, Layout, MAX_TEXT_FILE_BYTES, Table, read_text};

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

/// The columns of a crossings table.
const LAYOUT: Layout = Layout::new(&[
    Column::required("crossing"),
    Column::required("mode"),
    Column::required("side"),
    Column::required("indicator"),
    Column::required("value"),
    Column::required("unit"),
    Column::required("status"),
    Column::required("source_id"),
    Column::optional("date"),
    Column::optional("due"),
    Column::optional("note"),
]);

/// Reads a crossings table from CSV text; `path` names it in errors.
pub fn parse_csv(text: &str, path: impl AsRef<Path>) -> Result<Vec<CrossingFigure>, Error> {
    let mut table = Table::new(text, path.as_ref(), &LAYOUT)?;
    let mut out = Vec::new();
    while let Some(row) = table.next_row() {
        let row = row?;
        let get = |name: &str| row.get(name);
        let optional = |name: &str| row.optional(name).map(str::to_owned);
        let crossing = get("crossing");
        if crossing.is_empty() {
            return Err(row
                .value_error("crossing", "the crossing as \"KZ name - UZ name\"")
                .into());
        }
        let mode = row.parse_with("mode", "road or rail", |t| match t {
            "road" => Some(FreightMode::Road),
            "rail" => Some(FreightMode::Rail),
            _ => None,
        })?;
        let side = row.parse_with("side", "kazakhstan, uzbekistan or joint", |t| match t {
            "kazakhstan" => Some(ReportingSide::Kazakhstan),
            "uzbekistan" => Some(ReportingSide::Uzbekistan),
            "joint" => Some(ReportingSide::Joint),
            _ => None,
        })?;
        let value: f64 = row.parse_with(
            "value",
            "a non-negative plain number such as 3000 (no thousands separator)",
            |t| t.parse().ok().filter(|v: &f64| v.is_finite() && *v >= 0.0),
        )?;
        let status = row.parse_with("status", "current, observed or planned", |t| match t {
            "current" => Some(CrossingStatus::Current),
            "observed" => Some(CrossingStatus::Observed),
            "planned" => Some(CrossingStatus::Planned),
            _ => None,
        })?;
        let source =
            SourceId::new(get("source_id")).map_err(|e| row.invalid("source_id", e.to_string()))?;
        let indicator = get("indicator");
        if indicator.is_empty() {
            return Err(row
                .value_error(
                    "indicator",
                    "what is counted, such as vehicles_per_day or crossing_minutes",
                )
                .into());
        }
        // Checked as dates, kept as written.
        let date = optional("date");
        if let Some(text) = &date {
            text.parse::<EventDate>()
                .map_err(|e| row.invalid("date", e.to_string()))?;
        }
        let due = optional("due");
        if let Some(text) = &due {
            text.parse::<Due>()
                .map_err(|e| row.invalid("due", e.to_string()))?;
        }
        out.push(CrossingFigure {
            crossing: crossing.to_owned(),
            mode,
            side,
            indicator: indicator.to_owned(),
            value,
            unit: get("unit").to_owned(),
            status,
            date,
            due,
            source,
            note: optional("note"),
            line: row.line(),
        });
    }
    Ok(out)
}

/// Reads a crossings table from a CSV file (a regular file of at most [`MAX_TEXT_FILE_BYTES`]
/// bytes).
pub fn read(path: impl AsRef<Path>) -> Result<Vec<CrossingFigure>, Error> {
    let path = path.as_ref();
    let text = read_text(path, MAX_TEXT_FILE_BYTES)?;
    parse_csv(&text, path)
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
                .contains("the header has no column \"side\"")
        );
    }

    #[test]
    fn dates_must_be_iso_8601() {
        let row = |date: &str, due: &str| {
            parse_csv(
                &format!(
                    "{HEAD}Kazygurt,road,kazakhstan,vehicles_per_day,1000,count,current,{date},{due},s,\n"
                ),
                Path::new("x.csv"),
            )
        };
        let e = row("04.03.2024", "").unwrap_err().to_string();
        assert!(
            e.starts_with(
                "x.csv, line 2, field \"date\": \"04.03.2024\" is not an event date: write YYYY-MM-DD"
            ),
            "{e}"
        );
        assert!(row("2024-02-30", "").is_err());
        assert!(row("2024-03-04", "2026-H2").is_ok());
        assert_eq!(
            row("2024-03", "").unwrap()[0].date.as_deref(),
            Some("2024-03")
        );
        let e = row("2024-03-04", "soon").unwrap_err().to_string();
        assert!(e.contains("field \"due\": \"soon\""), "{e}");
    }

    proptest::proptest! {
        #[test]
        fn never_panics(body in "\\PC{0,200}") {
            let _ = parse_csv(&format!("{HEAD}{body}"), Path::new("c.csv"));
        }
    }
}
