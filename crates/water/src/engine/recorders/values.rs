//! The recorders' values after a run, and their JSON (`dostyk water run --recorders`).

use std::io::Write;

use chrono::NaiveDate;
use serde_json::{Map, Value as Json, json};

use super::RecorderFile;

/// Every recorder's values after a run ([`crate::engine::Engine::recorder_values`]).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct RecorderValues {
    /// The number of scenarios (combinations) the run had.
    pub scenarios: usize,
    /// The recorders, in the model's order.
    pub recorders: Vec<RecorderValue>,
    /// The files the recorders write (pywr's `CSVRecorder`), in the model's order.
    pub files: Vec<RecorderFile>,
}

/// One recorder's values.
#[derive(Debug, Clone, PartialEq)]
pub struct RecorderValue {
    /// Its name in the model's `recorders`.
    pub name: String,
    /// Its `type` as written in the model.
    pub type_name: String,
    /// pywr's `aggregated_value()`: `agg_func` of [`RecorderValue::values`]; `None` for a
    /// recorder that has none in pywr (`numpyarrayindexparameter`).
    pub value: Option<f64>,
    /// pywr's `values()`: one number per scenario (empty when `value` is `None`).
    pub values: Vec<f64>,
    /// The series behind the value, for the recorders that keep one (pywr's `data`, `fdc`,
    /// `sdc`, `fdc_deviations`): one row per index entry, one number per scenario.
    pub series: Option<Series>,
}

/// A recorder's series.
#[derive(Debug, Clone, PartialEq)]
pub struct Series {
    /// What the rows are.
    pub index: SeriesIndex,
    /// One row per index entry, each with one number per scenario.
    pub values: Vec<Vec<f64>>,
}

/// The rows of a [`Series`].
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum SeriesIndex {
    /// The timesteps, by their first day.
    Timesteps(Vec<NaiveDate>),
    /// The percentiles of a duration curve.
    Percentiles(Vec<f64>),
    /// Calendar years.
    Years(Vec<i32>),
    /// The 366 days of the year, 1 to 366 (29 February is day 60).
    DaysOfYear,
}

impl RecorderValues {
    /// The recorder called `name`.
    pub fn get(&self, name: &str) -> Option<&RecorderValue> {
        self.recorders.iter().find(|r| r.name == name)
    }

    /// The values as JSON (layout in docs/methodology.md, "Recorders"): `{"scenarios": N,
    /// "recorders": {NAME: {"type", "value", "values", "series": {"index", "values"},
    /// "file"}}}` (`file`: the `url` of the file a `CSVRecorder` writes);
    /// a number that is not finite (NaN, ±∞) is `null`.
    pub fn to_json(&self) -> Json {
        let mut recorders = Map::new();
        for r in &self.recorders {
            let mut m = Map::new();
            m.insert("type".to_owned(), Json::String(r.type_name.clone()));
            m.insert("value".to_owned(), r.value.map_or(Json::Null, number));
            m.insert("values".to_owned(), numbers(&r.values));
            if let Some(s) = &r.series {
                let index = match &s.index {
                    SeriesIndex::Timesteps(d) => Json::Array(
                        d.iter()
                            .map(|d| Json::String(d.format("%Y-%m-%d").to_string()))
                            .collect(),
                    ),
                    SeriesIndex::Percentiles(p) => numbers(p),
                    SeriesIndex::Years(y) => Json::Array(y.iter().map(|&y| json!(y)).collect()),
                    SeriesIndex::DaysOfYear => Json::Array((1..=366).map(|d| json!(d)).collect()),
                };
                m.insert(
                    "series".to_owned(),
                    json!({
                        "index": index,
                        "values": Json::Array(s.values.iter().map(|row| numbers(row)).collect()),
                    }),
                );
            }
            if let Some(f) = self.files.iter().find(|f| f.recorder == r.name) {
                m.insert("file".to_owned(), Json::String(f.url.clone()));
            }
            recorders.insert(r.name.clone(), Json::Object(m));
        }
        json!({ "scenarios": self.scenarios, "recorders": recorders })
    }

    /// Writes [`RecorderValues::to_json`] as indented text.
    pub fn write_json<W: Write>(&self, mut out: W) -> std::io::Result<()> {
        serde_json::to_writer_pretty(&mut out, &self.to_json())?;
        writeln!(out)
    }
}

fn number(v: f64) -> Json {
    serde_json::Number::from_f64(v).map_or(Json::Null, Json::Number)
}

fn numbers(vs: &[f64]) -> Json {
    Json::Array(vs.iter().copied().map(number).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_names_every_recorder_and_writes_non_finite_numbers_as_null() {
        let v = RecorderValues {
            scenarios: 1,
            recorders: vec![
                RecorderValue {
                    name: "total".to_owned(),
                    type_name: "totalflownode".to_owned(),
                    value: Some(12.5),
                    values: vec![12.5],
                    series: None,
                },
                RecorderValue {
                    name: "fdc".to_owned(),
                    type_name: "flowdurationcurve".to_owned(),
                    value: Some(f64::NAN),
                    values: vec![f64::NAN],
                    series: Some(Series {
                        index: SeriesIndex::Percentiles(vec![50.0]),
                        values: vec![vec![f64::INFINITY]],
                    }),
                },
            ],
            files: Vec::new(),
        };
        let j = v.to_json();
        assert_eq!(j["recorders"]["total"]["value"], json!(12.5));
        assert_eq!(j["recorders"]["fdc"]["value"], Json::Null);
        assert_eq!(j["recorders"]["fdc"]["series"]["index"], json!([50.0]));
        assert_eq!(j["recorders"]["fdc"]["series"]["values"], json!([[null]]));
        let mut out = Vec::new();
        v.write_json(&mut out).unwrap();
        assert!(String::from_utf8(out).unwrap().ends_with("}\n"));
    }
}
