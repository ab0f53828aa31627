//! Conflicts computed on the bundled dataset `data/kz-uz` (issue #20): the figures that state the
//! same thing beyond rounding are found on both sides of each pair, hand flags or not.

use std::path::Path;

use dostyk_core_model::agenda::statement::Statement;
use dostyk_dataset::conflicts::FigureRef;
use dostyk_dataset::{Dataset, load};
use rust_decimal::Decimal;

fn bundled() -> Dataset {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data/kz-uz");
    load(&dir).unwrap_or_else(|e| panic!("{e}"))
}

/// The turnover statements for `period` (`2022`, `2023`, `2024`).
fn turnover<'d>(ds: &'d Dataset, period: &str) -> Vec<&'d Statement> {
    let indicator = ds
        .agenda
        .indicator_by_key("kz-uz-trade-turnover")
        .expect("the turnover indicator")
        .id;
    ds.agenda
        .statements
        .iter()
        .filter(|s| s.indicator == indicator && s.period.to_string() == period)
        .filter(|s| {
            matches!(
                s.kind,
                dostyk_core_model::agenda::statement::ClaimKind::Actual
            )
        })
        .collect()
}

fn bn(text: &str) -> Decimal {
    text.parse::<Decimal>().unwrap() * Decimal::from(1_000_000_000u64)
}

/// The statements it conflicts with.
fn against(ds: &Dataset, st: &Statement) -> Vec<FigureRef> {
    ds.conflicts
        .of(FigureRef::Statement(st.id), usize::MAX)
        .figures
}

#[test]
fn the_5_bn_2022_rows_and_the_4_6_bn_row_conflict_both_ways() {
    let ds = bundled();
    let rows = turnover(&ds, "2022");
    let low = rows
        .iter()
        .find(|s| s.value == bn("4.6"))
        .expect("the $4.6bn 2022 row");
    let fives: Vec<&&Statement> = rows.iter().filter(|s| s.value == bn("5")).collect();
    assert!(fives.len() >= 5, "{} $5bn rows", fives.len());
    for five in &fives {
        assert!(
            against(&ds, five).contains(&FigureRef::Statement(low.id)),
            "$5bn of {} on {} does not show the $4.6bn conflict",
            five.speaker,
            five.date
        );
        assert!(against(&ds, low).contains(&FigureRef::Statement(five.id)));
    }
}

#[test]
fn the_4_4_bn_2023_rows_conflict_with_4_5_and_over_4_6() {
    let ds = bundled();
    let rows = turnover(&ds, "2023");
    let kz = |v: &str| {
        rows.iter()
            .filter(|s| {
                s.value == bn(v)
                    && s.side == dostyk_core_model::provenance::ReportingSide::Kazakhstan
            })
            .collect::<Vec<_>>()
    };
    let (four_four, four_five, over_four_six) = (kz("4.4"), kz("4.5"), kz("4.6"));
    assert_eq!(four_four.len(), 2, "Bektenov and Tokayev");
    assert_eq!((four_five.len(), over_four_six.len()), (1, 1));
    for st in &four_four {
        let others = against(&ds, st);
        assert!(others.contains(&FigureRef::Statement(four_five[0].id)));
        assert!(others.contains(&FigureRef::Statement(over_four_six[0].id)));
        // Two rows of the same figure do not conflict.
        let other = four_four.iter().find(|o| o.id != st.id).unwrap();
        assert!(!others.contains(&FigureRef::Statement(other.id)));
    }
    // "$4.5bn" and "over $4.6bn" do not meet either.
    assert!(against(&ds, four_five[0]).contains(&FigureRef::Statement(over_four_six[0].id)));
}

#[test]
fn kazakhstans_4_bn_for_2024_conflicts_with_4_3_bn_of_no_stated_side() {
    let ds = bundled();
    let rows = turnover(&ds, "2024");
    let about_four = rows
        .iter()
        .find(|s| s.value == bn("4") && s.qualifier.is_empty())
        .expect("KZ FM: $4bn (\"four billion dollars\")");
    let over_four = rows
        .iter()
        .find(|s| s.value == bn("4") && s.qualifier == "more than")
        .expect("BAQ.kz: over $4bn");
    let unspecified = rows
        .iter()
        .find(|s| {
            s.value == bn("4.3")
                && s.flags
                    .contains(&dostyk_core_model::agenda::statement::ClaimFlag::SideUnspecified)
        })
        .expect("UrduPoint: about $4.3bn");
    assert!(against(&ds, about_four).contains(&FigureRef::Statement(unspecified.id)));
    assert!(against(&ds, unspecified).contains(&FigureRef::Statement(about_four.id)));
    // "over $4bn" admits $4.3bn.
    assert!(!against(&ds, over_four).contains(&FigureRef::Statement(unspecified.id)));
    // Uzbekistan's own $4.3bn is the other side's figure, not a conflict with Kazakhstan's.
    let uz = rows
        .iter()
        .find(|s| {
            s.value == bn("4.3")
                && s.side == dostyk_core_model::provenance::ReportingSide::Uzbekistan
        })
        .expect("UZ $4.3bn");
    assert!(!against(&ds, about_four).contains(&FigureRef::Statement(uz.id)));
}

#[test]
fn the_north_aral_figures_conflict_and_the_rail_targets_do_not() {
    let ds = bundled();
    let aral: Vec<usize> = ds
        .water_facts
        .iter()
        .enumerate()
        .filter(|(_, f)| f.indicator == "north-aral-delivery-planned")
        .map(|(i, _)| i)
        .collect();
    assert_eq!(aral.len(), 2);
    for &i in &aral {
        assert_eq!(ds.conflicts.of(FigureRef::WaterFact(i), 5).total, 1);
    }
    for (i, f) in ds.transit_facts.iter().enumerate() {
        if f.indicator.contains("target") {
            assert_eq!(
                ds.conflicts.of(FigureRef::TransitFact(i), 5).total,
                0,
                "{}",
                f.indicator
            );
        }
    }
}

#[test]
fn portfolio_statements_are_parts_of_a_whole_not_conflicts() {
    let ds = bundled();
    let keyed: Vec<&Statement> = ds
        .agenda
        .statements
        .iter()
        .filter(|s| ds.agenda.key(s.id).is_some())
        .collect();
    assert!(keyed.len() > 20, "the portfolio statements");
    for st in keyed {
        assert_eq!(
            ds.conflicts.of(FigureRef::Statement(st.id), 1).total,
            0,
            "{} ({})",
            st.speaker,
            st.date
        );
    }
}
