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
    let [mode, input, third] = args.as_slice() else {
        return Err("usage: query_bench provider|csv|parquet|convert INPUT SQL|DIR".into());
    };
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
            let s = ComtradeSession::open(&inputs, TableOptions::default(), session_config(None))
                .await?;
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
