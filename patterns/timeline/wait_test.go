package timeline

import (
	"context"
	"testing"
	"testing/synctest"
	"time"
)

// TestWaitState checks that Wait shows what a goroutine waits for, and
// that resume makes it running again.
func TestWaitState(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		rec := New(0)
		set := make(chan struct{})
		g := NewGroup(rec)
		g.Go(t.Context(), "waiter", func(ctx context.Context) error {
			resume := Wait(ctx, Waiting, "started event")
			select {
			case <-set:
			case <-ctx.Done():
			}
			resume()
			return nil
		})
		synctest.Wait()
		if gr := rec.Snapshot(0).Goroutines[0]; gr.State != Waiting || gr.On != "started event" || gr.Queue != -1 {
			t.Errorf("while waiting: %v on %q (queue %d), want waiting on the started event", gr.State, gr.On, gr.Queue)
		}
		time.Sleep(time.Second)
		close(set)
		synctest.Wait()
		s := rec.Snapshot(0)
		if gr := s.Goroutines[0]; gr.State != Done || gr.On != "" {
			t.Errorf("after: %v on %q, want done on nothing", gr.State, gr.On)
		}
		var waits, resumes int
		for _, e := range s.Events {
			if e.Kind == GoState && e.State == Waiting && e.Text == "started event" {
				waits++
			}
			if e.Kind == GoState && e.State == Running && e.At == time.Second {
				resumes++
			}
		}
		if waits != 1 || resumes != 1 {
			t.Errorf("%d waiting and %d resume events at 1s, want 1 each", waits, resumes)
		}
		if err := g.Wait(); err != nil {
			t.Fatal(err)
		}
	})
}

func TestWaitUntracked(t *testing.T) {
	resume := Wait(t.Context(), Waiting, "x") // no goroutine in ctx: a no-op
	resume()
}

func TestGauge(t *testing.T) {
	for _, r := range recorders() {
		t.Run(r.name, func(t *testing.T) {
			rec := r.rec()
			g := NewGauge(rec, "backlog", "items")
			for _, v := range []int64{3, 9, 4} {
				g.Set(t.Context(), v)
			}
			if g.Max() != 9 {
				t.Errorf("Max = %d, want 9", g.Max())
			}
			if rec == nil {
				return
			}
			s := rec.Snapshot(0)
			if len(s.Gauges) != 1 || s.Gauges[0] != (GaugeInfo{Name: "backlog", Unit: "items", Value: 4, Max: 9}) {
				t.Errorf("gauges = %+v, want backlog at 4, max 9", s.Gauges)
			}
			var got []int64
			for _, e := range s.Events {
				if e.Kind == Measure && e.Q == 0 {
					got = append(got, e.Value)
				}
			}
			if len(got) != 3 || got[0] != 3 || got[1] != 9 || got[2] != 4 {
				t.Errorf("measure events = %v, want [3 9 4]", got)
			}
		})
	}
}

func TestPace(t *testing.T) {
	ctx, cancel := context.WithCancel(t.Context())
	if err := Pace(ctx); err != nil {
		t.Errorf("Pace = %v before cancel", err)
	}
	cancel()
	if err := Pace(ctx); err != context.Canceled {
		t.Errorf("Pace = %v after cancel, want context.Canceled", err)
	}
}

// TestIdle checks that Idle waits out its time shown as waiting, not as
// sleeping (work), and returns early when ctx is done.
func TestIdle(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		rec := New(0)
		ctx, cancel := context.WithCancel(t.Context())
		defer cancel()
		var first, second error
		g := NewGroup(rec)
		g.Go(ctx, "poller", func(ctx context.Context) error {
			start := time.Now()
			first = Idle(ctx, 10*time.Millisecond, "next poll")
			if d := time.Since(start); d != 10*time.Millisecond {
				t.Errorf("Idle(10ms) took %v", d)
			}
			second = Idle(ctx, time.Hour, "next poll")
			return nil
		})
		time.Sleep(15 * time.Millisecond)
		synctest.Wait()
		if gr := rec.Snapshot(0).Goroutines[0]; gr.State != Waiting || gr.On != "next poll" {
			t.Errorf("while idle: %v on %q, want waiting for the next poll", gr.State, gr.On)
		}
		cancel()
		g.Wait()
		if first != nil || second != context.Canceled {
			t.Errorf("Idle returned %v, then %v when cancelled; want nil, then context.Canceled", first, second)
		}
		for _, e := range rec.Snapshot(0).Events {
			if e.Kind == GoState && e.State == Sleeping {
				t.Error("Idle showed the goroutine sleeping, which counts as work")
			}
		}
	})
}

// TestReceiveAndSend checks that a receive or a send on a plain channel is
// shown waiting only while it has to wait, and delivers as <-ch and ch <- v.
func TestReceiveAndSend(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		rec := New(0)
		ch := make(chan int, 1)
		var got []int
		g := NewGroup(rec)
		g.Go(t.Context(), "getter", func(ctx context.Context) error {
			for {
				v, ok := Receive(ctx, ch, "an item")
				if !ok {
					return nil
				}
				got = append(got, v)
			}
		})
		g.Go(t.Context(), "putter", func(ctx context.Context) error {
			time.Sleep(10 * time.Millisecond) // the getter waits for the first
			Send(ctx, ch, 1, "room")
			Send(ctx, ch, 2, "room")
			close(ch)
			return nil
		})
		synctest.Wait()
		if gr := rec.Snapshot(0).Goroutines[0]; gr.State != Waiting || gr.On != "an item" {
			t.Errorf("the getter before any send: %v on %q, want waiting for an item", gr.State, gr.On)
		}
		g.Wait()
		if len(got) != 2 || got[0] != 1 || got[1] != 2 {
			t.Errorf("received %v, want [1 2]", got)
		}
		for _, e := range rec.Snapshot(0).Events {
			if e.Kind == GoState && e.State == Waiting && e.Text != "an item" && e.Text != "room" {
				t.Errorf("a wait on %q", e.Text)
			}
		}
	})
}
