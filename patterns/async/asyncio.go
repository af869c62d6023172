package async

import (
	"context"
	_ "embed"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"chanlab/patterns/timeline"
)

// Source is this file, shown beside the running asyncio pattern.
//
//go:embed asyncio.go
var Source string

// Part selects which of the four asyncio lessons Run runs.
type Part int

// The parts, in the course's order. All runs them one after another.
const (
	All            Part = iota
	Gather              // asyncio.gather: wait for every task
	FirstCompleted      // asyncio.wait(FIRST_COMPLETED), then cancel the pending tasks
	WaitFor             // asyncio.wait_for: a task with a timeout
	Future              // a Future set by one task while another polls it
)

// Config are the knobs. The zero Config is valid: all four parts run, with
// no tasks to gather or race and with instant work.
type Config struct {
	Part     Part
	Gather   []time.Duration // how long each gathered task works (course: 2s, 1s)
	First    []time.Duration // the tasks raced to the first completion (course: 1s, 2s, 3s)
	Task     time.Duration   // the work given to wait_for (course: 5s)
	Timeout  time.Duration   // wait_for's timeout (course: 3s)
	SetAfter time.Duration   // when the future is set
	Poll     time.Duration   // how often the monitor polls the future; ≤ 0 means 1ms
}

// Result is what a run measured, part by part. A part that did not run to
// its end (not selected, or the run was stopped before it or in it) has Ran
// false.
type Result struct {
	Gather  GatherResult
	First   FirstResult
	WaitFor WaitForResult
	Future  FutureResult
	Elapsed time.Duration
}

// GatherResult is the gather part: it takes as long as the longest task.
type GatherResult struct {
	Ran     bool
	Results []string      // in task order, as gather returns them
	Sum     time.Duration // the tasks' work added up: running them one by one
	Elapsed time.Duration
}

// FirstResult is the first-completed part.
type FirstResult struct {
	Ran       bool
	First     string   // the task that completed first
	Cancelled []string // the pending tasks that the cancel stopped
	Finished  []string // the others that completed before the cancel reached them
	Elapsed   time.Duration
}

// WaitForResult is the wait_for part.
type WaitForResult struct {
	Ran      bool
	TimedOut bool // Python raises TimeoutError
	Elapsed  time.Duration
}

// FutureResult is the future part.
type FutureResult struct {
	Ran     bool
	Value   string
	Polls   int           // times the poller found the future not done
	Polled  time.Duration // when the poller got the value
	Awaited time.Duration // when the goroutine that blocked on its future got it
}

// Run runs the selected parts one after another and returns when every
// goroutine it started has exited. When ctx is cancelled, Run stops at once
// and returns ctx's error, with the results of the parts that ran.
func Run(ctx context.Context, cfg Config, rec *timeline.Recorder) (Result, error) {
	start := time.Now()
	var res Result
	// main is Python's `asyncio.run(main())`: it awaits each part in turn.
	// It is a goroutine of its own only so that its waits show in the
	// timeline; Run waits for it.
	g := timeline.NewGroup(rec)
	g.Go(ctx, "main", func(ctx context.Context) error {
		var err error
		selected := func(p Part) bool { return err == nil && (cfg.Part == All || cfg.Part == p) }
		// A part the run was stopped in has figures of a part cut
		// short (a gather that took less than its longest task, a
		// wait_for that did not time out): it did not run, as far as
		// its figures go.
		stoppedIn := func() bool { return err != nil && ctx.Err() != nil }
		if selected(Gather) {
			res.Gather, err = gather(ctx, rec, tasks("gather", cfg.Gather))
			res.Gather.Ran = res.Gather.Ran && !stoppedIn()
		}
		if selected(FirstCompleted) {
			res.First, err = firstCompleted(ctx, rec, tasks("wait", cfg.First))
			res.First.Ran = res.First.Ran && !stoppedIn()
		}
		if selected(WaitFor) {
			res.WaitFor, err = waitFor(ctx, rec, task{name: "slow", d: cfg.Task}, cfg.Timeout)
			res.WaitFor.Ran = res.WaitFor.Ran && !stoppedIn()
		}
		if selected(Future) {
			res.Future, err = future(ctx, rec, cfg.SetAfter, cfg.Poll)
			res.Future.Ran = res.Future.Ran && !stoppedIn()
		}
		return err
	})
	err := g.Wait()
	res.Elapsed = time.Since(start)
	if ctx.Err() != nil {
		err = ctx.Err()
	}
	return res, err
}

// task is the course's coroutine: `await asyncio.sleep(d)`, then return a
// result.
type task struct {
	name string
	d    time.Duration
	err  error // if set, returned after d instead of a result: a task that raises
}

