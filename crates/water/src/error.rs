//! [`WaterError`], the error of this crate's file readers.
//!
//! The limits, intake, metering and balance readers read their CSV files through
//! [`dostyk_core_model::read`], so every problem is a [`ReadError`] naming the file, the line
//! (as an editor shows it) and the field, with what was found and what was expected:
//! `limits.csv, line 4, field "unit": found "mm3"; expected a volume unit: …`. The computations
//! keep their own errors ([`LimitError`](crate::limits::LimitError),
//! [`ReservoirError`](crate::reservoir::ReservoirError),
//! [`ComplianceError`](crate::compliance::ComplianceError)); the pywr model has
//! [`SchemaError`](crate::schema::SchemaError).

use dostyk_core_model::read::ReadError;

/// What went wrong reading one of this crate's CSV files.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum WaterError {
    /// The file cannot be read, or a header, row or cell is wrong; the [`ReadError`] names
    /// where (its [`location`](ReadError::location)).
    #[error(transparent)]
    Read(#[from] ReadError),
}

impl WaterError {
    /// The error for a row at `line` of `file` that repeats the `key` (in words) of the row at
    /// `first_line`.
    pub(crate) fn duplicate(file: &std::path::Path, line: u64, first_line: u64, key: &str) -> Self {
        ReadError::invalid(
            dostyk_core_model::read::Location::file(file).line(line),
            format!(
                "{key} was already given on line {first_line}; keep one row per key (correct or delete one of them)"
            ),
        )
        .into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_repeated_key_names_both_lines() {
        let e = WaterError::duplicate(std::path::Path::new("l.csv"), 4, 2, "period 2025-04-D1");
        assert_eq!(
            e.to_string(),
            "l.csv, line 4: period 2025-04-D1 was already given on line 2; keep one row per key (correct or delete one of them)"
        );
        let WaterError::Read(read) = e;
        assert_eq!(read.location().line_number(), Some(4));
    }
}
