//! Indicators, baselines, targets and the history of a target's restatements.
//!
//! The chain follows the IATI results standard (version 2.03, `result/indicator`): an indicator
//! has a measure type and an `ascending` flag (larger is better), a baseline with its year and
//! value, and targets and actuals by period. Unlike an IATI file, which holds one current target,
//! a [`TargetHistory`] keeps every published restatement of a target with its date, issuer and
//! horizon, because the KZ–UZ trade goal has been restated many times ($5bn by 2020, $10bn within
//! five years, $10bn in the medium term, $10bn by 2030).

use std::fmt;
use std::str::FromStr;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::agenda::{AgendaError, Area, EventDate, Horizon};
use crate::id::stable_id;
use crate::money::Currency;
use crate::provenance::SourceId;

/// The unit an indicator is counted in.
///
/// Text (and serde) forms: an ISO 4217 code for money (`USD`; values are then amounts in that
/// currency, usually in the scale the indicator's name states, e.g. "billion USD"), `bcm`
/// (billion cubic metres, gas and water), `Mt` and `kt` (million and thousand tonnes), `%`,
/// `count` (projects, jobs, measures), and any other text for units the list does not know yet.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Unit {
    /// Money in a currency.
    Money(Currency),
    /// Billion cubic metres.
    Bcm,
    /// Million tonnes.
    Mt,
    /// Thousand tonnes.
    Kt,
    /// Percent.
    Percent,
    /// A count of things.
    Count,
    /// Another unit, as text.
    Other(String),
}

impl fmt::Display for Unit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Unit::Money(c) => fmt::Display::fmt(c, f),
            Unit::Bcm => f.write_str("bcm"),
            Unit::Mt => f.write_str("Mt"),
            Unit::Kt => f.write_str("kt"),
            Unit::Percent => f.write_str("%"),
            Unit::Count => f.write_str("count"),
            Unit::Other(text) => f.write_str(text),
        }
    }
}

impl Unit {
    /// Whether the unit measures an amount that cannot be below zero: money, bcm, Mt, kt and
    /// counts (a turnover, a volume of gas, a tonnage). Percentages (a growth rate can be
    /// negative) and other units are not.
    pub fn is_quantity(&self) -> bool {
        matches!(
            self,
            Unit::Money(_) | Unit::Bcm | Unit::Mt | Unit::Kt | Unit::Count
        )
    }
}

impl FromStr for Unit {
    type Err = AgendaError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let s = text.trim();
        Ok(match s {
            "" => return Err(AgendaError::EmptyUnit),
            "bcm" => Unit::Bcm,
            "Mt" => Unit::Mt,
            "kt" => Unit::Kt,
            "%" => Unit::Percent,
            "count" => Unit::Count,
            _ if s.len() == 3 && s.bytes().all(|b| b.is_ascii_uppercase()) => {
                Currency::from_code(s).map_or_else(|_| Unit::Other(s.to_owned()), Unit::Money)
            }
            _ => Unit::Other(s.to_owned()),
        })
    }
}

crate::text_serde::serde_as_text!(Unit);

/// The IATI `IndicatorMeasure` codelist: how an indicator's values are read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum IndicatorMeasure {
    /// 1 Unit: a quantity.
    Unit,
    /// 2 Percentage.
    Percentage,
    /// 3 Nominal: a category.
    Nominal,
    /// 4 Ordinal: a rank.
    Ordinal,
    /// 5 Qualitative: described in words, no value.
    Qualitative,
}

impl IndicatorMeasure {
    /// The IATI code (1–5).
    pub fn iati_code(&self) -> u8 {
        match self {
            IndicatorMeasure::Unit => 1,
            IndicatorMeasure::Percentage => 2,
            IndicatorMeasure::Nominal => 3,
            IndicatorMeasure::Ordinal => 4,
            IndicatorMeasure::Qualitative => 5,
        }
    }
}

/// Something measured against a target ("KZ–UZ trade turnover").
///
/// Natural key: the name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Indicator {
    /// Stable id from the name (see [`Indicator::natural_id`]).
    pub id: Uuid,
    /// The name, with its scale ("KZ-UZ trade turnover, billion USD").
    pub name: String,
    /// The agenda area.
    pub area: Area,
    /// The unit of its values.
    pub unit: Unit,
    /// How values are read (IATI `@measure`).
    pub measure: IndicatorMeasure,
    /// IATI `@ascending`: `true` when larger values are better (trade), `false` when smaller are
    /// better (border waiting time). The RAG rule uses it.
    pub ascending: bool,
    /// What the values are and whether they add up over periods (IATI asks the description to
    /// say whether values are cumulative).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
}

