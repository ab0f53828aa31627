//! Joint industrial and agricultural projects, with IATI-like statuses and dated milestones.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::agenda::measure::Due;
use crate::agenda::{Area, EventDate};
use crate::id::stable_id;
use crate::money::Money;
use crate::provenance::{ReportingSide, SourceId};

/// The stage of a project, after the IATI `ActivityStatus` codelist (version 2.03).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ProjectStatus {
    /// 1 Pipeline/identification: announced, memorandum signed, under study.
    Pipeline,
    /// 2 Implementation: under construction or being set up.
    Implementation,
    /// 3 Finalisation: built, being commissioned.
    Finalisation,
    /// 4 Closed: completed and operating (IATI "closed" means the activity is over; for a plant
    /// that is when it is built and running).
    Completed,
    /// 5 Cancelled.
    Cancelled,
    /// 6 Suspended.
    Suspended,
}

impl ProjectStatus {
    /// The IATI `ActivityStatus` code (1–6).
    pub fn iati_code(&self) -> u8 {
        match self {
            ProjectStatus::Pipeline => 1,
            ProjectStatus::Implementation => 2,
            ProjectStatus::Finalisation => 3,
            ProjectStatus::Completed => 4,
            ProjectStatus::Cancelled => 5,
            ProjectStatus::Suspended => 6,
        }
    }
}

/// A dated step of a project: planned, and reached or not.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Milestone {
    /// What the step is ("official opening").
    pub description: String,
    /// When it was planned, if a date was announced.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub planned: Option<Due>,
    /// When it was reached; `None` while it has not been reported reached.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub actual: Option<EventDate>,
    /// The sources.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<SourceId>,
}

impl Milestone {
    /// Whether it had been reached by `as_of` (an approximate date counts from its last day).
    pub fn is_reached(&self, as_of: NaiveDate) -> bool {
        self.actual.is_some_and(|a| a.latest() <= as_of)
    }

    /// Whether it is overdue on `as_of`: planned with a deadline before `as_of` and not reached.
    pub fn is_overdue(&self, as_of: NaiveDate) -> bool {
        self.planned.is_some_and(|p| p.deadline() < as_of) && !self.is_reached(as_of)
    }
}

/// A joint project.
///
/// Natural key: the name and the location as published.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Project {
    /// Stable id from the natural key (see [`Project::natural_id`]).
    pub id: Uuid,
    /// The name as published.
    pub name: String,
    /// The sector as published ("Metallurgy", "Pharmaceuticals").
    pub sector: String,
    /// The agenda area.
    pub area: Area,
    /// Where it is ("Taraz, KZ").
    pub location: String,
    /// The host country: [`ReportingSide::Kazakhstan`] or [`ReportingSide::Uzbekistan`];
    /// [`ReportingSide::Joint`] for projects that straddle the border or sit in both countries.
    pub country: ReportingSide,
    /// Its value, when one is published for this project alone.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<Money>,
    /// Jobs, when published.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub jobs: Option<u32>,
    /// Investors and partners, as published.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub partners: Vec<String>,
    /// The status at the latest dated source.
    pub status: ProjectStatus,
    /// The date of that source.
    pub status_date: EventDate,
    /// Dated steps.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub milestones: Vec<Milestone>,
    /// Claims-ledger statements about it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub statements: Vec<Uuid>,
    /// The sources.
    pub sources: Vec<SourceId>,
}

impl Project {
    /// The id of the project `name` at `location`.
    pub fn natural_id(name: &str, location: &str) -> Uuid {
        stable_id("project", &[name, location])
    }

    /// The first milestone not reached by `as_of`, by planned deadline (unplanned ones last).
    pub fn next_milestone(&self, as_of: NaiveDate) -> Option<&Milestone> {
        self.milestones
            .iter()
            .filter(|m| !m.is_reached(as_of))
            .min_by_key(|m| m.planned.map_or(NaiveDate::MAX, |p| p.deadline()))
    }

    /// The milestones overdue on `as_of`.
    pub fn overdue_milestones(&self, as_of: NaiveDate) -> Vec<&Milestone> {
        self.milestones
            .iter()
            .filter(|m| m.is_overdue(as_of))
            .collect()
    }
}

/// What a project registry adds up to, to set against announced portfolio figures.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RegistryTotals {
    /// Projects in the registry (cancelled ones excluded).
    pub projects: u32,
    /// Projects with a published value in `currency`.
    pub valued: u32,
    /// The sum of those values.
    pub value: Money,
    /// Projects with published job numbers.
    pub with_jobs: u32,
    /// The sum of those jobs.
    pub jobs: u64,
}

