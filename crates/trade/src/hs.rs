//! The Harmonized System (HS) nomenclature: its 21 sections and 99 chapters, in English and
//! Russian, from the tables generated at development time out of
//! `data/reference/hs_sections.csv` and `data/reference/hs_chapters.csv`.
//!
//! Chapter 77 is reserved by the WCO (it sits in section XV and has no goods); chapter 98 is
//! reserved for national use and chapter 99 ("Commodities not specified according to kind") is
//! used by UN Comtrade; neither of these two belongs to a section. The Russian names are Dostyk translations that follow the wording of
//! the EAEU TN VED nomenclature, not an official text.
//!
//! ```
//! use dostyk_trade::hs::{self, HsChapter};
//!
//! let section = hs::section_of_hs_code("020130")?.expect("chapter 02 is in section I");
//! assert_eq!(section.roman(), "I");
//! let wheat = HsChapter::new(10)?;
//! assert!(hs::is_agri_food(wheat));
//! assert_eq!(wheat.name_ru(), "Злаки");
//! # Ok::<(), dostyk_trade::hs::HsError>(())
//! ```

use std::fmt;

use crate::generated::hs::{CHAPTERS, SECTIONS};

/// What went wrong when reading an HS code.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum HsError {
    /// A chapter number outside 1..=99.
    #[error("HS chapter {chapter} does not exist: expected a number from 01 to 99")]
    Chapter {
        /// The number that was given.
        chapter: u32,
    },
    /// A section number outside 1..=21.
    #[error("HS section {section} does not exist: expected a number from 1 to 21 (I to XXI)")]
    Section {
        /// The number that was given.
        section: u32,
    },
    /// An HS code that is not 2 to 10 digits.
    #[error(
        "\"{code}\" is not an HS code: expected 2 to 10 digits, starting with the chapter (e.g. 10, 1001, 100199)"
    )]
    Code {
        /// The code that was given.
        code: String,
    },
}

/// One row of the sections table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct HsSectionInfo {
    pub(crate) number: u8,
    pub(crate) roman: &'static str,
    pub(crate) first_chapter: u8,
    pub(crate) last_chapter: u8,
    pub(crate) name_en: &'static str,
    pub(crate) name_ru: &'static str,
}

/// One row of the chapters table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct HsChapterInfo {
    pub(crate) chapter: u8,
    pub(crate) section: Option<u8>,
    pub(crate) name_en: &'static str,
    pub(crate) name_ru: &'static str,
}

/// An HS section, I to XXI.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct HsSection(u8);

impl HsSection {
    /// The section with this number, 1 to 21.
    pub fn new(number: u32) -> Result<HsSection, HsError> {
        match u8::try_from(number) {
            Ok(n @ 1..=21) if usize::from(n) <= SECTIONS.len() => Ok(HsSection(n)),
            _ => Err(HsError::Section { section: number }),
        }
    }

    fn info(self) -> &'static HsSectionInfo {
        // Invariant: HsSection is only built by `new` and from the chapters table, both of which
        // keep the number within 1..=SECTIONS.len().
        &SECTIONS[usize::from(self.0) - 1]
    }

    /// Arabic number, 1 to 21.
    pub fn number(self) -> u8 {
        self.0
    }

    /// Roman number, `I` to `XXI`.
    pub fn roman(self) -> &'static str {
        self.info().roman
    }

    /// English name.
    pub fn name_en(self) -> &'static str {
        self.info().name_en
    }

    /// Russian name.
    pub fn name_ru(self) -> &'static str {
        self.info().name_ru
    }

    /// The chapters of this section, in order.
    pub fn chapters(self) -> impl Iterator<Item = HsChapter> {
        let info = self.info();
        (info.first_chapter..=info.last_chapter)
            .map(HsChapter)
            .filter(move |c| c.section() == Some(self))
    }

    /// All 21 sections.
    pub fn all() -> impl ExactSizeIterator<Item = HsSection> {
        (1..=SECTIONS.len() as u8).map(HsSection)
    }
}

/// Shows `Section I`.
impl fmt::Display for HsSection {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Section {}", self.roman())
    }
}

/// An HS chapter, 01 to 99.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct HsChapter(u8);

impl HsChapter {
    /// The chapter with this number, 1 to 99.
    pub fn new(number: u32) -> Result<HsChapter, HsError> {
        match u8::try_from(number) {
            Ok(n @ 1..=99) if usize::from(n) <= CHAPTERS.len() => Ok(HsChapter(n)),
            _ => Err(HsError::Chapter { chapter: number }),
        }
    }

