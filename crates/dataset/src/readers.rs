//! The readers of the built-in kinds: each reads its file once, adds its records to the dataset
//! being loaded and records every problem it finds; [`crate::kinds`] registers them.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use dostyk_core_model::agenda::file::{Agenda, AgendaFile, AgendaFileError};
use dostyk_core_model::agenda::ledger;
use dostyk_core_model::facts::{self, FactsError, QuotedFact};
use dostyk_core_model::provenance::SourceId;
use dostyk_core_model::read::ReadError;

use crate::{Input, Loading, Problem};

/// A reader: reads the file of `input` and adds its records (or its problems) to `loading`.
pub(crate) type ReadFn = fn(&Input, &mut Loading);

/// The text of `input`, or `None` with the problem recorded.
fn text(input: &Input, loading: &mut Loading) -> Option<String> {
    match input.text() {
        Ok(text) => Some(text),
        Err(problem) => {
            loading.problems.push(problem);
            None
        }
    }
}

pub(crate) fn agenda(input: &Input, loading: &mut Loading) {
    let Some(text) = text(input, loading) else {
        return;
    };
    let shown = &input.shown;
    match AgendaFile::parse(&text, shown, Some(&loading.known)) {
        Ok(part) => {
            let clashes = repeated_keys(&mut loading.defined_in, &part, shown);
            if clashes.is_empty() {
                merge_agenda(&mut loading.dataset.agenda, part);
            } else {
                loading.agenda_ok = false;
                loading.problems.extend(clashes);
            }
        }
        Err(AgendaFileError::Invalid { file, problems }) => {
            loading.agenda_ok = false;
            loading
                .problems
                .extend(problems.into_iter().map(|problem| Problem::Item {
                    file: file.clone(),
                    problem,
                }));
        }
        Err(e) => {
            loading.agenda_ok = false;
            loading.problems.push(e.into());
        }
    }
}

pub(crate) fn trade_statements(input: &Input, loading: &mut Loading) {
    // Its indicator keys cannot be checked against an agenda that failed.
    if !loading.agenda_ok {
        loading.problems.push(Problem::NotChecked {
            file: input.shown.clone(),
        });
        return;
    }
    let Some(text) = text(input, loading) else {
        return;
    };
    match ledger::parse_csv(
        &text,
        &input.shown,
        &loading.dataset.agenda,
        Some(&loading.known),
    ) {
        Ok(rows) => loading.dataset.agenda.statements.extend(rows),
        // Every bad cell is its own problem, each naming the file.
        Err(AgendaFileError::Read(ReadError::Many { problems, .. })) => {
            loading
                .problems
                .extend(problems.into_iter().map(Problem::Read));
        }
        Err(e) => loading.problems.push(e.into()),
    }
}

pub(crate) fn trade_national(input: &Input, loading: &mut Loading) {
    let Some(text) = text(input, loading) else {
        return;
    };
    // Named by its real path, as the trade reader names a file it opens itself.
    let rows = dostyk_trade::national::parse_national(&text, &input.real).map_err(Problem::from);
    keep(
        rows,
        |r| &r.source,
        input,
        loading,
        |d| &mut d.trade_national,
    );
}

pub(crate) fn water_limits(input: &Input, loading: &mut Loading) {
    let Some(text) = text(input, loading) else {
        return;
    };
    // Named by its real path, as the water reader names a file it opens itself.
    let rows = dostyk_water::limits::parse_limits_csv(&text, &input.real).map_err(Problem::from);
    keep(rows, |r| &r.source, input, loading, |d| &mut d.water_limits);
}

pub(crate) fn water_intake(input: &Input, loading: &mut Loading) {
    let Some(text) = text(input, loading) else {
        return;
    };
    let rows = dostyk_water::intake::parse_intake_csv(&text, &input.real).map_err(Problem::from);
    keep(rows, |r| &r.source, input, loading, |d| &mut d.water_intake);
}

pub(crate) fn gas_national(input: &Input, loading: &mut Loading) {
    let Some(text) = text(input, loading) else {
        return;
    };
    let rows = dostyk_transit_gas::national::parse_csv(&text, Path::new(&input.shown))
        .map_err(Problem::from);
    keep(rows, |r| &r.source, input, loading, |d| &mut d.gas_national);
}

pub(crate) fn transit_freight(input: &Input, loading: &mut Loading) {
    let Some(text) = text(input, loading) else {
        return;
    };
    let rows = dostyk_transit_gas::freight::parse_csv(&text, Path::new(&input.shown))
        .map_err(Problem::from);
    keep(rows, |r| &r.source, input, loading, |d| &mut d.freight);
}

