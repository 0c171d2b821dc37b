package xkit

import (
	"sync"

	"github.com/xkit-wasm/xkit/wasm/internal/cancel"
	"github.com/xkit-wasm/xkit/wasm/internal/jsonv"
)

// TokenFunc gives a platform access token. As a login callback it is asked
// again whenever the held token and the cookie session have both expired.
type TokenFunc func(ctx cancel.Context) (string, error)

// Host is what the core needs from the page.
type Host interface {
	Warn(msg string)     // console.warn("Xkit:", msg)
	Navigate(url string) // window.location.href = url (the default token callback)
}

// Options configure a Client. Only Domain and Transport are required.
type Options struct {
	Domain    string // host[:port], never a URL
	Scheme    string // "https" (default) or "http"
	Version   string // the Xkit-Js-Version header
	Transport Transport
	Host      Host                                    // nil: warnings and navigation are dropped
	Emit      func(event string, payload jsonv.Value) // "connection:*" and "config:update" events; may be nil
}

// Client is one SDK instance for one platform domain. Its methods are safe
// for concurrent use.
type Client struct {
	o    Options
	base string // scheme://domain
	host Host

	platformDone chan struct{} // closed once init has read the platform

	mu            sync.Mutex
	token         string    // "" when none is held
	callback      TokenFunc // nil: send the page to loginRedirect
	loginRedirect string
	noSocket      bool     // the platform said it has no status socket (status_socket: false)
	gen           int      // bumped by login and logout so stale refreshes are dropped
	refreshing    *refresh // the POST /sessions/token in flight, if any

	flows flowSet // authorization flows running, one per connector (connect.go)
}

// New makes a Client and starts its init in a goroutine: read the public
// platform (for login_redirect_url), then try a token from the cookie
// session. config:update events report the progress.
func New(o Options) *Client {
	if o.Scheme == "" {
		o.Scheme = "https"
	}
	c := &Client{o: o, base: o.Scheme + "://" + o.Domain, host: o.Host, platformDone: make(chan struct{})}
	if c.host == nil {
		c.host = nopHost{}
	}
	go c.init()
	return c
}

type nopHost struct{}

func (nopHost) Warn(string)     {}
func (nopHost) Navigate(string) {}

// Domain is the platform's host[:port], as given.
func (c *Client) Domain() string { return c.o.Domain }

// URL is the platform's origin, scheme://domain.
func (c *Client) URL() string { return c.base }

// ConnectorURL is the platform's page for a connector.
func (c *Client) ConnectorURL(slug string) string { return c.base + "/connectors/" + escape(slug) }

// Token is the access token held now, "" when there is none.
func (c *Client) Token() string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.token
}

func (c *Client) emit(event string, payload jsonv.Value) {
	if c.o.Emit != nil {
		c.o.Emit(event, payload)
	}
}

// configUpdate emits config:update with one changed piece of state.
func (c *Client) configUpdate(key string, v jsonv.Value) {
	c.emit("config:update", jsonv.Object(jsonv.Member{Key: key, Value: v}))
}

func jsonBool(b bool) jsonv.Value {
	if b {
		return jsonv.Raw("true")
	}
	return jsonv.Raw("false")
}

// tokenValue is a token as a config:update value: null when none is held.
func tokenValue(t string) jsonv.Value {
	if t == "" {
		return jsonv.Raw("null")
	}
	return jsonv.String(t)
}
