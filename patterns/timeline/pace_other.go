//go:build !(js && wasm)

package timeline

import "context"

// Native goroutines are preempted by the runtime, so no pacing is needed
// (see pace_js.go).
type pacer struct{}

func (*pacer) due() bool { return false }

func pause(context.Context) {}

// EnableHostTurns is for js/wasm programs (see hostturn_js.go); natively
// there is no host to starve.
func EnableHostTurns() {}
