#!/usr/bin/env bash
# Builds the Worker into cmd/xkit-worker/build/: app.wasm, the syumai/workers
# shim (worker.mjs, shim.mjs, wasm_exec.js) and public/ (index.html and the
# already built SDK from web/, served as Workers static assets).
# `./build.sh worker` at the top builds the SDK first, then runs this; the
# Worker tests run this alone so they never rewrite web/ under other tests.
set -euo pipefail
cd "$(dirname "$0")/../.."
out=cmd/xkit-worker/build
if [ ! -f web/xkit.wasm ]; then
  echo "web/xkit.wasm is missing: run ./build.sh first (the Worker serves the SDK)" >&2
  exit 1
fi
# Writes worker.mjs, shim.mjs and wasm_exec.js (empties $out first).
go run github.com/syumai/workers/cmd/workers-assets-gen -mode go -o "$out"
GOOS=js GOARCH=wasm go build -trimpath -ldflags="-s -w" -o "$out/app.wasm" ./cmd/xkit-worker
mkdir -p "$out/public/web"
cp index.html "$out/public/"
# Every file of the built SDK but the .br/.gz twins (Cloudflare compresses
# static assets itself) and the npm package's own files: the loaders, both
# wasm builds, their content-hashed copies (which the loaders name),
# xkit-wasm.json and xkit-sri.json.
for f in web/*; do
  case "$f" in *.br | *.gz | web/pack.sh | web/package.json) continue ;; esac
  if [ -f "$f" ]; then cp "$f" "$out/public/web/"; fi
done
# The catalog's languages, fetched by the loader beside xkit.wasm.
if [ -d web/i18n ]; then
  mkdir -p "$out/public/web/i18n"
  cp web/i18n/*.json "$out/public/web/i18n/"
fi
# The same headers as xkitd's for web/ (internal/server static.go,
# origin.go): public code, served to every origin like a CDN's, hence
# "*" and no credentials; content-hashed names (xkit.<16 hex>.wasm) kept a
# year, the files that name them (the loaders, xkit-wasm.json,
# xkit-sri.json) checked on each use (they must name the files this build
# has), other fixed names kept 5 minutes. Workers assets add a
# strong ETag from the content and answer If-None-Match with 304. A rule
# that matches after /web/* adds its headers to that one's, so "!" takes
# Cache-Control off first.
{
  printf '%s\n' '/web/*' '  Access-Control-Allow-Origin: *' '  Cross-Origin-Resource-Policy: cross-origin' \
    '  Cache-Control: public, max-age=300'
  for name in xkit.js xkit.mjs xkit-wasm.json xkit-sri.json; do
    printf '%s\n' "/web/$name" '  ! Cache-Control' '  Cache-Control: no-cache'
  done
  for f in "$out"/public/web/*.*.* "$out"/public/web/i18n/*.*.*; do
    [ -f "$f" ] || continue
    name=${f#"$out/public"}
    if [[ "$(basename "$f")" =~ ^[^.]+\.[0-9a-f]{16}\.[^.]+$ ]]; then
      printf '%s\n' "$name" '  ! Cache-Control' '  Cache-Control: public, max-age=31536000, immutable'
    fi
  done
} >"$out/public/_headers"
raw=$(stat -c %s "$out/app.wasm")
gz=$(gzip -9 -n -c "$out/app.wasm" | wc -c)
echo "$out/app.wasm: raw $raw bytes, gzip $gz (Workers limit: 3 MB gzip free, 10 MB paid)"
