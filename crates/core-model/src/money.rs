//! Money: an amount in a currency, never mixed with another currency, and dated exchange rates
//! that say which rate converted what.
//!
//! Every ISO 4217 currency (table generated at development time from
//! `data/reference/currencies.csv`) has a constant named by its code: [`Currency::USD`],
//! [`Currency::KZT`], [`Currency::UZS`], …
//!
//! ```
//! use dostyk_core_model::money::{Currency, ExchangeRate, ExchangeRates, Money, RateKind};
//! use dostyk_core_model::provenance::SourceId;
//! use rust_decimal::Decimal;
//!
//! let exports = Money::new(Decimal::new(440, 2), Currency::USD);
//! assert_eq!(exports.to_string(), "4.40 USD");
//! let total = Money::sum_in(Currency::USD, [exports, exports])?;
//! assert_eq!(total.amount, Decimal::new(880, 2));
//! // Adding tenge to dollars is an error, not a number.
//! assert!(exports.checked_add(&Money::new(Decimal::ONE, Currency::KZT)).is_err());
//!
//! let mut rates = ExchangeRates::new();
//! rates.insert(ExchangeRate {
//!     from: Currency::USD,
//!     to: Currency::KZT,
//!     period: "2024".parse()?,
//!     kind: RateKind::PeriodAverage,
//!     rate: Decimal::new(46_973, 2),
//!     source: SourceId::new("nbk-rates-2024")?,
//! })?;
//! let c = rates.convert(&exports, Currency::KZT, "2024".parse()?, RateKind::PeriodAverage)?;
//! assert_eq!(c.money.to_string(), "2066.8120 KZT");
//! assert_eq!(c.rate.as_ref().map(|r| r.source.as_str()), Some("nbk-rates-2024"));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::fmt;

use rust_decimal::Decimal;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::generated::currencies::CURRENCIES;
use crate::period::Period;
use crate::provenance::SourceId;

/// What went wrong with money.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum MoneyError {
    /// Arithmetic between two currencies.
    #[error("cannot combine {left} with {right}: convert one of them with an exchange rate first")]
    CurrencyMismatch {
        /// Currency of the left operand.
        left: Currency,
        /// Currency of the right operand.
        right: Currency,
    },
    /// A code that is not in ISO 4217.
    #[error(
        "\"{code}\" is not an ISO 4217 currency code (expected three letters such as USD, KZT, UZS)"
    )]
    UnknownCurrency {
        /// The code that was given.
        code: String,
    },
    /// The result does not fit a decimal.
    #[error("the amount overflows a 96-bit decimal; check the inputs for a unit error")]
    Overflow,
    /// A numeric code that is not in ISO 4217.
    #[error(
        "{code} is not an ISO 4217 numeric currency code (expected e.g. 840 for USD, 398 for KZT)"
    )]
    UnknownNumericCurrency {
        /// The code that was given.
        code: u16,
    },
    /// No rate converts between the two currencies for that period and kind.
    #[error(
        "no {kind} exchange rate from {from} to {to} for {period} (nor the inverse); add one to the ExchangeRates"
    )]
    MissingRate {
        /// Currency converted from.
        from: Currency,
        /// Currency converted to.
        to: Currency,
        /// Period asked for.
        period: Period,
        /// Kind of rate asked for.
        kind: RateKind,
    },
    /// A rate that cannot be used.
    #[error("exchange rate {rate} from {from} to {to} is unusable: {reason}")]
    InvalidRate {
        /// Currency converted from.
        from: Currency,
        /// Currency converted to.
        to: Currency,
        /// The rate given.
        rate: Decimal,
        /// What is wrong with it.
        reason: &'static str,
    },
    /// The same rate key given twice with different values.
    #[error(
        "conflicting {kind} exchange rates from {from} to {to} for {period}: {existing} (source {existing_source}) and {new} (source {new_source}); keep one"
    )]
    ConflictingRate {
        /// Currency converted from.
        from: Currency,
        /// Currency converted to.
        to: Currency,
        /// Period of the rates.
        period: Period,
        /// Kind of the rates.
        kind: RateKind,
        /// Rate already held.
        existing: Decimal,
        /// Its source.
        existing_source: SourceId,
        /// Rate offered.
        new: Decimal,
        /// Its source.
        new_source: SourceId,
    },
}

