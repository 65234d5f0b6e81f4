//! Chart drawing (pure): the figures of the charts panel as plain data
//! ([`Figure`]) and one [`draw`] function generic over plotters'
//! `DrawingBackend`, so native tests draw to SVG and the browser to a canvas.
//! Layout is computed here, mirrored for right-to-left languages, and the
//! clickable marks are returned as [`Geometry`].

pub mod data;

use crate::model::Gender;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

/// What a click on a mark selects.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Target {
    Area(String),
    Gender(Gender),
}

/// A clickable mark, in pixels of the drawing area.
#[derive(Clone, Debug, PartialEq)]
pub struct Hit {
    pub target: Target,
    pub x0: i32,
    pub y0: i32,
    pub x1: i32,
    pub y1: i32,
}

impl Hit {
    pub fn contains(&self, x: i32, y: i32) -> bool {
        (self.x0..=self.x1).contains(&x) && (self.y0..=self.y1).contains(&y)
    }
    pub fn width(&self) -> i32 {
        self.x1 - self.x0
    }
}

/// What [`draw`] drew that a view needs: the clickable marks.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Geometry {
    pub hits: Vec<Hit>,
}

impl Geometry {
    /// The mark under a point, if any.
    pub fn hit(&self, x: i32, y: i32) -> Option<&Target> {
        self.hits
            .iter()
            .find(|h| h.contains(x, y))
            .map(|h| &h.target)
    }
}

/// Colours and pixel density of a drawing.
#[derive(Clone, Debug, PartialEq)]
pub struct Theme {
    pub background: RGBColor,
    pub text: RGBColor,
    pub muted: RGBColor,
    /// The empty part of a bar's track, panel borders.
    pub track: RGBColor,
    /// Device pixels per CSS pixel: every length and font size is scaled by it.
    pub scale: f64,
}

impl Theme {
    pub fn light() -> Theme {
        Theme {
            background: RGBColor(255, 255, 255),
            text: RGBColor(0x1a, 0x1a, 0x1a),
            muted: RGBColor(0x55, 0x55, 0x55),
            track: RGBColor(0xe6, 0xe6, 0xe6),
            scale: 1.0,
        }
    }
    pub fn dark() -> Theme {
        Theme {
            background: RGBColor(0x12, 0x14, 0x18),
            text: RGBColor(0xf2, 0xf2, 0xf2),
            muted: RGBColor(0xb8, 0xb8, 0xb8),
            track: RGBColor(0x33, 0x36, 0x3c),
            scale: 1.0,
        }
    }
}

/// A palette colour (`#rrggbb` from [`crate::scale`]).
pub fn colour(hex: &str) -> RGBColor {
    let (r, g, b) = crate::scale::rgb(hex).unwrap_or((0x80, 0x80, 0x80));
    RGBColor(r, g, b)
}

/// One bar of a bar chart.
#[derive(Clone, Debug, PartialEq)]
pub struct BarRow {
    pub target: Option<Target>,
    pub label: String,
    /// `None`: no data (the value label says so).
    pub value: Option<f64>,
    pub value_label: String,
    /// Part of the current filter: outlined.
    pub selected: bool,
}

/// One 100 % stacked bar: women then men.
#[derive(Clone, Debug, PartialEq)]
pub struct StackRow {
    pub label: String,
    pub women: f64,
    pub men: f64,
    pub women_label: String,
    pub men_label: String,
}

#[derive(Clone, Debug, PartialEq)]
pub struct StackChart {
    pub rows: Vec<StackRow>,
    pub legend_women: String,
    pub legend_men: String,
    /// The gender of the current filter: its segments are outlined.
    pub selected: Option<Gender>,
}

/// A share among beneficiaries beside the same share in the population.
#[derive(Clone, Debug, PartialEq)]
pub struct PairRow {
    pub label: String,
    /// 0–1.
    pub reached: Option<f64>,
    pub reached_label: String,
    /// 0–1; `None`: no census comparison (the label says why).
    pub population: Option<f64>,
    pub population_label: String,
}

#[derive(Clone, Debug, PartialEq)]
pub struct PairChart {
    pub rows: Vec<PairRow>,
    pub legend_reached: String,
    pub legend_population: String,
}

