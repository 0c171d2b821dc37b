package xkit_test

import (
	"fmt"

	"github.com/xkit-wasm/xkit/wasm/xkit"
)

func ExampleConnectionStatus() {
	for _, conn := range []string{
		`{"connector":{"slug":"slack"}}`, // a ConnectionShell: nothing installed
		`{"id":"c1","enabled":false,"authorization":{"status":"active"}}`,
		`{"id":"c1","enabled":true,"authorization":{"status":"error","error_code":"access_denied"}}`,
		`{"id":"c1","enabled":true,"authorization":{"status":"active"},"connector":{"slug":"slack"}}`,
	} {
		v, _ := xkit.ParseJSON(conn)
		fmt.Println(xkit.ConnectionStatus(v))
	}
	// Output:
	// 0
	// 0
	// 1
	// 2
}
