package markurl_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/xkit-wasm/xkit/internal/markurl"
)

func TestAllowed(t *testing.T) {
	for _, u := range []string{
		"https://cdn.example/logo.png", "HTTPS://cdn.example/x", "http://127.0.0.1:8080/logos/a.svg",
		"data:image/png;base64,iVBORw0KGgo=", "data:image/jpeg;base64,/9j/", "data:image/gif,GIF89a",
		"DATA:IMAGE/WEBP;base64,UklGR",
	} {
		assert.True(t, markurl.Allowed(u), u)
	}
	for _, u := range []string{
		"", "javascript:alert(1)", " javascript:alert(1)", "JaVaScRiPt:alert(1)", "vbscript:x",
		"data:text/html,<script>alert(1)</script>", "data:image/svg+xml,<svg onload=alert(1)>",
		"data:image/svg+xml;base64,PHN2Zz4=", "data:image/pngx,abc", "data:image/png", "/logos/a.svg",
		"//evil.example/x.png", "ftp://x/y.png", "https://", "https://a b", "https://a\nb", "file:///etc/passwd",
	} {
		assert.False(t, markurl.Allowed(u), u)
	}
}
