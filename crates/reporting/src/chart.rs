//! Charts as hand-written SVG, byte-for-byte deterministic.
//!
//! A [`Chart`] holds what to draw: categories along the x axis, one or more series, a title and
//! a text alternative. [`Chart::to_svg`] writes a self-contained SVG (no scripts, no external
//! fonts or links) whose coordinates are printed with fixed decimals, so the same chart always
//! gives the same bytes.
//!
//! Kinds:
//! - [`ChartKind::Line`]: one line per series; a series styled [`SeriesStyle::Target`] is drawn
//!   dashed (the target path overlaid on the actuals, each reporting side its own series);
//! - [`ChartKind::Bar`]: grouped bars;
//! - [`ChartKind::StackedBar`]: stacked bars;
//! - [`ChartKind::LimitVsActual`]: bars of actual values against a stepped limit line, bars
//!   over the limit drawn in the alert colour (ICWC limits against intake by dekad).
//!
//! Values are `f64` because they only place marks; the exact figures live in the report's
//! figures and tables.

use std::fmt::Write as _;

use rust_decimal::Decimal;
use serde::Serialize;

use crate::i18n::Messages;

/// What kind of chart.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ChartKind {
    /// Lines.
    Line,
    /// Grouped bars.
    Bar,
    /// Stacked bars.
    StackedBar,
    /// Actual bars against a limit line.
    LimitVsActual,
}

/// How a series is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SeriesStyle {
    /// Measured values: solid.
    Actual,
    /// A target or plan: dashed.
    Target,
    /// A limit (for limit-vs-actual charts).
    Limit,
}

/// One series of values, one per category (`None` where there is no value).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Series {
    /// Legend text.
    pub name: String,
    /// How it is drawn.
    pub style: SeriesStyle,
    /// Values by category.
    pub values: Vec<Option<f64>>,
}

/// A chart.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Chart {
    /// Stable id; also the file stem of the SVG written beside the Markdown.
    pub id: String,
    /// Kind.
    pub kind: ChartKind,
    /// Title.
    pub title: String,
    /// Text alternative: what the chart shows, in one or two sentences.
    pub description: String,
    /// Unit of the y axis, as shown (e.g. "bn USD").
    pub y_label: String,
    /// Category labels along the x axis.
    pub categories: Vec<String>,
    /// Series.
    pub series: Vec<Series>,
    /// Decimals shown on the y axis ticks.
    pub tick_decimals: u32,
}

const WIDTH: f64 = 720.0;
const HEIGHT: f64 = 340.0;
const LEFT: f64 = 64.0;
const RIGHT: f64 = 16.0;
const TOP: f64 = 40.0;
const BOTTOM: f64 = 80.0;
/// Colour-blind-safe palette (Okabe & Ito 2008), in series order, with the orange and the sky
/// blue darkened so every colour has at least 3:1 contrast against the white background
/// (WCAG 2.1, 1.4.11 non-text contrast).
const PALETTE: [&str; 6] = [
    "#0072B2", "#B86E00", "#009E73", "#CC79A7", "#3A8FC8", "#D55E00",
];
/// Font size of axis labels, in SVG units.
const LABEL_FONT: f64 = 12.0;
/// Space kept between two x-axis labels, in SVG units.
const LABEL_GAP: f64 = 10.0;
const ALERT: &str = "#D55E00";
const LIMIT: &str = "#333333";

/// Escapes text for XML content and attributes.
pub fn escape_xml(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in text.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if (c as u32) < 0x20 && c != '\n' && c != '\t' => {}
            c => out.push(c),
        }
    }
    out
}

/// A "nice" upper bound and tick step for values up to `max` (1, 2, 2.5 or 5 × 10^k steps).
fn nice_scale(max: f64) -> (f64, f64) {
    if !max.is_finite() || max <= 0.0 {
        return (1.0, 0.25);
    }
    let rough = max / 4.0;
    let magnitude = 10f64.powf(rough.log10().floor());
    let step = [1.0, 2.0, 2.5, 5.0, 10.0]
        .into_iter()
        .map(|m| m * magnitude)
        .find(|s| *s >= rough)
        .unwrap_or(10.0 * magnitude);
    let top = (max / step).ceil() * step;
    (top, step)
}

