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
//! | `value` | yes | the figure (a plain non-negative decimal number, kept as a decimal, not a float) |
//! | `unit` | yes | `count` or `minutes` ([`CrossingUnit`]) |
//! | `status` | yes | `current` (capacity now), `observed` (traffic measured) or `planned` (after works) |
//! | `date` | no | when the figure was published or observed: `YYYY-MM-DD`, or `YYYY-MM` / `YYYY` when only the month or year is known (ISO 8601; `04.03.2024` is refused) |
//! | `due` | no | for planned figures, when the works are to be done: a date, a period (`2026`, `2026-Q3`, `2026-07`) or a half-year (`2026-H2`) |
//! | `source_id` | yes | the source in dataset.toml |
//! | `note` | no | context |

use std::fmt;
use std::path::Path;

use dostyk_core_model::agenda::EventDate;
use dostyk_core_model::agenda::measure::Due;
use dostyk_core_model::provenance::{ReportingSide, SourceId};
use rust_decimal::Decimal;
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

/// The unit of a crossing figure.
///
/// Displays and serialises as the text of the `unit` column: `count`, `minutes`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum CrossingUnit {
    /// A number of things counted: vehicles, people, trains, train pairs (per day or year, as
    /// the indicator says).
    Count,
    /// A duration in minutes, such as the time to cross.
    Minutes,
}

impl CrossingUnit {
    /// Every unit, in the order of the column's documentation.
    pub const ALL: [CrossingUnit; 2] = [CrossingUnit::Count, CrossingUnit::Minutes];

    /// The text of the `unit` column.
    pub fn code(self) -> &'static str {
        match self {
            CrossingUnit::Count => "count",
            CrossingUnit::Minutes => "minutes",
        }
    }

    /// The unit written `text` in the `unit` column, exactly (`count`, `minutes`).
    pub fn from_code(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|u| u.code() == text)
    }

    /// `value` as a figure in this unit is shown: a count whole (rounded half to even, so a
    /// published `2.5` trains a day shows as `2`), minutes as published; trailing zeros dropped.
    ///
    /// ```
    /// use dostyk_transit_gas::crossings::CrossingUnit;
    /// use rust_decimal::Decimal;
    ///
    /// assert_eq!(CrossingUnit::Count.shown(Decimal::new(30_000, 0)).to_string(), "30000");
    /// assert_eq!(CrossingUnit::Minutes.shown(Decimal::new(305, 1)).to_string(), "30.5");
    /// ```
    pub fn shown(self, value: Decimal) -> Decimal {
        match self {
            CrossingUnit::Count => value.round_dp(0).normalize(),
            CrossingUnit::Minutes => value.normalize(),
        }
    }
}

