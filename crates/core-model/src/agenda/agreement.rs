//! Agreements, programmes, roadmaps and action plans.

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::agenda::{Area, EventDate, Horizon};
use crate::id::stable_id;
use crate::provenance::SourceId;

/// What kind of document was signed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AgreementKind {
    /// A treaty (Treaty on Allied Relations, border demarcation).
    Treaty,
    /// An intergovernmental or interagency agreement.
    Agreement,
    /// A programme with goals and a horizon (Programme on Increasing Mutual Trade to $10bn by 2030).
    Programme,
    /// A roadmap: a list of measures with responsible bodies and dates.
    Roadmap,
    /// An action plan ("Plan of Practical Actions", 41 measures).
    ActionPlan,
    /// A protocol (of a meeting, or amending an agreement).
    Protocol,
    /// A memorandum of understanding.
    Memorandum,
    /// Anything else (declaration, contract package).
    Other,
}

/// A signed agreement, programme, roadmap or action plan.
///
/// Natural key: name and signing date as published (`2025-03-15`, or `2022-12` when only the
/// month is known; empty when undated).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Agreement {
    /// Stable id from the natural key (see [`Agreement::natural_id`]).
    pub id: Uuid,
    /// The name as published, in English (add the original title to `aliases`).
    pub name: String,
    /// Other published names (original-language title, short names).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    /// What kind of document it is.
    pub kind: AgreementKind,
    /// When it was signed; `None` when no source states it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub signed: Option<EventDate>,
    /// Who signed it (office holders or bodies), as published.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub signatories: Vec<String>,
    /// The meeting at which it was signed or adopted, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub meeting: Option<Uuid>,
    /// The areas it covers.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub areas: Vec<Area>,
    /// The number of measures (or events) it lists, when a source states it; `None` means "not
    /// stated", never zero.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub measures: Option<u32>,
    /// The horizon it runs to.
    pub horizon: Horizon,
    /// The sources that report it.
    pub sources: Vec<SourceId>,
}

/// A programme is an [`Agreement`] of kind [`AgreementKind::Programme`]; the alias reads better
/// where only programmes are meant.
pub type Programme = Agreement;

impl Agreement {
    /// The id of the document `name` signed on `signed`.
    pub fn natural_id(name: &str, signed: Option<&EventDate>) -> Uuid {
        let signed = signed.map(ToString::to_string).unwrap_or_default();
        stable_id("agreement", &[name, &signed])
    }

    /// An agreement with its id computed from the natural key and nothing else known yet.
    pub fn new(name: impl Into<String>, kind: AgreementKind, signed: Option<EventDate>) -> Self {
        let name = name.into();
        Self {
            id: Self::natural_id(&name, signed.as_ref()),
            name,
            aliases: Vec::new(),
            kind,
            signed,
            signatories: Vec::new(),
            meeting: None,
            areas: Vec::new(),
            measures: None,
            horizon: Horizon::NotStated,
            sources: Vec::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn programme_of_2025_03_15() {
        let mut p = Programme::new(
            "Programme on Increasing Mutual Trade to $10bn by 2030",
            AgreementKind::Programme,
            Some("2025-03-15".parse().unwrap()),
        );
        p.signatories = vec![
            "KZ Trade Minister Shakkaliyev".into(),
            "UZ Minister of Investment, Industry and Trade Kudratov".into(),
        ];
        p.horizon = Horizon::ByYear { year: 2030 };
        p.areas = vec![Area::Trade];
        assert_eq!(p.horizon.target_year(), Some(2030));
        assert_eq!(p.measures, None);
        assert_eq!(
            p.id,
            Agreement::natural_id(&p.name, Some(&"2025-03-15".parse().unwrap()))
        );
        assert_ne!(p.id, Agreement::natural_id(&p.name, None));
        let back: Agreement = serde_json::from_str(&serde_json::to_string(&p).unwrap()).unwrap();
        assert_eq!(back, p);
    }
}
