package app

import (
	"context"
	"errors"
	"testing"
	"time"

	"chanlab/patterns/runner"
)

// fakeRunner is a runner connection that only records whether it was
// closed, and can play dead.
type fakeRunner struct {
	id     int
	closed bool
	dead   bool
}

func (f *fakeRunner) Send(runner.Msg) error   { return nil }
func (f *fakeRunner) Recv() <-chan runner.Msg { return nil }
func (f *fakeRunner) Close() error            { f.closed = true; return nil }
func (f *fakeRunner) alive() bool             { return !f.dead }

// fakeRunners hands out fake runners, numbered in the order started, or
// fails to start one while failStart is set.
func fakeRunners() (*runners, *bool) {
	n := 0
	failStart := false
	return newRunners(func(bool) (runner.Conn, error) {
		if failStart {
			return nil, errors.New("no worker")
		}
		n++
		return &fakeRunner{id: n}, nil
	}), &failStart
}

// TestRunnersOneRunAtATime checks that a run waits for the runner while
// another run has it: the case of a page that starts a run while the page
// it replaced is still stopping one.
func TestRunnersOneRunAtATime(t *testing.T) {
	r, _ := fakeRunners()
	ctx := context.Background()
	first, err := r.take(ctx)
	if err != nil {
		t.Fatal(err)
	}
	got := make(chan runner.Conn)
	go func() {
		c, err := r.take(ctx)
		if err != nil {
			t.Error(err)
		}
		got <- c
	}()
	select {
	case c := <-got:
		t.Fatalf("a second run got %v while the first had it", c)
	case <-time.After(50 * time.Millisecond):
	}
	r.give(first, true)
	var second runner.Conn
	select {
	case second = <-got:
	case <-time.After(5 * time.Second):
		t.Fatal("the second run did not get the runner given back")
	}
	if second != first {
		t.Errorf("the second run got %v, want the sound runner given back, %v", second, first)
	}
	r.give(second, true)
}

// TestRunnersDiscard checks that a runner given back unsound, or found
// dead, is closed and replaced.
func TestRunnersDiscard(t *testing.T) {
	r, _ := fakeRunners()
	ctx := context.Background()
	c1, _ := r.take(ctx)
	r.give(c1, false)
	if !c1.(*fakeRunner).closed {
		t.Error("a runner given back unsound was not closed")
	}
	c2, _ := r.take(ctx)
	if c2 == c1 {
		t.Fatal("a runner given back unsound was handed out again")
	}
	c2.(*fakeRunner).dead = true
	r.give(c2, true)
	c3, _ := r.take(ctx)
	if c3 == c2 || !c2.(*fakeRunner).closed {
		t.Errorf("a dead runner: handed out again %v, closed %v; want a new one, and the dead one closed", c3 == c2, c2.(*fakeRunner).closed)
	}
	r.give(c3, true)
}

// TestRunnersTakeCancelled checks that a run stopped while it waits for
// the runner gives up, and leaves the runner to the run that has it.
func TestRunnersTakeCancelled(t *testing.T) {
	r, _ := fakeRunners()
	held, _ := r.take(context.Background())
	ctx, cancel := context.WithCancel(context.Background())
	errc := make(chan error)
	go func() {
		_, err := r.take(ctx)
		errc <- err
	}()
	time.Sleep(20 * time.Millisecond) // let it wait
	cancel()
	select {
	case err := <-errc:
		if !errors.Is(err, context.Canceled) {
			t.Fatalf("take after cancel: %v, want context.Canceled", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("a take still waits 5 s after its context was cancelled")
	}
	r.give(held, true)
	ctx, cancel = context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if c, err := r.take(ctx); c != held {
		t.Errorf("after a cancelled take: %v, %v; want the runner held before, %v", c, err, held)
	}
}

// TestRunnersStartFails checks that a runner that fails to start leaves
// none taken: the next run tries again.
func TestRunnersStartFails(t *testing.T) {
	r, failStart := fakeRunners()
	*failStart = true
	if _, err := r.take(context.Background()); err == nil {
		t.Fatal("take succeeded with no runner to start")
	}
	*failStart = false
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	c, err := r.take(ctx)
	if err != nil {
		t.Fatalf("take after a failed start: %v", err)
	}
	r.give(c, true)
}

// TestRunnersTakeCancelledWhileStarting checks that a run stopped while
// its runner starts gives up at once, and that the runner, once started,
// serves the next run: no second one starts, none is lost.
func TestRunnersTakeCancelledWhileStarting(t *testing.T) {
	release := make(chan struct{})
	starts := 0
	r := newRunners(func(bool) (runner.Conn, error) {
		starts++
		<-release // the module compiling, the worker loading
		return &fakeRunner{id: starts}, nil
	})
	ctx, cancel := context.WithCancel(context.Background())
	errc := make(chan error)
	go func() {
		_, err := r.take(ctx)
		errc <- err
	}()
	time.Sleep(20 * time.Millisecond) // let it start the runner
	cancel()
	select {
	case err := <-errc:
		if !errors.Is(err, context.Canceled) {
			t.Fatalf("take cancelled while the runner starts: %v, want context.Canceled", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("a take still waits for the runner's start 5 s after its context was cancelled")
	}
	close(release)
	ctx, cancel = context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	c, err := r.take(ctx)
	if err != nil {
		t.Fatalf("the next take: %v", err)
	}
	if id := c.(*fakeRunner).id; id != 1 || starts != 1 {
		t.Errorf("the next take got runner %d, %d started; want the first, started once", id, starts)
	}
	r.give(c, true)
}

// TestExecuteStoppedWhileWaiting checks that a run stopped while another
// run has the runner ends at once, as stopped, and leaves the runner to
// that run.
func TestExecuteStoppedWhileWaiting(t *testing.T) {
	held, err := theRunners.take(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	defer theRunners.give(held, true)
	runCtx, stop := context.WithCancel(context.Background())
	ended := make(chan runEnd)
	go func() {
		// No app.Context: a run that never got the runner dispatches nothing.
		ended <- execute(runCtx, nil, newRunView("prodcons", "", "", ""), "prodcons", "")
	}()
	time.Sleep(20 * time.Millisecond) // let it wait
	stop()
	select {
	case end := <-ended:
		if end.outcome != runner.Stopped {
			t.Errorf("a run stopped while it waited ended %v, want Stopped", end.outcome)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("a run stopped while it waited for the runner still waits 5 s later")
	}
}
