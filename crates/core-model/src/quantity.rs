//! Physical quantities with their units: volumes, masses, energies, flow rates, lengths and
//! durations.
//!
//! Each quantity is an `f64` amount together with the unit it was given in, so the type says
//! *what* the number measures and the unit says *in what*. A [`Volume`] of `0.922 km3` stays
//! `0.922 km3` when written back out, and [`Volume::value_in`] converts it to any other
//! [`VolumeUnit`] on demand.
//!
//! | type | SI base it converts through | units (canonical symbol first, then accepted spellings) |
//! |---|---|---|
//! | [`Volume`] | m³ | `m3` (`m³`), `tcm` (`thousand m3`, `th m3`, `thousand m³`, `1000m3`), `Mm3` (`Mm³`, `mcm`, `million m3`, `million m³`), `km3` (`km³`, `bcm`) |
//! | [`Mass`] | kg | `kg`, `t`, `kt`, `Mt` |
//! | [`Energy`] | J | `J`, `kWh`, `MWh`, `GWh`, `TWh`, `GJ`, `MMBtu` |
//! | [`FlowRate`] | m³/s | `m3/s` (`m³/s`) |
//! | [`Length`] | m | `m`, `km` |
//! | [`Duration`] | s | `s`, `h`, `d` (`day`, `days`) |
//!
//! The conversion factors and their sources are listed in `docs/methodology.md` (section
//! *Units*). In short: the cubic metre, kilogram, joule, metre and second are SI units (BIPM, *The
//! International System of Units*, 9th edition, 2019); the hour (3 600 s) and the day (86 400 s)
//! are the non-SI units accepted for use with the SI (same brochure, table 8); the tonne is
//! 1 000 kg; the kilowatt-hour is 3.6 MJ; and the MMBtu is one million International Table
//! British thermal units, 1 Btu<sub>IT</sub> = 1 055.055 852 62 J, so 1 MMBtu ≈ 1.055 056 GJ ≈
//! 0.293 071 MWh.
//!
//! ## Text form
//!
//! A quantity is written as a number, one space and a unit: `0.922 km3`, `58.3 m3/s`,
//! `1 MMBtu`. `Display` writes the value with Rust's shortest round-trip `f64` formatting and the
//! canonical ASCII symbol of the unit, so `FromStr` reads back exactly the same value and unit.
//! A precision in the format string (`{:.1}`) is applied to the value. Parsing accepts the
//! spellings in the table above (case matters: `Mm3` is a million cubic metres, `mm3` is not a
//! unit here), and refuses `NaN` and infinite values. [`Quantity`] parses text of any kind and
//! tells which kind it found; its error lists every accepted unit. Serde uses the same text form
//! (`"0.922 km3"`), as [`Period`](crate::period::Period) does.
//!
//! ```
//! use dostyk_core_model::quantity::{Duration, FlowRate, Volume, VolumeUnit};
//!
//! // 1 m³/s over a 10-day dekad delivers 0.864 million m³.
//! let dekad = Duration::from_days(10.0);
//! let delivered = FlowRate::from_m3_per_s(1.0) * dekad;
//! assert!((delivered.value_in(VolumeUnit::Mm3) - 0.864).abs() < 1e-12);
//!
//! // A seasonal limit of 0.922 km³ over a 183-day season is a mean flow of about 58.3 m³/s.
//! let limit: Volume = "0.922 km3".parse()?;
//! let mean = limit / Duration::from_days(183.0);
//! assert_eq!(format!("{mean:.1}"), "58.3 m3/s");
//! assert_eq!(limit.to_string(), "0.922 km3");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! ## Arithmetic
//!
//! Quantities of one type add and subtract (`+`, `-`, `+=`, `-=`, unary `-`), multiply and
//! divide by an `f64` scalar, and divide by each other to give a plain ratio. The result of
//! `a + b` and `a - b` is in the unit of `a` (`b` is converted first); scalar multiplication and
//! division keep the unit; `Iterator::sum` starts from zero in the SI base unit and then keeps it. Across types: [`FlowRate`] × [`Duration`] (either order) is a
//! [`Volume`] in m³, [`Volume`] ÷ [`Duration`] is a [`FlowRate`], and [`Volume`] ÷ [`FlowRate`]
//! is a [`Duration`] in seconds.
//!
//! Arithmetic follows IEEE 754 and never panics: dividing by a zero duration gives an infinite
//! flow rate (or `NaN` for `0 / 0`), and an overflow gives an infinity. Such values can be held
//! (check [`Volume::is_finite`] and friends) but they have no text form that parses back, so
//! serializing them produces text that deserialization refuses. Negative values are allowed, since
//! deficits and differences are negative. Equality and ordering compare the physical amount,
//! converted to the SI base unit, so `1 km3 == 1000 Mm3`; conversion is a floating-point
//! multiplication, so two spellings of one amount can differ in the last bit — compare with a
//! tolerance when the units differ.
//!
//! ## Rounding for display
//!
//! How many decimals a figure is shown with is a rule of its domain, stated once as a
//! resolution (water volumes to 0.1 Mm³, gas volumes to 1 Mm³, freight to 1 kt); each unit's
//! `decimals_for` turns it into places for that unit (to 1 Mm³: `km3` to 3 places, `Mm3` to
//! none), and each quantity's `rounded_in` gives the [`Decimal`] a report shows, rounded with
//! [`rounded_decimal`] (half to even).
//!
//! ## Gas volumes
//!
//! A [`Volume`] here is a geometric volume. A volume of natural gas means nothing without its
//! reference conditions (temperature and pressure: "standard", "normal", the Russian GOST 20 °C
//! convention…), and a gas volume without them cannot be converted to energy. Gas volumes with
//! their reference conditions and the conversions between them live in the `dostyk-transit-gas`
//! crate, which builds on these types; this module deliberately offers no volume-to-energy
//! conversion.

use std::cmp::Ordering;
use std::fmt;
use std::ops::{Add, AddAssign, Div, Mul, Neg, Sub, SubAssign};
use std::str::FromStr;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// Joules in one kilowatt-hour: 1 kWh = 1 000 W × 3 600 s.
pub const J_PER_KWH: f64 = 3.6e6;
/// Joules in one International Table British thermal unit (exact by definition).
pub const J_PER_BTU_IT: f64 = 1_055.055_852_62;
/// Seconds in one hour.
pub const S_PER_HOUR: f64 = 3_600.0;
/// Seconds in one day.
pub const S_PER_DAY: f64 = 86_400.0;

