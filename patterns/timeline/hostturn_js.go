//go:build js && wasm

package timeline

import (
	"context"
	"sync/atomic"
	"time"

	"chanlab/patterns/hostturn"
)

// Host turns, for a program that owns its thread: the run worker.
//
// The pacer (pace_js.go) pauses a goroutine that has run for a while without
// blocking, but goroutines that block all the time can still starve the
// host: many goroutines sleeping a millisecond at a time, once the code runs
// slower than their timers fire (in a browser, before V8 has optimized it),
// always leave an overdue timer to run, and the worker's event loop, and so
// the page's Stop message, waits. Measured in Chromium on 2 cores, from the
// click to the page showing the run stopped: the first run after loading
// took 180–490 ms without host turns and 110–240 ms with them; later runs
// 20–60 ms either way.
//
// With host turns enabled, a tracked goroutine that reaches a pacing point
// when the host has had no turn for hostEvery waits for its next one
// (package hostturn), which comes once every goroutine is waiting, after
// the tasks already queued (the page's Stop among them). Tests never
// enable it: they run inside synctest bubbles, which may not share
// channels with the host.
const hostEvery = 10 * time.Millisecond

var hostTurns atomic.Bool

// EnableHostTurns makes tracked goroutines give the host a turn at least
// every 10ms of their running, together. Call it once, at the start of a
// program that runs patterns on a thread whose event loop must stay live.
func EnableHostTurns() {
	hostturn.Last() // the host's turns count from now
	hostTurns.Store(true)
}

// hostStarved reports whether the host has had no turn for hostEvery.
func hostStarved(now time.Time) bool {
	return hostTurns.Load() && now.Sub(hostturn.Last()) > hostEvery
}

// waitHostTurn blocks until the host's next turn, or ctx is done.
func waitHostTurn(ctx context.Context) { hostturn.Wait(ctx) }
