//! Languages: the report's words come from Fluent files, its numbers and dates are formatted here.
//!
//! Every user-facing text is a message in `crates/reporting/i18n/<lang>/briefing.ftl`
//! ([Project Fluent](https://projectfluent.org/) syntax), so translators edit text files and no
//! Rust. Numbers follow the language's conventions: English writes `4.4 bn USD`, `1,234.5`;
//! Russian writes `4,4 млрд долл. США`, `1 234,5` (a no-break space groups thousands and a comma
//! separates decimals, as GOST 8.417 and common Russian typography do).
//!
//! ```
//! use dostyk_reporting::i18n::{Language, Messages};
//! use dostyk_reporting::figure::FigureUnit;
//! use rust_decimal::Decimal;
//!
//! let ru = Messages::new(Language::Ru)?;
//! assert_eq!(ru.value(Decimal::new(44, 1) * Decimal::from(1_000_000_000), FigureUnit::Usd), "4,4 млрд долл. США");
//! let en = Messages::new(Language::En)?;
//! assert_eq!(en.value(Decimal::new(44, 1) * Decimal::from(1_000_000_000), FigureUnit::Usd), "$4.4 bn");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::cell::RefCell;
use std::fmt;
use std::str::FromStr;

use chrono::{Datelike, NaiveDate};
use fluent_bundle::{FluentArgs, FluentBundle, FluentResource, FluentValue};
use rust_decimal::Decimal;
use serde::Serialize;

use crate::figure::FigureUnit;

/// A report language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Language {
    /// English.
    En,
    /// Russian.
    Ru,
}

impl Language {
    /// Both languages, in output order.
    pub const ALL: [Language; 2] = [Language::En, Language::Ru];

    /// The BCP 47 tag: `en` or `ru`.
    pub fn code(&self) -> &'static str {
        match self {
            Language::En => "en",
            Language::Ru => "ru",
        }
    }

    fn ftl(self) -> &'static str {
        match self {
            Language::En => include_str!("../i18n/en/briefing.ftl"),
            Language::Ru => include_str!("../i18n/ru/briefing.ftl"),
        }
    }
}

impl fmt::Display for Language {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl FromStr for Language {
    type Err = I18nError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim() {
            "en" => Ok(Language::En),
            "ru" => Ok(Language::Ru),
            other => Err(I18nError::Language(other.to_owned())),
        }
    }
}

/// What went wrong with translations.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum I18nError {
    /// A language Dostyk has no messages for.
    #[error("no messages for language \"{0}\"; Dostyk speaks en and ru")]
    Language(String),
    /// A Fluent file that does not parse.
    #[error("the {language} messages do not parse: {message}")]
    Syntax {
        /// The language.
        language: Language,
        /// The parser's message.
        message: String,
    },
    /// Messages asked for but missing from the Fluent file.
    #[error("the {language} messages lack: {}", ids.join(", "))]
    Missing {
        /// The language.
        language: Language,
        /// The missing message ids.
        ids: Vec<String>,
    },
}

/// The messages of one language, with number and date formatting.
pub struct Messages {
    language: Language,
    bundle: FluentBundle<FluentResource>,
    missing: RefCell<Vec<String>>,
}

impl fmt::Debug for Messages {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Messages")
            .field("language", &self.language)
            .finish_non_exhaustive()
    }
}

impl Messages {
    /// Loads the messages of `language`.
    pub fn new(language: Language) -> Result<Messages, I18nError> {
        let resource =
            FluentResource::try_new(language.ftl().to_owned()).map_err(|(_, errs)| {
                I18nError::Syntax {
                    language,
                    message: errs
                        .iter()
                        .map(ToString::to_string)
                        .collect::<Vec<_>>()
                        .join("; "),
                }
            })?;
        let tag: unic_langid::LanguageIdentifier = language
            .code()
            .parse()
            .map_err(|_| I18nError::Language(language.code().to_owned()))?;
        let mut bundle = FluentBundle::new(vec![tag]);
        // No Unicode isolation marks around arguments: the output is plain text and HTML.
        bundle.set_use_isolating(false);
        bundle
            .add_resource(resource)
            .map_err(|errs| I18nError::Syntax {
                language,
                message: format!("{} duplicate or invalid entries", errs.len()),
            })?;
        Ok(Messages {
            language,
            bundle,
            missing: RefCell::new(Vec::new()),
        })
    }

    /// The language.
    pub fn language(&self) -> Language {
        self.language
    }

