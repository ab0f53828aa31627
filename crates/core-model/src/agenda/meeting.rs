//! Meetings: summits, intergovernmental commissions, forums and ministers' talks.

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::agenda::EventDate;
use crate::id::stable_id;
use crate::provenance::SourceId;

/// The kind of body or format that met.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MeetingKind {
    /// The Supreme Interstate Council of the two presidents (1st 2024-08-08 Astana, 2nd 2025-11-15
    /// Tashkent), and state visits of a president.
    SupremeInterstateCouncil,
    /// The Intergovernmental Commission on Bilateral Cooperation (prime-minister level since 2019).
    IntergovernmentalCommission,
    /// Prime ministers' talks outside the commission.
    HeadsOfGovernment,
    /// Interregional and business forums.
    Forum,
    /// Ministers' meetings and councils (trade, foreign affairs, transport).
    Ministers,
    /// Anything else (deputy prime ministers, regional executives, working groups).
    Other,
}

/// One meeting, with the sources that report it.
///
/// Natural key: kind, date (as published, e.g. `2022-05`) and place, so two reports of the same
/// meeting get the same [`Meeting::id`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Meeting {
    /// Stable id from the natural key (see [`Meeting::natural_id`]).
    pub id: Uuid,
    /// What kind of meeting it was.
    pub kind: MeetingKind,
    /// When it took place; the first day of a multi-day event, or only the month when the source
    /// gives only the month.
    pub date: EventDate,
    /// Where it took place (a city, a checkpoint, "video call"); `None` when not published.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub place: Option<String>,
    /// Its name as published ("SIC, 1st meeting").
    pub title: String,
    /// Outcomes as published, one item per entry.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub outcomes: Vec<String>,
    /// The sources that report it.
    pub sources: Vec<SourceId>,
}

impl Meeting {
    /// The id of the meeting of `kind` on `date` at `place` (empty when unknown).
    pub fn natural_id(kind: MeetingKind, date: &EventDate, place: Option<&str>) -> Uuid {
        let kind = serde_kind(kind);
        stable_id(
            "meeting",
            &[kind, &date.to_string(), place.unwrap_or_default()],
        )
    }

    /// A meeting with its id computed from the natural key, no outcomes and no sources yet.
    pub fn new(
        kind: MeetingKind,
        date: EventDate,
        place: Option<String>,
        title: impl Into<String>,
    ) -> Self {
        Self {
            id: Self::natural_id(kind, &date, place.as_deref()),
            kind,
            date,
            place,
            title: title.into(),
            outcomes: Vec::new(),
            sources: Vec::new(),
        }
    }
}

/// The serde name of a kind, used in its natural key.
fn serde_kind(kind: MeetingKind) -> &'static str {
    match kind {
        MeetingKind::SupremeInterstateCouncil => "supreme_interstate_council",
        MeetingKind::IntergovernmentalCommission => "intergovernmental_commission",
        MeetingKind::HeadsOfGovernment => "heads_of_government",
        MeetingKind::Forum => "forum",
        MeetingKind::Ministers => "ministers",
        MeetingKind::Other => "other",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The 1st Supreme Interstate Council, agenda.md section 1.1.
    fn first_sic() -> Meeting {
        let mut m = Meeting::new(
            MeetingKind::SupremeInterstateCouncil,
            "2024-08-08".parse().unwrap(),
            Some("Astana (Akorda)".into()),
            "Supreme Interstate Council, 1st meeting (Mirziyoyev state visit)",
        );
        m.outcomes = vec![
            "Strategic Partnership and Alliance Programme 2024-2034 adopted".into(),
            "Governments to adopt a separate $10bn programme by the end of August".into(),
            "Package of 34 investment projects ($4.4bn) and 7 trade contracts ($2.6bn)".into(),
            "Faster ICIC construction".into(),
        ];
        m.sources = vec![SourceId::new("gazeta-uz-2024-08-08").unwrap()];
        m
    }

    #[test]
    fn ids_follow_the_natural_key() {
        let a = first_sic();
        let mut b = first_sic();
        b.title = "1st SIC".into();
        b.sources.clear();
        assert_eq!(
            a.id,
            Meeting::natural_id(b.kind, &b.date, b.place.as_deref())
        );
        let month_only = Meeting::new(
            MeetingKind::HeadsOfGovernment,
            "2022-05".parse().unwrap(),
            None,
            "PMs Smailov and Aripov",
        );
        assert_ne!(a.id, month_only.id);
        assert_eq!(
            serde_json::to_value(MeetingKind::HeadsOfGovernment).unwrap(),
            serde_kind(MeetingKind::HeadsOfGovernment)
        );
    }

    #[test]
    fn serde_form() {
        let m = first_sic();
        insta::assert_json_snapshot!(m);
        let back: Meeting = serde_json::from_value(serde_json::to_value(&m).unwrap()).unwrap();
        assert_eq!(back, m);
    }
}
