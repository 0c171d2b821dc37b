package xkitdtest

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// Whole authorization flows over HTTP, for tests that need a connection as
// a user makes one (xkitd or the Worker): the SDK's calls with the user's
// access token, the popup's pages with the Browser's cookies.
//
//	b := xkitdtest.NewBrowser(t, p.URL, p.Client().Transport)
//	b.Login(t, token)
//	conn := b.Connect(t, token, "github", "")            // enabled, authorization active
//	conn, auth := b.Start(t, token, "salesforce", conn["id"].(string)) // a reconnect, awaiting
//	b.Decide(t, auth, "deny")

// API calls the platform user API with the user's access token (as the
// SDK does, without cookies) and returns the status and the decoded JSON.
func (b *Browser) API(t testing.TB, token, method, path string, body any) (int, map[string]any) {
	t.Helper()
	var rd *bytes.Reader
	if body == nil {
		rd = bytes.NewReader(nil)
	} else {
		raw, err := json.Marshal(body)
		if err != nil {
			t.Fatal(err)
		}
		rd = bytes.NewReader(raw)
	}
	req, err := http.NewRequest(method, b.URL+"/api/platform_user"+path, rd)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Accept", "application/json")
	req.Header.Set("Authorization", "Bearer "+token)
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	// The SDK's requests carry no cookie of the popup: a client of its own
	// on the same transport.
	res, err := (&http.Client{Transport: b.Client.Transport, Timeout: b.Client.Timeout}).Do(req)
	if err != nil {
		t.Fatalf("xkitdtest: %s %s: %v", method, path, err)
	}
	defer res.Body.Close()
	var out map[string]any
	if err := json.NewDecoder(res.Body).Decode(&out); err != nil {
		t.Fatalf("xkitdtest: %s %s: %d, not JSON: %v", method, path, res.StatusCode, err)
	}
	return res.StatusCode, out
}

// Start creates (or, with the id of an existing connection, reauthorizes)
// a connection as the SDK's connect, addConnection and reconnect do, and
// returns the answer's connection and its new authorization. id "" lets
// the platform choose.
func (b *Browser) Start(t testing.TB, token, slug, id string) (conn, auth map[string]any) {
	t.Helper()
	body := map[string]any{}
	if id != "" {
		body["id"] = id
	}
	status, out := b.API(t, token, http.MethodPost, "/connections/"+url.PathEscape(slug), body)
	conn, _ = out["connection"].(map[string]any)
	if status != http.StatusOK || conn == nil {
		t.Fatalf("xkitdtest: POST /connections/%s: %d %v", slug, status, out)
	}
	auth, _ = conn["authorization"].(map[string]any)
	if auth == nil || auth["status"] != "awaiting_callback" {
		t.Fatalf("xkitdtest: POST /connections/%s: no authorization awaiting its callback: %v", slug, conn)
	}
	return conn, auth
}

// Decide finishes auth in the popup, which must be logged in as its user:
// "allow" or "deny" on the demo provider's consent page (then loads the
// callback), or, for an API-key connector ("allow" only), saves a value
// for every field. It returns the page the popup ends on.
func (b *Browser) Decide(t testing.TB, auth map[string]any, decision string) (int, string) {
	t.Helper()
	authorizeURL, _ := auth["authorize_url"].(string)
	authorizer, _ := auth["authorizer"].(map[string]any)
	prototype, _ := authorizer["prototype"].(map[string]any)
	fields, _ := prototype["collect_fields"].([]any)
	if len(fields) == 0 {
		return b.Get(t, b.Consent(t, authorizeURL, decision))
	}
	if decision != "allow" {
		t.Fatalf("xkitdtest: an API-key page can only be saved, not %q", decision)
	}
	if status, page := b.Get(t, authorizeURL); status != http.StatusOK {
		t.Fatalf("xkitdtest: %s: %d %s", authorizeURL, status, page)
	}
	values := map[string]any{"state": auth["state"]}
	for _, f := range fields {
		name, _ := f.(map[string]any)["name"].(string)
		values[name] = "test-" + name + "-1234"
	}
	raw, _ := json.Marshal(values)
	slug, _ := prototype["slug"].(string)
	req, _ := http.NewRequest(http.MethodPost, b.URL+"/authorizations/"+url.PathEscape(slug)+"/fields", bytes.NewReader(raw))
	req.Header.Set("Content-Type", "application/json")
	return b.do(t, b.Client, req)
}

// Connect runs a whole flow that the user allows and returns the enabled
// connection as the SDK reads it at the end (GET /connection/{id}).
func (b *Browser) Connect(t testing.TB, token, slug, id string) map[string]any {
	t.Helper()
	conn, auth := b.Start(t, token, slug, id)
	if status, page := b.Decide(t, auth, "allow"); status != http.StatusOK {
		t.Fatalf("xkitdtest: connecting %s: the popup ended on %d %s", slug, status, trim(page))
	}
	status, out := b.API(t, token, http.MethodGet, "/connection/"+url.PathEscape(conn["id"].(string)), nil)
	got, _ := out["connection"].(map[string]any)
	if status != http.StatusOK || got == nil || got["enabled"] != true {
		t.Fatalf("xkitdtest: connecting %s: the connection is not enabled: %d %v", slug, status, out)
	}
	return got
}

func trim(s string) string {
	s = strings.TrimSpace(s)
	if len(s) > 300 {
		s = s[:300] + "…"
	}
	return s
}
