//! Geometry (pure): TopoJSON decoding, projection, SVG paths, centroids, bounds.
