package events

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"strings"
	"testing"
	"testing/synctest"
	"time"

	"chanlab/patterns/timeline"
)

// recorders are the two ways every test runs: with a recorder, and without
// one (the recorder's lock adds happens-before edges that could hide a race).
var recorders = []struct {
	name string
	new  func() *timeline.Recorder
}{
	{"recorder=on", func() *timeline.Recorder { return timeline.New(1 << 16) }},
	{"recorder=nil", func() *timeline.Recorder { return nil }},
}

// within reports whether got is what a fake clock gives for n = d/period
// (timeouts before a set at d, or ticks before a stop at d). When d is a
// multiple of period, the last timeout or tick and the set or stop are due
// at the same fake instant: synctest makes the clock exact, not the order in
// which goroutines woken at the same instant run, so the count is n or n-1.
// Otherwise it is exactly n.
func within(got int, d, period time.Duration) (ok bool, want string) {
	n := int(d / period)
	if d%period != 0 || n == 0 {
		return got == n, fmt.Sprint(n)
	}
	return got == n || got == n-1, fmt.Sprintf("%d or %d", n-1, n)
}

func TestRun(t *testing.T) {
	ms := time.Millisecond
	tests := []struct {
		name string
		cfg  Config
	}{
		{"zero config", Config{}},
		{"defaults", Config{Waiters: 2, TimedWaiters: 2, WaitTimeout: 200 * ms, SetDelay: time.Second, TimerDelay: 500 * ms, Interval: 100 * ms, Duration: time.Second}},
		{"set between timeouts", Config{Waiters: 1, TimedWaiters: 3, WaitTimeout: 300 * ms, SetDelay: time.Second, Interval: 100 * ms}},
		{"set just after a timeout", Config{TimedWaiters: 2, WaitTimeout: 200 * ms, SetDelay: 1050 * ms, TimerDelay: 2 * time.Second}},
		{"timer after the set is cancelled", Config{Waiters: 3, SetDelay: 100 * ms, TimerDelay: 150 * ms}},
		{"set at once", Config{Waiters: 4, TimedWaiters: 4, WaitTimeout: 10 * ms, TimerDelay: 10 * ms}},
		{"interval outlives the set", Config{Waiters: 1, SetDelay: 50 * ms, TimerDelay: 10 * ms, Interval: 30 * ms, Duration: 1000 * ms}},
		{"interval between ticks", Config{Interval: 100 * ms, Duration: 1050 * ms}},
		{"many waiters", Config{Waiters: 16, TimedWaiters: 16, WaitTimeout: 70 * ms, SetDelay: 500 * ms, TimerDelay: 499 * ms, Interval: 10 * ms, Duration: 200 * ms}},
	}
	for _, tt := range tests {
		for _, r := range recorders {
			t.Run(tt.name+"/"+r.name, func(t *testing.T) {
				// A fake clock: every time below is exact.
				synctest.Test(t, func(t *testing.T) {
					rec := r.new()
					res, err := Run(t.Context(), tt.cfg, rec)
					if err != nil {
						t.Fatalf("Run: %v", err)
					}
					checkResult(t, tt.cfg, res)
					if rec != nil {
						checkEvents(t, tt.cfg, res, rec)
					}
				})
			})
		}
	}
}

func checkResult(t *testing.T, cfg Config, res Result) {
	t.Helper()
	timeout, interval := cfg.WaitTimeout, cfg.Interval
	if timeout <= 0 {
		timeout = DefaultWaitTimeout
	}
	if interval <= 0 {
		interval = DefaultInterval
	}
	if !res.Set || res.SetAt != cfg.SetDelay {
		t.Errorf("set = %v at %v, want set at %v", res.Set, res.SetAt, cfg.SetDelay)
	}
	if got, want := len(res.Waiters), cfg.Waiters+cfg.TimedWaiters; got != want {
		t.Fatalf("%d waiters, want %d", got, want)
	}
	for i, w := range res.Waiters {
		// Closing the channel wakes every waiter at the set, and none before.
		if !w.Set || w.Woke != res.SetAt {
			t.Errorf("waiter %d: woke by the set %v at %v, want woken by the set at %v", i, w.Set, w.Woke, res.SetAt)
		}
		if w.Timed != (i >= cfg.Waiters) {
			t.Errorf("waiter %d: timed = %v", i, w.Timed)
		}
		if !w.Timed && w.Timeouts != 0 {
			t.Errorf("waiter %d waits forever but counted %d timeouts", i, w.Timeouts)
		}
		if w.Timed {
			if ok, want := within(w.Timeouts, cfg.SetDelay, timeout); !ok {
				t.Errorf("timed waiter %d: %d timeouts before a set at %v with a timeout of %v, want %s",
					i, w.Timeouts, cfg.SetDelay, timeout, want)
			}
		}
	}
	if ok, want := within(res.Ticks, cfg.Duration, interval); !ok {
		t.Errorf("%d ticks of %v in %v, want %s", res.Ticks, interval, cfg.Duration, want)
	}
	if cfg.TimerDelay != cfg.SetDelay {
		if want := cfg.TimerDelay < cfg.SetDelay; res.TimerFired != want {
			t.Errorf("timer at %v, set at %v: fired = %v, want %v", cfg.TimerDelay, cfg.SetDelay, res.TimerFired, want)
		}
	}
	if res.TimerFired && res.FiredAt != cfg.TimerDelay {
		t.Errorf("timer fired at %v, want %v", res.FiredAt, cfg.TimerDelay)
	}
	if want := max(cfg.SetDelay, cfg.Duration); res.Elapsed != want {
		t.Errorf("Elapsed = %v, want %v: the later of the set and the interval's stop", res.Elapsed, want)
	}
}

