//! The agenda sections: the statements ledger, industrial projects, roadmap and commitments.

use dostyk_core_model::agenda::indicator::Unit as IndicatorUnit;
use dostyk_core_model::agenda::measure::{MeasureStatus, progress_by_area};
use dostyk_core_model::agenda::progress::{RagThresholds, measure_rag, project_rag};
use dostyk_core_model::agenda::project::{ProjectStatus, registry_totals};
use dostyk_core_model::agenda::statement::{ClaimFlag, ClaimKind};
use dostyk_core_model::agenda::{Area, Horizon};
use dostyk_core_model::money::Currency;
use dostyk_core_model::provenance::{ReportingSide, Source, SourceId};
use dostyk_dataset::translations::{Subject, SubjectKind};
use rust_decimal::Decimal;

use super::Builder;
use crate::document::{Block, Cell, Column, Section, StatusItem, Table};
use crate::figure::{Figure, FigureUnit};
use crate::i18n::Messages;

fn col(label: String, numeric: bool) -> Column {
    Column { label, numeric }
}

fn text(s: impl Into<String>) -> Cell {
    Cell::Text(s.into())
}

pub(super) fn sources_text(ids: &[SourceId]) -> String {
    let mut seen = Vec::new();
    for id in ids {
        if !seen.contains(&id.as_str()) {
            seen.push(id.as_str());
        }
    }
    seen.join(", ")
}

/// A target's horizon in the report's language.
pub(super) fn horizon_text(msg: &Messages, horizon: &Horizon) -> String {
    match horizon {
        Horizon::ByYear { year } => msg.format("horizon-by-year", &[("year", &year.to_string())]),
        Horizon::Years { first, last } => msg.format(
            "horizon-years",
            &[("first", &first.to_string()), ("last", &last.to_string())],
        ),
        Horizon::Worded {
            text,
            implied_year: Some(year),
        } => msg.format(
            "horizon-worded-implied",
            &[("text", text), ("year", &year.to_string())],
        ),
        Horizon::Worded {
            text,
            implied_year: None,
        } => msg.format("horizon-worded", &[("text", text)]),
        Horizon::NotStated => msg.text("horizon-not-stated"),
    }
}

pub(super) fn area_name(msg: &Messages, area: Area) -> String {
    msg.text(match area {
        Area::Trade => "area-trade",
        Area::Agriculture => "area-agriculture",
        Area::Industry => "area-industry",
        Area::TransitTransport => "area-transit",
        Area::Gas => "area-gas",
        Area::Water => "area-water",
        Area::Energy => "area-energy",
        Area::Other => "area-other",
    })
}

pub(super) fn figure_unit(unit: &IndicatorUnit) -> Option<FigureUnit> {
    match unit {
        IndicatorUnit::Money(c) if c.code() == "USD" => Some(FigureUnit::Usd),
        IndicatorUnit::Bcm => Some(FigureUnit::Bcm),
        IndicatorUnit::Mt => Some(FigureUnit::Mt),
        IndicatorUnit::Percent => Some(FigureUnit::Percent),
        IndicatorUnit::Count => Some(FigureUnit::Count),
        _ => None,
    }
}