/// An estimate of the width of `label` at the axis font size: Helvetica's (and Arial's, Liberation
/// Sans') digits and most lower-case Latin and Cyrillic letters are 0.5–0.56 em wide, capitals and
/// wide letters up to 0.85 em; the estimate errs wide.
fn label_width(label: &str) -> f64 {
    label
        .chars()
        .map(|c| {
            let em = if c == ' ' || c == '.' || c == ',' || c == ':' || c == '-' {
                0.33
            } else if c.is_ascii_digit() {
                0.56
            } else if c.is_uppercase() || "mwшщжюыф".contains(c) {
                0.85
            } else {
                0.58
            };
            em * LABEL_FONT
        })
        .sum()
}

/// How many bands one label needs so that labels `needed` wide, placed every that many bands
/// of width `band`, never overlap (at least 1).
fn label_step(needed: f64, band: f64) -> usize {
    if !(band.is_finite() && band > 0.0 && needed.is_finite()) {
        return 1;
    }
    // A finite ratio of positive values; the cast saturates on absurd inputs.
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let steps = (needed / band).ceil().max(1.0) as usize;
    steps
}

/// `label` in two lines, broken at the space that makes the wider line narrowest (one line if it
/// has no space).
fn split_label(label: &str) -> Vec<&str> {
    label
        .match_indices(' ')
        .map(|(i, _)| (&label[..i], &label[i + 1..]))
        .min_by(|a, b| {
            let wa = label_width(a.0).max(label_width(a.1));
            let wb = label_width(b.0).max(label_width(b.1));
            wa.total_cmp(&wb)
        })
        .map_or_else(|| vec![label], |(a, b)| vec![a, b])
}

impl Chart {
    /// The x-axis labels shown, each as one or two lines with its centre, for categories `band`
    /// wide. A label wider than its band is broken at the space that best balances its two
    /// lines; labels still too wide are thinned.
    fn x_labels(&self, band: f64) -> Vec<(f64, Vec<&str>)> {
        let n = self.categories.len();
        let lines: Vec<Vec<&str>> = self
            .categories
            .iter()
            .map(|c| {
                if label_width(c) + LABEL_GAP <= band {
                    vec![c.as_str()]
                } else {
                    split_label(c)
                }
            })
            .collect();
        let width = |l: &[&str]| l.iter().map(|t| label_width(t)).fold(0.0f64, f64::max);
        let widest = lines.iter().map(|l| width(l)).fold(0.0f64, f64::max);
        let mut every = label_step(widest + LABEL_GAP, band);
        loop {
            let shown: Vec<(f64, Vec<&str>)> = lines
                .iter()
                .enumerate()
                .filter(|(i, _)| (n - 1 - i).is_multiple_of(every))
                .map(|(i, l)| {
                    let half = width(l) / 2.0;
                    let centre = LEFT + band * (i as f64 + 0.5);
                    (centre.min(WIDTH - 2.0 - half).max(half + 2.0), l.clone())
                })
                .collect();
            let apart = shown.windows(2).all(|w| {
                w[1].0 - width(&w[1].1) / 2.0 >= w[0].0 + width(&w[0].1) / 2.0 + LABEL_GAP
            });
            if apart || every >= n {
                return shown;
            }
            every += 1;
        }
    }

    fn max_value(&self) -> f64 {
        let mut max = 0.0f64;
        if self.kind == ChartKind::StackedBar {
            for i in 0..self.categories.len() {
                let sum: f64 = self
                    .series
                    .iter()
                    .filter_map(|s| s.values.get(i).copied().flatten())
                    .filter(|v| v.is_finite() && *v > 0.0)
                    .sum();
                max = max.max(sum);
            }
        } else {
            for s in &self.series {
                for v in s.values.iter().flatten() {
                    if v.is_finite() {
                        max = max.max(*v);
                    }
                }
            }
        }
        max
    }

