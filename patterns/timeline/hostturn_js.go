//go:build js && wasm

package timeline

import (
	"context"
	"sync"
	"sync/atomic"
	"syscall/js"
	"time"
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
// when the host has had no turn for hostEvery waits for its next one: a
// message posted to a MessageChannel of our own, whose handler runs only
// once every goroutine is waiting, as a task after those already queued
// (the page's Stop among them). A message rather than setTimeout(0), which
// browsers stretch to 4ms once timers nest: that cost CPU-bound runs in the
// worker about a third of their speed. Tests never enable it: they run
// inside synctest bubbles, which may not share channels with the host.
const hostEvery = 10 * time.Millisecond

var host struct {
	enabled atomic.Bool
	last    atomic.Int64 // when the host last had a turn, in Unix nanoseconds

	mu   sync.Mutex
	turn chan struct{} // closed at the host's next turn; nil if none is asked for
	cb   js.Func
	ask  js.Value // the port to post to for a turn; its twin calls cb
}

// EnableHostTurns makes tracked goroutines give the host a turn at least
// every 10ms of their running, together. Call it once, at the start of a
// program that runs patterns on a thread whose event loop must stay live.
func EnableHostTurns() {
	host.cb = js.FuncOf(func(js.Value, []js.Value) any {
		host.mu.Lock()
		defer host.mu.Unlock()
		host.last.Store(time.Now().UnixNano())
		if host.turn != nil {
			close(host.turn)
			host.turn = nil
		}
		return nil
	})
	ch := js.Global().Get("MessageChannel").New()
	ch.Get("port1").Set("onmessage", host.cb)
	host.ask = ch.Get("port2")
	host.last.Store(time.Now().UnixNano())
	host.enabled.Store(true)
}

// hostStarved reports whether the host has had no turn for hostEvery.
func hostStarved(now time.Time) bool {
	return host.enabled.Load() && now.UnixNano()-host.last.Load() > int64(hostEvery)
}

// waitHostTurn blocks until the host's next turn, or ctx is done.
func waitHostTurn(ctx context.Context) {
	host.mu.Lock()
	if host.turn == nil {
		host.turn = make(chan struct{})
		host.ask.Call("postMessage", js.Null())
	}
	turn := host.turn
	host.mu.Unlock()
	select {
	case <-turn:
	case <-ctx.Done():
	}
}
