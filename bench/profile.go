package main

import (
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path"
	"slices"
	"strings"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/profiler"
	"github.com/chromedp/chromedp"
)

// With -profile, the listConnectors calls and the keystrokes run under
// V8's sampling profiler. Each profile is saved as NAME.cpuprofile (open
// it in DevTools' Performance panel) with NAME.txt, the functions that
// took the most time themselves. Wasm functions have names only in a wasm
// built without -ldflags=-s (see README "Speed and size").

func (c *chrome) startProfile() error {
	return chromedp.Do(c.tab, chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		if _, err := cdp.Call(ctx, t, profiler.Enable, cdp.Empty{}); err != nil {
			return err
		}
		if _, err := cdp.Call(ctx, t, profiler.SetSamplingInterval, profiler.SetSamplingIntervalParams{Interval: 100}); err != nil {
			return err
		}
		_, err := cdp.Call(ctx, t, profiler.Start, cdp.Empty{})
		return err
	}))
}

// stopProfile saves the profile under dir/name and returns its summary.
func (c *chrome) stopProfile(dir, name string) (string, error) {
	ctx, cancel := context.WithTimeout(c.tab, time.Minute)
	defer cancel()
	var p *profiler.Profile
	err := chromedp.Do(ctx, chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		res, err := cdp.Call(ctx, t, profiler.Stop, cdp.Empty{})
		p = res.Profile
		return err
	}))
	if err != nil || p == nil {
		return "", fmt.Errorf("profile %s: %v", name, err)
	}
	data, err := json.Marshal(p)
	if err != nil {
		return "", err
	}
	if err := os.WriteFile(path.Join(dir, name+".cpuprofile"), data, 0o644); err != nil {
		return "", err
	}
	sum := summarize(p, 25)
	return sum, os.WriteFile(path.Join(dir, name+".txt"), []byte(sum), 0o644)
}

// summarize lists the functions with the most self time.
func summarize(p *profiler.Profile, top int) string {
	node := map[int64]*profiler.ProfileNode{}
	for _, n := range p.Nodes {
		node[n.ID] = n
	}
	self := map[string]int64{} // µs by function
	var total int64
	for i, id := range p.Samples {
		if i >= len(p.TimeDeltas) {
			break
		}
		// A sample's time is the gap to the next one.
		d := int64(0)
		if i+1 < len(p.TimeDeltas) {
			d = p.TimeDeltas[i+1]
		}
		n := node[id]
		if n == nil || n.CallFrame == nil {
			continue
		}
		fn := n.CallFrame.FunctionName
		if fn == "" {
			fn = "(anonymous)"
		}
		if u := n.CallFrame.URL; u != "" {
			fn += "  " + path.Base(u)
		}
		if n.CallFrame.FunctionName == "(idle)" || n.CallFrame.FunctionName == "(program)" {
			fn = n.CallFrame.FunctionName
		}
		self[fn] += d
		total += d
	}
	type row struct {
		fn string
		us int64
	}
	var rows []row
	for fn, us := range self {
		rows = append(rows, row{fn, us})
	}
	slices.SortFunc(rows, func(a, b row) int { return cmp.Compare(b.us, a.us) })
	var b strings.Builder
	fmt.Fprintf(&b, "%.1f ms sampled; self time by function:\n", float64(total)/1000)
	for i, r := range rows {
		if i == top {
			break
		}
		fmt.Fprintf(&b, "%9.1f ms %5.1f%%  %s\n", float64(r.us)/1000, 100*float64(r.us)/float64(max(total, 1)), r.fn)
	}
	return b.String()
}
