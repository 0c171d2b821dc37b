package markdown_test

import (
	"math"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/xkit-wasm/xkit/wasm/internal/catalog/markdown"
)

// pathological builds inputs of about n bytes made to make naive parsers
// quadratic or recurse without end.
func pathological(n int) map[string]string {
	return map[string]string{
		"stars":           strings.Repeat("*", n),
		"star words":      strings.Repeat("*a ", n/3),
		"underscores":     strings.Repeat("_a", n/2),
		"double stars":    strings.Repeat("**a", n/3),
		"open brackets":   strings.Repeat("[", n),
		"bracket pairs":   strings.Repeat("[a]", n/3),
		"link openers":    strings.Repeat("[a](", n/4) + strings.Repeat("x", n),
		"title openers":   strings.Repeat(`[a](b "`, n/7),
		"paren titles":    strings.Repeat(`[a](b (`, n/7),
		"angle dests":     strings.Repeat(`[a](<b `, n/7),
		"angle dests end": strings.Repeat(`[a](<b `, n/7) + ">\n",
		"titles end":      strings.Repeat(`[a](b (`, n/7) + ")\n",
		"backtick runs":   strings.Repeat("`a``b", n/5),
		"growing ticks":   growingTicks(int(math.Sqrt(float64(2 * n)))), // every run length once
		"quotes":          strings.Repeat(">", n),
		"nested bullets":  nestedBullets(500),
		"bullet chain":    strings.Repeat("- ", n/2),
		"emphasis nest":   strings.Repeat("*a ", 1000) + strings.Repeat("a*", 1000),
		"link nest":       strings.Repeat("[", 1000) + "x" + strings.Repeat("](https://a.example)", 1000),
		"fences":          strings.Repeat("```\n", n/4),
		"hashes":          strings.Repeat("# a\n", n/4),
		"word then stars": "a" + strings.Repeat("*", n),
		"word then lines": "a" + strings.Repeat("_", n),
		"backtick wall":   "a" + strings.Repeat("`", n),
	}
}

// maxStepsPerByte bounds the parser's work (bytes scanned or copied, see
// ParseCounting) per byte of input. The inputs above take at most about
// 20 (quotes and link openers: a scan per nesting level, capped at 16);
// quadratic work would take thousands at these sizes.
const maxStepsPerByte = 40

// TestPathological: hostile inputs cost work linear in their size (counted,
// not timed: a loaded machine cannot fail it, and a quadratic parser
// cannot pass) and stay bounded in depth.
func TestPathological(t *testing.T) {
	const n = 100_000
	small, large := pathological(n), pathological(2*n)
	for name, in := range small {
		t.Run(name, func(t *testing.T) {
			nodes, steps := markdown.ParseCounting(in)
			assert.LessOrEqual(t, steps, maxStepsPerByte*len(in), "steps for %d bytes", len(in))
			_, twice := markdown.ParseCounting(large[name])
			assert.LessOrEqual(t, float64(twice)/float64(steps), 2.2*float64(len(large[name]))/float64(2*len(in)),
				"twice the input, about twice the work (%d, then %d steps)", steps, twice)
			assert.LessOrEqual(t, depth(nodes), 2*16+4, "nesting is capped")
		})
	}
}

func growingTicks(k int) string {
	var b strings.Builder
	for i := 1; i <= k; i++ {
		b.WriteString(strings.Repeat("`", i) + "a")
	}
	return b.String()
}

func nestedBullets(k int) string {
	var b strings.Builder
	for i := 0; i < k; i++ {
		b.WriteString(strings.Repeat("  ", i) + "- item\n")
	}
	return b.String()
}

func depth(nodes []*markdown.Node) int {
	d := 0
	for _, n := range nodes {
		d = max(d, 1+depth(n.Children))
	}
	return d
}

func TestDeepInputKeepsText(t *testing.T) {
	nodes := markdown.Parse(strings.Repeat(">", 50) + " deep")
	require.NotEmpty(t, nodes)
	assert.Contains(t, html(nodes), "deep", "text past the depth cap is kept, not dropped")
}

func FuzzParse(f *testing.F) {
	for _, s := range []string{
		"# h\n\n- a\n  - b\n\n> q", "[x](javascript:1) *a* **b** `c`", "```go\nx\n```",
		"1. a\n2) b", "<script>", "![i](https://a.example)", "a  \nb\\\nc",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var walk func(n *markdown.Node)
		walk = func(n *markdown.Node) {
			for _, a := range n.Attrs {
				if a[0] == "href" {
					l := strings.ToLower(a[1])
					if !strings.HasPrefix(l, "http://") && !strings.HasPrefix(l, "https://") && !strings.HasPrefix(l, "mailto:") {
						t.Fatalf("unsafe href %q from %q", a[1], s)
					}
				}
			}
			if n.Tag == "" && len(n.Children) > 0 {
				t.Fatalf("text node with children from %q", s)
			}
			for _, c := range n.Children {
				walk(c)
			}
		}
		for _, n := range markdown.Parse(s) {
			walk(n)
		}
	})
}
