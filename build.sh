#!/usr/bin/env bash
# Builds the SDK into web/ and, with "test", runs every test.
#   ./build.sh        build web/xkit.wasm (SDK + catalog), web/xkit-sdk.wasm (the
#                     SDK alone), the catalog's languages (web/i18n/), their
#                     content-hashed copies listed in web/xkit-wasm.json, the
#                     loader (web/xkit.js, web/xkit.mjs, from web/src/) with its
#                     SRI hashes (web/xkit-sri.json), and the .br/.gz twins
#   ./build.sh pack   build, then the npm package: dist/xkit-wasm-xkit-<version>.tgz
#   ./build.sh test   build, then the native, wasm (Node), browser (Chromium) and
#                     Worker (wrangler dev --local) tests
#   ./build.sh worker build, then the Cloudflare Worker (cmd/xkit-worker/README.md)
#   ./build.sh bench  build, then the speed and size bench (bench/RESULTS.md)
set -euo pipefail
cd "$(dirname "$0")"

# wasm builds one Go program for the browser with the project's flags:
#   wasm OUT PACKAGE
wasm() {
  # No inlining in our browser packages (DOM glue, not hot loops): inlined
  # copies cost 17 KB of brotli. The JSON reader and the catalog's search
  # keep it, for listConnectors and keystrokes over many connectors.
  local ours=github.com/xkit-wasm/xkit/wasm
  GOOS=js GOARCH=wasm go build -trimpath -ldflags="-s -w" \
    -gcflags="$ours/...=-l" -gcflags="${ours%/wasm}/internal/jsinterop=-l" \
    -gcflags="$ours/internal/jsonv=" -gcflags="$ours/internal/catalog/model=" \
    -o "$1" "$2"
}

