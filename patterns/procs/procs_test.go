package procs

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

func TestRun(t *testing.T) {
	for _, transport := range []Transport{Queue, Pipe} {
		for _, workers := range []int{0, 1, 2, 4, 16} {
			for _, n := range []int{0, 1, paceEvery + 1, 1_000_000} {
				for _, withRec := range []bool{true, false} {
					t.Run(fmt.Sprintf("%v/workers=%d/n=%d/recorder=%v", transport, workers, n, withRec), func(t *testing.T) {
						var rec *timeline.Recorder
						if withRec {
							rec = timeline.New(0)
						}
						cfg := Config{Workers: workers, N: n, Transport: transport}
						res, err := Run(context.Background(), cfg, rec)
						if err != nil {
							t.Fatalf("Run: %v", err)
						}
						if got, want := res.Total, workers*n; got != want {
							t.Errorf("Total = %d, want workers × N = %d × %d = %d", got, workers, n, want)
						}
						if res.Received != workers || len(res.Subtotals) != workers {
							t.Errorf("received %d subtotals (%d slots), want %d", res.Received, len(res.Subtotals), workers)
						}
						for i, s := range res.Subtotals {
							if s != n {
								t.Errorf("worker %d's subtotal = %d, want %d", i, s, n)
							}
						}
						checkBusy(t, cfg, res)
						if withRec {
							checkEvents(t, cfg, rec)
						}
					})
				}
			}
		}
	}
}

// checkBusy checks the workers' summed counting time against the elapsed
// time: no more than Workers at once can have been counting.
func checkBusy(t *testing.T, cfg Config, res Result) {
	t.Helper()
	if res.Busy < 0 || res.Busy > time.Duration(max(cfg.Workers, 0))*res.Elapsed {
		t.Errorf("Busy = %v, want between 0 and %d × elapsed %v", res.Busy, cfg.Workers, res.Elapsed)
	}
	// On js/wasm there is one thread: the workers take turns, so their
	// counting adds up to no more than the run took. Natively they run in
	// parallel, and each worker's wall-clock time may cover the whole run.
	if runtime.GOARCH == "wasm" && res.Busy > res.Elapsed {
		t.Errorf("on one thread, Busy = %v > Elapsed = %v", res.Busy, res.Elapsed)
	}
}

// checkEvents checks the recorded run: the parent and every worker started
// and ended, each worker sent one result, and the parent got them all; with
// pipes, it got them in worker order.
func checkEvents(t *testing.T, cfg Config, rec *timeline.Recorder) {
	t.Helper()
	s := rec.Snapshot(0)
	if s.Dropped != 0 {
		t.Fatalf("ring dropped %d events", s.Dropped)
	}
	started, ended, puts := 0, 0, 0
	var gets []string // queue names, in the order the parent got from them
	for _, e := range s.Events {
		switch e.Kind {
		case timeline.GoStart:
			started++
		case timeline.GoEnd:
			ended++
			if e.Text != "" {
				t.Errorf("%s ended with %q", s.Goroutines[e.G].Name, e.Text)
			}
		case timeline.Put:
			puts++
		case timeline.Get:
			gets = append(gets, s.Queues[e.Q].Name)
		}
	}
	if want := cfg.Workers + 1; started != want || ended != want {
		t.Errorf("%d goroutines started, %d ended; want %d (the parent and the workers)", started, ended, want)
	}
	if puts != cfg.Workers || len(gets) != cfg.Workers {
		t.Errorf("%d puts, %d gets; want %d each", puts, len(gets), cfg.Workers)
	}
	for i, name := range gets {
		want := "results"
		if cfg.Transport == Pipe {
			want = fmt.Sprintf("pipe-%d", i)
		}
		if name != want {
			t.Errorf("get %d from %s, want %s", i, name, want)
		}
	}
	for _, g := range s.Goroutines {
		if g.State != timeline.Done {
			t.Errorf("%s is %v after Run returned, want done", g.Name, g.State)
		}
	}
}

