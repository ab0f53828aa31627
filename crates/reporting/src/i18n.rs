//! Languages: the report's words come from Fluent files, its numbers and dates are formatted here.
//!
//! Every user-facing text is a message in `crates/reporting/i18n/<lang>/briefing.ftl`
//! ([Project Fluent](https://projectfluent.org/) syntax), so translators edit text files and no
//! Rust. Numbers, dates and plural forms follow the language's CLDR data through ICU4X (the
//! `icu` crate, its data compiled in): English writes `$4.4 bn`, `1,234.5`; Russian, Kazakh and
//! Uzbek write `4,4 млрд долл. США`, `1 234,5` with a no-break space between thousands. Only the
//! minus sign is Dostyk's own: U+2212 in every language, before the whole amount (`−$300 m`).
//!
//! Dataset text (names of indicators, measures, projects …) is translated in the dataset
//! (`translations.csv`, see docs/data.md); [`Messages::label`] looks a translation up and, when
//! there is none, gives the English original marked as a fallback ([`fallback`]), which every
//! renderer shows as such.
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
//! let kk = Messages::new(Language::Kk)?;
//! assert_eq!(kk.number(Decimal::new(12_345_6, 1), 1), "12\u{a0}345,6");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::cell::RefCell;
use std::fmt;
use std::str::FromStr;

use std::collections::BTreeSet;

use chrono::{Datelike, NaiveDate};
use dostyk_dataset::translations::{Subject, Translations};
use fluent_bundle::{FluentArgs, FluentBundle, FluentResource, FluentValue};
use icu::calendar::{Date, Gregorian};
use icu::datetime::FixedCalendarDateTimeFormatter;
use icu::datetime::fieldsets::YMD;
use icu::decimal::DecimalFormatter;
use icu::decimal::options::DecimalFormatterOptions;
use icu::locale::Locale;
use icu::plurals::{PluralCategory, PluralRules};
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
    /// Kazakh, in Cyrillic script.
    Kk,
    /// Uzbek, in Latin script.
    Uz,
}

impl Language {
    /// Every language, in output order.
    pub const ALL: [Language; 4] = [Language::En, Language::Ru, Language::Kk, Language::Uz];

    /// The BCP 47 tag: `en`, `ru`, `kk` or `uz`.
    pub fn code(&self) -> &'static str {
        match self {
            Language::En => "en",
            Language::Ru => "ru",
            Language::Kk => "kk",
            Language::Uz => "uz",
        }
    }

    /// Whether the language is written in Cyrillic script (so Latin-script words in its text
    /// are foreign): Russian and Kazakh.
    pub fn is_cyrillic(&self) -> bool {
        match self {
            Language::En | Language::Uz => false,
            Language::Ru | Language::Kk => true,
        }
    }

    /// The CLDR locale whose number, date and plural data the language uses. English dates are
    /// written day first (`27 November 2026`), as in British and international usage.
    fn locale(self) -> &'static str {
        match self {
            Language::En => "en-GB",
            Language::Ru => "ru",
            Language::Kk => "kk",
            Language::Uz => "uz-Latn",
        }
    }

    fn ftl(self) -> &'static str {
        match self {
            Language::En => include_str!("../i18n/en/briefing.ftl"),
            Language::Ru => include_str!("../i18n/ru/briefing.ftl"),
            Language::Kk => include_str!("../i18n/kk/briefing.ftl"),
            Language::Uz => include_str!("../i18n/uz/briefing.ftl"),
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
            "kk" => Ok(Language::Kk),
            "uz" => Ok(Language::Uz),
            other => Err(I18nError::Language(other.to_owned())),
        }
    }
}

/// What went wrong with translations.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum I18nError {
    /// A language Dostyk has no messages for.
    #[error("no messages for language \"{0}\"; Dostyk speaks en, ru, kk and uz")]
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
    /// ICU4X has no number, date or plural data for the language's locale.
    #[error("no CLDR {what} data for {language}: {message}")]
    Cldr {
        /// The language.
        language: Language,
        /// Which data: numbers, dates or plural rules.
        what: &'static str,
        /// ICU4X's message.
        message: String,
    },
}

