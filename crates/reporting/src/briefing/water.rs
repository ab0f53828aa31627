//! The water section: ICWC limits by season and line, and intake against them where published.

use dostyk_core_model::country::Country;
use dostyk_core_model::quantity::{Volume, VolumeUnit, rounded_decimal};
use dostyk_water::compliance::{
    DekadLimits, PERCENT_DISPLAY_DECIMALS, VOLUME_DISPLAY_RESOLUTION, assess,
};
use dostyk_water::withdrawals::{
    Derivation, Scope, SeasonAssessment, Status, assess_seasons, chronological, seasons_back,
    unreported_seasons,
};

use super::Builder;
use crate::chart::{Chart, ChartKind, Series, SeriesStyle};
use crate::document::{Block, Cell, Column, Section, Table};
use crate::figure::{Figure, FigureUnit};

fn col(label: String, numeric: bool) -> Column {
    Column { label, numeric }
}

pub(super) fn water(b: &mut Builder<'_>) -> Section {
    let msg = b.msg;
    let ds = b.dataset;
    let title = msg.text("section-water");
    if ds.water_limits.is_empty()
        && ds.water_intake.is_empty()
        && ds.water_withdrawals.is_empty()
        && ds.water_facts.is_empty()
    {
        return Section {
            id: "water".into(),
            title,
            blocks: vec![Block::Absent {
                text: msg.text("absent-water"),
            }],
        };
    }
    let mut blocks = Vec::new();
    let mut limits: Vec<_> = ds
        .water_limits
        .iter()
        .filter(|l| l.dekad.is_none())
        .collect();
    limits.sort_by(|a, b| {
        (
            a.season.range().map(|r| r.start),
            a.country.alpha3(),
            a.line.as_str(),
        )
            .cmp(&(
                b.season.range().map(|r| r.start),
                b.country.alpha3(),
                b.line.as_str(),
            ))
    });
    let mut rows = Vec::new();
    for l in &limits {
        let Some(value) = b.decimal(
            l.volume.value_in(VolumeUnit::Km3),
            l.volume
                .rounded_in(VolumeUnit::Km3, VOLUME_DISPLAY_RESOLUTION),
            || {
                format!(
                    "the ICWC limit of {} on {} for {}{} in the water limits (source {})",
                    l.country.alpha3(),
                    l.line.as_str(),
                    l.season,
                    l.dekad.map(|d| format!(", dekad {d}")).unwrap_or_default(),
                    l.source
                )
            },
        ) else {
            continue;
        };
        let id = b.figure(
            Figure::new(
                format!(
                    "water.limit.{}.{}.{}",
                    l.country.alpha3(),
                    l.line.as_str(),
                    l.season
                ),
                "water.limit",
                l.season.to_string(),
                value,
                FigureUnit::Km3,
            )
            .sources([l.source.clone()]),
        );
        rows.push(vec![
            Cell::Text(super::country_name(msg, l.country)),
            Cell::Text(msg.format("water-line", &[("line", l.line.as_str())])),
            Cell::Text(msg.season(l.season)),
            Cell::Figure(id),
            Cell::Text(l.source.to_string()),
        ]);
    }
    if !rows.is_empty() {
        blocks.push(Block::Table(Table {
            id: "water-limits".into(),
            caption: msg.text("caption-water-limits"),
            columns: vec![
                col(msg.text("col-country"), false),
                col(msg.text("col-line"), false),
                col(msg.text("col-season"), false),
                col(msg.text("col-limit"), true),
                col(msg.text("col-sources"), false),
            ],
            rows,
        }));
    }

    // Kazakhstan's Dostyk canal line, season by season.
    let canal: Vec<_> = limits
        .iter()
        .filter(|l| l.country.alpha3() == "KAZ" && !l.line.is_total())
        .collect();
    if canal.len() > 1 {
        blocks.push(Block::Chart(Chart {
            id: "water-kz-canal".into(),
            kind: ChartKind::Bar,
            title: msg.text("chart-water-title"),
            description: msg.text("chart-water-description"),
            y_label: msg.text("unit-km3-label"),
            categories: canal.iter().map(|l| msg.season(l.season)).collect(),
            series: vec![Series {
                name: msg.text("series-limit"),
                style: SeriesStyle::Actual,
                values: canal
                    .iter()
                    .map(|l| Some(l.volume.value_in(VolumeUnit::Km3)))
                    .collect(),
            }],
            tick_decimals: 2,
        }));
    }

    seasons(b, &mut blocks);

    if ds.water_intake.is_empty() {
        blocks.push(Block::Absent {
            text: msg.text("absent-water-intake"),
        });
    } else {
        match assess(&ds.water_limits, &ds.water_intake, DekadLimits::AsGiven) {
            Ok(report) => {
                let mut rows = Vec::new();
                // Seasons without any reported dekad have nothing to compare.
                for line in report
                    .lines
                    .iter()
                    .filter(|l| l.season_total.dekads_reported > 0)
                {
                    let t = &line.season_total;
                    let sources: Vec<_> = line
                        .limit_sources
                        .iter()
                        .chain(&line.intake_sources)
                        .cloned()
                        .collect();
                    let actual = b.decimal(t.actual.value_in(VolumeUnit::Mm3), t.actual.rounded_in(VolumeUnit::Mm3, VOLUME_DISPLAY_RESOLUTION), || format!("the intake of {} on {} in {} (sum of its dekads in the water intake)", line.country.alpha3(), line.line.as_str(), line.season)).map_or(Cell::Empty, |v| {
                        Cell::Figure(b.figure(
                            Figure::new(
                                format!("water.intake.{}.{}.{}", line.country.alpha3(), line.line.as_str(), line.season),
                                "water.intake",
                                line.season.to_string(),
                                v,
                                FigureUnit::Mm3,
                            )
                            .sources(line.intake_sources.iter().cloned())
                            .derived_by(msg.text("method-water-season-intake")),
                        ))
                    });
                    let deviation = t
                        .deviation_pct
                        .and_then(|d| {
                            b.decimal(d, rounded_decimal(d, PERCENT_DISPLAY_DECIMALS), || {
                                format!(
                                    "the deviation from the limit of {} on {} in {}",
                                    line.country.alpha3(),
                                    line.line.as_str(),
                                    line.season
                                )
                            })
                        })
                        .map_or(Cell::Empty, |v| {
                            Cell::Figure(
                                b.figure(
                                    Figure::new(
                                        format!(
                                            "water.deviation.{}.{}.{}",
                                            line.country.alpha3(),
                                            line.line.as_str(),
                                            line.season
                                        ),
                                        "water.deviation_pct",
                                        line.season.to_string(),
                                        v,
                                        FigureUnit::Percent,
                                    )
                                    .sources(sources.iter().cloned())
                                    .derived_by(msg.text("method-water-season-deviation")),
                                ),
                            )
                        });
                    rows.push(vec![
                        Cell::Text(super::country_name(msg, line.country)),
                        Cell::Text(line.line.as_str().to_owned()),
                        Cell::Text(msg.season(line.season)),
                        actual,
                        deviation,
                        Cell::Text(format!("{}/{}", t.dekads_reported, t.dekads_in_season)),
                        Cell::Text(
                            line.dekads_over_limit
                                .iter()
                                .map(ToString::to_string)
                                .collect::<Vec<_>>()
                                .join(", "),
                        ),
                    ]);
                }
                // Limit against intake by dekad, for each line and season with dekad figures.
                for line in report
                    .lines
                    .iter()
                    .filter(|l| l.season_total.dekads_reported > 0)
                {
                    let mm3 = |v: Option<dostyk_core_model::quantity::Volume>| {
                        v.map(|v| v.value_in(VolumeUnit::Mm3))
                    };
                    let has_limits = line.dekads.iter().any(|d| d.limit.is_some());
                    let mut series = Vec::new();
                    if has_limits {
                        series.push(Series {
                            name: msg.text("series-limit"),
                            style: SeriesStyle::Limit,
                            values: line.dekads.iter().map(|d| mm3(d.limit)).collect(),
                        });
                    }
                    series.push(Series {
                        name: msg.text("series-intake"),
                        style: SeriesStyle::Actual,
                        values: line.dekads.iter().map(|d| mm3(d.actual)).collect(),
                    });
                    blocks.push(Block::Chart(Chart {
                        id: format!(
                            "water-dekads-{}-{}-{}",
                            line.country.alpha3(),
                            line.line.as_str(),
                            line.season
                        ),
                        kind: if has_limits {
                            ChartKind::LimitVsActual
                        } else {
                            ChartKind::Bar
                        },
                        title: msg.format(
                            "chart-dekads-title",
                            &[
                                ("country", &super::country_name(msg, line.country)),
                                ("line", line.line.as_str()),
                                ("season", &msg.season(line.season)),
                            ],
                        ),
                        description: msg.text(if has_limits {
                            "chart-dekads-description"
                        } else {
                            "chart-dekads-no-limits"
                        }),
                        y_label: msg.text("unit-mm3-label"),
                        categories: line.dekads.iter().map(|d| d.period.to_string()).collect(),
                        series,
                        tick_decimals: 0,
                    }));
                }
                blocks.push(Block::Table(Table {
                    id: "water-compliance".into(),
                    caption: msg.text("caption-water-compliance"),
                    columns: vec![
                        col(msg.text("col-country"), false),
                        col(msg.text("col-line"), false),
                        col(msg.text("col-season"), false),
                        col(msg.text("col-intake"), true),
                        col(msg.text("col-deviation"), true),
                        col(msg.text("col-dekads-reported"), false),
                        col(msg.text("col-dekads-over"), false),
                    ],
                    rows,
                }));
            }
            Err(e) => blocks.push(Block::Absent {
                text: msg.format("water-compliance-error", &[("error", &e.to_string())]),
            }),
        }
    }
    if !ds.water_facts.is_empty() {
        let caption = msg.text("caption-water-facts");
        blocks.push(super::facts::table(
            b,
            "water-facts",
            caption,
            &ds.water_facts,
        ));
    }
    Section {
        id: "water".into(),
        title,
        blocks,
    }
}

