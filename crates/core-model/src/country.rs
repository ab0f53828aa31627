//! Countries (ISO 3166-1) and the UN M49 / UN Comtrade aggregates, as trade partners.
//!
//! A [`Partner`] is either a [`Country`] or an [`Aggregate`] such as World (M49 `0`) or
//! "Areas, nes" (`899`). Both are `Copy` handles into tables generated at development time
//! from `data/reference/countries.csv` and `data/reference/m49_aggregates.csv`.
//!
//! Any code a trade file may carry is accepted, case-insensitively and with surrounding spaces
//! ignored: alpha-2 (`kz`), alpha-3 (`KAZ`), numeric as text (`398`, `0398`) or as a number
//! (`398`). For countries the numeric code is the UN M49 code, which equals the ISO 3166-1
//! numeric code.
//!
//! UN Comtrade reports some economies under non-ISO codes; these are accepted as aliases of the
//! country (see [`COMTRADE_ALIASES`]): 842 USA (including Puerto Rico and the US Virgin
//! Islands), 251 France (including Monaco), 579 Norway (including Svalbard and Jan Mayen), 699
//! India (including Sikkim, historically), 757 Switzerland (including Liechtenstein), and the
//! historical 381 Italy and 841 USA (before 1981). An
//! alias resolves to the country, so the information that the reporter's territory is wider is
//! not kept by [`Country`]; keep the raw code if that matters.
//!
//! Comtrade data rows write World as `W00` (legacy files `WLD`) and "Areas, nes" as `_X`; these
//! are accepted for the aggregates too.
//!
//! # Serde
//!
//! A [`Country`] serializes as its alpha-3 code (`"KAZ"`), an [`Aggregate`] as its numeric code
//! (`0`), and a [`Partner`] as whichever of the two it holds. Deserialization accepts every
//! code [`Partner::from_code`] accepts, as a string or a number.
//!
//! ```
//! use dostyk_core_model::country::{Aggregate, Country, Partner};
//!
//! assert_eq!(Country::from_code("kz")?, Country::KAZ);
//! assert_eq!(Country::from_code("0860")?, Country::UZB);
//! assert_eq!(Country::UZB.name_ru(), "Узбекистан");
//! assert_eq!(Partner::from_code("0")?, Partner::Aggregate(Aggregate::WORLD));
//! assert_eq!(Partner::from_numeric(842)?, Partner::Country(Country::USA));
//! # Ok::<(), dostyk_core_model::country::CountryError>(())
//! ```

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::generated::countries::COUNTRIES;
use crate::generated::m49::AGGREGATES;

/// What went wrong when reading a country or partner code.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum CountryError {
    /// The text is not shaped like any code.
    #[error(
        "\"{code}\" is not a country code: expected two letters (KZ), three letters (KAZ) or a numeric M49 code of 1 to 4 digits (398)"
    )]
    Malformed {
        /// The code that was given.
        code: String,
    },
    /// Shaped like a code, but no country or aggregate has it.
    #[error(
        "\"{code}\" is not an ISO 3166-1 country code nor a UN M49 / Comtrade aggregate known to Dostyk; check the code, or add the aggregate to data/reference/m49_aggregates.csv"
    )]
    Unknown {
        /// The code that was given.
        code: String,
    },
    /// The code names an aggregate where a country was required.
    #[error(
        "\"{code}\" is the aggregate \"{aggregate}\", not a country; accept a Partner if aggregates are allowed here"
    )]
    NotACountry {
        /// The code that was given.
        code: String,
        /// English name of the aggregate it names.
        aggregate: &'static str,
    },
}

/// One row of the ISO 3166-1 table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct CountryInfo {
    pub(crate) alpha2: &'static str,
    pub(crate) alpha3: &'static str,
    pub(crate) numeric: u16,
    pub(crate) name_en: &'static str,
    pub(crate) name_ru: &'static str,
}

/// One row of the aggregates table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct AggregateInfo {
    pub(crate) code: u16,
    pub(crate) name_en: &'static str,
    pub(crate) name_ru: &'static str,
    pub(crate) source: &'static str,
}

