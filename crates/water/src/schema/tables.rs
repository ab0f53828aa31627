//! Values read from CSV files: pywr's `url` and `table` keys on a `constant`,
//! `monthlyprofile` or `dailyprofile` parameter, and a `{"table": ..., "index": ...}` reference
//! in place of a number (pywr's `load_parameter_values` and `load_dataframe`).
//!
//! A `table` names an entry of the model's top-level `tables` (`url`, `index_col`, `header`);
//! the keys written on the parameter (`column`, `index`, `index_col`) complete it. The file is
//! found and read as a `dataframe`'s is (`data_file`: relative to the model's folder, CSV plain
//! or compressed, or an Excel sheet), through the same bounded reader.

use std::path::PathBuf;

use dostyk_core_model::read::{Layout, ReadError, Table};
use serde_json::Value as Json;

use super::fields::Fields;
use super::{Ctx, SchemaError, data_file};

/// The index columns of a table: a name or position, or a list of them (a multi-index).
fn index_columns(v: &Json) -> Option<Vec<Json>> {
    match v {
        Json::Array(items) => Some(items.clone()),
        Json::String(_) | Json::Number(_) => Some(vec![v.clone()]),
        _ => None,
    }
}

/// Whether CSV cell `cell` is the index key `key` (a string, or a number written as in the file).
fn key_matches(cell: &str, key: &Json) -> bool {
    match key {
        Json::String(s) => cell == s,
        Json::Number(n) => {
            cell == n.to_string()
                || cell.parse::<f64>().ok() == n.as_f64().filter(|x| x.is_finite())
        }
        _ => false,
    }
}

/// A CSV file read whole: its header and rows of cells.
pub(crate) struct CsvTable {
    /// The file, for errors.
    pub(crate) path: PathBuf,
    header: Vec<String>,
    header_line: u64,
    rows: Vec<(u64, Vec<String>)>,
    /// The index columns' positions.
    index: Vec<usize>,
}

/// Where the values of a parameter come from: the keys `url`/`table`, `index_col`, `column`
/// and `index` taken from `f` (the parameter's own keys override the table's).
pub(crate) struct Source {
    table: CsvTable,
    column: Option<String>,
    index: Option<Vec<Json>>,
    location: String,
    model: PathBuf,
}

/// The CSV `text` of the data file at `path` as a table, with its `index_col` columns found.
fn read_csv(
    ctx: &Ctx,
    location: &str,
    path: PathBuf,
    text: &str,
    index_col: Option<&Json>,
) -> Result<CsvTable, SchemaError> {
    let csv_err = |line: u64, message: String| SchemaError::Csv {
        path: ctx.path.clone(),
        csv: path.clone(),
        line,
        parameter: location.to_owned(),
        message,
    };
    let from_read = |e: &ReadError| csv_err(e.location().line_number().unwrap_or(1), e.problem());
    let mut table = Table::new(text, &path, &Layout::new(&[])).map_err(|e| from_read(&e))?;
    let header = table.header().to_vec();
    let header_line = table.header_line();
    let mut index = Vec::new();
    for col in index_col.and_then(index_columns).unwrap_or_default() {
        let at = match &col {
            Json::String(n) => header.iter().position(|h| h == n),
            Json::Number(n) => n
                .as_u64()
                .and_then(|p| usize::try_from(p).ok())
                .filter(|&p| p < header.len()),
            _ => None,
        };
        index.push(at.ok_or_else(|| {
            csv_err(
                header_line,
                format!(
                    "no index column {col} in the header ({})",
                    header.join(", ")
                ),
            )
        })?);
    }
    let mut rows = Vec::new();
    while let Some(row) = table.next_row() {
        let row = row.map_err(|e| from_read(&e))?;
        rows.push((
            row.line(),
            (0..header.len()).map(|i| row.cell(i).to_owned()).collect(),
        ));
    }
    Ok(CsvTable {
        path,
        header,
        header_line,
        rows,
        index,
    })
}

