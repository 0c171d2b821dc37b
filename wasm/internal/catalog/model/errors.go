package model

import (
	"errors"
	"strconv"

	"github.com/xkit-wasm/xkit/wasm/internal/catalog/i18n"
	"github.com/xkit-wasm/xkit/wasm/xkit"
)

// codes words error codes as sentences: OAuth 2 authorization errors
// (RFC 6749 4.1.2.1), worded as the original catalog did, and the codes
// of this SDK's connect flow. A table, not a switch or a map literal:
// either costs the wasm build more code.
var codes = [...]struct {
	code string
	k    i18n.Key
}{
	{"access_denied", i18n.ConnectAccessDenied},
	{"temporarily_unavailable", i18n.ConnectBusy},
	{"invalid_request", i18n.ConnectInternal},
	{"unauthorized_client", i18n.ConnectInternal},
	{"unsupported_response_type", i18n.ConnectInternal},
	{"invalid_scope", i18n.ConnectInternal},
	{"server_error", i18n.ConnectInternal},
	{xkit.CodePopupBlocked, i18n.ConnectPopupBlocked},
	{xkit.CodeCancelled, i18n.ConnectCancelled},
	{xkit.CodeDenied, i18n.ConnectDenied},
	{xkit.CodeProviderError, i18n.ConnectProviderError},
	{xkit.CodeNetwork, i18n.ConnectNetwork},
	{xkit.CodeTimeout, i18n.ConnectTimeout},
	{xkit.CodeAborted, i18n.ConnectAborted},
	{xkit.CodeUnauthorized, i18n.ConnectUnauthorized},
}

func friendly(code string) (i18n.Key, bool) {
	for _, c := range codes {
		if c.code == code {
			return c.k, true
		}
	}
	return 0, false
}

// FriendlyError words a failed install or reconnect for a person, in m's
// words. The authorization's OAuth error code (errorCode, access_denied)
// wins when it is known; then the provider's own words (detail, its
// error_message) after "Connection failed"; then the flow's code
// (popup_blocked, ...); the original matched the message against the same
// table (xkit.js put OAuth codes in the message), so a known message is
// worded too. Otherwise it is "Connection failed".
func FriendlyError(m *i18n.Messages, errorCode, code, message, detail string) string {
	if k, ok := friendly(errorCode); ok {
		return m.T(k)
	}
	if detail != "" {
		return m.T(i18n.ConnectFailedDetail, "detail", detail)
	}
	if k, ok := friendly(code); ok {
		return m.T(k)
	}
	if k, ok := friendly(message); ok {
		return m.T(k)
	}
	return m.T(i18n.ConnectFailed)
}

// Reason says why a call to the platform failed: by its HTTP status when
// the platform answered, else the network (the SDK's messages for these
// are English, for developers).
func Reason(m *i18n.Messages, err error) string {
	ae, ok := errors.AsType[*xkit.APIError](err)
	switch {
	case !ok || ae.StatusCode == 0:
		return m.T(i18n.ReasonNetwork)
	case ae.StatusCode == 404:
		return m.T(i18n.ReasonNotFound)
	case ae.StatusCode == 401 || ae.StatusCode == 403:
		return m.T(i18n.ReasonSignedOut)
	}
	return m.T(i18n.ReasonStatus, "status", strconv.Itoa(ae.StatusCode))
}
