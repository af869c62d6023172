package async

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"testing"
	"testing/synctest"
	"time"

	"chanlab/patterns/timeline"
)

const ms = time.Millisecond

// recorders runs f once with a real recorder and once with none: the
// recorder's lock adds happens-before edges that could hide a race.
func recorders(t *testing.T, f func(t *testing.T, rec *timeline.Recorder)) {
	for _, withRec := range []bool{true, false} {
		t.Run(fmt.Sprintf("recorder=%v", withRec), func(t *testing.T) {
			var rec *timeline.Recorder
			if withRec {
				rec = timeline.New(0)
			}
			f(t, rec)
		})
	}
}

// checkAllDone checks that every goroutine the run started was recorded
// as started once and ended once, and is done.
func checkAllDone(t *testing.T, rec *timeline.Recorder, want int) {
	t.Helper()
	if rec == nil {
		return
	}
	s := rec.Snapshot(0)
	if s.Dropped != 0 {
		t.Fatalf("ring dropped %d events; the test needs them all", s.Dropped)
	}
	started, ended := map[int32]int{}, map[int32]int{}
	for _, e := range s.Events {
		switch e.Kind {
		case timeline.GoStart:
			started[e.G]++
		case timeline.GoEnd:
			ended[e.G]++
		}
	}
	if len(started) != want || len(ended) != want {
		t.Errorf("%d goroutines started and %d ended; want %d", len(started), len(ended), want)
	}
	for g, n := range ended {
		if n != 1 || started[g] != 1 {
			t.Errorf("goroutine %d started %d times and ended %d times; want once each", g, started[g], n)
		}
	}
	for _, g := range s.Goroutines {
		if g.State != timeline.Done {
			t.Errorf("%s is %v after Run returned; want done", g.Name, g.State)
		}
	}
}

// goroutines is how many goroutines a run of cfg starts: main, the tasks,
// and the setter, poller and awaiter.
func goroutines(cfg Config) int {
	n := 1
	if cfg.Part == All || cfg.Part == Gather {
		n += len(cfg.Gather)
	}
	if cfg.Part == All || cfg.Part == FirstCompleted {
		n += len(cfg.First)
	}
	if cfg.Part == All || cfg.Part == WaitFor {
		n++
	}
	if cfg.Part == All || cfg.Part == Future {
		n += 3
	}
	return n
}

// TestRun checks invariants that hold on any schedule, with real time.
func TestRun(t *testing.T) {
	short := Config{
		Gather:   []time.Duration{2 * ms, 1 * ms},
		First:    []time.Duration{1 * ms, 50 * ms, 100 * ms},
		Task:     time.Hour,
		Timeout:  0, // times out at once
		SetAfter: 5 * ms,
		Poll:     time.Millisecond,
	}
	withPart := func(p Part) Config { c := short; c.Part = p; return c }
	tests := []struct {
		name string
		cfg  Config
	}{
		{"zero config", Config{}},
		{"all", short},
		{"gather", withPart(Gather)},
		{"first completed", withPart(FirstCompleted)},
		{"wait_for", withPart(WaitFor)},
		{"future", withPart(Future)},
		{"instant work", Config{Gather: make([]time.Duration, 3), First: make([]time.Duration, 3), Timeout: time.Hour}},
		{"one task each", Config{Gather: []time.Duration{ms}, First: []time.Duration{ms}, Task: ms, Timeout: time.Hour, SetAfter: ms, Poll: ms}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			recorders(t, func(t *testing.T, rec *timeline.Recorder) {
				cfg := tt.cfg
				res, err := Run(context.Background(), cfg, rec)
				if err != nil {
					t.Fatalf("Run: %v", err)
				}
				ran := func(p Part) bool { return cfg.Part == All || cfg.Part == p }
				if res.Gather.Ran != ran(Gather) || res.First.Ran != ran(FirstCompleted) ||
					res.WaitFor.Ran != ran(WaitFor) || res.Future.Ran != ran(Future) {
					t.Fatalf("parts ran: %v %v %v %v; want part %d", res.Gather.Ran, res.First.Ran, res.WaitFor.Ran, res.Future.Ran, cfg.Part)
				}
				if ran(Gather) {
					for i, r := range res.Gather.Results {
						if want := fmt.Sprintf("gather-%d done", i+1); r != want {
							t.Errorf("gather result %d = %q; want %q", i, r, want)
						}
					}
					if len(res.Gather.Results) != len(cfg.Gather) {
						t.Errorf("gathered %d results; want %d", len(res.Gather.Results), len(cfg.Gather))
					}
					if longest := slices.Max(append([]time.Duration{0}, cfg.Gather...)); res.Gather.Elapsed < longest {
						t.Errorf("gather took %v; want at least the longest task, %v", res.Gather.Elapsed, longest)
					}
				}
				if ran(FirstCompleted) {
					f := res.First
					if len(cfg.First) > 0 && (f.First == "" || slices.Contains(f.Cancelled, f.First) || slices.Contains(f.Finished, f.First)) {
						t.Errorf("first = %q, cancelled %q, finished %q; want a first that is neither", f.First, f.Cancelled, f.Finished)
					}
					if got, want := len(f.Cancelled)+len(f.Finished), max(len(cfg.First)-1, 0); got != want {
						t.Errorf("%d losers accounted for; want %d", got, want)
					}
				}
				if ran(WaitFor) {
					// A deadline that has already passed wins even over
					// instant work; a long one never passes here.
					if want := cfg.Timeout == 0; res.WaitFor.TimedOut != want {
						t.Errorf("timed out = %v with a %v task and a %v timeout; want %v", res.WaitFor.TimedOut, cfg.Task, cfg.Timeout, want)
					}
				}
				if ran(Future) {
					if res.Future.Value != "ready" {
						t.Errorf("future = %q; want ready", res.Future.Value)
					}
				}
				checkAllDone(t, rec, goroutines(cfg))
			})
		})
	}
}

