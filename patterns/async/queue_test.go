package async

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"slices"
	"testing"
	"testing/synctest"
	"time"

	"chanlab/patterns/timeline"
)

func TestRunQueue(t *testing.T) {
	tests := []struct {
		name string
		cfg  QueueConfig
	}{
		{"zero config", QueueConfig{}},
		{"unbuffered", QueueConfig{Items: 20, Buffer: 0}},
		{"buffer 1", QueueConfig{Items: 20, Buffer: 1}},
		{"buffer 10", QueueConfig{Items: 20, Buffer: 10}},
		{"unbuffered slow consumer", QueueConfig{Items: 10, Buffer: 0, ConsumerDelay: ms}},
		{"buffer 1 slow producer", QueueConfig{Items: 10, Buffer: 1, ProducerDelay: ms}},
		{"buffer 10 slow consumer", QueueConfig{Items: 10, Buffer: 10, ProducerDelay: ms, ConsumerDelay: 2 * ms}},
		{"buffer larger than items", QueueConfig{Items: 3, Buffer: 100}},
		{"many items", QueueConfig{Items: 2000, Buffer: 10}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			recorders(t, func(t *testing.T, rec *timeline.Recorder) {
				res, err := RunQueue(context.Background(), tt.cfg, rec)
				if err != nil {
					t.Fatalf("RunQueue: %v", err)
				}
				checkQueue(t, tt.cfg, res)
				if want := inOrder(tt.cfg.Items); res.Produced != tt.cfg.Items || !slices.Equal(res.Consumed, want) {
					t.Errorf("produced %d, consumed %v; want %d, and %v", res.Produced, res.Consumed, tt.cfg.Items, want)
				}
				if res.Left != 0 {
					t.Errorf("left = %d; want 0: the consumer drains the queue", res.Left)
				}
				if !res.Closed {
					t.Error("the consumer's loop did not end by the close")
				}
				checkQueueEvents(t, rec, tt.cfg.Items)
			})
		})
	}
}

func inOrder(n int) []int {
	s := make([]int, n)
	for i := range s {
		s[i] = i
	}
	return s
}

// checkQueue checks what holds on every run, stopped or not: nothing lost,
// nothing duplicated, order kept, the queue within its capacity, and both
// goroutines gone.
func checkQueue(t *testing.T, cfg QueueConfig, res QueueResult) {
	t.Helper()
	if got := len(res.Consumed) + res.Left; got != res.Produced {
		t.Errorf("consumed %d + left %d = %d; want produced %d", len(res.Consumed), res.Left, got, res.Produced)
	}
	if want := inOrder(len(res.Consumed)); !slices.Equal(res.Consumed, want) {
		t.Errorf("consumed %v; want %v, in order", res.Consumed, want)
	}
	if res.MaxQueueLen > cfg.Buffer {
		t.Errorf("the queue held %d items; want ≤ its capacity %d", res.MaxQueueLen, cfg.Buffer)
	}
	if res.Exited != 2 {
		t.Errorf("%d goroutines exited; want 2", res.Exited)
	}
}

// checkQueueEvents checks the recorded run: the consumer ended after its
// last get, which was the last item; every goroutine is done. (The Close
// event is recorded just after close(ch), so a consumer's end may be
// recorded before it: the queue's Closed flag is checked instead.)
func checkQueueEvents(t *testing.T, rec *timeline.Recorder, items int) {
	t.Helper()
	if rec == nil {
		return
	}
	checkAllDone(t, rec, 2)
	s := rec.Snapshot(0)
	var consumer int32 = -1
	for i, g := range s.Goroutines {
		if g.Name == "consumer" {
			consumer = int32(i)
		}
	}
	lastGet, end := -1, -1
	var lastItem int64 = -1
	for i, e := range s.Events {
		switch {
		case e.Kind == timeline.Get:
			lastGet, lastItem = i, e.Value
		case e.Kind == timeline.GoEnd && e.G == consumer:
			end = i
		}
	}
	if end < lastGet || lastItem != int64(items-1) {
		t.Errorf("events: last get #%d of item %d, consumer's end #%d; want the end after the get of item %d", lastGet, lastItem, end, items-1)
	}
	if q := s.Queues[0]; q.WaitingPut != 0 || q.WaitingGet != 0 || !q.Closed {
		t.Errorf("after the run: %d waiting to put, %d to get, closed %v; want 0, 0, true", q.WaitingPut, q.WaitingGet, q.Closed)
	}
}

