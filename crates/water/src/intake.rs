//! Actual water intake per country, line and dekad.
//!
//! Intake is reported either as a volume for the dekad or as the mean flow over the dekad in
//! m³/s. A mean flow becomes a volume with the dekad's real length, 8 to 11 days:
//!
//! volume (m³) = mean flow (m³/s) × 86,400 s/day × days in the dekad
//!
//! so 1 m³/s is 0.6912 million m³ over the third dekad of February 2023 (8 days) and
//! 0.9504 million m³ over the third dekad of January (11 days). Treating every dekad as 10 days
//! would overstate an 8-day dekad by 25 % and understate an 11-day one by 9 %.
//!
//! ## Intake CSV
//!
//! One row per country, line and dekad; the conventions common to every CSV file are in the
//! [crate documentation](crate#csv-files).
//!
//! | column | holds | example |
//! |---|---|---|
//! | `country` | ISO 3166-1 code of the withdrawing country (alpha-3 preferred) | `KAZ` |
//! | `line` | `total` or the line name used in the limits file | `dostyk-canal` |
//! | `dekad` | the dekad `YYYY-MM-Dd` | `2025-04-D3` |
//! | `value` | the intake, a number ≥ 0 | `55.2` |
//! | `unit` | `m3/s` for a mean flow over the dekad, or a volume unit `m3`, `Mm3`, `km3` | `m3/s` |
//! | `source` | the id of the source the figure comes from | `bwo-syr-dekad-report` |
//!
//! A key (country, line, dekad) may appear once.
//!
//! ```
//! use dostyk_water::intake::parse_intake_csv;
//!
//! let csv = "country,line,dekad,value,unit,source\n\
//!            KAZ,dostyk-canal,2023-02-D3,1,m3/s,test\n";
//! let intake = parse_intake_csv(csv, "intake.csv")?;
//! assert!((intake[0].volume.m3() - 691_200.0).abs() < 1e-6); // 8 days × 86,400 s
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::collections::HashMap;
use std::path::Path;

use dostyk_core_model::period::{Period, PeriodKind};
use dostyk_core_model::provenance::SourceId;
use serde::{Deserialize, Serialize};

use dostyk_core_model::quantity::{Duration, FlowRate, Volume};

use dostyk_core_model::country::Country;
use dostyk_core_model::read::{self, Column, Layout, Table};

use crate::error::WaterError;
use crate::limits::{
    CountryCodes, LineId, line_cell, source_cell, volume_unit, volume_units_expected,
};

/// The volume of a mean flow sustained over the whole of `period`, using the period's real
/// number of days (a day is 86,400 s): `flow × Duration::from_days(days)`, in m³.
pub fn mean_flow_volume(flow: FlowRate, period: &Period) -> Volume {
    flow * Duration::from_days(f64::from(period.days()))
}

/// The actual intake of one country and line in one dekad.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Intake {
    /// The withdrawing country.
    pub country: Country,
    /// The line (`total` or a named intake).
    pub line: LineId,
    /// The dekad.
    pub dekad: Period,
    /// The volume taken in the dekad: as reported, or converted from the mean flow (then in m³).
    pub volume: Volume,
    /// The mean flow over the dekad as reported, when the intake was given as a flow.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mean_flow: Option<FlowRate>,
    /// Where the figure comes from.
    pub source: SourceId,
    /// The 1-based line of the file the row was read from; 0 when not read from a file. Not
    /// serialized: it says where a row came from, not what it states (the `line` field is the
    /// water line).
    #[serde(skip)]
    pub file_line: u64,
}

/// The columns of an intake file (the table in the [module docs](self)).
const LAYOUT: Layout = Layout::new(&[
    Column::required("country"),
    Column::required("line"),
    Column::required("dekad"),
    Column::required("value"),
    Column::required("unit"),
    Column::required("source"),
])
.with_comments();

