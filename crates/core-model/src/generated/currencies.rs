// Seed table; replaced by `cargo xtask codegen`.
use crate::money::CurrencyInfo;
pub(crate) static CURRENCIES: &[CurrencyInfo] = &[
    CurrencyInfo {
        code: "CNY",
        numeric: 156,
        minor_units: Some(2),
        name: "Yuan Renminbi",
    },
    CurrencyInfo {
        code: "EUR",
        numeric: 978,
        minor_units: Some(2),
        name: "Euro",
    },
    CurrencyInfo {
        code: "KZT",
        numeric: 398,
        minor_units: Some(2),
        name: "Tenge",
    },
    CurrencyInfo {
        code: "RUB",
        numeric: 643,
        minor_units: Some(2),
        name: "Russian Ruble",
    },
    CurrencyInfo {
        code: "USD",
        numeric: 840,
        minor_units: Some(2),
        name: "US Dollar",
    },
    CurrencyInfo {
        code: "UZS",
        numeric: 860,
        minor_units: Some(2),
        name: "Uzbekistan Sum",
    },
];
