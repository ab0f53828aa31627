//! CAREC Corridor Performance Measurement and Monitoring (CPMM) indicators from trip and border
//! crossing records.
//!
//! CPMM (ADB, since 2009) measures corridors with a modified Time/Cost–Distance method from
//! drivers' logbooks (transit.md section 1). The indicators, as the CPMM reports define them:
//!
//! | indicator | unit | computed here, per record |
//! |---|---|---|
//! | TFI1 time to clear a border crossing point | hours | `depart − arrive`: from arrival at the entry point of the first country's BCP to departure from the exit point of the second's, waiting, loading and transloading included |
//! | TFI2 cost at border-crossing clearance | USD | `official + informal`: all fees and payments at the BCP, "tea money" included |
//! | TFI3 cost to travel a corridor section | USD per 500 km per 20-ton cargo | `cost × (500 / distance_km) × (20 / cargo_tonnes)` |
//! | TFI4 speed with delay (SWD) | km/h | `distance_km / elapsed hours`, all stops and border delays included |
//! | SWOD speed without delay | km/h | `distance_km / (elapsed hours − delay hours)`, time in motion only |
//!
//! Each indicator is summarised by mode (road, rail) and direction (inbound, outbound, and
//! both together as `all`), TFI1 and TFI2 also per BCP, with the count, the arithmetic mean and
//! the median. The median of an even count is the mean of the two middle values. Costs are exact
//! decimals; their mean and median are rounded to cents (half to even) only when reported.
//!
//! The readers refuse amounts above [`MAX_USD`] (10^15 USD) and distances and cargoes outside
//! [`MIN_QUANTITY`]..=[`MAX_DISTANCE_KM`] and [`MIN_QUANTITY`]..=[`MAX_CARGO_TONNES`], naming the
//! file, line and field, so that every indicator of a record read from a file, and every mean of
//! a file's records, fits a `Decimal`. Records built in code beyond those limits get an
//! [`Error::Value`] naming the record, never a panic or a wrong figure.
//!
//! ```
//! use dostyk_transit_gas::cpmm::{parse_crossings, summarise, Indicator};
//!
//! let csv = "crossing_id,trip_id,mode,direction,bcp,arrive,depart,official_usd,informal_usd\n\
//!            c1,t1,road,outbound,Zhibek Zholy-Gishtkuprik,2025-03-01T08:00:00+05:00,2025-03-01T14:30:00+05:00,50.00,10.00\n";
//! let crossings = parse_crossings(csv, "c.csv")?;
//! let summary = summarise(&crossings, &[])?;
//! let tfi1 = summary.iter().find(|s| s.indicator == Indicator::Tfi1 && s.bcp.is_none()).unwrap();
//! assert_eq!(tfi1.count, 1);
//! assert_eq!(tfi1.median.to_string(), "6.5");
//! # Ok::<(), dostyk_transit_gas::Error>(())
//! ```

use std::collections::BTreeMap;
use std::fmt;
use std::path::Path;

use chrono::{DateTime, FixedOffset};
use rust_decimal::Decimal;
use rust_decimal::prelude::FromPrimitive;
use serde::{Serialize, Serializer};

use dostyk_core_model::read::{
    Column, Layout, MAX_TEXT_FILE_BYTES, ReadError, Row, Table, read_text,
};

use crate::error::Error;

/// A transport mode.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, serde::Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum Mode {
    /// Road.
    Road,
    /// Rail.
    Rail,
}

impl std::str::FromStr for Mode {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "road" => Ok(Mode::Road),
            "rail" => Ok(Mode::Rail),
            _ => Err(format!("\"{s}\" is not a mode; expected road or rail")),
        }
    }
}

impl fmt::Display for Mode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Mode::Road => "road",
            Mode::Rail => "rail",
        })
    }
}

/// Which way a trip or crossing goes across the border, as CPMM country chapters split it.
///
/// A vehicle crossing need not carry trade (it may be empty, or in transit), so this is not a
/// trade flow (`dostyk_trade::aggregate::Direction`) nor a freight direction
/// ([`crate::freight::FreightDirection`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CrossingDirection {
    /// Into the reporting country.
    Inbound,
    /// Out of the reporting country.
    Outbound,
}

/// The name this type had before it was told apart from trade flows (issue #14).
#[deprecated(note = "renamed to `CrossingDirection`")]
pub type TradeDirection = CrossingDirection;

impl std::str::FromStr for CrossingDirection {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "inbound" => Ok(CrossingDirection::Inbound),
            "outbound" => Ok(CrossingDirection::Outbound),
            _ => Err(format!(
                "\"{s}\" is not a direction; expected inbound or outbound"
            )),
        }
    }
}

/// One border crossing from a logbook.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Crossing {
    /// Record id.
    pub crossing_id: String,
    /// The trip it belongs to.
    pub trip_id: String,
    /// Road or rail.
    pub mode: Mode,
    /// Inbound or outbound.
    pub direction: CrossingDirection,
    /// The border crossing point, e.g. `Zhibek Zholy-Gishtkuprik`.
    pub bcp: String,
    /// Arrival at the entry point of the first country's BCP.
    pub arrive: DateTime<FixedOffset>,
    /// Departure from the exit point of the second country's BCP.
    pub depart: DateTime<FixedOffset>,
    /// Official fees and payments, USD.
    pub official_usd: Decimal,
    /// Informal payments ("tea money"), USD.
    pub informal_usd: Decimal,
    /// Line in the file.
    pub line: u64,
}

impl Crossing {
    /// TFI1: hours from arrival to departure, waiting included.
    pub fn tfi1_hours(&self) -> f64 {
        (self.depart - self.arrive).num_seconds() as f64 / 3600.0
    }

