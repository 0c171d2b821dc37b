package jsonv_test

import (
	"fmt"

	"github.com/xkit-wasm/xkit/wasm/internal/jsonv"
)

func Example() {
	v, err := jsonv.Parse(`{"connection":{"id":"c1","connector":{"slug":"slack","new_field":[1]}}}`)
	if err != nil {
		panic(err)
	}
	slug, _ := v.Get("connection", "connector", "slug").Str()
	fmt.Println(slug)
	fmt.Println(v.Get("connection", "connector", "new_field").Raw()) // unknown fields pass through

	body := jsonv.Object(
		jsonv.Member{Key: "state", Value: jsonv.String("xyz")},
		jsonv.Member{Key: "api_key", Value: jsonv.String(`k"1`)},
	)
	fmt.Println(body.Raw())
	// Output:
	// slack
	// [1]
	// {"state":"xyz","api_key":"k\"1"}
}
