//! The trade section's blocks from the dataset's UN Comtrade rows (`trade.comtrade`): each
//! side's declared exports to and imports from the other by HS section, their top products and
//! the agri-food lens (HS 01–24), for the latest year with HS rows; and the mirror table, what
//! each exporter and importer declared per year. Every value is computed in dostyk-trade
//! (`Aggregator`, `shares_by_section`, `top_products`, `agri_food_lens`, `mirror`).

use dostyk_core_model::period::PeriodKind;
use dostyk_core_model::provenance::{ReportingSide, SourceId};
use dostyk_trade::aggregate::{Aggregator, Direction, FlowKey};
use dostyk_trade::area::M49Area;
use dostyk_trade::comtrade::Row;
use dostyk_trade::flow::{FlowCode, HsCode, Level};
use dostyk_trade::mirror::{MirrorOptions, mirror};
use dostyk_trade::turnover::{agri_food_lens, shares_by_section, top_products};
use rust_decimal::Decimal;

use super::Builder;
use super::agenda::side_name;
use crate::document::{Block, Cell, Column, Table};
use crate::figure::{Figure, FigureUnit};
use crate::i18n::Language;

/// The products listed per flow in the top-products table.
const TOP: usize = 5;

const KAZAKHSTAN: M49Area = M49Area::from_m49(398);
const UZBEKISTAN: M49Area = M49Area::from_m49(860);

/// A bilateral flow, the side that declares it, and its products.
type BilateralProducts = (FlowKey, ReportingSide, Vec<(HsCode, Decimal)>);

fn col(label: String, numeric: bool) -> Column {
    Column { label, numeric }
}

/// The side a bilateral KZ–UZ flow is declared by; `None` for any other pair.
fn side(key: &FlowKey) -> Option<ReportingSide> {
    match (key.reporter, key.partner) {
        (KAZAKHSTAN, UZBEKISTAN) => Some(ReportingSide::Kazakhstan),
        (UZBEKISTAN, KAZAKHSTAN) => Some(ReportingSide::Uzbekistan),
        _ => None,
    }
}

/// The products of a flow at its coarsest HS level (HS2, else HS4, else HS6).
fn products(agg: &Aggregator, key: &FlowKey) -> Vec<(HsCode, Decimal)> {
    [Level::Hs2, Level::Hs4, Level::Hs6]
        .into_iter()
        .map(|level| agg.commodities(key, level))
        .find(|p| !p.is_empty())
        .unwrap_or_default()
}

/// The products of a flow at the level of `like` (empty when it has none there).
fn products_at(
    agg: &Aggregator,
    key: &FlowKey,
    like: &[(HsCode, Decimal)],
) -> Vec<(HsCode, Decimal)> {
    let level = match like.first().map(|(c, _)| c.digits()) {
        Some(2) => Level::Hs2,
        Some(4) => Level::Hs4,
        _ => Level::Hs6,
    };
    agg.commodities(key, level)
}

/// The sources of the rows of one flow (its exports or imports rows).
fn sources(rows: &[Row], key: &FlowKey) -> Vec<SourceId> {
    let mut out: Vec<SourceId> = Vec::new();
    for row in rows {
        if let Row::Flow(f) = row
            && f.reporter == key.reporter
            && f.partner == key.partner
            && f.period == key.period
            && matches!(
                (&f.flow, key.direction),
                (FlowCode::Export, Direction::Export) | (FlowCode::Import, Direction::Import)
            )
            && !out.contains(&f.origin.source)
        {
            out.push((*f.origin.source).clone());
        }
    }
    out
}

