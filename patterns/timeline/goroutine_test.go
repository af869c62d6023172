package timeline

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync/atomic"
	"testing"
	"testing/synctest"
	"time"
)

func TestGroup(t *testing.T) {
	errA, errC := errors.New("error a"), errors.New("error c")
	type goroutine struct {
		name    string
		f       func(ctx context.Context) error
		wantEnd string // in its GoEnd event's text; "" means no text
	}
	ok := func(context.Context) error { return nil }
	fail := func(err error) func(context.Context) error {
		return func(context.Context) error { return err }
	}
	tests := []struct {
		name       string
		goroutines []goroutine
		wantIs     []error  // errors.Is(Wait(), each)
		wantText   []string // in Wait()'s message
	}{
		{name: "none"},
		{name: "all succeed", goroutines: []goroutine{{"a", ok, ""}, {"b", ok, ""}, {"c", ok, ""}}},
		{
			name:       "errors joined",
			goroutines: []goroutine{{"a", fail(errA), "error a"}, {"b", ok, ""}, {"c", fail(errC), "error c"}},
			wantIs:     []error{errA, errC},
		},
		{
			name: "panic",
			goroutines: []goroutine{
				{"exploder", func(context.Context) error { panic("boom") }, "exploder panicked: boom"},
				{"calm", func(ctx context.Context) error { return Sleep(ctx, time.Millisecond) }, ""},
			},
			wantText: []string{"exploder panicked: boom"},
		},
		{
			name: "panic with an error and an error",
			goroutines: []goroutine{
				{"a", fail(errA), "error a"},
				{"exploder", func(context.Context) error { panic(errC) }, "exploder panicked: error c"},
			},
			wantIs:   []error{errA},
			wantText: []string{"exploder panicked: error c"},
		},
	}
	for _, tt := range tests {
		for _, r := range recorders() {
			t.Run(tt.name+"/"+r.name, func(t *testing.T) {
				rec := r.rec()
				g := NewGroup(rec)
				var returned atomic.Int32
				for _, gr := range tt.goroutines {
					g.Go(t.Context(), gr.name, func(ctx context.Context) error {
						defer returned.Add(1)
						if got := Name(ctx); got != gr.name {
							t.Errorf("Name(ctx) = %q, want %q", got, gr.name)
						}
						return gr.f(ctx)
					})
				}
				err := g.Wait()
				if got, want := int(returned.Load()), len(tt.goroutines); got != want {
					t.Errorf("Wait returned after %d goroutines, want all %d", got, want)
				}
				if wantErr := len(tt.wantIs)+len(tt.wantText) > 0; (err != nil) != wantErr {
					t.Errorf("Wait() = %v, want an error: %v", err, wantErr)
				}
				for _, want := range tt.wantIs {
					if !errors.Is(err, want) {
						t.Errorf("Wait() = %v, want it to wrap %v", err, want)
					}
				}
				for _, want := range tt.wantText {
					if err == nil || !strings.Contains(err.Error(), want) {
						t.Errorf("Wait() = %v, want it to say %q", err, want)
					}
				}
				if rec != nil {
					checkLives(t, rec.Snapshot(0), len(tt.goroutines), func(name string) string {
						for _, gr := range tt.goroutines {
							if gr.name == name {
								return gr.wantEnd
							}
						}
						return ""
					})
				}
			})
		}
	}
}

// checkLives checks that n goroutines were recorded, each started and ended
// once, the end after the start, with the text wantEnd(name), and all are
// done.
func checkLives(t *testing.T, s Snapshot, n int, wantEnd func(name string) string) {
	t.Helper()
	if len(s.Goroutines) != n {
		t.Fatalf("%d goroutines recorded, want %d", len(s.Goroutines), n)
	}
	starts, ends := make([]int, n), make([]int, n)
	for _, e := range s.Events {
		switch e.Kind {
		case GoStart:
			starts[e.G]++
			if name := s.Goroutines[e.G].Name; e.Text != name {
				t.Errorf("start of %s has text %q, want its name", name, e.Text)
			}
		case GoEnd:
			ends[e.G]++
			name := s.Goroutines[e.G].Name
			if starts[e.G] != 1 {
				t.Errorf("%s ended before it started", name)
			}
			if want := wantEnd(name); (want == "") != (e.Text == "") || !strings.Contains(e.Text, want) {
				t.Errorf("end of %s has text %q, want %q", name, e.Text, want)
			}
			if e.State != Done {
				t.Errorf("end of %s has state %v, want done", name, e.State)
			}
		}
	}
	for i, g := range s.Goroutines {
		if starts[i] != 1 || ends[i] != 1 {
			t.Errorf("%s started %d and ended %d times, want once each", g.Name, starts[i], ends[i])
		}
		if g.State != Done || g.Queue != -1 {
			t.Errorf("%s is %v on queue %d, want done on -1", g.Name, g.State, g.Queue)
		}
	}
}

