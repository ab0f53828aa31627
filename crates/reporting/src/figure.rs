//! Figures: every number in a report, with where it comes from.
//!
//! A [`Figure`] is one value for one indicator, period and reporting side, with the ids of the
//! sources it rests on and, when Dostyk computed it, the method. Blocks of a report refer to
//! figures by id; renderers format them per language. Reporting never computes a figure's value:
//! it takes what the domain crates return (or a figure quoted from a source of the dataset).

use std::fmt;

use dostyk_core_model::provenance::{ReportingSide, SourceId};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// The unit of a figure's value. Values are stored in the unit itself (dollars, not billions);
/// renderers choose the display scale.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[non_exhaustive]
pub enum FigureUnit {
    /// US dollars.
    #[serde(rename = "USD")]
    Usd,
    /// A percentage (12.5 means 12.5 %).
    #[serde(rename = "%")]
    Percent,
    /// Cubic kilometres of water.
    #[serde(rename = "km3")]
    Km3,
    /// Million cubic metres of water.
    #[serde(rename = "Mm3")]
    Mm3,
    /// Billion cubic metres of gas (the reference conditions are stated on the figure's method
    /// or indicator).
    #[serde(rename = "bcm")]
    Bcm,
    /// Million tonnes.
    #[serde(rename = "Mt")]
    Mt,
    /// A count (projects, measures, vehicles).
    #[serde(rename = "count")]
    Count,
    /// A calendar year (e.g. the year a target is reached).
    #[serde(rename = "year")]
    Year,
}

impl fmt::Display for FigureUnit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            FigureUnit::Usd => "USD",
            FigureUnit::Percent => "%",
            FigureUnit::Km3 => "km3",
            FigureUnit::Mm3 => "Mm3",
            FigureUnit::Bcm => "bcm",
            FigureUnit::Mt => "Mt",
            FigureUnit::Count => "count",
            FigureUnit::Year => "year",
        })
    }
}

/// One number of a report with its provenance.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Figure {
    /// Stable id, unique in the report, e.g. `trade.turnover.kazakhstan.2024`.
    pub id: String,
    /// What is measured, e.g. `trade.turnover`.
    pub indicator: String,
    /// The period in its canonical text form: `2024`, `2023-11`, `2023-YTD11`, `growing-2024`.
    pub period: String,
    /// The side whose figure it is, when it is one side's.
    pub reporting_side: Option<ReportingSide>,
    /// The value, exact, in `unit`.
    pub value: Decimal,
    /// The unit of `value`.
    pub unit: FigureUnit,
    /// The sources the value rests on (at least one).
    pub source_ids: Vec<SourceId>,
    /// Whether Dostyk computed it (true) or it is quoted as published (false).
    pub derived: bool,
    /// How it was computed, for derived figures, in the report's language (`None` for quoted
    /// ones); the functions that compute it are named in parentheses.
    pub method: Option<String>,
}

impl Figure {
    /// A figure quoted as published, for no particular side and with no sources yet; add them
    /// with [`Figure::side`] and [`Figure::sources`].
    pub fn new(
        id: impl Into<String>,
        indicator: impl Into<String>,
        period: impl Into<String>,
        value: Decimal,
        unit: FigureUnit,
    ) -> Figure {
        Figure {
            id: id.into(),
            indicator: indicator.into(),
            period: period.into(),
            reporting_side: None,
            value,
            unit,
            source_ids: Vec::new(),
            derived: false,
            method: None,
        }
    }

    /// The same figure for reporting side `side`.
    #[must_use]
    pub fn side(mut self, side: ReportingSide) -> Figure {
        self.reporting_side = Some(side);
        self
    }

    /// The same figure resting on `sources` (duplicates removed, order kept).
    #[must_use]
    pub fn sources<I: IntoIterator<Item = SourceId>>(mut self, sources: I) -> Figure {
        for s in sources {
            if !self.source_ids.contains(&s) {
                self.source_ids.push(s);
            }
        }
        self
    }

    /// The same figure marked as computed by Dostyk with `method`.
    #[must_use]
    pub fn derived_by(mut self, method: impl Into<String>) -> Figure {
        self.derived = true;
        self.method = Some(method.into());
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serde_form_matches_the_report_json_schema() {
        let f = Figure::new(
            "trade.growth.kazakhstan.2024",
            "trade.turnover.growth",
            "2024",
            Decimal::new(125, 1),
            FigureUnit::Percent,
        )
        .side(ReportingSide::Kazakhstan)
        .sources([
            SourceId::new("kz-stat").unwrap(),
            SourceId::new("kz-stat").unwrap(),
        ])
        .derived_by("(turnover 2024 / turnover 2023 - 1) x 100");
        assert_eq!(f.source_ids.len(), 1);
        insta::assert_json_snapshot!(f);
    }
}
