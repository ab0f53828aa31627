//! The bilateral briefing: a [`Report`] assembled from a loaded [`Dataset`].
//!
//! Each section takes what the domain crates and the agenda model compute and turns it into
//! blocks whose numbers are [`Figure`]s with their sources. A section whose data the dataset
//! lacks says so in one line; nothing is filled in.
//!
//! Sections, in order: changes since a day (only when one is given: [`build_since`],
//! [`build_known_on_since`]), summary, trade, statements ledger, industrial projects, roadmap and
//! commitments, water, gas, transit, sources and methodology.

mod agenda;
mod changes;
mod conflicts;
mod edition;
mod facts;
mod gas;
mod trade;
mod trade_comtrade;
mod transit;
mod water;

pub(crate) use agenda::side_name;

use std::collections::{BTreeSet, HashMap, HashSet};

use rust_decimal::Decimal;

use chrono::NaiveDate;
use dostyk_core_model::provenance::{SourceId, SourceKind};

use crate::dataset::Dataset;
use crate::document::{Block, Inline, Kpi, Report, Section};
use crate::figure::Figure;
use crate::i18n::{I18nError, Messages};

/// The id of the table listing every source the report cites; its rows are link targets.
pub(crate) const SOURCES_TABLE: &str = "sources";

/// What went wrong assembling a briefing.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum BriefingError {
    /// A message was missing from the language's Fluent file.
    #[error(transparent)]
    Messages(#[from] I18nError),
    /// Figures that cannot be computed from the dataset (a sum beyond the range of numbers, say);
    /// a report never leaves them out silently.
    #[error("figures cannot be computed from the dataset; nothing was written:{}", list(.0))]
    Uncomputable(Vec<String>),
    /// A reference in the assembled report does not resolve (a bug in the assembly).
    #[error("the assembled report is inconsistent: {}", .0.iter().map(ToString::to_string).collect::<Vec<_>>().join("; "))]
    Inconsistent(Vec<crate::document::DocumentError>),
}

/// `problems` as an indented list, one per line.
fn list(problems: &[String]) -> String {
    problems.iter().fold(String::new(), |mut out, p| {
        out.push_str("\n  - ");
        out.push_str(p);
        out
    })
}

/// Accumulates the figures of a report while its sections are built.
pub(crate) struct Builder<'a> {
    pub(crate) dataset: &'a Dataset,
    pub(crate) as_of: NaiveDate,
    pub(crate) msg: &'a Messages,
    figures: Vec<Figure>,
    ids: FigureIds,
    cited: BTreeSet<SourceId>,
    kpis: Vec<Kpi>,
    /// Figures that could not be computed, in words naming the input; any makes the briefing
    /// fail.
    uncomputable: Vec<String>,
}

/// The figure ids of a report, made unique by a numeric suffix (`id`, `id.2`, `id.3`, …).
///
/// Adding an id costs a look-up, not a scan of every figure per suffix tried (which made a
/// ledger of thousands of rows take minutes: issue #21, item 12).
#[derive(Debug, Default)]
struct FigureIds {
    taken: HashSet<String>,
    /// For each id asked for more than once, the next suffix to try.
    next_suffix: HashMap<String, u32>,
}

impl FigureIds {
    /// `id` if it is free, else `id.N` with the smallest free N from 2; the result is taken.
    fn claim(&mut self, id: String) -> String {
        let id = if self.taken.contains(&id) {
            // Ids are never given back, so a suffix found taken stays taken: the search for
            // this id resumes where it stopped.
            let n = self.next_suffix.entry(id.clone()).or_insert(2);
            loop {
                let candidate = format!("{id}.{n}");
                *n += 1;
                if !self.taken.contains(&candidate) {
                    break candidate;
                }
            }
        } else {
            id
        };
        self.taken.insert(id.clone());
        id
    }
}

