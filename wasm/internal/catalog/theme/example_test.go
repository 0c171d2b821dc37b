package theme_test

import (
	"fmt"

	"github.com/xkit-wasm/xkit/wasm/internal/catalog/theme"
	"github.com/xkit-wasm/xkit/wasm/internal/jsonv"
)

func Example() {
	vars, warnings := theme.Vars(jsonv.Raw(`{"card":{"borderRadius":12},
	  "buttons":{"primary":{"background":{"start":"#7B61FF","end":"#5B3FE0"},"textColor":"#fff"}},
	  "tab":{"textColor":"red;}"}}`))
	fmt.Println(vars["--xkit-card-radius"])
	fmt.Println(vars["--xkit-button-primary-bg"])
	fmt.Println(vars["--xkit-tab-color"])
	fmt.Println(warnings)
	// Output:
	// 12px
	// linear-gradient(to bottom, #7B61FF, #5B3FE0)
	// #0B5CAD
	// [theme: tab.textColor is not a usable CSS value]
}