/// Non-ISO numeric codes UN Comtrade uses for reporters, with the ISO country each maps to:
/// `(comtrade code, alpha-3, territory the Comtrade code covers)`.
pub const COMTRADE_ALIASES: &[(u16, &str, &str)] = &[
    (251, "FRA", "France and Monaco"),
    (
        381,
        "ITA",
        "Italy, San Marino and the Holy See (Comtrade's historical code)",
    ),
    (579, "NOR", "Norway, Svalbard and Jan Mayen"),
    (699, "IND", "India (Comtrade's historical code)"),
    (757, "CHE", "Switzerland and Liechtenstein"),
    (841, "USA", "USA before 1981 (Comtrade's historical code)"),
    (842, "USA", "USA, Puerto Rico and US Virgin Islands"),
];

/// Letter codes that Comtrade data rows use for aggregates: `(code, M49 numeric)`.
const AGGREGATE_LETTER_CODES: &[(&str, u16)] = &[("W00", 0), ("WLD", 0), ("_X", 899)];

/// An ISO 3166-1 country. A `Copy` handle; compare, hash and order it freely (it orders by
/// alpha-3 code). Every country has a constant named by its alpha-3 code, e.g. [`Country::KAZ`].
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Country(pub(crate) u16);

impl Country {
    fn info(self) -> &'static CountryInfo {
        // Invariant: a Country is only built from an index into COUNTRIES (generated constants
        // and the lookups below), so the index is in range.
        &COUNTRIES[usize::from(self.0)]
    }

    /// Two-letter code, e.g. `KZ`.
    pub fn alpha2(self) -> &'static str {
        self.info().alpha2
    }

    /// Three-letter code, e.g. `KAZ`.
    pub fn alpha3(self) -> &'static str {
        self.info().alpha3
    }

    /// UN M49 / ISO 3166-1 numeric code, e.g. 398.
    pub fn numeric(self) -> u16 {
        self.info().numeric
    }

    /// English short name, e.g. `Kazakhstan`.
    pub fn name_en(self) -> &'static str {
        self.info().name_en
    }

    /// Russian name, e.g. `Казахстан`.
    pub fn name_ru(self) -> &'static str {
        self.info().name_ru
    }

    /// Every country, ordered by alpha-3 code.
    pub fn all() -> impl ExactSizeIterator<Item = Country> {
        (0..COUNTRIES.len()).map(|i| Country(i as u16))
    }

    /// The country with this numeric code, or with this Comtrade alias (see
    /// [`COMTRADE_ALIASES`]).
    pub fn from_numeric(code: u16) -> Result<Country, CountryError> {
        match Partner::from_numeric(code)? {
            Partner::Country(c) => Ok(c),
            Partner::Aggregate(a) => Err(CountryError::NotACountry {
                code: code.to_string(),
                aggregate: a.name_en(),
            }),
        }
    }

    /// The country with this alpha-2, alpha-3 or numeric code (see the module docs).
    pub fn from_code(code: &str) -> Result<Country, CountryError> {
        match Partner::from_code(code)? {
            Partner::Country(c) => Ok(c),
            Partner::Aggregate(a) => Err(CountryError::NotACountry {
                code: code.to_owned(),
                aggregate: a.name_en(),
            }),
        }
    }

    fn find(pred: impl Fn(&CountryInfo) -> bool) -> Option<Country> {
        COUNTRIES.iter().position(pred).map(|i| Country(i as u16))
    }
}

impl fmt::Debug for Country {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.alpha3())
    }
}

/// Shows the alpha-3 code.
impl fmt::Display for Country {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.alpha3())
    }
}

impl std::str::FromStr for Country {
    type Err = CountryError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Country::from_code(s)
    }
}

/// A UN M49 / UN Comtrade aggregate or special area that appears as a trade partner, e.g.
/// [`Aggregate::WORLD`] (0) or [`Aggregate::AREAS_NES`] (899).
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Aggregate(pub(crate) u16);