/// One row of the ISO 4217 table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CurrencyInfo {
    /// Alphabetic code, e.g. `USD`.
    pub code: &'static str,
    /// Numeric code, e.g. 840.
    pub numeric: u16,
    /// Digits after the decimal point; `None` where ISO gives "N.A.".
    pub minor_units: Option<u8>,
    /// English name.
    pub name: &'static str,
    /// Russian name, where pycountry's `ru` catalogue has one.
    pub name_ru: Option<&'static str>,
}

/// An ISO 4217 currency: a `Copy` handle into the generated table. Serializes as its code.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Currency(pub(crate) u16);

impl Currency {
    /// Looks a currency up by its alphabetic code, case-insensitively.
    pub fn from_code(code: &str) -> Result<Self, MoneyError> {
        CURRENCIES
            .iter()
            .position(|c| c.code.eq_ignore_ascii_case(code.trim()))
            .map(|i| Currency(i as u16))
            .ok_or_else(|| MoneyError::UnknownCurrency {
                code: code.to_owned(),
            })
    }

    /// The table row of this currency.
    pub fn info(&self) -> &'static CurrencyInfo {
        &CURRENCIES[usize::from(self.0)]
    }

    /// The alphabetic code.
    pub fn code(&self) -> &'static str {
        self.info().code
    }

    /// Looks a currency up by its ISO 4217 numeric code (e.g. 398 for KZT).
    pub fn from_numeric(code: u16) -> Result<Self, MoneyError> {
        CURRENCIES
            .iter()
            .position(|c| c.numeric == code)
            .map(|i| Currency(i as u16))
            .ok_or(MoneyError::UnknownNumericCurrency { code })
    }

    /// The ISO 4217 numeric code.
    pub fn numeric(&self) -> u16 {
        self.info().numeric
    }

    /// Digits after the decimal point (2 for USD, 0 for JPY); `None` where ISO 4217 says
    /// "N.A." (gold, SDR, test codes).
    pub fn minor_units(&self) -> Option<u8> {
        self.info().minor_units
    }

    /// English name, e.g. `Tenge`.
    pub fn name(&self) -> &'static str {
        self.info().name
    }

    /// Russian name where known.
    pub fn name_ru(&self) -> Option<&'static str> {
        self.info().name_ru
    }

    /// Every ISO 4217 currency, ordered by code.
    pub fn all() -> impl ExactSizeIterator<Item = Currency> {
        (0..CURRENCIES.len()).map(|i| Currency(i as u16))
    }
}

impl std::str::FromStr for Currency {
    type Err = MoneyError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Currency::from_code(s)
    }
}

impl fmt::Debug for Currency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl fmt::Display for Currency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl Serialize for Currency {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.code())
    }
}

impl<'de> Deserialize<'de> for Currency {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let code = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        Currency::from_code(&code).map_err(serde::de::Error::custom)
    }
}

/// An amount of money in one currency.
///
/// Serializes as `{"amount": "4.40", "currency": "USD"}` (the amount as a string, so no float
/// ever touches it). [`Display`](fmt::Display) writes the amount exactly as stored, a space and
/// the code (`4.40 USD`, `2066.8120 KZT`); call [`Money::round_to_minor_units`] first to show
/// the currency's usual number of decimals.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Money {
    /// The amount, exact.
    pub amount: Decimal,
    /// Its currency.
    pub currency: Currency,
}

impl Money {
    /// `amount` in `currency`.
    pub fn new(amount: Decimal, currency: Currency) -> Self {
        Self { amount, currency }
    }

    /// The sum of two amounts in the same currency.
    pub fn checked_add(&self, other: &Money) -> Result<Money, MoneyError> {
        self.same(other)?;
        let amount = self
            .amount
            .checked_add(other.amount)
            .ok_or(MoneyError::Overflow)?;
        Ok(Money::new(amount, self.currency))
    }

