package counter

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"strings"
	"testing"
	"time"

	"chanlab/patterns/timeline"
)

// outcomes names the variants of res, in run order.
func outcomes(res Result) []struct {
	name string
	out  Outcome
} {
	return []struct {
		name string
		out  Outcome
	}{{"naive", res.Naive}, {"mutex", res.Mutex}, {"atomic", res.Atomic}, {"owner", res.Owner}}
}

// checkExact checks the variants that must never lose an update: their
// final value is the sum of the additions actually made, even in a run
// that was stopped early.
func checkExact(t *testing.T, res Result) {
	t.Helper()
	for _, v := range outcomes(res)[1:] {
		if v.out.Final != v.out.Expected {
			t.Errorf("%s: final value %d, want %d: no update may be lost", v.name, v.out.Final, v.out.Expected)
		}
	}
}

func TestRun(t *testing.T) {
	tests := []struct {
		name         string
		cfg          Config
		wantExpected int64
		// naiveExact: the naive variant cannot lose updates here, since
		// only one goroutine touches the counter.
		naiveExact bool
	}{
		{"zero config", Config{}, 0, true},
		{"no goroutines", Config{Iterations: 100}, 0, true},
		{"one goroutine", Config{Iterations: 5000, Goroutines: 1, Yield: true}, 5000, true},
		{"two", Config{Iterations: 5000, Goroutines: 2}, 0, false},
		{"two yielding", Config{Iterations: 5000, Goroutines: 2, Yield: true}, 0, false},
		{"three", Config{Iterations: 3000, Goroutines: 3, Yield: true}, 3000, false},
		{"eight", Config{Iterations: 3000, Goroutines: 8, Yield: true}, 0, false},
		{"not a multiple of the pace", Config{Iterations: 2*paceEvery + 7, Goroutines: 2}, 0, false},
	}
	for _, tt := range tests {
		for _, withRec := range []bool{true, false} {
			t.Run(fmt.Sprintf("%s/recorder=%v", tt.name, withRec), func(t *testing.T) {
				var rec *timeline.Recorder
				if withRec {
					rec = timeline.New(0)
				}
				res, err := Run(context.Background(), tt.cfg, rec)
				if err != nil {
					t.Fatalf("Run: %v", err)
				}
				if res.Expected != tt.wantExpected {
					t.Errorf("Expected = %d, want %d", res.Expected, tt.wantExpected)
				}
				wantAdds := max(tt.cfg.Iterations, 0) * max(tt.cfg.Goroutines, 0)
				for _, v := range outcomes(res) {
					if !v.out.Ran || v.out.Adds != wantAdds || v.out.Expected != res.Expected {
						t.Errorf("%s: ran %v, %d additions summing to %d; want it ran, %d additions summing to %d",
							v.name, v.out.Ran, v.out.Adds, v.out.Expected, wantAdds, res.Expected)
					}
				}
				checkExact(t, res)
				if tt.naiveExact && res.Naive.Final != res.Expected {
					t.Errorf("naive with one goroutine: final value %d, want %d", res.Naive.Final, res.Expected)
				}
				if withRec {
					checkEvents(t, tt.cfg, rec)
				}
			})
		}
	}
}

// checkEvents checks the recording: a few events per goroutine, never one
// per addition, and every goroutine done.
func checkEvents(t *testing.T, cfg Config, rec *timeline.Recorder) {
	t.Helper()
	s := rec.Snapshot(0)
	// main, the counting goroutines of the four variants, and the owner.
	if got, want := len(s.Goroutines), 1+4*max(cfg.Goroutines, 0)+1; got != want {
		t.Errorf("%d goroutines recorded, want %d", got, want)
	}
	// Each goroutine: start, end, two log lines, and main's waits and
	// reports; far fewer than the additions. The owner variant's
	// goroutines also record their waits on the plain channel requests
	// (one wait per full or empty buffer in the browser; natively, with
	// the owner on another thread, more), and nothing else.
	n := 0
	for _, e := range s.Events {
		if e.G >= 0 && strings.HasPrefix(s.Goroutines[e.G].Name, "owner/") && e.Kind == timeline.GoState {
			if on := e.Text; e.State != timeline.Running && on != "a request" && on != "room in requests" {
				t.Errorf("%s: %v on %q, want only waits on requests", s.Goroutines[e.G].Name, e.State, on)
			}
			continue
		}
		n++
	}
	if limit := 20 * len(s.Goroutines); n > limit {
		t.Errorf("%d events recorded besides the owner's waits, want at most %d: no event per addition", n, limit)
	}
	for _, g := range s.Goroutines {
		if g.State != timeline.Done {
			t.Errorf("%s is %v after Run returned, want done", g.Name, g.State)
		}
	}
}