/// Every restatement of every target, oldest first, with what changed.
pub(super) fn statements(b: &mut Builder<'_>) -> Section {
    let msg = b.msg;
    let agenda = &b.dataset.agenda;
    let mut blocks = Vec::new();
    for history in &agenda.targets {
        let Some(indicator) = agenda.indicators.iter().find(|i| i.id == history.indicator) else {
            continue;
        };
        let key = agenda.key(indicator.id).unwrap_or("indicator").to_owned();
        let indicator_name = msg.label(
            &Subject::new(SubjectKind::Indicator, key.as_str()),
            "name",
            &indicator.name,
        );
        let changes = history.changes();
        let columns = vec![
            col(msg.text("col-date"), false),
            col(msg.text("col-issuer"), false),
            col(msg.text("col-target"), true),
            col(msg.text("col-horizon"), false),
            col(msg.text("col-change"), false),
            col(msg.text("col-wording"), false),
            col(msg.text("col-sources"), false),
        ];
        let mut rows = Vec::new();
        for target in history.chronological() {
            let period = target
                .horizon
                .target_year()
                .map_or_else(|| "unspecified".to_owned(), |y| y.to_string());
            let value = match figure_unit(&indicator.unit) {
                Some(unit) => Cell::Figure(
                    b.figure(
                        Figure::new(
                            format!("target.{key}.{}", target.stated),
                            format!("{key}.target"),
                            period,
                            target.value,
                            unit,
                        )
                        .sources(target.sources.iter().cloned()),
                    ),
                ),
                None => text(format!("{} {}", target.value, indicator.unit)),
            };
            let changed = changes.iter().any(|c| std::ptr::eq(*c, target));
            rows.push(vec![
                text(target.stated.to_string()),
                text(msg.english(&target.issuer)),
                value,
                text(horizon_text(msg, &target.horizon)),
                text(msg.text(if changed {
                    "change-new"
                } else {
                    "change-repeat"
                })),
                text(msg.english(&target.wording)),
                text(sources_text(&target.sources)),
            ]);
        }
        let in_force = history.in_force(b.as_of);
        if let (Some(t), Some(unit)) = (in_force, figure_unit(&indicator.unit)) {
            let period = t
                .horizon
                .target_year()
                .map_or_else(|| "unspecified".to_owned(), |y| y.to_string());
            let id = b.figure(
                Figure::new(
                    format!("target.{key}.in-force"),
                    format!("{key}.target"),
                    period,
                    t.value,
                    unit,
                )
                .sources(t.sources.iter().cloned()),
            );
            b.kpi(
                msg.format("kpi-target-in-force", &[("indicator", &indicator_name)]),
                id,
                Some(format!("{} ({})", horizon_text(msg, &t.horizon), t.stated)),
            );
        }
        blocks.push(Block::Table(Table {
            id: format!("targets-{key}"),
            caption: msg.format("caption-target-history", &[("indicator", &indicator_name)]),
            columns,
            rows,
        }));
    }
    ledger_tables(b, &mut blocks);
    if blocks.is_empty() {
        blocks.push(Block::Absent {
            text: msg.text("absent-statements"),
        });
    }
    Section {
        id: "statements".into(),
        title: msg.text("section-statements"),
        blocks,
    }
}

fn flag_name(msg: &Messages, flag: ClaimFlag) -> String {
    msg.text(match flag {
        ClaimFlag::Unverified => "flag-unverified",
        ClaimFlag::UndatedSource => "flag-undated-source",
        ClaimFlag::PeriodUnverified => "flag-period-unverified",
        ClaimFlag::SideUnspecified => "flag-side-unspecified",
        ClaimFlag::Conflicting => "flag-conflicting",
    })
}

pub(crate) fn side_name(msg: &Messages, side: ReportingSide) -> String {
    msg.text(match side {
        ReportingSide::Kazakhstan => "side-kazakhstan",
        ReportingSide::Uzbekistan => "side-uzbekistan",
        ReportingSide::Joint => "side-joint",
        ReportingSide::ThirdParty => "side-third-party",
    })
}

