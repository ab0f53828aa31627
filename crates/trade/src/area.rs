//! Reporters and partners as Comtrade numbers them (UN M49 codes).

use std::fmt;

use serde::{Deserialize, Serialize};

/// A reporter or partner: a country or an aggregate such as World, by its UN M49 code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Area(u16);

impl Area {
    /// World, the Comtrade partner `0`.
    pub const WORLD: Area = Area(0);

    /// The area with M49 code `code`.
    pub const fn from_m49(code: u16) -> Self {
        Area(code)
    }

    /// The M49 code.
    pub fn m49(&self) -> u16 {
        self.0
    }
}

impl fmt::Display for Area {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}
