//! Excel: a sheet per table, named in the edition's language, with its header row frozen and
//! filters on it, figures as numbers with number formats, and a Figures sheet listing every
//! figure with its value as a number, its exact decimal as text, and its sources.
//!
//! Text from data is always written as a string cell, never as a formula, so a value starting
//! with `=`, `+`, `-` or `@` stays text (no formula injection). The workbook's creation date is
//! the report's as-of date and the zip entries carry no clock time, so the same report gives the
//! same bytes.

use chrono::Datelike;
use dostyk_core_model::provenance::SourceId;
use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Workbook, Worksheet, XlsxError};

use crate::document::{Block, Cell, Rag, Report, Table};
use crate::figure::{Figure, FigureUnit};
use crate::i18n::{Messages, plain};

/// Excel sheet names: at most 31 characters, none of `[]:*?/\`, unique in the workbook.
fn sheet_name(base: &str, used: &mut Vec<String>) -> String {
    let clean: String = base
        .chars()
        .map(|c| if "[]:*?/\\'".contains(c) { '_' } else { c })
        .take(28)
        .collect();
    let mut name = if clean.trim().is_empty() {
        "Sheet".to_owned()
    } else {
        clean
    };
    let mut n = 2;
    while used.iter().any(|u| u.eq_ignore_ascii_case(&name)) {
        let stem: String = name.chars().take(26).collect();
        name = format!("{stem}~{n}");
        n += 1;
    }
    used.push(name.clone());
    name
}

fn write_text(
    sheet: &mut Worksheet,
    row: u32,
    col: u16,
    text: &str,
    format: &Format,
) -> Result<(), XlsxError> {
    // write_string never interprets its text: "=SUM(A1)" from data stays the text "=SUM(A1)".
    // Dataset text shown in English for want of a translation reads "… [en]".
    sheet.write_string_with_format(row, col, plain(text).as_ref(), format)?;
    Ok(())
}

/// The sheet name of `table` in the edition's language: the message `sheet-<id>`; tables made
/// once per indicator (`targets-…`, `ledger-…`) are numbered in order (`sheet-targets`,
/// `sheet-ledger` with `$n`); a table without a message is named by its caption.
fn table_sheet_name(messages: &Messages, table: &Table, counts: &mut [u32; 2]) -> String {
    for (i, prefix) in ["targets", "ledger"].into_iter().enumerate() {
        if table.id.starts_with(&format!("{prefix}-")) {
            counts[i] += 1;
            return messages.format(&format!("sheet-{prefix}"), &[("n", &counts[i].to_string())]);
        }
    }
    let id = format!("sheet-{}", table.id);
    if messages.has(&id) {
        messages.text(&id)
    } else {
        plain(&table.caption).into_owned()
    }
}

/// The Excel number format a figure's value is shown with: the decimals [`Messages::value`]
/// shows for its unit, thousands grouped (Excel writes the reader's own separators).
fn number_format(unit: FigureUnit) -> &'static str {
    match unit {
        FigureUnit::Usd | FigureUnit::Count => "#,##0",
        FigureUnit::Year => "0",
        FigureUnit::Percent | FigureUnit::Mm3 => "#,##0.0",
        FigureUnit::Bcm | FigureUnit::Mt => "#,##0.00",
        FigureUnit::Km3 => "#,##0.000",
    }
}

/// The message naming `unit` in the Figures sheet.
fn unit_message(unit: FigureUnit) -> &'static str {
    match unit {
        FigureUnit::Usd => "xlsx-unit-usd",
        FigureUnit::Percent => "xlsx-unit-percent",
        FigureUnit::Km3 => "xlsx-unit-km3",
        FigureUnit::Mm3 => "xlsx-unit-mm3",
        FigureUnit::Bcm => "xlsx-unit-bcm",
        FigureUnit::Mt => "xlsx-unit-mt",
        FigureUnit::Count => "xlsx-unit-count",
        FigureUnit::Year => "xlsx-unit-year",
    }
}

/// A figure's value as an Excel number, if it has one (Excel holds doubles).
fn as_number(figure: &Figure) -> Option<f64> {
    figure
        .value
        .to_string()
        .parse::<f64>()
        .ok()
        .filter(|v| v.is_finite())
}

fn rag_text(messages: &Messages, rag: Rag) -> String {
    messages.text(super::rag_id(rag))
}