// checkEvents checks the recorded run: every goroutine ended, every waiter
// was shown waiting for the event and logged its wake-up after the set, and
// the timer goroutine appears only if the timer fired.
func checkEvents(t *testing.T, cfg Config, res Result, rec *timeline.Recorder) {
	t.Helper()
	s := rec.Snapshot(0)
	if s.Dropped != 0 {
		t.Fatalf("ring dropped %d events; the test needs them all", s.Dropped)
	}
	want := cfg.Waiters + cfg.TimedWaiters + 2 // setter, interval
	if res.TimerFired {
		want++
	}
	if len(s.Goroutines) != want {
		t.Errorf("%d goroutines, want %d", len(s.Goroutines), want)
	}
	for _, g := range s.Goroutines {
		if g.State != timeline.Done {
			t.Errorf("%s is %v after Run returned, want done", g.Name, g.State)
		}
	}
	waited := map[int32]bool{}
	woke := map[int32]bool{}
	var setAt time.Duration = -1
	for _, e := range s.Events {
		name := s.Goroutines[e.G].Name
		switch {
		case e.Kind == timeline.GoState && e.State == timeline.Waiting && strings.HasPrefix(e.Text, "event"):
			waited[e.G] = true
		case e.Kind == timeline.Log && e.Text == "event set":
			setAt = e.At
		case e.Kind == timeline.Log && strings.HasPrefix(e.Text, "woke"):
			if setAt < 0 {
				t.Errorf("%s logged %q before the event was set", name, e.Text)
			}
			woke[e.G] = true
		case e.Kind == timeline.Log && e.Text == "timer fired" && name != "timer":
			t.Errorf("%s logged that the timer fired", name)
		}
	}
	if n := cfg.Waiters + cfg.TimedWaiters; len(waited) != n || len(woke) != n {
		t.Errorf("%d goroutines waited for the event and %d woke, want %d", len(waited), len(woke), n)
	}
}

// TestTimeoutsAtTheTie runs the course's numbers many times: with a set at
// 1s and a 200ms timeout, the fifth timeout is due at the very instant of
// the set, so a timed waiter counts 4 or 5 timeouts, even on a fake clock.
func TestTimeoutsAtTheTie(t *testing.T) {
	seen := map[int]int{}
	for range 50 {
		synctest.Test(t, func(t *testing.T) {
			res, err := Run(t.Context(), Config{TimedWaiters: 4, WaitTimeout: 200 * time.Millisecond, SetDelay: time.Second}, nil)
			if err != nil {
				t.Fatal(err)
			}
			for _, w := range res.Waiters {
				seen[w.Timeouts]++
			}
		})
	}
	for n := range seen {
		if n != 4 && n != 5 {
			t.Errorf("timeouts seen: %v, want only 4 or 5", seen)
		}
	}
	t.Logf("timeouts per waiter over 200 waits: %v", seen)
}

