package platform

import (
	"strconv"
	"time"
)

// DefaultAuthorizationTTL is how long an authorization may wait for its
// callback (xkitd -authorization-ttl, XKIT_AUTHORIZATION_TTL change it).
// After that its state can no longer complete it: a consent link found
// later in a browser history, a log or a mail is worth nothing.
const DefaultAuthorizationTTL = 10 * time.Minute

// ExpiredCode is the error_code of an authorization that waited too long.
const ExpiredCode = "authorization_expired"

// ExpiredMessage is the error_message of an authorization that waited
// longer than ttl.
func ExpiredMessage(ttl time.Duration) string {
	return "This authorization expired: it was not completed within " + words(ttl) + ". Start it again."
}

// Stale reports whether a is still awaiting its callback ttl after it was
// created.
func (a *Authorization) Stale(now time.Time, ttl time.Duration) bool {
	return a.Status == StatusAwaitingCallback && !now.Before(a.CreatedAt.Add(ttl))
}

// ExpireIfStale turns a stale authorization to error with ExpiredCode and
// ExpiredMessage and reports whether it did; the caller saves it.
func (a *Authorization) ExpireIfStale(now time.Time, ttl time.Duration) bool {
	if !a.Stale(now, ttl) {
		return false
	}
	a.Status, a.ErrorCode, a.ErrorMessage = StatusError, ExpiredCode, ExpiredMessage(ttl)
	a.UpdatedAt = now
	return true
}

// words says a duration the way a person would: "10 minutes", "90 seconds".
func words(d time.Duration) string {
	unit, n := "second", int64(d/time.Second)
	switch {
	case d >= time.Hour && d%time.Hour == 0:
		unit, n = "hour", int64(d/time.Hour)
	case d >= time.Minute && d%time.Minute == 0:
		unit, n = "minute", int64(d/time.Minute)
	case d < time.Second:
		return d.String()
	}
	if n != 1 {
		unit += "s"
	}
	return strconv.FormatInt(n, 10) + " " + unit
}