/// What went wrong parsing a quantity or a unit.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum QuantityError {
    /// The text is not a number, a space and a unit.
    #[error(
        "\"{text}\" is not a quantity: expected a number, one space and a unit, like \"0.922 km3\""
    )]
    Syntax {
        /// The text that was given.
        text: String,
    },
    /// The part before the unit is not a decimal number.
    #[error(
        "\"{number}\" in \"{text}\" is not a number: write a decimal number such as 58.3 or 1.2e3"
    )]
    Number {
        /// The whole text that was given.
        text: String,
        /// The part that should have been a number.
        number: String,
    },
    /// The number is NaN or infinite.
    #[error("\"{text}\" is not a finite quantity: NaN and infinite values are refused")]
    NotFinite {
        /// The text that was given.
        text: String,
    },
    /// The unit is not one this module knows.
    #[error("\"{unit}\" in \"{text}\" is not a known unit: accepted units are {accepted}")]
    UnknownUnit {
        /// The whole text that was given.
        text: String,
        /// The unit part of the text.
        unit: String,
        /// The accepted unit spellings, comma-separated.
        accepted: String,
    },
    /// The unit is known but measures another kind of quantity (a mass where a volume was expected).
    #[error(
        "\"{text}\" measures {found}, but {expected} was expected: accepted {expected} units are {accepted}"
    )]
    WrongKind {
        /// The text that was given.
        text: String,
        /// The kind of quantity that was expected.
        expected: QuantityKind,
        /// The kind of quantity the unit measures.
        found: QuantityKind,
        /// The accepted unit spellings for the expected kind, comma-separated.
        accepted: String,
    },
}

/// The kinds of physical quantity in this module.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum QuantityKind {
    /// A geometric volume.
    Volume,
    /// A mass.
    Mass,
    /// An amount of energy.
    Energy,
    /// A volumetric flow rate.
    FlowRate,
    /// A length.
    Length,
    /// A duration.
    Duration,
}

impl fmt::Display for QuantityKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            QuantityKind::Volume => "volume",
            QuantityKind::Mass => "mass",
            QuantityKind::Energy => "energy",
            QuantityKind::FlowRate => "flow rate",
            QuantityKind::Length => "length",
            QuantityKind::Duration => "duration",
        })
    }
}

/// `value` as a decimal rounded to `decimals` places, the way figures are shown: the exact binary
/// value of the `f64` is taken ([`Decimal::from_f64_retain`]), rounded half to even
/// ([`Decimal::round_dp`]) and trailing zeros are dropped, so `0.922_000_000_1` to 3 places is
/// `0.922` and `2.5` to 0 places is `2`. `None` for NaN, infinite values and magnitudes beyond a
/// `Decimal` (about 7.9 × 10²⁸), which have no decimal to show.
///
/// ```
/// use dostyk_core_model::quantity::{Volume, VolumeUnit, rounded_decimal};
///
/// assert_eq!(rounded_decimal(5.640_000_000_4, 3).unwrap().to_string(), "5.64");
/// assert_eq!(rounded_decimal(f64::NAN, 3), None);
/// // A domain that shows volumes to the million cubic metres shows km3 to 3 places.
/// let mcm = Volume::from_mm3(1.0);
/// assert_eq!(VolumeUnit::Km3.decimals_for(mcm), 3);
/// let total = Volume::from_m3(5_638_712_345.0);
/// assert_eq!(total.rounded_in(VolumeUnit::Km3, mcm).unwrap().to_string(), "5.639");
/// ```
pub fn rounded_decimal(value: f64, decimals: u32) -> Option<Decimal> {
    Decimal::from_f64_retain(value).map(|d| d.round_dp(decimals).normalize())
}

/// Splits `text` into its number and its unit part, refusing non-finite numbers.
fn split_text(text: &str) -> Result<(f64, String), QuantityError> {
    let trimmed = text.trim();
    let (number, unit) =
        trimmed
            .split_once(char::is_whitespace)
            .ok_or_else(|| QuantityError::Syntax {
                text: text.to_owned(),
            })?;
    // Units such as "million m3" have inner spaces; normalise any run of whitespace to one space.
    let unit = unit.split_whitespace().collect::<Vec<_>>().join(" ");
    if number.is_empty() || unit.is_empty() {
        return Err(QuantityError::Syntax {
            text: text.to_owned(),
        });
    }
    let value: f64 = number.parse().map_err(|_| QuantityError::Number {
        text: text.to_owned(),
        number: number.to_owned(),
    })?;
    if !value.is_finite() {
        return Err(QuantityError::NotFinite {
            text: text.to_owned(),
        });
    }
    Ok((value, unit))
}

/// Writes `value unit`, applying the formatter's precision to the value if one was given.
fn write_value(f: &mut fmt::Formatter<'_>, value: f64, symbol: &str) -> fmt::Result {
    match f.precision() {
        Some(precision) => write!(f, "{value:.precision$} {symbol}"),
        None => write!(f, "{value} {symbol}"),
    }
}