/// The character that opens dataset text shown in English for want of a translation; see
/// [`fallback`].
pub const FALLBACK_START: char = '\u{e000}';
/// The character that closes dataset text shown in English for want of a translation.
pub const FALLBACK_END: char = '\u{e001}';
/// What a fallback is marked with in plain text ([`plain`]): after the English words.
pub const FALLBACK_MARK: &str = " [en]";

/// English dataset text marked as a fallback: between [`FALLBACK_START`] and [`FALLBACK_END`]
/// (two private-use characters) in the document, which the HTML renderer turns into
/// `<span lang="en" class="untranslated">…</span>` with a visible `[en]`, and every other
/// renderer into the text followed by `[en]` ([`plain`]).
pub fn fallback(english: &str) -> String {
    format!("{FALLBACK_START}{english}{FALLBACK_END}")
}

/// `text` with its fallback markers written out in plain text: `Kazakhstan-Uzbekistan trade
/// turnover, USD [en]`. Text without markers is returned as it is.
///
/// ```
/// use dostyk_reporting::i18n::{fallback, plain};
/// assert_eq!(plain(&format!("Цель: {}", fallback("KZ-UZ rail"))), "Цель: KZ-UZ rail [en]");
/// assert_eq!(plain("Цель"), "Цель");
/// ```
pub fn plain(text: &str) -> std::borrow::Cow<'_, str> {
    if text.contains([FALLBACK_START, FALLBACK_END]) {
        std::borrow::Cow::Owned(
            text.replace(FALLBACK_START, "")
                .replace(FALLBACK_END, FALLBACK_MARK),
        )
    } else {
        std::borrow::Cow::Borrowed(text)
    }
}

/// The runs of `text`: `(true, english)` for each marked fallback, `(false, text)` for the
/// rest, in order; empty runs are left out.
pub fn runs(text: &str) -> Vec<(bool, &str)> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find(FALLBACK_START) {
        if start > 0 {
            out.push((false, &rest[..start]));
        }
        let tail = &rest[start + FALLBACK_START.len_utf8()..];
        let end = tail.find(FALLBACK_END).unwrap_or(tail.len());
        if end > 0 {
            out.push((true, &tail[..end]));
        }
        rest = tail.get(end + FALLBACK_END.len_utf8()..).unwrap_or("");
    }
    if !rest.is_empty() {
        out.push((false, rest));
    }
    out
}

/// A dataset text that was shown in English because the dataset has no translation for it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Untranslated {
    /// What the text names (`indicator/kz-uz-trade-turnover`).
    pub subject: String,
    /// Which of its texts (`name`, `title`).
    pub field: String,
    /// The English text shown instead.
    pub english: String,
}

/// Turns an ICU4X error about the `what` data of `language` into an [`I18nError::Cldr`].
fn cldr_error<E: fmt::Display>(language: Language, what: &'static str) -> impl Fn(E) -> I18nError {
    move |e| I18nError::Cldr {
        language,
        what,
        message: e.to_string(),
    }
}