impl Aggregate {
    fn info(self) -> &'static AggregateInfo {
        // Invariant: built only from indices into AGGREGATES.
        &AGGREGATES[usize::from(self.0)]
    }

    /// Numeric M49 / Comtrade code, e.g. 0 for World.
    pub fn code(self) -> u16 {
        self.info().code
    }

    /// English name, e.g. `World`.
    pub fn name_en(self) -> &'static str {
        self.info().name_en
    }

    /// Russian name, e.g. `Мир`.
    pub fn name_ru(self) -> &'static str {
        self.info().name_ru
    }

    /// Where the code and its name come from.
    pub fn source(self) -> &'static str {
        self.info().source
    }

    /// Every aggregate Dostyk knows.
    pub fn all() -> impl ExactSizeIterator<Item = Aggregate> {
        (0..AGGREGATES.len()).map(|i| Aggregate(i as u16))
    }

    fn from_numeric(code: u16) -> Option<Aggregate> {
        AGGREGATES
            .iter()
            .position(|a| a.code == code)
            .map(|i| Aggregate(i as u16))
    }
}

impl fmt::Debug for Aggregate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ({})", self.code(), self.name_en())
    }
}

/// Shows the English name.
impl fmt::Display for Aggregate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name_en())
    }
}

/// A trade partner or reporter: a country or an aggregate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Partner {
    /// An ISO 3166-1 country.
    Country(Country),
    /// A UN M49 / Comtrade aggregate such as World.
    Aggregate(Aggregate),
}

impl Partner {
    /// The partner with this numeric code: an ISO country, a Comtrade alias of one, or an
    /// aggregate.
    pub fn from_numeric(code: u16) -> Result<Partner, CountryError> {
        if let Some(c) = Country::find(|c| c.numeric == code) {
            return Ok(Partner::Country(c));
        }
        if let Some(&(_, alpha3, _)) = COMTRADE_ALIASES.iter().find(|(n, _, _)| *n == code)
            && let Some(c) = Country::find(|c| c.alpha3 == alpha3)
        {
            return Ok(Partner::Country(c));
        }
        Aggregate::from_numeric(code)
            .map(Partner::Aggregate)
            .ok_or_else(|| CountryError::Unknown {
                code: code.to_string(),
            })
    }

    /// The partner with this alpha-2, alpha-3 or numeric code, or a Comtrade letter code of an
    /// aggregate (`W00`, `WLD`, `_X`); case-insensitive, surrounding spaces ignored.
    pub fn from_code(code: &str) -> Result<Partner, CountryError> {
        let t = code.trim();
        if let Some(&(_, n)) = AGGREGATE_LETTER_CODES
            .iter()
            .find(|(c, _)| c.eq_ignore_ascii_case(t))
        {
            return Partner::from_numeric(n);
        }
        let malformed = || CountryError::Malformed {
            code: code.to_owned(),
        };
        let unknown = || CountryError::Unknown {
            code: code.to_owned(),
        };
        if !t.is_empty() && t.len() <= 4 && t.bytes().all(|b| b.is_ascii_digit()) {
            let n: u16 = t.parse().map_err(|_| malformed())?;
            return Partner::from_numeric(n).map_err(|_| unknown());
        }
        if !t.bytes().all(|b| b.is_ascii_alphabetic()) {
            return Err(malformed());
        }
        let found = match t.len() {
            2 => Country::find(|c| c.alpha2.eq_ignore_ascii_case(t)),
            3 => Country::find(|c| c.alpha3.eq_ignore_ascii_case(t)),
            _ => return Err(malformed()),
        };
        found.map(Partner::Country).ok_or_else(unknown)
    }

    /// English name.
    pub fn name_en(self) -> &'static str {
        match self {
            Partner::Country(c) => c.name_en(),
            Partner::Aggregate(a) => a.name_en(),
        }
    }

    /// Russian name.
    pub fn name_ru(self) -> &'static str {
        match self {
            Partner::Country(c) => c.name_ru(),
            Partner::Aggregate(a) => a.name_ru(),
        }
    }

    /// The numeric M49 code (countries: ISO 3166-1 numeric).
    pub fn numeric(self) -> u16 {
        match self {
            Partner::Country(c) => c.numeric(),
            Partner::Aggregate(a) => a.code(),
        }
    }
}

