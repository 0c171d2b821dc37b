package model

// internalError is what a user sees for OAuth errors that are the
// platform's or the developer's fault, not theirs.
const internalError = "We encountered an unexpected error during installation"

// friendly maps error codes to sentences: OAuth 2 authorization errors
// (RFC 6749 4.1.2.1), worded as the original catalog did, and the codes
// of this SDK's connect flow.
var friendly = map[string]string{
	"access_denied":             "Cancelled authorization",
	"temporarily_unavailable":   "Server is temporarily overloaded, please try again in a moment",
	"invalid_request":           internalError,
	"unauthorized_client":       internalError,
	"unsupported_response_type": internalError,
	"invalid_scope":             internalError,
	"server_error":              internalError,

	"popup_blocked":  "Your browser blocked the sign-in window. Allow pop-ups for this page and try again.",
	"cancelled":      "Installation cancelled: the sign-in window was closed before it finished.",
	"denied":         "Cancelled authorization: access was not granted.",
	"provider_error": "The service reported a problem while connecting. Please try again.",
	"network":        "Could not reach the server. Check your connection and try again.",
	"timeout":        "Connecting took too long. Please try again.",
	"aborted":        "Installation was interrupted. Please try again.",
}

// FriendlyError words an error from install, reconnect or remove for a
// person: a known code wins; the original matched the message against
// the same table (xkit.js put OAuth codes in the message), so a known
// message is translated too; otherwise the message stands as it is.
func FriendlyError(code, message string) string {
	if s, ok := friendly[code]; ok {
		return s
	}
	if s, ok := friendly[message]; ok {
		return s
	}
	if message == "" {
		return internalError
	}
	return message
}