/// One small multiple: a program area and its figures other than people reached.
#[derive(Clone, Debug, PartialEq)]
pub struct Panel {
    pub target: Option<Target>,
    pub title: String,
    /// (value, what it counts)
    pub items: Vec<(String, String)>,
    /// Shown when `items` is empty.
    pub empty_note: String,
    pub selected: bool,
}

/// What a chart draws.
#[derive(Clone, Debug, PartialEq)]
pub enum Figure {
    Bars(Vec<BarRow>),
    Stack(StackChart),
    Pairs(PairChart),
    Panels(Vec<Panel>),
}

// Layout in CSS pixels (multiplied by `Theme::scale`).
const PAD: f64 = 8.0;
const FONT: f64 = 13.0;
const SMALL: f64 = 12.0;
const LABEL_H: f64 = 20.0;
const BAR_H: f64 = 18.0;
const ROW_GAP: f64 = 10.0;
const LEGEND_H: f64 = 24.0;
const PANEL_MIN_W: f64 = 220.0;
const PANEL_TITLE_H: f64 = 26.0;
const PANEL_ITEM_H: f64 = 22.0;
const PANEL_GAP: f64 = 8.0;

/// Rough width of a text (no font metrics in pure code): enough to reserve
/// room for value labels.
fn text_width(text: &str, size: f64) -> f64 {
    text.chars().count() as f64 * size * 0.58
}

/// Extra height (CSS pixels) of a row label wrapped at the figure's width.
fn label_extra(text: &str, size: f64, width: f64) -> f64 {
    (wrap(text, size, width - 2.0 * PAD).len() as f64 - 1.0) * LINE_H
}

/// Columns of small multiples: as many as fit, then balanced so that the
/// last row is not left nearly empty (6 panels: 3 + 3, not 5 + 1).
fn panel_columns(figure_width: f64, panels: usize) -> usize {
    let fit = ((figure_width - PAD) / (PANEL_MIN_W + PANEL_GAP))
        .floor()
        .max(1.0) as usize;
    let rows = panels.max(1).div_ceil(fit);
    panels.max(1).div_ceil(rows)
}

/// Breaks `text` at spaces into lines of about `max_width` CSS pixels.
fn wrap(text: &str, size: f64, max_width: f64) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        let candidate = if line.is_empty() {
            word.to_string()
        } else {
            format!("{line} {word}")
        };
        if !line.is_empty() && text_width(&candidate, size) > max_width {
            lines.push(std::mem::replace(&mut line, word.to_string()));
        } else {
            line = candidate;
        }
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

/// Small multiples laid out at a width (CSS pixels).
struct PanelLayout {
    columns: usize,
    /// Per panel: its value column width and each item's name lines.
    items: Vec<(f64, Vec<Vec<String>>)>,
    /// Per row of panels: its height.
    heights: Vec<f64>,
}

const LINE_H: f64 = 16.0;

fn panel_layout(panels: &[Panel], width: f64) -> PanelLayout {
    let columns = panel_columns(width, panels.len());
    let panel_w = (width - 2.0 * PAD - PANEL_GAP * (columns as f64 - 1.0)) / columns as f64;
    let items: Vec<(f64, Vec<Vec<String>>)> = panels
        .iter()
        .map(|p| {
            let value_w = p
                .items
                .iter()
                .map(|(v, _)| text_width(v, FONT + 2.0))
                .fold(0.0_f64, f64::max);
            let avail = (panel_w - 16.0 - value_w - 8.0).max(60.0);
            let lines = p.items.iter().map(|(_, n)| wrap(n, SMALL, avail)).collect();
            (value_w, lines)
        })
        .collect();
    let panel_h = |(_, lines): &(f64, Vec<Vec<String>>)| {
        let body: f64 = lines
            .iter()
            .map(|l| PANEL_ITEM_H + (l.len() as f64 - 1.0) * LINE_H)
            .sum();
        PANEL_TITLE_H + body.max(PANEL_ITEM_H) + PAD
    };
    let heights = items
        .chunks(columns)
        .map(|row| row.iter().map(panel_h).fold(0.0_f64, f64::max))
        .collect();
    PanelLayout {
        columns,
        items,
        heights,
    }
}

