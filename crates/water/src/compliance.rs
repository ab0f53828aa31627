//! Compliance of actual intake with ICWC limits, per dekad, month and season.
//!
//! For each country, line and ICWC season that has a limit or an intake, [`assess`] lays out the
//! season's 18 dekads and 6 months and compares limit with actual intake:
//!
//! - **deviation** = actual − limit (positive: over the limit);
//! - **deviation %** = deviation ÷ limit × 100 (none when the limit is 0);
//! - **cumulative deviation** at a dekad (or month) = the sum of the deviations of that dekad
//!   (month) and of every earlier one in the season that has both a limit and an actual — what
//!   the line is over or under its limits so far;
//! - **dekads over the limit**: the dekads whose actual exceeds their limit.
//!
//! Which limits are compared is stated on every result as its [`LimitBasis`]:
//!
//! - dekad limits, where the limits file gives them ([`LimitBasis::DekadLimits`]);
//! - otherwise the seasonal limit on the season total only ([`LimitBasis::SeasonTotalOnly`]):
//!   the dekad and month rows then carry the actual intake without a limit, because a seasonal
//!   limit is never silently spread over dekads;
//! - the seasonal limit split over dekads in proportion to their days, only when the caller asks
//!   with [`DekadLimits::ProRataByDays`] ([`LimitBasis::ProRataByDays`]);
//! - [`LimitBasis::NoLimit`] for an intake line that has no limit in the season.
//!
//! Lines are compared as given: a country's `total` line is compared with intake reported
//! for `total`, and is never computed by adding up its canal lines (which ICWC does not publish
//! for every canal).
//!
//! A month has a limit when all three of its dekads have one (their sum); its deviation needs the
//! limit and all three dekads' intake. The season total compares the seasonal limit (or, without
//! one, the sum of all 18 dekad limits) with the season's intake; its deviation is given once all
//! 18 dekads are reported, and before that `share_of_limit_used_pct` says how much of the limit
//! the reported dekads have taken.
//!
//! Reports show water volumes to [`VOLUME_DISPLAY_RESOLUTION`] (0.1 million m³: limits in km3 to 4
//! places, intakes in Mm3 to 1) and deviations in percent to [`PERCENT_DISPLAY_DECIMALS`] places;
//! the results themselves keep the full `f64`.
//!
//! ```
//! use dostyk_water::compliance::{assess, DekadLimits};
//! use dostyk_water::intake::parse_intake_csv;
//! use dostyk_water::limits::parse_limits_csv;
//!
//! let limits = parse_limits_csv("country,line,season,dekad,volume,unit,source\n\
//!     KAZ,dostyk-canal,growing-2025,2025-04-D1,40,Mm3,example\n\
//!     KAZ,dostyk-canal,growing-2025,2025-04-D2,40,Mm3,example\n", "limits.csv")?;
//! let intake = parse_intake_csv("country,line,dekad,value,unit,source\n\
//!     KAZ,dostyk-canal,2025-04-D1,42,Mm3,constructed\n\
//!     KAZ,dostyk-canal,2025-04-D2,39,Mm3,constructed\n", "intake.csv")?;
//! let report = assess(&limits, &intake, DekadLimits::AsGiven)?;
//! let line = &report.lines[0];
//! assert_eq!(line.dekads_over_limit[0].to_string(), "2025-04-D1");
//! let d2 = &line.dekads[1];
//! assert_eq!(d2.deviation.unwrap().to_string(), "-1 Mm3");
//! assert_eq!(d2.cumulative_deviation.unwrap().to_string(), "1 Mm3"); // +2 then −1
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;

use dostyk_core_model::period::{IcwcSeason, Period, PeriodError, PeriodKind};
use dostyk_core_model::provenance::SourceId;
use serde::{Deserialize, Serialize};

use dostyk_core_model::quantity::{Volume, VolumeUnit};

use crate::intake::Intake;
use dostyk_core_model::country::Country;

use crate::limits::{Limit, LineId};

/// The resolution water volumes are shown to: 0.1 million m³ (10⁵ m³), the last digit of the
/// ICWC's limits in Mm³. With [`Volume::rounded_in`] a limit in km3 shows 4 places and an intake
/// in Mm3 one.
pub const VOLUME_DISPLAY_RESOLUTION: Volume = Volume::new(0.1, VolumeUnit::Mm3);

