//! The views that apply `dostyk trade summary`'s double-counting rules in SQL.
//!
//! `comtrade_counted` keeps the rows `summary` adds up and no other:
//! - only the totals over second partner (`partner2_code = 0`), mode of transport
//!   (`mot_code = 0`) and customs procedure (`customs_code = 'C00'`): breakdown rows are parts
//!   of those totals;
//! - only imports `M` and exports `X`: re-exports, re-imports and the other flow codes are parts
//!   of them;
//! - only `TOTAL` and HS codes (`aggr_level` not null), and for each reporter, partner, period
//!   and flow only the coarsest level present (`TOTAL` before HS2 before HS4 before HS6): the
//!   finer rows are already inside it;
//! - one copy of a row read twice (the same flow and commodity in two files): the first by file
//!   and line. Where `summary` refuses two *different* values for the same flow and commodity
//!   (`ConflictingDuplicate`), the view also keeps the first; the query in docs/scale.md finds
//!   such pairs.
//!
//! `comtrade_summary` adds them up per reporter, partner and period as `summary` does: exports,
//! imports, turnover and balance (null unless both flows are there) and the rows used.

/// The name of the raw table.
pub const TABLE: &str = "comtrade";
/// The view of the rows `summary` adds up.
pub const COUNTED_VIEW: &str = "comtrade_counted";
/// The view of the totals per reporter, partner and period.
pub const SUMMARY_VIEW: &str = "comtrade_summary";

/// `CREATE VIEW comtrade_counted`.
///
/// Written with grouping and joins rather than window functions: the same rules, and a plan
/// that Ballista runs correctly. (Ballista 55 loses the input ordering of a window operator
/// across a shuffle: its executors then fail with "All partition by columns should have an
/// ordering", apache/datafusion-ballista#1296, or, with two windows over one sort, put rows of
/// one group into different window partitions and count a `TOTAL` and its HS2 rows together.)
/// A row is identified by its file and line; [`crate::ComtradeTable`] reads a file named twice
/// once.
pub const COUNTED_SQL: &str = r#"CREATE VIEW comtrade_counted AS
WITH base AS (
  SELECT * FROM comtrade
  WHERE partner2_code = 0 AND mot_code = 0 AND customs_code = 'C00'
    AND flow_code IN ('M', 'X') AND aggr_level IS NOT NULL
),
levels AS (
  SELECT reporter_code, reporter_iso, partner_code, partner_iso, "period", freq_code, flow_code,
    MIN(aggr_level) AS used_level
  FROM base
  GROUP BY reporter_code, reporter_iso, partner_code, partner_iso, "period", freq_code, flow_code
),
firsts AS (
  SELECT first_value("file" ORDER BY "file", "line") AS first_file,
    first_value("line" ORDER BY "file", "line") AS first_line
  FROM base
  GROUP BY reporter_code, reporter_iso, partner_code, partner_iso, "period", freq_code,
    flow_code, aggr_level, cmd_code
)
SELECT b.* FROM base AS b
JOIN levels AS l
  ON b.reporter_code = l.reporter_code AND b.reporter_iso = l.reporter_iso
  AND b.partner_code = l.partner_code AND b.partner_iso = l.partner_iso
  AND b."period" = l."period" AND b.freq_code = l.freq_code AND b.flow_code = l.flow_code
  AND b.aggr_level = l.used_level
JOIN firsts AS f ON b."file" = f.first_file AND b."line" = f.first_line"#;

/// `CREATE VIEW comtrade_summary`.
pub const SUMMARY_SQL: &str = r#"CREATE VIEW comtrade_summary AS
SELECT reporter_code, reporter_iso, partner_code, partner_iso, "period", freq_code,
  exports_usd, imports_usd,
  exports_usd + imports_usd AS turnover_usd,
  exports_usd - imports_usd AS balance_usd,
  rows_used
FROM (
  SELECT reporter_code, reporter_iso, partner_code, partner_iso, "period", freq_code,
    SUM(CASE WHEN flow_code = 'X' THEN primary_value END) AS exports_usd,
    SUM(CASE WHEN flow_code = 'M' THEN primary_value END) AS imports_usd,
    COUNT(*) AS rows_used
  FROM comtrade_counted
  GROUP BY reporter_code, reporter_iso, partner_code, partner_iso, "period", freq_code
) AS sums"#;
