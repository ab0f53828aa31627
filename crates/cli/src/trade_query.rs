//! `dostyk trade query` and `dostyk trade convert`: SQL over Comtrade files or their Parquet
//! conversion, through `dostyk-trade-datafusion`. The engine is heavy (DataFusion, optionally
//! Ballista), so it is built only with the cargo feature `query`; without it both commands
//! exist and say how to get them.

use std::path::PathBuf;

#[cfg(not(feature = "query"))]
use crate::{Progress, TaskResult};

pub(crate) const QUERY_HELP: &str = "\
Reads: UN Comtrade files in any mix of layouts (API CSV, bulk TSV gzip or plain, legacy CSV),
as the table `comtrade`; or the folders written by `dostyk trade convert`, read as Parquet.
Columns are Comtrade's fields in snake_case (reporter_iso, partner_iso, period, flow_code,
cmd_code, aggr_level, primary_value …; docs/scale.md lists them). The view `comtrade_counted`
keeps the rows `trade summary` adds up (no breakdown rows, no re-exports, one commodity level),
and `comtrade_summary` gives its totals. A bad row stops the query with its file, line and field.

Needs the cargo feature `query`: cargo install --path crates/cli --features query
(and --features ballista for --engine ballista).

Examples:
  dostyk trade query comtrade.csv --sql \"SELECT * FROM comtrade_summary WHERE reporter_iso = 'KAZ'\"
  dostyk trade query parquet/ --sql \"SELECT ref_year, SUM(primary_value) FROM comtrade_counted GROUP BY ref_year\" --out sums.parquet
  dostyk trade query world.csv --engine ballista --scheduler df://scheduler:50050 --sql \"SELECT COUNT(*) FROM comtrade\"";

pub(crate) const CONVERT_HELP: &str = "\
Reads: UN Comtrade files in any mix of layouts. Writes Parquet files with every column of the
`comtrade` table into hive-style folders by year and reporter
(OUT/ref_year=2022/reporter_iso=KAZ/part-0.parquet), each written whole or not at all; the same
inputs in the same order give the same bytes. Query the folder with `dostyk trade query OUT`.

Needs the cargo feature `query`: cargo install --path crates/cli --features query

Example:
  dostyk trade convert bulk_2022.txt.gz bulk_2023.txt.gz --to parquet --out parquet/";

/// The engine that runs a query.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum Engine {
    /// DataFusion in this process, on every core.
    Local,
    /// Ballista: standalone in this process, or the cluster of --scheduler.
    Ballista,
}

/// The output format of `convert`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum ConvertTo {
    /// Apache Parquet.
    Parquet,
}

/// `dostyk trade query`.
#[derive(Debug, clap::Args)]
pub(crate) struct QueryArgs {
    /// Comtrade files, or the folders of a Parquet conversion
    #[arg(required = true, value_name = "FILE_OR_DIR")]
    inputs: Vec<PathBuf>,
    /// The SQL statement (tables: comtrade, comtrade_counted, comtrade_summary)
    #[arg(long, value_name = "SQL")]
    sql: String,
    /// Write the result as Parquet to FILE (whole or not at all) instead of CSV on standard output
    #[arg(long, short, value_name = "FILE")]
    out: Option<PathBuf>,
    /// The engine
    #[arg(long, value_enum, default_value = "local")]
    engine: Engine,
    /// With --engine ballista: the scheduler of a cluster (df://host:50050); without it,
    /// Ballista runs standalone in this process
    #[arg(long, value_name = "URL")]
    scheduler: Option<String>,
    /// Partitions to read in parallel [default: the cores]
    #[arg(long, value_name = "N")]
    partitions: Option<usize>,
    /// Read each Comtrade file whole instead of in byte ranges (for files whose quoted fields
    /// hold line breaks)
    #[arg(long)]
    no_split: bool,
}

/// `dostyk trade convert`.
#[derive(Debug, clap::Args)]
pub(crate) struct ConvertArgs {
    /// Comtrade files (API CSV, bulk TSV gzip or plain, legacy CSV)
    #[arg(required = true, value_name = "FILE")]
    files: Vec<PathBuf>,
    /// The output format
    #[arg(long, value_enum)]
    to: ConvertTo,
    /// The output folder (created if needed); nothing is written outside it
    #[arg(long, short, value_name = "DIR")]
    out: PathBuf,
}

#[cfg(not(feature = "query"))]
const MISSING: &str = "is not in this build of dostyk: it needs the DataFusion engine, a large build kept out of the default one. Install it with `cargo install --path crates/cli --features query` from a clone of the repository (or `cargo install dostyk-cli --features query`); add `--features ballista` for --engine ballista";

/// Runs `dostyk trade query`.
#[cfg(not(feature = "query"))]
pub(crate) fn query(args: QueryArgs, _progress: Progress) -> TaskResult {
    let _ = (
        args.inputs,
        args.sql,
        args.out,
        args.engine,
        args.scheduler,
        args.partitions,
        args.no_split,
    );
    Err(format!("`dostyk trade query` {MISSING}").into())
}

/// Runs `dostyk trade convert`.
#[cfg(not(feature = "query"))]
pub(crate) fn convert(args: ConvertArgs, _progress: Progress) -> TaskResult {
    let _ = (args.files, args.to, args.out);
    Err(format!("`dostyk trade convert` {MISSING}").into())
}

