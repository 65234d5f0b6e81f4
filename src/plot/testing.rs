//! Test support for drawings (compiled for `cargo test` only): draw a figure
//! to an SVG string and read the bars back.

use super::*;

/// Draws to an SVG string; returns (svg, geometry).
pub fn render(fig: &Figure, rtl: bool, width: u32) -> (String, Geometry) {
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

/// Filled rects with the bar colour: (x, y, w, h).
pub fn bar_rects(svg: &str) -> Vec<(i32, i32, i32, i32)> {
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