    /// The difference of two amounts in the same currency.
    pub fn checked_sub(&self, other: &Money) -> Result<Money, MoneyError> {
        self.same(other)?;
        let amount = self
            .amount
            .checked_sub(other.amount)
            .ok_or(MoneyError::Overflow)?;
        Ok(Money::new(amount, self.currency))
    }

    /// The amount multiplied by a scalar (a share, a growth factor, a quantity), same currency.
    pub fn checked_mul(&self, factor: Decimal) -> Result<Money, MoneyError> {
        let amount = self
            .amount
            .checked_mul(factor)
            .ok_or(MoneyError::Overflow)?;
        Ok(Money::new(amount, self.currency))
    }

    /// The sum of `items`, all of which must be in `currency`; the empty sum is zero in
    /// `currency`. The first item in another currency is an error.
    pub fn sum_in<I>(currency: Currency, items: I) -> Result<Money, MoneyError>
    where
        I: IntoIterator,
        I::Item: std::borrow::Borrow<Money>,
    {
        use std::borrow::Borrow as _;
        items
            .into_iter()
            .try_fold(Money::new(Decimal::ZERO, currency), |acc, m| {
                acc.checked_add(m.borrow())
            })
    }

    /// The amount rounded half away from zero to the currency's minor units; unchanged where
    /// ISO 4217 gives none.
    #[must_use]
    pub fn round_to_minor_units(&self) -> Money {
        match self.currency.minor_units() {
            Some(dp) => Money::new(
                self.amount.round_dp_with_strategy(
                    u32::from(dp),
                    rust_decimal::RoundingStrategy::MidpointAwayFromZero,
                ),
                self.currency,
            ),
            None => *self,
        }
    }

    fn same(&self, other: &Money) -> Result<(), MoneyError> {
        if self.currency == other.currency {
            Ok(())
        } else {
            Err(MoneyError::CurrencyMismatch {
                left: self.currency,
                right: other.currency,
            })
        }
    }
}

/// Writes `4.40 USD`: the amount as stored, a space, the currency code.
impl fmt::Display for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.amount, self.currency)
    }
}

/// Which statistic of the exchange rate over the period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RateKind {
    /// Average of the period (convert flows such as trade values).
    PeriodAverage,
    /// Rate on the last day of the period (convert stocks such as debt).
    EndOfPeriod,
}

impl fmt::Display for RateKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            RateKind::PeriodAverage => "period-average",
            RateKind::EndOfPeriod => "end-of-period",
        })
    }
}

/// One dated exchange rate: one unit of `from` is worth `rate` units of `to`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct ExchangeRate {
    /// Currency converted from.
    pub from: Currency,
    /// Currency converted to.
    pub to: Currency,
    /// Period the rate applies to.
    pub period: Period,
    /// Average or end of period.
    pub kind: RateKind,
    /// Units of `to` per unit of `from`; positive.
    pub rate: Decimal,
    /// Where the rate was published.
    pub source: SourceId,
}

/// The result of a conversion and the rate that produced it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Converted {
    /// The converted amount, exact (not rounded).
    pub money: Money,
    /// The rate used, as stored; `None` when no conversion was needed (same currency).
    pub rate: Option<ExchangeRate>,
    /// `true` when the stored rate runs the other way (`to` → `from`) and the amount was
    /// divided by it.
    pub inverted: bool,
}

/// A set of dated exchange rates, at most one per (from, to, period, kind).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExchangeRates {
    rates: Vec<ExchangeRate>,
}

