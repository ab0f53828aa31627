//! The document model: a report of sections of blocks, independent of any output format.
//!
//! Text in a document is already in the report's language (it comes from the Fluent messages);
//! numbers are not text: they are [`Figure`]s referred to by id and formatted by each renderer
//! for the language. That keeps every number traceable to its sources in every format.

use std::collections::BTreeSet;

use chrono::NaiveDate;
use dostyk_core_model::provenance::{Source, SourceId};
use serde::Serialize;

pub use dostyk_core_model::agenda::progress::Rag;

use crate::chart::Chart;
use crate::figure::Figure;
use crate::i18n::Language;

/// A whole report.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    /// Title.
    pub title: String,
    /// Subtitle (the dataset and as-of date in words).
    pub subtitle: String,
    /// The dataset's short name.
    pub dataset: String,
    /// The as-of date.
    pub as_of: NaiveDate,
    /// The report's language.
    pub language: Language,
    /// The sections, in order.
    pub sections: Vec<Section>,
    /// Every figure the blocks refer to.
    pub figures: Vec<Figure>,
    /// Every source the figures cite.
    pub sources: Vec<Source>,
}

/// A section: a heading and its blocks.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Section {
    /// Stable id (also the HTML anchor), e.g. `trade`.
    pub id: String,
    /// Heading.
    pub title: String,
    /// Content.
    pub blocks: Vec<Block>,
}

/// One piece of content.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Block {
    /// Key figures shown as cards.
    Kpis {
        /// The cards.
        cards: Vec<Kpi>,
    },
    /// A table.
    Table(Table),
    /// A chart.
    Chart(Chart),
    /// A paragraph of text and figures.
    Paragraph {
        /// The runs of the paragraph.
        content: Vec<Inline>,
    },
    /// Items with a status colour.
    StatusList {
        /// Caption.
        caption: String,
        /// The items.
        items: Vec<StatusItem>,
    },
    /// The data for this part is not in the dataset: one line that says so.
    Absent {
        /// What is missing, in words.
        text: String,
    },
    /// The sources a section rests on.
    SourceNote {
        /// The source ids.
        sources: Vec<SourceId>,
    },
}

/// A key-figure card.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Kpi {
    /// What the figure is, in words.
    pub label: String,
    /// The figure's id.
    pub figure: String,
    /// A line under the figure (e.g. "Kazakhstan's figure"), if any.
    pub note: Option<String>,
}

/// A run of a paragraph.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "type", content = "value", rename_all = "snake_case")]
pub enum Inline {
    /// Text.
    Text(String),
    /// A figure, by id.
    Figure(String),
}

/// A table with a caption.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Table {
    /// Stable id (also the Excel sheet name stem).
    pub id: String,
    /// Caption.
    pub caption: String,
    /// Column headings.
    pub columns: Vec<Column>,
    /// Rows of cells, each as long as `columns`.
    pub rows: Vec<Vec<Cell>>,
}

/// A column heading.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Column {
    /// Heading text.
    pub label: String,
    /// Whether the column holds numbers (right-aligned).
    pub numeric: bool,
}

/// A table cell.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "type", content = "value", rename_all = "snake_case")]
pub enum Cell {
    /// Text.
    Text(String),
    /// A figure, by id.
    Figure(String),
    /// A status colour with its label.
    Status(Rag),
    /// Nothing.
    Empty,
}

/// An item of a status list.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StatusItem {
    /// What the item is.
    pub label: String,
    /// Its status.
    pub status: Rag,
    /// Why it has that status (the rule and the evidence).
    pub detail: String,
}

/// A reference in a report that does not resolve.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum DocumentError {
    /// A block refers to a figure id the report does not carry.
    #[error("section \"{section}\" refers to figure \"{figure}\", which the report does not carry")]
    MissingFigure {
        /// Section id.
        section: String,
        /// Figure id.
        figure: String,
    },
    /// A figure cites a source the report does not list.
    #[error("figure \"{figure}\" cites source \"{source_id}\", which the report does not list")]
    MissingSource {
        /// Figure id.
        figure: String,
        /// Source id.
        source_id: String,
    },
    /// A figure has no source at all.
    #[error("figure \"{figure}\" has no source; every figure must cite at least one")]
    Unsourced {
        /// Figure id.
        figure: String,
    },
    /// Two figures share an id.
    #[error("figure id \"{figure}\" is used twice")]
    DuplicateFigure {
        /// Figure id.
        figure: String,
    },
    /// A table row does not have one cell per column.
    #[error("table \"{table}\" row {row} has {cells} cells for {columns} columns")]
    RaggedTable {
        /// Table id.
        table: String,
        /// 0-based row.
        row: usize,
        /// Cells in the row.
        cells: usize,
        /// Columns.
        columns: usize,
    },
}

impl Report {
    /// The figure with id `id`.
    pub fn figure(&self, id: &str) -> Option<&Figure> {
        self.figures.iter().find(|f| f.id == id)
    }

    /// The source with id `id`.
    pub fn source(&self, id: &SourceId) -> Option<&Source> {
        self.sources.iter().find(|s| &s.id == id)
    }

    /// Checks that every reference resolves: figures used by blocks exist, figure ids are unique,
    /// every figure cites at least one listed source, and tables are rectangular.
    pub fn check(&self) -> Result<(), Vec<DocumentError>> {
        let mut errors = Vec::new();
        let mut ids = BTreeSet::new();
        for f in &self.figures {
            if !ids.insert(f.id.as_str()) {
                errors.push(DocumentError::DuplicateFigure {
                    figure: f.id.clone(),
                });
            }
            if f.source_ids.is_empty() {
                errors.push(DocumentError::Unsourced {
                    figure: f.id.clone(),
                });
            }
            for s in &f.source_ids {
                if self.source(s).is_none() {
                    errors.push(DocumentError::MissingSource {
                        figure: f.id.clone(),
                        source_id: s.to_string(),
                    });
                }
            }
        }
        for section in &self.sections {
            for id in section.figure_refs() {
                if !ids.contains(id) {
                    errors.push(DocumentError::MissingFigure {
                        section: section.id.clone(),
                        figure: id.to_owned(),
                    });
                }
            }
            for block in &section.blocks {
                if let Block::Table(t) = block {
                    for (row, cells) in t.rows.iter().enumerate() {
                        if cells.len() != t.columns.len() {
                            errors.push(DocumentError::RaggedTable {
                                table: t.id.clone(),
                                row,
                                cells: cells.len(),
                                columns: t.columns.len(),
                            });
                        }
                    }
                }
            }
        }
        if errors.is_empty() {
            Ok(())
        } else {
            Err(errors)
        }
    }
}

impl Section {
    /// The figure ids the section's blocks refer to, in order of appearance.
    pub fn figure_refs(&self) -> Vec<&str> {
        let mut out = Vec::new();
        for block in &self.blocks {
            match block {
                Block::Kpis { cards } => out.extend(cards.iter().map(|k| k.figure.as_str())),
                Block::Table(t) => {
                    for row in &t.rows {
                        for cell in row {
                            if let Cell::Figure(id) = cell {
                                out.push(id.as_str());
                            }
                        }
                    }
                }
                Block::Paragraph { content } => {
                    for run in content {
                        if let Inline::Figure(id) = run {
                            out.push(id.as_str());
                        }
                    }
                }
                Block::Chart(_)
                | Block::StatusList { .. }
                | Block::Absent { .. }
                | Block::SourceNote { .. } => {}
            }
        }
        out
    }
}
