//go:build js && wasm

package hostturn

import (
	"context"
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

	mu   sync.Mutex
	turn chan struct{} // closed at the host's next turn; nil if none is asked for
	cb   js.Func
	ask  js.Value // the port to post to for a turn; its twin calls cb
}

func start() {
	host.once.Do(func() {
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
	})
}

// Last is when the host had its last turn that Wait saw; before the first
// Wait, the time of the first call into this package.
func Last() time.Time {
	start()
	return time.Unix(0, host.last.Load())
}

// Wait blocks until the host's next turn, or until ctx is done.
func Wait(ctx context.Context) {
	start()
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

// Yield waits for the host's next turn if the host has had none for
// every: a goroutine about to do a slice of work calls it, so that no task
// of the browser's holds more than about every of work, plus one slice.
func Yield(ctx context.Context, every time.Duration) {
	if time.Since(Last()) >= every {
		Wait(ctx)
	}
}
