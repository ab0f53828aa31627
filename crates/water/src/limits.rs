//! ICWC water-withdrawal limits per country, canal line, season and dekad.
//!
//! The Interstate Commission for Water Coordination (ICWC) approves withdrawal limits per country
//! twice a year: in spring for the growing season (1 April–30 September) and in autumn or winter
//! for the non-growing season (1 October–31 March). On the Syr Darya, Kazakhstan's limit is its
//! intake through the Dostyk canal, a line of its own; for example 0.922 km³ for the 2024 growing
//! season and 0.909 km³ for the 2025 growing season (sources in the limits file and in
//! `docs/methodology.md`).
//!
//! A [`Limit`] is one approved volume for one country and line in one season, either for the
//! whole season (`dekad` is `None`) or for one dekad of it.
//!
//! ## A seasonal limit is not spread over dekads
//!
//! ICWC publishes seasonal totals. A seasonal limit without dekad limits is compared with the
//! season's total intake only: it is **not** divided among dekads or months, because any such
//! split (equal per day, following the crop water demand, following the forecast inflow) is an
//! assumption that ICWC did not make. A caller who wants a dekad comparison anyway asks for
//! [`Limit::pro_rata_by_days`] (or `DekadLimits::ProRataByDays` in
//! [`compliance`](crate::compliance)); the result then says so in its `limit_basis`.
//!
//! ## Limits CSV
//!
//! One row per limit; the conventions common to every CSV file are in the
//! [crate documentation](crate#csv-files).
//!
//! | column | holds | example |
//! |---|---|---|
//! | `country` | ISO 3166-1 code of the country the limit is set for (alpha-3 preferred; alpha-2 and numeric are accepted) | `KAZ` |
//! | `line` | the withdrawal line: `total` for the country's whole limit, or a lowercase name such as `dostyk-canal` | `dostyk-canal` |
//! | `season` | the ICWC season: `growing-YYYY` or `non-growing-YYYY-YY` | `growing-2025` |
//! | `dekad` | empty for a seasonal limit, or a dekad of the season `YYYY-MM-Dd` | `2025-04-D1` |
//! | `volume` | the limit, a number ≥ 0 | `0.909` |
//! | `unit` | the volume's unit: `m3`, `Mm3` (million m³) or `km3` (10⁹ m³) | `km3` |
//! | `source` | the id of the source the limit is taken from | `azon-global-2025` |
//!
//! A key (country, line, season, dekad) may appear once.
//!
//! ```
//! use dostyk_water::limits::parse_limits_csv;
//!
//! let csv = "country,line,season,dekad,volume,unit,source\n\
//!            KAZ,dostyk-canal,growing-2025,,909,Mm3,azon-global-2025\n";
//! let limits = parse_limits_csv(csv, "limits.csv")?;
//! assert_eq!(limits[0].volume.to_string(), "909 Mm3");
//! assert_eq!(limits[0].volume.m3(), 909.0e6);
//! assert_eq!(limits[0].season.to_string(), "growing-2025");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::collections::HashMap;
use std::fmt;
use std::path::Path;

use dostyk_core_model::country::Country;
use dostyk_core_model::period::{IcwcSeason, Period, PeriodKind};
use dostyk_core_model::provenance::SourceId;
use serde::{Deserialize, Serialize};

use dostyk_core_model::quantity::Volume;

use dostyk_core_model::quantity::VolumeUnit;
use dostyk_core_model::read::{self, Column, Layout, ReadError, Row, Table};

use crate::error::WaterError;

/// What is wrong with a limit built in code.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum LimitError {
    /// A line name that is empty or not lowercase ASCII letters, digits and `-`.
    #[error(
        "\"{0}\" is not a line name: use `total` or lowercase letters, digits and '-' (such as dostyk-canal)"
    )]
    Line(String),
    /// A dekad limit whose period is not a dekad of the season.
    #[error("{period} is not a dekad of the {season} season: give a dekad YYYY-MM-Dd inside it")]
    DekadOutsideSeason {
        /// The period given.
        period: Period,
        /// The season of the limit.
        season: IcwcSeason,
    },
    /// A negative or non-finite volume.
    #[error("a limit of {0} is not a volume: give a finite number ≥ 0")]
    Volume(Volume),
}