// TestNaiveLosesUpdates shows the lesson: with a yield between its read and
// its write, the naive counter ends far from 0.
//
// Why it is reliable: each yield lets the other goroutine read the same
// value before the first one writes. In the browser (and with
// GOMAXPROCS=1) there is one thread, and runtime.Gosched hands it to the
// other goroutine every time, so each goroutine overwrites the other's
// updates and the final value is close to ±Iterations, never 0. Natively
// the goroutines run in parallel and interleave less regularly; a run
// loses nothing only if the two do not overlap in time at all, which a
// loaded machine can cause (seen once in 30 runs of 10000 additions under
// -race). So the test counts 50000 additions per goroutine and allows
// three attempts.
func TestNaiveLosesUpdates(t *testing.T) {
	for _, goroutines := range []int{2, 8} {
		for _, withRec := range []bool{true, false} {
			t.Run(fmt.Sprintf("goroutines=%d/recorder=%v", goroutines, withRec), func(t *testing.T) {
				cfg := Config{Iterations: 50000, Goroutines: goroutines, Yield: true}
				var finals []int64
				for range 3 {
					var rec *timeline.Recorder
					if withRec {
						rec = timeline.New(0)
					}
					res, err := Run(context.Background(), cfg, rec)
					if err != nil {
						t.Fatal(err)
					}
					checkExact(t, res)
					finals = append(finals, res.Naive.Final)
					if res.Naive.Final != res.Expected {
						t.Logf("naive: final value %d, expected %d", res.Naive.Final, res.Expected)
						return
					}
				}
				t.Errorf("naive with yield: final values %v, want something other than 0: updates should be lost", finals)
			})
		}
	}
}

// TestNaiveWithoutYield documents what happens without the yield. In the
// browser it loses nothing: with one thread and no preemption, a goroutine
// is switched out only where it blocks or yields, which here is only at
// timeline.Pace between two additions, never between a read and its write.
// That is why the demo yields. Natively the goroutines run in parallel and
// may lose updates, or not, depending on how much they overlap; there is
// nothing to assert but the exact variants.
func TestNaiveWithoutYield(t *testing.T) {
	for _, withRec := range []bool{true, false} {
		t.Run(fmt.Sprintf("recorder=%v", withRec), func(t *testing.T) {
			var rec *timeline.Recorder
			if withRec {
				rec = timeline.New(0)
			}
			res, err := Run(context.Background(), Config{Iterations: 50000, Goroutines: 2}, rec)
			if err != nil {
				t.Fatal(err)
			}
			checkExact(t, res)
			t.Logf("%s: naive without yield: final value %d, expected %d", runtime.GOARCH, res.Naive.Final, res.Expected)
			if runtime.GOARCH == "wasm" && res.Naive.Final != res.Expected {
				t.Errorf("on one thread without yield: final value %d, want %d", res.Naive.Final, res.Expected)
			}
		})
	}
}

func TestRunCancel(t *testing.T) {
	for _, withRec := range []bool{true, false} {
		t.Run(fmt.Sprintf("recorder=%v", withRec), func(t *testing.T) {
			var rec *timeline.Recorder
			if withRec {
				rec = timeline.New(0)
			}
			// Far more work than 30ms allows, with the slow naive variant
			// first.
			cfg := Config{Iterations: 5_000_000, Goroutines: 8, Yield: true}
			ctx, cancel := context.WithCancel(context.Background())
			cancelled := make(chan time.Time, 1)
			time.AfterFunc(30*time.Millisecond, func() {
				cancelled <- time.Now()
				cancel()
			})
			res, err := Run(ctx, cfg, rec)
			if !errors.Is(err, context.Canceled) {
				t.Errorf("err = %v, want context.Canceled", err)
			}
			// Returning promptly: each goroutine checks ctx every
			// paceEvery additions, well within the 100 ms the UI promises.
			// Measured from the cancel itself: on a loaded machine the
			// timer may fire late, which is not the pattern's doing.
			if took := time.Since(<-cancelled); took > 100*time.Millisecond {
				t.Errorf("Run returned %v after the cancel", took)
			}
			if !res.Naive.Ran || res.Naive.Adds >= cfg.Iterations*cfg.Goroutines || res.Owner.Ran {
				t.Errorf("naive ran %v with %d additions, owner ran %v; want a stopped naive run and no owner run",
					res.Naive.Ran, res.Naive.Adds, res.Owner.Ran)
			}
			checkExact(t, res)
		})
	}
}

// TestVariantsCancel stops each exact variant halfway: the goroutines stop,
// and the additions made are all counted. For the owner, that means every
// request sent was received before the owner returned.
func TestVariantsCancel(t *testing.T) {
	for _, v := range []struct {
		name string
		run  func(context.Context, *timeline.Recorder, Config) (Outcome, error)
	}{{"mutex", runMutex}, {"atomic", runAtomic}, {"owner", runOwner}} {
		t.Run(v.name, func(t *testing.T) {
			// Far more work than 200ms allows, and long enough for the
			// goroutines to start even on a loaded machine under -race.
			cfg := Config{Iterations: 100_000_000, Goroutines: 4}
			ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
			defer cancel()
			out, err := v.run(ctx, timeline.New(0), cfg)
			if err != nil {
				t.Fatal(err)
			}
			if out.Adds == 0 || out.Adds >= cfg.Iterations*cfg.Goroutines {
				t.Errorf("%d additions; want a run stopped halfway", out.Adds)
			}
			if out.Final != out.Expected {
				t.Errorf("final value %d, want %d, the sum of the additions made", out.Final, out.Expected)
			}
		})
	}
}

func TestRunCancelledBeforeStart(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	res, err := Run(ctx, Config{Iterations: 1000, Goroutines: 2, Yield: true}, timeline.New(0))
	if !errors.Is(err, context.Canceled) {
		t.Errorf("err = %v, want context.Canceled", err)
	}
	for _, v := range outcomes(res) {
		if v.out.Ran {
			t.Errorf("%s ran after the run was cancelled", v.name)
		}
	}
}
