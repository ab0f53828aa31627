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
//! ```
//! use dostyk_transit_gas::cpmm::{parse_crossings, summarise, Indicator};
//!
//! let csv = "crossing_id,trip_id,mode,direction,bcp,arrive,depart,official_usd,informal_usd\n\
//!            c1,t1,road,outbound,Zhibek Zholy-Gishtkuprik,2025-03-01T08:00:00+05:00,2025-03-01T14:30:00+05:00,50.00,10.00\n";
//! let crossings = parse_crossings(csv, "c.csv".as_ref())?;
//! let summary = summarise(&crossings, &[]);
//! let tfi1 = summary.iter().find(|s| s.indicator == Indicator::Tfi1 && s.bcp.is_none()).unwrap();
//! assert_eq!(tfi1.count, 1);
//! assert_eq!(tfi1.median.to_string(), "6.5");
//! # Ok::<(), dostyk_transit_gas::Error>(())
//! ```

use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::path::Path;

use chrono::{DateTime, FixedOffset};
use rust_decimal::Decimal;
use rust_decimal::prelude::FromPrimitive;
use serde::{Serialize, Serializer};

use crate::entsog::csv_error;
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

/// The direction of trade of a trip or crossing, as CPMM country chapters split it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TradeDirection {
    /// Into the reporting country.
    Inbound,
    /// Out of the reporting country.
    Outbound,
}

impl std::str::FromStr for TradeDirection {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "inbound" => Ok(TradeDirection::Inbound),
            "outbound" => Ok(TradeDirection::Outbound),
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
    pub direction: TradeDirection,
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
    pub fn tfi2_usd(&self) -> Decimal {
        self.official_usd + self.informal_usd
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
    pub direction: TradeDirection,
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
    pub fn tfi3_usd(&self) -> Decimal {
        // The reader checks distance and cargo are positive finite numbers, which Decimal holds.
        let distance = Decimal::from_f64(self.distance_km).unwrap_or(Decimal::ONE);
        let cargo = Decimal::from_f64(self.cargo_tonnes).unwrap_or(Decimal::ONE);
        self.cost_usd * Decimal::from(500) / distance * Decimal::from(20) / cargo
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
    pub fn unit(self) -> &'static str {
        match self {
            Indicator::Tfi1 => "hours",
            Indicator::Tfi2 => "USD",
            Indicator::Tfi3 => "USD per 500 km per 20 t",
            Indicator::Tfi4 | Indicator::Swod => "km/h",
        }
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
    /// Its unit.
    pub unit: &'static str,
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
        (sorted[n / 2 - 1] + sorted[n / 2]) / Decimal::TWO
    }
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
        values.iter().sum::<Decimal>() / Decimal::from(values.len())
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
        let sum: Decimal = d.iter().sum();
        (
            Figure::Usd(sum / Decimal::from(d.len())),
            Figure::Usd(median_dec(&d)),
        )
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

fn direction_label(d: TradeDirection) -> &'static str {
    match d {
        TradeDirection::Inbound => "inbound",
        TradeDirection::Outbound => "outbound",
    }
}

/// Summarises crossings (TFI1, TFI2) and trips (TFI3, TFI4, SWOD) by indicator, mode and
/// direction (and `all`), and TFI1/TFI2 also per BCP. Ordered by indicator, mode, direction,
/// BCP.
pub fn summarise(crossings: &[Crossing], trips: &[Trip]) -> Vec<Summary> {
    let mut groups: BTreeMap<GroupKey, Vec<Figure>> = BTreeMap::new();
    let mut push =
        |ind: Indicator, mode: Mode, dir: TradeDirection, bcp: Option<&str>, v: Figure| {
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
            Figure::Usd(c.tfi2_usd()),
        );
    }
    for t in trips {
        push(
            Indicator::Tfi3,
            t.mode,
            t.direction,
            None,
            Figure::Usd(t.tfi3_usd()),
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
    groups
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
        .collect()
}

/// A CSV table with named columns and per-row field access that builds errors.
struct Table<'a> {
    path: &'a Path,
    index: HashMap<String, usize>,
}

impl Table<'_> {
    fn get<'r>(&self, row: &'r csv::StringRecord, name: &str) -> &'r str {
        self.index
            .get(name)
            .and_then(|&i| row.get(i))
            .map_or("", str::trim)
    }

    fn err(&self, line: u64, field: &str, problem: String) -> Error {
        Error::Record {
            path: self.path.to_path_buf(),
            line,
            field: field.to_owned(),
            problem,
        }
    }

    fn parse<T: std::str::FromStr<Err = String>>(
        &self,
        row: &csv::StringRecord,
        line: u64,
        name: &str,
    ) -> Result<T, Error> {
        self.get(row, name)
            .parse()
            .map_err(|e| self.err(line, name, e))
    }

    fn time(
        &self,
        row: &csv::StringRecord,
        line: u64,
        name: &str,
    ) -> Result<DateTime<FixedOffset>, Error> {
        let text = self.get(row, name);
        DateTime::parse_from_rfc3339(text).map_err(|_| {
            self.err(
                line,
                name,
                format!("\"{text}\" is not a date-time; expected RFC 3339 such as 2025-03-01T08:00:00+05:00"),
            )
        })
    }

    fn usd(&self, row: &csv::StringRecord, line: u64, name: &str) -> Result<Decimal, Error> {
        let text = self.get(row, name);
        let text = if text.is_empty() { "0" } else { text };
        text.parse::<Decimal>()
            .ok()
            .filter(|d| !d.is_sign_negative())
            .ok_or_else(|| {
                self.err(
                    line,
                    name,
                    format!("\"{text}\" is not an amount; expected a non-negative decimal in USD such as 50.00"),
                )
            })
    }

    fn positive(
        &self,
        row: &csv::StringRecord,
        line: u64,
        name: &str,
        allow_zero: bool,
    ) -> Result<f64, Error> {
        let text = self.get(row, name);
        text.parse::<f64>()
            .ok()
            .filter(|x| x.is_finite() && (*x > 0.0 || (allow_zero && *x == 0.0)))
            .ok_or_else(|| {
                self.err(
                    line,
                    name,
                    format!(
                        "\"{text}\" is not valid; expected a {} number",
                        if allow_zero {
                            "non-negative"
                        } else {
                            "positive"
                        }
                    ),
                )
            })
    }
}