    /// TFI2: all payments at the crossing, informal ones included, USD.
    ///
    /// # Errors
    ///
    /// [`Error::Value`] naming the crossing when the sum is beyond `Decimal` (only for records
    /// built in code: the reader refuses amounts above [`MAX_USD`]).
    pub fn tfi2_usd(&self) -> Result<Decimal, Error> {
        self.official_usd
            .checked_add(self.informal_usd)
            .ok_or_else(|| {
                Error::Value(format!(
                    "crossing \"{}\" (line {}): official_usd {} + informal_usd {} is beyond the \
                     largest amount that can be computed; amounts are at most {MAX_USD} USD",
                    self.crossing_id, self.line, self.official_usd, self.informal_usd
                ))
            })
    }
}

/// One trip over a corridor section from a logbook.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Trip {
    /// Record id.
    pub trip_id: String,
    /// Road or rail.
    pub mode: Mode,
    /// Inbound or outbound.
    pub direction: CrossingDirection,
    /// The corridor or section, e.g. `CAREC 3: Shymkent-Tashkent`.
    pub section: String,
    /// Distance travelled, km.
    pub distance_km: f64,
    /// Cargo carried, tonnes.
    pub cargo_tonnes: f64,
    /// Departure.
    pub depart: DateTime<FixedOffset>,
    /// Arrival.
    pub arrive: DateTime<FixedOffset>,
    /// Hours of all stops and delays (border crossings included).
    pub delay_hours: f64,
    /// Total cost of the trip, USD (border payments included).
    pub cost_usd: Decimal,
    /// Line in the file.
    pub line: u64,
}

impl Trip {
    /// Elapsed hours from departure to arrival.
    pub fn elapsed_hours(&self) -> f64 {
        (self.arrive - self.depart).num_seconds() as f64 / 3600.0
    }

    /// TFI4, speed with delay: distance over elapsed time, km/h.
    pub fn swd_kmh(&self) -> f64 {
        self.distance_km / self.elapsed_hours()
    }

    /// Speed without delay: distance over time in motion, km/h.
    pub fn swod_kmh(&self) -> f64 {
        self.distance_km / (self.elapsed_hours() - self.delay_hours)
    }

    /// TFI3: cost normalised to 500 km and a 20-ton cargo, USD.
    ///
    /// # Errors
    ///
    /// [`Error::Value`] naming the trip when distance or cargo is not a positive number a
    /// `Decimal` holds, or the result is beyond `Decimal` (only for records built in code: the
    /// reader keeps cost, distance and cargo within [`MAX_USD`], [`MAX_DISTANCE_KM`] and
    /// [`MAX_CARGO_TONNES`], at least [`MIN_QUANTITY`], which bounds TFI3 by 10^25 USD).
    pub fn tfi3_usd(&self) -> Result<Decimal, Error> {
        let fail = || {
            Error::Value(format!(
                "trip \"{}\" (line {}): TFI3 of cost_usd {} over distance_km {} and \
                 cargo_tonnes {} cannot be computed; keep distance_km within {MIN_QUANTITY} to \
                 {MAX_DISTANCE_KM}, cargo_tonnes within {MIN_QUANTITY} to {MAX_CARGO_TONNES} and \
                 cost_usd at most {MAX_USD}",
                self.trip_id, self.line, self.cost_usd, self.distance_km, self.cargo_tonnes
            ))
        };
        let positive =
            |x: f64| Decimal::from_f64(x).filter(|d| d.is_sign_positive() && !d.is_zero());
        let distance = positive(self.distance_km).ok_or_else(fail)?;
        let cargo = positive(self.cargo_tonnes).ok_or_else(fail)?;
        self.cost_usd
            .checked_mul(Decimal::from(500))
            .and_then(|x| x.checked_div(distance))
            .and_then(|x| x.checked_mul(Decimal::from(20)))
            .and_then(|x| x.checked_div(cargo))
            .ok_or_else(fail)
    }
}

/// The CPMM indicators.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Indicator {
    /// Time to clear a BCP, hours.
    Tfi1,
    /// Cost at a BCP, USD.
    Tfi2,
    /// Cost per 500 km per 20-ton cargo, USD.
    Tfi3,
    /// Speed with delay, km/h.
    Tfi4,
    /// Speed without delay, km/h.
    Swod,
}

impl Indicator {
    /// The label: `TFI1` … `TFI4`, `SWOD`.
    pub fn label(self) -> &'static str {
        match self {
            Indicator::Tfi1 => "TFI1",
            Indicator::Tfi2 => "TFI2",
            Indicator::Tfi3 => "TFI3",
            Indicator::Tfi4 => "TFI4",
            Indicator::Swod => "SWOD",
        }
    }

    /// The unit.
    pub fn unit(self) -> CpmmUnit {
        match self {
            Indicator::Tfi1 => CpmmUnit::Hours,
            Indicator::Tfi2 => CpmmUnit::Usd,
            Indicator::Tfi3 => CpmmUnit::UsdPer500KmPer20T,
            Indicator::Tfi4 | Indicator::Swod => CpmmUnit::KmPerHour,
        }
    }
}

/// The unit of a CPMM indicator, as the CPMM reports state it.
///
/// Displays and serialises as that text: `hours`, `USD`, `USD per 500 km per 20 t`, `km/h`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum CpmmUnit {
    /// Hours (TFI1, time to clear a border crossing point).
    Hours,
    /// US dollars (TFI2, cost at a border crossing point).
    Usd,
    /// US dollars per 500 km per 20-ton cargo (TFI3, cost to travel a corridor section).
    UsdPer500KmPer20T,
    /// Kilometres per hour (TFI4 speed with delay, SWOD speed without delay).
    KmPerHour,
}

