//! Chart drawing (pure): the figures of the charts panel as plain data
//! ([`Figure`]) and one [`draw`] function generic over plotters'
//! `DrawingBackend`, so native tests draw to SVG and the browser to a canvas.
//! Layout is computed here, mirrored for right-to-left languages, and the
//! clickable marks are returned as [`Geometry`].

//!
//! One file per concern: `layout` (room that texts and rows take), `frame`
//! (scale, mirroring, fonts, labels), `legend`, and one file per shape
//! (`bars`, `stack`, `pairs`, `panels`). A new shape is a [`Figure`]
//! variant, its file, and its arms in [`draw`] and [`height`].

mod bars;
mod export;
mod frame;
mod layout;
mod legend;
mod pairs;
mod panels;
mod stack;
#[cfg(test)]
pub(crate) mod testing;
#[cfg(test)]
mod tests;

use bars::draw_bars;
pub use export::{Caption, draw_export, export_height};
use frame::*;
pub use layout::height;
use layout::*;
use legend::*;
use pairs::draw_pairs;
use panels::draw_panels;
use stack::draw_stack;

use crate::model::Gender;
/// What a click on a mark selects: a value of one filter field.
pub use crate::stats::Selection;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

/// A clickable mark, in pixels of the drawing area.
#[derive(Clone, Debug, PartialEq)]
pub struct Hit {
    pub target: Selection,
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
    pub fn hit(&self, x: i32, y: i32) -> Option<&Selection> {
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
    pub target: Option<Selection>,
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
    pub target: Option<Selection>,
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

/// Draws `figure` on `area` (background included) and returns its clickable
/// marks. `rtl` mirrors the layout: labels on the right, bars growing leftwards.
pub fn draw<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    figure: &Figure,
    theme: &Theme,
    rtl: bool,
) -> Drawn<DB> {
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
