package queues

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

func TestRun(t *testing.T) {
	tests := []struct {
		name string
		cfg  Config
	}{
		{"zero config", Config{}},
		{"unbuffered", Config{Buffer: 0, Items: 10, Consumers: 1, ConsumerDelay: time.Millisecond}},
		{"buffer 1 slow consumer", Config{Buffer: 1, Items: 10, Consumers: 1, ConsumerDelay: 3 * time.Millisecond}},
		{"buffer 1 slow producer", Config{Buffer: 1, Items: 10, Consumers: 1, ProducerDelay: 2 * time.Millisecond}},
		{"buffer 10 three workers", Config{Buffer: 10, Items: 30, Consumers: 3, ConsumerDelay: time.Millisecond}},
		{"more workers than items", Config{Buffer: 1, Items: 3, Consumers: 8, ConsumerDelay: time.Millisecond}},
		{"no delays", Config{Buffer: 5, Items: 500, Consumers: 2}},
		{"no items", Config{Buffer: 1, Consumers: 2}},
		// With no workers the items must fit: main closes the queue and
		// joins at once, and what it put is left.
		{"no workers", Config{Buffer: 4, Items: 4}},
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
				if res.Put != tt.cfg.Items {
					t.Errorf("Put = %d, want %d", res.Put, tt.cfg.Items)
				}
				checkAccounting(t, tt.cfg, res, 0)
				if tt.cfg.Consumers > 0 && (res.Processed != res.Put || res.Left != 0) {
					t.Errorf("processed %d of %d, %d left; want all processed", res.Processed, res.Put, res.Left)
				}
				if res.Joined < res.LastDone {
					t.Errorf("join returned at %v, before the last item was done at %v", res.Joined, res.LastDone)
				}
				if withRec {
					checkEvents(t, tt.cfg, res, rec)
				}
			})
		}
	}
}

// checkAccounting checks that every item was processed at most once, that
// each worker got its items in the order they were put (FIFO: with one
// worker, that is the order 0, 1, 2, …), that items put are processed,
// left, or abandoned by at most one stopped worker each, and that the queue
// never exceeded its capacity.
func checkAccounting(t *testing.T, cfg Config, res Result, maxAbandoned int) {
	t.Helper()
	seen := map[int]bool{}
	processed := 0
	for w, done := range res.Done {
		if !slices.IsSorted(done) {
			t.Errorf("worker %d processed %v, want ascending: a queue is FIFO", w, done)
		}
		for _, item := range done {
			if seen[item] || item < 0 || item >= res.Put {
				t.Errorf("item %d processed twice, or never put", item)
			}
			seen[item] = true
		}
		processed += len(done)
	}
	if processed != res.Processed {
		t.Errorf("Processed = %d, but the workers list %d", res.Processed, processed)
	}
	if abandoned := res.Put - res.Processed - res.Left; abandoned < 0 || abandoned > maxAbandoned {
		t.Errorf("put %d, processed %d, left %d: %d unaccounted, want 0..%d", res.Put, res.Processed, res.Left, abandoned, maxAbandoned)
	}
	if len(res.Done) == 1 && res.Left == 0 && !slices.Equal(res.Done[0], seq(res.Processed)) {
		t.Errorf("one worker processed %v, want %v", res.Done[0], seq(res.Processed))
	}
	if res.MaxQueueLen > max(cfg.Buffer, 0) {
		t.Errorf("MaxQueueLen = %d, want ≤ buffer %d", res.MaxQueueLen, cfg.Buffer)
	}
}

// seq returns 0, 1, … n-1.
func seq(n int) []int {
	s := make([]int, n)
	for i := range s {
		s[i] = i
	}
	return s
}