impl CpmmUnit {
    /// The unit as text: `hours`, `USD`, `USD per 500 km per 20 t`, `km/h`.
    pub fn text(self) -> &'static str {
        match self {
            CpmmUnit::Hours => "hours",
            CpmmUnit::Usd => "USD",
            CpmmUnit::UsdPer500KmPer20T => "USD per 500 km per 20 t",
            CpmmUnit::KmPerHour => "km/h",
        }
    }
}

impl fmt::Display for CpmmUnit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.text())
    }
}

impl Serialize for CpmmUnit {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.text())
    }
}

impl Serialize for Indicator {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.label())
    }
}

/// A summary figure: a physical value or an exact amount in USD.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Figure {
    /// Hours or km/h.
    Physical(f64),
    /// USD, exact (rounded to cents when displayed or serialised).
    Usd(Decimal),
}

impl fmt::Display for Figure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Figure::Physical(x) => write!(f, "{x}"),
            Figure::Usd(d) => write!(
                f,
                "{}",
                d.round_dp_with_strategy(2, rust_decimal::RoundingStrategy::MidpointNearestEven)
            ),
        }
    }
}

impl Serialize for Figure {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Figure::Physical(x) => s.serialize_f64(*x),
            Figure::Usd(_) => s.collect_str(self),
        }
    }
}

/// Count, mean and median of one indicator in one group.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Summary {
    /// The indicator.
    pub indicator: Indicator,
    /// Its unit (serialised as its text, `km/h`).
    pub unit: CpmmUnit,
    /// Road or rail.
    pub mode: Mode,
    /// `inbound`, `outbound` or `all`.
    pub direction: &'static str,
    /// The BCP, for per-BCP summaries of TFI1 and TFI2.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub bcp: Option<String>,
    /// Number of records.
    pub count: usize,
    /// Arithmetic mean.
    pub mean: Figure,
    /// Median (mean of the two middle values for an even count).
    pub median: Figure,
}

/// Median of sorted values; even count: mean of the two middle ones.
pub(crate) fn median_f64(sorted: &[f64]) -> f64 {
    let n = sorted.len();
    if n % 2 == 1 {
        sorted[n / 2]
    } else {
        f64::midpoint(sorted[n / 2 - 1], sorted[n / 2])
    }
}

fn median_dec(sorted: &[Decimal]) -> Decimal {
    let n = sorted.len();
    if n % 2 == 1 {
        sorted[n / 2]
    } else {
        let (a, b) = (sorted[n / 2 - 1], sorted[n / 2]);
        // Halving first is used only when the sum would overflow; rounding the halves can put
        // their sum one unit past Decimal::MAX, so it saturates there.
        a.checked_add(b).map_or_else(
            || (a / Decimal::TWO).saturating_add(b / Decimal::TWO),
            |s| s / Decimal::TWO,
        )
    }
}

/// Mean of amounts (not empty): the exact sum over the count; when the sum is beyond `Decimal`,
/// the sum of each amount over the count (rounded in the last of 28 digits, never overflowing).
fn mean_dec(values: &[Decimal]) -> Decimal {
    let n = Decimal::from(values.len());
    values
        .iter()
        .try_fold(Decimal::ZERO, |s, v| s.checked_add(*v))
        .map_or_else(
            || {
                values
                    .iter()
                    .fold(Decimal::ZERO, |s, v| s.saturating_add(*v / n))
            },
            |sum| sum / n,
        )
}

/// Median of unsorted amounts (even count: mean of the two middle ones); zero when empty.
pub(crate) fn median_usd(values: &[Decimal]) -> Decimal {
    let mut d = values.to_vec();
    d.sort();
    if d.is_empty() {
        Decimal::ZERO
    } else {
        median_dec(&d)
    }
}

/// Mean of amounts; zero when empty.
pub(crate) fn mean_usd(values: &[Decimal]) -> Decimal {
    if values.is_empty() {
        Decimal::ZERO
    } else {
        mean_dec(values)
    }
}

fn stats(values: &[Figure]) -> (Figure, Figure) {
    if values.iter().all(|v| matches!(v, Figure::Usd(_))) {
        let mut d: Vec<Decimal> = values
            .iter()
            .filter_map(|v| match v {
                Figure::Usd(d) => Some(*d),
                Figure::Physical(_) => None,
            })
            .collect();
        d.sort();
        (Figure::Usd(mean_dec(&d)), Figure::Usd(median_dec(&d)))
    } else {
        let mut x: Vec<f64> = values
            .iter()
            .map(|v| match v {
                Figure::Physical(x) => *x,
                Figure::Usd(_) => f64::NAN,
            })
            .collect();
        x.sort_by(f64::total_cmp);
        let mean = x.iter().sum::<f64>() / x.len() as f64;
        (Figure::Physical(mean), Figure::Physical(median_f64(&x)))
    }
}

type GroupKey = (Indicator, Mode, &'static str, Option<String>);

fn direction_label(d: CrossingDirection) -> &'static str {
    match d {
        CrossingDirection::Inbound => "inbound",
        CrossingDirection::Outbound => "outbound",
    }
}

