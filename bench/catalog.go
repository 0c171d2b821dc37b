package main

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
)

// measureCatalog measures, on first visits: the catalog's first paint and
// its cards visible, listConnectors, memory, and (over c.search
// connectors) the search keystrokes.
func (c config) measureCatalog(x *xkitd, tmp string, handler http.Handler, res *results) error {
	ch, err := startChrome(c.chromium, filepath.Join(tmp, "profile"), c.verbose)
	if err != nil {
		return err
	}
	defer ch.Close()
	res.Machine.Chromium = ch.Version
	for i := range c.runs {
		for _, m := range []*measures{&res.Orig, &res.Ours} {
			logf("catalog %d/%d %s", i+1, c.runs, m.name())
			r, err := loadWith(ch, x, m.name(), "skeleton", nil)
			if err != nil {
				return err
			}
			if r.N != 1 {
				return fmt.Errorf("%s: the catalog drew nothing before its first paint", m.name())
			}
			m.FirstPaint = append(m.FirstPaint, r.T)
			r, err = loadWith(ch, x, m.name(), "catalog", url.Values{"want": {fmt.Sprint(c.cards)}})
			if err != nil {
				return err
			}
			m.Catalog200 = append(m.Catalog200, r.T)
			if i == c.runs-1 {
				if m.Memory, err = ch.memory(); err != nil {
					return err
				}
			}
		}
	}
	for _, m := range []*measures{&res.Orig, &res.Ours} {
		logf("%d listConnectors %s", c.calls, m.name())
		if _, err := loadWith(ch, x, m.name(), "ready", nil); err != nil {
			return err
		}
		if err := c.startProfile(ch); err != nil {
			return err
		}
		if m.Calls, err = ch.calls(c.calls); err != nil {
			return err
		}
		if err := c.stopProfile(ch, m.name()+"-listConnectors"); err != nil {
			return err
		}
	}
	x.Close()

	// Search keystrokes over c.search connectors.
	ctx := context.Background()
	x, err = startXkitd(ctx, tmp, c.web, c.search, handler)
	if err != nil {
		return err
	}
	defer x.Close()
	for _, m := range []*measures{&res.Orig, &res.Ours} {
		logf("search over %d connectors %s", c.search, m.name())
		if _, err := loadWith(ch, x, m.name(), "catalog", url.Values{"want": {fmt.Sprint(c.search)}}); err != nil {
			return fmt.Errorf("%s, %d connectors: %w", m.name(), c.search, err)
		}
		if m.SearchMemory, err = ch.memory(); err != nil {
			return fmt.Errorf("%s, memory with %d connectors: %w", m.name(), c.search, err)
		}
		if err := c.startProfile(ch); err != nil {
			return err
		}
		for range c.keys {
			k, err := ch.keystroke("q")
			if err != nil {
				return fmt.Errorf("%s: %w", m.name(), err)
			}
			m.Narrow = append(m.Narrow, k.MS)
			m.NarrowTo = k.To
			if k, err = ch.keystroke(backspace); err != nil {
				return fmt.Errorf("%s: %w", m.name(), err)
			}
			m.Widen = append(m.Widen, k.MS)
		}
		if err := c.stopProfile(ch, m.name()+"-keystrokes"); err != nil {
			return err
		}
	}
	return nil
}

// hashedNames reads build.sh's list of content-hashed wasm names.
func hashedNames(path string) (map[string]string, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var names map[string]string
	if err := json.Unmarshal(b, &names); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return names, nil
}