// TestRunCancel cancels the run before the set, on a fake clock: everyone
// wakes at the cancel, no one because of the event, the timer never fires,
// and Run returns context.Canceled at that very instant.
func TestRunCancel(t *testing.T) {
	for _, r := range recorders {
		t.Run(r.name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				ctx, cancel := context.WithCancel(t.Context())
				const at = 300 * time.Millisecond
				time.AfterFunc(at, cancel)
				cfg := Config{Waiters: 3, TimedWaiters: 3, WaitTimeout: 200 * time.Millisecond,
					SetDelay: time.Second, TimerDelay: 500 * time.Millisecond, Interval: 70 * time.Millisecond, Duration: time.Hour}
				res, err := Run(ctx, cfg, r.new())
				if !errors.Is(err, context.Canceled) {
					t.Errorf("err = %v, want context.Canceled", err)
				}
				if res.Elapsed != at {
					t.Errorf("Run returned at %v, want at the cancel, %v", res.Elapsed, at)
				}
				if res.Set || res.TimerFired {
					t.Errorf("set = %v, timer fired = %v; want neither before the cancel", res.Set, res.TimerFired)
				}
				for i, w := range res.Waiters {
					if w.Set || w.Woke != at {
						t.Errorf("waiter %d: woken by the set %v at %v, want woken by the cancel at %v", i, w.Set, w.Woke, at)
					}
					if w.Timed && w.Timeouts != 1 {
						t.Errorf("timed waiter %d counted %d timeouts by %v, want 1", i, w.Timeouts, at)
					}
				}
				if res.Ticks != 4 { // at 70, 140, 210 and 280ms
					t.Errorf("%d ticks, want 4", res.Ticks)
				}
			})
		})
	}
}

// TestRunCancelRealClock checks promptness on the real clock, where the
// timers are real and the scheduler is the one the browser will have.
func TestRunCancelRealClock(t *testing.T) {
	for _, r := range recorders {
		t.Run(r.name, func(t *testing.T) {
			ctx, cancel := context.WithCancel(t.Context())
			defer cancel()
			time.AfterFunc(30*time.Millisecond, cancel)
			start := time.Now()
			res, err := Run(ctx, Config{Waiters: 4, TimedWaiters: 4, WaitTimeout: 10 * time.Millisecond,
				SetDelay: time.Hour, TimerDelay: time.Hour, Interval: 10 * time.Millisecond, Duration: time.Hour}, r.new())
			if !errors.Is(err, context.Canceled) {
				t.Errorf("err = %v, want context.Canceled", err)
			}
			// Natively Run returns within the 100ms the UI promises. Under
			// Node on a shared machine the host itself stalls at times (timer
			// gaps of 20–40ms are common, and stalls of 400ms were seen), so
			// there the bound is the catalog's 500ms.
			limit := 100 * time.Millisecond
			if runtime.GOARCH == "wasm" {
				limit = 500 * time.Millisecond
			}
			if took := time.Since(start); took > 30*time.Millisecond+limit {
				t.Errorf("Run took %v after a cancel at 30ms", took)
			}
			if res.Set || res.TimerFired {
				t.Errorf("set = %v, timer fired = %v; want neither", res.Set, res.TimerFired)
			}
		})
	}
}

// TestRunRealClock runs once on the real clock: the waiters wake after the
// set and the tick count is within one of duration/interval.
func TestRunRealClock(t *testing.T) {
	for _, r := range recorders {
		t.Run(r.name, func(t *testing.T) {
			cfg := Config{Waiters: 2, TimedWaiters: 2, WaitTimeout: 20 * time.Millisecond,
				SetDelay: 100 * time.Millisecond, TimerDelay: 50 * time.Millisecond, Interval: 10 * time.Millisecond, Duration: 100 * time.Millisecond}
			res, err := Run(t.Context(), cfg, r.new())
			if err != nil {
				t.Fatal(err)
			}
			if !res.Set || res.SetAt < cfg.SetDelay {
				t.Errorf("set %v at %v, want set after %v", res.Set, res.SetAt, cfg.SetDelay)
			}
			for i, w := range res.Waiters {
				if !w.Set || w.Woke < res.SetAt {
					t.Errorf("waiter %d: woken by the set %v at %v, want after the set at %v", i, w.Set, w.Woke, res.SetAt)
				}
				// Real timers run late, never early, and the set may be
				// late too: a loaded machine may fit in a few more or fewer
				// than 100ms/20ms = 5 timeouts, but not many more.
				if w.Timed && w.Timeouts > 10 {
					t.Errorf("timed waiter %d: %d timeouts, want about 5", i, w.Timeouts)
				}
			}
			// The ticker starts after the interval's stop context, so it
			// never fits in more than duration/interval ticks. It can fit in
			// fewer: its channel holds one tick, and it drops those a late
			// receiver missed. Natively that is one or two under load; under
			// Node on a shared machine a host stall of 100ms (seen) drops
			// most of them, so there only the upper bound holds.
			want := int(cfg.Duration / cfg.Interval)
			if res.Ticks > want || (runtime.GOARCH != "wasm" && res.Ticks < want-2) {
				t.Errorf("%d ticks, want about %d", res.Ticks, want)
			}
			if !res.TimerFired {
				t.Errorf("the timer at 50ms did not fire before the set at 100ms")
			}
		})
	}
}
