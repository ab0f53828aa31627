//! What each country withdrew in an ICWC season, and whether that kept within its limit.
//!
//! At each meeting the Interstate Commission for Water Coordination (ICWC) reviews how the
//! previous season's limits were used. What reaches the public is uneven: sometimes a country's
//! withdrawal in km³, sometimes only the share of its limit it used, sometimes only how far all
//! countries together stayed below the limits ("during the growing season 2024, water withdrawal
//! was 2.05 km3 less than planned under limits", ICWC as reported by Eurasianet on 2025-03-26).
//! A [`SeasonalWithdrawal`] records one such figure as published, with its [`Measure`]; nothing is
//! converted from one measure to another without the limit it needs.
//!
//! [`assess_seasons`] sets each figure against the seasonal limit of the same country, line and
//! season (see [`limits`](crate::limits)) and says whether the withdrawal kept within it.
//! [`unreported_seasons`] lists, for each country, the seasons of a window (for example the last
//! ten, from [`seasons_back`]) for which no withdrawal of that country is published, so a
//! reader sees what remains unknown rather than a silence.
//!
//! ## Withdrawals CSV
//!
//! One row per figure; the conventions common to every CSV file are in the
//! [crate documentation](crate#csv-files).
//!
//! | column | holds | example |
//! |---|---|---|
//! | `country` | ISO 3166-1 code of the withdrawing country (alpha-3 preferred), or `all` for all the basin's countries together | `KAZ` |
//! | `line` | `total` or the line name used in the limits file | `dostyk-canal` |
//! | `season` | the ICWC season: `growing-YYYY` or `non-growing-YYYY-YY` | `growing-2024` |
//! | `measure` | `withdrawal` (the volume taken), `below-limit` (how much less than the limit was taken; negative when the limit was exceeded) or `share-of-limit` (the percentage of the limit taken) | `withdrawal` |
//! | `value` | the figure: a number ≥ 0, except `below-limit`, which may be negative | `0.874` |
//! | `unit` | a volume unit (`m3`, `Mm3`, `km3`) for `withdrawal` and `below-limit`; `%` for `share-of-limit` | `km3` |
//! | `source` | the id of the source the figure is taken from | `icwc-bulletin` |
//!
//! A key (country, line, season, measure) may appear once.
//!
//! ```
//! use dostyk_water::limits::parse_limits_csv;
//! use dostyk_water::withdrawals::{assess_seasons, parse_withdrawals_csv, Status};
//!
//! let limits = parse_limits_csv(
//!     "country,line,season,dekad,volume,unit,source\n\
//!      KAZ,dostyk-canal,growing-2024,,922,Mm3,trend-az-2024-05-13\n",
//!     "limits.csv",
//! )?;
//! // A constructed figure, not a published one.
//! let taken = parse_withdrawals_csv(
//!     "country,line,season,measure,value,unit,source\n\
//!      KAZ,dostyk-canal,growing-2024,share-of-limit,96.5,%,constructed\n",
//!     "withdrawals.csv",
//! )?;
//! let rows = assess_seasons(&limits, &taken)?;
//! assert_eq!(rows[0].status, Status::Within);
//! // 96.5 % of 922 million m³.
//! assert_eq!(format!("{:.3}", rows[0].withdrawal.unwrap()), "889.730 Mm3");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::path::Path;

use dostyk_core_model::country::Country;
use dostyk_core_model::period::IcwcSeason;
use dostyk_core_model::provenance::SourceId;
use dostyk_core_model::quantity::Volume;
use dostyk_core_model::read::{self, Column, Layout, Table};
use serde::{Deserialize, Serialize};

use crate::error::WaterError;
use crate::limits::{
    CountryCodes, Limit, LineId, line_cell, source_cell, volume_unit, volume_units_expected,
};

/// Who a withdrawal figure is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Scope {
    /// One country.
    Country(Country),
    /// All the basin's countries together, as ICWC sums them (`all` in the CSV).
    Basin,
}