macro_rules! quantity {
    (
        $(#[$meta:meta])*
        $name:ident, $unit:ident, $kind:ident, $base_doc:literal, $base:ident, $base_getter:ident;
        $( $variant:ident = $factor:expr, $symbol:literal, $ctor:ident, $vdoc:literal, [$($alias:literal),*]; )+
    ) => {
        #[doc = concat!("A unit of ", stringify!($kind), ": see [`", stringify!($name), "`].")]
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        pub enum $unit {
            $(
                #[doc = $vdoc]
                $variant,
            )+
        }

        impl $unit {
            /// Every unit, smallest first.
            pub const ALL: &'static [$unit] = &[$($unit::$variant),+];

            /// The canonical ASCII symbol, which `Display` writes.
            pub fn symbol(self) -> &'static str {
                match self {
                    $($unit::$variant => $symbol,)+
                }
            }

            #[doc = concat!("How many ", $base_doc, " one of this unit is.")]
            pub fn factor(self) -> f64 {
                match self {
                    $($unit::$variant => $factor,)+
                }
            }

            /// Every spelling `FromStr` accepts for this unit, the canonical symbol first.
            pub fn spellings(self) -> &'static [&'static str] {
                match self {
                    $($unit::$variant => &[$symbol $(, $alias)*],)+
                }
            }

            #[doc = concat!("How many decimal places show a value in this unit to `resolution`: the ",
                "smallest count `d` with 10^-d of this unit no larger than `resolution`, from 0 ",
                "(a resolution of one unit or coarser, or a resolution that is not a positive finite ",
                "amount) to 28 (the most a `Decimal` holds). A domain states the resolution it shows ",
                "its figures to once, and every unit follows: to 1 Mm³ (`Volume::from_mm3(1.0)`), ",
                "`km3` shows 3 places and `Mm3` none.")]
            pub fn decimals_for(self, resolution: $name) -> u32 {
                let resolution = resolution.$base_getter();
                if !(resolution.is_finite() && resolution > 0.0) {
                    return 0;
                }
                let ratio = self.factor() / resolution;
                if ratio <= 1.0 {
                    return 0;
                }
                // The factors are powers of ten (or exact multiples of them), so log10 lands on an
                // integer up to rounding in the last bit: the margin keeps 10³ at 3, not 4.
                let decimals = (ratio.log10() - 1e-9).ceil();
                // In 1..=28 by the checks around it, so the cast is exact.
                #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
                let decimals = decimals.clamp(0.0, 28.0) as u32;
                decimals
            }

            /// The unit spelled `text` exactly (case-sensitive), if it is one of this kind.
            fn from_spelling(text: &str) -> Option<Self> {
                Self::ALL.iter().copied().find(|u| u.spellings().contains(&text))
            }

            /// All accepted spellings of this kind, comma-separated.
            fn accepted() -> String {
                Self::ALL
                    .iter()
                    .flat_map(|u| u.spellings().iter().copied())
                    .collect::<Vec<_>>()
                    .join(", ")
            }
        }

        impl fmt::Display for $unit {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.symbol())
            }
        }

        impl FromStr for $unit {
            type Err = QuantityError;

            fn from_str(text: &str) -> Result<Self, Self::Err> {
                let unit = text.split_whitespace().collect::<Vec<_>>().join(" ");
                Self::from_spelling(&unit).ok_or_else(|| QuantityError::UnknownUnit {
                    text: text.to_owned(),
                    unit,
                    accepted: Self::accepted(),
                })
            }
        }

        $(#[$meta])*
        #[derive(Debug, Clone, Copy)]
        pub struct $name {
            value: f64,
            unit: $unit,
        }

        impl $name {
            #[doc = concat!("The ", stringify!($kind), " of `value` in `unit`. Any `f64` is accepted, ",
                "including negative values; see the module docs for non-finite values.")]
            pub const fn new(value: f64, unit: $unit) -> Self {
                Self { value, unit }
            }

            $(
                #[doc = concat!("The ", stringify!($kind), " of `value` ", $symbol, ".")]
                pub fn $ctor(value: f64) -> Self {
                    Self::new(value, $unit::$variant)
                }
            )+

            /// The number, in [`unit`](Self::unit).
            pub fn value(self) -> f64 {
                self.value
            }

            /// The unit the value is held in (and displayed in).
            pub fn unit(self) -> $unit {
                self.unit
            }

            /// The value converted to `unit`.
            pub fn value_in(self, unit: $unit) -> f64 {
                if unit == self.unit {
                    self.value
                } else {
                    self.value * self.unit.factor() / unit.factor()
                }
            }

            #[doc = concat!("The value in ", $base_doc, ", the SI base this quantity converts through.")]
            pub fn $base_getter(self) -> f64 {
                self.value_in($unit::$base)
            }

            /// The same amount, held in `unit`.
            #[must_use]
            pub fn to_unit(self, unit: $unit) -> Self {
                Self::new(self.value_in(unit), unit)
            }

            #[doc = concat!("The value in `unit` as a decimal, rounded to the places that show it to ",
                "`resolution` ([`", stringify!($unit), "::decimals_for`]) with [`rounded_decimal`]; ",
                "`None` when the value is not finite or beyond a `Decimal`.")]
            pub fn rounded_in(self, unit: $unit, resolution: $name) -> Option<Decimal> {
                rounded_decimal(self.value_in(unit), unit.decimals_for(resolution))
            }

            /// Whether the value is neither infinite nor NaN.
            pub fn is_finite(self) -> bool {
                self.value.is_finite()
            }

            /// The absolute amount, in the same unit.
            #[must_use]
            pub fn abs(self) -> Self {
                Self::new(self.value.abs(), self.unit)
            }
        }

        impl PartialEq for $name {
            fn eq(&self, other: &Self) -> bool {
                self.value_in($unit::$base) == other.value_in($unit::$base)
            }
        }

        impl PartialOrd for $name {
            fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
                self.value_in($unit::$base).partial_cmp(&other.value_in($unit::$base))
            }
        }

        impl Add for $name {
            type Output = Self;
            fn add(self, rhs: Self) -> Self {
                Self::new(self.value + rhs.value_in(self.unit), self.unit)
            }
        }

        impl Sub for $name {
            type Output = Self;
            fn sub(self, rhs: Self) -> Self {
                Self::new(self.value - rhs.value_in(self.unit), self.unit)
            }
        }

        impl AddAssign for $name {
            fn add_assign(&mut self, rhs: Self) {
                *self = *self + rhs;
            }
        }

        impl SubAssign for $name {
            fn sub_assign(&mut self, rhs: Self) {
                *self = *self - rhs;
            }
        }

        impl Neg for $name {
            type Output = Self;
            fn neg(self) -> Self {
                Self::new(-self.value, self.unit)
            }
        }

        impl Mul<f64> for $name {
            type Output = Self;
            fn mul(self, rhs: f64) -> Self {
                Self::new(self.value * rhs, self.unit)
            }
        }

        impl Mul<$name> for f64 {
            type Output = $name;
            fn mul(self, rhs: $name) -> $name {
                rhs * self
            }
        }

        impl Div<f64> for $name {
            type Output = Self;
            fn div(self, rhs: f64) -> Self {
                Self::new(self.value / rhs, self.unit)
            }
        }

        /// The ratio of two amounts of the same kind, a plain number.
        impl Div for $name {
            type Output = f64;
            fn div(self, rhs: Self) -> f64 {
                self.value / rhs.value_in(self.unit)
            }
        }

        impl std::iter::Sum for $name {
            fn sum<I: Iterator<Item = Self>>(iter: I) -> Self {
                iter.fold(Self::new(0.0, $unit::$base), Add::add)
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write_value(f, self.value, self.unit.symbol())
            }
        }

        impl FromStr for $name {
            type Err = QuantityError;

            fn from_str(text: &str) -> Result<Self, Self::Err> {
                match text.parse::<Quantity>()? {
                    Quantity::$kind(q) => Ok(q),
                    other => Err(QuantityError::WrongKind {
                        text: text.to_owned(),
                        expected: QuantityKind::$kind,
                        found: other.kind(),
                        accepted: $unit::accepted(),
                    }),
                }
            }
        }

        crate::text_serde::serde_as_text!($name);

        impl From<$name> for Quantity {
            fn from(q: $name) -> Self {
                Quantity::$kind(q)
            }
        }
    };
}

