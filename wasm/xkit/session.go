package xkit

import (
	"github.com/xkit-wasm/xkit/wasm/internal/cancel"
	"github.com/xkit-wasm/xkit/wasm/internal/jsonv"
)

// message is an error whose text is shown to people as is, in xkit.js's
// words (sentences, so not in Go's lower-case error style).
type message string

func (m message) Error() string { return string(m) }

// refresh is one POST /sessions/token shared by every caller that needs a
// token while it is in flight.
type refresh struct {
	done  chan struct{}
	token string
	err   error
}

// op is one API call made with a token ("" for the public API).
type op func(ctx cancel.Context, token string) (jsonv.Value, error)

func (c *Client) init() {
	ctx := cancel.Background()
	c.configUpdate("loading", jsonBool(true))
	c.readPlatform(ctx)
	if c.Token() == "" { // a login may have landed meanwhile
		_, _ = c.refresh(ctx) // no cookie session yet is normal: the page has not logged in
	}
	c.configUpdate("loading", jsonBool(false))
}

// readPlatform learns where the default token callback sends the page.
func (c *Client) readPlatform(ctx cancel.Context) {
	defer close(c.platformDone)
	p, err := c.field(ctx, "", call{path: "/platform"}, "platform")
	if err != nil {
		c.host.Warn("Unable to retrieve login redirect URL: " + err.Error())
		return
	}
	// Ours, additive: a platform without the status socket (the Worker)
	// says so, and flows then poll without trying it. xkit.js ignores it.
	if has, ok := p.Get("status_socket").Bool(); ok && !has {
		c.mu.Lock()
		c.noSocket = true
		c.mu.Unlock()
	}
	url, _ := p.Get("login_redirect_url").Str()
	if url == "" {
		c.host.Warn("Unable to retrieve login redirect URL: the platform has no login_redirect_url")
		return
	}
	c.mu.Lock()
	c.loginRedirect = url
	c.mu.Unlock()
	c.configUpdate("loginRedirect", jsonv.String(url))
}

// Login makes a cookie session from token (POST /sessions) and holds the
// token. callback gives a new token once both the token and the cookie
// session have expired; nil sends the page to the platform's
// login_redirect_url. Unlike xkit.js, a failed login is returned (the JS
// face, wasm/bridge, warns and resolves, as xkit.js did).
func (c *Client) Login(ctx cancel.Context, token string, callback TokenFunc) error {
	if token == "" {
		return &ArgError{Arg: "token", Message: "token is required: pass the access token your server got from POST /api/platform/users (or a function that returns one)"}
	}
	c.configUpdate("loading", jsonBool(true))
	defer c.configUpdate("loading", jsonBool(false))
	return c.login(ctx, token, callback)
}

// LoginFunc logs in with the token fn gives now, and keeps fn as the
// callback for later.
func (c *Client) LoginFunc(ctx cancel.Context, fn TokenFunc) error {
	if fn == nil {
		return &ArgError{Arg: "token", Message: "token is required: pass an access token or a function that returns one"}
	}
	c.configUpdate("loading", jsonBool(true))
	defer c.configUpdate("loading", jsonBool(false))
	token, err := fn(ctx)
	if err != nil {
		return err
	}
	if token == "" {
		return message("The login function returned no token.")
	}
	return c.login(ctx, token, fn)
}

func (c *Client) login(ctx cancel.Context, token string, callback TokenFunc) error {
	if _, err := c.send(ctx, token, call{method: "POST", path: "/sessions"}); err != nil {
		return err
	}
	c.hold(token, callback, true)
	return nil
}

// hold keeps token (and callback, when setCallback) and reports it. Any
// refresh still in flight was asked for an older session, so its token is
// no longer stored.
//
// A login reports {token, tokenCallback} as xkit.js did; JSON has no
// functions, so tokenCallback is true for the caller's callback and false
// for the default one, and the JS face puts the function itself there.
// Logout reports {token: null} (xkit.js: undefined).
func (c *Client) hold(token string, callback TokenFunc, setCallback bool) {
	c.mu.Lock()
	c.token = token
	if setCallback {
		c.callback = callback
	}
	c.gen++
	c.mu.Unlock()
	payload := []jsonv.Member{{Key: "token", Value: tokenValue(token)}}
	if setCallback {
		payload = append(payload, jsonv.Member{Key: "tokenCallback", Value: jsonBool(callback != nil)})
	}
	c.emit("config:update", jsonv.Object(payload...))
}

