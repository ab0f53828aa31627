//! Gas balances: per point and period, per country, and totals by country pair and route, with
//! progress toward a stated volume target and revenue where a sourced tariff is given.
//!
//! The rules, each written out with its formula in `docs/methodology.md` ("Gas units and
//! balances"):
//!
//! - **Point balance** (per operator, point, direction and gas day or longer period): nominated,
//!   renominated, allocated and physical amounts side by side, `allocated − nominated`,
//!   `physical − allocated`, and capacity utilisation `physical / firm technical capacity`.
//!   Energy stays in kWh; volumes are restated at one set of reference conditions.
//! - **Duplicates**: two records with the same natural key (indicator, period, operator, point,
//!   direction, unit) are one value revised; the one with the later `lastUpdateDateTime` is kept
//!   (a record without one counts as oldest; on a tie, the later line).
//! - **Country balance** (per country and period, physical flows only): entry and exit at
//!   cross-border points, domestic offtake (exits at other points), domestic entry (production,
//!   storage withdrawal); `residual = entry − exit − domestic offtake` (the transit
//!   expression: zero when the country's network closes, otherwise stock change, losses, metering
//!   differences or missing points), and `transit = min(entry, exit)`, the most gas that can have
//!   passed through.
//! - **Totals by series** (country pair, route, kind, status) for each year and for a
//!   year-to-date span. Within a span the rows of the coarsest period kind present are summed
//!   (a year figure if there is one, else quarters, else months, else days), so a year figure
//!   and its months are never added together; `coverage_days` says how much of the span the
//!   summed rows cover and `complete` whether they cover all of it.
//! - **Target progress**: `share = actual / target` for each year with an actual total, and for
//!   a year-to-date span `share = actual / (target × span days / year days)`. Where the target is
//!   in force and the actual covers its whole span, it is rated red/amber/green with the
//!   agenda rule [`rag_status`] (amber within 10 % below the target). Before the target applies,
//!   the growth it requires from the latest complete actual year is the agenda rule
//!   [`required_cagr`]: `(target / latest)^(1 / (first target year − latest year)) − 1`.

use std::collections::{BTreeMap, BTreeSet};
use std::hash::BuildHasherDefault;
use std::str::FromStr;

use dostyk_core_model::agenda::progress::{Rag, RagThresholds, rag_status, required_cagr};
use dostyk_core_model::country::Country;
use dostyk_core_model::money::{Currency, Money};
use dostyk_core_model::period::{Period, PeriodKind, Span, YearToDate};
use dostyk_core_model::provenance::SourceId;
use rust_decimal::Decimal;
use rust_decimal::prelude::{FromPrimitive, ToPrimitive};
use serde::Serialize;

use super::amount::{GasAmount, GasUnit, serialize_m3, serialize_optional_value, serialize_value};
use super::fnv::FnvMap;
use crate::entsog::{FlowRecord, FlowStatus, FlowUnit, Indicator, PointDirection};
use crate::error::Error;
use crate::national::{FlowKind, NationalRow, SeriesKey, Status};
use crate::reference::{
    FactorBasis, GasVolume, ReferenceConditions, VolumeUnit, energy_unit, volume_unit,
};
use crate::tariff::{Tariff, TariffBasis};
use dostyk_core_model::quantity::{Energy, EnergyUnit};

/// Choices that shape a balance.
#[derive(Debug, Clone, PartialEq)]
pub struct BalanceOptions {
    /// The conditions all volumes are restated at.
    pub conditions: ReferenceConditions,
    /// Ideal gas or methane factors for the restatement.
    pub basis: FactorBasis,
    /// A year-to-date span to total, if any.
    pub ytd: Option<YearToDate>,
    /// Targets to measure progress against.
    pub targets: Vec<VolumeTarget>,
    /// Sourced tariffs to compute revenue with.
    pub tariffs: Vec<SeriesTariff>,
}

impl Default for BalanceOptions {
    fn default() -> Self {
        Self {
            conditions: ReferenceConditions::Gost2939,
            basis: FactorBasis::IdealGas,
            ytd: None,
            targets: Vec::new(),
            tariffs: Vec::new(),
        }
    }
}

/// Which series a target or tariff applies to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SeriesMatch {
    /// Sending country.
    pub exporter: Country,
    /// Receiving country.
    pub importer: Country,
    /// The kind counted.
    pub kind: FlowKind,
}

impl SeriesMatch {
    fn matches(&self, key: &SeriesKey) -> bool {
        key.exporter == self.exporter && key.importer == self.importer && key.kind == self.kind
    }
}

/// A stated annual volume target, e.g. 11 bcm a year of transit from 2026.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct VolumeTarget {
    /// The series the target is for (actual figures of this series are measured).
    pub series: SeriesMatch,
    /// The annual volume.
    pub annual: GasVolume,
    /// The first year the target applies to.
    pub from_year: i32,
    /// The source stating the target.
    pub source: SourceId,
}

/// A sourced tariff applied to a series.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SeriesTariff {
    /// The series it applies to.
    pub series: SeriesMatch,
    /// The tariff.
    pub tariff: Tariff,
    /// The haul length for a per-volume-and-distance tariff, km.
    pub distance_km: Option<f64>,
}

/// Splits `key=value` words.
fn pairs(text: &str) -> Result<BTreeMap<String, String>, Error> {
    let mut out = BTreeMap::new();
    for word in text.split_whitespace() {
        let (k, v) = word
            .split_once('=')
            .ok_or_else(|| Error::Value(format!("\"{word}\" is not key=value")))?;
        out.insert(k.to_ascii_lowercase(), v.to_owned());
    }
    Ok(out)
}

