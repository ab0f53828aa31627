//! The bundled dataset `data/kz-uz`: it loads with no problem, every figure names a listed
//! source, the values are in the forms the readers expect, and the figures the dataset issue names
//! are present with the publications they come from.

mod dataset_check;

use std::collections::BTreeSet;
use std::str::FromStr;

use dataset_check::{
    Row, bundled_agenda as agenda, bundled_dir as dir, bundled_rows as rows, check,
    field_text as text, manifest, required_items as items,
};
use dostyk_core_model::agenda::file::AgendaFile;
use dostyk_core_model::agenda::ledger;
use dostyk_core_model::agenda::statement::ClaimFlag;
use dostyk_core_model::dataset::Manifest;
use dostyk_core_model::period::{IcwcSeason, MarketingYear, Period, PeriodKind, Span};
use dostyk_core_model::provenance::{ReportingSide, SourceId};
use rust_decimal::Decimal;

/// Panics unless `id` is a source of the manifest whose address contains `url_part`.
fn assert_source(m: &Manifest, id: &str, url_part: &str, what: &str) {
    let sid = SourceId::new(id).unwrap_or_else(|e| panic!("{what}: {e}"));
    let source = m
        .source(&sid)
        .unwrap_or_else(|| panic!("{what}: source \"{id}\" is not in dataset.toml"));
    let url = source.url.as_deref().unwrap_or("");
    assert!(
        url.contains(url_part),
        "{what}: source \"{id}\" has address {url}, expected one containing {url_part}"
    );
}

/// The first id of a `;`-separated `source_id` cell.
fn first(sources: &str) -> &str {
    sources.split(';').next().unwrap_or("").trim()
}

/// The one row matching every `(column, value)` pair; panics naming the file when there is none.
fn the_row<'a>(file: &str, rows: &'a [Row], want: &[(&str, &str)]) -> &'a Row {
    let found: Vec<&Row> = rows
        .iter()
        .filter(|r| want.iter().all(|(c, v)| r.get(c) == *v))
        .collect();
    assert!(!found.is_empty(), "{file}: no row with {want:?}");
    found[0]
}

#[test]
fn the_bundled_dataset_loads_with_every_figure_sourced() {
    let report = check(&dir());
    assert!(
        report.problems.is_empty(),
        "{} problem(s) in data/kz-uz:\n{}",
        report.problems.len(),
        report.problems.join("\n")
    );
    let m = report.manifest;
    assert_eq!(m.name, "kz-uz");
    for kind in [
        "agenda",
        "trade.national",
        "water.limits",
        "water.intake",
        "gas.national",
        "transit.freight",
        "transit.crossings",
    ] {
        assert_eq!(m.files_of(kind).count(), 1, "one {kind} file");
    }
    assert_eq!(m.files_of("trade.statements").count(), 1);
    // No illustrative or model figures in the bundled dataset.
    for s in &m.sources {
        let kind = serde_json::to_value(s.kind).expect("kind");
        assert!(
            kind != "illustrative" && kind != "model_output",
            "source {} is {kind}",
            s.id
        );
        assert!(s.url.is_some(), "source {} has no address", s.id);
        if s.published.is_none() {
            assert!(
                s.note
                    .as_deref()
                    .is_some_and(|n| n.contains("undated") || n.contains("the day is not stated")),
                "source {} has no published date and no note saying why",
                s.id
            );
        }
    }
}

fn period_ok(text: &str) -> bool {
    Span::from_str(text).is_ok()
}

fn event_date_ok(text: &str) -> bool {
    Period::from_str(text).is_ok_and(|p| {
        matches!(
            p.kind(),
            PeriodKind::Year | PeriodKind::Month | PeriodKind::Day
        )
    })
}

fn side_ok(text: &str) -> bool {
    serde_json::from_value::<ReportingSide>(serde_json::Value::String(text.to_owned())).is_ok()
}

