package backlog

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
	const ms = time.Millisecond
	tests := []struct {
		name string
		cfg  Config
	}{
		{"zero config", Config{}},
		{"zero config bounded", Config{Bound: 3}},
		{"unbounded slow consumer", Config{Duration: 50 * ms, ProducerDelay: ms, ConsumerDelay: 5 * ms, Size: 1024}},
		{"unbounded drain", Config{Duration: 30 * ms, ProducerDelay: ms, ConsumerDelay: 2 * ms, Size: 64, Drain: true}},
		{"unbounded fast consumer", Config{Duration: 30 * ms, ProducerDelay: 2 * ms, Size: 16}},
		{"unbounded no delays", Config{Duration: 20 * ms}},
		{"bounded 1", Config{Bound: 1, Duration: 50 * ms, ProducerDelay: ms, ConsumerDelay: 5 * ms, Size: 1024}},
		{"bounded 10 drain", Config{Bound: 10, Duration: 30 * ms, ProducerDelay: ms, ConsumerDelay: 2 * ms, Drain: true}},
		{"bounded no delays", Config{Bound: 10, Duration: 20 * ms, Size: 8}},
		{"negative size and bound", Config{Bound: -1, Duration: 10 * ms, ProducerDelay: ms, Size: -5}},
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
				if tt.cfg.Drain && res.Left != 0 {
					t.Errorf("Left = %d with Drain, want 0", res.Left)
				}
				if withRec {
					checkEvents(t, tt.cfg, res, rec)
				}
			})
		}
	}
}

// checkAccounting checks that every produced item was consumed or counted
// as left, and the figures agree with each other.
func checkAccounting(t *testing.T, cfg Config, res Result) {
	t.Helper()
	if got, want := res.Consumed+res.Left, res.Produced; got != want {
		t.Errorf("consumed %d + left %d = %d, want produced %d", res.Consumed, res.Left, got, want)
	}
	if cfg.Bound > 0 && res.MaxHeld > cfg.Bound {
		t.Errorf("MaxHeld = %d, want ≤ bound %d", res.MaxHeld, cfg.Bound)
	}
	if res.MaxHeld < res.Left || res.MaxHeld > res.Produced {
		t.Errorf("MaxHeld = %d, want between left %d and produced %d", res.MaxHeld, res.Left, res.Produced)
	}
	if want := int64(res.MaxHeld) * int64(max(cfg.Size, 0)); res.MaxBytes != want {
		t.Errorf("MaxBytes = %d, want %d items × %d bytes = %d", res.MaxBytes, res.MaxHeld, cfg.Size, want)
	}
}

// checkEvents checks the recorded run: the held gauges agree with each
// other and with the result, the queue never exceeds its bound, and every
// goroutine ended.
func checkEvents(t *testing.T, cfg Config, res Result, rec *timeline.Recorder) {
	t.Helper()
	s := rec.Snapshot(0)
	if s.Dropped != 0 {
		t.Fatalf("ring dropped %d events; the test needs them all", s.Dropped)
	}
	started, ended := 0, 0
	var items []int64
	for _, e := range s.Events {
		switch e.Kind {
		case timeline.GoStart:
			started++
		case timeline.GoEnd:
			ended++
		case timeline.Put, timeline.Get:
			if int(e.Len) > cfg.Bound {
				t.Errorf("queue length %d > bound %d at %v", e.Len, cfg.Bound, e.At)
			}
		case timeline.Measure:
			if s.Gauges[e.Q].Name == "held" {
				items = append(items, e.Value)
			} else if want := int64(len(items)) - 1; want < 0 || items[want]*int64(max(cfg.Size, 0)) != e.Value {
				t.Errorf("held bytes %d does not follow held items %v × %d", e.Value, items[max(want, 0):], cfg.Size)
			}
		}
	}
	want := 2 // producer, consumer
	if cfg.Bound <= 0 {
		want = 3 // and the buffer
		if len(s.Gauges) != 2 {
			t.Fatalf("gauges = %+v, want held and held bytes", s.Gauges)
		}
		if got := int(s.Gauges[0].Max); got != res.MaxHeld {
			t.Errorf("held gauge max = %d, MaxHeld = %d", got, res.MaxHeld)
		}
		if got := s.Gauges[0].Value; len(items) > 0 && got != int64(res.Left) {
			t.Errorf("held gauge ends at %d, Left = %d", got, res.Left)
		}
		// Each step of the buffer moves one item in or out.
		for i := 1; i < len(items); i++ {
			if d := items[i] - items[i-1]; d != 1 && d != -1 {
				t.Errorf("held went from %d to %d in one step", items[i-1], items[i])
			}
		}
	} else if len(s.Queues) != 1 || s.Queues[0].MaxLen != res.MaxHeld {
		t.Errorf("queues = %+v, want one with max length %d", s.Queues, res.MaxHeld)
	}
	if started != want || ended != want {
		t.Errorf("%d goroutines started and %d ended, want %d", started, ended, want)
	}
	for _, g := range s.Goroutines {
		if g.State != timeline.Done {
			t.Errorf("%s is %v after Run returned, want done", g.Name, g.State)
		}
	}
}

