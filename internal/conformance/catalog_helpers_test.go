package conformance

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The catalog tests' ways to look at the page.

// emulateScheme sets the system's colour scheme the page sees
// (prefers-color-scheme: light or dark).
func emulateScheme(t *testing.T, b *browser, value string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, waitLimit)
	defer cancel()
	_, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
		Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: value}}})
	require.NoError(t, err, "emulating prefers-color-scheme: %s", value)
}

// viewport sets the window's size.
func viewport(t *testing.T, b *browser, width, height int64) {
	t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, waitLimit)
	defer cancel()
	require.NoError(t, chromedp.Do(ctx, chromedp.EmulateViewport(width, height)))
}

// axeScan runs axe-core over a catalog (its shadow tree included; the
// page has loaded axe with __loadAxe) and fails on serious or critical
// violations, colour contrast among them.
func axeScan(t *testing.T, b *browser, id, what string) {
	t.Helper()
	assert.Empty(t, eval[[]string](t, b, `__axe(`+quote(id)+`)`), "axe-core on %s", what)
}

// blockURLs makes the page's requests to these URL patterns fail as a
// network error would; none: unblock.
func blockURLs(t *testing.T, b *browser, patterns ...string) {
	t.Helper()
	var p []*network.BlockPattern
	for _, u := range patterns {
		p = append(p, &network.BlockPattern{URLPattern: u, Block: true})
	}
	ctx, cancel := context.WithTimeout(b.ctx, waitLimit)
	defer cancel()
	_, err := chromedp.Call(ctx, network.SetBlockedURLs, network.SetBlockedURLsParams{URLPatterns: p})
	require.NoError(t, err)
}

// artefacts is where screenshots go: $XKIT_ARTEFACTS/catalog when set
// (./build.sh test sets it), else the test's temporary directory.
func artefacts(t *testing.T) string {
	t.Helper()
	dir := os.Getenv("XKIT_ARTEFACTS")
	if dir == "" {
		return t.TempDir()
	}
	dir = filepath.Join(dir, "catalog")
	require.NoError(t, os.MkdirAll(dir, 0o755))
	return dir
}
