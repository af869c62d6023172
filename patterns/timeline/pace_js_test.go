//go:build js && wasm

package timeline

import (
	"context"
	"fmt"
	"syscall/js"
	"testing"
	"time"
)

// hostTurn schedules a JavaScript timer for "as soon as possible" and
// returns a channel that reports when it fired.
func hostTurn(t *testing.T) <-chan time.Duration {
	fired := make(chan time.Duration, 1)
	start := time.Now()
	var cb js.Func
	cb = js.FuncOf(func(js.Value, []js.Value) any {
		fired <- time.Since(start)
		cb.Release()
		return nil
	})
	js.Global().Call("setTimeout", cb, 0)
	return fired
}

// TestPaceWithManySleepers runs many goroutines that sleep a millisecond
// at a time: once they saturate the thread there is always an overdue
// timer to run, and only the shared pause lets the host in.
func TestPaceWithManySleepers(t *testing.T) {
	// Long enough that a third of it tells a host that had its turn late
	// (107 ms once, in CI) from one starved for the whole run.
	const run = 600 * time.Millisecond
	ctx, cancel := context.WithTimeout(t.Context(), run)
	defer cancel()
	q := NewQueue[int](nil, "q", 100)
	g := NewGroup(nil)
	for i := range 32 {
		g.Go(ctx, fmt.Sprint("sleeper-", i), func(ctx context.Context) error {
			for Sleep(ctx, time.Millisecond) == nil {
				// A little work between sleeps, as a pattern does.
				if q.Put(ctx, i) != nil {
					return nil
				}
				q.Get(ctx)
			}
			return nil
		})
	}
	fired := hostTurn(t)
	if err := g.Wait(); err != nil {
		t.Fatal(err)
	}
	select {
	case d := <-fired:
		t.Logf("the host ran after %v", d)
		// 10-30 ms on a quiet machine. As in TestPaceLetsHostRun, allow
		// for a slow one: CI runs saw 77 and 107 ms. A starved host
		// would wait for the whole run.
		if d > run/3 {
			t.Errorf("the host ran after %v, want within %v", d, run/3)
		}
	default:
		t.Errorf("the host did not run during the %v run", run)
	}
}

// TestPaceLetsHostRun hands items between two tracked goroutines with no
// delays, which never block together, and checks that a JavaScript timer
// set at the start still fires early in the run, as the page's event loop
// must.
func TestPaceLetsHostRun(t *testing.T) {
	const run = 300 * time.Millisecond
	fired := make(chan time.Duration, 1)
	start := time.Now()
	cb := js.FuncOf(func(js.Value, []js.Value) any {
		fired <- time.Since(start)
		return nil
	})
	defer cb.Release()

	ctx, cancel := context.WithTimeout(t.Context(), run)
	defer cancel()
	q := NewQueue[int](nil, "q", 0)
	g := NewGroup(nil)
	g.Go(ctx, "producer", func(ctx context.Context) error {
		for q.Put(ctx, 1) == nil {
		}
		return nil
	})
	g.Go(ctx, "consumer", func(ctx context.Context) error {
		for {
			if _, err := q.Get(ctx); err != nil {
				return nil
			}
		}
	})
	js.Global().Call("setTimeout", cb, 0)
	if err := g.Wait(); err != nil {
		t.Fatal(err)
	}
	select {
	case d := <-fired:
		t.Logf("the host ran after %v", d)
		// The budget is 10ms of running; allow for a slow machine.
		if d > run/3 {
			t.Errorf("the host ran after %v, want within %v", d, run/3)
		}
	default:
		t.Errorf("the host did not run during the %v run", run)
	}
}

// TestPaceShowsTurns runs two goroutines that compute without blocking on
// the one thread, with host turns as in the run worker: each is shown
// runnable while the other one (or the host) has the thread, so that a
// lane shows the turns they take, not both running all along. (Without
// host turns, the pacer gives the host its turn only when every goroutine
// pauses at once, which two such goroutines seldom do.)
func TestPaceShowsTurns(t *testing.T) {
	const run = 300 * time.Millisecond
	EnableHostTurns()
	t.Cleanup(func() { hostTurns.Store(false) })
	rec := New(0)
	ctx, cancel := context.WithTimeout(t.Context(), run)
	defer cancel()
	g := NewGroup(rec)
	for i := range 2 {
		g.Go(ctx, fmt.Sprint("worker-", i), func(ctx context.Context) error {
			for Pace(ctx) == nil {
			}
			return nil
		})
	}
	if err := g.Wait(); err != nil {
		t.Fatal(err)
	}
	rec.Finish()
	s := rec.Snapshot(0)
	for i := range int32(2) {
		d := timeIn(s, i, Runnable)
		t.Logf("worker-%d: runnable for %v of %v", i, d, s.Elapsed)
		// Each has the thread about half the time; allow for the host's
		// turns and a slow machine.
		if d < s.Elapsed/4 {
			t.Errorf("worker-%d runnable for %v of %v, want a quarter or more", i, d, s.Elapsed)
		}
	}
}

// TestStartShowsRunnable starts a goroutine while its starter computes on:
// on one thread it cannot run before the starter blocks, and until then
// it is shown runnable, not running.
func TestStartShowsRunnable(t *testing.T) {
	rec := New(0)
	g := NewGroup(rec)
	g.Go(t.Context(), "late", func(context.Context) error { return nil })
	for start := time.Now(); time.Since(start) < 20*time.Millisecond; {
	}
	if err := g.Wait(); err != nil {
		t.Fatal(err)
	}
	s := rec.Snapshot(0)
	if d := timeIn(s, 0, Runnable); d < 20*time.Millisecond {
		t.Errorf("runnable for %v while its starter computed for 20ms", d)
	}
	if d := timeIn(s, 0, Running); d > 5*time.Millisecond {
		t.Errorf("running for %v, want only its return", d)
	}
}

// timeIn is how long goroutine g of s was in state, from its events.
func timeIn(s Snapshot, g int32, state State) time.Duration {
	var total, since time.Duration
	cur := Done
	for _, e := range s.Events {
		if e.G != g || e.Kind != GoStart && e.Kind != GoState && e.Kind != GoEnd {
			continue
		}
		if cur == state {
			total += e.At - since
		}
		cur, since = e.State, e.At
		if e.Kind == GoEnd {
			cur = Done
		}
	}
	return total
}
