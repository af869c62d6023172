//go:build !(js && wasm)

// Command runner is chanlab's run worker, a js/wasm program: build it with
// GOOS=js GOARCH=wasm (make build writes web/runner.wasm).
package main

import (
	"fmt"
	"os"
)

func main() {
	fmt.Fprintln(os.Stderr, "runner runs in a browser's Web Worker: build it with GOOS=js GOARCH=wasm go build -o web/runner.wasm ./cmd/runner")
	os.Exit(2)
}