/// Renders a report as an `.xlsx` workbook in memory.
pub fn render(report: &Report, messages: &Messages) -> Result<Vec<u8>, XlsxError> {
    let mut workbook = Workbook::new();
    let created = ExcelDateTime::from_ymd(
        report.as_of.year() as u16,
        report.as_of.month() as u8,
        report.as_of.day() as u8,
    )?;
    workbook.set_properties(
        &DocProperties::new()
            .set_title(&report.title)
            .set_subject(&report.subtitle)
            .set_author("Dostyk")
            .set_creation_datetime(&created),
    );
    let bold = Format::new().set_bold();
    let text = Format::new();
    let wrap = Format::new().set_text_wrap();
    let mut used = Vec::new();

    // Figures sheet first: every number of the report with its provenance.
    {
        let name = sheet_name(&messages.text("xlsx-figures-sheet"), &mut used);
        let sheet = workbook.add_worksheet().set_name(&name)?;
        let heads = [
            "xlsx-col-id",
            "xlsx-col-indicator",
            "xlsx-col-period",
            "xlsx-col-side",
            "xlsx-col-number",
            "xlsx-col-unit",
            "xlsx-col-value",
            "xlsx-col-shown",
            "xlsx-col-sources",
            "xlsx-col-method",
        ];
        for (c, h) in heads.iter().enumerate() {
            write_text(sheet, 0, c as u16, &messages.text(h), &bold)?;
        }
        for (r, f) in report.figures.iter().enumerate() {
            let row = r as u32 + 1;
            write_text(sheet, row, 0, &f.id, &text)?;
            write_text(sheet, row, 1, &f.indicator, &text)?;
            write_text(sheet, row, 2, &f.period, &text)?;
            let side = f
                .reporting_side
                .map(|s| crate::briefing::side_name(messages, s))
                .unwrap_or_default();
            write_text(sheet, row, 3, &side, &text)?;
            // The value as a number to calculate with, in the unit's number format; Excel keeps
            // doubles, so the exact decimal is kept as text beside it.
            match as_number(f) {
                Some(v) => {
                    let format = Format::new().set_num_format(number_format(f.unit));
                    sheet.write_number_with_format(row, 4, v, &format)?;
                }
                None => write_text(sheet, row, 4, &f.value.to_string(), &text)?,
            }
            write_text(sheet, row, 5, &messages.text(unit_message(f.unit)), &text)?;
            write_text(sheet, row, 6, &f.value.to_string(), &text)?;
            write_text(sheet, row, 7, &messages.value(f.value, f.unit), &text)?;
            let sources: Vec<&str> = f.source_ids.iter().map(SourceId::as_str).collect();
            write_text(sheet, row, 8, &sources.join(", "), &text)?;
            // The briefing writes each method in the edition's language.
            write_text(sheet, row, 9, f.method.as_deref().unwrap_or(""), &wrap)?;
        }
        sheet.set_column_width(0, 40)?;
        sheet.set_column_width(1, 28)?;
        sheet.set_column_width(4, 18)?;
        sheet.set_column_width(6, 18)?;
        sheet.set_column_width(7, 20)?;
        sheet.set_column_width(8, 30)?;
        sheet.set_column_width(9, 60)?;
        sheet.set_freeze_panes(1, 0)?;
        let last = report.figures.len() as u32;
        sheet.autofilter(0, 0, last, heads.len() as u16 - 1)?;
    }

    let mut counts = [0; 2];
    for section in &report.sections {
        for block in &section.blocks {
            let Block::Table(table) = block else { continue };
            let name = sheet_name(&table_sheet_name(messages, table, &mut counts), &mut used);
            let sheet = workbook.add_worksheet().set_name(&name)?;
            write_text(sheet, 0, 0, &table.caption, &bold)?;
            for (c, col) in table.columns.iter().enumerate() {
                write_text(sheet, 2, c as u16, &col.label, &bold)?;
                sheet.set_column_width(c as u16, if col.numeric { 16 } else { 32 })?;
            }
            for (r, cells) in table.rows.iter().enumerate() {
                let row = r as u32 + 3;
                for (c, cell) in cells.iter().enumerate() {
                    let col = c as u16;
                    match cell {
                        Cell::Text(t) => write_text(sheet, row, col, t, &wrap)?,
                        Cell::Figure(id) => match report.figure(id) {
                            Some(f) => match as_number(f) {
                                Some(v) => {
                                    let format =
                                        Format::new().set_num_format(number_format(f.unit));
                                    sheet.write_number_with_format(row, col, v, &format)?;
                                }
                                None => write_text(sheet, row, col, &f.value.to_string(), &text)?,
                            },
                            None => write_text(sheet, row, col, id, &text)?,
                        },
                        Cell::Status(rag) => {
                            write_text(sheet, row, col, &rag_text(messages, *rag), &text)?;
                        }
                        Cell::Empty => {}
                    }
                }
            }
            sheet.set_freeze_panes(3, 0)?;
            if let Some(last_col) = table.columns.len().checked_sub(1) {
                sheet.autofilter(2, 0, 2 + table.rows.len() as u32, last_col as u16)?;
            }
        }
    }
    workbook.save_to_buffer()
}

#[cfg(test)]
mod tests {
    use super::sheet_name;

    #[test]
    fn sheet_names_are_valid_and_unique() {
        let mut used = Vec::new();
        assert_eq!(
            sheet_name("trade/top:products", &mut used),
            "trade_top_products"
        );
        assert_eq!(
            sheet_name("trade/top:products", &mut used),
            "trade_top_products~2"
        );
        let long = sheet_name(&"x".repeat(40), &mut used);
        assert!(long.chars().count() <= 31);
        assert_eq!(sheet_name("", &mut used), "Sheet");
    }
}
