//! # dostyk-trade
//!
//! Trade flows between Kazakhstan and Uzbekistan, and the evidence built from them: where the
//! bilateral turnover stands against the $10 billion target according to each side.
//!
//! Responsibilities:
//! - read UN Comtrade files (current API CSV, bulk TSV, legacy CSV) and the national statistics
//!   tables published by the two statistics agencies, streaming and without double counting;
//! - compute turnover, balance and growth by year, quarter, month and year-to-date, shares by HS
//!   section and the agri-food lens (HS 01–24), top products;
//! - compare each side's declarations (mirror statistics) with the CIF/FOB adjustment;
//! - track progress toward a target from `dostyk-core-model`;
//! - compute the WITS trade indices.
//!
//! Depends only on `dostyk-core-model`; never on another domain crate or on reporting.

mod generated;
pub mod hs;
