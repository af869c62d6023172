//go:build !(js && wasm)

package hostturn

import (
	"context"
	"time"
)

// Last is now: natively goroutines are preempted, and the host never
// starves.
func Last() time.Time { return time.Now() }

// Wait returns at once.
func Wait(context.Context) {}

// Yield returns at once.
func Yield(context.Context, time.Duration) {}