impl fmt::Display for Scope {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Scope::Country(c) => write!(f, "{}", c.alpha3()),
            Scope::Basin => f.write_str("all"),
        }
    }
}

/// What a published withdrawal figure states.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "measure", content = "value")]
pub enum Measure {
    /// The volume withdrawn in the season.
    Withdrawal(Volume),
    /// How much less than the limit was withdrawn; negative when the limit was exceeded.
    BelowLimit(Volume),
    /// The share of the limit withdrawn, in percent.
    SharePct(f64),
}

impl Measure {
    /// The measure's name in the CSV `measure` column.
    pub fn name(&self) -> &'static str {
        match self {
            Measure::Withdrawal(_) => "withdrawal",
            Measure::BelowLimit(_) => "below-limit",
            Measure::SharePct(_) => "share-of-limit",
        }
    }
}

/// One published figure on a season's withdrawal.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SeasonalWithdrawal {
    /// The country, or all the basin's countries.
    pub scope: Scope,
    /// The line (`total` or a named intake).
    pub line: LineId,
    /// The season.
    pub season: IcwcSeason,
    /// The figure, as published.
    pub measure: Measure,
    /// Where the figure comes from.
    pub source: SourceId,
    /// The 1-based line of the file the row was read from; 0 when not read from a file. Not
    /// serialized.
    #[serde(skip)]
    pub file_line: u64,
}

/// Whether a season's withdrawal kept within the limit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// At or below the limit.
    Within,
    /// Above the limit.
    Exceeded,
    /// A limit is known but no withdrawal figure is published.
    NotReported,
}

/// One country (or the basin), line and season: the limit, the withdrawal and the verdict.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SeasonAssessment {
    /// The country, or all the basin's countries.
    pub scope: Scope,
    /// The line.
    pub line: LineId,
    /// The season.
    pub season: IcwcSeason,
    /// The seasonal limit of this country, line and season, when the limits give one.
    pub limit: Option<Volume>,
    /// The withdrawal: as published, or the limit less the published shortfall, or the limit
    /// times the published share. `None` when neither the figure nor the limit it needs is known.
    pub withdrawal: Option<Volume>,
    /// How much less than the limit was withdrawn (negative: above the limit).
    pub below_limit: Option<Volume>,
    /// The share of the limit withdrawn, in percent.
    pub share_pct: Option<f64>,
    /// The verdict.
    pub status: Status,
    /// Which published figure the row rests on, and so how the others were computed.
    pub derivation: Derivation,
    /// The sources of the limit.
    pub limit_sources: Vec<SourceId>,
    /// The sources of the withdrawal figures.
    pub withdrawal_sources: Vec<SourceId>,
}

/// Which published figure a [`SeasonAssessment`] rests on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Derivation {
    /// A published withdrawal set against the limit: share = withdrawal / limit × 100.
    WithdrawalAgainstLimit,
    /// A published withdrawal without a known limit: no verdict.
    WithdrawalOnly,
    /// A published shortfall below the limit; withdrawal = limit − shortfall when the limit is
    /// known.
    Shortfall,
    /// A published share of the limit; withdrawal = limit × share / 100 when the limit is known.
    Share,
    /// Only the limit is known.
    LimitOnly,
}

/// The columns of a withdrawals file (the table in the [module docs](self)).
const LAYOUT: Layout = Layout::new(&[
    Column::required("country"),
    Column::required("line"),
    Column::required("season"),
    Column::required("measure"),
    Column::required("value"),
    Column::required("unit"),
    Column::required("source"),
])
.with_comments();

