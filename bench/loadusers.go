package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync"
	"time"
)

// loadUser is one provisioned user with its access token.
type loadUser struct {
	client *http.Client
	base   string // xkitd's URL
	token  string
}

// loadSlug is the connector users connect to: the default API-key
// connector, whose authorization one request completes (the SDK's
// setAuthorizationFields), as a user saving a key in the popup does. A
// connection is enabled only once its authorization is active, so the loop
// completes each one before it reads and removes it.
const loadSlug = "acme-api"

// loop runs listConnectors → create connection → complete its
// authorization → getConnection → remove until ctx ends. After a failed
// call it pauses a moment, so a platform that is down is not hammered by
// a spinning loop.
func (u *loadUser) loop(ctx context.Context, rec *recorder, n int) {
	pause := func() {
		select {
		case <-ctx.Done():
		case <-time.After(100 * time.Millisecond):
		}
	}
	for i := n; ctx.Err() == nil; i++ {
		if rec.timed(opList, func() error { return u.do("GET", "/connectors", nil, nil) }) != nil {
			pause()
			continue
		}
		var created struct {
			Connection struct {
				ID            string `json:"id"`
				Authorization struct {
					State string `json:"state"`
				} `json:"authorization"`
			} `json:"connection"`
		}
		err := rec.timed(opCreate, func() error {
			err := u.do("POST", "/connections/"+loadSlug, map[string]any{}, &created)
			if err == nil && (created.Connection.ID == "" || created.Connection.Authorization.State == "") {
				err = fmt.Errorf("no connection id or state in the answer")
			}
			return err
		})
		if err == nil {
			fields := map[string]any{"state": created.Connection.Authorization.State, "api_key": fmt.Sprint("load-key-", i)}
			err = rec.timed(opComplete, func() error { return u.do("PUT", "/authorizations/"+loadSlug, fields, nil) })
		}
		if err != nil {
			pause()
			continue
		}
		id := created.Connection.ID
		err = rec.timed(opGet, func() error { return u.do("GET", "/connection/"+id, nil, nil) })
		if err2 := rec.timed(opRemove, func() error { return u.do("DELETE", "/connection/"+id, nil, nil) }); err == nil {
			err = err2
		}
		if err != nil {
			pause()
		}
	}
}

// do calls the platform user API as the user; a status other than 200 is
// an error named by status and the answer's {"error"}.
func (u *loadUser) do(method, path string, body, out any) error {
	var rd io.Reader
	if body != nil {
		b, _ := json.Marshal(body)
		rd = bytes.NewReader(b)
	}
	req, err := http.NewRequest(method, u.base+"/api/platform_user"+path, rd)
	if err != nil {
		return err
	}
	req.Header.Set("Authorization", "Bearer "+u.token)
	req.Header.Set("Accept", "application/json")
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	return send(u.client, req, out)
}

// send does req and reads the whole answer (so the connection is reused).
func send(client *http.Client, req *http.Request, out any) error {
	res, err := client.Do(req)
	if err != nil {
		return fmt.Errorf("transport: %s", shortError(err))
	}
	defer res.Body.Close()
	data, err := io.ReadAll(res.Body)
	if err != nil {
		return fmt.Errorf("reading the answer: %s", shortError(err))
	}
	if res.StatusCode != http.StatusOK {
		var e struct {
			Error string `json:"error"`
		}
		json.Unmarshal(data, &e)
		return fmt.Errorf("HTTP %d %q", res.StatusCode, e.Error)
	}
	if out != nil {
		return json.Unmarshal(data, out)
	}
	return nil
}

// shortError drops the URL from a transport error so equal failures count
// as one kind.
func shortError(err error) string {
	s := err.Error()
	if i := strings.LastIndex(s, ": "); i >= 0 {
		return s[i+2:]
	}
	return s
}

// provision makes c.users users known as a host backend would (8 at a
// time; a failed call is tried again 5 times) and returns them.
func provision(client *http.Client, c loadConfig, run string) ([]*loadUser, error) {
	users := make([]*loadUser, c.users)
	errs := make(chan error, c.users)
	sem := make(chan struct{}, 8)
	var wg sync.WaitGroup
	for i := range users {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer func() { <-sem; wg.Done() }()
			body := fmt.Sprintf(`{"user":{"external_id":%q}}`, fmt.Sprintf("%s-user-%d", run, i))
			var out struct {
				AccessToken string `json:"access_token"`
			}
			err := retry(func() error {
				req, err := http.NewRequest("POST", c.url+"/api/platform/users", strings.NewReader(body))
				if err != nil {
					return err
				}
				req.SetBasicAuth(c.pk, c.sk)
				req.Header.Set("Content-Type", "application/json")
				return send(client, req, &out)
			})
			if err != nil {
				errs <- fmt.Errorf("provisioning user %d: %w", i, err)
				return
			}
			users[i] = &loadUser{client: client, base: c.url, token: out.AccessToken}
		}()
	}
	wg.Wait()
	close(errs)
	return users, <-errs
}

// retry calls fn up to 6 times, 200 ms apart, until it succeeds (setup
// only: the measured calls are never retried).
func retry(fn func() error) error {
	var err error
	for range 6 {
		if err = fn(); err == nil {
			return nil
		}
		time.Sleep(200 * time.Millisecond)
	}
	return err
}
