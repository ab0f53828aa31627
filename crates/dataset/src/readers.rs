//! The readers of the built-in kinds: each reads its file once, adds its records to the dataset
//! being loaded and records every problem it finds; [`crate::kinds`] registers them.

use std::collections::hash_map::Entry;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use dostyk_core_model::agenda::file::{Agenda, AgendaFile, AgendaFileError};
use dostyk_core_model::agenda::ledger;
use dostyk_core_model::facts::{self, FactsError, QuotedFact};
use dostyk_core_model::provenance::SourceId;
use dostyk_core_model::read::ReadError;

use dostyk_trade::national::NationalFigure;
use dostyk_transit_gas::freight::FreightRow;
use dostyk_transit_gas::national::NationalRow;
use dostyk_water::intake::Intake;
use dostyk_water::limits::Limit;
use dostyk_water::withdrawals::SeasonalWithdrawal;

use crate::{Input, Loading, Problem, Seen};

/// A reader: reads the file of `input` and adds its records (or its problems) to `loading`.
pub(crate) type ReadFn = fn(&Input, &mut Loading);

pub(crate) fn agenda(input: &Input, loading: &mut Loading) {
    let text = input.text.as_str();
    let shown = &input.shown;
    match AgendaFile::parse(text, shown, Some(&loading.known)) {
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
    let text = input.text.as_str();
    match ledger::parse_csv(
        text,
        &input.shown,
        &loading.dataset.agenda,
        Some(&loading.known),
    ) {
        Ok(rows) => {
            let agenda = &loading.dataset.agenda;
            let keys: Vec<KeyLine> = rows
                .iter()
                .map(|r| {
                    let indicator = agenda.key(r.indicator).unwrap_or_default();
                    (
                        format!(
                            "the statement of {} on {} about indicator {indicator} for {}",
                            r.speaker, r.date, r.period
                        ),
                        r.line,
                    )
                })
                .collect();
            given_twice("trade.statements", keys, input, loading);
            loading.dataset.agenda.statements.extend(rows);
        }
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
    // Named by its real path, as the trade reader names a file it opens itself.
    let rows =
        dostyk_trade::national::parse_national(&input.text, &input.real).map_err(Problem::from);
    let keys: Keys<NationalFigure> = Keys {
        kind: "trade.national",
        of: |rows| {
            rows.iter()
                .map(|r| {
                    let side = r
                        .side
                        .map_or_else(|| "unspecified".to_owned(), |s| s.to_string());
                    (
                        format!(
                            "the {} figure of side {side} for {}, partner {}, from source {}",
                            lower(r.flow),
                            r.period,
                            r.partner,
                            r.source
                        ),
                        r.line,
                    )
                })
                .collect()
        },
    };
    keep(
        rows,
        |r| &r.source,
        Some(keys),
        input,
        loading,
        |d| &mut d.trade_national,
    );
}

pub(crate) fn trade_comtrade(input: &Input, loading: &mut Loading) {
    use dostyk_trade::comtrade::{ComtradeReader, ReadOptions};
    // Rows carry no source of their own: they are the file's first source's.
    let Some(source) = input.sources.first() else {
        loading.problems.push(Problem::Item {
            file: input.shown.clone(),
            problem: dostyk_core_model::dataset::Problem {
                key: "sources".into(),
                message: "a trade.comtrade file needs its UN Comtrade source: list its id in the file's `sources` in dataset.toml".into(),
            },
        });
        return;
    };
    let options = ReadOptions {
        source: Some(source.clone()),
        ..ReadOptions::default()
    };
    let bytes = std::io::Cursor::new(input.text.clone().into_bytes());
    // Named by its real path, as the trade reader names a file it opens itself.
    let rows = ComtradeReader::from_reader(&input.real, bytes, options)
        .and_then(Iterator::collect::<Result<Vec<_>, _>>);
    // The same flow given twice with different values, in this file or across the Comtrade
    // files, is refused here, where the dataset can say so, not when a report adds them up.
    let checked = rows.and_then(|rows| {
        let mut agg = dostyk_trade::aggregate::Aggregator::new();
        for row in loading.dataset.trade_comtrade.iter().chain(&rows) {
            agg.add_row(row.clone())?;
        }
        Ok(rows)
    });
    match checked {
        Ok(rows) => loading.dataset.trade_comtrade.extend(rows),
        Err(e) => loading.problems.push(e.into()),
    }
}

pub(crate) fn water_limits(input: &Input, loading: &mut Loading) {
    // Named by its real path, as the water reader names a file it opens itself.
    let rows =
        dostyk_water::limits::parse_limits_csv(&input.text, &input.real).map_err(Problem::from);
    let keys: Keys<Limit> = Keys {
        kind: "water.limits",
        of: |rows| {
            rows.iter()
                .map(|r| {
                    let dekad = r.dekad.map_or_else(String::new, |d| format!(", dekad {d}"));
                    (
                        format!(
                            "the limit of {} {} for season {}{dekad}",
                            r.country, r.line, r.season
                        ),
                        r.file_line,
                    )
                })
                .collect()
        },
    };
    keep(
        rows,
        |r| &r.source,
        Some(keys),
        input,
        loading,
        |d| &mut d.water_limits,
    );
}

pub(crate) fn water_intake(input: &Input, loading: &mut Loading) {
    let rows =
        dostyk_water::intake::parse_intake_csv(&input.text, &input.real).map_err(Problem::from);
    let keys: Keys<Intake> = Keys {
        kind: "water.intake",
        of: |rows| {
            rows.iter()
                .map(|r| {
                    (
                        format!(
                            "the intake of {} {} in dekad {}",
                            r.country, r.line, r.dekad
                        ),
                        r.file_line,
                    )
                })
                .collect()
        },
    };
    keep(
        rows,
        |r| &r.source,
        Some(keys),
        input,
        loading,
        |d| &mut d.water_intake,
    );
}

pub(crate) fn water_withdrawals(input: &Input, loading: &mut Loading) {
    let rows = dostyk_water::withdrawals::parse_withdrawals_csv(&input.text, &input.real)
        .map_err(Problem::from);
    let keys: Keys<SeasonalWithdrawal> = Keys {
        kind: "water.withdrawals",
        of: |rows| {
            rows.iter()
                .map(|r| {
                    (
                        format!(
                            "the {} of {} {} in season {}",
                            r.measure.name(),
                            r.scope,
                            r.line,
                            r.season
                        ),
                        r.file_line,
                    )
                })
                .collect()
        },
    };
    keep(
        rows,
        |r| &r.source,
        Some(keys),
        input,
        loading,
        |d| &mut d.water_withdrawals,
    );
}

pub(crate) fn gas_national(input: &Input, loading: &mut Loading) {
    let rows = dostyk_transit_gas::national::parse_csv(&input.text, Path::new(&input.shown))
        .map_err(Problem::from);
    let keys: Keys<NationalRow> = Keys {
        kind: "gas.national",
        of: |rows| {
            rows.iter()
                .map(|r| {
                    let k = &r.series;
                    let via = k.via.map_or_else(String::new, |v| format!(" via {v}"));
                    (
                        format!(
                            "the {} {} figure {}→{}{via} on route {} for {}",
                            k.status, k.kind, k.exporter, k.importer, k.route, r.period
                        ),
                        r.line,
                    )
                })
                .collect()
        },
    };
    keep(
        rows,
        |r| &r.source,
        Some(keys),
        input,
        loading,
        |d| &mut d.gas_national,
    );
}

pub(crate) fn transit_freight(input: &Input, loading: &mut Loading) {
    let rows = dostyk_transit_gas::freight::parse_csv(&input.text, Path::new(&input.shown))
        .map_err(Problem::from);
    let keys: Keys<FreightRow> = Keys {
        kind: "transit.freight",
        of: |rows| {
            rows.iter()
                .map(|r| {
                    (
                        format!(
                            "the {} {} freight of {} for {}",
                            lower(r.mode),
                            lower(r.direction),
                            r.corridor,
                            r.period
                        ),
                        r.line,
                    )
                })
                .collect()
        },
    };
    keep(
        rows,
        |r| &r.source,
        Some(keys),
        input,
        loading,
        |d| &mut d.freight,
    );
}

pub(crate) fn transit_crossings(input: &Input, loading: &mut Loading) {
    let rows = dostyk_transit_gas::crossings::parse_csv(&input.text, Path::new(&input.shown))
        .map_err(Problem::from);
    // The crossings reader has no one-row-per-key rule: only a copy of a whole file is refused
    // (by the loader).
    keep(
        rows,
        |r| &r.source,
        None,
        input,
        loading,
        |d| &mut d.crossings,
    );
}

pub(crate) fn water_facts(input: &Input, loading: &mut Loading) {
    quoted_facts(input, loading, |d| &mut d.water_facts);
}

pub(crate) fn transit_facts(input: &Input, loading: &mut Loading) {
    quoted_facts(input, loading, |d| &mut d.transit_facts);
}

pub(crate) fn translations(input: &Input, loading: &mut Loading) {
    match crate::translations::parse_csv(&input.text, &input.shown, Some(&loading.known)) {
        Ok(rows) => {
            let repeated = loading
                .dataset
                .translations
                .merge(rows, Path::new(&input.shown));
            loading
                .problems
                .extend(repeated.into_iter().map(Problem::Read));
        }
        Err(ReadError::Many { problems, .. }) => {
            loading
                .problems
                .extend(problems.into_iter().map(Problem::Read));
        }
        Err(e) => loading.problems.push(e.into()),
    }
}

fn quoted_facts(
    input: &Input,
    loading: &mut Loading,
    into: fn(&mut crate::Dataset) -> &mut Vec<QuotedFact>,
) {
    match facts::parse_csv(&input.text, &input.shown, Some(&loading.known)) {
        Ok(rows) => into(&mut loading.dataset).extend(rows),
        Err(FactsError::Read(ReadError::Many { problems, .. })) => {
            loading
                .problems
                .extend(problems.into_iter().map(Problem::Read));
        }
        Err(e) => loading.problems.push(e.into()),
    }
}

/// A row's key, in words, and its line.
type KeyLine = (String, u64);

/// How to find the key of every row of a kind: what its reader refuses to see twice in one
/// file, described as a message names it, with the row's line.
struct Keys<T> {
    /// The kind, as `dataset.toml` names it.
    kind: &'static str,
    /// The key and line of each row, in file order.
    of: fn(&[T]) -> Vec<KeyLine>,
}

/// Keeps the rows of a file that was read, once every row's source is checked against the
/// manifest and, with `keys`, no row's key is given by an earlier file of the kind; records
/// why the file could not be read otherwise.
fn keep<T>(
    read: Result<Vec<T>, Problem>,
    source: fn(&T) -> &SourceId,
    keys: Option<Keys<T>>,
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
            if let Some(keys) = keys {
                given_twice(keys.kind, (keys.of)(&rows), input, loading);
            }
            into(&mut loading.dataset).extend(rows);
        }
        Err(problem) => loading.problems.push(problem),
    }
}

