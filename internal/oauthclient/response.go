package oauthclient

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"math"
	"mime"
	"net/http"
	"net/url"
	"strconv"
	"time"
)

// maxBody is the most of a token answer read: tokens are small, and a
// provider that sends more is broken or hostile.
const maxBody = 1 << 20

var (
	errNoDoer    = errors.New("oauth2: no way to send requests (Config.Do is nil)")
	errTooLarge  = errors.New("oauth2: the token answer is larger than 1 MiB")
	errNoAccess  = errors.New("oauth2: the token answer has no access_token")
	errBadAnswer = errors.New("oauth2: the token answer could not be read")
)

// Error is a token request the provider answered with an error: a status
// other than 2xx, or an "error" member (RFC 6749 section 5.2). The body is
// not kept: it could hold secrets.
type Error struct {
	StatusCode  int    // the HTTP status
	Status      string // "400 Bad Request"
	Code        string // "invalid_grant", ...; "" when the body had none
	Description string // error_description, when given
}

func (e *Error) Error() string {
	if e.Code != "" {
		s := "oauth2: " + strconv.Quote(e.Code)
		if e.Description != "" {
			s += " " + strconv.Quote(e.Description)
		}
		return s + " (" + e.Status + ")"
	}
	return "oauth2: token request failed: " + e.Status
}

// Temporary reports whether a failed token request may work when tried
// again: the provider was not reached, failed (5xx), or said
// temporarily_unavailable or server_error. A refusal (invalid_grant, a bad
// client, ...) is not temporary.
func Temporary(err error) bool {
	if err == nil {
		return false
	}
	var e *Error
	if !errors.As(err, &e) {
		// No answer at all (network), or an answer that is not OAuth:
		// errNoAccess and errBadAnswer are the provider's doing too, but
		// nothing says a retry would differ, so only the network counts.
		return err != errNoAccess && err != errBadAnswer && err != errTooLarge && err != errNoDoer
	}
	return e.StatusCode >= 500 || e.Code == "temporarily_unavailable" || e.Code == "server_error"
}

// answer is the members of a token endpoint's answer that matter.
type answer struct {
	AccessToken, TokenType, RefreshToken string
	ExpiresIn                            string // a JSON number, or a string (PayPal)
	Error, ErrorDescription              string
}

// readToken reads a token endpoint's answer: JSON, or a form
// (application/x-www-form-urlencoded or text/plain, as GitHub sends
// without Accept).
func readToken(res *http.Response, now time.Time) (*Token, error) {
	body, err := io.ReadAll(io.LimitReader(res.Body, maxBody+1))
	if err != nil {
		return nil, err
	}
	if len(body) > maxBody {
		return nil, errTooLarge
	}
	failed := res.StatusCode < 200 || res.StatusCode > 299
	e := &Error{StatusCode: res.StatusCode, Status: res.Status}
	if e.Status == "" {
		e.Status = strconv.Itoa(res.StatusCode) + " " + http.StatusText(res.StatusCode)
	}
	var a answer
	extra := map[string]string{}
	content, _, _ := mime.ParseMediaType(res.Header.Get("Content-Type"))
	switch content {
	case "application/x-www-form-urlencoded", "text/plain":
		q, err := url.ParseQuery(string(body))
		if err != nil {
			if failed {
				return nil, e
			}
			return nil, errBadAnswer
		}
		a = answer{AccessToken: q.Get("access_token"), TokenType: q.Get("token_type"),
			RefreshToken: q.Get("refresh_token"), ExpiresIn: q.Get("expires_in"),
			Error: q.Get("error"), ErrorDescription: q.Get("error_description")}
		for k := range q {
			extra[k] = q.Get(k)
		}
	default:
		if err := decodeJSON(body, &a, extra); err != nil {
			if failed {
				return nil, e
			}
			return nil, errBadAnswer
		}
	}
	e.Code, e.Description = a.Error, a.ErrorDescription
	// RFC 6749 says 400, but some providers answer an error with 200.
	if failed || a.Error != "" {
		return nil, e
	}
	if a.AccessToken == "" {
		return nil, errNoAccess
	}
	for _, k := range []string{"access_token", "token_type", "refresh_token", "expires_in"} {
		delete(extra, k)
	}
	t := &Token{AccessToken: a.AccessToken, TokenType: a.TokenType, RefreshToken: a.RefreshToken, Extra: extra}
	if secs, err := strconv.ParseInt(a.ExpiresIn, 10, 64); err == nil && secs > 0 {
		t.Expiry = now.Add(time.Duration(min(secs, math.MaxInt32)) * time.Second)
	}
	return t, nil
}

// decodeJSON reads a JSON object into a, and its members that are strings
// or numbers into extra.
func decodeJSON(body []byte, a *answer, extra map[string]string) error {
	var members map[string]json.RawMessage
	if err := json.Unmarshal(body, &members); err != nil || members == nil {
		return errBadAnswer
	}
	for k, raw := range members {
		raw = bytes.TrimSpace(raw)
		var s string
		switch {
		case len(raw) > 0 && raw[0] == '"':
			if json.Unmarshal(raw, &s) != nil {
				return errBadAnswer
			}
		case len(raw) > 0 && (raw[0] == '-' || raw[0] >= '0' && raw[0] <= '9'):
			s = string(raw)
		default:
			continue // objects, arrays, booleans, null
		}
		extra[k] = s
		switch k {
		case "access_token":
			a.AccessToken = s
		case "token_type":
			a.TokenType = s
		case "refresh_token":
			a.RefreshToken = s
		case "expires_in":
			a.ExpiresIn = s
		case "error":
			a.Error = s
		case "error_description":
			a.ErrorDescription = s
		}
	}
	return nil
}
