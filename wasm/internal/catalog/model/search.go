package model

import (
	"strings"
	"unicode"

	"github.com/xkit-wasm/xkit/wasm/internal/fold"
)

// Search filters connectors by name. Names containing the query
// (ignoring case) come first, in the list's order; then names holding
// the query's letters in order ("sfrc" finds Salesforce), the tightest
// match first. The original used a string-similarity score instead,
// which misses short and partial queries. An empty query keeps all.
func Search(connectors []Connector, query string) []Connector {
	q := fold.Lower(strings.TrimSpace(query))
	if q == "" {
		return connectors
	}
	type fuzzy struct {
		c    Connector
		span int
	}
	var exact []Connector
	var loose []fuzzy
	for _, c := range connectors {
		name := fold.Lower(c.Name)
		if strings.Contains(name, q) {
			exact = append(exact, c)
		} else if span, ok := subsequence(name, q); ok {
			loose = append(loose, fuzzy{c, span})
		}
	}
	// Insertion sort, stable: lists are short, and slices.SortStableFunc
	// instantiated for this type costs about 10 KB of wasm.
	for i := 1; i < len(loose); i++ {
		for j := i; j > 0 && loose[j].span < loose[j-1].span; j-- {
			loose[j], loose[j-1] = loose[j-1], loose[j]
		}
	}
	for _, f := range loose {
		exact = append(exact, f.c)
	}
	return exact
}

// subsequence reports whether the letters of q (spaces ignored) appear in
// name in order, and how many runes the match spans.
func subsequence(name, q string) (span int, ok bool) {
	want := []rune(strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, q))
	if len(want) == 0 {
		return 0, false
	}
	first, n := -1, 0
	for i, r := range []rune(name) {
		if r != want[n] {
			continue
		}
		if first < 0 {
			first = i
		}
		if n++; n == len(want) {
			return i - first + 1, true
		}
	}
	return 0, false
}