fn take<'a>(map: &'a BTreeMap<String, String>, key: &str, usage: &str) -> Result<&'a str, Error> {
    map.get(key)
        .map(String::as_str)
        .ok_or_else(|| Error::Value(format!("missing {key}=…; expected {usage}")))
}

fn series_match(map: &BTreeMap<String, String>, usage: &str) -> Result<SeriesMatch, Error> {
    Ok(SeriesMatch {
        exporter: Country::from_code(take(map, "exporter", usage)?)
            .map_err(|e| Error::Value(format!("exporter: {e}")))?,
        importer: Country::from_code(take(map, "importer", usage)?)
            .map_err(|e| Error::Value(format!("importer: {e}")))?,
        kind: take(map, "kind", usage)?.parse().map_err(Error::Value)?,
    })
}

const TARGET_USAGE: &str =
    "annual=11 unit=bcm conditions=gost from=2026 exporter=RUS importer=UZB kind=transit source=ID";

impl FromStr for VolumeTarget {
    type Err = Error;
    /// Reads `annual=11 unit=bcm conditions=gost from=2026 exporter=RUS importer=UZB
    /// kind=transit source=interfax-2025-04-11`.
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let map = pairs(text)?;
        let annual: f64 = take(&map, "annual", TARGET_USAGE)?
            .parse()
            .map_err(|_| Error::Value(format!("annual: expected a number; {TARGET_USAGE}")))?;
        let unit: VolumeUnit = volume_unit(take(&map, "unit", TARGET_USAGE)?)?;
        let conditions = map.get("conditions").map(|c| c.parse()).transpose()?;
        let annual = GasVolume::from_stated(annual, unit, conditions)?;
        let from_year = take(&map, "from", TARGET_USAGE)?
            .parse()
            .map_err(|_| Error::Value(format!("from: expected a year; {TARGET_USAGE}")))?;
        let source = SourceId::new(take(&map, "source", TARGET_USAGE)?)
            .map_err(|e| Error::Value(e.to_string()))?;
        Ok(VolumeTarget {
            series: series_match(&map, TARGET_USAGE)?,
            annual,
            from_year,
            source,
        })
    }
}

const TARIFF_USAGE: &str = "rate=1.75 currency=USD per=1000m3_100km conditions=gost distance_km=1000 \
                            exporter=RUS importer=UZB kind=transit source=ID (or per=MWh without distance)";

impl FromStr for SeriesTariff {
    type Err = Error;
    /// Reads `rate=1.75 currency=USD per=1000m3_100km conditions=gost distance_km=1000
    /// exporter=RUS importer=UZB kind=transit source=ID`, or `per=MWh` for an energy tariff.
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let map = pairs(text)?;
        let rate: Decimal = take(&map, "rate", TARIFF_USAGE)?
            .parse()
            .map_err(|_| Error::Value(format!("rate: expected a decimal; {TARIFF_USAGE}")))?;
        let currency = Currency::from_code(take(&map, "currency", TARIFF_USAGE)?)?;
        let per = take(&map, "per", TARIFF_USAGE)?;
        let (basis, distance_km) = if per.eq_ignore_ascii_case("1000m3_100km") {
            let conditions = map
                .get("conditions")
                .ok_or_else(|| Error::MissingConditions {
                    what: "the tariff's 1000 m3".to_owned(),
                })?
                .parse()?;
            let distance: f64 = take(&map, "distance_km", TARIFF_USAGE)?
                .parse()
                .map_err(|_| {
                    Error::Value(format!("distance_km: expected a number; {TARIFF_USAGE}"))
                })?;
            (
                TariffBasis::Per1000M3Per100Km { conditions },
                Some(distance),
            )
        } else {
            let unit: EnergyUnit = energy_unit(per)?;
            (TariffBasis::Energy { unit }, None)
        };
        let source = SourceId::new(take(&map, "source", TARIFF_USAGE)?)
            .map_err(|e| Error::Value(e.to_string()))?;
        Ok(SeriesTariff {
            series: series_match(&map, TARIFF_USAGE)?,
            tariff: Tariff {
                rate: Money::new(rate, currency),
                basis,
                source,
            },
            distance_km,
        })
    }
}

/// The balance of one point, direction and period.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PointBalance {
    /// Operator key.
    pub operator_key: String,
    /// Point key.
    pub point_key: String,
    /// Point name, if given.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub point_label: Option<String>,
    /// Entry or exit.
    pub direction: PointDirection,
    /// The gas day, month or year.
    pub period: Period,
    /// The unit every amount of the balance is held in: kWh for energy records, m³ at the
    /// balance's conditions for volume records (serialised as `kWh`, `m3 (gost)`). Each amount
    /// carries it too; the field states it when the point has none of the amounts below.
    pub unit: GasUnit,
    /// Nominated amount.
    #[serde(serialize_with = "serialize_optional_value")]
    pub nominated: Option<GasAmount>,
    /// Renominated amount.
    #[serde(serialize_with = "serialize_optional_value")]
    pub renominated: Option<GasAmount>,
    /// Allocated amount.
    #[serde(serialize_with = "serialize_optional_value")]
    pub allocated: Option<GasAmount>,
    /// Physical flow.
    #[serde(serialize_with = "serialize_optional_value")]
    pub physical: Option<GasAmount>,
    /// Firm technical capacity over the period.
    #[serde(serialize_with = "serialize_optional_value")]
    pub firm_technical: Option<GasAmount>,
    /// Firm booked capacity over the period.
    #[serde(serialize_with = "serialize_optional_value")]
    pub firm_booked: Option<GasAmount>,
    /// Allocated − nominated (renominated where given).
    #[serde(serialize_with = "serialize_optional_value")]
    pub allocated_minus_nominated: Option<GasAmount>,
    /// Physical − allocated.
    #[serde(serialize_with = "serialize_optional_value")]
    pub physical_minus_allocated: Option<GasAmount>,
    /// Physical / firm technical capacity, a ratio (1 = full).
    pub utilisation: Option<f64>,
    /// Status of the physical flow: provisional, confirmed or mixed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub flow_status: Option<&'static str>,
}