quantity! {
    /// A geometric volume, held in the unit it was given in and compared in cubic metres.
    ///
    /// Not a gas volume: gas volumes need reference conditions, which live in
    /// `dostyk-transit-gas` (see the module docs).
    Volume, VolumeUnit, Volume, "cubic metres", M3, m3;
    M3 = 1.0, "m3", from_m3, "Cubic metre, m³ (SI).", ["m³"];
    Tcm = 1e3, "tcm", from_tcm, "Thousand cubic metres, 10³ m³ (`1000m3` in gas statistics and CIS tariffs).", ["thousand m3", "th m3", "thousand m³", "1000m3"];
    Mm3 = 1e6, "Mm3", from_mm3, "Million cubic metres, 10⁶ m³ (also written mcm). The industry reading of `Mm3`: strict SI would make it a cubic megametre.", ["Mm³", "mcm", "million m3", "million m³"];
    Km3 = 1e9, "km3", from_km3, "Cubic kilometre, 10⁹ m³ (a billion cubic metres, bcm).", ["km³", "bcm"];
}

quantity! {
    /// A mass, held in the unit it was given in and compared in kilograms.
    Mass, MassUnit, Mass, "kilograms", Kg, kg;
    Kg = 1.0, "kg", from_kg, "Kilogram (SI).", [];
    T = 1e3, "t", from_t, "Tonne, 10³ kg.", [];
    Kt = 1e6, "kt", from_kt, "Thousand tonnes, 10⁶ kg.", [];
    Mt = 1e9, "Mt", from_mt, "Million tonnes, 10⁹ kg.", [];
}

quantity! {
    /// An amount of energy, held in the unit it was given in and compared in joules.
    ///
    /// The joule is the base because it is the SI unit and both families of energy units here
    /// (watt-hours and Btu) are defined from it exactly.
    Energy, EnergyUnit, Energy, "joules", J, joules;
    J = 1.0, "J", from_j, "Joule (SI).", [];
    Kwh = J_PER_KWH, "kWh", from_kwh, "Kilowatt-hour, 3.6 × 10⁶ J.", [];
    Gj = 1e9, "GJ", from_gj, "Gigajoule, 10⁹ J.", [];
    Mmbtu = J_PER_BTU_IT * 1e6, "MMBtu", from_mmbtu,
        "Million International Table British thermal units: 10⁶ × 1 055.055 852 62 J ≈ 1.055 056 GJ.", [];
    Mwh = J_PER_KWH * 1e3, "MWh", from_mwh, "Megawatt-hour, 3.6 × 10⁹ J.", [];
    Gwh = J_PER_KWH * 1e6, "GWh", from_gwh, "Gigawatt-hour, 3.6 × 10¹² J.", [];
    Twh = J_PER_KWH * 1e9, "TWh", from_twh, "Terawatt-hour, 3.6 × 10¹⁵ J.", [];
}

quantity! {
    /// A volumetric flow rate in cubic metres per second.
    FlowRate, FlowRateUnit, FlowRate, "cubic metres per second", M3PerS, m3_per_s;
    M3PerS = 1.0, "m3/s", from_m3_per_s, "Cubic metre per second, m³/s.", ["m³/s"];
}

quantity! {
    /// A length, held in the unit it was given in and compared in metres.
    Length, LengthUnit, Length, "metres", M, metres;
    M = 1.0, "m", from_m, "Metre (SI).", [];
    Km = 1e3, "km", from_km, "Kilometre, 10³ m.", [];
}

quantity! {
    /// A duration, held in the unit it was given in and compared in seconds.
    ///
    /// Not [`std::time::Duration`]: this one is an `f64`, may be negative or fractional, and
    /// exists to turn flow rates into volumes and back. A day is exactly 86 400 s (no leap
    /// seconds), as water and gas balances count it.
    Duration, DurationUnit, Duration, "seconds", S, seconds;
    S = 1.0, "s", from_s, "Second (SI).", [];
    H = S_PER_HOUR, "h", from_hours, "Hour, 3 600 s.", [];
    D = S_PER_DAY, "d", from_days, "Day, 86 400 s.", ["day", "days"];
}

impl Mul<Duration> for FlowRate {
    type Output = Volume;
    /// The volume that flows at this rate over `rhs`, in m³.
    fn mul(self, rhs: Duration) -> Volume {
        Volume::from_m3(self.m3_per_s() * rhs.seconds())
    }
}

impl Mul<FlowRate> for Duration {
    type Output = Volume;
    /// The volume that flows at `rhs` over this duration, in m³.
    fn mul(self, rhs: FlowRate) -> Volume {
        rhs * self
    }
}

impl Div<Duration> for Volume {
    type Output = FlowRate;
    /// The mean flow rate that delivers this volume over `rhs`.
    fn div(self, rhs: Duration) -> FlowRate {
        FlowRate::from_m3_per_s(self.m3() / rhs.seconds())
    }
}

impl Div<FlowRate> for Volume {
    type Output = Duration;
    /// How long `rhs` takes to deliver this volume, in seconds.
    fn div(self, rhs: FlowRate) -> Duration {
        Duration::from_s(self.m3() / rhs.m3_per_s())
    }
}

/// A quantity of any kind, as read from text whose unit decides the kind.
///
/// Use it when a file column may hold volumes or masses; use the typed `FromStr` of [`Volume`]
/// and friends when the kind is known. Serde writes the text form, as for the typed quantities.
///
/// ```
/// use dostyk_core_model::quantity::{Quantity, QuantityKind};
///
/// let q: Quantity = "12.5 MMBtu".parse()?;
/// assert_eq!(q.kind(), QuantityKind::Energy);
/// let err = "3 furlongs".parse::<Quantity>().unwrap_err().to_string();
/// assert!(err.contains("\"furlongs\" in \"3 furlongs\" is not a known unit"));
/// assert!(err.contains("km3"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
#[non_exhaustive]
pub enum Quantity {
    /// A volume.
    Volume(Volume),
    /// A mass.
    Mass(Mass),
    /// An energy.
    Energy(Energy),
    /// A flow rate.
    FlowRate(FlowRate),
    /// A length.
    Length(Length),
    /// A duration.
    Duration(Duration),
}

