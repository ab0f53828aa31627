//! Quoted facts as a table: figures shown exactly as published, each with its source.

use dostyk_core_model::facts::QuotedFact;
use dostyk_dataset::translations::{Subject, SubjectKind};

use super::Builder;
use super::agenda::side_name;
use crate::document::{Block, Cell, Column, Table};
use crate::figure::{Figure, FigureUnit};

/// The figure unit for a published unit text, when the report has one.
pub(super) fn unit(text: &str) -> Option<FigureUnit> {
    match text {
        "km3" => Some(FigureUnit::Km3),
        "Mm3" => Some(FigureUnit::Mm3),
        "bcm" => Some(FigureUnit::Bcm),
        "Mt" => Some(FigureUnit::Mt),
        "%" => Some(FigureUnit::Percent),
        "count" => Some(FigureUnit::Count),
        "USD" => Some(FigureUnit::Usd),
        _ => None,
    }
}

/// A table of quoted facts with caption `caption`; each value with a known unit is a figure.
pub(super) fn table(b: &mut Builder<'_>, id: &str, caption: String, facts: &[QuotedFact]) -> Block {
    let msg = b.msg;
    let others = super::conflicts::Others::new(b.dataset);
    let reference = others.facts_table(facts);
    let mut rows = Vec::new();
    for (index, f) in facts.iter().enumerate() {
        // A computed conflict is shown after the note, on every figure of the pair.
        let conflict = reference.and_then(|r| others.text(b, r(index)));
        // The note is the dataset's English wording of the source: marked as English.
        let note = match conflict {
            Some(c) if f.note.is_empty() => c,
            Some(c) => format!("{}; {c}", msg.english(&f.note)),
            None => msg.english(&f.note),
        };
        let period = f.period.map(|p| p.to_string()).unwrap_or_default();
        let figure_period = if period.is_empty() {
            "unspecified".to_owned()
        } else {
            period.clone()
        };
        let key = if period.is_empty() {
            "standing"
        } else {
            period.as_str()
        };
        let value = if let Some(u) = unit(&f.unit) {
            let figure = Figure::new(
                format!("{id}.{}.{key}", f.indicator),
                f.indicator.clone(),
                figure_period,
                f.value,
                u,
            )
            .side(f.side)
            .sources([f.source.clone()]);
            Cell::Figure(b.figure(figure))
        } else {
            b.cite([&f.source]);
            Cell::Text(format!("{} {}", f.value.normalize(), f.unit))
        };
        rows.push(vec![
            Cell::Text(msg.label(
                &Subject::new(SubjectKind::Fact, f.indicator.as_str()),
                "name",
                &f.indicator.replace('-', " "),
            )),
            Cell::Text(period),
            Cell::Text(side_name(msg, f.side)),
            value,
            Cell::Text(note),
            Cell::Text(f.source.to_string()),
        ]);
    }
    Block::Table(Table {
        id: id.to_owned(),
        caption,
        columns: vec![
            Column {
                label: msg.text("col-indicator"),
                numeric: false,
            },
            Column {
                label: msg.text("col-period"),
                numeric: false,
            },
            Column {
                label: msg.text("col-side"),
                numeric: false,
            },
            Column {
                label: msg.text("col-value"),
                numeric: true,
            },
            Column {
                label: msg.text("col-note"),
                numeric: false,
            },
            Column {
                label: msg.text("col-sources"),
                numeric: false,
            },
        ],
        rows,
    })
}
