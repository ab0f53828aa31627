//! Time series of loads for [`solve_series`](super::solve_series): the CSV that gives them and
//! the table of pressures and flows per step.
//!
//! The loads file has a header: a first column that labels the steps (any name: `step`, `time`,
//! …), then one column per load that changes, named by the load's id (`sink/3`, `source/0`,
//! `mass_storage/1` for a pandapipes network, the `id` of a Dostyk network). Each row is a step;
//! a cell is the load's withdrawal in kg/s (negative for an injection, as
//! [`Load::withdrawal_kg_per_s`](super::Load)). Loads without a column keep the network's value.
//!
//! ```text
//! hour,sink/0,sink/3,source/1
//! 2025-01-01 00:00,2.1,0.8,-4.0
//! 2025-01-01 01:00,1.9,0.7,-4.0
//! ```

use std::fmt::Write as _;
use std::path::Path;

use dostyk_core_model::read::{Layout, Location, ReadError, Table, read_text};

use super::error::NetworkError;
use super::model::{ElementId, Network};
use super::result::Solution;

/// The largest loads file read, 64 MiB (8,760 hourly steps of a thousand loads is about 90 MB
/// of text at ten characters a cell: split such a year in months).
pub const MAX_SERIES_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// The steps of a time series: a label and the withdrawal of every load of the network.
#[derive(Debug, Clone, PartialEq)]
pub struct LoadSeries {
    /// The label of each step (the first column).
    pub labels: Vec<String>,
    /// For each step, the withdrawal of every load of the network in the order of
    /// [`Network::loads`], kg/s.
    pub withdrawals_kg_per_s: Vec<Vec<f64>>,
}

fn id_text(id: &ElementId) -> String {
    match id {
        ElementId::Index(i) => i.to_string(),
        ElementId::Key(k) => k.clone(),
    }
}

/// Reads a loads CSV for `net`.
///
/// # Errors
///
/// The file cannot be read or is over [`MAX_SERIES_FILE_BYTES`]; a column names no load of the
/// network, or a column is given twice; a cell is not a finite number; the file has no step.
pub fn read_load_series(path: &Path, net: &Network) -> Result<LoadSeries, NetworkError> {
    let text = read_text(path, MAX_SERIES_FILE_BYTES)?;
    parse_load_series(&text, path, net)
}

/// [`read_load_series`] on text already read; `path` names it in errors.
///
/// # Errors
///
/// As [`read_load_series`].
pub fn parse_load_series(
    text: &str,
    path: &Path,
    net: &Network,
) -> Result<LoadSeries, NetworkError> {
    const ANY: Layout = Layout::new(&[]);
    let mut table = Table::new(text, path, &ANY)?;
    let header = table.header().to_vec();
    let at = table.location(table.header_line());
    let columns = load_columns(header.iter().skip(1).map(String::as_str), &at, net)?;
    let base: Vec<f64> = net.loads.iter().map(|l| l.withdrawal_kg_per_s).collect();
    let mut series = LoadSeries {
        labels: Vec::new(),
        withdrawals_kg_per_s: Vec::new(),
    };
    while let Some(row) = table.next_row() {
        let row = row?;
        let mut step = base.clone();
        for (i, &l) in columns.iter().enumerate() {
            let cell = row.cell(i + 1);
            match cell.parse::<f64>() {
                Ok(v) if v.is_finite() => step[l] = v,
                _ => {
                    return Err(ReadError::value(
                        row.location(&header[i + 1]),
                        cell,
                        "a withdrawal in kg/s (a finite number, negative for an injection)",
                    )
                    .into());
                }
            }
        }
        series.labels.push(row.cell(0).to_owned());
        series.withdrawals_kg_per_s.push(step);
    }
    if series.labels.is_empty() {
        return Err(ReadError::invalid(at, "has no step; expected one row per step").into());
    }
    Ok(series)
}

/// The load (an index into [`Network::loads`]) that each of `names` (the loads file's columns
/// after the first) gives, for a loads file in any format; `at` is the header's place in errors.
///
/// # Errors
///
/// A name is no load's id (the error names it and lists some ids), or two columns give the
/// same load.
pub fn load_columns<'n>(
    names: impl IntoIterator<Item = &'n str>,
    at: &Location,
    net: &Network,
) -> Result<Vec<usize>, ReadError> {
    let mut columns: Vec<usize> = Vec::new();
    for name in names {
        let Some(l) = net.loads.iter().position(|l| id_text(&l.id) == name) else {
            let known: Vec<String> = net.loads.iter().take(10).map(|l| id_text(&l.id)).collect();
            return Err(ReadError::invalid(
                at.clone().field(name),
                format!(
                    "column \"{name}\" names no load of the network; expected the id of a sink, \
                     source or mass storage ({}{})",
                    known.join(", "),
                    if net.loads.len() > 10 { ", …" } else { "" }
                ),
            ));
        };
        if columns.contains(&l) {
            return Err(ReadError::invalid(
                at.clone().field(name),
                format!("column \"{name}\" appears more than once; keep one column per load"),
            ));
        }
        columns.push(l);
    }
    Ok(columns)
}