pub(crate) fn transit_crossings(input: &Input, loading: &mut Loading) {
    let Some(text) = text(input, loading) else {
        return;
    };
    let rows = dostyk_transit_gas::crossings::parse_csv(&text, Path::new(&input.shown))
        .map_err(Problem::from);
    keep(rows, |r| &r.source, input, loading, |d| &mut d.crossings);
}

pub(crate) fn water_facts(input: &Input, loading: &mut Loading) {
    quoted_facts(input, loading, |d| &mut d.water_facts);
}

pub(crate) fn transit_facts(input: &Input, loading: &mut Loading) {
    quoted_facts(input, loading, |d| &mut d.transit_facts);
}

fn quoted_facts(
    input: &Input,
    loading: &mut Loading,
    into: fn(&mut crate::Dataset) -> &mut Vec<QuotedFact>,
) {
    let Some(text) = text(input, loading) else {
        return;
    };
    match facts::parse_csv(&text, &input.shown, Some(&loading.known)) {
        Ok(rows) => into(&mut loading.dataset).extend(rows),
        Err(FactsError::Read(ReadError::Many { problems, .. })) => {
            loading
                .problems
                .extend(problems.into_iter().map(Problem::Read));
        }
        Err(e) => loading.problems.push(e.into()),
    }
}

/// Keeps the rows of a file that was read, once every row's source is checked against the
/// manifest; records why the file could not be read otherwise.
fn keep<T>(
    read: Result<Vec<T>, Problem>,
    source: fn(&T) -> &SourceId,
    input: &Input,
    loading: &mut Loading,
    into: fn(&mut crate::Dataset) -> &mut Vec<T>,
) {
    match read {
        Ok(rows) => {
            check_sources(
                &input.shown,
                rows.iter().map(source),
                &loading.known,
                &mut loading.problems,
            );
            into(&mut loading.dataset).extend(rows);
        }
        Err(problem) => loading.problems.push(problem),
    }
}

/// Every row must cite a source the manifest lists.
fn check_sources<'a>(
    file: &str,
    cited: impl Iterator<Item = &'a SourceId>,
    known: &BTreeSet<SourceId>,
    problems: &mut Vec<Problem>,
) {
    let mut missing: Vec<&str> = cited
        .filter(|s| !known.contains(*s))
        .map(SourceId::as_str)
        .collect();
    missing.sort_unstable();
    missing.dedup();
    for id in missing {
        problems.push(Problem::UnknownSource {
            file: file.to_owned(),
            id: id.to_owned(),
        });
    }
}

/// Records the keys `part` defines and returns a problem for each key an earlier agenda file
/// already defined in the same table.
fn repeated_keys(
    defined_in: &mut BTreeMap<(&'static str, String), String>,
    part: &Agenda,
    shown: &str,
) -> Vec<Problem> {
    let keys =
        |ids: Vec<_>| -> Vec<&str> { ids.into_iter().filter_map(|id| part.key(id)).collect() };
    let tables = [
        (
            "meetings",
            keys(part.meetings.iter().map(|m| m.id).collect()),
        ),
        (
            "agreements",
            keys(part.agreements.iter().map(|a| a.id).collect()),
        ),
        (
            "indicators",
            keys(part.indicators.iter().map(|i| i.id).collect()),
        ),
        (
            "measures",
            keys(part.measures.iter().map(|m| m.id).collect()),
        ),
        (
            "projects",
            keys(part.projects.iter().map(|p| p.id).collect()),
        ),
    ];
    let mut problems = Vec::new();
    for (table, keys) in tables {
        for key in keys {
            match defined_in.get(&(table, key.to_owned())) {
                Some(first) => problems.push(Problem::RepeatedKey {
                    file: shown.to_owned(),
                    table,
                    key: key.to_owned(),
                    first: first.clone(),
                }),
                None => {
                    defined_in.insert((table, key.to_owned()), shown.to_owned());
                }
            }
        }
    }
    problems
}

fn merge_agenda(into: &mut Agenda, part: Agenda) {
    into.meetings.extend(part.meetings);
    into.agreements.extend(part.agreements);
    into.indicators.extend(part.indicators);
    for history in part.targets {
        match into
            .targets
            .iter_mut()
            .find(|h| h.indicator == history.indicator)
        {
            Some(existing) => existing.restatements.extend(history.restatements),
            None => into.targets.push(history),
        }
    }
    into.measures.extend(part.measures);
    into.projects.extend(part.projects);
    into.statements.extend(part.statements);
    into.keys.extend(part.keys);
}
