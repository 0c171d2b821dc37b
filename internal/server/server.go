// Package server is xkitd's HTTP side: the platform user API the Xkit SDK
// calls (/api/platform_user), provisioning for host backends
// (/api/platform/users), the authorization pages the SDK's popup visits,
// OAuth2 against real providers or the built-in demo provider, the status
// socket, logos, static files and, when asked for, test hooks.
//
//	srv := server.New(server.Config{Store: store, PublicURL: "http://127.0.0.1:8080", PublishableKey: pk, SecretKey: sk})
//	http.ListenAndServe(addr, srv)
package server

import (
	"log"
	"net/http"
	"strings"
	"sync/atomic"
	"time"

	"github.com/xkit-wasm/xkit/internal/demoprovider"
	"github.com/xkit-wasm/xkit/internal/oauthclient"
	"github.com/xkit-wasm/xkit/internal/phoenix"
	"github.com/xkit-wasm/xkit/internal/platform"
)

// Config is what a Server needs.
type Config struct {
	Store platform.Store
	// PublicURL is where browsers reach the platform (scheme://host[:port],
	// see ParsePublicURL): its own origin, the base of redirect and
	// authorize URLs. Requests for another Host get 421; with a loopback
	// public URL, localhost, 127.0.0.1 and [::1] on its port are accepted.
	// Required: without it every request answers 503.
	PublicURL string
	// TLS says the server is reached over https (also implied by an https
	// PublicURL): session cookies become Secure and SameSite=None so
	// cross-site pages can use them.
	TLS bool
	// Origins are the web origins (scheme://host[:port]) allowed besides the
	// server's own: CORS with credentials, postMessage targets, socket.
	Origins []string
	// PublishableKey and SecretKey authorize provisioning (basic auth).
	PublishableKey, SecretKey string
	// Name is the platform's name: GET /platform (the catalog shows
	// "{Name} Integrations" and "Back to {Name}"), the demo provider's
	// consent page. Default DefaultName, "Xkit Local".
	Name string
	// Website is the platform's website (GET /platform's website); an
	// absolute http(s) URL (see ParseLink). Default: the public URL.
	Website string
	// LoginRedirectURL is where the SDK sends a page whose user is signed
	// out and has no token callback (GET /platform's login_redirect_url):
	// your app's sign-in page, an absolute http(s) URL. Default: the demo
	// page on a demo platform, else Website, else the public URL.
	LoginRedirectURL string
	// Demo makes it a demo platform: the built-in demo OAuth provider at
	// /demo-oauth/ (the provider of oauth2 connectors that name none),
	// POST /demo/token (the demo page's sign-in, for pages of the
	// platform's own origin, which makes every visitor the same demo
	// user) and WebDir's index.html, the demo page, at /. Never with real
	// connectors: users of the demo page share one account.
	Demo bool
	// HTTPDo sends the requests to OAuth providers' token endpoints; the
	// default on native builds is an http.Client (oauthclient.NativeDo).
	// The Worker sets fetch().
	HTTPDo oauthclient.Doer
	// TestHooks turns on /test/... endpoints.
	TestHooks bool
	// WebDir holds index.html (the demo page, served at / on a demo
	// platform) and web/ (the SDK) to serve; "" serves none.
	WebDir string
	// AccessTTL is how long a bearer access token lives (default 15 min).
	AccessTTL time.Duration
	// SessionTTL is how long a cookie session lives (default 30 days).
	SessionTTL time.Duration
	// OneTimeTTL is how long a one-time token lives (default 60 s).
	OneTimeTTL time.Duration
	// AuthorizationTTL is how long an authorization may wait for its
	// callback (default platform.DefaultAuthorizationTTL, 10 min); after
	// that it cannot be completed and turns to error.
	AuthorizationTTL time.Duration
	// SweepEvery is how often, at most, issuing a token also deletes
	// expired tokens and expires stale authorizations (default 1 min).
	SweepEvery time.Duration
	// Logger gets internal errors and panics, and one line per request
	// (path only: queries hold tokens) unless Quiet. nil logs nothing.
	Logger *log.Logger
	// Quiet leaves out the request lines; errors are still logged.
	Quiet bool
	// Now is the clock (default time.Now).
	Now func() time.Time
}

