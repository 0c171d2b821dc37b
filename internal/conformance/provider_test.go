package conformance

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/target"
	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/xkit-wasm/xkit/internal/workertest"
)

// A real OAuth provider, end to end and offline: `xkitd demo-provider`
// runs as a process of its own on another port, with its own client id and
// secret, and the platform (xkitd, or the Worker) knows it only as an
// ordinary oauth2 connector of its seed ("crm"). The platform is not a
// demo: no demo provider, no demo connectors. Steps: Deny, Allow (the
// popup on the provider's consent page), getConnectionToken (a token the
// provider accepts), and a refresh of that token through the provider's
// refresh token once it has expired.

// provider is a running `xkitd demo-provider`.
type provider struct {
	URL      string // http://127.0.0.1:PORT
	clientID string
	secret   string
	log      *syncBuffer
}

var providerListening = regexp.MustCompile(`xkitd demo provider listening on (http://127\.0\.0\.1:\d+)`)

// freePort is a loopback port free a moment ago: the provider's, which the
// platform's seed names before the provider can start (the provider needs
// the platform's redirect URI, the platform the provider's URLs).
func freePort(t *testing.T) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

func newProvider(port int) *provider {
	b := make([]byte, 16)
	rand.Read(b)
	return &provider{URL: fmt.Sprintf("http://127.0.0.1:%d", port), clientID: "acme-integrations",
		secret: "conformance-" + hex.EncodeToString(b), log: &syncBuffer{}}
}

// seed is the platform's seed JSON: one oauth2 connector on this provider.
func (p *provider) seed() string {
	b, _ := json.Marshal(map[string]any{"connectors": []map[string]any{{
		"slug": "crm", "name": "Demo CRM", "short_description": "A CRM behind a real OAuth provider", "auth": "oauth2",
		"oauth2": map[string]any{"auth_url": p.URL + "/authorize", "token_url": p.URL + "/token",
			"client_id": p.clientID, "client_secret": p.secret, "scopes": []string{"contacts.read"}},
	}}})
	return string(b)
}

// start runs the provider process (the xkitd binary's demo-provider
// command), accepting redirectURI, until the test ends.
func (p *provider) start(t *testing.T, bin, redirectURI string) {
	t.Helper()
	cmd := exec.Command(bin, "demo-provider", "-addr", strings.TrimPrefix(p.URL, "http://"),
		"-client-id", p.clientID, "-client-name", "Acme Integrations", "-account", "crm", "-redirect-uri", redirectURI)
	cmd.Env = append(os.Environ(), "XKIT_DEMO_CLIENT_SECRET="+p.secret)
	found := make(chan struct{}, 1)
	watch := &lineWatcher{out: p.log, onLine: func(line string) {
		if providerListening.MatchString(line) {
			select {
			case found <- struct{}{}:
			default:
			}
		}
	}}
	cmd.Stdout, cmd.Stderr = watch, watch
	require.NoError(t, cmd.Start())
	exited := make(chan struct{})
	go func() { cmd.Wait(); close(exited) }()
	t.Cleanup(func() { cmd.Process.Kill(); <-exited })
	select {
	case <-found:
	case <-exited:
		t.Fatalf("xkitd demo-provider exited:\n%s", p.log.String())
	case <-time.After(waitLimit):
		t.Fatalf("xkitd demo-provider did not start:\n%s", p.log.String())
	}
}

// userinfo is what the provider says an access token reaches.
func (p *provider) userinfo(t *testing.T, token string) (int, map[string]any) {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, p.URL+"/userinfo", nil)
	require.NoError(t, err)
	req.Header.Set("Authorization", "Bearer "+token)
	res, err := (&http.Client{Timeout: 10 * time.Second}).Do(req)
	require.NoError(t, err)
	defer res.Body.Close()
	var out map[string]any
	json.NewDecoder(res.Body).Decode(&out)
	return res.StatusCode, out
}

// TestExternalProvider is the walkthrough through an external provider on
// xkitd, with the original xkit.js 3.14.1 and with ours.
func TestExternalProvider(t *testing.T) {
	root := moduleRoot(t)
	bin := buildXkitd(t, root)
	for _, s := range sdks {
		t.Run(s.name, func(t *testing.T) {
			t.Parallel()
			host := startHostPage(t, s.prepare(t, root))
			prov := newProvider(freePort(t))
			seed := filepath.Join(t.TempDir(), "seed.json")
			require.NoError(t, os.WriteFile(seed, []byte(prov.seed()), 0o600))
			x := startXkitd(t, bin, root, host.srv.URL, "-seed", seed, "-demo=false", "-name", "Acme Integrations")
			prov.start(t, bin, x.URL+"/authorizations/oauth2/callback")
			providerWalkthrough(t, s, host, x, prov)
		})
	}
}

// TestExternalProviderWorker is the same on the Worker (wrangler dev
// --local, D1), with our SDK: the seed is XKIT_SEED (a secret when
// deployed), and the token requests go out through the Worker's fetch().
func TestExternalProviderWorker(t *testing.T) {
	if os.Getenv("XKIT_WORKER_TEST") != "1" {
		t.Skip("set XKIT_WORKER_TEST=1 to run the Worker under wrangler dev (needs npm ci --prefix cmd/xkit-worker)")
	}
	root := moduleRoot(t)
	bin := buildXkitd(t, root)
	s := sdks[1]
	require.Equal(t, "wasm", s.name)
	host := newHostPage(t, s.prepare(t, root), false)
	prov := newProvider(freePort(t))
	w := workertest.Start(t, workertest.Options{Origins: []string{host.srv.URL}, Vars: map[string]string{
		"XKIT_DEMO": "", "XKIT_SEED": prov.seed(), "XKIT_PLATFORM_NAME": "Acme Integrations"}})
	prov.start(t, bin, w.URL+"/authorizations/oauth2/callback")
	x := &xkitd{URL: w.URL, Domain: w.Domain, pk: workertest.PublishableKey, sk: workertest.SecretKey,
		log: workerLog{w}, client: &http.Client{Timeout: 20 * time.Second}}
	providerWalkthrough(t, s, host, x, prov)
}