/// A withdrawal line: `total` (the country's whole limit) or a named intake such as
/// `dostyk-canal`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct LineId(String);

impl LineId {
    /// The country's whole limit.
    pub const TOTAL: &'static str = "total";

    /// Checks and wraps a line name: lowercase ASCII letters, digits and `-`, not starting or
    /// ending with `-`, at most 64 characters.
    pub fn new(name: &str) -> Result<Self, LimitError> {
        let ok = !name.is_empty()
            && name.len() <= 64
            && !name.starts_with('-')
            && !name.ends_with('-')
            && name
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
        if ok {
            Ok(Self(name.to_owned()))
        } else {
            Err(LimitError::Line(name.to_owned()))
        }
    }

    /// The line name as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Whether this is the country's whole limit.
    pub fn is_total(&self) -> bool {
        self.0 == Self::TOTAL
    }
}

/// The line in the `line` cell of a limits or intake row.
pub(crate) fn line_cell(row: &Row<'_, '_>) -> Result<LineId, ReadError> {
    row.parse_with(
        "line",
        "`total` or a lowercase line name such as dostyk-canal",
        |t| LineId::new(t).ok(),
    )
}

/// What a `source` cell of the water CSV files holds, as errors say it.
pub(crate) const SOURCE_EXPECTED: &str = "a source id of ASCII letters, digits, '-', '_' or '.'";

/// The source in the `source` cell of a water CSV row.
pub(crate) fn source_cell(row: &Row<'_, '_>) -> Result<SourceId, ReadError> {
    row.parse_with("source", SOURCE_EXPECTED, |t| SourceId::new(t).ok())
}

/// Country codes already resolved in a file: a file repeats a handful of codes, and resolving
/// one searches the whole ISO 3166-1 table.
#[derive(Default)]
pub(crate) struct CountryCodes(Vec<(String, Country)>);

impl CountryCodes {
    /// The country with this code (any form [`Country::from_code`] accepts).
    fn get(&mut self, code: &str) -> Option<Country> {
        if let Some(&(_, country)) = self.0.iter().find(|(c, _)| c == code) {
            return Some(country);
        }
        let country = Country::from_code(code).ok()?;
        self.0.push((code.to_owned(), country));
        Some(country)
    }

    /// The country in the `country` cell of `row`.
    pub(crate) fn cell(&mut self, row: &Row<'_, '_>) -> Result<Country, ReadError> {
        row.parse_with("country", "an ISO 3166-1 country code such as KAZ", |t| {
            self.get(t)
        })
    }
}

/// The words used in errors for a volume `unit` column.
pub(crate) fn volume_units_expected() -> String {
    let names: Vec<&str> = VolumeUnit::ALL.iter().map(|u| u.symbol()).collect();
    format!(
        "a volume unit: one of {} (case matters: Mm3 is a million m³)",
        names.join(", ")
    )
}

/// The volume unit written in a `unit` column (spellings of [`VolumeUnit`], case-sensitive).
pub(crate) fn volume_unit(text: &str) -> Option<VolumeUnit> {
    text.parse().ok()
}

impl TryFrom<String> for LineId {
    type Error = LimitError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::new(&value)
    }
}

impl From<LineId> for String {
    fn from(value: LineId) -> Self {
        value.0
    }
}

impl fmt::Display for LineId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// One approved withdrawal limit.
///
/// Serde writes the volume in its text form with the unit it was given in (`"0.909 km3"`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Limit {
    /// The country the limit is set for.
    pub country: Country,
    /// The line (`total` or a named intake).
    pub line: LineId,
    /// The ICWC season.
    pub season: IcwcSeason,
    /// `None` for a limit on the whole season; otherwise the dekad it applies to.
    pub dekad: Option<Period>,
    /// The volume, in the unit it was given in.
    pub volume: Volume,
    /// Where the figure comes from.
    pub source: SourceId,
    /// The 1-based line of the file the row was read from; 0 when not read from a file. Not
    /// serialized: it says where a row came from, not what it states (the `line` field is the
    /// water line).
    #[serde(skip)]
    pub file_line: u64,
}