// TestGather checks with a fake clock that gather takes as long as the
// longest task, not the sum (the course's 2s and 1s: 2s, not 3s).
func TestGather(t *testing.T) {
	tests := [][]time.Duration{
		{2 * time.Second, time.Second},
		{time.Second, 2 * time.Second},
		{3 * time.Second, 3 * time.Second, 3 * time.Second},
		{500 * ms, 4 * time.Second, 0, time.Second},
	}
	for _, ds := range tests {
		t.Run(fmt.Sprint(ds), func(t *testing.T) {
			recorders(t, func(t *testing.T, rec *timeline.Recorder) {
				synctest.Test(t, func(t *testing.T) {
					res, err := Run(context.Background(), Config{Part: Gather, Gather: ds}, rec)
					if err != nil {
						t.Fatal(err)
					}
					var sum time.Duration
					for _, d := range ds {
						sum += d
					}
					g := res.Gather
					if longest := slices.Max(ds); g.Elapsed != longest || g.Sum != sum {
						t.Errorf("gather took %v of a sum %v; want the longest, %v, of %v", g.Elapsed, g.Sum, longest, sum)
					}
				})
			})
		})
	}
}

// TestGatherFailure checks errgroup's semantics: the first task to fail
// cancels the others, and gather returns its error, not theirs.
func TestGatherFailure(t *testing.T) {
	recorders(t, func(t *testing.T, rec *timeline.Recorder) {
		synctest.Test(t, func(t *testing.T) {
			boom := errors.New("boom")
			ctx := context.Background()
			res, err := gather(ctx, rec, []task{
				{name: "slow", d: time.Hour},
				{name: "failing", d: time.Second, err: boom},
				{name: "quick", d: 500 * ms},
			})
			if err != boom {
				t.Errorf("gather = %v; want %v", err, boom)
			}
			if res.Elapsed != time.Second {
				t.Errorf("gather took %v; want 1s, when the failure cancelled the hour-long task", res.Elapsed)
			}
			if want := []string{"", "", "quick done"}; !slices.Equal(res.Results, want) {
				t.Errorf("results = %q; want %q", res.Results, want)
			}
		})
	})
}

// TestFirstCompleted checks with a fake clock the course's race of 1s, 2s
// and 3s tasks: the 1s task completes first, the two others are cancelled
// at that moment, and nothing waits for them to finish their work.
func TestFirstCompleted(t *testing.T) {
	recorders(t, func(t *testing.T, rec *timeline.Recorder) {
		synctest.Test(t, func(t *testing.T) {
			cfg := Config{Part: FirstCompleted, First: []time.Duration{3 * time.Second, time.Second, 2 * time.Second}}
			res, err := Run(context.Background(), cfg, rec)
			if err != nil {
				t.Fatal(err)
			}
			f := res.First
			if f.First != "wait-2" || !slices.Equal(f.Cancelled, []string{"wait-1", "wait-3"}) || len(f.Finished) != 0 {
				t.Errorf("first %q, cancelled %q, finished %q; want wait-2 (the 1s task), and the others cancelled", f.First, f.Cancelled, f.Finished)
			}
			if f.Elapsed != time.Second || res.Elapsed != time.Second {
				t.Errorf("first came after %v and Run took %v; want 1s both: cancelled losers return at once", f.Elapsed, res.Elapsed)
			}
			checkAllDone(t, rec, goroutines(cfg))
		})
	})
}

