#!/usr/bin/env bash
# Prints the size of the release build's wasm and JS: raw, gzip -9, brotli -q 11.
#   tools/sizes.sh [dist]
set -euo pipefail
cd "$(dirname "$0")/.."
DIST="${1:-dist}"
shopt -s nullglob
files=("$DIST"/*.wasm "$DIST"/*.js)
if [ "${#files[@]}" -eq 0 ]; then
  echo "sizes: no wasm/js in $DIST/ (run: make build)" >&2
  exit 1
fi
kb() { awk -v b="$1" 'BEGIN { printf "%.1f KB", b / 1024 }'; }
printf '%-44s %12s %12s %12s\n' "release build" raw gzip brotli
tw=0; tg=0; tb=0
for f in "${files[@]}"; do
  raw=$(stat -c %s "$f")
  gz=$(gzip -9 -c "$f" | wc -c)
  if command -v brotli >/dev/null 2>&1; then br=$(brotli -q 11 -c "$f" | wc -c); else br=0; fi
  printf '%-44s %12s %12s %12s\n' "$(basename "$f")" "$(kb "$raw")" "$(kb "$gz")" \
    "$([ "$br" -gt 0 ] && kb "$br" || echo n/a)"
  tw=$((tw + raw)); tg=$((tg + gz)); tb=$((tb + br))
done
printf '%-44s %12s %12s %12s\n' "total" "$(kb "$tw")" "$(kb "$tg")" "$([ "$tb" -gt 0 ] && kb "$tb" || echo n/a)"