/// The tables, or nothing when the dataset holds no HS rows of KZ–UZ trade for a whole year.
pub(super) fn product_blocks(b: &mut Builder<'_>) -> Vec<Block> {
    let msg = b.msg;
    let rows = &b.dataset.trade_comtrade;
    let Some(agg) = aggregate(rows) else {
        return Vec::new();
    };
    let with_hs: Vec<BilateralProducts> = agg
        .keys()
        .into_iter()
        .filter(|k| k.period.kind() == PeriodKind::Year)
        .filter_map(|k| {
            let side = side(&k)?;
            let p = products(&agg, &k);
            (!p.is_empty()).then_some((k, side, p))
        })
        .collect();
    let Some(year) = with_hs.iter().map(|(k, ..)| k.period).max() else {
        return Vec::new();
    };
    let latest: Vec<_> = with_hs
        .into_iter()
        .filter(|(k, ..)| k.period == year)
        .collect();
    let year_text = year.to_string();
    let flow_text = |d: Direction| {
        msg.text(match d {
            Direction::Export => "flow-export",
            Direction::Import => "flow-import",
        })
    };
    let flow_key = |d: Direction| match d {
        Direction::Export => "export",
        Direction::Import => "import",
    };
    let side_key = |s: ReportingSide| match s {
        ReportingSide::Kazakhstan => "kazakhstan",
        _ => "uzbekistan",
    };
    let mut section_rows = Vec::new();
    let mut lens_rows = Vec::new();
    let mut top_rows = Vec::new();
    for (key, side, products) in &latest {
        let sources = sources(rows, key);
        let base = format!(
            "trade.comtrade.{}.{}.{year_text}",
            side_key(*side),
            flow_key(key.direction)
        );
        for (section, value, share) in shares_by_section(products) {
            let (number, name) = match section {
                Some(s) => (
                    s.number().to_string(),
                    format!(
                        "{} {}",
                        s.roman(),
                        match msg.language() {
                            Language::Ru => s.name_ru().to_owned(),
                            Language::En => s.name_en().to_owned(),
                            // The HS reference table has English and Russian names only.
                            Language::Kk | Language::Uz => crate::i18n::fallback(s.name_en()),
                        }
                    ),
                ),
                None => ("none".to_owned(), msg.text("hs-section-none")),
            };
            let value_id = b.figure(
                Figure::new(
                    format!("{base}.section.{number}"),
                    "trade.comtrade.section",
                    year_text.clone(),
                    value,
                    FigureUnit::Usd,
                )
                .side(*side)
                .sources(sources.clone()),
            );
            let share_cell = match share {
                Some(pct) => Cell::Figure(
                    b.figure(
                        Figure::new(
                            format!("{base}.section.{number}.share"),
                            "trade.comtrade.section.share",
                            year_text.clone(),
                            pct.round_dp(1),
                            FigureUnit::Percent,
                        )
                        .side(*side)
                        .sources(sources.clone()),
                    ),
                ),
                None => Cell::Text("–".into()),
            };
            section_rows.push(vec![
                Cell::Text(side_name(msg, *side)),
                Cell::Text(flow_text(key.direction)),
                Cell::Text(name),
                Cell::Figure(value_id),
                share_cell,
            ]);
        }
        // Growth against the same flow a year before, at the same level.
        let previous_key = key
            .period
            .previous_year()
            .map(|period| FlowKey { period, ..*key });
        let previous: Vec<(HsCode, Decimal)> = previous_key
            .map(|k| products_at(&agg, &k, products))
            .unwrap_or_default();
        let total: Decimal = products.iter().map(|(_, v)| *v).sum();
        for top in top_products(products, &previous, total, TOP) {
            let code = top.code.to_string();
            let value_id = b.figure(
                Figure::new(
                    format!("{base}.top.{code}"),
                    "trade.comtrade.product",
                    year_text.clone(),
                    top.value_usd,
                    FigureUnit::Usd,
                )
                .side(*side)
                .sources(sources.clone()),
            );
            let mut percent = |suffix: &str, indicator: &str, pct: Option<Decimal>| match pct {
                Some(pct) => Cell::Figure(
                    b.figure(
                        Figure::new(
                            format!("{base}.top.{code}.{suffix}"),
                            indicator,
                            year_text.clone(),
                            pct.round_dp(1),
                            FigureUnit::Percent,
                        )
                        .side(*side)
                        .sources(sources.clone()),
                    ),
                ),
                None => Cell::Text("–".into()),
            };
            let share = percent("share", "trade.comtrade.product.share", top.share_pct);
            let growth = percent("growth", "trade.comtrade.product.growth", top.growth_pct);
            let chapter =
                top.code
                    .hs_chapter()
                    .map_or_else(String::new, |c| match msg.language() {
                        Language::Ru => c.name_ru().to_owned(),
                        Language::En => c.name_en().to_owned(),
                        Language::Kk | Language::Uz => crate::i18n::fallback(c.name_en()),
                    });
            top_rows.push(vec![
                Cell::Text(side_name(msg, *side)),
                Cell::Text(flow_text(key.direction)),
                Cell::Text(format!("{code} {chapter}")),
                Cell::Figure(value_id),
                share,
                growth,
            ]);
        }
        let lens = agri_food_lens(products);
        let agri_id = b.figure(
            Figure::new(
                format!("{base}.agri_food"),
                "trade.comtrade.agri_food",
                year_text.clone(),
                lens.agri_food_usd,
                FigureUnit::Usd,
            )
            .side(*side)
            .sources(sources.clone()),
        );
        let share_cell = match lens.agri_food_share_pct {
            Some(pct) => Cell::Figure(
                b.figure(
                    Figure::new(
                        format!("{base}.agri_food.share"),
                        "trade.comtrade.agri_food.share",
                        year_text.clone(),
                        pct.round_dp(1),
                        FigureUnit::Percent,
                    )
                    .side(*side)
                    .sources(sources.clone()),
                ),
            ),
            None => Cell::Text("–".into()),
        };
        lens_rows.push(vec![
            Cell::Text(side_name(msg, *side)),
            Cell::Text(flow_text(key.direction)),
            Cell::Figure(agri_id),
            share_cell,
            Cell::Text(
                sources
                    .iter()
                    .map(ToString::to_string)
                    .collect::<Vec<_>>()
                    .join(", "),
            ),
        ]);
    }
    let year_arg = [("year", year_text.as_str())];
    vec![
        Block::Table(Table {
            id: "trade-hs-sections".into(),
            caption: msg.format("caption-trade-hs-sections", &year_arg),
            columns: vec![
                col(msg.text("col-side"), false),
                col(msg.text("col-flow"), false),
                col(msg.text("col-hs-section"), false),
                col(msg.text("col-value"), true),
                col(msg.text("col-share"), true),
            ],
            rows: section_rows,
        }),
        Block::Table(Table {
            id: "trade-top-products".into(),
            caption: msg.format("caption-trade-top-products", &year_arg),
            columns: vec![
                col(msg.text("col-side"), false),
                col(msg.text("col-flow"), false),
                col(msg.text("col-product"), false),
                col(msg.text("col-value"), true),
                col(msg.text("col-share"), true),
                col(msg.text("col-growth"), true),
            ],
            rows: top_rows,
        }),
        Block::Table(Table {
            id: "trade-agri-food".into(),
            caption: msg.format("caption-trade-agri-food", &year_arg),
            columns: vec![
                col(msg.text("col-side"), false),
                col(msg.text("col-flow"), false),
                col(msg.text("col-agri-food"), true),
                col(msg.text("col-share"), true),
                col(msg.text("col-sources"), false),
            ],
            rows: lens_rows,
        }),
    ]
}