/// The decimal places a deviation in percent (`deviation_pct`) is shown with: one, so 0.1 %.
pub const PERCENT_DISPLAY_DECIMALS: u32 = 1;

/// What prevents an assessment.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum ComplianceError {
    /// Two limits with the same country, line, season and dekad.
    #[error(
        "two limits for {country} {line} in {season}{}: keep one (check the limits file)",
        dekad.map(|d| format!(", dekad {d}")).unwrap_or_default()
    )]
    DuplicateLimit {
        /// Country.
        country: Country,
        /// Line.
        line: LineId,
        /// Season.
        season: IcwcSeason,
        /// Dekad, for a dekad limit.
        dekad: Option<Period>,
    },
    /// Two intakes with the same country, line and dekad.
    #[error("two intakes for {country} {line} in dekad {dekad}: keep one (check the intake file)")]
    DuplicateIntake {
        /// Country.
        country: Country,
        /// Line.
        line: LineId,
        /// Dekad.
        dekad: Period,
    },
    /// A limit whose dekad is not a dekad of its season, or an intake whose period is not a
    /// dekad.
    #[error(
        "{period} is not a dekad of {season}: limits and intakes are compared by the dekads of a season"
    )]
    NotADekadOfTheSeason {
        /// The period given.
        period: Period,
        /// The season it was expected in.
        season: IcwcSeason,
    },
    /// A season outside the calendar the periods support.
    #[error("the season {season} cannot be laid out in dekads: {source}")]
    Calendar {
        /// The season.
        season: IcwcSeason,
        /// The calendar error.
        source: PeriodError,
    },
}

/// How dekad limits are obtained when the limits give only a seasonal total.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DekadLimits {
    /// Only the dekad limits in the limits file; a seasonal limit is compared on the season
    /// total only.
    #[default]
    AsGiven,
    /// Where a line has a seasonal limit and no dekad limits, split the seasonal limit over the
    /// dekads in proportion to their days (an assumption, stated on the result).
    ProRataByDays,
}

/// Which limits a line's comparison rests on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LimitBasis {
    /// Dekad limits from the limits file.
    DekadLimits,
    /// The seasonal limit split over dekads by days, at the caller's request.
    ProRataByDays,
    /// A seasonal limit compared on the season total only.
    SeasonTotalOnly,
    /// Intake without any limit for the season.
    NoLimit,
}

/// Limit against actual for one dekad or one month.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PeriodRow {
    /// The dekad or month.
    pub period: Period,
    /// The limit, if the period has one.
    pub limit: Option<Volume>,
    /// The actual intake: the sum over the period's dekads that are reported.
    pub actual: Option<Volume>,
    /// How many of the period's dekads have a reported intake.
    pub dekads_reported: u32,
    /// How many dekads the period has (1 for a dekad, 3 for a month).
    pub dekads_in_period: u32,
    /// actual − limit, when the limit is known and every dekad is reported.
    pub deviation: Option<Volume>,
    /// deviation ÷ limit × 100, when there is a deviation and the limit is not 0.
    pub deviation_pct: Option<f64>,
    /// The sum of the deviations of this and every earlier row of the season; `None` until
    /// the first row with a deviation.
    pub cumulative_deviation: Option<Volume>,
    /// Whether the actual exceeds the limit.
    pub over_limit: bool,
}

/// Where a season total's limit comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SeasonLimitFrom {
    /// The seasonal limit in the limits file.
    SeasonalLimit,
    /// The sum of the 18 dekad limits (there is no seasonal limit).
    SumOfDekadLimits,
    /// No limit for the season.
    None,
}

