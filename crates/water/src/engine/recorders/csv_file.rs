//! The file of pywr's `CSVRecorder` (pywr/recorders/recorders.py): a header `Datetime` and
//! the node names, then a row per timestep of the timestep's start as an ISO date and time and
//! each node's flow (a storage's volume) in one scenario combination, written as Python's
//! `csv.writer` writes them (`\r\n` line ends, minimal quoting, floats as Python's `repr`), and
//! packed with gzip or bzip2 when `complib` says so.

use std::io::Write;

use crate::schema::{FileCompression, Timestep};

/// A file a recorder writes ([`crate::engine::Engine::recorder_values`]): the program that
/// runs the model decides where it goes (`dostyk water run` writes it under the folder of
/// `--recorders`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecorderFile {
    /// The recorder's name.
    pub recorder: String,
    /// The file's path as written in the model (`url`).
    pub url: String,
    /// The file's bytes (packed when the recorder's `complib` says so).
    pub bytes: Vec<u8>,
}

/// What a `CSVRecorder` writes, compiled.
#[derive(Debug, Clone)]
pub(super) struct CsvFileSpec {
    pub(super) url: String,
    pub(super) names: Vec<String>,
    pub(super) scenario: usize,
    pub(super) compression: Option<FileCompression>,
    pub(super) level: u32,
}

impl CsvFileSpec {
    /// The file's bytes from the samples of its scenario: a row of `names.len()` values per
    /// timestep, one after another.
    pub(super) fn render(
        &self,
        recorder: &str,
        samples: &[f64],
        periods: &[Timestep],
    ) -> RecorderFile {
        let mut text = String::from("Datetime");
        for name in &self.names {
            text.push(',');
            text.push_str(&quoted(name));
        }
        text.push_str("\r\n");
        let width = self.names.len().max(1);
        for (period, row) in periods.iter().zip(samples.chunks(width)) {
            text.push_str(&period.start.format("%Y-%m-%dT00:00:00").to_string());
            for &x in row.iter().take(self.names.len()) {
                text.push(',');
                text.push_str(&python_repr(x));
            }
            text.push_str("\r\n");
        }
        let bytes = match self.compression {
            None => text.into_bytes(),
            Some(FileCompression::Gzip) => {
                let mut w =
                    flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::new(self.level));
                // Writing into memory cannot fail.
                let _ = w.write_all(text.as_bytes());
                w.finish().unwrap_or_default()
            }
            Some(FileCompression::Bzip2) => {
                let mut w =
                    bzip2::write::BzEncoder::new(Vec::new(), bzip2::Compression::new(self.level));
                let _ = w.write_all(text.as_bytes());
                w.finish().unwrap_or_default()
            }
        };
        RecorderFile {
            recorder: recorder.to_owned(),
            url: self.url.clone(),
            bytes,
        }
    }
}

/// A cell as Python's `csv.writer` quotes it by default (`QUOTE_MINIMAL`).
fn quoted(cell: &str) -> String {
    if cell.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", cell.replace('"', "\"\""))
    } else {
        cell.to_owned()
    }
}

/// `x` as Python's `repr(float)`: the shortest digits that read back to `x`, positional
/// for exponents from -4 to 15 (with `.0` for a whole number), else `d.ddde±XX`; `nan`,
/// `inf`, `-inf`.
pub(super) fn python_repr(x: f64) -> String {
    if x.is_nan() {
        return "nan".to_owned();
    }
    if x.is_infinite() {
        return if x > 0.0 { "inf" } else { "-inf" }.to_owned();
    }
    // Rust's `{:e}` gives the shortest round-trip digits: "-1.2345e-7".
    let sci = format!("{x:e}");
    let (mantissa, exp) = sci.split_once('e').unwrap_or((&sci, "0"));
    let exp: i32 = exp.parse().unwrap_or(0);
    let (sign, mantissa) = match mantissa.strip_prefix('-') {
        Some(m) => ("-", m),
        None => ("", mantissa),
    };
    let digits: String = mantissa.chars().filter(char::is_ascii_digit).collect();
    let n = digits.len() as i32;
    if (-4..16).contains(&exp) {
        let body = if exp < 0 {
            format!("0.{}{digits}", "0".repeat((-exp - 1) as usize))
        } else if exp + 1 >= n {
            format!("{digits}{}.0", "0".repeat((exp + 1 - n) as usize))
        } else {
            let (int, frac) = digits.split_at((exp + 1) as usize);
            format!("{int}.{frac}")
        };
        format!("{sign}{body}")
    } else {
        let frac = &digits[1..];
        let mantissa = if frac.is_empty() {
            digits.clone()
        } else {
            format!("{}.{frac}", &digits[..1])
        };
        let esign = if exp < 0 { '-' } else { '+' };
        format!("{sign}{mantissa}e{esign}{:02}", exp.abs())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn floats_are_written_as_python_writes_them() {
        for (x, py) in [
            (0.0, "0.0"),
            (-0.0, "-0.0"),
            (10.0, "10.0"),
            (2.5, "2.5"),
            (0.1, "0.1"),
            (1e-4, "0.0001"),
            (1e-5, "1e-05"),
            (1.5e-7, "1.5e-07"),
            (123_456.789, "123456.789"),
            (1e15, "1000000000000000.0"),
            (1e16, "1e+16"),
            (1.2345e20, "1.2345e+20"),
            (1e308, "1e+308"),
            (5e-324, "5e-324"),
            (-3.25, "-3.25"),
            (f64::NAN, "nan"),
            (f64::NEG_INFINITY, "-inf"),
        ] {
            assert_eq!(python_repr(x), py, "{x:e}");
        }
    }

    proptest! {
        #[test]
        fn a_python_repr_reads_back_to_the_same_number(x in any::<f64>().prop_filter("finite", |x| x.is_finite())) {
            prop_assert_eq!(python_repr(x).parse::<f64>().unwrap().to_bits(), x.to_bits());
        }
    }
}