#[test]
fn values_are_in_the_forms_the_readers_expect() {
    let mut bad = Vec::new();
    let mut expect = |ok: bool, file: &str, row: &Row, field: &str| {
        if !ok {
            bad.push(format!(
                "{file}, line {}, field `{field}`: \"{}\"",
                row.line,
                row.get(field)
            ));
        }
    };
    let f = "trade/national.csv";
    for r in rows(f) {
        expect(period_ok(r.get("period")), f, &r, "period");
        let side = r.get("reporting_side");
        expect(
            side == "unspecified" || side_ok(side),
            f,
            &r,
            "reporting_side",
        );
        expect(
            ["turnover", "export", "import"].contains(&r.get("flow")),
            f,
            &r,
            "flow",
        );
        expect(
            Decimal::from_str(r.get("value")).is_ok_and(|v| v > Decimal::ZERO),
            f,
            &r,
            "value",
        );
        expect(r.get("unit") == "USD", f, &r, "unit");
        let d = r.get("statement_date");
        expect(d.is_empty() || event_date_ok(d), f, &r, "statement_date");
    }
    {
        let f = "trade/statements.csv";
        for r in rows(f) {
            expect(event_date_ok(r.get("date")), f, &r, "date");
            expect(!r.get("speaker").is_empty(), f, &r, "speaker");
            expect(side_ok(r.get("side")), f, &r, "side");
            expect(
                ["actual", "target", "forecast"].contains(&r.get("kind")),
                f,
                &r,
                "kind",
            );
            expect(period_ok(r.get("period")), f, &r, "period");
            expect(Decimal::from_str(r.get("value")).is_ok(), f, &r, "value");
            expect(!r.get("indicator").is_empty(), f, &r, "indicator");
        }
    }
    let f = "water/limits.csv";
    for r in rows(f) {
        expect(
            IcwcSeason::from_str(r.get("season")).is_ok(),
            f,
            &r,
            "season",
        );
        expect(r.get("volume").parse::<f64>().is_ok(), f, &r, "volume");
        expect(["m3", "Mm3", "km3"].contains(&r.get("unit")), f, &r, "unit");
    }
    let f = "gas/national.csv";
    for r in rows(f) {
        expect(Period::from_str(r.get("period")).is_ok(), f, &r, "period");
        expect(
            ["gost", "iso", "normal"].contains(&r.get("reference_conditions")),
            f,
            &r,
            "reference_conditions",
        );
        expect(
            r.get("note").contains("reference conditions not stated"),
            f,
            &r,
            "note",
        );
    }
    for f in [
        "water/syr_darya_facts.csv",
        "transit/rail_freight_bilateral.csv",
    ] {
        for r in rows(f) {
            let p = r.get("period");
            expect(p.is_empty() || period_ok(p), f, &r, "period");
            expect(side_ok(r.get("side")), f, &r, "side");
            expect(Decimal::from_str(r.get("value")).is_ok(), f, &r, "value");
        }
    }
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}

#[test]
fn the_indicator_key_constants_name_indicators_of_the_bundled_agenda() {
    use dostyk_core_model::agenda::Area;
    use dostyk_core_model::agenda::indicator::{Unit, keys};
    let text = std::fs::read_to_string(dir().join("agenda.toml")).expect("agenda.toml");
    let agenda = AgendaFile::parse(&text, "agenda.toml", None).unwrap_or_else(|e| panic!("{e}"));
    for key in keys::ALL {
        assert!(
            agenda.indicator_by_key(key).is_some(),
            "{key} is not an indicator"
        );
    }
    // On the day of the prime ministers' talks (2024-02-04) PM Smailov restated the $10 bn task
    // with no horizon ("We have a task to bring the trade turnover to $10 billion", kt.kz): that
    // restatement is in force that day; the trade ministers dated it 2030 on 2025-03-15.
    let day = |y, m, d| chrono::NaiveDate::from_ymd_opt(y, m, d).unwrap();
    let target = agenda
        .target_in_force(keys::TRADE_TURNOVER, day(2024, 2, 4))
        .expect("in force");
    assert_eq!(target.value, Decimal::from(10_000_000_000u64));
    assert_eq!(target.horizon.target_year(), None);
    assert_eq!(target.stated.to_string(), "2024-02-04");
    let dated = agenda
        .target_in_force(keys::TRADE_TURNOVER, day(2025, 6, 1))
        .unwrap();
    assert_eq!(dated.horizon.target_year(), Some(2030));
    let day = day(2025, 6, 1);
    let target = dated;
    let usd = Unit::Money(dostyk_core_model::money::Currency::from_code("USD").unwrap());
    let (indicator, headline) = agenda.headline_target(Area::Trade, &usd, day).unwrap();
    assert_eq!(agenda.key(indicator.id), Some(keys::TRADE_TURNOVER));
    assert_eq!(headline, target);
}

