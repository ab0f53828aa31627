//! One trade flow: who reports it, with whom, which way, when, what goods, how much.
//!
//! [`TradeFlow`] is the record every reader produces. Values are US dollars as
//! [`rust_decimal::Decimal`], never floating point; weights and quantities are physical
//! amounts and carry their unit in the field name or the type.

use std::fmt;
use std::path::Path;
use std::str::FromStr;
use std::sync::Arc;

use dostyk_core_model::period::Period;
use dostyk_core_model::provenance::SourceId;
use dostyk_core_model::read::Location;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::area::M49Area;

/// The direction of a flow as UN Comtrade codes it.
///
/// `M`, `X`, `RM`, `RX` and the legacy numeric codes 1–4 map to the four named variants. The
/// other codes of the Comtrade flow table (`DX`, `FM`, `MIP`, `MOP`, `XIP`, `XOP`) are kept as
/// [`FlowCode::Other`] so a caller can see them; turnover never adds them, because they are
/// parts of the imports and exports totals.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FlowCode {
    /// `M` (legacy `1`): imports, valued CIF.
    Import,
    /// `X` (legacy `2`): exports, valued FOB.
    Export,
    /// `RX` (legacy `3`): re-exports, a part of exports.
    ReExport,
    /// `RM` (legacy `4`): re-imports, a part of imports.
    ReImport,
    /// Another code from the Comtrade flow table, kept as written (upper case).
    Other(String),
}

/// The Comtrade flow codes that are neither `M`, `X`, `RM` nor `RX`.
pub const OTHER_FLOW_CODES: [&str; 6] = ["DX", "FM", "MIP", "MOP", "XIP", "XOP"];

impl FlowCode {
    /// Parses a flow code (case-insensitive, surrounding blanks ignored); `None` when the code
    /// is in no Comtrade flow table.
    pub fn parse(text: &str) -> Option<Self> {
        let t = text.trim();
        let is = |code: &str| t.eq_ignore_ascii_case(code);
        Some(if is("M") || t == "1" {
            FlowCode::Import
        } else if is("X") || t == "2" {
            FlowCode::Export
        } else if is("RX") || t == "3" {
            FlowCode::ReExport
        } else if is("RM") || t == "4" {
            FlowCode::ReImport
        } else {
            let other = OTHER_FLOW_CODES.iter().find(|c| is(c))?;
            FlowCode::Other((*other).to_owned())
        })
    }

    /// The current Comtrade code (`M`, `X`, `RX`, `RM`, or the kept code).
    pub fn code(&self) -> &str {
        match self {
            FlowCode::Import => "M",
            FlowCode::Export => "X",
            FlowCode::ReExport => "RX",
            FlowCode::ReImport => "RM",
            FlowCode::Other(code) => code,
        }
    }
}

impl fmt::Display for FlowCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// The edition of the Harmonized System a code is reported in (Comtrade `H0` … `H6`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum HsEdition {
    /// `H0`: HS 1992.
    Hs1992,
    /// `H1`: HS 1996.
    Hs1996,
    /// `H2`: HS 2002.
    Hs2002,
    /// `H3`: HS 2007.
    Hs2007,
    /// `H4`: HS 2012.
    Hs2012,
    /// `H5`: HS 2017.
    Hs2017,
    /// `H6`: HS 2022.
    Hs2022,
}

impl HsEdition {
    /// The edition of a Comtrade classification code (`H0` … `H6`, any case); `None` for other
    /// classifications (`HS` for "all editions", SITC `S1`…, services `EB`…).
    pub fn from_classification(code: &str) -> Option<Self> {
        let b = code.trim().as_bytes();
        if b.len() != 2 || !b[0].eq_ignore_ascii_case(&b'H') {
            return None;
        }
        Some(match b[1] {
            b'0' => HsEdition::Hs1992,
            b'1' => HsEdition::Hs1996,
            b'2' => HsEdition::Hs2002,
            b'3' => HsEdition::Hs2007,
            b'4' => HsEdition::Hs2012,
            b'5' => HsEdition::Hs2017,
            b'6' => HsEdition::Hs2022,
            _ => return None,
        })
    }

    /// The Comtrade classification code (`H0` … `H6`).
    pub fn code(&self) -> &'static str {
        match self {
            HsEdition::Hs1992 => "H0",
            HsEdition::Hs1996 => "H1",
            HsEdition::Hs2002 => "H2",
            HsEdition::Hs2007 => "H3",
            HsEdition::Hs2012 => "H4",
            HsEdition::Hs2017 => "H5",
            HsEdition::Hs2022 => "H6",
        }
    }
}

