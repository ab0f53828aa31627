//! UN Comtrade files as an Apache Arrow / DataFusion table, for queries beyond the fixed
//! `summary` and `mirror` computations and beyond one machine.
//!
//! - [`ComtradeTable`]: a DataFusion table provider over one or many Comtrade files of any
//!   layout (API CSV, bulk TSV, gzip, legacy CSV, mixed), read by `dostyk-trade`'s streaming
//!   reader into Arrow batches of a bounded number of rows. Filters on reporter and partner go
//!   into the reader, which passes over the rows of other pairs right after their code cells;
//!   filters on period, year, flow and commodity level drop rows before they are put into a
//!   batch ([`pushdown`]). Each file is a partition, and a large plain file is split into byte
//!   ranges read in parallel ([`TableOptions`]). [`ScanCounters`] and the scan's metrics count
//!   the rows parsed, passed over and dropped.
//! - The views `comtrade_counted` and `comtrade_summary` apply `summary`'s double-counting rules
//!   (breakdown rows, re-exports, `TOTAL` against HS rows, rows read twice), so SQL over them
//!   gives `summary`'s totals ([`view`]).
//! - [`convert()`]: Comtrade files to Parquet partitioned by year and reporter, with the same
//!   columns; [`Inputs::Parquet`] reads such folders back as the same table.
//! - With the feature `ballista`, the module `ballista` runs the same SQL on Ballista:
//!   standalone in this process, or on a cluster's scheduler.
//!
//! # Columns
//!
//! Comtrade's field names in snake_case ([`schema::COLUMNS`] holds the same list):
//!
//! | column | Comtrade field | type and meaning |
//! |---|---|---|
//! | `reporter_code` | reporterCode | UInt16: the reporter's M49 code as read (842 for the USA) |
//! | `reporter_iso` | reporterISO | dictionary text: ISO alpha-3, `W00` for World, else the number |
//! | `partner_code` | partnerCode | UInt16 (0 World) |
//! | `partner_iso` | partnerISO | dictionary text, as `reporter_iso` |
//! | `period` | period, refPeriodId | Date32: the first day of the year or month |
//! | `freq_code` | freqCode | `A` (a year) or `M` (a month) |
//! | `ref_year` | refYear | Int32 |
//! | `ref_month` | refMonth | UInt8: 1 to 12, 52 for a whole year |
//! | `flow_code` | flowCode | `M`, `X`, `RM`, `RX`, `DX`, `FM`, `MIP`, `MOP`, `XIP`, `XOP` (legacy 1–4 mapped) |
//! | `classification_code` | classificationCode | `H0`…`H6`, or another classification (`S3`…); null when not given |
//! | `cmd_code` | cmdCode | `TOTAL` or the HS code with its leading zeros |
//! | `aggr_level` | aggrLevel | UInt8: 0 for `TOTAL`, 2, 4, 6; null outside HS |
//! | `partner2_code` | partner2Code | UInt16 (0: the total) |
//! | `mot_code` | motCode | UInt16 (0: all modes) |
//! | `customs_code` | customsCode | `C00` (all procedures) to `C99` |
//! | `primary_value` | primaryValue | Decimal128(38, 6), US dollars: CIF for imports, FOB for exports |
//! | `cif_value`, `fob_value` | cifvalue, fobvalue | Decimal128(38, 6), null when not given |
//! | `net_wgt` | netWgt | Float64, kilograms |
//! | `qty`, `qty_unit_code`, `qty_unit_abbr` | qty, qtyUnitCode, qtyUnitAbbr | Float64, Int32, text |
//! | `source_id`, `file`, `line` | – | where the row was read |
//!
//! Values are `Decimal128(38, 6)`, not `Float64`: sums are exact, so a query's totals equal
//! `summary`'s (which adds `rust_decimal` values) to the cent and beyond; six places keep every
//! value Comtrade publishes (at most three), a value with more is refused with its file, line and
//! column rather than rounded; and a sum of 10^17 rows at the reader's 10^15 dollar limit still
//! fits 38 digits.
//!
//! # Example
//!
//! Kazakhstan's exports to and imports from Uzbekistan in 2023, from a Comtrade API file, with
//! `summary`'s double-counting rules (the file also holds HS2 and HS6 rows and a breakdown by
//! mode of transport, which the view leaves out):
//!
//! ```
//! use dostyk_trade_datafusion::datafusion::arrow::util::pretty::pretty_format_batches;
//! use dostyk_trade_datafusion::{ComtradeSession, Inputs, TableOptions, session_config};
//!
//! # #[tokio::main(flavor = "multi_thread", worker_threads = 2)]
//! # async fn main() -> Result<(), Box<dyn std::error::Error>> {
//! let file = concat!(env!("CARGO_MANIFEST_DIR"), "/../trade/tests/data/comtrade_api_kaz_uzb.csv");
//! let inputs = Inputs::Comtrade(vec![file.into()]);
//! let session = ComtradeSession::open(&inputs, TableOptions::default(), session_config(None)).await?;
//! let batches = session
//!     .collect(
//!         "SELECT exports_usd, imports_usd FROM comtrade_summary
//!          WHERE reporter_iso = 'KAZ' AND partner_iso = 'UZB'
//!            AND freq_code = 'A' AND period = DATE '2023-01-01'",
//!     )
//!     .await?;
//! let table = pretty_format_batches(&batches)?.to_string();
//! assert!(table.contains("| 3100000000.000000 | 1300000000.000000 |"), "{table}");
//! # Ok(())
//! # }
//! ```

#[cfg(feature = "ballista")]
pub mod ballista;
mod batch;
pub mod context;
pub mod convert;
pub mod error;
pub mod output;
pub mod provider;
pub mod pushdown;
pub mod schema;
pub mod view;

pub use context::{ComtradeSession, Inputs, session_config};
pub use convert::{AtomicFiles, ConvertOptions, ConvertReport, FileSink, convert};
pub use error::{Error, Result};
pub use provider::{ComtradeScanExec, ComtradeTable, Piece, ScanCounters, TableOptions};

/// The DataFusion this crate is built on (to name its types without another dependency).
pub use datafusion;
