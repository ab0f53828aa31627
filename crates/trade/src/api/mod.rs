//! The UN Comtrade+ API client (feature `api`): fetch Comtrade data into a dataset folder.
//!
//! | module | holds |
//! |---|---|
//! | [`query`] | one call: endpoint, filters, the address without the key |
//! | [`plan`] | [`FetchRequest`] to calls under the record cap, and splitting a call cut short |
//! | [`limiter`] | [`RateLimits`]: calls per second and per day |
//! | [`client`] | [`ApiKey`], [`RetryPolicy`]: retries with backoff on 429, 5xx, timeouts |
//! | `cache` | answered calls on disk under the SHA-256 of their address: the journal that makes a run resumable |
//! | `response` | the JSON answer (`count`, `data`, `error`) and its records as rows of the Comtrade API CSV |
//! | [`fetch`](mod@fetch) | a whole fetch: [`fetch()`](fn@fetch), [`Fetched`], the revision report |
//! | [`dataset`] | [`write_dataset`]: the records, their provenance, the `dataset.toml` entries |
//!
//! With a subscription key in the environment variable [`API_KEY_VARIABLE`]
//! (`COMTRADE_API_KEY`) calls go to the data API, `/data/v1/get/C/{A|M}/HS`, with the key in
//! the `Ocp-Apim-Subscription-Key` header (never in an address, a message or a file); without
//! one, to the keyless preview, `/public/v1/preview/C/{A|M}/HS`, 500 records a call.
//!
//! Every call asks for the totals over second partner, mode of transport and customs procedure
//! (`partner2Code=0`, `motCode=0`, `customsCode=C00`), so no row counts the same trade twice;
//! an answer with as many records as the cap is taken as cut short and its call split (by
//! period, HS chapter, partner, reporter, flow), never as complete.
//!
//! The answers' records are written as a Comtrade API CSV and read back by
//! [`crate::comtrade::ComtradeReader`]: the flows, skipped rows and errors are those of a
//! downloaded file.
//!
//! ```no_run
//! use dostyk_trade::api::{Commodities, FetchOptions, FetchRequest, Frequency, fetch, write_dataset};
//! use dostyk_trade::area::M49Area;
//! use dostyk_trade::flow::FlowCode;
//!
//! let request = FetchRequest {
//!     reporters: vec![M49Area::from_code("KAZ")?, M49Area::from_code("UZB")?],
//!     partners: vec![M49Area::from_code("UZB")?, M49Area::from_code("KAZ")?],
//!     frequency: Frequency::Annual,
//!     periods: FetchRequest::periods_between(2015, 2025, false),
//!     flows: vec![FlowCode::Export, FlowCode::Import],
//!     commodities: Commodities::Level(2),
//! };
//! let options = FetchOptions::new(".comtrade-cache");
//! let fetched = fetch(&request, &options, &mut |p| eprintln!("{} calls, {} to go", p.done, p.remaining))?;
//! write_dataset("data/kz-uz".as_ref(), &request.file_stem(), &fetched)?;
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod cache;
pub mod client;
pub mod dataset;
pub mod fetch;
pub mod limiter;
pub mod plan;
pub mod query;
mod response;

pub use client::{API_KEY_VARIABLE, ApiKey, RetryPolicy};
pub use dataset::{Written, write_dataset};
pub use fetch::{CallRecord, FetchOptions, FetchProgress, Fetched, Revision, fetch};
pub use limiter::RateLimits;
pub use plan::FetchRequest;
pub use query::{ApiPeriod, Commodities, DEFAULT_API_BASE, Endpoint, Frequency, Query};
pub use response::API_CSV_COLUMNS;
