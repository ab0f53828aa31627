//! The bilateral briefing: a [`Report`] assembled from a loaded [`Dataset`].
//!
//! Each section takes what the domain crates and the agenda model compute and turns it into
//! blocks whose numbers are [`Figure`]s with their sources. A section whose data the dataset
//! lacks says so in one line; nothing is filled in.
//!
//! Sections, in order: summary, trade, statements ledger, industrial projects, roadmap and
//! commitments, water, gas, transit, sources and methodology.

mod agenda;
mod facts;
mod gas;
mod trade;
mod transit;
mod water;

use std::collections::BTreeSet;

use chrono::NaiveDate;
use dostyk_core_model::provenance::{SourceId, SourceKind};

use crate::dataset::Dataset;
use crate::document::{Block, Inline, Kpi, Report, Section};
use crate::figure::Figure;
use crate::i18n::{I18nError, Messages};

/// What went wrong assembling a briefing.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum BriefingError {
    /// A message was missing from the language's Fluent file.
    #[error(transparent)]
    Messages(#[from] I18nError),
    /// A reference in the assembled report does not resolve (a bug in the assembly).
    #[error("the assembled report is inconsistent: {}", .0.iter().map(ToString::to_string).collect::<Vec<_>>().join("; "))]
    Inconsistent(Vec<crate::document::DocumentError>),
}

/// Accumulates the figures of a report while its sections are built.
pub(crate) struct Builder<'a> {
    pub(crate) dataset: &'a Dataset,
    pub(crate) as_of: NaiveDate,
    pub(crate) msg: &'a Messages,
    figures: Vec<Figure>,
    cited: BTreeSet<SourceId>,
    kpis: Vec<Kpi>,
}

impl Builder<'_> {
    /// Adds a figure and returns its id (ids are made unique by a numeric suffix if needed).
    pub(crate) fn figure(&mut self, mut figure: Figure) -> String {
        let base = figure.id.clone();
        let mut n = 2;
        while self.figures.iter().any(|f| f.id == figure.id) {
            figure.id = format!("{base}.{n}");
            n += 1;
        }
        self.cited.extend(figure.source_ids.iter().cloned());
        let id = figure.id.clone();
        self.figures.push(figure);
        id
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

/// A country's name in the report's language.
pub(crate) fn country_name(msg: &Messages, country: dostyk_core_model::country::Country) -> String {
    match msg.language() {
        crate::i18n::Language::En => country.name_en().to_owned(),
        crate::i18n::Language::Ru => country.name_ru().to_owned(),
    }
}

/// Assembles the briefing for `dataset` as of `as_of` in `messages`' language.
pub fn build(
    dataset: &Dataset,
    as_of: NaiveDate,
    messages: &Messages,
) -> Result<Report, BriefingError> {
    let mut b = Builder {
        dataset,
        as_of,
        msg: messages,
        figures: Vec::new(),
        cited: BTreeSet::new(),
        kpis: Vec::new(),
    };
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
    messages.finish()?;
    report.check().map_err(BriefingError::Inconsistent)?;
    Ok(report)
}
