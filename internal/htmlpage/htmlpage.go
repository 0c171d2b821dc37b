// Package htmlpage writes the platform's few HTML pages (the authorization
// popup's loading, result and API-key pages, the demo provider's consent
// page) as Go strings, with one escaping function per context:
//
//	body := "<h1>Connect " + htmlpage.Text(c.Name) + "</h1>" +
//		`<input name="` + htmlpage.Attr(f.Name) + `">` +
//		"<script>var state = " + htmlpage.JS(state) + ";</script>"
//	htmlpage.Write(w, http.StatusOK, "Connect "+c.Name, body)
//
// Every value that is not a constant of the page goes through Text, Attr or
// JS; a URL is never taken from a value (the pages' URLs are their own
// paths). There is no template package on purpose: html/template and
// text/template call reflect's MethodByName with names known only at run
// time, which makes the linker keep every exported method of every type in
// the program: 0.65 MB of the Cloudflare Worker's 3 MB gzip budget, besides
// parsing the templates again on each request (a Worker instance serves
// one). internal/server's hostile-input tests show each context inert.
package htmlpage

import (
	"encoding/json"
	"html"
	"net/http"
	"strings"
)

// Text is s as HTML text: <, >, &, ' and " become character references.
func Text(s string) string { return html.EscapeString(s) }

// Attr is s as the value of a double-quoted attribute that is not a URL
// (name, id, value, for): the same escaping as Text, which leaves no way
// out of the quotes.
func Attr(s string) string { return html.EscapeString(s) }

// JS is v (a string, a []string, a bool, ...) as a JavaScript literal for
// inside a <script> element: JSON, where encoding/json writes <, >, &,
// U+2028 and U+2029 as \u escapes, so no "</script>", "<!--" or line
// terminator can appear.
func JS(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		return "null"
	}
	return string(b)
}

// Write answers an HTML page: the shared head (title, style) and frame
// around body. Pages may carry tokens in their URL, so no referrer leaves
// for another origin (not no-referrer: that would make the browser send
// "Origin: null" with the pages' own same-origin form posts and fetches),
// and nobody may frame them. A 503 says when to try again.
func Write(w http.ResponseWriter, status int, title, body string) {
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	h.Set("Referrer-Policy", "same-origin")
	h.Set("Content-Security-Policy", "frame-ancestors 'none'")
	if status == http.StatusServiceUnavailable {
		h.Set("Retry-After", "1")
	}
	w.WriteHeader(status)
	var b strings.Builder
	b.Grow(len(top) + len(title) + len(body) + len(bottom) + 16)
	b.WriteString(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>`)
	b.WriteString(Text(title))
	b.WriteString(top)
	b.WriteString(body)
	b.WriteString(bottom)
	// One write: the Worker's shim turns each Write into a stream chunk.
	w.Write([]byte(b.String()))
}

const top = `</title><link rel="icon" href="data:,">
<style>
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;background:#f6f7f9;color:#1f2328}
main{max-width:420px;margin:48px auto;background:#fff;border:1px solid #d8dee4;border-radius:12px;padding:28px 32px}
h1{font-size:20px;margin:0 0 12px}p{line-height:1.5}
label{display:block;font-weight:600;margin:16px 0 6px}
input[type=text],input[type=password]{box-sizing:border-box;width:100%;padding:9px 10px;border:1px solid #c5ccd3;border-radius:6px;font-size:15px}
button{font-size:15px;padding:9px 18px;border-radius:6px;border:1px solid #1f6feb;background:#1f6feb;color:#fff;cursor:pointer;margin-top:18px}
button.secondary{background:#fff;color:#1f2328;border-color:#c5ccd3;margin-left:8px}
button:disabled{opacity:.6;cursor:default}
.error{color:#b42318}.muted{color:#59636e;font-size:14px}.suffix{color:#59636e;font-size:14px;margin-left:6px}
.spinner{width:28px;height:28px;border:3px solid #d8dee4;border-top-color:#1f6feb;border-radius:50%;animation:spin 1s linear infinite;margin:8px 0 16px}
@keyframes spin{to{transform:rotate(360deg)}}
</style></head><body><main>
`

const bottom = `
</main></body></html>
`
