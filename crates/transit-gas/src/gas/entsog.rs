//! Gas flow records in the terms of the ENTSOG Transparency Platform operational data, and readers
//! for its CSV and JSON exports.
//!
//! A record is one value of one indicator (physical flow, nomination, allocation, firm technical
//! capacity, GCV, …) at one operator's point, in one direction, for one period (a gas day, an hour
//! or longer). Field names are those of the ENTSOG `operationaldatas` endpoint (gas.md section
//! 5.2): `indicator, periodType, periodFrom, periodTo, operatorKey, operatorLabel, pointKey,
//! pointLabel, directionKey, unit, value, flowStatus, lastUpdateDateTime, pointType, …`.
//!
//! Three optional columns extend the format for Central Asian data, where ENTSOG has no
//! platform (gas.md section 5.5): `countryKey` and `adjacentCountryKey` (ISO 3166 codes of the
//! operator's country and of the country across the point, as ENTSOG's `operatorpointdirections`
//! gives them) and `referenceConditions` (`gost`, `iso` or `normal`), which a record with a volume
//! unit (`m3/d`, `mcm/d`) must carry. ENTSOG's own records are in energy (`kWh/d`) and need none.
//!
//! ```
//! use dostyk_transit_gas::entsog::{parse_csv, PointDirection, Indicator};
//!
//! let csv = "indicator,periodType,periodFrom,periodTo,operatorKey,pointKey,directionKey,unit,value,flowStatus\n\
//!            Physical Flow,day,2026-05-06T06:00:00+02:00,2026-05-07T06:00:00+02:00,UK-TSO-0001,ITP-00005,exit,kWh/d,203102928,Provisional\n";
//! let records = parse_csv(csv, "sample.csv")?;
//! assert_eq!(records[0].indicator, Indicator::PhysicalFlow);
//! assert_eq!(records[0].direction, PointDirection::Exit);
//! assert_eq!(records[0].period()?.to_string(), "2026-05-06");
//! # Ok::<(), dostyk_transit_gas::Error>(())
//! ```

use std::borrow::Cow;
use std::fmt;
use std::path::Path;

use chrono::{
    DateTime, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime, TimeDelta, TimeZone as _,
};
use dostyk_core_model::period::Period;
use serde::{Deserialize, Serialize};

use dostyk_core_model::read::{
    Column, Layout, Location, MAX_TEXT_FILE_BYTES, ReadError, Table, json_value, read_text,
    record_lines,
};

use super::fnv::FnvMap;
use crate::error::Error;
use dostyk_core_model::country::Country;
use dostyk_core_model::quantity::EnergyUnit;

use crate::reference::{
    GcvUnit, ReferenceConditions, VolumeUnit, energy_unit, volume_symbol, volume_unit,
};

/// Whether gas enters or leaves the operator's system at the point (ENTSOG's `directionKey`).
///
/// Not a trade flow (`dostyk_trade::aggregate::Direction`) nor a border crossing
/// ([`crate::cpmm::CrossingDirection`]): an exit from one operator's system is an entry into the
/// adjacent one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PointDirection {
    /// Into the operator's system.
    Entry,
    /// Out of the operator's system.
    Exit,
}

/// The name this type had before it was told apart from the other directions (issue #14).
#[deprecated(note = "renamed to `PointDirection`")]
pub type Direction = PointDirection;

impl fmt::Display for PointDirection {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            PointDirection::Entry => "entry",
            PointDirection::Exit => "exit",
        })
    }
}

macro_rules! indicators {
    ($($variant:ident => $label:literal,)*) => {
        /// An ENTSOG operational-data indicator (the vocabulary of entsog-py `Indicator`,
        /// gas.md section 5.3). Serialised as its ENTSOG label.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        pub enum Indicator {
            $(
                #[doc = concat!("`", $label, "`")]
                $variant,
            )*
        }

        impl Indicator {
            /// Every indicator, in the order of the ENTSOG vocabulary.
            pub const ALL: &'static [Indicator] = &[$(Indicator::$variant,)*];

            /// The ENTSOG label, exactly as the platform spells it.
            pub fn label(self) -> &'static str {
                match self {
                    $(Indicator::$variant => $label,)*
                }
            }
        }
    };
}

indicators! {
    PhysicalFlow => "Physical Flow",
    Nomination => "Nomination",
    Renomination => "Renomination",
    Allocation => "Allocation",
    Gcv => "GCV",
    WobbeIndex => "Wobbe Index",
    FirmTechnical => "Firm Technical",
    FirmBooked => "Firm Booked",
    FirmAvailable => "Firm Available",
    InterruptibleTotal => "Interruptible Total",
    InterruptibleBooked => "Interruptible Booked",
    InterruptibleAvailable => "Interruptible Available",
    FirmInterruptionPlanned => "Firm Interruption Planned - Interrupted",
    FirmInterruptionUnplanned => "Firm Interruption Unplanned - Interrupted",
    InterruptibleInterruptionActual => "Interruptible Interruption Actual \u{2013} Interrupted",
    InterruptibleInterruptionPlanned => "Interruptible Interruption Planned - Interrupted",
    ActualInterruptionOfInterruptible => "Actual interruption of interruptible capacity",
    PlannedInterruptionOfFirm => "Planned interruption of firm capacity",
    UnplannedInterruptionOfFirm => "Unplanned interruption of firm capacity",
    AvailableThroughOversubscription => "Available through Oversubscription",
    AvailableThroughSurrender => "Available through Surrender",
    AvailableThroughUioliLongTerm => "Available through UIOLI long-term",
    AvailableThroughUioliShortTerm => "Available through UIOLI short-term",
}

fn normalise_label(s: &str) -> String {
    s.trim()
        .replace(['\u{2013}', '\u{2014}'], "-")
        .to_ascii_lowercase()
}

impl std::str::FromStr for Indicator {
    type Err = String;
    /// Reads an ENTSOG label; case and en-dash against hyphen are not significant.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let wanted = normalise_label(s);
        Indicator::ALL
            .iter()
            .copied()
            .find(|i| normalise_label(i.label()) == wanted)
            .ok_or_else(|| {
                format!(
                    "\"{s}\" is not an ENTSOG indicator: expected one of Physical Flow, Nomination, \
                     Renomination, Allocation, GCV, Firm Technical, Firm Booked, … (gas.md 5.3)"
                )
            })
    }
}