// providerWalkthrough runs the external provider's steps with SDK s on
// platform x.
func providerWalkthrough(t *testing.T, s sdk, host *hostPage, x *xkitd, prov *provider) {
	host.scripts = func() string { return s.scripts(x) }
	host.init = func() string { return strings.ReplaceAll(s.init, "DOMAIN", quote(x.Domain)) }
	token := x.provision(t, "external-provider")
	b := startBrowser(t, host, x.URL)
	step := func(name string, fn func(t *testing.T)) bool {
		return t.Run(name, func(t *testing.T) {
			consoleMark := b.console.mark()
			t.Cleanup(func() {
				if t.Failed() {
					t.Logf("console:\n  %s", strings.Join(b.console.since(consoleMark), "\n  "))
					t.Logf("platform output (tail):\n%s", x.tail(30))
					t.Logf("provider output:\n%s", prov.log.String())
				}
			})
			fn(t)
		})
	}
	require.True(t, step("login", func(t *testing.T) {
		require.True(t, eval[bool](t, b, `window.__init()`))
		b.run(t, `xkit.login(`+quote(token)+`)`).value(t, new(any))
		var p struct {
			Name string `json:"name"`
		}
		b.run(t, `xkit.getPlatform()`).value(t, &p)
		assert.Equal(t, "Acme Integrations", p.Name)
		var cs []connector
		b.run(t, `xkit.listConnectors()`).value(t, &cs)
		assert.Equal(t, []string{"crm"}, slugs(cs), "the seed's connector only: no demo connectors")
	}))

	step("deny", func(t *testing.T) {
		o := b.click(t, `xkit.addConnection("crm")`, func(t *testing.T, popup context.Context, _ target.ID) {
			popupClick(t, popup, "#deny")
		})
		e := o.fails(t)
		assert.Equal(t, "The authorization was denied.", e.Message)
		assert.Zero(t, o.count("connection:enable"))
	})

	var authID string
	allowed := step("allow", func(t *testing.T) {
		mark := b.console.mark()
		o := b.click(t, `xkit.addConnection("crm")`, func(t *testing.T, popup context.Context, _ target.ID) {
			ctx, cancel := context.WithTimeout(popup, waitLimit)
			defer cancel()
			require.NoError(t, chromedp.Do(ctx, chromedp.WaitVisible(chromedp.ID("allow"))), "the consent page (at %s)", location(popup))
			text, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector("main").innerText`))
			require.NoError(t, err)
			assert.Contains(t, text, "Acme Integrations wants to access your demo crm account")
			assert.True(t, strings.HasPrefix(location(popup), prov.URL+"/authorize?"), "the external provider's consent page")
			popupClick(t, popup, "#allow")
		})
		var c struct {
			ID            string `json:"id"`
			Enabled       bool   `json:"enabled"`
			Authorization struct {
				ID     string `json:"id"`
				Status string `json:"status"`
			} `json:"authorization"`
		}
		o.value(t, &c)
		assert.True(t, c.Enabled)
		assert.Equal(t, "active", c.Authorization.Status)
		assert.Equal(t, 1, o.count("connection:enable"))
		authID = c.Authorization.ID
		if s.name == "wasm" {
			// A normal connect leaves the console clean: no failed request,
			// no status socket tried where there is none, no warning (page
			// and popup, console calls and the browser's own log).
			var noise []string
			for _, l := range b.console.since(mark) {
				if strings.Contains(l, " error: ") || strings.Contains(l, " warning: ") || strings.Contains(l, " exception: ") {
					noise = append(noise, l)
				}
			}
			assert.Empty(t, noise, "console errors and warnings during the connect")
		}
	})

	var first string
	step("getConnectionToken", func(t *testing.T) {
		require.True(t, allowed, "needs the connection of allow")
		b.run(t, `xkit.getConnectionToken({slug: "crm"})`).value(t, &first)
		require.NotEmpty(t, first)
		status, info := prov.userinfo(t, first)
		require.Equal(t, 200, status, "the provider accepts the token: %v", info)
		assert.Equal(t, "authorization_code", info["grant_type"])
		assert.Equal(t, "contacts.read", info["scope"])
	})

	step("refresh", func(t *testing.T) {
		require.NotEmpty(t, first, "needs the token of getConnectionToken")
		req, err := http.NewRequest(http.MethodPost, x.URL+"/test/authorizations/"+authID+"/expire-access-token", nil)
		require.NoError(t, err)
		x.do(t, req, new(any))
		var second string
		b.run(t, `xkit.getConnectionToken({slug: "crm"})`).value(t, &second)
		assert.NotEqual(t, first, second, "a new access token")
		status, info := prov.userinfo(t, second)
		require.Equal(t, 200, status, "%v", info)
		assert.Equal(t, "refresh_token", info["grant_type"], "issued through the provider's refresh token")
		var c connection
		b.run(t, `xkit.getConnection({slug: "crm"})`).value(t, &c)
		require.NotNil(t, c.Authorization)
		assert.Equal(t, "active", c.Authorization.Status)
	})
}
