package model

// internalError is what a user sees for OAuth errors that are the
// platform's or the developer's fault, not theirs.
const internalError = "We encountered an unexpected error during installation"

// friendly words error codes as sentences: OAuth 2 authorization errors
// (RFC 6749 4.1.2.1), worded as the original catalog did, and the codes
// of this SDK's connect flow. A switch, not a map literal: the map's
// initialisation code cost more wasm than the table.
func friendly(code string) (string, bool) {
	switch code {
	case "access_denied":
		return "Cancelled authorization", true
	case "temporarily_unavailable":
		return "Server is temporarily overloaded, please try again in a moment", true
	case "invalid_request", "unauthorized_client", "unsupported_response_type", "invalid_scope", "server_error":
		return internalError, true
	case "popup_blocked":
		return "Your browser blocked the sign-in window. Allow pop-ups for this page and try again.", true
	case "cancelled":
		return "Installation cancelled: the sign-in window was closed before it finished.", true
	case "denied":
		return "Cancelled authorization: access was not granted.", true
	case "provider_error":
		return "The service reported a problem while connecting. Please try again.", true
	case "network":
		return "Could not reach the server. Check your connection and try again.", true
	case "timeout":
		return "Connecting took too long. Please try again.", true
	case "aborted":
		return "Installation was interrupted. Please try again.", true
	}
	return "", false
}

// FriendlyError words an error from install, reconnect or remove for a
// person: a known code wins; the original matched the message against
// the same table (xkit.js put OAuth codes in the message), so a known
// message is translated too; otherwise the message stands as it is.
func FriendlyError(code, message string) string {
	if s, ok := friendly(code); ok {
		return s
	}
	if s, ok := friendly(message); ok {
		return s
	}
	if message == "" {
		return internalError
	}
	return message
}
