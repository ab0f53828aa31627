//! The claims ledger: figures that officials and bodies announce, each with who, when and for
//! which period.
//!
//! Statements are kept as published, conflicting ones side by side (e.g. 74 projects worth
//! $3.4bn in October 2024 against 78 projects worth more than $1.7bn in November 2025); nothing
//! here reconciles them.

use std::str::FromStr;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::agenda::indicator::Unit;
use crate::agenda::{AgendaError, EventDate};
use crate::id::stable_id;
use crate::period::Span;
use crate::provenance::{ReportingSide, SourceId};

/// What a stated figure claims.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ClaimKind {
    /// A value reached ("trade reached $3bn over ten months").
    Actual,
    /// A goal ("$10bn by 2030"); the period is the horizon.
    Target,
    /// An expectation ("contracts worth more than $8bn expected").
    Forecast,
}

/// One figure as announced.
///
/// Natural key: date, speaker, indicator and period, so the same announcement entered twice gets
/// the same id while two speakers on the same day stay apart.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Statement {
    /// Stable id from the natural key (see [`Statement::natural_id`]).
    pub id: Uuid,
    /// When it was made.
    pub date: EventDate,
    /// Who made it ("President Tokayev").
    pub speaker: String,
    /// The body or office ("Akorda", "KZ Ministry of Trade and Integration").
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub body: String,
    /// The side it speaks for.
    pub side: ReportingSide,
    /// What it claims.
    pub kind: ClaimKind,
    /// The indicator the figure is a value of.
    pub indicator: Uuid,
    /// The period the figure covers: a calendar period, a year to date (`2021-YTD10`), a
    /// marketing year (`2022/23-MY07`) or any other [`Span`].
    pub period: Span,
    /// The figure.
    pub value: Decimal,
    /// Its unit.
    pub unit: Unit,
    /// A qualifier as published ("more than", "about", "up to"); empty when the figure is stated
    /// as exact.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub qualifier: String,
    /// The wording or context, as published.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub wording: String,
    /// The sources.
    pub sources: Vec<SourceId>,
    /// What a reader must know about how far the figure can be trusted.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub flags: Vec<ClaimFlag>,
    /// A free note (context, how a period or side was inferred).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
    /// The 1-based line of the statements ledger (CSV) it was read from; 0 for a statement of
    /// an agenda file or one built in code. Not serialized: it says where the statement came
    /// from, not what it states.
    #[serde(skip)]
    pub line: u64,
}

/// A caveat on a statement, carried from the facts into the report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ClaimFlag {
    /// The figure rests on a single weak source or on wording that does not state it directly.
    Unverified,
    /// The source page shows no publication date; the date is that of the event it describes.
    UndatedSource,
    /// The period the figure covers is inferred, not stated.
    PeriodUnverified,
    /// The source does not say whose figure it is.
    SideUnspecified,
    /// Other sources give a different figure for the same thing; all are kept.
    Conflicting,
}

impl ClaimFlag {
    /// The text form used in data files (`unverified`, `undated_source`, …).
    pub fn as_str(&self) -> &'static str {
        match self {
            ClaimFlag::Unverified => "unverified",
            ClaimFlag::UndatedSource => "undated_source",
            ClaimFlag::PeriodUnverified => "period_unverified",
            ClaimFlag::SideUnspecified => "side_unspecified",
            ClaimFlag::Conflicting => "conflicting",
        }
    }
}

impl FromStr for ClaimFlag {
    type Err = AgendaError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        [
            ClaimFlag::Unverified,
            ClaimFlag::UndatedSource,
            ClaimFlag::PeriodUnverified,
            ClaimFlag::SideUnspecified,
            ClaimFlag::Conflicting,
        ]
        .into_iter()
        .find(|f| f.as_str() == text.trim())
        .ok_or_else(|| AgendaError::ClaimFlag {
            text: text.to_owned(),
        })
    }
}

impl Statement {
    /// The id of the statement by `speaker` on `date` about `indicator` for `period`.
    pub fn natural_id(date: &EventDate, speaker: &str, indicator: Uuid, period: &Span) -> Uuid {
        stable_id(
            "statement",
            &[
                &date.to_string(),
                speaker,
                &indicator.to_string(),
                &period.to_string(),
            ],
        )
    }
}

#[cfg(test)]
mod tests {
    use rust_decimal_macros::dec;

    use super::*;
    use crate::agenda::Area;
    use crate::agenda::indicator::Indicator;

    /// The id of a statement is keyed by the period's text, so the text of a span must not
    /// change: a statement entered again keeps its id.
    #[test]
    fn the_natural_id_is_keyed_by_the_canonical_period_text() {
        let date: EventDate = "2023-10-05".parse().unwrap();
        let indicator = Uuid::nil();
        let id =
            |period: &str| Statement::natural_id(&date, "bne", indicator, &period.parse().unwrap());
        assert_eq!(id("2023-YTD08"), id(" 2023-01/2023-08 "));
        assert_ne!(id("2023-YTD08"), id("2022/23-MY07"));
        assert_eq!(
            id("2022/23-MY07"),
            stable_id(
                "statement",
                &["2023-10-05", "bne", &indicator.to_string(), "2022/23-MY07"]
            )
        );
    }

    /// Tokayev at the 2nd SIC: 78 projects worth more than $1.7bn (agenda.md section 5.1).
    #[test]
    fn serde_form() {
        let value = Indicator::new(
            "KZ-UZ joint industrial project portfolio value, billion USD",
            Area::Industry,
            "USD".parse().unwrap(),
        );
        let date: EventDate = "2025-11-15".parse().unwrap();
        // A portfolio is a stock: the figure describes the day it was stated.
        let period: Span = "2025-11-15".parse().unwrap();
        let s = Statement {
            id: Statement::natural_id(&date, "President Tokayev", value.id, &period),
            date,
            speaker: "President Tokayev".into(),
            body: "2nd Supreme Interstate Council, Tashkent".into(),
            side: ReportingSide::Kazakhstan,
            kind: ClaimKind::Actual,
            indicator: value.id,
            period,
            value: dec!(1.7),
            unit: value.unit.clone(),
            qualifier: "more than".into(),
            wording: "78 projects worth more than $1.7bn, more than 15,000 jobs".into(),
            sources: vec![SourceId::new("qazinform-bcd534").unwrap()],
            flags: Vec::new(),
            note: String::new(),
            line: 0,
        };
        insta::assert_json_snapshot!(s);
        let back: Statement = serde_json::from_value(serde_json::to_value(&s).unwrap()).unwrap();
        assert_eq!(back, s);
        assert_ne!(
            s.id,
            Statement::natural_id(&date, "KZ PM", value.id, &period),
            "another speaker on the same day is another statement"
        );
    }
}
