//! # dostyk-reporting
//!
//! The bilateral briefing: a document model independent of any output format, renderers for
//! HTML, Markdown, JSON and Excel, hand-written deterministic SVG charts, and the assembly of the
//! Kazakhstan–Uzbekistan briefing from what the domain crates compute.
//!
//! Reporting never recomputes a domain figure: every number in a report is a figure returned by
//! `dostyk-trade`, `dostyk-water` or `dostyk-transit-gas` (or quoted from a source in the
//! dataset), carried with its provenance.
//!
//! Depends on `dostyk-core-model` and the three domain crates; only `xtask` depends on it.
