#!/usr/bin/env bash
# The site's static files compressed once, at the best levels (brotli 11, gzip 9), beside
# them as .br and .gz: the server sends these as they are (leptos_axum's ServeDir), instead
# of compressing the wasm for every tablet that loads it. The server ignores (and removes)
# a compressed copy older than its file, so a rebuild without this step is never served a
# stale bundle.
set -euo pipefail
cd "$(dirname "$0")/.."
SITE=${LEPTOS_SITE_ROOT:-target/site}
for file in "$SITE"/pkg/*.wasm "$SITE"/pkg/*.js "$SITE"/pkg/*.css "$SITE"/*.svg; do
  [ -f "$file" ] || continue
  node -e "
    const z = require('zlib'), fs = require('fs'), f = process.argv[1], b = fs.readFileSync(f);
    const write = (name, bytes) => { fs.writeFileSync(name + '.tmp', bytes); fs.renameSync(name + '.tmp', name); };
    write(f + '.br', z.brotliCompressSync(b, { params: { [z.constants.BROTLI_PARAM_QUALITY]: 11, [z.constants.BROTLI_PARAM_SIZE_HINT]: b.length } }));
    write(f + '.gz', z.gzipSync(b, { level: 9 }));
  " "$file"
done
