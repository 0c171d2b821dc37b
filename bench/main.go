// Command bench measures the original Xkit SDK (xkit.js 3.14.1 with
// xkit-catalog-react.js 1.2.1, bundled by esbuild, minified, production)
// and ours (web/xkit.js, with Go's wasm_exec.js inside, and xkit.wasm) side by side in headless
// Chromium against xkitd on loopback, and writes bench/RESULTS.md.
//
//	npm ci --prefix bench && ./build.sh && go run ./bench
//
// `go run ./bench load` is the other command: many users at once against
// one xkitd (see load.go).
//
// Start-up is measured on a first and a second visit (startup.go); the
// other timings are first visits (the tab's HTTP cache is off). Runs are
// interleaved original/ours so background load hits both alike.
package main

import (
	"context"
	"flag"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"time"
)

type config struct {
	cards, search, runs, calls, keys int
	chromium, out                    string
	verbose                          bool
	profile, web                     string
	wait                             time.Duration
	only                             string
}

func main() {
	if len(os.Args) > 1 && os.Args[1] == "load" {
		loadMain(os.Args[2:])
		return
	}
	var c config
	flag.IntVar(&c.cards, "cards", 200, "connectors for load times, listConnectors and memory")
	flag.IntVar(&c.search, "search", 1000, "connectors for the search keystrokes")
	flag.IntVar(&c.runs, "runs", 10, "page loads per load-time median")
	flag.IntVar(&c.calls, "calls", 50, "sequential listConnectors calls")
	flag.IntVar(&c.keys, "keys", 10, "keystroke pairs (a letter, then Backspace)")
	flag.StringVar(&c.chromium, "chromium", "/usr/bin/chromium", "Chromium binary")
	flag.BoolVar(&c.verbose, "v", false, "print the pages' console")
	flag.StringVar(&c.profile, "profile", "", "profile listConnectors and the keystrokes into this directory (timings then carry the profiler's cost)")
	flag.StringVar(&c.web, "web", "", "directory holding web/ with our SDK (default: the repository)")
	flag.StringVar(&c.out, "out", "", "results file (default bench/RESULTS.md)")
	flag.DurationVar(&c.wait, "wait", 3*time.Second, "pause between a start-up's first and second visit")
	flag.StringVar(&c.only, "only", "", "measure only start-up (startup) or only the rest (catalog)")
	flag.Parse()
	if err := run(c); err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
	}
}

func run(c config) error {
	root, err := moduleRoot()
	if err != nil {
		return err
	}
	benchDir := filepath.Join(root, "bench")
	switch {
	case c.out != "":
	case c.profile != "":
		c.out = filepath.Join(c.profile, "RESULTS.md")
	default:
		c.out = filepath.Join(benchDir, "RESULTS.md")
	}
	if c.web == "" {
		c.web = root
	}
	if c.profile != "" {
		if err := os.MkdirAll(c.profile, 0o755); err != nil {
			return err
		}
	}
	tmp, err := os.MkdirTemp("", "xkit-bench-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)

	// The downloads.
	web := func(f string) string { return filepath.Join(c.web, "web", f) }
	for _, f := range []string{"xkit.js", "xkit.wasm", "xkit-sdk.wasm", "xkit-wasm.json"} {
		if _, err := os.Stat(web(f)); err != nil {
			return fmt.Errorf("web/%s is missing: run ./build.sh first", f)
		}
	}
	hashed, err := hashedNames(web("xkit-wasm.json"))
	if err != nil {
		return err
	}
	origSDK, origCat := filepath.Join(tmp, "original-sdk.js"), filepath.Join(tmp, "original-catalog.js")
	if err := bundleOriginal(benchDir, "@xkit-co/xkit.js", "3.14.1", origSDK); err != nil {
		return err
	}
	if err := bundleOriginal(benchDir, "@xkit-co/xkit-catalog-react.js", "1.2.1", origCat); err != nil {
		return err
	}
	res := results{Ours: measures{ours: true}}
	res.Machine = describeMachine()
	if res.Orig.SDK, err = measureFiles(origSDK); err != nil {
		return err
	}
	if res.Orig.Catalog, err = measureFiles(origCat); err != nil {
		return err
	}
	if res.Ours.SDK, err = measureFiles(web("xkit.js"), web("xkit-sdk.wasm")); err != nil {
		return err
	}
	if res.Ours.Catalog, err = measureFiles(web("xkit.js"), web("xkit.wasm")); err != nil {
		return err
	}
	sdkJS, err := served(origSDK)
	if err != nil {
		return err
	}
	catJS, err := served(origCat)
	if err != nil {
		return err
	}
	res.WasmBrotli = map[string]int{}
	for _, f := range []string{"xkit.wasm", "xkit-sdk.wasm"} {
		s, err := measureFiles(web(f))
		if err != nil {
			return err
		}
		res.WasmBrotli[f] = s.Brotli
	}
	vs := variants(hashed["xkit.wasm"])
	handler := pages(sdkJS, catJS, vs)
	ctx := context.Background()

	// Load times, calls and memory over c.cards connectors.
	x, err := startXkitd(ctx, tmp, c.web, c.cards, handler)
	if err != nil {
		return err
	}
	defer x.Close()
	res.Cards, res.Search = c.cards, c.search
	res.Wait = c.wait
	if c.only != "catalog" {
		if res.Startup, err = measureStartup(c, x, tmp, vs); err != nil {
			return err
		}
		res.Machine.Chromium = res.Startup[0].Version
	}
	if c.only != "startup" {
		if err := c.measureCatalog(x, tmp, handler, &res); err != nil {
			return err
		}
	}

	table := res.markdown()
	fmt.Println(table)
	if err := writeSection(c.out, "browser", table); err != nil {
		return err
	}
	logf("wrote %s", c.out)
	return nil
}

func (c config) startProfile(ch *chrome) error {
	if c.profile == "" {
		return nil
	}
	return ch.startProfile()
}

func (c config) stopProfile(ch *chrome, name string) error {
	if c.profile == "" {
		return nil
	}
	sum, err := ch.stopProfile(c.profile, name)
	logf("profile %s: %s", name, sum)
	return err
}

func loadWith(ch *chrome, x *xkitd, sdk, mode string, extra url.Values) (result, error) {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	token, err := x.token(ctx)
	if err != nil {
		return result{}, err
	}
	return ch.load(x.URL, sdk, mode, token, extra)
}

func served(path string) (precompressed, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return precompressed{}, err
	}
	br, err := pipe(raw, "brotli", "-q", "11", "-c")
	return precompressed{raw, br}, err
}

func logf(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "bench: "+format+"\n", args...)
}

// moduleRoot finds go.mod from the working directory up.
func moduleRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", fmt.Errorf("no go.mod above the working directory: run from the repository")
		}
		dir = parent
	}
}