/// Adds up a registry: count, published values in `currency` and published jobs, leaving out
/// cancelled projects. Values in other currencies are not converted (no rate is invented):
/// they are left out and counted in neither `valued` nor `value`.
///
/// # Errors
///
/// [`MoneyError::Overflow`](crate::money::MoneyError::Overflow) when the sum of the values is
/// beyond the range of a decimal (about 7.9 × 10²⁸): a value mistyped by many orders of
/// magnitude, never a real registry.
pub fn registry_totals(
    projects: &[Project],
    currency: crate::money::Currency,
) -> Result<RegistryTotals, crate::money::MoneyError> {
    let mut totals = RegistryTotals {
        projects: 0,
        valued: 0,
        value: Money::new(rust_decimal::Decimal::ZERO, currency),
        with_jobs: 0,
        jobs: 0,
    };
    for p in projects
        .iter()
        .filter(|p| p.status != ProjectStatus::Cancelled)
    {
        totals.projects += 1;
        if let Some(v) = p.value.filter(|v| v.currency == currency) {
            totals.value = totals.value.checked_add(&v)?;
            totals.valued += 1;
        }
        if let Some(j) = p.jobs {
            totals.with_jobs += 1;
            // At most u32::MAX projects of u32::MAX jobs each: a u64 holds the sum.
            totals.jobs += u64::from(j);
        }
    }
    Ok(totals)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn src(id: &str) -> SourceId {
        SourceId::new(id).unwrap()
    }

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn milestone(
        description: &str,
        planned: Option<&str>,
        actual: Option<&str>,
        source: &str,
    ) -> Milestone {
        Milestone {
            description: description.into(),
            planned: planned.map(|p| p.parse().unwrap()),
            actual: actual.map(|a| a.parse().unwrap()),
            sources: vec![src(source)],
        }
    }

    /// The ICIC as of the 2nd SIC (agenda.md section 4).
    fn icic() -> Project {
        let name = "International Center for Industrial Cooperation \"Central Asia\"";
        let location =
            "Atameken (KZ) / Gulistan (UZ) border checkpoints, Turkestan and Syrdarya regions";
        Project {
            id: Project::natural_id(name, location),
            name: name.into(),
            sector: "Industrial zone".into(),
            area: Area::Industry,
            location: location.into(),
            country: ReportingSide::Joint,
            value: None,
            jobs: None,
            partners: vec!["TCL Group LLP (KZ)".into(), "Global Textile (UZ)".into()],
            status: ProjectStatus::Implementation,
            status_date: "2025-11-15".parse().unwrap(),
            milestones: vec![
                milestone(
                    "Roadmap for accelerated creation signed",
                    None,
                    Some("2024-02-15"),
                    "astanatimes-2024-02-20",
                ),
                milestone(
                    "Symbolic launch of activity by the presidents",
                    None,
                    Some("2025-11-15"),
                    "trend-az-4117877",
                ),
                milestone(
                    "Technical launch",
                    Some("2026-Q4"),
                    None,
                    "astanatimes-2024-02-20",
                ),
                milestone(
                    "Official opening",
                    Some("2027-H1"),
                    None,
                    "astanatimes-2024-02-20",
                ),
            ],
            statements: Vec::new(),
            sources: vec![src("astanatimes-2024-02-20"), src("trend-az-4117877")],
        }
    }

    #[test]
    fn milestones_as_of_dates() {
        let p = icic();
        // The technical launch (Q4 2026) is overdue from 2027-01-01 unless reported.
        assert!(p.overdue_milestones(d(2026, 12, 31)).is_empty());
        assert_eq!(p.overdue_milestones(d(2027, 1, 1)).len(), 1);
        assert_eq!(
            p.next_milestone(d(2026, 1, 1)).unwrap().description,
            "Technical launch"
        );
        assert_eq!(p.overdue_milestones(d(2027, 7, 1)).len(), 2);
        assert!(p.milestones[1].is_reached(d(2025, 11, 15)));
        assert!(!p.milestones[1].is_reached(d(2025, 11, 14)));
        // Before the symbolic launch, it is the next milestone (unplanned ones sort last).
        assert_eq!(
            p.next_milestone(d(2025, 1, 1)).unwrap().description,
            "Technical launch"
        );
        let mut reached = p.clone();
        reached.milestones[2].actual = Some("2026-12".parse().unwrap());
        // A month-only date counts from its last day.
        assert!(!reached.milestones[2].is_reached(d(2026, 12, 30)));
        assert!(reached.overdue_milestones(d(2027, 1, 1)).is_empty());
        assert_eq!(ProjectStatus::Suspended.iati_code(), 6);
    }

    #[test]
    fn serde_form() {
        let p = icic();
        insta::assert_json_snapshot!(p);
        let back: Project = serde_json::from_value(serde_json::to_value(&p).unwrap()).unwrap();
        assert_eq!(back, p);
    }

    #[test]
    fn registry_totals_leave_out_cancelled_and_other_currencies() {
        let usd = crate::money::Currency::from_code("USD").unwrap();
        let mut a = icic();
        a.value = Some(Money::new(rust_decimal::Decimal::from(100), usd));
        a.jobs = Some(40);
        let mut b = icic();
        b.value = Some(Money::new(
            rust_decimal::Decimal::from(7),
            crate::money::Currency::from_code("KZT").unwrap(),
        ));
        let mut c = icic();
        c.status = ProjectStatus::Cancelled;
        c.value = Some(Money::new(rust_decimal::Decimal::from(1000), usd));
        let t = registry_totals(&[a, b, c], usd).unwrap();
        assert_eq!((t.projects, t.valued, t.with_jobs, t.jobs), (2, 1, 1, 40));
        assert_eq!(t.value.amount, rust_decimal::Decimal::from(100));
    }

    #[test]
    fn registry_totals_refuse_a_sum_beyond_decimal() {
        // Two projects of 5e28 USD each (issue #21: "Addition overflowed" in the report).
        let usd = crate::money::Currency::from_code("USD").unwrap();
        let mut a = icic();
        a.value = Some(Money::new(
            rust_decimal::Decimal::from_i128_with_scale(5 * 10_i128.pow(28), 0),
            usd,
        ));
        let b = a.clone();
        assert_eq!(
            registry_totals(&[a, b], usd),
            Err(crate::money::MoneyError::Overflow)
        );
    }
}
