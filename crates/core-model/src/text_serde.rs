//! Serde through the canonical text form.
//!
//! Periods, dates, dues and quantities serialize as the same text their `Display` writes and
//! their `FromStr` reads (`"2023-11-D2"`, `"2027-H1"`, `"0.922 km3"`), so data files, JSON and
//! the screen all show one form. [`serde_as_text!`] writes the two impls for such a type.

/// Implements `Serialize` through `Display` and `Deserialize` through `FromStr` for each type.
macro_rules! serde_as_text {
    ($($t:ty),+ $(,)?) => {$(
        impl serde::Serialize for $t {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.collect_str(self)
            }
        }

        impl<'de> serde::Deserialize<'de> for $t {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let text = <std::borrow::Cow<'de, str> as serde::Deserialize>::deserialize(deserializer)?;
                text.parse().map_err(serde::de::Error::custom)
            }
        }
    )+};
}

pub(crate) use serde_as_text;
