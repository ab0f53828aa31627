//! The JSON the API answers with (`count`, `data`, `error` and any other top-level fields),
//! and its records written as rows of the Comtrade API CSV that [`crate::comtrade`] reads.

use std::collections::BTreeMap;

use serde_json::value::RawValue;

/// The columns of the Comtrade API CSV, in its order: the records of every answer are written
/// under this header, so the files a fetch writes are read by the same reader as a download.
pub const API_CSV_COLUMNS: [&str; 47] = [
    "typeCode",
    "freqCode",
    "refPeriodId",
    "refYear",
    "refMonth",
    "period",
    "reporterCode",
    "reporterISO",
    "reporterDesc",
    "flowCode",
    "flowDesc",
    "partnerCode",
    "partnerISO",
    "partnerDesc",
    "partner2Code",
    "partner2ISO",
    "partner2Desc",
    "classificationCode",
    "classificationSearchCode",
    "isOriginalClassification",
    "cmdCode",
    "cmdDesc",
    "aggrLevel",
    "isLeaf",
    "customsCode",
    "customsDesc",
    "mosCode",
    "motCode",
    "motDesc",
    "qtyUnitCode",
    "qtyUnitAbbr",
    "qty",
    "isQtyEstimated",
    "altQtyUnitCode",
    "altQtyUnitAbbr",
    "altQty",
    "isAltQtyEstimated",
    "netWgt",
    "isNetWgtEstimated",
    "grossWgt",
    "isGrossWgtEstimated",
    "cifvalue",
    "fobvalue",
    "primaryValue",
    "legacyEstimationFlag",
    "isReported",
    "isAggregate",
];

/// The columns that identify a record: two records with the same values here are the same
/// flow, so a change of value between two fetches is a revision.
const KEY_COLUMNS: [&str; 8] = [
    "reporterCode",
    "partnerCode",
    "partner2Code",
    "period",
    "flowCode",
    "cmdCode",
    "customsCode",
    "motCode",
];

/// The columns compared between two fetches of the same call.
pub(crate) const VALUE_COLUMNS: [&str; 5] =
    ["primaryValue", "cifvalue", "fobvalue", "netWgt", "qty"];

/// One record of `data`, each field kept as the exact JSON text the API sent (numbers are not
/// rounded through floating point).
pub(crate) type Record = BTreeMap<String, Box<RawValue>>;

/// A parsed answer.
#[derive(Debug)]
pub(crate) struct Answer {
    /// `count`.
    pub(crate) count: u64,
    /// `data`.
    pub(crate) records: Vec<Record>,
    /// Every other top-level field (`elapsedTime`, a dataset version or `lastUpdated` when the
    /// API gives one), kept for the provenance.
    pub(crate) metadata: BTreeMap<String, serde_json::Value>,
}

/// Why an answer is not usable.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum AnswerError {
    /// Not JSON, or not the shape Comtrade sends; may be a body cut short, so worth a retry.
    Malformed(String),
    /// The API says what went wrong in `error`; asking again gives the same answer.
    Refused(String),
}

/// Parses a body. `error` set (not empty) is [`AnswerError::Refused`]; a body that is not an
/// object with `count` and a `data` list is [`AnswerError::Malformed`].
pub(crate) fn parse(body: &[u8]) -> Result<Answer, AnswerError> {
    let malformed = |what: String| AnswerError::Malformed(what);
    let top: BTreeMap<String, Box<RawValue>> = serde_json::from_slice(body).map_err(|e| {
        malformed(format!(
            "the answer is not the JSON object Comtrade sends ({e}; it starts with \"{}\")",
            dostyk_core_model::read::printable(&String::from_utf8_lossy(
                &body[..body.len().min(80)]
            ))
        ))
    })?;
    if let Some(raw) = top.get("error") {
        let text = match serde_json::from_str::<Option<String>>(raw.get()) {
            Ok(t) => t.unwrap_or_default(),
            Err(_) => raw.get().to_owned(),
        };
        if !text.trim().is_empty() {
            return Err(AnswerError::Refused(text));
        }
    }
    let count = top
        .get("count")
        .ok_or_else(|| malformed("the answer has no \"count\" field".into()))?;
    let count: u64 = serde_json::from_str(count.get()).map_err(|_| {
        malformed(format!(
            "\"count\" is {}, not a whole number of records",
            count.get()
        ))
    })?;
    let data = top
        .get("data")
        .ok_or_else(|| malformed("the answer has no \"data\" field".into()))?;
    let records: Vec<Record> = if data.get() == "null" {
        Vec::new()
    } else {
        serde_json::from_str(data.get()).map_err(|e| {
            malformed(format!(
                "\"data\" is not a list of records with named fields ({e})"
            ))
        })?
    };
    let metadata = top
        .iter()
        .filter(|(k, _)| !["count", "data", "error"].contains(&k.as_str()))
        .map(|(k, v)| {
            (
                k.clone(),
                serde_json::from_str(v.get()).unwrap_or(serde_json::Value::Null),
            )
        })
        .collect();
    Ok(Answer {
        count,
        records,
        metadata,
    })
}