impl Source {
    /// Takes `url` or `table` (and `index_col`, `column`, `index`, `header`) from `f`; `None`
    /// when neither is given.
    pub(crate) fn take(f: &mut Fields<'_>) -> Result<Option<Self>, SchemaError> {
        let ctx = f.ctx();
        let location = f.location().to_owned();
        let url = f.take("url");
        let table = f.take("table");
        let mut index_col = f.take("index_col").cloned();
        let column = match f.take("column") {
            None => None,
            Some(Json::String(s)) => Some(s.clone()),
            Some(_) => return Err(ctx.invalid(&format!("{location}.column"), "a column name")),
        };
        let index = f.take("index").and_then(index_columns);
        if let Some(h) = f.take("header")
            && h.as_u64() != Some(0)
        {
            return Err(ctx.invalid(&format!("{location}.header"), "0 (the first line)"));
        }
        let (path, text) = match (url, table) {
            (None, None) => return Ok(None),
            (Some(Json::String(u)), None) => {
                let (path, text, _) = data_file::read_table_text(f, u)?;
                (path, text)
            }
            (None, Some(Json::String(t))) => {
                let def = ctx.tables.get(t).ok_or_else(|| {
                    ctx.invalid(
                        &format!("{location}.table"),
                        &format!("the name of an entry of \"tables\", found \"{t}\""),
                    )
                })?;
                let at = format!("tables \"{t}\"");
                let mut tf = Fields::new(def, &at, ctx)?;
                let u = tf.string("url")?;
                let table_index = tf.take("index_col").cloned();
                if let Some(h) = tf.take("header")
                    && h.as_u64() != Some(0)
                {
                    return Err(ctx.invalid(&format!("{at}.header"), "0 (the first line)"));
                }
                let _ = tf.take("comment");
                let (path, text, _) = data_file::read_table_text(&mut tf, &u)?;
                tf.finish()?;
                if index_col.is_none() {
                    index_col = table_index;
                }
                (path, text)
            }
            _ => {
                return Err(ctx.invalid(
                    &location,
                    "one of url (a CSV file name) or table (a name in \"tables\")",
                ));
            }
        };
        let table = read_csv(ctx, &location, path, &text, index_col.as_ref())?;
        Ok(Some(Source {
            table,
            column,
            index,
            location,
            model: ctx.path.clone(),
        }))
    }

    fn error(&self, line: u64, message: String) -> SchemaError {
        SchemaError::Csv {
            path: self.model.clone(),
            csv: self.table.path.clone(),
            line,
            parameter: self.location.clone(),
            message,
        }
    }

    /// The position of the value column: `column`, or the only column besides the index.
    fn value_column(&self) -> Result<usize, SchemaError> {
        let t = &self.table;
        if let Some(c) = &self.column {
            return t.header.iter().position(|h| h == c).ok_or_else(|| {
                self.error(
                    t.header_line,
                    format!("no column \"{c}\" in the header; give an existing column"),
                )
            });
        }
        let rest: Vec<usize> = (0..t.header.len())
            .filter(|i| !t.index.contains(i))
            .collect();
        match rest[..] {
            [one] => Ok(one),
            _ => Err(self.error(
                t.header_line,
                "several value columns; name one with \"column\"".to_owned(),
            )),
        }
    }

    fn number(&self, line: u64, raw: &str) -> Result<f64, SchemaError> {
        raw.trim()
            .parse::<f64>()
            .ok()
            .filter(|v| v.is_finite())
            .ok_or_else(|| self.error(line, format!("expected a finite number, found \"{raw}\"")))
    }

    /// Every value of the column, in file order (for a profile).
    pub(crate) fn column_values(&self) -> Result<Vec<f64>, SchemaError> {
        if self.index.is_some() {
            return Err(self.error(
                0,
                "an index selects one value; a profile takes the whole column (remove \"index\")"
                    .to_owned(),
            ));
        }
        let col = self.value_column()?;
        self.table
            .rows
            .iter()
            .map(|(line, cells)| self.number(*line, &cells[col]))
            .collect()
    }

