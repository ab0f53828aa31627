//! The trade section: each side's published turnover against the target path.

use chrono::NaiveDate;
use dostyk_core_model::agenda::Area;
use dostyk_core_model::agenda::indicator::Unit as IndicatorUnit;
use dostyk_core_model::money::Currency;
use dostyk_core_model::period::{PeriodKind, Span};
use dostyk_core_model::provenance::{ReportingSide, SourceId};
use dostyk_trade::national::{NationalFigure, NationalFlow};
use dostyk_trade::published::{PublishedYear, annual_turnover, doubtful_turnover, side_by_side};
use dostyk_trade::target::{DEFAULT_TREND_YEARS, SideProgress, TargetUsd, side_progress};
use dostyk_trade::turnover::growth_pct;
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

use super::Builder;
use super::agenda::side_name;
use crate::chart::{Chart, ChartKind, Series, SeriesStyle};
use crate::document::{Block, Cell, Column, Inline, Section, Table};
use crate::figure::{Figure, FigureUnit};

fn col(label: String, numeric: bool) -> Column {
    Column { label, numeric }
}

fn side_key(side: ReportingSide) -> &'static str {
    match side {
        ReportingSide::Kazakhstan => "kazakhstan",
        ReportingSide::Uzbekistan => "uzbekistan",
        ReportingSide::Joint => "joint",
        ReportingSide::ThirdParty => "third_party",
    }
}

fn published_figure(b: &mut Builder<'_>, y: &PublishedYear) -> String {
    b.figure(
        Figure::new(
            format!("trade.turnover.{}.{}", side_key(y.side), y.year),
            "trade.turnover",
            y.year.to_string(),
            y.value_usd,
            FigureUnit::Usd,
        )
        .side(y.side)
        .sources([y.source.clone()]),
    )
}

/// The figure of a published part-year (or other sub-annual) figure, as the trade section's
/// table of them shows it; returns its id.
fn sub_annual_figure(b: &mut Builder<'_>, f: &NationalFigure) -> String {
    let flow = match f.flow {
        NationalFlow::Turnover => "turnover",
        NationalFlow::Export => "export",
        NationalFlow::Import => "import",
    };
    let mut figure = Figure::new(
        format!(
            "trade.{flow}.{}.{}",
            f.side.map_or("unspecified", side_key),
            f.period
        ),
        format!("trade.{flow}"),
        f.period.to_string(),
        f.value_usd,
        FigureUnit::Usd,
    )
    .sources([f.source.clone()]);
    if let Some(s) = f.side {
        figure = figure.side(s);
    }
    b.figure(figure)
}

/// The year and last day a part of a calendar year covers; `None` for a whole year and for
/// spans that are not inside one calendar year (seasons, marketing years, ranges).
fn part_year_end(period: &Span) -> Option<(i32, NaiveDate)> {
    match period {
        Span::Period(p) if p.kind() == PeriodKind::Year => None,
        Span::Period(p) => Some((p.calendar_year(), p.last_day())),
        Span::YearToDate(y) => y.range().last_day().map(|d| (y.year(), d)),
        _ => None,
    }
}

/// `side`'s turnover figure for the part of a year after `after` that ends last (of two ending
/// on the same day, the one listed last), leaving out figures with caveats; `None` when there is
/// none.
fn latest_part_year(
    figures: &[NationalFigure],
    side: ReportingSide,
    after: i32,
) -> Option<&NationalFigure> {
    figures
        .iter()
        .filter(|f| f.side == Some(side) && f.flow == NationalFlow::Turnover && f.flags.is_empty())
        .filter_map(|f| {
            part_year_end(&f.period)
                .filter(|(year, _)| *year > after)
                .map(|(_, end)| (end, f))
        })
        .max_by_key(|(end, f)| (*end, f.line))
        .map(|(_, f)| f)
}

fn bn(value: Decimal) -> Option<f64> {
    (value / Decimal::from(1_000_000_000u64)).to_f64()
}