impl Limit {
    /// A checked limit: the dekad, if given, must be a dekad of the season, and the volume a
    /// finite number ≥ 0. Its [`file_line`](Self::file_line) is 0.
    pub fn new(
        country: Country,
        line: LineId,
        season: IcwcSeason,
        dekad: Option<Period>,
        volume: Volume,
        source: SourceId,
    ) -> Result<Self, LimitError> {
        check_dekad(season, dekad)?;
        if !(volume.is_finite() && volume.m3() >= 0.0) {
            return Err(LimitError::Volume(volume));
        }
        Ok(Self {
            country,
            line,
            season,
            dekad,
            volume,
            source,
            file_line: 0,
        })
    }

    /// For a seasonal limit, its split over the season's 18 dekads in proportion to their days:
    /// dekad limit = seasonal limit × dekad days ÷ season days. `None` for a dekad limit.
    ///
    /// This is an assumption the caller makes, not something ICWC publishes; label results built
    /// from it as such.
    pub fn pro_rata_by_days(&self) -> Option<Vec<(Period, Volume)>> {
        if self.dekad.is_some() {
            return None;
        }
        let season_days = f64::from(self.season.range()?.days());
        let dekads = self.season.dekads().ok()?;
        Some(
            dekads
                .into_iter()
                .map(|d| (d, self.volume * (f64::from(d.days()) / season_days)))
                .collect(),
        )
    }
}

fn check_dekad(season: IcwcSeason, dekad: Option<Period>) -> Result<(), LimitError> {
    let Some(period) = dekad else { return Ok(()) };
    let inside = period.kind() == PeriodKind::Dekad
        && season
            .range()
            .is_some_and(|r| r.contains(period.first_day()));
    if inside {
        Ok(())
    } else {
        Err(LimitError::DekadOutsideSeason { period, season })
    }
}

/// The columns of a limits file (the table in the [module docs](self)).
const LAYOUT: Layout = Layout::new(&[
    Column::required("country"),
    Column::required("line"),
    Column::required("season"),
    Column::required("dekad"),
    Column::required("volume"),
    Column::required("unit"),
    Column::required("source"),
])
.with_comments();

/// Reads a limits CSV file (columns in the [module docs](self)) of at most
/// [`read::MAX_TEXT_FILE_BYTES`]; a folder, pipe or device is refused.
pub fn read_limits_csv(path: impl AsRef<Path>) -> Result<Vec<Limit>, WaterError> {
    let path = path.as_ref();
    let text = read::read_text(path, read::MAX_TEXT_FILE_BYTES)?;
    parse_limits_csv(&text, path)
}

