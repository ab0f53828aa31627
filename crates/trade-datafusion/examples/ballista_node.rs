//! A Ballista scheduler or executor that knows the `comtrade` table over Comtrade files (this
//! crate's codecs). Stock Ballista processes run the Parquet conversions; queries over the raw
//! Comtrade files need processes built with these codecs, such as this one.
//!
//! ```text
//! ballista_node scheduler [PORT]                          # default 50050
//! ballista_node executor SCHEDULER_HOST SCHEDULER_PORT PORT GRPC_PORT [CONCURRENT_TASKS]
//! ```

use std::sync::Arc;

use ballista_executor::executor_process::{ExecutorProcessConfig, start_executor_process};
use ballista_scheduler::cluster::BallistaCluster;
use ballista_scheduler::config::SchedulerConfig;
use ballista_scheduler::scheduler_process::start_server;
use dostyk_trade_datafusion::ballista::{ComtradeLogicalCodec, ComtradePhysicalCodec};

fn number<T: std::str::FromStr>(
    args: &[String],
    i: usize,
    default: Option<T>,
) -> Result<T, String> {
    match args.get(i) {
        Some(s) => s
            .parse()
            .map_err(|_| format!("argument {} is not a number: {s}", i + 1)),
        None => default.ok_or_else(|| format!("argument {} is missing", i + 1)),
    }
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("scheduler") => {
            let port: u16 = number(&args, 1, Some(50050))?;
            let config = SchedulerConfig {
                bind_port: port,
                override_logical_codec: Some(Arc::new(ComtradeLogicalCodec::default())),
                override_physical_codec: Some(Arc::new(ComtradePhysicalCodec::default())),
                ..SchedulerConfig::default()
            };
            let cluster = BallistaCluster::new_from_config(&config).await?;
            let addr = format!("0.0.0.0:{port}").parse()?;
            start_server(cluster, addr, Arc::new(config)).await?;
        }
        Some("executor") => {
            let config = ExecutorProcessConfig {
                scheduler_host: args.get(1).cloned().ok_or("the scheduler host is missing")?,
                scheduler_port: number(&args, 2, None)?,
                port: number(&args, 3, None)?,
                grpc_port: number(&args, 4, None)?,
                vcores: number(&args, 5, Some(2))?,
                override_logical_codec: Some(Arc::new(ComtradeLogicalCodec::default())),
                override_physical_codec: Some(Arc::new(ComtradePhysicalCodec::default())),
                ..ExecutorProcessConfig::default()
            };
            start_executor_process(Arc::new(config)).await?;
        }
        _ => return Err("usage: ballista_node scheduler [PORT] | executor SCHEDULER_HOST SCHEDULER_PORT PORT GRPC_PORT [CONCURRENT_TASKS]".into()),
    }
    Ok(())
}
