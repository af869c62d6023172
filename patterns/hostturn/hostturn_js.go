//go:build js && wasm

package hostturn

import (
	"context"
	"slices"
	"sync"
	"sync/atomic"
	"syscall/js"
	"time"
)

// A turn is a message posted to a MessageChannel of our own: its handler
// runs as a task after those already queued. A message rather than
// setTimeout(0), which browsers stretch to 4 ms once timers nest.
var host struct {
	once sync.Once
	last atomic.Int64 // when the host last had a turn, in Unix nanoseconds

	mu     sync.Mutex
	turn   chan struct{}   // closed at the host's next turn, for every Wait; nil if none is asked for
	queue  []chan struct{} // Yields waiting for a turn each, in order: the first is closed at the next turn
	posted bool            // a message is on its way: its handler is the next turn
	cb     js.Func
	ask    js.Value // the port to post to for a turn; its twin calls cb
}

func start() {
	host.once.Do(func() {
		host.cb = js.FuncOf(func(js.Value, []js.Value) any {
			host.mu.Lock()
			defer host.mu.Unlock()
			host.last.Store(time.Now().UnixNano())
			host.posted = false
			if host.turn != nil {
				close(host.turn)
				host.turn = nil
			}
			if len(host.queue) > 0 {
				close(host.queue[0])
				host.queue[0] = nil
				host.queue = host.queue[1:]
			}
			if len(host.queue) > 0 {
				askTurn()
			}
			return nil
		})
		ch := js.Global().Get("MessageChannel").New()
		ch.Get("port1").Set("onmessage", host.cb)
		host.ask = ch.Get("port2")
		host.last.Store(time.Now().UnixNano())
	})
}

// Last is when the host last had a turn of ours (for Wait or Yield); before
// the first, the time of the first call into this package.
func Last() time.Time {
	start()
	return time.Unix(0, host.last.Load())
}

// askTurn posts the message whose handler is the host's next turn, unless
// one is on its way. host.mu is held.
func askTurn() {
	if !host.posted {
		host.posted = true
		host.ask.Call("postMessage", js.Null())
	}
}

// Wait blocks until the host's next turn, or until ctx is done. Every
// goroutine waiting goes on at that turn, together.
func Wait(ctx context.Context) {
	start()
	host.mu.Lock()
	if host.turn == nil {
		host.turn = make(chan struct{})
		askTurn()
	}
	turn := host.turn
	host.mu.Unlock()
	select {
	case <-turn:
	case <-ctx.Done():
	}
}

// Yield waits for a turn of the host's if the host has had none for every:
// a goroutine about to do a slice of work calls it, so that no task of the
// browser's holds more than about every of work, plus one slice.
//
// A caller that waits gets a turn of its own: goroutines that yield
// together go on one per turn, in order, each slice in a task of its own. Were they all to go
// on at one turn, as with Wait, their slices would run back to back in
// that turn's task: in a flood, a batch's decoding, a fold and a render,
// each well under 50 ms, made a task of 56 ms together.
func Yield(ctx context.Context, every time.Duration) {
	if time.Since(Last()) < every {
		return
	}
	host.mu.Lock()
	mine := make(chan struct{})
	host.queue = append(host.queue, mine)
	askTurn()
	host.mu.Unlock()
	select {
	case <-mine:
	case <-ctx.Done():
		host.mu.Lock()
		defer host.mu.Unlock()
		// The turn may have come meanwhile: then it is gone from the
		// queue, and the next one's message is on its way.
		if i := slices.Index(host.queue, mine); i >= 0 {
			host.queue = slices.Delete(host.queue, i, i+1)
		}
	}
}