/// Reads a withdrawals CSV file (columns in the [module docs](self)) of at most
/// [`read::MAX_TEXT_FILE_BYTES`]; a folder, pipe or device is refused.
pub fn read_withdrawals_csv(path: impl AsRef<Path>) -> Result<Vec<SeasonalWithdrawal>, WaterError> {
    let path = path.as_ref();
    let text = read::read_text(path, read::MAX_TEXT_FILE_BYTES)?;
    parse_withdrawals_csv(&text, path)
}

/// Parses withdrawals CSV `text` (columns in the [module docs](self)); `file` is only the name
/// errors show.
pub fn parse_withdrawals_csv(
    text: &str,
    file: impl AsRef<Path>,
) -> Result<Vec<SeasonalWithdrawal>, WaterError> {
    let file = file.as_ref();
    let mut table = Table::new(text, file, &LAYOUT)?;
    let mut out = Vec::new();
    let mut seen: HashMap<(Scope, LineId, IcwcSeason, &'static str), u64> = HashMap::new();
    let mut countries = CountryCodes::default();
    while let Some(row) = table.next_row() {
        let row = row?;
        let scope = if row.get("country").eq_ignore_ascii_case("all") {
            Scope::Basin
        } else {
            Scope::Country(countries.cell(&row)?)
        };
        let line = line_cell(&row)?;
        let season = row.parse_with(
            "season",
            "an ICWC season: growing-YYYY or non-growing-YYYY-YY (such as non-growing-2024-25)",
            |t| t.parse::<IcwcSeason>().ok(),
        )?;
        let kind = row.parse_with(
            "measure",
            "one of withdrawal, below-limit, share-of-limit",
            |t| match t {
                "withdrawal" | "below-limit" | "share-of-limit" => Some(t.to_owned()),
                _ => None,
            },
        )?;
        let signed = kind == "below-limit";
        let value = row.parse_with(
            "value",
            if signed {
                "a number (negative when the limit was exceeded)"
            } else {
                "a number ≥ 0"
            },
            |t| {
                t.parse::<f64>()
                    .ok()
                    .filter(|v| v.is_finite() && (signed || *v >= 0.0))
            },
        )?;
        let measure = if kind == "share-of-limit" {
            row.parse_with("unit", "% (a share of the limit is in percent)", |t| {
                (t == "%").then_some(())
            })?;
            Measure::SharePct(value)
        } else {
            let unit = row.parse_with("unit", &volume_units_expected(), volume_unit)?;
            let volume = Volume::new(value, unit);
            if !volume.m3().is_finite() {
                return Err(row
                    .value_error(
                        "value",
                        format!(
                            "a number that is a finite number of m3 (this one overflows once \
                             converted from {unit}); check the value and its unit",
                            unit = unit.symbol()
                        ),
                    )
                    .into());
            }
            if signed {
                Measure::BelowLimit(volume)
            } else {
                Measure::Withdrawal(volume)
            }
        };
        let source = source_cell(&row)?;
        let line_no = row.line();
        let key = (scope, line.clone(), season, measure.name());
        if let Some(&first) = seen.get(&key) {
            return Err(WaterError::duplicate(
                file,
                line_no,
                first,
                &format!(
                    "the {} of {scope} {line} in season {season}",
                    measure.name()
                ),
            ));
        }
        seen.insert(key, line_no);
        out.push(SeasonalWithdrawal {
            scope,
            line,
            season,
            measure,
            source,
            file_line: line_no,
        });
    }
    Ok(out)
}

/// Why withdrawal figures cannot be set against their limits.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum WithdrawalError {
    /// A published share of the limit that does not match the published withdrawal.
    #[error(
        "the share of the limit given for {key} on line {share_line} ({given_pct}%) does not match \
         the withdrawal on line {withdrawal_line} against the limit ({computed_pct:.1}%); correct \
         one of them or keep only one"
    )]
    Inconsistent {
        /// The country, line and season, in words.
        key: String,
        /// The share as published, in percent.
        given_pct: f64,
        /// The share computed from the published withdrawal and the limit, in percent.
        computed_pct: f64,
        /// The file line of the withdrawal row.
        withdrawal_line: u64,
        /// The file line of the share row.
        share_line: u64,
    },
}