#[cfg(feature = "query")]
pub(crate) use engine::{convert, query};

#[cfg(feature = "query")]
mod engine {
    use std::io::Write;
    use std::path::Path;

    use dostyk_trade_datafusion::datafusion::execution::SendableRecordBatchStream;
    use dostyk_trade_datafusion::datafusion::prelude::SessionConfig;
    use dostyk_trade_datafusion::{self as df, ComtradeSession, Inputs, TableOptions};
    use futures::StreamExt as _;

    use super::{ConvertArgs, ConvertTo, Engine, QueryArgs};
    use crate::{Progress, TaskResult, atomic_file, output};

    fn runtime() -> Result<tokio::runtime::Runtime, String> {
        tokio::runtime::Builder::new_multi_thread()
            .enable_all()
            .build()
            .map_err(|e| format!("cannot start the query engine's threads: {e}"))
    }

    /// Runs `dostyk trade query`.
    #[allow(clippy::needless_pass_by_value)] // the same signature as without the feature
    pub(crate) fn query(args: QueryArgs, progress: Progress) -> TaskResult {
        if args.scheduler.is_some() && args.engine == Engine::Local {
            return Err("--scheduler names a Ballista scheduler; add --engine ballista".into());
        }
        output::refuse_out_over_input(
            args.out.as_deref(),
            args.inputs.iter().map(std::path::PathBuf::as_path),
        )?;
        let inputs = Inputs::classify(&args.inputs)?;
        let options = TableOptions {
            split_files: !args.no_split,
            ..TableOptions::default()
        };
        let config = df::session_config(args.partitions);
        let rt = runtime()?;
        let (_session, mut stream) = rt.block_on(async {
            let session = match args.engine {
                Engine::Local => ComtradeSession::open(&inputs, options, config).await?,
                Engine::Ballista => {
                    ballista_session(&inputs, options, config, args.scheduler.as_deref()).await?
                }
            };
            progress.line(format_args!(
                "running the query on {} input(s)",
                args.inputs.len()
            ));
            let stream = session.query(&args.sql).await?;
            Ok::<_, Box<dyn std::error::Error>>((session, stream))
        })?;
        if let Some(path) = &args.out {
            write_parquet(&rt, path, &mut stream)
        } else {
            // The whole result is built before anything is printed, so a bad row ends the
            // command with its error and never with a partial table.
            let mut csv = Vec::new();
            rt.block_on(df::output::write_csv(stream, &mut csv))?;
            output::to_stdout(|w| w.write_all(&csv))
        }
    }

    /// Streams the result into the atomic file, one batch at a time.
    fn write_parquet(
        rt: &tokio::runtime::Runtime,
        path: &Path,
        stream: &mut SendableRecordBatchStream,
    ) -> TaskResult {
        let schema = stream.schema();
        let mut failure: Option<df::Error> = None;
        let written = atomic_file::write_with(path, |w| {
            let result = (|| {
                let mut sink = df::output::ParquetSink::try_new(schema, w)?;
                while let Some(batch) = rt.block_on(stream.next()) {
                    sink.write(&batch.map_err(df::Error::from)?)?;
                }
                sink.finish()
            })();
            result.map_err(|e| {
                let message = e.to_string();
                failure = Some(e);
                std::io::Error::other(message)
            })
        });
        match (written, failure) {
            (_, Some(e)) => Err(e.into()),
            (Err(e), None) => Err(e.into()),
            (Ok(()), None) => Ok(()),
        }
    }

    #[cfg(feature = "ballista")]
    async fn ballista_session(
        inputs: &Inputs,
        options: TableOptions,
        config: SessionConfig,
        scheduler: Option<&str>,
    ) -> Result<ComtradeSession, Box<dyn std::error::Error>> {
        Ok(df::ballista::session(inputs, options, config, scheduler).await?)
    }

    #[cfg(not(feature = "ballista"))]
    #[allow(clippy::unused_async)]
    async fn ballista_session(
        _inputs: &Inputs,
        _options: TableOptions,
        _config: SessionConfig,
        _scheduler: Option<&str>,
    ) -> Result<ComtradeSession, Box<dyn std::error::Error>> {
        Err("--engine ballista is not in this build of dostyk: it needs the cargo feature `ballista`; install with `cargo install --path crates/cli --features ballista`".into())
    }

    /// Runs `dostyk trade convert`.
    #[allow(clippy::needless_pass_by_value)] // the same signature as without the feature
    pub(crate) fn convert(args: ConvertArgs, progress: Progress) -> TaskResult {
        let ConvertTo::Parquet = args.to;
        progress.line(format_args!(
            "converting {} Comtrade file(s) to Parquet",
            args.files.len()
        ));
        let report = df::convert(
            &args.files,
            &args.out,
            df::ConvertOptions::default(),
            &mut CliFiles,
        )?;
        progress.line(format_args!(
            "wrote {} rows into {} Parquet file(s) under {}",
            report.rows,
            report.files.len(),
            args.out.display()
        ));
        Ok(())
    }

    /// Every file through the command line's atomic writer.
    struct CliFiles;

    impl df::FileSink for CliFiles {
        fn write_file(
            &mut self,
            path: &Path,
            fill: &mut dyn FnMut(&mut dyn Write) -> std::io::Result<()>,
        ) -> Result<(), String> {
            atomic_file::write_with(path, |w| fill(w))
        }
    }
}