impl Quantity {
    /// The kind of this quantity.
    pub fn kind(&self) -> QuantityKind {
        match self {
            Quantity::Volume(_) => QuantityKind::Volume,
            Quantity::Mass(_) => QuantityKind::Mass,
            Quantity::Energy(_) => QuantityKind::Energy,
            Quantity::FlowRate(_) => QuantityKind::FlowRate,
            Quantity::Length(_) => QuantityKind::Length,
            Quantity::Duration(_) => QuantityKind::Duration,
        }
    }

    /// Every accepted unit spelling of every kind, comma-separated.
    pub fn accepted_units() -> String {
        [
            VolumeUnit::accepted(),
            MassUnit::accepted(),
            EnergyUnit::accepted(),
            FlowRateUnit::accepted(),
            LengthUnit::accepted(),
            DurationUnit::accepted(),
        ]
        .join(", ")
    }
}

impl fmt::Display for Quantity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Quantity::Volume(q) => fmt::Display::fmt(q, f),
            Quantity::Mass(q) => fmt::Display::fmt(q, f),
            Quantity::Energy(q) => fmt::Display::fmt(q, f),
            Quantity::FlowRate(q) => fmt::Display::fmt(q, f),
            Quantity::Length(q) => fmt::Display::fmt(q, f),
            Quantity::Duration(q) => fmt::Display::fmt(q, f),
        }
    }
}

impl FromStr for Quantity {
    type Err = QuantityError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let (value, unit) = split_text(text)?;
        let unit = unit.as_str();
        // The spellings of different kinds never overlap ("m" is a length, "m3" a volume), so
        // the first match is the only one.
        if let Some(u) = VolumeUnit::from_spelling(unit) {
            Ok(Quantity::Volume(Volume::new(value, u)))
        } else if let Some(u) = MassUnit::from_spelling(unit) {
            Ok(Quantity::Mass(Mass::new(value, u)))
        } else if let Some(u) = EnergyUnit::from_spelling(unit) {
            Ok(Quantity::Energy(Energy::new(value, u)))
        } else if let Some(u) = FlowRateUnit::from_spelling(unit) {
            Ok(Quantity::FlowRate(FlowRate::new(value, u)))
        } else if let Some(u) = LengthUnit::from_spelling(unit) {
            Ok(Quantity::Length(Length::new(value, u)))
        } else if let Some(u) = DurationUnit::from_spelling(unit) {
            Ok(Quantity::Duration(Duration::new(value, u)))
        } else {
            Err(QuantityError::UnknownUnit {
                text: text.to_owned(),
                unit: unit.to_owned(),
                accepted: Quantity::accepted_units(),
            })
        }
    }
}

crate::text_serde::serde_as_text!(Quantity);

#[cfg(feature = "proptest")]
mod arbitrary {
    use super::{
        Duration, DurationUnit, Energy, EnergyUnit, FlowRate, FlowRateUnit, Length, LengthUnit,
        Mass, MassUnit, Volume, VolumeUnit,
    };
    use proptest::prelude::*;

    macro_rules! arbitrary {
        ($name:ident, $unit:ident) => {
            impl Arbitrary for $unit {
                type Parameters = ();
                type Strategy = BoxedStrategy<$unit>;

                fn arbitrary_with((): ()) -> Self::Strategy {
                    proptest::sample::select($unit::ALL).boxed()
                }
            }

            impl Arbitrary for $name {
                type Parameters = ();
                type Strategy = BoxedStrategy<$name>;

                /// Finite values from -10¹² to 10¹² in any unit.
                fn arbitrary_with((): ()) -> Self::Strategy {
                    (-1e12f64..1e12, any::<$unit>())
                        .prop_map(|(value, unit)| $name::new(value, unit))
                        .boxed()
                }
            }
        };
    }

    arbitrary!(Volume, VolumeUnit);
    arbitrary!(Mass, MassUnit);
    arbitrary!(Energy, EnergyUnit);
    arbitrary!(FlowRate, FlowRateUnit);
    arbitrary!(Length, LengthUnit);
    arbitrary!(Duration, DurationUnit);
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn close(a: f64, b: f64, rel: f64) -> bool {
        (a - b).abs() <= rel * a.abs().max(b.abs())
    }

    #[test]
    fn a_cubic_metre_per_second_over_dekads() {
        let q = FlowRate::from_m3_per_s(1.0);
        // 86 400 s/day × 10 days = 864 000 m³ = 0.864 Mm³.
        let ten = q * Duration::from_days(10.0);
        assert_eq!(ten.m3(), 864_000.0);
        assert!(close(ten.value_in(VolumeUnit::Mm3), 0.864, 1e-15));
        // 86 400 × 11 = 950 400 m³ = 0.9504 Mm³, in either order.
        let eleven = Duration::from_days(11.0) * q;
        assert_eq!(eleven.m3(), 950_400.0);
        assert!(close(eleven.value_in(VolumeUnit::Mm3), 0.9504, 1e-15));
        assert_eq!(eleven.unit(), VolumeUnit::M3);
    }

    #[test]
    fn a_seasonal_limit_as_a_mean_flow() {
        // 922 × 10⁶ m³ / (183 × 86 400 s) = 922 000 000 / 15 811 200 = 58.3131...
        let mean = Volume::from_mm3(922.0) / Duration::from_days(183.0);
        assert!(close(mean.m3_per_s(), 922e6 / 15_811_200.0, 1e-15));
        assert!((mean.m3_per_s() - 58.3).abs() < 0.05);
        assert_eq!(format!("{mean:.1}"), "58.3 m3/s");
        // And back: the flow over the season returns the limit.
        let back = mean * Duration::from_days(183.0);
        assert!(close(back.value_in(VolumeUnit::Mm3), 922.0, 1e-15));
        let time = Volume::from_mm3(922.0) / mean;
        assert!(close(time.value_in(DurationUnit::D), 183.0, 1e-15));
    }

