package xkit

import "math/rand/v2"

// NewUUID returns a random UUID (version 4), for addConnection without an
// id. math/rand/v2's global generator is the runtime's ChaCha8, seeded
// from the system's entropy (crypto.getRandomValues in the browser), so the
// ids are unpredictable without crypto/rand, which would pull fmt and
// reflect into the WebAssembly build.
func NewUUID() string {
	var b [16]byte
	for i := 0; i < 16; i += 8 {
		u := rand.Uint64()
		for j := range 8 {
			b[i+j] = byte(u >> (8 * j))
		}
	}
	b[6] = b[6]&0x0f | 0x40 // version 4
	b[8] = b[8]&0x3f | 0x80 // RFC 9562 variant
	const hex = "0123456789abcdef"
	out := make([]byte, 0, 36)
	for i, c := range b {
		if i == 4 || i == 6 || i == 8 || i == 10 {
			out = append(out, '-')
		}
		out = append(out, hex[c>>4], hex[c&15])
	}
	return string(out)
}