impl Indicator {
    /// The id of the indicator named `name`.
    pub fn natural_id(name: &str) -> Uuid {
        stable_id("indicator", &[name])
    }

    /// A quantitative, ascending indicator with its id computed from the name.
    pub fn new(name: impl Into<String>, area: Area, unit: Unit) -> Self {
        let name = name.into();
        Self {
            id: Self::natural_id(&name),
            name,
            area,
            unit,
            measure: IndicatorMeasure::Unit,
            ascending: true,
            description: String::new(),
        }
    }
}

/// The value an indicator starts from (IATI `baseline`: the year is required).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Baseline {
    /// The year of the baseline.
    pub year: i32,
    /// The value, in the indicator's unit.
    pub value: Decimal,
    /// Where the value comes from.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<SourceId>,
}

/// One published statement of a target: value, horizon, who said it and when.
///
/// A target has no id of its own: it is identified by its indicator, date and issuer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Target {
    /// The indicator the target is for.
    pub indicator: Uuid,
    /// When it was stated (a month or year only when the source gives no day).
    pub stated: EventDate,
    /// Who stated it (office holder or body, as published).
    pub issuer: String,
    /// The baseline it starts from, if the statement gives or implies one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub baseline: Option<Baseline>,
    /// The target value, in the indicator's unit.
    pub value: Decimal,
    /// By when.
    pub horizon: Horizon,
    /// The claims-ledger statement that set it, if it is also recorded there.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub statement: Option<Uuid>,
    /// The wording or context, as published.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub wording: String,
    /// The sources.
    pub sources: Vec<SourceId>,
}

/// Every published restatement of one target, in the order they are added.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TargetHistory {
    /// The indicator.
    pub indicator: Uuid,
    /// The restatements.
    pub restatements: Vec<Target>,
}

impl TargetHistory {
    /// An empty history for `indicator`.
    pub fn new(indicator: Uuid) -> Self {
        Self {
            indicator,
            restatements: Vec::new(),
        }
    }

    /// The restatement in force on `as_of`: the latest one stated on or before it.
    ///
    /// A statement dated only by month or year counts from the **last** day it can mean
    /// ([`EventDate::latest`]), so a target is never taken to be in force before it can be shown
    /// to have been stated. Of two statements with the same date, the one added later wins.
    pub fn in_force(&self, as_of: NaiveDate) -> Option<&Target> {
        self.restatements
            .iter()
            .enumerate()
            .filter(|(_, t)| t.stated.latest() <= as_of)
            .max_by_key(|(i, t)| (t.stated.latest(), *i))
            .map(|(_, t)| t)
    }

    /// The restatements in the order they were stated (stable for equal dates).
    pub fn chronological(&self) -> Vec<&Target> {
        let mut all: Vec<&Target> = self.restatements.iter().collect();
        all.sort_by_key(|t| t.stated.latest());
        all
    }

    /// The restatements that changed the value or the horizon of the one before them, in
    /// chronological order; the first restatement always counts as a change.
    pub fn changes(&self) -> Vec<&Target> {
        let mut out: Vec<&Target> = Vec::new();
        for t in self.chronological() {
            let changed = out
                .last()
                .is_none_or(|prev| prev.value != t.value || prev.horizon != t.horizon);
            if changed {
                out.push(t);
            }
        }
        out
    }
}