    #[test]
    fn hand_computed_conversions() {
        assert_eq!(Volume::from_km3(1.0).value_in(VolumeUnit::Mm3), 1000.0);
        assert_eq!(Volume::from_km3(1.0), Volume::from_mm3(1000.0));
        assert_eq!(Volume::from_tcm(1500.0).value_in(VolumeUnit::Mm3), 1.5);
        // 1 MMBtu = 1.05505585262e9 J / 3.6e9 J/MWh = 0.293 071 070 17 MWh.
        let mmbtu = Energy::from_mmbtu(1.0);
        assert!((mmbtu.value_in(EnergyUnit::Mwh) - 0.293_071).abs() < 5e-7);
        assert!(close(
            mmbtu.value_in(EnergyUnit::Mwh),
            0.293_071_070_172_222,
            1e-12
        ));
        assert!((mmbtu.value_in(EnergyUnit::Gj) - 1.055_056).abs() < 5e-7);
        assert_eq!(Energy::from_twh(1.0).value_in(EnergyUnit::Gwh), 1000.0);
        assert_eq!(Energy::from_kwh(1.0).joules(), 3.6e6);
        assert_eq!(Mass::from_mt(2.5).value_in(MassUnit::Kt), 2500.0);
        assert_eq!(Mass::from_t(1.0).kg(), 1000.0);
        assert_eq!(Length::from_km(1.2).metres(), 1200.0);
        assert_eq!(Duration::from_hours(48.0).value_in(DurationUnit::D), 2.0);
    }

    #[test]
    fn arithmetic_keeps_the_left_unit() {
        let a = Volume::from_km3(1.0) + Volume::from_mm3(500.0);
        assert_eq!(a.unit(), VolumeUnit::Km3);
        assert_eq!(a.value(), 1.5);
        let mut b = Mass::from_t(10.0);
        b -= Mass::from_kg(2500.0);
        assert_eq!(b, Mass::from_t(7.5));
        b += Mass::from_kt(0.001);
        assert_eq!(b.to_string(), "8.5 t");
        assert_eq!((2.0 * Length::from_km(3.0)).to_string(), "6 km");
        assert_eq!((Length::from_km(3.0) / 4.0).to_string(), "0.75 km");
        assert_eq!(Volume::from_km3(1.0) / Volume::from_mm3(250.0), 4.0);
        assert_eq!((-Energy::from_gwh(2.0)).abs(), Energy::from_gwh(2.0));
        let total: Volume = [Volume::from_mm3(1.0), Volume::from_tcm(500.0)]
            .into_iter()
            .sum();
        assert_eq!(total.m3(), 1_500_000.0);
        assert!(Volume::from_km3(1.0) > Volume::from_mm3(999.0));
        assert!(Volume::from_m3(-1.0) < Volume::from_m3(0.0));
        // IEEE behaviour, documented: a zero duration gives an infinite flow, not a panic.
        let infinite = Volume::from_m3(1.0) / Duration::from_s(0.0);
        assert!(!infinite.is_finite());
        assert!(
            (Volume::from_m3(0.0) / Duration::from_s(0.0))
                .m3_per_s()
                .is_nan()
        );
    }

    #[test]
    fn resolutions_give_places_per_unit() {
        let mcm = Volume::from_mm3(1.0);
        assert_eq!(VolumeUnit::Km3.decimals_for(mcm), 3);
        assert_eq!(VolumeUnit::Mm3.decimals_for(mcm), 0);
        assert_eq!(VolumeUnit::M3.decimals_for(mcm), 0);
        let tenth = Volume::from_mm3(0.1);
        assert_eq!(VolumeUnit::Km3.decimals_for(tenth), 4);
        assert_eq!(VolumeUnit::Mm3.decimals_for(tenth), 1);
        assert_eq!(VolumeUnit::Tcm.decimals_for(tenth), 0);
        // A resolution between powers of ten needs the next place: 0.25 Mm³ in km3 is 0.00025.
        assert_eq!(VolumeUnit::Km3.decimals_for(Volume::from_mm3(0.25)), 4);
        assert_eq!(MassUnit::Mt.decimals_for(Mass::from_kt(1.0)), 3);
        assert_eq!(EnergyUnit::Twh.decimals_for(Energy::from_gwh(1.0)), 3);
        for nonsense in [0.0, -1.0, f64::NAN, f64::INFINITY, f64::NEG_INFINITY] {
            assert_eq!(VolumeUnit::Km3.decimals_for(Volume::from_m3(nonsense)), 0);
        }
        // Finer than a Decimal can show: the 28 places it holds.
        assert_eq!(VolumeUnit::Km3.decimals_for(Volume::from_m3(1e-300)), 28);
    }

    #[test]
    fn rounding_for_display_is_half_to_even_on_the_exact_value() {
        let r = |v: f64, d: u32| rounded_decimal(v, d).map(|d| d.to_string());
        assert_eq!(r(0.922_000_000_1, 3).as_deref(), Some("0.922"));
        assert_eq!(r(2.5, 0).as_deref(), Some("2"));
        assert_eq!(r(3.5, 0).as_deref(), Some("4"));
        assert_eq!(r(-1.25, 1).as_deref(), Some("-1.2"));
        assert_eq!(r(1200.0, 2).as_deref(), Some("1200"));
        // 0.1 is stored as 0.1000000000000000055…, so its third-place rounding is plain 0.1.
        assert_eq!(r(0.1, 3).as_deref(), Some("0.1"));
        assert_eq!(r(f64::NAN, 3), None);
        assert_eq!(r(f64::INFINITY, 3), None);
        assert_eq!(r(1e29, 0), None);
        assert_eq!(r(1e308, 3), None);
        let total = Volume::from_m3(5.6e9);
        assert_eq!(
            total
                .rounded_in(VolumeUnit::Km3, Volume::from_mm3(1.0))
                .map(|d| d.to_string())
                .as_deref(),
            Some("5.6")
        );
        assert_eq!(
            Mass::from_t(13_049_600.0)
                .rounded_in(MassUnit::Mt, Mass::from_kt(1.0))
                .map(|d| d.to_string())
                .as_deref(),
            Some("13.05")
        );
    }