/// The claims ledger: every statement of a figure, one table per indicator, oldest first.
fn ledger_tables(b: &mut Builder<'_>, blocks: &mut Vec<Block>) {
    let msg = b.msg;
    let agenda = &b.dataset.agenda;
    let others = super::conflicts::Others::new(b.dataset);
    for indicator in &agenda.indicators {
        let mut statements: Vec<_> = agenda
            .statements
            .iter()
            .filter(|st| st.indicator == indicator.id)
            .collect();
        if statements.is_empty() {
            continue;
        }
        statements.sort_by_key(|st| (st.date.latest(), st.date.earliest(), st.id));
        let key = agenda.key(indicator.id).unwrap_or("indicator").to_owned();
        let mut rows = Vec::new();
        for st in statements {
            let value = match figure_unit(&st.unit) {
                Some(unit) => Cell::Figure(
                    b.figure(
                        Figure::new(
                            format!("statement.{key}.{}.{}", st.date, st.period),
                            format!("{key}.{}", claim_kind(st.kind)),
                            st.period.to_string(),
                            st.value,
                            unit,
                        )
                        .side(st.side)
                        .sources(st.sources.iter().cloned()),
                    ),
                ),
                None => text(format!("{} {}", st.value, st.unit)),
            };
            // A computed conflict names the other figures on both rows; the hand flag
            // `conflicting` only annotates a row the rule finds nothing for.
            let conflict = others.text(b, dostyk_dataset::conflicts::FigureRef::Statement(st.id));
            let mut caveats: Vec<String> = st
                .flags
                .iter()
                .filter(|f| !(conflict.is_some() && **f == ClaimFlag::Conflicting))
                .map(|f| flag_name(msg, *f))
                .collect();
            caveats.extend(conflict);
            let who = msg.english(&if st.body.is_empty() {
                st.speaker.clone()
            } else {
                format!("{} ({})", st.speaker, st.body)
            });
            rows.push(vec![
                text(st.date.to_string()),
                text(who),
                text(side_name(msg, st.side)),
                text(msg.text(match st.kind {
                    ClaimKind::Actual => "claim-actual",
                    ClaimKind::Target => "claim-target",
                    ClaimKind::Forecast => "claim-forecast",
                })),
                text(msg.period(&st.period)),
                text(msg.qualifier(&st.qualifier)),
                value,
                text(caveats.join(", ")),
                text(msg.english(&st.wording)),
                text(sources_text(&st.sources)),
            ]);
        }
        blocks.push(Block::Table(Table {
            id: format!("ledger-{key}"),
            caption: msg.format(
                "caption-ledger",
                &[(
                    "indicator",
                    &msg.label(
                        &Subject::new(SubjectKind::Indicator, key.as_str()),
                        "name",
                        &indicator.name,
                    ),
                )],
            ),
            columns: vec![
                col(msg.text("col-date"), false),
                col(msg.text("col-speaker"), false),
                col(msg.text("col-side"), false),
                col(msg.text("col-claim"), false),
                col(msg.text("col-period"), false),
                col(msg.text("col-qualifier"), false),
                col(msg.text("col-value"), true),
                col(msg.text("col-caveats"), false),
                col(msg.text("col-wording"), false),
                col(msg.text("col-sources"), false),
            ],
            rows,
        }));
    }
}

fn claim_kind(kind: ClaimKind) -> &'static str {
    match kind {
        ClaimKind::Actual => "actual",
        ClaimKind::Target => "target",
        ClaimKind::Forecast => "forecast",
    }
}

pub(super) fn status_name(msg: &Messages, status: ProjectStatus) -> String {
    msg.text(match status {
        ProjectStatus::Pipeline => "project-pipeline",
        ProjectStatus::Implementation => "project-implementation",
        ProjectStatus::Finalisation => "project-finalisation",
        ProjectStatus::Completed => "project-completed",
        ProjectStatus::Cancelled => "project-cancelled",
        ProjectStatus::Suspended => "project-suspended",
    })
}