/// Applies a reader's "given twice" rule across the files of `kind`: records the key of every
/// row, and refuses each row whose key an earlier file of the kind already gives (the report
/// would count it twice). One problem per earlier file: the first row repeated, with the
/// number of further rows repeated, so a renamed copy of a long file is one line.
fn given_twice(
    kind: &'static str,
    keys: impl IntoIterator<Item = (String, u64)>,
    input: &Input,
    loading: &mut Loading,
) {
    let mut repeats: Vec<Problem> = Vec::new();
    for (key, line) in keys {
        match loading.given.entry((kind, key)) {
            Entry::Occupied(seen) => {
                let (first, first_line) = (&seen.get().file, seen.get().line);
                let earlier = repeats.iter_mut().find_map(|p| match p {
                    Problem::GivenTwice { first: f, more, .. } if f == first => Some(more),
                    _ => None,
                });
                match earlier {
                    Some(more) => *more += 1,
                    None => repeats.push(Problem::GivenTwice {
                        file: input.shown.clone(),
                        line,
                        what: seen.key().1.clone(),
                        first: first.clone(),
                        first_line,
                        more: 0,
                    }),
                }
            }
            Entry::Vacant(slot) => {
                slot.insert(Seen {
                    file: input.shown.clone(),
                    line,
                });
            }
        }
    }
    loading.problems.extend(repeats);
}

/// A value's name as its `Debug` form says it, lowercase: `Rail` is `rail`.
fn lower(value: impl std::fmt::Debug) -> String {
    format!("{value:?}").to_lowercase()
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