/// The physical balance of one country and period.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CountryBalance {
    /// The country.
    pub country: Country,
    /// Period.
    pub period: Period,
    /// The unit every amount is held in (serialised as `kWh`, `m3 (gost)`; the amounts are
    /// serialised as bare numbers in it).
    pub unit: GasUnit,
    /// Entries at cross-border points.
    #[serde(serialize_with = "serialize_value")]
    pub entry: GasAmount,
    /// Exits at cross-border points.
    #[serde(serialize_with = "serialize_value")]
    pub exit: GasAmount,
    /// Exits at domestic points.
    #[serde(serialize_with = "serialize_value")]
    pub domestic_offtake: GasAmount,
    /// Entries at domestic points.
    #[serde(serialize_with = "serialize_value")]
    pub domestic_entry: GasAmount,
    /// `entry − exit − domestic_offtake`.
    #[serde(serialize_with = "serialize_value")]
    pub residual: GasAmount,
    /// `min(entry, exit)`.
    #[serde(serialize_with = "serialize_value")]
    pub transit: GasAmount,
}

/// A total of one series over one span.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SeriesTotal {
    /// The series.
    pub series: SeriesKey,
    /// The span: a year (`2024`) or a year-to-date (`2024-YTD09`), serialised as its text.
    pub span: Span,
    /// The unit the total is held in (serialised as `kWh`, `m3 (gost)`; the total as a bare
    /// number in it).
    pub unit: GasUnit,
    /// The total.
    #[serde(serialize_with = "serialize_value")]
    pub total: GasAmount,
    /// The period kind of the rows summed.
    pub from_rows_of: PeriodKind,
    /// The number of rows summed.
    pub rows: usize,
    /// Days of the span the rows cover.
    pub coverage_days: u32,
    /// Days in the span.
    pub span_days: u32,
    /// Whether the rows cover the whole span.
    pub complete: bool,
    /// Where the rows come from: the dataset sources of national rows, and the ENTSOG records
    /// (operator and line) of transparency exports.
    pub sources: Vec<RowSource>,
    /// Revenue, only where a sourced tariff was given for the series.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub revenue: Option<Revenue>,
}

/// Revenue from a sourced tariff.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Revenue {
    /// The amount.
    pub amount: Money,
    /// The tariff's source.
    pub tariff_source: SourceId,
}

/// Progress of one span against a target.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TargetProgress {
    /// The series.
    pub series: SeriesMatch,
    /// The span measured.
    pub span: Span,
    /// The target for the span, at the balance's conditions (serialised in m³).
    #[serde(serialize_with = "serialize_m3")]
    pub target: GasVolume,
    /// The actual total, at the balance's conditions (serialised in m³).
    #[serde(serialize_with = "serialize_m3")]
    pub actual: GasVolume,
    /// `actual / target`, a ratio (1 = the target met).
    pub share: f64,
    /// Whether the target is in force for the span (its year ≥ the first target year).
    pub in_force: bool,
    /// Whether the actual total covers the whole span.
    pub complete: bool,
    /// The unit `target` and `actual` are serialised in: m³ at the balance's conditions
    /// (`m3 (gost)`).
    pub unit: GasUnit,
    /// Red/amber/green, where the target is in force and the actual complete.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rag: Option<Rag>,
    /// The target's source.
    pub source: SourceId,
}

/// The growth a target requires from the latest complete actual year before it applies.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TargetOutlook {
    /// The series.
    pub series: SeriesMatch,
    /// The latest complete actual year before the target applies.
    pub latest_year: i32,
    /// Its total, at the balance's conditions (serialised in m³).
    #[serde(serialize_with = "serialize_m3")]
    pub latest_actual: GasVolume,
    /// The first year of the target.
    pub target_year: i32,
    /// The annual target, at the balance's conditions (serialised in m³).
    #[serde(serialize_with = "serialize_m3")]
    pub target: GasVolume,
    /// The unit the amounts are serialised in: m³ at the balance's conditions (`m3 (gost)`).
    pub unit: GasUnit,
    /// Compound annual growth required, as a fraction (0.40 = 40 % a year), as core-model's
    /// [`required_cagr`] gives it: rounded to
    /// [`RATE_DECIMALS`](dostyk_core_model::agenda::progress::RATE_DECIMALS) places. Serialised
    /// as a JSON number.
    #[serde(serialize_with = "serialize_rate")]
    pub required_annual_growth: Decimal,
    /// The target's source.
    pub source: SourceId,
}

/// Serialises a growth rate (a fraction) as a JSON number, as the outlook always has been.
#[allow(clippy::trivially_copy_pass_by_ref)] // serde's `serialize_with` hands the field by reference.
fn serialize_rate<S: serde::Serializer>(rate: &Decimal, s: S) -> Result<S::Ok, S::Error> {
    // A decimal of at most RATE_DECIMALS places always has a nearest f64.
    s.serialize_f64(rate.to_f64().unwrap_or(f64::NAN))
}