impl fmt::Display for Indicator {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

impl Serialize for Indicator {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.label())
    }
}

impl<'de> Deserialize<'de> for Indicator {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = <Cow<'de, str>>::deserialize(d)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

/// The length of the period a record covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PeriodType {
    /// One hour.
    Hour,
    /// One gas day (06:00 to 06:00 local time in ENTSOG data).
    Day,
    /// One calendar month (aggregated data).
    Month,
    /// One calendar year (aggregated data).
    Year,
}

/// Whether a flow value is same-day provisional or confirmed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FlowStatus {
    /// Same-day value, revised later.
    Provisional,
    /// Confirmed value.
    Confirmed,
}

/// The time base of a rate unit (`/d`, `/h`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RateTime {
    /// Per hour.
    Hour,
    /// Per (gas) day.
    Day,
}

impl RateTime {
    /// Hours in one of this time base.
    pub fn hours(self) -> f64 {
        match self {
            RateTime::Hour => 1.0,
            RateTime::Day => 24.0,
        }
    }
}

/// The unit of a record's value. Serialised as its text form (`kWh/d`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum FlowUnit {
    /// An energy rate such as `kWh/d` (ENTSOG flows and capacities, GCV basis).
    Energy {
        /// The energy unit.
        unit: EnergyUnit,
        /// Per hour or per day.
        per: RateTime,
    },
    /// A volume rate such as `mcm/d`; the record must state its reference conditions.
    Volume {
        /// The volume unit.
        unit: VolumeUnit,
        /// Per hour or per day.
        per: RateTime,
    },
    /// A calorific value such as `kWh/m3` (the GCV and Wobbe indicators).
    CalorificValue {
        /// The unit.
        unit: GcvUnit,
    },
}

impl std::str::FromStr for FlowUnit {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let bad = || {
            format!(
                "\"{s}\" is not a flow unit: expected an energy or volume rate such as kWh/d, MWh/h, \
                 mcm/d, or a calorific value such as kWh/m3"
            )
        };
        if let Ok(unit) = s.parse::<GcvUnit>() {
            return Ok(FlowUnit::CalorificValue { unit });
        }
        let (amount, per) = s.trim().rsplit_once('/').ok_or_else(bad)?;
        let per = match per.trim().to_ascii_lowercase().as_str() {
            "d" | "day" => RateTime::Day,
            "h" | "hour" => RateTime::Hour,
            _ => return Err(bad()),
        };
        if let Ok(unit) = energy_unit(amount) {
            Ok(FlowUnit::Energy { unit, per })
        } else if let Ok(unit) = volume_unit(amount) {
            Ok(FlowUnit::Volume { unit, per })
        } else {
            Err(bad())
        }
    }
}

impl fmt::Display for FlowUnit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let per = |p: &RateTime| match p {
            RateTime::Hour => "h",
            RateTime::Day => "d",
        };
        match self {
            FlowUnit::Energy { unit, per: p } => write!(f, "{unit}/{}", per(p)),
            FlowUnit::Volume { unit, per: p } => write!(f, "{}/{}", volume_symbol(*unit), per(p)),
            FlowUnit::CalorificValue { unit } => f.write_str(unit.symbol()),
        }
    }
}

impl Serialize for FlowUnit {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// One ENTSOG-style operational-data record.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FlowRecord {
    /// ENTSOG's natural-key id, if given.
    pub id: Option<String>,
    /// The indicator.
    pub indicator: Indicator,
    /// The period length.
    pub period_type: PeriodType,
    /// Start of the period, with the offset the source gives.
    pub period_from: DateTime<FixedOffset>,
    /// End of the period (exclusive).
    pub period_to: DateTime<FixedOffset>,
    /// The operator (TSO) key, e.g. `UK-TSO-0001`.
    pub operator_key: String,
    /// The operator's name.
    pub operator_label: Option<String>,
    /// The point key, e.g. `ITP-00005`.
    pub point_key: String,
    /// The point's name.
    pub point_label: Option<String>,
    /// ENTSOG's point type, e.g. "Cross-Border Transmission IP between EU and ExtEU".
    pub point_type: Option<String>,
    /// Entry or exit.
    pub direction: PointDirection,
    /// The unit of `value`.
    pub unit: FlowUnit,
    /// The value in `unit`; `None` where the source marks it not available.
    pub value: Option<f64>,
    /// Provisional or confirmed, for flows.
    pub flow_status: Option<FlowStatus>,
    /// When the source last updated the value, if it gives a machine-readable time.
    pub last_update: Option<DateTime<FixedOffset>>,
    /// The operator's country: the extension column `countryKey` when given, otherwise the
    /// two-letter prefix of the operator key (`KZ-TSO-0001` → Kazakhstan) when it is an ISO 3166
    /// code, as ENTSOG operator keys begin with the country (`UK`, not an ISO code, gives none).
    pub country: Option<Country>,
    /// The country across the point (extension column `adjacentCountryKey`).
    pub adjacent_country: Option<Country>,
    /// Reference conditions of a volume unit (extension column `referenceConditions`).
    pub reference_conditions: Option<ReferenceConditions>,
    /// The line of the file the record starts on.
    pub line: u64,
}

/// Hours by which the gas day lags the calendar day: an ENTSOG gas day runs 06:00 to 06:00.
pub const GAS_DAY_START_HOUR: i64 = 6;

/// The largest `value` a record may give, in its own unit: 10^15. ENTSOG's largest flows are
/// about 10^10 kWh/d; the limit keeps every amount finite after conversion to m³, kWh or any
/// other unit and reference conditions, and in the sums of a file's records (a value of 1e308
/// mcm/d was `inf` in m³, printed as `inf` and `null`).
pub const MAX_VALUE: f64 = 1e15;

