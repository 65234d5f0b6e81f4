//! Colour scale (pure): value -> class, the palettes shared by the map and
//! the charts, legend entries.

/// Sequential palette, light to dark, colour-blind safe (ColorBrewer
/// "YlGnBu", 5 classes): luminance rises monotonically, so the order reads in
/// greyscale and for every common colour-vision deficiency.
pub const SEQUENTIAL: [&str; 5] = ["#ffffcc", "#a1dab4", "#41b6c4", "#2c7fb8", "#253494"];

/// Categorical palette (Okabe–Ito), for series that are not ordered.
pub const CATEGORICAL: [&str; 6] = ["#0072b2", "#e69f00", "#009e73", "#cc79a7", "#56b4e9", "#d55e00"];

/// Women / men in gender charts (Okabe–Ito orange and blue: distinct for
/// protanopia, deuteranopia and tritanopia).
pub const WOMEN: &str = "#d55e00";
pub const MEN: &str = "#0072b2";

/// Marks with no data (with a hatch pattern on the map).
pub const NO_DATA: &str = "#d9d9d9";

/// Parses `#rrggbb` into RGB components.
pub fn rgb(hex: &str) -> Option<(u8, u8, u8)> {
    let h = hex.strip_prefix('#')?;
    if h.len() != 6 {
        return None;
    }
    let p = |i: usize| u8::from_str_radix(&h[i..i + 2], 16).ok();
    Some((p(0)?, p(2)?, p(4)?))
}
