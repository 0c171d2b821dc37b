#!/usr/bin/env bash
# Packs the built SDK (web/, from ./build.sh) as the npm package
# @xkit-wasm/xkit into OUT (default dist/): OUT/xkit-wasm-xkit-<version>.tgz.
#   web/pack.sh [OUT]
# `./build.sh pack` builds, then runs this; the package tests
# (internal/conformance/package_test.go) run this alone, so they never
# rewrite web/ under other tests.
#
# The package holds the module (xkit.mjs, with its loader and Go's
# wasm_exec.js inside), the script-tag build (xkit.js, for a CDN), the two
# wasm builds and the catalog's language files under their plain names (a
# bundler hashes what it copies), the types and the esbuild plugin.
set -euo pipefail
cd "$(dirname "$0")/.."
out=$(realpath -m "${1:-dist}")
if [ ! -f web/xkit.wasm ] || [ ! -f web/xkit-wasm.json ]; then
  echo "web/xkit.wasm is missing: run ./build.sh first (the package holds the built SDK)" >&2
  exit 1
fi
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
mkdir -p "$stage/i18n" "$out"
cp web/package.json web/xkit.wasm web/xkit-sdk.wasm web/xkit.d.ts web/xkit.d.mts "$stage/"
chmod 644 "$stage"/*.wasm
cp web/src/esbuild.mjs web/src/esbuild.d.mts web/src/README.md "$stage/"
for f in web/i18n/*.json; do
  # The plain names only: build.sh's content-hashed copies are xkitd's.
  [[ $(basename "$f") =~ \.[0-9a-f]{16}\.json$ ]] || cp "$f" "$stage/i18n/"
done
go run ./internal/loadergen -web web -plain -out "$stage"
tgz=$(npm pack "$stage" --pack-destination "$out" --loglevel=error | tail -n 1)
echo "$out/$tgz: $(stat -c %s "$out/$tgz") bytes"
