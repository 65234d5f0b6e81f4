//! Colour scale (pure): value -> class, palette shared by map and charts, legend entries.