fn open<'a>(
    text: &'a str,
    path: &'a Path,
    needed: &[&str],
) -> Result<(Table<'a>, csv::Reader<&'a [u8]>), Error> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .from_reader(text.as_bytes());
    let index: HashMap<String, usize> = reader
        .headers()
        .map_err(|e| csv_error(path, &e))?
        .iter()
        .enumerate()
        .map(|(i, h)| (h.trim().trim_start_matches('\u{feff}').to_owned(), i))
        .collect();
    for n in needed {
        if !index.contains_key(*n) {
            return Err(Error::Record {
                path: path.to_path_buf(),
                line: 1,
                field: (*n).to_owned(),
                problem: format!(
                    "column missing from the header; expected {}",
                    needed.join(", ")
                ),
            });
        }
    }
    Ok((Table { path, index }, reader))
}

const CROSSING_COLUMNS: [&str; 9] = [
    "crossing_id",
    "trip_id",
    "mode",
    "direction",
    "bcp",
    "arrive",
    "depart",
    "official_usd",
    "informal_usd",
];

const TRIP_COLUMNS: [&str; 10] = [
    "trip_id",
    "mode",
    "direction",
    "section",
    "distance_km",
    "cargo_tonnes",
    "depart",
    "arrive",
    "delay_hours",
    "cost_usd",
];

/// Reads border-crossing records: `crossing_id, trip_id, mode, direction, bcp, arrive, depart,
/// official_usd, informal_usd`.
pub fn parse_crossings(text: &str, path: &Path) -> Result<Vec<Crossing>, Error> {
    let (t, mut reader) = open(text, path, &CROSSING_COLUMNS)?;
    let mut out = Vec::new();
    for row in reader.records() {
        let row = row.map_err(|e| csv_error(path, &e))?;
        let line = row.position().map_or(0, csv::Position::line);
        let arrive = t.time(&row, line, "arrive")?;
        let depart = t.time(&row, line, "depart")?;
        if depart < arrive {
            return Err(t.err(
                line,
                "depart",
                format!("{depart} is before arrive {arrive}"),
            ));
        }
        let bcp = t.get(&row, "bcp").to_owned();
        if bcp.is_empty() {
            return Err(t.err(
                line,
                "bcp",
                "empty; expected the border crossing point's name".to_owned(),
            ));
        }
        out.push(Crossing {
            crossing_id: t.get(&row, "crossing_id").to_owned(),
            trip_id: t.get(&row, "trip_id").to_owned(),
            mode: t.parse(&row, line, "mode")?,
            direction: t.parse(&row, line, "direction")?,
            bcp,
            arrive,
            depart,
            official_usd: t.usd(&row, line, "official_usd")?,
            informal_usd: t.usd(&row, line, "informal_usd")?,
            line,
        });
    }
    Ok(out)
}