    #[test]
    fn every_spelling_parses() {
        let cases: &[(&str, Quantity)] = &[
            ("2 m3", Volume::from_m3(2.0).into()),
            ("2 m³", Volume::from_m3(2.0).into()),
            ("2 km3", Volume::from_km3(2.0).into()),
            ("2 km³", Volume::from_km3(2.0).into()),
            ("2 bcm", Volume::from_km3(2.0).into()),
            ("2 mcm", Volume::from_mm3(2.0).into()),
            ("2 Mm3", Volume::from_mm3(2.0).into()),
            ("2 million m3", Volume::from_mm3(2.0).into()),
            ("2  million   m3", Volume::from_mm3(2.0).into()),
            ("2 thousand m3", Volume::from_tcm(2.0).into()),
            ("2 th m3", Volume::from_tcm(2.0).into()),
            ("2 tcm", Volume::from_tcm(2.0).into()),
            ("2 kg", Mass::from_kg(2.0).into()),
            ("2 t", Mass::from_t(2.0).into()),
            ("2 kt", Mass::from_kt(2.0).into()),
            ("2 Mt", Mass::from_mt(2.0).into()),
            ("2 kWh", Energy::from_kwh(2.0).into()),
            ("2 MWh", Energy::from_mwh(2.0).into()),
            ("2 GWh", Energy::from_gwh(2.0).into()),
            ("2 TWh", Energy::from_twh(2.0).into()),
            ("2 GJ", Energy::from_gj(2.0).into()),
            ("2 MMBtu", Energy::from_mmbtu(2.0).into()),
            ("2 J", Energy::from_j(2.0).into()),
            ("2 m3/s", FlowRate::from_m3_per_s(2.0).into()),
            ("2 m³/s", FlowRate::from_m3_per_s(2.0).into()),
            ("2 km", Length::from_km(2.0).into()),
            ("2 m", Length::from_m(2.0).into()),
            ("2 s", Duration::from_s(2.0).into()),
            ("2 h", Duration::from_hours(2.0).into()),
            ("2 d", Duration::from_days(2.0).into()),
            ("2 day", Duration::from_days(2.0).into()),
            ("  2 days ", Duration::from_days(2.0).into()),
        ];
        for (text, expected) in cases {
            let parsed: Quantity = text.parse().unwrap();
            assert_eq!(parsed, *expected, "{text}");
            assert_eq!(parsed.to_string(), expected.to_string(), "{text}");
        }
        let volume: Volume = "0.922 km3".parse().unwrap();
        assert_eq!(volume.value(), 0.922);
        assert_eq!(volume.unit(), VolumeUnit::Km3);
        assert_eq!(volume.to_string(), "0.922 km3");
        assert_eq!("-1.5e3 m".parse::<Length>().unwrap().metres(), -1500.0);
        assert_eq!("mcm".parse::<VolumeUnit>().unwrap(), VolumeUnit::Mm3);
        // The spellings of gas statistics (national gas tables, CIS tariffs per 1000 m³).
        assert_eq!("1000m3".parse::<VolumeUnit>().unwrap(), VolumeUnit::Tcm);
        assert_eq!("1.5 1000m3".parse::<Volume>().unwrap().m3(), 1500.0);
        assert_eq!("bcm".parse::<VolumeUnit>().unwrap(), VolumeUnit::Km3);
        assert_eq!(VolumeUnit::Mm3.to_string(), "Mm3");
    }

    #[test]
    fn bad_text_is_refused_with_the_reason() {
        for bad in ["", "2", "km3", "2km3", " 2 ", "- km3"] {
            assert!(
                matches!(
                    bad.parse::<Quantity>(),
                    Err(QuantityError::Syntax { .. } | QuantityError::Number { .. })
                ),
                "{bad}"
            );
        }
        for bad in ["NaN m3", "inf m3", "-infinity kg"] {
            assert!(
                matches!(
                    bad.parse::<Quantity>(),
                    Err(QuantityError::NotFinite { .. })
                ),
                "{bad}"
            );
        }
        assert_eq!(
            "NaN m3".parse::<Volume>().unwrap_err().to_string(),
            "\"NaN m3\" is not a finite quantity: NaN and infinite values are refused"
        );
        assert_eq!(
            "1,5 m3".parse::<Volume>().unwrap_err().to_string(),
            "\"1,5\" in \"1,5 m3\" is not a number: write a decimal number such as 58.3 or 1.2e3"
        );
        // Case matters: mm3 would be cubic millimetres, which is not a unit here.
        let err = "3 mm3".parse::<Quantity>().unwrap_err().to_string();
        assert!(
            err.starts_with(
                "\"mm3\" in \"3 mm3\" is not a known unit: accepted units are m3, m³, tcm, "
            ),
            "{err}"
        );
        for unit in ["MMBtu", "m3/s", "days", "Mt", "km"] {
            assert!(err.contains(unit), "{unit} missing from {err}");
        }
        assert_eq!(
            "5 kg".parse::<Volume>().unwrap_err().to_string(),
            "\"5 kg\" measures mass, but volume was expected: accepted volume units are \
             m3, m³, tcm, thousand m3, th m3, thousand m³, 1000m3, Mm3, Mm³, mcm, million m3, \
             million m³, km3, km³, bcm"
        );
        assert!(matches!(
            "furlong".parse::<LengthUnit>(),
            Err(QuantityError::UnknownUnit { .. })
        ));
    }

    #[test]
    fn spellings_do_not_overlap_across_kinds() {
        let mut all: Vec<&str> = Vec::new();
        all.extend(VolumeUnit::ALL.iter().flat_map(|u| u.spellings()));
        all.extend(MassUnit::ALL.iter().flat_map(|u| u.spellings()));
        all.extend(EnergyUnit::ALL.iter().flat_map(|u| u.spellings()));
        all.extend(FlowRateUnit::ALL.iter().flat_map(|u| u.spellings()));
        all.extend(LengthUnit::ALL.iter().flat_map(|u| u.spellings()));
        all.extend(DurationUnit::ALL.iter().flat_map(|u| u.spellings()));
        let count = all.len();
        all.sort_unstable();
        all.dedup();
        assert_eq!(all.len(), count);
    }

    #[derive(Serialize, Deserialize, Debug, PartialEq)]
    struct Forms {
        volume: Volume,
        mass: Mass,
        energy: Energy,
        flow: FlowRate,
        length: Length,
        duration: Duration,
        any: Vec<Quantity>,
    }