/// The indicator keys of the bundled Kazakhstan–Uzbekistan dataset (`data/kz-uz/agenda.toml`),
/// for looking indicators and targets up by name instead of by string literal, e.g. with
/// [`Agenda::target_in_force`](crate::agenda::file::Agenda::target_in_force). A test checks that
/// every key here is an indicator of the bundled dataset.
pub mod keys {
    /// Bilateral trade turnover in US dollars (the $10 bn target).
    pub const TRADE_TURNOVER: &str = "kz-uz-trade-turnover";
    /// Kazakhstan's goods exports to Uzbekistan, US dollars.
    pub const GOODS_KZ_TO_UZ: &str = "kz-uz-goods-kz-to-uz";
    /// Uzbekistan's goods exports to Kazakhstan, US dollars.
    pub const GOODS_UZ_TO_KZ: &str = "kz-uz-goods-uz-to-kz";
    /// The number of joint industrial projects.
    pub const JOINT_PROJECTS_COUNT: &str = "joint-projects-count";
    /// The value of the joint industrial projects, US dollars.
    pub const JOINT_PROJECTS_VALUE: &str = "joint-projects-value";
    /// Jobs created by the joint projects.
    pub const JOINT_PROJECTS_JOBS: &str = "joint-projects-jobs";
    /// Russian gas to Uzbekistan through Kazakhstan, bcm a year.
    pub const GAS_RU_UZ_VIA_KZ: &str = "gas-ru-uz-via-kz";
    /// Rail freight between Kazakhstan and Uzbekistan, Mt a year.
    pub const RAIL_FREIGHT_KZ_UZ: &str = "rail-freight-kz-uz";
    /// Kazakhstan–Uzbekistan agricultural trade, US dollars.
    pub const AGRICULTURAL_TRADE: &str = "kz-uz-agricultural-trade";
    /// Uzbekistan's food imports from Kazakhstan.
    pub const UZ_FOOD_IMPORTS_FROM_KZ: &str = "uz-food-imports-from-kz";
    /// Kazakhstan's grain exports to Uzbekistan.
    pub const KZ_TO_UZ_GRAIN: &str = "kz-to-uz-grain";

    /// Every key above.
    pub const ALL: [&str; 11] = [
        TRADE_TURNOVER,
        GOODS_KZ_TO_UZ,
        GOODS_UZ_TO_KZ,
        JOINT_PROJECTS_COUNT,
        JOINT_PROJECTS_VALUE,
        JOINT_PROJECTS_JOBS,
        GAS_RU_UZ_VIA_KZ,
        RAIL_FREIGHT_KZ_UZ,
        AGRICULTURAL_TRADE,
        UZ_FOOD_IMPORTS_FROM_KZ,
        KZ_TO_UZ_GRAIN,
    ];
}

#[cfg(test)]
mod tests {
    use rust_decimal_macros::dec;

    use super::*;

    fn src(id: &str) -> SourceId {
        SourceId::new(id).unwrap()
    }

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    pub(super) fn turnover() -> Indicator {
        let usd = Currency::from_code("USD").unwrap();
        let mut i = Indicator::new(
            "KZ-UZ trade turnover, billion USD",
            Area::Trade,
            Unit::Money(usd),
        );
        i.description =
            "Annual value of goods traded between the two countries; not cumulative.".into();
        i
    }

    fn target(
        ind: &Indicator,
        stated: &str,
        issuer: &str,
        value: Decimal,
        horizon: Horizon,
        source: &str,
    ) -> Target {
        Target {
            indicator: ind.id,
            stated: stated.parse().unwrap(),
            issuer: issuer.into(),
            baseline: None,
            value,
            horizon,
            statement: None,
            wording: String::new(),
            sources: vec![src(source)],
        }
    }

    /// Restatements of the trade target from agenda.md section 2.
    fn trade_target_history() -> TargetHistory {
        let ind = turnover();
        let mut h = TargetHistory::new(ind.id);
        h.restatements.push(target(
            &ind,
            "2018-08-31",
            "Presidents Nazarbayev and Mirziyoyev",
            dec!(5),
            Horizon::ByYear { year: 2020 },
            "azernews-136951",
        ));
        let mut five_years = target(
            &ind,
            "2021-11-26",
            "PMs Mamin and Aripov (3rd Interregional Forum)",
            dec!(10),
            Horizon::Worded {
                text: "in the next five years".into(),
                implied_year: Some(2026),
            },
            "inform-kz-a3867452",
        );
        five_years.wording = "$5bn in 2022 and $10bn in the next five years".into();
        h.restatements.push(five_years);
        h.restatements.push(target(
            &ind,
            "2022-05",
            "PMs (Plan of Practical Actions, 41 measures)",
            dec!(10),
            Horizon::Worded {
                text: "over the next five years".into(),
                implied_year: Some(2027),
            },
            "ortcom-kz-1652759973",
        ));
        h.restatements.push(target(
            &ind,
            "2024-07-12",
            "KZ PM Bektenov (21st IGC)",
            dec!(10),
            Horizon::Worded {
                text: "medium term".into(),
                implied_year: None,
            },
            "news-az-2024-07-12",
        ));
        let mut programme = target(
            &ind,
            "2025-03-15",
            "Trade ministers Shakkaliyev (KZ MTI) and Kudratov (UZ MIIT)",
            dec!(10),
            Horizon::ByYear { year: 2030 },
            "urdupoint-1947241",
        );
        programme.wording = "Programme on Increasing Mutual Trade to $10bn by 2030 signed".into();
        h.restatements.push(programme);
        h.restatements.push(target(
            &ind,
            "2025-11-15",
            "President Tokayev (2nd SIC)",
            dec!(10),
            Horizon::ByYear { year: 2030 },
            "qazinform-bcd534",
        ));
        h
    }