// TestFirstCompletedTie checks that tasks that complete together are not
// counted as cancelled.
func TestFirstCompletedTie(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		res, err := Run(context.Background(), Config{Part: FirstCompleted, First: []time.Duration{time.Second, time.Second}}, nil)
		if err != nil {
			t.Fatal(err)
		}
		f := res.First
		// Both timers fire at 1s: the other task may be done before the
		// cancel, or be cancelled by it, but it is exactly one of them.
		if f.First == "" || len(f.Cancelled)+len(f.Finished) != 1 {
			t.Errorf("first %q, cancelled %q, finished %q; want one first and one other", f.First, f.Cancelled, f.Finished)
		}
	})
}

// TestWaitFor checks with a fake clock that wait_for times out at exactly
// the timeout when the task is longer, and that the task's goroutine has
// returned by the time Run does.
func TestWaitFor(t *testing.T) {
	tests := []struct {
		task, timeout time.Duration
		timedOut      bool
		elapsed       time.Duration
	}{
		{5 * time.Second, 3 * time.Second, true, 3 * time.Second}, // the course's
		{time.Second, 3 * time.Second, false, time.Second},
		{time.Second, 0, true, 0},
		{0, 0, true, 0}, // a deadline already passed wins over instant work
		{0, time.Second, false, 0},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("task=%v/timeout=%v", tt.task, tt.timeout), func(t *testing.T) {
			recorders(t, func(t *testing.T, rec *timeline.Recorder) {
				synctest.Test(t, func(t *testing.T) {
					cfg := Config{Part: WaitFor, Task: tt.task, Timeout: tt.timeout}
					res, err := Run(context.Background(), cfg, rec)
					if err != nil {
						t.Fatal(err)
					}
					if res.WaitFor.TimedOut != tt.timedOut || res.WaitFor.Elapsed != tt.elapsed {
						t.Errorf("timed out = %v after %v; want %v after %v", res.WaitFor.TimedOut, res.WaitFor.Elapsed, tt.timedOut, tt.elapsed)
					}
					// The task's goroutine returned at the timeout, before
					// Run did.
					checkAllDone(t, rec, goroutines(cfg))
				})
			})
		})
	}
}

// TestFuturePolls checks with a fake clock that the poller polls about
// SetAfter/Poll times, and notices the value only at its next tick, while
// the awaiter wakes the moment it is set.
func TestFuturePolls(t *testing.T) {
	tests := []struct{ setAfter, poll time.Duration }{
		{time.Second, 200 * ms}, // the defaults
		{time.Second, 300 * ms},
		{time.Second, 10 * ms},
		{50 * ms, time.Second},
		{0, 100 * ms},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("set=%v/poll=%v", tt.setAfter, tt.poll), func(t *testing.T) {
			recorders(t, func(t *testing.T, rec *timeline.Recorder) {
				synctest.Test(t, func(t *testing.T) {
					cfg := Config{Part: Future, SetAfter: tt.setAfter, Poll: tt.poll}
					res, err := Run(context.Background(), cfg, rec)
					if err != nil {
						t.Fatal(err)
					}
					f := res.Future
					// Polls at 0, poll, 2·poll, … find nothing until
					// setAfter; at a tick that falls on setAfter exactly,
					// the setter may or may not have run first.
					want := int(tt.setAfter / tt.poll)
					if got := f.Polls; got < want || got > want+1 {
						t.Errorf("polls = %d; want %d, or one more (setAfter/poll ± 1)", got, want)
					}
					// The awaiter gets the value at setAfter itself; the
					// poller at its first tick at or after setAfter (or the
					// next one, when a tick falls on setAfter and the poller
					// runs before the setter).
					if f.Awaited != tt.setAfter || f.Polled < tt.setAfter || f.Polled > tt.setAfter+tt.poll || f.Polled%tt.poll != 0 {
						t.Errorf("awaited at %v, polled at %v; want %v, and a tick at most one poll later", f.Awaited, f.Polled, tt.setAfter)
					}
					checkAllDone(t, rec, goroutines(cfg))
				})
			})
		})
	}
}