/// The height (CSS pixels) that `figure` needs at `width` CSS pixels.
pub fn height(figure: &Figure, width: f64) -> u32 {
    let h = match figure {
        Figure::Bars(rows) => {
            PAD * 2.0
                + rows
                    .iter()
                    .map(|r| LABEL_H + label_extra(&r.label, FONT, width) + BAR_H + ROW_GAP)
                    .sum::<f64>()
        }
        Figure::Stack(s) => {
            let legend = legend_height(&[&s.legend_women, &s.legend_men], width);
            PAD * 2.0
                + legend
                + s.rows
                    .iter()
                    .map(|r| LABEL_H + label_extra(&r.label, FONT, width) + BAR_H + ROW_GAP)
                    .sum::<f64>()
        }
        Figure::Pairs(p) => {
            let legend = legend_height(&[&p.legend_reached, &p.legend_population], width);
            let note = |share: Option<f64>, text: &str| {
                if share.is_some() {
                    0.0
                } else {
                    label_extra(text, SMALL, width - 4.0)
                }
            };
            PAD * 2.0
                + legend
                + p.rows
                    .iter()
                    .map(|r| {
                        LABEL_H
                            + label_extra(&r.label, FONT, width)
                            + 2.0 * BAR_H
                            + 4.0
                            + note(r.reached, &r.reached_label)
                            + note(r.population, &r.population_label)
                            + ROW_GAP
                    })
                    .sum::<f64>()
        }
        Figure::Panels(panels) => {
            let rows = panel_layout(panels, width).heights;
            PAD * 2.0 + rows.iter().sum::<f64>() + PANEL_GAP * rows.len().saturating_sub(1) as f64
        }
    };
    h.ceil() as u32
}

/// Mirrors x positions and anchors for right-to-left languages.
struct Frame {
    width: i32,
    rtl: bool,
    scale: f64,
}

impl Frame {
    fn px(&self, css: f64) -> i32 {
        (css * self.scale).round() as i32
    }
    /// An x measured from the start side.
    fn x(&self, from_start: i32) -> i32 {
        if self.rtl {
            self.width - from_start
        } else {
            from_start
        }
    }
    /// A span measured from the start side, as left/right pixels.
    fn span(&self, start: i32, end: i32) -> (i32, i32) {
        let (a, b) = (self.x(start), self.x(end));
        (a.min(b), a.max(b))
    }
    /// Text anchored at its start (or end) side.
    fn anchor(&self, at_start: bool, v: VPos) -> Pos {
        let left = at_start != self.rtl;
        Pos::new(if left { HPos::Left } else { HPos::Right }, v)
    }
    /// Texts in a right-to-left language are isolated as such, so that the
    /// canvas (always `dir="ltr"`, absolute anchors) orders mixed runs right.
    fn text(&self, s: &str) -> String {
        if self.rtl {
            format!("\u{2067}{s}\u{2069}")
        } else {
            s.to_string()
        }
    }
}

type DrawResult<DB> = Result<Geometry, DrawingAreaErrorKind<<DB as DrawingBackend>::ErrorType>>;

fn font(size: f64, bold: bool) -> FontDesc<'static> {
    let style = if bold {
        FontStyle::Bold
    } else {
        FontStyle::Normal
    };
    FontDesc::new(FontFamily::SansSerif, size, style)
}

/// Black or white, whichever reads best on a fill (WCAG contrast).
fn ink_on(fill: &RGBColor) -> RGBColor {
    let lin = |c: u8| {
        let c = c as f64 / 255.0;
        if c <= 0.03928 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    let l = 0.2126 * lin(fill.0) + 0.7152 * lin(fill.1) + 0.0722 * lin(fill.2);
    if (l + 0.05) / 0.05 >= 1.05 / (l + 0.05) {
        RGBColor(0, 0, 0)
    } else {
        RGBColor(255, 255, 255)
    }
}

/// Draws `figure` on `area` (background included) and returns its clickable
/// marks. `rtl` mirrors the layout: labels on the right, bars growing leftwards.
pub fn draw<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    figure: &Figure,
    theme: &Theme,
    rtl: bool,
) -> DrawResult<DB> {
    area.fill(&theme.background)?;
    let (w, _) = area.dim_in_pixel();
    let f = Frame {
        width: w as i32,
        rtl,
        scale: theme.scale,
    };
    match figure {
        Figure::Bars(rows) => draw_bars(area, &f, theme, rows),
        Figure::Stack(s) => draw_stack(area, &f, theme, s),
        Figure::Pairs(p) => draw_pairs(area, &f, theme, p),
        Figure::Panels(p) => draw_panels(area, &f, theme, p),
    }
}