// TestBacklogGrows checks the lesson on a fake clock: with a producer at
// 100 items/s and a consumer at 20 items/s for 1s, the unbounded buffer
// ends up holding about (100 − 20) × 1s = 80 items, and the producer never
// waits; a bound of 10 caps what is held and makes the producer wait.
func TestBacklogGrows(t *testing.T) {
	cfg := Config{Duration: time.Second, ProducerDelay: 10 * time.Millisecond, ConsumerDelay: 50 * time.Millisecond, Size: 1024}
	for _, bound := range []int{0, 10} {
		for _, withRec := range []bool{true, false} {
			t.Run(fmt.Sprintf("bound=%d/recorder=%v", bound, withRec), func(t *testing.T) {
				synctest.Test(t, func(t *testing.T) {
					var rec *timeline.Recorder
					if withRec {
						rec = timeline.New(0)
					}
					cfg := cfg
					cfg.Bound = bound
					res, err := Run(context.Background(), cfg, rec)
					if err != nil {
						t.Fatal(err)
					}
					checkAccounting(t, cfg, res)
					if bound == 0 {
						// Items at 10ms, 20ms, … 1s (the last may lose to the
						// deadline); the consumer takes one every 50ms.
						if res.MaxHeld < 78 || res.MaxHeld > 81 || res.Left != res.MaxHeld {
							t.Errorf("MaxHeld = %d, Left = %d; want both ≈ (100−20)/s × 1s = 80", res.MaxHeld, res.Left)
						}
						if res.MaxBytes != int64(res.MaxHeld)*1024 {
							t.Errorf("MaxBytes = %d, want %d × 1 KiB", res.MaxBytes, res.MaxHeld)
						}
						if res.Blocked != 0 {
							t.Errorf("the producer waited %v on the unbounded buffer, want 0", res.Blocked)
						}
					} else {
						if res.MaxHeld != bound {
							t.Errorf("MaxHeld = %d, want the bound %d", res.MaxHeld, bound)
						}
						// The consumer sets the pace: about 21 taken plus 10
						// queued, so the producer waited most of the second.
						if res.Produced > 35 || res.Blocked < 500*time.Millisecond {
							t.Errorf("produced %d, blocked %v; want ≤ 35 and ≥ 500ms", res.Produced, res.Blocked)
						}
					}
				})
			})
		}
	}
}

// TestDrain checks, on a fake clock, that with Drain the consumer works off
// the backlog after the producer stopped, so the run takes longer.
func TestDrain(t *testing.T) {
	for _, bound := range []int{0, 5} {
		t.Run(fmt.Sprintf("bound=%d", bound), func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				res, err := Run(context.Background(), Config{Bound: bound, Duration: 100 * time.Millisecond,
					ProducerDelay: 10 * time.Millisecond, ConsumerDelay: 20 * time.Millisecond, Drain: true}, nil)
				if err != nil {
					t.Fatal(err)
				}
				if res.Left != 0 || res.Consumed != res.Produced {
					t.Errorf("produced %d, consumed %d, left %d; want all consumed", res.Produced, res.Consumed, res.Left)
				}
				if want := time.Duration(res.Consumed) * 20 * time.Millisecond; res.Elapsed < want {
					t.Errorf("Elapsed = %v; %d items at 20ms each take at least %v", res.Elapsed, res.Consumed, want)
				}
			})
		})
	}
}