/// Everything [`balance`] computes: point balances, country balances, annual and year-to-date
/// totals per series, target progress and the growth each target needs.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BalanceReport {
    /// The conditions volumes are stated at.
    pub conditions: ReferenceConditions,
    /// `ideal` or `methane`.
    pub factor_basis: &'static str,
    /// Point balances, ordered by operator, point, direction, period, unit.
    pub points: Vec<PointBalance>,
    /// Country balances.
    pub countries: Vec<CountryBalance>,
    /// Annual totals by series.
    pub annual: Vec<SeriesTotal>,
    /// Year-to-date totals by series, if a span was asked for.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub year_to_date: Vec<SeriesTotal>,
    /// Progress toward targets.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub targets: Vec<TargetProgress>,
    /// Growth required to reach targets not yet in force.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub outlook: Vec<TargetOutlook>,
    /// Records replaced by a later revision of the same value.
    pub superseded_records: usize,
    /// Physical-flow records that could not be placed in a country balance (no country).
    pub unassigned_records: usize,
}

/// The amount of a record in the balance unit (kWh for energy, m³ at the balance's conditions
/// for volume), with that unit; `None` for calorific values and missing values.
fn normalised(record: &FlowRecord, options: &BalanceOptions) -> Option<(f64, GasUnit)> {
    let amount = record.amount()?;
    match record.unit {
        FlowUnit::Energy { unit, .. } => Some((
            Energy::new(amount, unit).value_in(EnergyUnit::Kwh),
            GasUnit::Energy(EnergyUnit::Kwh),
        )),
        FlowUnit::Volume { unit, .. } => {
            // The reader refuses a volume record without conditions.
            let conditions = record.reference_conditions?;
            let v =
                GasVolume::new(amount, unit, conditions).convert(options.conditions, options.basis);
            Some((v.m3(), GasUnit::m3(options.conditions)))
        }
        FlowUnit::CalorificValue { .. } => None,
    }
}

/// Indicator, period start and end (as instants, seconds since 1970), operator, point,
/// direction, unit.
type NaturalKey<'a> = (
    Indicator,
    i64,
    i64,
    &'a str,
    &'a str,
    PointDirection,
    FlowUnit,
);

/// Keeps the latest revision of each value; returns the kept records and the number dropped.
fn latest(records: &[FlowRecord]) -> (Vec<&FlowRecord>, usize) {
    let mut best: FnvMap<NaturalKey<'_>, usize> =
        FnvMap::with_capacity_and_hasher(records.len(), BuildHasherDefault::default());
    for (i, r) in records.iter().enumerate() {
        let key = (
            r.indicator,
            r.period_from.timestamp(),
            r.period_to.timestamp(),
            r.operator_key.as_str(),
            r.point_key.as_str(),
            r.direction,
            r.unit,
        );
        match best.get(&key) {
            Some(&old) if records[old].last_update > r.last_update => {}
            _ => {
                best.insert(key, i);
            }
        }
    }
    // Kept records in file order, so every later sum adds in the same order on every run.
    let mut kept: Vec<usize> = best.into_values().collect();
    kept.sort_unstable();
    let kept: Vec<&FlowRecord> = kept.into_iter().map(|i| &records[i]).collect();
    let dropped = records.len() - kept.len();
    (kept, dropped)
}

fn add(slot: &mut Option<f64>, x: f64) {
    *slot = Some(slot.unwrap_or(0.0) + x);
}

/// A kept record with its reporting period, computed once.
type Dated<'a> = (&'a FlowRecord, Period);

/// The sums of one point balance in its unit, before they become amounts.
#[derive(Default)]
struct PointSums {
    nominated: Option<f64>,
    renominated: Option<f64>,
    allocated: Option<f64>,
    physical: Option<f64>,
    firm_technical: Option<f64>,
    firm_booked: Option<f64>,
    statuses: BTreeSet<FlowStatus>,
}