// checkEvents checks the recorded run: items are put in order and each is
// got once, the queue is closed once, by main, every goroutine that started
// ended, and none is left waiting.
func checkEvents(t *testing.T, cfg Config, res Result, rec *timeline.Recorder) {
	t.Helper()
	s := rec.Snapshot(0)
	if s.Dropped != 0 {
		t.Fatalf("ring dropped %d events; the test needs them all", s.Dropped)
	}
	var puts []int64
	gets := map[int64]int{}
	closes := 0
	started, ended := map[int32]bool{}, map[int32]bool{}
	for _, e := range s.Events {
		switch e.Kind {
		case timeline.Put:
			puts = append(puts, e.Value)
		case timeline.Get:
			gets[e.Value]++
		case timeline.Close:
			closes++
			if name := s.Goroutines[e.G].Name; name != "main" {
				t.Errorf("the queue was closed by %q, want main, its owner", name)
			}
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
	if want := seq(res.Put); !slices.Equal(puts, toInt64(want)) {
		t.Errorf("put events %v, want %v", puts, want)
	}
	for v, n := range gets {
		if n != 1 {
			t.Errorf("item %d was got %d times, want once", v, n)
		}
	}
	if got, want := len(gets), res.Put-res.Left; got != want {
		t.Errorf("%d items got, want %d (put %d, left %d)", got, want, res.Put, res.Left)
	}
	if closes != 1 {
		t.Errorf("the queue was closed %d times, want once", closes)
	}
	if want := 1 + cfg.Consumers; len(started) != want || len(ended) != want {
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

func toInt64(s []int) []int64 {
	out := make([]int64, len(s))
	for i, v := range s {
		out[i] = int64(v)
	}
	return out
}

// TestBlocked checks the lesson on a fake clock: with one worker taking d
// per item and no producer delay, main fills the buffer at once and then
// waits d for every further put but one (the worker takes the first item
// straight away), so it is blocked (items − buffer − 1) × d in all. Join
// returns exactly when the last item is done, items × d after the start.
func TestBlocked(t *testing.T) {
	const items, d = 10, 100 * time.Millisecond
	for _, buffer := range []int{0, 1, 3, items - 1, items, 100} {
		for _, withRec := range []bool{true, false} {
			t.Run(fmt.Sprintf("buffer=%d/recorder=%v", buffer, withRec), func(t *testing.T) {
				synctest.Test(t, func(t *testing.T) {
					var rec *timeline.Recorder
					if withRec {
						rec = timeline.New(0)
					}
					cfg := Config{Buffer: buffer, Items: items, Consumers: 1, ConsumerDelay: d}
					res, err := Run(context.Background(), cfg, rec)
					if err != nil {
						t.Fatal(err)
					}
					checkAccounting(t, cfg, res, 0)
					if want := time.Duration(max(items-buffer-1, 0)) * d; res.Blocked != want {
						t.Errorf("main blocked %v on put, want %v", res.Blocked, want)
					}
					if want := items * d; res.LastDone != want || res.Joined != want {
						t.Errorf("last item done at %v, join returned at %v; want both at %v", res.LastDone, res.Joined, want)
					}
				})
			})
		}
	}
}

// TestJoinWaitsForAllWorkers checks on a fake clock that join waits for the
// slowest worker: 10 items of 100ms over 3 workers take 4 rounds.
func TestJoinWaitsForAllWorkers(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		cfg := Config{Buffer: 1, Items: 10, Consumers: 3, ConsumerDelay: 100 * time.Millisecond}
		res, err := Run(context.Background(), cfg, timeline.New(0))
		if err != nil {
			t.Fatal(err)
		}
		checkAccounting(t, cfg, res, 0)
		if res.Processed != cfg.Items {
			t.Errorf("processed %d, want %d", res.Processed, cfg.Items)
		}
		if want := 400 * time.Millisecond; res.LastDone != want || res.Joined != want {
			t.Errorf("last item done at %v, join returned at %v; want both at %v", res.LastDone, res.Joined, want)
		}
	})
}

func TestRunCancel(t *testing.T) {
	for _, withRec := range []bool{true, false} {
		t.Run(fmt.Sprintf("recorder=%v", withRec), func(t *testing.T) {
			var rec *timeline.Recorder
			if withRec {
				rec = timeline.New(0)
			}
			// A long item: the cancel comes while a worker processes it and
			// main is blocked on a full queue.
			cfg := Config{Buffer: 2, Items: 100, Consumers: 2, ConsumerDelay: time.Hour}
			ctx, cancel := context.WithCancel(context.Background())
			time.AfterFunc(30*time.Millisecond, cancel)
			start := time.Now()
			res, err := Run(ctx, cfg, rec)
			if !errors.Is(err, context.Canceled) {
				t.Errorf("err = %v, want context.Canceled", err)
			}
			// Returning promptly: the put, the gets and the sleeps are all
			// abandoned, well within the 100 ms the UI promises.
			if took := time.Since(start); took > 30*time.Millisecond+100*time.Millisecond {
				t.Errorf("Run took %v after a cancel at 30ms", took)
			}
			checkAccounting(t, cfg, res, cfg.Consumers)
			if res.Put != cfg.Buffer+cfg.Consumers || res.Processed != 0 || res.Left != cfg.Buffer {
				t.Errorf("put %d, processed %d, left %d; want %d put, none processed, %d left",
					res.Put, res.Processed, res.Left, cfg.Buffer+cfg.Consumers, cfg.Buffer)
			}
		})
	}
}

// TestRunCancelFakeClock stops a run halfway on a fake clock: the items
// put are processed, left, or abandoned mid-work, and nothing leaks
// (synctest fails if a goroutine of the run is left blocked).
func TestRunCancelFakeClock(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		cfg := Config{Buffer: 1, Items: 10, Consumers: 1, ConsumerDelay: 100 * time.Millisecond}
		ctx, cancel := context.WithTimeout(context.Background(), 450*time.Millisecond)
		defer cancel()
		res, err := Run(ctx, cfg, timeline.New(0))
		if !errors.Is(err, context.DeadlineExceeded) {
			t.Errorf("err = %v, want context.DeadlineExceeded", err)
		}
		checkAccounting(t, cfg, res, 1)
		// Items 0–3 were done by 400ms; 4 was being processed, 5 queued.
		if res.Processed != 4 || res.Put != 6 || res.Left != 1 {
			t.Errorf("processed %d, put %d, left %d; want 4, 6, 1", res.Processed, res.Put, res.Left)
		}
		if res.Elapsed != 450*time.Millisecond {
			t.Errorf("Elapsed = %v, want 450ms: Run returns when stopped", res.Elapsed)
		}
	})
}
