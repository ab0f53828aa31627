//! Simulation results: one value per day, node and attribute.

use std::io::Write;

use chrono::NaiveDate;

/// The results of a run: `flow` for every network and aggregated node, end-of-day `volume` for
/// every storage and virtual storage, for every simulated day.
#[derive(Debug, Clone, PartialEq)]
pub struct Results {
    pub(crate) dates: Vec<NaiveDate>,
    /// (node name, attribute), sorted by node name.
    pub(crate) columns: Vec<(String, &'static str)>,
    /// Row-major: `values[day * columns.len() + column]`.
    pub(crate) values: Vec<f64>,
}

impl Results {
    /// The simulated days.
    pub fn dates(&self) -> &[NaiveDate] {
        &self.dates
    }

    /// The recorded (node, attribute) pairs, sorted by node name.
    pub fn columns(&self) -> &[(String, &'static str)] {
        &self.columns
    }

    /// The value on `date` (`YYYY-MM-DD`) of `attribute` (`flow` or `volume`) of `node`.
    pub fn value(&self, date: &str, node: &str, attribute: &str) -> Option<f64> {
        let d = NaiveDate::parse_from_str(date, "%Y-%m-%d").ok()?;
        let row = self.dates.binary_search(&d).ok()?;
        let col = self.column_index(node, attribute)?;
        Some(self.values[row * self.columns.len() + col])
    }

    /// The whole series of `attribute` of `node`, one value per day.
    pub fn series(&self, node: &str, attribute: &str) -> Option<Vec<f64>> {
        let col = self.column_index(node, attribute)?;
        let w = self.columns.len();
        Some(
            (0..self.dates.len())
                .map(|r| self.values[r * w + col])
                .collect(),
        )
    }

    fn column_index(&self, node: &str, attribute: &str) -> Option<usize> {
        self.columns
            .iter()
            .position(|(n, a)| n == node && *a == attribute)
    }

    /// Writes `date,node,attribute,value` rows sorted by date then node name, with every value
    /// in Rust's shortest round-trip form (full precision).
    pub fn write_csv<W: Write>(&self, mut out: W) -> std::io::Result<()> {
        writeln!(out, "date,node,attribute,value")?;
        let w = self.columns.len();
        for (r, d) in self.dates.iter().enumerate() {
            let date = d.format("%Y-%m-%d").to_string();
            for (c, (node, attr)) in self.columns.iter().enumerate() {
                let v = self.values[r * w + c];
                // Normalise −0 so that equal results print identically.
                let v = if v == 0.0 { 0.0 } else { v };
                writeln!(out, "{date},{},{attr},{v}", csv_field(node))?;
            }
        }
        Ok(())
    }
}

/// Quotes a CSV field when it holds a comma, quote or newline.
fn csv_field(s: &str) -> std::borrow::Cow<'_, str> {
    if s.contains([',', '"', '\n', '\r']) {
        std::borrow::Cow::Owned(format!("\"{}\"", s.replace('"', "\"\"")))
    } else {
        std::borrow::Cow::Borrowed(s)
    }
}