/// Limit against actual for the whole season.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SeasonRow {
    /// The season's limit.
    pub limit: Option<Volume>,
    /// Where the limit comes from.
    pub limit_from: SeasonLimitFrom,
    /// The sum of the dekad limits, when every dekad has one (to compare with a seasonal
    /// limit).
    pub dekad_limits_sum: Option<Volume>,
    /// The intake of the reported dekads.
    pub actual: Volume,
    /// How many of the season's dekads have a reported intake.
    pub dekads_reported: u32,
    /// How many dekads the season has (18).
    pub dekads_in_season: u32,
    /// actual ÷ limit × 100 for the reported dekads (the share of the limit used so far).
    pub share_of_limit_used_pct: Option<f64>,
    /// actual − limit, once every dekad is reported.
    pub deviation: Option<Volume>,
    /// deviation ÷ limit × 100.
    pub deviation_pct: Option<f64>,
    /// Whether the intake (even of the reported dekads alone) exceeds the limit.
    pub over_limit: bool,
}

/// The compliance of one country and line in one season.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LineSeason {
    /// Country.
    pub country: Country,
    /// Line.
    pub line: LineId,
    /// Season.
    pub season: IcwcSeason,
    /// Which limits the comparison rests on.
    pub limit_basis: LimitBasis,
    /// The sources of the limits used, sorted, without repeats.
    pub limit_sources: Vec<SourceId>,
    /// The sources of the intakes used, sorted, without repeats.
    pub intake_sources: Vec<SourceId>,
    /// The season's 18 dekads in order.
    pub dekads: Vec<PeriodRow>,
    /// The season's 6 months in order.
    pub months: Vec<PeriodRow>,
    /// The season total.
    pub season_total: SeasonRow,
    /// The dekads whose intake exceeds their limit.
    pub dekads_over_limit: Vec<Period>,
}

/// The compliance of every line and season in the inputs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ComplianceReport {
    /// How dekad limits were obtained.
    pub dekad_limits: DekadLimits,
    /// One entry per country, line and season, sorted by country, line and season.
    pub lines: Vec<LineSeason>,
}

type Key = (Country, LineId, IcwcSeason);

#[derive(Default)]
struct Group<'a> {
    seasonal: Option<&'a Limit>,
    dekad_limits: HashMap<Period, &'a Limit>,
    intakes: HashMap<Period, &'a Intake>,
}

/// Compares `intakes` with `limits` for every country, line and season present in either.
pub fn assess(
    limits: &[Limit],
    intakes: &[Intake],
    dekad_limits: DekadLimits,
) -> Result<ComplianceReport, ComplianceError> {
    let mut groups: BTreeMap<Key, Group<'_>> = BTreeMap::new();
    for limit in limits {
        let key = (limit.country, limit.line.clone(), limit.season);
        let group = groups.entry(key).or_default();
        let duplicate = match limit.dekad {
            None => group.seasonal.replace(limit).is_some(),
            Some(d) => {
                let inside = d.kind() == PeriodKind::Dekad
                    && IcwcSeason::containing(d.first_day()) == limit.season;
                if !inside {
                    return Err(ComplianceError::NotADekadOfTheSeason {
                        period: d,
                        season: limit.season,
                    });
                }
                group.dekad_limits.insert(d, limit).is_some()
            }
        };
        if duplicate {
            return Err(ComplianceError::DuplicateLimit {
                country: limit.country,
                line: limit.line.clone(),
                season: limit.season,
                dekad: limit.dekad,
            });
        }
    }
    for intake in intakes {
        let season = IcwcSeason::containing(intake.dekad.first_day());
        if intake.dekad.kind() != PeriodKind::Dekad {
            return Err(ComplianceError::NotADekadOfTheSeason {
                period: intake.dekad,
                season,
            });
        }
        let key = (intake.country, intake.line.clone(), season);
        let group = groups.entry(key).or_default();
        if group.intakes.insert(intake.dekad, intake).is_some() {
            return Err(ComplianceError::DuplicateIntake {
                country: intake.country,
                line: intake.line.clone(),
                dekad: intake.dekad,
            });
        }
    }
    let mut lines = Vec::with_capacity(groups.len());
    for ((country, line, season), group) in groups {
        lines.push(assess_group(country, line, season, &group, dekad_limits)?);
    }
    Ok(ComplianceReport {
        dekad_limits,
        lines,
    })
}