    /// The chart as a standalone SVG document, numbers on the axis formatted for `messages`'
    /// language.
    pub fn to_svg(&self, messages: &Messages) -> String {
        let mut s = String::with_capacity(8192);
        let plot_w = WIDTH - LEFT - RIGHT;
        let plot_h = HEIGHT - TOP - BOTTOM;
        let (top, step) = nice_scale(self.max_value());
        let y = |v: f64| TOP + plot_h - (v / top) * plot_h;
        let n = self.categories.len().max(1);
        let band = plot_w / n as f64;
        let x_center = |i: usize| LEFT + band * (i as f64 + 0.5);
        let id = escape_xml(&self.id);

        let _ = writeln!(
            s,
            "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {WIDTH:.0} {HEIGHT:.0}\" width=\"{WIDTH:.0}\" height=\"{HEIGHT:.0}\" role=\"img\" aria-labelledby=\"{id}-title {id}-desc\" font-family=\"Helvetica, Arial, sans-serif\" font-size=\"12\">"
        );
        let _ = writeln!(
            s,
            "<title id=\"{id}-title\">{}</title>",
            escape_xml(&self.title)
        );
        let _ = writeln!(
            s,
            "<desc id=\"{id}-desc\">{}</desc>",
            escape_xml(&self.description)
        );
        let _ = writeln!(
            s,
            "<rect width=\"{WIDTH:.0}\" height=\"{HEIGHT:.0}\" fill=\"#ffffff\"/>"
        );
        let _ = writeln!(
            s,
            "<text x=\"{LEFT:.0}\" y=\"22\" font-size=\"15\" font-weight=\"bold\">{}</text>",
            escape_xml(&self.title)
        );

        // Grid and y ticks.
        let ticks = (top / step).round() as usize;
        for t in 0..=ticks {
            let v = step * t as f64;
            let yy = y(v);
            let label = Decimal::from_f64_retain(v)
                .map(|d| messages.number(d, self.tick_decimals))
                .unwrap_or_default();
            let _ = writeln!(
                s,
                "<line x1=\"{LEFT:.1}\" y1=\"{yy:.1}\" x2=\"{:.1}\" y2=\"{yy:.1}\" stroke=\"#dddddd\"/>",
                WIDTH - RIGHT
            );
            let _ = writeln!(
                s,
                "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\">{}</text>",
                LEFT - 6.0,
                yy + 4.0,
                escape_xml(&label)
            );
        }
        let _ = writeln!(
            s,
            "<text x=\"12\" y=\"{:.1}\" transform=\"rotate(-90 12 {:.1})\" text-anchor=\"middle\">{}</text>",
            TOP + plot_h / 2.0,
            TOP + plot_h / 2.0,
            escape_xml(&self.y_label)
        );

        // X labels: every `every`-th counted back from the last, each kept inside the chart,
        // with `every` the smallest step at which no two shown labels come closer than the gap.
        for (x, lines) in self.x_labels(band) {
            let _ = write!(
                s,
                "<text x=\"{x:.1}\" y=\"{:.1}\" text-anchor=\"middle\">",
                TOP + plot_h + 18.0
            );
            for (k, line) in lines.iter().enumerate() {
                if k == 0 {
                    s.push_str(&escape_xml(line));
                } else {
                    let _ = write!(
                        s,
                        "<tspan x=\"{x:.1}\" dy=\"14\">{}</tspan>",
                        escape_xml(line)
                    );
                }
            }
            s.push_str("</text>\n");
        }
        let _ = writeln!(
            s,
            "<line x1=\"{LEFT:.1}\" y1=\"{:.1}\" x2=\"{:.1}\" y2=\"{:.1}\" stroke=\"#333333\"/>",
            TOP + plot_h,
            WIDTH - RIGHT,
            TOP + plot_h
        );

        match self.kind {
            ChartKind::Line => self.draw_lines(&mut s, &x_center, &y),
            ChartKind::Bar => self.draw_bars(&mut s, band, &y, false),
            ChartKind::StackedBar => self.draw_bars(&mut s, band, &y, true),
            ChartKind::LimitVsActual => self.draw_limit(&mut s, band, &y),
        }
        self.draw_legend(&mut s);
        s.push_str("</svg>\n");
        s
    }