    /// Every row's value columns (all columns but the index, or only `column`), in file
    /// order: a table of numbers such as a profile per scenario member (pywr's
    /// `load_parameter_values` of a frame).
    pub(crate) fn matrix(&self) -> Result<Vec<Vec<f64>>, SchemaError> {
        if self.index.is_some() {
            return Err(self.error(
                0,
                "an index selects one value; this parameter takes the whole table (remove \"index\")"
                    .to_owned(),
            ));
        }
        let t = &self.table;
        let cols: Vec<usize> = match &self.column {
            Some(_) => vec![self.value_column()?],
            None => (0..t.header.len())
                .filter(|i| !t.index.contains(i))
                .collect(),
        };
        t.rows
            .iter()
            .map(|(line, cells)| {
                cols.iter()
                    .map(|&c| self.number(*line, &cells[c]))
                    .collect()
            })
            .collect()
    }

    /// The single value selected by `index` (or the only row's, without one).
    pub(crate) fn scalar(&self) -> Result<f64, SchemaError> {
        let col = self.value_column()?;
        let t = &self.table;
        let Some(keys) = &self.index else {
            return match &t.rows[..] {
                [(line, cells)] => self.number(*line, &cells[col]),
                _ => Err(self.error(
                    t.header_line,
                    format!(
                        "{} rows; a single value needs \"index\" (and \"index_col\") to pick one",
                        t.rows.len()
                    ),
                )),
            };
        };
        if keys.len() != t.index.len() {
            return Err(self.error(
                t.header_line,
                format!(
                    "index has {} key(s) for {} index column(s) (give index_col and one key per column)",
                    keys.len(),
                    t.index.len()
                ),
            ));
        }
        let mut found = t.rows.iter().filter(|(_, cells)| {
            t.index
                .iter()
                .zip(keys)
                .all(|(&i, k)| key_matches(&cells[i], k))
        });
        match (found.next(), found.next()) {
            (Some((line, cells)), None) => self.number(*line, &cells[col]),
            (None, _) => Err(self.error(
                t.header_line,
                format!("no row with index {}", Json::Array(keys.clone())),
            )),
            (Some((line, _)), Some(_)) => Err(self.error(
                *line,
                format!(
                    "several rows with index {}; keep one",
                    Json::Array(keys.clone())
                ),
            )),
        }
    }
}

/// The rows of a table reference (`url` or `table`, `index_col`, `column`) whose index is
/// each of `keys` in turn, every value column of each (pywr's `load_parameter_values` with
/// `indexes`: `df.loc[indexes, :]`), e.g. a target duration curve per percentile.
pub(crate) fn indexed_rows(
    v: &Json,
    keys: &[f64],
    location: &str,
    ctx: &Ctx,
) -> Result<Vec<Vec<f64>>, SchemaError> {
    let mut f = Fields::new(v, location, ctx)?;
    let source = Source::take(&mut f)?
        .ok_or_else(|| ctx.invalid(location, "a table reference with \"table\" or \"url\""))?;
    f.finish()?;
    if source.index.is_some() {
        return Err(source.error(
            0,
            "the rows are selected by the percentiles; remove \"index\"".to_owned(),
        ));
    }
    let t = &source.table;
    let [at] = t.index[..] else {
        return Err(source.error(
            t.header_line,
            "one index column holding the percentiles (give index_col)".to_owned(),
        ));
    };
    let cols: Vec<usize> = match &source.column {
        Some(_) => vec![source.value_column()?],
        None => (0..t.header.len()).filter(|&i| i != at).collect(),
    };
    keys.iter()
        .map(|&k| {
            let key = serde_json::Number::from_f64(k).map_or(Json::Null, Json::Number);
            let (line, cells) = t
                .rows
                .iter()
                .find(|(_, cells)| key_matches(&cells[at], &key))
                .ok_or_else(|| source.error(t.header_line, format!("no row with index {k}")))?;
            cols.iter()
                .map(|&c| source.number(*line, &cells[c]))
                .collect()
        })
        .collect()
}

/// A number written as a table reference `{"table": ..., "index": ..., "column": ...}` (pywr
/// accepts one wherever a number or parameter goes).
pub(crate) fn table_number(v: &Json, location: &str, ctx: &Ctx) -> Result<f64, SchemaError> {
    let mut f = Fields::new(v, location, ctx)?;
    let source = Source::take(&mut f)?
        .ok_or_else(|| ctx.invalid(location, "a table reference with \"table\" or \"url\""))?;
    f.finish()?;
    source.scalar()
}
