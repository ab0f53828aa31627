//! Figures quoted in speeches and press releases: the claims-ledger CSV of core-model
//! ([`dostyk_core_model::agenda::ledger`]), read from a file.
//!
//! The column rules and the checks are core-model's (one reader, in one place); this module
//! only reads the file and reports its problems as a [`TradeError`], each with the file, line
//! and column. Indicator keys are resolved against the [`Agenda`]; when `known_sources` is
//! given, every cited source id must be in it.

use std::collections::BTreeSet;
use std::path::Path;

use dostyk_core_model::agenda::file::Agenda;
use dostyk_core_model::agenda::ledger::parse_csv;
use dostyk_core_model::agenda::statement::Statement;
use dostyk_core_model::provenance::SourceId;

use crate::error::{Result, TradeError};

/// Reads a statements (claims-ledger) CSV into [`Statement`]s, in file order.
pub fn read_statements(
    path: impl AsRef<Path>,
    agenda: &Agenda,
    known_sources: Option<&BTreeSet<SourceId>>,
) -> Result<Vec<Statement>> {
    let path = path.as_ref();
    let text = std::fs::read_to_string(path).map_err(|source| TradeError::Io {
        file: path.to_path_buf(),
        source,
    })?;
    Ok(parse_csv(
        &text,
        &path.display().to_string(),
        agenda,
        known_sources,
    )?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use dostyk_core_model::agenda::file::AgendaFile;
    use dostyk_core_model::provenance::ReportingSide;
    use rust_decimal_macros::dec;

    fn agenda() -> Agenda {
        AgendaFile::parse(
            "[[indicators]]\nkey = \"turnover\"\nname = \"Trade turnover\"\narea = \"trade\"\nunit = \"USD\"\n",
            "agenda.toml",
            None,
        )
        .unwrap()
    }

    #[test]
    fn reads_statements_into_the_ledger() {
        let f = tempfile::NamedTempFile::new().unwrap();
        std::fs::write(
            f.path(),
            "date,speaker,body,side,kind,indicator,period,value,unit,qualifier,wording,source_id\n\
             2024-08-08,President Tokayev,Akorda,kazakhstan,actual,turnover,2023,4400000000,USD,,\"trade reached $4.4bn\",kazinform-2024-08-08\n\
             2024-01-06,trade ministers,,joint,actual,turnover,2023-YTD11,4100000000,USD,,,menafn-2024-01-06;kt-kz-2024-02-04\n",
        )
        .unwrap();
        let s = read_statements(f.path(), &agenda(), None).unwrap();
        assert_eq!(s.len(), 2);
        assert_eq!(s[0].side, ReportingSide::Kazakhstan);
        assert_eq!(s[0].value, dec!(4400000000));
        assert_eq!(s[1].period.to_string(), "2023-YTD11");
        assert_eq!(s[1].sources.len(), 2);
    }

    #[test]
    fn bad_rows_name_the_file_and_line() {
        let f = tempfile::NamedTempFile::new().unwrap();
        std::fs::write(
            f.path(),
            "date,speaker,side,kind,indicator,period,value,unit,source_id\n2024,X,kazakhstan,promise,turnover,2023,1,USD,s\n",
        )
        .unwrap();
        let e = read_statements(f.path(), &agenda(), None)
            .unwrap_err()
            .to_string();
        assert!(e.contains(&f.path().display().to_string()), "{e}");
        assert!(e.contains("kind"), "{e}");
        assert!(read_statements("/nonexistent/statements.csv", &agenda(), None).is_err());
    }
}