    #[test]
    fn serde_uses_the_text_form() {
        let forms = Forms {
            volume: Volume::from_km3(0.922),
            mass: Mass::from_kt(12.5),
            energy: Energy::from_mmbtu(1.0),
            flow: Volume::from_mm3(922.0) / Duration::from_days(183.0),
            length: Length::from_km(1_830.0),
            duration: Duration::from_days(10.0),
            any: vec![
                Volume::from_mm3(0.864).into(),
                Energy::from_mwh(0.293_071).into(),
            ],
        };
        insta::assert_json_snapshot!(forms);
        let json = serde_json::to_string(&forms).unwrap();
        let back: Forms = serde_json::from_str(&json).unwrap();
        assert_eq!(back, forms);
        assert_eq!(back.flow.value(), forms.flow.value());
        assert!(serde_json::from_str::<Volume>(r#""1 kg""#).is_err());
        assert!(serde_json::from_str::<Volume>(r#""NaN km3""#).is_err());
    }

    fn volume_units() -> impl Strategy<Value = VolumeUnit> {
        proptest::sample::select(VolumeUnit::ALL)
    }
    fn mass_units() -> impl Strategy<Value = MassUnit> {
        proptest::sample::select(MassUnit::ALL)
    }
    fn energy_units() -> impl Strategy<Value = EnergyUnit> {
        proptest::sample::select(EnergyUnit::ALL)
    }
    fn length_units() -> impl Strategy<Value = LengthUnit> {
        proptest::sample::select(LengthUnit::ALL)
    }
    fn duration_units() -> impl Strategy<Value = DurationUnit> {
        proptest::sample::select(DurationUnit::ALL)
    }

    fn any_value() -> impl Strategy<Value = f64> {
        prop_oneof![
            -1e15f64..1e15,
            -1.0f64..1.0,
            // Any normal magnitude that stays normal after a factor of 10¹⁵ either way.
            any::<f64>().prop_filter("normal, away from the limits", |v| {
                *v == 0.0 || (1e-280..1e280).contains(&v.abs())
            }),
        ]
    }

    /// Converting `value` in `from` to every unit and back returns it within 1e-12 relative.
    macro_rules! check_round_trip {
        ($name:ident, $unit:ident, $value:expr, $from:expr) => {{
            let q = $name::new($value, $from);
            for &to in $unit::ALL {
                let there = q.to_unit(to);
                let back = there.value_in($from);
                prop_assert!(close(back, $value, 1e-12), "{} -> {} -> {}", q, there, back);
                prop_assert!(close(there.value(), q.value_in(to), 0.0));
            }
        }};
    }

    proptest! {
        #[test]
        fn unit_round_trips(
            value in any_value(),
            v in volume_units(),
            m in mass_units(),
            e in energy_units(),
            l in length_units(),
            d in duration_units(),
        ) {
            check_round_trip!(Volume, VolumeUnit, value, v);
            check_round_trip!(Mass, MassUnit, value, m);
            check_round_trip!(Energy, EnergyUnit, value, e);
            check_round_trip!(FlowRate, FlowRateUnit, value, FlowRateUnit::M3PerS);
            check_round_trip!(Length, LengthUnit, value, l);
            check_round_trip!(Duration, DurationUnit, value, d);
        }

        #[test]
        fn display_parse_round_trip(value in any_value(), v in volume_units(), e in energy_units(), d in duration_units()) {
            let volume = Volume::new(value, v);
            let back: Volume = volume.to_string().parse().unwrap();
            prop_assert_eq!(back.value().to_bits(), value.to_bits());
            prop_assert_eq!(back.unit(), v);
            let energy = Energy::new(value, e);
            let any: Quantity = energy.to_string().parse().unwrap();
            prop_assert_eq!(any, Quantity::Energy(energy));
            prop_assert_eq!(any.to_string(), energy.to_string());
            let duration = Duration::new(value, d);
            let json = serde_json::to_string(&duration).unwrap();
            let back: Duration = serde_json::from_str(&json).unwrap();
            prop_assert_eq!(back.value().to_bits(), value.to_bits());
            prop_assert_eq!(back.unit(), d);
        }

        #[test]
        fn rounding_never_panics(
            value in prop_oneof![any::<f64>(), Just(1e308), Just(-1e308), Just(0.0), Just(7.9e28)],
            resolution in prop_oneof![any::<f64>(), Just(1e-308), Just(0.0), Just(-1.0)],
            u in volume_units(),
            w in volume_units(),
        ) {
            let decimals = u.decimals_for(Volume::new(resolution, w));
            prop_assert!(decimals <= 28);
            let shown = Volume::new(value, w).rounded_in(u, Volume::new(resolution, w));
            if let Some(d) = shown {
                prop_assert!(d.scale() <= decimals);
            }
        }

        #[test]
        fn parser_never_panics(text in "\\PC{0,24}") {
            let _ = text.parse::<Quantity>();
            let _ = text.parse::<Volume>();
            let _ = text.parse::<FlowRate>();
            let _ = text.parse::<EnergyUnit>();
        }

        #[test]
        fn parser_never_panics_on_near_misses(
            number in "[-+0-9.eEinfNa]{0,8}",
            space in "[ \t]{0,2}",
            unit in "[a-zA-Z³/ ]{0,10}",
        ) {
            let text = format!("{number}{space}{unit}");
            if let Ok(q) = text.parse::<Quantity>() {
                let again: Quantity = q.to_string().parse().unwrap();
                prop_assert_eq!(again.to_string(), q.to_string());
            }
        }

        #[test]
        fn flow_times_duration_inverts_division(
            m3 in 1.0f64..1e12,
            days in 1.0f64..400.0,
        ) {
            let volume = Volume::from_m3(m3);
            let duration = Duration::from_days(days);
            let flow = volume / duration;
            prop_assert!(close((flow * duration).m3(), m3, 1e-14));
            prop_assert!(close((duration * flow).m3(), m3, 1e-14));
            prop_assert!(close((volume / flow).seconds(), duration.seconds(), 1e-14));
        }

        #[test]
        fn addition_and_order_agree(
            a in -1e12f64..1e12,
            b in 0.0f64..1e12,
            u in volume_units(),
            w in volume_units(),
        ) {
            let x = Volume::new(a, u);
            let y = Volume::new(b, w);
            // Each side is a few roundings away from the exact sum: allow 1e-12 of the largest term.
            let tolerance = 1e-12 * x.m3().abs().max(y.m3().abs());
            let sum = x + y;
            prop_assert_eq!(sum.unit(), u);
            prop_assert!((sum.m3() - (x.m3() + y.m3())).abs() <= tolerance);
            prop_assert!(sum.m3() >= x.m3() - tolerance);
            prop_assert!(((sum - y).m3() - x.m3()).abs() <= 2.0 * tolerance);
        }
    }
}