// Server is the xkitd http.Handler.
type Server struct {
	cfg       Config
	publicURL string            // "" when Config.PublicURL is not valid
	hosts     map[string]string // Host → own origin (publicurl.go)
	id        identity
	hub       *phoenix.Hub
	demo      *demoprovider.Provider // nil unless Config.Demo
	handler   http.Handler
	lastSweep atomic.Int64      // Unix ms of the last sweep (sweep.go)
	encoded   encodedConnectors // for GET /connectors
	etags     etagCache         // of the files of web/ (static.go)
}

// Cookie and limits.
const (
	sessionCookie = "xkit_session"
	maxBodyBytes  = 64 << 10
	apiPrefix     = "/api/platform_user"
	callbackPath  = "/authorizations/oauth2/callback"
)

// New returns a Server for cfg.
func New(cfg Config) *Server {
	if cfg.AccessTTL == 0 {
		cfg.AccessTTL = 15 * time.Minute
	}
	if cfg.SessionTTL == 0 {
		cfg.SessionTTL = 30 * 24 * time.Hour
	}
	if cfg.OneTimeTTL == 0 {
		cfg.OneTimeTTL = 60 * time.Second
	}
	if cfg.AuthorizationTTL == 0 {
		cfg.AuthorizationTTL = platform.DefaultAuthorizationTTL
	}
	if cfg.SweepEvery == 0 {
		cfg.SweepEvery = time.Minute
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.HTTPDo == nil {
		cfg.HTTPDo = defaultHTTPDo()
	}
	s := &Server{cfg: cfg, hub: phoenix.NewHub()}
	s.id = newIdentity(cfg, s.logf)
	if public, err := ParsePublicURL(cfg.PublicURL); err == nil {
		s.publicURL, s.hosts = public, ownOrigins(public)
		s.cfg.TLS = cfg.TLS || strings.HasPrefix(public, "https://")
	} else {
		s.logf("%v", err)
	}
	if cfg.Demo {
		s.demo = s.newDemo()
	}
	s.handler = s.recoverer(s.logRequests(s.checkHost(s.limitBody(s.checkOrigin(s.routes())))))
	return s
}

// PublicURL is the platform's origin ("" when Config.PublicURL is invalid).
func (s *Server) PublicURL() string { return s.publicURL }

// Hub is the status pub/sub the socket serves from.
func (s *Server) Hub() *phoenix.Hub { return s.hub }

func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) { s.handler.ServeHTTP(w, r) }