/// How far (in percentage points) a published share may lie from the share computed from a
/// published withdrawal and the limit before the two are called inconsistent: published shares
/// are rounded to one decimal and volumes to three significant digits.
pub const SHARE_TOLERANCE_PCT: f64 = 1.0;

/// Sets every seasonal withdrawal figure against its limit (same country, line and season, a
/// limit for the whole season) and adds a [`Status::NotReported`] row for every seasonal limit
/// without a figure. Rows are ordered by season, then country (the basin last), then line.
///
/// When a row has several measures, a published withdrawal is used first, then a shortfall,
/// then a share; a share that disagrees with the one computed from a published withdrawal by
/// more than [`SHARE_TOLERANCE_PCT`] is an error naming both rows.
pub fn assess_seasons(
    limits: &[Limit],
    withdrawals: &[SeasonalWithdrawal],
) -> Result<Vec<SeasonAssessment>, WithdrawalError> {
    type Key = ((i32, u32), IcwcSeason, Scope, LineId);
    let mut keys: BTreeMap<Key, (Option<&Limit>, Vec<&SeasonalWithdrawal>)> = BTreeMap::new();
    for l in limits.iter().filter(|l| l.dekad.is_none()) {
        keys.entry((
            chronological(l.season),
            l.season,
            Scope::Country(l.country),
            l.line.clone(),
        ))
        .or_default()
        .0 = Some(l);
    }
    for w in withdrawals {
        keys.entry((chronological(w.season), w.season, w.scope, w.line.clone()))
            .or_default()
            .1
            .push(w);
    }
    let mut out = Vec::with_capacity(keys.len());
    for ((_, season, scope, line), (limit, figures)) in keys {
        let limit_volume = limit.map(|l| l.volume);
        let limit_m3 = limit_volume.map(Volume::m3).filter(|v| *v > 0.0);
        // One figure of each measure at most (the reader refuses a repeated key).
        let published = figures.iter().find_map(|w| match w.measure {
            Measure::Withdrawal(v) => Some((w.file_line, v)),
            _ => None,
        });
        let shortfall = figures.iter().find_map(|w| match w.measure {
            Measure::BelowLimit(b) => Some(b),
            _ => None,
        });
        let share = figures.iter().find_map(|w| match w.measure {
            Measure::SharePct(p) => Some((w.file_line, p)),
            _ => None,
        });
        let mut a = SeasonAssessment {
            scope,
            line,
            season,
            limit: limit_volume,
            withdrawal: None,
            below_limit: None,
            share_pct: None,
            status: Status::NotReported,
            derivation: Derivation::LimitOnly,
            limit_sources: limit.map(|l| vec![l.source.clone()]).unwrap_or_default(),
            withdrawal_sources: figures.iter().map(|w| w.source.clone()).collect(),
        };
        a.withdrawal_sources.sort();
        a.withdrawal_sources.dedup();
        if let Some((withdrawal_line, v)) = published {
            a.withdrawal = Some(v);
            a.derivation = Derivation::WithdrawalOnly;
            if let Some(l) = limit_m3 {
                let unit = v.unit();
                a.derivation = Derivation::WithdrawalAgainstLimit;
                a.below_limit = Some(Volume::new((l - v.m3()) / unit.factor(), unit));
                a.share_pct = Some(v.m3() / l * 100.0);
                if let (Some(s), Some((share_line, given))) = (a.share_pct, share)
                    && (s - given).abs() > SHARE_TOLERANCE_PCT
                {
                    return Err(WithdrawalError::Inconsistent {
                        key: format!("{scope} {} in {season}", a.line),
                        given_pct: given,
                        computed_pct: s,
                        withdrawal_line,
                        share_line,
                    });
                }
            }
        } else if let Some(b) = shortfall {
            a.derivation = Derivation::Shortfall;
            a.below_limit = Some(b);
            if let Some(l) = limit_m3 {
                let unit = b.unit();
                a.withdrawal = Some(Volume::new((l - b.m3()) / unit.factor(), unit));
                a.share_pct = Some((l - b.m3()) / l * 100.0);
            }
        } else if let Some((_, s)) = share {
            a.derivation = Derivation::Share;
            a.share_pct = Some(s);
            if let (Some(l), Some(lv)) = (limit_m3, limit_volume) {
                let unit = lv.unit();
                a.withdrawal = Some(Volume::new(l * s / 100.0 / unit.factor(), unit));
                a.below_limit = Some(Volume::new(l * (100.0 - s) / 100.0 / unit.factor(), unit));
            }
        }
        a.status = match (a.share_pct, a.below_limit) {
            (Some(s), _) => verdict(s <= 100.0),
            (None, Some(b)) => verdict(b.m3() >= 0.0),
            (None, None) => Status::NotReported,
        };
        out.push(a);
    }
    Ok(out)
}