// tasks names one task per duration: prefix-1, prefix-2, …
func tasks(prefix string, ds []time.Duration) []task {
	ts := make([]task, len(ds))
	for i, d := range ds {
		ts[i] = task{name: fmt.Sprintf("%s-%d", prefix, i+1), d: d}
	}
	return ts
}

// run does t's work on the calling goroutine. Its wait watches ctx: in Go,
// cancelling is a request that the work must check, as asyncio's cancel()
// takes effect at the task's next await.
func (t task) run(ctx context.Context) (string, error) {
	timeline.Logf(ctx, "%s: working for %v", t.name, t.d)
	if err := timeline.Sleep(ctx, t.d); err != nil {
		timeline.Logf(ctx, "%s: cancelled (%v)", t.name, context.Cause(ctx))
		return "", err
	}
	if t.err != nil {
		timeline.Logf(ctx, "%s: failed: %v", t.name, t.err)
		return "", t.err
	}
	timeline.Logf(ctx, "%s: done", t.name)
	return t.name + " done", nil
}

// gather runs the tasks concurrently and returns their results in task
// order once every one is done, like `await asyncio.gather(*tasks)`: it
// takes as long as the longest task, not the sum.
//
// The first task to fail cancels the others, as errgroup.WithContext does
// (and Python's TaskGroup; plain gather would let them run on). This is
// errgroup's own mechanism: the tasks share a context that the first error
// cancels, with itself as the cause.
func gather(ctx context.Context, rec *timeline.Recorder, tasks []task) (GatherResult, error) {
	res := GatherResult{Ran: true, Results: make([]string, len(tasks))}
	for _, t := range tasks {
		res.Sum += t.d
	}
	start := time.Now()
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)

	g := timeline.NewGroup(rec)
	for i, t := range tasks {
		g.Go(ctx, t.name, func(ctx context.Context) error {
			r, err := t.run(ctx)
			if err != nil {
				cancel(err) // only the first cause is kept
				return err
			}
			// Each task writes only its own slot, and Wait orders the
			// write before gather reads it.
			res.Results[i] = r
			return nil
		})
	}
	resume := timeline.Wait(ctx, timeline.Waiting, "every task")
	err := g.Wait()
	resume()
	res.Elapsed = time.Since(start)
	if err != nil {
		// The first failure, not the cancellations it caused (a panic
		// cancels nothing, so its error is kept as it is).
		if cause := context.Cause(ctx); cause != nil {
			err = cause
		}
		return res, err
	}
	timeline.Logf(ctx, "gathered %q in %v; one by one would take %v", res.Results, res.Elapsed.Round(time.Millisecond), res.Sum)
	return res, nil
}

// firstCompleted starts the tasks, waits for the first to complete, then
// cancels the others and waits for them too: `done, pending = await
// asyncio.wait(tasks, return_when=FIRST_COMPLETED)`, then t.cancel() for
// each pending task.
//
// Every task sends its outcome on results, which has room for all of them,
// so no send ever blocks and the losers can always return. With an
// unbuffered channel, as in Pike's First (Go Concurrency Patterns, 2012),
// nobody receives the losers' sends: they block forever, a goroutine leak.
// And since cancelling only asks ("A CancelFunc does not wait for the work
// to stop"), firstCompleted waits for the losers before it returns.
func firstCompleted(ctx context.Context, rec *timeline.Recorder, tasks []task) (FirstResult, error) {
	res := FirstResult{Ran: true}
	if len(tasks) == 0 {
		return res, nil
	}
	start := time.Now()
	wctx, cancel := context.WithCancel(ctx)
	defer cancel()

	type outcome struct {
		name string
		err  error
	}
	results := make(chan outcome, len(tasks))
	g := timeline.NewGroup(rec)
	for _, t := range tasks {
		g.Go(wctx, t.name, func(ctx context.Context) error {
			_, err := t.run(ctx)
			results <- outcome{t.name, err} // never blocks: one slot per task
			return nil
		})
	}

	// This receive cannot wait forever: every task sends exactly one
	// outcome, a cancelled one too.
	resume := timeline.Wait(ctx, timeline.Waiting, "first completed")
	first := <-results
	resume()
	if err := ctx.Err(); err != nil {
		g.Wait() // the run was stopped, and with it every task
		return res, err
	}
	res.First, res.Elapsed = first.name, time.Since(start)
	var pending []string
	for _, t := range tasks {
		if t.name != first.name {
			pending = append(pending, t.name)
		}
	}
	timeline.Logf(ctx, "done: %s; pending: %s: cancel them", first.name, strings.Join(pending, ", "))
	cancel()

	resume = timeline.Wait(ctx, timeline.Waiting, "cancelled tasks")
	g.Wait()
	resume()
	// Every task has sent its outcome and returned: the channel's owner
	// closes it, and the losers' outcomes are all in its buffer.
	close(results)
	for o := range results {
		if errors.Is(o.err, context.Canceled) {
			res.Cancelled = append(res.Cancelled, o.name)
		} else {
			res.Finished = append(res.Finished, o.name)
		}
	}
	slices.Sort(res.Cancelled)
	slices.Sort(res.Finished)
	return res, ctx.Err()
}

