// Package seal encrypts the platform's secrets at rest: provider access
// and refresh tokens, API-key fields, PKCE verifiers, connectors' OAuth2
// client secrets and the settings (the provisioning secret key among
// them) are sealed with AES-256-GCM (crypto/cipher) before the store
// writes them and opened after it reads them.
//
// It is a platform.Store decorator (Store), so xkitd and the Worker get it
// the same way and no SQL query knows about it. A sealed value is text:
//
//	sealed:v1:<key id>:<base64url(nonce | ciphertext | tag)>
//
// The key id (8 hex digits of a SHA-256 of the key) says which key of a
// Ring opens it; the additional data names the value's place (for example
// "authorization/<id>/access_token"), so a sealed value copied into
// another row or column does not open. Open (migrate.go) checks the key
// against the database before anything is served and seals what an older
// version stored in plain text.
package seal

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
)

// KeySize is the size of a key: AES-256.
const KeySize = 32

const prefix = "sealed:v1:"

// Key is one AES-256-GCM key.
type Key struct {
	id   string
	aead cipher.AEAD
}

// ID names the key without revealing it.
func (k *Key) ID() string { return k.id }

// ParseKey reads a key: 32 bytes in base64 (standard or URL alphabet,
// padded or not), as `openssl rand -base64 32` prints them.
func ParseKey(text string) (*Key, error) {
	text = strings.TrimSpace(text)
	var raw []byte
	var err error
	for _, enc := range []*base64.Encoding{base64.StdEncoding, base64.RawStdEncoding, base64.URLEncoding, base64.RawURLEncoding} {
		if raw, err = enc.DecodeString(text); err == nil {
			break
		}
	}
	if err != nil {
		return nil, errors.New("an encryption key is 32 bytes in base64 (openssl rand -base64 32); this one is not base64")
	}
	if len(raw) != KeySize {
		return nil, fmt.Errorf("an encryption key is 32 bytes in base64 (openssl rand -base64 32); this one is %d bytes", len(raw))
	}
	block, err := aes.NewCipher(raw)
	if err != nil {
		return nil, err
	}
	aead, err := cipher.NewGCM(block)
	if err != nil {
		return nil, err
	}
	sum := sha256.Sum256(append([]byte("xkit encryption key id\x00"), raw...))
	return &Key{id: hex.EncodeToString(sum[:4]), aead: aead}, nil
}

// NewKey returns a new random key in base64.
func NewKey() string {
	b := make([]byte, KeySize)
	rand.Read(b)
	return base64.StdEncoding.EncodeToString(b)
}

// Ring is the keys in use: the first one seals, each one opens what it
// sealed (older keys stay in a ring while their values are re-sealed).
type Ring struct {
	keys []*Key
}

// ParseRing reads keys separated by commas or new lines, the current one
// first: "NEW,OLD" while rotating.
func ParseRing(text string) (*Ring, error) {
	var r Ring
	for _, part := range strings.FieldsFunc(text, func(c rune) bool { return c == ',' || c == '\n' || c == '\r' }) {
		if strings.TrimSpace(part) == "" {
			continue
		}
		k, err := ParseKey(part)
		if err != nil {
			return nil, fmt.Errorf("key %d: %w", len(r.keys)+1, err)
		}
		r.keys = append(r.keys, k)
	}
	if len(r.keys) == 0 {
		return nil, errors.New("no encryption key given")
	}
	return &r, nil
}

// Current is the key that seals.
func (r *Ring) Current() *Key { return r.keys[0] }

// IDs lists the ring's key ids, the current one first.
func (r *Ring) IDs() []string {
	out := make([]string, len(r.keys))
	for i, k := range r.keys {
		out[i] = k.id
	}
	return out
}

func (r *Ring) key(id string) *Key {
	for _, k := range r.keys {
		if k.id == id {
			return k
		}
	}
	return nil
}

// Seal encrypts plain for the place named by where. "" stays "": there is
// nothing to hide in an empty column.
func (r *Ring) Seal(plain, where string) string {
	if plain == "" {
		return ""
	}
	k := r.Current()
	nonce := make([]byte, k.aead.NonceSize(), k.aead.NonceSize()+len(plain)+k.aead.Overhead())
	rand.Read(nonce)
	out := k.aead.Seal(nonce, nonce, []byte(plain), []byte(where))
	return prefix + k.id + ":" + base64.RawURLEncoding.EncodeToString(out)
}

// ErrUnknownKey is a sealed value of a key the ring does not hold.
var ErrUnknownKey = errors.New("sealed with a key that was not given")

// Open decrypts a value Seal made for the same place. A value that is not
// sealed is returned as it is: a plain row of an older version, until Open
// (migrate.go) seals it.
func (r *Ring) Open(value, where string) (string, error) {
	id, data, ok := parse(value)
	if !ok {
		return value, nil
	}
	k := r.key(id)
	if k == nil {
		return "", fmt.Errorf("%s: %w (key %s)", where, ErrUnknownKey, id)
	}
	raw, err := base64.RawURLEncoding.DecodeString(data)
	if err != nil || len(raw) < k.aead.NonceSize() {
		return "", fmt.Errorf("%s: the sealed value is damaged", where)
	}
	plain, err := k.aead.Open(nil, raw[:k.aead.NonceSize()], raw[k.aead.NonceSize():], []byte(where))
	if err != nil {
		return "", fmt.Errorf("%s: the sealed value does not open with key %s (damaged, or moved from another place)", where, id)
	}
	return string(plain), nil
}

// sealedNow reports whether value is sealed with the ring's current key (""
// counts: it needs no sealing).
func (r *Ring) sealedNow(value string) bool {
	id, _, ok := parse(value)
	return value == "" || ok && id == r.Current().id
}

func parse(value string) (id, data string, ok bool) {
	rest, ok := strings.CutPrefix(value, prefix)
	if !ok {
		return "", "", false
	}
	id, data, ok = strings.Cut(rest, ":")
	return id, data, ok && len(id) == 8
}