fn point_balances(records: &[Dated<'_>], options: &BalanceOptions) -> Vec<PointBalance> {
    type Key<'a> = (&'a str, &'a str, PointDirection, Period, GasUnit);
    // Groups in a vector, found through a hash map; sorted by key at the end. Each group keeps
    // its first record for the point's names.
    let mut slots: FnvMap<Key<'_>, usize> =
        FnvMap::with_capacity_and_hasher(records.len() / 4, BuildHasherDefault::default());
    let mut groups: Vec<(Key<'_>, &FlowRecord, PointSums)> = Vec::new();
    for &(r, period) in records {
        let Some((amount, unit)) = normalised(r, options) else {
            continue;
        };
        let key = (
            r.operator_key.as_str(),
            r.point_key.as_str(),
            r.direction,
            period,
            unit,
        );
        let slot = *slots.entry(key).or_insert_with(|| {
            groups.push((key, r, PointSums::default()));
            groups.len() - 1
        });
        let (_, _, b) = &mut groups[slot];
        match r.indicator {
            Indicator::Nomination => add(&mut b.nominated, amount),
            Indicator::Renomination => add(&mut b.renominated, amount),
            Indicator::Allocation => add(&mut b.allocated, amount),
            Indicator::PhysicalFlow => {
                add(&mut b.physical, amount);
                if let Some(s) = r.flow_status {
                    b.statuses.insert(s);
                }
            }
            Indicator::FirmTechnical => add(&mut b.firm_technical, amount),
            Indicator::FirmBooked => add(&mut b.firm_booked, amount),
            _ => {}
        }
    }
    groups.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    groups
        .into_iter()
        .map(|((_, _, direction, period, unit), r, b)| {
            let amount = |x: Option<f64>| x.map(|v| unit.amount(v));
            let nominated = b.renominated.or(b.nominated);
            PointBalance {
                operator_key: r.operator_key.clone(),
                point_key: r.point_key.clone(),
                point_label: r.point_label.clone(),
                direction,
                period,
                unit,
                nominated: amount(b.nominated),
                renominated: amount(b.renominated),
                allocated: amount(b.allocated),
                physical: amount(b.physical),
                firm_technical: amount(b.firm_technical),
                firm_booked: amount(b.firm_booked),
                allocated_minus_nominated: amount(b.allocated.zip(nominated).map(|(a, n)| a - n)),
                physical_minus_allocated: amount(b.physical.zip(b.allocated).map(|(p, a)| p - a)),
                utilisation: b
                    .physical
                    .zip(b.firm_technical)
                    .filter(|(_, c)| *c > 0.0)
                    .map(|(p, c)| p / c),
                flow_status: match b.statuses.len() {
                    0 => None,
                    1 if b.statuses.contains(&FlowStatus::Confirmed) => Some("confirmed"),
                    1 => Some("provisional"),
                    _ => Some("mixed"),
                },
            }
        })
        .collect()
}

/// The physical flows of one country balance in its unit, before they become amounts.
#[derive(Default)]
struct CountrySums {
    entry: f64,
    exit: f64,
    domestic_offtake: f64,
    domestic_entry: f64,
}

fn country_balances(
    records: &[Dated<'_>],
    options: &BalanceOptions,
) -> (Vec<CountryBalance>, usize) {
    let mut map: BTreeMap<(Country, Period, GasUnit), CountrySums> = BTreeMap::new();
    let mut unassigned = 0;
    for &(r, period) in records
        .iter()
        .filter(|(r, _)| r.indicator == Indicator::PhysicalFlow)
    {
        let Some((amount, unit)) = normalised(r, options) else {
            continue;
        };
        let Some(country) = r.country() else {
            unassigned += 1;
            continue;
        };
        let b = map.entry((country, period, unit)).or_default();
        match (r.is_cross_border(), r.direction) {
            (true, PointDirection::Entry) => b.entry += amount,
            (true, PointDirection::Exit) => b.exit += amount,
            (false, PointDirection::Exit) => b.domestic_offtake += amount,
            (false, PointDirection::Entry) => b.domestic_entry += amount,
        }
    }
    let out = map
        .into_iter()
        .map(|((country, period, unit), b)| CountryBalance {
            country,
            period,
            unit,
            entry: unit.amount(b.entry),
            exit: unit.amount(b.exit),
            domestic_offtake: unit.amount(b.domestic_offtake),
            domestic_entry: unit.amount(b.domestic_entry),
            residual: unit.amount(b.entry - b.exit - b.domestic_offtake),
            transit: unit.amount(b.entry.min(b.exit)),
        })
        .collect();
    (out, unassigned)
}

/// One figure of a series, in the balance unit.
struct SeriesRow {
    series: SeriesKey,
    period: Period,
    unit: GasUnit,
    amount: f64,
    source: RowSource,
}

/// Where a row summed into a [`SeriesTotal`] comes from. Serialised as text: the source id, or
/// `operator#lineN` for an ENTSOG record.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub enum RowSource {
    /// A row of a national table, with the dataset source it cites.
    Source(SourceId),
    /// A record of an ENTSOG transparency export, which cites no dataset source: the operator's
    /// key and the record's line in its file.
    Record {
        /// The operator key (`operatorKey`).
        operator_key: String,
        /// The 1-based line of the record.
        line: u64,
    },
}

impl RowSource {
    /// The dataset source, for a national row.
    pub fn source_id(&self) -> Option<&SourceId> {
        match self {
            RowSource::Source(id) => Some(id),
            RowSource::Record { .. } => None,
        }
    }
}

impl std::fmt::Display for RowSource {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            RowSource::Source(id) => write!(f, "{id}"),
            RowSource::Record { operator_key, line } => write!(f, "{operator_key}#line{line}"),
        }
    }
}