fn assess_group(
    country: Country,
    line: LineId,
    season: IcwcSeason,
    group: &Group<'_>,
    dekad_limits: DekadLimits,
) -> Result<LineSeason, ComplianceError> {
    let calendar = |source| ComplianceError::Calendar { season, source };
    let dekads = season.dekads().map_err(calendar)?;
    let months = season.months().map_err(calendar)?;

    // The dekad limits used, and the basis they rest on.
    let (limit_basis, dekad_limit): (LimitBasis, HashMap<Period, Volume>) =
        if !group.dekad_limits.is_empty() {
            let given = group
                .dekad_limits
                .iter()
                .map(|(d, l)| (*d, l.volume))
                .collect();
            (LimitBasis::DekadLimits, given)
        } else if let Some(seasonal) = group.seasonal {
            match (dekad_limits, seasonal.pro_rata_by_days()) {
                (DekadLimits::ProRataByDays, Some(split)) => {
                    (LimitBasis::ProRataByDays, split.into_iter().collect())
                }
                _ => (LimitBasis::SeasonTotalOnly, HashMap::new()),
            }
        } else {
            (LimitBasis::NoLimit, HashMap::new())
        };

    let mut dekad_rows = Vec::with_capacity(dekads.len());
    let mut cumulative = None;
    for dekad in &dekads {
        let limit = dekad_limit.get(dekad).copied();
        let actual = group.intakes.get(dekad).map(|i| i.volume);
        let row = period_row(
            *dekad,
            limit,
            actual,
            u32::from(actual.is_some()),
            1,
            &mut cumulative,
        );
        dekad_rows.push(row);
    }

    let mut month_rows = Vec::with_capacity(months.len());
    let mut cumulative = None;
    for month in &months {
        let inside: Vec<&PeriodRow> = dekad_rows
            .iter()
            .filter(|r| month.contains(&r.period))
            .collect();
        let limit = inside.iter().map(|r| r.limit).sum::<Option<Volume>>();
        let reported: Vec<Volume> = inside.iter().filter_map(|r| r.actual).collect();
        let actual = (!reported.is_empty()).then(|| reported.iter().copied().sum());
        month_rows.push(period_row(
            *month,
            limit,
            actual,
            reported.len() as u32,
            inside.len() as u32,
            &mut cumulative,
        ));
    }

    let dekad_limits_sum = (!group.dekad_limits.is_empty())
        .then(|| {
            dekads
                .iter()
                .map(|d| group.dekad_limits.get(d).map(|l| l.volume))
                .sum::<Option<Volume>>()
        })
        .flatten();
    let (limit, limit_from) = match (group.seasonal, dekad_limits_sum) {
        (Some(s), _) => (Some(s.volume), SeasonLimitFrom::SeasonalLimit),
        (None, Some(sum)) => (Some(sum), SeasonLimitFrom::SumOfDekadLimits),
        (None, None) => (None, SeasonLimitFrom::None),
    };
    let actual: Volume = dekad_rows.iter().filter_map(|r| r.actual).sum();
    let dekads_reported = dekad_rows.iter().filter(|r| r.actual.is_some()).count() as u32;
    let dekads_in_season = dekads.len() as u32;
    let complete = dekads_reported == dekads_in_season;
    let deviation = limit.filter(|_| complete).map(|l| actual - l);
    let season_total = SeasonRow {
        limit: limit.map(in_mm3),
        limit_from,
        dekad_limits_sum: dekad_limits_sum.map(in_mm3),
        actual: in_mm3(actual),
        dekads_reported,
        dekads_in_season,
        share_of_limit_used_pct: limit.and_then(|l| percent(actual, l)),
        deviation: deviation.map(in_mm3),
        deviation_pct: deviation.zip(limit).and_then(|(d, l)| percent(d, l)),
        over_limit: limit.is_some_and(|l| actual > l),
    };

    let dekads_over_limit = dekad_rows
        .iter()
        .filter(|r| r.over_limit)
        .map(|r| r.period)
        .collect();
    let mut limit_sources: Vec<SourceId> = group
        .seasonal
        .iter()
        .chain(group.dekad_limits.values())
        .map(|l| l.source.clone())
        .collect();
    limit_sources.sort();
    limit_sources.dedup();
    let mut intake_sources: Vec<SourceId> =
        group.intakes.values().map(|i| i.source.clone()).collect();
    intake_sources.sort();
    intake_sources.dedup();

    Ok(LineSeason {
        country,
        line,
        season,
        limit_basis,
        limit_sources,
        intake_sources,
        dekads: dekad_rows,
        months: month_rows,
        season_total,
        dekads_over_limit,
    })
}

