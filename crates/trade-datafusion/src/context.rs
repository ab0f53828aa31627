//! A DataFusion session with the `comtrade` table and its views registered over Comtrade files
//! or the Parquet folders of a conversion.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use datafusion::datasource::file_format::parquet::ParquetFormat;
use datafusion::datasource::listing::{
    ListingOptions, ListingTable, ListingTableConfig, ListingTableUrl,
};
use datafusion::execution::SendableRecordBatchStream;
use datafusion::prelude::{SessionConfig, SessionContext};

use crate::error::{Error, Result};
use crate::provider::{ComtradeTable, ScanCounters, TableOptions};
use crate::schema::comtrade_schema;
use crate::view;

/// What the inputs of a query are.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Inputs {
    /// Comtrade files, read by the Comtrade reader.
    Comtrade(Vec<PathBuf>),
    /// Folders written by [`crate::convert()`], read as Parquet.
    Parquet(Vec<PathBuf>),
}

impl Inputs {
    /// Files are Comtrade files, folders are Parquet conversions; a mix is refused.
    pub fn classify(paths: &[PathBuf]) -> Result<Self> {
        if paths.is_empty() {
            return Err(Error::Usage(
                "no input given; name Comtrade files, or the folders of a Parquet conversion"
                    .to_owned(),
            ));
        }
        let dirs: Vec<bool> = paths.iter().map(|p| p.is_dir()).collect();
        if dirs.iter().all(|d| *d) {
            Ok(Inputs::Parquet(paths.to_vec()))
        } else if dirs.iter().all(|d| !*d) {
            Ok(Inputs::Comtrade(paths.to_vec()))
        } else {
            Err(Error::Usage(
                "the inputs mix files and folders; give either Comtrade files or the folders of a Parquet conversion (convert the files first with `dostyk trade convert`)".to_owned(),
            ))
        }
    }
}

/// A session with the table `comtrade` and the views `comtrade_counted` and
/// `comtrade_summary` (see [`crate::view`]).
pub struct ComtradeSession {
    ctx: SessionContext,
    counters: Option<Arc<ScanCounters>>,
}

impl std::fmt::Debug for ComtradeSession {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ComtradeSession").finish_non_exhaustive()
    }
}

/// The session configuration used: `target_partitions` partitions (default: the cores).
pub fn session_config(target_partitions: Option<usize>) -> SessionConfig {
    let mut config = SessionConfig::new().with_information_schema(false);
    if let Some(n) = target_partitions {
        config = config.with_target_partitions(n.max(1));
    }
    config
}

impl ComtradeSession {
    /// Registers the inputs in a new local session.
    pub async fn open(
        inputs: &Inputs,
        options: TableOptions,
        config: SessionConfig,
    ) -> Result<Self> {
        Self::register(SessionContext::new_with_config(config), inputs, options).await
    }

    /// Registers the inputs in an existing context (a Ballista one, for example).
    pub async fn register(
        ctx: SessionContext,
        inputs: &Inputs,
        options: TableOptions,
    ) -> Result<Self> {
        let counters = match inputs {
            Inputs::Comtrade(files) => {
                let table = ComtradeTable::try_new(files.clone(), options)?;
                let counters = Arc::clone(table.counters());
                ctx.register_table(view::TABLE, Arc::new(table))?;
                Some(counters)
            }
            Inputs::Parquet(dirs) => {
                ctx.register_table(view::TABLE, parquet_table(dirs)?)?;
                None
            }
        };
        ctx.sql(view::COUNTED_SQL).await?;
        ctx.sql(view::SUMMARY_SQL).await?;
        Ok(Self { ctx, counters })
    }

    /// The DataFusion context.
    pub fn context(&self) -> &SessionContext {
        &self.ctx
    }

    /// The row counters of the Comtrade table (`None` over Parquet).
    pub fn counters(&self) -> Option<&Arc<ScanCounters>> {
        self.counters.as_ref()
    }

    /// Runs one SQL statement and streams its result.
    pub async fn query(&self, sql: &str) -> Result<SendableRecordBatchStream> {
        let df = self.ctx.sql(sql).await?;
        Ok(df.execute_stream().await?)
    }

    /// Runs one SQL statement and collects its result.
    pub async fn collect(&self, sql: &str) -> Result<Vec<arrow::record_batch::RecordBatch>> {
        Ok(self.ctx.sql(sql).await?.collect().await?)
    }
}

/// The Parquet files under the folders, as one table of the `comtrade` schema.
fn parquet_table(dirs: &[PathBuf]) -> Result<Arc<ListingTable>> {
    let mut urls = Vec::with_capacity(dirs.len());
    for dir in dirs {
        if !has_parquet(dir)? {
            return Err(Error::Usage(format!(
                "{}: the folder holds no .parquet file; expected the output folder of `dostyk trade convert --to parquet`",
                dir.display()
            )));
        }
        let abs = dir.canonicalize().map_err(|e| Error::io(dir, e))?;
        let mut text = abs.to_string_lossy().into_owned();
        if !text.ends_with('/') {
            text.push('/');
        }
        urls.push(ListingTableUrl::parse(&text)?);
    }
    let options =
        ListingOptions::new(Arc::new(ParquetFormat::default())).with_file_extension(".parquet");
    let config = ListingTableConfig::new_with_multi_paths(urls)
        .with_listing_options(options)
        .with_schema(comtrade_schema());
    Ok(Arc::new(ListingTable::try_new(config)?))
}

fn has_parquet(dir: &Path) -> Result<bool> {
    let entries = std::fs::read_dir(dir).map_err(|e| Error::io(dir, e))?;
    for entry in entries {
        let entry = entry.map_err(|e| Error::io(dir, e))?;
        let path = entry.path();
        if path.is_dir() {
            if has_parquet(&path)? {
                return Ok(true);
            }
        } else if path.extension().is_some_and(|e| e == "parquet") {
            return Ok(true);
        }
    }
    Ok(false)
}
