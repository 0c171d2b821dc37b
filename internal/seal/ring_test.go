package seal_test

import (
	"encoding/base64"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xkit-wasm/xkit/internal/seal"
)

func ring(t *testing.T, keys ...string) *seal.Ring {
	t.Helper()
	r, err := seal.ParseRing(strings.Join(keys, ","))
	require.NoError(t, err)
	return r
}

func TestSealOpen(t *testing.T) {
	k := seal.NewKey()
	r := ring(t, k)
	sealed := r.Seal("xoxb-provider-token", "authorization/a1/access_token")
	assert.True(t, strings.HasPrefix(sealed, "sealed:v1:"+r.Current().ID()+":"), sealed)
	assert.NotContains(t, sealed, "xoxb")
	assert.NotEqual(t, sealed, r.Seal("xoxb-provider-token", "authorization/a1/access_token"), "a fresh nonce each time")

	plain, err := r.Open(sealed, "authorization/a1/access_token")
	require.NoError(t, err)
	assert.Equal(t, "xoxb-provider-token", plain)

	// Bound to its place: copied into another row or column it does not open.
	for _, where := range []string{"authorization/a2/access_token", "authorization/a1/refresh_token"} {
		_, err := r.Open(sealed, where)
		assert.ErrorContains(t, err, "does not open", where)
	}
	// Tampered with: does not open.
	raw := []byte(sealed)
	raw[len(raw)-3] ^= 1
	_, err = r.Open(string(raw), "authorization/a1/access_token")
	assert.Error(t, err)
	// Another key: a clear error, never garbage.
	_, err = ring(t, seal.NewKey()).Open(sealed, "authorization/a1/access_token")
	assert.ErrorIs(t, err, seal.ErrUnknownKey)
	// Plain values of an older version pass through; "" stays "".
	plain, err = r.Open("legacy-plain", "x")
	require.NoError(t, err)
	assert.Equal(t, "legacy-plain", plain)
	assert.Equal(t, "", r.Seal("", "x"))
}

func TestRingRotation(t *testing.T) {
	old, next := seal.NewKey(), seal.NewKey()
	sealedOld := ring(t, old).Seal("v", "p")
	both := ring(t, next, old)
	assert.Equal(t, ring(t, next).Current().ID(), both.Current().ID(), "the first key seals")
	plain, err := both.Open(sealedOld, "p")
	require.NoError(t, err, "older keys still open")
	assert.Equal(t, "v", plain)
	assert.Contains(t, both.Seal("v", "p"), ":"+both.Current().ID()+":")
}

func TestParseKey(t *testing.T) {
	raw := make([]byte, 32)
	for i := range raw {
		raw[i] = byte(i * 7)
	}
	ids := map[string]bool{}
	for _, enc := range []*base64.Encoding{base64.StdEncoding, base64.RawStdEncoding, base64.URLEncoding, base64.RawURLEncoding} {
		k, err := seal.ParseKey(" " + enc.EncodeToString(raw) + "\n")
		require.NoError(t, err)
		ids[k.ID()] = true
	}
	assert.Len(t, ids, 1, "every base64 spelling is the same key")
	for _, bad := range []string{"", "not base64!", base64.StdEncoding.EncodeToString(raw[:16]), base64.StdEncoding.EncodeToString(append(raw, 1))} {
		_, err := seal.ParseKey(bad)
		assert.ErrorContains(t, err, "32 bytes in base64", bad)
	}
	_, err := seal.ParseRing(" , ")
	assert.Error(t, err)
	_, err = seal.ParseRing(seal.NewKey() + ",oops")
	assert.ErrorContains(t, err, "key 2")
}

// BenchmarkOpen is the cost sealing adds to each secret read (an access
// token of a connection, for example).
func BenchmarkOpen(b *testing.B) {
	r, err := seal.ParseRing(seal.NewKey())
	require.NoError(b, err)
	sealed := r.Seal("ya29.a0AfH6SMBx-provider-access-token-of-usual-length", "authorization/3f1f0a1e-5b6c-4d7e-8f90-0123456789ab/access_token")
	b.ReportAllocs()
	for b.Loop() {
		if _, err := r.Open(sealed, "authorization/3f1f0a1e-5b6c-4d7e-8f90-0123456789ab/access_token"); err != nil {
			b.Fatal(err)
		}
	}
}
