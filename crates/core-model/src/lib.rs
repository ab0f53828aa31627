//! # dostyk-core-model
//!
//! The shared vocabulary of Dostyk, the monitor of the Kazakhstan–Uzbekistan cooperation agenda.
//! Every other Dostyk crate speaks in these types, so a figure means the same thing from the
//! file it was read from to the page of the briefing it ends up on.
//!
//! This crate holds types and rules, and [`read`], the one reading layer every Dostyk reader is
//! built on (bounded file reads, the CSV table, JSON positions, [`read::ReadError`]); apart from
//! `read`'s bounded reads it does no file I/O. Its types implement `serde`.
//!
//! | module | holds |
//! |---|---|
//! | [`country`] | every ISO 3166-1 country and the UN M49 trade aggregates, as a [`country::Partner`] |
//! | [`money`] | ISO 4217 [`money::Currency`], [`money::Money`] that never mixes currencies, dated exchange rates |
//! | [`period`] | years, quarters, months, dekads and days, year-to-date spans, water years and ICWC seasons |
//! | [`quantity`] | volumes, masses, energies, flow rates, lengths and durations with their units |
//! | [`provenance`] | where a figure comes from: [`provenance::Source`] and [`provenance::Observation`] |
//! | [`agenda`] | meetings, agreements, roadmap measures, indicators, targets, the claims ledger, joint projects and the progress rules |
//! | [`dataset`] | the `dataset.toml` manifest of a dataset folder and its validation |
//! | [`read`] | the reading layer: bounded reads that refuse pipes and devices, the CSV [`read::Table`], JSON positions, [`read::ReadError`] naming file, line and field |
//! | [`facts`] | quoted facts: published figures shown as published, with their sources |
//!
//! Dependencies point one way: `dostyk-core-model` ← {`dostyk-trade`, `dostyk-water`,
//! `dostyk-transit-gas`} ← `dostyk-reporting` ← `dostyk-cli`.
//!
//! ## Example
//!
//! How far is a turnover of $4.97 bn in 2024 from a $10 bn target for 2030, and which growth
//! rate does the target require?
//!
//! ```
//! use dostyk_core_model::agenda::progress::required_cagr;
//! use dostyk_core_model::period::Period;
//! use rust_decimal::Decimal;
//!
//! let latest: Period = "2024".parse()?;
//! let horizon: Period = "2030".parse()?;
//! let rate = required_cagr(Decimal::new(497, 2), Decimal::from(10), 2024, 2030)?;
//! assert_eq!(rate.round_dp(4), Decimal::new(1236, 4));
//! assert!(latest < horizon);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! ## Features
//!
//! - `proptest`: [`proptest`](https://docs.rs/proptest) `Arbitrary` implementations for the
//!   vocabulary types, so downstream crates can property-test code that takes them.

#![cfg_attr(docsrs, feature(doc_cfg))]

pub mod agenda;
pub mod country;
pub mod dataset;
pub mod facts;
mod generated;
pub mod id;
pub mod money;
pub mod period;
pub mod provenance;
pub mod quantity;
pub mod read;
mod text_serde;
#[cfg(target_os = "linux")]
#[cfg_attr(docsrs, doc(cfg(target_os = "linux")))]
pub mod write;