/// An HS code of 2, 4 or 6 digits (leading zeros are significant: `01` is live animals).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct HsCode {
    value: u32,
    digits: u8,
}

impl HsCode {
    /// Parses 2, 4 or 6 ASCII digits.
    pub fn parse(text: &str) -> Option<Self> {
        let t = text.trim();
        if !matches!(t.len(), 2 | 4 | 6) || !t.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let value = t
            .bytes()
            .fold(0u32, |acc, b| acc * 10 + u32::from(b - b'0'));
        Some(HsCode {
            value,
            digits: t.len() as u8,
        })
    }

    /// The number of digits: 2 (chapter), 4 (heading) or 6 (subheading).
    pub fn digits(&self) -> u8 {
        self.digits
    }

    /// The code as a number (`1001` for heading 1001, `1` for chapter 01).
    pub fn value(&self) -> u32 {
        self.value
    }

    /// The HS chapter number (0–99) the code belongs to; `00` is no chapter.
    pub fn chapter(&self) -> u8 {
        (self.value / 10u32.pow(u32::from(self.digits) - 2)) as u8
    }

    /// The chapter in the nomenclature tables, `None` for `00`.
    pub fn hs_chapter(&self) -> Option<crate::hs::HsChapter> {
        crate::hs::HsChapter::new(u32::from(self.chapter())).ok()
    }

    /// The HS section of the code, `None` for chapters outside every section (98, 99).
    pub fn section(&self) -> Option<crate::hs::HsSection> {
        self.hs_chapter().and_then(crate::hs::HsChapter::section)
    }

    /// Whether the code lies in the agri-food lens (HS chapters 01–24, [`crate::hs::is_agri_food`]).
    pub fn is_agri_food(&self) -> bool {
        self.hs_chapter().is_some_and(crate::hs::is_agri_food)
    }
}

impl fmt::Display for HsCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{:0width$}",
            self.value,
            width = usize::from(self.digits)
        )
    }
}

impl FromStr for HsCode {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        HsCode::parse(s).ok_or_else(|| format!("\"{s}\" is not an HS code of 2, 4 or 6 digits"))
    }
}

impl Serialize for HsCode {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for HsCode {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

/// The aggregation level of a commodity, coarsest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    /// `TOTAL`: all commodities.
    Total,
    /// HS chapters (2 digits).
    Hs2,
    /// HS headings (4 digits).
    Hs4,
    /// HS subheadings (6 digits).
    Hs6,
}

impl fmt::Display for Level {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Level::Total => "TOTAL",
            Level::Hs2 => "HS2",
            Level::Hs4 => "HS4",
            Level::Hs6 => "HS6",
        })
    }
}

/// What goods a flow covers.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Commodity {
    /// All commodities (`TOTAL`).
    Total,
    /// One HS code, with the edition it is reported in when the file says.
    Hs {
        /// The code.
        code: HsCode,
        /// The HS edition (`None` when the file gives no `H0`…`H6` classification).
        edition: Option<HsEdition>,
    },
    /// A code of another classification (SITC, services), kept as written; never added to
    /// HS totals.
    Other {
        /// The code.
        code: String,
        /// The classification code of the row (`S3`, `EB02`…), empty when not given.
        classification: String,
    },
}

impl Commodity {
    /// The aggregation level for `TOTAL` and HS codes; `None` for other classifications.
    pub fn level(&self) -> Option<Level> {
        match self {
            Commodity::Total => Some(Level::Total),
            Commodity::Hs { code, .. } => Some(match code.digits() {
                2 => Level::Hs2,
                4 => Level::Hs4,
                _ => Level::Hs6,
            }),
            Commodity::Other { .. } => None,
        }
    }

    /// The HS code, for HS commodities.
    pub fn hs(&self) -> Option<HsCode> {
        match self {
            Commodity::Hs { code, .. } => Some(*code),
            _ => None,
        }
    }
}

impl fmt::Display for Commodity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Commodity::Total => f.write_str("TOTAL"),
            Commodity::Hs { code, .. } => code.fmt(f),
            Commodity::Other { code, .. } => f.write_str(code),
        }
    }
}

/// A quantity in the unit Comtrade reports for the commodity.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TradeQuantity {
    /// The amount.
    pub amount: f64,
    /// The Comtrade quantity unit code (`8` = kg, `5` = items, `12` = m³; `-1` = not available).
    pub unit_code: i32,
    /// The unit abbreviation when the file gives it (`kg`, `u`, `m³`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
}