build() {
  # The two builds, and below the compressions, run side by side.
  local pids=()
  wasm web/xkit.wasm ./wasm & pids+=($!)          # the SDK with its catalog: the default
  wasm web/xkit-sdk.wasm ./wasm/cmd/sdk & pids+=($!) # the SDK alone (data-catalog="false")
  waitall "${pids[@]}"
  # Go's wasm_exec.js is inside the loader now (internal/loadergen).
  rm -f web/wasm_exec.js web/wasm_exec.js.gz web/wasm_exec.js.br
  # The catalog's languages but English (which the wasm has): the loader
  # fetches web/i18n/{lang}.json beside the wasm for a catalog that speaks it.
  rm -rf web/i18n && mkdir -p web/i18n
  cp wasm/internal/catalog/i18n/messages/*.json web/i18n/
  compress web/xkit.wasm web/xkit-sdk.wasm web/i18n/*.json
  hashed
  # The loader, one file each for the script tag and for import, with the
  # hashed names and Go's wasm_exec.js inside; then its SRI hashes.
  go run ./internal/loadergen -web web
  compress web/xkit.js web/xkit.mjs
  local f raw gz br
  for f in web/xkit.wasm web/xkit-sdk.wasm; do
    raw=$(stat -c %s "$f")
    gz=$(stat -c %s "$f.gz")
    br="n/a (install brotli)"
    [ -f "$f.br" ] && br=$(stat -c %s "$f.br")
    echo "$f: raw $raw bytes, gzip $gz, brotli $br"
  done
}

# compress writes the precompressed twins of FILES... side by side: xkitd
# serves them by Accept-Encoding.
compress() {
  local f pids=()
  for f in "$@"; do
    gzip -9 -n -c "$f" >"$f.gz" & pids+=($!)
    if command -v brotli >/dev/null; then brotli -q 11 -f -o "$f.br" "$f" & pids+=($!); fi
  done
  waitall "${pids[@]}"
}

# waitall waits for the background jobs PIDS... and fails if one did.
waitall() {
  local pid failed=0
  for pid in "$@"; do wait "$pid" || failed=1; done
  return $failed
}

# hashed gives each file the loader fetches (the wasm builds, the catalog's
# languages) a second, content-hashed name (xkit.<sha256:16>.wasm,
# i18n/de.<sha256:16>.json, with their twins) and lists them in
# web/xkit-wasm.json, from which internal/loadergen writes them into the
# loader (a page's server may read it too, to preload the wasm). xkitd
# serves hashed names as immutable, so a second visit neither asks for the
# wasm again nor loses V8's cached code for it.
hashed() {
  rm -f web/xkit.[0-9a-f]*.wasm* web/xkit-sdk.[0-9a-f]*.wasm*
  local f rel stem ext sum z json=""
  for f in web/xkit.wasm web/xkit-sdk.wasm web/i18n/*.json; do
    rel=${f#web/} stem=${rel%.*} ext=${rel##*.}
    sum=$(sha256sum "$f" | cut -c1-16)
    for z in "" .gz .br; do
      if [ -f "$f$z" ]; then cp "$f$z" "web/$stem.$sum.$ext$z"; fi
    done
    json="$json${json:+,}\"$rel\":\"$stem.$sum.$ext\""
  done
  echo "{$json}" >web/xkit-wasm.json
}

# staticcheck's version is pinned here (2026.2.2, checked with Go 1.26);
# it is installed into a temporary directory, not go.mod: as a tool line its
# dependencies would move the module's own, and one binary serves both the
# native and the GOOS=js checks.
STATICCHECK=honnef.co/go/tools/cmd/staticcheck@v0.8.2

lint() {
  go vet ./...
  GOOS=js GOARCH=wasm go vet ./wasm/... ./internal/jsinterop ./internal/d1 ./cmd/xkit-worker
  local bin
  bin=$(mktemp -d)
  trap 'rm -rf "$bin"; trap - RETURN' RETURN
  GOBIN="$bin" go install "$STATICCHECK"
  "$bin/staticcheck" ./...
  GOOS=js GOARCH=wasm "$bin/staticcheck" ./wasm/... ./internal/jsinterop ./internal/d1 ./cmd/xkit-worker
}

run_tests() {
  npm ci --prefix internal/conformance/testdata --no-audit --no-fund --loglevel=error
  # The npm package's scratch apps (Vite, esbuild, React); the package itself
  # is installed from its tarball by the test (package_test.go).
  npm ci --prefix internal/conformance/testdata/apps --no-audit --no-fund --loglevel=error
  npm ci --prefix cmd/xkit-worker --no-audit --no-fund --loglevel=error
  lint
  # -p 1: the browser suite (two Chromiums) and the Worker suite (workerd)
  # each want the machine; side by side on 2 cores they starve each other.
  # Screenshots of the catalog (light and dark) land in artefacts/.
  # -timeout: the browser suite is one package of many Chromium runs; on a
  # busy 2-core machine it passed go test's default 10 minutes (every wait
  # in it has its own limit, so a hang still fails fast).
  XKIT_ARTEFACTS="${XKIT_ARTEFACTS:-$PWD/artefacts}" XKIT_WORKER_TEST=1 go test -count=1 -p 1 -timeout 30m ./...
  # One list of SDK methods: the Go definitions, the loader's lists and
  # xkit.d.ts agree (the built web/xkit.wasm runs under Node).
  node --test web/test/
  # The bridge under Node: Go's wrapper must be on PATH (spec section 9).
  PATH="$(go env GOROOT)/lib/wasm:$PATH" GOOS=js GOARCH=wasm go test -count=1 ./wasm/... ./internal/jsinterop
}

case "${1:-}" in
  "" | test | worker | bench | pack) build ;;
  *) echo "usage: ./build.sh [test | pack | worker | bench]" >&2; exit 2 ;;
esac
case "${1:-}" in
  test) run_tests ;;
  pack) web/pack.sh dist ;; # the npm package (web/package.json)
  worker) cmd/xkit-worker/build.sh ;; # the Worker into cmd/xkit-worker/build/
  bench)
    npm ci --prefix bench --no-audit --no-fund --loglevel=error
    go run ./bench ;;
esac
