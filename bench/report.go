package main

import (
	"fmt"
	"os"
	"runtime"
	"slices"
	"strings"
	"time"
)

type machine struct {
	Date, CPU, Go, Chromium string
	Cores                   int
}

func describeMachine() machine {
	m := machine{Date: time.Now().UTC().Format("2006-01-02 15:04 MST"), Go: runtime.Version(), Cores: runtime.NumCPU(), CPU: "unknown"}
	if b, err := os.ReadFile("/proc/cpuinfo"); err == nil {
		for _, line := range strings.Split(string(b), "\n") {
			if k, v, ok := strings.Cut(line, ":"); ok && strings.TrimSpace(k) == "model name" {
				m.CPU = strings.TrimSpace(v)
				break
			}
		}
	}
	return m
}

// measures are one SDK's numbers; times in ms.
type measures struct {
	ours          bool
	SDK, Catalog  sizes
	FirstPaint    []float64 // navigation → the catalog's first frame (ours: the placeholder)
	Catalog200    []float64
	Calls         []float64
	Narrow, Widen []float64 // keystrokes: a letter, then Backspace
	NarrowTo      int
	Memory        memory // after the catalog of Cards connectors
	SearchMemory  memory // after the catalog of Search connectors
}

func (m *measures) name() string {
	if m.ours {
		return "ours"
	}
	return "original"
}

type results struct {
	Machine       machine
	Cards, Search int
	Orig, Ours    measures
	Startup       []*startupRun // by variant, original first
	Wait          time.Duration // between a start-up's first and second visit
	WasmBrotli    map[string]int
}

func quantile(xs []float64, q float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	s := slices.Sorted(slices.Values(xs))
	// Nearest rank.
	i := int(q*float64(len(s))+0.999999) - 1
	return s[max(0, min(i, len(s)-1))]
}

func median(xs []float64) float64 { return quantile(xs, 0.5) }

// spread is "median (min–max)".
func spread(xs []float64) string {
	if len(xs) == 0 {
		return "–"
	}
	return fmt.Sprintf("%.1f (%.1f–%.1f)", median(xs), quantile(xs, 0), quantile(xs, 1))
}

func (r *results) startup(name string) *startupRun {
	for _, s := range r.Startup {
		if s.v.name == name {
			return s
		}
	}
	return nil
}

