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
/// daily models: every simulated day) and every scenario combination.
#[derive(Debug, Clone, PartialEq)]
pub struct Results {
    pub(crate) dates: Vec<NaiveDate>,
    /// (node name, attribute), sorted by node name.
    pub(crate) columns: Vec<(String, Attribute)>,
    /// The label of each scenario combination, in run order; empty for a model without
    /// scenarios (one run).
    pub(crate) scenarios: Vec<String>,
    /// Scenario-major, then row-major:
    /// `values[(scenario * dates.len() + day) * columns.len() + column]`.
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

    /// The label of each scenario combination, in run order (see
    /// [`crate::schema::Model::combination_label`]); empty for a model without scenarios.
    pub fn scenarios(&self) -> &[String] {
        &self.scenarios
    }

    /// The value on `date` of `attribute` of `node` (in the first scenario combination); `None`
    /// when the day was not simulated or the node does not record that attribute.
    pub fn value(&self, date: NaiveDate, node: &str, attribute: Attribute) -> Option<f64> {
        self.scenario_value(0, date, node, attribute)
    }

    /// The value on `date` of `attribute` of `node` in scenario combination `scenario` (an
    /// index into [`Results::scenarios`]; 0 for a model without scenarios).
    pub fn scenario_value(
        &self,
        scenario: usize,
        date: NaiveDate,
        node: &str,
        attribute: Attribute,
    ) -> Option<f64> {
        let row = self.dates.binary_search(&date).ok()?;
        let col = self.column_index(node, attribute)?;
        let w = self.columns.len();
        self.values
            .get((scenario * self.dates.len() + row) * w + col)
            .copied()
    }

    /// The whole series of `attribute` of `node`, one value per day (in the first scenario
    /// combination).
    pub fn series(&self, node: &str, attribute: Attribute) -> Option<Vec<f64>> {
        self.scenario_series(0, node, attribute)
    }

    /// The whole series of `attribute` of `node` in scenario combination `scenario`.
    pub fn scenario_series(
        &self,
        scenario: usize,
        node: &str,
        attribute: Attribute,
    ) -> Option<Vec<f64>> {
        let col = self.column_index(node, attribute)?;
        if scenario >= self.scenarios.len().max(1) {
            return None;
        }
        let w = self.columns.len();
        let first = scenario * self.dates.len();
        Some(
            (first..first + self.dates.len())
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
    /// in Rust's shortest round-trip form (full precision). A model with scenarios writes
    /// `date,scenario,node,attribute,value` instead, one combination after another (in run
    /// order), each sorted by date then node name; `scenario` is the combination's label.
    pub fn write_csv<W: Write>(&self, mut out: W) -> std::io::Result<()> {
        write_csv_header(&mut out, !self.scenarios.is_empty())?;
        let mut rows = CsvRows::new(self.columns.iter().map(|(n, a)| (n.as_str(), *a)));
        let w = self.columns.len();
        let runs = self.scenarios.len().max(1);
        for s in 0..runs {
            let label = self.scenarios.get(s).map(String::as_str);
            for (r, d) in self.dates.iter().enumerate() {
                let at = (s * self.dates.len() + r) * w;
                rows.write_day(&mut out, *d, label, &self.values[at..at + w])?;
            }
        }
        Ok(())
    }
}

/// The results CSV's header row (with a `scenario` column for a model with scenarios).
pub(super) fn write_csv_header<W: Write>(out: &mut W, scenarios: bool) -> std::io::Result<()> {
    if scenarios {
        writeln!(out, "date,scenario,node,attribute,value")
    } else {
        writeln!(out, "date,node,attribute,value")
    }
}

/// The writer of the results CSV's rows. The `,node,attribute,` part of each column's rows is
/// built once, and a day's rows are assembled in one buffer and written at once: formatting
/// each row through `writeln!` took most of a large model's run (950,000 rows for 50 years of
/// the Syr Darya-like model).
pub(super) struct CsvRows {
    /// `,node,attribute,` per column, the node quoted when it needs it.
    middles: Vec<String>,
    /// The day being written.
    line: String,
}

impl CsvRows {
    /// The writer for `columns` (node, attribute), in the order of the values it will be given.
    pub(super) fn new<'c>(columns: impl Iterator<Item = (&'c str, Attribute)>) -> CsvRows {
        CsvRows {
            middles: columns
                .map(|(node, attr)| format!(",{},{attr},", csv_field(node)))
                .collect(),
            line: String::new(),
        }
    }

    /// One day's rows: one per column, with `values` in the same order; `scenario` is the
    /// combination's label in a model with scenarios.
    pub(super) fn write_day<W: Write>(
        &mut self,
        out: &mut W,
        day: NaiveDate,
        scenario: Option<&str>,
        values: &[f64],
    ) -> std::io::Result<()> {
        use std::fmt::Write as _;
        let mut prefix = day.format("%Y-%m-%d").to_string();
        if let Some(label) = scenario {
            prefix.push(',');
            prefix.push_str(&csv_field(label));
        }
        self.line.clear();
        for (middle, &v) in self.middles.iter().zip(values) {
            self.line.push_str(&prefix);
            self.line.push_str(middle);
            // Normalise −0 so that equal results print identically.
            let v = if v == 0.0 { 0.0 } else { v };
            // Writing into a String cannot fail.
            let _ = write!(self.line, "{v}");
            self.line.push('\n');
        }
        out.write_all(self.line.as_bytes())
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
            scenarios: Vec::new(),
            values: vec![1.0, -0.0, 2.5, 7.0],
        }
    }

    #[test]
    fn scenarios_add_a_column_and_follow_one_another() {
        let mut r = results();
        r.scenarios = vec!["a=0".to_owned(), "a=wet,cold".to_owned()];
        r.values.extend([10.0, 11.0, 12.0, 13.0]);
        assert_eq!(
            r.scenario_value(1, day(2), "s", Attribute::Volume),
            Some(13.0)
        );
        assert_eq!(
            r.scenario_series(1, "a,b", Attribute::Flow),
            Some(vec![10.0, 12.0])
        );
        assert_eq!(r.scenario_series(2, "a,b", Attribute::Flow), None);
        let mut out = Vec::new();
        r.write_csv(&mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines[0], "date,scenario,node,attribute,value");
        assert_eq!(lines[1], "2024-04-01,a=0,\"a,b\",flow,1");
        assert_eq!(lines[5], "2024-04-01,\"a=wet,cold\",\"a,b\",flow,10");
        assert_eq!(lines.len(), 9);
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
