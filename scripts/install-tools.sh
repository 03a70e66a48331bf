#!/usr/bin/env bash
# Installs what `make run` and `make test` need and is missing; quick when all is there.
# Reaches only crates.io, npm and Debian's packages.
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }
as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

# 1. The Rust toolchain pinned in rust-toolchain.toml, with the wasm target.
if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

# wasm-bindgen-cli is compiled without optimisation: 57 s on 2 cores, against 2 min 4 s; its
# own work in a build is small, and it makes byte-identical files.
# (The build needs no cargo-leptos: scripts/build.sh runs what it ran.)
tool_install() {
  CARGO_PROFILE_RELEASE_LTO=false CARGO_PROFILE_RELEASE_CODEGEN_UNITS=256 \
    CARGO_PROFILE_RELEASE_OPT_LEVEL=0 CARGO_PROFILE_RELEASE_DEBUG=false \
    cargo install "$@"
}

# 2. wasm-bindgen-cli at exactly the version of wasm-bindgen in Cargo.lock.
#    Not --locked: its own lock file names a crate version the registry lacks.
WASM_BINDGEN_VERSION=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/[^0-9.]/, ""); print; exit }' Cargo.lock)
if ! wasm-bindgen --version 2>/dev/null | grep -q " $WASM_BINDGEN_VERSION\$"; then
  say "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION"
  tool_install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --force
fi

# 3. What the build runs after cargo, from npm into tools/node_modules: wasm-opt (binaryen;
#    Debian's is too old), lightningcss (the style sheet), terser (the JS glue).
if [ ! -d tools/node_modules ] || [ tools/package-lock.json -nt tools/node_modules/.package-lock.json ]; then
  say "installing wasm-opt, lightningcss and terser (npm)"
  (cd tools && npm ci --no-audit --no-fund)
fi

# 4. Debian's Chromium (never Playwright's own download): its headless shell runs the
#    end-to-end tests, the whole browser `make measure`.
if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromium-headless-shell ]; then
  say "installing Debian's chromium and chromium-headless-shell"
  as_root apt-get install -y --no-install-recommends chromium chromium-headless-shell \
    || { as_root apt-get update && as_root apt-get install -y --no-install-recommends chromium chromium-headless-shell; }
fi

# 5. Python's icalendar: an independent parser the feed tests check our iCalendar against.
if ! python3 -c "import icalendar" 2>/dev/null; then
  say "installing Python's icalendar (feed tests)"
  python3 -m pip install --quiet --disable-pip-version-check "icalendar==6.1.3"
fi

# 6. Playwright's test runner, without its browser download.
if [ ! -d end2end/node_modules/@playwright/test ] || [ end2end/package-lock.json -nt end2end/node_modules/.package-lock.json ]; then
  say "installing the end-to-end test runner"
  (cd end2end && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund)
fi

# 7. Only for `make bench-http`: Debian's wrk, the load generator.
if [ "${1:-}" = "--bench" ] && ! command -v wrk >/dev/null; then
  say "installing Debian's wrk (make bench-http)"
  as_root apt-get install -y --no-install-recommends wrk \
    || { as_root apt-get update && as_root apt-get install -y --no-install-recommends wrk; }
fi

# 8. Only for `make bench-http`: Radicale, the CalDAV server the feed is compared with, from
# PyPI into tools/radicale (pinned, so the comparison is the same on every machine).
RADICALE_VERSION=3.5.10
if [ "${1:-}" = "--bench" ] && [ ! -d "tools/radicale/radicale-${RADICALE_VERSION}.dist-info" ]; then
  say "installing Radicale ${RADICALE_VERSION} (make bench-http)"
  rm -rf tools/radicale
  python3 -m pip install --quiet --disable-pip-version-check --no-warn-conflicts --root-user-action=ignore --target tools/radicale "radicale==${RADICALE_VERSION}"
fi

# 9. Only for `make measure`: FullCalendar (its standard bundle, its iCalendar plugin and
# the ical.js it reads feeds with) from npm into tools/fullcalendar, pinned, to compare with.
FULLCALENDAR_VERSION=6.1.21
if [ "${1:-}" = "--bench" ] && ! grep -qs "\"version\": \"${FULLCALENDAR_VERSION}\"" tools/fullcalendar/node_modules/fullcalendar/package.json; then
  say "installing FullCalendar ${FULLCALENDAR_VERSION} (make measure)"
  mkdir -p tools/fullcalendar
  npm install --prefix tools/fullcalendar --no-audit --no-fund --no-save \
    "fullcalendar@${FULLCALENDAR_VERSION}" "@fullcalendar/icalendar@${FULLCALENDAR_VERSION}" "ical.js@1.5.0"
fi

# 10. Only for `make measure`: a CJK font, so Chromium lays out Chinese as a tablet does
# (without one it searches its fallbacks for every character, and layout takes twice as long).
if [ "${1:-}" = "--bench" ] && ! fc-list 2>/dev/null | grep -qi "wqy\|noto sans cjk"; then
  say "installing Debian's fonts-wqy-microhei (make measure)"
  as_root apt-get install -y --no-install-recommends fonts-wqy-microhei \
    || { as_root apt-get update && as_root apt-get install -y --no-install-recommends fonts-wqy-microhei; }
fi