/// The project registry with its RAG ratings, and what the registry adds up to.
pub(super) fn projects(b: &mut Builder<'_>) -> Section {
    let msg = b.msg;
    let agenda = &b.dataset.agenda;
    if agenda.projects.is_empty() {
        return Section {
            id: "projects".into(),
            title: msg.text("section-projects"),
            blocks: vec![Block::Absent {
                text: msg.text("absent-projects"),
            }],
        };
    }
    let thresholds = RagThresholds::default();
    let mut rows = Vec::new();
    for p in &agenda.projects {
        let key = agenda.key(p.id).unwrap_or("project").to_owned();
        let subject = Subject::new(SubjectKind::Project, key.as_str());
        let value = match p.value {
            Some(v) if v.currency.code() == "USD" => Cell::Figure(
                b.figure(
                    Figure::new(
                        format!("project.{key}.value"),
                        "project.value",
                        p.status_date.to_string(),
                        v.amount,
                        FigureUnit::Usd,
                    )
                    .sources(p.sources.iter().cloned()),
                ),
            ),
            Some(v) => text(v.to_string()),
            None => text(msg.text("not-published")),
        };
        let jobs = match p.jobs {
            Some(j) => Cell::Figure(
                b.figure(
                    Figure::new(
                        format!("project.{key}.jobs"),
                        "project.jobs",
                        p.status_date.to_string(),
                        Decimal::from(j),
                        FigureUnit::Count,
                    )
                    .sources(p.sources.iter().cloned()),
                ),
            ),
            None => text(msg.text("not-published")),
        };
        let next = p
            .next_milestone(b.as_of)
            .map(|m| match &m.planned {
                Some(due) => format!("{} ({due})", msg.english(&m.description)),
                None => msg.english(&m.description),
            })
            .unwrap_or_default();
        b.cite(p.sources.iter());
        rows.push(vec![
            text(msg.label(&subject, "name", &p.name)),
            text(msg.label(&subject, "sector", &p.sector)),
            text(msg.label(&subject, "location", &p.location)),
            value,
            jobs,
            text(format!(
                "{} ({})",
                status_name(msg, p.status),
                p.status_date
            )),
            Cell::Status(project_rag(p, b.as_of, &thresholds)),
            text(next),
            text(sources_text(&p.sources)),
        ]);
    }
    let table = Table {
        id: "projects".into(),
        caption: msg.text("caption-projects"),
        columns: vec![
            col(msg.text("col-project"), false),
            col(msg.text("col-sector"), false),
            col(msg.text("col-location"), false),
            col(msg.text("col-value"), true),
            col(msg.text("col-jobs"), true),
            col(msg.text("col-status"), false),
            col(msg.text("col-rag"), false),
            col(msg.text("col-next-milestone"), false),
            col(msg.text("col-sources"), false),
        ],
        rows,
    };
    let mut blocks = vec![Block::Table(table)];

    // What the registry adds up to (the figures are computed in core-model).
    let usd = Currency::USD;
    match registry_totals(&agenda.projects, usd) {
        Err(e) => b.uncomputable(format!(
            "the sum of the joint projects' published USD values in the agenda: {e}; check the \
             projects' `value` fields for a mistyped magnitude"
        )),
        Ok(totals) => {
            let all_sources: Vec<SourceId> = agenda
                .projects
                .iter()
                .filter(|p| p.status != ProjectStatus::Cancelled)
                .flat_map(|p| p.sources.iter().cloned())
                .collect();
            let period = b.as_of.to_string();
            let count = b.figure(
                Figure::new(
                    "projects.registry.count",
                    "projects.count",
                    period.clone(),
                    Decimal::from(totals.projects),
                    FigureUnit::Count,
                )
                .sources(all_sources.iter().cloned())
                .derived_by(msg.text("method-projects-count")),
            );
            let valued = b.figure(
                Figure::new(
                    "projects.registry.valued",
                    "projects.count.valued",
                    period.clone(),
                    Decimal::from(totals.valued),
                    FigureUnit::Count,
                )
                .sources(all_sources.iter().cloned())
                .derived_by(msg.text("method-projects-valued")),
            );
            let value = b.figure(
                Figure::new(
                    "projects.registry.value",
                    "projects.value",
                    period,
                    totals.value.amount,
                    FigureUnit::Usd,
                )
                .sources(all_sources.iter().cloned())
                .derived_by(msg.text("method-projects-value")),
            );
            blocks.push(Block::Paragraph {
                content: vec![
                    crate::document::Inline::Text(msg.text("registry-adds-up-1")),
                    crate::document::Inline::Figure(count),
                    crate::document::Inline::Text(msg.text("registry-adds-up-2")),
                    crate::document::Inline::Figure(valued),
                    crate::document::Inline::Text(msg.text("registry-adds-up-3")),
                    crate::document::Inline::Figure(value),
                    crate::document::Inline::Text(msg.text("registry-adds-up-4")),
                ],
            });
        }
    }
    blocks.push(Block::Paragraph {
        content: vec![crate::document::Inline::Text(msg.text("rag-rule-projects"))],
    });
    Section {
        id: "projects".into(),
        title: msg.text("section-projects"),
        blocks,
    }
}