    fn colour(&self, index: usize) -> &'static str {
        let style = self.series.get(index).map(|s| s.style);
        if style == Some(SeriesStyle::Limit) {
            LIMIT
        } else {
            PALETTE[index % PALETTE.len()]
        }
    }

    fn draw_lines(&self, s: &mut String, x: &dyn Fn(usize) -> f64, y: &dyn Fn(f64) -> f64) {
        for (k, series) in self.series.iter().enumerate() {
            let colour = self.colour(k);
            let dash = if series.style == SeriesStyle::Actual {
                ""
            } else {
                " stroke-dasharray=\"6 4\""
            };
            // A gap (None) breaks the line into runs.
            let mut run: Vec<(f64, f64)> = Vec::new();
            let mut runs = Vec::new();
            for (i, v) in series.values.iter().enumerate() {
                match v {
                    Some(v) if v.is_finite() => run.push((x(i), y(*v))),
                    _ => {
                        if !run.is_empty() {
                            runs.push(std::mem::take(&mut run));
                        }
                    }
                }
            }
            if !run.is_empty() {
                runs.push(run);
            }
            for run in runs {
                let points: Vec<String> =
                    run.iter().map(|(a, b)| format!("{a:.1},{b:.1}")).collect();
                let _ = writeln!(
                    s,
                    "<polyline fill=\"none\" stroke=\"{colour}\" stroke-width=\"2\"{dash} points=\"{}\"/>",
                    points.join(" ")
                );
                for (a, b) in &run {
                    let _ = writeln!(
                        s,
                        "<circle cx=\"{a:.1}\" cy=\"{b:.1}\" r=\"3\" fill=\"{colour}\"/>"
                    );
                }
            }
        }
    }

    fn draw_bars(&self, s: &mut String, band: f64, y: &dyn Fn(f64) -> f64, stacked: bool) {
        let k = self.series.len().max(1);
        let inner = band * 0.7;
        let zero = y(0.0);
        for i in 0..self.categories.len() {
            let left = LEFT + band * i as f64 + (band - inner) / 2.0;
            let mut base = 0.0f64;
            for (j, series) in self.series.iter().enumerate() {
                let Some(v) = series.values.get(i).copied().flatten() else {
                    continue;
                };
                if !v.is_finite() || v <= 0.0 {
                    continue;
                }
                let colour = self.colour(j);
                let (bx, bw, y0, y1) = if stacked {
                    let y0 = y(base);
                    base += v;
                    (left, inner, y0, y(base))
                } else {
                    let bw = inner / k as f64;
                    (left + bw * j as f64, bw, zero, y(v))
                };
                let _ = writeln!(
                    s,
                    "<rect x=\"{bx:.1}\" y=\"{y1:.1}\" width=\"{:.1}\" height=\"{:.1}\" fill=\"{colour}\"/>",
                    (bw - 1.0).max(1.0),
                    (y0 - y1).max(0.0)
                );
            }
        }
    }

    fn draw_limit(&self, s: &mut String, band: f64, y: &dyn Fn(f64) -> f64) {
        let limit = self.series.iter().find(|s| s.style == SeriesStyle::Limit);
        let actual = self.series.iter().find(|s| s.style != SeriesStyle::Limit);
        let inner = band * 0.7;
        let zero = y(0.0);
        if let Some(actual) = actual {
            let normal = self
                .series
                .iter()
                .position(|s| s.style != SeriesStyle::Limit)
                .map_or(PALETTE[0], |i| self.colour(i));
            for (i, v) in actual.values.iter().enumerate() {
                let Some(v) = v.filter(|v| v.is_finite() && *v > 0.0) else {
                    continue;
                };
                let over = limit
                    .and_then(|l| l.values.get(i).copied().flatten())
                    .is_some_and(|l| v > l);
                let colour = if over { ALERT } else { normal };
                let bx = LEFT + band * i as f64 + (band - inner) / 2.0;
                let _ = writeln!(
                    s,
                    "<rect x=\"{bx:.1}\" y=\"{:.1}\" width=\"{inner:.1}\" height=\"{:.1}\" fill=\"{colour}\"/>",
                    y(v),
                    (zero - y(v)).max(0.0)
                );
            }
        }
        if let Some(limit) = limit {
            let mut d = String::new();
            let mut pen_down = false;
            for (i, v) in limit.values.iter().enumerate() {
                let x0 = LEFT + band * i as f64;
                match v.filter(|v| v.is_finite()) {
                    Some(v) => {
                        let yy = y(v);
                        let cmd = if pen_down { 'L' } else { 'M' };
                        let _ = write!(d, "{cmd}{x0:.1},{yy:.1} L{:.1},{yy:.1} ", x0 + band);
                        pen_down = true;
                    }
                    None => pen_down = false,
                }
            }
            if !d.is_empty() {
                let _ = writeln!(
                    s,
                    "<path d=\"{}\" fill=\"none\" stroke=\"{LIMIT}\" stroke-width=\"2\" stroke-dasharray=\"6 4\"/>",
                    d.trim_end()
                );
            }
        }
    }

    /// Whether any value of `series` leaves a mark: lines and limits draw every finite value,
    /// bars only positive ones.
    fn is_drawn(&self, series: &Series) -> bool {
        let bars = matches!(self.kind, ChartKind::Bar | ChartKind::StackedBar)
            || (self.kind == ChartKind::LimitVsActual && series.style != SeriesStyle::Limit);
        series
            .values
            .iter()
            .take(self.categories.len())
            .flatten()
            .any(|v| v.is_finite() && (!bars || *v > 0.0))
    }

    /// The legend below the x axis, wrapped onto a second row when it is too wide.
    fn draw_legend(&self, s: &mut String) {
        let mut x = LEFT;
        let mut yy = HEIGHT - BOTTOM + 52.0;
        // A series with nothing drawn (say, a target whose year is past the last category) is
        // not listed: the legend names only what the chart shows.
        for (k, series) in self
            .series
            .iter()
            .enumerate()
            .filter(|(_, series)| self.is_drawn(series))
        {
            let colour = self.colour(k);
            let width = 26.0 + label_width(&series.name);
            if x > LEFT && x + width > WIDTH - RIGHT {
                x = LEFT;
                yy += 18.0;
            }
            if series.style == SeriesStyle::Actual || self.kind != ChartKind::Line {
                if series.style == SeriesStyle::Limit || series.style == SeriesStyle::Target {
                    let _ = writeln!(
                        s,
                        "<line x1=\"{x:.1}\" y1=\"{:.1}\" x2=\"{:.1}\" y2=\"{:.1}\" stroke=\"{colour}\" stroke-width=\"2\" stroke-dasharray=\"6 4\"/>",
                        yy - 4.0,
                        x + 14.0,
                        yy - 4.0
                    );
                } else {
                    let _ = writeln!(
                        s,
                        "<rect x=\"{x:.1}\" y=\"{:.1}\" width=\"14\" height=\"10\" fill=\"{colour}\"/>",
                        yy - 9.0
                    );
                }
            } else {
                let _ = writeln!(
                    s,
                    "<line x1=\"{x:.1}\" y1=\"{:.1}\" x2=\"{:.1}\" y2=\"{:.1}\" stroke=\"{colour}\" stroke-width=\"2\" stroke-dasharray=\"6 4\"/>",
                    yy - 4.0,
                    x + 14.0,
                    yy - 4.0
                );
            }
            let _ = writeln!(
                s,
                "<text x=\"{:.1}\" y=\"{yy:.1}\">{}</text>",
                x + 18.0,
                escape_xml(&series.name)
            );
            x += width;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Language;

    fn line() -> Chart {
        Chart {
            id: "turnover".into(),
            kind: ChartKind::Line,
            title: "Turnover <KZ & UZ>".into(),
            description: "Turnover by year with the target path.".into(),
            y_label: "bn USD".into(),
            categories: vec!["2022".into(), "2023".into(), "2024".into()],
            series: vec![
                Series {
                    name: "Kazakhstan".into(),
                    style: SeriesStyle::Actual,
                    values: vec![Some(4.6), None, Some(4.4)],
                },
                Series {
                    name: "Target path".into(),
                    style: SeriesStyle::Target,
                    values: vec![None, Some(5.0), Some(5.6)],
                },
            ],
            tick_decimals: 1,
        }
    }

    #[test]
    fn svg_is_deterministic_escaped_and_accessible() {
        let en = Messages::new(Language::En).unwrap();
        let a = line().to_svg(&en);
        assert_eq!(a, line().to_svg(&en));
        assert!(a.contains("Turnover &lt;KZ &amp; UZ&gt;"));
        assert!(!a.contains("<KZ"));
        assert!(a.contains("role=\"img\""));
        assert!(a.contains("<desc id=\"turnover-desc\">"));
        assert!(a.contains("stroke-dasharray"));
        insta::assert_snapshot!(a);
    }

    #[test]
    fn limit_chart_marks_bars_over_the_limit() {
        let en = Messages::new(Language::En).unwrap();
        let c = Chart {
            id: "dekads".into(),
            kind: ChartKind::LimitVsActual,
            title: "Intake by dekad".into(),
            description: "Intake against the limit.".into(),
            y_label: "million m3".into(),
            categories: vec!["D1".into(), "D2".into(), "D3".into()],
            series: vec![
                Series {
                    name: "Limit".into(),
                    style: SeriesStyle::Limit,
                    values: vec![Some(50.0), Some(50.0), Some(55.0)],
                },
                Series {
                    name: "Intake".into(),
                    style: SeriesStyle::Actual,
                    values: vec![Some(45.0), Some(52.0), None],
                },
            ],
            tick_decimals: 0,
        };
        let svg = c.to_svg(&en);
        assert_eq!(svg.matches(ALERT).count(), 1);
    }

    #[test]
    fn stacked_bars_stack() {
        let en = Messages::new(Language::En).unwrap();
        let c = Chart {
            id: "s".into(),
            kind: ChartKind::StackedBar,
            title: "t".into(),
            description: "d".into(),
            y_label: "y".into(),
            categories: vec!["a".into()],
            series: vec![
                Series {
                    name: "x".into(),
                    style: SeriesStyle::Actual,
                    values: vec![Some(1.0)],
                },
                Series {
                    name: "y".into(),
                    style: SeriesStyle::Actual,
                    values: vec![Some(3.0)],
                },
            ],
            tick_decimals: 0,
        };
        assert!((c.max_value() - 4.0).abs() < 1e-12);
        // Two legend swatches and two stacked bars.
        assert_eq!(c.to_svg(&en).matches("<rect x=").count(), 4);
    }

    /// WCAG 2.1 relative luminance of a `#RRGGBB` colour.
    fn luminance(hex: &str) -> f64 {
        let channel = |i: usize| {
            let c = f64::from(u8::from_str_radix(&hex[i..i + 2], 16).unwrap()) / 255.0;
            if c <= 0.040_45 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5)
    }

    #[test]
    fn every_mark_colour_has_3_to_1_contrast_against_white() {
        let white = luminance("#ffffff");
        assert!((white - 1.0).abs() < 1e-9);
        for colour in PALETTE.iter().chain([&ALERT, &LIMIT]) {
            let ratio = (white + 0.05) / (luminance(colour) + 0.05);
            assert!(ratio >= 3.0, "{colour} has {ratio:.2}:1 against white");
        }
        // The check itself: the original Okabe-Ito orange fails it.
        assert!((1.05 / (luminance("#E69F00") + 0.05)) < 3.0);
    }

    /// The x positions and estimated widths of the x-axis labels drawn.
    fn x_labels(svg: &str) -> Vec<(f64, f64)> {
        let axis_y = format!(
            "y=\"{:.1}\" text-anchor=\"middle\">",
            HEIGHT - BOTTOM + 18.0
        );
        svg.lines()
            .filter(|l| l.contains(&axis_y))
            .map(|l| {
                let x: f64 = l.split('"').nth(1).unwrap().parse().unwrap();
                let body = &l[l.find(&axis_y).unwrap() + axis_y.len()..];
                let body = body.trim_end_matches("</text>");
                let width = body
                    .split("<tspan")
                    .map(|part| {
                        // "text" or " x=.. dy=..>text</tspan>"
                        let text = part.split_once('>').map_or(part, |(_, t)| t);
                        label_width(text.trim_end_matches("</tspan>"))
                    })
                    .fold(0.0f64, f64::max);
                (x, width)
            })
            .collect()
    }

    #[test]
    fn x_labels_never_overlap_and_stay_inside() {
        let ru = Messages::new(Language::Ru).unwrap();
        let year = |i: usize| (2022 + i).to_string();
        let dekad = |i: usize| format!("{}-я дек. апреля", i % 3 + 1);
        let long = |i: usize| format!("Долгая подпись категории {i}");
        let cases: [(usize, &dyn Fn(usize) -> String); 5] = [
            (3, &year),
            (9, &year),
            (40, &year),
            (36, &dekad),
            (5, &long),
        ];
        for (n, label) in cases {
            let mut c = line();
            c.categories = (0..n).map(label).collect();
            c.series[0].values = vec![Some(1.0); n];
            c.series[1].values = vec![Some(2.0); n];
            let labels = x_labels(&c.to_svg(&ru));
            assert!(!labels.is_empty());
            // The last category is always labelled (its last line ends the last label).
            let last = c.categories.last().unwrap().rsplit(' ').next().unwrap();
            let svg = c.to_svg(&ru);
            let axis_last = svg
                .lines()
                .rfind(|l| l.contains("text-anchor=\"middle\">"))
                .unwrap();
            assert!(
                axis_last.ends_with(&format!("{last}</tspan></text>"))
                    || axis_last.ends_with(&format!(">{last}</text>")),
                "{axis_last}"
            );
            for pair in labels.windows(2) {
                let ((x0, w0), (x1, w1)) = (pair[0], pair[1]);
                assert!(
                    x1 - w1 / 2.0 >= x0 + w0 / 2.0,
                    "{n} labels overlap: {pair:?}"
                );
            }
            for (x, w) in labels {
                assert!(
                    x + w / 2.0 <= WIDTH && x - w / 2.0 >= 0.0,
                    "label cut at {x}"
                );
            }
        }
    }

    #[test]
    fn the_legend_lists_only_what_is_drawn() {
        let en = Messages::new(Language::En).unwrap();
        let mut c = line();
        c.kind = ChartKind::Bar;
        c.series[1].values = vec![None, None, None];
        let svg = c.to_svg(&en);
        assert!(svg.contains(">Kazakhstan</text>"));
        assert!(!svg.contains(">Target path</text>"));
    }

    #[test]
    fn nice_scales() {
        assert_eq!(nice_scale(10.0), (10.0, 2.5));
        assert_eq!(nice_scale(4.97), (6.0, 2.0));
        assert_eq!(nice_scale(0.0), (1.0, 0.25));
        assert_eq!(nice_scale(f64::NAN), (1.0, 0.25));
    }
}