/// The rows added up; `None` when they conflict (the dataset loader refuses that already).
fn aggregate(rows: &[Row]) -> Option<Aggregator> {
    let mut agg = Aggregator::new();
    for row in rows {
        agg.add_row(row.clone()).ok()?;
    }
    Some(agg)
}

/// The sources of the annual rows between Kazakhstan and Uzbekistan in `period`.
fn pair_sources(rows: &[Row], period: dostyk_core_model::period::Period) -> Vec<SourceId> {
    let mut out = Vec::new();
    for flow in [KAZAKHSTAN, UZBEKISTAN].into_iter().flat_map(|reporter| {
        let partner = if reporter == KAZAKHSTAN {
            UZBEKISTAN
        } else {
            KAZAKHSTAN
        };
        [Direction::Export, Direction::Import].map(|direction| FlowKey {
            reporter,
            partner,
            period,
            direction,
        })
    }) {
        for s in sources(rows, &flow) {
            if !out.contains(&s) {
                out.push(s);
            }
        }
    }
    out
}

/// Mirror statistics per year from the Comtrade rows: for each direction, what the exporter
/// declared (FOB) and what the importer declared (CIF), the gap, and the gap after the CIF/FOB
/// adjustment (IMF DOTS 1.06). `None` when no year has a declaration between the two.
pub(super) fn mirror_block(b: &mut Builder<'_>) -> Option<Block> {
    let msg = b.msg;
    let rows = &b.dataset.trade_comtrade;
    let agg = aggregate(rows)?;
    let (totals, _) = agg.totals();
    let annual: Vec<_> = totals
        .into_iter()
        .filter(|t| t.key.period.kind() == PeriodKind::Year)
        .collect();
    let mirrored = mirror(&annual, KAZAKHSTAN, UZBEKISTAN, &MirrorOptions::default()).ok()?;
    if mirrored.is_empty() {
        return None;
    }
    let mut table_rows = Vec::new();
    for r in &mirrored {
        let period = r.period.to_string();
        let sources = pair_sources(rows, r.period);
        let (direction, exporter_side) = if r.exporter == KAZAKHSTAN {
            ("kz-uz", ReportingSide::Kazakhstan)
        } else {
            ("uz-kz", ReportingSide::Uzbekistan)
        };
        let mut figure = |what: &str, value: Option<Decimal>, unit: FigureUnit| match value {
            Some(v) => Cell::Figure(
                b.figure(
                    Figure::new(
                        format!("trade.comtrade.mirror.{direction}.{period}.{what}"),
                        format!("trade.comtrade.mirror.{what}"),
                        period.clone(),
                        if unit == FigureUnit::Percent {
                            v.round_dp(1)
                        } else {
                            v
                        },
                        unit,
                    )
                    .sources(sources.clone()),
                ),
            ),
            None => Cell::Text("–".into()),
        };
        let exporter = figure("exporter", r.exporter_declared_usd, FigureUnit::Usd);
        let importer = figure("importer", r.importer_declared_usd, FigureUnit::Usd);
        let gap = figure("gap_pct", r.gap_pct, FigureUnit::Percent);
        let adjusted = figure("adjusted_gap_pct", r.adjusted_gap_pct, FigureUnit::Percent);
        let importer_side = if exporter_side == ReportingSide::Kazakhstan {
            ReportingSide::Uzbekistan
        } else {
            ReportingSide::Kazakhstan
        };
        table_rows.push(vec![
            Cell::Text(period.clone()),
            Cell::Text(format!(
                "{} → {}",
                side_name(msg, exporter_side),
                side_name(msg, importer_side)
            )),
            exporter,
            importer,
            gap,
            adjusted,
        ]);
    }
    Some(Block::Table(Table {
        id: "trade-comtrade-mirror".into(),
        caption: msg.text("caption-trade-comtrade-mirror"),
        columns: vec![
            col(msg.text("col-period"), false),
            col(msg.text("col-direction"), false),
            col(msg.text("col-exporter-declared"), true),
            col(msg.text("col-importer-declared"), true),
            col(msg.text("col-mirror-gap"), true),
            col(msg.text("col-mirror-gap-adjusted"), true),
        ],
        rows: table_rows,
    }))
}