pub(super) fn measure_status_name(msg: &Messages, status: MeasureStatus) -> String {
    msg.text(match status {
        MeasureStatus::Planned => "measure-planned",
        MeasureStatus::InProgress => "measure-in-progress",
        MeasureStatus::Done => "measure-done",
        MeasureStatus::Cancelled => "measure-cancelled",
        MeasureStatus::Postponed => "measure-postponed",
    })
}

/// Roadmap measures: due, done and overdue by area; each measure with its rating and evidence.
pub(super) fn roadmap(b: &mut Builder<'_>) -> Section {
    let msg = b.msg;
    let agenda = &b.dataset.agenda;
    if agenda.measures.is_empty() {
        return Section {
            id: "roadmap".into(),
            title: msg.text("section-roadmap"),
            blocks: vec![Block::Absent {
                text: msg.text("absent-roadmap"),
            }],
        };
    }
    let as_of = b.as_of;
    let period = as_of.to_string();
    let mut rows = Vec::new();
    let mut overdue_total = 0u32;
    let mut overdue_sources = Vec::new();
    for p in progress_by_area(&agenda.measures, as_of) {
        let area_sources: Vec<SourceId> = agenda
            .measures
            .iter()
            .filter(|m| m.area == p.area)
            .flat_map(|m| {
                m.sources
                    .iter()
                    .chain(m.history.iter().flat_map(|e| e.sources.iter()))
                    .cloned()
            })
            .collect();
        let area_key = p.area.to_string();
        let mut cell = |name: &str, value: u32, method: &str| {
            Cell::Figure(
                b.figure(
                    Figure::new(
                        format!("roadmap.{area_key}.{name}"),
                        format!("roadmap.measures.{name}"),
                        period.clone(),
                        Decimal::from(value),
                        FigureUnit::Count,
                    )
                    .sources(area_sources.iter().cloned())
                    .derived_by(msg.text(method)),
                ),
            )
        };
        let total = cell("total", p.total, "method-roadmap-total");
        let due = cell("due", p.due, "method-roadmap-due");
        let done = cell("done", p.done, "method-roadmap-done");
        let overdue = cell("overdue", p.overdue, "method-roadmap-overdue");
        if p.overdue > 0 {
            overdue_sources.extend(area_sources.iter().cloned());
        }
        overdue_total += p.overdue;
        rows.push(vec![
            text(area_name(msg, p.area)),
            total,
            due,
            done,
            overdue,
        ]);
    }
    let overdue_id = b.figure(
        Figure::new(
            "roadmap.overdue",
            "roadmap.measures.overdue",
            period.clone(),
            Decimal::from(overdue_total),
            FigureUnit::Count,
        )
        .sources(if overdue_sources.is_empty() {
            agenda
                .measures
                .iter()
                .flat_map(|m| m.sources.iter().cloned())
                .collect::<Vec<_>>()
        } else {
            overdue_sources
        })
        .derived_by(msg.text("method-roadmap-overdue-sum")),
    );
    b.kpi(
        msg.text("kpi-overdue-measures"),
        overdue_id,
        Some(msg.format("as-of", &[("date", &msg.date(as_of))])),
    );

    let thresholds = RagThresholds::default();
    let mut items = Vec::new();
    for m in &agenda.measures {
        let status = m.status_as_of(as_of);
        let due = m
            .due_as_of(as_of)
            .map_or_else(|| msg.text("no-due-date"), |d| d.to_string());
        let mut detail = vec![msg.format(
            "measure-detail-status",
            &[("status", &measure_status_name(msg, status)), ("due", &due)],
        )];
        if let Some(meeting) = m.promised_at.and_then(|id| agenda.meeting(id)) {
            detail.push(msg.format(
                "measure-promised-at",
                &[
                    ("meeting", &meeting_title(msg, agenda, meeting)),
                    ("date", &meeting.date.to_string()),
                ],
            ));
        }
        if let Some(event) = m.latest_event(as_of) {
            let mut line = format!("{}: {}", event.date, msg.english(&event.evidence));
            if let Some(meeting) = event.meeting.and_then(|id| agenda.meeting(id)) {
                line.push_str(&msg.format(
                    "measure-reported-at",
                    &[("meeting", &meeting_title(msg, agenda, meeting))],
                ));
            }
            detail.push(line);
            b.cite(event.sources.iter());
        }
        let mut sources: Vec<SourceId> = m.sources.clone();
        if let Some(event) = m.latest_event(as_of) {
            sources.extend(event.sources.iter().cloned());
        }
        b.cite(sources.iter());
        detail.push(format!(
            "{}: {}",
            msg.text("sources-label"),
            sources_text(&sources)
        ));
        items.push(StatusItem {
            label: format!(
                "{} — {}",
                area_name(msg, m.area),
                msg.label(
                    &Subject::new(SubjectKind::Measure, agenda.key(m.id).unwrap_or("measure")),
                    "title",
                    &m.title
                )
            ),
            status: measure_rag(m, as_of, &thresholds),
            detail: detail.join("; "),
        });
    }
    Section {
        id: "roadmap".into(),
        title: msg.text("section-roadmap"),
        blocks: vec![
            Block::Table(Table {
                id: "roadmap-by-area".into(),
                caption: msg.format("caption-roadmap", &[("date", &msg.date(as_of))]),
                columns: vec![
                    col(msg.text("col-area"), false),
                    col(msg.text("col-measures"), true),
                    col(msg.text("col-due"), true),
                    col(msg.text("col-done"), true),
                    col(msg.text("col-overdue"), true),
                ],
                rows,
            }),
            Block::StatusList {
                caption: msg.text("caption-measures"),
                items,
            },
            Block::Paragraph {
                content: vec![crate::document::Inline::Text(msg.text("rag-rule-measures"))],
            },
        ],
    }
}