impl ExchangeRates {
    /// No rates.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a rate. Rejects a non-positive rate, a rate from a currency to itself, and a second
    /// rate for the same key with a different value (the same value again is accepted).
    pub fn insert(&mut self, rate: ExchangeRate) -> Result<(), MoneyError> {
        let invalid = |reason| MoneyError::InvalidRate {
            from: rate.from,
            to: rate.to,
            rate: rate.rate,
            reason,
        };
        if rate.rate <= Decimal::ZERO {
            return Err(invalid("a rate must be positive"));
        }
        if rate.from == rate.to {
            return Err(invalid(
                "a rate must convert between two different currencies",
            ));
        }
        if let Some(existing) = self.find(rate.from, rate.to, rate.period, rate.kind) {
            if existing.rate == rate.rate {
                return Ok(());
            }
            return Err(MoneyError::ConflictingRate {
                from: rate.from,
                to: rate.to,
                period: rate.period,
                kind: rate.kind,
                existing: existing.rate,
                existing_source: existing.source.clone(),
                new: rate.rate,
                new_source: rate.source,
            });
        }
        self.rates.push(rate);
        Ok(())
    }

    /// The rates held, in insertion order.
    pub fn iter(&self) -> impl ExactSizeIterator<Item = &ExchangeRate> {
        self.rates.iter()
    }

    fn find(
        &self,
        from: Currency,
        to: Currency,
        period: Period,
        kind: RateKind,
    ) -> Option<&ExchangeRate> {
        self.rates
            .iter()
            .find(|r| r.from == from && r.to == to && r.period == period && r.kind == kind)
    }

    /// Converts `money` into `to` with the rate of exactly `period` and `kind`. A direct rate
    /// is multiplied; failing that an inverse rate (`to` → `from`) is divided by. No rate of
    /// another period or kind is ever substituted.
    pub fn convert(
        &self,
        money: &Money,
        to: Currency,
        period: Period,
        kind: RateKind,
    ) -> Result<Converted, MoneyError> {
        if money.currency == to {
            return Ok(Converted {
                money: *money,
                rate: None,
                inverted: false,
            });
        }
        if let Some(r) = self.find(money.currency, to, period, kind) {
            let amount = money
                .amount
                .checked_mul(r.rate)
                .ok_or(MoneyError::Overflow)?;
            return Ok(Converted {
                money: Money::new(amount, to),
                rate: Some(r.clone()),
                inverted: false,
            });
        }
        if let Some(r) = self.find(to, money.currency, period, kind) {
            // Rates are validated positive on insert, so the division is defined.
            let amount = money
                .amount
                .checked_div(r.rate)
                .ok_or(MoneyError::Overflow)?;
            return Ok(Converted {
                money: Money::new(amount, to),
                rate: Some(r.clone()),
                inverted: true,
            });
        }
        Err(MoneyError::MissingRate {
            from: money.currency,
            to,
            period,
            kind,
        })
    }
}

#[cfg(feature = "proptest")]
mod arbitrary {
    use proptest::prelude::*;

    use super::{CURRENCIES, Currency, Decimal, Money};

    impl Arbitrary for Currency {
        type Parameters = ();
        type Strategy = BoxedStrategy<Currency>;
        fn arbitrary_with((): ()) -> Self::Strategy {
            (0..CURRENCIES.len() as u16).prop_map(Currency).boxed()
        }
    }

    /// Amounts up to about ±9.2e14 with 0 to 4 decimals, in any currency.
    impl Arbitrary for Money {
        type Parameters = ();
        type Strategy = BoxedStrategy<Money>;
        fn arbitrary_with((): ()) -> Self::Strategy {
            (-(1_i64 << 50)..(1_i64 << 50), 0_u32..=4, any::<Currency>())
                .prop_map(|(mantissa, scale, currency)| {
                    Money::new(Decimal::new(mantissa, scale), currency)
                })
                .boxed()
        }
    }
}

#[cfg(test)]
mod tests {
    use rust_decimal_macros::dec;

    use super::*;

    fn usd(amount: Decimal) -> Money {
        Money::new(amount, Currency::USD)
    }

    fn rate(
        from: Currency,
        to: Currency,
        period: &str,
        kind: RateKind,
        r: Decimal,
    ) -> ExchangeRate {
        ExchangeRate {
            from,
            to,
            period: period.parse().expect("test periods are valid"),
            kind,
            rate: r,
            source: SourceId::new("test-rates").expect("valid id"),
        }
    }

