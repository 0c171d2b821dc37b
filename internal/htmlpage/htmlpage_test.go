package htmlpage_test

import (
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/xkit-wasm/xkit/internal/htmlpage"
	"github.com/xkit-wasm/xkit/internal/htmlpage/htmltest"
)

// page puts v in each context the platform's pages use.
func page(v string, escape bool) string {
	text, attr, js := htmlpage.Text, htmlpage.Attr, htmlpage.JS
	if !escape {
		text, attr = func(s string) string { return s }, func(s string) string { return s }
		js = func(v any) string {
			if s, ok := v.(string); ok {
				return `"` + s + `"`
			}
			return htmlpage.JS(v)
		}
	}
	w := httptest.NewRecorder()
	htmlpage.Write(w, 200, v, `<h1>`+text(v)+`</h1><label for="`+attr(v)+`">`+text(v)+`</label>`+
		`<input type="hidden" name="state" value="`+attr(v)+`">`+
		`<script>var v = `+js(v)+`;</script><p>after</p>`)
	return w.Body.String()
}

func TestEveryContextInert(t *testing.T) {
	htmltest.Inert(t, func(v string) string { return page(v, true) })
}

// The check can fail: the same page without escaping is caught for every
// hostile value.
func TestUnescapedPageCaught(t *testing.T) {
	problems := htmltest.Problems(func(v string) string { return page(v, false) })
	// All but two: javascript: is plain text in these contexts, and a
	// single quote cannot leave a double-quoted attribute.
	assert.Equal(t, len(htmltest.Hostile)-2, len(problems), "%s", strings.Join(problems, "\n"))
}

func TestJS(t *testing.T) {
	assert.Equal(t, `"\u003c/script\u003e\u0026\u2028\u2029"`, htmlpage.JS("</script>&\u2028\u2029"))
	assert.Equal(t, `["a","b"]`, htmlpage.JS([]string{"a", "b"}))
	assert.Equal(t, `null`, htmlpage.JS(func() {}), "what JSON cannot hold becomes null")
}

func TestWriteHeaders(t *testing.T) {
	w := httptest.NewRecorder()
	htmlpage.Write(w, 503, "Busy <now>", "<p>x</p>")
	require.Equal(t, 503, w.Code)
	h := w.Header()
	assert.Equal(t, "text/html; charset=utf-8", h.Get("Content-Type"))
	assert.Equal(t, "no-store", h.Get("Cache-Control"))
	assert.Equal(t, "same-origin", h.Get("Referrer-Policy"))
	assert.Equal(t, "frame-ancestors 'none'", h.Get("Content-Security-Policy"))
	assert.Equal(t, "1", h.Get("Retry-After"))
	body := w.Body.String()
	assert.True(t, strings.HasPrefix(body, "<!doctype html>"))
	assert.Contains(t, body, "<title>Busy &lt;now&gt;</title>")
	assert.Contains(t, body, "<main>\n<p>x</p>\n</main>")

	w = httptest.NewRecorder()
	htmlpage.Write(w, 200, "", "")
	assert.Empty(t, w.Header().Get("Retry-After"))
}
