//go:build !(js && wasm)

package app

// warmUp is a warm-up under way: outside the browser there is no V8 to
// warm, and none starts.
type warmUp struct{}

func startWarmUp(string, func()) (*warmUp, error) { return nil, nil }

func (w *warmUp) stop() {}

// warmedBefore: outside the browser there is no code to warm.
func warmedBefore() bool { return true }
