package conformance

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// TestTypeScript is issue 14's type test: testdata/types/usage.ts, a page
// written against xkit.js 3.14.1's declarations, compiles with tsc --strict
// against them (so it is such a page) and against web/xkit.d.ts (so ours
// takes it unchanged), and ours.ts, what xkit.d.ts adds, compiles too.
// TypeScript is pinned in testdata/package.json.
func TestTypeScript(t *testing.T) {
	root := moduleRoot(t)
	dir := filepath.Join(root, "internal", "conformance", "testdata")
	tsc := filepath.Join(dir, "node_modules", ".bin", "tsc")
	if _, err := os.Stat(tsc); err != nil {
		t.Fatalf("%s is missing: run npm ci --prefix internal/conformance/testdata", tsc)
	}
	for _, c := range []struct{ name, config string }{
		{"original", "tsconfig.original.json"}, // xkit.js 3.14.1's lib/index.d.ts and lib/browser.d.ts
		{"wasm", "tsconfig.wasm.json"},         // web/xkit.d.ts
	} {
		t.Run(c.name, func(t *testing.T) {
			cmd := exec.Command(tsc, "-p", c.config)
			cmd.Dir = filepath.Join(dir, "types")
			if out, err := cmd.CombinedOutput(); err != nil {
				t.Fatalf("tsc -p %s: %v\n%s", c.config, err, out)
			}
		})
	}
}