// TestBufferClose checks the buffer on its own: it takes every item sent
// before in is closed, delivers them in order, closes out and exits.
func TestBufferClose(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		in, out := make(chan item), make(chan item)
		var left []item
		done := make(chan struct{})
		go func() {
			defer close(done)
			left = buffer(t.Context(), in, out, holding{items: timeline.NewGauge(nil, "", ""), bytes: timeline.NewGauge(nil, "", "")})
		}()
		// Nobody receives yet: the buffer still takes every item at once.
		for i := range 5 {
			in <- item{seq: i}
		}
		close(in)
		var got []int
		for it := range out { // ends when the buffer closes out
			got = append(got, it.seq)
		}
		<-done
		if want := []int{0, 1, 2, 3, 4}; !slices.Equal(got, want) || left != nil {
			t.Errorf("got %v, left %v; want %v and nothing left", got, left, want)
		}
	})
}

// TestBufferCancel checks that the buffer exits when its context is done,
// returns what it held, and closes out.
func TestBufferCancel(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		ctx, cancel := context.WithCancel(t.Context())
		in, out := make(chan item), make(chan item)
		held := holding{items: timeline.NewGauge(nil, "", ""), bytes: timeline.NewGauge(nil, "", ""), size: 10}
		var left []item
		done := make(chan struct{})
		go func() {
			defer close(done)
			left = buffer(ctx, in, out, held)
		}()
		for i := range 3 {
			in <- item{seq: i}
		}
		if it := <-out; it.seq != 0 {
			t.Errorf("first item out = %d, want 0", it.seq)
		}
		synctest.Wait() // the buffer is blocked in its select, in still open
		cancel()
		<-done
		if _, ok := <-out; ok {
			t.Errorf("out is still open after the buffer returned")
		}
		if len(left) != 2 || left[0].seq != 1 || left[1].seq != 2 {
			t.Errorf("left = %v, want items 1 and 2", left)
		}
		if held.items.Max() != 3 || held.bytes.Max() != 30 {
			t.Errorf("held max %d items, %d bytes; want 3 and 30", held.items.Max(), held.bytes.Max())
		}
	})
}

func TestRunCancel(t *testing.T) {
	for _, bound := range []int{0, 3} {
		for _, drain := range []bool{false, true} {
			for _, withRec := range []bool{true, false} {
				t.Run(fmt.Sprintf("bound=%d/drain=%v/recorder=%v", bound, drain, withRec), func(t *testing.T) {
					var rec *timeline.Recorder
					if withRec {
						rec = timeline.New(0)
					}
					cfg := Config{Bound: bound, Duration: time.Hour, ProducerDelay: time.Millisecond,
						ConsumerDelay: 5 * time.Millisecond, Size: 100, Drain: drain}
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
					checkAccounting(t, cfg, res)
					if res.Produced == 0 {
						t.Errorf("nothing produced before the cancel")
					}
				})
			}
		}
	}
}

// TestConsumerShownWaiting checks, on a fake clock, that an unbounded run's
// consumer, faster than its producer, is shown waiting for its items on the
// plain channel out, not running: 10 items 20 ms apart, each taken at once.
func TestConsumerShownWaiting(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		rec := timeline.New(0)
		if _, err := Run(t.Context(), Config{Duration: 200 * time.Millisecond, ProducerDelay: 20 * time.Millisecond, Drain: true}, rec); err != nil {
			t.Fatal(err)
		}
		s := rec.Snapshot(0)
		var waited time.Duration
		since := time.Duration(-1)
		for _, e := range s.Events {
			if e.Kind != timeline.GoState || s.Goroutines[e.G].Name != "consumer" {
				continue
			}
			if since >= 0 {
				waited += e.At - since
				since = -1
			}
			if e.State == timeline.Waiting {
				if e.Text != "an item on out" {
					t.Errorf("the consumer waits for %q, want an item on out", e.Text)
				}
				since = e.At
			}
		}
		if waited < 180*time.Millisecond {
			t.Errorf("the consumer was shown waiting for %v of a 200ms run that gave it an item every 20ms", waited)
		}
	})
}
