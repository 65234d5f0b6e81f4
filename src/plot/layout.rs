//! Layout (pure): how much room texts, rows, legends and small multiples take.

use super::*;

/// Rough width of a text (no font metrics in pure code): enough to reserve
/// room for value labels.
pub(super) fn text_width(text: &str, size: f64) -> f64 {
    text.chars().count() as f64 * size * 0.58
}

/// Extra height (CSS pixels) of a row label wrapped at the figure's width.
pub(super) fn label_extra(text: &str, size: f64, width: f64) -> f64 {
    (wrap(text, size, width - 2.0 * PAD).len() as f64 - 1.0) * LINE_H
}

/// Columns of small multiples: as many as fit, then balanced so that the
/// last row is not left nearly empty (6 panels: 3 + 3, not 5 + 1).
pub(super) fn panel_columns(figure_width: f64, panels: usize) -> usize {
    let fit = ((figure_width - PAD) / (PANEL_MIN_W + PANEL_GAP))
        .floor()
        .max(1.0) as usize;
    let rows = panels.max(1).div_ceil(fit);
    panels.max(1).div_ceil(rows)
}

/// Breaks `text` at spaces into lines of about `max_width` CSS pixels.
pub(super) fn wrap(text: &str, size: f64, max_width: f64) -> Vec<String> {
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
pub(super) struct PanelLayout {
    pub(super) columns: usize,
    /// Per panel: its value column width and each item's name lines.
    pub(super) items: Vec<(f64, Vec<Vec<String>>)>,
    /// Per row of panels: its height.
    pub(super) heights: Vec<f64>,
}

pub(super) const LINE_H: f64 = 16.0;

pub(super) fn panel_layout(panels: &[Panel], width: f64) -> PanelLayout {
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