/// A meeting's title in the report's language.
pub(crate) fn meeting_title(
    msg: &Messages,
    agenda: &dostyk_core_model::agenda::file::Agenda,
    meeting: &dostyk_core_model::agenda::meeting::Meeting,
) -> String {
    msg.label(
        &Subject::new(
            SubjectKind::Meeting,
            agenda.key(meeting.id).unwrap_or("meeting"),
        ),
        "title",
        &meeting.title,
    )
}

/// The table of sources cited in the report.
pub(super) fn source_table(msg: &Messages, sources: &[Source]) -> Table {
    let rows = sources
        .iter()
        .map(|s| {
            vec![
                text(s.id.to_string()),
                text(s.publisher.clone()),
                text(s.title.clone()),
                text(
                    s.published
                        .map_or_else(|| msg.text("undated"), |d| d.to_string()),
                ),
                text(s.url.clone().unwrap_or_default()),
                text(s.note.clone().unwrap_or_default()),
            ]
        })
        .collect();
    Table {
        id: super::SOURCES_TABLE.into(),
        caption: msg.text("caption-sources"),
        columns: vec![
            col(msg.text("col-id"), false),
            col(msg.text("col-publisher"), false),
            col(msg.text("col-title"), false),
            col(msg.text("col-published"), false),
            col(msg.text("col-address"), false),
            col(msg.text("col-note"), false),
        ],
        rows,
    }
}
