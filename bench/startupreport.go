package main

import (
	"fmt"
	"math"
	"strings"
)

// startupTables writes the start-up tables: ready times of every variant
// on both visits, then where the time goes.
func (r *results) startupTables(b *strings.Builder) {
	orig := r.startup("original")
	fmt.Fprintf(b, "## Start-up: first and second visit\n\n")
	fmt.Fprintf(b, "`xkit.init`, `await xkit.login(token)`, `await xkit.listConnectors()` (%d connectors) on a page that loads the SDK; navigation → the list, median (min–max) of %d. ",
		r.Cards, len(orig.Cold))
	fmt.Fprintf(b, "Each pair in a Chromium of its own with a fresh profile: the first visit finds nothing cached; the second, in a new tab %v after the first and once it closed, finds the HTTP cache and any code V8 kept. ", r.Wait)
	b.WriteString("V8 code cache: second visits where Blink handed V8 the compiled module (trace event v8.wasm.moduleCacheHit), and first visits after which it was written (v8.wasm.cachedModule).\n\n")
	b.WriteString("| page | first visit | second visit | first ÷ original | second ÷ original | V8 code cache (hit / written) |\n| --- | ---: | ---: | ---: | ---: | ---: |\n")
	for _, s := range r.Startup {
		cache := "–"
		if s.v.ours {
			cache = fmt.Sprintf("%d / %d of %d", s.CacheHits, s.CacheWrites, len(s.Warm))
		}
		fmt.Fprintf(b, "| %s | %s | %s | %.2f | %.2f | %s |\n", mdEscape(s.v.label), spread(times(s.Cold)), spread(times(s.Warm)),
			median(times(s.Cold))/median(times(orig.Cold)), median(times(s.Warm))/median(times(orig.Warm)), cache)
	}

	// Where the time goes, for the plain pages.
	var cols []*startupRun
	for _, name := range []string{"original", "ours", "ours-sdk", "ours-codecache"} {
		if s := r.startup(name); s != nil {
			cols = append(cols, s)
		}
	}
	b.WriteString("\nWhere the time goes: moments in ms since navigation, then their differences (medians over the visits; a difference is the median of each visit's).\n\n| | ")
	for _, s := range cols {
		fmt.Fprintf(b, "%s, 1st | %s, 2nd | ", shortLabel(s.v), shortLabel(s.v))
	}
	b.WriteString("\n| --- |" + strings.Repeat(" ---: |", 2*len(cols)) + "\n")
	line := func(name string, f func(at map[string]float64) float64, unit string) {
		fmt.Fprintf(b, "| %s | ", name)
		for _, s := range cols {
			for _, visits := range [][]result{s.Cold, s.Warm} {
				var xs []float64
				for _, v := range visits {
					if x := f(v.At); !math.IsNaN(x) {
						xs = append(xs, x)
					}
				}
				if len(xs) == 0 {
					b.WriteString("– | ")
				} else {
					b.WriteString(num(median(xs), unit) + " | ")
				}
			}
		}
		b.WriteString("\n")
	}
	get := func(key string) func(map[string]float64) float64 {
		return func(at map[string]float64) float64 { return moment(at, key) }
	}
	diff := func(to, from func(map[string]float64) float64) func(map[string]float64) float64 {
		return func(at map[string]float64) float64 { return to(at) - from(at) }
	}
	script := func(at map[string]float64) float64 {
		return first(at, "xkit.js done", "original-sdk.js done", "xkit.mjs done")
	}
	wasm := func(what string) func(map[string]float64) float64 {
		return func(at map[string]float64) float64 { return first(at, "xkit.wasm "+what, "xkit-sdk.wasm "+what) }
	}
	loginFrom := func(at map[string]float64) float64 {
		return math.Max(moment(at, "init"), orNaN(at, "go-started", moment(at, "init")))
	}
	line("the SDK's script loaded", script, "ms")
	line("the wasm asked for", wasm("asked"), "ms")
	line("… its first byte", wasm("first byte"), "ms")
	line("… its last byte", wasm("done"), "ms")
	line("… compiled (xkit:wasm-compiled)", get("wasm-compiled"), "ms")
	line("… instantiated (xkit:wasm-instantiated)", get("wasm-instantiated"), "ms")
	line("Go started, the SDK registered (xkit:go-started)", get("go-started"), "ms")
	line("xkit.init called", get("init"), "ms")
	line("login answered", get("login"), "ms")
	line("first listConnectors answered: ready", get("list"), "ms")
	line("bytes of the wasm over the network (0: HTTP cache)", wasm("bytes"), "B")
	line("**download** (the wasm's last byte − asked)", diff(wasm("done"), wasm("asked")), "ms")
	line("**compile** after the last byte", diff(get("wasm-compiled"), wasm("done")), "ms")
	line("**instantiate**", diff(get("wasm-instantiated"), get("wasm-compiled")), "ms")
	line("**Go start-up** (runtime, package init, main until the SDK is registered)", diff(get("go-started"), get("wasm-instantiated")), "ms")
	line("**login** (from init, or Go started if later)", diff(get("login"), loginFrom), "ms")
	line("**first list** (from login)", diff(get("list"), get("login")), "ms")
	b.WriteString("\n")
}

// moment is at[key], NaN when the page did not see it.
func moment(at map[string]float64, key string) float64 { return orNaN(at, key, math.NaN()) }

func orNaN(at map[string]float64, key string, or float64) float64 {
	if v, ok := at[key]; ok {
		return v
	}
	return or
}

// first is the first of keys the page saw.
func first(at map[string]float64, keys ...string) float64 {
	for _, k := range keys {
		if v, ok := at[k]; ok {
			return v
		}
	}
	return math.NaN()
}

func shortLabel(v variant) string {
	switch v.name {
	case "ours":
		return "ours"
	case "ours-sdk":
		return "ours, SDK only"
	case "ours-codecache":
		return "ours, code cache forced"
	}
	return v.name
}

// mdEscape keeps a label's tags from being read as HTML in Markdown.
func mdEscape(s string) string { return strings.NewReplacer("<", "`<", ">", ">`").Replace(s) }
