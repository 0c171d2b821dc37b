package xkit

import (
	"errors"
	"strings"

	"github.com/xkit-wasm/xkit/wasm/internal/fold"
	"github.com/xkit-wasm/xkit/wasm/internal/jsonv"
)

// APIError is a request the platform refused, or answered with something
// that is not a result. The bridge turns it into a JavaScript Error named
// "IKitAPIError" with the same fields, as xkit.js does.
type APIError struct {
	Message      string // statusText, or the platform's "error" text on a 2xx
	StatusText   string
	DebugMessage string // the "error" text of a non-2xx body, when there is one
	StatusCode   int
	Body         jsonv.Value // the error body, for the calls that opt in (crm_setup)
}

func (e *APIError) Error() string { return e.Message }

// ArgError is a call given an argument it cannot use. It is returned before
// any request is made.
type ArgError struct {
	Arg     string // the argument's name, as in the JavaScript API
	Message string // says what to pass instead
}

func (e *ArgError) Error() string { return e.Message }

// statusCode is err's HTTP status when it is an *APIError, else 0.
func statusCode(err error) int {
	if ae, ok := errors.AsType[*APIError](err); ok {
		return ae.StatusCode
	}
	return 0
}

// isUnauthorized says whether err means "this token will not do". Like
// xkit.js, it also trusts a message that says so: some failures reach the
// page without a status code.
func isUnauthorized(err error) bool {
	return err != nil && (statusCode(err) == 401 ||
		strings.Contains(fold.Lower(err.Error()), "unauthorized"))
}

func required(arg, value, what string) error {
	switch value {
	case "":
		return &ArgError{Arg: arg, Message: arg + " is required: pass " + what}
	case ".", "..":
		// A URL parser folds these path segments away (escaped or not), so
		// the request would go to another endpoint.
		return &ArgError{Arg: arg, Message: arg + ` cannot be "` + value + `": pass ` + what}
	}
	return nil
}

const (
	whatSlug       = `a connector slug such as "slack"`
	whatConnection = `a connection (or its id) such as one from listConnections()`
	whatPrototype  = `the authorization's prototype slug (authorization.authorizer.prototype.slug)`
	whatAPIObject  = `an API object slug such as one from listAPIObjects()`
)

// checkQuery accepts a query naming exactly one of a connection id or a
// connector slug.
func checkQuery(q Query) error {
	switch {
	case q.ID != "" && q.Slug != "":
		return &ArgError{Arg: "query", Message: `query takes a slug or an id, not both: pass {slug: "slack"} or {id: "..."}`}
	case q.ID != "":
		return required("id", q.ID, whatConnection)
	case q.Slug != "":
		return required("slug", q.Slug, whatSlug)
	}
	return &ArgError{Arg: "query", Message: `query needs a slug or an id: pass {slug: "slack"} or {id: "..."}`}
}
