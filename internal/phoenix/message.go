package phoenix

import (
	"encoding/json"
	"errors"
)

// message is one v2 frame: [join_ref, ref, topic, event, payload].
type message struct {
	JoinRef *string // null outside a channel (heartbeats)
	Ref     *string
	Topic   string
	Event   string
	Payload json.RawMessage
}

func parse(data []byte) (*message, error) {
	var parts []json.RawMessage
	if err := json.Unmarshal(data, &parts); err != nil || len(parts) != 5 {
		return nil, errors.New("a frame is [join_ref, ref, topic, event, payload]")
	}
	var m message
	if json.Unmarshal(parts[0], &m.JoinRef) != nil || json.Unmarshal(parts[1], &m.Ref) != nil ||
		json.Unmarshal(parts[2], &m.Topic) != nil || json.Unmarshal(parts[3], &m.Event) != nil {
		return nil, errors.New("join_ref and ref are strings or null; topic and event are strings")
	}
	m.Payload = parts[4]
	return &m, nil
}
