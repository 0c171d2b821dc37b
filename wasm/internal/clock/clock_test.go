package clock

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestTimerFiresOnce(t *testing.T) {
	tm := NewTimer(5 * time.Millisecond)
	select {
	case <-tm.C:
	case <-time.After(5 * time.Second):
		t.Fatal("timer never fired")
	}
	assert.False(t, tm.Stop(), "Stop after firing reports false")
}

func TestTimerStop(t *testing.T) {
	tm := NewTimer(50 * time.Millisecond)
	require.True(t, tm.Stop())
	select {
	case <-tm.C:
		t.Fatal("a stopped timer fired")
	case <-time.After(150 * time.Millisecond):
	}
}

func TestTickerTicksAndStops(t *testing.T) {
	k := NewTicker(2 * time.Millisecond)
	for i := range 3 {
		select {
		case <-k.C:
		case <-time.After(5 * time.Second):
			t.Fatalf("tick %d never came", i)
		}
	}
	k.Stop()
	// Drain a tick sent before Stop; none may follow.
	select {
	case <-k.C:
	default:
	}
	select {
	case <-k.C:
		t.Fatal("tick after Stop")
	case <-time.After(50 * time.Millisecond):
	}
}

func TestTickerDropsMissedTicks(t *testing.T) {
	k := NewTicker(10 * time.Millisecond)
	defer k.Stop()
	time.Sleep(100 * time.Millisecond)
	n := 0
	for done := false; !done; {
		select {
		case <-k.C:
			n++
		default:
			done = true
		}
	}
	assert.Equal(t, 1, n, "a slow reader finds one tick waiting, not a backlog")
}

func TestTickerClampsInterval(t *testing.T) {
	k := NewTicker(0)
	defer k.Stop()
	select {
	case <-k.C:
	case <-time.After(5 * time.Second):
		t.Fatal("a zero interval never ticked")
	}
}