/// Reads an intake CSV file (columns in the [module docs](self)) of at most
/// [`read::MAX_TEXT_FILE_BYTES`]; a folder, pipe or device is refused.
pub fn read_intake_csv(path: impl AsRef<Path>) -> Result<Vec<Intake>, WaterError> {
    let path = path.as_ref();
    let text = read::read_text(path, read::MAX_TEXT_FILE_BYTES)?;
    parse_intake_csv(&text, path)
}

enum Unit {
    MeanFlow,
    Volume(dostyk_core_model::quantity::VolumeUnit),
}

/// Parses intake CSV `text` (columns in the [module docs](self)); `file` is only the name
/// errors show.
pub fn parse_intake_csv(text: &str, file: impl AsRef<Path>) -> Result<Vec<Intake>, WaterError> {
    let file = file.as_ref();
    let mut table = Table::new(text, file, &LAYOUT)?;
    let mut out = Vec::new();
    let mut seen: HashMap<(Country, LineId, Period), u64> = HashMap::new();
    let mut countries = CountryCodes::default();
    let unit_expected = format!(
        "m3/s (mean flow over the dekad) or {}",
        volume_units_expected()
    );
    while let Some(row) = table.next_row() {
        let row = row?;
        let country = countries.cell(&row)?;
        let line = line_cell(&row)?;
        let dekad = row.parse_with("dekad", "a dekad YYYY-MM-Dd (such as 2025-04-D3)", |t| {
            t.parse::<Period>()
                .ok()
                .filter(|p| p.kind() == PeriodKind::Dekad)
        })?;
        let value = row.parse_with("value", "a number ≥ 0", |t| {
            t.parse::<f64>().ok().filter(|v| v.is_finite() && *v >= 0.0)
        })?;
        let unit = row.parse_with("unit", &unit_expected, |t| {
            if t.parse::<dostyk_core_model::quantity::FlowRateUnit>()
                .is_ok()
            {
                Some(Unit::MeanFlow)
            } else {
                volume_unit(t).map(Unit::Volume)
            }
        })?;
        let source = source_cell(&row)?;
        let line_no = row.line();
        let (volume, mean_flow) = match unit {
            Unit::MeanFlow => {
                let flow = FlowRate::from_m3_per_s(value);
                (mean_flow_volume(flow, &dekad), Some(flow))
            }
            Unit::Volume(unit) => (Volume::new(value, unit), None),
        };
        // A finite number can overflow once converted (1e308 m3/s over a dekad, 1e308 km3 in
        // m³): refused here, or sums and shares would print inf (issue #21).
        if !volume.m3().is_finite() {
            return Err(row
                .value_error(
                    "value",
                    format!(
                        "a number whose volume over the dekad is a finite number of m3 (this one \
                         overflows once converted from {}); check the value and its unit",
                        row.get("unit")
                    ),
                )
                .into());
        }
        let key = (country, line.clone(), dekad);
        if let Some(&first) = seen.get(&key) {
            return Err(WaterError::duplicate(
                file,
                line_no,
                first,
                &format!("the intake of {country} {line} in dekad {dekad}"),
            ));
        }
        seen.insert(key, line_no);
        out.push(Intake {
            country,
            line,
            dekad,
            volume,
            mean_flow,
            source,
            file_line: line_no,
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(body: &str) -> Result<Vec<Intake>, WaterError> {
        parse_intake_csv(
            &format!("country,line,dekad,value,unit,source\n{body}"),
            "intake.csv",
        )
    }

    fn dekad(s: &str) -> Period {
        s.parse().unwrap()
    }

    #[test]
    fn a_flow_whose_volume_overflows_is_refused() {
        // 1e308 m3/s is a finite number, but not its volume over ten days (issue #21).
        let err = parse("KAZ,dostyk-canal,2024-04-D1,1e308,m3/s,s\n")
            .unwrap_err()
            .to_string();
        assert!(
            err.starts_with("intake.csv, line 2, field \"value\": found \"1e308\"; expected a number whose volume over the dekad is a finite number of m3"),
            "{err}"
        );
        let err = parse("KAZ,dostyk-canal,2024-04-D1,1e308,km3,s\n")
            .unwrap_err()
            .to_string();
        assert!(err.contains("overflows once converted from km3"), "{err}");
        // The largest flow whose volume is finite is kept.
        let rows = parse("KAZ,dostyk-canal,2024-04-D1,1e300,m3/s,s\n").unwrap();
        assert!(rows[0].volume.m3().is_finite());
    }

    #[test]
    fn each_intake_keeps_its_line_and_serializes_without_it() {
        let rows = parse(
            "# comment lines count\nKAZ,dostyk-canal,2024-04-D1,1,Mm3,s\n\nKAZ,total,2024-04-D1,2,Mm3,s\n",
        )
        .unwrap();
        assert_eq!(rows.iter().map(|r| r.file_line).collect::<Vec<_>>(), [3, 5]);
        let json = serde_json::to_value(&rows[0]).unwrap();
        assert!(json.get("file_line").is_none(), "{json}");
    }

    #[test]
    fn mean_flow_uses_the_real_dekad_length() {
        // water.md section 2: 0.6912, 0.7776, 0.864 and 0.9504 million m³ per m³/s.
        let cases = [
            ("2023-02-D3", 0.6912e6),
            ("2024-02-D3", 0.7776e6),
            ("2023-04-D3", 0.864e6),
            ("2023-01-D3", 0.9504e6),
            ("2023-01-D1", 0.864e6),
        ];
        for (d, expected) in cases {
            let v = mean_flow_volume(FlowRate::from_m3_per_s(1.0), &dekad(d));
            assert!((v.m3() - expected).abs() < 1e-6, "{d}: {v}");
        }
    }

    #[test]
    fn reads_flows_and_volumes() {
        let rows = parse(
            "KAZ,dostyk-canal,2023-02-D3,50,m3/s,t\n\
             KAZ,dostyk-canal,2023-03-D1,43.2,Mm3,t\n\
             UZB,total,2023-03-D1,0.5,km3,t\n",
        )
        .unwrap();
        assert!((rows[0].volume.m3() - 50.0 * 691_200.0).abs() < 1e-6);
        assert_eq!(rows[0].mean_flow, Some(FlowRate::from_m3_per_s(50.0)));
        assert!((rows[1].volume.m3() - 43.2e6).abs() < 1e-6);
        assert_eq!(rows[1].volume.to_string(), "43.2 Mm3");
        assert_eq!(rows[1].mean_flow, None);
        assert_eq!(rows[2].volume.m3(), 0.5e9);
    }

    #[test]
    fn errors_name_file_line_and_field() {
        let cases = [
            ("KAZ,dostyk-canal,2023-02,1,m3/s,t\n", "dekad"),
            ("KAZ,dostyk-canal,2023-02-D3,-1,m3/s,t\n", "value"),
            ("KAZ,dostyk-canal,2023-02-D3,1,l/s,t\n", "unit"),
            ("KAZ,dostyk canal,2023-02-D3,1,m3/s,t\n", "line"),
        ];
        for (body, field) in cases {
            let err = parse(body).unwrap_err().to_string();
            assert!(
                err.starts_with(&format!("intake.csv, line 2, field \"{field}\": found ")),
                "{err}"
            );
        }
        let err = parse(
            "KAZ,dostyk-canal,2023-02-D3,1,m3/s,t\n\
             KAZ,dostyk-canal,2023-02-D3,2,Mm3,t\n",
        )
        .unwrap_err()
        .to_string();
        assert!(
            err.starts_with("intake.csv, line 3: the intake of KAZ dostyk-canal in dekad 2023-02-D3 was already given on line 2"),
            "{err}"
        );
    }
}