func TestSleep(t *testing.T) {
	tests := []struct {
		name     string
		d        time.Duration
		timeout  time.Duration // if > 0, the context's timeout
		cancelAt time.Duration // if > 0, when the context is cancelled; < 0: before Sleep
		wantErr  error
		wantTook time.Duration
	}{
		{name: "sleeps", d: 2 * time.Second, wantTook: 2 * time.Second},
		{name: "zero", d: 0},
		{name: "negative", d: -time.Second},
		{name: "timeout", d: time.Hour, timeout: 500 * time.Millisecond, wantErr: context.DeadlineExceeded, wantTook: 500 * time.Millisecond},
		{name: "cancelled", d: time.Hour, cancelAt: 250 * time.Millisecond, wantErr: context.Canceled, wantTook: 250 * time.Millisecond},
		{name: "cancelled before", d: time.Second, cancelAt: -1, wantErr: context.Canceled},
		{name: "zero cancelled before", d: 0, cancelAt: -1, wantErr: context.Canceled},
		{name: "timeout after the sleep", d: time.Second, timeout: time.Hour, wantTook: time.Second},
	}
	for _, tt := range tests {
		for _, tracked := range []bool{false, true} {
			t.Run(fmt.Sprintf("%s/tracked=%v", tt.name, tracked), func(t *testing.T) {
				synctest.Test(t, func(t *testing.T) {
					ctx, cancel := context.WithCancel(t.Context())
					defer cancel()
					if tt.timeout > 0 {
						ctx, cancel = context.WithTimeout(ctx, tt.timeout)
						defer cancel()
					}
					switch {
					case tt.cancelAt < 0:
						cancel()
					case tt.cancelAt > 0:
						time.AfterFunc(tt.cancelAt, cancel)
					}
					rec := New(0)
					start := time.Now()
					var err error
					if tracked {
						g := NewGroup(rec)
						g.Go(ctx, "sleeper", func(ctx context.Context) error { return Sleep(ctx, tt.d) })
						err = g.Wait()
					} else {
						err = Sleep(ctx, tt.d)
					}
					if !errors.Is(err, tt.wantErr) {
						t.Errorf("Sleep(%v) = %v, want %v", tt.d, err, tt.wantErr)
					}
					if took := time.Since(start); took != tt.wantTook {
						t.Errorf("Sleep(%v) took %v, want %v", tt.d, took, tt.wantTook)
					}
				})
			})
		}
	}
}

// TestSleepState checks that a sleeping goroutine shows as sleeping, and as
// running once it woke.
func TestSleepState(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		rec := New(0)
		release := make(chan struct{})
		g := NewGroup(rec)
		g.Go(t.Context(), "sleeper", func(ctx context.Context) error {
			if err := Sleep(ctx, time.Second); err != nil {
				return err
			}
			<-release
			return nil
		})
		synctest.Wait()
		if gr := rec.Snapshot(0).Goroutines[0]; gr.State != Sleeping || gr.Since != 0 {
			t.Errorf("while sleeping: %v since %v, want sleeping since 0s", gr.State, gr.Since)
		}
		time.Sleep(time.Second)
		synctest.Wait()
		if gr := rec.Snapshot(0).Goroutines[0]; gr.State != Running || gr.Since != time.Second {
			t.Errorf("after sleeping: %v since %v, want running since 1s", gr.State, gr.Since)
		}
		close(release)
		if err := g.Wait(); err != nil {
			t.Fatal(err)
		}
	})
}

