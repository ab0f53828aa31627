//! Where a figure comes from.
//!
//! Every figure Dostyk reads or computes points at a [`Source`]: who published it, under which
//! title and address, when, for which side, and what kind of publication it is. An
//! [`Observation`] is one value for one period with the id of its source and its quality flags.
//!
//! ```
//! use dostyk_core_model::provenance::{Observation, SourceId};
//!
//! let obs = Observation::new(4.4_f64, "2024".parse()?, SourceId::new("stat-gov-kz-2025-02")?);
//! assert_eq!(obs.source.as_str(), "stat-gov-kz-2025-02");
//! assert!(!obs.flags.provisional);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::fmt;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::period::Period;

/// What went wrong with a source id.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ProvenanceError {
    /// A source id that is empty or has characters other than ASCII letters, digits, `-`, `_`, `.`.
    #[error(
        "\"{id}\" is not a source id: use ASCII letters, digits, '-', '_' or '.' (for example \"stat-gov-kz-2025-02\")"
    )]
    SourceId {
        /// The text that was given.
        id: String,
    },
}

/// The id of a [`Source`] within a dataset: short, stable, ASCII (`stat-gov-kz-2025-02`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct SourceId(String);

impl SourceId {
    /// Checks and wraps a source id.
    pub fn new(id: impl Into<String>) -> Result<Self, ProvenanceError> {
        let id = id.into();
        let ok = !id.is_empty()
            && id.len() <= 128
            && id
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'));
        if ok {
            Ok(Self(id))
        } else {
            Err(ProvenanceError::SourceId { id })
        }
    }

    /// The id as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for SourceId {
    type Error = ProvenanceError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        SourceId::new(value)
    }
}

impl From<SourceId> for String {
    fn from(value: SourceId) -> Self {
        value.0
    }
}

impl fmt::Display for SourceId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Which side of the bilateral relation a publication speaks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReportingSide {
    /// Kazakhstan (its statistics bureau, ministries, president, media).
    Kazakhstan,
    /// Uzbekistan.
    Uzbekistan,
    /// Both sides together (a joint statement or a joint body).
    Joint,
    /// A third party: an international organisation, a database, foreign press.
    ThirdParty,
}

impl ReportingSide {
    /// The ISO 3166-1 alpha-3 code of the side, when it is one country.
    pub fn iso3(&self) -> Option<&'static str> {
        match self {
            ReportingSide::Kazakhstan => Some("KAZ"),
            ReportingSide::Uzbekistan => Some("UZB"),
            ReportingSide::Joint | ReportingSide::ThirdParty => None,
        }
    }
}

impl fmt::Display for ReportingSide {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            ReportingSide::Kazakhstan => "kazakhstan",
            ReportingSide::Uzbekistan => "uzbekistan",
            ReportingSide::Joint => "joint",
            ReportingSide::ThirdParty => "third_party",
        })
    }
}

/// What kind of publication a source is; it says how much weight a figure from it can carry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SourceKind {
    /// Figures published by a statistics agency or a statistical database.
    OfficialStatistics,
    /// A statement by an official body or office holder (speech, press release).
    OfficialStatement,
    /// The text of an agreement, treaty, protocol or programme.
    AgreementText,
    /// A press report.
    Press,
    /// The output of a model run.
    ModelOutput,
    /// Made-up data that illustrates a feature; always labelled as such where shown.
    Illustrative,
}

/// A publication that figures are taken from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Source {
    /// The id rows refer to.
    pub id: SourceId,
    /// Who published it (agency, ministry, outlet).
    pub publisher: String,
    /// Its title.
    pub title: String,
    /// Its public address, if it has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// When it was published; `None` for an undated page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published: Option<NaiveDate>,
    /// When it was read.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retrieved: Option<NaiveDate>,
    /// The side it speaks for.
    pub side: ReportingSide,
    /// What kind of publication it is.
    pub kind: SourceKind,
    /// Anything a reader should know (e.g. "undated; date of the event taken from the text").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// Quality flags on an observation.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Flags {
    /// The publisher marks the figure as preliminary.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub provisional: bool,
    /// The figure is an estimate (by the publisher or derived by Dostyk).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub estimated: bool,
    /// The figure replaces an earlier published value.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub revised: bool,
}

/// One value for one period, with the source it comes from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Observation<T> {
    /// The value.
    pub value: T,
    /// The period it describes.
    pub period: Period,
    /// The source it was taken from.
    pub source: SourceId,
    /// Quality flags.
    #[serde(default)]
    pub flags: Flags,
}

impl<T> Observation<T> {
    /// An observation with no quality flags set.
    pub fn new(value: T, period: Period, source: SourceId) -> Self {
        Self {
            value,
            period,
            source,
            flags: Flags::default(),
        }
    }

    /// The same observation with another value (e.g. after a unit conversion), keeping period,
    /// source and flags.
    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> Observation<U> {
        Observation {
            value: f(self.value),
            period: self.period,
            source: self.source,
            flags: self.flags,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn source_ids_are_checked() {
        assert!(SourceId::new("stat.gov.kz_2025-02").is_ok());
        assert!(SourceId::new("").is_err());
        assert!(SourceId::new("has space").is_err());
        assert!(SourceId::new("кириллица").is_err());
        assert!(serde_json::from_str::<SourceId>(r#""a b""#).is_err());
    }

    #[test]
    fn serde_forms() {
        let source = Source {
            id: SourceId::new("kz-stat-2025").unwrap(),
            publisher: "Bureau of National Statistics".into(),
            title: "Foreign trade of the Republic of Kazakhstan".into(),
            url: Some("https://stat.gov.kz/".into()),
            published: NaiveDate::from_ymd_opt(2025, 2, 14),
            retrieved: None,
            side: ReportingSide::Kazakhstan,
            kind: SourceKind::OfficialStatistics,
            note: None,
        };
        insta::assert_json_snapshot!(source);
        let mut obs = Observation::new(
            rust_decimal_macros::dec!(4.4),
            "2024".parse().unwrap(),
            source.id.clone(),
        );
        obs.flags.provisional = true;
        insta::assert_json_snapshot!(obs);
    }
}