/// A key that orders seasons in time: the year and month each begins.
pub fn chronological(season: IcwcSeason) -> (i32, u32) {
    match season {
        IcwcSeason::Growing { year } => (year, 4),
        IcwcSeason::NonGrowing { start_year } => (start_year, 10),
    }
}

fn verdict(within: bool) -> Status {
    if within {
        Status::Within
    } else {
        Status::Exceeded
    }
}

/// The `n` seasons that end with `latest`, oldest first (a water year is a non-growing season
/// followed by a growing one).
pub fn seasons_back(latest: IcwcSeason, n: usize) -> Vec<IcwcSeason> {
    let mut out = Vec::with_capacity(n.min(1_000));
    let mut season = latest;
    for _ in 0..n {
        out.push(season);
        season = match season {
            IcwcSeason::Growing { year } => IcwcSeason::NonGrowing {
                start_year: year.saturating_sub(1),
            },
            IcwcSeason::NonGrowing { start_year } => IcwcSeason::Growing { year: start_year },
        };
    }
    out.reverse();
    out
}

/// For each of `countries`, the seasons of `window` with no published withdrawal figure of that
/// country (a basin-wide figure says nothing of one country's share).
pub fn unreported_seasons(
    assessments: &[SeasonAssessment],
    countries: &[Country],
    window: &[IcwcSeason],
) -> Vec<(Country, Vec<IcwcSeason>)> {
    countries
        .iter()
        .map(|&c| {
            let missing = window
                .iter()
                .filter(|&&season| {
                    !assessments.iter().any(|a| {
                        a.scope == Scope::Country(c)
                            && a.season == season
                            && a.derivation != Derivation::LimitOnly
                    })
                })
                .copied()
                .collect();
            (c, missing)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::limits::parse_limits_csv;
    use dostyk_core_model::quantity::VolumeUnit;
    use proptest::prelude::*;

    fn limits() -> Vec<Limit> {
        parse_limits_csv(
            "country,line,season,dekad,volume,unit,source\n\
             KAZ,dostyk-canal,growing-2024,,922,Mm3,trend\n\
             UZB,total,growing-2025,,8.8,km3,azon\n\
             KAZ,dostyk-canal,growing-2025,,909,Mm3,azon\n",
            "limits.csv",
        )
        .unwrap()
    }

    fn parse(body: &str) -> Result<Vec<SeasonalWithdrawal>, WaterError> {
        parse_withdrawals_csv(
            &format!("country,line,season,measure,value,unit,source\n{body}"),
            "withdrawals.csv",
        )
    }

    #[test]
    fn each_measure_is_set_against_the_limit() {
        let w = parse(
            "KAZ,dostyk-canal,growing-2024,withdrawal,950,Mm3,a\n\
             UZB,total,growing-2025,below-limit,0.44,km3,b\n\
             KAZ,dostyk-canal,growing-2025,share-of-limit,90,%,c\n\
             all,total,growing-2024,below-limit,2.05,km3,d\n",
        )
        .unwrap();
        let rows = assess_seasons(&limits(), &w).unwrap();
        let find = |scope: Scope, season: &str| {
            rows.iter()
                .find(|r| r.scope == scope && r.season.to_string() == season)
                .unwrap()
        };
        let kaz = Country::from_code("KAZ").unwrap();
        let uzb = Country::from_code("UZB").unwrap();
        let r = find(Scope::Country(kaz), "growing-2024");
        assert_eq!(r.status, Status::Exceeded);
        assert!((r.share_pct.unwrap() - 950.0 / 922.0 * 100.0).abs() < 1e-9);
        assert!((r.below_limit.unwrap().value_in(VolumeUnit::Mm3) + 28.0).abs() < 1e-9);
        let r = find(Scope::Country(uzb), "growing-2025");
        assert_eq!(r.status, Status::Within);
        assert_eq!(r.derivation, Derivation::Shortfall);
        assert!((r.withdrawal.unwrap().value_in(VolumeUnit::Km3) - 8.36).abs() < 1e-9);
        assert!((r.share_pct.unwrap() - 95.0).abs() < 1e-9);
        let r = find(Scope::Country(kaz), "growing-2025");
        assert!((r.withdrawal.unwrap().value_in(VolumeUnit::Mm3) - 818.1).abs() < 1e-9);
        // All countries together: no limit in the limits file, the shortfall alone decides.
        let r = find(Scope::Basin, "growing-2024");
        assert_eq!(r.status, Status::Within);
        assert_eq!(r.limit, None);
        assert_eq!(r.withdrawal, None);
        assert_eq!(r.withdrawal_sources, [SourceId::new("d").unwrap()]);
    }

    #[test]
    fn a_limit_without_a_figure_is_not_reported_and_the_window_says_so() {
        let rows = assess_seasons(&limits(), &[]).unwrap();
        assert_eq!(rows.len(), 3);
        assert!(rows.iter().all(|r| r.status == Status::NotReported));
        let window = seasons_back("non-growing-2025-26".parse().unwrap(), 4);
        let names: Vec<String> = window.iter().map(ToString::to_string).collect();
        assert_eq!(
            names,
            [
                "growing-2024",
                "non-growing-2024-25",
                "growing-2025",
                "non-growing-2025-26"
            ]
        );
        let kaz = Country::from_code("KAZ").unwrap();
        let missing = unreported_seasons(&rows, &[kaz], &window);
        assert_eq!(missing[0].1, window);
        let w = parse("KAZ,dostyk-canal,growing-2025,share-of-limit,90,%,c\n").unwrap();
        let rows = assess_seasons(&limits(), &w).unwrap();
        let missing = unreported_seasons(&rows, &[kaz], &window);
        assert_eq!(missing[0].1.len(), 3);
        assert!(!missing[0].1.contains(&"growing-2025".parse().unwrap()));
    }

    #[test]
    fn rows_follow_the_calendar() {
        let l = parse_limits_csv(
            "country,line,season,dekad,volume,unit,source\n\
             KAZ,dostyk-canal,growing-2025,,909,Mm3,a\n\
             KAZ,dostyk-canal,non-growing-2024-25,,488,Mm3,a\n\
             KAZ,dostyk-canal,growing-2024,,922,Mm3,a\n",
            "limits.csv",
        )
        .unwrap();
        let rows = assess_seasons(&l, &[]).unwrap();
        let seasons: Vec<String> = rows.iter().map(|r| r.season.to_string()).collect();
        assert_eq!(
            seasons,
            ["growing-2024", "non-growing-2024-25", "growing-2025"]
        );
    }

    #[test]
    fn inconsistent_measures_are_refused() {
        let w = parse(
            "KAZ,dostyk-canal,growing-2024,withdrawal,461,Mm3,a\n\
             KAZ,dostyk-canal,growing-2024,share-of-limit,90,%,b\n",
        )
        .unwrap();
        let err = assess_seasons(&limits(), &w).unwrap_err().to_string();
        assert!(
            err.contains("for KAZ dostyk-canal in growing-2024 on line 3 (90%) does not match the withdrawal on line 2"),
            "{err}"
        );
        // Within the rounding tolerance: kept, the withdrawal decides.
        let w = parse(
            "KAZ,dostyk-canal,growing-2024,withdrawal,461,Mm3,a\n\
             KAZ,dostyk-canal,growing-2024,share-of-limit,50,%,b\n",
        )
        .unwrap();
        let rows = assess_seasons(&limits(), &w).unwrap();
        assert_eq!(rows[0].derivation, Derivation::WithdrawalAgainstLimit);
        assert_eq!(rows[0].withdrawal_sources.len(), 2);
    }

    #[test]
    fn errors_name_file_line_and_field() {
        let cases = [
            ("XXX,total,growing-2024,withdrawal,1,km3,a\n", "country"),
            ("KAZ,total,growing-24,withdrawal,1,km3,a\n", "season"),
            ("KAZ,total,growing-2024,intake,1,km3,a\n", "measure"),
            ("KAZ,total,growing-2024,withdrawal,-1,km3,a\n", "value"),
            ("KAZ,total,growing-2024,share-of-limit,90,km3,a\n", "unit"),
            ("KAZ,total,growing-2024,withdrawal,1,%,a\n", "unit"),
            ("KAZ,total,growing-2024,withdrawal,1e308,km3,a\n", "value"),
            ("KAZ,total,growing-2024,withdrawal,1,km3,a b\n", "source"),
        ];
        for (body, field) in cases {
            let err = parse(body).unwrap_err().to_string();
            assert!(
                err.starts_with(&format!(
                    "withdrawals.csv, line 2, field \"{field}\": found "
                )),
                "{body}: {err}"
            );
        }
        let err = parse(
            "KAZ,total,growing-2024,withdrawal,1,km3,a\n\
             KAZ,total,growing-2024,withdrawal,2,km3,b\n",
        )
        .unwrap_err()
        .to_string();
        assert!(
            err.starts_with("withdrawals.csv, line 3: the withdrawal of KAZ total in season growing-2024 was already given on line 2"),
            "{err}"
        );
        // A shortfall may be negative: the limit was exceeded.
        let w = parse("all,total,growing-2024,below-limit,-0.5,km3,a\n").unwrap();
        assert_eq!(assess_seasons(&[], &w).unwrap()[0].status, Status::Exceeded);
    }

    proptest! {
        #[test]
        fn never_panics_and_verdicts_follow_the_share(
            limit in prop_oneof![Just(0.0), Just(1e308), 0.0..1e6f64],
            value in prop_oneof![Just(0.0), Just(1e308), Just(-1e308), -1e6..1e6f64],
            measure in 0..3usize,
        ) {
            let l = parse_limits_csv(
                &format!("country,line,season,dekad,volume,unit,source\nKAZ,total,growing-2024,,{limit},Mm3,s\n"),
                "limits.csv",
            );
            let (name, unit) = [("withdrawal", "Mm3"), ("below-limit", "Mm3"), ("share-of-limit", "%")][measure];
            let w = parse(&format!("KAZ,total,growing-2024,{name},{value},{unit},s\n"));
            if let (Ok(l), Ok(w)) = (l, w) {
                let rows = assess_seasons(&l, &w).unwrap();
                prop_assert_eq!(rows.len(), 1);
                if let Some(s) = rows[0].share_pct.filter(|s| s.is_finite()) {
                    prop_assert_eq!(rows[0].status == Status::Within, s <= 100.0);
                }
            }
        }
    }
}
