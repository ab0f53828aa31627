//! A figure that cannot be computed from the dataset makes the briefing fail with the input
//! named; it is never left out silently (issue #21, items 6 and 7).

use std::path::{Path, PathBuf};

use dostyk_reporting::{ReportOptions, run};

/// The small test dataset copied into `dir`, with `edit` applied to its agenda file.
fn mini_with_agenda(dir: &Path, edit: impl Fn(String) -> String) -> PathBuf {
    mini_with(dir, "agenda.toml", edit)
}

/// The small test dataset copied into `dir`, with `edit` applied to its file `name`.
fn mini_with(dir: &Path, name: &str, edit: impl Fn(String) -> String) -> PathBuf {
    let from = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/mini");
    let to = dir.join("data");
    std::fs::create_dir_all(&to).unwrap();
    for entry in std::fs::read_dir(&from).unwrap() {
        let entry = entry.unwrap();
        std::fs::copy(entry.path(), to.join(entry.file_name())).unwrap();
    }
    let file = to.join(name);
    let text = std::fs::read_to_string(&file).unwrap();
    std::fs::write(&file, edit(text)).unwrap();
    to
}

#[test]
fn project_values_whose_sum_overflows_are_an_error_not_a_panic_or_a_gap() {
    let dir = tempfile::tempdir().unwrap();
    // Two projects of 5e28 USD: their sum is beyond the range of a decimal.
    let data = mini_with_agenda(dir.path(), |text| {
        text.replace(
            "value = { amount = \"1200000000\", currency = \"USD\" }",
            "value = { amount = \"50000000000000000000000000000\", currency = \"USD\" }",
        )
        .replace(
            "location = \"Kostanay\"",
            "location = \"Kostanay\"\nvalue = { amount = \"50000000000000000000000000000\", currency = \"USD\" }",
        )
    });
    let out = dir.path().join("out");
    let options = ReportOptions::builder().data(data).out(out.clone()).build();
    let err = run(&options).unwrap_err().to_string();
    assert!(
        err.starts_with("figures cannot be computed from the dataset; nothing was written:"),
        "{err}"
    );
    assert!(
        err.contains("the sum of the joint projects' published USD values in the agenda"),
        "{err}"
    );
    assert!(!out.join("en").exists(), "nothing may be written");
}

#[test]
fn a_limit_too_large_to_show_fails_the_report_naming_it() {
    let dir = tempfile::tempdir().unwrap();
    // 1e30 km3 is a finite volume, but no decimal can show it: the row must not vanish from the
    // table while the other 349 figures are shown.
    let data = mini_with(dir.path(), "water_limits.csv", |text| {
        text.replace(
            "KAZ,dostyk-canal,growing-2024,,0.9,km3",
            "KAZ,dostyk-canal,growing-2024,,1e30,km3",
        )
    });
    let out = dir.path().join("out");
    let options = ReportOptions::builder().data(data).out(out.clone()).build();
    let err = run(&options).unwrap_err().to_string();
    assert!(
        err.contains(
            "the ICWC limit of KAZ on dostyk-canal for growing-2024 in the water limits (source test-statement): 1e30 has no decimal value to show"
        ),
        "{err}"
    );
    assert!(!out.join("en").exists(), "nothing may be written");
}

#[test]
fn a_gas_total_too_large_to_show_fails_the_report_instead_of_moving_the_kpi() {
    let dir = tempfile::tempdir().unwrap();
    // Decimal::MAX bcm: before, the year vanished and the KPI fell back to the year before.
    let data = mini_with(dir.path(), "gas_national.csv", |text| {
        text.replace(
            "2025,RUS,UZB,KAZ,CAC,transit,actual,6,bcm",
            "2025,RUS,UZB,KAZ,CAC,transit,actual,79228162514264337593543950335,bcm",
        )
    });
    let out = dir.path().join("out");
    let options = ReportOptions::builder().data(data).out(out.clone()).build();
    let err = run(&options).unwrap_err().to_string();
    assert!(
        err.contains("the gas total of RUS to UZB (transit) in 2025, in bcm"),
        "{err}"
    );
    assert!(!out.join("en").exists(), "nothing may be written");
}

#[test]
fn a_freight_total_too_large_to_show_fails_the_report() {
    let dir = tempfile::tempdir().unwrap();
    let data = mini_with(dir.path(), "freight.csv", |text| {
        text.replace(
            "KZ-UZ rail,rail,export,2025,12000000,",
            "KZ-UZ rail,rail,export,2025,1e300,",
        )
    });
    let out = dir.path().join("out");
    let options = ReportOptions::builder().data(data).out(out.clone()).build();
    let err = run(&options).unwrap_err().to_string();
    assert!(
        err.contains("the freight total of KZ-UZ rail (export) in 2025, in Mt"),
        "{err}"
    );
}