// Logout ends the cookie session (DELETE /sessions) and forgets the token.
func (c *Client) Logout(ctx cancel.Context) error {
	if _, err := c.send(ctx, "", call{method: "DELETE", path: "/sessions"}); err != nil {
		return err
	}
	c.hold("", nil, false)
	return nil
}

// GetAccessToken gets a fresh token from the cookie session and holds it.
func (c *Client) GetAccessToken(ctx cancel.Context) (string, error) { return c.refresh(ctx) }

// refresh asks for a token from the cookie session. Concurrent callers share
// one request; it is forgotten once it settles, success or failure, so a
// failure is never handed to later callers (xkit.js 3.14.1 kept it).
func (c *Client) refresh(ctx cancel.Context) (string, error) {
	c.mu.Lock()
	r := c.refreshing
	if r == nil {
		r = &refresh{done: make(chan struct{})}
		c.refreshing = r
		go c.runRefresh(r, c.gen)
	}
	c.mu.Unlock()
	select {
	case <-r.done:
		return r.token, r.err
	case <-ctx.Done():
		return "", ctx.Err()
	}
}

// runRefresh does not use any one caller's context: the others still wait.
func (c *Client) runRefresh(r *refresh, gen int) {
	v, err := c.field(cancel.Background(), "", call{method: "POST", path: "/sessions/token"}, "access_token")
	token, _ := v.Str()
	if err == nil && token == "" {
		err = message("No access token was returned")
	}
	c.mu.Lock()
	c.refreshing = nil
	store := err == nil && gen == c.gen
	if store {
		c.token = token
	}
	c.mu.Unlock()
	r.token, r.err = token, err
	if store {
		c.configUpdate("token", tokenValue(token))
	}
	close(r.done)
}

// authed runs fn the way every authenticated call runs (spec section 4):
// with the held token; on 401 with a token from the cookie session; on 401
// again through public, when the call has a public form; else with a token
// from the login callback.
func (c *Client) authed(ctx cancel.Context, fn, public op) (jsonv.Value, error) {
	if token := c.Token(); token != "" {
		v, err := fn(ctx, token)
		if !isUnauthorized(err) {
			return v, err
		}
	}
	token, err := c.refresh(ctx)
	if err == nil {
		v, err := fn(ctx, token)
		if !isUnauthorized(err) {
			return v, err
		}
	} else if !isUnauthorized(err) {
		return jsonv.Value{}, err
	}
	if public != nil {
		return public(ctx, "")
	}
	if token, err = c.askCallback(ctx); err != nil {
		return jsonv.Value{}, err
	}
	return fn(ctx, token)
}

// askCallback gets a token from the login callback (by default: send the
// page to log in). Its failure is a *callbackError, so a flow can tell it
// from the platform's.
func (c *Client) askCallback(ctx cancel.Context) (string, error) {
	c.mu.Lock()
	callback := c.callback
	c.mu.Unlock()
	if callback == nil {
		callback = c.redirect
	}
	token, err := callback(ctx)
	if err == nil && token == "" {
		err = message("Error while retrieving new token, token was undefined.")
	}
	if err != nil {
		return "", &callbackError{err}
	}
	c.hold(token, nil, false)
	return token, nil
}

// callbackError is a token callback that gave no token. It reads as the
// callback's own error (errors.As finds a JS value in it).
type callbackError struct{ err error }

func (e *callbackError) Error() string { return e.err.Error() }
func (e *callbackError) Unwrap() error { return e.err }

// DefaultTokenCallback is the token callback used when login was given
// none: it sends the page to the platform's login_redirect_url (closing
// the popups of running flows first, since the page is going away) and
// never returns a token. It fails at once when the platform has no such
// URL.
func (c *Client) DefaultTokenCallback(ctx cancel.Context) (string, error) { return c.redirect(ctx) }

// redirect is the default token callback: send the page to the platform's
// login page and never return a token (the page is going away).
func (c *Client) redirect(ctx cancel.Context) (string, error) {
	select {
	case <-c.platformDone:
	case <-ctx.Done():
		return "", ctx.Err()
	}
	c.mu.Lock()
	url := c.loginRedirect
	c.mu.Unlock()
	if url == "" {
		return "", message("Not logged in, and the platform has no login_redirect_url to send the page to: call login() with a token callback, or set the platform's login redirect URL.")
	}
	// A popup the page opened would outlive it (xkit.js, which opened its
	// window only once it had a token, never left one).
	c.flows.closePopups()
	c.host.Navigate(url)
	<-ctx.Done()
	return "", ctx.Err()
}