/// The breakdown dimensions of a Comtrade row; totals are `partner2 = 0` (World),
/// `mode_of_transport = 0` (TOTAL MOT) and `customs_procedure = 0` (`C00`, TOTAL CPC).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Breakdown {
    /// Second partner (M49 code; 0 = World).
    pub partner2: u16,
    /// Mode of transport code (0 = all modes; 9110 = pipelines).
    pub mode_of_transport: u16,
    /// Customs procedure number `nn` of the code `Cnn` (0 = `C00`, all procedures).
    pub customs_procedure: u8,
}

impl Breakdown {
    /// Whether the row is the total over every breakdown dimension.
    pub fn is_total(&self) -> bool {
        self.partner2 == 0 && self.mode_of_transport == 0 && self.customs_procedure == 0
    }
}

/// Where a record was read: the source id, and the file and line.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct RowOrigin {
    /// The source the file stands for.
    pub source: Arc<SourceId>,
    /// The file, as given to the reader.
    pub file: Arc<Path>,
    /// 1-based line of the row.
    pub line: u64,
}

impl RowOrigin {
    /// The place of the row, as every error names a place: the file and the line.
    pub fn location(&self) -> Location {
        Location::file(&*self.file).line(self.line)
    }
}

/// Writes the place as [`Location`] does: `file.csv, line 4`.
impl fmt::Display for RowOrigin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.location().fmt(f)
    }
}

/// The largest trade value, in US dollars, a reader accepts in one cell: 10^15 (one
/// quadrillion), about forty times world merchandise trade in a year. A larger figure is a unit
/// or typing error; refusing it also keeps every sum of a file's values far from the range of
/// [`Decimal`] (about 7.9 × 10^28), so adding them up cannot overflow.
pub const MAX_VALUE_USD: Decimal = Decimal::from_parts(2_764_472_320, 232_830, 0, false, 0);

/// One declared trade flow.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TradeFlow {
    /// The declaring country.
    pub reporter: M49Area,
    /// The partner: a country or an aggregate such as World.
    pub partner: M49Area,
    /// The direction.
    pub flow: FlowCode,
    /// A year or a month.
    pub period: Period,
    /// `TOTAL` or an HS code with its edition.
    pub commodity: Commodity,
    /// The value in US dollars: CIF for imports, FOB for exports (Comtrade `primaryValue`).
    pub value_usd: Decimal,
    /// The CIF value when given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cif_usd: Option<Decimal>,
    /// The FOB value when given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fob_usd: Option<Decimal>,
    /// Net weight in kilograms when given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub net_weight_kg: Option<f64>,
    /// Quantity with its unit when given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quantity: Option<TradeQuantity>,
    /// Second partner, mode of transport and customs procedure (all zero for totals).
    pub breakdown: Breakdown,
    /// Where the row was read.
    pub origin: RowOrigin,
}

#[cfg(test)]
mod tests {
    #[test]
    fn max_value_is_one_quadrillion() {
        assert_eq!(
            super::MAX_VALUE_USD,
            rust_decimal_macros::dec!(1_000_000_000_000_000)
        );
    }

    use super::*;

    #[test]
    fn flow_codes_map_current_and_legacy_forms() {
        assert_eq!(FlowCode::parse("m"), Some(FlowCode::Import));
        assert_eq!(FlowCode::parse("2"), Some(FlowCode::Export));
        assert_eq!(FlowCode::parse("RX"), Some(FlowCode::ReExport));
        assert_eq!(FlowCode::parse("4"), Some(FlowCode::ReImport));
        assert_eq!(FlowCode::parse("dx"), Some(FlowCode::Other("DX".into())));
        assert_eq!(FlowCode::parse("Q"), None);
        assert_eq!(FlowCode::parse("5"), None);
    }

    #[test]
    fn hs_codes_keep_leading_zeros_and_chapters() {
        let c = HsCode::parse("010121").unwrap();
        assert_eq!(c.to_string(), "010121");
        assert_eq!(c.chapter(), 1);
        assert!(c.is_agri_food());
        let gas = HsCode::parse("271121").unwrap();
        assert_eq!(gas.chapter(), 27);
        assert!(!gas.is_agri_food());
        assert_eq!(HsCode::parse("24").unwrap().chapter(), 24);
        assert!(HsCode::parse("123").is_none());
        assert!(HsCode::parse("12a4").is_none());
        assert!(HsCode::parse("").is_none());
    }

    #[test]
    fn levels_order_coarse_to_fine() {
        assert!(Level::Total < Level::Hs2 && Level::Hs2 < Level::Hs4 && Level::Hs4 < Level::Hs6);
        let c = Commodity::Hs {
            code: HsCode::parse("1001").unwrap(),
            edition: HsEdition::from_classification("h6"),
        };
        assert_eq!(c.level(), Some(Level::Hs4));
        assert_eq!(Commodity::Total.level(), Some(Level::Total));
    }
}