// waitFor runs t with a timeout, like `await asyncio.wait_for(t, timeout)`,
// and reports whether it timed out (Python raises TimeoutError).
//
// The timeout is a context deadline. When it passes, the task's ctx is done,
// its Sleep returns at once, and waitFor waits for it to return: a timeout
// must never leave the work running on. That needs work that watches its
// ctx. Work that cannot is wrapped: `select { case r := <-c: …; case
// <-ctx.Done(): <-c; return ctx.Err() }`, still waiting for the goroutine
// (the Go blog's Context article does this in httpDo).
func waitFor(ctx context.Context, rec *timeline.Recorder, t task, timeout time.Duration) (WaitForResult, error) {
	res := WaitForResult{Ran: true}
	start := time.Now()
	tctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()

	// wait_for wraps the coroutine in a task; here it runs in a goroutine
	// of its own, which Wait joins. Calling t.run(tctx) directly would do
	// as well: it would just show on main's lane.
	var err error
	g := timeline.NewGroup(rec)
	g.Go(tctx, t.name, func(ctx context.Context) error {
		_, err = t.run(ctx) // read after Wait
		return nil
	})
	resume := timeline.Wait(ctx, timeline.Waiting, "task or timeout")
	g.Wait()
	resume()
	res.Elapsed = time.Since(start)
	// The deadline passed, and not because the whole run was stopped.
	if errors.Is(err, context.DeadlineExceeded) && ctx.Err() == nil {
		res.TimedOut = true
		timeline.Logf(ctx, "TimeoutError: %s did not finish within %v", t.name, timeout)
		return res, nil
	}
	return res, err
}

// future shows a Future in Go: a channel with a buffer of one, written
// once. The setter resolves it after setAfter (fut.set_result); the poller
// checks it on a ticker, as the course's monitor does with `while not
// fut.done(): await asyncio.sleep(poll)`, and counts its polls.
//
// In Go you would not poll. A receive blocks until the value is there,
// costs nothing while it waits and wakes at once: the awaiter does that, on
// a second future the setter resolves at the same moment. (A receive takes
// the value, so a 1-buffered future has one reader; for many readers, close
// a channel instead.)
func future(ctx context.Context, rec *timeline.Recorder, setAfter, poll time.Duration) (FutureResult, error) {
	res := FutureResult{Ran: true}
	if poll <= 0 {
		poll = time.Millisecond
	}
	start := time.Now()
	// Each future is written once, by the setter, into its empty buffer of
	// one: neither send can block.
	polled, awaited := make(chan string, 1), make(chan string, 1)

	g := timeline.NewGroup(rec)
	g.Go(ctx, "setter", func(ctx context.Context) error {
		// A delay, not work: shown as waiting.
		if err := timeline.Idle(ctx, setAfter, "its delay before set_result()"); err != nil {
			return err
		}
		timeline.Logf(ctx, "set_result(%q)", "ready")
		polled <- "ready"
		awaited <- "ready"
		return nil
	})
	// The poller and the awaiter write different fields of res, read after
	// Wait.
	g.Go(ctx, "poller", func(ctx context.Context) error {
		ticker := time.NewTicker(poll)
		defer ticker.Stop()
		for {
			select {
			case v := <-polled: // done() is true
				res.Value, res.Polled = v, time.Since(start)
				timeline.Logf(ctx, "poll: done: %q, after %d polls that found nothing", v, res.Polls)
				return nil
			default:
				res.Polls++
				timeline.Logf(ctx, "poll %d: not done yet", res.Polls)
			}
			// Shown as waiting, as the events lesson's ticker is: the
			// poller does no work until the timer wakes it.
			resume := timeline.Wait(ctx, timeline.Waiting, "next poll")
			select {
			case <-ticker.C:
				resume()
			case <-ctx.Done():
				resume()
				return ctx.Err()
			}
		}
	})
	g.Go(ctx, "awaiter", func(ctx context.Context) error {
		resume := timeline.Wait(ctx, timeline.Waiting, "future")
		select {
		case v := <-awaited:
			resume()
			res.Awaited = time.Since(start)
			timeline.Logf(ctx, "await: %q, woken once", v)
			return nil
		case <-ctx.Done():
			resume()
			return ctx.Err()
		}
	})
	resume := timeline.Wait(ctx, timeline.Waiting, "setter, poller and awaiter")
	err := g.Wait()
	resume()
	return res, err
}
