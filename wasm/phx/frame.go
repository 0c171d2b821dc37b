package phx

import (
	"errors"

	"github.com/xkit-wasm/xkit/wasm/internal/jsonv"
)

// Frame is one v2 message: [join_ref, ref, topic, event, payload]. An
// empty JoinRef or Ref is JSON null.
type Frame struct {
	JoinRef, Ref, Topic, Event string
	Payload                    jsonv.Value
}

// Encode builds the frame's JSON text. A missing payload is {}.
func (f Frame) Encode() string {
	payload := f.Payload.Raw()
	if payload == "" {
		payload = "{}"
	}
	return "[" + refJSON(f.JoinRef) + "," + refJSON(f.Ref) + "," + jsonv.Quote(f.Topic) + "," +
		jsonv.Quote(f.Event) + "," + payload + "]"
}

func refJSON(r string) string {
	if r == "" {
		return "null"
	}
	return jsonv.Quote(r)
}

var errFrame = errors.New("phx: a frame is [join_ref, ref, topic, event, payload] with string or null refs")

// Decode reads a frame from its JSON text.
func Decode(text string) (Frame, error) {
	v, err := jsonv.Parse(text)
	if err != nil {
		return Frame{}, err
	}
	items := v.Items()
	if v.Kind() != jsonv.KindArray || len(items) != 5 {
		return Frame{}, errFrame
	}
	var f Frame
	var ok [4]bool
	f.JoinRef, ok[0] = strOrNull(items[0])
	f.Ref, ok[1] = strOrNull(items[1])
	f.Topic, ok[2] = items[2].Str()
	f.Event, ok[3] = items[3].Str()
	if !ok[0] || !ok[1] || !ok[2] || !ok[3] {
		return Frame{}, errFrame
	}
	f.Payload = items[4]
	return f, nil
}

func strOrNull(v jsonv.Value) (string, bool) {
	if v.IsNull() {
		return "", true
	}
	return v.Str()
}

// Reply is the answer to a push: {"status": "ok"|"error", "response": ...}.
type Reply struct {
	Status   string
	Response jsonv.Value
}

func replyOf(payload jsonv.Value) Reply {
	status, _ := payload.Get("status").Str()
	return Reply{Status: status, Response: payload.Get("response")}
}
