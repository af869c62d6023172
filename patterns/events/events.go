// Package events is Python's threading.Event, threading.Timer and a
// repeating interval, in Go.
//
// Python: some threads call e.wait() and sleep until the event is set;
// others call e.wait(timeout) in a loop, re-checking e.is_set() and counting
// the timeouts; the main thread calls e.set() after a delay. A
// threading.Timer(d, f) calls f once after d unless it is cancelled, and a
// thread repeats some work every interval until a stop event is set.
//
// Go: a one-shot event is a channel that is closed once: close(event) is
// set(), <-event is wait(), and a receive in a select with a default is
// is_set(). Closing wakes every waiter at once, however many there are. A
// timed wait is a select on the event and a timer, and every blocking wait
// also selects on ctx.Done(), so the Stop button ends it at once. The
// setter, like Python's main thread, owns both the event (it is the only one
// that closes it, so it is closed once) and the timer, a time.AfterFunc that
// it stops when it sets the event. The interval is a time.Ticker in a
// for-select loop that ends when its context, the stop event, is done.
//
// Run returns only when every goroutine it started has returned, including
// the one time.AfterFunc starts for the timer's function: the setter either
// stops the timer before it fires or waits until the fired function has
// handed its work to the run's group.
package events

import (
	"context"
	_ "embed"
	"fmt"
	"time"

	"chanlab/patterns/timeline"
)

// Source is this file, shown beside the running pattern.
//
//go:embed events.go
var Source string

// The periods used when Config leaves them at zero: a zero period would
// make the timed waiters and the interval spin.
const (
	DefaultWaitTimeout = 200 * time.Millisecond
	DefaultInterval    = 100 * time.Millisecond
)

// Config are the knobs. The zero Config is valid: no waiters, the event set
// at once, the timer due at once (it fires, or the setter cancels it first:
// they race), and an interval stopped before its first tick.
type Config struct {
	Waiters      int           // goroutines that wait for the event with no timeout
	TimedWaiters int           // goroutines that wait with a timeout, in a loop
	WaitTimeout  time.Duration // each timed wait; ≤ 0 means DefaultWaitTimeout
	SetDelay     time.Duration // when the setter sets the event
	TimerDelay   time.Duration // when the timer fires, unless the set came first
	Interval     time.Duration // between the ticks of the interval; ≤ 0 means DefaultInterval
	Duration     time.Duration // when the interval is stopped
}

// Waiter is what one waiting goroutine saw.
type Waiter struct {
	Timed    bool          // it waited with a timeout
	Set      bool          // it woke because the event was set (not cancelled)
	Woke     time.Duration // since the run started
	Timeouts int           // timed waits that ended with the event not set
}

// Result is what a run measured. Times are since the run started.
type Result struct {
	Waiters    []Waiter // the forever waiters, then the timed ones
	Set        bool     // the event was set (the run was not cancelled first)
	SetAt      time.Duration
	TimerFired bool // the timer's function ran; otherwise it was stopped first
	FiredAt    time.Duration
	Ticks      int // ticks of the interval before it was stopped
	Elapsed    time.Duration
}

// Run starts the waiters, the setter with its timer, and the interval, and
// returns when all have returned: once the event is set and the interval
// stopped, or at once when ctx is cancelled, in which case it also returns
// ctx's error.
func Run(ctx context.Context, cfg Config, rec *timeline.Recorder) (Result, error) {
	if cfg.WaitTimeout <= 0 {
		cfg.WaitTimeout = DefaultWaitTimeout
	}
	if cfg.Interval <= 0 {
		cfg.Interval = DefaultInterval
	}
	start := time.Now()
	since := func() time.Duration { return time.Since(start) }

	// The event. Only the setter closes it, once.
	event := make(chan struct{})

	var res Result
	res.Waiters = make([]Waiter, max(cfg.Waiters, 0)+max(cfg.TimedWaiters, 0))
	g := timeline.NewGroup(rec)
	for i := range res.Waiters {
		w := &res.Waiters[i] // written only by its goroutine, read after g.Wait
		if i < cfg.Waiters {
			g.Go(ctx, fmt.Sprintf("waiter-%d", i), func(ctx context.Context) error {
				w.Set = waitForever(ctx, event)
				w.Woke = since()
				return nil
			})
			continue
		}
		w.Timed = true
		g.Go(ctx, fmt.Sprintf("timed-waiter-%d", i-cfg.Waiters), func(ctx context.Context) error {
			w.Set, w.Timeouts = waitTimed(ctx, event, cfg.WaitTimeout)
			w.Woke = since()
			return nil
		})
	}

	var fire firing
	g.Go(ctx, "setter", func(ctx context.Context) error {
		res.Set, res.SetAt = set(ctx, event, cfg, g, &fire, since)
		return nil
	})

	// The interval's own stop event: a context that is done after Duration,
	// or as soon as the run is cancelled.
	stopCtx, stop := context.WithTimeout(ctx, cfg.Duration)
	defer stop()
	g.Go(stopCtx, "interval", func(ctx context.Context) error {
		res.Ticks = repeat(ctx, cfg.Interval)
		return nil
	})

	err := g.Wait()
	res.TimerFired, res.FiredAt = fire.ran, fire.at
	res.Elapsed = since()
	if err == nil {
		err = ctx.Err()
	}
	return res, err
}