    /// The message `id` with no arguments.
    pub fn text(&self, id: &str) -> String {
        self.format(id, &[])
    }

    /// The message `id` with text arguments. A missing message gives `⟦id⟧` and is recorded;
    /// [`Messages::finish`] reports every one.
    pub fn format(&self, id: &str, args: &[(&str, &str)]) -> String {
        let Some(pattern) = self.bundle.get_message(id).and_then(|m| m.value()) else {
            self.missing.borrow_mut().push(id.to_owned());
            return format!("\u{27e6}{id}\u{27e7}");
        };
        let mut fluent_args = FluentArgs::new();
        for (k, v) in args {
            fluent_args.set(*k, FluentValue::from(*v));
        }
        let mut errors = Vec::new();
        let text = self
            .bundle
            .format_pattern(pattern, Some(&fluent_args), &mut errors);
        if !errors.is_empty() {
            self.missing.borrow_mut().push(format!("{id} (arguments)"));
        }
        text.into_owned()
    }

    /// The message `id` chosen by a count (Fluent plural categories of the language).
    pub fn count(&self, id: &str, count: u64) -> String {
        let Some(pattern) = self.bundle.get_message(id).and_then(|m| m.value()) else {
            self.missing.borrow_mut().push(id.to_owned());
            return format!("\u{27e6}{id}\u{27e7}");
        };
        let mut args = FluentArgs::new();
        args.set("count", FluentValue::from(count));
        args.set("n", FluentValue::from(self.integer(count)));
        let mut errors = Vec::new();
        let text = self
            .bundle
            .format_pattern(pattern, Some(&args), &mut errors);
        text.into_owned()
    }

    /// Whether the Fluent file has message `id`.
    pub fn has(&self, id: &str) -> bool {
        self.bundle.has_message(id)
    }

    /// Errors if any message asked for so far was missing.
    pub fn finish(&self) -> Result<(), I18nError> {
        let mut ids = self.missing.borrow().clone();
        if ids.is_empty() {
            return Ok(());
        }
        ids.sort();
        ids.dedup();
        Err(I18nError::Missing {
            language: self.language,
            ids,
        })
    }

    /// A decimal number with `decimals` places at most (trailing zeros dropped), grouped in
    /// thousands, in the language's style.
    pub fn number(&self, value: Decimal, decimals: u32) -> String {
        let rounded = value.round_dp(decimals).normalize();
        let text = rounded.abs().to_string();
        let (int, frac) = text.split_once('.').unwrap_or((&text, ""));
        let (group, point) = match self.language {
            Language::En => (",", "."),
            Language::Ru => ("\u{a0}", ","),
        };
        let mut out = String::with_capacity(text.len() + 8);
        if rounded.is_sign_negative() && !rounded.is_zero() {
            out.push('\u{2212}');
        }
        // Russian style leaves four-digit numbers ungrouped (1234, 12 345).
        let threshold = if self.language == Language::Ru { 4 } else { 3 };
        if int.len() > threshold {
            for (i, ch) in int.chars().enumerate() {
                if i > 0 && (int.len() - i) % 3 == 0 {
                    out.push_str(group);
                }
                out.push(ch);
            }
        } else {
            out.push_str(int);
        }
        if !frac.is_empty() {
            out.push_str(point);
            out.push_str(frac);
        }
        out
    }

    /// A whole number in the language's style.
    pub fn integer(&self, value: u64) -> String {
        self.number(Decimal::from(value), 0)
    }

    /// A figure's value with its unit, scaled for reading (`$4.4 bn`, `0.922 km³`, `12.5%`).
    pub fn value(&self, value: Decimal, unit: FigureUnit) -> String {
        // The sign goes before the whole amount: −$300 m, not $−300 m.
        if value.is_sign_negative() && !value.round_dp(4).is_zero() && unit != FigureUnit::Year {
            return format!("\u{2212}{}", self.value(value.abs(), unit));
        }
        let billion = Decimal::from(1_000_000_000u64);
        let million = Decimal::from(1_000_000u64);
        let (id, shown) = match unit {
            FigureUnit::Usd if value.abs() >= billion => {
                ("unit-usd-bn", self.number(value / billion, 2))
            }
            FigureUnit::Usd if value.abs() >= million => {
                ("unit-usd-m", self.number(value / million, 1))
            }
            FigureUnit::Usd => ("unit-usd", self.number(value, 0)),
            FigureUnit::Percent => ("unit-percent", self.number(value, 1)),
            FigureUnit::Km3 => ("unit-km3", self.number(value, 3)),
            FigureUnit::Mm3 => ("unit-mm3", self.number(value, 1)),
            FigureUnit::Bcm => ("unit-bcm", self.number(value, 2)),
            FigureUnit::Mt => ("unit-mt", self.number(value, 2)),
            FigureUnit::Count => ("unit-count", self.number(value, 0)),
            FigureUnit::Year => return value.round().to_string(),
        };
        self.format(id, &[("value", &shown)])
    }

