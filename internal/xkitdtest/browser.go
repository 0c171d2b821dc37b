package xkitdtest

import (
	"html"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"
)

// Browser is the authorization popup's browser for HTTP-level tests of a
// platform (xkitd or the Worker): a cookie jar of its own, logged in the
// way both SDKs log the popup in before they open authorize_url (a
// one-time token spent on the loading page), so the start endpoint binds
// the flow to it.
//
//	b := xkitdtest.NewBrowser(t, p.URL, p.Client().Transport)
//	b.Login(t, token)
//	callback := b.Consent(t, auth["authorize_url"].(string), "allow")
//	status, body := b.Get(t, callback)
type Browser struct {
	URL        string       // the platform's origin
	Client     *http.Client // follows redirects
	NoRedirect *http.Client // the same jar; stops at redirects
}

// NewBrowser returns a browser with an empty cookie jar; transport nil is
// http.DefaultTransport.
func NewBrowser(t testing.TB, platformURL string, transport http.RoundTripper) *Browser {
	t.Helper()
	jar, err := cookiejar.New(nil)
	if err != nil {
		t.Fatal(err)
	}
	b := &Browser{URL: platformURL}
	b.Client = &http.Client{Transport: transport, Jar: jar, Timeout: 30 * time.Second}
	b.NoRedirect = &http.Client{Transport: transport, Jar: jar, Timeout: 30 * time.Second,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	return b
}

// Login gives the browser a cookie session of the user of accessToken, as
// the popup gets one: POST /sessions/ott, then the loading page.
func (b *Browser) Login(t testing.TB, accessToken string) {
	t.Helper()
	req, _ := http.NewRequest(http.MethodPost, b.URL+"/api/platform_user/sessions/ott", nil)
	req.Header.Set("Authorization", "Bearer "+accessToken)
	status, body := b.do(t, b.Client, req)
	m := regexp.MustCompile(`"ott":"([^"]+)"`).FindStringSubmatch(body)
	if status != http.StatusOK || m == nil {
		t.Fatalf("xkitdtest: POST /sessions/ott: %d %s", status, body)
	}
	// Any connector's loading page logs the popup in.
	_, list := b.Get(t, b.URL+"/api/platform_user/platform/connectors")
	slug := regexp.MustCompile(`"slug":"([^"]+)"`).FindStringSubmatch(list)
	if slug == nil {
		t.Fatalf("xkitdtest: the platform has no connector to log the popup in at: %s", list)
	}
	status, body = b.Get(t, b.URL+"/authorizations/"+slug[1]+"/loading?token="+url.QueryEscape(m[1]))
	if status != http.StatusOK {
		t.Fatalf("xkitdtest: the loading page refused the one-time token: %d %s", status, body)
	}
}

// Get loads u, following redirects, and returns the final status and body.
func (b *Browser) Get(t testing.TB, u string) (int, string) {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, u, nil)
	if err != nil {
		t.Fatal(err)
	}
	return b.do(t, b.Client, req)
}

var (
	hiddenInput = regexp.MustCompile(`<input type="hidden" name="(\w+)" value="([^"]*)">`)
	formAction  = regexp.MustCompile(`<form method="post" action="([^"]*)">`)
)

// Consent opens authorizeURL (the start endpoint, which leads to a demo
// provider's consent page: the built-in one or one of its own), presses
// Allow or Deny, and returns the callback URL the provider sends the
// browser to (not loaded yet).
func (b *Browser) Consent(t testing.TB, authorizeURL, decision string) string {
	t.Helper()
	return b.Press(t, b.ConsentPage(t, authorizeURL), decision)
}

// A ConsentPage is a demo provider's consent page, as loaded: its HTML and
// the URL it came from (its form posts relative to that, on the
// provider's origin).
type ConsentPage struct {
	URL  *url.URL
	HTML string
}

// ConsentPage opens authorizeURL and returns the demo provider's consent
// page it leads to.
func (b *Browser) ConsentPage(t testing.TB, authorizeURL string) ConsentPage {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, authorizeURL, nil)
	if err != nil {
		t.Fatal(err)
	}
	res, err := b.Client.Do(req)
	if err != nil {
		t.Fatalf("xkitdtest: %s: %v", authorizeURL, err)
	}
	raw, _ := io.ReadAll(res.Body)
	res.Body.Close()
	page := string(raw)
	if res.StatusCode != http.StatusOK || formAction.FindStringSubmatch(page) == nil || !strings.Contains(page, `id="allow"`) || !strings.Contains(page, `id="deny"`) {
		t.Fatalf("xkitdtest: %s did not lead to the consent page: %d %s", authorizeURL, res.StatusCode, page)
	}
	return ConsentPage{URL: res.Request.URL, HTML: page}
}

// Press presses Allow or Deny ("allow", "deny") on a consent page and
// returns the callback URL the provider sends the browser to (not loaded
// yet).
func (b *Browser) Press(t testing.TB, c ConsentPage, decision string) string {
	t.Helper()
	form := url.Values{"decision": {decision}}
	for _, m := range hiddenInput.FindAllStringSubmatch(c.HTML, -1) {
		form.Set(m[1], html.UnescapeString(m[2]))
	}
	// The form posts to the page it came from (the provider's origin).
	target, err := c.URL.Parse(html.UnescapeString(formAction.FindStringSubmatch(c.HTML)[1]))
	if err != nil {
		t.Fatal(err)
	}
	req, _ := http.NewRequest(http.MethodPost, target.String(), strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	res, err := b.NoRedirect.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	loc := res.Header.Get("Location")
	if res.StatusCode != http.StatusSeeOther || !strings.HasPrefix(loc, b.URL+"/authorizations/oauth2/callback?") {
		t.Fatalf("xkitdtest: the consent page answered %d, Location %q", res.StatusCode, loc)
	}
	return loc
}

func (b *Browser) do(t testing.TB, c *http.Client, req *http.Request) (int, string) {
	t.Helper()
	res, err := c.Do(req)
	if err != nil {
		t.Fatalf("xkitdtest: %s %s: %v", req.Method, req.URL, err)
	}
	defer res.Body.Close()
	body, _ := io.ReadAll(res.Body)
	return res.StatusCode, string(body)
}
