//go:build !js

package oauthclient

import (
	"net/http"
	"time"
)

// NativeDo is the Doer of a native platform (xkitd): an http.Client of its
// own that gives a provider 30 s and never follows a redirect (a token
// endpoint that redirects is answered as the error it is). The Worker has
// its own, over fetch(): this file is not in its build, so neither is
// http.Client.
func NativeDo() Doer {
	c := &http.Client{
		Timeout:       30 * time.Second,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
	return c.Do
}
