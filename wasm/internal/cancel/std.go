package cancel

import "context"

// Std is ctx as a context.Context, for the native transports (net/http,
// coder/websocket); release frees what following ctx holds.
func Std(ctx Context) (c context.Context, release func()) {
	if c, ok := ctx.(context.Context); ok {
		return c, func() {}
	}
	c, end := context.WithCancelCause(context.Background())
	stop := AfterFunc(ctx, func() { end(Cause(ctx)) })
	return c, func() { stop(); end(nil) }
}
