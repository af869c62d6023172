package patterns

import (
	"context"
	"fmt"
	"time"

	"chanlab/patterns/events"
	"chanlab/patterns/timeline"
)

var eventsSpec = Spec{
	ID:     "events",
	Title:  "Events, timers and intervals",
	Topic:  LocksEvents,
	Lesson: "Closing a channel sets the event for every waiter at once; a timed wait gives up at each timeout and waits again, so it counts about set delay ÷ timeout timeouts.",
	Python: "threading.Event with wait(), wait(timeout) and set(); threading.Timer(d, f) and cancel(); a thread repeating work every interval until a stop event",
	InGo:   "In Go an event is a channel that is closed once: close(event) is set(), <-event is wait(), and one close wakes every waiter. A timed wait is a select on the event and a timer; threading.Timer is time.AfterFunc, which the setter stops when it sets the event; the interval is a time.Ticker in a for-select loop that ends when its context is done.",
	Params: []Param{
		{Name: "waiters", Label: "Waiters", Kind: Int, Default: "2", Min: 0, Max: 16, Unit: "goroutines",
			Help: "Goroutines that wait for the event with no timeout: e.wait()."},
		{Name: "timed", Label: "Timed waiters", Kind: Int, Default: "2", Min: 0, Max: 16, Unit: "goroutines",
			Help: "Goroutines that wait with a timeout in a loop, counting timeouts: while not e.wait(timeout)."},
		{Name: "timeout", Label: "Wait timeout", Kind: Duration, Default: "200ms", Min: int64(10 * time.Millisecond), Max: int64(5 * time.Second),
			Help: "How long each timed wait lasts before it gives up and waits again."},
		{Name: "set", Label: "Set delay", Kind: Duration, Default: "1s", Min: 0, Max: int64(10 * time.Second),
			Help: "When the setter sets the event, waking every waiter."},
		{Name: "timer", Label: "Timer delay", Kind: Duration, Default: "500ms", Min: 0, Max: int64(10 * time.Second),
			Help: "When the timer fires, unless the event is set first: the setter then cancels it."},
		{Name: "interval", Label: "Interval", Kind: Duration, Default: "100ms", Min: int64(10 * time.Millisecond), Max: int64(2 * time.Second),
			Help: "Time between the ticks of the repeating interval."},
		{Name: "duration", Label: "Interval duration", Kind: Duration, Default: "1s", Min: 0, Max: int64(10 * time.Second),
			Help: "When the interval is stopped."},
	},
	Source: events.Source,
	Run: func(ctx context.Context, v Values, rec *timeline.Recorder) (Result, error) {
		cfg := events.Config{
			Waiters:      v.Int("waiters"),
			TimedWaiters: v.Int("timed"),
			WaitTimeout:  v.Duration("timeout"),
			SetDelay:     v.Duration("set"),
			TimerDelay:   v.Duration("timer"),
			Interval:     v.Duration("interval"),
			Duration:     v.Duration("duration"),
		}
		r, err := events.Run(ctx, cfg, rec)

		setAt := "not set"
		if r.Set {
			setAt = ms(r.SetAt)
		}
		woke, timeouts := 0, 0
		var lag time.Duration
		for _, w := range r.Waiters {
			timeouts += w.Timeouts
			if w.Set {
				woke++
				lag = max(lag, w.Woke-r.SetAt)
			}
		}
		timer := "cancelled before it fired"
		switch {
		case r.TimerFired:
			timer = "fired at " + ms(r.FiredAt)
		case !r.Set:
			timer = "stopped before it fired"
		}
		return Result{Metrics: []Metric{
			{Name: "set-at", Label: "Event set at", Value: setAt},
			{Name: "woke", Label: "Waiters woken by the set", Value: fmt.Sprintf("%d/%d", woke, len(r.Waiters))},
			{Name: "wake-lag", Label: "Last wake-up after the set", Value: lag.Round(time.Microsecond).String()},
			{Name: "timeouts", Label: "Timeouts (all timed waiters)", Value: fmt.Sprint(timeouts), Lesson: true},
			{Name: "ticks", Label: "Interval ticks", Value: fmt.Sprint(r.Ticks)},
			{Name: "timer", Label: "Timer", Value: timer},
			{Name: "elapsed", Label: "Elapsed", Value: ms(r.Elapsed)},
		}}, err
	},
}
