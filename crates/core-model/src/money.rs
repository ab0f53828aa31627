//! Money: an amount in a currency, never mixed with another currency.

use std::fmt;

use rust_decimal::Decimal;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::generated::currencies::CURRENCIES;

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
    #[error("the amount overflows")]
    Overflow,
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
}

/// An ISO 4217 currency.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Currency(u16);

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