/// Reads trip records: `trip_id, mode, direction, section, distance_km, cargo_tonnes, depart,
/// arrive, delay_hours, cost_usd`.
pub fn parse_trips(text: &str, path: &Path) -> Result<Vec<Trip>, Error> {
    let (t, mut reader) = open(text, path, &TRIP_COLUMNS)?;
    let mut out = Vec::new();
    for row in reader.records() {
        let row = row.map_err(|e| csv_error(path, &e))?;
        let line = row.position().map_or(0, csv::Position::line);
        let depart = t.time(&row, line, "depart")?;
        let arrive = t.time(&row, line, "arrive")?;
        if arrive <= depart {
            return Err(t.err(
                line,
                "arrive",
                format!("{arrive} is not after depart {depart}"),
            ));
        }
        let delay_hours = t.positive(&row, line, "delay_hours", true)?;
        let elapsed = (arrive - depart).num_seconds() as f64 / 3600.0;
        if delay_hours >= elapsed {
            return Err(t.err(
                line,
                "delay_hours",
                format!("{delay_hours} h is not less than the {elapsed} h elapsed; the trip must spend some time moving"),
            ));
        }
        out.push(Trip {
            trip_id: t.get(&row, "trip_id").to_owned(),
            mode: t.parse(&row, line, "mode")?,
            direction: t.parse(&row, line, "direction")?,
            section: t.get(&row, "section").to_owned(),
            distance_km: t.positive(&row, line, "distance_km", false)?,
            cargo_tonnes: t.positive(&row, line, "cargo_tonnes", false)?,
            depart,
            arrive,
            delay_hours,
            cost_usd: t.usd(&row, line, "cost_usd")?,
            line,
        });
    }
    Ok(out)
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
        let head = CROSSING_COLUMNS.join(",");
        let e = parse_crossings(
            &format!("{head}\nc1,t1,truck,outbound,X,2025-03-01T08:00:00+05:00,2025-03-01T09:00:00+05:00,1,0\n"),
            Path::new("c.csv"),
        )
        .unwrap_err();
        assert!(e.to_string().contains("c.csv, line 2, field `mode`"), "{e}");
        let e = parse_crossings(
            &format!("{head}\nc1,t1,road,outbound,X,2025-03-01T08:00:00+05:00,2025-03-01T07:00:00+05:00,1,0\n"),
            Path::new("c.csv"),
        )
        .unwrap_err();
        assert!(e.to_string().contains("field `depart`"), "{e}");
        let e = parse_crossings(
            &format!("{head}\nc1,t1,road,outbound,X,2025-03-01T08:00:00+05:00,2025-03-01T09:00:00+05:00,-1,0\n"),
            Path::new("c.csv"),
        )
        .unwrap_err();
        assert!(e.to_string().contains("field `official_usd`"), "{e}");
        let head = TRIP_COLUMNS.join(",");
        let e = parse_trips(
            &format!("{head}\nt1,road,inbound,S,100,20,2025-03-01T08:00:00+05:00,2025-03-01T10:00:00+05:00,2,100\n"),
            Path::new("t.csv"),
        )
        .unwrap_err();
        assert!(
            e.to_string().contains("t.csv, line 2, field `delay_hours`"),
            "{e}"
        );
        let e = parse_trips(
            &format!("{head}\nt1,road,inbound,S,0,20,2025-03-01T08:00:00+05:00,2025-03-01T10:00:00+05:00,1,100\n"),
            Path::new("t.csv"),
        )
        .unwrap_err();
        assert!(e.to_string().contains("field `distance_km`"), "{e}");
    }

    proptest::proptest! {
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