impl Builder<'_> {
    /// Adds a figure and returns its id (ids are made unique by a numeric suffix if needed).
    pub(crate) fn figure(&mut self, mut figure: Figure) -> String {
        figure.id = self.ids.claim(std::mem::take(&mut figure.id));
        self.cited.extend(figure.source_ids.iter().cloned());
        let id = figure.id.clone();
        self.figures.push(figure);
        id
    }

    /// Records a figure that cannot be computed from the dataset, saying which input and why:
    /// the briefing then fails with every such problem listed, instead of showing a gap.
    pub(crate) fn uncomputable(&mut self, problem: String) {
        self.uncomputable.push(problem);
    }

    /// `shown`, the decimal a domain rounded `value` to for display (`rounded_in` of its
    /// quantity, by the resolution its domain states); when it has none (not finite, or beyond
    /// about 7.9 × 10²⁸), the figure is recorded as uncomputable with `what` naming the input,
    /// and `None` is returned: the report then fails instead of showing a gap (issue #21, item 6).
    pub(crate) fn decimal(
        &mut self,
        value: f64,
        shown: Option<Decimal>,
        what: impl FnOnce() -> String,
    ) -> Option<Decimal> {
        if shown.is_none() {
            self.uncomputable(format!(
                "{}: {value:e} has no decimal value to show (beyond ±7.9e28 or not finite); check the figures it comes from",
                what()
            ));
        }
        shown
    }

    /// Notes sources cited by text (status evidence, source notes).
    pub(crate) fn cite<'s>(&mut self, sources: impl IntoIterator<Item = &'s SourceId>) {
        self.cited.extend(sources.into_iter().cloned());
    }

    /// Adds a card to the summary section.
    pub(crate) fn kpi(&mut self, label: String, figure: String, note: Option<String>) {
        self.kpis.push(Kpi {
            label,
            figure,
            note,
        });
    }
}

/// A country's name in the report's language: English and Russian from the country reference
/// table, Kazakh and Uzbek from the messages (`country-<alpha-3>`), else the English name marked
/// as a fallback.
pub(crate) fn country_name(msg: &Messages, country: dostyk_core_model::country::Country) -> String {
    use crate::i18n::Language;
    match msg.language() {
        Language::En => country.name_en().to_owned(),
        Language::Ru => country.name_ru().to_owned(),
        Language::Kk | Language::Uz => {
            let id = format!("country-{}", country.alpha3());
            if msg.has(&id) {
                msg.text(&id)
            } else {
                crate::i18n::fallback(country.name_en())
            }
        }
    }
}

/// Assembles the briefing for `dataset` as of `as_of` in `messages`' language.
///
/// Every row of `dataset` is used; targets and statuses are those in force on `as_of`. For a
/// briefing that uses only what had been published by a day, see [`build_known_on`].
pub fn build(
    dataset: &Dataset,
    as_of: NaiveDate,
    messages: &Messages,
) -> Result<Report, BriefingError> {
    assemble(dataset, as_of, None, None, messages)
}

/// [`build`], opening with a "Changes since `since`" section: every row of `dataset` that
/// became known after `since` and by `as_of` ([`Dataset::changes_between`]).
pub fn build_since(
    dataset: &Dataset,
    as_of: NaiveDate,
    since: NaiveDate,
    messages: &Messages,
) -> Result<Report, BriefingError> {
    assemble(dataset, as_of, None, Some(since), messages)
}

/// Assembles the as-of edition of a briefing: from `known`, the dataset as it was known on its
/// day ([`Dataset::as_known_on`]), as of that day. Its summary opens by saying so, with how many
/// rows were left out and why.
pub fn build_known_on(
    known: &crate::dataset::as_of::KnownOn,
    messages: &Messages,
) -> Result<Report, BriefingError> {
    assemble(&known.dataset, known.date, Some(known), None, messages)
}

/// [`build_known_on`], opening with a "Changes since `since`" section: every row that became
/// known after `since` and by the edition's day.
pub fn build_known_on_since(
    known: &crate::dataset::as_of::KnownOn,
    since: NaiveDate,
    messages: &Messages,
) -> Result<Report, BriefingError> {
    assemble(
        &known.dataset,
        known.date,
        Some(known),
        Some(since),
        messages,
    )
}