func TestLogf(t *testing.T) {
	tests := []struct {
		name      string
		tracked   bool
		rec       *Recorder
		wantLines int
	}{
		{"tracked", true, New(0), 1},
		{"tracked, nil recorder", true, nil, 0},
		{"untracked", false, nil, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var calls atomic.Int32
			ctx := t.Context()
			logf := func(ctx context.Context) error {
				Logf(ctx, "stored %d from %v", 7, stringer{&calls})
				return nil
			}
			if tt.tracked {
				g := NewGroup(tt.rec)
				g.Go(ctx, "consumer-0", logf)
				if err := g.Wait(); err != nil {
					t.Fatal(err)
				}
			} else {
				logf(ctx)
			}
			if got := int(calls.Load()); got != tt.wantLines {
				t.Errorf("arguments formatted %d times, want %d", got, tt.wantLines)
			}
			s := tt.rec.Snapshot(0)
			var lines []Event
			for _, e := range s.Events {
				if e.Kind == Log {
					lines = append(lines, e)
				}
			}
			if len(lines) != tt.wantLines {
				t.Fatalf("%d log events, want %d", len(lines), tt.wantLines)
			}
			for _, e := range lines {
				if e.Text != "stored 7 from formatted" || s.Goroutines[e.G].Name != "consumer-0" || e.Q != -1 {
					t.Errorf("log event %+v, want %q by consumer-0", e, "stored 7 from formatted")
				}
			}
		})
	}
}

// TestLogfAttribution has several goroutines log their own names: each line
// is attributed to the goroutine that wrote it.
func TestLogfAttribution(t *testing.T) {
	rec := New(0)
	g := NewGroup(rec)
	for i := range 5 {
		g.Go(t.Context(), fmt.Sprintf("worker-%d", i), func(ctx context.Context) error {
			for range 10 {
				Logf(ctx, "%s", Name(ctx))
			}
			return nil
		})
	}
	if err := g.Wait(); err != nil {
		t.Fatal(err)
	}
	s := rec.Snapshot(0)
	n := 0
	for _, e := range s.Events {
		if e.Kind != Log {
			continue
		}
		n++
		if got := s.Goroutines[e.G].Name; got != e.Text {
			t.Errorf("line %q attributed to %s", e.Text, got)
		}
	}
	if n != 50 {
		t.Errorf("%d lines, want 50", n)
	}
}

func TestName(t *testing.T) {
	type key struct{}
	bg := context.Background()
	tests := []struct {
		name   string
		derive func(ctx context.Context) context.Context // applied to the goroutine's ctx
		want   string
	}{
		{"own context", func(ctx context.Context) context.Context { return ctx }, "worker"},
		{"derived", func(ctx context.Context) context.Context {
			ctx, cancel := context.WithCancel(context.WithValue(ctx, key{}, 1))
			cancel()
			return ctx
		}, "worker"},
		{"untracked", func(context.Context) context.Context { return bg }, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got string
			g := NewGroup(nil)
			g.Go(bg, "worker", func(ctx context.Context) error {
				got = Name(tt.derive(ctx))
				return nil
			})
			if err := g.Wait(); err != nil {
				t.Fatal(err)
			}
			if got != tt.want {
				t.Errorf("Name() = %q, want %q", got, tt.want)
			}
		})
	}
	if got := Name(bg); got != "" {
		t.Errorf("Name(Background) = %q, want \"\"", got)
	}
}

// TestNestedGroups checks that a goroutine started from inside another
// carries its own name, not its parent's.
func TestNestedGroups(t *testing.T) {
	rec := New(0)
	outer := NewGroup(rec)
	var inner string
	outer.Go(t.Context(), "parent", func(ctx context.Context) error {
		g := NewGroup(rec)
		g.Go(ctx, "child", func(ctx context.Context) error {
			inner = Name(ctx)
			return nil
		})
		return g.Wait()
	})
	if err := outer.Wait(); err != nil {
		t.Fatal(err)
	}
	if inner != "child" {
		t.Errorf("Name() in the child = %q, want child", inner)
	}
	checkLives(t, rec.Snapshot(0), 2, func(string) string { return "" })
}