fn label<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    f: &Frame,
    text: &str,
    (x_from_start, y): (i32, i32),
    at_start: bool,
    v: VPos,
    style: (f64, bool, &RGBColor),
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let (size, bold, colour) = style;
    let ts = font(size * f.scale, bold)
        .color(colour)
        .pos(f.anchor(at_start, v));
    area.draw(&Text::new(f.text(text), (f.x(x_from_start), y), ts))
}

/// A row's label, wrapped at the figure's width from `at`; returns the
/// extra height (pixels) its second and later lines take.
fn row_label<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    f: &Frame,
    text: &str,
    (x, y0): (i32, i32),
    style: (f64, bool, &RGBColor),
) -> Result<i32, DrawingAreaErrorKind<DB::ErrorType>> {
    let width = f.width as f64 / f.scale - 2.0 * PAD - (x - f.px(PAD)) as f64 / f.scale;
    let lines = wrap(text, style.0, width);
    for (k, line) in lines.iter().enumerate() {
        let y = y0 + f.px(LABEL_H / 2.0 + k as f64 * LINE_H);
        label(area, f, line, (x, y), true, VPos::Center, style)?;
    }
    Ok(f.px((lines.len() as f64 - 1.0) * LINE_H))
}

fn outline<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    f: &Frame,
    theme: &Theme,
    (x0, y0, x1, y1): (i32, i32, i32, i32),
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let width = f.px(2.0).max(1) as u32;
    area.draw(&Rectangle::new(
        [(x0, y0), (x1, y1)],
        ShapeStyle::from(&theme.text).stroke_width(width),
    ))
}

fn draw_bars<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    f: &Frame,
    theme: &Theme,
    rows: &[BarRow],
) -> DrawResult<DB> {
    let pad = f.px(PAD);
    let max = rows.iter().filter_map(|r| r.value).fold(0.0_f64, f64::max);
    let reserve = rows
        .iter()
        .map(|r| text_width(&r.value_label, FONT))
        .fold(0.0_f64, f64::max)
        + 8.0;
    let track = (f.width - 2 * pad - f.px(reserve)).max(f.px(20.0));
    let fill = colour(crate::scale::CATEGORICAL[0]);
    let mut geometry = Geometry::default();
    let mut y0 = pad;
    for row in rows {
        let extra = row_label(
            area,
            f,
            &row.label,
            (pad, y0),
            (FONT, row.selected, &theme.text),
        )?;
        let by0 = y0 + f.px(LABEL_H) + extra;
        let by1 = by0 + f.px(BAR_H);
        let len = match row.value {
            Some(v) if max > 0.0 && v > 0.0 => ((v / max) * track as f64).round().max(1.0) as i32,
            _ => 0,
        };
        let (x0, x1) = f.span(pad, pad + len);
        if len > 0 {
            area.draw(&Rectangle::new([(x0, by0), (x1, by1)], fill.filled()))?;
            if row.selected {
                outline(area, f, theme, (x0, by0, x1, by1))?;
            }
        }
        label(
            area,
            f,
            &row.value_label,
            (pad + len + f.px(4.0), (by0 + by1) / 2),
            true,
            VPos::Center,
            (
                FONT,
                true,
                if row.value.is_some() {
                    &theme.text
                } else {
                    &theme.muted
                },
            ),
        )?;
        if let Some(t) = &row.target {
            // The whole row is the target (label, bar and value), easier to hit.
            let (hx0, hx1) = f.span(pad, f.width - pad);
            geometry.hits.push(Hit {
                target: t.clone(),
                x0: hx0,
                y0,
                x1: hx1,
                y1: by1,
            });
        }
        y0 = by1 + f.px(ROW_GAP);
    }
    Ok(geometry)
}