#[test]
fn the_agenda_and_the_ledger_load_with_the_core_model_readers() {
    let m = manifest(&dir());
    let known: BTreeSet<SourceId> = m.sources.iter().map(|s| s.id.clone()).collect();
    let text = std::fs::read_to_string(dir().join("agenda.toml")).expect("agenda.toml");
    let agenda = AgendaFile::parse(&text, "data/kz-uz/agenda.toml", Some(&known))
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(agenda.meetings.len() >= 20 && agenda.projects.len() >= 16);
    let ledger_text =
        std::fs::read_to_string(dir().join("trade/statements.csv")).expect("statements.csv");
    let statements = ledger::parse_csv(
        &ledger_text,
        "data/kz-uz/trade/statements.csv",
        &agenda,
        Some(&known),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(statements.len(), rows("trade/statements.csv").len());
    // A statement's id comes from its date, speaker, indicator and period: two rows sharing all
    // four would be one statement.
    let mut ids = BTreeSet::new();
    for s in statements.iter().chain(&agenda.statements) {
        assert!(
            ids.insert(s.id),
            "two statements of {} by {} on {} for {} share one id",
            s.indicator,
            s.speaker,
            s.date,
            s.period
        );
    }
}

#[test]
fn the_named_trade_figures_are_present_with_their_sources() {
    let m = manifest(&dir());
    let f = "trade/national.csv";
    let national = rows(f);
    let r = the_row(
        f,
        &national,
        &[
            ("period", "2023-YTD11"),
            ("flow", "turnover"),
            ("value", "4100000000"),
        ],
    );
    assert_source(
        &m,
        r.get("source_id"),
        "menafn.com/1107690083",
        "Jan-Nov 2023 $4.1bn",
    );
    let r = the_row(
        f,
        &national,
        &[
            ("period", "2023-Q1"),
            ("reporting_side", "kazakhstan"),
            ("value", "1100000000"),
        ],
    );
    assert_source(&m, r.get("source_id"), "agenzianova.com", "Q1 2023 $1.1bn");
    let r = the_row(
        f,
        &national,
        &[
            ("period", "2023-YTD04"),
            ("reporting_side", "uzbekistan"),
            ("value", "1500000000"),
        ],
    );
    assert_source(&m, r.get("source_id"), "a4069886", "Jan-Apr 2023 $1.5bn");
    let r = the_row(
        f,
        &national,
        &[
            ("period", "2025"),
            ("reporting_side", "uzbekistan"),
            ("flow", "turnover"),
        ],
    );
    assert_eq!(r.get("value"), "4970000000");
    assert_source(&m, r.get("source_id"), "4148431", "2025 UZ $4.97bn");
    // Conflicts are kept: 2023 turnover is published as $4.4bn, $4.5bn and over $4.6bn by KZ.
    let kz_2023: Vec<&str> = national
        .iter()
        .filter(|r| {
            r.get("period") == "2023"
                && r.get("reporting_side") == "kazakhstan"
                && r.get("flow") == "turnover"
        })
        .map(|r| r.get("value"))
        .collect();
    for v in ["4400000000", "4500000000", "4600000000"] {
        assert!(
            kz_2023.contains(&v),
            "2023 KZ turnover {v} missing: {kz_2023:?}"
        );
    }
    // Every year 2017-2025 has at least one annual turnover figure.
    for year in 2017..=2025 {
        let y = year.to_string();
        assert!(
            national
                .iter()
                .any(|r| r.get("period") == y && r.get("flow") == "turnover"),
            "no annual turnover for {year}"
        );
    }

    let f = "trade/statements.csv";
    let ledger = rows(f);
    let r = the_row(
        f,
        &ledger,
        &[
            ("date", "2025-03-15"),
            ("kind", "target"),
            ("period", "2030"),
            ("value", "10000000000"),
        ],
    );
    assert_eq!(r.get("side"), "joint");
    assert_source(
        &m,
        first(r.get("source_id")),
        "urdupoint.com",
        "$10bn by 2030 (2025-03-15)",
    );
    let r = the_row(
        f,
        &ledger,
        &[
            ("period", "2023-YTD11"),
            ("kind", "actual"),
            ("value", "4100000000"),
        ],
    );
    assert_source(
        &m,
        first(r.get("source_id")),
        "menafn.com/1107690083",
        "ledger Jan-Nov 2023",
    );
}

/// Issue #20, item 4: Uzbekistan's wheat imports from Kazakhstan reported on 2023-10-05 are
/// for the 2022/23 grain season (3.889 Mt against 2.591 Mt, +50%), not for January–August
/// 2023.
#[test]
fn the_wheat_figure_of_the_grain_season_is_labelled_with_its_marketing_year() {
    let m = manifest(&dir());
    let known: BTreeSet<SourceId> = m.sources.iter().map(|s| s.id.clone()).collect();
    let text = std::fs::read_to_string(dir().join("agenda.toml")).expect("agenda.toml");
    let agenda = AgendaFile::parse(&text, "data/kz-uz/agenda.toml", Some(&known))
        .unwrap_or_else(|e| panic!("{e}"));
    let grain = agenda
        .indicator_id("kz-to-uz-grain")
        .expect("the grain indicator");
    let ledger_text =
        std::fs::read_to_string(dir().join("trade/statements.csv")).expect("statements.csv");
    let statements = ledger::parse_csv(
        &ledger_text,
        "data/kz-uz/trade/statements.csv",
        &agenda,
        Some(&known),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let source = SourceId::new("intellinews-2023-10-05-ramps-up").unwrap();
    let wheat: Vec<_> = statements
        .iter()
        .filter(|s| s.indicator == grain && s.sources.contains(&source))
        .collect();
    assert_eq!(wheat.len(), 1, "one wheat figure from {source}");
    let s = wheat[0];
    let season = Span::MarketingYear(MarketingYear::new(2022, 7).unwrap());
    assert_eq!(s.period, season, "the 2022/23 July-June grain season");
    assert_eq!(s.period.to_string(), "2022/23-MY07");
    assert_eq!(s.value, Decimal::new(3889, 3));
    assert_eq!(s.unit.to_string(), "Mt");
    // The months are inferred from "grain season", so the flag says so.
    assert!(s.flags.contains(&ClaimFlag::PeriodUnverified));
    // The season ends before August 2023, which the old label covered.
    assert!(!s.period.contains_date("2023-08-01".parse().unwrap()));
    assert!(s.period.contains(&Span::from_str("2022-07").unwrap()));
    assert_source(
        &m,
        &source.to_string(),
        "intellinews.com",
        "2022/23 wheat 3.889 Mt",
    );
}

#[test]
fn the_named_water_gas_and_transit_figures_are_present_with_their_sources() {
    let m = manifest(&dir());
    let f = "water/limits.csv";
    let limits = rows(f);
    for (season, volume, url) in [
        ("growing-2024", "0.922", "3898442"),
        ("growing-2025", "0.909", "azon.global"),
        ("non-growing-2025-26", "0.460", "eurasianstar.com"),
    ] {
        let r = the_row(
            f,
            &limits,
            &[
                ("country", "KAZ"),
                ("line", "dostyk-canal"),
                ("season", season),
            ],
        );
        assert_eq!(r.get("volume"), volume, "Dostyk canal {season}");
        assert_eq!(r.get("unit"), "km3");
        assert_source(&m, r.get("source"), url, season);
    }

    let f = "gas/national.csv";
    let gas = rows(f);
    for (period, status, value, url) in [
        ("2023", "actual", "1.28", "interfax.com"),
        ("2024", "actual", "5.6", "interfax.com"),
        ("2026", "planned", "11", "interfax.com"),
    ] {
        let r = the_row(
            f,
            &gas,
            &[("period", period), ("kind", "transit"), ("status", status)],
        );
        assert_eq!(r.get("value"), value, "gas transit {period}");
        assert_eq!(r.get("unit"), "bcm");
        assert_source(&m, r.get("source_id"), url, period);
    }

    let f = "transit/rail_freight_bilateral.csv";
    let freight = rows(f);
    let y2024: Vec<&Row> = freight
        .iter()
        .filter(|r| r.get("period") == "2024")
        .collect();
    assert!(
        y2024
            .iter()
            .any(|r| r.get("value") == "11.5" && r.get("note").contains("conflicting")),
        "the 2024 rail freight figure and its conflict"
    );
    let r = the_row(
        f,
        &freight,
        &[("period", "2025"), ("indicator", "rail-freight-kz-uz")],
    );
    assert_eq!(r.get("value"), "32.3");
    assert_source(
        &m,
        r.get("source_id"),
        "astanatimes.com/2026/02",
        "rail freight 2025",
    );

    let f = "transit/crossings.csv";
    let crossings = rows(f);
    let r = the_row(
        f,
        &crossings,
        &[
            ("crossing", "Zhibek Zholy - Gishtkuprik"),
            ("indicator", "vehicles_per_day"),
            ("status", "planned"),
            ("side", "kazakhstan"),
        ],
    );
    assert_eq!((r.get("value"), r.get("due")), ("2000", "2026-07"));
    assert_source(&m, r.get("source_id"), "4129243", "Zhibek Zholy capacity");
}

#[test]
fn the_named_agenda_items_are_present_with_their_sources() {
    let m = manifest(&dir());
    let doc = agenda();
    let by_key = |table: &str, key: &str| -> toml::Table {
        items(&doc, table)
            .into_iter()
            .find(|i| text(i, "key") == key)
            .unwrap_or_else(|| panic!("agenda.toml: no {table} with key \"{key}\""))
            .clone()
    };
    let first_source = |item: &toml::Table| -> String {
        item["sources"].as_array().expect("sources")[0]
            .as_str()
            .expect("id")
            .to_owned()
    };

    for (key, date, place, url) in [
        (
            "sic-2024-08-08",
            "2024-08-08",
            "Astana (Akorda)",
            "gazeta.uz",
        ),
        ("sic-2025-11-15", "2025-11-15", "Tashkent", "qazinform.com"),
        ("pms-2024-02-04", "2024-02", "Almaty", "1377960672"),
    ] {
        let meeting = by_key("meetings", key);
        assert_eq!(
            (text(&meeting, "date"), text(&meeting, "place")),
            (date, place)
        );
        assert_source(&m, &first_source(&meeting), url, key);
    }

    let plan = by_key("agreements", "plan-practical-actions-2022");
    assert_eq!(plan["measures"].as_integer(), Some(41));
    assert_source(
        &m,
        &first_source(&plan),
        "ortcom.kz",
        "Plan of Practical Actions",
    );
    let treaty = by_key("agreements", "treaty-allied-relations-2022-12-22");
    assert_eq!(text(&treaty, "signed"), "2022-12-22");
    let programme = by_key("agreements", "strategic-partnership-2024-2034");
    assert_eq!(text(&programme, "meeting"), "sic-2024-08-08");
    let trade = by_key("agreements", "trade-programme-10bn-2030");
    assert_eq!(text(&trade, "signed"), "2025-03-15");
    assert_eq!(trade["horizon"]["year"].as_integer(), Some(2030));
    let water = by_key("agreements", "water-agreement-2025-11-15");
    assert_eq!(text(&water, "signed"), "2025-11-15");
    let ratified = by_key("measures", "water-agreement-ratification-uz");
    let events = ratified["history"].as_array().expect("history");
    assert!(events.iter().any(
        |e| text(e.as_table().expect("event"), "date") == "2026-03-06"
            && text(e.as_table().expect("event"), "status") == "done"
    ));

    // Measures with due dates and dated status evidence.
    for (key, due) in [
        ("icic-central-asia", "2027-H1"),
        ("darbaza-maktaaral-railway", "2025"),
        ("zhibek-zholy-checkpoint", "2026-07"),
        ("gas-transit-11-bcm", "2026"),
    ] {
        let measure = by_key("measures", key);
        assert_eq!(text(&measure, "due"), due, "{key}");
        let history = measure["history"].as_array().expect("history");
        assert!(!history.is_empty(), "{key} has no status evidence");
    }
    let icic = by_key("projects", "icic-central-asia-project");
    let artel = by_key("projects", "artel-karaganda");
    assert_eq!(
        artel["statements"].as_array().map(Vec::len),
        Some(1),
        "the Artel plant is linked to the 2024-08-07 count of completed projects"
    );
    let milestones = icic["milestones"].as_array().expect("milestones");
    assert!(milestones.iter().any(|ms| {
        let ms = ms.as_table().expect("milestone");
        text(ms, "description") == "official opening" && text(ms, "planned") == "2027-H1"
    }));

    // The target and every restatement: $10bn stated again and again, last by 2030.
    let ten_bn: Vec<&toml::Table> = items(&doc, "targets")
        .into_iter()
        .filter(|t| {
            text(t, "indicator") == "kz-uz-trade-turnover" && text(t, "value") == "10000000000"
        })
        .collect();
    assert!(ten_bn.len() >= 15, "{} restatements of $10bn", ten_bn.len());
    let by_2030 = ten_bn
        .iter()
        .find(|t| text(t, "stated") == "2025-03-15")
        .expect("the 2025-03-15 restatement");
    assert_eq!(by_2030["horizon"]["year"].as_integer(), Some(2030));
    assert_source(
        &m,
        &first_source(by_2030),
        "urdupoint.com",
        "target 2025-03-15",
    );
    let gas = items(&doc, "targets")
        .into_iter()
        .find(|t| text(t, "indicator") == "gas-ru-uz-via-kz" && text(t, "value") == "11")
        .expect("the 11 bcm gas target");
    assert!(gas.get("sources").is_some());

    // Portfolio statements, to reconcile against the project registry.
    for (key, value, qualifier, url) in [
        ("portfolio-2022-05-count", "9", "", "ortcom.kz"),
        (
            "portfolio-2022-05-value",
            "1786000000",
            "about",
            "ortcom.kz",
        ),
        ("portfolio-2024-08-07-count", "69", "", "074444"),
        ("portfolio-2024-08-07-value", "3100000000", "", "074444"),
        ("portfolio-2024-10-22-count", "74", "", "silkwaytv.kz"),
        (
            "portfolio-2024-10-22-value",
            "3400000000",
            "",
            "silkwaytv.kz",
        ),
        ("portfolio-2025-11-15-count", "78", "", "bcd534"),
        (
            "portfolio-2025-11-15-value",
            "1700000000",
            "more than",
            "bcd534",
        ),
    ] {
        let s = by_key("statements", key);
        assert_eq!(
            (text(&s, "value"), text(&s, "qualifier")),
            (value, qualifier),
            "{key}"
        );
        assert_source(&m, &first_source(&s), url, key);
    }
    assert!(items(&doc, "projects").len() >= 16);
}
