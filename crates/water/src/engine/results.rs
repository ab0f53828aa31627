//! Simulation results: one value per day, node and attribute.

use std::fmt;
use std::io::Write;
use std::str::FromStr;

use chrono::NaiveDate;

/// What a results column records of its node.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub enum Attribute {
    /// The day's flow through a network or aggregated node.
    Flow,
    /// The end-of-day volume of a storage, reservoir or virtual storage.
    Volume,
}

impl Attribute {
    /// The name written in the results CSV: `flow` or `volume`.
    pub fn as_str(self) -> &'static str {
        match self {
            Attribute::Flow => "flow",
            Attribute::Volume => "volume",
        }
    }
}

impl fmt::Display for Attribute {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A name that is not a recorded attribute.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown result attribute \"{0}\"; use flow or volume")]
pub struct UnknownAttribute(pub String);

impl FromStr for Attribute {
    type Err = UnknownAttribute;

    /// Reads the CSV name back (`flow`, `volume`).
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "flow" => Ok(Attribute::Flow),
            "volume" => Ok(Attribute::Volume),
            other => Err(UnknownAttribute(other.to_owned())),
        }
    }
}

/// The results of a run: `flow` (per day) for every network and aggregated node, end-of-step
/// `volume` for every storage and virtual storage, for every timestep (dated by its first day;
/// daily models: every simulated day).
#[derive(Debug, Clone, PartialEq)]
pub struct Results {
    pub(crate) dates: Vec<NaiveDate>,
    /// (node name, attribute), sorted by node name.
    pub(crate) columns: Vec<(String, Attribute)>,
    /// Row-major: `values[day * columns.len() + column]`.
    pub(crate) values: Vec<f64>,
}

impl Results {
    /// The first day of each timestep (for daily steps: the simulated days).
    pub fn dates(&self) -> &[NaiveDate] {
        &self.dates
    }

    /// The recorded (node, attribute) pairs, sorted by node name.
    pub fn columns(&self) -> &[(String, Attribute)] {
        &self.columns
    }

    /// The value on `date` of `attribute` of `node`; `None` when the day was not simulated or
    /// the node does not record that attribute.
    pub fn value(&self, date: NaiveDate, node: &str, attribute: Attribute) -> Option<f64> {
        let row = self.dates.binary_search(&date).ok()?;
        let col = self.column_index(node, attribute)?;
        Some(self.values[row * self.columns.len() + col])
    }

    /// The whole series of `attribute` of `node`, one value per day.
    pub fn series(&self, node: &str, attribute: Attribute) -> Option<Vec<f64>> {
        let col = self.column_index(node, attribute)?;
        let w = self.columns.len();
        Some(
            (0..self.dates.len())
                .map(|r| self.values[r * w + col])
                .collect(),
        )
    }

    fn column_index(&self, node: &str, attribute: Attribute) -> Option<usize> {
        self.columns
            .iter()
            .position(|(n, a)| n == node && *a == attribute)
    }

    /// Writes `date,node,attribute,value` rows sorted by date then node name, with every value
    /// in Rust's shortest round-trip form (full precision).
    pub fn write_csv<W: Write>(&self, mut out: W) -> std::io::Result<()> {
        write_csv_header(&mut out)?;
        let w = self.columns.len();
        for (r, d) in self.dates.iter().enumerate() {
            write_csv_day(
                &mut out,
                *d,
                self.columns.iter().map(|(n, a)| (n.as_str(), *a)),
                &self.values[r * w..(r + 1) * w],
            )?;
        }
        Ok(())
    }
}

/// The results CSV's header row.
pub(super) fn write_csv_header<W: Write>(out: &mut W) -> std::io::Result<()> {
    writeln!(out, "date,node,attribute,value")
}

/// One day's rows of the results CSV: one per (node, attribute) of `columns`, with `values`
/// in the same order.
pub(super) fn write_csv_day<'c, W: Write>(
    out: &mut W,
    day: NaiveDate,
    columns: impl Iterator<Item = (&'c str, Attribute)>,
    values: &[f64],
) -> std::io::Result<()> {
    let date = day.format("%Y-%m-%d").to_string();
    for ((node, attr), &v) in columns.zip(values) {
        // Normalise −0 so that equal results print identically.
        let v = if v == 0.0 { 0.0 } else { v };
        writeln!(out, "{date},{},{attr},{v}", csv_field(node))?;
    }
    Ok(())
}

/// Quotes a CSV field when it holds a comma, quote or newline.
fn csv_field(s: &str) -> std::borrow::Cow<'_, str> {
    if s.contains([',', '"', '\n', '\r']) {
        std::borrow::Cow::Owned(format!("\"{}\"", s.replace('"', "\"\"")))
    } else {
        std::borrow::Cow::Borrowed(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2024, 4, d).unwrap()
    }

    fn results() -> Results {
        Results {
            dates: vec![day(1), day(2)],
            columns: vec![
                ("a,b".to_owned(), Attribute::Flow),
                ("s".to_owned(), Attribute::Volume),
            ],
            values: vec![1.0, -0.0, 2.5, 7.0],
        }
    }

    #[test]
    fn lookups_are_by_date_and_attribute() {
        let r = results();
        assert_eq!(r.value(day(2), "a,b", Attribute::Flow), Some(2.5));
        assert_eq!(r.value(day(3), "a,b", Attribute::Flow), None);
        assert_eq!(r.value(day(1), "s", Attribute::Flow), None);
        assert_eq!(r.series("s", Attribute::Volume), Some(vec![-0.0, 7.0]));
    }

    #[test]
    fn attribute_names_round_trip_and_unknown_names_say_what_to_use() {
        for a in [Attribute::Flow, Attribute::Volume] {
            assert_eq!(a.as_str().parse::<Attribute>(), Ok(a));
        }
        let err = "level".parse::<Attribute>().unwrap_err().to_string();
        assert!(err.contains("flow or volume"), "{err}");
    }

    #[test]
    fn csv_quotes_names_and_prints_zero_without_sign() {
        let mut out = Vec::new();
        results().write_csv(&mut out).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "date,node,attribute,value\n2024-04-01,\"a,b\",flow,1\n2024-04-01,s,volume,0\n\
             2024-04-02,\"a,b\",flow,2.5\n2024-04-02,s,volume,7\n"
        );
    }
}
