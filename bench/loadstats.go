package main

import (
	"fmt"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"
)

// recorder collects, per operation, how long each call took and what went
// wrong; safe for concurrent use.
type recorder struct {
	mu  sync.Mutex
	ops map[string]*opStats
}

type opStats struct {
	ms     []float64 // successful and failed calls alike
	errors int
	why    map[string]int // error text → count
}

func newRecorder() *recorder { return &recorder{ops: map[string]*opStats{}} }

// record adds one call of op that took d; err nil means it succeeded.
func (r *recorder) record(op string, d time.Duration, err error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	s := r.ops[op]
	if s == nil {
		s = &opStats{why: map[string]int{}}
		r.ops[op] = s
	}
	s.ms = append(s.ms, float64(d)/float64(time.Millisecond))
	if err != nil {
		s.errors++
		s.why[err.Error()]++
	}
}

// timed runs fn and records it as op.
func (r *recorder) timed(op string, fn func() error) error {
	start := time.Now()
	err := fn()
	r.record(op, time.Since(start), err)
	return err
}

// row is one operation's line of the table.
type row struct {
	Op            string
	Count, Errors int
	Rate          float64 // calls per second of the run
	P50, P99, Max float64 // ms
	TopErrors     []string
}

// rows summarises every operation in order (ops first, then any other in
// name order), with rates over elapsed.
func (r *recorder) rows(order []string, elapsed time.Duration) []row {
	r.mu.Lock()
	defer r.mu.Unlock()
	names := slices.Clone(order)
	var rest []string
	for name := range r.ops {
		if !slices.Contains(order, name) {
			rest = append(rest, name)
		}
	}
	sort.Strings(rest)
	var out []row
	for _, name := range append(names, rest...) {
		s := r.ops[name]
		if s == nil {
			continue
		}
		ms := slices.Sorted(slices.Values(s.ms))
		out = append(out, row{
			Op: name, Count: len(ms), Errors: s.errors,
			Rate: float64(len(ms)) / elapsed.Seconds(),
			P50:  quantile(ms, 0.5), P99: quantile(ms, 0.99), Max: quantile(ms, 1),
			TopErrors: topErrors(s.why, 3),
		})
	}
	return out
}

func topErrors(why map[string]int, n int) []string {
	type kv struct {
		k string
		v int
	}
	var all []kv
	for k, v := range why {
		all = append(all, kv{k, v})
	}
	sort.Slice(all, func(i, j int) bool { return all[i].v > all[j].v || all[i].v == all[j].v && all[i].k < all[j].k })
	var out []string
	for i := 0; i < len(all) && i < n; i++ {
		out = append(out, fmt.Sprintf("%d × %s", all[i].v, all[i].k))
	}
	return out
}

// loadReport is what a load run prints and keeps in bench/RESULTS.md.
type loadReport struct {
	Label, Date, Machine, Command string
	Users, Sockets                int
	Elapsed                       time.Duration
	Rows                          []row
	HTTP                          row // every HTTP call of the user loops together
	PeakRSS                       int64
	Notes                         []string
}

func (l *loadReport) markdown() string {
	var b strings.Builder
	fmt.Fprintf(&b, "## Load: %d users, %d sockets, %s (%s)\n\n", l.Users, l.Sockets, l.Elapsed.Round(time.Second), l.Label)
	fmt.Fprintf(&b, "Made by `%s` on %s. Machine: %s; load generator and xkitd on the same machine.\n\n", l.Command, l.Date, l.Machine)
	b.WriteString("| operation | count | rate (/s) | p50 (ms) | p99 (ms) | max (ms) | errors |\n")
	b.WriteString("| --- | ---: | ---: | ---: | ---: | ---: | ---: |\n")
	for _, r := range append(l.Rows, l.HTTP) {
		rate := "–" // the joins happen before the run
		if r.Op != opJoin {
			rate = fmt.Sprintf("%.1f", r.Rate)
		}
		fmt.Fprintf(&b, "| %s | %s | %s | %.1f | %.1f | %.1f | %d |\n", r.Op, commas(int64(r.Count)), rate, r.P50, r.P99, r.Max, r.Errors)
	}
	b.WriteString("\n")
	if l.PeakRSS > 0 {
		fmt.Fprintf(&b, "xkitd peak memory (VmHWM, resident): %.1f MB.\n", float64(l.PeakRSS)/1e6)
	} else {
		b.WriteString("xkitd peak memory: not measured (an existing xkitd without -pid).\n")
	}
	for _, r := range append(l.Rows, l.HTTP) {
		for _, e := range r.TopErrors {
			fmt.Fprintf(&b, "- %s error: %s\n", r.Op, e)
		}
	}
	for _, n := range l.Notes {
		fmt.Fprintf(&b, "- %s\n", n)
	}
	return b.String()
}

// total merges the rows of ops into one (counts, errors, rate; latency
// quantiles over every call).
func (r *recorder) total(name string, ops []string, elapsed time.Duration) row {
	r.mu.Lock()
	defer r.mu.Unlock()
	var ms []float64
	errs := 0
	for _, op := range ops {
		if s := r.ops[op]; s != nil {
			ms = append(ms, s.ms...)
			errs += s.errors
		}
	}
	slices.Sort(ms)
	return row{Op: name, Count: len(ms), Errors: errs, Rate: float64(len(ms)) / elapsed.Seconds(),
		P50: quantile(ms, 0.5), P99: quantile(ms, 0.99), Max: quantile(ms, 1)}
}