fn assemble(
    dataset: &Dataset,
    as_of: NaiveDate,
    known: Option<&crate::dataset::as_of::KnownOn>,
    since: Option<NaiveDate>,
    messages: &Messages,
) -> Result<Report, BriefingError> {
    let mut b = Builder {
        dataset,
        as_of,
        msg: messages,
        figures: Vec::new(),
        ids: FigureIds::default(),
        cited: BTreeSet::new(),
        kpis: Vec::new(),
        uncomputable: Vec::new(),
    };
    let changes = since.map(|since| changes::changes(&mut b, since));
    let trade = trade::trade(&mut b);
    let statements = agenda::statements(&mut b);
    let projects = agenda::projects(&mut b);
    let roadmap = agenda::roadmap(&mut b);
    let water = water::water(&mut b);
    let gas = gas::gas(&mut b);
    let transit = transit::transit(&mut b);

    let summary = Section {
        id: "summary".into(),
        title: messages.text("section-summary"),
        blocks: if b.kpis.is_empty() {
            vec![Block::Absent {
                text: messages.text("absent-summary"),
            }]
        } else {
            vec![Block::Kpis {
                cards: std::mem::take(&mut b.kpis),
            }]
        },
    };

    let sources: Vec<_> = dataset
        .manifest
        .sources
        .iter()
        .filter(|s| b.cited.contains(&s.id))
        .cloned()
        .collect();
    let mut sources_section = Section {
        id: "sources".into(),
        title: messages.text("section-sources"),
        blocks: vec![Block::Paragraph {
            content: vec![Inline::Text(messages.text("methodology-note"))],
        }],
    };
    let illustrative: Vec<&str> = sources
        .iter()
        .filter(|s| s.kind == SourceKind::Illustrative)
        .map(|s| s.id.as_str())
        .collect();
    if !illustrative.is_empty() {
        sources_section.blocks.insert(
            0,
            Block::Paragraph {
                content: vec![Inline::Text(
                    messages.format("illustrative-warning", &[("ids", &illustrative.join(", "))]),
                )],
            },
        );
    }
    sources_section
        .blocks
        .push(Block::Table(agenda::source_table(messages, &sources)));

    let title = messages.text("report-title");
    let subtitle = messages.format(
        "report-subtitle",
        &[
            ("dataset", &dataset.manifest.name),
            ("date", &messages.date(as_of)),
        ],
    );
    let mut sections = vec![
        summary, trade, statements, projects, roadmap, water, gas, transit,
    ];
    if !illustrative.is_empty() {
        // Said at the top too, so no reader misses it.
        sections[0].blocks.insert(
            0,
            Block::Paragraph {
                content: vec![Inline::Text(
                    messages.format("illustrative-warning", &[("ids", &illustrative.join(", "))]),
                )],
            },
        );
    }
    if let Some(known) = known {
        // First of all: a reader must know the briefing is written as of a past day.
        let note = edition::note(messages, known);
        sections[0].blocks.splice(0..0, note);
    }
    if let Some(changes) = changes {
        // First of all, before the summary: what is new since the day compared with.
        sections.insert(0, changes);
    }
    sections.push(sources_section);
    let report = Report {
        title,
        subtitle,
        dataset: dataset.manifest.name.clone(),
        as_of,
        language: messages.language(),
        sections,
        figures: b.figures,
        sources,
    };
    if !b.uncomputable.is_empty() {
        return Err(BriefingError::Uncomputable(b.uncomputable));
    }
    messages.finish()?;
    report.check().map_err(BriefingError::Inconsistent)?;
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::FigureIds;

    #[test]
    fn figure_ids_get_the_smallest_free_suffix() {
        let mut ids = FigureIds::default();
        let got: Vec<String> = ["a", "a", "a.2", "a", "b", "a.3.2", "a"]
            .into_iter()
            .map(|id| ids.claim(id.to_owned()))
            .collect();
        assert_eq!(got, ["a", "a.2", "a.2.2", "a.3", "b", "a.3.2", "a.4"]);
    }

    #[test]
    fn many_figures_with_one_id_are_numbered_in_order() {
        let mut ids = FigureIds::default();
        let mut last = String::new();
        for _ in 0..20_000 {
            last = ids.claim("statement".to_owned());
        }
        assert_eq!(last, "statement.20000");
    }
}
