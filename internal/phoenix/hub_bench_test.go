package phoenix

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/coder/websocket"
)

// BenchmarkStatusPush publishes a status to each of 1,000 authorizations,
// each joined by its own socket, and waits until every socket has read its
// status_update frame: the hub, the JSON frame and the websocket write, end
// to end over loopback.
func BenchmarkStatusPush(b *testing.B) {
	for _, shared := range []bool{false, true} {
		name := "1000-sockets-1000-authorizations"
		if shared {
			name = "1000-sockets-1-authorization"
		}
		b.Run(name, func(b *testing.B) { benchPush(b, 1000, shared) })
	}
}

func benchPush(b *testing.B, n int, shared bool) {
	hub, u := startSocketServer(b)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	authID := func(i int) string {
		if shared {
			return "a"
		}
		return fmt.Sprint("a", i)
	}
	got := make(chan struct{}, n)
	for i := range n {
		c, _, err := websocket.Dial(ctx, u, nil)
		if err != nil {
			b.Fatal(err)
		}
		defer c.CloseNow()
		join := fmt.Sprintf(`["1","1","authorization_status:%s","phx_join",{}]`, authID(i))
		if err := c.Write(ctx, websocket.MessageText, []byte(join)); err != nil {
			b.Fatal(err)
		}
		if _, _, err := c.Read(ctx); err != nil { // the join reply
			b.Fatal(err)
		}
		go func() {
			for {
				if _, _, err := c.Read(ctx); err != nil {
					return
				}
				got <- struct{}{}
			}
		}()
	}
	statuses := []string{"retrieving_tokens", "active"}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		if shared {
			hub.Publish("a", statuses[i%2])
		} else {
			for j := range n {
				hub.Publish(authID(j), statuses[i%2])
			}
		}
		for range n {
			select {
			case <-got:
			case <-time.After(30 * time.Second):
				b.Fatal("a socket got no status_update")
			}
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n), "ns/push")
}