/// Summarises crossings (TFI1, TFI2) and trips (TFI3, TFI4, SWOD) by indicator, mode and
/// direction (and `all`), and TFI1/TFI2 also per BCP. Ordered by indicator, mode, direction,
/// BCP.
///
/// # Errors
///
/// [`Error::Value`] naming the record whose TFI2 or TFI3 cannot be computed (see
/// [`Crossing::tfi2_usd`], [`Trip::tfi3_usd`]); records read from files always can.
pub fn summarise(crossings: &[Crossing], trips: &[Trip]) -> Result<Vec<Summary>, Error> {
    let mut groups: BTreeMap<GroupKey, Vec<Figure>> = BTreeMap::new();
    let mut push =
        |ind: Indicator, mode: Mode, dir: CrossingDirection, bcp: Option<&str>, v: Figure| {
            for d in [direction_label(dir), "all"] {
                groups.entry((ind, mode, d, None)).or_default().push(v);
                if let Some(b) = bcp {
                    groups
                        .entry((ind, mode, d, Some(b.to_owned())))
                        .or_default()
                        .push(v);
                }
            }
        };
    for c in crossings {
        push(
            Indicator::Tfi1,
            c.mode,
            c.direction,
            Some(&c.bcp),
            Figure::Physical(c.tfi1_hours()),
        );
        push(
            Indicator::Tfi2,
            c.mode,
            c.direction,
            Some(&c.bcp),
            Figure::Usd(c.tfi2_usd()?),
        );
    }
    for t in trips {
        push(
            Indicator::Tfi3,
            t.mode,
            t.direction,
            None,
            Figure::Usd(t.tfi3_usd()?),
        );
        push(
            Indicator::Tfi4,
            t.mode,
            t.direction,
            None,
            Figure::Physical(t.swd_kmh()),
        );
        push(
            Indicator::Swod,
            t.mode,
            t.direction,
            None,
            Figure::Physical(t.swod_kmh()),
        );
    }
    Ok(groups
        .into_iter()
        .map(|((indicator, mode, direction, bcp), values)| {
            let (mean, median) = stats(&values);
            Summary {
                indicator,
                unit: indicator.unit(),
                mode,
                direction,
                bcp,
                count: values.len(),
                mean,
                median,
            }
        })
        .collect())
}

/// The cell `name` of a row as a date-time with offset.
fn time(row: &Row<'_, '_>, name: &str) -> Result<DateTime<FixedOffset>, ReadError> {
    row.parse_with(
        name,
        "a date-time in RFC 3339 such as 2025-03-01T08:00:00+05:00",
        |t| DateTime::parse_from_rfc3339(t).ok(),
    )
}

/// The largest amount in USD a CPMM record may give (official, informal, trip cost): 10^15 USD,
/// as for trade values. Real border payments and trip costs are tens to thousands of dollars;
/// the limit keeps every sum and mean of a file's amounts within `Decimal`.
pub const MAX_USD: Decimal = Decimal::from_parts(2_764_472_320, 232_830, 0, false, 0);

/// The longest trip distance a CPMM record may give: 100,000 km (two and a half times round the
/// Earth; CAREC corridor sections are tens to a few thousand km).
pub const MAX_DISTANCE_KM: f64 = 100_000.0;

/// The largest cargo a CPMM record may give: 100,000 tonnes (the heaviest trains carry about
/// that; a truck carries 20-40 t).
pub const MAX_CARGO_TONNES: f64 = 100_000.0;

/// The smallest distance (km) or cargo (tonnes) a trip record may give: 0.001 (1 m, 1 kg).
/// With the limits above it bounds TFI3 by 10^15 × 500 / 0.001 × 20 / 0.001 = 10^25 USD.
pub const MIN_QUANTITY: f64 = 0.001;

/// The cell `name` of a row as a non-negative amount in USD of at most [`MAX_USD`]; empty reads
/// as zero.
fn usd(row: &Row<'_, '_>, name: &str) -> Result<Decimal, ReadError> {
    let d = row.parse_with(
        name,
        "a non-negative decimal amount in USD such as 50.00 (empty reads as 0)",
        |t| {
            let t = if t.is_empty() { "0" } else { t };
            t.parse::<Decimal>().ok().filter(|d| !d.is_sign_negative())
        },
    )?;
    if d > MAX_USD {
        return Err(row.invalid(
            name,
            format!(
                "\"{}\" is out of range: the largest amount accepted is 10^15 US dollars \
                 ({MAX_USD}); check the unit and the decimal point",
                row.get(name)
            ),
        ));
    }
    Ok(d)
}

/// The cell `name` of a row as a positive (or, with `allow_zero`, non-negative) number.
fn positive(row: &Row<'_, '_>, name: &str, allow_zero: bool) -> Result<f64, ReadError> {
    let expected = if allow_zero {
        "a non-negative number"
    } else {
        "a positive number"
    };
    row.parse_with(name, expected, |t| {
        t.parse::<f64>()
            .ok()
            .filter(|x| x.is_finite() && (*x > 0.0 || (allow_zero && *x == 0.0)))
    })
}

/// The cell `name` of a trip row as a positive number from [`MIN_QUANTITY`] to `max`, in `unit`.
fn quantity(row: &Row<'_, '_>, name: &str, max: f64, unit: &str) -> Result<f64, ReadError> {
    let x = positive(row, name, false)?;
    if !(MIN_QUANTITY..=max).contains(&x) {
        return Err(row.invalid(
            name,
            format!(
                "\"{}\" is out of range: expected {MIN_QUANTITY} to {max} {unit}; check the unit \
                 and the decimal point",
                row.get(name)
            ),
        ));
    }
    Ok(x)
}

/// The border crossing points between Kazakhstan and Uzbekistan, "KZ name-UZ name" as CPMM
/// names a BCP (transit.md section 2: the road crossings of 2.2 and the rail junctions of 2.3;
/// a point whose counterpart is not published goes by its Kazakh name alone).
pub const KZ_UZ_BCPS: &[&str] = &[
    "Zhibek Zholy-Gishtkuprik",
    "Kaplanbek-Navoi",
    "Tselinny-Ok Oltin",
    "Syrdarya-Malik",
    "Kazygurt",
    "Atameken-Gulistan",
    "Tazhen",
    "B. Konysbayev-Yallama",
    "Saryagash-Keles",
    "Oasis-Karakalpakiya",
    "Syrdarya",
];