    /// A period for a reader: `2023`, `Q1 2023`, `November 2023`, `Jan–Nov 2023`,
    /// `2022/23 (Jul–Jun)` for a marketing year, `growing season 2024`, `2021–2025` for a range,
    /// `2023-11-D2` for dekads and days (their canonical form is already readable).
    pub fn period(&self, span: &dostyk_core_model::period::Span) -> String {
        use dostyk_core_model::period::Span;
        match span {
            Span::YearToDate(ytd) => {
                let last = self.text(&format!("month-{}-short", ytd.through_month()));
                if ytd.through_month() == 1 {
                    format!("{last} {}", ytd.year())
                } else {
                    let first = self.text("month-1-short");
                    self.format(
                        "period-ytd",
                        &[
                            ("first", &first),
                            ("last", &last),
                            ("year", &ytd.year().to_string()),
                        ],
                    )
                }
            }
            Span::Period(p) => self.calendar_period(*p),
            Span::Season(s) => self.season(*s),
            Span::MarketingYear(m) => self.format(
                "period-marketing-year",
                &[
                    ("years", &m.years()),
                    (
                        "first",
                        &self.text(&format!("month-{}-short", m.start_month())),
                    ),
                    (
                        "last",
                        &self.text(&format!("month-{}-short", m.last_month())),
                    ),
                ],
            ),
            Span::Range(r) => self.format(
                "period-range",
                &[
                    ("first", &self.calendar_period(r.first())),
                    ("last", &self.calendar_period(r.last())),
                ],
            ),
            other => other.to_string(),
        }
    }

    /// A calendar period for a reader (see [`Messages::period`]).
    fn calendar_period(&self, p: dostyk_core_model::period::Period) -> String {
        use dostyk_core_model::period::PeriodKind;
        match (p.kind(), p.month_number()) {
            (PeriodKind::Quarter, _) => {
                let q = (p.first_day().month0() / 3 + 1).to_string();
                self.format(
                    "period-quarter",
                    &[("quarter", &q), ("year", &p.calendar_year().to_string())],
                )
            }
            (PeriodKind::Month, Some(m)) => self.format(
                "period-month",
                &[
                    ("month", &self.text(&format!("month-{m}-name"))),
                    ("year", &p.calendar_year().to_string()),
                ],
            ),
            _ => p.to_string(),
        }
    }

    /// An ICWC season for a reader: "growing season 2024", "non-growing season 2024–25".
    pub fn season(&self, season: dostyk_core_model::period::IcwcSeason) -> String {
        use dostyk_core_model::period::IcwcSeason;
        match season {
            IcwcSeason::Growing { year } => {
                self.format("season-growing", &[("year", &year.to_string())])
            }
            IcwcSeason::NonGrowing { start_year } => self.format(
                "season-non-growing",
                &[
                    ("first", &start_year.to_string()),
                    ("last", &start_year.saturating_add(1).to_string()),
                ],
            ),
        }
    }

