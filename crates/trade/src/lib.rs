//! # dostyk-trade
//!
//! Trade flows between Kazakhstan and Uzbekistan, and the evidence built from them: where the
//! bilateral turnover stands against the $10 billion target according to each side.
//!
//! | module | holds |
//! |---|---|
//! | [`comtrade`] | the streaming reader of UN Comtrade files: current API CSV, bulk TSV (gzip or plain), legacy CSV with human or machine headings |
//! | [`flow`] | [`flow::TradeFlow`], flow codes, HS codes with their edition, commodity levels |
//! | [`aggregate`] | sums that never count the same trade twice (TOTAL vs HS rows, breakdown rows, re-exports, duplicates) |
//! | [`turnover`] | turnover, balance and growth by year, quarter, month and year to date; shares by HS section, the agri-food lens, top products |
//! | [`mirror`] | mirror statistics: gaps, the CIF/FOB adjustment (IMF DOTS 1.06), BACI-style reconciliation |
//! | [`target`] | progress toward a target (e.g. $10 bn by 2030) per reporting side, on core-model's progress rules |
//! | [`wits`] | the WITS indices: RCA, export specialization, complementarity, intensity, HHI, Grubel–Lloyd |
//! | [`national`], [`published`] | the national-statistics table, and each side's published annual series with its conflicts (the claims ledger is core-model's `agenda::ledger`) |
//! | [`summary`] | files to summary records (turnover per reporter, partner and period, rows skipped and why) or mirror rows in one call |
//! | [`hs`] | the HS sections and chapters in English and Russian |
//! | `api` | (feature `api`) the UN Comtrade+ API client: planned calls under the record cap, rate limits, retries, a resumable cache, provenance, written into a dataset folder |
//!
//! Every formula is written out with its citation in `docs/methodology.md`, "Trade".
//!
//! ## Example
//!
//! Read a Comtrade API file, add up Kazakhstan's trade with Uzbekistan without counting the HS
//! and breakdown rows twice, and compare both sides' declarations:
//!
//! ```
//! use dostyk_trade::area::M49Area;
//! use dostyk_trade::comtrade::ReadOptions;
//! use dostyk_trade::mirror::MirrorOptions;
//! use dostyk_trade::summary::{mirror_files, read_files, summarize};
//! use rust_decimal::Decimal;
//!
//! let files = ["tests/data/comtrade_api_kaz_uzb.csv"];
//! let kaz = M49Area::from_code("KAZ")?;
//! let uzb = M49Area::from_code("UZB")?;
//! let options = ReadOptions { reporters: vec![kaz], partners: vec![uzb], ..ReadOptions::default() };
//! let records = summarize(&read_files(&files, &options)?);
//! let y2023 = records.iter().find(|r| r.period.to_string() == "2023").expect("2023 is in the file");
//! // The TOTAL rows: exports 3.1 bn + imports 1.3 bn; the HS, transport-mode, customs and
//! // re-export rows of the same flows are listed as skipped, not added.
//! assert_eq!(y2023.turnover_usd, Some(Decimal::new(4_400_000_000, 0)));
//! assert_eq!(y2023.rows_skipped.iter().map(|g| g.rows).sum::<u64>(), 10);
//!
//! let mirror = mirror_files(&files, kaz, uzb, &MirrorOptions::default())?;
//! let kz_to_uz_2022 = &mirror[0];
//! // Both sides declare 3.7 bn; after dividing the CIF imports by 1.06 the gap is -5.66 %.
//! assert_eq!(kz_to_uz_2022.gap_pct, Some(Decimal::ZERO));
//! assert_eq!(kz_to_uz_2022.adjusted_gap_pct.map(|p| p.round_dp(2)), Some(Decimal::new(-566, 2)));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! Depends only on `dostyk-core-model`; never on another domain crate or on reporting.

pub mod aggregate;
#[cfg(feature = "api")]
pub mod api;
pub mod area;
pub mod comtrade;
pub mod error;
pub mod flow;
mod generated;
pub mod hs;
pub mod mirror;
pub mod national;
pub mod published;
pub mod summary;
pub mod target;
pub mod turnover;
pub mod wits;

pub use error::{Result, TradeError};