    #[test]
    fn currency_table_and_constants() {
        assert_eq!(Currency::KZT.code(), "KZT");
        assert_eq!(Currency::KZT.numeric(), 398);
        assert_eq!(Currency::UZS.minor_units(), Some(2));
        assert_eq!(
            Currency::from_code("jpy").map(|c| c.minor_units()),
            Ok(Some(0))
        );
        assert_eq!(
            Currency::from_code("KWD").map(|c| c.minor_units()),
            Ok(Some(3))
        );
        assert_eq!(
            Currency::from_code("XAU").map(|c| c.minor_units()),
            Ok(None)
        );
        assert_eq!(Currency::from_numeric(860), Ok(Currency::UZS));
        assert_eq!(Currency::RUB.name(), "Russian Ruble");
        assert!(Currency::from_numeric(1).is_err());
        for c in Currency::all() {
            assert_eq!(Currency::from_code(c.code()), Ok(c));
            assert_eq!(Currency::from_numeric(c.numeric()), Ok(c));
        }
        let _ = (Currency::EUR, Currency::CNY);
    }

    #[test]
    fn display_and_rounding() {
        assert_eq!(usd(dec!(4.40)).to_string(), "4.40 USD");
        assert_eq!(
            usd(dec!(4.405)).round_to_minor_units().to_string(),
            "4.41 USD"
        );
        let yen = Money::new(dec!(12.5), Currency::from_code("JPY").expect("ISO code"));
        assert_eq!(yen.round_to_minor_units().to_string(), "13 JPY");
    }

    #[test]
    fn arithmetic_in_one_currency() {
        assert_eq!(
            usd(dec!(1.10)).checked_add(&usd(dec!(2.205))),
            Ok(usd(dec!(3.305)))
        );
        assert_eq!(
            usd(dec!(1)).checked_sub(&usd(dec!(2.5))),
            Ok(usd(dec!(-1.5)))
        );
        assert_eq!(usd(dec!(4.97)).checked_mul(dec!(0.5)), Ok(usd(dec!(2.485))));
        assert_eq!(
            Money::sum_in(Currency::USD, Vec::<Money>::new()),
            Ok(usd(Decimal::ZERO))
        );
        assert_eq!(
            usd(Decimal::MAX).checked_add(&usd(Decimal::MAX)),
            Err(MoneyError::Overflow)
        );
        assert_eq!(
            usd(Decimal::MAX).checked_mul(dec!(2)),
            Err(MoneyError::Overflow)
        );
    }

    #[test]
    fn conversion_uses_exactly_the_asked_rate_and_says_which() {
        let mut rates = ExchangeRates::new();
        rates
            .insert(rate(
                Currency::USD,
                Currency::KZT,
                "2024",
                RateKind::PeriodAverage,
                dec!(469.44),
            ))
            .expect("valid rate");
        rates
            .insert(rate(
                Currency::USD,
                Currency::KZT,
                "2024",
                RateKind::EndOfPeriod,
                dec!(525.11),
            ))
            .expect("valid rate");
        let y2024: Period = "2024".parse().expect("valid");
        let c = rates
            .convert(&usd(dec!(2)), Currency::KZT, y2024, RateKind::EndOfPeriod)
            .expect("rate present");
        assert_eq!(c.money, Money::new(dec!(1050.22), Currency::KZT));
        assert_eq!(c.rate.as_ref().map(|r| r.kind), Some(RateKind::EndOfPeriod));
        assert!(!c.inverted);

        let back = rates
            .convert(
                &Money::new(dec!(938.88), Currency::KZT),
                Currency::USD,
                y2024,
                RateKind::PeriodAverage,
            )
            .expect("inverse rate present");
        assert_eq!(back.money, usd(dec!(2)));
        assert!(back.inverted);

        let same = rates
            .convert(&usd(dec!(3)), Currency::USD, y2024, RateKind::PeriodAverage)
            .expect("no conversion needed");
        assert_eq!((same.money, same.rate), (usd(dec!(3)), None));

        let err = rates
            .convert(
                &usd(dec!(1)),
                Currency::KZT,
                "2023".parse().expect("valid"),
                RateKind::PeriodAverage,
            )
            .unwrap_err();
        assert!(matches!(err, MoneyError::MissingRate { .. }));
        assert_eq!(
            err.to_string(),
            "no period-average exchange rate from USD to KZT for 2023 (nor the inverse); add one to the ExchangeRates"
        );
        assert!(matches!(
            rates.convert(&usd(dec!(1)), Currency::UZS, y2024, RateKind::PeriodAverage),
            Err(MoneyError::MissingRate { .. })
        ));
    }