impl Serialize for RowSource {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

fn series_rows(
    national: &[NationalRow],
    records: &[Dated<'_>],
    options: &BalanceOptions,
) -> Vec<SeriesRow> {
    let mut out = Vec::new();
    for row in national {
        out.push(SeriesRow {
            series: row.series.clone(),
            period: row.period,
            unit: GasUnit::m3(options.conditions),
            amount: row.volume.convert(options.conditions, options.basis).m3(),
            source: RowSource::Source(row.source.clone()),
        });
    }
    // Cross-border physical flows on the exit side, where the adjacent country is known: the
    // entry side of the same flow would count it twice.
    for &(r, period) in records.iter().filter(|(r, _)| {
        r.indicator == Indicator::PhysicalFlow
            && r.direction == PointDirection::Exit
            && r.is_cross_border()
    }) {
        let (Some(exporter), Some(importer)) = (r.country(), r.adjacent_country) else {
            continue;
        };
        let Some((amount, unit)) = normalised(r, options) else {
            continue;
        };
        out.push(SeriesRow {
            series: SeriesKey {
                exporter,
                importer,
                via: None,
                route: r.point_label.clone().unwrap_or_else(|| r.point_key.clone()),
                kind: FlowKind::PhysicalFlow,
                status: Status::Actual,
            },
            period,
            unit,
            amount,
            source: RowSource::Record {
                operator_key: r.operator_key.clone(),
                line: r.line,
            },
        });
    }
    out
}

/// Totals the rows of each series and unit that fall inside `range`, per the coarsest-kind rule.
fn totals_over(rows: &[SeriesRow], span: Span) -> Vec<SeriesTotal> {
    // Every span the balance totals over (a year, a year to date) has a range.
    let Some(range) = span.range() else {
        return Vec::new();
    };
    let mut groups: BTreeMap<(SeriesKey, GasUnit), Vec<&SeriesRow>> = BTreeMap::new();
    for r in rows {
        let inside = range.contains(r.period.first_day()) && range.contains(r.period.last_day());
        if inside {
            groups
                .entry((r.series.clone(), r.unit))
                .or_default()
                .push(r);
        }
    }
    let mut out = Vec::new();
    for ((series, unit), group) in groups {
        // Invariant: a group exists only with at least one row.
        let coarsest = group
            .iter()
            .map(|r| r.period.kind())
            .min()
            .unwrap_or(PeriodKind::Day);
        let used: Vec<&&SeriesRow> = group
            .iter()
            .filter(|r| r.period.kind() == coarsest)
            .collect();
        let total: f64 = used.iter().map(|r| r.amount).sum();
        // Rows of one kind in one series do not overlap except where several ENTSOG points feed
        // one series; coverage counts each period once.
        let distinct: BTreeSet<Period> = used.iter().map(|r| r.period).collect();
        let coverage_days: u32 = distinct.iter().map(Period::days).sum();
        let sources: BTreeSet<RowSource> = used.iter().map(|r| r.source.clone()).collect();
        let span_days = range.days();
        out.push(SeriesTotal {
            series,
            span,
            unit,
            total: unit.amount(total),
            from_rows_of: coarsest,
            rows: used.len(),
            coverage_days,
            span_days,
            complete: coverage_days >= span_days,
            sources: sources.into_iter().collect(),
            revenue: None,
        });
    }
    out
}

fn apply_tariffs(totals: &mut [SeriesTotal], options: &BalanceOptions) -> Result<(), Error> {
    for total in totals {
        let Some(t) = options
            .tariffs
            .iter()
            .find(|t| t.series.matches(&total.series))
        else {
            continue;
        };
        let amount = match total.total {
            GasAmount::Energy(energy) => t.tariff.revenue_for_energy(energy)?,
            GasAmount::Volume(volume) => {
                let distance = t.distance_km.ok_or_else(|| {
                    Error::Value("a per-volume tariff needs distance_km".to_owned())
                })?;
                t.tariff.revenue_for_volume(volume, distance)?
            }
        };
        total.revenue = Some(Revenue {
            amount,
            tariff_source: t.tariff.source.clone(),
        });
    }
    Ok(())
}

/// Builds the full balance from ENTSOG-style records and national table rows.
pub fn balance(
    records: &[FlowRecord],
    national: &[NationalRow],
    options: &BalanceOptions,
) -> Result<BalanceReport, Error> {
    let (kept, superseded) = latest(records);
    let kept: Vec<Dated<'_>> = kept
        .into_iter()
        .map(|r| r.period().map(|p| (r, p)))
        .collect::<Result<_, _>>()?;
    let points = point_balances(&kept, options);
    let (countries, unassigned) = country_balances(&kept, options);
    let rows = series_rows(national, &kept, options);
    let years: BTreeSet<i32> = rows.iter().map(|r| r.period.calendar_year()).collect();
    let mut annual = Vec::new();
    for year in years {
        let period = Period::year(year).map_err(|e| Error::Value(e.to_string()))?;
        annual.extend(totals_over(&rows, Span::Period(period)));
    }
    apply_tariffs(&mut annual, options)?;
    let mut year_to_date = Vec::new();
    if let Some(ytd) = options.ytd {
        year_to_date = totals_over(&rows, Span::YearToDate(ytd));
        apply_tariffs(&mut year_to_date, options)?;
    }
    let mut targets = Vec::new();
    let mut outlook = Vec::new();
    let rate =
        |actual: f64, target: f64, in_force: bool, complete: bool| -> Result<Option<Rag>, Error> {
            if !(in_force && complete) {
                return Ok(None);
            }
            let a = Decimal::from_f64(actual)
                .ok_or_else(|| Error::Value(format!("actual {actual} cannot be rated")))?;
            let t = Decimal::from_f64(target)
                .ok_or_else(|| Error::Value(format!("target {target} cannot be rated")))?;
            rag_status(a, t, true, &RagThresholds::default())
                .map(Some)
                .map_err(|e| Error::Value(e.to_string()))
        };
    for target in &options.targets {
        let annual_target = target
            .annual
            .convert(options.conditions, options.basis)
            .m3();
        let unit = GasUnit::m3(options.conditions);
        let m3 = |x: f64| GasVolume::from_m3(x, options.conditions);
        // Totals of the series in m³ at the balance's conditions: their value is in m³.
        let actual = |t: &&SeriesTotal| {
            target.series.matches(&t.series) && t.series.status == Status::Actual && t.unit == unit
        };
        for t in annual.iter().filter(actual) {
            let year = t.span.year().unwrap_or(i32::MIN);
            let in_force = year >= target.from_year;
            let total = t.total.value();
            targets.push(TargetProgress {
                series: target.series.clone(),
                span: t.span,
                target: m3(annual_target),
                actual: m3(total),
                share: total / annual_target,
                in_force,
                complete: t.complete,
                unit,
                rag: rate(total, annual_target, in_force, t.complete)?,
                source: target.source.clone(),
            });
        }
        let latest = annual
            .iter()
            .filter(actual)
            .filter(|t| t.complete)
            .filter_map(|t| t.span.year().map(|y| (y, t.total.value())))
            .filter(|(y, total)| *y < target.from_year && *total > 0.0)
            .max_by_key(|(y, _)| *y);
        if let Some((year, total)) = latest {
            let (Some(a), Some(b)) = (Decimal::from_f64(total), Decimal::from_f64(annual_target))
            else {
                return Err(Error::Value(
                    "a target or total cannot be held as a decimal".to_owned(),
                ));
            };
            let growth = required_cagr(a, b, year, target.from_year)
                .map_err(|e| Error::Value(e.to_string()))?;
            outlook.push(TargetOutlook {
                series: target.series.clone(),
                latest_year: year,
                latest_actual: m3(total),
                target_year: target.from_year,
                target: m3(annual_target),
                unit,
                required_annual_growth: growth,
                source: target.source.clone(),
            });
        }
        if let Some(ytd) = options.ytd {
            let year_days = Period::year(ytd.year())
                .map_err(|e| Error::Value(e.to_string()))?
                .days();
            let pro_rata = annual_target * f64::from(ytd.range().days()) / f64::from(year_days);
            for t in year_to_date.iter().filter(actual) {
                let in_force = ytd.year() >= target.from_year;
                let total = t.total.value();
                targets.push(TargetProgress {
                    series: target.series.clone(),
                    span: t.span,
                    target: m3(pro_rata),
                    actual: m3(total),
                    share: total / pro_rata,
                    in_force,
                    complete: t.complete,
                    unit,
                    rag: rate(total, pro_rata, in_force, t.complete)?,
                    source: target.source.clone(),
                });
            }
        }
    }
    Ok(BalanceReport {
        conditions: options.conditions,
        factor_basis: options.basis.code(),
        points,
        countries,
        annual,
        year_to_date,
        targets,
        outlook,
        superseded_records: superseded,
        unassigned_records: unassigned,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fmt::Write as _;
    use std::path::Path;

    const HEADER: &str = "indicator,periodType,periodFrom,periodTo,operatorKey,pointKey,pointType,directionKey,unit,value,flowStatus,lastUpdateDateTime,countryKey,adjacentCountryKey";

    fn recs(body: &str) -> Vec<FlowRecord> {
        crate::entsog::parse_csv(&format!("{HEADER}\n{body}"), Path::new("b.csv")).unwrap()
    }

    #[test]
    fn point_balance_and_utilisation() {
        let r = recs(
            "Nomination,day,2026-01-01T06:00:00+05:00,2026-01-02T06:00:00+05:00,KZ-TSO-0001,P1,Cross-Border,exit,GWh/d,100,,,,\n\
             Allocation,day,2026-01-01T06:00:00+05:00,2026-01-02T06:00:00+05:00,KZ-TSO-0001,P1,Cross-Border,exit,GWh/d,98,,,,\n\
             Physical Flow,day,2026-01-01T06:00:00+05:00,2026-01-02T06:00:00+05:00,KZ-TSO-0001,P1,Cross-Border,exit,GWh/d,97,Provisional,2026-01-02T08:00:00+05:00,,\n\
             Physical Flow,day,2026-01-01T06:00:00+05:00,2026-01-02T06:00:00+05:00,KZ-TSO-0001,P1,Cross-Border,exit,GWh/d,99,Confirmed,2026-01-05T08:00:00+05:00,,\n\
             Firm Technical,day,2026-01-01T06:00:00+05:00,2026-01-02T06:00:00+05:00,KZ-TSO-0001,P1,Cross-Border,exit,GWh/d,120,,,,\n",
        );
        let report = balance(&r, &[], &BalanceOptions::default()).unwrap();
        assert_eq!(report.superseded_records, 1);
        let p = &report.points[0];
        // GWh/d records are held in kWh.
        let kwh = |x: f64| Some(GasAmount::Energy(Energy::from_kwh(x)));
        assert_eq!(p.unit, GasUnit::Energy(EnergyUnit::Kwh));
        assert_eq!(p.physical, kwh(99e6));
        assert_eq!(p.allocated_minus_nominated, kwh(-2e6));
        assert_eq!(p.physical_minus_allocated, kwh(1e6));
        assert_eq!(p.utilisation, Some(99.0 / 120.0));
        assert_eq!(p.flow_status, Some("confirmed"));
    }

    const NATIONAL: &str = "period,exporter,importer,via,route,kind,status,value,unit,reference_conditions,source_id,note";

    fn national(body: &str) -> Vec<NationalRow> {
        crate::national::parse_csv(&format!("{NATIONAL}\n{body}"), Path::new("n.csv")).unwrap()
    }

    #[test]
    fn ytd_sums_months_and_rates_a_target_in_force() {
        let rows = national(
            "2026-01,RUS,UZB,KAZ,CAC,transit,actual,900,mcm,gost,s,\n\
             2026-02,RUS,UZB,KAZ,CAC,transit,actual,800,mcm,gost,s,\n\
             2026-03,RUS,UZB,KAZ,CAC,transit,actual,700,mcm,gost,s,\n",
        );
        let options = BalanceOptions {
            ytd: Some("2026-YTD02".parse().unwrap()),
            targets: vec![
                "annual=11 unit=bcm conditions=gost from=2026 exporter=RUS importer=UZB kind=transit source=t"
                    .parse()
                    .unwrap(),
            ],
            ..BalanceOptions::default()
        };
        let report = balance(&[], &rows, &options).unwrap();
        let ytd = &report.year_to_date[0];
        assert_eq!(
            ytd.total,
            GasAmount::Volume(GasVolume::from_m3(1.7e9, ReferenceConditions::Gost2939))
        );
        assert_eq!(
            (ytd.coverage_days, ytd.span_days, ytd.complete),
            (59, 59, true)
        );
        // Pro-rata target over Jan-Feb 2026: 11 bcm x 59 / 365 = 1.778 bcm; 1.7 / 1.778 = 95.6 %.
        let p = report
            .targets
            .iter()
            .find(|t| t.span.to_string() == "2026-YTD02")
            .unwrap();
        assert!((p.target.m3() - 11e9 * 59.0 / 365.0).abs() < 1.0);
        assert_eq!(p.target.conditions, ReferenceConditions::Gost2939);
        assert!((p.share - 1.7e9 / (11e9 * 59.0 / 365.0)).abs() < 1e-12);
        assert_eq!(
            p.rag,
            Some(Rag::Amber),
            "within 10 % below the pro-rata target"
        );
        // The year 2026 is only a quarter covered: no rating.
        let y = report
            .targets
            .iter()
            .find(|t| t.span.to_string() == "2026")
            .unwrap();
        assert!(!y.complete);
        assert_eq!(y.rag, None);
        assert!(report.outlook.is_empty(), "no complete year before 2026");
    }

    #[test]
    fn a_year_figure_is_not_added_to_its_own_months() {
        let rows = national(
            "2024,RUS,UZB,KAZ,CAC,transit,actual,5.6,bcm,gost,a,\n\
             2024-01,RUS,UZB,KAZ,CAC,transit,actual,0.4,bcm,gost,b,\n",
        );
        let report = balance(&[], &rows, &BalanceOptions::default()).unwrap();
        assert_eq!(report.annual.len(), 1);
        assert_eq!(report.annual[0].total.value(), 5.6e9);
        assert_eq!(
            report.annual[0].total.unit(),
            GasUnit::m3(ReferenceConditions::Gost2939)
        );
        assert_eq!(report.annual[0].from_rows_of, PeriodKind::Year);
        assert_eq!(
            report.annual[0].sources,
            [RowSource::Source(SourceId::new("a").unwrap())]
        );
    }

    #[test]
    fn hourly_energy_records_add_up_to_the_gas_day() {
        let mut body = String::new();
        for h in 0..24 {
            let from = chrono::DateTime::parse_from_rfc3339("2026-01-01T06:00:00+05:00").unwrap()
                + chrono::TimeDelta::hours(h);
            let to = from + chrono::TimeDelta::hours(1);
            writeln!(
                body,
                "Physical Flow,hour,{},{},KZ-TSO-0001,P1,Cross-Border,exit,MWh/h,10,,,,",
                from.to_rfc3339(),
                to.to_rfc3339()
            )
            .unwrap();
        }
        let report = balance(&recs(&body), &[], &BalanceOptions::default()).unwrap();
        assert_eq!(report.points.len(), 1);
        assert_eq!(report.points[0].period.to_string(), "2026-01-01");
        assert_eq!(report.points[0].unit.to_string(), "kWh");
        let physical = report.points[0].physical.unwrap();
        assert!((physical.value_in(report.points[0].unit).unwrap() - 240_000.0).abs() < 1e-6);
    }

    #[test]
    fn revenue_only_with_a_tariff() {
        let rows = national("2024,RUS,UZB,KAZ,CAC,transit,actual,5.6,bcm,gost,a,\n");
        let report = balance(&[], &rows, &BalanceOptions::default()).unwrap();
        assert!(report.annual[0].revenue.is_none());
        let options = BalanceOptions {
            tariffs: vec![
                "rate=1.75 currency=USD per=1000m3_100km conditions=gost distance_km=1000 exporter=RUS importer=UZB kind=transit source=illustrative"
                    .parse()
                    .unwrap(),
            ],
            ..BalanceOptions::default()
        };
        let report = balance(&[], &rows, &options).unwrap();
        // 5.6e9 m3 / 1000 x 1000 km / 100 x 1.75 USD = 98,000,000.00 USD.
        let revenue = report.annual[0].revenue.as_ref().unwrap();
        assert_eq!(revenue.amount.amount, Decimal::new(9_800_000_000, 2));
        assert_eq!(revenue.tariff_source.as_str(), "illustrative");
        // A per-volume tariff without conditions is refused.
        let e = "rate=1.75 currency=USD per=1000m3_100km distance_km=1000 exporter=RUS importer=UZB kind=transit source=x"
            .parse::<SeriesTariff>()
            .unwrap_err();
        assert!(matches!(e, Error::MissingConditions { .. }));
    }

    #[test]
    fn target_parsing_refuses_missing_conditions() {
        let t: VolumeTarget = "annual=11 unit=bcm conditions=gost from=2026 exporter=RUS importer=UZB kind=transit source=x"
            .parse()
            .unwrap();
        assert_eq!(t.annual.m3(), 11e9);
        let e = "annual=11 unit=bcm from=2026 exporter=RUS importer=UZB kind=transit source=x"
            .parse::<VolumeTarget>()
            .unwrap_err();
        assert!(matches!(e, Error::MissingConditions { .. }));
    }
}