/// Shows a country's alpha-3 code, an aggregate's English name.
impl fmt::Display for Partner {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Partner::Country(c) => c.fmt(f),
            Partner::Aggregate(a) => a.fmt(f),
        }
    }
}

impl std::str::FromStr for Partner {
    type Err = CountryError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Partner::from_code(s)
    }
}

impl From<Country> for Partner {
    fn from(c: Country) -> Self {
        Partner::Country(c)
    }
}

impl From<Aggregate> for Partner {
    fn from(a: Aggregate) -> Self {
        Partner::Aggregate(a)
    }
}

impl Serialize for Country {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.alpha3())
    }
}

impl Serialize for Aggregate {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_u16(self.code())
    }
}

impl Serialize for Partner {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Partner::Country(c) => c.serialize(s),
            Partner::Aggregate(a) => a.serialize(s),
        }
    }
}

/// Accepts a partner code as a string or a non-negative integer.
struct PartnerVisitor;

impl serde::de::Visitor<'_> for PartnerVisitor {
    type Value = Partner;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a country or aggregate code: KZ, KAZ, \"398\" or 398")
    }

    fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Partner, E> {
        Partner::from_code(v).map_err(E::custom)
    }

    fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Partner, E> {
        let n = u16::try_from(v).map_err(|_| {
            E::custom(CountryError::Unknown {
                code: v.to_string(),
            })
        })?;
        Partner::from_numeric(n).map_err(E::custom)
    }

    fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<Partner, E> {
        let n = u64::try_from(v).map_err(|_| {
            E::custom(CountryError::Malformed {
                code: v.to_string(),
            })
        })?;
        self.visit_u64(n)
    }
}

impl<'de> Deserialize<'de> for Partner {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(PartnerVisitor)
    }
}

impl<'de> Deserialize<'de> for Country {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        match Partner::deserialize(d)? {
            Partner::Country(c) => Ok(c),
            Partner::Aggregate(a) => Err(serde::de::Error::custom(CountryError::NotACountry {
                code: a.code().to_string(),
                aggregate: a.name_en(),
            })),
        }
    }
}

impl<'de> Deserialize<'de> for Aggregate {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        match Partner::deserialize(d)? {
            Partner::Aggregate(a) => Ok(a),
            Partner::Country(c) => Err(serde::de::Error::custom(format!(
                "{} is a country, not a UN M49 aggregate (expected e.g. 0 for World)",
                c.alpha3()
            ))),
        }
    }
}

#[cfg(feature = "proptest")]
impl proptest::arbitrary::Arbitrary for Country {
    type Parameters = ();
    type Strategy = proptest::strategy::Map<std::ops::Range<u16>, fn(u16) -> Country>;
    fn arbitrary_with((): ()) -> Self::Strategy {
        use proptest::strategy::Strategy as _;
        (0..COUNTRIES.len() as u16).prop_map(Country)
    }
}