/// A BCP name compared without case and without spaces around the dash (`Zhibek Zholy -
/// Gishtkuprik` is `Zhibek Zholy-Gishtkuprik`; an en dash counts as a hyphen).
fn bcp_key(name: &str) -> String {
    name.replace(['\u{2013}', '\u{2014}'], "-")
        .split('-')
        .map(str::trim)
        .collect::<Vec<_>>()
        .join("-")
        .to_lowercase()
}

/// The columns of a border-crossing file.
const CROSSING_LAYOUT: Layout = Layout::new(&[
    Column::required("crossing_id"),
    Column::required("trip_id"),
    Column::required("mode"),
    Column::required("direction"),
    Column::required("bcp"),
    Column::required("arrive"),
    Column::required("depart"),
    Column::required("official_usd"),
    Column::required("informal_usd"),
]);

/// The columns of a trip file.
const TRIP_LAYOUT: Layout = Layout::new(&[
    Column::required("trip_id"),
    Column::required("mode"),
    Column::required("direction"),
    Column::required("section"),
    Column::required("distance_km"),
    Column::required("cargo_tonnes"),
    Column::required("depart"),
    Column::required("arrive"),
    Column::required("delay_hours"),
    Column::required("cost_usd"),
]);

/// Reads border-crossing records: `crossing_id, trip_id, mode, direction, bcp, arrive, depart,
/// official_usd, informal_usd`. The `bcp` must be one of the Kazakhstan–Uzbekistan points of
/// [`KZ_UZ_BCPS`] (spaces around the dash and case are not significant; the record keeps the
/// name as listed there); for another corridor's points use [`parse_crossings_at`].
pub fn parse_crossings(text: &str, path: impl AsRef<Path>) -> Result<Vec<Crossing>, Error> {
    parse_crossings_at(text, path, KZ_UZ_BCPS)
}

/// Reads border-crossing records as [`parse_crossings`] does, with `bcps` as the list of known
/// border crossing points.
pub fn parse_crossings_at(
    text: &str,
    path: impl AsRef<Path>,
    bcps: &[&str],
) -> Result<Vec<Crossing>, Error> {
    let known: Vec<(String, &str)> = bcps.iter().map(|b| (bcp_key(b), *b)).collect();
    let mut table = Table::new(text, path.as_ref(), &CROSSING_LAYOUT)?;
    let mut out = Vec::new();
    let mut ids = BTreeMap::new();
    while let Some(row) = table.next_row() {
        let c = row?;
        let line = c.line();
        let crossing_id = record_id(&c, "crossing_id", &mut ids)?;
        let arrive = time(&c, "arrive")?;
        let depart = time(&c, "depart")?;
        if depart < arrive {
            return Err(c
                .invalid("depart", format!("{depart} is before arrive {arrive}"))
                .into());
        }
        let bcp = c.get("bcp");
        if bcp.is_empty() {
            return Err(c
                .value_error("bcp", "the border crossing point's name")
                .into());
        }
        let key = bcp_key(bcp);
        let Some(&(_, bcp)) = known.iter().find(|(k, _)| *k == key) else {
            return Err(c
                .invalid(
                    "bcp",
                    format!(
                        "\"{bcp}\" is not a known border crossing point; expected one of {} (a \
                         point elsewhere is read with cpmm::parse_crossings_at and its own list)",
                        bcps.join(", ")
                    ),
                )
                .into());
        };
        out.push(Crossing {
            crossing_id,
            trip_id: c.get("trip_id").to_owned(),
            mode: c.parse("mode", "road or rail")?,
            direction: c.parse("direction", "inbound or outbound")?,
            bcp: bcp.to_owned(),
            arrive,
            depart,
            official_usd: usd(&c, "official_usd")?,
            informal_usd: usd(&c, "informal_usd")?,
            line,
        });
    }
    Ok(out)
}

/// The id of a record, which must be given and must not repeat in its file: a record read twice
/// would count twice in every mean and median.
fn record_id(
    row: &Row<'_, '_>,
    field: &str,
    seen: &mut BTreeMap<String, u64>,
) -> Result<String, ReadError> {
    let id = row.get(field);
    if id.is_empty() {
        return Err(row.value_error(field, "the record's id"));
    }
    if let Some(first) = seen.insert(id.to_owned(), row.line()) {
        return Err(row.invalid(
            field,
            format!(
                "\"{id}\" is already the id of line {first}; each record has its own id (a record \
                 given twice would count twice in the means and medians)"
            ),
        ));
    }
    Ok(id.to_owned())
}

/// Reads trip records: `trip_id, mode, direction, section, distance_km, cargo_tonnes, depart,
/// arrive, delay_hours, cost_usd`.
pub fn parse_trips(text: &str, path: impl AsRef<Path>) -> Result<Vec<Trip>, Error> {
    let mut table = Table::new(text, path.as_ref(), &TRIP_LAYOUT)?;
    let mut out = Vec::new();
    let mut ids = BTreeMap::new();
    while let Some(row) = table.next_row() {
        let c = row?;
        let trip_id = record_id(&c, "trip_id", &mut ids)?;
        let depart = time(&c, "depart")?;
        let arrive = time(&c, "arrive")?;
        if arrive <= depart {
            return Err(c
                .invalid("arrive", format!("{arrive} is not after depart {depart}"))
                .into());
        }
        let delay_hours = positive(&c, "delay_hours", true)?;
        let elapsed = (arrive - depart).num_seconds() as f64 / 3600.0;
        if delay_hours >= elapsed {
            return Err(c
                .invalid(
                    "delay_hours",
                    format!(
                        "{delay_hours} h is not less than the {elapsed} h elapsed; the trip must \
                         spend some time moving"
                    ),
                )
                .into());
        }
        out.push(Trip {
            trip_id,
            mode: c.parse("mode", "road or rail")?,
            direction: c.parse("direction", "inbound or outbound")?,
            section: c.get("section").to_owned(),
            distance_km: quantity(&c, "distance_km", MAX_DISTANCE_KM, "km")?,
            cargo_tonnes: quantity(&c, "cargo_tonnes", MAX_CARGO_TONNES, "tonnes")?,
            depart,
            arrive,
            delay_hours,
            cost_usd: usd(&c, "cost_usd")?,
            line: c.line(),
        });
    }
    Ok(out)
}

