#!/usr/bin/env bash
# The release build: the server and the browser bundle, each with its own features, into
# target/release/server and $LEPTOS_SITE_ROOT (pkg/hopehome.{wasm,js,css} and public/).
#
# What `cargo leptos build --release` did, with the same commands and settings, without
# cargo-leptos itself: compiling it took 5 min 29 s of a newcomer's 19 min 42 s first run, and
# its own work is small (cargo, wasm-bindgen and wasm-opt do the rest). Its settings, kept:
# - both cargo builds at once, the wasm in its own target directory (no shared lock);
# - the wasm: `frontend`'s lib, profile wasm-release, then wasm-bindgen --target=web, then
#   wasm-opt -Oz with the two features every browser we serve has;
# - the JS glue minified as an ES module (cargo-leptos used swc; terser here);
# - the style sheet minified for the browserslist query "defaults" (lightningcss in both).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/tools/node_modules/.bin:$HOME/.cargo/bin:$PATH"

NAME=${LEPTOS_OUTPUT_NAME:?set LEPTOS_OUTPUT_NAME (the Makefile does): Leptos names /pkg/<name>.wasm by it}
SITE=${LEPTOS_SITE_ROOT:-target/site}
PKG=$SITE/pkg
FRONT_TARGET=target/front
WASM=$FRONT_TARGET/wasm32-unknown-unknown/wasm-release/frontend.wasm
say() { printf '\033[1m==> %s\033[0m\n' "$*"; }

say "compiling the server and the browser bundle (release)"
cargo build --release --package=server --bin=server &
server=$!
cargo build --profile=wasm-release --package=frontend --lib --target=wasm32-unknown-unknown \
  --target-dir="$FRONT_TARGET" &
front=$!
failed=0
wait "$server" || failed=1
wait "$front" || failed=1
[ "$failed" -eq 0 ] || { echo "the release build failed (above)" >&2; exit 1; }

mkdir -p "$PKG"

# wasm-bindgen and wasm-opt (about 20 s) only when the compiled wasm or the tools changed.
stamp=$FRONT_TARGET/bundle.stamp
want="$(sha256sum "$WASM" | cut -d' ' -f1) $(wasm-bindgen --version) $(wasm-opt --version) $NAME"
if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ] || [ ! -f "$PKG/$NAME.wasm" ] || [ ! -f "$PKG/$NAME.js" ]; then
  say "binding and shrinking the wasm"
  rm -f "$stamp"
  wasm-bindgen --target=web --no-typescript --out-name="$NAME" --out-dir="$PKG" "$WASM"
  # Leptos' hydration script asks for <name>.wasm, not wasm-bindgen's <name>_bg.wasm.
  mv "$PKG/${NAME}_bg.wasm" "$PKG/$NAME.wasm"
  wasm-opt -Oz --enable-bulk-memory --enable-nontrapping-float-to-int \
    "$PKG/$NAME.wasm" -o "$PKG/$NAME.wasm"
  terser "$PKG/$NAME.js" --module --compress --mangle --output "$PKG/$NAME.js.tmp"
  mv "$PKG/$NAME.js.tmp" "$PKG/$NAME.js"
  echo "$want" > "$stamp"
fi

lightningcss --minify --targets defaults style/main.css --output-file "$PKG/$NAME.css.tmp"
mv "$PKG/$NAME.css.tmp" "$PKG/$NAME.css"
cp -R public/. "$SITE/"