func (s *Server) routes() http.Handler {
	mux := http.NewServeMux()
	api := func(pattern string, h http.HandlerFunc) {
		method, path, _ := cutPattern(pattern)
		mux.HandleFunc(method+" "+apiPrefix+path, h)
	}
	// Public.
	api("GET /platform", s.getPlatform)
	api("GET /platform/connectors", s.listPublicConnectors)
	api("GET /platform/connectors/{slug}", s.getPublicConnector)
	// Sessions and tokens.
	api("POST /sessions", s.createSession)
	api("DELETE /sessions", s.deleteSession)
	api("POST /sessions/token", s.accessTokenFromSession)
	api("POST /sessions/ott", s.user(s.createOneTimeToken))
	api("GET /session", s.user(s.getSession))
	// A user's connectors, connections and authorizations.
	api("GET /connectors", s.user(s.listConnectors))
	api("GET /connectors/{slug}", s.user(s.getConnector))
	api("GET /connections", s.user(s.listConnections))
	api("GET /connections/{slug}", s.user(s.getConnectionBySlug))
	api("POST /connections/{slug}", s.user(s.createConnection))
	api("DELETE /connections/{slug}", s.user(s.removeConnectionBySlug))
	api("GET /connection/{id}", s.user(s.getConnectionByID))
	api("DELETE /connection/{id}", s.user(s.removeConnectionByID))
	api("PUT /authorizations/{slug}", s.user(s.setAuthorizationFields))
	api("GET /authorizations/{slug}/{id}", s.user(s.getAuthorization))
	api("POST /connection/{id}/crm_setup", s.user(s.crmSetup))
	api("GET /connection/{id}/api_objects", s.user(s.listAPIObjects))
	api("GET /connection/{id}/api_objects/{slug}", s.user(s.getAPIObject))
	api("GET /connection/{id}/crm_mapping", s.user(s.getCRMMapping))
	api("POST /connection/{id}/crm_mapping", s.user(s.saveCRMMapping))

	mux.HandleFunc("POST /api/platform/users", s.provisionUser)

	// Pages the authorization popup visits.
	mux.HandleFunc("GET /authorizations/loading", s.loadingPage)
	mux.HandleFunc("GET /authorizations/{slug}/loading", s.loginLoadingPage)
	mux.HandleFunc("GET /authorizations/{slug}/start", s.startFlow)
	mux.HandleFunc("GET /authorizations/{slug}/fields", s.fieldsPage)
	mux.HandleFunc("POST /authorizations/{slug}/fields", s.saveFields)
	mux.HandleFunc("GET "+callbackPath, s.oauthCallback)

	mux.Handle("GET /socket/websocket", s.socketHandler())
	mux.HandleFunc("GET /logos/{file}", s.logo)
	mux.HandleFunc("GET /{$}", s.index)
	mux.HandleFunc("GET /web/{path...}", s.webAsset)

	if s.demo != nil {
		s.demo.Register(mux)
		mux.HandleFunc("POST /demo/token", s.demoToken)
	}
	if s.cfg.TestHooks {
		mux.HandleFunc("POST /test/expire-tokens", s.expireTokensHook)
		mux.HandleFunc("POST /test/authorizations/{id}/break", s.breakAuthorizationHook)
		mux.HandleFunc("POST /test/authorizations/expire", s.expireAuthorizationsHook)
		mux.HandleFunc("POST /test/sockets/{state}", s.socketsHook)
		mux.HandleFunc("POST /test/authorizations/{id}/expire-access-token", s.expireAccessTokenHook)
	}
	return jsonFallback(mux)
}

func cutPattern(p string) (method, path string, ok bool) {
	for i := 0; i < len(p); i++ {
		if p[i] == ' ' {
			return p[:i], p[i+1:], true
		}
	}
	return "", p, false
}

// jsonFallback answers what the mux does not route (404, 405) with the
// usual {"error"} body instead of the mux's plain text.
func jsonFallback(mux *http.ServeMux) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h, pattern := mux.Handler(r)
		if pattern != "" {
			mux.ServeHTTP(w, r)
			return
		}
		rec := &statusOnly{header: http.Header{}}
		h.ServeHTTP(rec, r)
		if allow := rec.header.Get("Allow"); allow != "" {
			w.Header().Set("Allow", allow)
		}
		switch {
		case rec.status >= 300 && rec.status < 400: // the mux cleaning a path
			http.Redirect(w, r, rec.header.Get("Location"), rec.status)
		case rec.status == http.StatusMethodNotAllowed:
			writeJSON(w, rec.status, map[string]string{"error": "Method " + r.Method + " is not allowed here."})
		default:
			writeJSON(w, http.StatusNotFound, map[string]string{"error": "Not found: " + r.URL.Path})
		}
	})
}

// statusOnly records the status a handler writes and drops the body.
type statusOnly struct {
	header http.Header
	status int
}

func (s *statusOnly) Header() http.Header { return s.header }
func (s *statusOnly) WriteHeader(code int) {
	if s.status == 0 {
		s.status = code
	}
}
func (s *statusOnly) Write(b []byte) (int, error) {
	s.WriteHeader(http.StatusOK)
	return len(b), nil
}