/// The columns of the table of results: `step`, `iterations`, the pressure of every junction
/// (`p_bar_g:ID`), the mass flow of every pipe, valve and component
/// (`mdot_kg_per_s:KIND:ID`), in the order of [`series_values`].
pub fn series_columns(net: &Network) -> Vec<String> {
    let mut names = vec!["step".to_owned(), "iterations".to_owned()];
    for j in &net.junctions {
        names.push(format!("p_bar_g:{}", id_text(&j.id)));
    }
    for (kind, ids) in [
        ("pipe", net.pipes.iter().map(|x| &x.id).collect::<Vec<_>>()),
        ("valve", net.valves.iter().map(|x| &x.id).collect()),
        ("pump", net.pumps.iter().map(|x| &x.id).collect()),
        (
            "compressor",
            net.compressors.iter().map(|x| &x.id).collect(),
        ),
        (
            "pressure_control",
            net.pressure_controls.iter().map(|x| &x.id).collect(),
        ),
        (
            "flow_control",
            net.flow_controls.iter().map(|x| &x.id).collect(),
        ),
    ] {
        for id in ids {
            names.push(format!("mdot_kg_per_s:{kind}:{}", id_text(id)));
        }
    }
    names
}

/// The header of the table of results: [`series_columns`] as a CSV line.
pub fn series_header(net: &Network) -> String {
    let mut line = series_columns(net).join(",");
    line.push('\n');
    line
}

/// The pressures and flows of `solution` in the order of [`series_columns`] after `step` and
/// `iterations`: bar gauge, then kg/s; `None` for an element out of service.
pub fn series_values(solution: &Solution) -> impl Iterator<Item = Option<f64>> + '_ {
    let components = [
        &solution.pumps,
        &solution.compressors,
        &solution.pressure_controls,
        &solution.flow_controls,
    ];
    solution
        .junctions
        .iter()
        .map(|j| j.pressure_bar_g)
        .chain(solution.pipes.iter().map(|p| p.mass_flow_kg_per_s))
        .chain(solution.valves.iter().map(|v| v.mass_flow_kg_per_s))
        .chain(
            components
                .into_iter()
                .flatten()
                .map(|c| c.mass_flow_kg_per_s),
        )
}

/// One row of the table: `label`, the iterations, pressures and flows of `solution` (empty
/// cells for elements out of service).
pub fn series_row(label: &str, solution: &Solution) -> String {
    let mut line = String::new();
    if label.contains([',', '"', '\n']) {
        let _ = write!(line, "\"{}\"", label.replace('"', "\"\""));
    } else {
        line.push_str(label);
    }
    let _ = write!(line, ",{}", solution.iterations);
    for v in series_values(solution) {
        line.push(',');
        if let Some(v) = v {
            let _ = write!(line, "{v}");
        }
    }
    line.push('\n');
    line
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::network::parse_network;

    const NET: &str = r#"{"format": "dostyk-gas-network/1",
      "fluid": {"name": "lgas", "normal_density_kg_per_m3": 0.8, "dynamic_viscosity_pa_s": 1.1e-5,
                "compressibility": {"slope_per_bar": -0.0022}},
      "temperature_k": 288.15,
      "junctions": [{"id": "A"}, {"id": "B"}],
      "pipes": [{"id": "AB", "from": "A", "to": "B", "length_km": 1, "inner_diameter_mm": 500,
                 "roughness_mm": 0.02}],
      "slack_nodes": [{"junction": "A", "pressure_bar_g": 5}],
      "sinks": [{"id": "K", "junction": "B", "mass_flow_kg_per_s": 1},
                {"id": "L", "junction": "B", "mass_flow_kg_per_s": 2}]}"#;

    #[test]
    fn columns_name_loads_and_the_others_keep_their_value() {
        let net = parse_network(NET, "n.json").unwrap();
        let s = parse_load_series("hour,L\nh0,0.5\nh1,-1\n", Path::new("l.csv"), &net).unwrap();
        assert_eq!(s.labels, ["h0", "h1"]);
        assert_eq!(s.withdrawals_kg_per_s, [vec![1.0, 0.5], vec![1.0, -1.0]]);
        let e = parse_load_series("hour,X\nh0,1\n", Path::new("l.csv"), &net).unwrap_err();
        assert!(
            e.to_string()
                .contains("column \"X\" names no load of the network"),
            "{e}"
        );
        let e = parse_load_series("hour,K\nh0,lots\n", Path::new("l.csv"), &net).unwrap_err();
        assert!(e.to_string().starts_with("l.csv, line 2"), "{e}");
        let e = parse_load_series("hour,K,K\nh0,1,1\n", Path::new("l.csv"), &net).unwrap_err();
        assert!(e.to_string().contains("more than once"), "{e}");
        let e = parse_load_series("hour,K\n", Path::new("l.csv"), &net).unwrap_err();
        assert!(e.to_string().contains("has no step"), "{e}");
        // Another format's header (a Parquet schema) goes through the same check.
        let at = Location::file("l.parquet");
        assert_eq!(load_columns(["L", "K"], &at, &net).unwrap(), [1, 0]);
        let e = load_columns(["K", "L", "K"], &at, &net).unwrap_err();
        assert_eq!(
            e.to_string(),
            "l.parquet, field \"K\": column \"K\" appears more than once; keep one column per load"
        );
    }

    #[test]
    fn the_table_has_a_column_per_junction_and_branch() {
        let net = parse_network(NET, "n.json").unwrap();
        assert_eq!(
            series_header(&net),
            "step,iterations,p_bar_g:A,p_bar_g:B,mdot_kg_per_s:pipe:AB\n"
        );
        let solution =
            crate::network::solve(&net, &crate::network::SolverOptions::default()).unwrap();
        assert_eq!(
            series_values(&solution).count() + 2,
            series_columns(&net).len()
        );
        let row = series_row("a,b", &solution);
        assert!(row.starts_with("\"a,b\","), "{row}");
        assert_eq!(row.trim_end().split(',').count(), 6, "{row}");
    }
}