fn period_row(
    period: Period,
    limit: Option<Volume>,
    actual: Option<Volume>,
    dekads_reported: u32,
    dekads_in_period: u32,
    cumulative: &mut Option<Volume>,
) -> PeriodRow {
    let complete = dekads_reported == dekads_in_period;
    let deviation = match (limit, actual) {
        (Some(l), Some(a)) if complete => Some(a - l),
        _ => None,
    };
    if let Some(d) = deviation {
        *cumulative = Some(cumulative.map_or(d, |c| c + d));
    }
    PeriodRow {
        period,
        limit: limit.map(in_mm3),
        actual: actual.map(in_mm3),
        dekads_reported,
        dekads_in_period,
        deviation: deviation.map(in_mm3),
        deviation_pct: deviation.zip(limit).and_then(|(d, l)| percent(d, l)),
        cumulative_deviation: cumulative.map(in_mm3),
        over_limit: matches!((limit, actual), (Some(l), Some(a)) if a > l),
    }
}

/// Results are stated in million m³, the unit ICWC and the press use for canal lines.
fn in_mm3(volume: Volume) -> Volume {
    volume.to_unit(VolumeUnit::Mm3)
}

fn percent(part: Volume, whole: Volume) -> Option<f64> {
    (whole.m3() != 0.0).then(|| part / whole * 100.0)
}

impl ComplianceReport {
    /// The report as pretty-printed JSON, ending with a newline. Volumes are written in their
    /// text form in million m³ (`"43.2 Mm3"`).
    pub fn to_json(&self) -> Result<String, serde_json::Error> {
        let mut text = serde_json::to_string_pretty(self)?;
        text.push('\n');
        Ok(text)
    }

    /// The report as a plain-text table for a terminal, volumes in million m³ with three
    /// decimals: one block per line and season, with its dekads, months and season total.
    pub fn to_table(&self) -> String {
        let mut out = String::new();
        for line in &self.lines {
            // Writing to a String cannot fail.
            let _ = writeln!(
                out,
                "{} {} {} — limits: {} (limit sources: {}; intake sources: {})",
                line.country,
                line.line,
                line.season,
                basis_words(line.limit_basis),
                join(&line.limit_sources),
                join(&line.intake_sources),
            );
            let _ = writeln!(
                out,
                "{:<11} {:>12} {:>12} {:>12} {:>8} {:>14} {:>5}",
                "period", "limit Mm3", "actual Mm3", "dev Mm3", "dev %", "cum dev Mm3", "over"
            );
            for row in line.dekads.iter().chain(&line.months) {
                let _ = writeln!(
                    out,
                    "{:<11} {:>12} {:>12} {:>12} {:>8} {:>14} {:>5}",
                    row.period.to_string(),
                    mm3(row.limit),
                    mm3(row.actual),
                    mm3(row.deviation),
                    pct(row.deviation_pct),
                    mm3(row.cumulative_deviation),
                    if row.over_limit { "yes" } else { "" },
                );
            }
            let s = &line.season_total;
            let _ = writeln!(
                out,
                "{:<11} {:>12} {:>12} {:>12} {:>8} {:>14} {:>5}",
                "season",
                mm3(s.limit),
                mm3(Some(s.actual)),
                mm3(s.deviation),
                pct(s.deviation_pct),
                "",
                if s.over_limit { "yes" } else { "" },
            );
            let over: Vec<String> = line
                .dekads_over_limit
                .iter()
                .map(ToString::to_string)
                .collect();
            let _ = writeln!(
                out,
                "dekads reported: {} of {}; share of the season limit used: {}; dekads over the limit: {}\n",
                s.dekads_reported,
                s.dekads_in_season,
                s.share_of_limit_used_pct
                    .map_or_else(|| "–".to_owned(), |v| format!("{v:.1} %")),
                if over.is_empty() {
                    "none".to_owned()
                } else {
                    over.join(", ")
                },
            );
        }
        out
    }
}

