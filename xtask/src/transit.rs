//! `cargo xtask transit cpmm` and `cargo xtask transit route`: CAREC corridor indicators and
//! corridor routing from `dostyk-transit-gas` on the command line.

use std::ffi::OsString;
use std::path::PathBuf;

use dostyk_transit_gas::corridor::{BorderStatistic, Criterion, Network};
use dostyk_transit_gas::cpmm::{self, CpmmFile, Mode};

use crate::TaskResult;
use crate::gas_ledger::number;
use crate::output::{self, Format};

const HELP: &str = "\
cargo xtask transit cpmm FILE... [--format json|table] [--output FILE]
    CAREC CPMM indicators from trip records (trip_id, mode, direction, section, distance_km, cargo_tonnes,
    depart, arrive, delay_hours, cost_usd) and border-crossing records (crossing_id, trip_id, mode,
    direction, bcp, arrive, depart, official_usd, informal_usd): TFI1-TFI4 and speed without delay,
    by mode and inbound/outbound, with count, mean and median
cargo xtask transit route FROM TO --network FILE [--by time|cost] [--mode road|rail] [--cpmm FILE]...
                          [--border-stat median|mean] [--format json|table] [--output FILE]
    fastest or cheapest route between two node ids; --cpmm takes border delays and costs from the
    median (or mean) TFI1/TFI2 of crossing records
";

/// `cargo xtask transit SUBCOMMAND ...`.
pub(crate) fn run(args: Vec<OsString>) -> TaskResult {
    let (sub, rest) = crate::split_command(args);
    match sub.as_str() {
        "cpmm" => run_cpmm(rest),
        "route" => run_route(rest),
        "" | "help" | "-h" | "--help" => {
            print!("{HELP}");
            Ok(())
        }
        other => Err(format!("unknown transit task \"{other}\"; expected cpmm or route").into()),
    }
}

fn utf8(v: OsString, what: &str) -> Result<String, String> {
    v.into_string()
        .map_err(|_| format!("{what}: not valid UTF-8"))
}

fn read_cpmm(
    files: &[PathBuf],
) -> Result<(Vec<cpmm::Crossing>, Vec<cpmm::Trip>), Box<dyn std::error::Error>> {
    let mut crossings = Vec::new();
    let mut trips = Vec::new();
    for file in files {
        let text = std::fs::read_to_string(file)
            .map_err(|e| format!("cannot read {}: {e}", file.display()))?;
        match cpmm::detect(&text) {
            Some(CpmmFile::Crossings) => crossings.extend(cpmm::parse_crossings(&text, file)?),
            Some(CpmmFile::Trips) => trips.extend(cpmm::parse_trips(&text, file)?),
            None => {
                return Err(format!(
                    "{}, line 1: neither a crossing file (needs a bcp column) nor a trip file (needs distance_km)",
                    file.display()
                )
                .into());
            }
        }
    }
    Ok((crossings, trips))
}

fn run_cpmm(args: Vec<OsString>) -> TaskResult {
    use lexopt::prelude::*;
    let mut parser = lexopt::Parser::from_args(args);
    let mut files: Vec<PathBuf> = Vec::new();
    let mut format = Format::Table;
    let mut output_path: Option<PathBuf> = None;
    while let Some(arg) = parser.next()? {
        match arg {
            Long("format") => format = utf8(parser.value()?, "--format")?.parse()?,
            Long("output") => output_path = Some(parser.value()?.into()),
            Long("help") | Short('h') => {
                print!("{HELP}");
                return Ok(());
            }
            Value(v) => files.push(v.into()),
            other => return Err(other.unexpected().into()),
        }
    }
    if files.is_empty() {
        return Err("expected at least one FILE of CPMM trip or crossing records".into());
    }
    let (crossings, trips) = read_cpmm(&files)?;
    let summary = cpmm::summarise(&crossings, &trips);
    let text = match format {
        Format::Json => format!("{}\n", serde_json::to_string_pretty(&summary)?),
        Format::Table => {
            let rows: Vec<Vec<String>> = summary
                .iter()
                .map(|s| {
                    let fig = |f: cpmm::Figure| match f {
                        cpmm::Figure::Physical(x) => number(x),
                        cpmm::Figure::Usd(_) => f.to_string(),
                    };
                    vec![
                        s.indicator.label().to_owned(),
                        s.unit.to_owned(),
                        s.mode.to_string(),
                        s.direction.to_owned(),
                        s.bcp.clone().unwrap_or_else(|| "-".to_owned()),
                        s.count.to_string(),
                        fig(s.mean),
                        fig(s.median),
                    ]
                })
                .collect();
            format!(
                "CPMM indicators from {} crossing(s) and {} trip(s)\n{}",
                crossings.len(),
                trips.len(),
                output::table(
                    &[
                        "indicator",
                        "unit",
                        "mode",
                        "direction",
                        "bcp",
                        " n",
                        " mean",
                        " median"
                    ],
                    &rows
                )
            )
        }
    };
    output::emit(&text, output_path.as_deref())
}