    /// A date in words: `27 November 2026`, `27 ноября 2026 г.`.
    pub fn date(&self, date: NaiveDate) -> String {
        let month = self.text(&format!("month-{}-of", date.month()));
        self.format(
            "date-long",
            &[
                ("day", &date.day().to_string()),
                ("month", &month),
                ("year", &date.year().to_string()),
            ],
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    fn ids(src: &str) -> BTreeSet<String> {
        src.lines()
            .filter(|l| !l.starts_with([' ', '#', '\t']) && l.contains(" ="))
            .filter_map(|l| l.split_once(" =").map(|(id, _)| id.trim().to_owned()))
            .collect()
    }

    #[test]
    fn both_languages_have_the_same_messages() {
        let en = ids(Language::En.ftl());
        let ru = ids(Language::Ru.ftl());
        let only_en: Vec<_> = en.difference(&ru).collect();
        let only_ru: Vec<_> = ru.difference(&en).collect();
        assert!(
            only_en.is_empty() && only_ru.is_empty(),
            "en only: {only_en:?}; ru only: {only_ru:?}"
        );
        assert!(Messages::new(Language::En).is_ok());
        assert!(Messages::new(Language::Ru).is_ok());
    }

    #[test]
    fn numbers_follow_the_language() {
        let en = Messages::new(Language::En).unwrap();
        let ru = Messages::new(Language::Ru).unwrap();
        let v = Decimal::new(12_345_675, 3);
        assert_eq!(en.number(v, 2), "12,345.68");
        assert_eq!(ru.number(v, 2), "12\u{a0}345,68");
        assert_eq!(ru.number(Decimal::from(1234), 0), "1234");
        assert_eq!(en.number(Decimal::new(-15, 1), 1), "\u{2212}1.5");
        assert_eq!(en.number(Decimal::new(-4, 3), 2), "0");
        let bn = Decimal::from(4_970_000_000u64);
        assert_eq!(en.value(bn, FigureUnit::Usd), "$4.97 bn");
        assert_eq!(ru.value(bn, FigureUnit::Usd), "4,97 млрд долл. США");
        assert_eq!(ru.value(Decimal::new(922, 3), FigureUnit::Km3), "0,922 км³");
        assert_eq!(en.value(Decimal::new(125, 1), FigureUnit::Percent), "12.5%");
        assert_eq!(
            ru.value(Decimal::new(125, 1), FigureUnit::Percent),
            "12,5\u{a0}%"
        );
        assert_eq!(en.value(Decimal::from(2031), FigureUnit::Year), "2031");
        assert_eq!(
            en.value(Decimal::from(-300_000_000), FigureUnit::Usd),
            "\u{2212}$300 m"
        );
        assert_eq!(
            ru.value(Decimal::new(-91, 1), FigureUnit::Percent),
            "\u{2212}9,1\u{a0}%"
        );
    }

    #[test]
    fn periods_read_naturally() {
        use dostyk_core_model::period::Span;
        let en = Messages::new(Language::En).unwrap();
        let ru = Messages::new(Language::Ru).unwrap();
        let p = |s: &str| s.parse::<Span>().unwrap();
        assert_eq!(en.period(&p("2023-YTD11")), "Jan–Nov 2023");
        assert_eq!(ru.period(&p("2023-YTD11")), "янв.–нояб. 2023");
        assert_eq!(en.period(&p("2023-YTD01")), "Jan 2023");
        assert_eq!(en.period(&p("2023-Q1")), "Q1 2023");
        assert_eq!(ru.period(&p("2023-Q4")), "4 кв. 2023");
        assert_eq!(en.period(&p("2023-11")), "November 2023");
        assert_eq!(en.period(&p("2023")), "2023");
        assert_eq!(en.period(&p("2023-11-D2")), "2023-11-D2");
        assert_eq!(en.period(&p("2022/23-MY07")), "2022/23 (Jul–Jun)");
        assert_eq!(ru.period(&p("2022/23-MY07")), "2022/23 (июль–июнь)");
        assert_eq!(en.period(&p("1999/00-MY10")), "1999/00 (Oct–Sep)");
        assert_eq!(en.period(&p("2021/2025")), "2021–2025");
        assert_eq!(en.period(&p("2022-07/2023-05")), "July 2022–May 2023");
        assert_eq!(en.period(&p("growing-2024")), "growing season 2024");
        assert_eq!(
            ru.period(&p("non-growing-2024-25")),
            "межвегетационный период 2024–2025 гг."
        );
        assert!(en.finish().is_ok() && ru.finish().is_ok());
    }

    #[test]
    fn dates_and_missing_messages() {
        let en = Messages::new(Language::En).unwrap();
        let ru = Messages::new(Language::Ru).unwrap();
        let d = NaiveDate::from_ymd_opt(2026, 11, 27).unwrap();
        assert_eq!(en.date(d), "27 November 2026");
        assert_eq!(ru.date(d), "27 ноября 2026 г.");
        assert!(en.finish().is_ok());
        assert_eq!(
            en.text("no-such-message"),
            "\u{27e6}no-such-message\u{27e7}"
        );
        assert!(matches!(en.finish(), Err(I18nError::Missing { .. })));
    }

    proptest::proptest! {
        #[test]
        fn grouping_never_loses_digits(units in -10_000_000_000i64..10_000_000_000, scale in 0u32..4) {
            let en = Messages::new(Language::En).unwrap();
            let value = Decimal::new(units, scale);
            let text = en.number(value, 4).replace(',', "").replace('\u{2212}', "-");
            proptest::prop_assert_eq!(text.parse::<Decimal>().unwrap(), value.normalize());
        }
    }
}
