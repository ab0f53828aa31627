//! The transit section: freight between the two countries and the border crossings.

use dostyk_core_model::provenance::SourceId;
use dostyk_core_model::quantity::{Mass, MassUnit};
use dostyk_dataset::translations::{Subject, SubjectKind};
use dostyk_transit_gas::crossings::{CrossingStatus, CrossingUnit};
use dostyk_transit_gas::freight::{
    DISPLAY_RESOLUTION as FREIGHT_DISPLAY_RESOLUTION, FreightDirection, FreightMode, annual_totals,
};

use super::Builder;
use super::agenda::side_name;
use crate::document::{Block, Cell, Column, Section, Table};
use crate::figure::{Figure, FigureUnit};

fn col(label: String, numeric: bool) -> Column {
    Column { label, numeric }
}

fn mode_key(mode: FreightMode) -> &'static str {
    match mode {
        FreightMode::Rail => "mode-rail",
        FreightMode::Road => "mode-road",
        FreightMode::Multimodal => "mode-multimodal",
    }
}

pub(super) fn transit(b: &mut Builder<'_>) -> Section {
    let msg = b.msg;
    let ds = b.dataset;
    let title = msg.text("section-transit");
    if ds.freight.is_empty() && ds.crossings.is_empty() && ds.transit_facts.is_empty() {
        return Section {
            id: "transit".into(),
            title,
            blocks: vec![Block::Absent {
                text: msg.text("absent-transit"),
            }],
        };
    }
    let mut blocks = Vec::new();
    if ds.freight.is_empty() {
        blocks.push(Block::Absent {
            text: msg.text("absent-freight"),
        });
    } else {
        let mut rows = Vec::new();
        let totals = annual_totals(&ds.freight);
        let latest_year = totals.iter().map(|t| t.year).max();
        for t in totals {
            let direction = match t.direction {
                FreightDirection::Export => "direction-export",
                FreightDirection::Import => "direction-import",
                FreightDirection::Transit => "direction-transit",
            };
            let sources: &[SourceId] = &t.sources;
            let tonnes = t
                .tonnes
                .and_then(|v| {
                    b.decimal(
                        v / 1e6,
                        Mass::from_t(v).rounded_in(MassUnit::Mt, FREIGHT_DISPLAY_RESOLUTION),
                        || {
                            format!(
                                "the freight total of {} ({}) in {}, in Mt (sources {})",
                                t.corridor,
                                direction.trim_start_matches("direction-"),
                                t.year,
                                super::agenda::sources_text(sources)
                            )
                        },
                    )
                })
                .map_or(Cell::Empty, |mt| {
                    let mut f = Figure::new(
                        format!(
                            "transit.freight.{}.{}.{}",
                            t.corridor,
                            direction.trim_start_matches("direction-"),
                            t.year
                        ),
                        "transit.freight",
                        t.year.to_string(),
                        mt,
                        FigureUnit::Mt,
                    )
                    .sources(sources.iter().cloned());
                    if t.rows > 1 {
                        f = f.derived_by(msg.format(
                            "method-freight-annual-sum",
                            &[("rows", &t.rows.to_string())],
                        ));
                    }
                    let id = b.figure(f);
                    if Some(t.year) == latest_year {
                        b.kpi(
                            msg.format(
                                "kpi-freight",
                                &[
                                    (
                                        "corridor",
                                        &msg.label(
                                            &Subject::new(
                                                SubjectKind::FreightCorridor,
                                                t.corridor.as_str(),
                                            ),
                                            "name",
                                            &t.corridor,
                                        ),
                                    ),
                                    ("direction", &msg.text(direction)),
                                    ("year", &t.year.to_string()),
                                ],
                            ),
                            id.clone(),
                            None,
                        );
                    }
                    Cell::Figure(id)
                });
            rows.push(vec![
                Cell::Text(msg.label(
                    &Subject::new(SubjectKind::FreightCorridor, t.corridor.as_str()),
                    "name",
                    &t.corridor,
                )),
                Cell::Text(msg.text(mode_key(t.mode))),
                Cell::Text(msg.text(direction)),
                Cell::Text(t.year.to_string()),
                tonnes,
                Cell::Text(super::agenda::sources_text(sources)),
            ]);
        }
        blocks.push(Block::Table(Table {
            id: "transit-freight".into(),
            caption: msg.text("caption-freight"),
            columns: vec![
                col(msg.text("col-corridor"), false),
                col(msg.text("col-mode"), false),
                col(msg.text("col-direction"), false),
                col(msg.text("col-year"), false),
                col(msg.text("col-freight-mt"), true),
                col(msg.text("col-sources"), false),
            ],
            rows,
        }));
    }
    if !ds.crossings.is_empty() {
        let mut figures: Vec<_> = ds.crossings.iter().collect();
        figures.sort_by(|a, b| {
            (&a.crossing, a.mode as u8, &a.indicator, a.status, a.line).cmp(&(
                &b.crossing,
                b.mode as u8,
                &b.indicator,
                b.status,
                b.line,
            ))
        });
        let mut rows = Vec::new();
        for c in figures {
            let status = match c.status {
                CrossingStatus::Current => "crossing-current",
                CrossingStatus::Observed => "crossing-observed",
                CrossingStatus::Planned => "crossing-planned",
            };
            // Counts are figures; other units (minutes) are shown as published text. How each
            // unit is rounded is the crossings module's rule (`CrossingUnit::shown`).
            let shown = c.unit.shown(c.value);
            let value = if c.unit == CrossingUnit::Count {
                Cell::Figure(
                    b.figure(
                        Figure::new(
                            format!(
                                "transit.crossing.{}.{}.{}",
                                c.crossing,
                                c.indicator,
                                status.trim_start_matches("crossing-")
                            ),
                            format!("transit.crossing.{}", c.indicator),
                            c.date
                                .map_or_else(|| "unspecified".into(), |d| d.to_string()),
                            shown,
                            FigureUnit::Count,
                        )
                        .side(c.side)
                        .sources([c.source.clone()]),
                    ),
                )
            } else {
                b.cite([&c.source]);
                let unit = format!("unit-name-{}", c.unit);
                let unit = if msg.has(&unit) {
                    msg.text(&unit)
                } else {
                    msg.english(&c.unit.to_string())
                };
                Cell::Text(format!("{} {unit}", msg.number(shown, 28)))
            };
            rows.push(vec![
                Cell::Text(msg.label(
                    &Subject::new(SubjectKind::Crossing, c.crossing.as_str()),
                    "name",
                    &c.crossing,
                )),
                Cell::Text(msg.text(mode_key(c.mode))),
                Cell::Text(side_name(msg, c.side)),
                Cell::Text(msg.label(
                    &Subject::new(SubjectKind::CrossingMeasure, c.indicator.as_str()),
                    "name",
                    &c.indicator.replace('_', " "),
                )),
                Cell::Text(msg.text(status)),
                value,
                Cell::Text(c.date.map(|d| d.to_string()).unwrap_or_default()),
                Cell::Text(c.due.map(|d| d.to_string()).unwrap_or_default()),
                Cell::Text(c.source.to_string()),
            ]);
        }
        blocks.push(Block::Table(Table {
            id: "transit-crossings".into(),
            caption: msg.text("caption-crossings"),
            columns: vec![
                col(msg.text("col-crossing"), false),
                col(msg.text("col-mode"), false),
                col(msg.text("col-side"), false),
                col(msg.text("col-indicator"), false),
                col(msg.text("col-status"), false),
                col(msg.text("col-value"), true),
                col(msg.text("col-date"), false),
                col(msg.text("col-due"), false),
                col(msg.text("col-sources"), false),
            ],
            rows,
        }));
    }
    if !ds.transit_facts.is_empty() {
        let caption = msg.text("caption-transit-facts");
        blocks.push(super::facts::table(
            b,
            "transit-facts",
            caption,
            &ds.transit_facts,
        ));
    }
    blocks.push(Block::Absent {
        text: msg.text("absent-cpmm"),
    });
    Section {
        id: "transit".into(),
        title,
        blocks,
    }
}
