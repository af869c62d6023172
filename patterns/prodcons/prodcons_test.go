package prodcons

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"testing/synctest"
	"time"

	"chanlab/patterns/timeline"
)

func TestRun(t *testing.T) {
	tests := []struct {
		name string
		cfg  Config
	}{
		{"zero config", Config{}},
		{"unbuffered", Config{Buffer: 0, Producers: 1, Consumers: 1, Duration: 50 * time.Millisecond, ProducerDelay: time.Millisecond}},
		{"buffer 1 slow consumer", Config{Buffer: 1, Producers: 1, Consumers: 1, Duration: 50 * time.Millisecond, ProducerDelay: time.Millisecond, ConsumerDelay: 3 * time.Millisecond}},
		{"buffer 10", Config{Buffer: 10, Producers: 2, Consumers: 2, Duration: 50 * time.Millisecond, ProducerDelay: time.Millisecond, ConsumerDelay: 2 * time.Millisecond}},
		{"many producers one consumer", Config{Buffer: 1, Producers: 4, Consumers: 1, Duration: 30 * time.Millisecond, ConsumerDelay: time.Millisecond}},
		{"one producer many consumers", Config{Buffer: 10, Producers: 1, Consumers: 4, Duration: 30 * time.Millisecond, ProducerDelay: time.Millisecond}},
		{"no delays", Config{Buffer: 10, Producers: 3, Consumers: 3, Duration: 20 * time.Millisecond}},
		{"zero duration", Config{Buffer: 1, Producers: 2, Consumers: 2}},
		{"no consumers", Config{Buffer: 3, Producers: 2, Duration: 10 * time.Millisecond}},
	}
	for _, tt := range tests {
		for _, withRec := range []bool{true, false} {
			t.Run(fmt.Sprintf("%s/recorder=%v", tt.name, withRec), func(t *testing.T) {
				var rec *timeline.Recorder
				if withRec {
					rec = timeline.New(1 << 20)
				}
				res, err := Run(context.Background(), tt.cfg, rec)
				if err != nil {
					t.Fatalf("Run: %v", err)
				}
				checkAccounting(t, tt.cfg, res)
				if tt.cfg.Consumers > 0 && res.Left != 0 {
					t.Errorf("Left = %d, want 0: consumers drain the queue after the stop event", res.Left)
				}
				if withRec {
					checkEvents(t, tt.cfg, res, rec)
				}
			})
		}
	}
}

// checkAccounting checks that nothing was lost or duplicated and the queue
// never exceeded its capacity.
func checkAccounting(t *testing.T, cfg Config, res Result) {
	t.Helper()
	if got, want := res.Consumed+res.Left, res.Produced; got != want {
		t.Errorf("consumed %d + left %d = %d, want produced %d", res.Consumed, res.Left, got, want)
	}
	if got, want := res.ConsumedSum+res.LeftSum, res.ProducedSum; got != want {
		t.Errorf("sum consumed+left = %d, want sum produced %d", got, want)
	}
	if res.MaxQueueLen > cfg.Buffer {
		t.Errorf("MaxQueueLen = %d, want ≤ buffer %d", res.MaxQueueLen, cfg.Buffer)
	}
}

// checkEvents checks the recorded run: every put is matched by exactly one
// get of the same value (or is left), every sample has len ≤ cap, and every
// goroutine that started ended.
func checkEvents(t *testing.T, cfg Config, res Result, rec *timeline.Recorder) {
	t.Helper()
	s := rec.Snapshot(0)
	if s.Dropped != 0 {
		t.Fatalf("ring dropped %d events; the test needs them all", s.Dropped)
	}
	// A put and the get that takes the same item happen together, so they
	// may be recorded in either order; compare counts per value at the end.
	pending := map[int64]int{} // value → puts minus gets
	started, ended := map[int32]bool{}, map[int32]bool{}
	puts := 0
	for _, e := range s.Events {
		switch e.Kind {
		case timeline.Put:
			puts++
			pending[e.Value]++
		case timeline.Get:
			pending[e.Value]--
		case timeline.GoStart:
			started[e.G] = true
		case timeline.GoEnd:
			if !started[e.G] || ended[e.G] {
				t.Errorf("goroutine %d ended without a start, or twice", e.G)
			}
			ended[e.G] = true
		}
		if (e.Kind == timeline.Put || e.Kind == timeline.Get) && int(e.Len) > cfg.Buffer {
			t.Errorf("queue length %d > capacity %d at %v", e.Len, cfg.Buffer, e.At)
		}
	}
	left := 0
	for v, n := range pending {
		if n < 0 {
			t.Errorf("got %d %d more times than it was put", v, -n)
		}
		left += n
	}
	if puts != res.Produced || left != res.Left {
		t.Errorf("events: %d puts, %d left; result: %d produced, %d left", puts, left, res.Produced, res.Left)
	}
	if want := cfg.Producers + cfg.Consumers; len(started) != want || len(ended) != want {
		t.Errorf("%d goroutines started, %d ended, want %d", len(started), len(ended), want)
	}
	for _, g := range s.Goroutines {
		if g.State != timeline.Done {
			t.Errorf("%s is %v after Run returned, want done", g.Name, g.State)
		}
	}
	if q := s.Queues[0]; q.WaitingPut != 0 || q.WaitingGet != 0 {
		t.Errorf("after the run %d goroutines wait to put and %d to get, want none", q.WaitingPut, q.WaitingGet)
	}
}

