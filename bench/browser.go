package main

import (
	"context"
	"fmt"
	"net/url"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/heapprofiler"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/performance"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
	"github.com/xkit-wasm/xkit/internal/headless"
)

// chrome is one headless Chromium. Most page loads get a fresh tab in a
// new browser context (its own renderer process, cookies and caches) with
// the HTTP cache off, so each load is a first visit: nothing compiled by an
// earlier page (V8 reuses the code of identical wasm bytes within a
// process) is reused. The tab stays open for the measures after the load.
// The start-up visits (startup.go) use the browser's own profile instead:
// a new browser context is off the record and keeps no compiled code.
type chrome struct {
	ctx      context.Context // the browser
	cancel   func()
	tab      context.Context // the current page
	closeTab func()
	verbose  bool
	Version  string
}

func startChrome(path, profile string, verbose bool, more ...chromedp.ExecAllocatorOption) (*chrome, error) {
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(),
		headless.Options(path, profile, append([]chromedp.ExecAllocatorOption{chromedp.WindowSize(1280, 900)}, more...)...)...)
	ctx, cancel := chromedp.NewContext(allocCtx)
	c := &chrome{ctx: ctx, cancel: func() { cancel(); cancelAlloc() }, verbose: verbose}
	// The first Run starts the browser; it must not carry a timeout.
	err := chromedp.Do(ctx, chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		v, err := chromedp.CallBrowser(ctx, browser.GetVersion, cdp.Empty{})
		c.Version = v.Product
		return err
	}))
	if err != nil {
		c.cancel()
		return nil, fmt.Errorf("starting %s: %w", path, err)
	}
	return c, nil
}

func (c *chrome) Close() {
	if c.closeTab != nil {
		c.closeTab()
	}
	c.cancel()
}

// newTab closes the current tab and opens a fresh one in a new browser
// context with the HTTP cache off: a first visit.
func (c *chrome) newTab() error { return c.openTab(true) }

// openTab closes the current tab and opens another: in a new browser
// context with the HTTP cache off (fresh), or in the browser's own profile
// with its caches, where a second visit finds what the first left.
func (c *chrome) openTab(fresh bool) error {
	if c.closeTab != nil {
		c.closeTab()
	}
	var opts []chromedp.ContextOption
	if fresh {
		opts = append(opts, chromedp.WithNewBrowserContext())
	}
	tab, closeTab := chromedp.NewContext(c.ctx, opts...)
	c.tab, c.closeTab = tab, closeTab
	// The tab's first Run opens it; it must not carry a timeout either.
	err := chromedp.Do(tab, chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		if _, err := cdp.Call(ctx, t, network.Enable, network.EnableParams{}); err != nil {
			return err
		}
		if _, err := cdp.Call(ctx, t, network.SetCacheDisabled, network.SetCacheDisabledParams{CacheDisabled: fresh}); err != nil {
			return err
		}
		_, err := cdp.Call(ctx, t, performance.Enable, performance.EnableParams{})
		return err
	}))
	if err != nil {
		return fmt.Errorf("new tab: %w", err)
	}
	if c.verbose {
		go func() {
			for m, err := range chromedp.Console(tab) {
				if err != nil {
					return
				}
				logf("console: %s", m.Text)
			}
		}()
	}
	return nil
}

// result is what window.__done resolves to.
type result struct {
	T  float64            `json:"t"`  // ms since navigation
	N  int                `json:"n"`  // connectors or cards seen
	At map[string]float64 `json:"at"` // the start-up's moments (page.go)
}

// load opens a fresh tab (newTab), navigates to the bench page and waits
// for window.__done.
func (c *chrome) load(base, sdk, mode, token string, extra url.Values) (result, error) {
	if err := c.newTab(); err != nil {
		return result{}, err
	}
	return c.visit(base, sdk, mode, token, extra)
}

// visit navigates the current tab to the bench page and waits for
// window.__done.
func (c *chrome) visit(base, sdk, mode, token string, extra url.Values) (result, error) {
	q := url.Values{"sdk": {sdk}, "mode": {mode}, "token": {token}}
	for k, v := range extra {
		q[k] = v
	}
	ctx, cancel := context.WithTimeout(c.tab, 3*time.Minute)
	defer cancel()
	if err := chromedp.Do(ctx, chromedp.Navigate(base+"/bench/page?"+q.Encode())); err != nil {
		return result{}, fmt.Errorf("%s %s: %w", sdk, mode, err)
	}
	r, err := chromedp.Run(ctx, chromedp.Evaluate[result](`window.__done`, chromedp.EvalAwaitPromise))
	if err != nil {
		return r, fmt.Errorf("%s %s: %w", sdk, mode, err)
	}
	return r, nil
}

// calls times n sequential listConnectors on the loaded page.
func (c *chrome) calls(n int) ([]float64, error) {
	ctx, cancel := context.WithTimeout(c.tab, 5*time.Minute)
	defer cancel()
	return chromedp.Run(ctx, chromedp.Evaluate[[]float64](fmt.Sprintf(`__calls(%d)`, n), chromedp.EvalAwaitPromise))
}

// keystroke types key into the focused search box and returns the page's
// measure of it.
func (c *chrome) keystroke(key string) (keyResult, error) {
	// Minutes, not seconds: on a loaded machine the original's 1,000-card
	// page has taken over a minute to answer.
	ctx, cancel := context.WithTimeout(c.tab, 3*time.Minute)
	defer cancel()
	err := chromedp.Do(ctx,
		chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
			_, err := chromedp.Evaluate[bool](`__search().focus(), window.__pending = __key(), true`)(ctx, t)
			return err
		}),
		chromedp.KeyEvent(key))
	if err != nil {
		return keyResult{}, err
	}
	r, err := chromedp.Run(ctx, chromedp.Evaluate[keyResult](`window.__pending`, chromedp.EvalAwaitPromise))
	if err == nil && r.MS < 0 {
		err = fmt.Errorf("key %q: the grid did not change (%d cards)", key, r.From)
	}
	return r, err
}

type keyResult struct {
	MS   float64 `json:"ms"`
	From int     `json:"from"`
	To   int     `json:"to"`
}

// memory is the page's memory after a full garbage collection.
type memory struct {
	JSHeapUsed, JSHeapTotal float64 // bytes, V8's heap (Runtime.getHeapUsage)
	Wasm                    float64 // bytes of the wasm instance's linear memory
	Metrics                 map[string]float64
}

func (c *chrome) memory() (memory, error) {
	m := memory{Metrics: map[string]float64{}}
	ctx, cancel := context.WithTimeout(c.tab, 3*time.Minute)
	defer cancel()
	err := chromedp.Do(ctx, chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		if _, err := cdp.Call(ctx, t, heapprofiler.CollectGarbage, cdp.Empty{}); err != nil {
			return err
		}
		h, err := cdp.Call(ctx, t, runtime.GetHeapUsage, cdp.Empty{})
		if err != nil {
			return err
		}
		m.JSHeapUsed, m.JSHeapTotal = h.UsedSize, h.TotalSize
		ms, err := cdp.Call(ctx, t, performance.GetMetrics, cdp.Empty{})
		if err != nil {
			return err
		}
		for _, x := range ms.Metrics {
			m.Metrics[x.Name] = x.Value
		}
		m.Wasm, err = chromedp.Evaluate[float64](`window.__wasmMem ? window.__wasmMem.buffer.byteLength : 0`)(ctx, t)
		return err
	}))
	return m, err
}

// backspace is the key that empties a one-letter search.
const backspace = kb.Backspace
