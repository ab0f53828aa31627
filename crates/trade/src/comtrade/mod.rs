//! UN Comtrade files: the current API CSV, bulk TSV files (gzip or not) and the legacy CSV.
//!
//! [`ComtradeReader`] streams [`Row`]s from one file of any layout. Columns are matched by name
//! ([`layout`] lists the names); the reader refuses a header without the needed columns and
//! stops at the first bad cell with the file, line and column.
//!
//! Rules the reader applies, so nothing is counted twice or dropped silently:
//! - `primaryValue` is CIF for imports and FOB for exports; `refMonth` 52 means a whole year;
//! - flow codes `M`, `X`, `RM`, `RX` and the legacy `1`–`4` are mapped; the other Comtrade
//!   codes (`DX`, `FM`, `MIP`…) are kept; a code in no Comtrade table is an error;
//! - rows broken down by second partner, mode of transport or customs procedure come out as
//!   [`Row::Skipped`] unless [`ReadOptions::breakdown`] asks for them.
//!
//! Adding `TOTAL` and HS rows of the same flow together is refused one step later, by
//! [`crate::aggregate`].

pub mod layout;
pub(crate) mod number;
mod parallel;
mod reader;
mod scan;

pub use layout::Layout;
pub(crate) use reader::TOO_LARGE;
pub use reader::{BreakdownRequest, ComtradeReader, ReadOptions, Row, SkipReason, SkippedRow};
pub use scan::MAX_ROW_BYTES;