/// The text of a field as the CSV writes it: strings unquoted, `null` or a missing field empty,
/// `true`/`false` as Comtrade's CSV writes them (`True`/`False`), numbers as sent.
pub(crate) fn cell(record: &Record, column: &str) -> String {
    let Some(raw) = record.get(column) else {
        return String::new();
    };
    match raw.get() {
        "null" => String::new(),
        "true" => "True".to_owned(),
        "false" => "False".to_owned(),
        text if text.starts_with('"') => serde_json::from_str(text).unwrap_or_default(),
        text => text.to_owned(),
    }
}

/// The key of a record, in words, for the revision report.
pub(crate) fn key(record: &Record) -> String {
    KEY_COLUMNS
        .iter()
        .map(|c| format!("{c}={}", cell(record, c)))
        .collect::<Vec<_>>()
        .join(" ")
}

/// Writes the header of the API CSV.
pub(crate) fn write_header(out: &mut csv::Writer<Vec<u8>>) -> csv::Result<()> {
    out.write_record(API_CSV_COLUMNS)
}

/// Writes `records` as rows of the API CSV.
pub(crate) fn write_records(out: &mut csv::Writer<Vec<u8>>, records: &[Record]) -> csv::Result<()> {
    for r in records {
        out.write_record(API_CSV_COLUMNS.iter().map(|c| cell(r, c)))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_normal_answer_keeps_numbers_exactly() {
        let a = parse(br#"{"elapsedTime":"0.1 secs","count":1,"data":[{"reporterCode":398,"cmdCode":"TOTAL","primaryValue":3700000000.123456789,"isReported":true,"qty":null}],"error":""}"#).unwrap();
        assert_eq!(a.count, 1);
        let r = &a.records[0];
        assert_eq!(cell(r, "primaryValue"), "3700000000.123456789");
        assert_eq!(cell(r, "cmdCode"), "TOTAL");
        assert_eq!(cell(r, "isReported"), "True");
        assert_eq!(cell(r, "qty"), "");
        assert_eq!(cell(r, "motCode"), "");
        assert_eq!(a.metadata["elapsedTime"], "0.1 secs");
    }

    #[test]
    fn the_error_field_refuses() {
        let e = parse(br#"{"count":0,"data":null,"error":"Invalid period"}"#).unwrap_err();
        assert_eq!(e, AnswerError::Refused("Invalid period".into()));
        assert!(parse(br#"{"count":0,"data":null,"error":null}"#).is_ok());
    }

    #[test]
    fn malformed_bodies_say_what_is_wrong() {
        for (body, expect) in [
            (
                &b"<html>Service Unavailable</html>"[..],
                "not the JSON object",
            ),
            (br#"{"count":1,"data":[{"a":1}"#, "not the JSON object"),
            (br#"{"data":[]}"#, "no \"count\""),
            (br#"{"count":"many","data":[]}"#, "not a whole number"),
            (br#"{"count":1}"#, "no \"data\""),
            (br#"{"count":1,"data":[1,2]}"#, "not a list of records"),
        ] {
            match parse(body) {
                Err(AnswerError::Malformed(m)) => assert!(m.contains(expect), "{m}"),
                other => panic!("{other:?}"),
            }
        }
    }

    proptest::proptest! {
        /// Any body, JSON-like or not, is an answer or an error, never a panic.
        #[test]
        fn any_body_is_parsed_or_refused(body in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..400)) {
            let _ = parse(&body);
        }

        /// Any count and values, including the extremes, parse or are refused without a panic,
        /// and numbers are kept as sent.
        #[test]
        fn extreme_numbers_are_kept_as_sent(count in proptest::prelude::any::<u64>(), value in proptest::prelude::any::<f64>()) {
            let text = if value.is_finite() { format!("{value:e}") } else { "1e308".to_owned() };
            let body = format!(r#"{{"count":{count},"data":[{{"primaryValue":{text}}}],"error":""}}"#);
            let a = parse(body.as_bytes()).unwrap();
            proptest::prop_assert_eq!(a.count, count);
            proptest::prop_assert_eq!(cell(&a.records[0], "primaryValue"), text);
        }
    }

    #[test]
    fn records_become_api_csv_rows() {
        let a = parse(br#"{"count":1,"data":[{"reporterDesc":"Kazakhstan, \"KZ\"","period":"2023","primaryValue":1e9}],"error":""}"#).unwrap();
        let mut w = csv::Writer::from_writer(Vec::new());
        write_header(&mut w).unwrap();
        write_records(&mut w, &a.records).unwrap();
        let text = String::from_utf8(w.into_inner().unwrap()).unwrap();
        let mut lines = text.lines();
        assert!(
            lines
                .next()
                .unwrap()
                .starts_with("typeCode,freqCode,refPeriodId")
        );
        let row = lines.next().unwrap();
        assert!(row.contains(r#""Kazakhstan, ""KZ""""#), "{row}");
        assert!(row.contains(",1e9,"), "{row}");
        assert_eq!(key(&a.records[0]).split(' ').count(), 8);
    }
}
