//! The periods of monthly and annual statistics (`2025`, `2025-Q1`, `2025-03`), as the national
//! gas tables and the freight tables give them, read from a table cell.

use dostyk_core_model::period::{Period, PeriodKind, parse_cell};
use dostyk_core_model::read::{ReadError, Row};

/// What the cell must hold, as errors say it.
const EXPECTED: &str = "a year, quarter or month (YYYY, YYYY-Qq or YYYY-MM)";

/// The cell `field` of `row` as a year, quarter or month. Errors quote the text and say why it
/// is not one: not a period at all, a month or quarter that does not exist, or a finer period
/// (a dekad, a day) than statistics of volumes are published for.
pub(crate) fn year_quarter_or_month(row: &Row<'_, '_>, field: &str) -> Result<Period, ReadError> {
    let period: Period = parse_cell(row, field, EXPECTED)?;
    if matches!(
        period.kind(),
        PeriodKind::Year | PeriodKind::Quarter | PeriodKind::Month
    ) {
        Ok(period)
    } else {
        Err(row.value_error(field, format!("{EXPECTED}, not a {}", period.kind())))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use dostyk_core_model::read::{Column, Layout, Table};

    const LAYOUT: Layout = Layout::new(&[Column::required("a")]);

    #[test]
    fn periods_are_years_quarters_or_months_and_errors_quote_the_text() {
        let text = "a\n2025-03\n2025-13\n2025-03-D1\n03/2025\n";
        let mut table = Table::new(text, "t.csv", &LAYOUT).unwrap();
        let mut results = Vec::new();
        while let Some(row) = table.next_row() {
            let row = row.unwrap();
            results.push(year_quarter_or_month(&row, "a").map_err(|e| e.to_string()));
        }
        assert_eq!(results[0].as_ref().unwrap().to_string(), "2025-03");
        assert_eq!(
            results[1].as_ref().unwrap_err(),
            "t.csv, line 3, field \"a\": \"2025-13\" is out of range: month 13 does not exist: expected 1 to 12"
        );
        assert_eq!(
            results[2].as_ref().unwrap_err(),
            "t.csv, line 4, field \"a\": found \"2025-03-D1\"; expected a year, quarter or month (YYYY, YYYY-Qq or YYYY-MM), not a dekad"
        );
        assert_eq!(
            results[3].as_ref().unwrap_err(),
            "t.csv, line 5, field \"a\": found \"03/2025\"; expected a year, quarter or month (YYYY, YYYY-Qq or YYYY-MM)"
        );
    }
}