/// Legend entries placed at a width (CSS pixels): (x from start, line).
fn legend_layout(texts: &[&str], width: f64) -> Vec<(f64, usize)> {
    let mut out = Vec::new();
    let (mut x, mut line) = (PAD, 0);
    for t in texts {
        let w = 12.0 + 6.0 + text_width(t, SMALL);
        if x > PAD && x + w > width - PAD {
            x = PAD;
            line += 1;
        }
        out.push((x, line));
        x += w + 18.0;
    }
    out
}

/// Height of a legend (CSS pixels).
fn legend_height(texts: &[&str], width: f64) -> f64 {
    let lines = legend_layout(texts, width)
        .last()
        .map(|(_, l)| l + 1)
        .unwrap_or(0);
    lines as f64 * LEGEND_H
}

/// Draws the legend; returns its height in pixels.
fn legend<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    f: &Frame,
    theme: &Theme,
    entries: &[(&str, RGBColor)],
) -> Result<i32, DrawingAreaErrorKind<DB::ErrorType>> {
    let texts: Vec<&str> = entries.iter().map(|(t, _)| *t).collect();
    let css_width = f.width as f64 / f.scale;
    let sw = f.px(12.0);
    for ((text, fill), (x, line)) in entries.iter().zip(legend_layout(&texts, css_width)) {
        let x = f.px(x);
        let y = f.px(PAD + LEGEND_H * (line as f64 + 0.5));
        let (x0, x1) = f.span(x, x + sw);
        area.draw(&Rectangle::new(
            [(x0, y - sw / 2), (x1, y + sw / 2)],
            fill.filled(),
        ))?;
        label(
            area,
            f,
            text,
            (x + sw + f.px(6.0), y),
            true,
            VPos::Center,
            (SMALL, false, &theme.text),
        )?;
    }
    Ok(f.px(legend_height(&texts, css_width)))
}

fn draw_stack<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    f: &Frame,
    theme: &Theme,
    chart: &StackChart,
) -> DrawResult<DB> {
    let women_fill = colour(crate::scale::WOMEN);
    let men_fill = colour(crate::scale::MEN);
    let legend_h = legend(
        area,
        f,
        theme,
        &[
            (&chart.legend_women, women_fill),
            (&chart.legend_men, men_fill),
        ],
    )?;
    let pad = f.px(PAD);
    let track = f.width - 2 * pad;
    let mut y0 = pad + legend_h;
    let mut geometry = Geometry::default();
    for row in &chart.rows {
        let extra = row_label(area, f, &row.label, (pad, y0), (FONT, false, &theme.text))?;
        let by0 = y0 + f.px(LABEL_H) + extra;
        let by1 = by0 + f.px(BAR_H);
        y0 = by1 + f.px(ROW_GAP);
        let total = row.women + row.men;
        if total <= 0.0 {
            continue;
        }
        let split = pad + (row.women / total * track as f64).round() as i32;
        for (gender, start, end, fill, text) in [
            (Gender::Female, pad, split, women_fill, &row.women_label),
            (Gender::Male, split, pad + track, men_fill, &row.men_label),
        ] {
            if end <= start {
                continue;
            }
            let (x0, x1) = f.span(start, end);
            area.draw(&Rectangle::new([(x0, by0), (x1, by1)], fill.filled()))?;
            if chart.selected == Some(gender) {
                outline(area, f, theme, (x0, by0, x1, by1))?;
            }
            if text_width(text, SMALL) * f.scale + f.px(8.0) as f64 <= (end - start) as f64 {
                label(
                    area,
                    f,
                    text,
                    (start + f.px(4.0), (by0 + by1) / 2),
                    true,
                    VPos::Center,
                    (SMALL, true, &ink_on(&fill)),
                )?;
            }
            geometry.hits.push(Hit {
                target: Target::Gender(gender),
                x0,
                y0: by0,
                x1,
                y1: by1,
            });
        }
    }
    Ok(geometry)
}