/// The messages of one language, with number and date formatting.
pub struct Messages {
    language: Language,
    bundle: FluentBundle<FluentResource>,
    missing: RefCell<Vec<String>>,
    decimal: DecimalFormatter,
    plurals: PluralRules,
    dates: FixedCalendarDateTimeFormatter<Gregorian, YMD>,
    translations: Translations,
    untranslated: RefCell<BTreeSet<Untranslated>>,
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
        let locale = Locale::try_from_str(language.locale()).map_err(|e| I18nError::Cldr {
            language,
            what: "locale",
            message: e.to_string(),
        })?;
        let decimal =
            DecimalFormatter::try_new((&locale).into(), DecimalFormatterOptions::default())
                .map_err(cldr_error(language, "number"))?;
        let plurals = PluralRules::try_new_cardinal((&locale).into())
            .map_err(cldr_error(language, "plural"))?;
        let dates = FixedCalendarDateTimeFormatter::try_new((&locale).into(), YMD::long())
            .map_err(cldr_error(language, "date"))?;
        Ok(Messages {
            language,
            bundle,
            missing: RefCell::new(Vec::new()),
            decimal,
            plurals,
            dates,
            translations: Translations::default(),
            untranslated: RefCell::new(BTreeSet::new()),
        })
    }

    /// These messages with the dataset's translations, which [`Messages::label`] looks up.
    #[must_use]
    pub fn with_translations(mut self, translations: &Translations) -> Messages {
        self.translations = translations.clone();
        self
    }

    /// A dataset text in the report's language: the translation of `field` of `subject`, or, if
    /// the dataset has none, `english` marked as a fallback ([`fallback`]) and recorded
    /// ([`Messages::untranslated`]). In English, `english` itself.
    pub fn label(&self, subject: &Subject, field: &str, english: &str) -> String {
        if self.language == Language::En || english.is_empty() {
            return english.to_owned();
        }
        if let Some(t) = self.translations.get(subject, field, self.language.code()) {
            return t.text.clone();
        }
        self.untranslated.borrow_mut().insert(Untranslated {
            subject: subject.to_string(),
            field: field.to_owned(),
            english: english.to_owned(),
        });
        fallback(english)
    }

    /// Dataset text the dataset keeps in English only (notes, quoted wording, evidence): in
    /// English itself, in another language marked as English ([`fallback`]) but not listed as
    /// untranslated, since such text is not translated by design (docs/data.md).
    pub fn english(&self, text: &str) -> String {
        if self.language == Language::En || text.is_empty() {
            text.to_owned()
        } else {
            fallback(text)
        }
    }

    /// A statement's qualifier ("more than", "about") in the report's language: the message
    /// `qualifier-<words joined by ->` when there is one, else the dataset's English, marked.
    pub fn qualifier(&self, english: &str) -> String {
        let id = format!("qualifier-{}", english.trim().replace(' ', "-"));
        if !english.trim().is_empty() && self.has(&id) {
            self.text(&id)
        } else {
            self.english(english)
        }
    }

    /// Every dataset text asked for through [`Messages::label`] so far that had no translation,
    /// sorted (none in English).
    pub fn untranslated(&self) -> Vec<Untranslated> {
        self.untranslated.borrow().iter().cloned().collect()
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
        let category = match self.plurals.category_for(count) {
            PluralCategory::Zero => "zero",
            PluralCategory::One => "one",
            PluralCategory::Two => "two",
            PluralCategory::Few => "few",
            PluralCategory::Many => "many",
            PluralCategory::Other => "other",
        };
        let mut args = FluentArgs::new();
        // The category (CLDR plural rules through ICU4X) selects the variant by its name.
        args.set("count", FluentValue::from(category));
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
    /// thousands, in the language's style (CLDR through ICU4X); a negative number starts with
    /// U+2212.
    pub fn number(&self, value: Decimal, decimals: u32) -> String {
        let rounded = value.round_dp(decimals).normalize();
        let digits = rounded.abs().to_string();
        let Ok(icu) = icu::decimal::input::Decimal::try_from_str(&digits) else {
            // A rust_decimal always prints as plain digits, which ICU4X reads; keep the digits
            // rather than lose the number should that ever change.
            return digits;
        };
        let mut out = String::with_capacity(digits.len() + 8);
        if rounded.is_sign_negative() && !rounded.is_zero() {
            out.push('\u{2212}');
        }
        out.push_str(&self.decimal.format_to_string(&icu));
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

    /// A date in words, the language's long form (CLDR through ICU4X): `27 November 2026`,
    /// `27 ноября 2026 г.`, `2026 ж. 27 қараша`, `27-noyabr, 2026`.
    pub fn date(&self, date: NaiveDate) -> String {
        let icu = Date::try_new_gregorian(date.year(), date.month() as u8, date.day() as u8);
        match icu {
            Ok(d) => self.dates.format(&d).to_string(),
            // Out of ICU4X's range (years beyond ±9999): the ISO form.
            Err(_) => date.to_string(),
        }
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
    fn every_language_has_the_same_messages() {
        let en = ids(Language::En.ftl());
        for language in Language::ALL {
            let other = ids(language.ftl());
            let only_en: Vec<_> = en.difference(&other).collect();
            let only_other: Vec<_> = other.difference(&en).collect();
            assert!(
                only_en.is_empty() && only_other.is_empty(),
                "en only: {only_en:?}; {language} only: {only_other:?}"
            );
            assert!(Messages::new(language).is_ok(), "{language}");
            assert_eq!(language.code().parse::<Language>(), Ok(language));
        }
    }

    #[test]
    fn translations_written_for_the_project_are_marked_for_review() {
        for language in [Language::Kk, Language::Uz] {
            assert!(
                language
                    .ftl()
                    .lines()
                    .take(10)
                    .any(|l| l.starts_with("# REVIEW:")),
                "{language}: the file's header must say its translations need review"
            );
        }
    }

    #[test]
    fn plural_forms_come_from_cldr() {
        let ru = Messages::new(Language::Ru).unwrap();
        assert!(ru.count("asof-left-out-later", 1).starts_with("1 строка"));
        assert!(ru.count("asof-left-out-later", 3).starts_with("3 строки"));
        assert!(ru.count("asof-left-out-later", 5).starts_with("5 строк "));
        assert!(ru.count("asof-left-out-later", 21).starts_with("21 строка"));
        let en = Messages::new(Language::En).unwrap();
        assert!(en.count("asof-left-out-later", 1).starts_with("1 row "));
        assert!(
            en.count("asof-left-out-later", 1234)
                .starts_with("1,234 rows")
        );
        let uz = Messages::new(Language::Uz).unwrap();
        assert!(uz.count("asof-left-out-later", 2).contains("2 ta"));
        assert!(ru.finish().is_ok() && en.finish().is_ok() && uz.finish().is_ok());
    }

    #[test]
    fn fallbacks_are_marked_and_listed() {
        use dostyk_dataset::translations::{Subject, SubjectKind, parse_csv};
        let t = parse_csv(
            "subject,field,lang,text,origin,source_id\nindicator/x,name,ru,Икс,project,\n",
            "t.csv",
            None,
        )
        .unwrap();
        let x = Subject::new(SubjectKind::Indicator, "x");
        let y = Subject::new(SubjectKind::Indicator, "y");
        let ru = Messages::new(Language::Ru).unwrap().with_translations(&t);
        assert_eq!(ru.label(&x, "name", "X"), "Икс");
        assert_eq!(ru.label(&y, "name", "Y"), fallback("Y"));
        assert_eq!(plain(&ru.label(&y, "name", "Y")), "Y [en]");
        assert_eq!(
            ru.untranslated(),
            [Untranslated {
                subject: "indicator/y".into(),
                field: "name".into(),
                english: "Y".into()
            }]
        );
        let en = Messages::new(Language::En).unwrap().with_translations(&t);
        assert_eq!(en.label(&y, "name", "Y"), "Y");
        assert!(en.untranslated().is_empty());
        assert_eq!(
            runs(&format!("a {} b", fallback("Y"))),
            [(false, "a "), (true, "Y"), (false, " b")]
        );
        assert_eq!(runs(&fallback("Y")), [(true, "Y")]);
        assert_eq!(runs("\u{e000}unclosed"), [(true, "unclosed")]);
    }

    #[test]
    fn numbers_follow_the_language() {
        let en = Messages::new(Language::En).unwrap();
        let ru = Messages::new(Language::Ru).unwrap();
        let v = Decimal::new(12_345_675, 3);
        assert_eq!(en.number(v, 2), "12,345.68");
        assert_eq!(ru.number(v, 2), "12\u{a0}345,68");
        // CLDR groups Russian thousands from four digits on.
        assert_eq!(ru.number(Decimal::from(1234), 0), "1\u{a0}234");
        let kk = Messages::new(Language::Kk).unwrap();
        let uz = Messages::new(Language::Uz).unwrap();
        assert_eq!(kk.number(v, 2), "12\u{a0}345,68");
        assert_eq!(uz.number(v, 2), "12\u{a0}345,68");
        assert_eq!(
            kk.value(Decimal::from(4_970_000_000u64), FigureUnit::Usd),
            "4,97 млрд АҚШ доллары"
        );
        assert_eq!(
            uz.value(Decimal::new(56, 1), FigureUnit::Bcm),
            "5,6 mlrd m³"
        );
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
        assert_eq!(ru.date(d), "27 ноября 2026\u{202f}г.");
        assert_eq!(
            Messages::new(Language::Kk).unwrap().date(d),
            "2026\u{202f}ж. 27 қараша"
        );
        assert_eq!(
            Messages::new(Language::Uz).unwrap().date(d),
            "27-noyabr, 2026"
        );
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
