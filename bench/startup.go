package main

import (
	"context"
	"crypto/sha256"
	"crypto/x509"
	"encoding/base64"
	"fmt"
	"path/filepath"
	"time"

	"github.com/chromedp/chromedp"
)

// Start-up: each page variant is loaded twice in a Chromium of its own,
// started for the pair with a fresh profile: the first visit finds nothing
// cached; the second, in a new tab after the first has closed, finds the
// HTTP cache and whatever compiled code the first left. They run in the
// browser's own profile, not in a new browser context: those are off the
// record and keep no compiled code at all.
//
// Chromium keeps nothing in its HTTP cache from a server whose certificate
// it had to overlook, so it is told to trust the bench's self-signed one
// (--ignore-certificate-errors-spki-list).

// startupRun is one variant's first and second visits.
type startupRun struct {
	v           variant
	Cold, Warm  []result
	CacheHits   int // second visits where V8 took the compiled module from its cache
	CacheWrites int // first visits after which V8 wrote it (seen until the second visit)
	Version     string
}

// twoVisits measures one pair for v. wait is the pause between the visits:
// V8 writes a module's code to its cache only once its optimised code has
// stopped changing for a while.
func twoVisits(c config, x *xkitd, spki, dir string, v variant, wait time.Duration, r *startupRun) error {
	flags := []chromedp.ExecAllocatorOption{chromedp.Flag("ignore-certificate-errors-spki-list", spki)}
	if v.jsFlags != "" {
		flags = append(flags, chromedp.Flag("js-flags", v.jsFlags))
	}
	ch, err := startChrome(c.chromium, dir, c.verbose, flags...)
	if err != nil {
		return err
	}
	defer ch.Close()
	r.Version = ch.Version
	for i, second := range []bool{false, true} {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		token, err := x.token(ctx)
		cancel()
		if err != nil {
			return err
		}
		if err := ch.openTab(false); err != nil {
			return err
		}
		var tr *codeCacheTrace
		if v.ours {
			if tr, err = startTrace(ch.tab); err != nil {
				return err
			}
		}
		res, err := ch.visit(x.URL, v.page(), "ready", token, nil)
		if err != nil {
			return fmt.Errorf("%s, visit %d: %w", v.label, i+1, err)
		}
		if res.N != c.cards {
			return fmt.Errorf("%s: listConnectors gave %d connectors, want %d", v.label, res.N, c.cards)
		}
		if !second {
			time.Sleep(wait)
		}
		if tr != nil {
			ev := tr.end(ch.tab)
			if second && ev["v8.wasm.moduleCacheHit"] > 0 && ev["v8.wasm.moduleCacheInvalid"] == 0 {
				r.CacheHits++
			}
			if !second && ev["v8.wasm.cachedModule"] > 0 {
				r.CacheWrites++
			}
		}
		if second {
			r.Warm = append(r.Warm, res)
		} else {
			r.Cold = append(r.Cold, res)
		}
	}
	return nil
}

// spkiOf is the base64 SHA-256 of the xkitd's certificate's public key, as
// --ignore-certificate-errors-spki-list wants it.
func spkiOf(x *xkitd) (string, error) {
	leaf, err := x509.ParseCertificate(x.srv.TLSConfig.Certificates[0].Certificate[0])
	if err != nil {
		return "", err
	}
	sum := sha256.Sum256(leaf.RawSubjectPublicKeyInfo)
	return base64.StdEncoding.EncodeToString(sum[:]), nil
}

// measureStartup runs c.runs pairs of every variant, interleaved so
// background load hits them alike.
func measureStartup(c config, x *xkitd, tmp string, vs []variant) ([]*startupRun, error) {
	spki, err := spkiOf(x)
	if err != nil {
		return nil, err
	}
	runs := make([]*startupRun, len(vs))
	for i, v := range vs {
		runs[i] = &startupRun{v: v}
	}
	for i := range c.runs {
		for j, v := range vs {
			logf("start-up %d/%d %s", i+1, c.runs, v.label)
			dir := filepath.Join(tmp, fmt.Sprintf("profile-%d-%d", i, j))
			if err := twoVisits(c, x, spki, dir, v, c.wait, runs[j]); err != nil {
				return nil, err
			}
		}
	}
	return runs, nil
}