/// Parses limits CSV `text` (columns in the [module docs](self)); `file` is only the name
/// errors show.
pub fn parse_limits_csv(text: &str, file: impl AsRef<Path>) -> Result<Vec<Limit>, WaterError> {
    let file = file.as_ref();
    let mut table = Table::new(text, file, &LAYOUT)?;
    let mut out = Vec::new();
    let mut seen: HashMap<(Country, LineId, IcwcSeason, Option<Period>), u64> = HashMap::new();
    let mut countries = CountryCodes::default();
    let unit_expected = volume_units_expected();
    while let Some(row) = table.next_row() {
        let row = row?;
        let country = countries.cell(&row)?;
        let line = line_cell(&row)?;
        let season = row.parse_with(
            "season",
            "growing-YYYY or non-growing-YYYY-YY (such as non-growing-2025-26)",
            |t| t.parse::<IcwcSeason>().ok(),
        )?;
        let dekad = if row.get("dekad").is_empty() {
            None
        } else {
            let period = row.parse_with(
                "dekad",
                "empty for a seasonal limit, or a dekad YYYY-MM-Dd",
                |t| t.parse::<Period>().ok(),
            )?;
            if check_dekad(season, Some(period)).is_err() {
                return Err(row
                    .value_error(
                        "dekad",
                        format!("a dekad YYYY-MM-Dd inside the {season} season, or empty"),
                    )
                    .into());
            }
            Some(period)
        };
        let volume = row.parse_with("volume", "a number ≥ 0", |t| {
            t.parse::<f64>().ok().filter(|v| v.is_finite() && *v >= 0.0)
        })?;
        let unit = row.parse_with("unit", &unit_expected, volume_unit)?;
        let source = source_cell(&row)?;
        let line_no = row.line();
        let volume = Volume::new(volume, unit);
        if !volume.m3().is_finite() {
            return Err(row
                .value_error(
                    "volume",
                    format!(
                        "a number that is a finite number of m3 once converted from {} (this one \
                         overflows); check the value and its unit",
                        row.get("unit")
                    ),
                )
                .into());
        }
        let key = (country, line.clone(), season, dekad);
        if let Some(&first) = seen.get(&key) {
            return Err(WaterError::duplicate(file, line_no, first, &describe(&key)));
        }
        seen.insert(key, line_no);
        out.push(Limit {
            country,
            line,
            season,
            dekad,
            volume,
            source,
            file_line: line_no,
        });
    }
    Ok(out)
}