impl fmt::Display for CrossingUnit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
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
    /// The figure, exactly as published (serialised as text, `"30000"`, as decimals are).
    pub value: Decimal,
    /// Its unit.
    pub unit: CrossingUnit,
    /// Current, observed or planned.
    pub status: CrossingStatus,
    /// When it was published or observed: a day, or only a month or a year (serialised in its
    /// text form, `"2024-03-04"`, `"2025-02"`).
    pub date: Option<EventDate>,
    /// For planned figures, when the works are due: a day, a period or a half-year (serialised in
    /// its text form, `"2026-07"`, `"2026-H2"`).
    pub due: Option<Due>,
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
        let value: Decimal = row.parse_with(
            "value",
            "a non-negative plain number such as 3000 (no thousands separator)",
            |t| {
                // Digits and one decimal point only: no sign, exponent, separator or underscore.
                let plain = t.bytes().all(|b| b.is_ascii_digit() || b == b'.')
                    && t.bytes().any(|b| b.is_ascii_digit());
                plain.then(|| t.parse().ok()).flatten()
            },
        )?;
        let unit = row.parse_with("unit", "count or minutes", CrossingUnit::from_code)?;
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
        let date = row
            .optional("date")
            .map(str::parse::<EventDate>)
            .transpose()
            .map_err(|e| row.invalid("date", e.to_string()))?;
        let due = row
            .optional("due")
            .map(str::parse::<Due>)
            .transpose()
            .map_err(|e| row.invalid("due", e.to_string()))?;
        out.push(CrossingFigure {
            crossing: crossing.to_owned(),
            mode,
            side,
            indicator: indicator.to_owned(),
            value,
            unit,
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
    fn units_and_values_are_typed() {
        let row = |value: &str, unit: &str| {
            parse_csv(
                &format!(
                    "{HEAD}Kazygurt,road,kazakhstan,crossing_minutes,{value},{unit},current,,,s,\n"
                ),
                Path::new("x.csv"),
            )
        };
        let r = row("30.50", "minutes").unwrap();
        assert_eq!(r[0].unit, CrossingUnit::Minutes);
        assert_eq!(r[0].value, Decimal::new(3050, 2));
        assert_eq!(r[0].unit.shown(r[0].value).to_string(), "30.5");
        assert_eq!(r[0].unit.to_string(), "minutes");
        let r = row("2.5", "count").unwrap();
        assert_eq!(r[0].unit, CrossingUnit::Count);
        assert_eq!(r[0].unit.shown(r[0].value).to_string(), "2");
        let e = row("30", "people").unwrap_err().to_string();
        assert_eq!(
            e,
            "x.csv, line 2, field \"unit\": found \"people\"; expected count or minutes"
        );
        // Units are written exactly, as the column's documentation spells them.
        assert!(row("30", "Count").is_err());
        for bad in [
            "1e3",
            "3_000",
            "+5",
            "-4",
            ".",
            "",
            "\"30,000\"",
            "NaN",
            "inf",
        ] {
            let e = row(bad, "count").unwrap_err().to_string();
            assert!(e.contains("field \"value\""), "{bad}: {e}");
        }
        // A value with more digits than a Decimal holds is refused, not rounded silently.
        assert!(row("123456789012345678901234567890", "count").is_err());
        assert_eq!(
            serde_json::to_value(CrossingUnit::Minutes).unwrap(),
            serde_json::json!("minutes")
        );
        for unit in CrossingUnit::ALL {
            assert_eq!(CrossingUnit::from_code(unit.code()), Some(unit));
        }
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
        let read = row("2024-03", "2026-H2").unwrap();
        assert_eq!(read[0].date, Some(EventDate::month(2024, 3).unwrap()));
        assert_eq!(read[0].due, Some(Due::half_year(2026, 2).unwrap()));
        // Typed, but written back as given.
        let json = serde_json::to_value(&read[0]).unwrap();
        assert_eq!(
            (&json["date"], &json["due"]),
            (&serde_json::json!("2024-03"), &serde_json::json!("2026-H2"))
        );
        assert_eq!(read[0].date.unwrap().to_string(), "2024-03");
        let e = row("2024-03-04", "soon").unwrap_err().to_string();
        assert!(e.contains("field \"due\": \"soon\""), "{e}");
    }

    proptest::proptest! {
        #[test]
        fn never_panics(body in "\\PC{0,200}") {
            let _ = parse_csv(&format!("{HEAD}{body}"), Path::new("c.csv"));
        }

        #[test]
        fn any_plain_value_reads_exactly_or_is_refused(value in "[0-9.]{1,40}", unit in proptest::sample::select(CrossingUnit::ALL.to_vec())) {
            let text = format!("{HEAD}X - Y,road,joint,vehicles_per_day,{value},{unit},current,,,s,\n");
            if let Ok(rows) = parse_csv(&text, Path::new("c.csv")) {
                proptest::prop_assert_eq!(rows[0].value, value.parse::<Decimal>().unwrap());
                let _ = rows[0].unit.shown(rows[0].value);
            }
        }
    }
}