fn run_route(args: Vec<OsString>) -> TaskResult {
    use lexopt::prelude::*;
    let mut parser = lexopt::Parser::from_args(args);
    let mut ends: Vec<String> = Vec::new();
    let mut network: Option<PathBuf> = None;
    let mut by = Criterion::Time;
    let mut mode: Option<Mode> = None;
    let mut cpmm_files: Vec<PathBuf> = Vec::new();
    let mut statistic = BorderStatistic::Median;
    let mut format = Format::Table;
    let mut output_path: Option<PathBuf> = None;
    while let Some(arg) = parser.next()? {
        match arg {
            Long("network") => network = Some(parser.value()?.into()),
            Long("by") => by = utf8(parser.value()?, "--by")?.parse()?,
            Long("mode") => mode = Some(utf8(parser.value()?, "--mode")?.parse()?),
            Long("cpmm") => cpmm_files.push(parser.value()?.into()),
            Long("border-stat") => statistic = utf8(parser.value()?, "--border-stat")?.parse()?,
            Long("format") => format = utf8(parser.value()?, "--format")?.parse()?,
            Long("output") => output_path = Some(parser.value()?.into()),
            Long("help") | Short('h') => {
                print!("{HELP}");
                return Ok(());
            }
            Value(v) => ends.push(utf8(v, "node id")?),
            other => return Err(other.unexpected().into()),
        }
    }
    let [from, to] = ends.as_slice() else {
        return Err("expected FROM TO node ids, e.g. `cargo xtask transit route shymkent tashkent --network net.json`".into());
    };
    let network_path = network.ok_or("--network FILE is required (a JSON corridor network)")?;
    let mut net = Network::read(&network_path)?;
    if !cpmm_files.is_empty() {
        let (crossings, _) = read_cpmm(&cpmm_files)?;
        net.apply_cpmm(&crossings, statistic);
    }
    let route = net.route(from, to, by, mode)?;
    let text = match format {
        Format::Json => format!("{}\n", serde_json::to_string_pretty(&route)?),
        Format::Table => {
            let mut rows: Vec<Vec<String>> = Vec::new();
            for leg in &route.legs {
                rows.push(vec![
                    format!("{} -> {}", leg.from, leg.to),
                    leg.mode.to_string(),
                    number(leg.distance_km),
                    number(leg.moving_hours),
                    "-".to_owned(),
                    leg.cost_usd.to_string(),
                ]);
                if let Some(b) = route.borders.iter().find(|b| b.node == leg.to) {
                    rows.push(vec![
                        format!("border at {}", b.name),
                        b.mode.to_string(),
                        "-".to_owned(),
                        "-".to_owned(),
                        number(b.hours),
                        b.cost_usd.to_string(),
                    ]);
                }
            }
            rows.push(vec![
                "total".to_owned(),
                String::new(),
                number(route.distance_km),
                number(route.moving_hours),
                number(route.border_hours),
                route.cost.amount.to_string(),
            ]);
            format!(
                "{} route {} -> {}: {} h ({} h moving, {} h at borders), {} {}\n{}",
                match by {
                    Criterion::Time => "Fastest",
                    Criterion::Cost => "Cheapest",
                },
                route.from,
                route.to,
                number(route.total_hours),
                number(route.moving_hours),
                number(route.border_hours),
                route.cost.amount,
                route.cost.currency,
                output::table(
                    &["step", "mode", " km", " moving h", " border h", " cost USD"],
                    &rows
                )
            )
        }
    };
    output::emit(&text, output_path.as_deref())
}