func TestRunCancel(t *testing.T) {
	for _, withRec := range []bool{true, false} {
		t.Run(fmt.Sprintf("recorder=%v", withRec), func(t *testing.T) {
			var rec *timeline.Recorder
			if withRec {
				rec = timeline.New(0)
			}
			cfg := Config{Buffer: 2, Producers: 3, Consumers: 2, Duration: time.Hour, ConsumerDelay: 5 * time.Millisecond}
			ctx, cancel := context.WithCancel(context.Background())
			time.AfterFunc(30*time.Millisecond, cancel)
			start := time.Now()
			res, err := Run(ctx, cfg, rec)
			if !errors.Is(err, context.Canceled) {
				t.Errorf("err = %v, want context.Canceled", err)
			}
			// Returning promptly: cancellation is noticed at the next
			// blocking point, well within the 100 ms the UI promises.
			if took := time.Since(start); took > 30*time.Millisecond+100*time.Millisecond {
				t.Errorf("Run took %v after a cancel at 30ms", took)
			}
			checkAccounting(t, cfg, res)
			if res.Produced == 0 {
				t.Errorf("nothing produced before the cancel")
			}
		})
	}
}

// TestBackpressure checks the lesson with a fake clock: with a slow
// consumer, a buffer of 1 keeps the producer blocked much longer than a
// buffer of 100 does.
func TestBackpressure(t *testing.T) {
	blocked := func(buffer int) time.Duration {
		var res Result
		synctest.Test(t, func(t *testing.T) {
			var err error
			res, err = Run(context.Background(), Config{Buffer: buffer, Producers: 1, Consumers: 1,
				Duration: time.Second, ProducerDelay: 10 * time.Millisecond, ConsumerDelay: 50 * time.Millisecond}, timeline.New(0))
			if err != nil {
				t.Fatal(err)
			}
			// A fake clock makes the counts exact: one put every 10 ms for
			// 1 s, fewer when the producer is held back.
			checkAccounting(t, Config{Buffer: buffer}, res)
		})
		return res.PutWait
	}
	small, large := blocked(1), blocked(100)
	if small < 500*time.Millisecond || large != 0 {
		t.Errorf("producer blocked %v with buffer 1 and %v with buffer 100; want ≥ 500ms and 0", small, large)
	}
}

// TestStopEventDrains checks, on a fake clock, that consumers finish what
// was queued when the stop event is set.
func TestStopEventDrains(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		res, err := Run(context.Background(), Config{Buffer: 10, Producers: 1, Consumers: 1,
			Duration: 100 * time.Millisecond, ConsumerDelay: 20 * time.Millisecond}, nil)
		if err != nil {
			t.Fatal(err)
		}
		if res.Left != 0 || res.Consumed != res.Produced {
			t.Errorf("produced %d, consumed %d, left %d; want all consumed", res.Produced, res.Consumed, res.Left)
		}
		// 100 ms of a consumer taking 20 ms per item with 10 queued at the
		// stop: the drain takes about 10 × 20 ms more.
		if res.Elapsed < 250*time.Millisecond {
			t.Errorf("Elapsed = %v; the drain should take about 200ms after the 100ms stop", res.Elapsed)
		}
		// The producer's time ends at the stop event, not after the
		// drain: its blocked share is of that.
		if res.Producing < 100*time.Millisecond || res.Producing > 120*time.Millisecond {
			t.Errorf("Producing = %v, want the 100ms until the stop event (and a put it waited out)", res.Producing)
		}
	})
}
