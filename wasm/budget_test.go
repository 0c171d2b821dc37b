//go:build !js

package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// What every page downloads is a budget, in bytes of brotli -q 11 (the
// twins ./build.sh makes and xkitd serves): the SDK with its catalog 700 KB,
// the SDK alone 600 KB.
var budgets = []struct {
	file   string
	budget int
}{
	{"xkit.wasm", 716_800},
	{"xkit-sdk.wasm", 614_400},
}

func TestSizeBudgets(t *testing.T) {
	for _, b := range budgets {
		t.Run(b.file, func(t *testing.T) {
			path := filepath.Join("..", "web", b.file)
			raw, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("web/%s is missing: run ./build.sh first (%v)", b.file, err)
			}
			br, err := os.ReadFile(path + ".br")
			if err != nil {
				t.Fatalf("web/%s.br is missing: run ./build.sh with brotli installed (%v)", b.file, err)
			}
			unpacked, err := exec.Command("brotli", "-d", "-c", path+".br").Output()
			if err != nil {
				t.Fatalf("brotli -d web/%s.br: %v (apt-get install -y brotli)", b.file, err)
			}
			if !bytes.Equal(unpacked, raw) {
				t.Fatalf("web/%s.br is not web/%s: run ./build.sh", b.file, b.file)
			}
			t.Logf("web/%s: %d bytes, brotli %d, budget %d (%d to spare)", b.file, len(raw), len(br), b.budget, b.budget-len(br))
			if len(br) > b.budget {
				t.Errorf("web/%s is %d bytes of brotli, over its budget of %d by %d", b.file, len(br), b.budget, len(br)-b.budget)
			}
		})
	}
}

// The browser builds keep these out: each costs every user tens of KB, and
// the browser already does their work (fetch, JSON, URLs).
var banned = []string{"fmt", "encoding/json", "net/http", "net/url", "reflect"}

func TestBrowserBuildImports(t *testing.T) {
	for _, pkg := range []string{".", "./cmd/sdk"} {
		t.Run(pkg, func(t *testing.T) {
			cmd := exec.Command("go", "list", "-deps", pkg)
			cmd.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm")
			out, err := cmd.Output()
			if err != nil {
				t.Fatalf("go list -deps %s: %v", pkg, err)
			}
			deps := strings.Fields(string(out))
			for _, p := range banned {
				if slices.Contains(deps, p) {
					t.Errorf("the browser build %s links %s (go build -ldflags=-dumpdep shows why)", pkg, p)
				}
			}
		})
	}
}
