package main

import (
	"context"
	"encoding/json"
	"sync"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/tracing"
	"github.com/chromedp/chromedp"
)

// codeCacheTrace records Blink's WebAssembly code cache events of a page
// load (category disabled-by-default-devtools.timeline, as
// v8_wasm_response_extensions.cc emits them): whether V8 was handed a
// compiled module from the cache (v8.wasm.moduleCacheHit) and whether it
// produced one (v8.wasm.cachedModule).
type codeCacheTrace struct {
	mu     sync.Mutex
	events map[string]int
	done   chan struct{}
	stop   func()
}

func startTrace(tab context.Context) (*codeCacheTrace, error) {
	tr := &codeCacheTrace{events: map[string]int{}, done: make(chan struct{})}
	ctx, stop := context.WithCancel(tab)
	tr.stop = stop
	go func() {
		for ev, err := range chromedp.Events(ctx, tracing.DataCollected) {
			if err != nil {
				return
			}
			for _, v := range ev.Value {
				var e struct{ Name string }
				if b, err := json.Marshal(v); err == nil && json.Unmarshal(b, &e) == nil {
					tr.mu.Lock()
					tr.events[e.Name]++
					tr.mu.Unlock()
				}
			}
		}
	}()
	go func() {
		for _, err := range chromedp.Events(ctx, tracing.TracingComplete) {
			if err == nil {
				close(tr.done)
			}
			return
		}
	}()
	err := chromedp.Do(tab, chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		_, err := cdp.Call(ctx, t, tracing.Start, tracing.StartParams{TraceConfig: &tracing.TraceConfig{
			IncludedCategories: []string{"disabled-by-default-devtools.timeline"}}})
		return err
	}))
	if err != nil {
		stop()
	}
	return tr, err
}

// end stops tracing and returns how often each event came.
func (tr *codeCacheTrace) end(tab context.Context) map[string]int {
	defer tr.stop()
	ctx, cancel := context.WithTimeout(tab, 30*time.Second)
	defer cancel()
	err := chromedp.Do(ctx, chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		_, err := cdp.Call(ctx, t, tracing.End, cdp.Empty{})
		return err
	}))
	if err == nil {
		select {
		case <-tr.done:
		case <-ctx.Done():
		}
	}
	tr.mu.Lock()
	defer tr.mu.Unlock()
	return tr.events
}
