//! The gas section: supplies by year and route with their reference conditions, against the
//! target in force.

use dostyk_core_model::agenda::Area;
use dostyk_core_model::agenda::indicator::Unit as IndicatorUnit;
use dostyk_core_model::agenda::progress::rate_pct;
use dostyk_core_model::country::Country;
use dostyk_core_model::provenance::SourceId;
use dostyk_core_model::quantity::VolumeUnit;
use dostyk_transit_gas::balance::{BalanceOptions, SeriesMatch, VolumeTarget, balance};
use dostyk_transit_gas::national::{FlowKind, Status};
use dostyk_transit_gas::reference::GasVolume;
use dostyk_transit_gas::reference::ReferenceConditions;
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

use super::Builder;
use crate::chart::{Chart, ChartKind, Series, SeriesStyle};
use crate::document::{Block, Cell, Column, Inline, Section, Table};
use crate::figure::{Figure, FigureUnit};

fn col(label: String, numeric: bool) -> Column {
    Column { label, numeric }
}

pub(super) fn gas(b: &mut Builder<'_>) -> Section {
    let msg = b.msg;
    let ds = b.dataset;
    let title = msg.text("section-gas");
    if ds.gas_national.is_empty() {
        return Section {
            id: "gas".into(),
            title,
            blocks: vec![Block::Absent {
                text: msg.text("absent-gas"),
            }],
        };
    }
    let mut blocks = Vec::new();
    // Volumes restated at GOST 2939 (20 °C), the convention of the published figures.
    let options = BalanceOptions {
        conditions: ReferenceConditions::Gost2939,
        ..BalanceOptions::default()
    };
    let report = match balance(&[], &ds.gas_national, &options) {
        Ok(r) => r,
        Err(e) => {
            blocks.push(Block::Absent {
                text: msg.format("gas-balance-error", &[("error", &e.to_string())]),
            });
            return Section {
                id: "gas".into(),
                title,
                blocks,
            };
        }
    };
    let mut rows = Vec::new();
    // Year, bcm for the chart, the figure's value as shown, sources.
    let mut transit_by_year: Vec<(i32, f64, Decimal, Vec<SourceId>)> = Vec::new();
    // The exporter and importer of each actual transit year, to state the target for.
    let mut transit_series: Vec<(i32, Country, Country)> = Vec::new();
    for t in &report.annual {
        // The balance holds national volumes at the table's conditions.
        let Some(volume) = t.total.volume() else {
            b.uncomputable(format!(
                "the gas total of {} to {} ({}) in {} is an energy ({}), not a volume in bcm",
                t.series.exporter.alpha3(),
                t.series.importer.alpha3(),
                t.series.kind,
                t.span,
                t.total
            ));
            continue;
        };
        let bcm = volume.in_unit(VolumeUnit::Km3);
        let Some(value) = b.decimal(bcm, volume.rounded_in(VolumeUnit::Km3), || {
            format!(
                "the gas total of {} to {} ({}) in {}, in bcm",
                t.series.exporter.alpha3(),
                t.series.importer.alpha3(),
                t.series.kind,
                t.span
            )
        }) else {
            continue;
        };
        let mut sources: Vec<SourceId> = Vec::new();
        for s in &t.sources {
            match s.source_id() {
                Some(id) => sources.push(id.clone()),
                // A figure cites dataset sources only; an uncited record is an error, not a
                // figure with one source fewer.
                None => b.uncomputable(format!(
                    "the gas total of {} to {} in {} includes {s}, which cites no source of the dataset; list the export in dataset.toml and cite it",
                    t.series.exporter.alpha3(),
                    t.series.importer.alpha3(),
                    t.span
                )),
            }
        }
        let series = &t.series;
        let route = match series.via {
            Some(via) => msg.format(
                "gas-route-via",
                &[
                    ("from", series.exporter.alpha3()),
                    ("to", series.importer.alpha3()),
                    ("via", via.alpha3()),
                    ("route", &series.route),
                ],
            ),
            None => msg.format(
                "gas-route",
                &[
                    ("from", series.exporter.alpha3()),
                    ("to", series.importer.alpha3()),
                    ("route", &series.route),
                ],
            ),
        };
        let mut figure = Figure::new(
            format!(
                "gas.{}.{}-{}.{}.{}",
                series.kind,
                series.exporter.alpha3(),
                series.importer.alpha3(),
                series.route,
                t.span
            ),
            format!("gas.{}", series.kind),
            t.span.to_string(),
            value,
            FigureUnit::Bcm,
        )
        .sources(sources.iter().cloned());
        if t.rows > 1 {
            figure = figure
                .derived_by(msg.format("method-gas-annual-sum", &[("rows", &t.rows.to_string())]));
        }
        let id = b.figure(figure);
        let actual = series.status == Status::Actual;
        if actual
            && series.kind == FlowKind::Transit
            && let Some(year) = t.span.year()
        {
            transit_by_year.push((year, bcm, value, sources.clone()));
            transit_series.push((year, series.exporter, series.importer));
        }
        rows.push(vec![
            Cell::Text(t.span.to_string()),
            Cell::Text(route),
            Cell::Text(format!(
                "{} ({})",
                {
                    let id = format!("gas-kind-{}", series.kind);
                    if msg.has(&id) {
                        msg.text(&id)
                    } else {
                        msg.english(&series.kind.to_string())
                    }
                },
                msg.text(if actual {
                    "status-actual"
                } else {
                    "status-planned"
                })
            )),
            Cell::Figure(id),
            Cell::Text(msg.text(if t.complete {
                "complete-yes"
            } else {
                "complete-partial"
            })),
            Cell::Text(super::agenda::sources_text(&sources)),
        ]);
    }
    blocks.push(Block::Table(Table {
        id: "gas-annual".into(),
        caption: msg.text("caption-gas-annual"),
        columns: vec![
            col(msg.text("col-year"), false),
            col(msg.text("col-route"), false),
            col(msg.text("col-kind"), false),
            col(msg.text("col-volume-bcm"), true),
            col(msg.text("col-coverage"), false),
            col(msg.text("col-sources"), false),
        ],
        rows,
    }));
    blocks.push(Block::Paragraph {
        content: vec![Inline::Text(msg.text("gas-conditions-note"))],
    });

    // The target in force for gas volumes, and what it requires from the latest transit year.
    let target = ds
        .agenda
        .headline_target(Area::Gas, &IndicatorUnit::Bcm, b.as_of)
        .map(|(_, t)| t);
    transit_by_year.sort_by_key(|(y, ..)| *y);
    if let (Some(target), Some((year, _, latest, sources))) = (target, transit_by_year.last()) {
        let target_id = b.figure(
            Figure::new(
                "gas.target.in-force",
                "gas.transit.target",
                target
                    .horizon
                    .target_year()
                    .map_or_else(|| "unspecified".into(), |y| y.to_string()),
                target.value,
                FigureUnit::Bcm,
            )
            .sources(target.sources.iter().cloned()),
        );
        let latest_id = b.figure(
            Figure::new(
                format!("gas.transit.latest.{year}"),
                "gas.transit",
                year.to_string(),
                *latest,
                FigureUnit::Bcm,
            )
            .sources(sources.iter().cloned()),
        );
        b.kpi(
            msg.format("kpi-gas-latest", &[("year", &year.to_string())]),
            latest_id,
            None,
        );
        b.kpi(msg.text("kpi-gas-target"), target_id, None);
        // The growth the target requires is computed by dostyk-transit-gas
        // (`balance::TargetOutlook`), from the latest complete actual year of the transit series
        // before the target year, at the conditions of the table (GOST 2939).
        let outlook = target
            .horizon
            .target_year()
            .filter(|t| t > year)
            .zip(transit_series.iter().find(|(y, _, _)| y == year))
            .and_then(|(target_year, &(_, exporter, importer))| {
                let stated = VolumeTarget {
                    series: SeriesMatch {
                        exporter,
                        importer,
                        kind: FlowKind::Transit,
                    },
                    annual: GasVolume::new(
                        target.value.to_f64()?,
                        VolumeUnit::Km3,
                        options.conditions,
                    ),
                    from_year: target_year,
                    source: target.sources.first()?.clone(),
                };
                let with_target = BalanceOptions {
                    targets: vec![stated],
                    ..options.clone()
                };
                let report = balance(&[], &ds.gas_national, &with_target).ok()?;
                report.outlook.into_iter().next()
            });
        if let Some(outlook) = outlook
            && outlook.latest_year == *year
            && let Some(pct) = rate_pct(outlook.required_annual_growth, 1)
        {
            let target_year = outlook.target_year;
            let mut all = sources.clone();
            all.extend(target.sources.iter().cloned());
            let id = b.figure(
                Figure::new(
                    "gas.transit.required-growth",
                    "gas.transit.required_cagr",
                    format!("{year}-{target_year}"),
                    pct,
                    FigureUnit::Percent,
                )
                .sources(all)
                .derived_by(msg.text("method-gas-required-growth")),
            );
            b.kpi(msg.text("kpi-gas-required-growth"), id, None);
        }
        // The axis runs on to the target's first year, so the target the legend lists is drawn
        // (up to 20 years on; a target further off is left out of the chart and its legend).
        let mut years: Vec<i32> = transit_by_year.iter().map(|(y, ..)| *y).collect();
        if let (Some(&last), Some(target_year)) = (years.last(), target.horizon.target_year())
            && target_year > last
            && target_year.checked_sub(last).is_some_and(|d| d <= 20)
        {
            years.extend((last + 1)..=target_year);
        }
        blocks.push(Block::Chart(Chart {
            id: "gas-transit".into(),
            kind: ChartKind::Bar,
            title: msg.text("chart-gas-title"),
            description: msg.text("chart-gas-description"),
            y_label: msg.text("unit-bcm-label"),
            categories: years.iter().map(ToString::to_string).collect(),
            series: vec![
                Series {
                    name: msg.text("series-transit"),
                    style: SeriesStyle::Actual,
                    values: years
                        .iter()
                        .map(|y| {
                            transit_by_year
                                .iter()
                                .find(|(year, ..)| year == y)
                                .map(|(_, v, ..)| *v)
                        })
                        .collect(),
                },
                Series {
                    name: msg.text("series-target"),
                    style: SeriesStyle::Actual,
                    values: years
                        .iter()
                        .map(|y| {
                            target
                                .horizon
                                .target_year()
                                .filter(|t| y >= t)
                                .and(target.value.to_string().parse::<f64>().ok())
                        })
                        .collect(),
                },
            ],
            tick_decimals: 0,
        }));
    }
    Section {
        id: "gas".into(),
        title,
        blocks,
    }
}