// waitForever is e.wait(): it waits until the event is set, and reports
// whether it was (false if the run was cancelled first).
func waitForever(ctx context.Context, event <-chan struct{}) bool {
	resume := timeline.Wait(ctx, timeline.Waiting, "event")
	defer resume()
	select {
	case <-event:
		timeline.Logf(ctx, "woke: the event is set")
		return true
	case <-ctx.Done():
		return false
	}
}

// waitTimed is Python's
//
//	while not e.wait(timeout):
//	    timeouts += 1
//
// It waits for the event at most timeout at a time, counting the waits that
// timed out, until the event is set. It reports whether the event was set
// (false if the run was cancelled first) and the timeouts.
func waitTimed(ctx context.Context, event <-chan struct{}, timeout time.Duration) (set bool, timeouts int) {
	// One timer, reset after each timeout. Since Go 1.23 Reset and Stop
	// need no draining of timer.C.
	timer := time.NewTimer(timeout)
	defer timer.Stop()
	on := fmt.Sprintf("event (timeout %v)", timeout)
	for {
		resume := timeline.Wait(ctx, timeline.Waiting, on)
		select {
		case <-event:
			resume()
			timeline.Logf(ctx, "woke: the event is set, after %d timeouts", timeouts)
			return true, timeouts
		case <-timer.C:
			resume()
			// Like e.wait(timeout), which returns the flag: the event may
			// have been set just as the wait timed out.
			if isSet(event) {
				timeline.Logf(ctx, "woke: the event is set, after %d timeouts", timeouts)
				return true, timeouts
			}
			timeouts++
			timeline.Logf(ctx, "timeout %d: not set yet, waiting again", timeouts)
			timer.Reset(timeout)
		case <-ctx.Done():
			resume()
			return false, timeouts
		}
	}
}

// isSet is e.is_set(): a receive that does not wait.
func isSet(event <-chan struct{}) bool {
	select {
	case <-event:
		return true
	default:
		return false
	}
}

// firing is what the timer's function did. It is written before the
// function's channel is closed and read after the setter received from it.
type firing struct {
	ran bool
	at  time.Duration
}

// set is Python's main thread:
//
//	t = threading.Timer(timer_delay, alarm); t.start()
//	time.sleep(set_delay); e.set(); t.cancel()
//
// It reports whether it set the event (false if the run was cancelled
// first), and when. Whatever happens, the timer does not outlive it.
func set(ctx context.Context, event chan<- struct{}, cfg Config, g *timeline.Group, fire *firing, since func() time.Duration) (bool, time.Duration) {
	// time.AfterFunc runs its function in a goroutine of its own, which no
	// one waits for. So the function only starts the alarm in the run's
	// group, where Run waits for it, and then says so by closing fired.
	fired := make(chan struct{})
	timer := time.AfterFunc(cfg.TimerDelay, func() {
		defer close(fired)
		fire.ran, fire.at = true, since()
		g.Go(ctx, "timer", func(ctx context.Context) error {
			timeline.Logf(ctx, "timer fired")
			return nil
		})
	})
	// Whether the event gets set or the run is cancelled, the timer is
	// stopped here, and only here. If Stop is too late, the function has
	// started: wait until it has added the alarm to the group, which it does
	// without blocking. Until then this goroutine is still in the group, so
	// Run's g.Wait cannot return before the alarm is added.
	defer func() {
		if timer.Stop() {
			timeline.Logf(ctx, "timer cancelled before it fired")
		} else {
			<-fired
		}
	}()

	// A delay, not work: shown as waiting, so the setter does not read
	// as busy.
	if timeline.Idle(ctx, cfg.SetDelay, "its delay before set()") != nil {
		return false, 0
	}
	// Time and log first, so that both come before the wake-ups they cause.
	at := since()
	timeline.Logf(ctx, "event set")
	close(event) // set(): wakes every waiter at once
	return true, at
}

// repeat is an interval: it ticks every interval until ctx, its stop event,
// is done, and returns the ticks. It uses a for-select loop rather than
// `for range ticker.C`: Stop does not close ticker.C, so such a loop would
// never end.
func repeat(ctx context.Context, interval time.Duration) (ticks int) {
	ticker := time.NewTicker(interval)
	defer ticker.Stop()
	for {
		resume := timeline.Wait(ctx, timeline.Waiting, "tick")
		select {
		case <-ticker.C:
			resume()
			ticks++
			timeline.Logf(ctx, "tick %d", ticks)
		case <-ctx.Done():
			resume()
			timeline.Logf(ctx, "interval stopped after %d ticks", ticks)
			return ticks
		}
	}
}
