// Package conformance holds the browser conformance suite: the same
// walkthrough of the Xkit browser SDK runs in headless Chromium against a real
// xkitd, once with the original xkit.js 3.14.1 and once with our wasm SDK, so
// a difference between the two shows up as a failing step.
//
// The package has only tests. Run them with
//
//	npm ci --prefix internal/conformance/testdata
//	./build.sh
//	go test ./internal/conformance/ -v
package conformance
