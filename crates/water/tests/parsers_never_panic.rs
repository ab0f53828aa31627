//! Property tests: the CSV readers return an error, never panic, on any input.

use dostyk_water::intake::parse_intake_csv;
use dostyk_water::limits::parse_limits_csv;
use proptest::prelude::*;

fn field() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        Just("KAZ".to_owned()),
        Just("dostyk-canal".to_owned()),
        Just("growing-2025".to_owned()),
        Just("non-growing-2025-26".to_owned()),
        Just("2025-04-D1".to_owned()),
        Just("2026-02-D3".to_owned()),
        Just("m3/s".to_owned()),
        Just("km3".to_owned()),
        Just("1e308".to_owned()),
        Just("NaN".to_owned()),
        Just("\"quoted, with comma\"".to_owned()),
        "\\PC{0,12}",
        "[0-9.eE+-]{0,10}",
    ]
}

fn rows() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::collection::vec(field(), 0..9), 0..8).prop_map(|rows| {
        rows.into_iter()
            .map(|r| r.join(","))
            .collect::<Vec<_>>()
            .join("\n")
    })
}

proptest! {
    #[test]
    fn limits_parser_never_panics(body in rows(), header in any::<bool>()) {
        let text = if header {
            format!("country,line,season,dekad,volume,unit,source\n{body}")
        } else {
            body
        };
        let _ = parse_limits_csv("p.csv", std::io::Cursor::new(text));
    }

    #[test]
    fn intake_parser_never_panics(body in rows(), header in any::<bool>()) {
        let text = if header {
            format!("country,line,dekad,value,unit,source\n{body}")
        } else {
            body
        };
        let _ = parse_intake_csv("p.csv", std::io::Cursor::new(text));
    }

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..300)) {
        let _ = parse_limits_csv("p.csv", std::io::Cursor::new(bytes.clone()));
        let _ = parse_intake_csv("p.csv", std::io::Cursor::new(bytes));
    }
}