fn describe(key: &(Country, LineId, IcwcSeason, Option<Period>)) -> String {
    let (country, line, season, dekad) = key;
    match dekad {
        Some(d) => format!("the limit for {country} {line} in dekad {d} of {season}"),
        None => format!("the seasonal limit for {country} {line} in {season}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEADER: &str = "country,line,season,dekad,volume,unit,source\n";

    fn parse(body: &str) -> Result<Vec<Limit>, WaterError> {
        parse_limits_csv(&format!("{HEADER}{body}"), "limits.csv")
    }

    #[test]
    fn reads_seasonal_and_dekad_limits_with_units() {
        let limits = parse(
            "KAZ,dostyk-canal,growing-2025,,0.909,km3,a\n\
             UZB,total,non-growing-2025-26,,3347,Mm3,b\n\
             KAZ,dostyk-canal,growing-2025,2025-04-D1,45000000,m3,c\n",
        )
        .unwrap();
        assert_eq!(limits.len(), 3);
        assert!((limits[0].volume.m3() - 909.0e6).abs() < 1e-3);
        assert_eq!(limits[0].volume.to_string(), "0.909 km3");
        assert_eq!(limits[1].volume.m3(), 3_347.0e6);
        assert_eq!(
            limits[1].season,
            IcwcSeason::NonGrowing { start_year: 2025 }
        );
        assert_eq!(limits[2].dekad, Some("2025-04-D1".parse().unwrap()));
        assert!(limits[1].line.is_total());
        // Each row keeps the line of the file it was read from; JSON does not show it.
        assert_eq!(
            limits.iter().map(|l| l.file_line).collect::<Vec<_>>(),
            [2, 3, 4]
        );
        let json = serde_json::to_value(&limits[0]).unwrap();
        assert!(json.get("file_line").is_none(), "{json}");
    }

    #[test]
    fn a_volume_that_overflows_in_m3_is_refused() {
        // 1e308 km3 is written finitely but is not a finite number of m³ (issue #21).
        let err = parse("KAZ,dostyk-canal,growing-2025,,1e308,km3,a\n")
            .unwrap_err()
            .to_string();
        assert_eq!(
            err,
            "limits.csv, line 2, field \"volume\": found \"1e308\"; expected a number that is a \
             finite number of m3 once converted from km3 (this one overflows); check the value \
             and its unit"
        );
        assert!(parse("KAZ,dostyk-canal,growing-2025,,1e308,m3,a\n").is_ok());
    }

    #[test]
    fn errors_name_file_line_field_and_expectation() {
        let cases = [
            ("XXX,total,growing-2025,,1,km3,a\n", "field \"country\""),
            ("KAZ,Dostyk,growing-2025,,1,km3,a\n", "field \"line\""),
            ("KAZ,total,growing-2025-26,,1,km3,a\n", "field \"season\""),
            (
                "KAZ,total,growing-2025,2025-10-D1,1,km3,a\n",
                "field \"dekad\"",
            ),
            (
                "KAZ,total,growing-2025,2025-04,1,km3,a\n",
                "field \"dekad\"",
            ),
            ("KAZ,total,growing-2025,,-1,km3,a\n", "field \"volume\""),
            ("KAZ,total,growing-2025,,1,mm3,a\n", "field \"unit\""),
            ("KAZ,total,growing-2025,,1,km3,a b\n", "field \"source\""),
        ];
        for (body, field) in cases {
            let err = parse(body).unwrap_err().to_string();
            assert!(err.starts_with("limits.csv, line 2, "), "{err}");
            assert!(err.contains(field), "{err}");
            assert!(err.contains("expected"), "{err}");
        }
        let err = parse("KAZ,total,growing-2025,,1,km3,a\n").map(|l| l.len());
        assert_eq!(err.unwrap(), 1);
        let err = parse("KAZ,total,growing-2025,2025-10-D1,1,km3,a\n")
            .unwrap_err()
            .to_string();
        assert_eq!(
            err,
            "limits.csv, line 2, field \"dekad\": found \"2025-10-D1\"; expected a dekad YYYY-MM-Dd inside the growing-2025 season, or empty"
        );
    }

    #[test]
    fn duplicate_keys_are_refused_with_both_lines() {
        let err = parse(
            "KAZ,total,growing-2025,,1,km3,a\n\
             # comment\n\
             KAZ,total,growing-2025,,2,km3,b\n",
        )
        .unwrap_err();
        assert_eq!(
            err.to_string(),
            "limits.csv, line 4: the seasonal limit for KAZ total in growing-2025 was already given on line 2; keep one row per key (correct or delete one of them)"
        );
    }

    #[test]
    fn pro_rata_split_follows_dekad_days_and_sums_to_the_limit() {
        let limit = Limit::new(
            Country::KAZ,
            LineId::new("dostyk-canal").unwrap(),
            IcwcSeason::Growing { year: 2024 },
            None,
            Volume::from_mm3(922.0),
            SourceId::new("trend-2024-05-13").unwrap(),
        )
        .unwrap();
        let split = limit.pro_rata_by_days().unwrap();
        assert_eq!(split.len(), 18);
        // April D1: 10 of 183 days; May D3: 11 of 183 days.
        assert!((split[0].1.m3() - 922.0e6 * 10.0 / 183.0).abs() < 1e-6);
        assert!((split[5].1.m3() - 922.0e6 * 11.0 / 183.0).abs() < 1e-6);
        let total: Volume = split.iter().map(|&(_, v)| v).sum();
        assert!((total.m3() - 922.0e6).abs() < 1e-3);
        let mut dekad = limit.clone();
        dekad.dekad = Some("2024-04-D1".parse().unwrap());
        assert!(dekad.pro_rata_by_days().is_none());
    }

    #[test]
    fn constructor_checks() {
        let kaz = Country::KAZ;
        let total = LineId::new("total").unwrap();
        let src = SourceId::new("s").unwrap();
        let season = IcwcSeason::NonGrowing { start_year: 2025 };
        assert!(
            Limit::new(
                kaz,
                total.clone(),
                season,
                Some("2026-03-D3".parse().unwrap()),
                Volume::from_m3(1.0),
                src.clone()
            )
            .is_ok()
        );
        assert!(matches!(
            Limit::new(
                kaz,
                total.clone(),
                season,
                Some("2026-04-D1".parse().unwrap()),
                Volume::from_m3(1.0),
                src.clone()
            ),
            Err(LimitError::DekadOutsideSeason { .. })
        ));
        assert!(matches!(
            Limit::new(kaz, total, season, None, Volume::from_m3(f64::NAN), src),
            Err(LimitError::Volume(_))
        ));
        assert!(LineId::new("-x").is_err());
        assert!(LineId::new("").is_err());
    }
}