// TestRunQueueTiming checks with a fake clock that the consumer exits only
// after the last item, whatever the buffer: its last get is that item, and
// the run lasts until it has been processed.
func TestRunQueueTiming(t *testing.T) {
	for _, buffer := range []int{0, 1, 10} {
		for _, cdelay := range []time.Duration{0, 150 * ms} {
			t.Run(fmt.Sprintf("buffer=%d/cdelay=%v", buffer, cdelay), func(t *testing.T) {
				recorders(t, func(t *testing.T, rec *timeline.Recorder) {
					synctest.Test(t, func(t *testing.T) {
						cfg := QueueConfig{Items: 10, Buffer: buffer, ProducerDelay: 100 * ms, ConsumerDelay: cdelay}
						res, err := RunQueue(context.Background(), cfg, rec)
						if err != nil {
							t.Fatal(err)
						}
						checkQueue(t, cfg, res)
						if len(res.Consumed) != 10 {
							t.Fatalf("consumed %v; want all 10", res.Consumed)
						}
						// A producer putting every 100ms and a consumer
						// that needs cdelay per item: the first item
						// arrives at 100ms, and from then on the slower of
						// the two sets the pace.
						want := 100*ms + 9*max(100*ms, cdelay) + cdelay
						// On js/wasm, timeline's pacer pauses a goroutine
						// for 1ms when the clock moved 10ms since its last
						// pause (it keeps a one-thread page responsive);
						// with a fake clock that moves 100ms at a time,
						// a zero-delay consumer triggers it.
						slack := time.Duration(0)
						if runtime.GOARCH == "wasm" {
							slack = 10 * ms
						}
						if res.Elapsed < want || res.Elapsed > want+slack {
							t.Errorf("run took %v; want %v", res.Elapsed, want)
						}
						checkQueueEvents(t, rec, cfg.Items)
					})
				})
			})
		}
	}
}

// TestRunQueueCancel stops a run midway, on a fake clock and with real
// time: RunQueue returns promptly with context.Canceled, nothing is lost,
// and both goroutines have exited.
func TestRunQueueCancel(t *testing.T) {
	t.Run("fake clock", func(t *testing.T) {
		recorders(t, func(t *testing.T, rec *timeline.Recorder) {
			synctest.Test(t, func(t *testing.T) {
				ctx, cancel := context.WithCancel(context.Background())
				defer cancel()
				time.AfterFunc(550*ms, cancel)
				cfg := QueueConfig{Items: 10, Buffer: 10, ProducerDelay: 100 * ms, ConsumerDelay: 200 * ms}
				res, err := RunQueue(ctx, cfg, rec)
				if !errors.Is(err, context.Canceled) {
					t.Errorf("err = %v; want context.Canceled", err)
				}
				checkQueue(t, cfg, res)
				if res.Closed {
					t.Error("a stopped run's consumer said its loop ended by the close")
				}
				// Puts at 100…500ms; gets at 100, 300, 500ms.
				if res.Produced != 5 || len(res.Consumed) != 3 || res.Left != 2 || res.Elapsed != 550*ms {
					t.Errorf("produced %d, consumed %v, left %d after %v; want 5, three, 2 after 550ms",
						res.Produced, res.Consumed, res.Left, res.Elapsed)
				}
			})
		})
	})
	t.Run("real time", func(t *testing.T) {
		recorders(t, func(t *testing.T, rec *timeline.Recorder) {
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			stop := cancelAfter(30*ms, cancel)
			cfg := QueueConfig{Items: 1000, Buffer: 1, ProducerDelay: ms, ConsumerDelay: 3 * ms}
			res, err := RunQueue(ctx, cfg, rec)
			if !errors.Is(err, context.Canceled) {
				t.Errorf("err = %v; want context.Canceled", err)
			}
			if late := time.Since(<-stop); late > 100*ms {
				t.Errorf("RunQueue returned %v after the cancel; want < 100ms", late)
			}
			checkQueue(t, cfg, res)
			if res.Produced == 0 || res.Produced == cfg.Items {
				t.Errorf("produced %d; want some of %d before the cancel", res.Produced, cfg.Items)
			}
		})
	})
}
