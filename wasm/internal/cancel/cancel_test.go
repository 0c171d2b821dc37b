package cancel

import (
	"context"
	"errors"
	"testing"
	"time"

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

func TestFollowsAStandardContext(t *testing.T) {
	std, stdCancel := context.WithCancel(context.Background())
	child, end := With(std)
	defer end()
	stdCancel()
	select {
	case <-child.Done():
	case <-time.After(5 * time.Second):
		t.Fatal("child did not end with its context.Context parent")
	}
	assert.ErrorIs(t, child.Err(), context.Canceled)
}

func TestAfterFunc(t *testing.T) {
	ctx, end := With(Background())
	called := make(chan struct{})
	stop := AfterFunc(ctx, func() { close(called) })
	end()
	select {
	case <-called:
	case <-time.After(5 * time.Second):
		t.Fatal("f not called after the context ended")
	}
	assert.False(t, stop(), "stop after the call reports false")

	ctx2, end2 := With(Background())
	stop2 := AfterFunc(ctx2, func() { t.Error("f called after stop") })
	assert.True(t, stop2())
	end2()
	time.Sleep(20 * time.Millisecond)
	assert.True(t, AfterFunc(Background(), func() {})(), "a context that never ends never calls f")
}

func TestStd(t *testing.T) {
	std := context.Background()
	c, release := Std(std)
	release()
	assert.Equal(t, std, c, "a context.Context passes through")

	why := errors.New("aborted")
	ctx, end := WithCause(Background())
	c, release = Std(ctx)
	defer release()
	end(why)
	select {
	case <-c.Done():
	case <-time.After(5 * time.Second):
		t.Fatal("the std context did not follow")
	}
	assert.Equal(t, why, context.Cause(c))
}