/// Reads a border-crossing file as [`parse_crossings`] does (a regular file of at most
/// [`MAX_TEXT_FILE_BYTES`] bytes).
pub fn read_crossings(path: impl AsRef<Path>) -> Result<Vec<Crossing>, Error> {
    let path = path.as_ref();
    parse_crossings(&read_text(path, MAX_TEXT_FILE_BYTES)?, path)
}

/// Reads a trip file as [`parse_trips`] does (a regular file of at most
/// [`MAX_TEXT_FILE_BYTES`] bytes).
pub fn read_trips(path: impl AsRef<Path>) -> Result<Vec<Trip>, Error> {
    let path = path.as_ref();
    parse_trips(&read_text(path, MAX_TEXT_FILE_BYTES)?, path)
}

/// What kind of CPMM file a CSV text is, judged by its header.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CpmmFile {
    /// Border-crossing records.
    Crossings,
    /// Trip records.
    Trips,
}

/// Tells crossing files from trip files by their header (`bcp` column against `distance_km`).
pub fn detect(text: &str) -> Option<CpmmFile> {
    let header = text.lines().next().unwrap_or_default();
    let cols: Vec<&str> = header.split(',').map(str::trim).collect();
    if cols.contains(&"bcp") {
        Some(CpmmFile::Crossings)
    } else if cols.contains(&"distance_km") {
        Some(CpmmFile::Trips)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const CROSSING_HEAD: &str =
        "crossing_id,trip_id,mode,direction,bcp,arrive,depart,official_usd,informal_usd";
    const TRIP_HEAD: &str = "trip_id,mode,direction,section,distance_km,cargo_tonnes,depart,arrive,delay_hours,cost_usd";

    #[test]
    fn indicator_units_are_typed_and_written_as_cpmm_states_them() {
        let units: Vec<String> = [
            Indicator::Tfi1,
            Indicator::Tfi2,
            Indicator::Tfi3,
            Indicator::Tfi4,
            Indicator::Swod,
        ]
        .into_iter()
        .map(|i| i.unit().to_string())
        .collect();
        assert_eq!(
            units,
            ["hours", "USD", "USD per 500 km per 20 t", "km/h", "km/h"]
        );
        assert_eq!(Indicator::Tfi3.unit(), CpmmUnit::UsdPer500KmPer20T);
        assert_eq!(
            serde_json::to_string(&CpmmUnit::KmPerHour).unwrap(),
            "\"km/h\""
        );
    }

    #[test]
    fn medians_of_even_counts_are_the_mean_of_the_middle_two() {
        assert_eq!(median_f64(&[1.0, 2.0, 4.0, 10.0]), 3.0);
        assert_eq!(median_f64(&[5.0]), 5.0);
        assert_eq!(
            median_dec(&[Decimal::new(4000, 2), Decimal::new(4500, 2)]),
            Decimal::new(4250, 2)
        );
    }

    #[test]
    fn bad_records_name_the_field() {
        let head = CROSSING_HEAD;
        let e = parse_crossings(
            &format!("{head}\nc1,t1,truck,outbound,Kazygurt,2025-03-01T08:00:00+05:00,2025-03-01T09:00:00+05:00,1,0\n"),
            Path::new("c.csv"),
        )
        .unwrap_err();
        assert!(
            e.to_string().contains("c.csv, line 2, field \"mode\""),
            "{e}"
        );
        let e = parse_crossings(
            &format!("{head}\nc1,t1,road,outbound,Kazygurt,2025-03-01T08:00:00+05:00,2025-03-01T07:00:00+05:00,1,0\n"),
            Path::new("c.csv"),
        )
        .unwrap_err();
        assert!(e.to_string().contains("field \"depart\""), "{e}");
        let e = parse_crossings(
            &format!("{head}\nc1,t1,road,outbound,Kazygurt,2025-03-01T08:00:00+05:00,2025-03-01T09:00:00+05:00,-1,0\n"),
            Path::new("c.csv"),
        )
        .unwrap_err();
        assert!(e.to_string().contains("field \"official_usd\""), "{e}");
        let e = parse_crossings(
            &format!("{head}\nc1,t1,road,outbound,Nowhere Pass,2025-03-01T08:00:00+05:00,2025-03-01T09:00:00+05:00,1,0\n"),
            Path::new("c.csv"),
        )
        .unwrap_err()
        .to_string();
        assert!(
            e.starts_with("c.csv, line 2, field \"bcp\": \"Nowhere Pass\" is not a known border crossing point; expected one of Zhibek Zholy-Gishtkuprik,"),
            "{e}"
        );
        let head = TRIP_HEAD;
        let e = parse_trips(
            &format!("{head}\nt1,road,inbound,S,100,20,2025-03-01T08:00:00+05:00,2025-03-01T10:00:00+05:00,2,100\n"),
            Path::new("t.csv"),
        )
        .unwrap_err();
        assert!(
            e.to_string()
                .contains("t.csv, line 2, field \"delay_hours\""),
            "{e}"
        );
        let e = parse_trips(
            &format!("{head}\nt1,road,inbound,S,0,20,2025-03-01T08:00:00+05:00,2025-03-01T10:00:00+05:00,1,100\n"),
            Path::new("t.csv"),
        )
        .unwrap_err();
        assert!(e.to_string().contains("field \"distance_km\""), "{e}");
    }

    #[test]
    fn a_record_given_twice_is_refused_by_its_id() {
        let head = CROSSING_HEAD;
        let row =
            "c1,t1,road,outbound,Kazygurt,2025-03-01T08:00:00+05:00,2025-03-01T09:00:00+05:00,1,0";
        let e = parse_crossings(&format!("{head}\n{row}\n{row}\n"), Path::new("c.csv"))
            .unwrap_err()
            .to_string();
        assert!(
            e.starts_with(
                "c.csv, line 3, field \"crossing_id\": \"c1\" is already the id of line 2"
            ),
            "{e}"
        );
        let head = TRIP_HEAD;
        let row =
            "t1,road,inbound,S,100,20,2025-03-01T08:00:00+05:00,2025-03-01T10:00:00+05:00,1,100";
        let e = parse_trips(&format!("{head}\n{row}\n{row}\n"), Path::new("t.csv"))
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("line 3, field \"trip_id\": \"t1\" is already the id"),
            "{e}"
        );
        let e = parse_trips(
            &format!("{head}\n,road,inbound,S,100,20,2025-03-01T08:00:00+05:00,2025-03-01T10:00:00+05:00,1,100\n"),
            Path::new("t.csv"),
        )
        .unwrap_err()
        .to_string();
        assert!(
            e.contains("field \"trip_id\": found \"\"; expected the record's id"),
            "{e}"
        );
    }

    #[test]
    fn bcp_names_are_matched_loosely_and_kept_as_listed() {
        let head = CROSSING_HEAD;
        let text = format!(
            "{head}\nc1,t1,road,outbound,zhibek zholy \u{2013} Gishtkuprik,2025-03-01T08:00:00+05:00,2025-03-01T09:00:00+05:00,1,0\n"
        );
        let c = parse_crossings(&text, Path::new("c.csv")).unwrap();
        assert_eq!(c[0].bcp, "Zhibek Zholy-Gishtkuprik");
        // Another corridor's points, with their own list.
        let text = format!(
            "{head}\nc1,t1,road,outbound,Khorgos-Nur Zholy,2025-03-01T08:00:00+05:00,2025-03-01T09:00:00+05:00,1,0\n"
        );
        assert!(parse_crossings(&text, Path::new("c.csv")).is_err());
        let c = parse_crossings_at(&text, Path::new("c.csv"), &["Khorgos-Nur Zholy"]).unwrap();
        assert_eq!(c[0].bcp, "Khorgos-Nur Zholy");
    }

    #[test]
    fn amounts_and_quantities_beyond_the_limits_are_refused_by_name() {
        let e = parse_crossings(
            &format!("{CROSSING_HEAD}\nc1,t1,road,outbound,Kazygurt,2025-03-01T08:00:00+05:00,2025-03-01T09:00:00+05:00,79228162514264337593543950335,0\n"),
            "c.csv",
        )
        .unwrap_err()
        .to_string();
        assert!(e.starts_with("c.csv, line 2, field \"official_usd\": \"79228162514264337593543950335\" is out of range"), "{e}");
        // The limit itself is accepted.
        let ok = parse_crossings(
            &format!("{CROSSING_HEAD}\nc1,t1,road,outbound,Kazygurt,2025-03-01T08:00:00+05:00,2025-03-01T09:00:00+05:00,1000000000000000,1000000000000000\n"),
            "c.csv",
        )
        .unwrap();
        assert_eq!(
            ok[0].tfi2_usd().unwrap(),
            Decimal::from(2_000_000_000_000_000_i64)
        );
        for (distance, cargo, field) in [
            ("1e29", "20", "distance_km"),
            ("1e100", "20", "distance_km"),
            ("0.0001", "20", "distance_km"),
            ("100", "1e29", "cargo_tonnes"),
            ("100", "1e-300", "cargo_tonnes"),
        ] {
            let e = parse_trips(
                &format!("{TRIP_HEAD}\nt1,road,inbound,S,{distance},{cargo},2025-03-01T08:00:00+05:00,2025-03-01T10:00:00+05:00,1,100\n"),
                "t.csv",
            )
            .unwrap_err()
            .to_string();
            assert!(
                e.starts_with(&format!("t.csv, line 2, field \"{field}\":")),
                "{e}"
            );
            assert!(e.contains("is out of range"), "{e}");
        }
    }

    fn trip(distance_km: f64, cargo_tonnes: f64, cost_usd: Decimal) -> Trip {
        let t = DateTime::parse_from_rfc3339("2025-03-01T08:00:00+05:00").unwrap();
        Trip {
            trip_id: "t1".to_owned(),
            mode: Mode::Road,
            direction: CrossingDirection::Inbound,
            section: "S".to_owned(),
            distance_km,
            cargo_tonnes,
            depart: t,
            arrive: t + chrono::Duration::hours(2),
            delay_hours: 0.0,
            cost_usd,
            line: 2,
        }
    }

    #[test]
    fn tfi3_at_the_limits_is_computed_and_beyond_them_is_an_error_naming_the_trip() {
        let limit = trip(MIN_QUANTITY, MIN_QUANTITY, MAX_USD)
            .tfi3_usd()
            .unwrap();
        assert_eq!(limit, Decimal::from_i128_with_scale(10_i128.pow(25), 0));
        let tiny = trip(MAX_DISTANCE_KM, MAX_CARGO_TONNES, Decimal::ONE)
            .tfi3_usd()
            .unwrap();
        assert_eq!(tiny, Decimal::new(1, 6));
        let e = trip(1e-30, 1e-30, Decimal::MAX)
            .tfi3_usd()
            .unwrap_err()
            .to_string();
        assert!(e.starts_with("trip \"t1\" (line 2): TFI3"), "{e}");
        let e = trip(f64::NAN, 1.0, Decimal::ONE)
            .tfi3_usd()
            .unwrap_err()
            .to_string();
        assert!(e.contains("cannot be computed"), "{e}");
    }

    #[test]
    fn means_and_medians_of_the_largest_amounts_do_not_overflow() {
        let max = [Decimal::MAX, Decimal::MAX];
        assert_eq!(mean_usd(&max), Decimal::MAX);
        assert_eq!(median_usd(&max), Decimal::MAX);
        assert_eq!(mean_usd(&[Decimal::ONE, Decimal::TWO]), Decimal::new(15, 1));
    }

    fn extreme_decimal() -> impl proptest::strategy::Strategy<Value = Decimal> {
        use proptest::prelude::*;
        prop_oneof![
            Just(Decimal::MAX),
            Just(Decimal::MIN),
            Just(Decimal::ZERO),
            Just(MAX_USD),
            Just(Decimal::NEGATIVE_ONE),
            any::<i64>().prop_map(Decimal::from),
            (any::<i64>(), 0_u32..=28).prop_map(|(m, s)| Decimal::new(m, s)),
        ]
    }

    fn extreme_f64() -> impl proptest::strategy::Strategy<Value = f64> {
        use proptest::prelude::*;
        prop_oneof![
            Just(1e308),
            Just(f64::MAX),
            Just(-1e308),
            Just(0.0),
            Just(-1.0),
            Just(1e29),
            Just(1e-300),
            Just(f64::NAN),
            Just(f64::INFINITY),
            Just(MIN_QUANTITY),
            Just(MAX_DISTANCE_KM),
            any::<f64>(),
        ]
    }

    proptest::proptest! {
        #[test]
        fn extreme_records_summarise_or_fail_by_name_never_panic(
            official in extreme_decimal(),
            informal in extreme_decimal(),
            cost in extreme_decimal(),
            distance in extreme_f64(),
            cargo in extreme_f64(),
            copies in 1_usize..4,
        ) {
            let t0 = DateTime::parse_from_rfc3339("2025-03-01T08:00:00+05:00").unwrap();
            let c = Crossing {
                crossing_id: "c1".to_owned(),
                trip_id: "t1".to_owned(),
                mode: Mode::Road,
                direction: CrossingDirection::Outbound,
                bcp: "Kazygurt".to_owned(),
                arrive: t0,
                depart: t0 + chrono::Duration::hours(1),
                official_usd: official,
                informal_usd: informal,
                line: 2,
            };
            let crossings = vec![c; copies];
            let trips = vec![trip(distance, cargo, cost); copies];
            match summarise(&crossings, &trips) {
                Ok(s) => proptest::prop_assert!(!s.is_empty()),
                Err(e) => {
                    let e = e.to_string();
                    proptest::prop_assert!(e.starts_with("crossing \"c1\" (line 2)") || e.starts_with("trip \"t1\" (line 2)"), "{}", e);
                }
            }
        }

        #[test]
        fn extreme_cells_are_read_or_refused_by_field(
            official in extreme_decimal(),
            cost in extreme_decimal(),
            distance in extreme_f64(),
            cargo in extreme_f64(),
        ) {
            let crossings = parse_crossings(
                &format!("{CROSSING_HEAD}\nc1,t1,road,outbound,Kazygurt,2025-03-01T08:00:00+05:00,2025-03-01T09:00:00+05:00,{official},{official}\nc2,t1,road,outbound,Kazygurt,2025-03-01T08:00:00+05:00,2025-03-01T09:00:00+05:00,{official},0\n"),
                "c.csv",
            );
            let trips = parse_trips(
                &format!("{TRIP_HEAD}\nt1,road,inbound,S,{distance},{cargo},2025-03-01T08:00:00+05:00,2025-03-01T10:00:00+05:00,1,{cost}\nt2,road,inbound,S,{distance},{cargo},2025-03-01T08:00:00+05:00,2025-03-01T10:00:00+05:00,1,{cost}\n"),
                "t.csv",
            );
            // Whatever the files read as, their summary is computed: no record read from a file
            // fails TFI2 or TFI3.
            if let (Ok(c), Ok(t)) = (&crossings, &trips) {
                proptest::prop_assert!(summarise(c, t).is_ok());
            }
            if let Ok(c) = &crossings {
                proptest::prop_assert!(summarise(c, &[]).is_ok());
            }
            if let Ok(t) = &trips {
                let s = summarise(&[], t).unwrap();
                for x in s.iter().filter(|s| s.indicator == Indicator::Tfi3) {
                    if let Figure::Usd(m) = x.mean {
                        proptest::prop_assert!(m <= Decimal::from_i128_with_scale(10_i128.pow(25), 0));
                    }
                }
            }
        }

        #[test]
        fn readers_never_panic(text in "(?s).{0,300}") {
            let _ = parse_crossings(&text, Path::new("p.csv"));
            let _ = parse_trips(&text, Path::new("p.csv"));
        }

        #[test]
        fn median_lies_between_min_and_max(mut xs in proptest::collection::vec(-1e6_f64..1e6, 1..50)) {
            xs.sort_by(f64::total_cmp);
            let m = median_f64(&xs);
            proptest::prop_assert!(xs[0] <= m && m <= xs[xs.len() - 1]);
        }
    }
}