fn draw_pairs<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    f: &Frame,
    theme: &Theme,
    chart: &PairChart,
) -> DrawResult<DB> {
    let reached_fill = colour(crate::scale::CATEGORICAL[0]);
    let population_fill = colour(crate::scale::CATEGORICAL[1]);
    let legend_h = legend(
        area,
        f,
        theme,
        &[
            (&chart.legend_reached, reached_fill),
            (&chart.legend_population, population_fill),
        ],
    )?;
    let pad = f.px(PAD);
    let reserve = chart
        .rows
        .iter()
        .flat_map(|r| {
            [
                (r.reached, &r.reached_label),
                (r.population, &r.population_label),
            ]
        })
        .filter(|(share, _)| share.is_some())
        .map(|(_, s)| text_width(s, SMALL))
        .fold(0.0_f64, f64::max)
        .min(220.0)
        + 8.0;
    // The full track is 100 %.
    let track = (f.width - 2 * pad - f.px(reserve)).max(f.px(40.0));
    let mut y0 = pad + legend_h;
    for row in &chart.rows {
        let extra = row_label(area, f, &row.label, (pad, y0), (FONT, true, &theme.text))?;
        let mut by0 = y0 + f.px(LABEL_H) + extra;
        let bars = [
            (row.reached, &row.reached_label, reached_fill),
            (row.population, &row.population_label, population_fill),
        ];
        for (share, text, fill) in bars {
            let mut by1 = by0 + f.px(BAR_H);
            if share.is_some() {
                let (tx0, tx1) = f.span(pad, pad + track);
                area.draw(&Rectangle::new(
                    [(tx0, by0), (tx1, by1)],
                    theme.track.filled(),
                ))?;
            }
            let len = share
                .map(|s| (s.clamp(0.0, 1.0) * track as f64).round() as i32)
                .unwrap_or(0);
            if len > 0 {
                let (x0, x1) = f.span(pad, pad + len);
                area.draw(&Rectangle::new([(x0, by0), (x1, by1)], fill.filled()))?;
            }
            if share.is_some() {
                label(
                    area,
                    f,
                    text,
                    (pad + track + f.px(4.0), (by0 + by1) / 2),
                    true,
                    VPos::Center,
                    (SMALL, true, &theme.text),
                )?;
            } else {
                // No bar: the note says why, wrapped in the bar's place.
                let top = (by0 + by1) / 2 - f.px(LABEL_H / 2.0);
                by1 += row_label(
                    area,
                    f,
                    text,
                    (pad + f.px(4.0), top),
                    (SMALL, false, &theme.muted),
                )?;
            }
            by0 = by1 + f.px(4.0);
        }
        y0 = by0 - f.px(4.0) + f.px(ROW_GAP);
    }
    Ok(Geometry::default())
}

