//go:build js && wasm

package timeline

import (
	"context"
	"time"
)

// On js/wasm the host's event loop (in the run worker: the page's Stop, the
// timer that sends each frame's batches) runs only when every goroutine is
// blocked: there is one thread and no preemption. Two goroutines with zero
// delays handing items over a queue never block together, so they would
// hold the thread for the whole run, deaf to Stop.
// A tracked goroutine whose last pause is runBudget ago therefore pauses
// for a millisecond, which lets the host run once all are paused or
// blocked. The budget runs on while the goroutine blocks or sleeps: those
// two goroutines block by turns, never together, and a budget started
// again at each wake-up never ran out (TestPaceLetsHostRun). So a
// goroutine that slept 8 ms and then works 3 ms pauses too, and its lane
// shows a runnable sliver.
const runBudget = 10 * time.Millisecond

// checkEvery spaces out the clock reads, which cross into JavaScript.
const checkEvery = 16

type pacer struct {
	ops  uint32
	last time.Time
}

func (p *pacer) due() bool {
	p.ops++
	if p.ops%checkEvery != 0 {
		return false
	}
	now := time.Now()
	if hostStarved(now) {
		p.last = now
		return true
	}
	if p.last.IsZero() {
		p.last = now
		return false
	}
	if now.Sub(p.last) < runBudget {
		return false
	}
	p.last = now
	return true
}

func pause(ctx context.Context) {
	if hostTurns.Load() {
		waitHostTurn(ctx)
		return
	}
	t := time.NewTimer(time.Millisecond)
	defer t.Stop()
	select {
	case <-t.C:
	case <-ctx.Done():
	}
}
