//! How far is a turnover from a target, and what growth does the target require?
//!
//! Run with `cargo run -p dostyk-core-model --example target_progress`.

use dostyk_core_model::agenda::progress::{required_cagr, target_path};
use dostyk_core_model::period::{IcwcSeason, Period, PeriodKind};
use rust_decimal::Decimal;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    // $4.97 bn in 2024 against $10 bn by 2030.
    let latest = Decimal::new(497, 2);
    let target = Decimal::from(10);
    let rate = required_cagr(latest, target, 2024, 2030)?;
    println!(
        "required growth: {}% a year",
        (rate * Decimal::ONE_HUNDRED).round_dp(2)
    );
    for (year, value) in target_path(latest, 2024, target, 2030)? {
        println!("  {year}: {value} bn USD");
    }

    // The dekads of the 2025 growing season, with their real lengths.
    let season = IcwcSeason::Growing { year: 2025 };
    let dekads = season.dekads()?;
    let days: u32 = dekads.iter().map(Period::days).sum();
    println!("{season}: {} dekads, {days} days", dekads.len());
    let feb: Period = "2024-02".parse()?;
    for d in feb.split(PeriodKind::Dekad)? {
        println!("  {d}: {} days", d.days());
    }
    Ok(())
}
