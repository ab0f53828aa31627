//! Property tests: the CSV readers return an error, never panic, on any input.

use dostyk_water::intake::parse_intake_csv;
use dostyk_water::limits::parse_limits_csv;
use dostyk_water::metering::{integrate_dekads, parse_metering_csv};
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
        Just("2026-04-01T00:00".to_owned()),
        Just("2026-04-11 06:30:00".to_owned()),
        Just("0000-01-01T00:00".to_owned()),
        Just("-1".to_owned()),
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
        let _ = parse_limits_csv(&text, "p.csv");
    }

    #[test]
    fn intake_parser_never_panics(body in rows(), header in any::<bool>()) {
        let text = if header {
            format!("country,line,dekad,value,unit,source\n{body}")
        } else {
            body
        };
        let _ = parse_intake_csv(&text, "p.csv");
    }

    #[test]
    fn metering_parser_and_integration_never_panic(body in rows(), gap_s in 0i64..1_000_000) {
        let text = format!("site,timestamp,discharge,unit\n{body}");
        let gap = chrono::TimeDelta::seconds(gap_s);
        if let Ok(log) = parse_metering_csv(&text, "m.csv", gap) {
            let dekads = integrate_dekads(&log.readings, gap);
            for d in dekads {
                prop_assert!(d.volume.m3() >= 0.0);
            }
        }
    }

    /// Extreme numbers in every unit: an intake is read with a finite volume in m³, or
    /// refused naming the value field; never an infinite or NaN volume (issue #21).
    #[test]
    fn extreme_intake_values_are_finite_or_refused(
        value in prop_oneof![
            Just("1e308".to_owned()),
            Just("-1e308".to_owned()),
            Just("0".to_owned()),
            Just("-1".to_owned()),
            Just("NaN".to_owned()),
            Just("1.7976931348623157e308".to_owned()),
            any::<f64>().prop_map(|v| v.to_string()),
        ],
        unit in prop_oneof![Just("m3/s"), Just("m3"), Just("tcm"), Just("Mm3"), Just("km3")],
    ) {
        let text = format!(
            "country,line,dekad,value,unit,source\nKAZ,total,2024-04-D1,{value},{unit},s\n"
        );
        match parse_intake_csv(&text, "p.csv") {
            Ok(rows) => prop_assert!(rows[0].volume.m3().is_finite() && rows[0].volume.m3() >= 0.0),
            Err(e) => prop_assert!(e.to_string().starts_with("p.csv, line 2, field \"value\""), "{}", e),
        }
        let text = format!(
            "country,line,season,dekad,volume,unit,source\nKAZ,total,growing-2024,,{value},{unit},s\n"
        );
        match parse_limits_csv(&text, "p.csv") {
            Ok(rows) => prop_assert!(rows[0].volume.m3().is_finite()),
            Err(e) => prop_assert!(e.to_string().starts_with("p.csv, line 2, field \""), "{}", e),
        }
    }

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..300)) {
        // The readers take text: what reaches them has already been decoded as UTF-8.
        let text = String::from_utf8_lossy(&bytes);
        let _ = parse_limits_csv(&text, "p.csv");
        let _ = parse_intake_csv(&text, "p.csv");
        let _ = parse_metering_csv(&text, "p.csv", chrono::TimeDelta::hours(1));
    }
}
