//! Which turnover target was in force on the day of a meeting? Reads the agenda of the bundled
//! Kazakhstan–Uzbekistan dataset and answers for a few meetings.
//!
//! Run with `cargo run -p dostyk-core-model --example target_in_force [AGENDA.toml]`.

use std::path::PathBuf;

use chrono::NaiveDate;
use dostyk_core_model::agenda::file::AgendaFile;
use dostyk_core_model::agenda::indicator::keys;
use dostyk_core_model::read::{MAX_TEXT_FILE_BYTES, read_text};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = std::env::args_os().nth(1).map_or_else(
        || PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../data/kz-uz/agenda.toml"),
        PathBuf::from,
    );
    // The bounded reader refuses folders, pipes and devices, and files over 64 MiB.
    let text = read_text(&path, MAX_TEXT_FILE_BYTES)?;
    // Without the manifest's source list, source ids are checked for form only.
    let agenda = AgendaFile::parse(&text, &path.display().to_string(), None)?;
    let meetings = [
        ("interregional forum", NaiveDate::from_ymd_opt(2018, 11, 16)),
        (
            "prime ministers' talks",
            NaiveDate::from_ymd_opt(2024, 2, 4),
        ),
        ("trade ministers", NaiveDate::from_ymd_opt(2025, 6, 1)),
    ];
    let mut answers = Vec::new();
    for (meeting, day) in meetings {
        let day = day.ok_or("a date in the calendar")?;
        let Some(target) = agenda.target_in_force(keys::TRADE_TURNOVER, day) else {
            println!("{day} ({meeting}): no turnover target stated yet");
            continue;
        };
        println!(
            "{day} ({meeting}): {} USD, horizon {}, stated {} by {}",
            target.value, target.horizon, target.stated, target.issuer
        );
        answers.push((target.value, target.horizon.target_year()));
    }
    // Checked, so `cargo test --examples` fails if the rule or the dataset changes the answer.
    if path.ends_with("data/kz-uz/agenda.toml") {
        let ten = rust_decimal::Decimal::from(10_000_000_000u64);
        let five = rust_decimal::Decimal::from(5_000_000_000u64);
        assert_eq!(
            answers,
            [(five, Some(2020)), (ten, None), (ten, Some(2030))]
        );
    }
    Ok(())
}
