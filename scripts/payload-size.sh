#!/usr/bin/env bash
# What the calendar route ships to a tablet, after brotli -q 11: wasm + js + css.
# Fails when it exceeds the budget (100 KB, issue 17), so growth is noticed in the commit that causes it.
set -euo pipefail
cd "$(dirname "$0")/.."
BUDGET_KB=${PAYLOAD_BUDGET_KB:-100}
PKG=${LEPTOS_SITE_ROOT:-target/site}/pkg
total=0
for file in "$PKG"/hopehome.wasm "$PKG"/hopehome.js "$PKG"/hopehome.css; do
  size=$(node -e "const z=require('zlib');const b=require('fs').readFileSync(process.argv[1]);
    process.stdout.write(String(z.brotliCompressSync(b,{params:{[z.constants.BROTLI_PARAM_QUALITY]:11}}).length))" "$file")
  printf '%-32s %8d bytes raw %8d bytes brotli\n' "$(basename "$file")" "$(stat -c %s "$file")" "$size"
  total=$((total + size))
done
printf "total brotli: %d bytes (%s KB); budget %d KB\n" "$total" "$(awk -v t="$total" 'BEGIN { printf "%.1f", t / 1024 }')" "$BUDGET_KB"
if [ "$total" -gt $((BUDGET_KB * 1024)) ]; then
  echo "the calendar route is over its ${BUDGET_KB} KB budget" >&2
  exit 1
fi