pub(super) fn trade(b: &mut Builder<'_>) -> Section {
    let msg = b.msg;
    let ds = b.dataset;
    let title = msg.text("section-trade");
    if ds.trade_national.is_empty() {
        return Section {
            id: "trade".into(),
            title,
            blocks: vec![Block::Absent {
                text: msg.text("absent-trade"),
            }],
        };
    }
    let published = |id: &SourceId| ds.manifest.source(id).and_then(|s| s.published);
    let kz = annual_turnover(&ds.trade_national, ReportingSide::Kazakhstan, &published);
    let uz = annual_turnover(&ds.trade_national, ReportingSide::Uzbekistan, &published);
    let kz_doubtful = doubtful_turnover(&ds.trade_national, ReportingSide::Kazakhstan);
    let uz_doubtful = doubtful_turnover(&ds.trade_national, ReportingSide::Uzbekistan);
    let mut blocks = Vec::new();

    // Progress to the target in force, per side (computed in dostyk-trade on core-model's rules).
    let usd = IndicatorUnit::Money(Currency::from_code("USD").expect("USD is an ISO 4217 code"));
    let headline = ds.agenda.headline_target(Area::Trade, &usd, b.as_of);
    let target = headline.map(|(_, t)| t);
    let target_usd =
        headline.and_then(|(indicator, t)| TargetUsd::from_target(t, &indicator.unit).ok());
    let mut progress: Vec<SideProgress> = Vec::new();
    if let Some(target_usd) = target_usd {
        for series in [&kz, &uz] {
            let Some(first) = series.first() else {
                continue;
            };
            let history: Vec<(i32, Decimal)> =
                series.iter().map(|y| (y.year, y.value_usd)).collect();
            if let Ok(p) = side_progress(first.side, target_usd, &history, DEFAULT_TREND_YEARS) {
                progress.push(p);
            }
        }
    }

    // Summary cards: each side's latest year and what the target requires from it.
    let mut in_summary: Vec<(&NationalFigure, String)> = Vec::new();
    for series in [&kz, &uz] {
        if let Some(latest) = series.last() {
            let id = published_figure(b, latest);
            b.kpi(
                msg.format(
                    "kpi-turnover",
                    &[
                        ("side", &side_name(msg, latest.side)),
                        ("year", &latest.year.to_string()),
                    ],
                ),
                id,
                None,
            );
            let previous = series.iter().find(|y| y.year == latest.year - 1);
            if let Some(previous) = previous
                && let Some(growth) = growth_pct(latest.value_usd, previous.value_usd)
            {
                let id = b.figure(
                    Figure::new(
                        format!("trade.growth.{}.{}", side_key(latest.side), latest.year),
                        "trade.turnover.growth",
                        latest.year.to_string(),
                        growth.round_dp(1),
                        FigureUnit::Percent,
                    )
                    .side(latest.side)
                    .sources([latest.source.clone(), previous.source.clone()])
                    .derived_by(msg.text("method-trade-growth")),
                );
                b.kpi(
                    msg.format(
                        "kpi-growth",
                        &[
                            ("side", &side_name(msg, latest.side)),
                            ("year", &latest.year.to_string()),
                        ],
                    ),
                    id,
                    None,
                );
            }
            // A part of a later year (Jan–Nov of the year after), as published: in an as-of
            // edition the latest news of the side.
            if let Some(part) = latest_part_year(&ds.trade_national, latest.side, latest.year) {
                let id = sub_annual_figure(b, part);
                b.kpi(
                    msg.format(
                        "kpi-turnover",
                        &[
                            ("side", &side_name(msg, latest.side)),
                            ("year", &msg.period(&part.period)),
                        ],
                    ),
                    id.clone(),
                    None,
                );
                in_summary.push((part, id));
            }
        }
    }
    let target_sources: Vec<SourceId> = target.map(|t| t.sources.clone()).unwrap_or_default();
    for p in &progress {
        let mut sources = target_sources.clone();
        if let Some(y) = [&kz, &uz]
            .iter()
            .flat_map(|s| s.iter())
            .find(|y| y.side == p.side && y.year == p.latest_year)
        {
            sources.push(y.source.clone());
        }
        if let Some(rate) = p.required_growth_pct() {
            let id = b.figure(
                Figure::new(
                    format!("trade.required-growth.{}", side_key(p.side)),
                    "trade.turnover.required_cagr",
                    format!("{}-{}", p.latest_year, p.target.year),
                    rate,
                    FigureUnit::Percent,
                )
                .side(p.side)
                .sources(sources.iter().cloned())
                .derived_by(msg.text("method-trade-required-growth")),
            );
            b.kpi(
                msg.format(
                    "kpi-required-growth",
                    &[
                        ("side", &side_name(msg, p.side)),
                        ("year", &p.target.year.to_string()),
                    ],
                ),
                id,
                Some(msg.format("from-year", &[("year", &p.latest_year.to_string())])),
            );
        }
    }

    // Chart: both sides and the target path from each side's latest year.
    let first_year = kz.iter().chain(&uz).map(|y| y.year).min();
    let last_year = kz
        .iter()
        .chain(&uz)
        .map(|y| y.year)
        .chain(target_usd.map(|t| t.year))
        .max();
    if let (Some(first), Some(last)) = (first_year, last_year) {
        let years: Vec<i32> = (first..=last).collect();
        let series_of = |s: &[PublishedYear]| -> Vec<Option<f64>> {
            years
                .iter()
                .map(|y| {
                    s.iter()
                        .find(|p| p.year == *y)
                        .and_then(|p| bn(p.value_usd))
                })
                .collect()
        };
        let mut series = vec![
            Series {
                name: side_name(msg, ReportingSide::Kazakhstan),
                style: SeriesStyle::Actual,
                values: series_of(&kz),
            },
            Series {
                name: side_name(msg, ReportingSide::Uzbekistan),
                style: SeriesStyle::Actual,
                values: series_of(&uz),
            },
        ];
        for p in &progress {
            series.push(Series {
                name: msg.format("target-path-from", &[("side", &side_name(msg, p.side))]),
                style: SeriesStyle::Target,
                values: years
                    .iter()
                    .map(|y| {
                        p.path
                            .iter()
                            .find(|(py, _)| py == y)
                            .and_then(|(_, v)| bn(*v))
                    })
                    .collect(),
            });
        }
        blocks.push(Block::Chart(Chart {
            id: "trade-turnover".into(),
            kind: ChartKind::Line,
            title: msg.text("chart-trade-title"),
            description: msg.text("chart-trade-description"),
            y_label: msg.text("unit-bn-usd"),
            categories: years.iter().map(ToString::to_string).collect(),
            series,
            tick_decimals: 1,
        }));
    }

    // Side by side with the gap.
    let mut rows = Vec::new();
    for row in side_by_side(&kz, &uz) {
        let kz_cell = row
            .kazakhstan
            .as_ref()
            .map_or(Cell::Empty, |y| Cell::Figure(published_figure(b, y)));
        let uz_cell = row
            .uzbekistan
            .as_ref()
            .map_or(Cell::Empty, |y| Cell::Figure(published_figure(b, y)));
        let both: Vec<SourceId> = row
            .kazakhstan
            .iter()
            .chain(&row.uzbekistan)
            .map(|y| y.source.clone())
            .collect();
        let gap = row.gap_usd.map_or(Cell::Empty, |g| {
            Cell::Figure(
                b.figure(
                    Figure::new(
                        format!("trade.gap.{}", row.year),
                        "trade.turnover.gap",
                        row.year.to_string(),
                        g,
                        FigureUnit::Usd,
                    )
                    .sources(both.iter().cloned())
                    .derived_by(msg.text("method-trade-side-gap")),
                ),
            )
        });
        let gap_pct = row.gap_pct.map_or(Cell::Empty, |g| {
            Cell::Figure(
                b.figure(
                    Figure::new(
                        format!("trade.gap-pct.{}", row.year),
                        "trade.turnover.gap_pct",
                        row.year.to_string(),
                        g,
                        FigureUnit::Percent,
                    )
                    .sources(both.iter().cloned())
                    .derived_by(msg.text("method-trade-side-gap-pct")),
                ),
            )
        });
        let mut others: Vec<String> = row
            .kazakhstan
            .iter()
            .chain(&row.uzbekistan)
            .flat_map(|y| y.others.iter().map(move |(v, s)| (y.side, *v, s.clone())))
            .map(|(side, v, s)| {
                b.cite([&s]);
                format!(
                    "{}: {} ({s})",
                    side_name(msg, side),
                    msg.value(v, FigureUnit::Usd)
                )
            })
            .collect();
        for (side, list) in [
            (ReportingSide::Kazakhstan, &kz_doubtful),
            (ReportingSide::Uzbekistan, &uz_doubtful),
        ] {
            for (_, v, s) in list.iter().filter(|(y, _, _)| *y == row.year) {
                b.cite([s]);
                others.push(format!(
                    "{}: {} ({s}; {})",
                    side_name(msg, side),
                    msg.value(*v, FigureUnit::Usd),
                    msg.text("flag-unverified")
                ));
            }
        }
        rows.push(vec![
            Cell::Text(row.year.to_string()),
            kz_cell,
            uz_cell,
            gap,
            gap_pct,
            Cell::Text(others.join("; ")),
        ]);
    }
    blocks.push(Block::Table(Table {
        id: "trade-by-side".into(),
        caption: msg.text("caption-trade-by-side"),
        columns: vec![
            col(msg.text("col-year"), false),
            col(side_name(msg, ReportingSide::Kazakhstan), true),
            col(side_name(msg, ReportingSide::Uzbekistan), true),
            col(msg.text("col-gap"), true),
            col(msg.text("col-gap-pct"), true),
            col(msg.text("col-other-values"), false),
        ],
        rows,
    }));
    blocks.push(Block::Paragraph {
        content: vec![Inline::Text(msg.text("trade-choice-rule"))],
    });

    // Sub-annual published figures, quoted as published.
    let mut sub: Vec<_> = ds
        .trade_national
        .iter()
        .filter(|f| f.period.year().is_none())
        .collect();
    sub.sort_by_key(|f| (f.period.to_string(), f.line));
    if !sub.is_empty() {
        let mut rows = Vec::new();
        for f in sub {
            let flow = match f.flow {
                NationalFlow::Turnover => "flow-turnover",
                NationalFlow::Export => "flow-export",
                NationalFlow::Import => "flow-import",
            };
            let side = f
                .side
                .map_or_else(|| msg.text("side-unspecified"), |s| side_name(msg, s));
            let id = match in_summary.iter().find(|(g, _)| std::ptr::eq(*g, f)) {
                Some((_, id)) => id.clone(),
                None => sub_annual_figure(b, f),
            };
            rows.push(vec![
                Cell::Text(msg.period(&f.period)),
                Cell::Text(side),
                Cell::Text(msg.text(flow)),
                Cell::Figure(id),
                Cell::Text(f.source.to_string()),
            ]);
        }
        blocks.push(Block::Table(Table {
            id: "trade-sub-annual".into(),
            caption: msg.text("caption-trade-sub-annual"),
            columns: vec![
                col(msg.text("col-period"), false),
                col(msg.text("col-side"), false),
                col(msg.text("col-flow"), false),
                col(msg.text("col-value"), true),
                col(msg.text("col-sources"), false),
            ],
            rows,
        }));
    }
    let products = super::trade_comtrade::product_blocks(b);
    if products.is_empty() {
        blocks.push(Block::Absent {
            text: msg.text("absent-trade-products"),
        });
    } else {
        blocks.extend(products);
    }
    blocks.extend(super::trade_comtrade::mirror_block(b));
    Section {
        id: "trade".into(),
        title,
        blocks,
    }
}