fn draw_panels<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    f: &Frame,
    theme: &Theme,
    panels: &[Panel],
) -> DrawResult<DB> {
    let layout = panel_layout(panels, f.width as f64 / f.scale);
    let (columns, heights) = (layout.columns, &layout.heights);
    let pad = f.px(PAD);
    let gap = f.px(PANEL_GAP);
    let panel_w = (f.width - 2 * pad - gap * (columns as i32 - 1)) / columns as i32;
    let mut geometry = Geometry::default();
    let mut y = pad;
    for (r, row) in panels.chunks(columns).enumerate() {
        let h = f.px(heights[r]);
        for (c, panel) in row.iter().enumerate() {
            let (value_w, lines) = &layout.items[r * columns + c];
            let start = pad + c as i32 * (panel_w + gap);
            let (x0, x1) = f.span(start, start + panel_w);
            let stroke = if panel.selected {
                &theme.text
            } else {
                &theme.track
            };
            let sw = f.px(if panel.selected { 2.0 } else { 1.0 }).max(1) as u32;
            area.draw(&Rectangle::new(
                [(x0, y), (x1, y + h)],
                ShapeStyle::from(stroke).stroke_width(sw),
            ))?;
            let inner = start + f.px(8.0);
            label(
                area,
                f,
                &panel.title,
                (inner, y + f.px(PANEL_TITLE_H / 2.0 + 2.0)),
                true,
                VPos::Center,
                (FONT, true, &theme.text),
            )?;
            if panel.items.is_empty() {
                label(
                    area,
                    f,
                    &panel.empty_note,
                    (inner, y + f.px(PANEL_TITLE_H + PANEL_ITEM_H / 2.0)),
                    true,
                    VPos::Center,
                    (SMALL, false, &theme.muted),
                )?;
            }
            let mut iy = y + f.px(PANEL_TITLE_H + PANEL_ITEM_H / 2.0);
            for ((value, _), name_lines) in panel.items.iter().zip(lines) {
                label(
                    area,
                    f,
                    value,
                    (inner, iy),
                    true,
                    VPos::Center,
                    (FONT + 2.0, true, &theme.text),
                )?;
                for (l, line) in name_lines.iter().enumerate() {
                    label(
                        area,
                        f,
                        line,
                        (inner + f.px(value_w + 8.0), iy + f.px(l as f64 * LINE_H)),
                        true,
                        VPos::Center,
                        (SMALL, false, &theme.text),
                    )?;
                }
                iy += f.px(PANEL_ITEM_H + (name_lines.len() as f64 - 1.0) * LINE_H);
            }
            if let Some(t) = &panel.target {
                geometry.hits.push(Hit {
                    target: t.clone(),
                    x0,
                    y0: y,
                    x1,
                    y1: y + h,
                });
            }
        }
        y += h + gap;
    }
    Ok(geometry)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bars() -> Vec<BarRow> {
        [
            ("a", "Alpha", 400.0),
            ("b", "Beta", 200.0),
            ("c", "Gamma", 100.0),
        ]
        .into_iter()
        .map(|(id, l, v)| BarRow {
            target: Some(Target::Area(id.into())),
            label: l.into(),
            value: Some(v),
            value_label: format!("{v}"),
            selected: id == "b",
        })
        .collect()
    }

    /// Draws to an SVG string; returns (svg, geometry).
    pub(crate) fn render(fig: &Figure, rtl: bool, width: u32) -> (String, Geometry) {
        let h = height(fig, width as f64);
        let mut svg = String::new();
        let geometry = {
            let area = SVGBackend::with_string(&mut svg, (width, h)).into_drawing_area();
            let g = draw(&area, fig, &Theme::light(), rtl).unwrap();
            area.present().unwrap();
            g
        };
        (svg, geometry)
    }

    #[test]
    fn bar_lengths_are_proportional_and_ltr_anchored_at_start() {
        let (svg, g) = render(&Figure::Bars(bars()), false, 600);
        for l in ["Alpha", "Beta", "Gamma", "400", "200", "100"] {
            assert!(svg.contains(l), "{l} missing");
        }
        assert_eq!(g.hits.len(), 3);
        // The bars themselves: filled rects in the palette colour.
        let rects = bar_rects(&svg);
        assert_eq!(rects.len(), 3, "{svg}");
        let pad = PAD as i32;
        assert!(rects.iter().all(|r| r.0 == pad));
        let (a, b, c) = (rects[0].2, rects[1].2, rects[2].2);
        assert!((a as f64 / b as f64 - 2.0).abs() < 0.05, "{a} {b}");
        assert!((a as f64 / c as f64 - 4.0).abs() < 0.1, "{a} {c}");
    }

    #[test]
    fn bars_mirror_in_rtl() {
        let width = 600;
        let (svg, g) = render(&Figure::Bars(bars()), true, width);
        let rects = bar_rects(&svg);
        let right = width as i32 - PAD as i32;
        assert!(rects.iter().all(|r| r.0 + r.2 == right), "{rects:?}");
        // Labels anchored at the right edge, value labels left of the bars.
        assert!(svg.contains("text-anchor=\"end\""));
        let (_, ltr_g) = render(&Figure::Bars(bars()), false, width);
        assert_eq!(g.hits.len(), ltr_g.hits.len());
        assert!(svg.contains("\u{2067}Alpha\u{2069}"));
    }

    #[test]
    fn stacked_segments_fill_the_width() {
        let fig = Figure::Stack(StackChart {
            rows: vec![StackRow {
                label: "All".into(),
                women: 48.0,
                men: 52.0,
                women_label: "48%".into(),
                men_label: "52%".into(),
            }],
            legend_women: "Women".into(),
            legend_men: "Men".into(),
            selected: None,
        });
        for rtl in [false, true] {
            let (svg, g) = render(&fig, rtl, 500);
            assert!(svg.contains("48%") && svg.contains("Women"));
            assert_eq!(g.hits.len(), 2);
            let total: i32 = g.hits.iter().map(Hit::width).sum();
            assert_eq!(total, 500 - 2 * PAD as i32);
            let women = &g.hits[0];
            assert_eq!(women.target, Target::Gender(Gender::Female));
            assert!((women.width() as f64 / total as f64 - 0.48).abs() < 0.01);
            if rtl {
                assert_eq!(women.x1, 500 - PAD as i32, "women start on the right");
            } else {
                assert_eq!(women.x0, PAD as i32);
            }
        }
    }

    /// Filled rects with the bar colour: (x, y, w, h).
    pub(crate) fn bar_rects(svg: &str) -> Vec<(i32, i32, i32, i32)> {
        let fill = format!("fill=\"{}\"", crate::scale::CATEGORICAL[0].to_uppercase());
        svg.lines()
            .filter(|l| l.contains("<rect") && l.to_uppercase().contains(&fill.to_uppercase()))
            .map(|l| {
                let num = |k: &str| -> i32 {
                    let s = l.split(&format!(" {k}=\"")).nth(1).unwrap();
                    s[..s.find('"').unwrap()].parse::<f64>().unwrap() as i32
                };
                (num("x"), num("y"), num("width"), num("height"))
            })
            .collect()
    }

    #[test]
    fn narrow_legend_wraps_and_no_census_note_keeps_the_track_wide() {
        let fig = Figure::Pairs(PairChart {
            rows: vec![PairRow {
                label: "NEET".into(),
                reached: Some(0.53),
                reached_label: "53%".into(),
                population: None,
                population_label: "no comparison: the census does not count this group".into(),
            }],
            legend_reached: "Among beneficiaries".into(),
            legend_population: "In the population (2024 census)".into(),
        });
        assert!(height(&fig, 320.0) > height(&fig, 1200.0));
        let (svg, _) = render(&fig, false, 320);
        assert!(svg.contains("no comparison"));
        // The 53% bar is drawn over at least half of the width.
        // (The legend's swatch has the same colour; bars are BAR_H high.)
        let bar: Vec<_> = bar_rects(&svg)
            .into_iter()
            .filter(|r| r.3 == BAR_H as i32)
            .collect();
        assert_eq!(bar.len(), 1);
        assert!(bar[0].2 as f64 > 0.53 * 0.5 * 320.0, "{bar:?}");
    }

    #[test]
    fn long_labels_wrap_instead_of_overflowing() {
        let long = "Youth not in education, employment or training (NEET)";
        let mut rows = bars();
        rows[0].label = long.into();
        let fig = Figure::Bars(rows);
        assert!(height(&fig, 320.0) > height(&Figure::Bars(bars()), 320.0));
        let (svg, _) = render(&fig, false, 320);
        assert!(!svg.contains(long), "drawn on one line");
        assert!(svg.contains("Youth not in"));
        assert!(svg.contains("(NEET)"));
        // Still one bar per row, lengths in proportion.
        let rects = bar_rects(&svg);
        assert_eq!(rects.len(), 3);
        assert!((rects[0].2 as f64 / rects[1].2 as f64 - 2.0).abs() < 0.05);
        assert_eq!(wrap("a b", 12.0, 1.0), vec!["a", "b"]);
        assert_eq!(wrap("", 12.0, 100.0), vec![""]);
    }

    #[test]
    fn small_multiples_balance_their_rows() {
        assert_eq!(panel_columns(1200.0, 6), 3);
        assert_eq!(panel_columns(1200.0, 5), 5);
        assert_eq!(panel_columns(320.0, 6), 1);
        assert_eq!(panel_columns(700.0, 6), 3);
        assert_eq!(panel_columns(1200.0, 0), 1);
    }
}
