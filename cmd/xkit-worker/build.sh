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
for f in xkit.wasm xkit-sdk.wasm xkit.js xkit.mjs xkit.d.ts xkit.d.mts xkit-wasm.json xkit-sri.json; do
  if [ -f "web/$f" ]; then cp "web/$f" "$out/public/web/"; fi
done
# The content-hashed wasm builds, the names the loader asks for (build.sh's
# hashed writes them into web/xkit.js); the hashed language files come with
# web/i18n below.
cp web/xkit.[0-9a-f]*.wasm web/xkit-sdk.[0-9a-f]*.wasm "$out/public/web/"
# The catalog's languages, fetched by the loader beside xkit.wasm
# (Cloudflare compresses static assets itself).
if [ -d web/i18n ]; then
  mkdir -p "$out/public/web/i18n"
  cp web/i18n/*.json "$out/public/web/i18n/"
fi
# Host pages on other origins load the SDK (xkit.js fetches xkit.wasm), so
# its files carry CORS like a CDN's; they are public code, hence "*".
cat >"$out/public/_headers" <<'HEADERS'
/web/*
  Access-Control-Allow-Origin: *
  Cache-Control: no-cache
HEADERS
raw=$(stat -c %s "$out/app.wasm")
gz=$(gzip -9 -n -c "$out/app.wasm" | wc -c)
echo "$out/app.wasm: raw $raw bytes, gzip $gz (Workers limit: 3 MB gzip free, 10 MB paid)"