impl FlowRecord {
    /// The reporting period of the record: the gas day for hourly and daily records (the local
    /// date of `period_from` − 6 h), the month or year of `period_from` for aggregated records.
    pub fn period(&self) -> Result<Period, Error> {
        let shifted = self.period_from - TimeDelta::hours(GAS_DAY_START_HOUR);
        let date = shifted.date_naive();
        let local = self.period_from.date_naive();
        let period = match self.period_type {
            PeriodType::Hour | PeriodType::Day => Period::day(date),
            PeriodType::Month => {
                use chrono::Datelike;
                Period::month(local.year(), local.month())
            }
            PeriodType::Year => {
                use chrono::Datelike;
                Period::year(local.year())
            }
        };
        period.map_err(|e| Error::Value(format!("line {}: {e}", self.line)))
    }

    /// What identifies the record's value in a file, for messages: operator, point, direction,
    /// indicator, period and unit.
    pub fn identity(&self) -> String {
        format!(
            "{} at {} {}, {}, {} to {}, in {}",
            self.operator_key,
            self.point_key,
            self.direction,
            self.indicator.label(),
            self.period_from.to_rfc3339(),
            self.period_to.to_rfc3339(),
            self.unit
        )
    }

    /// The length of the record's period in hours.
    pub fn duration_hours(&self) -> f64 {
        (self.period_to - self.period_from).num_seconds() as f64 / 3600.0
    }

    /// The amount over the record's period of a flow or capacity rate, in the rate's amount unit
    /// (kWh for `kWh/d`): the value itself when the rate's time base is the period type (a
    /// `kWh/d` value for a gas day, also on 23- and 25-hour days), otherwise value × period hours
    /// / rate hours. `None` for a calorific value or a missing value.
    pub fn amount(&self) -> Option<f64> {
        let value = self.value?;
        let per = match self.unit {
            FlowUnit::Energy { per, .. } | FlowUnit::Volume { per, .. } => per,
            FlowUnit::CalorificValue { .. } => return None,
        };
        let same_base = matches!(
            (self.period_type, per),
            (PeriodType::Day, RateTime::Day) | (PeriodType::Hour, RateTime::Hour)
        );
        if same_base {
            Some(value)
        } else {
            Some(value * self.duration_hours() / per.hours())
        }
    }

    /// The country the operator belongs to (see [`FlowRecord::country`]'s field docs).
    pub fn country(&self) -> Option<Country> {
        self.country
    }

    /// Whether the point is a cross-border point (its point type mentions "cross-border" or
    /// "interconnection"); otherwise it is domestic (distribution, final consumers, storage,
    /// production, LNG).
    pub fn is_cross_border(&self) -> bool {
        fn has(text: &str, pattern: &str) -> bool {
            text.as_bytes()
                .windows(pattern.len())
                .any(|w| w.eq_ignore_ascii_case(pattern.as_bytes()))
        }
        self.point_type.as_deref().is_some_and(|t| {
            has(t, "cross-border") || has(t, "cross border") || has(t, "interconnection")
        })
    }
}

/// Texts ENTSOG puts where a value is absent.
fn absent(s: &str) -> bool {
    matches!(s, "" | "-" | "N/A" | "n/a" | "null" | "NA")
}

/// The common ENTSOG form `YYYY-MM-DDTHH:MM:SS±HH:MM` (or `…Z`), read without chrono's general
/// parser; `None` for anything else, which then goes to the general parsers.
fn fixed_rfc3339(s: &str) -> Option<DateTime<FixedOffset>> {
    let b = s.as_bytes();
    let zulu = b.len() == 20 && b[19] == b'Z';
    let offset_form = b.len() == 25 && matches!(b[19], b'+' | b'-') && b[22] == b':';
    if !(zulu || offset_form)
        || b[4] != b'-'
        || b[7] != b'-'
        || !matches!(b[10], b'T' | b't')
        || b[13] != b':'
        || b[16] != b':'
    {
        return None;
    }
    let num = |at: usize, len: usize| -> Option<u32> {
        b[at..at + len].iter().try_fold(0u32, |acc, &c| {
            c.is_ascii_digit().then(|| acc * 10 + u32::from(c - b'0'))
        })
    };
    let date = NaiveDate::from_ymd_opt(num(0, 4)?.try_into().ok()?, num(5, 2)?, num(8, 2)?)?;
    let time = NaiveTime::from_hms_opt(num(11, 2)?, num(14, 2)?, num(17, 2)?)?;
    let offset = if zulu {
        FixedOffset::east_opt(0)?
    } else {
        let seconds = i32::try_from(num(20, 2)? * 3600 + num(23, 2)? * 60).ok()?;
        if b[19] == b'+' {
            FixedOffset::east_opt(seconds)?
        } else {
            FixedOffset::west_opt(seconds)?
        }
    };
    offset.from_local_datetime(&date.and_time(time)).single()
}

