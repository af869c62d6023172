package timeline

import (
	"context"
	"errors"
	"fmt"
	"runtime/debug"
	"sync"
	"time"
)

// Group starts named goroutines and waits for them, like sync.WaitGroup,
// while recording each goroutine's life. A panic in one of them is recovered
// into Wait's error instead of killing the program, which matters most in
// the browser, where a panic ends the run's worker, and the run with it.
type Group struct {
	rec *Recorder
	wg  sync.WaitGroup

	mu   sync.Mutex
	errs []error
}

// NewGroup returns a Group that records into rec (which may be nil).
func NewGroup(rec *Recorder) *Group {
	return &Group{rec: rec}
}

// Go runs f in a new goroutine called name. The context f receives carries
// the goroutine's identity, so queue operations, Sleep and Logf made with it
// are attributed to name. A non-nil error from f, or a panic, is collected
// for Wait.
func (g *Group) Go(ctx context.Context, name string, f func(ctx context.Context) error) {
	t := &tracked{rec: g.rec, id: g.rec.newGoroutine(name), name: name}
	ctx = context.WithValue(ctx, trackedKey{}, t)
	g.wg.Go(func() {
		t.setState(Running, -1) // it has the thread now; it was runnable
		var err error
		defer func() {
			if p := recover(); p != nil {
				err = fmt.Errorf("%s panicked: %v\n%s", name, p, debug.Stack())
			}
			if err != nil {
				g.mu.Lock()
				g.errs = append(g.errs, err)
				g.mu.Unlock()
			}
			t.rec.end(t.id, err)
		}()
		err = f(ctx)
	})
}

// Wait waits until every goroutine started by Go has returned, and returns
// their errors joined.
func (g *Group) Wait() error {
	g.wg.Wait()
	g.mu.Lock()
	defer g.mu.Unlock()
	return errors.Join(g.errs...)
}

type trackedKey struct{}

// tracked is the identity a Group puts into its goroutines' contexts.
type tracked struct {
	rec  *Recorder
	id   int32
	name string

	// pace is only touched by the goroutine itself.
	pace pacer
}

// from returns the goroutine tracked in ctx, or nil. All methods of a nil
// *tracked are no-ops, so untracked callers (tests, the run's own
// goroutine) work unchanged.
func from(ctx context.Context) *tracked {
	t, _ := ctx.Value(trackedKey{}).(*tracked)
	return t
}

func (t *tracked) setState(s State, q int32) {
	if t != nil {
		t.rec.setState(t.id, s, q)
	}
}

func (t *tracked) gid() int32 {
	if t == nil {
		return -1
	}
	return t.id
}

// yield gives the host a turn when this goroutine's last pause is long
// past (see pacer), or the host has waited long for one. Meanwhile the
// goroutine is ready to go on, but the host or another goroutine has the
// thread: it is shown as runnable. On one thread these pauses are where
// CPU-bound goroutines take turns, so a learner sees them take turns
// instead of all running at once.
func (t *tracked) yield(ctx context.Context) {
	if t != nil && t.pace.due() {
		t.setState(Runnable, -1)
		pause(ctx)
		t.setState(Running, -1)
	}
}

// Name returns the name of the goroutine tracked in ctx, or "".
func Name(ctx context.Context) string {
	if t := from(ctx); t != nil {
		return t.name
	}
	return ""
}

// Wait shows the goroutine tracked in ctx as waiting for on, in state s
// (Waiting for an event, a result or a timer; WaitingLock for a lock),
// until it calls the returned resume. The wait itself stays in the
// pattern's code, a plain select or Lock:
//
//	resume := timeline.Wait(ctx, timeline.Waiting, "started event")
//	select {
//	case <-started:
//	case <-ctx.Done():
//	}
//	resume()
func Wait(ctx context.Context, s State, on string) (resume func()) {
	t := from(ctx)
	if t == nil || t.rec == nil {
		return func() {}
	}
	t.rec.wait(t.id, s, on)
	return func() { t.setState(Running, -1) }
}

// Receive receives from ch, a plain channel, as <-ch does, and shows the
// goroutine tracked in ctx as waiting for on while the receive has to wait:
// the recorder sees Queues, not plain channels, and a lane blocked on one
// read as running. Like <-ch it does not watch ctx. A receive that need
// not wait records nothing.
func Receive[T any](ctx context.Context, ch <-chan T, on string) (v T, ok bool) {
	select {
	case v, ok = <-ch:
		return v, ok
	default:
	}
	resume := Wait(ctx, Waiting, on)
	defer resume()
	v, ok = <-ch
	return v, ok
}

// Send sends v on ch, a plain channel, as ch <- v does, shown as Receive
// shows its receive.
func Send[T any](ctx context.Context, ch chan<- T, v T, on string) {
	select {
	case ch <- v:
		return
	default:
	}
	resume := Wait(ctx, Waiting, on)
	defer resume()
	ch <- v
}

// Pace lets the host run when the goroutine tracked in ctx has computed for
// a while without blocking, and returns ctx's error. CPU-bound loops call it
// every few thousand iterations: in the browser, Go has one thread and no
// preemption, and a loop that never blocks holds the run worker's thread,
// deaf to Stop. Natively it only checks ctx.
func Pace(ctx context.Context) error {
	from(ctx).yield(ctx)
	return ctx.Err()
}

// Sleep pauses the calling goroutine for d, the way a pattern simulates
// work, and shows it as sleeping. It returns early with ctx's error when ctx
// is done, so a stopped run never waits out a delay.
func Sleep(ctx context.Context, d time.Duration) error {
	t := from(ctx)
	if d <= 0 {
		t.yield(ctx)
		return ctx.Err()
	}
	t.setState(Sleeping, -1)
	defer t.setState(Running, -1)
	return after(ctx, d)
}

// Idle pauses the calling goroutine for d without working, the way a
// goroutine waits for its next poll, and shows it as waiting for on. Sleep
// is for simulated work, which a lane's busy share counts; a poller that
// slept between polls read as 100% busy. Idle returns early with ctx's
// error when ctx is done.
func Idle(ctx context.Context, d time.Duration, on string) error {
	if d <= 0 {
		from(ctx).yield(ctx)
		return ctx.Err()
	}
	resume := Wait(ctx, Waiting, on)
	defer resume()
	return after(ctx, d)
}

// after returns once d has passed, nil, or ctx is done, with ctx's error.
func after(ctx context.Context, d time.Duration) error {
	timer := time.NewTimer(d)
	defer timer.Stop()
	select {
	case <-timer.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// Logf records a log line for the goroutine tracked in ctx. Formatting is
// skipped when there is no recorder.
func Logf(ctx context.Context, format string, args ...any) {
	t := from(ctx)
	if t != nil && t.rec != nil {
		t.rec.log(t.id, fmt.Sprintf(format, args...))
	}
	t.yield(ctx)
}
