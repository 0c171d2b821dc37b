package cancel

import (
	"context"
	"errors"
	"testing"
	"testing/synctest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func ended(c Context) bool {
	select {
	case <-c.Done():
		return true
	default:
		return false
	}
}

func TestBackgroundNeverEnds(t *testing.T) {
	b := Background()
	assert.Nil(t, b.Done())
	assert.NoError(t, b.Err())
	assert.NoError(t, Cause(b))
}

func TestWithCauseEndsOnceWithCause(t *testing.T) {
	why := errors.New("closed by the user")
	ctx, end := WithCause(Background())
	require.False(t, ended(ctx))
	require.NoError(t, ctx.Err())
	end(why)
	end(errors.New("later, ignored"))
	assert.True(t, ended(ctx))
	assert.ErrorIs(t, ctx.Err(), context.Canceled, "Err is context.Canceled for errors.Is")
	assert.Equal(t, why, Cause(ctx))
}

func TestWithCancelCauseDefaultsToCanceled(t *testing.T) {
	ctx, end := With(Background())
	end()
	assert.Equal(t, Canceled, Cause(ctx))
}

func TestChildrenEndWithParent(t *testing.T) {
	why := errors.New("unmounted")
	parent, end := WithCause(Background())
	child, endChild := With(parent)
	defer endChild()
	grandchild, endGrand := With(child)
	defer endGrand()
	end(why)
	assert.True(t, ended(child) && ended(grandchild))
	assert.Equal(t, why, Cause(grandchild), "the cause travels down")
}

func TestEndedParentEndsNewChild(t *testing.T) {
	parent, end := With(Background())
	end()
	child, endChild := With(parent)
	defer endChild()
	assert.True(t, ended(child))
}

func TestChildEndsAloneAndLeavesParent(t *testing.T) {
	parent, end := With(Background())
	defer end()
	child, endChild := With(parent)
	endChild()
	assert.True(t, ended(child))
	assert.False(t, ended(parent))
	assert.Empty(t, parent.(*scope).children, "an ended child is forgotten")
}

// The tests below follow ends across goroutines. They run in synctest
// bubbles, where synctest.Wait returns once every goroutine has done all
// it can: "not called" means never, not "not within 20 ms".

func TestFollowsAStandardContext(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		std, stdCancel := context.WithCancel(context.Background())
		child, end := With(std)
		defer end()
		synctest.Wait()
		require.False(t, ended(child))
		stdCancel()
		synctest.Wait()
		assert.True(t, ended(child), "child ends with its context.Context parent")
		assert.ErrorIs(t, child.Err(), context.Canceled)
	})
}

func TestAfterFunc(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		ctx, end := With(Background())
		calls := 0
		stop := AfterFunc(ctx, func() { calls++ })
		synctest.Wait()
		require.Zero(t, calls, "not before the context ends")
		end()
		synctest.Wait()
		assert.Equal(t, 1, calls, "f runs once the context ends")
		assert.False(t, stop(), "stop after the call reports false")

		ctx2, end2 := With(Background())
		stop2 := AfterFunc(ctx2, func() { t.Error("f called after stop") })
		assert.True(t, stop2())
		end2()
		synctest.Wait() // f had every chance to run
		assert.True(t, AfterFunc(Background(), func() {})(), "a context that never ends never calls f")
	})
}

func TestStd(t *testing.T) {
	std := context.Background()
	c, release := Std(std)
	release()
	assert.Equal(t, std, c, "a context.Context passes through")

	synctest.Test(t, func(t *testing.T) {
		why := errors.New("aborted")
		ctx, end := WithCause(Background())
		c, release := Std(ctx)
		defer release()
		end(why)
		synctest.Wait()
		assert.ErrorIs(t, c.Err(), context.Canceled, "the std context follows")
		assert.Equal(t, why, context.Cause(c))
	})
}