func (r *results) markdown() string {
	var b strings.Builder
	o, w := &r.Orig, &r.Ours
	fmt.Fprintf(&b, "# Bench: original xkit.js vs ours\n\n")
	fmt.Fprintf(&b, "Made by `go run ./bench` on %s. Machine: %s, %d cores; %s; %s.\n\n",
		r.Machine.Date, r.Machine.CPU, r.Machine.Cores, r.Machine.Chromium, r.Machine.Go)
	fmt.Fprintf(&b, "Original: xkit.js 3.14.1 + xkit-catalog-react.js 1.2.1 (React 16.14), esbuild --minify, production, served as a versioned CDN file (cached for a year). ")
	fmt.Fprintf(&b, "Ours: web/xkit.js (Go's wasm_exec.js inside) + the content-hashed web/xkit.wasm (SDK + catalog) or web/xkit-sdk.wasm (the SDK alone), served by xkitd as they ship. ")
	fmt.Fprintf(&b, "Headless Chromium, xkitd on https://127.0.0.1, scripts served brotli-compressed. Times in ms from navigation start (performance.now()) unless noted.\n\n")

	if len(r.Startup) > 0 {
		r.startupTables(&b)
	}
	if len(w.Calls) == 0 {
		return b.String()
	}
	b.WriteString("## The catalog, listConnectors, search, memory\n\n")
	b.WriteString("Each page load a first visit: a fresh browser context, HTTP cache off.\n\n")
	b.WriteString("| measure | original | ours | ours/original |\n| --- | ---: | ---: | ---: |\n")
	row := func(name string, orig, ours float64, unit string) {
		ratio := "–"
		if orig > 0 {
			ratio = fmt.Sprintf("%.2f", ours/orig)
		}
		fmt.Fprintf(&b, "| %s | %s | %s | %s |\n", name, num(orig, unit), num(ours, unit), ratio)
	}
	oursOnly := func(name string, ours float64, unit string) {
		fmt.Fprintf(&b, "| %s | – | %s | – |\n", name, num(ours, unit))
	}
	for _, s := range []struct {
		name string
		o, w sizes
	}{{"SDK (ours: the SDK-only wasm)", o.SDK, w.SDK}, {"SDK + catalog", o.Catalog, w.Catalog}} {
		row(s.name+", raw (bytes)", float64(s.o.Raw), float64(s.w.Raw), "B")
		row(s.name+", gzip -9 (bytes)", float64(s.o.Gzip), float64(s.w.Gzip), "B")
		row(s.name+", brotli 11 (bytes)", float64(s.o.Brotli), float64(s.w.Brotli), "B")
	}
	row(fmt.Sprintf("navigation → the catalog's first paint (ours: the placeholder), median of %d", len(o.FirstPaint)), median(o.FirstPaint), median(w.FirstPaint), "ms")
	row(fmt.Sprintf("navigation → %d catalog cards visible (ours: the rows in view of the %d), median of %d", r.Cards, r.Cards, len(o.Catalog200)), median(o.Catalog200), median(w.Catalog200), "ms")
	row(fmt.Sprintf("listConnectors (%d connectors), median of %d sequential", r.Cards, len(o.Calls)), median(o.Calls), median(w.Calls), "ms")
	row("listConnectors, p95", quantile(o.Calls, 0.95), quantile(w.Calls, 0.95), "ms")
	row(fmt.Sprintf("search keystroke, %d → %d cards, median of %d", r.Search, w.NarrowTo, len(o.Narrow)), median(o.Narrow), median(w.Narrow), "ms")
	row("the same, slowest", quantile(o.Narrow, 1), quantile(w.Narrow, 1), "ms")
	row(fmt.Sprintf("search Backspace, back to %d cards, median of %d", r.Search, len(o.Widen)), median(o.Widen), median(w.Widen), "ms")
	row("the same, slowest", quantile(o.Widen, 1), quantile(w.Widen, 1), "ms")
	row(fmt.Sprintf("JS heap used, %d-card catalog shown (MB)", r.Cards), o.Memory.JSHeapUsed, w.Memory.JSHeapUsed, "MB")
	oursOnly(fmt.Sprintf("wasm memory, %d-card catalog shown (MB)", r.Cards), w.Memory.Wasm, "MB")
	row("JS heap + wasm memory (MB)", o.Memory.JSHeapUsed+o.Memory.Wasm, w.Memory.JSHeapUsed+w.Memory.Wasm, "MB")
	row(fmt.Sprintf("JS heap + wasm memory, %d-card catalog (MB)", r.Search),
		o.SearchMemory.JSHeapUsed+o.SearchMemory.Wasm, w.SearchMemory.JSHeapUsed+w.SearchMemory.Wasm, "MB")

	b.WriteString("\nTargets:\n\n")
	target := func(ok bool, text string, args ...any) {
		mark := "met"
		if !ok {
			mark = "MISSED"
		}
		fmt.Fprintf(&b, "- %s: %s\n", mark, fmt.Sprintf(text, args...))
	}
	for _, f := range []struct {
		file   string
		budget int
	}{{"xkit.wasm", 716_800}, {"xkit-sdk.wasm", 614_400}} {
		target(r.WasmBrotli[f.file] <= f.budget, "%s ≤ %s bytes brotli: %s", f.file, num(float64(f.budget), "B"), num(float64(r.WasmBrotli[f.file]), "B"))
	}
	if orig, ours := r.startup("original"), r.startup("ours"); orig != nil && ours != nil {
		cold := median(times(ours.Cold)) / median(times(orig.Cold))
		warm := median(times(ours.Warm)) / median(times(orig.Warm))
		target(cold <= 1.5, "SDK ready, first visit, ≤ 1.5× the original's: %.2f×", cold)
		target(warm <= 1.1, "SDK ready, second visit, ≤ 1.1× the original's: %.2f×", warm)
	}
	cat := median(w.Catalog200) / median(o.Catalog200)
	target(cat <= 0.5, "catalog visible in ≤ 0.5× the original's time: %.2f×", cat)
	lc := median(w.Calls) / median(o.Calls)
	target(lc <= 1.0, "listConnectors ≤ 1.0× the original's (median): %.2f×", lc)
	target(quantile(w.Narrow, 1) <= 16 && quantile(w.Widen, 1) <= 16,
		"every keystroke over %d connectors within 16 ms, Backspace back to all of them included: slowest letter %.1f ms, slowest Backspace %.1f ms",
		r.Search, quantile(w.Narrow, 1), quantile(w.Widen, 1))

	b.WriteString("\nMethod: catalog = `xkit.login(token)`, then `xkit.renderCatalog(el, {routerType: \"hash\"})`, polled each animation frame until the last wanted card drawn has a layout box (ours draws the rows in view, each item saying the list's size; the original all of them). ")
	b.WriteString("First paint = `xkit.renderCatalog` right after `xkit.init`, then the frame after it (an animation frame, then a task). ")
	b.WriteString("listConnectors = one page, calls one after another, for a user with a connection to every tenth connector. ")
	b.WriteString("Keystroke = a real key press (CDP Input) of `q` in the search box (no seeded name holds a q but one in 16), from the keydown event's timeStamp to the changed grid with layout forced (paint not included); then Backspace. ")
	b.WriteString("Memory after a forced garbage collection: V8 heap used (Runtime.getHeapUsage) and the wasm instance's linear memory (a wrapper of WebAssembly.instantiate in the page keeps it).\n")
	return b.String()
}

func times(rs []result) []float64 {
	out := make([]float64, len(rs))
	for i, r := range rs {
		out[i] = r.T
	}
	return out
}

func num(v float64, unit string) string {
	switch unit {
	case "B":
		return commas(int64(v))
	case "MB":
		return fmt.Sprintf("%.1f", v/1e6)
	case "ms":
		return fmt.Sprintf("%.1f", v)
	}
	return commas(int64(v))
}

func commas(n int64) string {
	s := fmt.Sprint(n)
	var out []byte
	for i := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			out = append(out, ',')
		}
		out = append(out, s[i])
	}
	return string(out)
}
