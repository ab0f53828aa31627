//! `dostyk transit cpmm` and `dostyk transit route`: CAREC corridor indicators and corridor
//! routing from `dostyk-transit-gas` on the command line.

use dostyk_core_model::read;
use std::path::PathBuf;

use dostyk_transit_gas::corridor::{BorderStatistic, Criterion, Network};
use dostyk_transit_gas::cpmm::{self, CpmmFile, Mode};

use crate::format::{self, Format};
use crate::gas_ledger::{from_text, number};
use crate::{Progress, TaskResult, output};

const CPMM_HELP: &str = "\
Reads: CSV trip records (trip_id, mode, direction, section, distance_km, cargo_tonnes, depart,
arrive, delay_hours, cost_usd) and border-crossing records (crossing_id, trip_id, mode,
direction, bcp, arrive, depart, official_usd, informal_usd), in any mix; each file's kind is
detected from its header.

Writes: TFI1-TFI4 and speed without delay, by mode and inbound/outbound, with count, mean and
median. Formats: table (the default) or json.

Examples:
  dostyk transit cpmm trips.csv crossings.csv
  dostyk transit cpmm crossings.csv --format json --out cpmm.json";

const ROUTE_HELP: &str = "\
Reads: a corridor network JSON (nodes with border crossings, legs with mode, distance, speed and
cost), and optionally CPMM crossing records (CSV) whose median or mean TFI1/TFI2 replace the
border delays and costs.

Writes: each leg and border with distance, moving and border hours and cost, and the totals.
Formats: table (the default) or json.

Examples:
  dostyk transit route shymkent tashkent --network corridor.json
  dostyk transit route shymkent tashkent --network corridor.json --by cost --cpmm crossings.csv";

/// `dostyk transit`.
#[derive(Debug, clap::Subcommand)]
pub(crate) enum TransitCommand {
    /// CAREC CPMM corridor indicators (TFI1-TFI4, speed without delay) from trip and crossing
    /// records.
    #[command(after_help = CPMM_HELP)]
    Cpmm(CpmmArgs),
    /// The fastest or cheapest route between two nodes of a corridor network, moving and border
    /// time apart.
    #[command(after_help = ROUTE_HELP)]
    Route(RouteArgs),
}

/// `dostyk transit cpmm`.
#[derive(Debug, clap::Args)]
pub(crate) struct CpmmArgs {
    /// CPMM trip or crossing records (CSV)
    #[arg(required = true, value_name = "FILE")]
    files: Vec<PathBuf>,
    /// Output format: table or json
    #[arg(long, default_value = "table", value_parser = format::parser(format::TABLE_JSON))]
    format: Format,
    /// Write the result to FILE (whole or not at all) instead of standard output
    #[arg(long, short, value_name = "FILE", alias = "output")]
    out: Option<PathBuf>,
}

/// `dostyk transit route`.
#[derive(Debug, clap::Args)]
pub(crate) struct RouteArgs {
    /// The start node id
    from: String,
    /// The end node id
    to: String,
    /// The corridor network (JSON)
    #[arg(long, value_name = "FILE")]
    network: PathBuf,
    /// Minimise time or cost
    #[arg(long, value_name = "time|cost", default_value = "time", value_parser = from_text::<Criterion>)]
    by: Criterion,
    /// Use only legs of this mode: road or rail [default: both]
    #[arg(long, value_name = "road|rail", value_parser = from_text::<Mode>)]
    mode: Option<Mode>,
    /// CPMM crossing records whose statistics replace the border delays and costs (repeatable)
    #[arg(long, value_name = "FILE")]
    cpmm: Vec<PathBuf>,
    /// Which statistic of the crossing records to use
    #[arg(long, value_name = "median|mean", default_value = "median", value_parser = from_text::<BorderStatistic>)]
    border_stat: BorderStatistic,
    /// Output format: table or json
    #[arg(long, default_value = "table", value_parser = format::parser(format::TABLE_JSON))]
    format: Format,
    /// Write the result to FILE (whole or not at all) instead of standard output
    #[arg(long, short, value_name = "FILE", alias = "output")]
    out: Option<PathBuf>,
}

/// Runs a transit command.
pub(crate) fn run(command: TransitCommand, progress: Progress) -> TaskResult {
    match command {
        TransitCommand::Cpmm(args) => run_cpmm(&args, progress),
        TransitCommand::Route(args) => run_route(&args, progress),
    }
}

fn read_cpmm(
    files: &[PathBuf],
) -> Result<(Vec<cpmm::Crossing>, Vec<cpmm::Trip>), Box<dyn std::error::Error>> {
    let mut crossings = Vec::new();
    let mut trips = Vec::new();
    for file in files {
        // Bounded, and a folder, a named pipe or a device is refused instead of read.
        let text = read::read_text(file, read::MAX_TEXT_FILE_BYTES)?;
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

fn run_cpmm(args: &CpmmArgs, progress: Progress) -> TaskResult {
    output::refuse_out_over_input(args.out.as_deref(), args.files.iter().map(PathBuf::as_path))?;
    progress.line(format_args!("reading {} CPMM file(s)", args.files.len()));
    let (crossings, trips) = read_cpmm(&args.files)?;
    let summary = cpmm::summarise(&crossings, &trips)?;
    let text = if args.format == Format::Json {
        format!("{}\n", serde_json::to_string_pretty(&summary)?)
    } else {
        let rows: Vec<Vec<String>> = summary
            .iter()
            .map(|s| {
                let fig = |f: cpmm::Figure| match f {
                    cpmm::Figure::Physical(x) => number(x),
                    cpmm::Figure::Usd(_) => f.to_string(),
                };
                vec![
                    s.indicator.label().to_owned(),
                    s.unit.to_string(),
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
    };
    output::emit(&text, args.out.as_deref())
}

fn run_route(args: &RouteArgs, progress: Progress) -> TaskResult {
    output::refuse_out_over_input(
        args.out.as_deref(),
        std::iter::once(&args.network)
            .chain(&args.cpmm)
            .map(PathBuf::as_path),
    )?;
    let (from, to, by) = (&args.from, &args.to, args.by);
    progress.line(format_args!(
        "reading the network {}",
        args.network.display()
    ));
    let mut net = Network::read(&args.network)?;
    if !args.cpmm.is_empty() {
        let (crossings, _) = read_cpmm(&args.cpmm)?;
        net.apply_cpmm(&crossings, args.border_stat)?;
    }
    let route = net.route(from, to, by, args.mode)?;
    let text = if args.format == Format::Json {
        format!("{}\n", serde_json::to_string_pretty(&route)?)
    } else {
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
    };
    output::emit(&text, args.out.as_deref())
}
