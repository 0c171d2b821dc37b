//go:build js && wasm

package main

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"syscall/js"

	"github.com/syumai/workers/cloudflare"
	"github.com/syumai/workers/cloudflare/d1"
	"github.com/xkit-wasm/xkit/internal/sqlite"
)

// openD1 opens the D1 binding name through database/sql (the d1 driver)
// and returns a batch func for the store's writes of several rows and its
// migrations: D1's batch() runs its statements as one transaction, which
// the driver does not expose.
func openD1(name string) (*sql.DB, func(context.Context, []sqlite.Statement) error, error) {
	c, err := d1.OpenConnector(name)
	if err != nil {
		return nil, nil, fmt.Errorf("D1 binding %q: %w (see wrangler.toml [[d1_databases]])", name, err)
	}
	binding := cloudflare.GetBinding(name)
	batch := func(_ context.Context, stmts []sqlite.Statement) error {
		prepared := make([]any, len(stmts))
		for i, s := range stmts {
			prepared[i] = binding.Call("prepare", s.SQL).Call("bind", s.Args...)
		}
		_, err := await(binding.Call("batch", js.ValueOf(prepared)))
		return err
	}
	return sql.OpenDB(c), batch, nil
}

// await waits for a JS promise.
func await(p js.Value) (js.Value, error) {
	type result struct {
		v   js.Value
		err error
	}
	ch := make(chan result, 1)
	var then, catch js.Func
	then = js.FuncOf(func(_ js.Value, args []js.Value) any {
		ch <- result{v: args[0]}
		return nil
	})
	catch = js.FuncOf(func(_ js.Value, args []js.Value) any {
		msg := "promise rejected"
		if len(args) > 0 {
			msg = args[0].Call("toString").String()
		}
		ch <- result{err: errors.New(msg)}
		return nil
	})
	defer then.Release()
	defer catch.Release()
	p.Call("then", then, catch)
	r := <-ch
	return r.v, r.err
}
