#!/usr/bin/env bash
# The release build: the server and the browser bundle, each with its own features, into
# target/release/server and $LEPTOS_SITE_ROOT (pkg/hopehome.{wasm,js,css} and public/).
#
# It replaces `cargo leptos build --release` (0.3.10), whose compilation took 5 min 29 s of a
# newcomer's 19 min 42 s first run; its own work is small (cargo, wasm-bindgen and wasm-opt
# do the rest). Its settings are written here again, by hand: keep them in step with the
# `[[workspace.metadata.leptos]]` table in Cargo.toml, which only `cargo leptos` reads.
# - both cargo builds at once, the wasm in its own target directory (no shared lock);
# - the wasm: `frontend`'s lib, profile wasm-release, then wasm-bindgen --target=web, then
#   wasm-opt -Oz, to convergence, with the two features every browser we serve has;
# - the JS glue minified as an ES module (cargo-leptos used swc; terser here);
# - the style sheet minified for the browserslist query "defaults" (lightningcss in both);
# - public/ mirrored into the site root (pkg/ aside).
# Unlike cargo-leptos it writes no TypeScript declarations, and it puts a new bundle in
# place only once all of it is made.
#
# `scripts/build.sh bundle` makes the browser bundle alone: `make test` runs the tests on
# the dev build of the server, which it builds itself, while this runs beside it.
set -euo pipefail
what=${1:-all}
case "$what" in
  all | bundle) ;;
  *) echo "usage: $0 [bundle]" >&2; exit 2 ;;
esac
cd "$(dirname "$0")/.."
export PATH="$PWD/tools/node_modules/.bin:$HOME/.cargo/bin:$PATH"

NAME=${LEPTOS_OUTPUT_NAME:?set LEPTOS_OUTPUT_NAME (the Makefile does): Leptos names /pkg/<name>.wasm by it}
SITE=${LEPTOS_SITE_ROOT:-target/site}
PKG=$SITE/pkg
FRONT_TARGET=target/front
WASM=$FRONT_TARGET/wasm32-unknown-unknown/wasm-release/frontend.wasm
say() { printf '\033[1m==> %s\033[0m\n' "$*"; }

server=
if [ "$what" = all ]; then
  say "compiling the server and the browser bundle (release)"
  cargo build --release --package=server --bin=server &
  server=$!
else
  say "compiling the browser bundle (release)"
fi
cargo build --profile=wasm-release --package=frontend --lib --target=wasm32-unknown-unknown \
  --target-dir="$FRONT_TARGET" &
front=$!
# An interrupted build stops both compilers (a background job ignores Ctrl-C, and would go
# on holding target/'s lock), and the rustc each started.
started=$(echo $server $front | tr ' ' ,)
trap 'pkill -TERM -P "$started" 2>/dev/null; kill $server $front 2>/dev/null || true' INT TERM
failed=0
if [ -n "$server" ]; then wait "$server" || failed=1; fi
wait "$front" || failed=1
trap - INT TERM
[ "$failed" -eq 0 ] || { echo "the release build failed (above)" >&2; exit 1; }

mkdir -p "$PKG"

# wasm-bindgen, wasm-opt and terser (about 20 s) run again only when what they start from
# changed (the compiled wasm, the tools, this script) or what they made is not what is in
# $PKG now (another build, or `cargo leptos watch`, wrote there since).
stamp=$FRONT_TARGET/bundle-$(printf '%s' "$PWD/$PKG" | sha256sum | cut -c1-16).stamp
made() { sha256sum "$PKG/$NAME.wasm" "$PKG/$NAME.js" 2>/dev/null | cut -d' ' -f1 | tr '\n' ' '; }
inputs="$(sha256sum "$WASM" scripts/build.sh | cut -d' ' -f1 | tr '\n' ' ')$(wasm-bindgen --version) $(wasm-opt --version) $(terser --version) $NAME"
if [ "$(cat "$stamp" 2>/dev/null)" != "$inputs $(made)" ]; then
  say "binding and shrinking the wasm"
  rm -f "$stamp"
  # Made beside pkg/'s files (one filesystem: each goes in by a rename).
  work=$(mktemp -d "$PKG/.new.XXXXXX")
  trap 'rm -rf "$work"' EXIT
  wasm-bindgen --target=web --no-typescript --out-name="$NAME" --out-dir="$work" "$WASM"
  # Leptos' hydration script asks for <name>.wasm, not wasm-bindgen's <name>_bg.wasm.
  # --converge runs -Oz again until it finds nothing more (568 bytes brotli, 6 s more);
  # the producers and target-features sections are for tools, not browsers (147 bytes).
  wasm-opt -Oz --converge --strip-producers --strip-target-features \
    --enable-bulk-memory --enable-nontrapping-float-to-int \
    "$work/${NAME}_bg.wasm" -o "$work/$NAME.wasm"
  terser "$work/$NAME.js" --module --compress --mangle --output "$work/$NAME.min.js"
  # Snippets (inline JS of wasm_bindgen imports), if any, go in first; the glue and the
  # wasm last, each renamed into place whole.
  if [ -d "$work/snippets" ]; then rm -rf "$PKG/snippets" && mv "$work/snippets" "$PKG/"; fi
  mv "$work/$NAME.wasm" "$PKG/$NAME.wasm"
  mv "$work/$NAME.min.js" "$PKG/$NAME.js"
  echo "$inputs $(made)" > "$stamp"
fi

lightningcss --minify --targets defaults style/main.css --output-file "$PKG/$NAME.css.tmp"
mv "$PKG/$NAME.css.tmp" "$PKG/$NAME.css"

# public/ mirrored: a file removed from it leaves the site too (with the .br/.gz copies
# scripts/precompress.sh made of it); pkg/ is this build's. Only in target/site (or a
# folder of it): a LEPTOS_SITE_ROOT elsewhere is copied into, never cleared.
case "$(realpath "$SITE")/" in
  "$(pwd -P)"/target/site/*)
    for served in "$SITE"/*; do
      name=$(basename "$served")
      original=${name%.br}
      original=${original%.gz}
      [ "$name" = pkg ] || [ -e "public/$original" ] || rm -rf -- "$served"
    done
    ;;
esac
cp -R public/. "$SITE/"