fn parse_time(s: &str) -> Option<DateTime<FixedOffset>> {
    let s = s.trim();
    fixed_rfc3339(s)
        .or_else(|| DateTime::parse_from_rfc3339(s).ok())
        .or_else(|| DateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%S%z").ok())
        .or_else(|| DateTime::parse_from_str(s, "%Y-%m-%d %H:%M:%S%:z").ok())
        .or_else(|| {
            // A time without offset is taken as UTC.
            NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%S")
                .ok()
                .map(|t| t.and_utc().fixed_offset())
        })
}

/// Builds a record from a field look-up; `get` returns the raw text of a field or `None`.
fn trimmed(text: Cow<'_, str>) -> Cow<'_, str> {
    match text {
        Cow::Borrowed(s) => Cow::Borrowed(s.trim()),
        Cow::Owned(s) => Cow::Owned(s.trim().to_owned()),
    }
}

/// Memoised country look-ups by code (ENTSOG files repeat a few codes on every line).
type CountryCache = FnvMap<String, Result<Country, String>>;

fn lookup_country(cache: &mut CountryCache, code: &str) -> Result<Country, String> {
    if let Some(found) = cache.get(code) {
        return found.clone();
    }
    let found = Country::from_code(code).map_err(|e| e.to_string());
    cache.insert(code.to_owned(), found.clone());
    found
}

/// The record fields the reader uses, in the order of the [`f`] indices.
const FIELD_NAMES: [&str; 18] = [
    "id",
    "indicator",
    "periodType",
    "periodFrom",
    "periodTo",
    "operatorKey",
    "operatorLabel",
    "pointKey",
    "pointLabel",
    "pointType",
    "directionKey",
    "unit",
    "value",
    "flowStatus",
    "lastUpdateDateTime",
    "referenceConditions",
    "countryKey",
    "adjacentCountryKey",
];

/// Indices into [`FIELD_NAMES`].
mod f {
    pub(super) const ID: usize = 0;
    pub(super) const INDICATOR: usize = 1;
    pub(super) const PERIOD_TYPE: usize = 2;
    pub(super) const PERIOD_FROM: usize = 3;
    pub(super) const PERIOD_TO: usize = 4;
    pub(super) const OPERATOR_KEY: usize = 5;
    pub(super) const OPERATOR_LABEL: usize = 6;
    pub(super) const POINT_KEY: usize = 7;
    pub(super) const POINT_LABEL: usize = 8;
    pub(super) const POINT_TYPE: usize = 9;
    pub(super) const DIRECTION_KEY: usize = 10;
    pub(super) const UNIT: usize = 11;
    pub(super) const VALUE: usize = 12;
    pub(super) const FLOW_STATUS: usize = 13;
    pub(super) const LAST_UPDATE_DATE_TIME: usize = 14;
    pub(super) const REFERENCE_CONDITIONS: usize = 15;
    pub(super) const COUNTRY_KEY: usize = 16;
    pub(super) const ADJACENT_COUNTRY_KEY: usize = 17;
}

fn build<'a>(
    get: &dyn Fn(usize) -> Option<Cow<'a, str>>,
    path: &Path,
    line: u64,
    countries: &mut CountryCache,
) -> Result<FlowRecord, Error> {
    let err = |field: usize, problem: String| -> Error {
        ReadError::invalid(
            Location::file(path).line(line).field(FIELD_NAMES[field]),
            problem,
        )
        .into()
    };
    let bad = |field: usize, found: &str, expected: &str| -> Error {
        ReadError::value(
            Location::file(path).line(line).field(FIELD_NAMES[field]),
            found,
            expected,
        )
        .into()
    };
    let optional = |field: usize| get(field).map(trimmed).filter(|s| !absent(s));
    let required = |field: usize, expected: &str| {
        optional(field).ok_or_else(|| err(field, format!("missing; expected {expected}")))
    };
    let indicator = required(f::INDICATOR, "an ENTSOG indicator such as Physical Flow")?;
    let indicator: Indicator = match Indicator::ALL.iter().find(|i| i.label() == indicator) {
        Some(i) => *i,
        None => indicator.parse().map_err(|e| err(f::INDICATOR, e))?,
    };
    let period_type = match optional(f::PERIOD_TYPE).as_deref() {
        None | Some("day") => PeriodType::Day,
        Some("hour") => PeriodType::Hour,
        Some("month") => PeriodType::Month,
        Some("year") => PeriodType::Year,
        Some(other) => {
            return Err(bad(f::PERIOD_TYPE, other, "day, hour, month or year"));
        }
    };
    let time = |field: usize| -> Result<DateTime<FixedOffset>, Error> {
        let text = required(field, "a date-time such as 2026-05-06T06:00:00+02:00")?;
        parse_time(&text).ok_or_else(|| {
            bad(
                field,
                &text,
                "a date-time in RFC 3339 such as 2026-05-06T06:00:00+02:00",
            )
        })
    };
    let period_from = time(f::PERIOD_FROM)?;
    let period_to = time(f::PERIOD_TO)?;
    if period_to <= period_from {
        return Err(err(
            f::PERIOD_TO,
            format!("{period_to} is not after periodFrom {period_from}"),
        ));
    }
    let hours = (period_to - period_from).num_seconds() as f64 / 3600.0;
    let expected_hours = match period_type {
        // A gas day is 24 hours, 23 or 25 on the days the clocks change.
        PeriodType::Day => Some((
            23.0,
            25.0,
            "day",
            "a gas day lasts 24 h (23 or 25 h when clocks change)",
        )),
        PeriodType::Hour => Some((1.0, 1.0, "hour", "an hour lasts 1 h")),
        PeriodType::Month | PeriodType::Year => None,
    };
    if let Some((low, high, name, rule)) = expected_hours
        && !(low..=high).contains(&hours)
    {
        return Err(err(
            f::PERIOD_TO,
            format!(
                "the period {} to {} spans {hours} h, but periodType is \
                 {name}: {rule}; split the record into one per period or correct \
                 periodType",
                period_from.to_rfc3339(),
                period_to.to_rfc3339()
            ),
        ));
    }
    let operator_key = required(f::OPERATOR_KEY, "the operator key such as KZ-TSO-0001")?;
    let point_key = required(f::POINT_KEY, "the point key such as ITP-00005")?;
    let direction_text = required(f::DIRECTION_KEY, "entry or exit")?;
    let direction = match direction_text.as_ref() {
        d if d.eq_ignore_ascii_case("entry") => PointDirection::Entry,
        d if d.eq_ignore_ascii_case("exit") => PointDirection::Exit,
        other => {
            return Err(bad(f::DIRECTION_KEY, other, "entry or exit"));
        }
    };
    let unit: FlowUnit = required(f::UNIT, "a unit such as kWh/d")?
        .parse()
        .map_err(|e| err(f::UNIT, e))?;
    let value = match optional(f::VALUE) {
        None => None,
        Some(text) => match text.parse::<f64>() {
            Ok(v) if v.is_finite() && v.is_sign_negative() && v != 0.0 => {
                return Err(err(
                    f::VALUE,
                    format!(
                        "\"{text}\" is negative; ENTSOG values are never negative: the direction \
                         goes in directionKey, so give {} with the directionKey the gas flows in \
                         (entry or exit)",
                        text.trim_start_matches('-')
                    ),
                ));
            }
            Ok(v) if v.is_finite() && v > MAX_VALUE => {
                return Err(err(
                    f::VALUE,
                    format!(
                        "\"{text}\" is out of range: the largest value accepted is 10^15 \
                         ({MAX_VALUE:e}) {unit}; ENTSOG values are up to about 10^10 kWh/d, so \
                         check the unit and the decimal point"
                    ),
                ));
            }
            Ok(v) if v.is_finite() => Some(v),
            _ => {
                return Err(bad(f::VALUE, &text, "a decimal number such as 203102928"));
            }
        },
    };
    let flow_status = match optional(f::FLOW_STATUS) {
        None => None,
        Some(s) if s.eq_ignore_ascii_case("provisional") => Some(FlowStatus::Provisional),
        Some(s) if s.eq_ignore_ascii_case("confirmed") => Some(FlowStatus::Confirmed),
        Some(other) => {
            return Err(bad(f::FLOW_STATUS, &other, "Provisional or Confirmed"));
        }
    };
    // ENTSOG sometimes puts human-formatted text here (gas.md 5.2); such a time is not used.
    let last_update = optional(f::LAST_UPDATE_DATE_TIME).and_then(|s| parse_time(&s));
    let reference_conditions = match optional(f::REFERENCE_CONDITIONS) {
        None => None,
        Some(text) => Some(
            text.parse::<ReferenceConditions>()
                .map_err(|e| err(f::REFERENCE_CONDITIONS, e.to_string()))?,
        ),
    };
    if matches!(unit, FlowUnit::Volume { .. }) && reference_conditions.is_none() {
        return Err(err(
            f::REFERENCE_CONDITIONS,
            format!(
                "the unit {unit} is a volume, so the record must state its reference conditions \
                 (gost = 20 °C, iso = 15 °C, normal = 0 °C): they change the volume by up to 7 %"
            ),
        ));
    }
    let country_code =
        |field: usize, countries: &mut CountryCache| -> Result<Option<Country>, Error> {
            match optional(field) {
                None => Ok(None),
                Some(c) => lookup_country(countries, &c)
                    .map(Some)
                    .map_err(|e| err(field, e)),
            }
        };
    let country = match country_code(f::COUNTRY_KEY, countries)? {
        Some(c) => Some(c),
        // ENTSOG operator keys begin with the operator's country (`KZ-TSO-0001`); `UK`, which
        // is not an ISO 3166 code, gives none.
        None => operator_key
            .split_once('-')
            .filter(|(prefix, _)| prefix.len() == 2)
            .and_then(|(prefix, _)| lookup_country(countries, prefix).ok()),
    };
    let adjacent_country = country_code(f::ADJACENT_COUNTRY_KEY, countries)?;
    let owned = |c: Option<Cow<'_, str>>| c.map(Cow::into_owned);
    Ok(FlowRecord {
        id: owned(optional(f::ID)),
        indicator,
        period_type,
        period_from,
        period_to,
        operator_key: operator_key.into_owned(),
        operator_label: owned(optional(f::OPERATOR_LABEL)),
        point_key: point_key.into_owned(),
        point_label: owned(optional(f::POINT_LABEL)),
        point_type: owned(optional(f::POINT_TYPE)),
        direction,
        unit,
        value,
        flow_status,
        last_update,
        country,
        adjacent_country,
        reference_conditions,
        line,
    })
}

/// The columns of an ENTSOG CSV export: the fields a record must have, and the other fields
/// the reader uses, which may be absent (in the order of [`FIELD_NAMES`]).
const LAYOUT: Layout = Layout::new(&[
    Column::optional("id"),
    Column::required("indicator"),
    Column::optional("periodType"),
    Column::required("periodFrom"),
    Column::required("periodTo"),
    Column::required("operatorKey"),
    Column::optional("operatorLabel"),
    Column::required("pointKey"),
    Column::optional("pointLabel"),
    Column::optional("pointType"),
    Column::required("directionKey"),
    Column::required("unit"),
    Column::required("value"),
    Column::optional("flowStatus"),
    Column::optional("lastUpdateDateTime"),
    Column::optional("referenceConditions"),
    Column::optional("countryKey"),
    Column::optional("adjacentCountryKey"),
]);

/// Reads ENTSOG-format CSV text (header row with the ENTSOG field names; extra columns ignored).
///
/// A record repeating the operator, point, direction, indicator, period, unit and
/// `lastUpdateDateTime` of an earlier one is refused, naming both lines (a later
/// `lastUpdateDateTime` is a revision, which the balance keeps instead of the earlier value).
pub fn parse_csv(text: &str, path: impl AsRef<Path>) -> Result<Vec<FlowRecord>, Error> {
    let path = path.as_ref();
    let mut table = Table::new(text, path, &LAYOUT)?;
    // One record a line: reserving for every line saves the vector's regrowth.
    let mut out = Vec::with_capacity(table.row_capacity());
    let mut countries = CountryCache::default();
    let mut seen = SeenRecords::default();
    while let Some(row) = table.next_row() {
        let row = row?;
        let line = row.line();
        // LAYOUT lists the columns in the order of FIELD_NAMES (a test checks it).
        let get = |field: usize| Some(Cow::Borrowed(row.column(field)));
        let record = build(&get, path, line, &mut countries)?;
        if let Some(first) = seen.first(&record, line) {
            return Err(ReadError::invalid(
                Location::file(path).line(line),
                format!(
                    "repeats the record of line {first} ({}); with the same \
                     lastUpdateDateTime neither revises the other: keep one, or give the revision \
                     its later lastUpdateDateTime",
                    record.identity()
                ),
            )
            .into());
        }
        out.push(record);
    }
    Ok(out)
}

/// The records read so far, by what identifies a record, with where each was first given.
#[derive(Default)]
struct SeenRecords(FnvMap<RecordKey, u64>);

/// Operator, point, direction, indicator, the period's bounds (as instants), unit and time of
/// the last update: the balance's key of a value (`balance::latest`) and the revision.
type RecordKey = (
    String,
    String,
    PointDirection,
    Indicator,
    i64,
    i64,
    FlowUnit,
    Option<i64>,
);

impl SeenRecords {
    /// Where an earlier record with the same identity and revision time as `record` was given
    /// (a later `lastUpdateDateTime` revises a value and is kept; an equal one is a repeat that
    /// no rule can resolve); otherwise notes
    /// `record` as given at `at`.
    fn first(&mut self, record: &FlowRecord, at: u64) -> Option<u64> {
        let key = (
            record.operator_key.clone(),
            record.point_key.clone(),
            record.direction,
            record.indicator,
            record.period_from.timestamp(),
            record.period_to.timestamp(),
            record.unit,
            record.last_update.map(|t| t.timestamp()),
        );
        match self.0.entry(key) {
            std::collections::hash_map::Entry::Occupied(e) => Some(*e.get()),
            std::collections::hash_map::Entry::Vacant(e) => {
                e.insert(at);
                None
            }
        }
    }
}

pub(crate) fn json_value_text(v: &serde_json::Value) -> Option<String> {
    match v {
        serde_json::Value::Null => None,
        serde_json::Value::String(s) => Some(s.clone()),
        serde_json::Value::Bool(b) => Some(b.to_string()),
        serde_json::Value::Number(n) => Some(n.to_string()),
        other => Some(other.to_string()),
    }
}

/// Reads ENTSOG-format JSON text: `{"meta": {...}, "operationaldatas": [records]}` (any array
/// key other than `meta`), or a bare array of records. A key given twice in a record is
/// refused with its line and column (JSON parsers keep the last one silently).
pub fn parse_json(text: &str, path: impl AsRef<Path>) -> Result<Vec<FlowRecord>, Error> {
    let path = path.as_ref();
    let value = json_value(path, text)?;
    let lines = record_lines(text);
    let at_top = || Location::file(path).line(1);
    let (key, records) = match &value {
        serde_json::Value::Array(a) => (String::new(), a),
        serde_json::Value::Object(map) => map
            .iter()
            .find_map(|(k, v)| match v {
                serde_json::Value::Array(a) if k != "meta" => Some((k.clone(), a)),
                _ => None,
            })
            .ok_or_else(|| {
                ReadError::invalid(
                    at_top(),
                    "no array of records: expected {\"meta\": …, \"operationaldatas\": [ … ]}",
                )
            })?,
        _ => {
            return Err(ReadError::invalid(
                at_top(),
                "expected a JSON object with an array of records, or an array",
            )
            .into());
        }
    };
    let record_line = |i: usize| lines.get(&key).and_then(|l| l.get(i)).copied().unwrap_or(0);
    let mut out = Vec::with_capacity(records.len());
    let mut countries = CountryCache::default();
    let mut seen = SeenRecords::default();
    for (i, record) in records.iter().enumerate() {
        let line = record_line(i);
        let serde_json::Value::Object(map) = record else {
            return Err(ReadError::invalid(
                Location::file(path).line(line),
                format!(
                    "record {} is not an object; expected {{\"indicator\": …, …}}",
                    i + 1
                ),
            )
            .into());
        };
        let get = |field: usize| {
            map.get(FIELD_NAMES[field]).and_then(|v| match v {
                serde_json::Value::String(s) => Some(Cow::Borrowed(s.as_str())),
                other => json_value_text(other).map(Cow::Owned),
            })
        };
        let record = build(&get, path, line, &mut countries)?;
        if let Some(first) = seen.first(&record, i as u64) {
            return Err(ReadError::invalid(
                Location::file(path).line(line),
                format!(
                    "record {} repeats record {} (line {}) ({}); with the same \
                     lastUpdateDateTime neither revises the other: keep one, or give the revision \
                     its later lastUpdateDateTime",
                    i + 1,
                    first + 1,
                    record_line(usize::try_from(first).unwrap_or(usize::MAX)),
                    record.identity()
                ),
            )
            .into());
        }
        out.push(record);
    }
    Ok(out)
}

/// Reads an ENTSOG-format export from a file: JSON when the first non-blank character is `{` or
/// `[`, CSV otherwise.
pub fn read(path: impl AsRef<Path>) -> Result<Vec<FlowRecord>, Error> {
    let path = path.as_ref();
    let text = read_text(path, MAX_TEXT_FILE_BYTES)?;
    if is_json(&text) {
        parse_json(&text, path)
    } else {
        parse_csv(&text, path)
    }
}

/// Whether a text looks like JSON (first non-blank character `{` or `[`) rather than CSV.
pub fn is_json(text: &str) -> bool {
    matches!(
        text.trim_start_matches('\u{feff}')
            .trim_start()
            .chars()
            .next(),
        Some('{' | '[')
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_layout_lists_the_fields_in_their_order() {
        let names: Vec<&str> = LAYOUT.columns().iter().map(Column::name).collect();
        assert_eq!(names, FIELD_NAMES);
    }

    const HEADER: &str = "indicator,periodType,periodFrom,periodTo,operatorKey,pointKey,directionKey,unit,value,flowStatus,lastUpdateDateTime";

    fn one(row: &str) -> Result<Vec<FlowRecord>, Error> {
        parse_csv(&format!("{HEADER}\n{row}\n"), Path::new("t.csv"))
    }

    #[test]
    fn reads_the_gas_md_example_record() {
        let r = one("Physical Flow,day,2026-05-06T06:00:00+02:00,2026-05-07T06:00:00+02:00,UK-TSO-0001,ITP-00005,exit,kWh/d,203102928,Provisional,2026-05-08T19:57:09+02:00").unwrap();
        let r = &r[0];
        assert_eq!(r.value, Some(203_102_928.0));
        assert_eq!(r.amount(), Some(203_102_928.0));
        assert_eq!(r.flow_status, Some(FlowStatus::Provisional));
        // "UK" is ENTSOG's prefix for Great Britain but not an ISO 3166 code.
        assert_eq!(r.country(), None);
        assert!(r.last_update.is_some());
        assert_eq!(r.line, 2);
    }

    #[test]
    fn hourly_and_absent_values() {
        let r = one("Physical Flow,hour,2026-05-07T02:00:00+02:00,2026-05-07T03:00:00+02:00,KZ-TSO-0001,P1,entry,kWh/d,240,,N/A").unwrap();
        // 02:00 belongs to the gas day that started at 06:00 the day before.
        assert_eq!(r[0].period().unwrap().to_string(), "2026-05-06");
        assert_eq!(r[0].amount(), Some(10.0));
        assert!(r[0].last_update.is_none());
        let r = one("Physical Flow,day,2026-05-06T06:00:00+02:00,2026-05-07T06:00:00+02:00,KZ-TSO-0001,P1,entry,kWh/d,,,").unwrap();
        assert_eq!(r[0].value, None);
    }

    #[test]
    fn errors_name_file_line_and_field() {
        let e = one("Physical Flow,day,2026-05-06T06:00:00+02:00,2026-05-07T06:00:00+02:00,KZ-TSO-0001,P1,sideways,kWh/d,1,,").unwrap_err();
        let m = e.to_string();
        assert!(m.contains("t.csv, line 2, field \"directionKey\""), "{m}");
        let e = one("Physical Flow,day,2026-05-06T06:00:00+02:00,2026-05-07T06:00:00+02:00,KZ-TSO-0001,P1,exit,mcm/d,1,,").unwrap_err();
        assert!(
            e.to_string().contains("field \"referenceConditions\""),
            "{e}"
        );
        let e = one("physical flux,day,2026-05-06T06:00:00+02:00,2026-05-07T06:00:00+02:00,KZ-TSO-0001,P1,exit,kWh/d,1,,").unwrap_err();
        assert!(e.to_string().contains("field \"indicator\""), "{e}");
        let e = one("Physical Flow,day,2026-05-06T06:00:00+02:00,2026-05-07T06:00:00+02:00,KZ-TSO-0001,P1,exit,kWh/d,12x,,").unwrap_err();
        assert!(e.to_string().contains("field \"value\""), "{e}");
    }

    #[test]
    fn json_errors_name_the_record_line() {
        let text = "{\"meta\": {\"count\": 2},\n \"operationaldatas\": [\n{\"indicator\": \"Physical Flow\", \"periodFrom\": \"2026-05-06T06:00:00+02:00\", \"periodTo\": \"2026-05-07T06:00:00+02:00\", \"operatorKey\": \"KZ-TSO-0001\", \"pointKey\": \"P1\", \"directionKey\": \"exit\", \"unit\": \"kWh/d\", \"value\": 5},\n{\"indicator\": \"Physical Flow\", \"periodFrom\": \"2026-05-06T06:00:00+02:00\", \"periodTo\": \"2026-05-07T06:00:00+02:00\", \"operatorKey\": \"KZ-TSO-0001\", \"pointKey\": \"P1\", \"directionKey\": \"exit\", \"unit\": \"kWh/d\", \"value\": \"five\"}]}";
        let e = parse_json(text, Path::new("x.json")).unwrap_err();
        assert!(
            e.to_string().contains("x.json, line 4, field \"value\""),
            "{e}"
        );
    }

    const DAY: &str = "2026-05-06T06:00:00+02:00,2026-05-07T06:00:00+02:00";

    #[test]
    fn a_value_beyond_the_limit_is_refused_naming_file_line_and_field() {
        let head =
            "indicator,periodType,periodFrom,periodTo,operatorKey,pointKey,directionKey,unit,value";
        let row =
            "Nomination,day,2026-01-01T06:00:00+05:00,2026-01-02T06:00:00+05:00,T,P,entry,mcm/d";
        let e = parse_csv(&format!("{head}\n{row},1e308\n"), "t.csv")
            .unwrap_err()
            .to_string();
        assert!(
            e.starts_with("t.csv, line 2, field \"value\": \"1e308\" is out of range: the largest value accepted is 10^15 (1e15) mcm/d"),
            "{e}"
        );
        let at_limit = format!("{head}\n{row},1000000000000000\n").replace("mcm/d", "kWh/d");
        assert!(parse_csv(&at_limit, "t.csv").is_ok());
        let json = "[{\"indicator\": \"Nomination\", \"periodType\": \"day\", \"periodFrom\": \"2026-01-01T06:00:00+05:00\", \"periodTo\": \"2026-01-02T06:00:00+05:00\", \"operatorKey\": \"T\", \"pointKey\": \"P\", \"directionKey\": \"entry\", \"unit\": \"kWh/d\", \"value\": 1e308}]";
        let e = parse_json(json, "x.json").unwrap_err().to_string();
        assert!(
            e.starts_with("x.json, line 1, field \"value\": \"1e+308\" is out of range"),
            "{e}"
        );
    }

    proptest::proptest! {
        #[test]
        fn extreme_values_are_read_finite_or_refused(
            value in proptest::prop_oneof![
                proptest::strategy::Just("1e308".to_owned()), proptest::strategy::Just("-1e308".to_owned()),
                proptest::strategy::Just("0".to_owned()), proptest::strategy::Just("-1".to_owned()),
                proptest::strategy::Just("1.7976931348623157e308".to_owned()),
                proptest::strategy::Just("79228162514264337593543950335".to_owned()),
                proptest::strategy::Just("NaN".to_owned()), proptest::strategy::Just("inf".to_owned()),
                proptest::strategy::Strategy::prop_map(proptest::prelude::any::<f64>(), |x| x.to_string())
            ],
            unit in proptest::sample::select(vec!["kWh/d", "TWh/h", "mcm/d", "bcm/h", "m3/d"]),
        ) {
            let head = "indicator,periodType,periodFrom,periodTo,operatorKey,pointKey,directionKey,unit,value,referenceConditions";
            let text = format!("{head}\nNomination,month,2026-01-01T06:00:00+05:00,2026-02-01T06:00:00+05:00,T,P,entry,{unit},{value},normal\n");
            if let Ok(records) = parse_csv(&text, "t.csv") {
                for r in &records {
                    let amount = r.amount().unwrap_or(0.0);
                    // In m3 (bcm x 1e9) or kWh (TWh x 1e9), at any reference conditions.
                    proptest::prop_assert!((amount * 1e9 * 1.1).is_finite());
                }
            }
        }
    }

    #[test]
    fn a_negative_value_is_refused_with_the_direction_advice() {
        let e = one(&format!(
            "Physical Flow,day,{DAY},KZ-TSO-0001,P1,exit,kWh/d,-5,,"
        ))
        .unwrap_err()
        .to_string();
        assert!(
            e.starts_with("t.csv, line 2, field \"value\": \"-5\" is negative"),
            "{e}"
        );
        assert!(e.contains("directionKey") && e.contains("give 5"), "{e}");
        // Zero, also written -0, is a value.
        assert_eq!(
            one(&format!(
                "Physical Flow,day,{DAY},KZ-TSO-0001,P1,exit,kWh/d,-0,,"
            ))
            .unwrap()[0]
                .value,
            Some(-0.0)
        );
        let json = "[{\"indicator\": \"Physical Flow\", \"periodFrom\": \"2026-05-06T06:00:00+02:00\", \"periodTo\": \"2026-05-07T06:00:00+02:00\", \"operatorKey\": \"KZ-TSO-0001\", \"pointKey\": \"P1\", \"directionKey\": \"exit\", \"unit\": \"kWh/d\", \"value\": -5}]";
        let e = parse_json(json, Path::new("x.json"))
            .unwrap_err()
            .to_string();
        assert!(
            e.starts_with("x.json, line 1, field \"value\": \"-5\" is negative"),
            "{e}"
        );
    }

    #[test]
    fn a_repeated_record_names_both_places_and_a_revision_is_kept() {
        let row = format!(
            "Physical Flow,day,{DAY},KZ-TSO-0001,P1,exit,kWh/d,5,Provisional,2026-05-07T08:00:00+02:00"
        );
        let e = one(&format!("{row}\n{row}")).unwrap_err().to_string();
        assert!(
            e.starts_with(
                "t.csv, line 3: repeats the record of line 2 (KZ-TSO-0001 at P1 exit, Physical Flow"
            ),
            "{e}"
        );
        // The same value revised later is two records, for the balance to pick the latest.
        let revised = format!(
            "Physical Flow,day,{DAY},KZ-TSO-0001,P1,exit,kWh/d,6,Confirmed,2026-05-09T08:00:00+02:00"
        );
        assert_eq!(one(&format!("{row}\n{revised}")).unwrap().len(), 2);
        // Other directions, points and days are other records.
        let other = format!(
            "Physical Flow,day,{DAY},KZ-TSO-0001,P1,entry,kWh/d,5,Provisional,2026-05-07T08:00:00+02:00"
        );
        assert_eq!(one(&format!("{row}\n{other}")).unwrap().len(), 2);
        let record = "{\"indicator\": \"Nomination\", \"periodFrom\": \"2026-05-06T06:00:00+02:00\", \"periodTo\": \"2026-05-07T06:00:00+02:00\", \"operatorKey\": \"KZ-TSO-0001\", \"pointKey\": \"P1\", \"directionKey\": \"exit\", \"unit\": \"kWh/d\", \"value\": 5}";
        let json = format!("{{\"operationaldatas\": [\n{record},\n{record}]}}");
        let e = parse_json(&json, Path::new("x.json"))
            .unwrap_err()
            .to_string();
        assert!(
            e.starts_with("x.json, line 3: record 2 repeats record 1 (line 2)"),
            "{e}"
        );
    }

    #[test]
    fn a_gas_day_must_span_a_day() {
        let e = one("Physical Flow,day,2026-05-06T06:00:00+02:00,2026-05-08T06:00:00+02:00,KZ-TSO-0001,P1,exit,kWh/d,5,,")
            .unwrap_err()
            .to_string();
        assert!(
            e.starts_with("t.csv, line 2, field \"periodTo\": the period"),
            "{e}"
        );
        assert!(e.contains("spans 48 h, but periodType is day"), "{e}");
        // 23 hours: the day the clocks go forward.
        assert!(one("Physical Flow,day,2026-03-29T06:00:00+01:00,2026-03-30T06:00:00+02:00,KZ-TSO-0001,P1,exit,kWh/d,5,,").is_ok());
        let e = one("Physical Flow,hour,2026-05-06T06:00:00+02:00,2026-05-06T08:00:00+02:00,KZ-TSO-0001,P1,exit,kWh/h,5,,")
            .unwrap_err()
            .to_string();
        assert!(e.contains("spans 2 h, but periodType is hour"), "{e}");
    }

    #[test]
    fn indicator_labels_round_trip() {
        for i in Indicator::ALL {
            assert_eq!(i.label().parse::<Indicator>().unwrap(), *i);
        }
        assert_eq!(
            "Interruptible Interruption Actual - Interrupted"
                .parse::<Indicator>()
                .unwrap(),
            Indicator::InterruptibleInterruptionActual
        );
    }

    #[test]
    fn fixed_width_times_agree_with_chrono() {
        for s in [
            "2026-05-06T06:00:00+02:00",
            "2026-05-06T06:00:00-03:30",
            "2026-05-06T06:00:00Z",
            "2024-02-29T23:59:59+05:00",
        ] {
            assert_eq!(
                fixed_rfc3339(s),
                DateTime::parse_from_rfc3339(s).ok(),
                "{s}"
            );
        }
        for s in [
            "2025-02-29T06:00:00+02:00",
            "2026-13-01T06:00:00+02:00",
            "2026-05-06 06:00:00+02:00",
        ] {
            assert_eq!(fixed_rfc3339(s), None, "{s}");
        }
    }

    proptest::proptest! {
        #[test]
        fn fixed_width_parser_matches_chrono(
            y in 1_i32..9999, mo in 0_u32..14, d in 0_u32..33, h in 0_u32..25, mi in 0_u32..61,
            se in 0_u32..61, sign: bool, oh in 0_u32..24, om in 0_u32..60,
        ) {
            let s = format!(
                "{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}:{se:02}{}{oh:02}:{om:02}",
                if sign { '+' } else { '-' }
            );
            // Where the fast path answers, it answers as chrono does.
            if let Some(t) = fixed_rfc3339(&s) {
                proptest::prop_assert_eq!(Some(t), DateTime::parse_from_rfc3339(&s).ok());
            }
        }

        #[test]
        fn readers_never_panic(text in "(?s).{0,300}") {
            let _ = parse_csv(&text, Path::new("p.csv"));
            let _ = parse_json(&text, Path::new("p.json"));
        }

        #[test]
        fn csv_rows_never_panic(fields in proptest::collection::vec("[ -~]{0,30}", 11)) {
            let row = fields.iter().map(|f| f.replace([',', '"'], "")).collect::<Vec<_>>().join(",");
            let _ = one(&row);
        }
    }
}
