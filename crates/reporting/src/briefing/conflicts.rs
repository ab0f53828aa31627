//! Conflicts as the briefing shows them: each figure of a conflicting pair names the others,
//! with their values and sources, so the conflict is on both rows (the loader computes it:
//! `dostyk_dataset::conflicts`).

use std::collections::HashMap;

use dostyk_core_model::agenda::statement::Statement;
use dostyk_core_model::facts::QuotedFact;
use dostyk_dataset::conflicts::FigureRef;

use super::Builder;
use super::agenda::figure_unit;
use crate::dataset::Dataset;

/// How many conflicting figures a row names before "and N more".
const SHOWN: usize = 3;

/// The figures of a dataset that conflicts name, found by their reference.
pub(super) struct Others<'d> {
    dataset: &'d Dataset,
    statements: HashMap<FigureRef, &'d Statement>,
}

impl<'d> Others<'d> {
    pub(super) fn new(dataset: &'d Dataset) -> Others<'d> {
        Others {
            dataset,
            statements: dataset
                .agenda
                .statements
                .iter()
                .map(|s| (FigureRef::Statement(s.id), s))
                .collect(),
        }
    }

    /// "conflicts with …" for `figure`, naming the other figures and citing their sources;
    /// `None` when it conflicts with none.
    pub(super) fn text(&self, b: &mut Builder<'_>, figure: FigureRef) -> Option<String> {
        let of = self.dataset.conflicts.of(figure, SHOWN);
        if of.total == 0 {
            return None;
        }
        let mut named: Vec<String> = of
            .figures
            .iter()
            .filter_map(|f| self.describe(b, *f))
            .collect();
        if of.total > named.len() {
            named.push(b.msg.format(
                "conflict-more",
                &[("count", &(of.total - named.len()).to_string())],
            ));
        }
        Some(
            b.msg
                .format("conflict-with", &[("others", &named.join("; "))]),
        )
    }

    /// One figure as "value (date, source)", its source cited.
    fn describe(&self, b: &mut Builder<'_>, figure: FigureRef) -> Option<String> {
        match figure {
            FigureRef::Statement(_) => {
                let st = self.statements.get(&figure)?;
                b.cite(&st.sources);
                let value = figure_unit(&st.unit).map_or_else(
                    || format!("{} {}", st.value.normalize(), st.unit),
                    |unit| b.msg.value(st.value, unit),
                );
                let value = if st.qualifier.is_empty() {
                    value
                } else {
                    format!("{} {value}", st.qualifier)
                };
                let source = st.sources.first().map_or("", |s| s.as_str());
                Some(format!("{value} ({}, {source})", st.date))
            }
            FigureRef::WaterFact(i) => Some(fact(b, self.dataset.water_facts.get(i)?)),
            FigureRef::TransitFact(i) => Some(fact(b, self.dataset.transit_facts.get(i)?)),
            _ => None,
        }
    }

    /// How the facts of `table` are referred to, when `table` is one of the dataset's facts
    /// tables (the briefing shows them whole).
    pub(super) fn facts_table(&self, table: &[QuotedFact]) -> Option<fn(usize) -> FigureRef> {
        let same = |list: &[QuotedFact]| std::ptr::eq(list.as_ptr(), table.as_ptr());
        if table.is_empty() {
            None
        } else if same(&self.dataset.water_facts) {
            Some(FigureRef::WaterFact)
        } else if same(&self.dataset.transit_facts) {
            Some(FigureRef::TransitFact)
        } else {
            None
        }
    }
}

fn fact(b: &mut Builder<'_>, f: &QuotedFact) -> String {
    b.cite([&f.source]);
    format!("{} {} ({})", f.value.normalize(), f.unit, f.source)
}