// TestRunCancel stops runs mid-count: Run returns promptly with
// context.Canceled, each worker stops at its next Pace, and no subtotal
// arrives.
func TestRunCancel(t *testing.T) {
	for _, transport := range []Transport{Queue, Pipe} {
		for _, withRec := range []bool{true, false} {
			t.Run(fmt.Sprintf("%v/recorder=%v", transport, withRec), func(t *testing.T) {
				var rec *timeline.Recorder
				if withRec {
					rec = timeline.New(0)
				}
				// Counting this far would take minutes.
				cfg := Config{Workers: 4, N: 1 << 40, Transport: transport}
				ctx, cancel := context.WithCancel(context.Background())
				time.AfterFunc(30*time.Millisecond, cancel)
				start := time.Now()
				res, err := Run(ctx, cfg, rec)
				if !errors.Is(err, context.Canceled) {
					t.Errorf("err = %v, want context.Canceled", err)
				}
				if took := time.Since(start); took > 30*time.Millisecond+100*time.Millisecond {
					t.Errorf("Run took %v after a cancel at 30ms", took)
				}
				if res.Received != 0 || res.Total != 0 {
					t.Errorf("received %d subtotals, total %d; want none", res.Received, res.Total)
				}
				if withRec {
					for _, g := range rec.Snapshot(0).Goroutines {
						if g.State != timeline.Done {
							t.Errorf("%s is %v after Run returned, want done", g.Name, g.State)
						}
					}
				}
			})
		}
	}
}

// TestRunCancelled checks that a run whose context is already done starts
// and stops its workers without counting.
func TestRunCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	res, err := Run(ctx, Config{Workers: 3, N: 1 << 40}, nil)
	if !errors.Is(err, context.Canceled) || res.Received != 0 {
		t.Errorf("Run = %d received, %v; want 0, context.Canceled", res.Received, err)
	}
}

// TestWork checks the count itself around the Pace boundaries.
func TestWork(t *testing.T) {
	for _, n := range []int{-1, 0, 1, paceEvery - 1, paceEvery, paceEvery + 1, 3*paceEvery + 7} {
		r, err := work(context.Background(), 2, n)
		if err != nil || r.subtotal != max(n, 0) || r.worker != 2 || r.busy < 0 {
			t.Errorf("work(2, %d) = %+v, %v; want subtotal %d from worker 2", n, r, err, max(n, 0))
		}
	}
}

func TestTransportString(t *testing.T) {
	if got := fmt.Sprint(Queue, " ", Pipe); got != "queue pipe" {
		t.Errorf("transports print as %q", got)
	}
	if !strings.Contains(Source, "package procs") {
		t.Errorf("Source is not this package's file")
	}
}

// TestRunProcesses runs the workers as processes, here goroutines that
// talk to the parent only in encoded messages: the totals are exact over
// both transports.
func TestRunProcesses(t *testing.T) {
	for _, tr := range []Transport{Queue, Pipe} {
		for _, workers := range []int{0, 1, 3} {
			t.Run(fmt.Sprintf("%v/workers=%d", tr, workers), func(t *testing.T) {
				cfg := Config{Workers: workers, N: 100_000, Transport: tr, Processes: true}
				res, err := Run(t.Context(), cfg, timeline.New(0))
				if err != nil {
					t.Fatal(err)
				}
				if res.Total != workers*cfg.N || res.Received != workers {
					t.Errorf("total %d from %d processes, want %d from %d", res.Total, res.Received, workers*cfg.N, workers)
				}
			})
		}
	}
}

// TestRunProcessesCancel cancels processes mid-count: Run returns at once
// and every process is gone (goleak checks at the end).
func TestRunProcessesCancel(t *testing.T) {
	ctx, cancel := context.WithTimeout(t.Context(), 30*time.Millisecond)
	defer cancel()
	_, err := Run(ctx, Config{Workers: 3, N: 1 << 40, Processes: true}, nil)
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("err = %v, want the deadline", err)
	}
}

func TestSubtotalEncoding(t *testing.T) {
	s := Subtotal{ID: 2, Total: 99, Busy: time.Second, Name: "Process-3"}
	if got, err := DecodeSubtotal(s.Encode()); err != nil || got != s {
		t.Errorf("round trip: %+v, %v", got, err)
	}
	if _, err := DecodeSubtotal([]byte("{")); err == nil {
		t.Error("garbage decoded")
	}
}
