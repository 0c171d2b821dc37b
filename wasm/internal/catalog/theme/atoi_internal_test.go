package theme

import (
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"
)

// atoi must accept and reject what strconv.Atoi did, within the ranges the
// callers accept (sizes 100..900, elevations 0..4).
func TestAtoiLikeStrconv(t *testing.T) {
	for _, s := range []string{"", "0", "-0", "+0", "4", "-1", "100", "+100", "0100", "900", "1000", "99999999999999999999",
		"-", "+", "1.0", "1e2", " 1", "1 ", `"2"`, "0x10", "1_0", "٣"} {
		want, err := strconv.Atoi(s)
		got, ok := atoi(s)
		assert.Equal(t, err == nil || want > 1e9 || want < -1e9, ok, "%q", s)
		if err == nil {
			assert.Equal(t, want, got, "%q", s)
		}
	}
}
