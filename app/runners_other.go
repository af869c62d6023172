//go:build !(js && wasm)

package app

import (
	"context"

	"chanlab/patterns/runner"
)

// startRunner starts an in-process runner: outside the browser there is no
// worker, and the patterns run on goroutines of this program. Closing the
// connection ends the runner, after its run if one is going. Its code needs
// no warm-up: that is for V8's baseline code.
func startRunner(bool) (runner.Conn, error) {
	ui, end := runner.Pipe(64)
	go runner.Serve(context.Background(), end)
	if m := <-ui.Recv(); m.Kind != runner.Ready {
		ui.Close()
		return nil, errNotReady(m)
	}
	return ui, nil
}