#[cfg(feature = "proptest")]
impl proptest::arbitrary::Arbitrary for Partner {
    type Parameters = ();
    type Strategy = proptest::strategy::BoxedStrategy<Partner>;
    fn arbitrary_with((): ()) -> Self::Strategy {
        use proptest::strategy::Strategy as _;
        proptest::prop_oneof![
            4 => proptest::arbitrary::any::<Country>().prop_map(Partner::Country),
            1 => (0..AGGREGATES.len() as u16).prop_map(|i| Partner::Aggregate(Aggregate(i))),
        ]
        .boxed()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_form_finds_the_country() {
        for code in ["KZ", "kz", " KAZ ", "kaz", "398", "0398"] {
            assert_eq!(Country::from_code(code), Ok(Country::KAZ), "{code}");
        }
        assert_eq!(Country::from_numeric(860), Ok(Country::UZB));
        assert_eq!(Country::UZB.alpha2(), "UZ");
        assert_eq!(Country::KAZ.name_ru(), "Казахстан");
    }

    #[test]
    fn every_country_round_trips_through_each_code() {
        for c in Country::all() {
            assert_eq!(Country::from_code(c.alpha2()), Ok(c));
            assert_eq!(Country::from_code(c.alpha3()), Ok(c));
            assert_eq!(Country::from_numeric(c.numeric()), Ok(c));
        }
        assert_eq!(Country::all().len(), 249);
    }

    #[test]
    fn comtrade_aliases_resolve_and_do_not_collide_with_iso() {
        for &(n, alpha3, _) in COMTRADE_ALIASES {
            assert!(Country::find(|c| c.numeric == n).is_none(), "{n} is ISO");
            assert_eq!(Country::from_numeric(n).map(Country::alpha3), Ok(alpha3));
        }
        assert_eq!(Country::from_code("842"), Ok(Country::USA));
    }

    #[test]
    fn aggregate_codes_are_not_country_codes() {
        for a in Aggregate::all() {
            assert!(Country::find(|c| c.numeric == a.code()).is_none());
            assert_eq!(Partner::from_numeric(a.code()), Ok(Partner::Aggregate(a)));
        }
        assert_eq!(Partner::from_code("w00"), Ok(Aggregate::WORLD.into()));
        assert_eq!(Partner::from_code("_X"), Ok(Aggregate::AREAS_NES.into()));
        assert!(matches!(
            Country::from_code("0"),
            Err(CountryError::NotACountry {
                aggregate: "World",
                ..
            })
        ));
    }

    #[test]
    fn bad_codes_say_what_was_expected() {
        assert!(matches!(
            Partner::from_code("K"),
            Err(CountryError::Malformed { .. })
        ));
        assert!(matches!(
            Partner::from_code("12345"),
            Err(CountryError::Malformed { .. })
        ));
        assert!(matches!(
            Partner::from_code("QQQ"),
            Err(CountryError::Unknown { .. })
        ));
        assert!(matches!(
            Partner::from_code("1"),
            Err(CountryError::Unknown { .. })
        ));
        let msg = Partner::from_code("K-Z").unwrap_err().to_string();
        assert!(msg.contains("expected two letters"), "{msg}");
    }

    #[test]
    fn serde_forms() {
        let partners = vec![
            Partner::Country(Country::KAZ),
            Partner::Country(Country::UZB),
            Partner::Aggregate(Aggregate::WORLD),
            Partner::Aggregate(Aggregate::AREAS_NES),
        ];
        let json = serde_json::to_string(&partners).expect("serializing plain values");
        insta::assert_snapshot!(json);
        let back: Vec<Partner> = serde_json::from_str(&json).expect("own output parses");
        assert_eq!(back, partners);
        let loose: Vec<Partner> =
            serde_json::from_str(r#"["kz", 860, "0", "842"]"#).expect("any code form parses");
        assert_eq!(
            loose,
            vec![
                Country::KAZ.into(),
                Country::UZB.into(),
                Aggregate::WORLD.into(),
                Country::USA.into()
            ]
        );
        assert!(serde_json::from_str::<Country>("0").is_err());
        assert!(serde_json::from_str::<Partner>("-3").is_err());
    }

    mod props {
        use proptest::prelude::*;

        use super::super::*;

        proptest! {
            #[test]
            fn parsing_any_text_never_panics(s in "\\PC{0,8}") {
                let _ = Partner::from_code(&s);
                let _ = Country::from_code(&s);
            }

            #[test]
            fn numeric_text_with_leading_zeros_parses_like_the_number(i in 0..COUNTRIES.len() as u16) {
                let c = Country(i);
                prop_assert_eq!(Country::from_code(&format!("{:04}", c.numeric())), Ok(c));
                prop_assert_eq!(Country::from_code(&c.alpha3().to_ascii_lowercase()), Ok(c));
            }

            #[test]
            fn serde_round_trips(i in 0..COUNTRIES.len() as u16, j in 0..AGGREGATES.len() as u16) {
                for p in [Partner::Country(Country(i)), Partner::Aggregate(Aggregate(j))] {
                    let json = serde_json::to_string(&p).expect("plain value");
                    prop_assert_eq!(serde_json::from_str::<Partner>(&json).expect("own output"), p);
                }
            }
        }
    }
}