/// How many seasons back the briefing looks for published withdrawals (five water years).
const SEASONS_CHECKED: usize = 10;

/// Seasonal withdrawals against the limits, and the seasons for which Kazakhstan and Uzbekistan
/// have no published withdrawal.
fn seasons(b: &mut Builder<'_>, blocks: &mut Vec<Block>) {
    let msg = b.msg;
    let ds = b.dataset;
    if ds.water_withdrawals.is_empty() && ds.water_limits.is_empty() {
        return;
    }
    let assessed = match assess_seasons(&ds.water_limits, &ds.water_withdrawals) {
        Ok(rows) => rows,
        Err(e) => {
            blocks.push(Block::Absent {
                text: msg.format("water-compliance-error", &[("error", &e.to_string())]),
            });
            return;
        }
    };
    let mut rows = Vec::new();
    for a in assessed
        .iter()
        .filter(|a| a.derivation != Derivation::LimitOnly)
    {
        let key = format!("{}.{}.{}", a.scope, a.line, a.season);
        let mut all_sources: Vec<_> = a
            .limit_sources
            .iter()
            .chain(&a.withdrawal_sources)
            .cloned()
            .collect();
        all_sources.sort();
        all_sources.dedup();
        let published = |d: Derivation| match d {
            Derivation::WithdrawalAgainstLimit | Derivation::WithdrawalOnly => "withdrawal",
            Derivation::Shortfall => "below_limit",
            Derivation::Share => "share_pct",
            Derivation::LimitOnly => "",
        };
        let volume = |b: &mut Builder<'_>, v: Option<Volume>, what: &str| {
            let v = v?;
            let value = b.decimal(
                v.value_in(VolumeUnit::Km3),
                v.rounded_in(VolumeUnit::Km3, VOLUME_DISPLAY_RESOLUTION),
                || format!("the {what} of {key} in the water withdrawals"),
            )?;
            let figure = Figure::new(
                format!("water.{what}.{key}"),
                format!("water.{what}"),
                a.season.to_string(),
                value,
                FigureUnit::Km3,
            );
            let figure = if published(a.derivation) == what {
                figure.sources(a.withdrawal_sources.iter().cloned())
            } else {
                figure
                    .sources(all_sources.iter().cloned())
                    .derived_by(b.msg.text(derivation(a)))
            };
            Some(Cell::Figure(b.figure(figure)))
        };
        let withdrawal = volume(b, a.withdrawal, "withdrawal").unwrap_or(Cell::Empty);
        let below = volume(b, a.below_limit, "below_limit").unwrap_or(Cell::Empty);
        let share = a
            .share_pct
            .and_then(|s| {
                let value = b.decimal(s, rounded_decimal(s, PERCENT_DISPLAY_DECIMALS), || {
                    format!("the share of the limit withdrawn by {key}")
                })?;
                let figure = Figure::new(
                    format!("water.share_pct.{key}"),
                    "water.share_of_limit_pct",
                    a.season.to_string(),
                    value,
                    FigureUnit::Percent,
                );
                let figure = if a.derivation == Derivation::Share {
                    figure.sources(a.withdrawal_sources.iter().cloned())
                } else {
                    figure
                        .sources(all_sources.iter().cloned())
                        .derived_by(b.msg.text(derivation(a)))
                };
                Some(Cell::Figure(b.figure(figure)))
            })
            .unwrap_or(Cell::Empty);
        rows.push(vec![
            Cell::Text(scope_name(b, a.scope)),
            Cell::Text(msg.format("water-line", &[("line", a.line.as_str())])),
            Cell::Text(msg.season(a.season)),
            withdrawal,
            below,
            share,
            Cell::Text(msg.text(match a.status {
                Status::Within => "water-status-within",
                Status::Exceeded => "water-status-exceeded",
                Status::NotReported => "water-status-not-reported",
            })),
            Cell::Text(
                all_sources
                    .iter()
                    .map(ToString::to_string)
                    .collect::<Vec<_>>()
                    .join(", "),
            ),
        ]);
    }
    if !rows.is_empty() {
        blocks.push(Block::Table(Table {
            id: "water-seasons".into(),
            caption: msg.text("caption-water-seasons"),
            columns: vec![
                col(msg.text("col-scope"), false),
                col(msg.text("col-line"), false),
                col(msg.text("col-season"), false),
                col(msg.text("col-withdrawal"), true),
                col(msg.text("col-below-limit"), true),
                col(msg.text("col-share-of-limit"), true),
                col(msg.text("col-assessment"), false),
                col(msg.text("col-sources"), false),
            ],
            rows,
        }));
    }
    // The window ends with the latest season the dataset knows of.
    let Some(latest) = assessed
        .iter()
        .map(|a| a.season)
        .max_by_key(|s| chronological(*s))
    else {
        return;
    };
    let window = seasons_back(latest, SEASONS_CHECKED);
    let sides: Vec<Country> = ["KAZ", "UZB"]
        .iter()
        .filter_map(|c| Country::from_code(c).ok())
        .collect();
    for (country, missing) in unreported_seasons(&assessed, &sides, &window) {
        let text = if missing.len() == window.len() {
            msg.format(
                "water-seasons-none-reported",
                &[
                    ("country", &super::country_name(msg, country)),
                    ("count", &window.len().to_string()),
                    ("first", &msg.season(window[0])),
                    ("last", &msg.season(latest)),
                ],
            )
        } else if missing.is_empty() {
            msg.format(
                "water-seasons-all-reported",
                &[
                    ("country", &super::country_name(msg, country)),
                    ("count", &window.len().to_string()),
                ],
            )
        } else {
            msg.format(
                "water-seasons-unreported",
                &[
                    ("country", &super::country_name(msg, country)),
                    ("count", &window.len().to_string()),
                    ("missing", &missing.len().to_string()),
                    (
                        "seasons",
                        &missing
                            .iter()
                            .map(|s| msg.season(*s))
                            .collect::<Vec<_>>()
                            .join(", "),
                    ),
                ],
            )
        };
        blocks.push(Block::Absent { text });
    }
}

/// The country's name, or "all countries" for a basin-wide figure.
fn scope_name(b: &Builder<'_>, scope: Scope) -> String {
    match scope {
        Scope::Country(c) => super::country_name(b.msg, c),
        Scope::Basin => b.msg.text("water-scope-basin"),
    }
}

/// The message saying how a computed figure of `a` follows from the published ones.
fn derivation(a: &SeasonAssessment) -> &'static str {
    match a.derivation {
        Derivation::WithdrawalAgainstLimit => "method-water-withdrawal-against-limit",
        Derivation::Shortfall => "method-water-from-shortfall",
        Derivation::Share => "method-water-from-share",
        Derivation::WithdrawalOnly | Derivation::LimitOnly => "method-as-published",
    }
}