    #[test]
    fn bad_rates_are_rejected() {
        let mut rates = ExchangeRates::new();
        let r = |v| {
            rate(
                Currency::USD,
                Currency::UZS,
                "2025",
                RateKind::PeriodAverage,
                v,
            )
        };
        assert!(matches!(
            rates.insert(r(dec!(0))),
            Err(MoneyError::InvalidRate { .. })
        ));
        assert!(matches!(
            rates.insert(rate(
                Currency::USD,
                Currency::USD,
                "2025",
                RateKind::PeriodAverage,
                dec!(1)
            )),
            Err(MoneyError::InvalidRate { .. })
        ));
        rates.insert(r(dec!(12650))).expect("valid rate");
        rates
            .insert(r(dec!(12650)))
            .expect("same value again is fine");
        assert!(matches!(
            rates.insert(r(dec!(12700))),
            Err(MoneyError::ConflictingRate { .. })
        ));
        assert_eq!(rates.iter().len(), 1);
    }

    #[test]
    fn serde_form_of_money() {
        let m = vec![usd(dec!(4.40)), Money::new(dec!(-12650.5), Currency::UZS)];
        let json = serde_json::to_string(&m).expect("plain values serialize");
        insta::assert_snapshot!(json);
        let back: Vec<Money> = serde_json::from_str(&json).expect("own output parses");
        assert_eq!(back, m);
        let bad = serde_json::from_str::<Money>(r#"{"amount":"1","currency":"ZZZ"}"#)
            .unwrap_err()
            .to_string();
        assert!(bad.contains("not an ISO 4217 currency code"), "{bad}");
    }

    mod props {
        use proptest::prelude::*;

        use super::super::*;

        fn currency() -> impl Strategy<Value = Currency> {
            (0..CURRENCIES.len() as u16).prop_map(Currency)
        }

        fn money() -> impl Strategy<Value = Money> {
            (-(1_i64 << 50)..(1_i64 << 50), 0_u32..=4, currency())
                .prop_map(|(m, s, c)| Money::new(Decimal::new(m, s), c))
        }

        proptest! {
            #[test]
            fn different_currencies_never_combine(a in money(), b in money()) {
                prop_assume!(a.currency != b.currency);
                let mismatch = Err(MoneyError::CurrencyMismatch { left: a.currency, right: b.currency });
                prop_assert_eq!(a.checked_add(&b), mismatch.clone());
                prop_assert_eq!(a.checked_sub(&b), mismatch);
                let mixed_sum = matches!(Money::sum_in(a.currency, [a, b]), Err(MoneyError::CurrencyMismatch { .. }));
                prop_assert!(mixed_sum);
                let foreign_sum = matches!(Money::sum_in(a.currency, [b]), Err(MoneyError::CurrencyMismatch { .. }));
                prop_assert!(foreign_sum);
            }

            #[test]
            fn same_currency_add_then_sub_round_trips(a in money(), b in money()) {
                let b = Money::new(b.amount, a.currency);
                let sum = a.checked_add(&b).expect("amounts below 2^51 do not overflow");
                prop_assert_eq!(sum.currency, a.currency);
                prop_assert_eq!(sum.checked_sub(&b), Ok(a));
            }

            #[test]
            fn sum_equals_folded_adds(xs in proptest::collection::vec(-(1_i64 << 40)..(1_i64 << 40), 0..20), c in currency()) {
                let items: Vec<Money> = xs.iter().map(|&x| Money::new(Decimal::new(x, 2), c)).collect();
                let expected: i64 = xs.iter().sum();
                prop_assert_eq!(Money::sum_in(c, &items), Ok(Money::new(Decimal::new(expected, 2), c)));
            }
        }
    }
}