    #[test]
    fn restatement_in_force_at_a_date() {
        let h = trade_target_history();
        assert!(h.in_force(d(2018, 8, 30)).is_none());
        let t = h.in_force(d(2020, 1, 1)).unwrap();
        assert_eq!((t.value, t.horizon.target_year()), (dec!(5), Some(2020)));
        assert_eq!(
            h.in_force(d(2021, 11, 26)).unwrap().horizon.target_year(),
            Some(2026)
        );
        // "2022-05" counts from 31 May 2022.
        assert_eq!(
            h.in_force(d(2022, 5, 30)).unwrap().horizon.target_year(),
            Some(2026)
        );
        assert_eq!(
            h.in_force(d(2022, 5, 31)).unwrap().horizon.target_year(),
            Some(2027)
        );
        assert_eq!(
            h.in_force(d(2025, 3, 14)).unwrap().horizon.target_year(),
            None
        );
        let programme = h.in_force(d(2025, 3, 15)).unwrap();
        assert_eq!(programme.horizon, Horizon::ByYear { year: 2030 });
        assert!(programme.wording.starts_with("Programme"));
        assert_eq!(
            h.in_force(d(2026, 1, 1)).unwrap().issuer,
            "President Tokayev (2nd SIC)"
        );
    }

    #[test]
    fn changes_skip_restatements_that_repeat() {
        let h = trade_target_history();
        let years: Vec<Option<i32>> = h
            .changes()
            .iter()
            .map(|t| t.horizon.target_year())
            .collect();
        // The 2025-11-15 restatement repeats "by 2030" and is not a change.
        assert_eq!(
            years,
            vec![Some(2020), Some(2026), Some(2027), None, Some(2030)]
        );
        let mut shuffled = h.clone();
        shuffled.restatements.reverse();
        assert_eq!(shuffled.changes().len(), 5);
        assert_eq!(shuffled.chronological()[0].stated.to_string(), "2018-08-31");
    }

    #[test]
    fn units_read_and_write() {
        assert_eq!(
            "USD".parse::<Unit>().unwrap(),
            Unit::Money(Currency::from_code("USD").unwrap())
        );
        assert_eq!("bcm".parse::<Unit>().unwrap(), Unit::Bcm);
        assert_eq!("Mt".parse::<Unit>().unwrap(), Unit::Mt);
        assert_eq!("%".parse::<Unit>().unwrap(), Unit::Percent);
        assert_eq!("TEU".parse::<Unit>().unwrap(), Unit::Other("TEU".into()));
        assert_eq!(
            "trucks/day".parse::<Unit>().unwrap().to_string(),
            "trucks/day"
        );
        assert_eq!(" ".parse::<Unit>(), Err(AgendaError::EmptyUnit));
        assert_eq!(serde_json::to_string(&Unit::Kt).unwrap(), r#""kt""#);
        assert_eq!(IndicatorMeasure::Qualitative.iati_code(), 5);
    }

    #[test]
    fn serde_form() {
        let h = trade_target_history();
        insta::assert_json_snapshot!("indicator", turnover());
        insta::assert_json_snapshot!("target_history", h);
        let back: TargetHistory =
            serde_json::from_value(serde_json::to_value(&h).unwrap()).unwrap();
        assert_eq!(back, h);
    }
}