fn basis_words(basis: LimitBasis) -> &'static str {
    match basis {
        LimitBasis::DekadLimits => "dekad limits as given",
        LimitBasis::ProRataByDays => "seasonal limit split over dekads pro rata by days (assumed)",
        LimitBasis::SeasonTotalOnly => "seasonal limit, compared on the season total only",
        LimitBasis::NoLimit => "no limit for this season",
    }
}

fn join(ids: &[SourceId]) -> String {
    if ids.is_empty() {
        "none".to_owned()
    } else {
        ids.iter()
            .map(SourceId::as_str)
            .collect::<Vec<_>>()
            .join(", ")
    }
}

fn mm3(v: Option<Volume>) -> String {
    v.map_or_else(
        || "–".to_owned(),
        |v| format!("{:.3}", v.value_in(VolumeUnit::Mm3)),
    )
}

fn pct(v: Option<f64>) -> String {
    v.map_or_else(|| "–".to_owned(), |v| format!("{v:.1}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn mm(v: f64) -> Volume {
        Volume::from_mm3(v)
    }

    #[test]
    fn volumes_are_shown_to_a_tenth_of_a_million_cubic_metres() {
        assert_eq!(VolumeUnit::Km3.decimals_for(VOLUME_DISPLAY_RESOLUTION), 4);
        assert_eq!(VolumeUnit::Mm3.decimals_for(VOLUME_DISPLAY_RESOLUTION), 1);
        let shown = |v: Volume, unit| {
            v.rounded_in(unit, VOLUME_DISPLAY_RESOLUTION)
                .map(|d| d.to_string())
        };
        // The Syr Darya growing-season limit of 0.922 km³, and 43.24 Mm³ of dekad intake.
        assert_eq!(
            shown(Volume::from_km3(0.922), VolumeUnit::Km3).as_deref(),
            Some("0.922")
        );
        assert_eq!(shown(mm(43.24), VolumeUnit::Mm3).as_deref(), Some("43.2"));
        assert_eq!(shown(mm(43.24), VolumeUnit::Km3).as_deref(), Some("0.0432"));
        assert_eq!(shown(mm(f64::NAN), VolumeUnit::Mm3), None);
        assert_eq!(shown(Volume::from_km3(1e308), VolumeUnit::Km3), None);
    }

    fn limit(season: &str, dekad: Option<&str>, mm3: f64) -> Limit {
        Limit::new(
            Country::KAZ,
            LineId::new("dostyk-canal").unwrap(),
            season.parse().unwrap(),
            dekad.map(|d| d.parse().unwrap()),
            Volume::from_mm3(mm3),
            SourceId::new("limit-src").unwrap(),
        )
        .unwrap()
    }

    fn intake(dekad: &str, mm3: f64) -> Intake {
        Intake {
            country: Country::KAZ,
            line: LineId::new("dostyk-canal").unwrap(),
            dekad: dekad.parse().unwrap(),
            volume: Volume::from_mm3(mm3),
            mean_flow: None,
            source: SourceId::new("constructed").unwrap(),
            file_line: 0,
        }
    }

    /// A small season computed by hand: dekad limits of 50 Mm³ for all of April, intakes of
    /// 48, 55 and 53 Mm³.
    #[test]
    fn hand_computed_dekads_and_month() {
        let limits = [
            limit("growing-2025", Some("2025-04-D1"), 50.0),
            limit("growing-2025", Some("2025-04-D2"), 50.0),
            limit("growing-2025", Some("2025-04-D3"), 50.0),
        ];
        let intakes = [
            intake("2025-04-D1", 48.0),
            intake("2025-04-D2", 55.0),
            intake("2025-04-D3", 53.0),
        ];
        let report = assess(&limits, &intakes, DekadLimits::AsGiven).unwrap();
        assert_eq!(report.lines.len(), 1);
        let line = &report.lines[0];
        assert_eq!(line.limit_basis, LimitBasis::DekadLimits);
        let dev: Vec<f64> = line.dekads[..3]
            .iter()
            .map(|r| r.deviation.unwrap().value_in(VolumeUnit::Mm3))
            .collect();
        assert_eq!(dev, [-2.0, 5.0, 3.0]);
        let cum: Vec<f64> = line.dekads[..3]
            .iter()
            .map(|r| r.cumulative_deviation.unwrap().value_in(VolumeUnit::Mm3))
            .collect();
        assert_eq!(cum, [-2.0, 3.0, 6.0]);
        assert_eq!(line.dekads[0].deviation_pct, Some(-4.0));
        assert_eq!(line.dekads[1].deviation_pct, Some(10.0));
        assert_eq!(
            line.dekads_over_limit,
            vec![
                "2025-04-D2".parse::<Period>().unwrap(),
                "2025-04-D3".parse().unwrap()
            ]
        );
        // Later dekads: no limit, no intake, the cumulative deviation carries on unchanged.
        assert_eq!(line.dekads[3].limit, None);
        assert_eq!(line.dekads[17].cumulative_deviation, Some(mm(6.0)));
        let april = &line.months[0];
        assert_eq!(april.limit, Some(mm(150.0)));
        assert_eq!(april.actual, Some(mm(156.0)));
        assert_eq!(april.deviation, Some(mm(6.0)));
        assert_eq!(april.deviation_pct, Some(4.0));
        assert!(april.over_limit);
        assert_eq!(line.months[1].limit, None);
        // No seasonal limit and not all 18 dekad limits: no season limit.
        let s = &line.season_total;
        assert_eq!(s.limit_from, SeasonLimitFrom::None);
        assert_eq!(s.actual, mm(156.0));
        assert_eq!(s.dekads_reported, 3);
        assert_eq!(s.deviation, None);
    }

    #[test]
    fn seasonal_limit_is_compared_on_the_total_only_unless_pro_rata_is_asked() {
        // 2024 growing season, KZ Dostyk canal limit 922 Mm³ (trend.az 2024-05-13); the intake
        // is constructed: 50 Mm³ in every dekad = 900 Mm³.
        let limits = [limit("growing-2024", None, 922.0)];
        let season: IcwcSeason = "growing-2024".parse().unwrap();
        let intakes: Vec<Intake> = season
            .dekads()
            .unwrap()
            .iter()
            .map(|d| intake(&d.to_string(), 50.0))
            .collect();
        let report = assess(&limits, &intakes, DekadLimits::AsGiven).unwrap();
        let line = &report.lines[0];
        assert_eq!(line.limit_basis, LimitBasis::SeasonTotalOnly);
        assert!(line.dekads.iter().all(|r| r.limit.is_none()));
        assert!(line.months.iter().all(|r| r.limit.is_none()));
        assert!(line.dekads_over_limit.is_empty());
        assert!(line.dekads.iter().all(|r| r.cumulative_deviation.is_none()));
        let s = &line.season_total;
        assert_eq!(s.limit_from, SeasonLimitFrom::SeasonalLimit);
        assert_eq!(s.actual, mm(900.0));
        assert_eq!(s.deviation, Some(mm(-22.0)));
        assert!((s.deviation_pct.unwrap() - (-22.0 / 922.0 * 100.0)).abs() < 1e-12);
        assert!(!s.over_limit);

        let report = assess(&limits, &intakes, DekadLimits::ProRataByDays).unwrap();
        let line = &report.lines[0];
        assert_eq!(line.limit_basis, LimitBasis::ProRataByDays);
        // April D1: 922 × 10/183 = 50.38 Mm³ > 50; May D3: 922 × 11/183 = 55.42 Mm³.
        assert!(!line.dekads[0].over_limit);
        let may_d3 = &line.dekads[5];
        assert!((may_d3.limit.unwrap().m3() - 922.0e6 * 11.0 / 183.0).abs() < 1e-3);
        // The seasonal limit is still the season's limit.
        assert_eq!(line.season_total.limit, Some(mm(922.0)));
        let last = line.dekads.last().unwrap().cumulative_deviation.unwrap();
        assert!((last.m3() - (-22.0e6)).abs() < 1e-3);
    }

    #[test]
    fn partial_season_reports_the_share_used_and_early_excess() {
        let limits = [limit("non-growing-2025-26", None, 460.0)];
        let intakes = [intake("2025-10-D1", 300.0), intake("2025-10-D2", 200.0)];
        let line = &assess(&limits, &intakes, DekadLimits::AsGiven)
            .unwrap()
            .lines[0];
        let s = &line.season_total;
        assert_eq!(s.dekads_reported, 2);
        assert_eq!(s.deviation, None);
        assert!((s.share_of_limit_used_pct.unwrap() - 500.0 / 460.0 * 100.0).abs() < 1e-9);
        assert!(s.over_limit);
        let october = &line.months[0];
        assert_eq!(october.dekads_reported, 2);
        assert_eq!(october.actual, Some(mm(500.0)));
    }

    #[test]
    fn intake_without_limit_and_bad_inputs() {
        let line = &assess(&[], &[intake("2025-05-D1", 1.0)], DekadLimits::AsGiven)
            .unwrap()
            .lines[0];
        assert_eq!(line.limit_basis, LimitBasis::NoLimit);
        assert_eq!(line.season.to_string(), "growing-2025");
        let twice = [intake("2025-05-D1", 1.0), intake("2025-05-D1", 2.0)];
        assert!(matches!(
            assess(&[], &twice, DekadLimits::AsGiven),
            Err(ComplianceError::DuplicateIntake { .. })
        ));
        let limits = [
            limit("growing-2025", None, 1.0),
            limit("growing-2025", None, 2.0),
        ];
        let err = assess(&limits, &[], DekadLimits::AsGiven).unwrap_err();
        assert_eq!(
            err.to_string(),
            "two limits for KAZ dostyk-canal in growing-2025: keep one (check the limits file)"
        );
        let mut outside = limit("growing-2025", None, 1.0);
        outside.dekad = Some("2025-03-D3".parse().unwrap());
        assert!(matches!(
            assess(&[outside], &[], DekadLimits::AsGiven),
            Err(ComplianceError::NotADekadOfTheSeason { .. })
        ));
    }

    #[test]
    fn zero_limit_has_no_percentage() {
        let line = &assess(
            &[limit("growing-2025", Some("2025-06-D1"), 0.0)],
            &[intake("2025-06-D1", 1.0)],
            DekadLimits::AsGiven,
        )
        .unwrap()
        .lines[0];
        let row = &line.dekads[6];
        assert_eq!(row.deviation, Some(mm(1.0)));
        assert_eq!(row.deviation_pct, None);
        assert!(row.over_limit);
    }

    proptest! {
        #[test]
        fn cumulative_deviation_is_the_sum_of_deviations(
            values in prop::collection::vec(
                (prop::option::of(0.0f64..1.0e9), prop::option::of(0.0f64..1.0e9)), 18),
        ) {
            let season: IcwcSeason = "growing-2023".parse().unwrap();
            let dekads = season.dekads().unwrap();
            let mut limits = Vec::new();
            let mut intakes = Vec::new();
            for (d, (l, a)) in dekads.iter().zip(&values) {
                if let Some(l) = l {
                    limits.push(limit("growing-2023", Some(&d.to_string()), *l / 1e6));
                }
                if let Some(a) = a {
                    intakes.push(intake(&d.to_string(), *a / 1e6));
                }
            }
            let report = assess(&limits, &intakes, DekadLimits::AsGiven).unwrap();
            for line in &report.lines {
                for rows in [&line.dekads, &line.months] {
                    let mut sum = None;
                    for row in rows {
                        if let Some(d) = row.deviation {
                            sum = Some(sum.unwrap_or(0.0) + d.m3());
                        }
                        match (row.cumulative_deviation, sum) {
                            (Some(c), Some(s)) => prop_assert!((c.m3() - s).abs() <= 1e-6 * s.abs().max(1.0)),
                            (None, None) => {}
                            other => prop_assert!(false, "cumulative {:?}", other),
                        }
                    }
                }
                let over = line.dekads.iter().filter(|r| r.deviation.is_some_and(|d| d.m3() > 0.0)).count();
                prop_assert_eq!(over, line.dekads_over_limit.len());
            }
        }
    }
}
