//! One timed run for `bench/trade/query_compare.py`: a SQL query through the Comtrade provider,
//! through DataFusion's own CSV reader on the same file, or over a Parquet conversion; or a
//! conversion. Prints the result as CSV on standard output and the wall time on standard error.
//!
//! ```text
//! query_bench provider FILE SQL      # table `comtrade` over the Comtrade reader
//! query_bench csv FILE SQL           # table `comtrade_csv`: DataFusion's CSV reader
//! query_bench parquet DIR SQL        # table `comtrade` over a conversion
//! query_bench convert FILE DIR       # Comtrade file to Parquet
//! ```
//!
//! With the feature `ballista`, `provider` and `parquet` take `--ballista standalone` (a
//! scheduler and an executor in this process) or `--ballista df://HOST:PORT` (a running
//! scheduler, e.g. `ballista_node`'s) after the SQL, and run the query there.

use std::path::PathBuf;
use std::time::Instant;

use datafusion::prelude::{CsvReadOptions, SessionContext};
use dostyk_trade_datafusion::{
    AtomicFiles, ComtradeSession, ConvertOptions, Inputs, TableOptions, convert, output,
    session_config,
};

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (mode, input, third, engine) = match args.as_slice() {
        [mode, input, third] => (mode, input, third, None),
        [mode, input, third, flag, engine] if flag == "--ballista" => {
            (mode, input, third, Some(engine.as_str()))
        }
        _ => {
            return Err("usage: query_bench provider|csv|parquet|convert INPUT SQL|DIR [--ballista standalone|df://HOST:PORT]".into());
        }
    };
    if engine.is_some() && !matches!(mode.as_str(), "provider" | "parquet") {
        return Err("--ballista applies to the provider and parquet modes".into());
    }
    let start = Instant::now();
    let input = PathBuf::from(input);
    let stream = match mode.as_str() {
        "convert" => {
            let report = convert(
                &[input],
                &PathBuf::from(third),
                ConvertOptions::default(),
                &mut AtomicFiles,
            )?;
            eprintln!(
                "wall_s {:.3} rows {} files {}",
                start.elapsed().as_secs_f64(),
                report.rows,
                report.files.len()
            );
            return Ok(());
        }
        "provider" | "parquet" => {
            let inputs = if mode == "provider" {
                Inputs::Comtrade(vec![input])
            } else {
                Inputs::Parquet(vec![input])
            };
            let s = match engine {
                None => {
                    ComtradeSession::open(&inputs, TableOptions::default(), session_config(None))
                        .await?
                }
                Some(engine) => ballista(&inputs, engine).await?,
            };
            let stream = s.query(third).await?;
            let mut out = Vec::new();
            output::write_csv(stream, &mut out).await?;
            if let Some(c) = s.counters() {
                eprintln!(
                    "rows_parsed {} rows_passed_over {}",
                    c.rows_parsed(),
                    c.rows_passed_over()
                );
            }
            out
        }
        "csv" => {
            let ctx = SessionContext::new_with_config(session_config(None));
            ctx.register_csv(
                "comtrade_csv",
                input.to_string_lossy().as_ref(),
                CsvReadOptions::new(),
            )
            .await?;
            let stream = ctx.sql(third).await?.execute_stream().await?;
            let mut out = Vec::new();
            output::write_csv(stream, &mut out).await?;
            out
        }
        other => return Err(format!("unknown mode {other}").into()),
    };
    eprintln!("wall_s {:.3}", start.elapsed().as_secs_f64());
    print!("{}", String::from_utf8_lossy(&stream));
    Ok(())
}

#[cfg(feature = "ballista")]
async fn ballista(
    inputs: &Inputs,
    engine: &str,
) -> Result<ComtradeSession, Box<dyn std::error::Error>> {
    let scheduler = (engine != "standalone").then_some(engine);
    Ok(dostyk_trade_datafusion::ballista::session(
        inputs,
        TableOptions::default(),
        session_config(None),
        scheduler,
    )
    .await?)
}

#[cfg(not(feature = "ballista"))]
async fn ballista(
    _inputs: &Inputs,
    _engine: &str,
) -> Result<ComtradeSession, Box<dyn std::error::Error>> {
    Err("--ballista needs the feature `ballista`: cargo build --release --features ballista --example query_bench".into())
}
