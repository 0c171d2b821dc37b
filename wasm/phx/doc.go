// Package phx is a small Phoenix channels client (JSON serializer v2) for
// the browser SDK's authorization status socket (spec section 7).
//
// It speaks frames [join_ref, ref, topic, event, payload] over a Conn that
// the caller supplies, so the same code runs over the browser's WebSocket
// (the bridge's Dialer) and over github.com/coder/websocket in native
// tests (NativeDialer, built only outside js). Frames are read with
// wasm/internal/jsonv and built with strings: no encoding/json, fmt or reflect.
//
// A Socket is one connection: Dial it, Join a topic (the join reply is
// returned), read the channel's pushes, Leave, Close. It sends a heartbeat
// every Options.Heartbeat (15 s by default, as xkit.js does) and closes
// itself when one goes unanswered until the next. It does not reconnect:
// the caller decides what a dropped socket means and dials again.
//
//	s, err := phx.Dial(ctx, dialer, "wss://example.xkit.co/socket/websocket?token=T&vsn=2.0.0", phx.Options{})
//	ch, reply, err := s.Join(ctx, "authorization_status:"+id, jsonv.Raw("{}"))
//	for p := range ch.Pushes() { ... p.Event, p.Payload ... }
package phx
