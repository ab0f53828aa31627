//! Reporters and partners as Comtrade numbers them (UN M49 codes), linked to core-model's
//! [`Partner`] (a country or an aggregate).
//!
//! Comtrade files carry numeric codes, a few of which are Comtrade's own (842 for the USA with
//! its territories, 699 for India before 1975, 899 "Areas, nes"). [`M49Area`] keeps the code as
//! read, so no row is lost to a code Dostyk's tables do not list, and resolves it to a
//! [`Partner`] when asked.

use std::fmt;
use std::sync::OnceLock;

use dostyk_core_model::country::{Aggregate, Partner};
use serde::{Deserialize, Serialize};

use crate::error::TradeError;

/// A reporter or partner: a country or an aggregate such as World, by its M49 code.
///
/// Named `M49Area`, not `Area`, because core-model's `agenda::Area` is an agenda topic (trade,
/// water, gas…), a different thing a reporting crate uses beside it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct M49Area(u16);

/// The former name of [`M49Area`], kept so code written against it still builds.
#[deprecated(
    since = "0.1.0",
    note = "renamed `M49Area`: core-model's `agenda::Area` is an agenda topic"
)]
pub type Area = M49Area;

impl M49Area {
    /// World, the Comtrade partner `0`.
    pub const WORLD: M49Area = M49Area(0);

    /// The area with M49 (Comtrade) code `code`.
    pub const fn from_m49(code: u16) -> Self {
        M49Area(code)
    }

    /// The M49 code as read.
    pub fn m49(&self) -> u16 {
        self.0
    }

    /// Whether Dostyk's tables know the code: an ISO 3166-1 numeric code, one of Comtrade's
    /// aliases of a country (842 USA …), or a Comtrade aggregate or historical area
    /// (0 World, 899 Areas nes, 810 Fmr USSR …; `data/reference/m49_aggregates.csv`).
    pub fn is_known(&self) -> bool {
        static KNOWN: OnceLock<Vec<bool>> = OnceLock::new();
        let known = KNOWN.get_or_init(|| {
            (0..1000u16)
                .map(|c| Partner::from_numeric(c).is_ok())
                .collect()
        });
        known.get(usize::from(self.0)).copied().unwrap_or(false)
    }

    /// The country or aggregate of core-model, when its tables know the code.
    pub fn partner(&self) -> Option<Partner> {
        Partner::from_numeric(self.0).ok()
    }

    /// The area of an ISO alpha-2, alpha-3 or numeric code, or a Comtrade aggregate code
    /// (`W00`, `WLD`), any letter case.
    pub fn from_code(code: &str) -> Result<Self, TradeError> {
        Partner::from_code(code)
            .map(M49Area::from)
            .map_err(|e| TradeError::Input(format!("{e}")))
    }

    /// The every M49 code that names the same partner as this area (e.g. 840 and Comtrade's
    /// 842 for the USA), for matching rows.
    pub fn codes(&self) -> Vec<u16> {
        let Some(p) = self.partner() else {
            return vec![self.0];
        };
        let mut codes: Vec<u16> = (0..=999u16)
            .filter(|c| Partner::from_numeric(*c).ok() == Some(p))
            .collect();
        if !codes.contains(&self.0) {
            codes.push(self.0);
        }
        codes
    }

    /// The label used in outputs: the ISO alpha-3 code of a country, `W00` for World (as in
    /// Comtrade data rows), otherwise the numeric code.
    pub fn label(&self) -> String {
        match self.partner() {
            Some(Partner::Country(c)) => c.alpha3().to_owned(),
            Some(Partner::Aggregate(a)) if a == Aggregate::WORLD => "W00".to_owned(),
            _ => self.0.to_string(),
        }
    }
}

impl From<Partner> for M49Area {
    fn from(p: Partner) -> Self {
        M49Area(p.numeric())
    }
}

/// Shows [`M49Area::label`].
impl fmt::Display for M49Area {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.label())
    }
}

impl Serialize for M49Area {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for M49Area {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        if let Ok(n) = text.trim().parse::<u16>() {
            return Ok(M49Area(n));
        }
        M49Area::from_code(&text).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_and_codes() {
        assert_eq!(M49Area::from_m49(398).label(), "KAZ");
        assert_eq!(M49Area::WORLD.label(), "W00");
        assert_eq!(M49Area::from_code("uzb").unwrap(), M49Area::from_m49(860));
        assert_eq!(M49Area::from_code("W00").unwrap(), M49Area::WORLD);
        assert!(M49Area::from_code("XXX").is_err());
        for known in [0, 398, 860, 842, 899, 810, 280] {
            assert!(M49Area::from_m49(known).is_known(), "{known}");
        }
        for unknown in [999, 1, 1000, u16::MAX] {
            assert!(!M49Area::from_m49(unknown).is_known(), "{unknown}");
        }
        let usa = M49Area::from_code("USA").unwrap();
        assert!(usa.codes().contains(&842));
        assert_eq!(M49Area::from_m49(842).label(), "USA");
        let json = serde_json::to_string(&M49Area::from_m49(860)).unwrap();
        assert_eq!(json, "\"UZB\"");
        assert_eq!(
            serde_json::from_str::<M49Area>("\"KAZ\"").unwrap(),
            M49Area::from_m49(398)
        );
    }
}