    fn info(self) -> &'static HsChapterInfo {
        // Invariant: built only by `new` and `HsSection::chapters`, within 1..=CHAPTERS.len().
        &CHAPTERS[usize::from(self.0) - 1]
    }

    /// The number, 1 to 99.
    pub fn number(self) -> u8 {
        self.0
    }

    /// The section this chapter belongs to; `None` for chapters 98 and 99.
    pub fn section(self) -> Option<HsSection> {
        self.info().section.map(HsSection)
    }

    /// English name.
    pub fn name_en(self) -> &'static str {
        self.info().name_en
    }

    /// Russian name.
    pub fn name_ru(self) -> &'static str {
        self.info().name_ru
    }

    /// All 99 chapters, 01 to 99.
    pub fn all() -> impl ExactSizeIterator<Item = HsChapter> {
        (1..=CHAPTERS.len() as u8).map(HsChapter)
    }
}

/// Shows the two-digit code, `02`.
impl fmt::Display for HsChapter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:02}", self.0)
    }
}

/// The chapter of an HS code of 2 to 10 digits (`"02"`, `"0201"`, `"020130"`, national 8- or
/// 10-digit TN VED codes), surrounding spaces ignored.
pub fn chapter(code: &str) -> Result<HsChapter, HsError> {
    let t = code.trim();
    let bad = || HsError::Code {
        code: code.to_owned(),
    };
    if !(2..=10).contains(&t.len()) || !t.bytes().all(|b| b.is_ascii_digit()) {
        return Err(bad());
    }
    let n: u32 = t[..2].parse().map_err(|_| bad())?;
    HsChapter::new(n)
}

/// The section of an HS code (see [`chapter`]); `Ok(None)` for chapters without a section
/// (98, 99).
pub fn section_of_hs_code(code: &str) -> Result<Option<HsSection>, HsError> {
    Ok(chapter(code)?.section())
}

/// Whether a chapter is in the agri-food lens used by Dostyk: HS chapters 01–24 (sections I–IV,
/// the WTO-style "agricultural and food products" grouping by chapter).
pub fn is_agri_food(chapter: HsChapter) -> bool {
    (1..=24).contains(&chapter.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_are_complete_and_consistent() {
        assert_eq!(HsSection::all().len(), 21);
        assert_eq!(HsChapter::all().len(), 99);
        let mut covered = 0;
        for s in HsSection::all() {
            for c in s.chapters() {
                assert_eq!(c.section(), Some(s));
                covered += 1;
            }
        }
        // Every chapter but 98 and 99 belongs to exactly one section.
        assert_eq!(covered, 97);
        assert_eq!(
            HsChapter::new(77).map(|c| c.section().map(HsSection::roman)),
            Ok(Some("XV"))
        );
        for n in [98, 99] {
            assert_eq!(HsChapter::new(n).map(HsChapter::section), Ok(None));
        }
    }

    #[test]
    fn lookups() {
        assert_eq!(chapter("020130").map(HsChapter::number), Ok(2));
        assert_eq!(chapter(" 2709 ").map(HsChapter::number), Ok(27));
        assert_eq!(
            section_of_hs_code("271121").map(|s| s.map(HsSection::roman)),
            Ok(Some("V"))
        );
        assert_eq!(
            section_of_hs_code("8703").map(|s| s.map(HsSection::number)),
            Ok(Some(17))
        );
        assert!(matches!(chapter("2"), Err(HsError::Code { .. })));
        assert!(matches!(
            chapter("00"),
            Err(HsError::Chapter { chapter: 0 })
        ));
        assert!(matches!(chapter("12ab"), Err(HsError::Code { .. })));
        assert!(HsSection::new(22).is_err());
    }

    #[test]
    fn agri_food_lens_is_chapters_01_to_24() {
        let agri: Vec<u8> = HsChapter::all()
            .filter(|c| is_agri_food(*c))
            .map(HsChapter::number)
            .collect();
        assert_eq!(agri, (1..=24).collect::<Vec<u8>>());
        assert!(
            HsChapter::all()
                .filter(|c| is_agri_food(*c))
                .all(|c| c.section().is_some_and(|s| s.number() <= 4))
        );
    }

    #[test]
    fn names_in_both_languages() {
        let s = HsSection::new(5).expect("5 is in 1..=21");
        assert_eq!(s.name_en(), "Mineral products");
        assert_eq!(s.name_ru(), "Минеральные продукты");
        assert_eq!(s.to_string(), "Section V");
        let c = HsChapter::new(52).expect("52 is in 1..=99");
        assert_eq!((c.name_en(), c.name_ru()), ("Cotton", "Хлопок"));
        assert_eq!(c.to_string(), "52");
    }
}
