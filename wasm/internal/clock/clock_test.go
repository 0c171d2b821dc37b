package clock

import (
	"testing"
	"testing/synctest"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The tests run in synctest bubbles: time.AfterFunc, underneath, follows
// the bubble's fake clock, which moves only when every goroutine in it is
// blocked. So "d later" is exact and nothing depends on the machine's load.

func closed(c <-chan struct{}) bool {
	select {
	case <-c:
		return true
	default:
		return false
	}
}

func TestTimerFiresOnceAfterItsDuration(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		start := time.Now()
		tm := NewTimer(5 * time.Millisecond)
		time.Sleep(5*time.Millisecond - time.Nanosecond)
		synctest.Wait()
		assert.False(t, closed(tm.C), "not before its duration")
		<-tm.C
		assert.Equal(t, 5*time.Millisecond, time.Since(start), "the fake clock: exactly when due")
		assert.False(t, tm.Stop(), "Stop after firing reports false")
	})
}

func TestTimerStop(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		tm := NewTimer(50 * time.Millisecond)
		require.True(t, tm.Stop())
		time.Sleep(time.Hour)
		synctest.Wait()
		assert.False(t, closed(tm.C), "a stopped timer never fires")
	})
}

func TestTickerTicksAndStops(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		start := time.Now()
		k := NewTicker(2 * time.Millisecond)
		for i := 1; i <= 3; i++ {
			<-k.C
			assert.Equal(t, time.Duration(i)*2*time.Millisecond, time.Since(start), "tick %d", i)
		}
		k.Stop()
		time.Sleep(time.Hour)
		synctest.Wait()
		select {
		case <-k.C:
			t.Fatal("tick after Stop")
		default:
		}
	})
}

func TestTickerDropsMissedTicks(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		k := NewTicker(10 * time.Millisecond)
		defer k.Stop()
		time.Sleep(100 * time.Millisecond) // ten ticks are due meanwhile
		synctest.Wait()
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
	})
}

func TestTickerClampsInterval(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		start := time.Now()
		k := NewTicker(0)
		defer k.Stop()
		<-k.C
		assert.Equal(t, time.Millisecond, time.Since(start), "a zero interval counts as a millisecond")
	})
}