// TestRunDefaults runs the course's durations on a fake clock: 2s of
// gather, 1s to the first of three, 3s to the timeout, and the future at 1s.
func TestRunDefaults(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		cfg := Config{
			Gather: []time.Duration{2 * time.Second, time.Second},
			First:  []time.Duration{time.Second, 2 * time.Second, 3 * time.Second},
			Task:   5 * time.Second, Timeout: 3 * time.Second,
			SetAfter: time.Second, Poll: 200 * ms,
		}
		res, err := Run(context.Background(), cfg, timeline.New(0))
		if err != nil {
			t.Fatal(err)
		}
		if res.Gather.Elapsed != 2*time.Second || res.First.First != "wait-1" || len(res.First.Cancelled) != 2 || !res.WaitFor.TimedOut {
			t.Errorf("gather %v, first %q cancelling %q, timed out %v; want 2s, wait-1 cancelling two, true",
				res.Gather.Elapsed, res.First.First, res.First.Cancelled, res.WaitFor.TimedOut)
		}
		if min, max := 7*time.Second, 7*time.Second+200*ms; res.Elapsed < min || res.Elapsed > max {
			t.Errorf("Run took %v; want %v to %v", res.Elapsed, min, max)
		}
	})
}

// cancelAfter calls cancel after d and sends the time it did. Promptness
// is measured from there, not from the start: on a loaded machine the
// timer itself can fire late.
func cancelAfter(d time.Duration, cancel context.CancelFunc) <-chan time.Time {
	at := make(chan time.Time, 1)
	time.AfterFunc(d, func() {
		at <- time.Now() // never blocks: the only send, into a buffer of one
		cancel()
	})
	return at
}

// TestRunCancel stops each part with real time: Run returns promptly with
// context.Canceled, and goleak (TestMain) finds nothing left behind.
func TestRunCancel(t *testing.T) {
	long := Config{
		Gather: []time.Duration{time.Hour, time.Hour},
		First:  []time.Duration{time.Hour, time.Hour, time.Hour},
		Task:   time.Hour, Timeout: time.Hour,
		SetAfter: time.Hour, Poll: 5 * ms,
	}
	for _, part := range []Part{All, Gather, FirstCompleted, WaitFor, Future} {
		t.Run(fmt.Sprintf("part=%d", part), func(t *testing.T) {
			recorders(t, func(t *testing.T, rec *timeline.Recorder) {
				cfg := long
				cfg.Part = part
				ctx, cancel := context.WithCancel(context.Background())
				defer cancel()
				stop := cancelAfter(20*ms, cancel)
				res, err := Run(ctx, cfg, rec)
				if !errors.Is(err, context.Canceled) {
					t.Errorf("err = %v; want context.Canceled", err)
				}
				if late := time.Since(<-stop); late > 100*ms {
					t.Errorf("Run returned %v after the cancel; want < 100ms", late)
				}
				if res.WaitFor.TimedOut {
					t.Errorf("a stopped run counted as a timeout")
				}
				// Every part takes an hour: the one stopped in was cut
				// short, and its figures are not a part's.
				if res.Gather.Ran || res.First.Ran || res.WaitFor.Ran || res.Future.Ran {
					t.Errorf("ran %v %v %v %v after a stop at 20ms; want none", res.Gather.Ran, res.First.Ran, res.WaitFor.Ran, res.Future.Ran)
				}
				if rec != nil {
					for _, g := range rec.Snapshot(0).Goroutines {
						if g.State != timeline.Done {
							t.Errorf("%s is %v after Run returned; want done", g.Name, g.State)
						}
					}
				}
			})
		})
	}
}

// TestRunCancelFake stops the default run inside wait_for on a fake clock:
// the parts before it completed; wait_for, cut short, and the part after
// it, never started, did not run.
func TestRunCancelFake(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		time.AfterFunc(4*time.Second, cancel) // gather ends at 2s, first-completed at 3s
		res, err := Run(ctx, Config{
			Gather: []time.Duration{2 * time.Second, time.Second},
			First:  []time.Duration{time.Second, 2 * time.Second, 3 * time.Second},
			Task:   5 * time.Second, Timeout: 3 * time.Second,
			SetAfter: time.Second, Poll: 200 * ms,
		}, nil)
		if !errors.Is(err, context.Canceled) {
			t.Errorf("err = %v; want context.Canceled", err)
		}
		if !res.Gather.Ran || !res.First.Ran || res.WaitFor.Ran || res.WaitFor.TimedOut || res.Future.Ran || res.Elapsed != 4*time.Second {
			t.Errorf("ran %v %v %v %v, timed out %v, took %v; want the first two, no timeout, 4s",
				res.Gather.Ran, res.First.Ran, res.WaitFor.Ran, res.Future.Ran, res.WaitFor.TimedOut, res.Elapsed)
		}
	})
}
